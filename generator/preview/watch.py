"""Which files changed: watchdog's events (inotify on Linux) on the folders the preview reads, as absolute paths.

An editor's save is several events (a temporary file, a rename, a change of metadata);
they are handed on together, once no new one came for QUIET seconds.
"""

from __future__ import annotations

import os
import queue
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

QUIET = 0.03  # seconds without events that end a batch
LONGEST = 0.3  # a batch is handed on after this long even if events go on


class _Events(FileSystemEventHandler):
    def __init__(self, inbox: queue.Queue, wanted):
        self.inbox, self.wanted = inbox, wanted

    def on_any_event(self, event) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path and self.wanted(path):
                self.inbox.put(("files", os.fsdecode(path)))


class Watcher:
    """Puts ("files", absolute path) into `inbox` for every change under `folders` (recursive) and of `files`."""

    def __init__(self, inbox: queue.Queue, folders: list[Path], files: list[Path]):
        self.folders = [Path(f).resolve() for f in folders if Path(f).is_dir()]
        self.files = {str(Path(f).resolve()) for f in files}
        self.observer = Observer()
        for folder in self.folders:
            self.observer.schedule(_Events(inbox, lambda p: True), str(folder), recursive=True)
        for parent in {str(Path(f).parent) for f in self.files} - {str(f) for f in self.folders}:
            self.observer.schedule(_Events(inbox, lambda p: os.fsdecode(p) in self.files), parent, recursive=False)
        self.observer.daemon = True
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()


def gather(inbox: queue.Queue, first: str) -> tuple[set[str], list]:
    """The paths of one batch of file events starting with `first`; other items that arrived meanwhile are returned."""
    paths, others = {first}, []
    start = last = time.monotonic()
    while time.monotonic() - start < LONGEST:
        try:
            item = inbox.get(timeout=max(0.0, QUIET - (time.monotonic() - last)))
        except queue.Empty:
            break
        if item[0] == "files":
            paths.add(item[1])
            last = time.monotonic()
        else:
            others.append(item)
    return paths, others
