"""`python -m generator serve` as contributors use it: edit a file, see its page change; break it, see why."""

from __future__ import annotations

import json
import threading

from .conftest import fetch, wait_for

CASE = "cases/showcases/shili-saishi-cujiao.md"
PAGE = "cases/shili-saishi-cujiao/"


def test_pages_not_yet_written_are_made_when_asked_for(served):
    for path in ("about/", "licence/", PAGE, "figures/shili-renwu/", "districts/wanzhou/", "browse/"):
        status, page = served.get(path)
        assert status == 200 and "data-zjxn-preview" in page, path
    assert served.get("about")[0] == 200  # the folder's address without its slash is sent on


def test_an_edit_shows_on_its_page_and_reloads_the_browsers_showing_it(served):
    wait_for(lambda: json.loads(served.get(".zjxn/status")[1])["idle"], "every page written")
    page = served.page_with(PAGE, "【示例】以赛促学的示例案例")
    assert "data-zjxn-preview" in page and "/.zjxn/preview.js" in page  # the bar and its script
    version = page.split('data-version="', 1)[1].split('"', 1)[0]
    reloaded = {}

    def browser(key: str, site_path: str) -> None:  # what preview.js does: ask again until told to reload
        since = version
        for _ in range(20):
            answer = json.loads(fetch(f"{served.url}.zjxn/changes?since={since}&page={site_path}")[1])
            if answer["reload"]:
                reloaded[key] = True
                return
            since = answer["version"]

    showing = threading.Thread(target=browser, args=("entry", PAGE + "index.html"))
    showing.start()
    served.tree.change(CASE, body=served.tree.entries[CASE][1] + "\n预览里新写的一段话。\n")
    served.page_with(PAGE, "预览里新写的一段话。")
    showing.join(120)
    assert reloaded == {"entry": True}  # the browser showing the entry reloads
    other = json.loads(fetch(f"{served.url}.zjxn/changes?since={version}&page=about/index.html")[1])
    assert other["reload"] is False  # one showing a page the edit did not change does not
    wait_for(lambda: "已更新 cases/shili-saishi-cujiao/" in served.output(), "the update said in the console")


def test_a_broken_file_shows_its_problems_on_its_page_and_the_last_good_page_stays(served):
    served.page_with(PAGE, "【示例】以赛促学的示例案例")
    served.tree.break_file(CASE, "district")
    text = (served.tree.root / CASE).read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("district:"))
    page = served.page_with(PAGE, "zjxn-preview-problems--error")
    assert "未知区县“万洲区”" in page and f"第 {line} 行" in page and CASE in page  # what, and where
    assert "改法：是否想写“万州区”？" in page  # how to fix
    assert "【示例】以赛促学的示例案例" in page and "上次没有错误时的内容" in page  # the last good page, said so
    wait_for(lambda: f"{CASE}:{line}:" in served.output(), "the problem printed as check prints it")
    other = served.get("about/")[1]
    assert "另有 1 个文件有错误" in other and f'href="/{PAGE}"' in other, other[-3000:]  # every page says another file has errors
    served.tree.fix(CASE)
    served.page_without(PAGE, "zjxn-preview-problems--error")
    assert served.process.poll() is None  # serve never stopped


def test_a_new_file_with_errors_has_a_page_saying_so_until_it_is_fixed(served):
    served.page_with("", "首页")
    path = "cases/showcases/xinde-anli.md"
    (served.tree.root / path).write_text("---\ntitle: 新的案例\nthemes: [示例阵地\n---\n\n正文。\n", encoding="utf-8")
    page = served.page_with("cases/xinde-anli/", "这个条目还不能显示")
    assert "zjxn-preview-problems--error" in page and path in page
    served.tree.entries[path] = ({"title": "【示例】新写的案例", "summary": "新的。", "themes": ["示例阵地"],
                                  "institutions": ["示例职业学院"], "district": "万州区",
                                  "sources": [{"title": "示例来源一（合成）"}]}, "正文。\n")  # fmt: skip
    served.tree.write(path)
    page = served.page_with("cases/xinde-anli/", "【示例】新写的案例")
    assert "这个条目还不能显示" not in page and "zjxn-preview-problems--error" not in page
    served.page_with("districts/wanzhou/", "【示例】新写的案例")  # listed where it belongs


def test_drafts_are_shown_with_a_banner(served):
    page = served.page_with("cases/shili-caogao/", "zjxn-draft")
    assert "<strong>草稿</strong>" in page and "build</code> 不会发布" in page
    assert "草稿（只在预览中显示，build 不会发布）" in served.output()


def test_the_search_index_is_made_in_the_background_and_said_stale_after_edits(served):
    status = wait_for(lambda: (lambda s: s if s["search"] == "fresh" else None)(json.loads(served.get(".zjxn/status")[1])),
                      "the search index made", timeout=120)  # fmt: skip
    assert status["idle"] and served.get("pagefind/pagefind.js")[0] == 200
    assert "搜索索引已是最新" in served.get("")[1]
    served.tree.change(CASE, body="改过的正文。\n")
    served.page_with(PAGE, "改过的正文。")
    assert json.loads(served.get(".zjxn/status")[1])["search"] in ("stale", "building")
    assert "搜索索引待更新" in served.get("")[1] or "正在建立搜索索引" in served.get("")[1]
    wait_for(lambda: json.loads(served.get(".zjxn/status")[1])["search"] == "fresh", "the index made again", timeout=120)


def test_stopping_removes_what_the_preview_wrote(served):
    import tempfile
    from pathlib import Path

    folders = lambda: list(Path(tempfile.gettempdir()).glob(f"zjxn-serve-{served.process.pid}-*"))  # noqa: E731
    assert folders()  # the site is written into a folder of its own
    served.process.terminate()  # as Ctrl+C or a service manager stops it
    served.process.wait(60)
    assert folders() == []
    assert "预览已停止。" in served.output()
