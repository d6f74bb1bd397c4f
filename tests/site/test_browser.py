"""The built site in Debian's chromium: search, filters, phone width, accessibility, nothing from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

import pytest

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def open_search(page, query: str):
    page.click("[data-zjxn-search-open]")
    page.fill("#zjxn-search-input", query)
    wait_for_results(page)


def wait_for_results(page):
    page.wait_for_selector(".zjxn-search__link")
    page.wait_for_function("!document.querySelector('#zjxn-search-status').textContent.startsWith('正在')")


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(".zjxn-search__link", "links => links.map(a => a.getAttribute('href'))")


def test_home_loads_cleanly_and_nothing_leaves_the_machine(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    assert page.locator("h1").first.inner_text() == "职教兴农案例库"
    assert page.locator("li.zjxn-theme-card").count() == 7
    open_search(page, "田间学院")  # loads Pagefind too: its requests must stay local as well
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []
    assert page.outside_requests == []


def test_a_page_does_not_download_the_sitemap(page, site_url):
    """The sitemap grows with the library (1.36 MB at 10,000 entries): no reader's page should fetch it.
    Material fetches the one beside every link[rel=alternate]; the feed's link says "alternate feed"."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "cases/sanxia-tianjian-xueyuan/", wait_until="networkidle")
    assert page.locator('link[type="application/atom+xml"]').get_attribute("rel").split() == ["alternate", "feed"]
    assert [url for url in fetched if "sitemap" in url] == []
    assert len(fetched) > 5  # the page, its styles and scripts were seen


def test_search_finds_the_model_page_first(page, site_url):
    page.goto(site_url + "cases/sanxia-tianjian-xueyuan/")
    open_search(page, "田间学院")
    links = result_links(page)
    assert links and links[0].rstrip("/").endswith("models/tianjian-xueyuan")
    assert page.locator(".zjxn-search__result-title").first.inner_text() == "田间学院"  # no hidden 。


def test_filtering_search_by_theme_narrows_the_results(page, site_url):
    page.goto(site_url)
    open_search(page, "培训")
    total = int(re.search(r"找到 (\d+) 个", page.locator("#zjxn-search-status").inner_text()).group(1))
    page.click(".zjxn-search__filters summary")
    page.locator("label.zjxn-search__choice", has_text="双高辐射").click()
    page.wait_for_function(f"/找到 \\d+ 个/.test(document.querySelector('#zjxn-search-status').textContent)"
                           f" && !/找到 {total} 个/.test(document.querySelector('#zjxn-search-status').textContent)")
    after = int(re.search(r"找到 (\d+) 个", page.locator("#zjxn-search-status").inner_text()).group(1))
    assert 0 < after < total
    for link in result_links(page)[:5]:
        if "#" in link:
            continue
        page_html = page.request.get(site_url + link.lstrip("/")).text()
        assert 'data-pagefind-filter="主题">双高辐射<' in page_html


def test_a_search_downloads_only_the_engine_its_words_and_its_excerpts(page, site_url):
    """No ready-made UI bundle or worker; of the filters, a query loads only 页面 (entries first); the others load
    when the reader opens 筛选."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/pagefind/", 1)[-1].split("?")[0])
            if "/pagefind/" in request.url else None)
    page.goto(site_url, wait_until="networkidle")
    assert fetched == []  # nothing before the reader opens the search
    open_search(page, "熊贵英")
    page.wait_for_load_state("networkidle")
    kinds = {name.split("/")[0] if "/" in name else name.rsplit(".", 1)[-1] for name in fetched}
    assert kinds == {"js", "json", "pf_meta", "pagefind", "index", "fragment", "filter"}, fetched
    assert len([name for name in fetched if name.startswith("filter/")]) == 1  # the 页面 filter's chunk
    assert not any("worker" in name or "-ui" in name for name in fetched)
    before = len(fetched)
    page.click(".zjxn-search__filters summary")
    page.wait_for_selector("label.zjxn-search__choice")
    assert any(name.startswith("filter/") for name in fetched[before:])


def axe_violations(page, context: str | None = None) -> list:
    if not AXE.is_file():
        pytest.skip("node_modules/axe-core is missing: run npm install (bash .ci/install)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async (context) => (await axe.run(context || document)).violations"
                         ".map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))])", context)


def test_search_dialog_has_no_accessibility_violations(page, site_url):
    page.goto(site_url)
    open_search(page, "培训")
    page.click(".zjxn-search__filters summary")
    page.wait_for_selector("label.zjxn-search__choice")
    assert axe_violations(page, "#zjxn-search-dialog") == []  # of any impact


@pytest.mark.parametrize("url", ["", "cases/shili-nianfen-anli-a/", "browse/", "stats/", "themes/"])
def test_phone_width_has_no_horizontal_scroll(browser, site_url, url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    tab = context.new_page()
    tab.goto(site_url + url)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@pytest.mark.parametrize("url", ["", "cases/shili-nianfen-anli-a/", "models/tianjian-xueyuan/", "figures/xiong-guiying/",
                                 "themes/buju-youhua/", "themes/", "browse/", "districts/", "contribute/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(browser, site_url, url, scheme):
    """axe-core finds nothing, of any impact, in either colour scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site_url + url, wait_until="networkidle")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
    assert axe_violations(tab) == []
    context.close()


def listing_links(page) -> list[str]:
    return page.eval_on_selector_all(".zjxn-search__pages a", "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("熊贵英", "figures/xiong-guiying"),
        ("张升平", "figures/zhang-shengping"),
        ("定制乡村振兴产业学院", "models/dingzhi-xiangcun-zhenxing-chanye-xueyuan"),
        ("现代学徒制", "models/xiandai-xuetuzhi"),
        ("乐渝学", "cases/nongcun-laodongli-peixun-leyuxue"),
    ],
)
def test_chinese_names_are_found_in_the_top_results(page, site_url, query, expected):
    page.goto(site_url)
    open_search(page, query)
    pages = [link.split("#")[0].strip("/") for link in result_links(page)]
    top = list(dict.fromkeys(pages))[:3]  # distinct pages, in rank order
    assert any(p.endswith(expected) for p in top), top


@pytest.mark.parametrize(
    "query, expected",
    [
        ("重庆财经职业学院", "institutions/cq-caijing-zhiye-xueyuan"),
        ("赛教融合", "themes/saijiao-ronghe"),
        ("双高辐射", "themes/shuanggao-fushe"),
        ("万州", "districts/wanzhou"),
    ],
)
def test_listing_pages_are_offered_after_the_entries(page, site_url, query, expected):
    page.goto(site_url)
    open_search(page, query)
    page.wait_for_selector(".zjxn-search__pages a")
    assert any(link.strip("/").endswith(expected) for link in listing_links(page)[:3]), listing_links(page)
