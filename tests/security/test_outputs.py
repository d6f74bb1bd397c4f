"""Every output is valid for its format and safe to open, whatever reaches it: CSV cells a spreadsheet
would run are neutralised (OWASP), the feed and the sitemap are well-formed XML, and no output holds a
character nobody can see — both for content `check` accepts and for entries made without `check`."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.characters import HIDDEN
from generator.content.history import entry_dates, newest_first
from generator.content.library import load_library
from generator.index import build_index
from generator.site.exports import FORMULA_START, all_exports
from generator.site.identity import SiteIdentity
from generator.site.pages import SiteOptions

ROOT = Path(__file__).resolve().parents[2]
FORMULAS = {
    "title": "=HYPERLINK(\"https://evil.example\",\"点我\")",
    "summary": "+1+cmd|' /C calc'!A0 是一个公式",
    "source": "@SUM(1+1)*cmd|' /C calc'!A0",
    "publisher": "-2+3+cmd|' /C calc'!A0",
}
ENTRY = """---
title: {title}
summary: {summary}
themes: [赛教融合]
institutions: [市教委]
district: 全市
updated: 2030-01-01
sources:
  - title: {source}
    publisher: {publisher}
    copy: zhenxing-youwo-huiketing-2e63d541.txt
---

正文里的 =1+1 与 @A1 只是文字。
"""


def csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell


def hidden_in(text: str) -> list[str]:
    """Hidden characters in an output's text; the CSV's byte-order mark (for Excel) and line ends are not text."""
    return [f"U+{ord(c):04X}" for c in HIDDEN.findall(text.removeprefix("\ufeff").replace("\r\n", "\n"))]


# --- exports of entries that never went through check


@pytest.fixture
def tampered(content_tree):
    library = load_library(content_tree).library
    first = library.entries[0]
    bad = dataclasses.replace(first, title="=HYPERLINK(\"x\")\x00标\u202e题\u200b\x1b", summary="\t+1\x08摘要\ufffe")
    library = dataclasses.replace(library, entries=(bad,) + library.entries[1:])
    options = SiteOptions(SiteIdentity(name="测试\x0b站点", url="https://example.com/"), build_epoch=1_700_000_000)
    index = build_index(library)
    dates = entry_dates(library.root, index.entries, options.build_epoch)
    return all_exports(library, index, options, newest_first(index.entries, dates), dates), bad


def test_exports_of_unchecked_entries_are_valid_and_clean(tampered):
    files, bad = tampered
    ET.fromstring(files["feed.xml"].encode("utf-8"))  # well-formed whatever the titles held
    records = json.loads(files["cases.json"])["entries"]
    for name, text in files.items():
        assert hidden_in(text) == [], name
    rows = csv_cells(files["cases.csv"])
    assert_no_formula(rows)
    mine = next(row for row in rows if row[0] == bad.id)
    assert mine[1] == "'=HYPERLINK(\"x\")标题" and mine[2] == "'\t+1摘要"  # a leading tab is neutralised too
    assert next(r for r in records if r["id"] == bad.id)["title"] == "=HYPERLINK(\"x\")标题"


# --- a real build of content check accepts


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory):
    tree = tmp_path_factory.mktemp("formulas")
    shutil.copytree(ROOT / "cases", tree / "cases")
    quoted = {key: json.dumps(value, ensure_ascii=False) for key, value in FORMULAS.items()}  # YAML reads JSON strings
    (tree / "cases/showcases/gongshi.md").write_text(ENTRY.format(**quoted), encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--no-packs", "--root", str(tree),
                           "--out", str(tree / "site"), "--site-url", "https://example.com/zjxn/"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return tree / "site"


def test_the_built_csv_neutralises_formulas(formula_site):
    rows = csv_cells((formula_site / "cases.csv").read_text(encoding="utf-8"))
    assert_no_formula(rows)
    mine = next(row for row in rows if row[0] == "gongshi")
    assert mine[1] == "'" + FORMULAS["title"] and mine[2] == "'" + FORMULAS["summary"]
    assert mine[-1] == "'" + FORMULAS["source"]


def test_the_feed_and_the_sitemap_are_well_formed_xml(formula_site):
    feed = ET.parse(formula_site / "feed.xml").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert FORMULAS["title"] in titles  # text in the feed, escaped by XML, not a formula anywhere it matters
    ET.parse(formula_site / "sitemap.xml")
    if (formula_site / "sitemap.xml.gz").exists():
        ET.fromstring(gzip.decompress((formula_site / "sitemap.xml.gz").read_bytes()))


def test_no_output_holds_a_hidden_character(formula_site):
    checked = 0
    for path in formula_site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8")
        elif path.suffix == ".pf_fragment":  # the search index's pages, gzipped JSON
            text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            # Pagefind writes U+200B between the words it segments in Chinese text: its own format, not content
            text = text.replace("\u200b", "")
        else:
            continue
        checked += 1
        assert hidden_in(text) == [], path.relative_to(formula_site)
    assert checked > 50
