"""Entry bodies for the site: rendered by generator.render, local links and images mapped to site addresses."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..content.safety import IMAGE_FORMATS, file_state, local_target
from ..render import render_body
from .urls import entry_url, relative

ASSET_ROOT = "assets/"  # cases/assets/x.png is published as assets/cases/assets/x.png


class BodyRenderer:
    """Renders bodies for one site; the images they use are collected by the caller (site path -> source file)."""

    def __init__(self, root: Path, entries_by_path: dict):
        self.root = Path(root)
        self.entries_by_path = entries_by_path  # project-relative .md path -> published entry

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
        html = render_body(entry.body, lambda url: self.rewrite(entry, page_url, url, assets), source=entry.path)
        return Markup(html)  # sanitized by render_body
