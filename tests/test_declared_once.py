"""A field and a facet declared in the schema, and nowhere else, reach every part of the product.

The schema below is the project's with one more case field (资金来源) and one more facet over it,
with index pages. Nothing else is changed: the same code checks, indexes, pages, browses, exports,
selects, prints, asks for it in `new` and the issue form, lists it in CONTRIBUTING and the JSON Schema.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.content.library import check_content, load_library
from generator.content.schema import SCHEMA, Facet, Field, entry_schema
from generator.content.types import Choice
from generator.contrib.docs import fields_section
from generator.contrib.questions import questions_for
from generator.index import build_index
from generator.packs.booklet import make_booklet, render_html
from generator.packs.select import describe, parse_selection, select_entries
from generator.publish import publish
from generator.site.pages import build_site

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "tests" / "fixtures" / "golden"

FUNDING = Field("funding", Choice("财政资金", "企业投入", "社会捐赠"), False, "资金来源", "来源写明的主要资金来源。",
                "funding: 财政资金", fact="资金来源")
EXTENDED = SCHEMA.with_additions(
    fields={"case": (FUNDING,)},
    facets=(Facet("funding", "资金来源", field="funding", pages="funding", column="资金来源", search="资金",
                  about="按资金来源整理的典型案例。"),),
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("declared") / "project"
    shutil.copytree(TREE / "cases", root / "cases")
    case = root / "cases" / "showcases" / "shili-saishi-cujiao.md"
    case.write_text(case.read_text(encoding="utf-8").replace("level: 市级\n", "level: 市级\nfunding: 财政资金\n"),
                    encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def library(tree):
    result = load_library(tree, EXTENDED)
    assert result.ok, [p.message() for p in result.problems]
    return result.library


def test_check_validates_the_new_field_and_the_project_schema_warns_about_it(tree):
    assert not [p for p in check_content(tree, EXTENDED).problems if "funding" in p.message()]
    unknown = [p for p in check_content(tree, SCHEMA).problems if p.rule.startswith("field-unknown")]
    assert ["funding" in p.message() for p in unknown] == [True]  # the project's schema does not know it
    bad = tree / "cases" / "showcases" / "bad-funding.md"
    bad.write_text((tree / "cases/showcases/shili-quanshi-peixun.md").read_text(encoding="utf-8")
                   .replace("year: 2023\n", "year: 2023\nfunding: 众筹\n"), encoding="utf-8")  # fmt: skip
    try:
        found = [p for p in check_content(tree, EXTENDED).problems if p.path.endswith("bad-funding.md")]
    finally:
        bad.unlink()
    errors = [p for p in found if p.is_error]
    assert [p.rule for p in errors] == ["field-choice"] and "funding" in errors[0].message()


def test_entries_index_and_selection_have_it(library):
    entry = library.get("case", "shili-saishi-cujiao")
    assert entry.funding == "财政资金" and library.get("case", "shili-quanshi-peixun").funding is None
    assert [e.id for e in build_index(library).group("funding")["财政资金"]] == ["shili-saishi-cujiao"]
    selection = parse_selection({"funding": ["财政资金"]}, library)
    assert [e.id for e in select_entries(library, selection)] == ["shili-saishi-cujiao"]
    assert "资金来源：财政资金" in describe(selection, library)


def test_pages_browse_search_and_exports_have_it(library):
    site = build_site(library, build_index(library))
    page = site.pages["cases/shili-saishi-cujiao/index.md"]
    assert ">资金来源</dt>" in page and "funding/caizheng-zijin/" in page and 'data-pagefind-filter="资金">财政资金<' in page
    assert "funding/index.md" in site.pages and "资金来源" in site.pages["funding/index.md"]
    assert any(path.startswith("funding/") and path != "funding/index.md" for path in site.pages)
    assert ("资金来源", "funding/") in site.navigation
    assert 'data-facet="funding"' in site.pages["browse/index.md"]
    record = next(r for r in json.loads(site.files["cases.json"])["entries"] if r["id"] == "shili-saishi-cujiao")
    assert record["funding"] == "财政资金"
    header, row = (line.split(",") for line in site.files["cases.csv"].lstrip("\ufeff").splitlines()[:2])
    assert "资金来源" in header


def test_the_print_page_selects_and_prints_it(library):
    index = build_index(library)
    files = build_site(library, index).files
    assert {"name": "funding", "label": "资金来源"} in json.loads(files["print/data/catalogue.json"])["selectors"]
    number = index.entries.index(library.get("case", "shili-saishi-cujiao"))  # its file and place in the postings
    facet = json.loads(files["print/data/facets/funding.json"])
    assert facet["values"][0] == "财政资金" and facet["entries"][0] == [number]
    assert ["资金来源", "财政资金"] in json.loads(files[f"print/data/entries/{number}.json"])["facts"]


def test_the_booklet_prints_it(library):
    entry = library.get("case", "shili-saishi-cujiao")
    html = render_html(make_booklet(library, [entry], "测试", "测试", None))
    assert "<dt>资金来源</dt><dd>财政资金</dd>" in html


def test_contributors_are_asked_for_it_and_told_about_it(library):
    case = EXTENDED.type("case")
    assert "funding" in [q.key for q in questions_for(case)]
    assert "funding" in entry_schema(case, library.vocab)["properties"]
    assert "| `funding` | 资金来源 | 选填 |" in fields_section(ROOT, library.vocab, EXTENDED)
    assert "`funding`" not in fields_section(ROOT, library.vocab)  # the project's own schema has no such field


def test_the_real_build_publishes_it(library, tmp_path):
    out = tmp_path / "site"
    publish(library, ROOT / "mkdocs.yml", out, packs=False)
    assert "资金来源" in (out / "cases/shili-saishi-cujiao/index.html").read_text(encoding="utf-8")
    assert (out / "funding/index.html").is_file()
