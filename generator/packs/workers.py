"""The processes that print packs: how many, and the one printer each of them holds."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

from .fonts import CJKFont
from .pdf import PdfPrinter

WORKERS_ENV = "ZJXN_PACK_WORKERS"  # printing processes; default: one per core

_printer: PdfPrinter | None = None  # one per process: fonts and styles compiled once


def worker_count(jobs: int) -> int:
    """ZJXN_PACK_WORKERS, else one per core; never more than there are jobs."""
    wanted = os.environ.get(WORKERS_ENV, "")
    count = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return max(1, min(count, jobs))


def start_printer(font: CJKFont, niceness: int = 0) -> None:
    """This process's printer; `niceness` > 0 lets the rest of the machine go first."""
    global _printer
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)
    _printer = PdfPrinter(font)


def printer() -> PdfPrinter:
    """This process's printer (start_printer first: the pool's initializer does)."""
    assert _printer is not None, "start_printer() was not called in this process"
    return _printer


def printing_pool(workers: int, font: CJKFont) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, initializer=start_printer, initargs=(font,))
