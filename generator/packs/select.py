"""Which entries go into a pack: one selector per facet of the schema (and `ids`), matched and described in words.

AND across selectors, OR within one. A theme includes its sub-themes (the theme
facet's values do). What people type is resolved as the facet's field resolves it:
names and aliases, ids and titles, numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .. import messages
from ..content.library import Library
from ..content.model import EntryBase as Entry
from ..content.schema import resolve_value, value_label
from ..content.suggest import closest
from ..content.types import VocabName
from ..content.vocab import normalize
from ..errors import ContentError
from ..index import entry_order

IDS = "ids"  # a selector that is no facet: entries by id
ALWAYS_DESCRIBED = ("theme", "district")  # named on a cover even when not chosen ("不限")
SEPARATORS = re.compile(r"[,，、]")


def selector_names(schema) -> tuple[str, ...]:
    """Every selector: `pack --<name>`, a key in packs.yml, a parameter of the site's print page."""
    return tuple(f.name for f in schema.facets) + (IDS,)


@dataclass(frozen=True)
class Selection:
    """Values per selector, as the facets hold them; a selector that is absent selects everything."""

    criteria: tuple[tuple[str, tuple], ...] = ()

    def values(self, name: str) -> tuple:
        return dict(self.criteria).get(name, ())

    @property
    def is_empty(self) -> bool:
        return not self.criteria


def split_values(raw: Iterable[str] | None) -> list[str]:
    """Repeated options and comma-separated values (half- or full-width commas, 、) as one list."""
    values: list[str] = []
    for item in raw or ():
        for part in SEPARATORS.split(item):
            part = normalize(part)
            if part and part not in values:
                values.append(part)
    return values


def _resolve(name: str, text: str, library: Library) -> str:
    if name == IDS:
        if text in library.published_by_id:
            return text
        raise ContentError("selection-unknown-id", found=text,
                           suggestion=closest(text, {i: i for i in library.published_by_id}))
    facet = library.schema.facet(name)
    value, suggestion = resolve_value(facet, text, library)
    if value is None:
        shown = value_label(facet, suggestion, library) if suggestion else None
        kind = facet.field_type(library.schema)
        if isinstance(kind, VocabName):  # the words `check` uses for the same name
            params = {"found": text, "suggestion": shown}
            reason = messages.Lazy(lambda lang: messages.with_fix(f"unknown-{kind.kind}", params, lang))
            raise ContentError("selection-option", option=name, reason=reason)
        choices = _few_choices(facet, library)
        if choices:  # a short list says more than a guess
            raise ContentError("selection-choice", option=name, label=facet.label, found=text, allowed=choices)
        raise ContentError("selection-unknown", option=name, label=facet.label, found=text, suggestion=shown)
    return value


def _few_choices(facet, library, most: int = 8) -> str | None:
    """A facet's values (as they read) when it has only a few, such as the levels or the entry types."""
    spellings = facet.spellings(library) if facet.spellings else getattr(facet.field_type(library.schema), "hints", None)
    values = list(dict.fromkeys(spellings.values())) if spellings else []
    return "、".join(value_label(facet, v, library) for v in values) if 0 < len(values) <= most else None


def parse_selection(raw: dict[str, Iterable[str] | None], library: Library) -> Selection:
    """What was typed per selector -> a Selection; the first value that names nothing raises ContentError."""
    criteria = []
    for name in selector_names(library.schema):
        values = tuple(dict.fromkeys(_resolve(name, text, library) for text in split_values(raw.get(name))))
        if values:
            criteria.append((name, values))
    return Selection(tuple(criteria))


def select_entries(library: Library, selection: Selection) -> tuple[Entry, ...]:
    """The published entries that meet every selector, in the types' order, then by id."""
    vocab = library.vocab
    tests = []
    for name, values in selection.criteria:
        wanted = set(values)
        if name == IDS:
            tests.append(lambda e, wanted=wanted: e.id in wanted)
        else:
            facet = library.schema.facet(name)
            tests.append(lambda e, facet=facet, wanted=wanted: not wanted.isdisjoint(facet.values(e, vocab)))
    return tuple(sorted((e for e in library.published if all(test(e) for test in tests)), key=entry_order))


def describe(selection: Selection, library: Library) -> str:
    """「主题：赛教融合（含子主题）；区县：不限」: theme and district always, the other selectors when given."""
    parts = []
    names = selector_names(library.schema)
    for name in (*ALWAYS_DESCRIBED, *(n for n in names if n not in ALWAYS_DESCRIBED)):
        values = selection.values(name)
        if name == IDS:
            label, words = "条目", [_entry_title(library, v) for v in values]
        else:
            facet = library.schema.facet(name)
            label, words = facet.label, [value_words(facet, v, library) for v in values]
        if words:
            parts.append(f"{label}：" + "、".join(words))
        elif name in ALWAYS_DESCRIBED:
            parts.append(f"{label}：不限")
    return "；".join(parts)


def _entry_title(library: Library, entry_id: str) -> str:
    entry = library.published_by_id.get(entry_id)
    return entry.title if entry else entry_id


def value_words(facet, value: str, library: Library) -> str:
    """How a chosen value is named on a cover: a theme with sub-themes says it includes them."""
    theme = library.vocab.theme_by_name(value) if facet.name == "theme" else None
    return f"{value}（含子主题）" if getattr(theme, "subthemes", None) else value_label(facet, value, library)


def default_title(selection: Selection) -> str:
    themes = selection.values("theme")
    return f"{themes[0]}案例手册" if len(themes) == 1 else "职教兴农案例手册"
