"""Writing outputs atomically: a folder or a file appears whole or not at all, and never over the project.

A folder is filled beside its target (`site.tmp-<pid>`) and swapped in only when the
work succeeded; a file is written beside its target and renamed over it (or, for a file
that must not replace another, linked into place). What a
killed run left behind is removed by the next one. File-system faults become usage
errors (exit 2) that name the path, in the user's language.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Callable

from .errors import UsageError
from .messages import os_reason

PROJECT = Path(__file__).resolve().parents[1]


def _guard(out: Path, root: Path, marker: str) -> None:
    out, root = out.resolve(), root.resolve()
    protected = {root, PROJECT, root / "cases", PROJECT / "docs", PROJECT / "templates", Path.home()}
    if out in protected or out in root.parents or out == Path(out.anchor):
        raise UsageError("output-protected", path=out)
    if out.exists() and not out.is_dir():
        raise UsageError("output-not-folder", path=out)
    if out.is_dir() and any(out.iterdir()) and not (out / marker).exists():
        raise UsageError("output-foreign", path=out, marker=marker)


def process_alive(pid: int) -> bool:
    """Whether process `pid` still runs (a folder named after it is not a leftover)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(out: Path, kind: str) -> list[Path]:
    """Folders `<out>.<kind>-<pid>` whose run was killed (its process is gone), newest first."""
    found = []
    for stale in out.parent.glob(f"{out.name}.{kind}-*"):
        pid = re.match(r"\d+", stale.name[len(out.name) + len(kind) + 2 :])  # site.tmp-<pid>, site.tmp-<pid>-packs
        if pid and not process_alive(int(pid.group(0))):
            found.append(stale)
    return sorted(found, key=lambda p: p.lstat().st_mtime, reverse=True)


def _remove_leftovers(out: Path) -> None:
    """What killed runs left: temporary folders go; a replaced site goes too, unless the run was killed
    between its two renames, with no site in place: then the previous site is put back first."""
    for stale in _leftovers(out, "tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in _leftovers(out, "old"):
        if not out.exists() and not out.is_symlink():
            stale.rename(out)
            continue
        shutil.rmtree(stale, ignore_errors=True)


def _swap(tmp: Path, out: Path) -> None:
    """Put `tmp` in place of `out`; the old output is removed only after the new one is in place."""
    old = out.with_name(f"{out.name}.old-{os.getpid()}") if out.exists() else None
    if old:
        out.rename(old)
    tmp.rename(out)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def write_folder(out: Path, root: Path, marker: str, fill: Callable[[Path], None]) -> None:
    """Call fill(tmp) on a fresh folder beside `out`; replace `out` with it only if fill returns normally.

    `marker` is a file every earlier output holds: a folder without it is not ours to replace.
    """
    _guard(out, root, marker)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(out)
        tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
    except OSError as exc:
        raise UsageError("output-failed", path=out, reason=os_reason(exc)) from None
    try:
        fill(tmp)
        _swap(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError("output-failed", path=out, reason=os_reason(exc)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def _drop(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:  # a read-only disk refuses even to say the file is not there
        pass


def create_file(target: Path, write: Callable[[Path], object]) -> None:
    """Like write_file, but never over an existing file (FileExistsError): the complete file is linked into
    place, which fails if the name is taken, so a new entry never replaces one nor appears half-written."""
    tmp = _beside(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        raise UsageError("output-failed", path=target, reason=os_reason(exc)) from None
    finally:
        _drop(tmp)


def write_file(target: Path, write: Callable[[Path], object]):
    """Call write(tmp) on a path beside `target`, then rename it over `target`; returns what write returned.

    A failed or interrupted write leaves the previous file as it was.
    """
    tmp = _beside(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        result = write(tmp)
        os.replace(tmp, target)
        return result
    except OSError as exc:
        raise UsageError("output-failed", path=target, reason=os_reason(exc)) from None
    finally:
        _drop(tmp)
