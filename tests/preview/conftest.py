"""A running `python -m generator serve` over a small project, for the tests that talk to it as a browser does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .tree import Tree, make_project

ROOT = Path(__file__).resolve().parents[2]
EPOCH = "1700000000"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, data: bytes | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(check, what: str, timeout: float = 60.0):
    """Poll `check` until it returns something true; fail naming `what` after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"not seen within {timeout:.0f} s: {what}")


class Served:
    def __init__(self, tree: Tree, process: subprocess.Popen, url: str, log: Path):
        self.tree, self.process, self.url, self.log = tree, process, url, log

    def get(self, path: str) -> tuple[int, str]:
        return fetch(self.url + path.lstrip("/"))

    def page_with(self, path: str, text: str, timeout: float = 60.0) -> str:
        return wait_for(lambda: (lambda got: got[1] if got[0] == 200 and text in got[1] else None)(self.get(path)),
                        f"{text!r} on {path}", timeout)  # fmt: skip

    def page_without(self, path: str, text: str) -> str:
        return wait_for(lambda: (lambda got: got[1] if got[0] == 200 and text not in got[1] else None)(self.get(path)),
                        f"{text!r} gone from {path}")  # fmt: skip

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")


@pytest.fixture
def served(tmp_path):
    """`serve` running over a copy of the golden project, with its search index on."""
    root = make_project(tmp_path / "project", search=True)
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--addr", f"127.0.0.1:{port}"],
                                   cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: process.poll() is not None or _answers(url), "the preview answering")
        assert process.poll() is None, log.read_text(encoding="utf-8")
        yield Served(Tree(root), process, url, log)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        return fetch(url)[0] == 200
    except OSError:
        return False
