"""Fixtures for the pack tests: the fixture entries with the project's real vocabularies."""

from __future__ import annotations

from pathlib import Path

import pytest
from .packtools import copy_fixture


@pytest.fixture
def pack_tree(tmp_path) -> Path:
    """A temporary project root: tests/fixtures/packs plus the real cases/*.yml vocabularies."""
    return copy_fixture(tmp_path / "project")
