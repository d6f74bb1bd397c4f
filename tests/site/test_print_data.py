"""The print page and its data as the build writes them (site/printing.py), without a browser."""

from __future__ import annotations

import json
import re

import pytest

from generator.content.facts import key_facts
from generator.index import build_index
from generator.packs.paper import PAPERS
from generator.packs.select import selector_names
from generator.site import printing
from generator.site.identity import SiteIdentity
from generator.site.pages import SiteOptions, build_site
from generator.site.urls import entry_url

OPTIONS = SiteOptions(SiteIdentity(url="https://example.org/zj/"), build_epoch=1700000000)


@pytest.fixture(scope="module")
def index(library):
    return build_index(library)


@pytest.fixture(scope="module")
def site(library, index):
    return build_site(library, index, OPTIONS)


def data(site, path: str):
    return json.loads(site.files[printing.DATA + path])


def numbers(gaps: list[int]) -> list[int]:
    found, total = [], 0
    for gap in gaps:
        total += gap
        found.append(total)
    return found


def test_the_print_page_is_generated_without_the_navigation(site):
    page = site.pages["print/index.md"]
    assert "hide: [navigation, toc]" in page
    assert 'data-catalogue="data/catalogue.json"' in page and 'data-site-url="https://example.org/zj/"' in page
    assert 'data-confirm-above="300"' in page
    assert "<script" not in page  # print.js comes with every page (mkdocs.yml) and acts where [data-print] is
    assert 'data-print-part="entry"' in page and 'data-print-part="cover"' in page


def test_the_catalogue_numbers_entries_in_the_index_order(site, library, index):
    catalogue = data(site, "catalogue.json")
    assert [t["id"] for t in catalogue["types"]] == [t.id for t in library.schema.types]
    assert sum(t["count"] for t in catalogue["types"]) == len(index.entries)
    assert [s["name"] for s in catalogue["selectors"]] == list(selector_names(library.schema))
    assert catalogue["described"] == ["theme", "district"]
    ids = [i for k in range(len(catalogue["chunks"])) for i in data(site, f"ids/{k}.json")]
    assert ids == [e.id for e in index.entries]
    assert catalogue["chunks"][0] == [index.entries[0].type, index.entries[0].id]


def test_each_facet_lists_the_entries_the_index_groups_under_each_value(site, library, index):
    position = {(e.type, e.id): n for n, e in enumerate(index.entries)}
    for facet in library.schema.facets:
        found = data(site, f"facets/{facet.name}.json")
        for value, entries in index.group(facet.name).items():
            at = found["values"].index(value)
            assert numbers(found["entries"][at]) == sorted(position[(e.type, e.id)] for e in entries), (facet.name, value)


def test_facets_carry_what_people_type_and_how_a_cover_names_it(site):
    theme = data(site, "facets/theme.json")
    assert theme["spellings"]["职业技能培训"] == theme["values"].index("技能培训")  # an alias
    assert theme["words"][theme["values"].index("赛教融合")] == "赛教融合（含子主题）"
    district = data(site, "facets/district.json")
    assert district["values"][district["spellings"]["万州"]] == "万州区"
    assert "酉阳土家族苗族自治县" in district["values"]  # a district without entries can still be named
    kind = data(site, "facets/type.json")
    assert kind["labels"][kind["values"].index("case")] == "典型案例"
    assert data(site, "facets/year.json")["range"] == [2000, 2100]


def test_each_entry_is_printed_from_its_page_and_its_key_facts(site, library, index):
    assert len([p for p in site.files if p.startswith(printing.DATA + "entries/")]) == len(index.entries)
    for number, entry in enumerate(index.entries):
        record = data(site, f"entries/{number}.json")
        assert (record["id"], record["type"], record["url"]) == (entry.id, entry.type, entry_url(entry))
        assert record["facts"] == [[f.label, "、".join(f.texts)] for f in key_facts(entry, library)]
        assert record["body"] and record["body"] in site.pages[f"{entry_url(entry)}index.md"]
        assert all(s.get("url", "https://").startswith(("http://", "https://")) for s in record["sources"])
    drafts = [e.id for e in library.entries if not e.published]
    assert drafts and not any(f'"id":"{i}"' in text for i in drafts for text in site.files.values())


def test_an_entry_with_outcomes_prints_them_as_readers_write_numbers(site, index):
    number = next(n for n, e in enumerate(index.entries) if e.id == "shili-nianfen-anli-a")
    assert data(site, f"entries/{number}.json")["outcomes"] == [["示例培训", "1,200", "人次"]]


def test_the_paper_stylesheet_is_the_papers_declared_for_packs(site):
    css = site.files[printing.PAPER_CSS]
    for paper in PAPERS.values():
        block = css.split(f".zjxn-paper-{paper.name} {{", 1)[1].split("}", 1)[0]
        assert f"--zjxn-page-margin: {paper.margin};" in block
        assert f"--zjxn-page-width: {paper.text_width}mm;" in block and f"--zjxn-font-size: {paper.font_size};" in block
    assert re.search(r'@page \{\s+size: A4;\s+margin: 22mm 20mm 20mm 20mm;\s+@top-center \{ content: "职教兴农案例库"; \}', css)


def test_a_site_name_cannot_break_out_of_the_running_header(library, index):
    identity = SiteIdentity(name='案例库"; } body { display: none } @page { x: "')
    css = printing.paper_css(identity)
    header = re.search(r"@top-center \{ content: (.*); \}", css).group(1)
    assert re.fullmatch(r'"(?:[^"\\;{}@]|\\[0-9a-f]+ )*"', header)  # one string: quotes and braces escaped
    assert header.startswith('"案例库\\22 ')
