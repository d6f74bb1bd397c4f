"""What the preview refreshes in the background once the pages are written: the search index, and the
PDF packs when asked for. Each runs while the preview goes on, and is swapped into the site whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

from ..errors import GeneratorError
from ..lifetime import ending_with_this_process
from ..site.pagefind.index import BUNDLE, UNUSED, pagefind_command

NICE = 10  # the background work takes what the preview leaves


def _lower_priority_and_end_with_us():
    end_with_us = ending_with_this_process()

    def start() -> None:
        os.nice(NICE)
        if end_with_us is not None:
            end_with_us()

    return start


class SearchIndex:
    """Pagefind over the preview's folder, into a folder of its own, swapped in for pagefind/ when it ends."""

    def __init__(self, enabled: bool):
        self.state = "none" if enabled else "off"  # none | building | stale | fresh | failed | off
        self.reason = ""
        self.process: subprocess.Popen | None = None
        self.folder: Path | None = None
        self.started_at = 0.0
        self.seconds = 0.0
        self.outdated = False  # the pages changed while Pagefind was reading them

    @property
    def enabled(self) -> bool:
        return self.state != "off"

    def start(self, folder: Path) -> None:
        self.folder = folder
        shutil.rmtree(folder / (BUNDLE + ".new"), ignore_errors=True)
        command, env = pagefind_command(folder, BUNDLE + ".new")
        try:
            self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                            preexec_fn=_lower_priority_and_end_with_us())  # fmt: skip
        except OSError as exc:
            self.state, self.reason = "failed", str(exc)
            return
        self.state, self.started_at, self.outdated = "building", time.monotonic(), False

    def finished(self) -> bool | None:
        """None while Pagefind runs (or none runs); True when it ended well and its bundle is in place."""
        if self.process is None or self.process.poll() is None:
            return None
        process, self.process = self.process, None
        if process.returncode != 0:
            self.state, self.reason = "failed", (process.stderr.read().decode("utf-8", "replace").strip()[-300:])
            return False
        new, old = self.folder / (BUNDLE + ".new"), self.folder / BUNDLE
        for name in UNUSED:
            (new / name).unlink(missing_ok=True)
        if old.exists():
            old.rename(self.folder / (BUNDLE + ".old"))
        new.rename(old)
        shutil.rmtree(self.folder / (BUNDLE + ".old"), ignore_errors=True)
        self.state, self.seconds = ("stale" if self.outdated else "fresh"), time.monotonic() - self.started_at
        return True

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
            if self.state == "building":
                self.state = "stale"

    def changed(self) -> None:
        """The pages changed: the index is out of date."""
        if self.state == "building":
            self.outdated = True
        elif self.state == "fresh":
            self.state = "stale"


class Packs:
    """The site's PDF packs, printed in a thread of their own (their printing processes at low priority)."""

    def __init__(self, enabled: bool):
        self.state = "stale" if enabled else "off"  # stale | printing | fresh | failed | off
        self.reason = ""
        self.thread: threading.Thread | None = None
        self.outcome: tuple | None = None

    def start(self, plans: list, library, site_url: str, folder: Path) -> None:
        from ..packs.plan import PACKS_DIR, print_site_packs

        work = folder.with_name(folder.name + "-packs")

        def run() -> None:
            try:
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir()
                print_site_packs(plans, library, site_url, work, previous=folder)
                self.outcome = (True, work / PACKS_DIR, folder / PACKS_DIR)
            except GeneratorError as exc:
                self.outcome = (False, exc.message(), None)
            except Exception as exc:  # noqa: BLE001 - the preview goes on; the reason is shown
                self.outcome = (False, str(exc), None)

        self.state, self.outcome = "printing", None
        self.thread = threading.Thread(target=run, name="zjxn-packs", daemon=True)
        self.thread.start()

    def finished(self) -> bool | None:
        if self.thread is None or self.thread.is_alive():
            return None
        self.thread = None
        ok, made, target = self.outcome
        if not ok:
            self.state, self.reason = "failed", made
            return False
        shutil.rmtree(target, ignore_errors=True)
        made.rename(target)
        shutil.rmtree(made.parent, ignore_errors=True)
        self.state = "fresh"
        return True
