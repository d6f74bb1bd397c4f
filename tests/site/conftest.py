"""One content tree and one built site per test session: the real cases/ plus the synthetic 「示例」 entries."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = ROOT / "tests" / "fixtures" / "site"
EPOCH = "1700000000"  # 2023-11-14, fixed so two builds can be compared byte for byte
# The session's site is built as the deploy workflow builds it: --strict, with a public address and a repository
# (test values: a .test host, and an unused repository name), and with the footer's settings filled in.
ADDRESS = "https://zjxn.test/zhijiao-xingnong/"
SETTINGS_ENV = {"ZJXN_REPO_URL": "https://github.com/zjxn-test/zhijiao-xingnong", "ZJXN_EDIT_URI": "edit/main/",
                "ZJXN_OWNER": "示例主办单位（测试）", "ZJXN_CONTACT": "contact@zjxn.test", "ZJXN_ICP": "渝ICP备00000000号-1"}


def make_content(target: Path) -> Path:
    """The real cases/ with the synthetic fixture entries (a draft, years, an image) laid over it."""
    shutil.copytree(ROOT / "cases", target / "cases")
    shutil.copytree(OVERLAY / "cases", target / "cases", dirs_exist_ok=True)
    return target


def run_generator(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def fresh_content(tmp_path) -> Path:
    """A content tree of its own, for tests that change it."""
    return make_content(tmp_path)


@pytest.fixture(scope="session")
def run():
    """Run `python -m generator ...` from the project root with a fixed SOURCE_DATE_EPOCH."""
    return run_generator


@pytest.fixture(scope="session")
def content_root(tmp_path_factory) -> Path:
    return make_content(tmp_path_factory.mktemp("content"))


@pytest.fixture(scope="session")
def library(content_root):
    """The session's content tree, loaded."""
    from generator.content.library import load_library

    result = load_library(content_root)
    assert result.ok, [p.message() for p in result.problems]
    return result.library


def build_published(content: Path, out: Path, *more: str) -> subprocess.CompletedProcess:
    """`build` as the deploy workflow runs it."""
    return run_generator("build", "--root", str(content), "--out", str(out), "--strict", "--site-url", ADDRESS, *more,
                         env=SETTINGS_ENV)


@pytest.fixture(scope="session")
def built_site(content_root) -> Path:
    out = content_root / "site"
    done = build_published(content_root, out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def preview_site(content_root) -> Path:
    """The same content built without a public address or repository (a preview): no packs."""
    out = content_root / "preview"
    done = run_generator("build", "--root", str(content_root), "--out", str(out), "--no-packs", env={"ZJXN_SITE_URL": ""})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "没有设置站点的公开网址" in done.stderr
    return out


@pytest.fixture(scope="session")
def publish():
    """`publish(content, out, *more)`: a build as the deploy workflow makes it."""
    return build_published


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path, handler=Quiet):
    """A folder served on 127.0.0.1 by http.server (or a `handler` of its own) in a thread; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def serve():
    """`with serve(folder) as url:` serves another built site."""
    return serving


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1."""
    with serving(built_site) as url:
        yield url


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium (/usr/bin/chromium) is not installed: run bash .ci/install")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records console errors and every request that leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console_errors, tab.outside_requests = [], []
    tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    tab.on("request", lambda r: None if r.url.startswith(site_url) else tab.outside_requests.append(r.url))
    yield tab
    context.close()
