"""`python -m generator from-issue`: the body GitHub renders from the form becomes a valid case file."""

from __future__ import annotations

from generator.content.library import load_library

from .helpers import issue_body, run_cli

ANSWERS = {
    "title": "「惠学」测试案例: 送教到村",
    "summary": "依托田间学院常态化开展送教下乡。",
    "themes": ["阵地前移", "技能培训"],
    "district": "万州区",
    "institutions": "重庆三峡职业学院、市教委",
    "year": "2024",
    "source_title": "重庆:构建职业教育发展新格局 建设全国职教重镇",
    "source_publisher": "「振兴有我」会客厅",
    "section_1": "背景。\n\n### 小标题\n\n## 被降级的标题\n\n内容。",
}


def _convert(capsys, tree, answers):
    body = tree / "issue-body.md"
    body.write_text(issue_body(answers), encoding="utf-8")
    return run_cli(capsys, "from-issue", str(body), "--root", str(tree), "--out-root", str(tree))


def test_issue_body_becomes_a_case_that_passes_check(capsys, content_tree):
    code, out, _ = _convert(capsys, content_tree, ANSWERS)
    assert code == 0, out
    assert "没有发现问题" in out
    result = load_library(content_tree)
    assert result.ok, result.problems
    entry = next(e for e in result.library.entries if e.title == ANSWERS["title"])
    assert entry.path.startswith("cases/showcases/") and entry.status == "draft"
    assert entry.themes == ("阵地前移", "技能培训")
    assert entry.institutions == ("重庆三峡职业学院", "重庆市教育委员会")
    assert entry.district == "万州区" and entry.year == 2024
    assert entry.sources[0].publisher == "「振兴有我」会客厅" and entry.sources[0].url is None
    # the contributor's own headings stay inside their section; the empty ones keep their guidance
    assert entry.sections == ("一、基本情况", "小标题", "被降级的标题", "二、主要做法", "三、成效", "四、经验启示")
    assert "（请依据来源填写" in entry.body


def test_a_missing_required_answer_is_named_by_its_label(capsys, content_tree):
    code, out, _ = _convert(capsys, content_tree, {**ANSWERS, "summary": ""})
    assert code == 1
    assert "“摘要”：没有填写（必填）" in out
    assert not list((content_tree / "cases/showcases").glob("huixue-ceshi*.md"))


def test_invalid_answers_are_all_named_with_suggestions(capsys, content_tree):
    answers = {**ANSWERS, "district": "万州x", "themes": ["阵地"], "source_url": "www.example.cn", "year": "二〇二四"}
    code, out, _ = _convert(capsys, content_tree, answers)
    assert code == 1
    assert "“区县”：" in out and "万州区" in out
    assert "“主题”：" in out and "阵地前移" in out
    assert "“来源网址”：" in out
    assert "“年份”：" in out and "2024" in out


def test_unsafe_body_text_is_refused_and_nothing_is_written(capsys, content_tree):
    code, out, _ = _convert(capsys, content_tree, {**ANSWERS, "section_2": "<script>alert(1)</script>"})
    assert code == 1 and "未写入" in out
    assert not list((content_tree / "cases/showcases").glob("huixue-ceshi*.md"))


def test_a_taken_id_gets_a_number_and_a_chosen_taken_id_is_refused(capsys, content_tree):
    assert _convert(capsys, content_tree, ANSWERS)[0] == 0
    assert _convert(capsys, content_tree, ANSWERS)[0] == 0
    ids = sorted(p.stem for p in (content_tree / "cases/showcases").glob("huixue-ceshi*.md"))
    assert len(ids) == 2 and ids[1] == ids[0] + "-2"
    code, out, _ = _convert(capsys, content_tree, {**ANSWERS, "id": ids[0]})
    assert code == 1 and "“条目编号（选填）”：" in out and "已被" in out


def test_a_body_that_is_not_from_the_form_names_every_required_label(capsys, content_tree):
    body = content_tree / "issue-body.md"
    body.write_text("随便写的一段话。\r\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "from-issue", str(body), "--root", str(content_tree))
    assert code == 1
    for label in ("标题", "摘要", "主题", "区县", "院校 / 机构", "来源标题"):
        assert f"“{label}”：表单中没有这一项（必填）" in out


def test_an_unreadable_file_is_a_usage_error(capsys, content_tree):
    code, _, err = run_cli(capsys, "from-issue", str(content_tree / "missing.md"), "--root", str(content_tree))
    assert code == 2 and "无法读取" in err


def test_a_form_label_typed_inside_an_answer_stays_in_that_answer(capsys, content_tree):
    section = "背景。\n\n### 正文：三、成效\n\n这一句属于基本情况。"
    code, out, _ = _convert(capsys, content_tree, {**ANSWERS, "section_1": section, "section_3": "真正的成效。"})
    assert code == 0, out
    entry = next(e for e in load_library(content_tree).library.entries if e.title == ANSWERS["title"])
    basics, results = entry.body.split("## 三、成效")
    assert "这一句属于基本情况。" in basics and "这一句属于基本情况。" not in results
    assert "真正的成效。" in results


def test_form_labels_typed_in_form_order_are_refused_not_guessed(capsys, content_tree):
    section = "背景。\n\n### 正文：二、主要做法\n\n甲。\n\n### 正文：三、成效\n\n乙。"
    code, out, _ = _convert(capsys, content_tree, {**ANSWERS, "section_1": section, "section_2": "丙。"})
    assert code == 1
    assert "“正文：二、主要做法”：议题中有不止一行" in out and "“正文：三、成效”：" in out
    assert not list((content_tree / "cases/showcases").glob("huixue-ceshi*.md"))


def test_a_label_without_the_blank_lines_around_it_is_answer_text(capsys, content_tree):
    section = "背景。\n### 正文：三、成效\n仍是基本情况。"
    code, out, _ = _convert(capsys, content_tree, {**ANSWERS, "section_1": section})
    assert code == 0, out
    entry = next(e for e in load_library(content_tree).library.entries if e.title == ANSWERS["title"])
    assert "仍是基本情况。" in entry.body.split("## 三、成效")[0]


def test_privacy_problems_name_the_form_field_not_a_file_line(capsys, content_tree):
    answers = {**ANSWERS, "summary": "联系电话 13812345678。", "section_2": "负责人电话：139 1234 5678。"}
    code, out, _ = _convert(capsys, content_tree, answers)
    assert code == 1 and "未写入" in out
    assert "“摘要”：疑似个人手机号码" in out
    assert "“正文：二、主要做法”：疑似个人手机号码" in out
    assert ".md:" not in out  # no line of a file the contributor never sees


def test_a_problem_in_a_source_field_names_that_field(capsys, content_tree):
    code, out, _ = _convert(capsys, content_tree, {**ANSWERS, "source_publisher": "联系人 13812345678"})
    assert code == 1
    assert "“来源发布者”：疑似个人手机号码" in out, out
    assert ".md:" not in out
