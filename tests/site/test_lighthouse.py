"""Lighthouse (mobile, the judged configuration) on home, a case, a theme and browse, served gzipped as GitHub Pages
serves them. Accessibility, best practices and SEO must score 95 or more, and nothing may shift as the page loads;
the performance score is a timing on this shared machine, so it is measured (bench) but not asserted here."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from .conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = ["", "cases/sanxia-tianjian-xueyuan/", "themes/chanjiao-ronghe/", "browse/"]
CATEGORIES = ("accessibility", "best-practices", "seo")
TEXT_TYPES = ("text/", "javascript", "json", "svg", "xml")


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """http.server, with text compressed when the browser accepts gzip."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not any(t in kind for t in TEXT_TYPES):
            return super().do_GET()
        data = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def gzipped_site(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzipped, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("url", PAGES)
def test_lighthouse_mobile(gzipped_site, tmp_path, url):
    if not LIGHTHOUSE.is_file():
        pytest.skip("node_modules/lighthouse is missing: run npm install (bash .ci/install)")
    report = tmp_path / "report.json"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS, f"--user-data-dir={tmp_path / 'profile'}"])
    done = subprocess.run(
        ["node", str(LIGHTHOUSE), gzipped_site + url, "--quiet", "--output=json", f"--output-path={report}",
         f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: result["categories"][name]["score"] for name in CATEGORIES}
    failing = {ref["id"] for name in CATEGORIES for ref in result["categories"][name]["auditRefs"]
               if ref["weight"] and (result["audits"][ref["id"]]["score"] or 0) < 1}  # fmt: skip
    assert all(score >= 0.95 for score in scores.values()), (scores, failing)
    assert result["audits"]["cumulative-layout-shift"]["numericValue"] < 0.1
    requests = result["audits"]["network-requests"]["details"]["items"]
    assert requests and all(item["url"].startswith(gzipped_site) for item in requests)  # nothing from elsewhere
