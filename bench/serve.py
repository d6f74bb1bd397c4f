"""Benchmark of the preview: `python -m generator serve` against plain `mkdocs serve` of the same entries.

Measured from outside, as a contributor sees it: the seconds from starting the command until
the home page answers (`serve_start_s`), and from writing a file until the page it changes
shows the change (`edit_to_preview_s`, the median of edits of different kinds on different
entries: body, title, district, themes, models, a new entry, a renamed one). The page is asked
for every 20 ms. Before our edits the preview has written every page and its search index;
between edits it is let finish its work (the exports wait for a one-second pause by design),
as plain MkDocs finishes its rebuild before it answers. Plain MkDocs gets as many edits, of the
kinds its plain pages have (bodies, titles, a new page, a renamed one).
"""

from __future__ import annotations

import json
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

PYTHON = sys.executable
POLL = 0.02
HOME = "/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def until(check, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(POLL)
    raise SystemExit(f"超时（{timeout:.0f} 秒）：{what}")


class Server:
    def __init__(self, command: list[str], cwd: Path, env: dict, log: Path, base: str = ""):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{base}"  # mkdocs serve serves under site_url's path
        self.log = log.open("w", encoding="utf-8")
        self.started = time.perf_counter()
        self.process = subprocess.Popen([*command, f"127.0.0.1:{self.port}"], cwd=cwd, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)  # fmt: skip
        until(lambda: self.process.poll() is not None or get(self.url + HOME)[0] == 200, 3600, "the home page")
        if self.process.poll() is not None:
            raise SystemExit(f"服务没有启动：{' '.join(command)}（见 {log}）")
        self.start_s = time.perf_counter() - self.started

    def page(self, path: str) -> str:
        return get(self.url + path)[1]

    def show(self, path: str, text: str, timeout: float) -> float:
        """Seconds from now until the page at `path` shows `text`."""
        start = time.perf_counter()
        until(lambda: text in self.page(path), timeout, f"{text} on {path}")
        return time.perf_counter() - start

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def _front(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def _write(path: Path, front: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")


def our_edits(tree: Path, server: Server, timeout: float) -> list[tuple[str, float]]:
    """One edit of each kind, each on another case; (kind, seconds until its page showed it)."""
    cases = sorted((tree / "cases/showcases").glob("synthetic-case-*.md"))
    picks = iter(cases[len(cases) // 7 :: max(1, len(cases) // 9)])
    themes = [t["name"] for t in yaml.safe_load((tree / "cases/themes.yml").read_text(encoding="utf-8"))["themes"]]
    districts = [d["name"] for d in yaml.safe_load((tree / "cases/districts.yml").read_text(encoding="utf-8"))["districts"]]
    models = sorted((tree / "cases/models").glob("*.md"))
    timings = []

    def timed(kind: str, path: Path, url: str, text: str, write) -> None:
        page = server.page(url)
        assert text not in page, (kind, text)
        start = time.perf_counter()
        write()
        server.show(url, text, timeout)
        timings.append((kind, time.perf_counter() - start))
        until(lambda: json.loads(get(server.url + "/.zjxn/status")[1] or "{}").get("idle"), timeout, "the preview idle")

    def url_of(path: Path) -> str:
        return f"/cases/{path.stem}/"

    path = next(picks)
    front, body = _front(path)
    timed("body", path, url_of(path), "基准测试新写的一段话。", lambda: _write(path, front, body + "\n基准测试新写的一段话。\n"))
    path = next(picks)
    front, body = _front(path)
    timed("title", path, url_of(path), "【合成】基准测试改过的标题", lambda: _write(path, {**front, "title": "【合成】基准测试改过的标题"}, body))
    path = next(picks)
    front, body = _front(path)
    page = server.page(url_of(path))
    district = next(d for d in districts if d not in page)
    timed("district", path, url_of(path), district, lambda: _write(path, {**front, "district": district}, body))
    path = next(picks)
    front, body = _front(path)
    page = server.page(url_of(path))
    theme = next(t for t in themes if t not in page)
    timed("themes", path, url_of(path), theme, lambda: _write(path, {**front, "themes": [theme]}, body))
    path = next(picks)
    front, body = _front(path)
    page = server.page(url_of(path))
    model = next(m for m in models if _front(m)[0]["title"] not in page)
    timed("models", path, url_of(path), _front(model)[0]["title"],
          lambda: _write(path, {**front, "models": [*front.get("models", []), model.stem]}, body))  # fmt: skip
    path = next(picks)
    front, body = _front(path)
    new = path.with_name("synthetic-case-new.md")
    timed("new entry", new, url_of(new), "【合成】基准测试新建的案例", lambda: _write(new, {**front, "title": "【合成】基准测试新建的案例"}, body))
    path = next(picks)
    title = _front(path)[0]["title"]
    renamed = path.with_name("synthetic-case-renamed.md")
    timed("rename", renamed, url_of(renamed), title, lambda: path.rename(renamed))
    return timings


def plain_edits(project: Path, server: Server, timeout: float) -> list[tuple[str, float]]:
    """As many edits of plain MkDocs pages: bodies, titles, a new page, a renamed one."""
    pages = sorted((project / "docs/showcases").glob("*.md"))
    picks = iter(pages[len(pages) // 7 :: max(1, len(pages) // 9)])
    timings = []

    def timed(kind: str, url: str, text: str, write) -> None:
        time.sleep(0.5)  # mkdocs serve answers once its rebuild is done; a pause as between our edits
        start = time.perf_counter()
        write()
        server.show(url, text, timeout)
        timings.append((kind, time.perf_counter() - start))

    def url_of(path: Path) -> str:
        return f"/showcases/{path.stem}/"

    for number, kind in enumerate(("body", "title", "body", "body", "title")):
        path = next(picks)
        text = path.read_text(encoding="utf-8")
        marker = f"基准测试改动{number}"
        changed = text + f"\n{marker}。\n" if kind == "body" else re.sub(r"^# .*$", f"# {marker}", text, count=1, flags=re.M)
        timed(kind, url_of(path), marker, lambda: path.write_text(changed, encoding="utf-8"))
    path = next(picks)
    new = path.with_name("synthetic-case-new.md")
    timed("new entry", url_of(new), "基准测试新建的页面", lambda: new.write_text("# 基准测试新建的页面\n\n正文。\n", encoding="utf-8"))
    path = next(picks)
    title = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    renamed = path.with_name("synthetic-case-renamed.md")
    timed("rename", url_of(renamed), title, lambda: path.rename(renamed))
    return timings


def measure(tree: Path, plain_project: Path, work: Path, env: dict, root: Path) -> dict:
    """serve_start_s, edit_to_preview_s and the same for plain `mkdocs serve`, in this order, in one run."""
    timeout = 1800.0
    figures: dict = {}
    ours = Server([PYTHON, "-m", "generator", "serve", "--root", str(tree), "--addr"], root, env, work / "serve.log")
    try:
        figures["serve_start_s"] = ours.start_s
        status = lambda: json.loads(get(ours.url + "/.zjxn/status")[1] or "{}")  # noqa: E731
        until(lambda: status().get("idle"), timeout, "every page written")
        figures["serve_complete_s"] = time.perf_counter() - ours.started
        until(lambda: status().get("search") in ("fresh", "off", "failed"), timeout, "the search index")
        figures["serve_search_s"] = time.perf_counter() - ours.started
        edits = our_edits(tree, ours, timeout)
    finally:
        ours.stop()
    figures["edit_to_preview_s"] = statistics.median(seconds for _, seconds in edits)
    figures["edits"] = [[kind, round(seconds, 3)] for kind, seconds in edits]
    base = urllib.parse.urlsplit(yaml.safe_load((plain_project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
    plain = Server([PYTHON, "-m", "mkdocs", "serve", "-a"], plain_project, env, work / "plain-serve.log", base.rstrip("/"))
    try:
        figures["plain_serve_start_s"] = plain.start_s
        edits = plain_edits(plain_project, plain, timeout)
    finally:
        plain.stop()
    figures["plain_edit_to_preview_s"] = statistics.median(seconds for _, seconds in edits)
    figures["plain_edits"] = [[kind, round(seconds, 3)] for kind, seconds in edits]
    figures["edit_ratio"] = figures["edit_to_preview_s"] / figures["plain_edit_to_preview_s"]
    figures["start_ratio"] = figures["serve_start_s"] / figures["plain_serve_start_s"]
    return figures


BUDGETS = [
    ("edit_to_preview_s", lambda f: f["edit_to_preview_s"] <= 1.0 or f["cases"] > 1000, "≤ 1 s at 1,000"),
    ("edit_to_preview_s", lambda f: f["edit_ratio"] <= 0.05, "≤ 0.05 × plain mkdocs serve"),
    ("edit_to_preview_s", lambda f: f["edit_to_preview_s"] <= 2.0 or f["cases"] < 10000, "≤ 2 s at 10,000"),
    ("serve_start_s", lambda f: f["start_ratio"] <= 0.5, "≤ 0.5 × plain mkdocs serve"),
]


def table(figures: dict) -> list[str]:
    rows = [f"{name:28} {figures[name]:>14,.2f}" for name in ("serve_start_s", "serve_complete_s", "serve_search_s",
            "edit_to_preview_s", "plain_serve_start_s", "plain_edit_to_preview_s", "start_ratio", "edit_ratio")]  # fmt: skip
    rows.append(f"{'edits (s)':28} {json.dumps(figures['edits'], ensure_ascii=False)}")
    rows.append(f"{'plain edits (s)':28} {json.dumps(figures['plain_edits'], ensure_ascii=False)}")
    rows += [f"{'met   ' if ok(figures) else 'MISSED'} {name:26} {text}" for name, ok, text in BUDGETS]
    return rows

