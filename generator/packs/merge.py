"""A booklet printed in parts, joined into one PDF (pikepdf): page numbers laid over, links and bookmarks kept.

Each part is a complete WeasyPrint PDF. The front matter's PDF is the base: its
metadata, language and bookmarks stay. Named destinations (the contents links
point at them) are taken from the parts, later parts winning, so a contents
line's own anchor gives way to its entry's; the parts' bookmarks continue the
front matter's last top-level one, as WeasyPrint nests headings in one document.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import ExitStack
from io import BytesIO
from pathlib import Path

import pikepdf
from pikepdf import Name, OutlineItem


def _destinations(pdf: pikepdf.Pdf) -> pikepdf.NameTree:
    """The document's named destinations (/Root/Names/Dests), made empty if it has none."""
    if Name.Names not in pdf.Root:
        pdf.Root.Names = pikepdf.Dictionary()
    if Name.Dests not in pdf.Root.Names:
        pdf.Root.Names.Dests = pikepdf.NameTree.new(pdf).obj
    return pikepdf.NameTree(pdf.Root.Names.Dests)


SUBSET_TAG = re.compile(r"/([A-Z]{6})\+")


def _retag_fonts(pdf: pikepdf.Pdf, number: int) -> None:
    """New subset tags (the ABCDEF of ABCDEF+Font) for the fonts of merged document `number`.

    WeasyPrint derives a tag from the font alone, so every part would repeat it,
    but different subsets in one PDF must have different tags (ISO 32000-1, 9.6.4).
    """
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        for key in (Name.BaseFont, Name.FontName):
            value = obj.get(key)
            match = SUBSET_TAG.match(str(value)) if isinstance(value, Name) else None
            if match:
                digest = hashlib.md5(f"{match[1]}{number}".encode(), usedforsecurity=False).digest()
                tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
                obj[key] = Name(f"/{tag}+{str(value)[match.end():]}")


def _retarget(destination, pages: dict):
    """A part's explicit destination [page /XYZ x y zoom] pointing at that page's copy; a name stays as it is."""
    if isinstance(destination, pikepdf.Array) and len(destination) and destination[0].objgen in pages:
        return pikepdf.Array([pages[destination[0].objgen], *destination[1:]])
    return destination


def _copy_bookmark(item: OutlineItem, pages: dict) -> OutlineItem:
    copy = OutlineItem(item.title, _retarget(item.destination, pages))
    copy.is_closed = item.is_closed
    copy.children.extend(_copy_bookmark(child, pages) for child in item.children)
    return copy


def _append(pdf: pikepdf.Pdf, part: pikepdf.Pdf, names: pikepdf.NameTree, bookmarks: list) -> None:
    """The part's pages at the end of `pdf`, with its named destinations and bookmarks pointing at them."""
    first = len(pdf.pages)
    pdf.pages.extend(part.pages)
    pages = {theirs.objgen: ours.obj for theirs, ours in zip(part.pages, pdf.pages[first:])}
    if Name.Names in part.Root and Name.Dests in part.Root.Names:
        for name, destination in pikepdf.NameTree(part.Root.Names.Dests).items():
            names[name] = _retarget(destination, pages)
    with part.open_outline() as theirs:
        bookmarks.extend(_copy_bookmark(item, pages) for item in theirs.root)


def _lay_over(page: pikepdf.Page, layer: pikepdf.Page, number: int) -> None:
    """Draw `layer`, a page of the same size, over page `number`; the page's own drawing keeps its graphics state.

    The layer's resource name is fixed per page, not random as with pikepdf's add_overlay, so the same parts
    make the same bytes; and it is unique per page, since the pages of a WeasyPrint PDF share one resource dictionary.
    """
    form = layer.as_form_xobject()
    name = page.add_resource(form, Name.XObject, name=Name(f"/PageNumbers{number}"))
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n" + page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.trimbox)))


def merge_parts(front: bytes, parts: list[bytes], page_numbers: bytes, target: Path) -> None:
    """Write `target`: the front matter, then each part's pages, with page i of `page_numbers` laid over page i."""
    with ExitStack() as sources:  # copied pages read their streams from the sources until the save
        pdf = sources.enter_context(pikepdf.open(BytesIO(front)))
        names = _destinations(pdf)
        with pdf.open_outline() as outline:
            bookmarks = outline.root[-1].children if outline.root else outline.root
            for number, data in enumerate(parts, 1):
                part = sources.enter_context(pikepdf.open(BytesIO(data)))
                _retag_fonts(part, number)
                _append(pdf, part, names, bookmarks)
        numbers = sources.enter_context(pikepdf.open(BytesIO(page_numbers)))
        _retag_fonts(numbers, len(parts) + 1)
        if len(numbers.pages) != len(pdf.pages):
            raise ValueError(f"page numbers for {len(numbers.pages)} pages, the booklet has {len(pdf.pages)}")
        for number, (page, layer) in enumerate(zip(pdf.pages, numbers.pages), 1):
            _lay_over(page, layer, number)
        target.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(target, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
