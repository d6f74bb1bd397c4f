"""The browse page's data, in pieces a phone can afford at 10,000 entries.

The page itself holds the filters (each value with its count) and the first cards,
newest first. Filtering, sorting or paging in the browser fetches:

- `browse/index.json` once: for each facet value, the entries that have it (their
  numbers, each as the gap from the one before); enough to filter, count and sort by
  date or completeness;
- `browse/title.json` only to sort by title: each entry's rank in pinyin order;
- `browse/cards/<n>.json` as the shown results need them: the cards of SHARD entries
  each, so a page of results costs a few shards, not every card.

Entries are numbered newest first: number n is in shard n // SHARD, at n % SHARD.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from ..content.schema import COMPLETENESS, value_label
from .urls import relative

PAGE = "browse/"
INDEX = "browse/index.json"
TITLE_ORDER = "browse/title.json"
SHARD = 100
SHARDS = "browse/cards/"  # <n>.json
SUB_MARK = "\u3000· "  # sub-themes under their theme in the theme filter
SORT_IGNORED = re.compile(r"[\W_]+")  # quotation marks and spaces: not part of a title's order


def title_key(title: str) -> bytes:
    """A title's place in pinyin order, as GB 18030 puts its common characters (no dictionary needed)."""
    return SORT_IGNORED.sub("", title).encode("gb18030", "replace")


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _gaps(numbers: list[int]) -> list[int]:
    """Rising numbers as the gap from the one before (from -1): short digits, and what gzip compresses well."""
    return [number - before for before, number in zip([-1] + numbers, numbers)]


class BrowseData:
    """Filters, counts and the data pieces of the browse page, for entries in newest-first order."""

    def __init__(self, views, entries, value_order):
        self.views, self.entries = views, entries
        self.facets = [f for f in views.schema.facets if f.browse]
        self.values = [[f.values(e, views.vocab) for f in self.facets] for e in entries]
        counts = {f.name: Counter() for f in self.facets}
        for row in self.values:
            for facet, found in zip(self.facets, row):
                counts[facet.name].update(found)
        self.counts = counts
        self.order = {f.name: value_order(f, counts[f.name]) for f in self.facets}  # values in reading order

    def label(self, facet, value: str) -> str:
        sub = facet.name == "theme" and self.views.vocab.is_subtheme(value)
        return (SUB_MARK if sub else "") + value_label(facet, value, self.views.library)

    def filters(self) -> list[dict]:
        """Each facet with entries: its values in reading order, each with its count."""
        found = []
        for facet in self.facets:
            options = [{"value": v, "label": self.label(facet, v), "count": self.counts[facet.name][v]}
                       for v in self.order[facet.name]]  # fmt: skip
            if options:
                found.append({"key": facet.name, "label": facet.label, "options": options})
        return found

    def index_json(self, page: int) -> str:
        members = {f.name: {v: [] for v in self.order[f.name]} for f in self.facets}
        for number, row in enumerate(self.values):
            for facet, found in zip(self.facets, row):
                for value in found:
                    members[facet.name][value].append(number)
        return _dump({
            "total": len(self.entries), "page": page, "shard": SHARD,
            "facets": [{"name": f.name, "values": self.order[f.name],
                        "members": [_gaps(members[f.name][v]) for v in self.order[f.name]]} for f in self.facets],
        })  # fmt: skip

    def title_json(self) -> str:
        by_title = sorted(range(len(self.entries)), key=lambda n: title_key(self.entries[n].title))
        rank = [0] * len(by_title)
        for place, number in enumerate(by_title):
            rank[number] = place
        return _dump(rank)

    def card_row(self, card) -> list:
        """[id, link from browse/, type, type label, title, summary, [[fact label, text]…], updated, completeness and its label]"""
        entry = card.entry
        return [entry.id, relative(PAGE, card.url), entry.type, entry.kind.label, entry.title, entry.summary,
                [[f.label, f.text] for f in card.facts], card.dates.updated, entry.completeness,
                COMPLETENESS[entry.completeness]]  # fmt: skip

    @staticmethod
    def links() -> dict[str, str]:
        """Where the browse page (at PAGE) finds its data pieces."""
        return {"index": relative(PAGE, INDEX), "titles": relative(PAGE, TITLE_ORDER), "shards": relative(PAGE, SHARDS)}

    def files(self, page: int) -> dict[str, str]:
        """browse/index.json, browse/title.json and the card shards."""
        files = {INDEX: self.index_json(page), TITLE_ORDER: self.title_json()}
        for start in range(0, len(self.entries), SHARD):
            shard = [self.card_row(self.views.card(e)) for e in self.entries[start:start + SHARD]]
            files[f"{SHARDS}{start // SHARD}.json"] = _dump(shard)
        return files
