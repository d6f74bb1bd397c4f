"""What readers see of an entry and of a facet value, as plain data for the templates and the browse data.

One `Views` per site: where each facet value has its page, an entry's key facts with
their links, the card an entry shows in lists (summary, place, institution, year,
completeness, date), its breadcrumbs and its citation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.facts import key_facts
from ..content.history import EntryDates
from ..content.schema import value_label
from ..content.suggest import slugify
from ..index import Index
from .identity import SiteIdentity
from .urls import entry_url, facet_url, subtheme_url, theme_url, type_url

CARD_VALUES = 2  # values of one facet a card names before “等”
DATED_APART = ("updated",)  # fields an entry page shows in its dates line, not among its key facts


@dataclass(frozen=True)
class CardFact:
    facet: str  # its facet's name: district, institution, year …
    label: str  # the facet's label, for screen readers: 区县
    text: str  # 万州区; 重庆三峡职业学院、重庆财经职业学院等


@dataclass(frozen=True)
class Card:
    entry: object
    url: str  # site-relative
    facts: tuple[CardFact, ...]
    dates: EntryDates


@dataclass(frozen=True)
class Citation:
    """GB/T 7714-2015's reference to an online resource: 责任者. 题名[EB/OL]. (更新日期)[引用日期]. 网址."""

    author: str
    title: str
    updated: str
    url: str | None  # the public address; None when the site has none (the reader's browser fills it in)


class Views:
    def __init__(self, library, index: Index, identity: SiteIdentity, dates: dict[str, EntryDates]):
        self.library, self.index, self.identity, self.dates = library, index, identity, dates
        self.schema, self.vocab = library.schema, library.vocab
        self.paged = tuple(f for f in self.schema.facets if f.pages)  # facets with pages: where, who, when

    # --- facet values and their pages

    def vocab_facet(self, facet) -> bool:
        return hasattr(facet.field_type(self.schema), "lookup")

    def vocab_items(self, facet) -> list | None:
        """The vocabulary items behind a facet, in the vocabulary's order; None for a facet without one."""
        if not self.vocab_facet(facet):
            return None
        kind = facet.field_type(self.schema).kind
        return list({"district": self.vocab.districts, "institution": self.vocab.institutions}[kind])

    def stated(self, facet, value: str) -> bool:
        """False for the value recorded where a source does not say (未注明): it names nothing to show."""
        item = self.vocab.item(facet.field_type(self.schema).kind, value) if self.vocab_facet(facet) else None
        return not getattr(item, "unstated", False)

    def slug(self, facet, value: str) -> str | None:
        """A value's page name: its vocabulary id (none for 未注明), a number itself, other text in pinyin."""
        if self.vocab_facet(facet):
            item = self.vocab.item(facet.field_type(self.schema).kind, value)
            return item.id if item is not None and not item.unstated else None
        return value if value.isdigit() else slugify(value)

    def value_url(self, facet, value: str) -> str | None:
        """The page of one facet value, if the site has one (a theme's, a district's …)."""
        if facet.name == "theme":
            item = self.vocab.theme_by_name(value)
            return (subtheme_url(item) if self.vocab.is_subtheme(value) else theme_url(item)) if item else None
        if facet.pages is None or value not in self.index.group(facet.name):
            return None
        slug = self.slug(facet, value)
        return facet_url(facet, slug) if slug else None

    # --- an entry

    def facts(self, entry) -> list[dict]:
        """The entry's key facts, each value with the page it links to (if any)."""
        facets = {f.field: f for f in self.schema.facets if f.field}
        views = []
        for fact in key_facts(entry, self.library):
            if fact.field in DATED_APART:
                continue
            facet = facets.get(fact.field)
            kind = self.schema.references.get(fact.field)
            items = []
            for value, text in zip(fact.values, fact.texts):
                if kind:
                    target = self.index.get(kind, value)
                    url = entry_url(target) if target else None
                else:
                    url = self.value_url(facet, value) if facet else None
                items.append({"text": text, "url": url})
            views.append({"field": fact.field, "label": fact.label, "items": items})
        return views

    def card(self, entry) -> Card:
        """What a list shows of an entry: its values of the facets with pages (place, institution, year)."""
        facts = []
        for facet in self.paged:
            values = [value_label(facet, v, self.library) for v in facet.values(entry, self.vocab) if self.stated(facet, v)]
            if values:
                text = "、".join(values[:CARD_VALUES]) + ("等" if len(values) > CARD_VALUES else "")
                facts.append(CardFact(facet.name, facet.label, text))
        return Card(entry, entry_url(entry), tuple(facts), self.dates[entry.path])

    def crumbs(self, entry) -> list[tuple[str, str]]:
        """类型 › 主题: the entry type's index page, then its first theme's page."""
        trail = [(entry.kind.label, type_url(entry.kind))]
        theme = next((self.vocab.parent_theme(name) for name in entry.themes if self.vocab.parent_theme(name)), None)
        if theme is not None:
            trail.append((theme.name, theme_url(theme)))
        return trail

    def citation(self, entry) -> Citation:
        url = f"{self.identity.url}{entry_url(entry)}" if self.identity.url else None
        return Citation(self.identity.owner or self.identity.name, entry.title, self.dates[entry.path].updated, url)
