"""Arbitrary bytes and arbitrary YAML never crash the loader: they give problems, not tracebacks."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.library import load_library

ROOT = Path(__file__).resolve().parent.parent.parent


def _tree() -> Path:
    tree = Path(tempfile.mkdtemp())
    shutil.copytree(ROOT / "cases", tree / "cases")
    return tree


TREE = _tree()
TARGET = TREE / "cases" / "showcases" / "fuzz.md"

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30) | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _load_and_check(data: bytes):
    TARGET.write_bytes(data)
    result = load_library(TREE)
    others = [p for p in result.problems if p.path != "cases/showcases/fuzz.md"]
    assert not others
    for p in result.problems:
        assert p.message("zh") and p.message("en")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    _load_and_check(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=500))
def test_arbitrary_text_after_front_matter_marker(text):
    _load_and_check(("---\n" + text).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["title", "summary", "themes", "sources", "year", "outcomes", "district",
                                        "institutions", "models", "status", "updated", "x"]), yaml_values, max_size=8))
def test_arbitrary_yaml_front_matter(front):
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n正文。\n"
    _load_and_check(text.encode("utf-8"))
