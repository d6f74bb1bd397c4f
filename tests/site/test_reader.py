"""What a reader on a phone or a desktop gets, in Debian's chromium: layouts that render, readable type and targets,
the district map, an entry's tools, the 404 page, search that puts entries first, and browsing like a case library."""

from __future__ import annotations

import http.server
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from .conftest import ADDRESS, serving
from .test_browser import open_search, result_links, wait_for_results

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 375, "height": 740}, {"width": 1280, "height": 900}
ENTRY = re.compile(r"/(cases|models|figures)/[a-z0-9-]+/?$")

# Every visible text at 12 px or more (SVG text measured as drawn), and at the given width every control at least
# 44 px tall: buttons, fields, and links that stand alone (a link inside a sentence is exempt; a card's link is the
# card, which its ::after covers).
CHECK_SIZES = """() => {
  const shown = (e) => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && !e.closest("[hidden], .zjxn-sr"); };
  const small = [], tiny = [];
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const node = texts.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !shown(element)) continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    const svg = element.closest("svg");
    if (svg) size *= svg.getScreenCTM().a;
    if (size < 11.95) small.push([node.textContent.trim().slice(0, 20), size]);
  }
  for (const control of document.querySelectorAll("a[href], button, input, select, summary")) {
    if (!shown(control)) continue;
    let box = control.getBoundingClientRect();
    if (control.tagName === "A") {
      const stretched = control.closest(".zjxn-stretch");
      if (stretched) box = stretched.getBoundingClientRect();
      else if (getComputedStyle(control).display === "inline"
               && control.parentElement.textContent.trim() !== control.textContent.trim()) continue;
    }
    if ((control.type === "checkbox" || control.type === "radio") && control.closest("label")) box = control.closest("label").getBoundingClientRect();
    if (box.height < 43.5) tiny.push([control.tagName, (control.textContent || control.getAttribute("aria-label") || "").trim().slice(0, 16), Math.round(box.height)]);
  }
  return {small, tiny};
}"""


@pytest.fixture
def tab(browser, site_url):
    """A page at phone or desktop width: tab(PHONE) or tab(DESKTOP)."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        return page

    yield make
    for context in contexts:
        context.close()


def columns(page, selector: str) -> int:
    """How many columns the items of a list sit in: distinct left edges of its visible items."""
    return page.eval_on_selector_all(selector, "items => new Set(items.filter(i => i.offsetParent)"
                                               ".map(i => Math.round(i.getBoundingClientRect().left))).size")


# --- layouts that render (part 3)

@pytest.mark.parametrize("viewport, expected", [(DESKTOP, 3), (PHONE, 1)])
def test_home_theme_cards_are_a_grid(tab, site_url, viewport, expected):
    page = tab(viewport)
    page.goto(site_url)
    assert page.eval_on_selector(".zjxn-grid--themes", "e => getComputedStyle(e).display") == "grid"
    assert columns(page, ".zjxn-grid--themes > li") == expected
    if expected > 1:
        assert columns(page, "#zjxn-home-newest ~ .zjxn-cards > li, .zjxn-section:has(#zjxn-home-newest) .zjxn-cards > li") >= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_the_theme_map_is_a_grid_of_seven_rows_of_three(tab, site_url, viewport):
    page = tab(viewport)
    page.goto(site_url + "themes/")
    assert page.eval_on_selector(".zjxn-map", "e => getComputedStyle(e).display") == "grid"
    rows = page.eval_on_selector_all(".zjxn-map__row", """rows => rows.map(row => {
        const cells = [...row.querySelectorAll('.zjxn-map__sub')].map(c => c.getBoundingClientRect());
        return [new Set(cells.map(c => Math.round(c.top))).size, new Set(cells.map(c => Math.round(c.left))).size];
    })""")
    assert rows == [[1, 3]] * 7  # each theme's three sub-themes side by side, at every width


@pytest.mark.parametrize("url", ["", "cases/sanxia-tianjian-xueyuan/", "browse/", "themes/chanjiao-ronghe/",
                                 "districts/", "stats/", "about/"])
def test_text_is_12px_or_more_and_phone_targets_44px(tab, site_url, url):
    for viewport in (PHONE, DESKTOP):
        page = tab(viewport)
        page.goto(site_url + url, wait_until="networkidle")
        found = page.evaluate(CHECK_SIZES)
        assert found["small"] == [], viewport
        if viewport is PHONE:
            assert found["tiny"] == []


def test_search_dialog_text_and_targets(tab, site_url):
    page = tab(PHONE)
    page.goto(site_url)
    open_search(page, "培训")
    page.click(".zjxn-search__filters summary")
    page.wait_for_selector("label.zjxn-search__choice")
    found = page.evaluate(CHECK_SIZES)
    assert found == {"small": [], "tiny": []}


# --- mainland conventions (part 4)

def test_chinese_type_in_system_fonts_with_strong_titles(tab, site_url):
    page = tab(DESKTOP)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "cases/sanxia-tianjian-xueyuan/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"):
        assert font in family
    assert not [url for url in requests if re.search(r"\.(woff2?|ttf|otf)(\?|$)", url)]  # no web font
    weight, colour = page.eval_on_selector("h1", "h => [getComputedStyle(h).fontWeight, getComputedStyle(h).color]")
    assert int(weight) >= 700 and colour in ("rgba(0, 0, 0, 0.87)", "rgb(0, 0, 0)")


def test_light_and_dark_toggle(tab, site_url):
    page = tab(DESKTOP)
    page.goto(site_url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.click("label[title='切换到深色模式']")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"  # remembered


class GitHubPagesLike(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; a missing file gets the site's 404.html with status 404, as GitHub Pages does."""

    site_prefix = "/"

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.site_prefix.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def served_under(site: Path, tmp_path: Path, prefix: str):
    """`site` served at http://127.0.0.1:<port>/<prefix>/, a GitHub project page's base path."""
    root = tmp_path / "pages"
    shutil.copytree(site, root / prefix)
    with serving(root, type("Handler", (GitHubPagesLike,), {"site_prefix": f"/{prefix}/"})) as address:
        yield f"{address}{prefix}/"


@pytest.mark.parametrize("which", ["published", "preview"])
def test_404_is_chinese_styled_and_leads_home_under_any_base_path(tab, built_site, preview_site, tmp_path, which):
    """Published: the address's path is known; preview: the page finds the site's start itself."""
    site, prefix = (built_site, urlsplit(ADDRESS).path.strip("/")) if which == "published" else (preview_site, "some/base")
    with served_under(site, tmp_path, prefix) as base:
        page = tab(PHONE)
        response = page.goto(base + "cases/no-such-entry/deeper/", wait_until="networkidle")
        assert response.status == 404
        assert page.evaluate("document.documentElement.lang") == "zh-CN" and page.inner_text("h1") == "没有找到这个页面"
        assert page.eval_on_selector("header", "h => getComputedStyle(h).backgroundColor") == "rgb(27, 94, 32)"
        page.wait_for_function("document.querySelector('main li a').href.endsWith('/" + prefix + "/')")
        page.click("main li a >> text=浏览与筛选")
        page.wait_for_load_state()
        assert page.url == base + "browse/" and page.locator("h1").inner_text() == "浏览与筛选"
        assert [e for e in page.errors if "status of 404" not in e] == []  # the page itself, and the probes, are 404s


# --- district map (part 5)

def test_district_map_tiles_link_to_their_districts(tab, site_url):
    page = tab(DESKTOP)
    page.goto(site_url + "districts/")
    tiles = page.locator(".zjxn-districtmap__svg a")
    labels = tiles.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    assert "万州 2 个条目（万州区）" in labels and all("个条目" in label for label in labels)
    assert page.locator(".zjxn-districtmap__svg .zjxn-tile").count() == 38
    assert page.locator(".zjxn-districtmap__others a", has_text="全市").count() == 1  # no tile: listed beside
    page.locator(".zjxn-districtmap__svg a[aria-label^='万州']").click()
    page.wait_for_load_state()
    assert page.url.endswith("/districts/wanzhou/") and page.locator("h1").inner_text() == "万州区"
    page.go_back()
    rows = page.locator("table.zjxn-table tbody tr")
    assert rows.count() >= len(labels)  # the table lists every district the map links, and more


# --- an entry people can trust, cite and share (part 6)

def test_entry_tools_copy_link_and_citation_qr_and_print(tab, site_url):
    page = tab(DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_url + "cases/sanxia-tianjian-xueyuan/", wait_until="networkidle")
    address = ADDRESS + "cases/sanxia-tianjian-xueyuan/"
    page.click("[data-zjxn-copy-link]")
    page.wait_for_function("document.querySelector('[data-zjxn-share-status]').textContent.includes('链接已复制')")
    assert page.evaluate("navigator.clipboard.readText()") == address
    citation = page.inner_text("[data-zjxn-citation]")
    assert re.fullmatch(r"示例主办单位（测试）\. 重庆三峡职业学院“田间学院”\[EB/OL\]\. \(2026-12-03\)\[\d{4}-\d{2}-\d{2}\]\. "
                        + re.escape(address) + r"\.", citation), citation
    page.click("[data-zjxn-copy-citation]")
    page.wait_for_function("document.querySelector('[data-zjxn-share-status]').textContent.includes('引用已复制')")
    assert page.evaluate("navigator.clipboard.readText()") == citation
    page.click("[data-zjxn-qr]")
    page.wait_for_selector("#zjxn-qr-panel svg[role=img]")
    assert page.get_attribute("#zjxn-qr-panel svg", "aria-label") == "二维码：" + address
    assert page.get_attribute("[data-zjxn-qr]", "aria-expanded") == "true"
    page.evaluate("window.print = () => { window.printed = true; }")
    page.click("[data-zjxn-print]")
    assert page.evaluate("window.printed") is True
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -400)
    page.wait_for_selector(".md-top:not([hidden])")  # back to top (Material's navigation.top)
    assert page.errors == []


def test_preview_entry_takes_its_address_from_the_browser(tab, preview_site, serve):
    with serve(preview_site) as base:
        page = tab(DESKTOP)
        page.goto(base + "models/tianjian-xueyuan/?from=wechat#top", wait_until="networkidle")
        assert page.inner_text("[data-zjxn-url]") == base + "models/tianjian-xueyuan/"


def test_print_shows_the_entry_alone(tab, site_url):
    page = tab(DESKTOP)
    page.goto(site_url + "cases/sanxia-tianjian-xueyuan/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".zjxn-actions", ".zjxn-crumbs"):
        assert page.eval_on_selector(hidden, "e => getComputedStyle(e).display") == "none", hidden
    assert page.locator("h1").is_visible() and page.locator(".zjxn-sources").is_visible()


# --- search ranks entries first (part 8)

@pytest.mark.parametrize("query", ["万州", "乡村振兴学院", "订单班"])
def test_entries_with_the_phrase_come_before_any_listing_page(page, site_url, query):
    page.goto(site_url)
    open_search(page, query)
    while page.is_visible("[data-zjxn-search-more]"):
        count = page.locator(".zjxn-search__result").count()
        page.click("[data-zjxn-search-more]")
        page.wait_for_function(f"document.querySelectorAll('.zjxn-search__result').length > {count}")
    entries = page.eval_on_selector_all(".zjxn-search__result-title a", "links => links.map(a => a.getAttribute('href'))")
    titles = page.eval_on_selector_all(".zjxn-search__result-title a", "links => links.map(a => a.textContent)")
    assert entries and all(ENTRY.search(link) for link in entries), entries  # the result list holds entries only
    order = page.evaluate("""() => [...document.querySelectorAll('.zjxn-search__result-title a, .zjxn-search__pages a')]
                                    .map(a => a.closest('.zjxn-search__pages') ? 'listing' : 'entry')""")
    assert "entry" not in order[order.index("listing"):] if "listing" in order else True
    holding = []
    for link in dict.fromkeys(entries):
        text = re.sub(r"\s+", "", page.request.get(site_url + link.lstrip("/")).text())
        holding.append(query in text)
    assert holding == sorted(holding, reverse=True), list(zip(titles, holding))  # the phrase first
    assert holding[0]
    for excerpt in page.locator(".zjxn-search__excerpt").all_inner_texts():
        assert not re.match(r"^[\s。，、．.]", excerpt) and "。 " not in excerpt and not re.search(r"[^\x00-\x7f]\. ", excerpt)


def test_type_filter_offers_only_entry_types(page, site_url):
    page.goto(site_url)
    open_search(page, "学院")
    page.click(".zjxn-search__filters summary")
    page.wait_for_selector("label.zjxn-search__choice")
    legends = page.locator(".zjxn-search__facet legend").all_inner_texts()
    assert legends[0] == "类型" and "页面" not in legends
    types = page.locator(".zjxn-search__facet").first.locator("input").evaluate_all("boxes => boxes.map(b => b.value)")
    assert sorted(types) == sorted(["典型案例", "模式", "典型人物"])


def test_home_search_box_and_search_address(tab, site_url):
    page = tab(PHONE)
    page.goto(site_url)
    page.fill("#zjxn-home-q", "熊贵英")
    page.press("#zjxn-home-q", "Enter")
    wait_for_results(page)
    assert page.locator("#zjxn-search-dialog").evaluate("d => d.open") and page.input_value("#zjxn-search-input") == "熊贵英"
    assert result_links(page)[0].rstrip("/").endswith("figures/xiong-guiying")
    other = tab(DESKTOP)
    other.goto(site_url + "themes/?q=" + "订单班")
    wait_for_results(other)
    assert result_links(other)[0].rstrip("/").endswith("models/dingdan-ban")


# --- browse like a case library (part 9)

def results_events(page):
    page.evaluate("window.zjxnEvents = []; document.addEventListener('zjxn:results', e => window.zjxnEvents.push(e.detail))")


def test_browse_filters_counts_sort_and_address(tab, site_url):
    page = tab(DESKTOP)
    page.goto(site_url + "browse/")
    cards = page.locator("#zjxn-browse > li")
    assert cards.count() == 24 and page.is_visible("#zjxn-browse-more")
    first = cards.first
    assert first.get_attribute("data-entry-id") and first.get_attribute("data-entry-type") in ("case", "model", "figure")
    assert first.locator(".zjxn-card__summary").inner_text() and first.locator(".zjxn-badge").count() == 1
    assert page.locator(".zjxn-print-tools[data-print-tools]").count() == 1
    results_events(page)
    page.select_option("select[data-facet=year]", "2023")
    page.wait_for_function("window.zjxnEvents.length === 1")
    assert page.evaluate("window.zjxnEvents[0]") == {"count": 1, "query": "year=2023"}
    assert cards.count() == 1 and "示例案例甲" in cards.first.inner_text() and "2023" in cards.first.inner_text()
    assert "找到 1 个" in page.inner_text("#zjxn-browse-status")
    assert parse_qs(urlsplit(page.url).query) == {"year": ["2023"]}
    level = page.locator("select[data-facet=level] option[value='市级']")
    assert level.inner_text() == "市级（1）"  # counts follow the other filters
    page.select_option("select[data-facet=year]", "")
    page.select_option("select[data-facet=theme]", "赛教融合")
    page.wait_for_function("window.zjxnEvents.length === 3")
    shown = cards.count()
    assert 0 < shown < 31 and page.evaluate("window.zjxnEvents[2].count") == shown
    assert unquote(page.evaluate("window.zjxnEvents[2].query")) == "theme=赛教融合"
    page.select_option("select[data-sort]", "title")
    page.wait_for_function("window.zjxnEvents.length === 4")
    titles = cards.locator(".zjxn-card__title").all_inner_texts()
    assert titles == sorted(titles, key=lambda t: re.sub(r"[\W_]+", "", t).encode("gb18030"))
    assert parse_qs(urlsplit(page.url).query) == {"theme": ["赛教融合"], "sort": ["title"]}
    shared = tab(PHONE)  # the address is the view
    shared.goto(page.url)
    shared.wait_for_function(f"document.querySelectorAll('#zjxn-browse > li').length === {shown}")
    assert shared.locator("#zjxn-browse .zjxn-card__title").all_inner_texts() == titles
    assert shared.input_value("select[data-facet=theme]") == "赛教融合"
    page.click("#zjxn-filters button[type=reset]")
    page.wait_for_function("window.zjxnEvents.length === 5")
    assert page.evaluate("window.zjxnEvents[4]") == {"count": 31, "query": ""}


def test_browse_more_and_completeness_sort(tab, site_url):
    page = tab(PHONE)
    fetched = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path) if "/browse/" in request.url else None)
    page.goto(site_url + "browse/", wait_until="networkidle")
    assert [path for path in fetched if path.endswith(".json")] == []  # nothing but the page until the reader asks
    page.click("#zjxn-browse-more")
    page.wait_for_function("document.querySelectorAll('#zjxn-browse > li').length === 31")
    assert page.is_hidden("#zjxn-browse-more")
    assert sorted(path.rsplit("/browse/", 1)[1] for path in fetched if path.endswith(".json")) == ["cards/0.json", "index.json"]
    ids = page.locator("#zjxn-browse > li").evaluate_all("items => items.map(i => i.dataset.entryId)")
    assert len(set(ids)) == 31
    page.select_option("select[data-sort]", "completeness")
    page.wait_for_function("document.querySelector('#zjxn-browse > li .zjxn-badge').className.includes('complete')")
    badges = page.locator("#zjxn-browse .zjxn-badge").evaluate_all("b => b.map(x => x.className.split('--')[1])")
    rank = {"complete": 0, "basic": 1, "stub": 2}
    assert [rank[b] for b in badges] == sorted(rank[b] for b in badges)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_search_that_cannot_load_tells_the_reader_what_to_do(tab, site_url):
    page = tab(PHONE)
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(site_url)
    page.click("[data-zjxn-search-open]")
    page.fill("#zjxn-search-input", "田间学院")
    page.wait_for_function("document.querySelector('#zjxn-search-status').textContent.includes('暂时无法使用')")
    status = page.inner_text("#zjxn-search-status")
    assert "浏览与筛选" in status and "python" not in status and "build" not in status
