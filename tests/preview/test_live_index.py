"""The preview's library and indexes, kept up to date edit by edit, against the ones made from scratch.

Faster than the whole-site comparison (no pages), so many more edit sequences: after every
edit the live indexes equal build_index over the same entries (drafts counted in: the
preview shows them), and with no broken file the live library equals load_library's.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.library import load_library
from generator.index import build_index, key
from generator.preview.index import LiveIndex
from generator.preview.library import LiveLibrary

from .tree import Tree, apply, edits, make_project


def keys(entries) -> list:
    return [key(e) for e in entries]


def index_view(index) -> dict:
    """What the pages read of an index, by key."""
    return {
        "entries": keys(index.entries),
        "groups": {name: {value: keys(found) for value, found in index.by_facet[name].items()} for name in index.by_facet},
        "group order": {name: list(index.by_facet[name]) for name in index.by_facet},
        "backlinks": {k: keys(found) for k, found in index.backlinks.items()},
        "related": {key(e): keys(index.related.get(key(e), ())) for e in index.entries},
    }


def from_scratch(library):
    """build_index over the same entries, drafts counted as published."""
    published = tuple(dataclasses.replace(e, status="published") for e in library.entries)
    return build_index(dataclasses.replace(library, entries=published))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=14))
def test_live_indexes_equal_indexes_made_from_scratch_after_every_edit(edits):
    work = Path(tempfile.mkdtemp(prefix="zjxn-live-index-"))
    try:
        tree = Tree(make_project(work / "project"))
        live = LiveLibrary(tree.root)
        index = LiveIndex(live.library)
        for edit in edits:
            touched = apply(tree, edit)
            if not touched:
                continue
            update = live.update(touched)
            index.update(update.entries)
            assert index_view(index.index()) == index_view(from_scratch(live.library))
            if not tree.broken:
                assert live.library.entries == load_library(tree.root).library.entries
    finally:
        shutil.rmtree(work, ignore_errors=True)
