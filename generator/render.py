"""Entry bodies as safe HTML: Markdown rendered, then sanitized with nh3 against an allowlist.

Both the site and the printed packs take bodies from here, so whatever slips
past `check` is still made inert before anyone reads it.
"""

from __future__ import annotations

from typing import Callable

import markdown
import nh3

from .content.safety import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, is_safe_link

EXTENSIONS = ["tables", "sane_lists", "footnotes", "toc"]  # no attr_list: it would let `{onclick=…}` through
EXTENSION_CONFIGS = {"toc": {"permalink": False, "slugify": lambda value, sep: _slug(value)}}


def _slug(value: str) -> str:
    return "-".join(value.split()) or "section"


GENERIC = {"id", "class"}
ATTRIBUTES = {tag: set(attrs) | GENERIC for tag, attrs in ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES.update({tag: set(ATTRIBUTES.get(tag, set())) | GENERIC for tag in ALLOWED_TAGS | {"h1", "div", "section"}})


def sanitize(html: str) -> str:
    """Keep only allowlisted tags and attributes; links only http(s), mailto and relative."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | {"div", "section"},
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_body(body: str, rewrite_url: Callable[[str], str | None] | None = None) -> str:
    """Markdown body -> sanitized HTML. `rewrite_url` maps local links and images to published addresses."""
    html = markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")
    clean = sanitize(html)
    if rewrite_url is None:
        return clean
    return _rewrite(clean, rewrite_url)


def _rewrite(html: str, rewrite_url: Callable[[str], str | None]) -> str:
    def attribute_filter(tag: str, name: str, value: str) -> str | None:
        if name in ("href", "src") and is_safe_link(value):
            return rewrite_url(value) if not value.startswith(("http:", "https:", "mailto:", "#")) else value
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | {"div", "section"},
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=attribute_filter,
    )
