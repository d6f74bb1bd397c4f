"""The processes that print packs: how many, and the one printer each of them holds."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

from ..lifetime import die_with
from .fonts import CJKFont
from .pdf import PdfPrinter

WORKERS_ENV = "ZJXN_PACK_WORKERS"  # printing processes; default: one per core

_font: CJKFont | None = None  # the process's font; its printer is made at the first print
_printer: PdfPrinter | None = None  # one per process: fonts and styles compiled once
_shared: tuple = ()  # what every job of the process reads (set once, inherited rather than sent per job)


def worker_count(jobs: int) -> int:
    """ZJXN_PACK_WORKERS, else one per core; never more than there are jobs."""
    wanted = os.environ.get(WORKERS_ENV, "")
    count = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return max(1, min(count, jobs))


def start_printer(font: CJKFont, niceness: int = 0, shared: tuple = ()) -> None:
    """This process's font and shared data; `niceness` > 0 lets the rest of the machine go first."""
    global _font, _printer, _shared
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)
    _font, _printer, _shared = font, None, shared


def printing_font() -> CJKFont:
    """The font this process prints with (start_printer first: the pool's initializer does)."""
    assert _font is not None, "start_printer() was not called in this process"
    return _font


def printer() -> PdfPrinter:
    """This process's printer, made at the first call: a job that copies its packs needs none."""
    global _printer
    if _printer is None:
        _printer = PdfPrinter(printing_font())
    return _printer


def shared() -> tuple:
    """The `shared` given to start_printer in this process."""
    return _shared


def _start_worker(parent: int, font: CJKFont, niceness: int, shared: tuple, warm: bool) -> None:
    die_with(parent)
    start_printer(font, niceness, shared)
    if warm:
        printer()


def printing_pool(workers: int, font: CJKFont, niceness: int = 0, shared: tuple = (),
                  warm: bool = True) -> ProcessPoolExecutor:  # fmt: skip
    """Printing processes that end with this one; `shared` reaches them by fork where there is fork.

    `warm` makes each process's printer as it starts (WeasyPrint loaded, styles compiled), while
    the caller still prepares the work; else at its first print, which a job may never need.
    """
    initargs = (os.getpid(), font, niceness, shared, warm)
    return ProcessPoolExecutor(workers, initializer=_start_worker, initargs=initargs)
