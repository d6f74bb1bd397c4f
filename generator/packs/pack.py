"""One pack from start to end: chosen entries -> booklet -> PDF or stand-alone HTML file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.library import Library
from .booklet import make_booklet, render_html, stylesheet_text
from .config import site_url
from .fonts import CJKFont
from .parts import booklet_printing
from .pdf import page_css

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Written:
    path: Path
    entries: int
    pages: int | None  # None for HTML


def write_pack(library: Library, entries, title: str, selection_words: str, out: Path, *, fmt: str = "pdf",
               paper: str = "A4", font: CJKFont | None = None, site: str | None = None) -> Written:  # fmt: skip
    """Write one booklet. PDFs need the CJK `font`; a big one is printed in parts on several cores."""
    site = site if site is not None else site_url(library.root)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        booklet = make_booklet(library, entries, title, selection_words, site)
        css = stylesheet_text() + "\n" + page_css(paper, font, with_font_file=False)
        out.write_text(render_html(booklet, inline_css=css), encoding="utf-8")
        return Written(out, len(entries), None)
    with booklet_printing(len(entries), font) as print_booklet:  # the printers start while the booklet is made
        booklet = make_booklet(library, entries, title, selection_words, site)
        return Written(out, len(entries), print_booklet(booklet, out, paper))
