"""Cross-indexes over the published entries: pure functions of the library, built before any rendering."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .content.library import Library
from .content.model import Entry

RELATED_LIMIT = 5
TYPE_ORDER = {"case": 0, "model": 1, "figure": 2}
# what a shared trait is worth when ranking related entries
WEIGHTS = {"model": 4, "figure": 4, "institution": 3, "subtheme": 2, "theme": 1, "district": 1}

Key = tuple[str, str]  # (type, id)


def key(entry: Entry) -> Key:
    return (entry.type, entry.id)


def entry_order(entry: Entry) -> tuple:
    return (TYPE_ORDER[entry.type], entry.id)


@dataclass(frozen=True)
class Index:
    entries: tuple[Entry, ...]  # published, by type then id
    by_theme: dict  # theme or sub-theme name -> entries; a theme also holds its sub-themes' entries
    by_district: dict
    by_institution: dict
    by_year: dict  # year -> cases
    by_model: dict  # model id -> entries naming it
    by_figure: dict  # figure id -> entries naming it
    backlinks: dict  # Key -> entries that reference it
    related: dict  # Key -> up to 5 entries
    newest: tuple[Entry, ...]  # cases, newest first

    def get(self, entry_type: str, entry_id: str) -> Entry | None:
        return self._by_key.get((entry_type, entry_id))

    @property
    def _by_key(self) -> dict:
        cache = self.__dict__.get("_cache")
        if cache is None:
            cache = {key(e): e for e in self.entries}
            object.__setattr__(self, "_cache", cache)
        return cache


def _bucket(pairs) -> dict:
    buckets: dict = defaultdict(list)
    for name, entry in pairs:
        if entry not in buckets[name]:
            buckets[name].append(entry)
    return {name: tuple(sorted(items, key=entry_order)) for name, items in sorted(buckets.items(), key=lambda kv: str(kv[0]))}


def _traits(entry: Entry, library: Library) -> list[tuple[str, str]]:
    """The things an entry can share with another, as (kind, value)."""
    traits = []
    for name in entry.themes:
        parent = library.vocab.parent_theme(name)
        if parent and parent.name != name:
            traits.append(("subtheme", name))
        if parent:
            traits.append(("theme", parent.name))
    traits += [("institution", i) for i in entry.institutions]
    if entry.district and entry.district != "全市":
        traits.append(("district", entry.district))
    traits += [("model", m) for m in entry.models]
    traits += [("figure", f) for f in getattr(entry, "figures", ())]
    if entry.type == "model":
        traits.append(("model", entry.id))
    if entry.type == "figure":
        traits.append(("figure", entry.id))
    return list(dict.fromkeys(traits))


def _related(entries: tuple[Entry, ...], library: Library) -> dict:
    traits = {key(e): _traits(e, library) for e in entries}
    by_key = {key(e): e for e in entries}
    holders: dict = defaultdict(list)
    for entry in entries:
        for trait in traits[key(entry)]:
            holders[trait].append(entry)
    related = {}
    for entry in entries:
        scores: Counter = Counter()
        for trait in traits[key(entry)]:
            for other in holders[trait]:
                scores[key(other)] += WEIGHTS[trait[0]]
        scores.pop(key(entry), None)
        best = sorted(scores.items(), key=lambda kv: (-kv[1], TYPE_ORDER[kv[0][0]], kv[0][1]))[:RELATED_LIMIT]
        related[key(entry)] = tuple(by_key[k] for k, _ in best)
    return related


def build_index(library: Library) -> Index:
    entries = tuple(sorted(library.published, key=entry_order))
    published = {key(e) for e in entries}
    vocab = library.vocab

    theme_pairs = []
    for entry in entries:
        for name in entry.themes:
            theme_pairs.append((name, entry))
            parent = vocab.parent_theme(name)
            if parent and parent.name != name:
                theme_pairs.append((parent.name, entry))

    def refs(entry, field_name, kind):
        return [target for target in getattr(entry, field_name, ()) if (kind, target) in published]

    backlink_pairs = []
    for entry in entries:
        for target in refs(entry, "models", "model"):
            backlink_pairs.append((("model", target), entry))
        for target in refs(entry, "figures", "figure"):
            backlink_pairs.append((("figure", target), entry))

    cases = [e for e in entries if e.type == "case"]
    newest = sorted(sorted(cases, key=lambda e: e.id), key=lambda e: (e.year or 0, e.updated or ""), reverse=True)
    return Index(
        entries=entries,
        by_theme=_bucket(theme_pairs),
        by_district=_bucket((e.district, e) for e in entries if e.district),
        by_institution=_bucket((i, e) for e in entries for i in e.institutions),
        by_year=_bucket((e.year, e) for e in cases if e.year),
        by_model=_bucket((m, e) for e in entries for m in refs(e, "models", "model")),
        by_figure=_bucket((f, e) for e in entries for f in refs(e, "figures", "figure")),
        backlinks=_bucket(backlink_pairs),
        related=_related(entries, library),
        newest=tuple(newest),
    )
