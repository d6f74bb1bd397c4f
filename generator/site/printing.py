"""The print page (print/): trainers make a booklet of any selection in the browser, and the data it reads.

The page (templates/site/print.html.j2, docs/assets/js/print.js) resolves a selection
from its address as `packs/select.py` does — AND across selectors, OR within one, a
theme with its sub-themes — and lays the chosen entries out for the browser's printing.
The data is written in pieces, so that a hundred entries of ten thousand fetch little:

- `print/data/catalogue.json`: the entry types with their counts (entries are numbered
  in the index's order, type by type), the selectors, and the first id of each chunk;
- `print/data/ids/<k>.json`: the ids of entries k·CHUNK onwards (an id's number);
- `print/data/facets/<name>.json`: a facet's values, how they read and are spelled, and
  each value's entries as gaps between their numbers;
- `print/data/entries/<n>.json`: entry n as printed: key facts, the sanitized body of its
  page, outcomes, sources.

`assets/css/print-paper.css` gives the browser the paper of `packs/paper.py`.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..content.facts import key_facts, number_text
from ..content.safety import url_scheme
from ..content.schema import facet_spellings, value_label
from ..content.types import Integer
from ..index import key
from ..packs.paper import DEFAULT_PAPER, FONT_STACK, PAPERS, css_string
from ..packs.select import ALWAYS_DESCRIBED, IDS, Selection, default_title, value_words
from .templates import environment
from .urls import entry_url

PAGE = "print/"
TITLE = "生成培训手册"
DATA = "print/data/"
CATALOGUE = DATA + "catalogue.json"
PAPER_CSS = "assets/css/print-paper.css"
CHUNK = 128  # ids per file: an id's number is found by fetching one
CONFIRM_ABOVE = 300  # entries beyond which the page asks first: the browser's printing gets slow
FORMAT = 1  # of the data files; print.js refuses others


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def entry_record(entry, library, body: str) -> str:
    """Entry as the print page prints it (JSON); `body` is its page's sanitized body, links relative to its page."""
    return _json({
        "id": entry.id,
        "type": entry.type,
        "title": entry.title,
        "summary": entry.summary,
        "url": entry_url(entry),
        "stub": entry.completeness == "stub",
        "facts": [[fact.label, "、".join(fact.texts)] for fact in key_facts(entry, library)],
        "body": str(body),
        "outcomes": [[o.label, number_text(o.value), o.unit] for o in entry.outcomes],
        "sources": [{key: value for key, value in (("title", s.title), ("publisher", s.publisher), ("column", s.column),
                                                   ("date", s.date), ("url", _link(s.url))) if value}
                    for s in entry.sources],
    })  # fmt: skip


def _link(url) -> str | None:
    return url if isinstance(url, str) and url_scheme(url) in ("http", "https") else None


def _gaps(numbers: list[int]) -> list[int]:
    """Ascending numbers as the first one and the gaps after it: short in JSON, restored by a running sum."""
    return [n - previous for previous, n in zip([0] + numbers, numbers)]


def facet_data(facet, library, index, numbers: dict) -> dict:
    """A facet's values (those with entries, then those people may name), how they read and are spelled, its entries."""
    group = index.group(facet.name)
    spellings = facet_spellings(facet, library)
    values = list(group) + [v for v in dict.fromkeys((spellings or {}).values()) if v not in group]
    position = {value: i for i, value in enumerate(values)}
    labels = [value_label(facet, v, library) for v in values]
    words = {i: value_words(facet, v, library) for i, v in enumerate(values)}
    data = {
        "format": FORMAT,
        "name": facet.name,
        "values": values,
        "entries": [_gaps(sorted(numbers[key(e)] for e in group.get(v, ()))) for v in values],
        "spellings": {s: position[v] for s, v in (spellings or {}).items() if s not in (v, labels[position[v]])},
    }
    if labels != values:
        data["labels"] = labels
    if any(w != labels[i] for i, w in words.items()):
        data["words"] = [words[i] for i in range(len(values))]
    kind = facet.field_type(library.schema)
    if spellings is None:  # numbers, such as years: any in the field's range may be named
        data["range"] = [kind.low, kind.high] if isinstance(kind, Integer) else None
    return data


def print_files(library, index, records: list[str]) -> dict[str, str]:
    """Every data file of the print page; `records` are entry_record()s in the index's order."""
    schema, entries = library.schema, index.entries
    numbers = {key(e): n for n, e in enumerate(entries)}
    counts = {t.id: 0 for t in schema.types}
    for entry in entries:
        counts[entry.type] += 1
    files = {f"{DATA}entries/{n}.json": record for n, record in enumerate(records)}
    chunks = [entries[start:start + CHUNK] for start in range(0, len(entries), CHUNK)]
    files.update({f"{DATA}ids/{k}.json": _json([e.id for e in chunk]) for k, chunk in enumerate(chunks)})
    files.update({f"{DATA}facets/{facet.name}.json": _json(facet_data(facet, library, index, numbers))
                  for facet in schema.facets})  # fmt: skip
    files[CATALOGUE] = _json({
        "format": FORMAT,
        "types": [{"id": t.id, "label": t.label, "count": counts[t.id]} for t in schema.types],
        "selectors": [{"name": f.name, "label": f.label} for f in schema.facets] + [{"name": IDS, "label": "条目"}],
        "described": list(ALWAYS_DESCRIBED),
        "chunk": CHUNK,
        "chunks": [[chunk[0].type, chunk[0].id] for chunk in chunks],
    })  # fmt: skip
    return files


def paper_css(identity) -> str:
    """assets/css/print-paper.css: the papers as custom properties, the default one as every page's @page."""
    return environment().get_template("print-paper.css.j2").render(
        papers=PAPERS.values(), default=PAPERS[DEFAULT_PAPER], fonts=FONT_STACK, site_name=identity.name,
        css_string=lambda text: Markup(css_string(text)),  # escapes quotes and markup itself
    )


def page_context(identity) -> dict:
    """What print.html.j2 needs besides `link`."""
    return {"papers": list(PAPERS), "default_paper": DEFAULT_PAPER, "site_url": identity.url,
            "site_name": identity.name, "confirm_above": CONFIRM_ABOVE, "catalogue": CATALOGUE, "format": FORMAT,
            "default_title": default_title(Selection()),  # the CLI's titles, for the cover's first title
            "theme_title": default_title(Selection((("theme", ("{theme}",)),)))}
