"""Site packs cut from print sheets: each entry laid out once, however many packs hold it.

The site's packs overlap: an entry under three themes is in three of them. A printing
process takes a group of packs and prints one sheet: the group's entries once each, then
each pack's front matter (cover and contents, numbered from the entries' layout) and the
page-number layer of each pack length. The sheet is written as one PDF, so the packs cut
from it share one subset of each font, and merge.cut_packs cuts each pack out of it:
its front matter, its entries' pages with its page numbers laid over them, its links and
bookmarks. A pack cut from a sheet reads page for page like the same pack printed whole.

The groups depend only on the packs (not on the machine or on what changed since the
last build), so a pack's bytes depend only on its sheet: a sheet whose packs are all
unchanged is copied from the previous site, pack by pack.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .booklet import Booklet, render_entries, render_front
from .parts import ENTRY_WEIGHT, settle_front_pages
from .workers import printer

SHEETS = 2  # groups of packs, each one printing process's sheet; fixed, so the packs' bytes do not depend on the cores
SHEET_MIN_ENTRIES = 10  # a smaller pack is printed whole: little to share, and its own font subset is smaller
FRONT_GUESS = 2  # pages of a pack's front matter (cover, contents) before its layout says otherwise
EXHAUSTIVE = 5000  # splits of the packs into groups tried one by one; more packs are grouped greedily
PDF_SCALE = 0.75  # PDF points per CSS pixel, as WeasyPrint writes pages


@dataclass(frozen=True)
class Cut:
    """Where one pack's pages are in its sheet (0-based sheet page indexes)."""

    relpath: str
    pages: tuple[int, ...]  # each page of the pack, in order
    layer: tuple[int, ...]  # the page-number layer to lay over each of them
    bookmarks: list  # the pack's bookmark tree, as WeasyPrint makes it: (label, (pack page, x, y), children, state)
    anchors: tuple[tuple[str, int, float, float], ...]  # (name, pack page, x, y): link targets, the first of each name
    title: str
    description: str


def entry_weight(entry) -> int:
    return ENTRY_WEIGHT + len(entry.body)


def sheet_weight(plans) -> int:
    """The layout work of a sheet of these packs: each of their entries once."""
    return sum(map(entry_weight, {(e.type, e.id): e for plan in plans for e in plan.entries}.values()))


def group_packs(plans: list, count: int = SHEETS) -> list[list]:
    """The packs in at most `count` groups, one sheet each, so that the heaviest sheet is as light as can be
    and then all sheets together: packs that share entries go together, as each entry is laid out once.

    Every split is tried while there are few (packs.yml lists a dozen or so); beyond that, each pack
    in turn, the heaviest first, joins the group where it adds least.
    """
    if len(plans) <= 1 or count <= 1:
        return [list(plans)] if plans else []
    weight = {(e.type, e.id): entry_weight(e) for plan in plans for e in plan.entries}
    keys = {plan.relpath: frozenset((e.type, e.id) for e in plan.entries) for plan in plans}

    def work(groups) -> tuple[int, int]:  # (the heaviest, all): sheet_weight with the sets made once
        weights = [sum(weight[k] for k in frozenset().union(*(keys[p.relpath] for p in group))) for group in groups]
        return max(weights), sum(weights)

    if count ** len(plans) <= EXHAUSTIVE:
        splits = ([[plan for plan, g in zip(plans, owners) if g == group] for group in range(count)]
                  for owners in itertools.product(range(count), repeat=len(plans)) if owners[0] == 0)
        best = min(splits, key=lambda groups: work([g for g in groups if g]))
        return [group for group in best if group]
    groups: list[list] = [[] for _ in range(count)]
    for plan in sorted(plans, key=lambda p: work([[p]]), reverse=True):
        target = min(range(count), key=lambda i: work([g + [plan] if i == j else g for j, g in enumerate(groups)]))
        groups[target].append(plan)
    return [sorted(group, key=plans.index) for group in groups if group]


def _entry_spans(document, views) -> dict[str, range]:
    """Anchor -> the pages of the laid-out entries document on which that entry is printed.

    Every entry starts a page of its own, in order (bodies cannot take an entry's anchor:
    booklet.ANCHOR_PREFIXES), so the starts must rise page by page.
    """
    starts = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            starts.setdefault(anchor, number)
    ordered = [starts[view.anchor] for view in views] + [len(document.pages)]
    if any(later <= earlier for earlier, later in zip(ordered, ordered[1:])):
        raise RuntimeError("印张上的条目没有各自从新的一页开始，无法裁出手册")
    return {view.anchor: range(start, end) for view, start, end in zip(views, ordered, ordered[1:])}


def _anchors(pages) -> tuple[tuple[str, int, float, float], ...]:
    """The named destinations of a document of these pages, as WeasyPrint writes them: a name's first
    anchor, in PDF coordinates (points, from the bottom left)."""
    found: dict[str, tuple[str, int, float, float]] = {}
    for number, page in enumerate(pages):
        for name, (x, y, *_) in page.anchors.items():  # WeasyPrint 68+ adds width and height
            found.setdefault(name, (name, number, x * PDF_SCALE, (page.height - y) * PDF_SCALE))
    return tuple(found.values())


def print_sheet(packs: list[tuple[str, Booklet]], paper: str) -> tuple[bytes, list[Cut]]:
    """In a printing process: the sheet of these (relative path, booklet) packs, and where each pack is on it."""
    views = list({view.anchor: view for _, booklet in packs for view in booklet.entries}.values())
    entries = printer().render(render_entries(packs[0][1], views), paper, numbered=False)
    spans = _entry_spans(entries, views)
    pages, cuts, layers = list(entries.pages), [], {}  # layers: pack length -> its layer's sheet pages

    def place(document) -> tuple[int, ...]:
        pages.extend(document.pages)
        return tuple(range(len(pages) - len(document.pages), len(pages)))

    for relpath, booklet in packs:
        body = [number for view in booklet.entries for number in spans[view.anchor]]
        offsets, before = {}, 0
        for view in booklet.entries:
            offsets[view.anchor] = before
            before += len(spans[view.anchor])

        def lay_out(front_pages: int, booklet=booklet, offsets=offsets):
            numbers = {anchor: front_pages + offset + 1 for anchor, offset in offsets.items()}
            document = printer().render(render_front(booklet, numbers, line_anchors=False), paper, numbered=False)
            return document, len(document.pages)

        front = place(settle_front_pages(FRONT_GUESS, lay_out))
        length = len(front) + len(body)
        if length not in layers:
            layers[length] = place(printer().render_page_numbers(length, paper))
        own = front + tuple(body)
        own_pages = [pages[number] for number in own]
        marks = entries.copy(own_pages).make_bookmark_tree(PDF_SCALE, transform_pages=True)
        cuts.append(Cut(relpath, own, layers[length], marks, _anchors(own_pages), booklet.title, booklet.selection_words))
    return entries.copy(pages).write_pdf(), cuts
