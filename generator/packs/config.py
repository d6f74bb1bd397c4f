"""Project settings the packs read: the site address (mkdocs.yml) and the predefined packs (packs.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..cli import UsageError
from ..content.suggest import is_valid_id

PACKS_FILE = "packs.yml"
PAPERS = ("A4", "A5")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name:…; they are read as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _read_yaml(path: Path, loader=yaml.SafeLoader):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"无法读取 {path.name}：{exc}") from None


def site_url(root: Path) -> str | None:
    """`site_url` from mkdocs.yml, ending in '/', or None when there is none."""
    path = Path(root) / "mkdocs.yml"
    if not path.is_file():
        return None
    data = _read_yaml(path, _TolerantLoader) or {}
    url = data.get("site_url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class PackSpec:
    """One predefined pack: file id (a theme pack's defaults to the theme's id), title, selectors."""

    id: str | None
    title: str | None
    selectors: dict = field(default_factory=dict)
    paper: str = "A4"


MAX_ENTRIES = 30  # a site pack is for printing: beyond this, the most complete and newest entries


@dataclass(frozen=True)
class PacksConfig:
    per_theme: bool = True
    paper: str = "A4"
    packs: tuple[PackSpec, ...] = ()
    max_entries: int = MAX_ENTRIES


SELECTOR_KEYS = ("theme", "district", "institution", "model", "type", "year", "level", "ids")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _pack_spec(index: int, item, paper: str) -> PackSpec:
    where = f"{PACKS_FILE}：packs 第 {index + 1} 项"
    if not isinstance(item, dict):
        raise UsageError(f"{where}应为“字段: 值”的映射")
    unknown = sorted(set(item) - set(SELECTOR_KEYS) - {"id", "title", "paper"})
    if unknown:
        raise UsageError(f"{where}：未知字段“{unknown[0]}”（可用：id、title、paper、{'、'.join(SELECTOR_KEYS)}）")
    pack_id = item.get("id")
    if pack_id is not None and not (isinstance(pack_id, str) and is_valid_id(pack_id)):
        raise UsageError(f"{where}：id 应为小写英文编号，实际是“{pack_id}”")
    selectors = {key: _as_list(item[key]) for key in SELECTOR_KEYS if item.get(key) is not None}
    if not selectors:
        raise UsageError(f"{where}：至少需要一个条件，例如 theme: 赛教融合")
    pack_paper = str(item.get("paper", paper))
    if pack_paper not in PAPERS:
        raise UsageError(f"{where}：paper 应为 A4 或 A5，实际是“{pack_paper}”")
    title = item.get("title")
    return PackSpec(pack_id, str(title) if title else None, selectors, pack_paper)


def read_packs_config(root: Path) -> PacksConfig:
    """packs.yml at the project root; without the file, one pack per theme on A4."""
    path = Path(root) / PACKS_FILE
    if not path.is_file():
        return PacksConfig()
    data = _read_yaml(path) or {}
    if not isinstance(data, dict):
        raise UsageError(f"{PACKS_FILE} 应为“字段: 值”的映射")
    paper = str(data.get("paper", "A4"))
    if paper not in PAPERS:
        raise UsageError(f"{PACKS_FILE}：paper 应为 A4 或 A5，实际是“{paper}”")
    items = data.get("packs") or []
    if not isinstance(items, list):
        raise UsageError(f"{PACKS_FILE}：packs 应为列表")
    packs = tuple(_pack_spec(index, item, paper) for index, item in enumerate(items))
    limit = data.get("max_entries", MAX_ENTRIES)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise UsageError(f"{PACKS_FILE}：max_entries 应为正整数，实际是“{limit}”")
    return PacksConfig(bool(data.get("per_theme", True)), paper, packs, limit)
