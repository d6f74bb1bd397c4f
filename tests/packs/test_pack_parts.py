"""A big pack printed in parts by two processes and merged reads exactly like the same pack printed whole."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

import pytest

from generator.content.library import load_library
from generator.packs.booklet import online_address
from generator.site.identity import identity_from, read_settings
from generator.packs.parts import PART_MIN_ENTRIES, settle_front_pages, split_entries
from generator.packs.workers import WORKERS_ENV

from .packtools import (
    contents, copy_fixture, first_page_with, links_and_bookmarks, pdf_pages, pdffonts, pdfinfo, run_pack, squeeze,
)
from .synthetic import entry_text

pytestmark = pytest.mark.pdf

SYNTHETIC = 2 * PART_MIN_ENTRIES  # with the fixture's own entries: two parts, and contents over two A5 pages


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The fixture entries plus synthetic cases, every published one, on A5: printed whole and in two parts."""
    root = copy_fixture(tmp_path_factory.mktemp("parts") / "project")
    rng = random.Random(20240601)
    for number in range(1, SYNTHETIC + 1):
        path = root / "cases" / "showcases" / f"hecheng-anli-{number:03d}.md"
        path.write_text(entry_text(number, rng), encoding="utf-8")
    pdfs = {}
    for mode, workers in (("whole", "1"), ("parts", "2")):
        pdfs[mode] = root.parent / f"{mode}.pdf"
        run = run_pack("--paper", "A5", "-o", str(pdfs[mode]), root=root, cwd=root.parent, env={WORKERS_ENV: workers})
        assert run.code == 0, run.stderr
    library = load_library(root).library
    site = identity_from(read_settings(root / "mkdocs.yml")).url
    return SimpleNamespace(library=library, site=site, pdfs=pdfs, pages={m: pdf_pages(p) for m, p in pdfs.items()})


def _text(page: str) -> str:
    return squeeze(page).replace("•", "·")  # one glyph: pdftotext names it after its first use in each font subset


def test_parts_print_the_same_pages_as_whole(printed):
    whole, parts = printed.pages["whole"], printed.pages["parts"]
    assert len(parts) == len(whole) == int(pdfinfo(printed.pdfs["parts"])["Pages"])
    for number, (one, other) in enumerate(zip(whole, parts), 1):
        assert _text(one) == _text(other), f"page {number}"


def test_contents_page_numbers_are_where_the_entries_start(printed):
    pages = printed.pages["parts"]
    entries = printed.library.published
    listed = contents(pages, [entry.title for entry in entries])
    assert set(listed) == {entry.title for entry in entries}
    assert min(listed.values()) > 3  # the contents took two pages: cover, contents, contents, entries
    for entry in entries:
        assert first_page_with(pages, online_address(printed.site, entry), start=1) == listed[entry.title], entry.id


def test_page_numbers_run_on_across_parts(printed):
    pages = printed.pages["parts"]
    total = len(pages)
    assert "第1页" not in squeeze(pages[0])  # the cover has none
    for number, page in enumerate(pages[1:], 2):
        assert re.findall(r"第\d+页/共\d+页", squeeze(page)) == [f"第{number}页/共{total}页"]


def test_running_header_names_the_entry(printed):
    pages = printed.pages["parts"]
    listed = contents(pages, [entry.title for entry in printed.library.published])
    for title, number in listed.items():
        assert squeeze(title) in squeeze(pages[number - 1].strip().splitlines()[0])


def test_fonts_are_embedded_subsets_with_a_tag_each(printed):
    fonts = pdffonts(printed.pdfs["parts"])
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts)
    names = [f["name"] for f in fonts]
    assert len(set(names)) == len(names)  # different subsets in one PDF must not share a tag
    assert len(fonts) > len(pdffonts(printed.pdfs["whole"]))  # each part brought its own: it was printed in parts


def test_contents_links_and_bookmarks_survive_the_merge(printed):
    whole, parts = (links_and_bookmarks(printed.pdfs[mode]) for mode in ("whole", "parts"))
    assert len(parts[0]) == len(printed.library.published)
    assert parts == whole


def test_split_keeps_order_and_balances_the_text():
    views = [SimpleNamespace(body="字" * length) for length in (100, 5000, 200, 300, 4000, 100, 2500, 900)]
    runs = split_entries(views, 3)
    assert [view for run in runs for view in run] == views
    assert len(runs) == 3 and all(runs)
    weights = [sum(1000 + len(view.body) for view in run) for run in runs]
    assert max(weights) <= 2 * min(weights)
    assert len(split_entries(views, 2, lead=6000)[0]) < len(split_entries(views, 2)[0])  # room for the front matter
    assert split_entries(views[:1], 2) == [tuple(views[:1])]
    assert split_entries(views, 1) == [tuple(views)]


def test_front_matter_is_laid_out_again_until_its_page_count_holds():
    takes = {2: 4, 4: 5, 5: 5}  # pages the front matter takes when its numbers assume so many
    tried = []

    def lay_out(pages):
        tried.append(pages)
        return f"layout for {pages}", takes[pages]

    assert settle_front_pages(2, lay_out) == "layout for 5"
    assert tried == [2, 4, 5]
    with pytest.raises(RuntimeError, match="目录的页数"):
        settle_front_pages(1, lambda pages: (None, pages + 1))
