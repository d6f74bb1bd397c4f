"""What one making of the site as data keeps for the next making of the same site: `serve` holds one
across edits, so a page or an entry body made from the same inputs as last time is not made again.

A page is kept with the inputs of its template (title, template, description and context, compared
with ==: entries are immutable, and the values a page is made from are not changed after it is made);
a body with the links and images it looked up, which are looked up again before it is reused.
"""

from __future__ import annotations

from typing import Callable


class Kept:
    def __init__(self) -> None:
        self.pages: dict[str, tuple] = {}  # page URL -> (inputs, Markdown)
        self.bodies: dict[str, object] = {}  # entry path -> its rendered body (bodies.RenderedBody)

    def page(self, url: str, inputs: tuple, make: Callable[[], str]) -> str:
        """The page at `url`: the one made last time if its inputs are equal, else make()'s."""
        old = self.pages.get(url)
        if old is not None and old[0] == inputs:
            return old[1]
        text = make()
        self.pages[url] = (inputs, text)
        return text

    def forget(self, url: str, path: str | None = None) -> None:
        """A page that is gone (and the body of the entry file at `path`)."""
        self.pages.pop(url, None)
        if path is not None:
            self.bodies.pop(path, None)
