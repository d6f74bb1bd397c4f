"""What a trainer sees when a pack cannot be made: Chinese messages, exit 1 for the selection or content, 2 for fonts."""

from __future__ import annotations

import pytest

from .packtools import run_pack

pytestmark = pytest.mark.pdf

EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig></fontconfig>
"""


def test_empty_selection_is_an_error_not_an_empty_booklet(pack_tree, tmp_path):
    out = tmp_path / "none.pdf"
    run = run_pack("--theme", "赛教融合", "--district", "黔江区", "-o", str(out), root=pack_tree, cwd=tmp_path)
    assert run.code == 1
    assert "没有符合条件的已发布条目" in run.stderr
    assert "主题：赛教融合（含子主题）；区县：黔江区" in run.stderr
    assert not out.exists()
    assert "Traceback" not in run.stderr


def test_draft_alone_selects_nothing(pack_tree, tmp_path):
    run = run_pack("--ids", "yangli-caogao", "-o", str(tmp_path / "x.pdf"), root=pack_tree, cwd=tmp_path)
    assert run.code == 1
    assert "--ids" in run.stderr and "yangli-caogao" in run.stderr


@pytest.mark.parametrize(
    "option, value, suggestion",
    [
        ("--theme", "赛教融和", "赛教融合"),
        ("--district", "万洲区", "万州区"),
        ("--institution", "重庆三峡职业学校", "重庆三峡职业学院"),
        ("--model", "样例模型", "【样例】虚构的以赛促用模式"),
        ("--level", "省级", None),
        ("--type", "案件", None),
        ("--ids", "yangli-yisai-cujao", "yangli-yisai-cujiao"),
    ],
)
def test_unknown_value_names_the_option_and_the_closest_value(pack_tree, tmp_path, option, value, suggestion):
    run = run_pack(option, value, "-o", str(tmp_path / "x.pdf"), root=pack_tree, cwd=tmp_path)
    assert run.code == 1
    assert run.stderr.startswith("错误：")
    assert option in run.stderr and f"“{value}”" in run.stderr
    if suggestion:
        assert f"是否想写“{suggestion}”" in run.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_theme_uses_the_same_message_as_check(pack_tree, tmp_path):
    run = run_pack("--theme", "技能培test,赛教融和", root=pack_tree, cwd=tmp_path)
    assert run.code == 1
    assert "未知主题“技能培test”：主题须来自 cases/themes.yml" in run.stderr
    assert "是否想写“技能培训”" in run.stderr


def test_content_errors_are_printed_like_check(pack_tree, tmp_path):
    bad = pack_tree / "cases" / "showcases" / "bad-entry.md"
    bad.write_text("---\ntitle: 坏条目\nsummary: 缺少主题\nsources:\n  - title: 测试\n---\n正文\n", encoding="utf-8")
    run = run_pack("--theme", "赛教融合", "-o", str(tmp_path / "x.pdf"), root=pack_tree, cwd=tmp_path)
    assert run.code == 1
    assert "cases/showcases/bad-entry.md:" in run.stdout and "[field-required]" in run.stdout
    assert "内容有错误" in run.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_no_cjk_font_exits_2_with_the_install_hint(pack_tree, tmp_path):
    """A machine without Chinese fonts: fontconfig knows none, the font folders hold none."""
    config = tmp_path / "fonts.conf"
    config.write_text(EMPTY_FONTCONFIG, encoding="utf-8")
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    env = {"FONTCONFIG_FILE": str(config), "ZJXN_FONT_DIRS": str(empty), "ZJXN_PACK_FONT": ""}
    out = tmp_path / "x.pdf"
    run = run_pack("--theme", "赛教融合", "-o", str(out), root=pack_tree, cwd=tmp_path, env=env)
    assert run.code == 2
    assert "找不到中文字体" in run.stderr
    assert "sudo apt-get install fonts-noto-cjk" in run.stderr
    assert not out.exists()


def test_missing_font_file_given_with_font_is_a_usage_error(pack_tree, tmp_path):
    run = run_pack("--theme", "赛教融合", "--font", str(tmp_path / "nope.ttc"), root=pack_tree, cwd=tmp_path)
    assert run.code == 2
    assert "找不到指定的字体" in run.stderr


def test_html_needs_no_font(pack_tree, tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text(EMPTY_FONTCONFIG, encoding="utf-8")
    env = {"FONTCONFIG_FILE": str(config), "ZJXN_FONT_DIRS": str(tmp_path)}
    out = tmp_path / "pack.html"
    run = run_pack("--theme", "赛教融合", "-o", str(out), root=pack_tree, cwd=tmp_path, env=env)
    assert run.code == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


BROKEN = "---\ntitle: 坏条目\nsummary: 缺少主题\nsources:\n  - title: 测试\n---\n正文\n"


def test_entries_chosen_by_id_print_though_another_file_is_broken(pack_tree, tmp_path):
    """Only the chosen files and the entries they may name are read: a broken file elsewhere is not theirs."""
    (pack_tree / "cases" / "showcases" / "bad-entry.md").write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "pack.html"
    run = run_pack("--ids", "yangli-yisai-cujiao", "-o", str(out), root=pack_tree, cwd=tmp_path)
    assert run.code == 0, run.stdout + run.stderr
    booklet = out.read_text(encoding="utf-8")
    assert "【样例】以赛促教的虚构案例" in booklet
    assert "【样例】虚构的以赛促用模式" in booklet  # the model it names, resolved among every model
    assert "bad-entry" not in run.stdout + run.stderr


def test_a_broken_entry_chosen_by_id_is_refused_with_its_problems(pack_tree, tmp_path):
    (pack_tree / "cases" / "showcases" / "bad-entry.md").write_text(BROKEN, encoding="utf-8")
    run = run_pack("--ids", "bad-entry,yangli-yisai-cujiao", "-o", str(tmp_path / "x.html"), root=pack_tree, cwd=tmp_path)
    assert run.code == 1
    assert "cases/showcases/bad-entry.md:" in run.stdout and "[field-required]" in run.stdout
    assert not (tmp_path / "x.html").exists()


def test_a_mistyped_id_is_named_though_another_file_is_broken(pack_tree, tmp_path):
    """The typo is what the trainer needs to hear about, not a broken file they did not choose."""
    (pack_tree / "cases" / "showcases" / "bad-entry.md").write_text(BROKEN, encoding="utf-8")
    run = run_pack("--ids", "yangli-yisai-cujiao,yangli-yisai-cujao", "-o", str(tmp_path / "x.html"), root=pack_tree,
                   cwd=tmp_path)  # fmt: skip
    assert run.code == 1
    assert "“yangli-yisai-cujao”" in run.stderr and "是否想写“yangli-yisai-cujiao”" in run.stderr
    assert "bad-entry" not in run.stdout + run.stderr
    assert not (tmp_path / "x.html").exists()
