"""`python -m generator check` as contributors and CI use it: exit codes, formats, languages, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

BAD_THEME = (
    "---\ntitle: 示例条目\nsummary: 合成。\nthemes: [赛教结合]\ninstitutions: [市教委]\ndistrict: 全市\n"
    "sources:\n  - title: 测试\n    copy: zhenxing-youwo-huiketing-2e63d541.txt\n---\n正文。\n"
)


def run_check(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["check", "--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_project_content_is_clean(project_root, capsys):
    code, out, err = run_check(project_root, capsys=capsys)
    assert code == 0, out
    assert "0 个错误" in err


def test_runs_as_a_module_at_the_project_root(project_root):
    done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project_root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_content_error_exits_1_with_file_line_and_suggestion(content_tree, capsys):
    (content_tree / "cases/showcases/bad-theme.md").write_text(BAD_THEME, encoding="utf-8")
    code, out, _ = run_check(content_tree, capsys=capsys)
    assert code == 1
    assert out.startswith("cases/showcases/bad-theme.md:4:10: 错误 [unknown-theme]")
    assert "赛教融合" in out


def test_warnings_alone_exit_0(content_tree, capsys):
    text = BAD_THEME.replace("赛教结合", "赛教融合").replace("district:", "institution: x\ndistrict:")
    (content_tree / "cases/showcases/warn.md").write_text(text, encoding="utf-8")
    code, out, _ = run_check(content_tree, capsys=capsys)
    assert code == 0
    assert "警告 [field-unknown]" in out and "institutions" in out


def test_every_problem_in_every_file_in_one_run_sorted(content_tree, capsys):
    for name in ("b-file", "a-file"):
        (content_tree / f"cases/showcases/{name}.md").write_text(BAD_THEME.replace("全市", "万州市"), encoding="utf-8")
    code, out, _ = run_check(content_tree, capsys=capsys)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 4
    assert [line.split(":")[0] for line in lines] == ["cases/showcases/a-file.md"] * 2 + ["cases/showcases/b-file.md"] * 2
    assert [int(line.split(":")[1]) for line in lines[:2]] == [4, 6]


def test_json_format(content_tree, capsys):
    (content_tree / "cases/showcases/bad-theme.md").write_text(BAD_THEME, encoding="utf-8")
    code, out, _ = run_check(content_tree, "--format", "json", capsys=capsys)
    rows = json.loads(out)
    assert code == 1
    assert rows == [
        {
            "path": "cases/showcases/bad-theme.md",
            "line": 4,
            "column": 10,
            "severity": "error",
            "rule": "unknown-theme",
            "message": "未知主题“赛教结合”：主题须来自 cases/themes.yml",
            "suggestion": "是否想写“赛教融合”？",
        }
    ]


def test_github_format_annotates_the_line(content_tree, capsys):
    (content_tree / "cases/showcases/bad-theme.md").write_text(BAD_THEME, encoding="utf-8")
    code, out, _ = run_check(content_tree, "--format", "github", capsys=capsys)
    assert code == 1
    assert out.startswith("::error file=cases/showcases/bad-theme.md,line=4,col=10,title=unknown-theme::未知主题")


def test_english_messages(content_tree, capsys):
    (content_tree / "cases/showcases/bad-theme.md").write_text(BAD_THEME, encoding="utf-8")
    _, out, _ = run_check(content_tree, "--lang", "en", capsys=capsys)
    assert "error [unknown-theme] unknown theme '赛教结合'" in out and "did you mean '赛教融合'?" in out


def test_files_argument_limits_the_report(content_tree, capsys):
    (content_tree / "cases/showcases/bad-theme.md").write_text(BAD_THEME, encoding="utf-8")
    code, out, _ = run_check(content_tree, "cases/showcases/huixue-bayu-songjiao-xiaxiang.md", capsys=capsys)
    assert code == 0 and out == ""


def test_missing_content_folder_is_a_usage_error(tmp_path, capsys):
    code, _, err = run_check(tmp_path, capsys=capsys)
    assert code == 2
    assert "找不到内容目录" in err


def test_bad_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "xml"])
    assert exit_info.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_symlink_is_refused_and_never_followed(content_tree, capsys):
    secret = content_tree / "secret.txt"
    secret.write_text("---\ntitle: 机密\n---\n", encoding="utf-8")
    os.symlink(secret, content_tree / "cases/showcases/linked.md")
    code, out, _ = run_check(content_tree, capsys=capsys)
    assert code == 1
    assert "cases/showcases/linked.md:1:1: 错误 [file-symlink]" in out
    assert "机密" not in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_read(content_tree, capsys):
    os.mkfifo(content_tree / "cases/showcases/pipe.md")
    code, out, _ = run_check(content_tree, capsys=capsys)
    assert code == 1 and "[file-not-regular]" in out


def test_huge_file_is_refused_without_reading_it(content_tree, capsys):
    (content_tree / "cases/showcases/huge.md").write_bytes(b"---\ntitle: x\n---\n" + b"a" * 1_100_000)
    code, out, _ = run_check(content_tree, capsys=capsys)
    assert code == 1 and "[file-too-large]" in out


def test_duplicate_ids_within_a_type(content_tree, capsys):
    # the same id in two folders is fine; the file system forbids it within one, so
    # the case here is two spellings that normalize the same: checked as invalid ids
    (content_tree / "cases/showcases/Tianjian.md").write_text(BAD_THEME.replace("赛教结合", "赛教融合"), encoding="utf-8")
    code, out, _ = run_check(content_tree, capsys=capsys)
    assert code == 1 and "[id-invalid]" in out and "tianjian.md" in out


def test_usage_errors_speak_the_chosen_language(tmp_path, capsys):
    """--lang en reaches every message: usage errors and selections too, not only content problems."""
    assert main(["check", "--root", str(tmp_path / "nowhere"), "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("error: content folder ")
    assert main(["check", "--root", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.startswith("错误：找不到内容目录 ")
