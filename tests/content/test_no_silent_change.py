"""What a contributor typed keeps its meaning, or `check` says why not: YAML 1.1's numbers in text
fields, `...` in the front matter, merge-conflict markers, linked folders, UTF-16 files, duplicate
vocabulary ids and names. Every message is Chinese, names the file and line, and shows what was typed."""

from __future__ import annotations

import os
import re

import pytest

from generator.content.frontmatter import load_document
from generator.content.library import load_library
from generator.problems import format_text

FRONT = """---
title: {title}
summary: 合成的测试条目。
themes: [赛教融合]
institutions: [市教委]
district: 全市
sources:
  - title: {source}
    copy: zhenxing-youwo-huiketing-2e63d541.txt
"""
ENGLISH_WORD = re.compile(r"\b(?:found|expected|nodes|depth|document|mapping|scalar|while|True|False|None)\b")


def write(tree, name: str, text: str) -> str:
    path = tree / "cases" / "showcases" / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return f"cases/showcases/{name}.md"


def entry_text(title="测试条目", source="测试来源", extra="", body="正文。") -> str:
    return FRONT.format(title=title, source=source) + extra + "---\n\n" + body + "\n"


def problems_of(tree, relpath):
    return [p for p in load_library(tree).problems if p.path == relpath]


def chinese_only(problems) -> str:
    text = format_text(problems)
    assert not ENGLISH_WORD.search(text), text
    assert "Traceback" not in text
    return text


@pytest.mark.parametrize("typed", ["12:30", "1.10", "0x1F", "007", "1_000", "1:30:00", "on", "no", "2024"])
def test_text_fields_keep_what_was_typed(content_tree, typed):
    outcome = f"outcomes:\n  - {{label: {typed}, value: 1, unit: {typed}}}\n"
    relpath = write(content_tree, "typed", entry_text(title=typed, source=typed, extra=outcome))
    result = load_library(content_tree)
    mine = [p for p in result.problems if p.path == relpath and p.is_error]
    assert mine == [], format_text(mine)
    entry = result.library.get("case", "typed")
    assert entry.title == typed and entry.sources[0].title == typed
    assert entry.outcomes[0].label == typed and entry.outcomes[0].unit == typed


@pytest.mark.parametrize("typed, value", [("0x7E8", "2024"), ("02024", "2024"), ("2_024", "2024"), ("33:44", "2024")])
def test_numbers_yaml_would_change_are_named_with_what_yaml_reads(content_tree, typed, value):
    relpath = write(content_tree, "year", entry_text(extra=f"year: {typed}\n"))
    found = problems_of(content_tree, relpath)
    assert [p.rule for p in found] == ["field-number-form"], format_text(found)
    text = chinese_only(found)
    assert "cases/showcases/year.md:10:7:" in text and f"“{typed}”" in text and value in text


@pytest.mark.parametrize("typed", ["on", "no", "yes", "off", "true"])
def test_booleans_are_shown_as_typed(content_tree, typed):
    relpath = write(content_tree, "status", entry_text(extra=f"status: {typed}\n"))
    text = chinese_only(problems_of(content_tree, relpath))
    assert f"实际是“{typed}”" in text and "True" not in text and "False" not in text


def test_a_mapping_in_a_text_field_is_shown_as_yaml_not_as_python(content_tree):
    relpath = write(content_tree, "yingshe", entry_text(title="{a: 1, b: [x, y]}"))
    text = chinese_only(problems_of(content_tree, relpath))
    assert "{a: 1, b: [x, y]}" in text and "'a'" not in text


def test_only_three_dashes_close_the_front_matter(content_tree):
    text = entry_text(extra="...\nyear: 2024\nlevel: 市级\n")
    relpath = write(content_tree, "dots", text)
    found = problems_of(content_tree, relpath)
    assert [(p.rule, p.line) for p in found] == [("frontmatter-dots", 10)], format_text(found)
    chinese_only(found)
    doc, _ = load_document(relpath, text)
    assert doc.data["year"] == 2024 and doc.data["level"] == "市级"  # read as fields, not made body text
    assert doc.body.strip() == "正文。"


def test_dots_instead_of_the_closing_dashes_is_named(content_tree):
    relpath = write(content_tree, "dots-close", FRONT.format(title="测试", source="来源") + "...\n\n正文。\n")
    found = problems_of(content_tree, relpath)
    assert {p.rule for p in found} == {"frontmatter-unclosed", "frontmatter-dots"}
    chinese_only(found)


@pytest.mark.parametrize("where", ["front", "body"])
def test_merge_conflict_markers_are_named_at_their_lines(content_tree, where):
    conflict = "<<<<<<< HEAD\n{a}\n=======\n{b}\n>>>>>>> feature\n"
    if where == "front":
        text = FRONT.format(title="测试", source="来源") + conflict.format(a="year: 2023", b="year: 2024") + "---\n正文。\n"
        lines = [10, 12, 14]
    else:
        text = entry_text(body="正文。\n\n" + conflict.format(a="第一种说法。", b="第二种说法。"))
        lines = [14, 16, 18]
    relpath = write(content_tree, "conflict", text)
    found = problems_of(content_tree, relpath)
    assert [(p.rule, p.line) for p in found] == [("conflict-marker", n) for n in lines], format_text(found)
    assert "冒号" not in chinese_only(found)  # not YAML's complaint about a missing colon


def test_a_heading_underline_is_not_a_conflict_marker(content_tree):
    relpath = write(content_tree, "setext", entry_text(body="标题\n=======\n\n正文。"))
    assert problems_of(content_tree, relpath) == []


def test_a_symlinked_entry_folder_is_refused_with_a_message(content_tree, tmp_path):
    outside = tmp_path / "outside"
    (content_tree / "cases" / "figures").rename(outside)
    os.symlink(outside, content_tree / "cases" / "figures")
    result = load_library(content_tree)
    found = [p for p in result.problems if p.path == "cases/figures"]
    assert [p.rule for p in found] == ["folder-symlink"] and not result.ok
    assert "符号链接" in format_text(found)
    assert not result.library.entries_of("figure")


def test_a_symlinked_content_folder_is_refused(tmp_path, content_tree):
    project = tmp_path / "project"
    project.mkdir()
    os.symlink(content_tree / "cases", project / "cases")
    result = load_library(project)
    assert [p.rule for p in result.problems] == ["folder-symlink"] and not result.library.entries


def test_a_folder_inside_an_entry_folder_is_named(content_tree):
    (content_tree / "cases" / "showcases" / "2024").mkdir()
    found = [p for p in load_library(content_tree).problems if p.path == "cases/showcases/2024"]
    assert [(p.rule, p.severity) for p in found] == [("folder-unexpected", "warning")]


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16LE"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"),
                                            ("utf-32", "UTF-32LE"), ("utf-32-le", "UTF-32LE"), ("utf-32-be", "UTF-32BE")])
def test_utf16_is_named_as_such(content_tree, encoding, name):
    path = content_tree / "cases" / "showcases" / "utf16.md"
    path.write_bytes(entry_text().encode(encoding))
    found = problems_of(content_tree, "cases/showcases/utf16.md")
    assert [p.rule for p in found] == ["file-encoding-utf16"]
    assert name in format_text(found) and "UTF-8" in format_text(found)


def test_binary_is_still_binary(content_tree):
    (content_tree / "cases" / "showcases" / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert [p.rule for p in problems_of(content_tree, "cases/showcases/image.md")] == ["file-binary"]


# --- vocabularies


def _append(tree, name: str, text: str) -> None:
    path = tree / "cases" / name
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def test_a_district_reusing_an_id_is_refused(content_tree):
    _append(content_tree, "districts.yml", "  - id: wanzhou\n    name: 测试区\n    kind: 区\n")
    found = [p for p in load_library(content_tree).problems if p.path == "cases/districts.yml"]
    assert [p.rule for p in found] == ["vocab-duplicate-id"], format_text(found)
    assert "“wanzhou”" in chinese_only(found)


def test_a_district_reusing_a_name_is_refused(content_tree):
    _append(content_tree, "districts.yml", "  - id: wanzhou-er\n    name: 万州区\n    kind: 区\n")
    found = [p for p in load_library(content_tree).problems if p.path == "cases/districts.yml"]
    assert [p.rule for p in found] == ["vocab-duplicate"], format_text(found)


def test_an_institution_reusing_an_id_is_refused(content_tree):
    text = (content_tree / "cases" / "institutions.yml").read_text(encoding="utf-8")
    first_id = re.search(r"\bid: (\S+)", text).group(1)
    _append(content_tree, "institutions.yml", f"  - id: {first_id}\n    name: 测试学院\n    kind: 高职\n")
    found = [p for p in load_library(content_tree).problems if p.path == "cases/institutions.yml"]
    assert [p.rule for p in found] == ["vocab-duplicate-id"], format_text(found)


def test_a_subtheme_reusing_a_theme_id_is_refused(content_tree):
    path = content_tree / "cases" / "themes.yml"
    text = path.read_text(encoding="utf-8")
    theme_id = re.search(r"^  - id: (\S+)", text, re.M).group(1)
    sub_id = re.search(r"^      - id: (\S+)", text, re.M).group(1)
    path.write_text(text.replace(f"      - id: {sub_id}\n", f"      - id: {theme_id}\n", 1), encoding="utf-8")
    found = [p for p in load_library(content_tree).problems if p.path == "cases/themes.yml"]
    assert [p.rule for p in found] == ["vocab-duplicate-id"], format_text(found)


# --- the YAML parser's complaints, in Chinese


@pytest.mark.parametrize("front", [
    "title: a: b\n", "title: [a, b\n", "title: {a\n", "title: \"x\n", "title: \"\\q\"\n", "- a\ntitle: b\n",
    "title: *x\n", "title: &a x\nsummary: &a y\n", "title: @x\n", "title:\tx\n", "title: |0\n  x\n",
    "%YAML 1.1\n%YAML 1.1\ntitle: x\n", "title: x\n---\nsummary: y\n", "a:\n  - b\n   - c\n", "title: !!python/name:os.system x\n",
])
def test_yaml_errors_are_said_in_chinese(content_tree, front):
    relpath = write(content_tree, "broken", "---\n" + front + "---\n正文。\n")
    found = problems_of(content_tree, relpath)
    assert found and all(p.line >= 2 for p in found)
    chinese_only(found)


def test_a_control_character_in_the_front_matter_is_named_by_code_point(content_tree):
    relpath = write(content_tree, "control", entry_text(title="测试\x07条目"))
    found = problems_of(content_tree, relpath)
    assert [(p.rule, p.line, p.column) for p in found] == [("hidden-character", 2, 10)]
    assert "U+0007" in chinese_only(found)
