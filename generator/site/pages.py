"""The site as data: page path -> Markdown text, plus data exports and the assets bodies use.

Every page is a small YAML front matter (title and description HTML-escaped,
because Material prints them unescaped) followed by one HTML block rendered by
an autoescaped Jinja2 template, so no contributor text is ever read as
Markdown. Bodies come only from generator.render via BodyRenderer.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from ..content.bulk import map_jobs
from ..index import Index, key
from . import exports
from .bodies import BodyRenderer
from .charts import bar_chart
from .templates import environment
from .urls import (
    TYPE_FOLDERS, TYPE_LABELS, district_url, entry_url, institution_url, relative, source_path, subtheme_url,
    theme_url,
)

TYPES = ("case", "model", "figure")
NEWEST_ON_HOME = 6
DISTRICTS_IN_CHART = 15
LIST_LIMIT = 200  # entries listed on one index page; the rest are a filter away on the browse page
BROWSE_DATA = "browse/entries.json"
SUB_MARK = "\u3000· "  # sub-themes under their theme in the browse page's theme filter
FACETS = ("type", "theme", "district", "institution", "year", "level")
PARALLEL_FROM = 2000  # entry pages; below this a process pool costs more than it saves


@dataclass(frozen=True)
class SiteOptions:
    site_name: str = "职教兴农案例库"
    site_url: str = ""  # absolute, for the feed; ends with '/'
    edit_base: str | None = None  # repo_url + edit_uri: where entry files can be edited
    packs: dict = field(default_factory=dict)  # theme id -> site path of its PDF pack
    build_epoch: int = 0  # SOURCE_DATE_EPOCH
    browse_inline: int = 300  # entries in the browse page's HTML; the rest come from browse/entries.json

@dataclass
class Site:
    pages: dict = field(default_factory=dict)  # source path (cases/x/index.md) -> Markdown
    files: dict = field(default_factory=dict)  # site path -> text (data exports)
    assets: dict = field(default_factory=dict)  # site path -> source file
    edit_paths: dict = field(default_factory=dict)  # source path -> project-relative file behind it


YAML_LINE_BREAKS = {"\x85": "\\x85", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax, plus YAML's own line breaks escaped)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.translate(str.maketrans(YAML_LINE_BREAKS))


def markdown_page(title: str, html_block: str, description: str | None = None) -> str:
    """Front matter (escaped: Material prints title and description unescaped) and one HTML block."""
    lines = ["---", f"title: {yaml_string(html.escape(title))}", "hide: [toc]"]
    if description:
        lines.append(f"description: {yaml_string(html.escape(description))}")
    return "\n".join(lines) + f"\n---\n\n{html_block.strip()}\n"


def type_counts(entries) -> list[tuple[str, int]]:
    counts = Counter(e.type for e in entries)
    return [(t, counts[t]) for t in TYPES if counts[t]]


FACET_ROW_KEYS = {"type": "type", "theme": "themes", "district": "district", "institution": "institutions",
                  "year": "year", "level": "level"}


class _Builder:
    def __init__(self, library, index: Index, options: SiteOptions):
        self.library, self.index, self.options = library, index, options
        self.vocab = library.vocab
        self.env = environment()
        self.site = Site()
        self.themes = {}  # name -> (item, url, parent Theme)
        for theme in self.vocab.themes:
            self.themes[theme.name] = (theme, theme_url(theme), theme)
            for sub in theme.subthemes:
                self.themes[sub.name] = (sub, subtheme_url(sub), theme)
        self.districts = {d.name: d for d in self.vocab.districts}
        self.institutions = {i.name: i for i in self.vocab.institutions}
        self.bodies = BodyRenderer(library.root, {e.path: e for e in index.entries})
        levels = {key(e): e.completeness for e in index.entries}  # computed once: it scans the body
        self.completeness = lambda entry: levels[key(entry)]

    # --- helpers

    def page(self, url: str, page_title: str, template: str, description: str | None = None, **context) -> str:
        block = self.env.get_template(template).render(
            link=partial(relative, url), completeness=self.completeness, **context
        )
        return markdown_page(page_title, block, description)

    def add(self, url: str, page_title: str, template: str, description: str | None = None, **context):
        self.site.pages[source_path(url)] = self.page(url, page_title, template, description, **context)

    @staticmethod
    def listing(entries, facet: str, value: str) -> dict:
        """An index page's entry list: at most LIST_LIMIT, with the browse filter that shows them all."""
        return {"entries": tuple(entries[:LIST_LIMIT]), "total": len(entries),
                "more": {facet: value} if len(entries) > LIST_LIMIT else None}

    def published(self, entry_type: str, ids) -> list:
        return [e for e in (self.index.get(entry_type, i) for i in ids) if e is not None]

    def district_link(self, name: str | None):
        district = self.districts.get(name) if name else None
        if district is None:
            return None
        return {"name": name, "url": district_url(district) if name in self.index.by_district else None}

    def institution_links(self, names) -> list[dict]:
        return [{"name": n, "url": institution_url(self.institutions[n])} for n in names if n in self.institutions]

    # --- entries

    def entry_view(self, entry, url: str, assets: dict) -> dict:
        themes = [self.themes[n] for n in entry.themes if n in self.themes]
        parents = list(dict.fromkeys(parent for _, _, parent in themes))
        return {
            "themes": [{"name": item.name, "url": link} for item, link, _ in themes],
            "parent_themes": parents,
            "district": self.district_link(entry.district),
            "institutions": self.institution_links(entry.institutions),
            "models": self.published("model", entry.models),
            "figures": self.published("figure", getattr(entry, "figures", ())),
            "backlinks": self.index.backlinks.get(key(entry), ()),
            "related": self.index.related.get(key(entry), ()),
            "body": self.bodies.render(entry, url, assets),
        }

    def entry_page(self, number: int) -> tuple[str, str, dict]:
        """The page of the index's entry `number`: (source path, Markdown, the images its body uses)."""
        entry, edit_base, assets = self.index.entries[number], self.options.edit_base, {}
        url = entry_url(entry)
        text = self.page(
            url, entry.title, "entry.html.j2", entry.summary,
            entry=entry, view=self.entry_view(entry, url, assets), type_index_url=f"{TYPE_FOLDERS[entry.type]}/",
            edit_url=f"{edit_base}{entry.path}" if edit_base else None,
        )
        return source_path(url), text, assets

    def entries(self):
        """Every entry's page; a large library's in forked workers, which start with this builder in memory."""
        numbers = list(range(len(self.index.entries)))
        for (source, text, assets), entry in zip(map_jobs(_entry_page, (self,), numbers, PARALLEL_FROM),
                                                 self.index.entries):
            self.site.pages[source] = text
            self.site.edit_paths[source] = entry.path
            self.site.assets.update(assets)

    def type_indexes(self):
        for entry_type in TYPES:
            url = f"{TYPE_FOLDERS[entry_type]}/"
            entries = [e for e in self.index.entries if e.type == entry_type]
            self.add(url, TYPE_LABELS[entry_type], "type_index.html.j2", type=entry_type,
                     listing=self.listing(entries, "type", TYPE_LABELS[entry_type]))

    # --- themes

    def theme_pages(self):
        by_theme = self.index.by_theme
        for theme in self.vocab.themes:
            subs = [{"item": s, "url": subtheme_url(s), "count": len(by_theme.get(s.name, ()))} for s in theme.subthemes]
            entries = by_theme.get(theme.name, ())
            pack = self.options.packs.get(theme.id)
            self.add(
                theme_url(theme), f"{theme.number} {theme.name}", "theme.html.j2", theme.description,
                theme=theme, parent=None, direction=theme.direction, subthemes=subs,
                listing=self.listing(entries, "theme", theme.name), counts=type_counts(entries), pack_url=pack,
            )
            for sub in theme.subthemes:
                entries = by_theme.get(sub.name, ())
                self.add(
                    subtheme_url(sub), sub.name, "theme.html.j2", sub.description,
                    theme=sub, parent=theme, parent_url=theme_url(theme), direction=theme.direction, subthemes=(),
                    listing=self.listing(entries, "theme", sub.name), counts=type_counts(entries), pack_url=None,
                )
        rows = [
            {
                "theme": t, "url": theme_url(t), "count": len(by_theme.get(t.name, ())),
                "subthemes": [{"item": s, "url": subtheme_url(s), "count": len(by_theme.get(s.name, ()))} for s in t.subthemes],
            }
            for t in self.vocab.themes
        ]
        self.add("themes/", "主题", "themes_index.html.j2", rows=rows)
        return rows

    # --- districts and institutions

    def place_page(self, url: str, name: str, parent: tuple[str, str], facts: list, entries, facet: str):
        """A district's or an institution's page: its facts and its entries (`facet` filters the browse page)."""
        self.add(
            url, name, "listing.html.j2", parent_url=parent[0], parent_label=parent[1],
            title=name, facts=facts, listing=self.listing(entries, facet, name), counts=type_counts(entries),
        )

    def district_pages(self):
        rows = []
        for district in self.vocab.districts:
            entries = self.index.by_district.get(district.name)
            if not entries:
                continue
            url = district_url(district)
            self.place_page(url, district.name, ("districts/", "区县"), [district.kind], entries, "district")
            rows.append({"name": district.name, "url": url, "cells": [district.kind, len(entries)]})
        self.add(
            "districts/", "区县", "listing_index.html.j2", title="区县",
            intro="条目所在的区县（「全市」为全市性工作）。只列出已有条目的区县。",
            caption="各区县条目数", head=["区县", "类别", "条目数"], rows=rows,
        )

    def institution_pages(self):
        rows = []
        for institution in self.vocab.institutions:
            entries = self.index.by_institution.get(institution.name)
            if not entries:
                continue
            url = institution_url(institution)
            facts = [institution.kind] + ([institution.district] if institution.district else [])
            if institution.short_names:
                facts.append("简称：" + "、".join(institution.short_names))
            self.place_page(url, institution.name, ("institutions/", "院校与机构"), facts, entries, "institution")
            rows.append({"name": institution.name, "url": url, "cells": [institution.kind, institution.district or "—", len(entries)]})
        self.add(
            "institutions/", "院校与机构", "listing_index.html.j2", title="院校与机构",
            intro="条目中出现的院校、企业和机构。", caption="各院校与机构的条目数",
            head=["名称", "类别", "所在区县", "条目数"], rows=rows,
        )

    # --- years, browse, stats, home

    def years_page(self):
        years = [{"year": y, "listing": self.listing(e, "year", str(y))}
                 for y, e in sorted(self.index.by_year.items(), reverse=True)]
        cases = [e for e in self.index.entries if e.type == "case"]
        dated = sum(y["listing"]["total"] for y in years)
        self.add("years/", "年份", "years.html.j2", years=years, dated=dated, undated=len(cases) - dated)

    def browse_page(self):
        rows, facets = [], {name: Counter() for name in FACETS}
        for entry in self.index.entries:
            values = {
                "type": [TYPE_LABELS[entry.type]],
                "theme": list(dict.fromkeys(
                    name for n in entry.themes if n in self.themes for name in (self.themes[n][2].name, n)
                )),
                "district": [entry.district] if entry.district else [],
                "institution": list(entry.institutions),
                "year": [str(entry.year)] if getattr(entry, "year", None) else [],
                "level": [entry.level] if getattr(entry, "level", None) else [],
            }
            for name, found in values.items():
                facets[name].update(found)
            row = {name: "|" + "|".join(found) + "|" if found else "" for name, found in values.items()}
            row["themes"], row["institutions"] = row.pop("theme"), row.pop("institution")
            rows.append({"entry": entry, **row})
        subthemes = {sub.name for t in self.vocab.themes for sub in t.subthemes}
        labels = {"type": "类型", "theme": "主题", "district": "区县", "institution": "院校与机构", "year": "年份", "level": "级别"}
        order = {
            "type": [TYPE_LABELS[t] for t in TYPES],
            "theme": [name for t in self.vocab.themes for name in (t.name, *(sub.name for sub in t.subthemes))],
            "district": [d.name for d in self.vocab.districts],
            "institution": [i.name for i in self.vocab.institutions],
            "year": sorted(facets["year"], reverse=True),
            "level": ["国家级", "市级", "区县级", "校级"],
        }
        facet_list = [
            {"key": name, "label": labels[name],
             "options": [{"value": v, "label": SUB_MARK + v if v in subthemes else v, "count": facets[name][v]}
                         for v in order[name] if facets[name][v]]}
            for name in labels
        ]
        facet_list = [f for f in facet_list if f["options"]]
        inline = self.options.browse_inline
        more = len(rows) > inline
        if more:  # the whole list as data, fetched only when a reader filters
            link = partial(relative, "browse/")
            data = [[link(entry_url(r["entry"])), r["entry"].type, r["entry"].title, r["entry"].district or "",
                     getattr(r["entry"], "year", None) or "", *(r[FACET_ROW_KEYS[f]] for f in FACETS)] for r in rows]
            self.site.files[BROWSE_DATA] = json.dumps({"facets": FACETS, "rows": data}, ensure_ascii=False,
                                                      separators=(",", ":"))
        self.add("browse/", "浏览与筛选", "browse.html.j2", rows=rows[:inline], total=len(rows),
                 facets=facet_list, data_url=relative("browse/", BROWSE_DATA) if more else None)

    def stats_page(self, theme_rows):
        by_district = sorted(((d, len(e)) for d, e in self.index.by_district.items()), key=lambda kv: (-kv[1], kv[0]))
        charts = [
            ("chart-type", "按类型", [(TYPE_LABELS[t], n) for t, n in type_counts(self.index.entries)]),
            ("chart-theme", "按主题", [(f"{r['theme'].number} {r['theme'].name}", r["count"]) for r in theme_rows]),
            ("chart-district", f"按区县（前 {DISTRICTS_IN_CHART} 个）", by_district[:DISTRICTS_IN_CHART]),
            ("chart-year", "按年份（典型案例）", [(f"{y} 年", len(e)) for y, e in sorted(self.index.by_year.items())]),
        ]
        empty = {"chart-year": "还没有标注年份的案例：年份只在来源写明时填写。"}
        drawn = [{"title": title, "svg": bar_chart(cid, title, rows) if rows else None,
                  "empty": None if rows else empty.get(cid, "暂无数据。")} for cid, title, rows in charts]
        self.add("stats/", "统计", "stats.html.j2", total=len(self.index.entries), charts=drawn)

    def home_page(self, theme_rows):
        self.add(
            "", "首页", "home.html.j2",
            "重庆职业教育服务乡村振兴的典型案例、典型人物和模式，按主题、区县、院校整理，每条注明来源。",
            parts=[{"theme": r["theme"], "url": r["url"], "count": r["count"]} for r in theme_rows],
            newest=self.index.newest[:NEWEST_ON_HOME], counts=type_counts(self.index.entries),
        )

    def build(self) -> Site:
        self.entries()
        self.type_indexes()
        theme_rows = self.theme_pages()
        self.district_pages()
        self.institution_pages()
        self.years_page()
        self.browse_page()
        self.stats_page(theme_rows)
        self.home_page(theme_rows)
        self.site.files.update(exports.all_exports(self.library, self.index, self.options))
        return self.site


def _entry_page(builder: _Builder, number: int) -> tuple[str, str, dict]:
    return builder.entry_page(number)


def build_site(library, index: Index, options: SiteOptions = SiteOptions()) -> Site:
    """Every page, export and asset of the site, as data. Drafts are not in `index`, so never published."""
    return _Builder(library, index, options).build()
