"""Data exports published with the site: cases.json, cases.csv (UTF-8 with BOM) and an Atom feed."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import datetime, timezone
from functools import partial

from ..content.schema import value_label
from ..index import Index, key
from .templates import environment
from .urls import entry_url

FEED_SIZE = 20
LIST_SEPARATOR = "；"
UNEXPORTED = ("status",)  # every exported entry is published


def _ref(entry) -> dict:
    return {"type": entry.type, "id": entry.id, "title": entry.title, "url": entry_url(entry)}


def _plain(value):
    """A field's value as JSON data: lists for tuples, mappings (without empty keys) for sources and outcomes."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in vars(value).items() if v not in (None, ())}
    return value


def entry_record(entry, library, index: Index) -> dict:
    """One published entry: every field of the schema, references resolved to {type, id, title, url}."""
    references = library.schema.references
    record = {"id": entry.id, "type": entry.type, "type_label": entry.kind.label, "title": entry.title,
              "summary": entry.summary, "url": entry_url(entry)}  # fmt: skip
    for field in library.schema.fields:
        if field.name in record or field.name in UNEXPORTED:
            continue
        value = getattr(entry, field.name)
        if field.name in references:
            value = [_ref(e) for e in (index.get(references[field.name], i) for i in value) if e]
        record[field.name] = _plain(value)
    record["parent_themes"] = [name for name in library.schema.facet("theme").values(entry, library.vocab)
                               if not library.vocab.is_subtheme(name)]  # fmt: skip
    record["referenced_by"] = [_ref(e) for e in index.backlinks.get(key(entry), ())]
    record["completeness"] = entry.completeness
    record["source_file"] = entry.path
    return record


def json_line(record: dict) -> str:
    """One entry a line of cases.json: as easy to read and diff as indented JSON, and written by json's C
    encoder (indentation makes it use the pure-Python one, a second at 10,000 entries)."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


def cases_json(lines: list[str]) -> str:
    return '{"license": "CC BY 4.0", "entries": [\n' + ",\n".join(lines) + "\n]}\n"


def _cell(values) -> str:
    return LIST_SEPARATOR.join(values)


def _csv(row: list) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(row)
    return out.getvalue()


def csv_header(facets) -> str:
    return _csv(["编号", "标题", "摘要", "网址", *(f.column for f in facets), "来源"])


def csv_row(entry, library, facets, site_url: str = "") -> str:
    """An entry's row of cases.csv: its id, title, summary and address, a column per facet that declares one, its sources."""
    row = [entry.id, entry.title, entry.summary, site_url + entry_url(entry)]
    for facet in facets:
        value = getattr(entry, facet.field) if facet.field else None
        values = facet.values(entry, library.vocab) if value is None else (value if isinstance(value, tuple) else (value,))
        row.append(_cell(value_label(facet, str(v), library) for v in values))
    row.append(_cell(source.title for source in entry.sources))
    return _csv(row)


def _atom_date(day: str | None, fallback: str) -> str:
    return f"{day}T00:00:00Z" if day and len(day) == 10 else fallback


def feed_xml(index: Index, site_name: str, site_url: str, build_epoch: int) -> str:
    built = datetime.fromtimestamp(build_epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    items = [
        {"entry": e, "url": site_url + entry_url(e), "updated": _atom_date(e.updated, built)}
        for e in index.newest[:FEED_SIZE]
    ]
    return environment().get_template("feed.xml.j2").render(
        site_name=site_name, site_url=site_url or "./", feed_url=site_url + "feed.xml", updated=built, items=items
    )


def _entry_exports(entry, library, index: Index, site_url: str, facets) -> tuple[str, str]:
    """An entry's line of cases.json and row of cases.csv."""
    return json_line(entry_record(entry, library, index)), csv_row(entry, library, facets, site_url)


def _export_inputs(entry, library, index: Index, site_url: str) -> tuple:
    """What an entry's line and row are made from (besides the vocabularies): the entry, the entries it
    names and those naming it."""
    named = tuple((library.get(kind, name), index.get(kind, name))
                  for field, kind in library.schema.references.items() for name in getattr(entry, field))  # fmt: skip
    return entry, site_url, named, index.backlinks.get(key(entry), ())


def all_exports(library, index: Index, options, kept=None) -> dict[str, str]:
    """cases.json, cases.csv and feed.xml; with `kept` (serve), an entry's line and row are made again
    only when what they are made from changed."""
    identity = options.identity
    facets = [f for f in library.schema.facets if f.column]
    made = []
    for entry in index.entries:
        make = partial(_entry_exports, entry, library, index, identity.url, facets)
        if kept is None:
            made.append(make())
        else:
            inputs = _export_inputs(entry, library, index, identity.url)
            made.append(kept.get(("exports", *key(entry)), inputs, make))
    return {
        "cases.json": cases_json([line for line, _ in made]),
        "cases.csv": "\ufeff" + csv_header(facets) + "".join(row for _, row in made),
        "feed.xml": feed_xml(index, identity.name, identity.url, options.build_epoch),
    }
