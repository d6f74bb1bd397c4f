"""Where every page lives: directory URLs (`cases/<id>/`), their source paths and relative links."""

from __future__ import annotations

import posixpath

TYPE_FOLDERS = {"case": "cases", "figure": "figures", "model": "models"}
TYPE_LABELS = {"case": "典型案例", "figure": "典型人物", "model": "模式"}


def entry_url(entry) -> str:
    return f"{TYPE_FOLDERS[entry.type]}/{entry.id}/"


def theme_url(theme) -> str:
    return f"themes/{theme.id}/"


def subtheme_url(sub) -> str:
    return f"themes/{sub.theme_id}/{sub.id}/"


def district_url(district) -> str:
    return f"districts/{district.id}/"


def institution_url(institution) -> str:
    return f"institutions/{institution.id}/"


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
