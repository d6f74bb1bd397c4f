"""Who the site is and where it lives, read from mkdocs.yml once.

MkDocs' own keys give the name, the public address (`site_url`) and the repository
(`repo_url`, `edit_uri`); `extra:` gives what a public-sector site shows in its footer:
the organiser (`owner`, 主办单位), a contact, and the ICP and public-security filing
numbers, each optional. A value may come from the environment (`!ENV [NAME, default]`,
as MkDocs reads it), so a deploy gives the address without editing the file.

The site's pages, the data exports and the printed packs (QR codes, cover) all take
these from here; nothing else reads mkdocs.yml for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from yaml_env_tag import construct_env_tag

from .. import messages
from ..errors import UsageError

SETTINGS_FILE = "mkdocs.yml"
PROJECT = Path(__file__).resolve().parents[2]
ISSUE_FORM = ".github/ISSUE_TEMPLATE/new-case.yml"  # the submission form, as the repository holds it
ICP_LOOKUP = "https://beian.miit.gov.cn/"  # where an ICP number is checked, as the filing rules ask for a link
POLICE_LOOKUP = "https://beian.mps.gov.cn/"


@dataclass(frozen=True)
class SiteIdentity:
    name: str = "职教兴农案例库"
    url: str = ""  # the public address, ending in '/'; empty when not known (a preview)
    edit_base: str | None = None  # repo_url + edit_uri: where entry files can be edited
    repo_url: str | None = None
    owner: str = ""  # 主办单位
    contact: str = ""  # an e-mail address or a telephone number
    icp: str = ""  # ICP 备案号, e.g. 渝ICP备00000000号-1
    police: str = ""  # 公安机关备案号, e.g. 渝公网安备 00000000000000号

    @property
    def submit_url(self) -> str | None:
        """Where a reader proposes an entry without Git: the repository's issue form (GitHub), else its issues."""
        if not self.repo_url:
            return None
        if urlsplit(self.repo_url).netloc.lower() == "github.com":
            return f"{self.repo_url}/issues/new?template={ISSUE_FORM.rsplit('/', 1)[1]}"
        return f"{self.repo_url}/issues"

    @property
    def filings(self) -> tuple[tuple[str, str], ...]:
        """The filing numbers that are set, each with the register where readers check it (the rules ask for the link)."""
        return tuple((number, lookup) for number, lookup in ((self.icp, ICP_LOOKUP), (self.police, POLICE_LOOKUP)) if number)

    @property
    def contact_href(self) -> str | None:
        """The contact as a link: mailto: for an address, tel: for a number, none otherwise."""
        text = self.contact.strip()
        if "@" in text and " " not in text:
            return f"mailto:{text}"
        digits = text.replace("-", "").replace(" ", "")
        return f"tel:{digits}" if digits.lstrip("+").isdigit() and len(digits) >= 7 else None


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name:…; they are read as nothing. !ENV is read as MkDocs reads it."""


_TolerantLoader.add_constructor("!ENV", construct_env_tag)
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


def absolute_url(url) -> str:
    """An http(s) address ending in '/', or '' for anything else (nothing, a path, another scheme)."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")) or not urlsplit(url).netloc:
        return ""
    return url if url.endswith("/") else url + "/"


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def identity_from(settings) -> SiteIdentity:
    """The identity in a mapping of settings: MkDocs' loaded config, or read_settings()'s data."""
    repo_url = absolute_url(settings.get("repo_url")).rstrip("/") or None
    edit_uri = settings.get("edit_uri")
    edit_base = urljoin(repo_url + "/", edit_uri) if repo_url and edit_uri else None
    extra = settings.get("extra") or {}
    return SiteIdentity(
        name=settings.get("site_name") or SiteIdentity.name, url=absolute_url(settings.get("site_url")),
        edit_base=edit_base, repo_url=repo_url, owner=_text(extra.get("owner")), contact=_text(extra.get("contact")),
        icp=_text(extra.get("icp")), police=_text(extra.get("police")),
    )  # fmt: skip
