"""The Jinja2 environment for site templates: autoescaped, with the helpers every template may use."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..characters import without_hidden

from ..content.facts import number_text
from ..content.safety import url_scheme
from ..content.schema import COMPLETENESS
from .urls import entry_url

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "site"


def _safe_url(url) -> bool:
    """Only http(s) addresses become links; anything else is shown as text."""
    return isinstance(url, str) and url_scheme(url) in ("http", "https")


@lru_cache(maxsize=4)
def environment(folder: Path = TEMPLATES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=without_hidden,  # check refuses them; this is the last defence (and keeps the feed XML)
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(safe_url=_safe_url, number=number_text)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}  # `tojson`: Chinese as it is
    env.globals.update(COMPLETENESS=COMPLETENESS, entry_url=entry_url)
    return env
