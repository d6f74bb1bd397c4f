"""The preview's own templates (templates/preview/): the problems shown on a page, the bar, the placeholder page."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Template

from ..site.templates import environment

FOLDER = Path(__file__).resolve().parents[2] / "templates" / "preview"


def preview_template(name: str) -> Template:
    return environment(FOLDER).get_template(name)


def preview_file(name: str) -> bytes:
    """A static file of the preview (its script and stylesheet), served under /.zjxn/."""
    return (FOLDER / name).read_bytes()
