"""Which entries go into a pack: selectors resolved against the vocabularies, matched, and described in words.

AND across kinds, OR within one kind. A theme includes its sub-themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from .. import messages as shared
from ..content.library import Library
from ..content.model import Entry
from ..content.schema import ENTRY_TYPES, LEVELS
from ..content.suggest import closest
from ..content.vocab import normalize
from ..index import entry_order
from .messages import say

KINDS = ("theme", "district", "institution", "model", "type", "year", "level", "ids")
LABELS = {
    "theme": "主题", "district": "区县", "institution": "机构", "model": "模式",
    "type": "类型", "year": "年份", "level": "级别", "ids": "条目",
}  # fmt: skip
TYPE_SPELLINGS = {
    "case": "case", "cases": "case", "showcase": "case", "典型案例": "case", "案例": "case",
    "figure": "figure", "figures": "figure", "典型人物": "figure", "人物": "figure",
    "model": "model", "models": "model", "模式": "model",
}  # fmt: skip
SEPARATORS = re.compile(r"[,，、]")


class SelectionError(Exception):
    """A selector names something that does not exist: exit 1 with this message."""


@dataclass(frozen=True)
class Selection:
    """Canonical values per kind; a kind that is absent selects everything."""

    criteria: tuple[tuple[str, tuple], ...] = ()

    def values(self, kind: str) -> tuple:
        return dict(self.criteria).get(kind, ())

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


# --- resolving what was typed to canonical values


def _vocabulary_miss(rule: str, found: str, suggestion: str | None, lang: str) -> str:
    params = {"found": found, "suggestion": suggestion} if suggestion else {"found": found}
    text = shared.render(rule, params, lang)
    fix = shared.render_fix(rule, params, lang)
    return text + (shared.FIX_WRAP[lang].format(fix=fix) if fix else "")


def _pack_miss(key: str, found: str, suggestion: str | None, lang: str, **params) -> str:
    text = say(key, lang, found=found, **params)
    return text + (say("suggest", lang, suggestion=suggestion) if suggestion else "")


def _spellings_resolver(spellings: dict[str, str], miss: Callable[[str, str | None, str], str]):
    def resolve(value: str, lang: str) -> str:
        if value in spellings:
            return spellings[value]
        if value.lower() in spellings:
            return spellings[value.lower()]
        raise SelectionError(miss(value, closest(value, spellings), lang))

    return resolve


def _lookup_resolver(lookup, rule: str):
    def resolve(value: str, lang: str) -> str:
        found = lookup.resolve(value)
        if found is None:
            raise SelectionError(_vocabulary_miss(rule, value, lookup.suggest(value), lang))
        return found

    return resolve


def _year(value: str, lang: str) -> int:
    value = value.removesuffix("年").strip()
    if re.fullmatch(r"\d{4}", value) and 2000 <= int(value) <= 2100:
        return int(value)
    raise SelectionError(say("bad-year", lang, found=value))


def _resolvers(library: Library) -> dict[str, Callable[[str, str], object]]:
    vocab = library.vocab
    published = library.published
    model_names: dict[str, str] = {}
    model_titles: dict[str, str] = {}
    for model in library.entries_of("model"):
        model_titles[model.id] = model.title
        for spelling in (model.id, model.title, *model.aliases):
            model_names.setdefault(normalize(spelling), model.id)
    return {
        "theme": _lookup_resolver(vocab.theme_names, "unknown-theme"),
        "district": _lookup_resolver(vocab.district_names, "unknown-district"),
        "institution": _lookup_resolver(vocab.institution_names, "unknown-institution"),
        "model": _spellings_resolver(
            model_names, lambda v, s, lang: _vocabulary_miss("unknown-model", v, model_titles.get(s), lang)
        ),
        # type and level messages list every allowed value, so no guess is added
        "type": _spellings_resolver(TYPE_SPELLINGS, lambda v, s, lang: _pack_miss("unknown-type", v, None, lang)),
        "year": _year,
        "level": _spellings_resolver(
            {level: level for level in LEVELS},
            lambda v, s, lang: _pack_miss("unknown-level", v, None, lang, expected="、".join(LEVELS)),
        ),
        "ids": _spellings_resolver(
            {e.id: e.id for e in published}, lambda v, s, lang: _pack_miss("unknown-id", v, s, lang)
        ),
    }


def parse_selection(raw: dict[str, Iterable[str] | None], library: Library, lang: str = "zh") -> Selection:
    """Option values per kind -> canonical Selection; the first unknown value raises SelectionError."""
    resolvers = _resolvers(library)
    criteria = []
    for kind in KINDS:
        values = []
        for value in split_values(raw.get(kind)):
            try:
                canonical = resolvers[kind](value, lang)
            except SelectionError as exc:
                raise SelectionError(f"--{kind}{': ' if lang == 'en' else '：'}{exc}") from None
            if canonical not in values:
                values.append(canonical)
        if values:
            criteria.append((kind, tuple(values)))
    return Selection(tuple(criteria))


# --- matching


def _matcher(kind: str, values: tuple, library: Library) -> Callable[[Entry], bool]:
    wanted = set(values)
    if kind == "theme":
        names = set().union(*(library.vocab.theme_and_subthemes(v) for v in values))
        return lambda e: bool(names & set(e.themes))
    if kind == "district":
        return lambda e: e.district in wanted
    if kind == "institution":
        return lambda e: bool(wanted & set(e.institutions))
    if kind == "model":
        return lambda e: (e.type == "model" and e.id in wanted) or bool(wanted & set(e.models))
    if kind == "type":
        return lambda e: e.type in wanted
    if kind in ("year", "level"):
        return lambda e: getattr(e, kind, None) in wanted
    if kind == "ids":
        return lambda e: e.id in wanted
    raise ValueError(kind)


def select_entries(library: Library, selection: Selection) -> tuple[Entry, ...]:
    """The published entries that meet every selector, cases first, then models, then figures."""
    tests = [_matcher(kind, values, library) for kind, values in selection.criteria]
    chosen = [e for e in library.published if all(test(e) for test in tests)]
    return tuple(sorted(chosen, key=entry_order))


# --- the selection in words, for the cover


def _theme_words(name: str, library: Library) -> str:
    theme = library.vocab.theme_by_name(name)
    return f"{name}（含子主题）" if getattr(theme, "subthemes", None) else name


def _value_words(kind: str, value, library: Library) -> str:
    if kind == "theme":
        return _theme_words(value, library)
    if kind == "model":
        model = library.get("model", value)
        return model.title if model else value
    if kind == "type":
        return ENTRY_TYPES[value]
    if kind == "year":
        return f"{value} 年"
    if kind == "ids":
        entry = next((e for e in library.published if e.id == value), None)
        return entry.title if entry else value
    return str(value)


def describe(selection: Selection, library: Library) -> str:
    """「主题：赛教融合（含子主题）；区县：全市」: theme and district always, the other kinds when given."""
    parts = []
    for kind in KINDS:
        values = selection.values(kind)
        if values:
            parts.append(f"{LABELS[kind]}：" + "、".join(_value_words(kind, v, library) for v in values))
        elif kind == "theme":
            parts.append("主题：全部主题")
        elif kind == "district":
            parts.append("区县：全市")
    return "；".join(parts)


def default_title(selection: Selection) -> str:
    themes = selection.values("theme")
    return f"{themes[0]}案例手册" if len(themes) == 1 else "职教兴农案例手册"
