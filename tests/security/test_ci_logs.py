"""What `check` prints is safe in a CI log: every value is on one line with nothing hidden, so nothing a
contributor types (a value, a key, a file name) can start a line, least of all a GitHub workflow command."""

from __future__ import annotations

import json

import pytest

from generator.cli import main

DISTRICT = "万州\n::error file=x.md::伪造\n::add-mask::秘密"  # unknown: its message shows it
KEY = "lev\u202eel\x1b[31m"  # unknown: its warning shows it
FRONT = """---
title: 测试条目
summary: 合成的测试条目。
themes: [赛教融合]
institutions: [市教委]
district: {district}
{key}: 市级
sources:
  - title: 测试来源
    copy: zhenxing-youwo-huiketing-2e63d541.txt
---

正文。
"""
FILE_NAME = "name\n::warning::x.md"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile_tree(content_tree):
    quoted = {k: json.dumps(v, ensure_ascii=False) for k, v in (("district", DISTRICT), ("key", KEY))}
    (content_tree / "cases/showcases/log-injection.md").write_text(FRONT.format(**quoted), encoding="utf-8")
    (content_tree / "cases/showcases" / FILE_NAME).write_text(FRONT.format(district="全市", key="level"),
                                                               encoding="utf-8")  # fmt: skip
    return content_tree


@pytest.mark.parametrize("fmt, start", [("text", "cases/"), ("github", ("::error file=cases/", "::warning file=cases/"))])
def test_no_value_starts_a_line_of_its_own(capsys, hostile_tree, fmt, start):
    code, out, _ = run(capsys, "check", "--root", str(hostile_tree), "--format", fmt)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) >= 3
    assert all(line.startswith(start) for line in lines), out
    assert not any(c in out for c in "\r\x1b\u202e")
    assert "万州\\n::error file" in out.replace("%3A", ":")  # the value is shown, escaped, inside its own problem
    assert "lev[U+202E]el[U+001B][31m" in out  # hidden characters made visible
    assert "name\\n::warning" in out.replace("%3A", ":")  # the file name too


def test_json_keeps_values_valid_and_readable(capsys, hostile_tree):
    _, out, _ = run(capsys, "check", "--root", str(hostile_tree), "--format", "json")
    rows = json.loads(out)
    assert any(row["path"] == "cases/showcases/log-injection.md" for row in rows)
    assert all("\n" not in row["message"] and "\u202e" not in row["message"] for row in rows)
