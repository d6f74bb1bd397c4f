"""Packs built with the site: one PDF per theme with published entries, plus the packs packs.yml declares."""

from __future__ import annotations

import pytest

from generator.content.library import load_library
from generator.errors import UsageError
from generator.packs import plan as site_packs
from generator.packs.config import read_packs_config
from generator.packs.plan import plan_packs, print_site_packs
from generator.packs.workers import WORKERS_ENV

from .packtools import ROOT, pdf_pages, pdfinfo, squeeze

pytestmark = pytest.mark.pdf


SITE = "https://example.org/"


def build(root, out, monkeypatch, workers="2", previous=None, library=None):
    monkeypatch.setenv(WORKERS_ENV, workers)
    library = library or load_library(root).library
    return print_site_packs(plan_packs(library), library, SITE, out, previous)


def pack_paths(library) -> dict:
    return {plan.key: plan.relpath for plan in plan_packs(library)}


def test_one_pack_per_theme_with_entries(pack_tree, tmp_path, monkeypatch):
    out = tmp_path / "site"
    written = build(pack_tree, out, monkeypatch)
    # the fixture has entries under 赛教融合, 技能培训 and 统筹赋能 (典型引领) only: the other themes get no pack
    assert written == {
        "赛教融合": "packs/saijiao-ronghe.pdf",
        "技能培训": "packs/jineng-peixun.pdf",
        "统筹赋能": "packs/tongchou-funeng.pdf",
    }
    assert sorted(p.name for p in (out / "packs").glob("*.pdf")) == sorted(p.split("/")[1] for p in written.values())
    assert pack_paths(load_library(pack_tree).library) == written  # known before printing, for the theme pages
    pages = pdf_pages(out / written["赛教融合"])
    text = squeeze("".join(pages))
    assert "【样例】以赛促教的虚构案例" in text and "【样例】技能培训的虚构案例" not in text
    assert "赛教融合案例手册" in squeeze(pages[0])
    assert int(pdfinfo(out / written["技能培训"])["Pages"]) >= 3


def test_packs_yml_adds_packs_and_titles(pack_tree, tmp_path, monkeypatch):
    (pack_tree / "packs.yml").write_text(
        "per_theme: false\npaper: A5\npacks:\n"
        "  - theme: 赛教融合\n    title: 赛教融合培训读本\n"
        "  - id: wanzhou\n    title: 万州区案例\n    district: 万州\n",
        encoding="utf-8",
    )
    written = build(pack_tree, tmp_path / "site", monkeypatch, workers="1")
    assert written == {"赛教融合": "packs/saijiao-ronghe.pdf", "万州区案例": "packs/wanzhou.pdf"}
    cover = squeeze(pdf_pages(tmp_path / "site" / "packs" / "saijiao-ronghe.pdf")[0])
    assert "赛教融合培训读本" in cover
    width = float(pdfinfo(tmp_path / "site" / "packs" / "wanzhou.pdf")["Page size"].split()[0])
    assert round(width) == 420  # A5 from packs.yml


def test_packs_yml_with_an_unknown_theme_is_a_clear_error(pack_tree, tmp_path, monkeypatch):
    (pack_tree / "packs.yml").write_text("packs:\n  - theme: 赛教融和\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        build(pack_tree, tmp_path / "site", monkeypatch)
    assert "packs.yml" in caught.value.message() and "是否想写“赛教融合”" in caught.value.message()


def test_the_project_packs_yml_is_valid_and_names_every_theme():
    config = read_packs_config(ROOT, load_library(ROOT).library.schema)
    vocab = load_library(ROOT).library.vocab
    listed = {vocab.theme_names.resolve(spec.selectors["theme"][0]) for spec in config.packs}
    assert listed == {theme.name for theme in vocab.themes}


def test_a_site_pack_over_max_entries_keeps_the_most_complete_and_says_so(pack_tree, tmp_path, monkeypatch):
    (pack_tree / "packs.yml").write_text("per_theme: false\nmax_entries: 1\npacks:\n  - theme: 赛教融合\n", encoding="utf-8")
    written = build(pack_tree, tmp_path / "site", monkeypatch, workers="1")
    pages = pdf_pages(tmp_path / "site" / written["赛教融合"])
    cover = squeeze(pages[0])
    assert "共1个" in cover and "收录其中内容最完整、最新的1个（共3个）" in cover
    text = squeeze("".join(pages))
    assert "【样例】以赛促教的虚构案例" in text  # the one complete entry of the three
    assert "【样例】赛教融合主题的短条目" not in text


def test_unchanged_packs_are_copied_from_the_previous_site_not_printed(tmp_path, monkeypatch):
    import dataclasses

    library = load_library(ROOT).library
    first = tmp_path / "first"
    written = build(ROOT, first, monkeypatch, library=library)
    printed = []
    recorder = type("Recorder", (), {"print": lambda self, html, target, paper: printed.append(f"packs/{target.name}")})
    monkeypatch.setattr(site_packs, "printer", recorder)
    second = tmp_path / "second"
    assert build(ROOT, second, monkeypatch, workers="1", previous=first, library=library) == written
    assert printed == []
    for relpath in written.values():
        assert (second / relpath).read_bytes() == (first / relpath).read_bytes()

    entry = library.get("case", "saijiao-ronghe-tianjian-shengjin")
    edited = dataclasses.replace(entry, summary=entry.summary + "（已修改）")
    changed = dataclasses.replace(library, entries=tuple(edited if e is entry else e for e in library.entries))
    build(ROOT, tmp_path / "third", monkeypatch, workers="1", previous=first, library=changed)
    assert written["赛教融合"] in printed  # the pack holding the edited entry is printed again
    assert len(printed) < len(written)  # the others are copied


def test_a_rebuild_whose_packs_are_all_copied_loads_no_weasyprint(tmp_path):
    """Loading WeasyPrint costs 0.8 s and 40 MB per printing process: a deploy over an unchanged site needs none."""
    import subprocess
    import sys

    script = f"""
import os, sys
from pathlib import Path
os.environ["{WORKERS_ENV}"] = "1"  # printed in this process, so sys.modules tells
from generator.content.library import load_library
from generator.packs.plan import plan_packs, print_site_packs
library = load_library(Path({str(ROOT)!r})).library
out, previous = Path(sys.argv[1]), (Path(sys.argv[2]) if len(sys.argv) > 2 else None)
print_site_packs(plan_packs(library), library, "{SITE}", out, previous)
print("weasyprint" in sys.modules)
"""
    first, second = tmp_path / "first", tmp_path / "second"
    cold = subprocess.run([sys.executable, "-c", script, str(first)], capture_output=True, text=True, check=True)
    assert cold.stdout.strip() == "True"  # something was printed: the check below can tell
    warm = subprocess.run([sys.executable, "-c", script, str(second), str(first)], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert warm.stdout.strip() == "False", warm.stderr
    assert sorted(p.name for p in (second / "packs").glob("*.pdf")) == sorted(p.name for p in (first / "packs").glob("*.pdf"))
