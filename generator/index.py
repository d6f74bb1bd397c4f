"""Cross-indexes over the published entries: pure functions of the library, built before any rendering.

Entries are grouped by every facet the schema declares; backlinks follow the fields
that name other entries; related entries are ranked by the facets' weights.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .content.library import Library
from .content.model import EntryBase as Entry

RELATED_LIMIT = 5
CANDIDATE_CAP = 60  # holders of a trait beyond which it ranks candidates but does not supply them

Key = tuple[str, str]  # (type, id)


def key(entry: Entry) -> Key:
    return (entry.type, entry.id)


def entry_order(entry: Entry) -> tuple:
    """Types in their declared order, then ids."""
    return (entry.schema.types.index(entry.kind), entry.id)


@dataclass(frozen=True)
class Index:
    entries: tuple[Entry, ...]  # published, by type then id
    by_facet: dict  # facet name -> value -> entries having it (a theme's include its sub-themes')
    backlinks: dict  # Key -> entries that name it
    related: dict  # Key -> up to 5 entries
    by_key: dict  # Key -> entry

    def get(self, entry_type: str, entry_id: str) -> Entry | None:
        return self.by_key.get((entry_type, entry_id))

    def group(self, facet: str) -> dict:
        """Value -> entries, for one facet."""
        return self.by_facet[facet]


def _bucket(pairs) -> dict:
    buckets: dict = defaultdict(dict)
    for name, entry in pairs:
        buckets[name][key(entry)] = entry
    return {
        name: tuple(sorted(items.values(), key=entry_order))
        for name, items in sorted(buckets.items(), key=lambda kv: str(kv[0]))
    }


def _traits(entry: Entry, library: Library) -> frozenset:
    """What an entry can share with another, as (facet, value), each with a weight above 0."""
    vocab = library.vocab
    return frozenset(
        (facet.name, value)
        for facet in library.schema.facets if facet.weight
        for value in facet.values(entry, vocab) if trait_weight(facet, value, vocab)
    )  # fmt: skip


def trait_weight(facet, value: str, vocab) -> int:
    """A shared value's worth: a sub-theme is narrower than its theme; 全市 and 未注明 are no place."""
    if facet.name == "theme":
        return facet.weight + (1 if vocab.is_subtheme(value) else 0)
    if facet.name == "district":
        district = vocab.district(value)
        return facet.weight if district and district.is_place else 0
    return facet.weight


def _related(entries: tuple[Entry, ...], by_key: dict, library: Library) -> dict:
    """Up to 5 entries sharing the most (weighted) traits with each entry, in a stable order.

    Candidates come from the specific traits (a model, a figure, a school, a narrow
    theme); a trait shared by more than CANDIDATE_CAP entries only ranks them, and
    adds its nearest holders when too few candidates were found. So the work grows
    with the number of entries, not with its square.
    """
    vocab, facets = library.vocab, {f.name: f for f in library.schema.facets}
    weight = {}
    traits = {}
    for entry in entries:
        traits[key(entry)] = found = _traits(entry, library)
        for trait in found:
            if trait not in weight:
                weight[trait] = trait_weight(facets[trait[0]], trait[1], vocab)
    holders: dict = defaultdict(list)
    for entry in entries:  # entries are in entry_order, so each holder list is too
        for trait in traits[key(entry)]:
            holders[trait].append(key(entry))
    position = {key(e): i for i, e in enumerate(entries)}
    order = {t.id: i for i, t in enumerate(library.schema.types)}
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
            for trait in sorted(broad, key=lambda t: (-weight[t], t)):
                candidates.update(_nearest(holders[trait], position, key(entry)))
        candidates.discard(key(entry))
        scored = [(-sum(weight[t] for t in mine & traits[k]), order[k[0]], k[1], k) for k in candidates]
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
    schema, vocab = library.schema, library.vocab
    by_facet = {facet.name: _bucket((value, e) for e in entries for value in facet.values(e, vocab))
                for facet in schema.facets}  # fmt: skip

    backlink_pairs = []
    for entry in entries:
        for field_name, kind in schema.references.items():
            for target in getattr(entry, field_name):
                if (kind, target) in by_key:
                    backlink_pairs.append(((kind, target), entry))

    return Index(
        entries=entries,
        by_facet=by_facet,
        backlinks=_bucket(backlink_pairs),
        related=_related(entries, by_key, library),
        by_key=by_key,
    )
