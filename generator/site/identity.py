"""Who the site is and where it lives: its name, address and repository, read from mkdocs.yml once.

The site's pages, the data exports and the printed packs (QR codes, cover) all take
these from here; nothing else reads mkdocs.yml for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

from .. import messages
from ..errors import UsageError

SETTINGS_FILE = "mkdocs.yml"
PROJECT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class SiteIdentity:
    name: str = "职教兴农案例库"
    url: str = ""  # the public address, ending in '/'; empty when not known
    edit_base: str | None = None  # repo_url + edit_uri: where entry files can be edited


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name:…; they are read as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def settings_file(root: Path, given: str | None = None) -> Path:
    """The mkdocs.yml to use: the one given, else the content root's, else the project's own."""
    for candidate in ([Path(given)] if given else [Path(root) / SETTINGS_FILE, PROJECT / SETTINGS_FILE]):
        if candidate.is_file():
            return candidate.resolve()
    raise UsageError("settings-missing", path=given or Path(root) / SETTINGS_FILE)


def read_settings(path: Path) -> dict:
    """mkdocs.yml as plain data (without MkDocs)."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError("settings-unreadable", path=path, reason=messages.reason(exc)) from None
    return data if isinstance(data, dict) else {}


def _absolute(url) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return ""
    return url if url.endswith("/") else url + "/"


def identity_from(settings) -> SiteIdentity:
    """The identity in a mapping of settings: MkDocs' loaded config, or read_settings()'s data."""
    repo_url, edit_uri = settings.get("repo_url"), settings.get("edit_uri")
    edit_base = urljoin(repo_url.rstrip("/") + "/", edit_uri) if repo_url and edit_uri else None
    return SiteIdentity(name=settings.get("site_name") or SiteIdentity.name, url=_absolute(settings.get("site_url")),
                        edit_base=edit_base)  # fmt: skip
