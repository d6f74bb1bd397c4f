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

from .tree import BREAKAGES, Tree, build, differences, make_project

EPOCH = "1700000000"
number = st.integers(0, 10_000)
edits = st.one_of(
    st.tuples(st.just("body"), number, st.text("示例文字甲乙丙，。\n", min_size=1, max_size=30)),
    st.tuples(st.just("title"), number, number),
    st.tuples(st.just("district"), number, number),
    st.tuples(st.just("themes"), number, st.lists(number, min_size=1, max_size=3)),
    st.tuples(st.just("models"), number, st.lists(number, max_size=2)),
    st.tuples(st.just("add"), st.sampled_from(["case", "case", "model", "figure"]), number, st.lists(number, max_size=2)),
    st.tuples(st.just("rename"), number, number),
    st.tuples(st.just("delete"), number),
    st.tuples(st.just("break"), number, st.sampled_from(sorted(BREAKAGES))),
    st.tuples(st.just("fix"), number),
    st.tuples(st.just("draft"), number),
    st.tuples(st.just("steps"), st.integers(1, 30)),
)


def apply(tree: Tree, edit: tuple) -> set[str]:
    """Make one edit in the tree; the project-relative paths it wrote or removed."""
    kind, *args = edit
    path = tree.pick(args[0]) if kind not in ("add", "steps") else None
    if kind == "body":
        return tree.change(path, body=tree.entries[path][1] + "\n" + args[1] + "\n")
    if kind == "title":
        return tree.retitle(path, f"【示例】改过的标题{args[1]}")
    if kind == "district" and "district" in tree.entries[path][0]:
        return tree.change(path, district=tree.districts[args[1] % len(tree.districts)])
    if kind == "themes":
        return tree.change(path, themes=sorted({tree.themes[n % len(tree.themes)] for n in args[1]}))
    if kind == "models" and tree.kind(path) == "case":
        models = sorted({Path(m).stem for m in (tree.pick(n, "model") for n in args[1]) if m})
        return tree.change(path, models=models) if models else tree._without(path, "models")
    if kind == "add":
        links = [tree.pick(n) for n in args[2]]
        return tree.add(args[0], args[1], [tree.themes[args[1] % len(tree.themes)]],
                        tree.districts[args[1] % len(tree.districts)], [p for p in links if p])  # fmt: skip
    if kind == "rename":
        return tree.rename(path, args[1])
    if kind == "delete" and len(tree.entries) > 2:
        return tree.delete(path)
    if kind == "break" and path not in tree.broken:
        return tree.break_file(path, args[1])
    if kind == "fix" and tree.broken:
        return tree.fix(sorted(tree.broken)[args[0] % len(tree.broken)])
    if kind == "draft":
        front = tree.entries[path][0]
        return tree._without(path, "status") if front.get("status") == "draft" else tree.change(path, status="draft")
    return set()


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
