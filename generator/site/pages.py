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

from ..content.history import entry_dates, newest_first
from ..content.parallel import map_jobs
from ..content.schema import value_label
from ..index import Index, key
from . import browse, exports, printing
from .bodies import BodyRenderer
from .charts import bar_chart
from .districtmap import district_map, short_name
from .identity import SiteIdentity
from .kept import Kept
from .templates import environment
from .urls import entry_url, facet_url, relative, source_path, subtheme_url, theme_url, type_url
from .views import Views

NEWEST_ON_HOME = 6
FEATURED = 6  # entries of a type the home page features
DISTRICTS_IN_CHART = 15
LIST_LIMIT = 200  # entries listed on one index page; the rest are a filter away on the browse page
PARALLEL_FROM = 2000  # entry pages; below this a process pool costs more than it saves
HOME_DESCRIPTION = "重庆职业教育服务乡村振兴的典型案例、典型人物和模式，按主题、区县、院校整理，每条注明来源。"
ENTRY_SCRIPTS = ("qr", "entry")  # assets/js/ scripts of an entry page (qr.js first: entry.js draws with it)
BROWSE_SCRIPTS = ("print-select", "browse")  # print-select.js first: it hears browse.js's first zjxn:results
PRINT_SCRIPTS = ("print",)  # print.js loads qr.js itself when a code is wanted
DOCS_PAGES = (("关于本站", "about/"), ("参与贡献", "contribute/"), ("内容许可", "licence/"))  # docs/, for the site map


@dataclass(frozen=True)
class SiteOptions:
    identity: SiteIdentity = SiteIdentity()
    packs: dict = field(default_factory=dict)  # theme id -> site path of its PDF pack
    build_epoch: int = 0  # SOURCE_DATE_EPOCH
    browse_inline: int = 24  # cards in the browse page's HTML, and on each page of results


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


def markdown_page(title: str, html_block: str, description: str | None = None, hide=("toc",), scripts=()) -> str:
    """Front matter (escaped: Material prints title and description unescaped) and one HTML block.

    `scripts` names the page's own scripts in assets/js/, which overrides/main.html loads (the body holds none).
    """
    lines = ["---", f"title: {yaml_string(html.escape(title))}", f"hide: [{', '.join(hide)}]"]
    if scripts:
        lines.append(f"scripts: [{', '.join(scripts)}]")
    if description:
        lines.append(f"description: {yaml_string(html.escape(description))}")
    return "\n".join(lines) + f"\n---\n\n{html_block.strip()}\n"


class _Builder:
    def __init__(self, library, index: Index, options: SiteOptions, kept: Kept | None = None):
        self.library, self.index, self.options = library, index, options
        self.schema, self.vocab = library.schema, library.vocab
        self.env = environment()
        self.site = Site()
        self.kept = kept  # pages, bodies and exports of the last making of this site (serve)
        self.bodies = BodyRenderer(library.root, {e.path: e for e in index.entries}, kept.bodies if kept else None)
        times = kept.commit_times(library.root) if kept else None
        dates = entry_dates(library.root, index.entries, options.build_epoch, times)
        self.views = Views(library, index, options.identity, dates)
        self.newest = newest_first(index.entries, dates)
        self.printed: list[str] = []  # build: each entry's print data, made with its page, in the index's order

    # --- helpers

    def page(self, url: str, page_title: str, template: str, description: str | None = None, hide=("toc",),
             scripts=(), **context) -> str:  # fmt: skip
        def make() -> str:
            block = self.env.get_template(template).render(link=partial(relative, url), schema=self.schema,
                                                           identity=self.options.identity, **context)  # fmt: skip
            return markdown_page(page_title, block, description, hide, scripts)

        if self.kept is None:
            return make()
        return self.kept.get(url, (page_title, template, description, hide, scripts, self.options.identity, context), make)

    def add(self, url: str, page_title: str, template: str, description: str | None = None, **context):
        self.site.pages[source_path(url)] = self.page(url, page_title, template, description, **context)

    def type_counts(self, entries) -> list[dict]:
        counts = Counter(e.type for e in entries)
        return [{"label": t.label, "count": counts[t.id], "url": type_url(t)} for t in self.schema.types if counts[t.id]]

    def listing(self, entries, facet: str, value: str) -> dict:
        """An index page's entry cards: at most LIST_LIMIT, newest first, with the browse filter that shows them all."""
        order = {e.path: n for n, e in enumerate(self.newest)}
        shown = sorted(entries, key=lambda e: order[e.path])[:LIST_LIMIT]
        return {"cards": tuple(self.views.card(e) for e in shown), "total": len(entries),
                "filter": {facet: value}, "more": {facet: value} if len(entries) > LIST_LIMIT else None}  # fmt: skip

    # --- entries

    def entry_view(self, entry, url: str, assets: dict) -> dict:
        themes = [self.vocab.parent_theme(n) for n in entry.themes]
        search = []  # only listing pages carry the filter 页面 (索引): search asks for "not 索引" to put entries first
        for facet in self.schema.facets:
            if facet.search:
                values = facet.values(entry, self.vocab)
                if facet.name == "theme":  # the search filter offers the seven themes
                    values = tuple(dict.fromkeys(t.name for t in themes if t))
                search += [(facet.search, value_label(facet, v, self.library)) for v in values]
        return {
            "facts": self.views.facts(entry),
            "dates": self.views.dates[entry.path],
            "crumbs": self.views.crumbs(entry),
            "citation": self.views.citation(entry),
            "search_filters": search,
            "backlinks": self.index.backlinks.get(key(entry), ()),
            "related": self.index.related.get(key(entry), ()),
            "body": self.bodies.render(entry, url, assets),
        }

    def entry_page(self, number: int) -> tuple[str, str, dict, str]:
        """The page of the index's entry `number`: (source path, Markdown, the images its body uses, its print
        data, made while its body is at hand)."""
        entry = self.index.entries[number]
        source, text, assets, view = self._entry_page(entry)
        return source, text, assets, printing.entry_record(entry, self.library, view["body"])

    def entry_page_of(self, entry) -> tuple[str, str, dict]:
        """The page of one entry of the index: (source path, Markdown, the images its body uses)."""
        return self._entry_page(entry)[:3]

    def _entry_page(self, entry):
        assets = {}
        url = entry_url(entry)
        view = self.entry_view(entry, url, assets)
        text = self.page(url, entry.title, "entry.html.j2", entry.summary, scripts=ENTRY_SCRIPTS, entry=entry,
                         view=view)  # fmt: skip
        return source_path(url), text, assets, view

    def print_record(self, entry) -> str:
        """An entry's print data without its page (serve, where pages are made one by one)."""
        return printing.entry_record(entry, self.library, self.bodies.render(entry, entry_url(entry), {}))

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

    def theme_rows(self) -> list[dict]:
        by_theme = self.index.group("theme")
        rows = []
        for theme in self.vocab.themes:
            subs = [{"item": s, "url": subtheme_url(s), "count": len(by_theme.get(s.name, ()))} for s in theme.subthemes]
            rows.append({"theme": theme, "url": theme_url(theme), "count": len(by_theme.get(theme.name, ())),
                         "subthemes": subs})  # fmt: skip
        return rows

    def theme_pages(self, rows):
        by_theme = self.index.group("theme")
        for row in rows:
            theme = row["theme"]
            entries = by_theme.get(theme.name, ())
            self.add(
                theme_url(theme), theme.name, "theme.html.j2", theme.description,
                theme=theme, parent=None, direction=theme.direction, subthemes=row["subthemes"],
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
        self.add("themes/", "主题", "themes_index.html.j2", "七个主题、二十一个子主题，以及各自的条目数。", rows=rows)

    # --- facets with pages of their own (districts, institutions, years …)

    def facet_pages(self, facet):
        """An index page of the facet's values, and a page per value listing its entries."""
        group, rows = self.index.group(facet.name), []
        items = self.views.vocab_items(facet)
        values = [item.name for item in items] if items is not None else sorted(group, reverse=True)
        for value in values:
            entries = group.get(value)
            slug = self.views.slug(facet, value) if entries else None
            if slug is None:
                continue
            item = next((i for i in items if i.name == value), None) if items is not None else None
            facts = item.facts if item is not None else ()
            url = facet_url(facet, slug)
            label = value_label(facet, value, self.library)
            self.add(url, label, "listing.html.j2", f"{facet.label}：{label}，{len(entries)} 个条目。",
                     facet=facet, parent_url=facet_url(facet), title=label, facts=facts,
                     listing=self.listing(entries, facet.name, value), counts=self.type_counts(entries))  # fmt: skip
            rows.append({"name": label, "url": url, "cells": [v for _, v in facts] + [len(entries)]})
        head = [facet.label] + ([label for label, _ in items[0].facts] if items else []) + ["条目数"]
        self.add(facet_url(facet), facet.label, "listing_index.html.j2", facet.about or None, title=facet.label,
                 intro=facet.about, caption=f"各{facet.label}的条目数", head=head, rows=rows,
                 map=self.map_for(facet_url(facet)) if facet.name == "district" else None)  # fmt: skip

    def map_for(self, page_url: str):
        """The district map as it appears on the page at `page_url`."""
        facet = self.schema.facet("district")
        group = self.index.group("district")
        counts = {name: len(entries) for name, entries in group.items()}
        urls = {name: self.views.value_url(facet, name) for name in group if self.views.value_url(facet, name)}
        return district_map(self.vocab.districts, counts, urls, partial(relative, page_url))

    # --- browse, stats, home, site map

    def value_order(self, facet, counted: Counter) -> list[str]:
        """A facet's values in reading order: the vocabulary's, the declared choices', years newest first."""
        if facet.name == "theme":
            order = [n for t in self.vocab.themes for n in (t.name, *(s.name for s in t.subthemes))]
        elif facet.name == "type":
            order = [t.id for t in self.schema.types]
        elif self.views.vocab_facet(facet):
            order = [item.name for item in self.views.vocab_items(facet)]
        elif hasattr(facet.field_type(self.schema), "choices"):
            order = list(facet.field_type(self.schema).choices)
        elif facet.spellings is not None:
            order = list(dict.fromkeys(facet.spellings(self.library).values()))
        else:
            order = sorted(counted, reverse=True)
        return [v for v in order if counted[v]]

    def browse_page(self):
        data = browse.BrowseData(self.views, self.newest, self.value_order)
        page = max(1, self.options.browse_inline)
        self.site.files.update(data.files(page))
        self.add(browse.PAGE, "浏览与筛选", "browse.html.j2", "按类型、主题、区县、院校、年份、级别和完整度筛选全部条目。",
                 cards=[self.views.card(e) for e in self.newest[:page]], total=len(self.newest),
                 filters=data.filters(), page=page, data=data.links(), scripts=BROWSE_SCRIPTS)  # fmt: skip

    def stats_page(self, theme_rows):
        by_district = sorted(((short_name(self.vocab.district(d)), len(e)) for d, e in self.index.group("district").items()),
                             key=lambda kv: (-kv[1], kv[0]))  # short names (石柱 for 石柱土家族自治县): a phone-wide chart
        by_year = self.index.group("year")
        charts = [
            ("chart-type", "按类型", [(c["label"], c["count"]) for c in self.type_counts(self.index.entries)]),
            ("chart-theme", "按主题", [(r["theme"].name, r["count"]) for r in theme_rows]),
            ("chart-district", f"按区县（前 {DISTRICTS_IN_CHART} 个）", by_district[:DISTRICTS_IN_CHART]),
            ("chart-year", "按年份（典型案例）", [(f"{y} 年", len(e)) for y, e in sorted(by_year.items())]),
        ]
        empty = {"chart-year": "还没有标注年份的案例：年份只在来源写明时填写。"}
        drawn = [{"title": title, "svg": bar_chart(cid, title, rows) if rows else None,
                  "empty": None if rows else empty.get(cid, "暂无数据。")} for cid, title, rows in charts]
        self.add("stats/", "统计", "stats.html.j2", "条目按类型、主题、区县和年份的数量。", total=len(self.index.entries),
                 charts=drawn)  # fmt: skip

    def featured(self, entry_type: str) -> list:
        """The entries of a type most often named by others, then the most complete: what the home page shows."""
        entries = self.index.group("type").get(entry_type, ())
        rank = {"complete": 0, "basic": 1, "stub": 2}
        chosen = sorted(entries, key=lambda e: (-len(self.index.backlinks.get(key(e), ())), rank[e.completeness]))
        return [{"card": self.views.card(e), "named_by": len(self.index.backlinks.get(key(e), ()))}
                for e in chosen[:FEATURED]]  # fmt: skip

    def home_page(self, theme_rows):
        districts = [d for d, e in self.index.group("district").items() if self.vocab.district(d).is_place]
        self.site.pages[source_path("")] = self.page(
            "", "首页", "home.html.j2", HOME_DESCRIPTION, hide=("navigation", "toc"),
            rows=theme_rows, counts=self.type_counts(self.index.entries), total=len(self.index.entries),
            districts=len(districts), newest=[self.views.card(e) for e in self.newest[:NEWEST_ON_HOME]],
            models=self.featured("model"), figures=self.featured("figure"), map=self.map_for(""),
        )

    def contribute_page(self):
        self.add("contribute/", "参与贡献", "contribute.html.j2", "怎样提供案例、人物和做法，或为已有条目补充资料。")

    def print_page(self):
        """The page where trainers make a booklet of any selection (its data is an export: site/printing.py)."""
        self.add(printing.PAGE, printing.TITLE, "print.html.j2", hide=("navigation", "toc"), scripts=PRINT_SCRIPTS,
                 **printing.page_context(self.options.identity))  # fmt: skip
        self.site.files[printing.PAPER_CSS] = printing.paper_css(self.options.identity)

    def site_map(self):
        self.add("sitemap/", "网站地图", "sitemap.html.j2", "本站的全部栏目。",
                 sections=self.site.navigation, docs=DOCS_PAGES)  # fmt: skip

    def listing_pages(self) -> None:
        """Every page but the entries' (with the browse page's data), and the navigation."""
        theme_rows = self.theme_rows()
        self.theme_pages(theme_rows)
        self.home_page(theme_rows)
        self.browse_page()
        self.type_indexes()
        paged = [f for f in self.schema.facets if f.pages]
        for facet in paged:
            self.facet_pages(facet)
        self.stats_page(theme_rows)
        self.contribute_page()
        self.print_page()
        self.site.navigation = [
            ("首页", ""), ("主题", "themes/"), ("浏览与筛选", "browse/"),
            *((t.label, type_url(t)) for t in self.schema.types),
            *((f.label, facet_url(f)) for f in paged),
            ("统计", "stats/"),
        ]  # fmt: skip
        self.site_map()

    def exports(self) -> dict[str, str]:
        """cases.json, cases.csv, the feed, and the print page's data."""
        files = exports.all_exports(self.library, self.index, self.options, self.newest, self.views.dates, self.kept)
        records = self.printed or [self.print_record(e) for e in self.index.entries]
        files.update(printing.print_files(self.library, self.index, records))
        return files

    def build(self) -> Site:
        self.entries()
        self.listing_pages()
        self.site.files.update(self.exports())
        return self.site


def _entry_page(builder: _Builder, number: int) -> tuple[str, str, dict, str]:
    return builder.entry_page(number)


def build_site(library, index: Index, options: SiteOptions = SiteOptions()) -> Site:
    """Every page, export and asset of the site, as data. Drafts are not in `index`, so never published."""
    return _Builder(library, index, options).build()


def site_builder(library, index: Index, options: SiteOptions, kept: Kept) -> _Builder:
    """A maker of the site's parts one at a time, reusing what `kept` holds (serve): entry_page_of(entry),
    listing_pages() into its `site`, exports()."""
    return _Builder(library, index, options, kept)
