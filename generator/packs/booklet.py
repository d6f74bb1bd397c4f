"""The booklet as HTML: the chosen entries turned into view data, rendered by Jinja2 (autoescape on).

Bodies always come from `generator.render.render_body`, so contributor HTML is
sanitized; local images become file:// addresses only when they are real files
inside cases/ (no symlinks), every other local link is dropped or points online.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..content.facts import key_facts, number_text
from ..content.library import Library
from ..content.model import EntryBase as Entry
from ..content.safety import IMAGE_FORMATS, file_state, local_target
from ..characters import without_hidden
from ..render import render_body
from .paper import css_string
from .qr import qr_png_data_uri

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "packs"


def entry_anchor(entry: Entry) -> str:
    """The id of the entry's article in a booklet, which the contents link to."""
    return f"{entry.type}-{entry.id}"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=lambda name: name is None or not name.endswith(".css.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=without_hidden,  # check refuses them; this is the last defence
    )
    env.filters.update(css_string=css_string, number=number_text)
    return env


def anchor_prefixes(library: Library) -> tuple[str, ...]:
    """How entry_anchor()s begin: no id from a body may begin so."""
    return tuple(f"{entry_type.id}-" for entry_type in library.schema.types)


def online_address(site_url: str | None, entry: Entry) -> str | None:
    return f"{site_url}{entry.kind.url}/{entry.id}/" if site_url else None


def booklet_date(env=None) -> dt.date:
    """SOURCE_DATE_EPOCH (reproducible builds) when set, else today."""
    env = os.environ if env is None else env
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


# --- local files and links in bodies


def _entry_address(target: str, site_url: str | None, schema) -> str | None:
    """The online page of a linked entry file (cases/models/x.md -> <site>/models/x/)."""
    parts = target.split("/")
    urls = {entry_type.folder: entry_type.url for entry_type in schema.types}
    if site_url and len(parts) == 3 and parts[1] in urls and parts[2].endswith(".md"):
        return f"{site_url}{urls[parts[1]]}/{parts[2][:-3]}/"
    return None


def link_rewriter(library: Library, entry: Entry, site_url: str | None):
    """render_body's rewrite_url for print: images -> file:// inside cases/, entry links -> online, rest dropped."""

    def rewrite(url: str) -> str | None:
        target = local_target(entry.path, url)
        if target is None:
            return None
        if target.lower().endswith(IMAGE_FORMATS):
            state, _ = file_state(library.root, target)  # local_target keeps it inside cases/
            found = (Path(library.root) / target).resolve() if state == "ok" else None
            return found.as_uri() if found else None
        return _entry_address(target, site_url, library.schema)

    return rewrite


# --- view data


@dataclass(frozen=True)
class EntryView:
    anchor: str
    type: str
    type_label: str
    title: str
    summary: str
    stub: bool
    meta: tuple[tuple[str, str], ...]
    body: Markup
    outcomes: tuple
    sources: tuple
    url: str | None
    qr: str | None


def entry_view(entry: Entry, library: Library, site_url: str | None) -> EntryView:
    url = online_address(site_url, entry)
    return EntryView(
        anchor=entry_anchor(entry),
        type=entry.type,
        type_label=entry.kind.label,
        title=entry.title,
        summary=entry.summary,
        stub=entry.completeness == "stub",
        meta=tuple((fact.label, "、".join(fact.texts)) for fact in key_facts(entry, library)),
        # a heading such as "## case x" must not take the id of entry x's anchor (the contents link to it)
        body=Markup(render_body(entry.body, link_rewriter(library, entry, site_url),
                                reserved_ids=anchor_prefixes(library), source=entry.path)),
        outcomes=tuple(entry.outcomes),
        sources=entry.sources,
        url=url,
        qr=qr_png_data_uri(url) if url else None,
    )


@dataclass(frozen=True)
class Booklet:
    title: str
    selection_words: str
    date: dt.date
    site_url: str | None
    entries: tuple[EntryView, ...]
    note: str | None = None  # e.g. how many of a larger selection a site pack holds

    @property
    def groups(self) -> list[tuple[str, list[EntryView]]]:
        """Contents sections by type, in booklet order."""
        groups: dict[str, list[EntryView]] = {}
        for view in self.entries:
            groups.setdefault(view.type_label, []).append(view)
        return list(groups.items())


def make_booklet(library: Library, entries, title: str, selection_words: str, site_url: str | None,
                 date: dt.date | None = None, note: str | None = None) -> Booklet:  # fmt: skip
    """The booklet of `entries` (in their order), dated today or SOURCE_DATE_EPOCH's day."""
    views = tuple(entry_view(entry, library, site_url) for entry in entries)
    return Booklet(title, selection_words, date or booklet_date(), site_url, views, note)


def _render(booklet: Booklet, *, front: bool, entries, page_numbers=None, line_anchors=False,
            inline_css: str | None = None) -> str:  # fmt: skip
    template = environment().get_template("booklet.html.j2")
    css = Markup(inline_css.replace("</", "<\\/")) if inline_css else None
    return template.render(booklet=booklet, front=front, entries=entries, page_numbers=page_numbers,
                           line_anchors=line_anchors, inline_css=css)  # fmt: skip


def render_html(booklet: Booklet, inline_css: str | None = None) -> str:
    """The whole booklet's HTML; `inline_css` is embedded for the stand-alone HTML format, PDFs get it compiled."""
    return _render(booklet, front=True, entries=booklet.entries, inline_css=inline_css)


def render_front(booklet: Booklet, page_numbers: dict[str, int], line_anchors: bool = True) -> str:
    """Cover and contents alone, each contents line with its entry's page number (anchor -> page).

    With `line_anchors` each line holds its entry's anchor, so that the link is kept when the
    front matter is printed apart from the entries (merge.py points it at the entry); printed
    beside them on one sheet, the anchor is the entry's alone.
    """
    return _render(booklet, front=True, entries=(), page_numbers=page_numbers, line_anchors=line_anchors)


def render_entries(booklet: Booklet, views) -> str:
    """A run of the booklet's entries alone, printed apart and merged after the front matter."""
    return _render(booklet, front=False, entries=views)


def render_css(name: str, **context) -> str:
    return environment().get_template(name).render(**context)


LAYOUT_CSS = "booklet.css"  # everything but the page numbers
PAGE_NUMBERS_CSS = "page-numbers.css"


def stylesheet_text(*names: str) -> str:
    """The named stylesheets of templates/packs/ (default: all of the booklet's), one after the other."""
    return "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in names or (LAYOUT_CSS, PAGE_NUMBERS_CSS))
