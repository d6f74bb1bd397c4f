"""Entry bodies for the site: rendered by generator.render, local links and images mapped to site addresses."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import nh3
from markupsafe import Markup

from ..content.safety import IMAGE_FORMATS, local_target, url_scheme
from ..render import ALLOWED_TAGS, ATTRIBUTES, render_body
from .urls import entry_url, relative

ASSET_ROOT = "assets/"  # cases/assets/x.png is published as assets/cases/assets/x.png


def _regular_file(root: Path, target: str) -> Path | None:
    """The file at project-relative `target` if it is a regular file reached through no symlink."""
    current = root
    for part in target.split("/"):
        current = current / part
        try:
            info = os.lstat(current)
        except OSError:
            return None
        if stat.S_ISLNK(info.st_mode):
            return None
    return current if stat.S_ISREG(info.st_mode) else None


def _drop_remote_images(tag: str, name: str, value: str) -> str | None:
    """Images come from the site itself: a remote or schemed `src` is removed."""
    if tag == "img" and name == "src" and (url_scheme(value) is not None or value.startswith("//")):
        return None
    return value


class BodyRenderer:
    """Renders bodies for one site; collects the assets they use (site path -> source file)."""

    def __init__(self, root: Path, entries_by_path: dict):
        self.root = Path(root)
        self.entries_by_path = entries_by_path  # project-relative .md path -> published entry
        self.assets: dict[str, Path] = {}

    def rewrite(self, entry, page_url: str, url: str) -> str | None:
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
        source = _regular_file(self.root, target)
        if source is None:
            return None
        site_path = ASSET_ROOT + target
        self.assets[site_path] = source
        return relative(page_url, site_path)

    def render(self, entry, page_url: str) -> Markup:
        html = render_body(entry.body, lambda url: self.rewrite(entry, page_url, url))
        html = nh3.clean(
            html,
            tags=ALLOWED_TAGS | {"div", "section"},
            attributes=ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
            attribute_filter=_drop_remote_images,
        )
        return Markup(html)  # sanitized by nh3 above and in render_body
