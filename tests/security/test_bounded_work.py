"""Bodies that would make rendering slow or deep are refused by `check`, each with a Chinese message at its
line; a body that gets past `check` still cannot hang a build or end it with a traceback. Timings are
not asserted here: bench/hostile.py measures them against the budgets."""

from __future__ import annotations

import threading
import time

import pytest

from generator import render
from generator.content.library import load_library
from generator.deadline import OverBudget, within
from generator.errors import ContentError
from generator.problems import format_text

FRONT = """---
title: 测试条目
summary: 合成的测试条目。
themes: [赛教融合]
institutions: [市教委]
district: 全市
sources:
  - title: 测试来源
    copy: zhenxing-youwo-huiketing-2e63d541.txt
---

"""
BODY_LINE = 11  # where the body starts, after FRONT's closing ---

# construct -> (body, rule check names)
PATHOLOGICAL = {
    "unclosed-brackets": ("文字" + "[" * 50, "markdown-unclosed-brackets"),
    "unclosed-images": ("文字" + "![" * 50, "markdown-unclosed-brackets"),
    "unclosed-links": ("文字" + "[a](" * 50, "markdown-unclosed-links"),
    "unclosed-autolinks": ("文字" + "<http://" * 50, "markdown-unclosed-tags"),
    "unclosed-tags": ("文字" + "<a " * 50, "markdown-unclosed-tags"),
    "unclosed-end-tags": ("文字" + "</a " * 50, "markdown-unclosed-tags"),
    "unclosed-comments": ("文字" + "<!--" * 50, "markdown-unclosed-tags"),
    "unclosed-code": ("文字 " + " ".join("`" * n + "a" for n in range(1, 40)), "markdown-unclosed-code"),
    "deep-brackets": ("[" * 20 + "a" + "]" * 20, "markdown-deep-brackets"),
    "deep-stars": ("*" * 200 + "a" + "*" * 200, "markdown-deep-emphasis"),
    "deep-emphasis": ("*a " * 30 + "a" + " a*" * 30, "markdown-deep-emphasis"),
    "deep-quotes": ("> " * 40 + "x", "markdown-deep-blocks"),
    "deep-list-markers": ("- " * 40 + "x", "markdown-deep-blocks"),
    "deep-indented-lists": ("".join("  " * i + "- x\n" for i in range(40)), "markdown-deep-blocks"),
    "deep-html": ("<em>" * 100 + "a" + "</em>" * 100, "markdown-deep-html"),
    "many-lines": ("- 条目\n" * 20_001, "markdown-too-many-lines"),
    "much-markup": ("\n\n".join(["**加粗**文字" * 100] * 101), "markdown-too-much-markup"),
    "long-paragraph": ("职业教育" * 5_001, "markdown-long-paragraph"),
}


def write(tree, body: str) -> str:
    (tree / "cases" / "showcases" / "hostile.md").write_text(FRONT + body + "\n", encoding="utf-8")
    return "cases/showcases/hostile.md"


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_refused_at_its_line(content_tree, name):
    body, rule = PATHOLOGICAL[name]
    relpath = write(content_tree, body)
    found = [p for p in load_library(content_tree).problems if p.path == relpath]
    assert rule in {p.rule for p in found}, format_text(found)
    mine = next(p for p in found if p.rule == rule)
    assert mine.is_error and mine.line >= BODY_LINE
    text = format_text([mine])
    assert text.startswith(f"{relpath}:{mine.line}:") and "错误" in text and "Traceback" not in text


@pytest.mark.parametrize("body", [
    "一个没有闭合的 [ 方括号，和 a<b 这样的比较，以及 `一个反引号。",
    "[链接](https://example.com/a_(b)) 与 **加粗** 与 *强调* 与 `代码`",
    "[" * 8 + "文字",  # as many unclosed as allowed
    "[[[[a]]]]",  # as deep as allowed
    "*" * 8 + "a" + "*" * 8,
    "".join("  " * i + "- x\n" for i in range(12)),
    "<em>" * 32 + "a" + "</em>" * 32,
    "标题\n=======\n\n正文",
])
def test_ordinary_markdown_is_accepted_and_rendered(content_tree, body):
    relpath = write(content_tree, body)
    result = load_library(content_tree)
    assert [p for p in result.problems if p.path == relpath] == []
    assert render.render_body(result.library.get("case", "hostile").body, source=relpath)


def test_a_body_over_its_time_budget_stops_with_its_file_named(monkeypatch):
    monkeypatch.setattr(render, "BUDGET_SECONDS", 0.3)
    with pytest.raises(ContentError) as caught:
        render.render_body("[" * 40_000, source="cases/showcases/slow.md")  # minutes without the budget
    assert caught.value.exit_code == 1
    assert "cases/showcases/slow.md" in caught.value.message() and "秒" in caught.value.message()
    assert render.render_body("正文 **加粗**", source="x.md") == "<p>正文 <strong>加粗</strong></p>"  # the next body is fine


def test_a_body_too_deep_stops_with_its_file_named():
    with pytest.raises(ContentError) as caught:
        render.render_body("*" * 3_000 + "a" + "*" * 3_000, source="cases/showcases/deep.md")
    assert "cases/showcases/deep.md" in caught.value.message() and "嵌套" in caught.value.message()


def test_hidden_characters_never_reach_rendered_html():
    html = render.render_body("万州\u200b区\u202e，&#8203;&#x202E;&zwj;\x07", source="x.md")
    assert not any(c in html for c in "\u200b\u202e\u200d\x07"), repr(html)


def test_the_deadline_interrupts_a_loop_and_nothing_after_it():
    with pytest.raises(OverBudget):
        with within(0.2):
            while True:
                pass
    with within(5):
        total = sum(range(1000))
    end = time.monotonic() + 0.3
    while time.monotonic() < end:  # no late exception arrives once the block is done
        total += 1
    assert total


def test_the_deadline_holds_in_another_thread():
    outcome = []

    def work():
        try:
            with within(0.2):
                while True:
                    pass
        except OverBudget:
            outcome.append("stopped")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["stopped"]
