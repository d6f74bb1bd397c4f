"""Data exports published with the site: cases.json, cases.csv (UTF-8 with BOM) and an Atom feed."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

from ..index import Index, key
from .templates import environment
from .urls import TYPE_LABELS, entry_url

FEED_SIZE = 20
LIST_SEPARATOR = "；"


def _ref(entry) -> dict:
    return {"type": entry.type, "id": entry.id, "title": entry.title, "url": entry_url(entry)}


def entry_record(entry, library, index: Index) -> dict:
    """One published entry with its references resolved to {type, id, title, url}."""
    vocab = library.vocab
    refs = {kind: [index.get(kind, i) for i in ids] for kind, ids in
            (("model", entry.models), ("figure", getattr(entry, "figures", ())))}
    record = {
        "id": entry.id,
        "type": entry.type,
        "type_label": TYPE_LABELS[entry.type],
        "title": entry.title,
        "summary": entry.summary,
        "url": entry_url(entry),
        "themes": list(entry.themes),
        "parent_themes": list(dict.fromkeys(p.name for p in map(vocab.parent_theme, entry.themes) if p)),
        "district": entry.district,
        "institutions": list(entry.institutions),
        "year": getattr(entry, "year", None),
        "level": getattr(entry, "level", None),
        "role": getattr(entry, "role", None) or None,
        "aliases": list(getattr(entry, "aliases", ())),
        "outcomes": [{"label": o.label, "value": o.value, "unit": o.unit} for o in getattr(entry, "outcomes", ())],
        "models": [_ref(e) for e in refs["model"] if e],
        "figures": [_ref(e) for e in refs["figure"] if e],
        "referenced_by": [_ref(e) for e in index.backlinks.get(key(entry), ())],
        "sources": [{k: v for k, v in vars(s).items() if v is not None} for s in entry.sources],
        "updated": entry.updated,
        "completeness": entry.completeness,
        "source_file": entry.path,
    }
    return record


def cases_json(records: list[dict]) -> str:
    """One entry a line: as easy to read and diff as indented JSON, and written by json's C encoder
    (indentation makes it use the pure-Python one, a second at 10,000 entries)."""
    lines = ",\n".join(json.dumps(record, ensure_ascii=False, separators=(", ", ": ")) for record in records)
    return '{"license": "CC BY 4.0", "entries": [\n' + lines + "\n]}\n"


CSV_COLUMNS = (
    ("id", "编号"), ("type_label", "类型"), ("title", "标题"), ("summary", "摘要"), ("url", "网址"),
    ("themes", "主题"), ("district", "区县"), ("institutions", "院校与机构"), ("year", "年份"), ("level", "级别"),
    ("models", "相关模式"), ("figures", "相关人物"), ("sources", "来源"), ("completeness", "完整度"),
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(v["title"] if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def cases_csv(records: list[dict], site_url: str = "") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in CSV_COLUMNS])
    for record in records:
        row = dict(record, url=site_url + record["url"])
        writer.writerow([_cell(row[name]) for name, _ in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()


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


def all_exports(library, index: Index, options) -> dict[str, str]:
    records = [entry_record(e, library, index) for e in index.entries]
    return {
        "cases.json": cases_json(records),
        "cases.csv": cases_csv(records, options.site_url),
        "feed.xml": feed_xml(index, options.site_name, options.site_url, options.build_epoch),
    }
