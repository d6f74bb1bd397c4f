"""The preview in Debian's chromium: a saved edit reloads the page by itself; nothing is loaded from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CASE = "cases/showcases/shili-saishi-cujiao.md"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


@pytest.fixture
def tab(served):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium (/usr/bin/chromium) is not installed: run bash .ci/install")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.errors, page.outside = [], []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(served.url) else page.outside.append(r.url))
        yield page
        browser.close()


def test_a_saved_edit_reloads_the_page_showing_it(served, tab):
    tab.goto(served.url + "cases/shili-saishi-cujiao/")
    tab.wait_for_selector("[data-zjxn-preview]")
    tab.evaluate("window.notReloaded = true")
    served.tree.change(CASE, body=served.tree.entries[CASE][1] + "\n浏览器里自动出现的一段话。\n")
    # polled across the reload: the new document may not have a body yet
    tab.wait_for_function("document.body !== null && document.body.innerText.includes('浏览器里自动出现的一段话。')",
                          timeout=60_000)  # fmt: skip
    assert tab.evaluate("window.notReloaded === undefined")  # a reload, not a fetch of a fragment
    served.tree.break_file(CASE, "district")
    tab.wait_for_selector(".zjxn-preview-problems--error", timeout=60_000)
    assert "万洲区" in tab.inner_text(".zjxn-preview-problems")
    assert tab.errors == [] and tab.outside == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_what_only_the_preview_shows_is_accessible(served, tab, scheme):
    axe = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.is_file():
        pytest.skip("node_modules/axe-core is missing: run npm install (bash .ci/install)")
    tab.emulate_media(color_scheme=scheme)
    served.tree.break_file(CASE, "district")
    served.page_with("cases/shili-saishi-cujiao/", "zjxn-preview-problems--error")
    for path in ("cases/shili-saishi-cujiao/", "cases/shili-caogao/"):  # a file's problems, a draft's banner; the bar on both
        tab.goto(served.url + path)
        tab.wait_for_selector("[data-zjxn-preview]")
        tab.add_script_tag(path=str(axe))
        found = tab.evaluate("async () => (await axe.run(document)).violations.map(v => [v.id, v.nodes.map(n => n.target)])")
        assert found == [], (path, found)
