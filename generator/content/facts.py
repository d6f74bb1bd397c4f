"""An entry's key facts: the fields the schema marks `fact=`, as readers see them on a page or in a booklet."""

from __future__ import annotations

from dataclasses import dataclass

from .types import ListOf, Reference


@dataclass(frozen=True)
class Fact:
    field: str  # the field it shows
    label: str  # how readers know it: 区县, 相关模式 …
    values: tuple[str, ...]  # as stored: canonical names, entry ids, a year as text
    texts: tuple[str, ...]  # how each value reads: an entry's title for its id


def number_text(value) -> str:
    """A number as readers write it: 36,000 for 36000.0, 12.5 as it is."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return str(value)


def key_facts(entry, library) -> tuple[Fact, ...]:
    """The entry's filled-in fact fields: its type's own in their declared order, then the common ones."""
    facts = []
    for field in entry.kind.fact_fields:
        value = getattr(entry, field.name, None)
        if value in (None, (), ""):
            continue
        values = tuple(str(v) for v in value) if isinstance(value, tuple) else (str(value),)
        item = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(item, Reference):  # only references to published entries are shown
            found = [library.get(item.kind, v) for v in values]
            values = tuple(e.id for e in found if e is not None and e.published)
            texts = tuple(e.title for e in found if e is not None and e.published)
            if not values:
                continue
        else:
            texts = values
        facts.append(Fact(field.name, field.fact, values, texts))
    return tuple(facts)
