"""`serve`: the content folder previewed at an address, updated as files change.

Threads: the web server's (one per request), watchdog's, the packs' printing (when
asked for), and the preview's own, the only one that reads content and makes pages
(LiveSite). Its loop takes file changes first, then the pages browsers wait for, then
what is due (the listing pages, exports and sitemap once edits paused for LATER seconds);
when every page is written and nothing changed for SETTLE seconds, it refreshes the search
index, then the packs (`--packs`).
"""

from __future__ import annotations

import queue
import secrets
import signal
import sys
import threading
import time
from collections import deque
from pathlib import Path

from jinja2 import TemplateError

from .. import messages
from ..errors import GeneratorError, TemplateFault, UsageError
from ..problems import format_text
from .background import Packs, SearchIndex
from .server import PreviewServer
from .site import LiveSite, Written, html_path, remove_leftovers
from .watch import Watcher, gather

LATER = 1.0  # seconds without edits before the listing pages, exports and sitemap are made again
SETTLE = 5.0  # seconds without edits before the search index (and the packs) are made again
WAIT_FOR_PAGE = 30.0  # the longest a browser waits for a page being made
POLL = 25.0  # the longest /.zjxn/changes holds a request
HISTORY = 200  # writes remembered for browsers asking what changed since
NOTICE = 0.3  # pages written in the background are told to browsers at most this often


class Preview:
    def __init__(self, root: Path, config_path: Path, packs: bool = False, lang: str = "zh", out=None):
        self.lang, self.out = lang, out or sys.stdout
        self.inbox: queue.Queue = queue.Queue()
        self.changed = threading.Condition()
        self.run_id = secrets.token_hex(4)
        self.version = 0
        self.history: deque = deque(maxlen=HISTORY)  # (version, site paths written, or None for all)
        self.failure = ""  # why the last change could not be made into pages
        self.unsaid, self.said_at = Written(), 0.0  # written in the background and not yet told to browsers
        self.stopping = threading.Event()
        started = time.monotonic()
        self.site = LiveSite(root, config_path, packs=packs)
        self.search = SearchIndex(self.site.search_index)
        self.packs = Packs(packs)
        self.quiet_since = time.monotonic()
        self.asked_for_search = False
        self.ready_seconds = time.monotonic() - started
        self.complete_seconds: float | None = None
        self.started = started

    # --- what the server asks (from its threads)

    @property
    def folder(self) -> Path:
        return self.site.folder

    def is_due(self, site_path: str) -> bool:
        return site_path in self.site.waiting

    def make_now(self, site_path: str) -> None:
        done = threading.Event()
        self.inbox.put(("page", site_path, done))
        done.wait(WAIT_FOR_PAGE)

    def panel(self, page: str) -> dict:
        site = self.site
        path = site.file_of(page)
        problems = site.problems.get(path, ()) if path else ()
        others = [{"path": other, "url": site.url_of_file(other)} for other in site.errors if other != path]
        shown_last_good = bool(path) and path in site.library.good
        return {"problems": problems, "path": path, "others": others, "failure": self.failure,
                "shown_last_good": shown_last_good}  # fmt: skip

    def bar(self, site_path: str) -> dict:
        return {"version": f"{self.run_id}:{self.version}", "page": site_path, "search": self.status_text(),
                "can_reindex": self.search.state in ("none", "stale", "failed")}  # fmt: skip

    def changes(self, since: str, site_path: str) -> dict:
        """Wait until something changed after `since` (or a while); say whether `site_path` should reload."""
        run, _, number = since.partition(":")
        deadline = time.monotonic() + POLL
        with self.changed:
            seen = int(number) if number.isdigit() else -1
            while run == self.run_id and self.version == seen and time.monotonic() < deadline and not self.stopping.is_set():
                self.changed.wait(deadline - time.monotonic())
            oldest = self.history[0][0] if self.history else self.version + 1
            reload = run != self.run_id or (seen < oldest - 1 and self.version > seen) or any(
                version > seen and (paths is None or site_path in paths) for version, paths in self.history)
            return {"version": f"{self.run_id}:{self.version}", "reload": reload, "search": self.status_text(),
                    "can_reindex": self.search.state in ("none", "stale", "failed")}  # fmt: skip

    def reindex(self) -> None:
        self.inbox.put(("reindex",))

    def status_text(self) -> str:
        parts = []
        waiting = len(self.site.waiting)
        if waiting:
            parts.append(messages.text("preview-pages-due", count=waiting))
        parts.append(messages.text(f"preview-search-{self.search.state}", reason=self.search.reason))
        if self.packs.state != "off":
            parts.append(messages.text(f"preview-packs-{self.packs.state}", reason=self.packs.reason))
        return "；".join(parts)

    def status(self) -> dict:
        return {"version": self.version, "idle": self.site.idle(), "waiting": len(self.site.waiting),
                "search": self.search.state, "packs": self.packs.state, "failure": self.failure}  # fmt: skip

    # --- the preview's own thread

    def _publish(self, written: Written | None, soon: bool = False) -> None:
        """A new version: browsers showing what was written reload; the others update their bar.
        With `soon` (pages written in the background) it waits up to NOTICE seconds, gathering what is written."""
        if written:
            self.unsaid.add(written)
        if soon and time.monotonic() - self.said_at < NOTICE and not self.site.idle():
            return
        with self.changed:
            self.version += 1
            if self.unsaid:
                self.history.append((self.version, None if self.unsaid.everything else frozenset(self.unsaid.paths)))
            self.unsaid, self.said_at = Written(), time.monotonic()
            self.changed.notify_all()

    def loop(self) -> None:
        while not self.stopping.is_set():
            later = time.monotonic() - self.quiet_since >= LATER
            busy = self.site.busy(later)
            try:
                item = self.inbox.get_nowait() if busy else self.inbox.get(timeout=0.2)
            except queue.Empty:
                item = None
            if item is not None and item[0] == "files":
                paths, others = gather(self.inbox, item[1])
                self._change(paths)
                for other in others:
                    self.inbox.put(other)
            elif item is not None and item[0] == "page":
                self._guarded(lambda: self.site.render_now(item[1]))
                item[2].set()
            elif item is not None and item[0] == "reindex":
                self.asked_for_search = True
            elif busy:
                self._guarded(lambda: self.site.step(later), soon=True)
                if self.site.idle() and self.complete_seconds is None:
                    self.complete_seconds = time.monotonic() - self.started
                    self.say("serve-complete", seconds=self.complete_seconds)
            self._background()

    def _change(self, paths: set[str]) -> None:
        start = time.monotonic()
        touched = self.site.relative(paths)
        written = self._guarded(lambda: self.site.apply(touched))
        self.quiet_since = time.monotonic()
        if written is None:
            return
        self.failure = ""
        self.search.changed()
        if self.packs.state == "fresh":
            self.packs.state = "stale"
        if written.reopened:
            self.search.stop()
            self.say("serve-reopened", seconds=time.monotonic() - start)
        elif written.paths:
            shown = sorted(p.removesuffix("index.html") for p in written.paths if p.endswith("index.html"))
            self.say("serve-updated", pages="、".join(shown[:5]) + (" …" if len(shown) > 5 else ""),
                     seconds=time.monotonic() - start)  # fmt: skip
        self.report(self.site.changed_problems)

    def _guarded(self, work, soon: bool = False):
        """Do `work`; a failure (a broken template or setting, or a fault) is reported and the last pages stay."""
        try:
            written = work()
        except (GeneratorError, TemplateError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            reason = exc.message(self.lang) if isinstance(exc, GeneratorError) else _reason(exc, self.lang)
            self.failure = reason
            self.say("serve-failed", error=True, reason=reason)
            self._publish(Written(everything=True))
            return None
        if written or (soon and self.unsaid):
            self._publish(written, soon)
        return written

    def _background(self) -> None:
        site, search, packs = self.site, self.search, self.packs
        done = search.finished()
        if done is not None:
            self.say("serve-search-done", seconds=search.seconds) if done else self.say("serve-search-failed", reason=search.reason)
            self._publish(None)
        printed = packs.finished()
        if printed is not None:
            self.say("serve-packs-done") if printed else self.say("serve-packs-failed", reason=packs.reason)
            self._publish(Written(everything=True))
        settled = site.idle() and (self.asked_for_search or time.monotonic() - self.quiet_since >= SETTLE)
        if not settled or search.process is not None or packs.thread is not None:
            return
        if search.state in ("none", "stale") or (self.asked_for_search and search.state == "failed"):
            self.asked_for_search = False
            search.start(site.folder)
            self._publish(None)
        elif packs.state == "stale" and site.plans:
            packs.start(site.plans, site.library.library, site.made.options.identity.url, site.folder)
            self._publish(None)

    # --- the console

    def say(self, key: str, error: bool = False, **params) -> None:
        print(messages.text(key, self.lang, **params), file=sys.stderr if error else self.out, flush=True)

    def report(self, paths: set[str] | None = None) -> None:
        """As `check` prints them: the errors of every file (at start, `paths` None), or the problems of the
        files `paths` whose problems changed (and which of them have none left)."""
        problems = self.site.problems
        for path in sorted(problems if paths is None else paths):
            found = [p for p in problems.get(path, ()) if p.is_error or paths is not None]
            if found:
                print(format_text(found, self.lang), file=self.out, flush=True)
            elif paths is not None:
                self.say("serve-fixed", path=path)

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        self.search.stop()
        self.site.close()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _reason(exc: Exception, lang: str = "zh") -> str:
    if isinstance(exc, TemplateError):  # named as build names it: the template and its line
        return TemplateFault.of(exc).message(lang).rstrip("。.")
    where = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    text = str(exc) or type(exc).__name__
    return f"{where}:{line}: {text}" if where and line else (f"{where}: {text}" if where else text)


def serve(root: Path, config_path: Path, addr: str, packs: bool = False, lang: str = "zh") -> None:
    """Preview the content at `root` on `addr` until interrupted."""
    host, _, port = addr.rpartition(":")
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a signal as by Ctrl+C: the preview's folder is removed
    remove_leftovers()
    preview = Preview(root, config_path, packs=packs, lang=lang)
    try:
        server = PreviewServer((host or "127.0.0.1", int(port)), preview)
    except (OSError, ValueError) as exc:
        preview.stop()
        raise UsageError("serve-address", addr=addr, reason=getattr(exc, "strerror", None) or exc) from None
    watcher = Watcher(preview.inbox, *preview.site.watch_list())
    threading.Thread(target=server.serve_forever, name="zjxn-server", daemon=True).start()
    site = preview.site
    preview.say("serve-ready", url=f"http://{addr}/", entries=len(site.index.by_key), seconds=preview.ready_seconds)
    drafts = [f"http://{addr}/{html_path(site.page_of(e)).removesuffix('index.html')}"
              for e in site.index.by_key.values() if not e.published]  # fmt: skip
    if drafts:
        preview.say("serve-drafts", urls="、".join(drafts[:10]) + (" …" if len(drafts) > 10 else ""))
    preview.report()
    try:
        preview.loop()
    finally:
        watcher.stop()
        server.shutdown()
        preview.stop()
