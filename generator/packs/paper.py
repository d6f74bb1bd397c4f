"""Paper for printed entries: size, margins, type size and fonts, one declaration for every way of printing.

The CLI's booklets (WeasyPrint, templates/packs/page.css.j2) and the site's printing
(the print page and every entry page's “打印本页”, through the generated
assets/css/print-paper.css) read these, so an entry prints alike on either road.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    name: str  # the CSS page size: A4
    width: int  # mm
    height: int  # mm
    margins: tuple[int, int, int, int]  # mm: top, right, bottom, left
    font_size: str  # the body text

    @property
    def margin(self) -> str:
        """The CSS `margin` of its pages."""
        return " ".join(f"{m}mm" for m in self.margins)

    @property
    def text_width(self) -> int:
        """Width of the page area, mm."""
        return self.width - self.margins[1] - self.margins[3]

    @property
    def text_height(self) -> int:
        """Height of the page area, mm."""
        return self.height - self.margins[0] - self.margins[2]


PAPERS = {
    "A4": Paper("A4", 210, 297, (22, 20, 20, 20), "10.5pt"),
    "A5": Paper("A5", 148, 210, (16, 13, 15, 13), "9.5pt"),
}
DEFAULT_PAPER = "A4"

# Chinese fonts found on readers' and trainers' systems; none is downloaded.
FONT_STACK = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei")


def css_string(text: str) -> str:
    """A CSS string literal for a font name, URL or running header: quotes, backslashes, markup and newlines escaped."""
    escaped = "".join(c if c.isalnum() or c in " -_./:,()" or ord(c) > 127 else f"\\{ord(c):x} " for c in str(text))
    return f'"{escaped}"'
