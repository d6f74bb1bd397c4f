"""The cross-indexes of the preview's library, kept up to date entry by entry.

`index()` equals build_index over the same entries, drafts included (the preview shows
drafts; a build never does). Groups, backlinks and related lists are made when read and
kept until an entry they hold changes. An update says whose related or backlinks lists
changed, so that only those pages are made again.

Which related lists an entry's change can touch (generator.index.Relations ranks them):
those of every holder of a trait it has or had that few enough entries share to supply
candidates, and for a trait shared more widely, of the holders just before it in that
trait's list, whose nearest holders it is or was among.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..index import CANDIDATE_CAP, NEAREST, Index, Key, Relations, key


@dataclass(frozen=True)
class IndexUpdate:
    related: set  # keys of entries whose related list changed
    backlinks: set  # keys of entries whose backlinks may have changed


class LiveIndex:
    def __init__(self, library):
        self.schema, self.vocab = library.schema, library.vocab
        self.relations = Relations(library)
        self.order = self.relations.order
        self.by_key: dict[Key, object] = {}
        self.keys: list[Key] = []  # every entry, in entry order
        self.buckets = {f.name: defaultdict(list) for f in self.schema.facets}  # facet -> value -> keys in order
        self.groups: dict = {}  # facet -> value -> entries (made when read)
        self.stale: dict = defaultdict(set)  # facet -> values whose entries changed since
        self.naming: dict = defaultdict(set)  # entry key -> keys of the entries naming it
        self.related_keys: dict[Key, tuple] = {}  # made when read
        self.backlink_lists: dict[Key, tuple] = {}  # made when read
        for entry in sorted(library.entries, key=lambda e: self.order(key(e))):
            self._add(entry, in_order=True)

    def index(self) -> Index:
        by_facet = {facet.name: self._group(facet.name) for facet in self.schema.facets}
        entries = tuple(self.by_key[k] for k in self.keys)
        return Index(entries=entries, by_facet=by_facet, backlinks=_Backlinks(self), related=_Related(self),
                     by_key=dict(self.by_key))  # fmt: skip

    def update(self, changes: dict) -> IndexUpdate:
        """Apply `changes` (key -> (entry before or None, entry after or None))."""
        touched, targets = set(), set()
        for item, (old, new) in changes.items():
            touched |= self._neighbours(item) | {item}
            for entry in (old, new):
                if entry is not None:
                    targets |= self._named(entry)
            if old is not None:
                self._remove(old)
            if new is not None:
                self._add(new)
            touched |= self._neighbours(item)
        related = set()
        for item in touched:
            if item not in self.by_key:
                self.related_keys.pop(item, None)
            elif item in self.related_keys:
                now = self.relations.related(item)
                if now != self.related_keys[item]:
                    self.related_keys[item] = now
                    related.add(item)
        for target in targets:
            self.backlink_lists.pop(target, None)
        return IndexUpdate(related, {t for t in targets if t in self.by_key})

    # --- keeping the indexes

    def _add(self, entry, in_order: bool = False) -> None:
        item = key(entry)
        self.by_key[item] = entry
        self._insert(self.keys, item, in_order)
        self.relations.add(entry, in_order)
        for facet in self.schema.facets:
            for value in facet.values(entry, self.vocab):
                self._insert(self.buckets[facet.name][value], item, in_order)
                self.stale[facet.name].add(value)
        for target in self._named(entry):
            self.naming[target].add(item)

    def _remove(self, entry) -> None:
        item = key(entry)
        del self.by_key[item]
        self._delete(self.keys, item)
        self.relations.remove(item)
        for facet in self.schema.facets:
            for value in facet.values(entry, self.vocab):
                bucket = self.buckets[facet.name][value]
                self._delete(bucket, item)
                if not bucket:
                    del self.buckets[facet.name][value]
                self.stale[facet.name].add(value)
        for target in self._named(entry):
            self.naming[target].discard(item)

    def _insert(self, keys: list, item: Key, in_order: bool) -> None:
        if in_order:
            keys.append(item)
        else:
            bisect.insort(keys, item, key=self.order)

    def _delete(self, keys: list, item: Key) -> None:
        del keys[bisect.bisect_left(keys, self.order(item), key=self.order)]

    def _named(self, entry) -> set[Key]:
        return {(kind, target) for name, kind in self.schema.references.items() for target in getattr(entry, name)}

    def _neighbours(self, item: Key) -> set[Key]:
        """Entries whose related list an entry `item` can be in, as the holders stand now."""
        found = set()
        for trait in self.relations.traits.get(item, ()):
            holders = self.relations.holders[trait]
            if len(holders) <= CANDIDATE_CAP:
                found.update(holders)
            else:  # the holders whose nearest ones (from themselves on, wrapping round) include `item`
                at = bisect.bisect_left(holders, self.order(item), key=self.order)
                found.update(holders[(at - step) % len(holders)] for step in range(min(NEAREST, len(holders))))
        return found

    def _group(self, facet: str) -> "_Group":
        """Value -> entries, in build_index's order (values as text, entries in entry order)."""
        stale = self.stale.pop(facet, set())
        old = self.groups.get(facet)
        if old is None or stale:
            kept = {} if old is None else {v: t for v, t in old.made.items() if v not in stale}
            self.groups[facet] = _Group(self, self.buckets[facet], kept)
        return self.groups[facet]

    def _entries(self, keys: list) -> tuple:
        return tuple(self.by_key[k] for k in keys)


class _Group(Mapping):
    """One facet's value -> entries, each tuple made when first read."""

    def __init__(self, live: LiveIndex, buckets: dict, made: dict):
        self.live, self.buckets, self.made = live, buckets, made
        self.values = sorted(buckets, key=str)

    def __getitem__(self, value) -> tuple:
        if value not in self.made:
            if value not in self.buckets:
                raise KeyError(value)
            self.made[value] = self.live._entries(self.buckets[value])
        return self.made[value]

    def __contains__(self, value) -> bool:
        return value in self.buckets

    def __iter__(self):
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)


class _Backlinks(Mapping):
    """Entry key -> the entries naming it (only entries that exist, named by at least one)."""

    def __init__(self, live: LiveIndex):
        self.live = live

    def __getitem__(self, target: Key) -> tuple:
        live = self.live
        if target not in live.by_key or not live.naming.get(target):
            raise KeyError(target)
        if target not in live.backlink_lists:
            live.backlink_lists[target] = live._entries(sorted(live.naming[target], key=live.order))
        return live.backlink_lists[target]

    def __iter__(self):
        return (t for t in sorted(self.live.naming, key=self.live.order) if t in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, target) -> bool:
        return target in self.live.by_key and bool(self.live.naming.get(target))


class _Related(Mapping):
    """Entry key -> up to 5 related entries (ranked when first read)."""

    def __init__(self, live: LiveIndex):
        self.live = live

    def __getitem__(self, item: Key) -> tuple:
        live = self.live
        if item not in live.by_key:
            raise KeyError(item)
        if item not in live.related_keys:
            live.related_keys[item] = live.relations.related(item)
        return live._entries(live.related_keys[item])

    def __iter__(self):
        return iter(self.live.keys)

    def __len__(self) -> int:
        return len(self.live.keys)
