"""Parts of Material's page template that are the same on every entry page of one folder.

Material renders the sidebar (navigation and table of contents) and its
configuration script for every page. Generated pages outside the navigation
have no table of contents and no previous/next links, so these parts depend
only on the folder the page sits in (links are relative: cases/a/ and cases/b/
link the same way) and on what the page hides (`hide:` in its meta): they are
rendered once per such key and reused
(overrides/main.html). A test builds the site with and without the reuse and
compares every page byte for byte.
"""

from __future__ import annotations


class SharedParts:
    def __init__(self) -> None:
        self._html: dict[tuple[str, tuple], str] = {}
        self._in_nav: set[str] = set()

    def reset(self, nav_sources: set[str]) -> None:
        """A new build: forget what was rendered, remember which pages the navigation lists."""
        self._html.clear()
        self._in_nav = nav_sources

    def key(self, page, generated: set[str]) -> tuple | None:
        """(parent folder, hidden parts) of a generated page outside the navigation and without a table of contents."""
        source = page.file.src_uri
        if source not in generated or source in self._in_nav or list(page.toc):
            return None
        return page.url.rstrip("/").rpartition("/")[0], tuple(page.meta.get("hide") or ())

    def reuse(self, block: str, key: tuple | None, render) -> str:
        """The template's `block` for a page of this depth: rendered by `render` (the block's super) only once."""
        if key is None:
            return render()
        if (block, key) not in self._html:
            self._html[block, key] = render()
        return self._html[block, key]
