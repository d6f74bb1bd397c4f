"""Booklet HTML -> PDF with WeasyPrint. One printer compiles the styles once and prints many packs.

Only file: and data: resources are loaded (images under cases/, the font, QR
codes); anything else is refused, so printing never touches the network.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from .booklet import LAYOUT_CSS, PAGE_NUMBERS_CSS, render_css, stylesheet_text
from .fonts import CJKFont
from .paper import DEFAULT_PAPER, FONT_STACK, PAPERS

logging.getLogger("weasyprint").addHandler(logging.NullHandler())  # refused resources are expected, not noise


def page_css(paper: str, font: CJKFont | None, with_font_file: bool) -> str:
    """Paper size, margins and the font stack; the font file's address only when it must be loaded by path."""
    return render_css(
        "page.css.j2",
        paper=paper,
        family=font.family if font else None,
        font_url=font.path.as_uri() if (font and font.path and with_font_file) else None,
        fonts=FONT_STACK,
        margin=PAPERS[paper].margin,
        font_size=PAPERS[paper].font_size,
    )


LOCAL_SCHEMES = ("file", "data")


def engine_version() -> str:
    """The version of the installed WeasyPrint, read from its package metadata (milliseconds).

    Not by loading WeasyPrint (0.8 s and 40 MB in each printing process): a rebuild whose packs
    are all copied then loads no WeasyPrint at all (the real library: 2.05 s against 2.59 s).
    This reads a version; it loads no module (the stages are plain imports)."""
    from importlib.metadata import version

    return version("weasyprint")


def local_only_fetcher():
    """A WeasyPrint URL fetcher that loads file: and data: URLs only (WeasyPrint >= 68 class, older function)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint < 68
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args, **kwargs):
            if url.split(":", 1)[0].lower() in LOCAL_SCHEMES:
                return default_url_fetcher(url, *args, **kwargs)
            raise ValueError(f"not fetched: {url[:80]}")

        return fetch
    return URLFetcher(allowed_protocols=set(LOCAL_SCHEMES))


BLANK_PAGES = '<!DOCTYPE html><html lang="zh-CN"><body>{}</body></html>'


class PdfPrinter:
    """Holds the font configuration and the compiled stylesheets; prints whole booklets or their parts."""

    def __init__(self, font: CJKFont):
        with warnings.catch_warnings():  # fontconfig may know no font at all when ours is loaded by path
            warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
            from weasyprint import CSS
            from weasyprint.text.fonts import FontConfiguration

            self.font_config = FontConfiguration()
        self.font = font
        self._css_class = CSS
        self._layout = CSS(string=stylesheet_text(LAYOUT_CSS), font_config=self.font_config)
        self._numbers = CSS(string=stylesheet_text(PAGE_NUMBERS_CSS), font_config=self.font_config)
        self._papers: dict[str, object] = {}
        self._fetcher = local_only_fetcher()

    def _paper(self, paper: str):
        if paper not in self._papers:
            self._papers[paper] = self._css_class(
                string=page_css(paper, self.font, with_font_file=True),
                font_config=self.font_config,
                url_fetcher=self._fetcher,
            )
        return self._papers[paper]

    def _render(self, html: str, stylesheets: list):
        from weasyprint import HTML

        document = HTML(string=html, url_fetcher=self._fetcher)
        return document.render(stylesheets=stylesheets, font_config=self.font_config)

    def render(self, html: str, paper: str = DEFAULT_PAPER, *, numbered: bool = True):
        """The laid-out WeasyPrint document; a part printed for merging has no page numbers (numbered=False)."""
        sheets = [self._layout, self._numbers] if numbered else [self._layout]
        return self._render(html, sheets + [self._paper(paper)])

    def render_page_numbers(self, pages: int, paper: str = DEFAULT_PAPER):
        """`pages` blank pages with only the page numbers, to lay over a booklet printed in parts."""
        return self._render(BLANK_PAGES.format('<div style="break-before: page"></div>' * pages),
                            [self._numbers, self._paper(paper)])  # fmt: skip

    def print(self, html: str, target: Path, paper: str = DEFAULT_PAPER) -> int:
        """Write the whole booklet's PDF and return its number of pages."""
        document = self.render(html, paper)
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target)
        return len(document.pages)
