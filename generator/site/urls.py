"""Where every page lives: directory URLs (`cases/<id>/`), their source paths and relative links."""

from __future__ import annotations

import posixpath


def entry_url(entry) -> str:
    return f"{entry.kind.url}/{entry.id}/"


def type_url(entry_type) -> str:
    return f"{entry_type.url}/"


def facet_url(facet, slug: str | None = None) -> str:
    """A facet's index page (districts/), or the page of one of its values (districts/wanzhou/)."""
    return f"{facet.pages}/{slug}/" if slug else f"{facet.pages}/"


def theme_url(theme) -> str:
    return f"themes/{theme.id}/"


def subtheme_url(sub) -> str:
    return f"themes/{sub.theme_id}/{sub.id}/"


def source_path(url: str) -> str:
    """The Markdown file behind a directory URL: `cases/x/` -> `cases/x/index.md`, `` -> `index.md`."""
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative (directory URLs end in `/`)."""
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    if "." in here or ".." in here or "." in there or ".." in there:
        base = "/" + posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "/"
        target = posixpath.relpath("/" + to_url, base)
    else:  # the common case, without posixpath.relpath's normalizing (called for every link of every page)
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        target = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        target = "./" if target == "." else target + "/"
    return target
