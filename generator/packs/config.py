"""packs.yml: the ready-made packs the site publishes (one per theme by default), their titles and paper."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import messages
from ..content.suggest import is_valid_id
from ..errors import UsageError
from .paper import DEFAULT_PAPER, PAPERS
from .select import selector_names

PACKS_FILE = "packs.yml"
MAX_ENTRIES = 30  # a site pack is for printing: beyond this, the most complete and newest entries


@dataclass(frozen=True)
class PackSpec:
    """One predefined pack: file id (a theme pack's defaults to the theme's id), title, selectors."""

    id: str | None
    title: str | None
    selectors: dict = field(default_factory=dict)
    paper: str = DEFAULT_PAPER


@dataclass(frozen=True)
class PacksConfig:
    per_theme: bool = True
    paper: str = DEFAULT_PAPER
    packs: tuple[PackSpec, ...] = ()
    max_entries: int = MAX_ENTRIES


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _paper(value, where: str) -> str:
    paper = str(value)
    if paper not in PAPERS:
        raise UsageError("packs-yml-paper", where=where, found=paper)
    return paper


def _pack_spec(index: int, item, paper: str, keys: tuple[str, ...]) -> PackSpec:
    where = f"{PACKS_FILE}：packs 第 {index + 1} 项"
    if not isinstance(item, dict):
        raise UsageError("packs-yml-not-mapping", where=where)
    unknown = sorted(set(item) - set(keys) - {"id", "title", "paper"})
    if unknown:
        raise UsageError("packs-yml-unknown-key", where=where, found=unknown[0], allowed="、".join(("id", "title", "paper", *keys)))
    pack_id = item.get("id")
    if pack_id is not None and not (isinstance(pack_id, str) and is_valid_id(pack_id)):
        raise UsageError("packs-yml-bad-id", where=where, found=pack_id)
    selectors = {key: _as_list(item[key]) for key in keys if item.get(key) is not None}
    if not selectors:
        raise UsageError("packs-yml-no-selector", where=where)
    title = item.get("title")
    return PackSpec(pack_id, str(title) if title else None, selectors, _paper(item.get("paper", paper), where))


def read_packs_config(root: Path, schema) -> PacksConfig:
    """packs.yml at the project root; without the file, one pack per theme on A4."""
    path = Path(root) / PACKS_FILE
    if not path.is_file():
        return PacksConfig()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError("settings-unreadable", path=PACKS_FILE, reason=messages.reason(exc)) from None
    if not isinstance(data, dict):
        raise UsageError("packs-yml-not-mapping", where=PACKS_FILE)
    paper = _paper(data.get("paper", DEFAULT_PAPER), PACKS_FILE)
    items = data.get("packs") or []
    if not isinstance(items, list):
        raise UsageError("packs-yml-not-list", where=PACKS_FILE)
    keys = selector_names(schema)
    packs = tuple(_pack_spec(index, item, paper, keys) for index, item in enumerate(items))
    limit = data.get("max_entries", MAX_ENTRIES)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise UsageError("packs-yml-max-entries", found=limit)
    return PacksConfig(bool(data.get("per_theme", True)), paper, packs, limit)
