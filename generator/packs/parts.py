"""A big booklet printed in parts on several cores, then merged into one PDF.

Every entry starts a new page, so runs of entries lay out on their own: worker
processes print them side by side, without page numbers, and say on which page
of their part each entry starts. Then the front matter is printed with the
contents' page numbers filled in, beside one layer of page numbers for all
pages, and merge.py joins them. A small booklet is printed whole, in one process.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Executor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .booklet import Booklet, render_entries, render_front, render_html
from .fonts import CJKFont
from .merge import merge_parts
from .pdf import PdfPrinter
from .workers import printer, printing_pool, worker_count

PART_MIN_ENTRIES = 15  # a part smaller than this saves less than printing in parts costs (measured)
ENTRY_WEIGHT = 1000  # an entry's own page (title, facts, QR code, sources) as characters of body text
CONTENTS_LINE_WEIGHT = 150  # laying out one contents line, in the same unit
FRONT_TRIES = 4  # layouts of the front matter before giving up on a page count that will not settle


@dataclass(frozen=True)
class PrintedPart:
    pdf: bytes
    pages: int
    starts: dict[str, int]  # anchor -> 0-based page of the part where it is first found


def split_entries(views, count: int, lead: int = 0) -> list[tuple]:
    """At most `count` runs of consecutive entries, of about equal weight (entries plus body text).

    `lead` is weight added before the first run, so it gets fewer entries and its process is free first.
    """
    weights = [ENTRY_WEIGHT + len(view.body) for view in views]
    total, runs, run, before = lead + sum(weights), [], [], lead
    for view, weight in zip(views, weights):
        if run and before + weight / 2 >= total * (len(runs) + 1) / count:
            runs.append(tuple(run))
            run = []
        run.append(view)
        before += weight
    return runs + [tuple(run)] if run else runs


# --- jobs for the worker processes


def _print_part(html: str, paper: str) -> PrintedPart:
    document = printer().render(html, paper, numbered=False)
    starts: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            starts.setdefault(anchor, number)
    return PrintedPart(document.write_pdf(), len(document.pages), starts)


def _front_pages(booklet: Booklet, paper: str) -> int:
    """How many pages the front matter takes, with numbers about as wide as the real ones will be."""
    wide = {view.anchor: 10 * len(booklet.entries) for view in booklet.entries}
    return len(printer().render(render_front(booklet, wide), paper, numbered=False).pages)


def _print_front(booklet: Booklet, paper: str, numbers: dict[str, int]) -> tuple[bytes, int]:
    document = printer().render(render_front(booklet, numbers), paper, numbered=False)
    return document.write_pdf(), len(document.pages)


def _print_page_numbers(pages: int, paper: str) -> bytes:
    return printer().render_page_numbers(pages, paper).write_pdf()


# --- the whole job


def settle_front_pages(guess: int, lay_out):
    """Lay out the front matter as if it took `guess` pages until it does; return that layout's result.

    `lay_out(pages)` returns (result, pages it took). The contents' length hardly
    depends on its numbers: a good guess settles at once, a wrong one a round later.
    """
    pages = guess
    for _ in range(FRONT_TRIES):
        result, printed = lay_out(pages)
        if printed == pages:
            return result
        pages = printed
    raise RuntimeError(f"目录的页数在 {FRONT_TRIES} 次排版后仍不确定，无法分段印刷")


def _print_in_parts(pool: Executor, workers: int, booklet: Booklet, target: Path, paper: str) -> int:
    # the first run is lighter by the front matter's draft, which its process lays out while the others finish
    runs = split_entries(booklet.entries, workers, lead=CONTENTS_LINE_WEIGHT * len(booklet.entries))
    pending = [pool.submit(_print_part, render_entries(booklet, run), paper) for run in runs]
    wait(pending, return_when=FIRST_COMPLETED)
    guess = pool.submit(_front_pages, booklet, paper)
    parts = [future.result() for future in pending]
    offsets, entry_pages = {}, 0  # anchor -> pages of entries before it
    for run, part in zip(runs, parts):
        offsets.update({view.anchor: entry_pages + part.starts[view.anchor] for view in run})
        entry_pages += part.pages

    def lay_out(front_pages: int):
        numbers = {anchor: front_pages + offset + 1 for anchor, offset in offsets.items()}
        front = pool.submit(_print_front, booklet, paper, numbers)
        layer = pool.submit(_print_page_numbers, front_pages + entry_pages, paper)  # beside it
        pdf, printed = front.result()
        return (pdf, layer, printed), printed

    front_pdf, layer, front_pages = settle_front_pages(guess.result(), lay_out)
    merge_parts(front_pdf, [part.pdf for part in parts], layer.result(), target)
    return front_pages + entry_pages


def _print_whole(whole: PdfPrinter, booklet: Booklet, target: Path, paper: str) -> int:
    return whole.print(render_html(booklet), target, paper)


@contextmanager
def booklet_printing(entries: int, font: CJKFont):
    """A function (booklet, target, paper) -> pages for a booklet of `entries` entries.

    Big enough and with cores to spare, it prints in parts; its worker processes
    start at once and load WeasyPrint while the caller makes the booklet.
    """
    workers = worker_count(entries // PART_MIN_ENTRIES)
    if workers == 1:
        yield partial(_print_whole, PdfPrinter(font))
        return
    with printing_pool(workers, font) as pool:
        pool.submit(int)  # starts the processes (and their printers) now
        yield partial(_print_in_parts, pool, workers)
