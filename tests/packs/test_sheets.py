"""Site packs cut from a shared print sheet read exactly like the same packs printed whole, and are as small."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.content.library import load_library
from generator.index import build_index
from generator.packs import sheets
from generator.packs import site as site_packs
from generator.packs.workers import WORKERS_ENV

from .packtools import (
    copy_fixture, destinations, internal_links, links_and_bookmarks, pdf_pages, pdffonts, pdfinfo, squeeze,
)
from .synthetic import entry_text

pytestmark = pytest.mark.pdf

SYNTHETIC = 30
PACKS_YML = """per_theme: false
paper: A5
max_entries: 40
packs:
  - theme: 赛教融合
  - theme: 技能培训
  - theme: 产教融合
"""
INFO = ("Title", "Subject", "Author", "Producer", "CreationDate", "ModDate", "Pages", "Page size", "PDF version")
# a body heading whose id would be another entry's anchor, and links to entries that may be in another pack
TRAPS = "\n## case hecheng-anli-{other:03d}\n\n见[另一条目](#case-hecheng-anli-{other:03d})与[再一条](#case-hecheng-anli-{last:03d})。\n"


def project(root):
    copy_fixture(root)
    rng = random.Random(20261201)
    for number in range(1, SYNTHETIC + 1):
        path = root / "cases" / "showcases" / f"hecheng-anli-{number:03d}.md"
        traps = TRAPS.format(other=(number + 2) % SYNTHETIC + 1, last=(number + 7) % SYNTHETIC + 1) if number % 5 == 0 else ""
        path.write_text(entry_text(number, rng) + traps, encoding="utf-8")
    (root / "packs.yml").write_text(PACKS_YML, encoding="utf-8")
    return root


def build(root, out, monkeypatch, workers="2", previous=None):
    monkeypatch.setenv(WORKERS_ENV, workers)
    library = load_library(root).library
    return build_site_packs(library, out, previous)


def build_site_packs(library, out, previous=None):
    return site_packs.build_site_packs(library, build_index(library), out, previous)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The packs as the site prints them (a sheet for the overlapping ones), and each printed whole."""
    root = project(tmp_path_factory.mktemp("sheets") / "project")
    library = load_library(root).library
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(WORKERS_ENV, "2")
        cut = build_site_packs(library, root.parent / "cut")
        patch.setattr(site_packs, "SHEET_MIN_ENTRIES", 10**6)  # every pack printed whole, on its own
        whole = build_site_packs(library, root.parent / "whole")
    assert cut == whole
    jobs = site_packs._jobs(site_packs.plan_packs(library))
    return SimpleNamespace(root=root, library=library, packs=cut, jobs=jobs,
                           cut=root.parent / "cut", whole=root.parent / "whole")


def test_overlapping_packs_share_a_sheet(printed):
    on_sheets = [job for job in printed.jobs if len(job) > 1]
    assert on_sheets, "no pack was cut from a sheet: the other tests would compare whole prints with themselves"
    entries = [{(e.type, e.id) for e in plan.entries} for plan in on_sheets[0]]
    assert entries[0] & entries[1]  # they share entries, which the sheet lays out once


def test_a_cut_pack_reads_page_for_page_like_the_pack_printed_whole(printed):
    for relpath in printed.packs.values():
        cut, whole = pdf_pages(printed.cut / relpath), pdf_pages(printed.whole / relpath)
        assert len(cut) == len(whole) > 3
        for number, (one, other) in enumerate(zip(whole, cut), 1):
            assert squeeze(one) == squeeze(other), f"{relpath}, page {number}"
        wanted, got = pdfinfo(printed.whole / relpath), pdfinfo(printed.cut / relpath)
        assert {key: got.get(key) for key in INFO} == {key: wanted.get(key) for key in INFO}


def test_a_cut_pack_keeps_its_links_bookmarks_and_destinations(printed):
    for relpath in printed.packs.values():
        assert links_and_bookmarks(printed.cut / relpath) == links_and_bookmarks(printed.whole / relpath)
        assert destinations(printed.cut / relpath) == destinations(printed.whole / relpath)
        assert internal_links(printed.cut / relpath) == internal_links(printed.whole / relpath)
        # no link left pointing at an entry that is in another pack of the sheet
        assert set(internal_links(printed.cut / relpath).values()) <= set(destinations(printed.cut / relpath))


def test_a_cut_pack_has_one_font_subset_per_face_and_stays_small(printed):
    for relpath in printed.packs.values():
        fonts = pdffonts(printed.cut / relpath)
        assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts)
        assert len(fonts) == len(pdffonts(printed.whole / relpath))  # not one subset per printing as in parts
        # the sheet's subsets hold the glyphs of its other packs too: a little more than the pack's own
        assert (printed.cut / relpath).stat().st_size <= 1.15 * (printed.whole / relpath).stat().st_size


def test_the_packs_bytes_do_not_depend_on_the_number_of_cores(printed, tmp_path, monkeypatch):
    build(printed.root, tmp_path / "one", monkeypatch, workers="1")
    for relpath in printed.packs.values():
        assert (tmp_path / "one" / relpath).read_bytes() == (printed.cut / relpath).read_bytes()


def test_an_edit_prints_its_sheet_again_and_equals_a_cold_build(printed, tmp_path, monkeypatch):
    root = shutil.copytree(printed.root, tmp_path / "project")  # the module's tree stays as it was
    sheet = next(job for job in printed.jobs if len(job) > 1)
    on_sheet = {plan.relpath for plan in sheet}
    entry = next(e for e in sheet[0].entries if e.id.startswith("hecheng"))
    path = root / entry.path
    path.write_text(path.read_text(encoding="utf-8").replace("合成（非真实）条目", "合成（非真实，已修改）条目"),
                    encoding="utf-8")
    printing = []
    monkeypatch.setattr(site_packs, "print_sheet", lambda packs, paper: printing.append(packs) or sheets.print_sheet(packs, paper))
    build(root, tmp_path / "again", monkeypatch, workers="1", previous=printed.cut)
    assert [{relpath for relpath, _ in packs} for packs in printing] == [on_sheet]  # the other packs were copied
    build(root, tmp_path / "cold", monkeypatch, workers="1")
    for relpath in printed.packs.values():
        assert (tmp_path / "again" / relpath).read_bytes() == (tmp_path / "cold" / relpath).read_bytes(), relpath
    assert any((tmp_path / "again" / r).read_bytes() != (printed.cut / r).read_bytes() for r in on_sheet)


def test_packs_of_one_sheet_that_swap_ids_are_printed_again_not_copied_as_each_other(printed, tmp_path, monkeypatch):
    root = shutil.copytree(printed.root, tmp_path / "project")
    first, second = next(job for job in printed.jobs if len(job) > 1)[:2]
    swap = {first.relpath: second.relpath, second.relpath: first.relpath}
    plans = site_packs.plan_packs(printed.library)  # the same packs and sheets; two of them under each other's name
    listed = "".join(f"  - {{theme: {plan.key}, id: {Path(swap.get(plan.relpath, plan.relpath)).stem}}}\n" for plan in plans)
    (root / "packs.yml").write_text(PACKS_YML.split("packs:")[0] + "packs:\n" + listed, encoding="utf-8")
    written = build(root, tmp_path / "again", monkeypatch, workers="1", previous=printed.cut)
    assert written[first.key] == second.relpath
    build(root, tmp_path / "cold", monkeypatch, workers="1")
    for relpath in written.values():
        assert (tmp_path / "again" / relpath).read_bytes() == (tmp_path / "cold" / relpath).read_bytes(), relpath


def _pack(name: str, *keys: str):
    return SimpleNamespace(relpath=name, entries=[SimpleNamespace(type="case", id=k, body="字" * 1000) for k in keys])


def test_packs_that_share_entries_are_grouped_together_and_the_groups_balanced():
    a, b, c, d = _pack("a", "1", "2", "3", "4"), _pack("b", "1", "2", "3", "5"), _pack("c", "6", "7", "8"), _pack("d", "9", "10")
    groups = sheets.group_packs([a, b, c, d], 2)
    assert sorted(sorted(p.relpath for p in g) for g in groups) == [["a", "b"], ["c", "d"]]
    assert sheets.group_packs([a, b, c, d], 2) == groups  # the same packs, the same groups
    assert [[p.relpath for p in g] for g in sheets.group_packs([a], 2)] == [["a"]]
