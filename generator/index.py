"""Cross-indexes over the published entries: pure functions of the library, built before any rendering.

Entries are grouped by every facet the schema declares; backlinks follow the fields
that name other entries; related entries are ranked by the facets' weights.
"""

from __future__ import annotations

import bisect
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


class Relations:
    """What related entries are ranked by: each entry's traits, and each trait's holders in entry order.

    Candidates come from the specific traits (a model, a figure, a school, a narrow
    theme); a trait shared by more than CANDIDATE_CAP entries only ranks them, and
    adds its nearest holders when too few candidates were found. So the work grows
    with the number of entries, not with its square. `serve` keeps one and adds and
    removes entries as files change (`add`, `remove`).
    """

    def __init__(self, library: Library):
        self.library = library
        self.facets = {f.name: f for f in library.schema.facets}
        self.type_order = {t.id: i for i, t in enumerate(library.schema.types)}
        self.traits: dict[Key, frozenset] = {}
        self.holders: dict = defaultdict(list)  # trait -> keys, in entry order
        self.weight: dict = {}

    @classmethod
    def of(cls, entries: tuple[Entry, ...], library: Library) -> "Relations":
        """The relations of `entries`, which are in entry order (so each holder list is too)."""
        relations = cls(library)
        for entry in entries:
            relations.add(entry, in_order=True)
        return relations

    def order(self, item: Key) -> tuple:
        """entry_order, from a key."""
        return (self.type_order[item[0]], item[1])

    def add(self, entry: Entry, in_order: bool = False) -> None:
        """Count `entry`'s traits; `in_order`: it comes after every entry added so far."""
        item = key(entry)
        self.traits[item] = found = _traits(entry, self.library)
        for trait in found:
            if trait not in self.weight:
                self.weight[trait] = trait_weight(self.facets[trait[0]], trait[1], self.library.vocab)
            if in_order:
                self.holders[trait].append(item)
            else:
                bisect.insort(self.holders[trait], item, key=self.order)

    def remove(self, item: Key) -> None:
        for trait in self.traits.pop(item, ()):
            holders = self.holders[trait]
            del holders[bisect.bisect_left(holders, self.order(item), key=self.order)]
            if not holders:
                del self.holders[trait]

    def related(self, item: Key) -> tuple[Key, ...]:
        """Up to 5 entries sharing the most (weighted) traits with the entry `item`, in a stable order."""
        mine, weight = self.traits[item], self.weight
        candidates: set = set()
        broad = []
        for trait in mine:
            if len(self.holders[trait]) <= CANDIDATE_CAP:
                candidates.update(self.holders[trait])
            else:
                broad.append(trait)
        if len(candidates) <= RELATED_LIMIT:
            for trait in sorted(broad, key=lambda t: (-weight[t], t)):
                candidates.update(self.nearest(trait, item))
        candidates.discard(item)
        scored = [(-sum(weight[t] for t in mine & self.traits[k]), self.type_order[k[0]], k[1], k) for k in candidates]
        return tuple(found[3] for found in sorted(scored)[:RELATED_LIMIT])

    def nearest(self, trait, item: Key) -> list:
        """The NEAREST holders of `trait` from `item` on, in entry order (wrapping round)."""
        keys = self.holders[trait]
        start = bisect.bisect_left(keys, self.order(item), key=self.order)
        return [keys[(start + step) % len(keys)] for step in range(min(NEAREST, len(keys)))]


NEAREST = 2 * RELATED_LIMIT + 1  # holders of a broad trait taken from an entry on (the entry itself among them)


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

    relations = Relations.of(entries, library)
    return Index(
        entries=entries,
        by_facet=by_facet,
        backlinks=_bucket(backlink_pairs),
        related={key(e): tuple(by_key[k] for k in relations.related(key(e))) for e in entries},
        by_key=by_key,
    )
