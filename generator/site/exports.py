"""Data exports published with the site: cases.json, cases.csv (UTF-8 with BOM) and an Atom feed of the newest entries.

Whatever the content holds, each export is valid for its format and safe to open: no character
nobody can see (generator.characters) in any of them, the feed well-formed XML (its template
environment drops them too), and no CSV cell that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import datetime, timezone

from ..characters import strip_hidden
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
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in vars(value).items() if v not in (None, ())}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return strip_hidden(value) if isinstance(value, str) else value


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
    return _plain(record)


def cases_json(records: list[dict]) -> str:
    """One entry a line: as easy to read and diff as indented JSON, and written by json's C encoder
    (indentation makes it use the pure-Python one, a second at 10,000 entries)."""
    lines = ",\n".join(json.dumps(record, ensure_ascii=False, separators=(", ", ": ")) for record in records)
    return '{"license": "CC BY 4.0", "entries": [\n' + lines + "\n]}\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")  # full-width too: spreadsheets read them


def _cell(text: str) -> str:
    """One CSV cell: hidden characters dropped, and a leading quote before a text a spreadsheet would run as
    a formula (OWASP's CSV injection advice; the quote shows, nothing runs)."""
    text = strip_hidden(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def cases_csv(library, index: Index, site_url: str = "") -> str:
    """One row per entry: its id, title, summary and address, one column per facet that declares one, its sources."""
    facets = [f for f in library.schema.facets if f.column]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["编号", "标题", "摘要", "网址", *(f.column for f in facets), "来源"])
    for entry in index.entries:
        row = [entry.id, entry.title, entry.summary, site_url + entry_url(entry)]
        for facet in facets:
            value = getattr(entry, facet.field) if facet.field else None
            values = facet.values(entry, library.vocab) if value is None else (value if isinstance(value, tuple) else (value,))
            row.append(LIST_SEPARATOR.join(value_label(facet, str(v), library) for v in values))
        row.append(LIST_SEPARATOR.join(source.title for source in entry.sources))
        writer.writerow([_cell(text) for text in row])
    return "\ufeff" + out.getvalue()


def feed_xml(entries, dates, site_name: str, site_url: str, build_epoch: int) -> str:
    """The newest entries (given newest first) as Atom, dated by their publication and last update."""
    built = datetime.fromtimestamp(build_epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    items = [{"entry": e, "url": site_url + entry_url(e), "published": f"{dates[e.path].published}T00:00:00+08:00",
              "updated": f"{dates[e.path].updated}T00:00:00+08:00"} for e in entries[:FEED_SIZE]]  # fmt: skip
    return environment().get_template("feed.xml.j2").render(
        site_name=site_name, site_url=site_url or "./", feed_url=site_url + "feed.xml",
        updated=items[0]["updated"] if items else built, items=items,
    )


def all_exports(library, index: Index, options, newest, dates) -> dict[str, str]:
    """cases.json, cases.csv and feed.xml; `newest` is the entries newest first, `dates` their dates by path."""
    records = [entry_record(e, library, index) for e in index.entries]
    identity = options.identity
    return {
        "cases.json": cases_json(records),
        "cases.csv": cases_csv(library, index, identity.url),
        "feed.xml": feed_xml(newest, dates, identity.name, identity.url, options.build_epoch),
    }
