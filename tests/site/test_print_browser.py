"""Trainers' booklets on the public site, in Debian's chromium: choose on browse, lay out on print/, print to PDF.

The PDFs are Chromium's own (`page.pdf()`), read with pdftotext, pdffonts and pdfinfo; the QR codes are
read back from the printed pages with zbarimg.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from generator.content.library import load_library
from generator.packs.select import describe, parse_selection, select_entries
from generator.site.urls import entry_url

from .conftest import ROOT, run_generator, serving

pytestmark = pytest.mark.browser

SITE_URL = "https://zjxn.example.cn/"
FINAL = ("ready", "error", "empty", "none", "invalid", "confirm")


@pytest.fixture(scope="module")
def library(content_root):
    return load_library(content_root).library


@pytest.fixture(scope="module")
def print_site(content_root, tmp_path_factory):
    """The test content built with a public address, served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("print-site") / "site"
    done = run_generator("build", "--root", str(content_root), "--out", str(out), "--no-packs", "--site-url", SITE_URL)
    assert done.returncode == 0, done.stdout + done.stderr
    with serving(out) as url:
        yield url


@pytest.fixture(scope="module")
def bare_site(content_root, tmp_path_factory):
    """The same content built with no public address (a preview: mkdocs.yml takes it from the deploy only)."""
    out = tmp_path_factory.mktemp("bare-site") / "site"
    done = run_generator("build", "--root", str(content_root), "--out", str(out), "--no-packs")
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'data-site-url=""' in (out / "print" / "index.html").read_text(encoding="utf-8")
    with serving(out) as url:
        yield url


@pytest.fixture
def tab(browser):
    """A page that records console errors, dialogs and every request that leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors, page.outside_requests, page.dialogs = [], [], []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith("http://127.0.0.1:") else page.outside_requests.append(r.url))
    yield page
    context.close()


def wait_done(page) -> str:
    page.wait_for_function(f"{list(FINAL)}.includes(document.querySelector('[data-print]')?.dataset.state)")
    return page.get_attribute("[data-print]", "data-state")


def booklet(page, script: str):
    """Evaluate `script` with `root` the booklet's shadow root."""
    return page.evaluate(f"(() => {{ const root = document.querySelector('[data-print-booklet]').shadowRoot; {script} }})()")


def chosen_ids(page) -> list[str]:
    return booklet(page, "return [...root.querySelectorAll('.zjxn-booklet > [data-entry-id]')].map(a => a.dataset.entryId);")


def contents(page) -> dict[str, int]:
    """Entry id -> the page number its contents line gives."""
    return dict(booklet(page, """return [...root.querySelectorAll('.zjxn-contents__link')].map(a =>
        [root.getElementById(a.getAttribute('href').slice(1)).dataset.entryId,
         Number(a.querySelector('.zjxn-contents__page').textContent)]);"""))


def printed(page, path: Path) -> list[str]:
    """The page printed by Chromium to `path`; the text of each PDF page."""
    page.pdf(path=str(path), prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def qr_on(pdf: Path, number: int, tmp_path: Path) -> list[str]:
    image = tmp_path / f"page-{number}"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", str(number), "-l", str(number), str(pdf), str(image)],
                   check=True)  # fmt: skip
    found = subprocess.run(["zbarimg", "-q", "--raw", f"{image}.png"], capture_output=True, text=True, check=False)
    return found.stdout.split()  # zbarimg exits 4 when it finds no code: an empty list, which the caller refuses


def check_booklet(page, pdf: Path, entries, tmp_path: Path, with_codes: bool = True) -> list[str]:
    """What trainers rely on in the printed booklet of `entries`; returns the PDF's page texts."""
    pages = printed(page, pdf)
    numbers = contents(page)
    assert set(numbers) == {e.id for e in entries}
    assert page.get_attribute("[data-print]", "data-pages") == str(len(pages))
    front = min(numbers.values()) - 1  # the cover, then the contents
    assert front >= 2 and "目录" in pages[1]
    printed_numbers = [int(n) for text in pages[1:front] for line in lines(text) for n in re.findall(r"\s(\d+)$", line)]
    assert printed_numbers == [numbers[e.id] for e in entries]  # the contents as printed, line by line
    for entry in entries:
        start = numbers[entry.id]
        here = lines(pages[start - 1])
        assert here[0] == entry.title, (entry.id, start, here[:3])  # its running header
        assert entry.title in "".join(here[1:5]), (entry.id, here[:5])  # and its title: the entry starts on that page
        assert lines(pages[start - 2])[0] != entry.title  # and not before it
        if with_codes:
            assert qr_on(pdf, start, tmp_path) == [SITE_URL + entry_url(entry)]
    starts = [i + 1 for i, text in enumerate(pages[front:], front) if lines(text) and
              (i == front or lines(pages[i - 1])[0] != lines(text)[0])]  # fmt: skip
    assert starts == sorted(numbers.values())  # every entry once, and nothing else after the front pages
    assert "\ufffd" not in "".join(pages)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded
    return pages


def test_a_booklet_chosen_with_the_browse_filters_prints_as_trainers_need(tab, print_site, library, tmp_path):
    tab.goto(print_site + "browse/")
    tab.select_option("select[data-facet=completeness]", "stub")
    tab.wait_for_function("document.querySelector('#zjxn-browse-status').textContent.startsWith('找到')")
    tab.check(".zjxn-print-tools input[value=results]")
    assert not tab.is_visible(".zjxn-print-tools__clear")  # nothing ticked, nothing to clear
    expected = select_entries(library, parse_selection({"completeness": ["stub"]}, library))
    assert len(expected) >= 20
    assert tab.inner_text(".zjxn-print-tools__hint") == f"手册将包含 {len(expected)} 个条目。"
    with tab.expect_navigation():
        tab.click("[data-print-go]")
    assert wait_done(tab) == "ready"
    assert tab.url.endswith("print/?completeness=stub")
    assert chosen_ids(tab) == [e.id for e in expected]
    pages = check_booklet(tab, tmp_path / "booklet.pdf", expected, tmp_path)
    text = "".join(pages)
    assert "主题：不限；区县：不限；完整度：待补充" in pages[0] and "https://zjxn.example.cn/" in pages[0]
    assert re.search(r"第 2 页 / 共 \d+ 页", pages[1]) and "第 1 页" not in pages[0]  # no number on the cover
    records = [tab.request.get(print_site + f"print/data/entries/{n}.json").json() for n in range(len(library.published))]
    named = json.dumps([r for r in records if r["id"] in {e.id for e in expected}], ensure_ascii=False)
    for other in (e for e in library.published if e not in expected):
        if other.title not in named:  # no chosen entry names it: it has no business in the booklet
            assert other.title not in text, other.title
    assert tab.console_errors == [] and tab.outside_requests == [] and tab.dialogs == []


def test_ticked_entries_make_the_booklet(tab, print_site, library):
    tab.goto(print_site + "browse/?type=model")
    ticks = tab.locator("[data-entry-id]:not([hidden]) [data-print-pick]")
    ticks.nth(3).check()
    ticks.nth(1).check()
    picked = [tab.locator("[data-entry-id]:not([hidden])").nth(i).get_attribute("data-entry-id") for i in (3, 1)]
    assert tab.get_attribute("[data-print-go]", "href").endswith("print/?ids=" + ",".join(picked))
    with tab.expect_navigation():
        tab.click("[data-print-go]")
    assert wait_done(tab) == "ready"
    assert chosen_ids(tab) == sorted(picked)  # in the booklet's order: types, then ids
    assert tab.console_errors == [] and tab.outside_requests == []


SELECTIONS = [
    {"theme": ["产教融合"]},  # a theme with its sub-themes
    {"theme": ["职业技能培训"]},  # an alias
    {"theme": ["以赛促教，菜单施训"]},  # OR within one selector
    {"district": ["万州"]},
    {"type": ["典型案例"], "completeness": ["待补充"]},  # AND across selectors, by their labels
    {"model": ["田间学院"]},  # the model and the entries naming it
    {"year": ["2023年"]},
    {"institution": ["市教委", "重庆三峡职业学院"]},
    {"ids": ["tianjian-xueyuan,xiong-guiying"], "type": ["model"]},
]


@pytest.mark.parametrize("raw", SELECTIONS, ids=[urlencode(s, doseq=True) for s in SELECTIONS])
def test_the_page_chooses_what_the_pack_command_chooses(tab, print_site, library, raw):
    selection = parse_selection(raw, library)
    expected = [e.id for e in select_entries(library, selection)]
    tab.goto(print_site + "print/?" + urlencode(raw, doseq=True))
    assert wait_done(tab) == ("ready" if expected else "none")
    if expected:
        assert chosen_ids(tab) == expected
        assert booklet(tab, "return root.querySelector('[data-slot=selection]').textContent;") == describe(selection, library)
    assert tab.console_errors == []


def test_unknown_ids_and_hostile_values_are_listed_and_inert(tab, print_site):
    payloads = ['<script>window.pwned = 1</script>', '"><img src=x onerror="window.pwned = 2">', "no-such-entry"]
    title = '<img src=x onerror="window.pwned = 3">'
    tab.goto(print_site + "print/?" + urlencode({"ids": ",".join(payloads + ["tianjian-xueyuan"]), "title": title}))
    assert wait_done(tab) == "ready"
    listed = tab.locator("[data-print-unknown] li").all_inner_texts()
    assert listed == ['<script>window.pwned = 1</script>', '"><img src=x onerror="window.pwned = 2">', "no-such-entry"]
    assert tab.is_visible("text=以下编号不存在")
    assert chosen_ids(tab) == ["tianjian-xueyuan"]
    assert booklet(tab, "return root.querySelector('.zjxn-cover__title').textContent;") == title
    assert tab.evaluate("window.pwned") is None
    assert tab.locator("img[src=x]").count() == 0 and booklet(tab, "return root.querySelectorAll('img[src=x]').length;") == 0
    assert tab.locator("[data-print] script:not([src])").count() == 0
    tab.goto(print_site + "print/?" + urlencode({"theme": "<script>window.pwned = 4</script>", "district": "万州"}))
    assert wait_done(tab) == "invalid"
    assert tab.locator("[data-print-unrecognised] li").all_inner_texts() == ["主题：<script>window.pwned = 4</script>"]
    assert tab.evaluate("window.pwned") is None and tab.dialogs == [] and tab.console_errors == []


def test_an_empty_selection_says_what_to_do(tab, print_site):
    tab.goto(print_site + "print/")
    assert wait_done(tab) == "empty"
    note = tab.locator("[data-print-empty]")
    assert "还没有选择条目" in note.inner_text() and note.locator("a").get_attribute("href") == "../browse/"
    tab.goto(print_site + "print/?district=酉阳")  # a district without entries
    assert wait_done(tab) == "none"
    assert "没有符合条件的条目" in tab.inner_text("[data-print-none]")


def test_a_selection_above_the_limit_asks_first(tab, print_site, library):
    page = tab.request.get(print_site + "print/").text()
    assert 'data-confirm-above="300"' in page
    # the same page with the limit at 5, so that this small library goes over it
    tab.route(lambda url: url.split("?")[0].endswith("/print/"), lambda route: route.fulfill(body=page.replace('data-confirm-above="300"', 'data-confirm-above="5"'),
                                                       content_type="text/html; charset=utf-8"))  # fmt: skip
    tab.goto(print_site + "print/?type=case")
    assert wait_done(tab) == "confirm"
    count = len(select_entries(library, parse_selection({"type": ["case"]}, library)))
    assert tab.inner_text("[data-print-count]") == str(count)
    assert tab.evaluate("document.querySelector('[data-print-booklet]').shadowRoot") is None  # nothing laid out yet
    tab.click("[data-print-confirm-go]")
    assert wait_done(tab) == "ready" and len(chosen_ids(tab)) == count


def test_a5_and_an_edited_title(tab, print_site, library, tmp_path):
    raw = {"theme": ["赛教融合"]}
    tab.goto(print_site + "print/?" + urlencode(raw, doseq=True))
    assert wait_done(tab) == "ready"
    assert tab.input_value("[data-print-title]") == "赛教融合案例手册"  # as `pack` titles it
    tab.check("input[name=paper][value=A5]")
    tab.wait_for_function("document.querySelector('[data-print-status]').textContent.includes('（A5）')")
    tab.fill("[data-print-title]", "周四培训：以赛促教")
    tab.wait_for_function("location.search.includes('title=')")
    assert "paper=A5" in tab.url
    entries = select_entries(library, parse_selection(raw, library))
    pages = check_booklet(tab, tmp_path / "a5.pdf", entries, tmp_path)
    assert "周四培训：以赛促教" in pages[0]
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", subprocess.run(
        ["pdfinfo", str(tmp_path / "a5.pdf")], capture_output=True, text=True, check=True).stdout)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (420, 595)  # A5


def test_without_a_public_address_no_codes_and_the_cover_says_so(tab, bare_site, library, tmp_path):
    raw = {"theme": ["赛教融合"]}
    tab.goto(bare_site + "print/?" + urlencode(raw, doseq=True))
    assert wait_done(tab) == "ready"
    assert booklet(tab, "return root.querySelectorAll('.zjxn-qr, svg').length;") == 0
    pages = check_booklet(tab, tmp_path / "bare.pdf", select_entries(library, parse_selection(raw, library)), tmp_path,
                          with_codes=False)  # fmt: skip
    assert "本册生成时没有设置站点网址，因此不印在线网址和二维码。" in "".join(lines(pages[0]))  # as the CLI says
    assert "127.0.0.1" not in "".join(pages) and "网址" not in "".join(pages[2:])


def test_an_entry_page_prints_like_a_booklet_page(tab, print_site, library, tmp_path):
    entry = library.get("model", "tianjian-xueyuan")
    tab.goto(print_site + entry_url(entry))
    pages = printed(tab, tmp_path / "entry.pdf")
    first = lines(pages[0])
    assert first[0] == "职教兴农案例库" and entry.title in first[1:4]  # running header, then the entry
    assert all(re.search(rf"第\s*{i}\s*页\s*/\s*共\s*{len(pages)}\s*页", text) for i, text in enumerate(pages, 1))
    text = "".join(pages)
    assert "浏览与筛选" not in text and "搜索" not in text and "相关条目" not in text  # no navigation or site parts
    source = next(s for s in entry.sources if s.url)
    assert f"（{source.url}）" in re.sub(r"\s+", "", text)  # where each source is, written out
    tab.emulate_media(media="print")  # the booklet's facts box, as on a booklet page
    assert tab.evaluate("getComputedStyle(document.querySelector('.zjxn-meta')).backgroundColor") == "rgb(241, 245, 240)"


def test_the_whole_library_on_a5_keeps_its_contents_true(tab, print_site, library, tmp_path):
    """Every entry (tables, lists, images, long and short ones) on the smaller paper: each starts where the contents say."""
    raw = {"type": [t.id for t in library.schema.types]}
    tab.goto(print_site + "print/?" + urlencode(raw, doseq=True) + "&paper=A5")
    assert wait_done(tab) == "ready"
    entries = select_entries(library, parse_selection(raw, library))
    assert len(entries) == len(library.published)
    check_booklet(tab, tmp_path / "all-a5.pdf", entries, tmp_path, with_codes=False)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("path", ["print/?completeness=stub", "print/?ids=no-such-entry,tianjian-xueyuan", "print/",
                                  "browse/?theme=产教融合"])  # fmt: skip
def test_no_accessibility_violations(tab, print_site, path):
    if not AXE.is_file():
        pytest.skip("node_modules/axe-core is missing: run npm install (bash .ci/install)")
    tab.goto(print_site + path)
    if path.startswith("print/"):
        wait_done(tab)
        tab.wait_for_function("!document.querySelector('[data-print-booklet]').shadowRoot"
                              " || performance.getEntriesByName('zjxn-print-whole').length > 0")
    else:
        tab.locator("[data-entry-id]:not([hidden]) [data-print-pick]").first.check()
    tab.add_script_tag(path=str(AXE))
    violations = tab.evaluate("async () => (await axe.run(document)).violations.map(v => [v.id, v.impact, v.nodes.length])")
    assert violations == []
