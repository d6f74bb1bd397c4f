"""Entry bodies as safe HTML: Markdown rendered, then sanitized with nh3 against an allowlist.

Both the site and the printed packs take bodies from here, so whatever slips
past `check` is still made inert before anyone reads it: characters nobody can see
are dropped, and a body that would take too long or nest too deep (which `check`
refuses, generator.content.complexity) stops the build with its file named, never
with a hang or a traceback.
"""

from __future__ import annotations

from typing import Callable

import markdown
import nh3

from .characters import strip_hidden
from .content.safety import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, url_scheme
from .deadline import OverBudget, within
from .errors import ContentError

BUDGET_SECONDS = 10  # one body; 1 MB of the real entries' text renders in well under a second here

EXTENSIONS = ["tables", "sane_lists", "footnotes", "toc"]  # no attr_list: it would let `{onclick=…}` through
EXTENSION_CONFIGS = {"toc": {"permalink": False, "slugify": lambda value, sep: _slug(value)}}


_CONVERTER: list[markdown.Markdown] = []


def _converter() -> markdown.Markdown:
    """One Markdown instance per process, reset between bodies: building it costs more than a body."""
    if not _CONVERTER:
        _CONVERTER.append(
            markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")
        )
    return _CONVERTER[0]


def _slug(value: str) -> str:
    return "-".join(value.split()) or "section"


GENERIC = {"id", "class"}
ATTRIBUTES = {tag: set(attrs) | GENERIC for tag, attrs in ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES.update({tag: set(ATTRIBUTES.get(tag, set())) | GENERIC for tag in ALLOWED_TAGS | {"h1", "div", "section"}})


def sanitize(html: str, attribute_filter: Callable[[str, str, str], str | None] | None = None) -> str:
    """Keep only allowlisted tags and attributes; links only http(s), mailto and relative."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | {"div", "section"},
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


def render_body(body: str, rewrite_url: Callable[[str], str | None] | None = None,
                reserved_ids: tuple[str, ...] = (), source: str = "") -> str:  # fmt: skip
    """Markdown body -> sanitized HTML. `rewrite_url` maps local links and images to published addresses.

    An `id` starting with one of `reserved_ids` is dropped: the page around the body uses such ids itself.
    `source` (the entry's file) is named when the body takes longer than BUDGET_SECONDS or nests too deep.
    """
    try:
        with within(BUDGET_SECONDS):
            html = _converter().reset().convert(strip_hidden(body))  # not safe until sanitized below
    except OverBudget:
        _CONVERTER.clear()  # interrupted half-way: the next body gets a fresh one
        raise ContentError("body-too-slow", path=source or "?", seconds=BUDGET_SECONDS) from None
    except RecursionError:
        _CONVERTER.clear()
        raise ContentError("body-too-deep", path=source or "?") from None
    return strip_hidden(_sanitized(html, rewrite_url, reserved_ids))


def _sanitized(html: str, rewrite_url, reserved_ids) -> str:
    if rewrite_url is None:
        return sanitize(html, _drop_remote_images)

    def local_links(tag: str, name: str, value: str) -> str | None:
        if name == "id" and reserved_ids and value.startswith(reserved_ids):
            return None
        value = _drop_remote_images(tag, name, value)
        if value is not None and name in ("href", "src") and url_scheme(value) is None and not value.startswith(("#", "//")):
            return rewrite_url(value)
        return value

    return sanitize(html, local_links)  # one pass: remote images dropped, local links mapped


def _drop_remote_images(tag: str, name: str, value: str) -> str | None:
    """Images come from the site itself: a remote or schemed `src` is removed, never fetched."""
    if tag == "img" and name == "src" and (url_scheme(value) is not None or value.startswith("//")):
        return None
    return value
