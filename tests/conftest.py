"""Shared fixtures: the project root, and small content trees copied to a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project_root() -> Path:
    return ROOT


@pytest.fixture
def content_tree(tmp_path) -> Path:
    """A copy of the project's real vocabularies and entries, to add files to."""
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    return tmp_path
