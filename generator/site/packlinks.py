"""Which theme pages link a PDF pack: exactly the packs the packs stage will print."""

from __future__ import annotations

import importlib

PACKS_MODULE = "generator.packs.site"


def packs_stage():
    """`generator.packs.site` if it is installed with its dependencies, else None (the site builds without packs)."""
    try:
        module = importlib.import_module(PACKS_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name and PACKS_MODULE.startswith(exc.name):
            return None
        raise
    return module


def pack_links(library) -> dict:
    """Theme id -> site path of its PDF, known before anything is printed; empty without a packs stage."""
    stage = packs_stage()
    if stage is None:
        return {}
    by_name = stage.pack_paths(library)
    return {t.id: by_name[t.name] for t in library.vocab.themes if t.name in by_name}
