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
    assert page.locator(".zjxn-part").count() == 7
    open_search(page, "田间学院")  # loads Pagefind too: its requests must stay local as well
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []
    assert page.outside_requests == []


def test_search_finds_the_model_page_first(page, site_url):
    page.goto(site_url + "cases/sanxia-tianjian-xueyuan/")
    open_search(page, "田间学院")
    links = result_links(page)
    assert links and links[0].rstrip("/").endswith("models/tianjian-xueyuan")
    assert page.locator(".zjxn-search__result-title").first.inner_text() == "田间学院"  # no hidden 。


def test_filtering_search_by_theme_narrows_the_results(page, site_url):
    page.goto(site_url)
    open_search(page, "培训")
    total = int(re.search(r"找到 (\d+) 条", page.locator("#zjxn-search-status").inner_text()).group(1))
    page.click(".zjxn-search__filters summary")
    page.locator("label.zjxn-search__choice", has_text="双高辐射").click()
    page.wait_for_function(f"/找到 \\d+ 条/.test(document.querySelector('#zjxn-search-status').textContent)"
                           f" && !/找到 {total} 条/.test(document.querySelector('#zjxn-search-status').textContent)")
    after = int(re.search(r"找到 (\d+) 条", page.locator("#zjxn-search-status").inner_text()).group(1))
    assert 0 < after < total
    for link in result_links(page)[:5]:
        if "#" in link:
            continue
        page_html = page.request.get(site_url + link.lstrip("/")).text()
        assert 'data-pagefind-filter="主题">双高辐射<' in page_html


def test_a_search_downloads_only_the_engine_its_words_and_its_excerpts(page, site_url):
    """No ready-made UI bundle or worker; the filter lists load only when the reader opens 筛选."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/pagefind/", 1)[-1].split("?")[0])
            if "/pagefind/" in request.url else None)
    page.goto(site_url, wait_until="networkidle")
    assert fetched == []  # nothing before the reader opens the search
    open_search(page, "熊贵英")
    page.wait_for_load_state("networkidle")
    kinds = {name.split("/")[0] if "/" in name else name.rsplit(".", 1)[-1] for name in fetched}
    assert kinds == {"js", "json", "pf_meta", "pagefind", "index", "fragment"}, fetched
    assert not any(name.endswith("pf_filter") or "worker" in name or "-ui" in name for name in fetched)
    page.click(".zjxn-search__filters summary")
    page.wait_for_selector("label.zjxn-search__choice")
    assert any(name.startswith("filter/") for name in fetched)


def test_search_dialog_has_no_serious_accessibility_violations(page, site_url):
    if not AXE.is_file():
        pytest.skip("node_modules/axe-core is missing: run npm install (bash .ci/install)")
    page.goto(site_url)
    open_search(page, "培训")
    page.click(".zjxn-search__filters summary")
    page.wait_for_selector("label.zjxn-search__choice")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run('#zjxn-search-dialog')).violations"
                               ".map(v => [v.id, v.impact, v.nodes.length])")
    assert [v for v in violations if v[1] in ("serious", "critical")] == []


def test_browse_filters_work_without_a_server(page, site_url):
    page.goto(site_url + "browse/")
    items = page.locator("#zjxn-browse > li")
    total = items.count()
    assert total == 31 and page.locator("#zjxn-filters").is_visible()
    page.select_option("select[data-facet=year]", "2023")
    visible = page.locator("#zjxn-browse > li:not([hidden])")
    assert visible.count() == 1 and "示例案例甲" in visible.first.inner_text()
    assert "显示 1 / 31" in page.locator("#zjxn-browse-status").inner_text()
    page.select_option("select[data-facet=year]", "")
    page.select_option("select[data-facet=theme]", "赛教融合")
    shown = visible.count()
    assert 0 < shown < total
    assert all("|赛教融合|" in (visible.nth(i).get_attribute("data-theme") or "") for i in range(shown))
    page.click("#zjxn-filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#zjxn-browse > li[hidden]').length === 0")


@pytest.mark.parametrize("url", ["", "cases/shili-nianfen-anli-a/", "browse/", "stats/", "themes/"])
def test_phone_width_has_no_horizontal_scroll(browser, site_url, url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    tab = context.new_page()
    tab.goto(site_url + url)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@pytest.mark.parametrize("url", ["", "cases/shili-nianfen-anli-a/", "themes/buju-youhua/", "browse/"])
def test_no_serious_accessibility_violations(page, site_url, url):
    if not AXE.is_file():
        pytest.skip("node_modules/axe-core is missing: run npm install (bash .ci/install)")
    page.goto(site_url + url)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => [v.id, v.impact, v.nodes.length])")
    assert [v for v in violations if v[1] in ("serious", "critical")] == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("熊贵英", "figures/xiong-guiying"),
        ("张升平", "figures/zhang-shengping"),
        ("定制乡村振兴产业学院", "models/dingzhi-xiangcun-zhenxing-chanye-xueyuan"),
        ("现代学徒制", "models/xiandai-xuetuzhi"),
        ("乐渝学", "cases/nongcun-laodongli-peixun-leyuxue"),
        ("重庆财经职业学院", "institutions/cq-caijing-zhiye-xueyuan"),
        ("赛教融合", "themes/saijiao-ronghe"),
        ("双高辐射", "themes/shuanggao-fushe"),
    ],
)
def test_chinese_names_are_found_in_the_top_results(page, site_url, query, expected):
    page.goto(site_url)
    open_search(page, query)
    pages = [link.split("#")[0].strip("/") for link in result_links(page)]
    top = list(dict.fromkeys(pages))[:3]  # distinct pages, in rank order
    assert any(p.endswith(expected) for p in top), top


def test_long_browse_list_loads_the_rest_when_filtering(browser, fresh_content, tmp_path, run, serve):
    """Past browse_inline entries the page ships the first ones; filtering fetches entries.json and sees all."""
    content = fresh_content
    settings = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    settings = settings.replace("  - zjxn\n", "  - zjxn:\n      browse_inline: 5\n")
    settings = settings.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    settings = settings.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    assert "browse_inline: 5" in settings
    (tmp_path / "mkdocs.yml").write_text(settings, encoding="utf-8")
    done = run("build", "--root", str(content), "--out", str(tmp_path / "site"), "--no-packs",
               "--config", str(tmp_path / "mkdocs.yml"))
    assert done.returncode == 0, done.stderr
    with serve(tmp_path / "site") as url:
        tab = browser.new_page()
        tab.goto(url + "browse/")
        assert tab.locator("#zjxn-browse > li").count() == 5
        tab.select_option("select[data-facet=theme]", "赛教融合")
        tab.wait_for_function("document.querySelectorAll('#zjxn-browse > li').length === 31")
        visible = tab.locator("#zjxn-browse > li:not([hidden])")
        shown = visible.count()
        assert 0 < shown < 31
        assert all("|赛教融合|" in (visible.nth(i).get_attribute("data-theme") or "") for i in range(shown))
        assert f"显示 {shown} / 31" in tab.locator("#zjxn-browse-status").inner_text()
        links = [visible.nth(i).locator("a").get_attribute("href") for i in range(shown)]
        assert "../cases/saijiao-ronghe-tianjian-shengjin/" in links
        assert tab.request.get(url + "browse/" + links[0]).ok  # the built links lead to real pages
        tab.close()
