"""Cross-indexes over the published entries: pure functions of the library, built before any rendering."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .content.library import Library
from .content.model import Entry

RELATED_LIMIT = 5
CANDIDATE_CAP = 60  # holders of a trait beyond which it ranks candidates but does not supply them
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
    by_key: dict  # Key -> entry

    def get(self, entry_type: str, entry_id: str) -> Entry | None:
        return self.by_key.get((entry_type, entry_id))


def _bucket(pairs) -> dict:
    buckets: dict = defaultdict(dict)
    for name, entry in pairs:
        buckets[name][key(entry)] = entry
    return {
        name: tuple(sorted(items.values(), key=entry_order))
        for name, items in sorted(buckets.items(), key=lambda kv: str(kv[0]))
    }


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


def _related(entries: tuple[Entry, ...], by_key: dict, library: Library) -> dict:
    """Up to 5 entries sharing the most (weighted) traits with each entry, in a stable order.

    Candidates come from the specific traits (a model, a figure, a school, a narrow
    theme); a trait shared by more than CANDIDATE_CAP entries only ranks them, and
    adds its nearest holders when too few candidates were found. So the work grows
    with the number of entries, not with its square.
    """
    traits = {key(e): frozenset(_traits(e, library)) for e in entries}
    holders: dict = defaultdict(list)
    for entry in entries:  # entries are in entry_order, so each holder list is too
        for trait in traits[key(entry)]:
            holders[trait].append(key(entry))
    position = {key(e): i for i, e in enumerate(entries)}
    related = {}
    for entry in entries:
        mine = traits[key(entry)]
        candidates: set = set()
        broad = []
        for trait in mine:
            if len(holders[trait]) <= CANDIDATE_CAP:
                candidates.update(holders[trait])
            else:
                broad.append(trait)
        if len(candidates) <= RELATED_LIMIT:
            for trait in sorted(broad, key=lambda t: (-WEIGHTS[t[0]], t)):
                candidates.update(_nearest(holders[trait], position, key(entry)))
        candidates.discard(key(entry))
        scored = [(-sum(WEIGHTS[t[0]] for t in mine & traits[k]), TYPE_ORDER[k[0]], k[1], k) for k in candidates]
        related[key(entry)] = tuple(by_key[item[3]] for item in sorted(scored)[:RELATED_LIMIT])
    return related


def _nearest(keys: list, position: dict, me: Key, count: int = 2 * RELATED_LIMIT) -> list:
    """The `count` holders that follow `me` in entry order (wrapping round)."""
    index = _bisect(keys, position, me)
    return [keys[(index + step) % len(keys)] for step in range(min(count + 1, len(keys)))]


def _bisect(keys: list, position: dict, me: Key) -> int:
    low, high = 0, len(keys)
    while low < high:
        middle = (low + high) // 2
        if position[keys[middle]] < position[me]:
            low = middle + 1
        else:
            high = middle
    return low


def build_index(library: Library) -> Index:
    entries = tuple(sorted(library.published, key=entry_order))
    by_key = {key(e): e for e in entries}
    published = set(by_key)
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
        related=_related(entries, by_key, library),
        newest=tuple(newest),
        by_key=by_key,
    )
