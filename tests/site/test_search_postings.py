"""Common words keep a few positions per page in the search index; everything else is as Pagefind wrote it."""

from __future__ import annotations

import gzip
import random
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from generator.site import pagefind_format as fmt
from generator.site import pagefind_postings as postings
from generator.site.pagefind_format import rewrite_bundle
from generator.site.search import BUNDLE, index_site

ROOT = Path(__file__).resolve().parents[2]
PAGES = 300
RARE_PAGE = 7


SENTENCES = ("学院开展培训。", "乡村振兴需要人才。", "产业发展很快。", "职业教育服务农业。")


def write_pages(site: Path) -> None:
    """PAGES pages that all say 学院 and 乡村 many times, at varying places (over POSTINGS_BYTES of
    positions for each word); one page also says 榨菜."""
    for number in range(PAGES):
        pick = random.Random(number).choice
        body = "".join(pick(SENTENCES) for _ in range(240)) + ("榨菜加工。" * 30 if number == RARE_PAGE else "")
        folder = site / f"p{number:03d}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>条目{number}</title></head>'
            f"<body><main data-pagefind-body><h1>条目{number}</h1><p>{body}</p></main></body></html>",
            encoding="utf-8")
    (site / "index.html").write_text('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>'
                                     "<body></body></html>", encoding="utf-8")


def words_of(bundle: Path) -> dict:
    """word -> its pages, over every index chunk the metadata lists."""
    entry = fmt.read_entry(bundle)
    (info,) = entry["languages"].values()
    meta = fmt.read(fmt.meta_path(bundle, info["hash"]))
    words = {}
    for _, _, chunk in meta[2]:
        for word, pages, _extra in fmt.read(bundle / "index" / f"{chunk}.pf_index")[0]:
            words[word] = pages
    listed = {f"{chunk}.pf_index" for _, _, chunk in meta[2]}
    assert {p.name for p in (bundle / "index").iterdir()} == listed, "index files and metadata disagree"
    return words


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> tuple[Path, Path]:
    """The site indexed as the build does it, and Pagefind's own bundle of the same pages."""
    site = tmp_path_factory.mktemp("postings")
    write_pages(site)
    index_site(site)
    raw = site / "raw-bundle"
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", raw.name,
                           "--silent", "--glob", "p*/index.html"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return site, raw


def test_common_words_keep_their_first_positions_and_the_rest_is_untouched(indexed):
    site, raw = indexed
    before, after = words_of(raw), words_of(site / BUNDLE)
    assert before.keys() == after.keys()
    common = {word for word, pages in before.items() if len(pages) >= PAGES / 2}
    assert {"学院", "乡村", "职业"} <= common
    for word, pages in before.items():
        if word in common:
            expected = [[page, locations[: postings.KEEP], meta] for page, locations, meta in pages]
        else:
            expected = pages
        assert after[word] == expected, word
    assert max(len(locations) for _, locations, _ in before["学院"]) > postings.KEEP  # there was something to cap
    assert len(after["榨菜"][0][1]) > 30  # a rare word keeps every position (and its weight marker)


def test_the_capped_index_downloads_less_for_a_common_word(indexed):
    site, raw = indexed

    def chunk_bytes(bundle: Path, word: str) -> int:
        """Bytes a search downloads for the index chunk holding `word`."""
        for path in (bundle / "index").iterdir():
            if any(entry[0] == word for entry in fmt.read(path)[0]):
                return path.stat().st_size
        raise AssertionError(word)

    assert chunk_bytes(site / BUNDLE, "学院") < chunk_bytes(raw, "学院") / 3


def test_indexing_twice_gives_the_same_bundle(indexed, tmp_path):
    site, _ = indexed
    again = tmp_path / "again"
    write_pages(again)
    index_site(again)

    assert files_of(again / BUNDLE) == files_of(site / BUNDLE)


def files_of(bundle: Path) -> dict:
    return {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


def last_chunk(bundle: Path) -> Path:
    """The chunk the metadata lists last: the others are rewritten before it is read."""
    (info,) = fmt.read_entry(bundle)["languages"].values()
    return bundle / "index" / f"{fmt.read(fmt.meta_path(bundle, info['hash']))[2][-1][2]}.pf_index"


@pytest.mark.parametrize("damage", [
    lambda data: gzip.compress(fmt.SIGNATURE + b"\x81\x81\x83\x62ab\x9f"),  # a layout it does not know
    lambda data: data[: len(data) // 2],  # a cut-off gzip stream
])
def test_a_bundle_it_cannot_read_is_left_as_pagefind_wrote_it(indexed, tmp_path, damage):
    _, raw = indexed
    whole = tmp_path / "whole"
    shutil.copytree(raw, whole)
    assert rewrite_bundle(whole, (postings.cap_common_words,))  # undamaged, it is rewritten: chunks before the last one are capped

    bundle = tmp_path / "bundle"
    shutil.copytree(raw, bundle)
    victim = last_chunk(bundle)
    victim.write_bytes(damage(victim.read_bytes()))
    before = files_of(bundle)
    assert rewrite_bundle(bundle, (postings.cap_common_words,)) is False
    assert files_of(bundle) == before  # what it wrote before the damaged chunk is gone again


def test_another_pagefind_version_is_left_alone(indexed, tmp_path):
    _, raw = indexed
    bundle = tmp_path / "bundle"
    shutil.copytree(raw, bundle)
    fmt.write_entry(bundle, {**fmt.read_entry(raw), "version": "9.0.0"})  # a Pagefind whose layout may differ
    before = files_of(bundle)
    assert rewrite_bundle(bundle, (postings.cap_common_words,)) is False
    assert files_of(bundle) == before


def test_cutting_matches_a_plain_reading_of_every_integer_size():
    """Pages with weight markers, positions of 1, 2, 3, 5 and 9 bytes and long location lists, cut by the
    byte patterns, equal a cut of the decoded lists; spelling variants are copied as they are."""
    shapes = [[-25, 3], [-25, 30, 300, 70000, 5_000_000, 1, 2], [-169, 9, -25, 40, 1, 1], [5] * 12, [],
              [-25] * 6, [2**40, -(2**40), 7, 7, 7], list(range(40)), list(range(300))]
    pages = [[1, shapes[n % len(shapes)], [n % 3] if n % 4 == 0 else []] for n in range(4000)]
    variants = [["乡村", [[0, [-25, 1, 2, 3, 4, 5], []]]]]
    chunk = [[["乡村", pages, variants], ["乡愁", [[0, [-25, 1], []]], []]]]
    capped = postings.cap_chunk(fmt.encode(chunk), common_pages=2)
    expected = [[["乡村", [[p, locations[: postings.KEEP], m] for p, locations, m in pages], variants],
                 ["乡愁", [[0, [-25, 1], []]], []]]]
    assert fmt.decode(capped)[0] == expected
    assert postings.cap_chunk(fmt.encode(chunk), common_pages=5000) is None  # on fewer pages: not common
    short = [[["乡村", [[1, [-25, 3, 4], []] for _ in range(8000)], []]]]
    assert postings.cap_chunk(fmt.encode(short), common_pages=2) is None  # common, but nothing to cut


@pytest.mark.browser
def test_the_capped_index_still_finds_every_page_with_an_excerpt(indexed, browser, serve):
    site, _ = indexed
    with serve(site) as url:
        tab = browser.new_page()
        tab.goto(url)
        found = tab.evaluate("""async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.options({ noWorker: true });
            const common = await pagefind.search('学院');
            const rare = await pagefind.search('榨菜');
            const first = await common.results[0].data();
            const only = await rare.results[0].data();
            return [common.results.length, first.excerpt, rare.results.length, only.url];
        }""")
        tab.close()
    assert found[0] == PAGES
    assert "<mark>学院</mark>" in found[1]
    assert found[2] == 1 and found[3].rstrip("/").endswith(f"p{RARE_PAGE:03d}")


def search_page(site: Path) -> str:
    """The site's own search dialog (its partial, rendered here without Material) and script, on a page of its own."""
    partial = (ROOT / "overrides/partials/zjxn-search.html").read_text(encoding="utf-8")
    loader = jinja2.DictLoader({"search": partial, ".icons/material/magnify.svg": ""})
    environment = jinja2.Environment(loader=loader)
    environment.filters["url"] = lambda path: "/" + path
    shutil.copyfile(ROOT / "docs/assets/js/search.js", site / "search.js")
    (site / "search.html").write_text(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>搜索</title></head><body>'
        + environment.get_template("search").render(base_url="") + '<script src="/search.js"></script></body></html>',
        encoding="utf-8")
    return "search.html"


@pytest.mark.browser
def test_excerpts_mark_every_occurrence_of_common_words(indexed, browser, serve):
    """The index keeps only a few positions of 学院 and 乡村 per page, so Pagefind's own excerpts leave some
    unmarked; the site's dialog marks every occurrence of the query's words."""
    site, _ = indexed
    words = ("学院", "乡村")

    with serve(site) as url:
        tab = browser.new_page()
        tab.goto(url + search_page(site))
        raw = tab.evaluate("""async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.options({ noWorker: true });
            const found = await pagefind.search('乡村学院');
            const pages = await Promise.all(found.results.slice(0, 5).map(result => result.data()));
            return pages.map(page => page.excerpt.replace(/<mark>[^<]*<\\/mark>/g, '|'));
        }""")
        tab.click("[data-zjxn-search-open]")
        tab.fill("#zjxn-search-input", "乡村学院")
        tab.wait_for_selector(".zjxn-search__excerpt mark")
        shown = tab.eval_on_selector_all(".zjxn-search__result > .zjxn-search__excerpt", """nodes => nodes.map(node =>
            Array.from(node.childNodes).filter(child => child.nodeType === Node.TEXT_NODE).map(child => child.textContent).join("|"))""")
        tab.close()
    assert any(word in text for text in raw for word in words), raw  # Pagefind alone leaves some unmarked
    assert len(shown) == 5
    assert not any(word in text for text in shown for word in words), shown
