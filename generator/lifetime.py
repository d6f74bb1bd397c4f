"""Child processes that end with the command that started them, even when it is killed (Linux).

A build killed half-way must leave no child (a printing process, Pagefind) writing on into a
folder that the next build has already cleaned up.
"""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _prctl():
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: children may outlive a killed build
        return None


def die_with(parent: int) -> None:
    """In a child process: end when `parent` ends, even by SIGKILL."""
    prctl = _prctl()
    if prctl is None:
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent was gone before the line above
        os._exit(1)


def ending_with_this_process():
    """A `preexec_fn` for subprocess: the program started ends when this process ends (None where
    that cannot be had). The C function is looked up here, so the forked child only makes that call."""
    prctl, parent = _prctl(), os.getpid()
    if prctl is None:
        return None

    def in_the_child() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:
            os._exit(1)

    return in_the_child
