"""After any sequence of edits, the site `serve` keeps up to date is the site a fresh `build` makes, file for file.

Hypothesis draws sequences of edits of a small tree (tests/preview/tree.py): entries added,
renamed and removed; themes, district, models, titles and bodies changed; files broken and
fixed; drafts made and published; and the preview's background work let run for a few steps
between edits, or not at all. After the sequence every broken file is fixed and every draft
published (what `build` needs), the preview finishes its work, and its folder is compared with
a fresh build of the same files (the search bundle aside).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.preview.site import LiveSite

from .tree import Tree, apply, build, differences, edits, make_project

EPOCH = "1700000000"
@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(edits, min_size=1, max_size=10))
def test_the_preview_equals_a_fresh_build_after_any_edits(edits):
    work = Path(tempfile.mkdtemp(prefix="zjxn-preview-test-"))
    site = None
    try:
        tree = Tree(make_project(work / "project"))
        site = LiveSite(tree.root, tree.root / "mkdocs.yml")
        for edit in edits:
            if edit[0] == "steps":
                for _ in range(edit[1]):
                    site.step()
                continue
            touched = apply(tree, edit)
            if touched:
                site.apply(site.relative({tree.root / p for p in touched}))
        site.apply(site.relative({tree.root / p for p in tree.publish_all()}))
        while not site.idle():
            site.step()
        built = build(tree.root, work / "built")
        assert differences(site.folder, built) == []
    finally:
        if site is not None:
            site.close()
        shutil.rmtree(work, ignore_errors=True)
