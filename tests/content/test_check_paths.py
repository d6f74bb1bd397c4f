"""The fast paths of `check` report exactly what the plain path reports: worker processes
(used from 2,000 files on) and the check-only load that builds no entries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content import library
from generator.content.library import check_content, load_library
from generator.problems import format_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def messy_tree(content_tree) -> Path:
    """Every bad and good fixture as a case, a figure and a model, beside the real entries."""
    for source in sorted([*FIXTURES.glob("bad/*.md"), *FIXTURES.glob("good/*.md")]):
        for folder in ("showcases", "figures", "models"):
            shutil.copyfile(source, content_tree / "cases" / folder / f"{source.parent.name}-{source.name}")
    return content_tree


def test_worker_processes_report_the_same_problems(messy_tree, monkeypatch):
    serial = load_library(messy_tree)
    monkeypatch.setattr(library, "PARALLEL_FROM", 1)
    parallel = load_library(messy_tree)
    assert format_text(parallel.problems) == format_text(serial.problems)
    assert parallel.library.entries == serial.library.entries


def test_check_only_reports_what_the_full_load_reports(messy_tree, monkeypatch):
    full = load_library(messy_tree)
    assert "unknown-model" in format_text(full.problems)  # references are resolved in both
    for parallel_from in (library.PARALLEL_FROM, 1):
        monkeypatch.setattr(library, "PARALLEL_FROM", parallel_from)
        checked = check_content(messy_tree)
        assert format_text(checked.problems) == format_text(full.problems)
        assert checked.files == full.files
