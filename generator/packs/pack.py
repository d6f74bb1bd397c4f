"""One pack from start to end: chosen entries -> booklet -> PDF or stand-alone HTML file, written atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.library import Library
from ..errors import template_faults
from ..output import write_file
from .booklet import make_booklet, render_html, stylesheet_text
from .fonts import CJKFont
from .parts import booklet_printing
from .paper import DEFAULT_PAPER
from .pdf import page_css

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Written:
    path: Path
    entries: int
    pages: int | None  # None for HTML


@template_faults()
def write_pack(library: Library, entries, title: str, selection_words: str, out: Path, *, site_url: str | None,
               fmt: str = "pdf", paper: str = DEFAULT_PAPER, font: CJKFont | None = None) -> Written:  # fmt: skip
    """Write one booklet; the previous file stays until the new one is complete.

    PDFs need the CJK `font`; a big one is printed in parts on several cores. Without a
    `site_url` the booklet has no QR codes or addresses (and says so on its cover).
    """
    if fmt == "html":
        booklet = make_booklet(library, entries, title, selection_words, site_url)
        css = stylesheet_text() + "\n" + page_css(paper, font, with_font_file=False)
        write_file(out, lambda tmp: tmp.write_text(render_html(booklet, inline_css=css), encoding="utf-8"))
        return Written(out, len(entries), None)
    with booklet_printing(len(entries), font) as print_booklet:  # the printers start while the booklet is made
        booklet = make_booklet(library, entries, title, selection_words, site_url)
        pages = write_file(out, lambda tmp: print_booklet(booklet, tmp, paper))
        return Written(out, len(entries), pages)
