"""Subcommands of the later stages. Each stage keeps its own arguments in `<stage>/commands.py`
with `register(commands, common)` and a `HANDLERS` mapping; this module only gathers them."""

from __future__ import annotations

import importlib

STAGES = ("generator.site.commands", "generator.packs.commands", "generator.contrib.commands")

HANDLERS: dict = {}


def register_more(commands, common) -> None:
    for name in STAGES:
        try:
            stage = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency, not a stage that does not exist yet
                raise
            continue
        stage.register(commands, common)
        HANDLERS.update(stage.HANDLERS)
