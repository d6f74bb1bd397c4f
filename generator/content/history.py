"""When each entry was published and last updated: its `updated` field, else its file's Git history.

One `git log` over cases/ gives every file's first and last commit (a call per file
would take minutes at 10,000 entries). A file Git does not know (no repository, not yet
committed) takes the build date, SOURCE_DATE_EPOCH, so two builds of the same tree
give the same dates. Dates are days in China Standard Time, the readers' calendar.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

CHINA = timezone(timedelta(hours=8), "CST")
GIT_TIMEOUT = 120
STAMP = "\x1e"  # starts each commit's line in the log: a byte no file name holds


@dataclass(frozen=True)
class EntryDates:
    published: str  # YYYY-MM-DD: the file's first commit (or `updated`, if earlier)
    updated: str  # YYYY-MM-DD: the `updated` field, else the file's last commit


def day(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, CHINA).strftime("%Y-%m-%d")


def commit_times(root: Path, folder: str = "cases") -> dict[str, tuple[int, int]]:
    """Project-relative path -> (first, last) commit time of every file Git has seen under `folder`; {} without Git."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), "log", "--no-renames", "--relative",
               f"--format={STAMP}%ct", "--name-only", "--", folder]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    times: dict[str, tuple[int, int]] = {}
    stamp = 0
    for line in done.stdout.split("\n"):  # newest commit first (not splitlines: it splits at STAMP too)
        if line.startswith(STAMP):
            stamp = int(line[1:]) if line[1:].isdigit() else stamp
        elif line:
            first, last = times.get(line, (stamp, stamp))
            times[line] = (min(first, stamp), max(last, stamp))
    return times


def entry_dates(root: Path, entries, build_epoch: int) -> dict[str, EntryDates]:
    """Entry path -> its dates, for every entry given."""
    times = commit_times(root)
    found = {}
    for entry in entries:
        first, last = times.get(entry.path, (build_epoch, build_epoch))
        updated = entry.updated or day(last)
        found[entry.path] = EntryDates(published=min(day(first), updated), updated=updated)
    return found


def newest_first(entries, dates: dict[str, EntryDates]) -> list:
    """Entries by their last update, then publication, newest first; ties in the order given."""
    return sorted(entries, key=lambda e: (dates[e.path].updated, dates[e.path].published), reverse=True)
