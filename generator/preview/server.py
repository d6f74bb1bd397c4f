"""The preview's web server: the site's folder as it is being written, with what only a preview shows.

Pages are served as written, plus three things added as they are sent (never written
into the folder, which stays what `build` would make): the problems of the page's file
at the top of its content, the preview's stylesheet, and its bar with the script that
reloads the page when `serve` wrote it again (`/.zjxn/changes` answers when something
changed, or after a while). A page not yet made is made before it is sent.
"""

from __future__ import annotations

import json
import posixpath
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from .templates import preview_file, preview_template

PREFIX = "/.zjxn/"
STATIC = {"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
CONTENT_START = '<article class="md-content__inner md-typeset">'


class State(Protocol):
    """What the server asks the preview (serve.Preview)."""

    folder: Path

    def is_due(self, site_path: str) -> bool: ...
    def make_now(self, site_path: str) -> None: ...
    def panel(self, page: str) -> dict: ...
    def bar(self, site_path: str) -> dict: ...
    def changes(self, since: str, site_path: str) -> dict: ...
    def reindex(self) -> None: ...
    def status(self) -> dict: ...


def site_path_of(url_path: str) -> str:
    """/cases/x/ -> cases/x/index.html; /feed.xml -> feed.xml."""
    path = posixpath.normpath(unquote(url_path)).lstrip("/")
    if path in (".", ""):
        return "index.html"
    return path + "/index.html" if url_path.endswith("/") else path


def page_of(site_path: str) -> str | None:
    """The source path of the page written at `site_path` (cases/x/index.html -> cases/x/index.md)."""
    return site_path[: -len(".html")] + ".md" if site_path.endswith("index.html") else None


class Handler(SimpleHTTPRequestHandler):
    server: "PreviewServer"

    def log_message(self, *args) -> None:  # the preview's own messages are enough
        pass

    def translate_path(self, path: str) -> str:
        return str(self.server.state.folder / site_path_of(urlsplit(path).path))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows what was written last
        super().end_headers()

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_POST(self) -> None:
        if urlsplit(self.path).path == PREFIX + "reindex":
            self.server.state.reindex()
            self._send(HTTPStatus.ACCEPTED, b"", "text/plain")
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _answer(self, head: bool) -> None:
        url = urlsplit(self.path)
        state = self.server.state
        if url.path.startswith(PREFIX):
            return self._preview(url, head)
        site_path = site_path_of(url.path)
        folder_page = site_path + "/index.html"
        if not url.path.endswith("/") and ((state.folder / site_path).is_dir() or state.is_due(folder_page)):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if state.is_due(site_path):
            state.make_now(site_path)
        if not site_path.endswith(".html"):
            return super().do_HEAD() if head else super().do_GET()
        bar = state.bar(site_path)  # read before the page is: a page written after that reloads
        status, html = HTTPStatus.OK, self._read(site_path)
        if html is None:
            status, html = HTTPStatus.NOT_FOUND, self._read("404.html") or ""
        html = self._dress(html, bar, page_of(site_path))
        self._send(status, b"" if head else html.encode("utf-8"), "text/html; charset=utf-8")

    def _read(self, site_path: str) -> str | None:
        try:
            return (self.server.state.folder / site_path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def _dress(self, html: str, bar: dict, page: str | None) -> str:
        """The page with the preview's stylesheet, the problems of its file, and the bar."""
        state = self.server.state
        style = f'<link rel="stylesheet" href="{PREFIX}preview.css">'
        panel = preview_template("panel.html.j2").render(**state.panel(page or ""))
        html = html.replace("</head>", style + "</head>", 1)
        if panel.strip():
            html = html.replace(CONTENT_START, CONTENT_START + panel, 1)
        return html.replace("</body>", preview_template("bar.html.j2").render(**bar) + "</body>", 1)

    def _preview(self, url, head: bool) -> None:
        name = url.path[len(PREFIX):]
        state = self.server.state
        if name in STATIC:
            return self._send(HTTPStatus.OK, b"" if head else preview_file(name), STATIC[name])
        if name == "changes":
            query = parse_qs(url.query)
            answer = state.changes(query.get("since", [""])[0], query.get("page", [""])[0])
            return self._send(HTTPStatus.OK, json.dumps(answer, ensure_ascii=False).encode("utf-8"),
                              "application/json; charset=utf-8")  # fmt: skip
        if name == "status":
            return self._send(HTTPStatus.OK, json.dumps(state.status()).encode("utf-8"), "application/json")
        self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, status, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: State):
        self.state = state
        super().__init__(address, Handler)

    def handle_error(self, request, client_address) -> None:
        """A browser that went away mid-answer (a page left while it waited for changes) is not a fault."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)
