"""A time budget for work that hostile input could make slow: past it, the work is interrupted.

`within(seconds)` arms a deadline for the calling thread; one watchdog thread per process,
looking every POLL seconds, raises `OverBudget` in that thread once the deadline has passed
(CPython's asynchronous exceptions, delivered between two bytecodes, so a loop in Python
code is stopped within milliseconds of being told). Nothing is instrumented: arming costs a
lock and a dictionary entry, so thousands of bodies a build pay next to nothing for it.

`OverBudget` derives from BaseException so that no `except Exception` in a library swallows
it; if something swallows it anyway, `within` raises it again on the way out.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from contextlib import contextmanager


class OverBudget(BaseException):
    """The work in a `within` block ran past its deadline."""


def _raise_in(thread_id: int, exception) -> None:
    """Schedule `exception` in another thread (None: cancel one scheduled and not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exception)
                                               if exception is not None else ctypes.c_void_p(0))  # fmt: skip


POLL = 0.25  # seconds between the watchdog's looks: how late past its budget work may be stopped


class _Watchdog:
    def __init__(self):
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # a forked worker starts with no watchdog and no lock held

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: dict[int, float] = {}  # thread id -> when its budget ends
        self._thread: threading.Thread | None = None

    def arm(self, thread_id: int, seconds: float) -> None:
        with self._lock:
            self._deadlines[thread_id] = time.monotonic() + seconds
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="time-budget", daemon=True)
                self._thread.start()

    def disarm(self, thread_id: int) -> bool:
        """Whether the deadline had passed (the exception was raised, or is about to be)."""
        with self._lock:
            return self._deadlines.pop(thread_id, None) is None

    def _watch(self) -> None:
        while True:
            time.sleep(POLL)
            with self._lock:
                now = time.monotonic()
                for thread_id, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[thread_id]
                        _raise_in(thread_id, OverBudget)


_WATCHDOG = _Watchdog()


@contextmanager
def within(seconds: float):
    """Run the block in at most `seconds`, or raise OverBudget from it."""
    thread_id = threading.get_ident()
    _WATCHDOG.arm(thread_id, seconds)
    passed = False
    try:
        yield
    finally:
        passed = _WATCHDOG.disarm(thread_id)
        if passed:
            _raise_in(thread_id, None)  # not raised yet: it would surface after the block
    if passed:
        raise OverBudget
