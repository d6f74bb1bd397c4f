"""`python -m generator new`: flags, terminal answers, safe quoting, and the real check on the result."""

from __future__ import annotations

from generator.content.library import load_library

from .helpers import run_cli, run_module

CASE_FLAGS = [
    "--title", "「测试」送教下乡: 第一期 #1",
    "--summary", "依托田间学院开展送教下乡。",
    "--theme", "阵地前移", "--theme", "技能培训",
    "--district", "万州",
    "--institution", "市教委",
]


def test_new_case_with_flags_writes_a_draft_that_passes_check(content_tree):
    result = run_module("new", "case", "--root", str(content_tree), *CASE_FLAGS, "--year", "2024",
                        "--source-title", "重庆:构建职业教育发展新格局 建设全国职教重镇", "--source-url", "https://example.cn/a")
    assert result.returncode == 0, result.stdout + result.stderr
    written = list((content_tree / "cases" / "showcases").glob("ceshi-*.md"))
    assert len(written) == 1
    text = written[0].read_text(encoding="utf-8")
    assert "status: draft" in text
    for heading in ("## 一、基本情况", "## 二、主要做法", "## 三、成效", "## 四、经验启示"):
        assert heading in text
    assert "<!--" not in text
    assert "没有发现问题" in result.stdout

    check = run_module("check", "--root", str(content_tree))
    assert check.returncode == 0, check.stdout + check.stderr
    entry = load_library(content_tree).library.get("case", written[0].stem)
    # the title with ": " and "#" survived YAML; aliases were stored as canonical names
    assert entry.title == "「测试」送教下乡: 第一期 #1"
    assert entry.district == "万州区" and entry.institutions == ("重庆市教育委员会",)
    assert entry.themes == ("阵地前移", "技能培训") and entry.year == 2024
    assert entry.sources[0].url == "https://example.cn/a" and entry.status == "draft"


def test_new_case_without_source_still_passes_check_and_warns(content_tree):
    result = run_module("new", "case", "--root", str(content_tree), *CASE_FLAGS, "--id", "ceshi-wu-laiyuan")
    assert result.returncode == 0, result.stderr
    assert "占位来源" in result.stdout
    assert run_module("check", "--root", str(content_tree)).returncode == 0


def test_figure_and_model_from_flags_pass_check(content_tree):
    figure = run_module("new", "figure", "--root", str(content_tree), "--title", "测试人物", "--summary", "简介。",
                        "--theme", "典型引领", "--role", "返乡创业者", "--source-title", "某篇报道")
    model = run_module("new", "model", "--root", str(content_tree), "--title", "测试模式", "--summary", "概述。",
                       "--theme", "培养模式", "--institution", "重庆三峡职业学院", "--source-title", "某篇报道")
    assert figure.returncode == 0 and model.returncode == 0, figure.stderr + model.stderr
    assert "## 反哺乡村" in (content_tree / "cases/figures/ceshi-renwu.md").read_text(encoding="utf-8")
    assert "## 应用情况" in (content_tree / "cases/models/ceshi-moshi.md").read_text(encoding="utf-8")
    assert run_module("check", "--root", str(content_tree)).returncode == 0


def test_missing_required_flags_without_terminal_is_a_usage_error_naming_them(content_tree):
    result = run_module("new", "case", "--root", str(content_tree), "--title", "只有标题的案例")
    assert result.returncode == 2
    for flag in ("--summary", "--theme", "--district", "--institution"):
        assert flag in result.stderr
    assert "缺少必填项" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((content_tree / "cases" / "showcases").glob("zhiyou-*.md"))


def test_invalid_flag_values_name_the_flag_and_the_closest_name(capsys, content_tree):
    flags = [f if f != "万州" else "万州x" for f in CASE_FLAGS]
    code, _, err = run_cli(capsys, "new", "case", "--root", str(content_tree), *flags, "--theme", "阵地")
    assert code == 2
    assert "--district（区县）" in err and "万州区" in err
    assert "--theme（主题）" in err and "阵地前移" in err


def test_a_name_like_none_lists_what_may_be_written(capsys, content_tree):
    """No close name to suggest: the themes (and districts) themselves are listed, not only their file."""
    flags = [f if f != "万州" else "火星区" for f in CASE_FLAGS]
    code, _, err = run_cli(capsys, "new", "case", "--root", str(content_tree), *flags, "--theme", "完全无关")
    assert code == 2
    themes = next(line for line in err.splitlines() if "主题可以写：" in line)
    assert "赛教融合" in themes and "阵地前移" in themes and "双高辐射" in themes
    districts = next(line for line in err.splitlines() if "区县可以写：" in line)
    assert "万州区" in districts and "全市" in districts and "未注明" in districts
    assert "院校 / 机构可以写" not in err  # nothing wrong with it


def test_an_existing_file_is_never_overwritten(capsys, content_tree):
    target = content_tree / "cases/showcases/sanxia-tianjian-xueyuan.md"
    before = target.read_bytes()
    code, _, err = run_cli(capsys, "new", "case", "--root", str(content_tree), *CASE_FLAGS, "--id", "sanxia-tianjian-xueyuan")
    assert code == 2 and "已被" in err
    assert target.read_bytes() == before


def test_flags_of_another_type_are_refused(capsys, content_tree):
    code, _, err = run_cli(capsys, "new", "case", "--root", str(content_tree), *CASE_FLAGS, "--role", "教师")
    assert code == 2 and "--role" in err


def test_interactive_answers_accept_numbers_and_aliases_and_reask_with_a_suggestion(content_tree):
    answers = [
        "田间课堂测试案例",  # title
        "一句话摘要。",  # summary
        "阵地",  # theme: no such name -> suggestion, asked again
        "14 技能培训",  # by number (阵地前移) and by name
        "万州",  # district by alias
        "三峡",  # institution: not a registered spelling -> asked again
        "1",  # 重庆三峡职业学院
        "二〇二四",  # year: not Arabic digits -> asked again
        "2024",
        "",  # level skipped
        "重庆:构建职业教育发展新格局 建设全国职教重镇",  # source title
        "", "", "", "",  # url, publisher, column, date skipped
        "Bad_Id",  # invalid id -> asked again
        "",  # accept the suggested id
    ]
    result = run_module("new", "case", "--root", str(content_tree), "--interactive", stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "没有“阵地”这一项。是否想选“阵地前移”？" in result.stdout
    assert "是否想选“重庆三峡职业学院”？" in result.stdout
    assert "写成 2024" in result.stdout
    assert "编号“Bad_Id”无效" in result.stdout
    entry = next(e for e in load_library(content_tree).library.entries if e.title == "田间课堂测试案例")
    assert entry.themes == ("阵地前移", "技能培训")
    assert entry.institutions == ("重庆三峡职业学院",) and entry.district == "万州区" and entry.year == 2024
    assert entry.id.startswith("tianjian-") and entry.status == "draft"


def test_interactive_input_that_ends_early_is_a_usage_error(content_tree):
    result = run_module("new", "case", "--root", str(content_tree), "--interactive", stdin="只有标题\n")
    assert result.returncode == 2
    assert "输入已结束" in result.stderr and "Traceback" not in result.stderr
