"""Which theme pages link a PDF pack: the packs stage exists and packs.yml names the theme."""

from __future__ import annotations

import importlib
from pathlib import Path

import yaml

PACKS_MODULE = "generator.packs.site"
PACKS_CONFIG = "packs.yml"


def packs_stage():
    """`generator.packs.site` if it provides build_site_packs, else None."""
    try:
        module = importlib.import_module(PACKS_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name and PACKS_MODULE.startswith(exc.name):
            return None
        raise
    return module if callable(getattr(module, "build_site_packs", None)) else None


def _theme_names(data):
    """Every string under a `theme` or `themes` key, anywhere in packs.yml."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name in ("theme", "themes"):
                yield from ([value] if isinstance(value, str) else [v for v in value or () if isinstance(v, str)])
            else:
                yield from _theme_names(value)
    elif isinstance(data, list):
        for item in data:
            yield from _theme_names(item)


def pack_links(library) -> dict:
    """Theme id -> site path of its PDF, for the theme pages; empty without a packs stage.

    The packs stage knows which packs it will print (`pack_paths`); without that
    function, a theme gets a link when packs.yml names it and it has published entries.
    """
    stage = packs_stage()
    if stage is None:
        return {}
    vocab = library.vocab
    if callable(getattr(stage, "pack_paths", None)):
        by_name = stage.pack_paths(library)
        return {t.id: by_name[t.name] for t in vocab.themes if t.name in by_name}
    published = {vocab.parent_theme(name).name for e in library.published for name in e.themes if vocab.parent_theme(name)}
    return {t.id: f"packs/{t.id}.pdf" for t in vocab.themes if t.id in listed_themes(library.root, vocab) and t.name in published}


def listed_themes(root: Path, vocab) -> frozenset:
    """Ids of the themes packs.yml lists (by name, alias or id)."""
    path = Path(root) / PACKS_CONFIG
    if not path.is_file():
        return frozenset()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return frozenset()
    by_id = {t.id: t for t in vocab.themes}
    found = set()
    for name in _theme_names(data):
        theme = by_id.get(name) or vocab.theme_by_name(vocab.theme_names.resolve(name) or "")
        if theme is not None and theme.id in by_id:
            found.add(theme.id)
    return frozenset(found)
