"""The site as data: page path -> Markdown text, plus data exports and the assets bodies use.

Every page is a small YAML front matter (title and description HTML-escaped,
because Material prints them unescaped) followed by one HTML block rendered by
an autoescaped Jinja2 template, so no contributor text is ever read as
Markdown. Bodies come only from generator.render via BodyRenderer.

Pages follow the schema: an index page per entry type, the theme pages, and for
every facet declared with `pages=` an index page and one page per value.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from ..content.facts import key_facts
from ..content.parallel import map_jobs
from ..content.schema import value_label
from ..content.suggest import slugify
from ..index import Index, key
from . import exports, printing
from .bodies import BodyRenderer
from .charts import bar_chart
from .identity import SiteIdentity
from .templates import environment
from .urls import entry_url, facet_url, relative, source_path, subtheme_url, theme_url, type_url

NEWEST_ON_HOME = 6
DISTRICTS_IN_CHART = 15
LIST_LIMIT = 200  # entries listed on one index page; the rest are a filter away on the browse page
BROWSE_DATA = "browse/entries.json"
SUB_MARK = "\u3000· "  # sub-themes under their theme in the browse page's theme filter
PARALLEL_FROM = 2000  # entry pages; below this a process pool costs more than it saves


@dataclass(frozen=True)
class SiteOptions:
    identity: SiteIdentity = SiteIdentity()
    packs: dict = field(default_factory=dict)  # theme id -> site path of its PDF pack
    build_epoch: int = 0  # SOURCE_DATE_EPOCH
    browse_inline: int = 300  # entries in the browse page's HTML; the rest come from browse/entries.json


@dataclass
class Site:
    pages: dict = field(default_factory=dict)  # source path (cases/x/index.md) -> Markdown
    files: dict = field(default_factory=dict)  # site path -> text (data exports)
    assets: dict = field(default_factory=dict)  # site path -> source file
    edit_paths: dict = field(default_factory=dict)  # source path -> project-relative file behind it
    navigation: list = field(default_factory=list)  # (title, URL) of the index pages, in order


YAML_LINE_BREAKS = {"\x85": "\\x85", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax, plus YAML's own line breaks escaped)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.translate(str.maketrans(YAML_LINE_BREAKS))


def markdown_page(title: str, html_block: str, description: str | None = None, hide: tuple = ("toc",)) -> str:
    """Front matter (escaped: Material prints title and description unescaped) and one HTML block."""
    lines = ["---", f"title: {yaml_string(html.escape(title))}", f"hide: [{', '.join(hide)}]"]
    if description:
        lines.append(f"description: {yaml_string(html.escape(description))}")
    return "\n".join(lines) + f"\n---\n\n{html_block.strip()}\n"


class _Builder:
    def __init__(self, library, index: Index, options: SiteOptions):
        self.library, self.index, self.options = library, index, options
        self.schema, self.vocab = library.schema, library.vocab
        self.env = environment()
        self.site = Site()
        self.bodies = BodyRenderer(library.root, {e.path: e for e in index.entries})
        self.printed: list[str] = []  # each entry's print data, in the index's order

    # --- helpers

    def page(self, url: str, page_title: str, template: str, description: str | None = None, hide=("toc",),
             **context) -> str:  # fmt: skip
        block = self.env.get_template(template).render(link=partial(relative, url), schema=self.schema, **context)
        return markdown_page(page_title, block, description, hide)

    def add(self, url: str, page_title: str, template: str, description: str | None = None, **context):
        self.site.pages[source_path(url)] = self.page(url, page_title, template, description, **context)

    def type_counts(self, entries) -> list[tuple[str, int]]:
        counts = Counter(e.type for e in entries)
        return [(t.label, counts[t.id]) for t in self.schema.types if counts[t.id]]

    @staticmethod
    def listing(entries, facet: str, value: str) -> dict:
        """An index page's entry list: at most LIST_LIMIT, with the browse filter that shows them all."""
        return {"entries": tuple(entries[:LIST_LIMIT]), "total": len(entries),
                "more": {facet: value} if len(entries) > LIST_LIMIT else None}

    def value_url(self, facet, value: str) -> str | None:
        """The page of one facet value, if the site has one (a theme's, a district's …)."""
        if facet.name == "theme":
            item = self.vocab.theme_by_name(value)
            return (subtheme_url(item) if self.vocab.is_subtheme(value) else theme_url(item)) if item else None
        if facet.pages is None or value not in self.index.group(facet.name):
            return None
        slug = self.slug(facet, value)
        return facet_url(facet, slug) if slug else None

    def slug(self, facet, value: str) -> str | None:
        """A value's page name: its vocabulary id (none for 未注明), a number itself, other text in pinyin."""
        if self.vocab_facet(facet):
            item = self.vocab.item(facet.field_type(self.schema).kind, value)
            return item.id if item is not None and not item.unstated else None
        return value if value.isdigit() else slugify(value)

    def vocab_facet(self, facet) -> bool:
        return hasattr(facet.field_type(self.schema), "lookup")

    # --- entries

    def facts_view(self, entry) -> list[dict]:
        """The entry's key facts, each value with the page it links to (if any)."""
        facets = {f.field: f for f in self.schema.facets if f.field}
        views = []
        for fact in key_facts(entry, self.library):
            facet = facets.get(fact.field)
            kind = self.schema.references.get(fact.field)
            items = []
            for value, text in zip(fact.values, fact.texts):
                if kind:
                    url = entry_url(self.index.get(kind, value)) if self.index.get(kind, value) else None
                else:
                    url = self.value_url(facet, value) if facet else None
                items.append({"text": text, "url": url})
            views.append({"field": fact.field, "label": fact.label, "items": items})
        return views

    def entry_view(self, entry, url: str, assets: dict) -> dict:
        themes = [self.vocab.parent_theme(n) for n in entry.themes]
        search = []
        for facet in self.schema.facets:
            if facet.search:
                values = facet.values(entry, self.vocab)
                if facet.name == "theme":  # the search filter offers the seven themes
                    values = tuple(dict.fromkeys(t.name for t in themes if t))
                search += [(facet.search, value_label(facet, v, self.library)) for v in values]
        return {
            "facts": self.facts_view(entry),
            "search_filters": search,
            "backlinks": self.index.backlinks.get(key(entry), ()),
            "related": self.index.related.get(key(entry), ()),
            "body": self.bodies.render(entry, url, assets),
        }

    def entry_page(self, number: int) -> tuple[str, str, dict, str]:
        """The page of the index's entry `number`: (source path, Markdown, the images its body uses, its print data)."""
        entry, edit_base, assets = self.index.entries[number], self.options.identity.edit_base, {}
        url = entry_url(entry)
        view = self.entry_view(entry, url, assets)
        text = self.page(
            url, entry.title, "entry.html.j2", entry.summary,
            entry=entry, view=view, type_index_url=type_url(entry.kind),
            edit_url=f"{edit_base}{entry.path}" if edit_base else None,
        )
        return source_path(url), text, assets, printing.entry_record(entry, self.library, view["body"])

    def entries(self):
        """Every entry's page; a large library's in forked workers, which start with this builder in memory."""
        numbers = list(range(len(self.index.entries)))
        for (source, text, assets, printed), entry in zip(map_jobs(_entry_page, (self,), numbers, PARALLEL_FROM),
                                                          self.index.entries):
            self.site.pages[source] = text
            self.site.edit_paths[source] = entry.path
            self.site.assets.update(assets)
            self.printed.append(printed)

    def type_indexes(self):
        for entry_type in self.schema.types:
            entries = self.index.group("type").get(entry_type.id, ())
            self.add(type_url(entry_type), entry_type.label, "type_index.html.j2",
                     entry_type=entry_type, listing=self.listing(entries, "type", entry_type.id))  # fmt: skip

    # --- themes

    def theme_pages(self):
        by_theme = self.index.group("theme")
        rows = []
        for theme in self.vocab.themes:
            subs = [{"item": s, "url": subtheme_url(s), "count": len(by_theme.get(s.name, ()))} for s in theme.subthemes]
            entries = by_theme.get(theme.name, ())
            rows.append({"theme": theme, "url": theme_url(theme), "count": len(entries), "subthemes": subs})
            self.add(
                theme_url(theme), f"{theme.number} {theme.name}", "theme.html.j2", theme.description,
                theme=theme, parent=None, direction=theme.direction, subthemes=subs,
                listing=self.listing(entries, "theme", theme.name), counts=self.type_counts(entries),
                pack_url=self.options.packs.get(theme.id),
            )
            for sub in theme.subthemes:
                entries = by_theme.get(sub.name, ())
                self.add(
                    subtheme_url(sub), sub.name, "theme.html.j2", sub.description,
                    theme=sub, parent=theme, parent_url=theme_url(theme), direction=theme.direction, subthemes=(),
                    listing=self.listing(entries, "theme", sub.name), counts=self.type_counts(entries), pack_url=None,
                )
        self.add("themes/", "主题", "themes_index.html.j2", rows=rows)
        return rows

    # --- facets with pages of their own (districts, institutions, years …)

    def facet_pages(self, facet):
        """An index page of the facet's values, and a page per value listing its entries."""
        group, rows = self.index.group(facet.name), []
        items = self.vocab_items(facet)
        values = [item.name for item in items] if items is not None else sorted(group, reverse=True)
        for value in values:
            entries = group.get(value)
            slug = self.slug(facet, value) if entries else None
            if slug is None:
                continue
            item = next((i for i in items if i.name == value), None) if items is not None else None
            facts = item.facts if item is not None else ()
            url = facet_url(facet, slug)
            self.add(url, value, "listing.html.j2", parent_url=facet_url(facet), parent_label=facet.label,
                     title=value_label(facet, value, self.library), facts=facts,
                     listing=self.listing(entries, facet.name, value), counts=self.type_counts(entries))  # fmt: skip
            rows.append({"name": value_label(facet, value, self.library), "url": url,
                         "cells": [v for _, v in facts] + [len(entries)]})  # fmt: skip
        head = [facet.label] + ([label for label, _ in items[0].facts] if items else []) + ["条目数"]
        self.add(facet_url(facet), facet.label, "listing_index.html.j2", title=facet.label,
                 intro=facet.about, caption=f"各{facet.label}的条目数", head=head, rows=rows)  # fmt: skip

    def vocab_items(self, facet) -> list | None:
        """The vocabulary items behind a facet, in the vocabulary's order; None for a facet without one."""
        if not self.vocab_facet(facet):
            return None
        kind = facet.field_type(self.schema).kind
        return list({"district": self.vocab.districts, "institution": self.vocab.institutions}[kind])

    # --- browse, stats, home

    def browse_page(self):
        facets = [f for f in self.schema.facets if f.browse]
        rows, counts = [], {f.name: Counter() for f in facets}
        for entry in self.index.entries:
            values = {f.name: f.values(entry, self.vocab) for f in facets}
            for name, found in values.items():
                counts[name].update(found)
            rows.append({"entry": entry, "values": {name: "|" + "|".join(v) + "|" if v else "" for name, v in values.items()}})
        filters = []
        for facet in facets:
            options = [{"value": v, "label": (SUB_MARK if facet.name == "theme" and self.vocab.is_subtheme(v) else "")
                        + value_label(facet, v, self.library), "count": counts[facet.name][v]}
                       for v in self.value_order(facet, counts[facet.name])]  # fmt: skip
            if options:
                filters.append({"key": facet.name, "label": facet.label, "options": options})
        inline = self.options.browse_inline
        more = len(rows) > inline
        if more:  # the whole list as data, fetched only when a reader filters
            link = partial(relative, "browse/")
            data = [[link(entry_url(r["entry"])), r["entry"].type, r["entry"].kind.label, r["entry"].title,
                     r["entry"].district or "", r["entry"].year or "", *(r["values"][f.name] for f in facets),
                     r["entry"].id] for r in rows]  # fmt: skip
            self.site.files[BROWSE_DATA] = json.dumps({"facets": [f.name for f in facets], "rows": data},
                                                      ensure_ascii=False, separators=(",", ":"))  # fmt: skip
        self.add("browse/", "浏览与筛选", "browse.html.j2", rows=rows[:inline], total=len(rows),
                 filters=filters, data_url=relative("browse/", BROWSE_DATA) if more else None)  # fmt: skip

    def value_order(self, facet, counted: Counter) -> list[str]:
        """A facet's values in reading order: the vocabulary's, the declared choices', years newest first."""
        if facet.name == "theme":
            order = [n for t in self.vocab.themes for n in (t.name, *(s.name for s in t.subthemes))]
        elif facet.name == "type":
            order = [t.id for t in self.schema.types]
        elif self.vocab_facet(facet):
            order = [item.name for item in self.vocab_items(facet)]
        elif hasattr(facet.field_type(self.schema), "choices"):
            order = list(facet.field_type(self.schema).choices)
        elif facet.spellings is not None:
            order = list(dict.fromkeys(facet.spellings(self.library).values()))
        else:
            order = sorted(counted, reverse=True)
        return [v for v in order if counted[v]]

    def stats_page(self, theme_rows):
        by_district = sorted(((d, len(e)) for d, e in self.index.group("district").items()), key=lambda kv: (-kv[1], kv[0]))
        by_year = self.index.group("year")
        charts = [
            ("chart-type", "按类型", self.type_counts(self.index.entries)),
            ("chart-theme", "按主题", [(f"{r['theme'].number} {r['theme'].name}", r["count"]) for r in theme_rows]),
            ("chart-district", f"按区县（前 {DISTRICTS_IN_CHART} 个）", by_district[:DISTRICTS_IN_CHART]),
            ("chart-year", "按年份（典型案例）", [(f"{y} 年", len(e)) for y, e in sorted(by_year.items())]),
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
            newest=self.index.newest[:NEWEST_ON_HOME], counts=self.type_counts(self.index.entries),
        )

    def print_page(self):
        """The page where trainers make a booklet of any selection, and the data it reads (site/printing.py)."""
        self.add(printing.PAGE, printing.TITLE, "print.html.j2", hide=("navigation", "toc"),
                 **printing.page_context(self.options.identity))  # fmt: skip
        self.site.files.update(printing.print_files(self.library, self.index, self.printed))
        self.site.files[printing.PAPER_CSS] = printing.paper_css(self.options.identity)

    def build(self) -> Site:
        self.entries()
        theme_rows = self.theme_pages()
        self.home_page(theme_rows)
        self.browse_page()
        self.type_indexes()
        paged = [f for f in self.schema.facets if f.pages]
        for facet in paged:
            self.facet_pages(facet)
        self.stats_page(theme_rows)
        self.print_page()
        self.site.files.update(exports.all_exports(self.library, self.index, self.options))
        self.site.navigation = [
            ("首页", ""), ("主题", "themes/"), ("浏览与筛选", "browse/"),
            *((t.label, type_url(t)) for t in self.schema.types),
            *((f.label, facet_url(f)) for f in paged),
            ("统计", "stats/"),
        ]  # fmt: skip
        return self.site


def _entry_page(builder: _Builder, number: int) -> tuple[str, str, dict, str]:
    return builder.entry_page(number)


def build_site(library, index: Index, options: SiteOptions = SiteOptions()) -> Site:
    """Every page, export and asset of the site, as data. Drafts are not in `index`, so never published."""
    return _Builder(library, index, options).build()
