"""The controlled vocabularies: themes (7 x 3), districts, institutions.

Each is data in a YAML file under `cases/`; names and aliases normalize to one
canonical name, and a near miss gets the closest canonical name as suggestion.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..problems import Problem, capped, problem
from .files import read_text
from .frontmatter import Document, field_label, load_document
from .safety import hidden_in_value
from .suggest import closest, is_valid_id
from .types import shown

THEMES_FILE = "cases/themes.yml"
DISTRICTS_FILE = "cases/districts.yml"
INSTITUTIONS_FILE = "cases/institutions.yml"

INSTITUTION_KINDS = ("高职", "中职", "本科", "企业", "政府部门", "其他", "未注明")
DISTRICT_KINDS = ("区", "县", "自治县", "功能区", "全市", "未注明")
UNSTATED = "未注明"  # the kind of the vocabulary value recorded where a source does not say
NOT_A_PLACE = ("全市", UNSTATED)
MAP_SIZE = 30  # columns and rows a district map may use  # district kinds that name no one place: citywide work, or a source that does not say


@dataclass(frozen=True)
class SubTheme:
    id: str
    name: str
    measure: str
    description: str
    aliases: tuple[str, ...]
    theme_id: str


@dataclass(frozen=True)
class Theme:
    id: str
    number: str
    name: str
    heading: str
    subtitle: str
    description: str
    direction: bool
    aliases: tuple[str, ...]
    subthemes: tuple[SubTheme, ...]


@dataclass(frozen=True)
class District:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    tile: tuple[int, int] | None = None  # (column, row) on the district map, west to east and north to south

    @property
    def is_place(self) -> bool:
        return self.kind not in NOT_A_PLACE

    @property
    def unstated(self) -> bool:
        """The value a source that does not say is recorded with: it gets no page."""
        return self.kind == UNSTATED

    @property
    def facts(self) -> tuple[tuple[str, str], ...]:
        return (("类别", self.kind),)


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    short_names: tuple[str, ...]
    kind: str
    district: str | None

    @property
    def unstated(self) -> bool:
        return self.kind == UNSTATED

    @property
    def facts(self) -> tuple[tuple[str, str], ...]:
        return (("类别", self.kind), ("所在区县", self.district or "—"), ("简称", "、".join(self.short_names) or "—"))


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip() if isinstance(text, str) else text


@dataclass(frozen=True)
class Lookup:
    """Spelling (name or alias, normalized) -> canonical name."""

    spellings: dict = field(default_factory=dict)

    def resolve(self, name) -> str | None:
        return self.spellings.get(normalize(name)) if isinstance(name, str) else None

    def suggest(self, name) -> str | None:
        return closest(name, self.spellings)


@dataclass(frozen=True)
class Vocabulary:
    themes: tuple[Theme, ...] = ()
    districts: tuple[District, ...] = ()
    institutions: tuple[Institution, ...] = ()
    theme_names: Lookup = field(default_factory=Lookup)
    district_names: Lookup = field(default_factory=Lookup)
    institution_names: Lookup = field(default_factory=Lookup)

    @cached_property
    def _by_name(self) -> dict:
        """(kind, canonical name) -> vocabulary item."""
        found: dict = {}
        for theme in self.themes:
            found[("theme", theme.name)] = theme
            found.update({("theme", sub.name): sub for sub in theme.subthemes})
        found.update({("district", d.name): d for d in self.districts})
        found.update({("institution", i.name): i for i in self.institutions})
        return found

    def item(self, kind: str, name: str):
        """The theme (or sub-theme), district or institution of this canonical name, or None."""
        return self._by_name.get((kind, name))

    def theme_by_name(self, name: str) -> Theme | SubTheme | None:
        return self.item("theme", name)

    def is_subtheme(self, name: str) -> bool:
        return isinstance(self.theme_by_name(name), SubTheme)

    def parent_theme(self, name: str) -> Theme | None:
        item = self.theme_by_name(name)
        if isinstance(item, SubTheme):
            return next(t for t in self.themes if t.id == item.theme_id)
        return item

    def theme_and_subthemes(self, name: str) -> set[str]:
        """A theme's own name with its sub-themes' names; a sub-theme's name alone."""
        item = self.theme_by_name(name)
        if isinstance(item, Theme):
            return {item.name, *(s.name for s in item.subthemes)}
        return {name} if item else set()

    def district(self, name: str) -> District | None:
        return self.item("district", name)

    def institution(self, name: str) -> Institution | None:
        return self.item("institution", name)


class _Reader:
    """Reads one vocabulary file's items, collecting problems instead of stopping.

    Ids are unique within the file (the themes' and sub-themes' together): an id is a page's address."""

    def __init__(self, doc: Document, list_key: str):
        self.doc = doc
        self.problems: list[Problem] = []
        self.items = doc.data.get(list_key)
        self.list_key = list_key
        self.ids: dict[str, tuple] = {}  # id -> where it was first used
        if not isinstance(self.items, list):
            self.fail((list_key,), list_key, "列表", self.items)
            self.items = []

    def fail(self, where, field_name, expected, found):
        found = shown(found, self.doc.typed_text(where))
        self.problems.append(
            problem(self.doc.path, self.doc.mark(where), "vocab-invalid", field=field_name, expected=expected, found=found)
        )

    def visible_only(self, where, value: str) -> bool:
        """Whether a name holds no character nobody can see (told as a problem)."""
        params = hidden_in_value(value)
        if params:
            self.problems.append(problem(self.doc.path, self.doc.mark(where), "field-hidden-character",
                                         field=field_label(where), **params))  # fmt: skip
        return params is None

    def text(self, where, item: dict, key: str, required=True, default="") -> str:
        value = item.get(key, default)
        typed = self.doc.typed_text(where + (key,))
        if typed is not None and isinstance(value, (int, float, bool)):
            value = typed  # a plain scalar is text as typed: `1.10` stays 1.10
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where + (key,), key, "文字", value)
            return default
        if not self.visible_only(where + (key,), value):
            return default
        return normalize(value) if key not in ("description",) else value.strip()

    def choice(self, where, item: dict, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(where, item, key)
        if value not in choices:
            self.fail(where + (key,), key, " / ".join(choices), value)
        return value

    def names(self, where, item: dict, key: str) -> tuple[str, ...]:
        value = item.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(where + (key,), key, "文字列表", value)
            return ()
        if not all(self.visible_only(where + (key, i), v) for i, v in enumerate(value)):
            return ()
        return tuple(normalize(v) for v in value)

    def ident(self, where, item: dict) -> str:
        value = item.get("id")
        if not isinstance(value, str) or not is_valid_id(value):
            self.fail(where + ("id",), "id", "小写英文编号", value)
            return ""
        first = self.ids.setdefault(value, where)
        if first != where:
            self.problems.append(problem(self.doc.path, self.doc.mark(where + ("id",)), "vocab-duplicate-id",
                                         found=value, other=self.doc.mark(first)[0]))  # fmt: skip
            return ""
        return value

    def each(self):
        for index, item in enumerate(self.items):
            where = (self.list_key, index)
            if isinstance(item, dict):
                yield where, item
            else:
                self.fail(where, self.list_key, "映射", item)


def _register(lookup: dict, owners: dict, doc: Document, where, spellings, canonical: str, problems: list):
    """Each spelling names one item: a name or alias of a second item (even with the same name) is named."""
    for spelling in spellings:
        if not spelling:
            continue
        if spelling in owners and owners[spelling][1] != where:
            problems.append(
                problem(doc.path, doc.mark(where), "vocab-duplicate", found=spelling, other=owners[spelling][0])
            )
            continue
        lookup[spelling] = canonical
        owners[spelling] = (canonical, where)


def _read_themes(doc: Document) -> tuple[tuple[Theme, ...], Lookup, list[Problem]]:
    reader = _Reader(doc, "themes")
    themes, lookup, owners, problems = [], {}, {}, reader.problems
    for where, item in reader.each():
        theme_id = reader.ident(where, item)
        name = reader.text(where, item, "name")
        subs = []
        raw_subs = item.get("subthemes") or []
        if not isinstance(raw_subs, list):
            reader.fail(where + ("subthemes",), "subthemes", "列表", raw_subs)
            raw_subs = []
        for index, sub in enumerate(raw_subs):
            sub_where = where + ("subthemes", index)
            if not isinstance(sub, dict):
                reader.fail(sub_where, "subthemes", "映射", sub)
                continue
            sub_name = reader.text(sub_where, sub, "name")
            aliases = reader.names(sub_where, sub, "aliases")
            subs.append(
                SubTheme(
                    id=reader.ident(sub_where, sub),
                    name=sub_name,
                    measure=reader.text(sub_where, sub, "measure", required=False),
                    description=reader.text(sub_where, sub, "description"),
                    aliases=aliases,
                    theme_id=theme_id,
                )
            )
            _register(lookup, owners, doc, sub_where, (sub_name, *aliases), sub_name, problems)
        aliases = reader.names(where, item, "aliases")
        _register(lookup, owners, doc, where, (name, *aliases), name, problems)
        themes.append(
            Theme(
                id=theme_id,
                number=reader.text(where, item, "number"),
                name=name,
                heading=reader.text(where, item, "heading", required=False),
                subtitle=reader.text(where, item, "subtitle", required=False),
                description=reader.text(where, item, "description"),
                direction=bool(item.get("direction", False)),
                aliases=aliases,
                subthemes=tuple(subs),
            )
        )
    return tuple(themes), Lookup(lookup), problems


def _read_districts(doc: Document) -> tuple[tuple[District, ...], Lookup, list[Problem]]:
    reader = _Reader(doc, "districts")
    districts, lookup, owners, problems = [], {}, {}, reader.problems
    tiles: dict[tuple[int, int], str] = {}
    for where, item in reader.each():
        name = reader.text(where, item, "name")
        kind = reader.choice(where, item, "kind", DISTRICT_KINDS)
        aliases = reader.names(where, item, "aliases")
        _register(lookup, owners, doc, where, (name, *aliases), name, problems)
        tile = _tile(reader, where, item, tiles, name)
        districts.append(District(reader.ident(where, item), name, kind, aliases, tile))
    return tuple(districts), Lookup(lookup), problems


def _tile(reader: _Reader, where, item: dict, taken: dict, name: str) -> tuple[int, int] | None:
    """An optional map position [column, row]: two whole numbers from 0 to MAP_SIZE - 1, each held by one district."""
    value = item.get("tile")
    if value is None:
        return None
    ok = isinstance(value, list) and len(value) == 2 and all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v < MAP_SIZE for v in value)
    if not ok:
        reader.fail(where + ("tile",), "tile", f"[列, 行]，两个 0–{MAP_SIZE - 1} 的整数", value)
        return None
    tile = (value[0], value[1])
    if tile in taken:
        reader.fail(where + ("tile",), "tile", f"与其他区县不同的位置（{taken[tile]} 已在这里）", value)
        return None
    taken[tile] = name
    return tile


def _read_institutions(doc: Document, districts: Lookup) -> tuple[tuple[Institution, ...], Lookup, list[Problem]]:
    reader = _Reader(doc, "institutions")
    found, lookup, owners, problems = [], {}, {}, reader.problems
    for where, item in reader.each():
        name = reader.text(where, item, "name")
        kind = reader.choice(where, item, "kind", INSTITUTION_KINDS)
        district = item.get("district")
        if district is not None and districts.resolve(district) is None:
            problems.append(
                problem(doc.path, doc.mark(where + ("district",)), "unknown-district", found=district,
                        suggestion=districts.suggest(district))
            )
            district = None
        short = reader.names(where, item, "short_names")
        _register(lookup, owners, doc, where, (name, *short), name, problems)
        found.append(Institution(reader.ident(where, item), name, short, kind,
                                 districts.resolve(district) if district else None))
    return tuple(found), Lookup(lookup), problems


def _load_file(root: Path, relpath: str) -> tuple[Document | None, list[Problem]]:
    text_file, problems = read_text(root, relpath)
    if text_file is None:
        if any(p.rule == "file-missing" for p in problems):
            return None, [problem(relpath, None, "vocab-missing", found=relpath)]
        return None, problems
    doc, more = load_document(relpath, text_file.text, with_body=False)
    return doc, problems + more


def load_vocabulary(root: Path) -> tuple[Vocabulary, list[Problem]]:
    problems: list[Problem] = []
    parts: dict = {}
    readers = ((THEMES_FILE, "themes", _read_themes), (DISTRICTS_FILE, "districts", _read_districts))
    for relpath, key, read in readers:
        doc, more = _load_file(root, relpath)
        problems += more
        parts[key] = read(doc) if doc else ((), Lookup(), [])
        problems += parts[key][2]
    doc, more = _load_file(root, INSTITUTIONS_FILE)
    problems += more
    institutions = _read_institutions(doc, parts["districts"][1]) if doc else ((), Lookup(), [])
    problems += institutions[2]
    problems = capped(problems)
    vocab = Vocabulary(
        themes=parts["themes"][0],
        districts=parts["districts"][0],
        institutions=institutions[0],
        theme_names=parts["themes"][1],
        district_names=parts["districts"][1],
        institution_names=institutions[1],
    )
    return vocab, problems
