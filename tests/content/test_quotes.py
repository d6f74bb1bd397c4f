"""Quotations are checked against the local copies of their sources (generator.content.quotes)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.content.library import check_content
from generator.content.quotes import quotations
from generator.problems import format_text

ARTICLE = "zhenxing-youwo-huiketing-2e63d541.txt"
SOURCE_LINES = "sources:\n  - title: 重庆:构建职业教育发展新格局 建设全国职教重镇\n    column: “振兴有我”会客厅\n"


def entry(body: str, copy: str | None = ARTICLE, summary: str = "合成的测试条目。", status: str = "") -> str:
    source = SOURCE_LINES + (f"    copy: {copy}\n" if copy else "")
    return (
        "---\ntitle: 示例：引文测试\n"
        f"summary: {summary}\n"
        "themes: [模式创新]\ninstitutions: [未注明]\ndistrict: 未注明\n"
        + source + (f"status: {status}\n" if status else "") + "---\n" + body
    )


def problems(tree: Path, text: str, name: str = "yinwen-ceshi") -> list:
    (tree / "cases/showcases" / f"{name}.md").write_text(text, encoding="utf-8")
    found = check_content(tree).problems
    return [p for p in found if p.path == f"cases/showcases/{name}.md"]


def rules(found) -> list[str]:
    return [p.rule for p in found]


VERBATIM = "文章写道：“重庆三峡职业学院的‘田间学院’、重庆财经职业学院的‘定制乡村振兴产业学院’等实践成效显著”。\n"


def test_the_article_copy_is_the_shared_source_byte_for_byte(project_root):
    copy = project_root / "cases/sources" / ARTICLE
    assert copy.is_file() and not copy.is_symlink()
    assert copy.read_bytes()[:3] != b"\xef\xbb\xbf" and copy.read_text(encoding="utf-8").count("\n") > 100


def test_verbatim_quotation_passes(content_tree):
    # the copy writes ', ' and “ ” with spaces; the entry writes ，and ‘ ’: the same words
    assert problems(content_tree, entry(VERBATIM)) == []


def test_changed_character_fails_at_its_line_and_column(content_tree):
    body = "第一行。\n\n另一段，文章写道：“重庆三峡职业学院的‘田间学院’、重庆财经职业学院的‘定制乡村振兴产业学校’等实践成效显著”。\n"
    found = problems(content_tree, entry(body))
    assert rules(found) == ["quote-not-in-source"]
    text = entry(body).split("\n")
    line = next(i for i, t in enumerate(text, 1) if "另一段" in t)
    assert (found[0].line, found[0].column) == (line, text[line - 1].index("“") + 1)
    message = format_text(found)
    assert f"cases/sources/{ARTICLE}" in message and "定制乡村振兴产业学院" in message  # the closest passage as fix


def test_added_full_stop_at_the_end_fails(content_tree):
    """The real misquote: the article goes on with a comma where the entry closed the sentence."""
    good = "“‘双高计划’建设学校依托自身优势牵头或参与产教联合体、共同体建设，汇聚多方资源搭建高能级载体，将创新要素注入乡村产业发展链条”\n"
    assert problems(content_tree, entry(good)) == []
    found = problems(content_tree, entry(good.replace("链条”", "链条。”")))
    assert rules(found) == ["quote-not-in-source"]
    assert "发展链条," in found[0].suggestion()  # the passage shows what the article has there


def test_ellipsis_is_a_gap_and_fragments_must_come_in_order(content_tree):
    gap = "“依托 56 个乡村振兴学院、田间学院……三年服务 3.6 万人次”\n"
    assert problems(content_tree, entry(gap)) == []
    assert problems(content_tree, entry("“进一步……强化区县职教中心平台作用”\n")) == []
    swapped = "“三年服务 3.6 万人次……依托 56 个乡村振兴学院、田间学院”\n"
    assert rules(problems(content_tree, entry(swapped))) == ["quote-not-in-source"]
    changed_fragment = "“依托 56 个乡村振兴学院……三年服务 3.8 万人次”\n"
    assert rules(problems(content_tree, entry(changed_fragment))) == ["quote-not-in-source"]


def test_summary_quotations_are_checked_too(content_tree):
    found = problems(content_tree, entry("正文。\n", summary="文章称其“为院校服务乡村振兴提供了可借鉴的模板”。"))
    assert rules(found) == ["quote-not-in-source"] and found[0].line == 3


def test_short_names_are_exempt_but_not_short_fragments_of_sentences(content_tree):
    names = "“田间学院”“三进”“未注明”“全市”“待补充”\n"
    assert problems(content_tree, entry(names)) == []
    assert rules(problems(content_tree, entry("“田间学院们”\n"))) == ["quote-not-in-source"]


def test_a_quotation_may_come_from_any_of_the_entry_copies(content_tree):
    (content_tree / "cases/sources/ceshi-laiyuan.txt").write_text("另一篇报道的原话在这里。\n", encoding="utf-8")
    text = entry("“另一篇报道的原话在这里”，以及" + VERBATIM).replace(
        f"    copy: {ARTICLE}\n", f"    copy: {ARTICLE}\n  - title: 另一篇报道\n    copy: ceshi-laiyuan.txt\n")
    assert problems(content_tree, text) == []


def test_unclosed_quotation_is_not_checked(content_tree):
    assert problems(content_tree, entry("“这句话没有结束。\n")) == []


def test_missing_copy_file_is_an_error_at_the_field(content_tree):
    found = problems(content_tree, entry(VERBATIM, copy="bu-cunzai.txt"))
    assert rules(found) == ["copy-missing"]
    assert "cases/sources/bu-cunzai.txt" in found[0].message() and found[0].line == 10


@pytest.mark.parametrize("name", ["../themes.yml", "../../secret.txt", "/etc/passwd", "sub/x.txt", "..\\\\x.txt",
                                  ".hidden.txt", "copy.md", "x.txt/"])
def test_copy_outside_cases_sources_is_refused(content_tree, name):
    (content_tree / "secret.txt").write_text("机密", encoding="utf-8")
    found = problems(content_tree, entry(VERBATIM, copy=f'"{name}"'))
    assert rules(found) == ["copy-name"]
    assert "机密" not in format_text(found)


def test_symlinked_copy_is_refused_and_never_read(content_tree):
    secret = content_tree / "secret.txt"
    secret.write_text("重庆三峡职业学院的‘田间学院’机密", encoding="utf-8")
    os.symlink(secret, content_tree / "cases/sources/lianjie.txt")
    found = problems(content_tree, entry(VERBATIM, copy="lianjie.txt"))
    assert rules(found) == ["copy-symlink"]
    assert "机密" not in format_text(found)


def test_copy_that_is_not_utf8_is_named(content_tree):
    (content_tree / "cases/sources/gbk.txt").write_bytes("重庆三峡职业学院的田间学院".encode("gb18030"))
    found = problems(content_tree, entry(VERBATIM, copy="gbk.txt"))
    assert rules(found) == ["copy-unreadable"] and "GBK" in found[0].message()


def test_an_edited_copy_is_read_again(content_tree):
    copy = content_tree / "cases/sources/bianji.txt"
    copy.write_text("旧的原话。\n", encoding="utf-8")
    assert rules(problems(content_tree, entry("“新的原话在此”\n", copy="bianji.txt"))) == ["quote-not-in-source"]
    copy.write_text("新的原话在此，已改。\n", encoding="utf-8")
    os.utime(copy, ns=(1, 10**18))
    assert problems(content_tree, entry("“新的原话在此”\n", copy="bianji.txt")) == []


def test_no_copy_is_one_warning_for_a_published_entry_and_none_for_a_draft(content_tree):
    found = problems(content_tree, entry(VERBATIM + "“随便写的引文也不核对”\n", copy=None))
    assert rules(found) == ["quote-no-copy"] and found[0].severity == "warning"
    assert "copy:" in found[0].suggestion()
    assert problems(content_tree, entry(VERBATIM, copy=None, status="draft")) == []


def test_a_draft_misquote_is_still_an_error(content_tree):
    found = problems(content_tree, entry("“重庆三峡职业学院的田间学校”\n", status="draft"))
    assert rules(found) == ["quote-not-in-source"] and found[0].is_error


def test_corner_brackets_warn_with_the_mainland_form(content_tree):
    body = "## 一、基本情况\n\n推广「田间学院」「定制产业学院」等模式，称『双高』校。\n"
    found = problems(content_tree, entry(body))
    assert rules(found) == ["quote-brackets"]
    assert found[0].column == body.split("\n")[2].index("「") + 1
    assert found[0].suggestion() == "改为 “田间学院”“定制产业学院”等模式，称‘双高’"
    title = entry("正文。\n").replace("title: 示例：引文测试", "title: 「示例」引文测试")
    found = problems(content_tree, title)
    assert rules(found) == ["quote-brackets"] and (found[0].line, found[0].column) == (2, 8)


def test_english_messages(content_tree):
    found = problems(content_tree, entry("“重庆三峡职业学院的田间学校”\n"))
    assert "is not the source's wording" in format_text(found, "en")


def test_quotations_are_the_outermost_pairs():
    text = "甲“一‘二’三”乙“四“五”六”丙“未完"
    assert quotations(text) == [(1, "一‘二’三"), (9, "四“五”六")]


def test_corner_bracket_quotations_are_checked_as_well(content_tree):
    assert rules(problems(content_tree, entry("「重庆三峡职业学院的『田间学院』、重庆财经职业学院」\n"))) == ["quote-brackets"]
    found = problems(content_tree, entry("「重庆三峡职业学院的『田间学校』」\n"))
    assert sorted(rules(found)) == ["quote-brackets", "quote-not-in-source"]
