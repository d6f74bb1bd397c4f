"""Entry bodies for the site: rendered by generator.render, local links and images mapped to site addresses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..content.safety import IMAGE_FORMATS, file_state, local_target
from ..render import render_body
from .urls import entry_url, relative

ASSET_ROOT = "assets/"  # cases/assets/x.png is published as assets/cases/assets/x.png


@dataclass(frozen=True)
class RenderedBody:
    """A body as rendered for one page, with what each of its local links and images became."""

    body: str
    page_url: str
    html: Markup
    links: dict  # URL as written -> what it became (None: left as text)
    assets: dict  # site path -> source file


class BodyRenderer:
    """Renders bodies for one site; the images they use are collected by the caller (site path -> source file).

    With `kept` (entry path -> RenderedBody, carried from the last rendering of the same site),
    a body whose text, page and links are unchanged is not rendered again.
    """

    def __init__(self, root: Path, entries_by_path: dict, kept: dict | None = None):
        self.root = Path(root)
        self.entries_by_path = entries_by_path  # project-relative .md path -> published entry
        self.kept = kept

    def rewrite(self, entry, page_url: str, url: str, assets: dict) -> str | None:
        path, _, fragment = url.partition("#")
        target = local_target(entry.path, path.split("?", 1)[0])
        if target is None:
            return None
        if target.endswith(".md"):
            other = self.entries_by_path.get(target)
            if other is None:
                return None
            return relative(page_url, entry_url(other)) + (f"#{fragment}" if fragment else "")
        if not target.lower().endswith(IMAGE_FORMATS):
            return None
        state, _ = file_state(self.root, target)
        if state != "ok":  # missing, or reached through a symlink
            return None
        source = self.root / target
        site_path = ASSET_ROOT + target
        assets[site_path] = source
        return relative(page_url, site_path)

    def render(self, entry, page_url: str, assets: dict) -> Markup:
        """The body as site HTML; the images it uses go into `assets` (site path -> source file)."""
        if self.kept is None:
            return Markup(render_body(entry.body, lambda url: self.rewrite(entry, page_url, url, assets), source=entry.path))
        old = self.kept.get(entry.path)
        if old is not None and old.body == entry.body and old.page_url == page_url and self._same_links(entry, old):
            assets.update(old.assets)
            return old.html
        links, found = {}, {}

        def rewrite(url: str) -> str | None:
            links[url] = self.rewrite(entry, page_url, url, found)
            return links[url]

        html = Markup(render_body(entry.body, rewrite, source=entry.path))  # sanitized by render_body
        self.kept[entry.path] = RenderedBody(entry.body, page_url, html, links, found)
        assets.update(found)
        return html

    def _same_links(self, entry, old: RenderedBody) -> bool:
        """Every local link and image of a kept body still becomes what it became then."""
        return all(self.rewrite(entry, old.page_url, url, {}) == result for url, result in old.links.items())
