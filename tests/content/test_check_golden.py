"""Each bad file beside the exact messages it must produce; each good file produces none.

Regenerate the golden files after an intended change of wording with:
    UPDATE_GOLDEN=1 python3 -m pytest tests/content/test_check_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.content.library import load_library
from generator.problems import format_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BAD = sorted((FIXTURES / "bad").glob("*.md"))
GOOD = sorted((FIXTURES / "good").glob("*.md"))


def problems_for(tree: Path, source: Path, lang: str = "zh") -> str:
    target = tree / "cases" / "showcases" / source.name
    shutil.copyfile(source, target)
    result = load_library(tree)
    mine = [p for p in result.problems if p.path == f"cases/showcases/{source.name}"]
    others = [p for p in result.problems if p.path != f"cases/showcases/{source.name}"]
    assert others == [], "a bad file must not affect the other files"
    return format_text(mine, lang) + "\n" if mine else ""


@pytest.mark.parametrize("source", BAD, ids=lambda p: p.stem)
def test_bad_file_gives_its_messages(content_tree, source):
    golden = source.with_suffix(".errors.txt")
    actual = problems_for(content_tree, source)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual, "a bad file must produce at least one problem"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", GOOD, ids=lambda p: p.stem)
def test_good_file_is_accepted(content_tree, source):
    assert problems_for(content_tree, source) == ""


def test_every_bad_file_has_golden_messages():
    assert BAD and all(p.with_suffix(".errors.txt").exists() for p in BAD)
