"""Make Pagefind's output byte-identical between builds of the same site.

Pagefind 1.x writes the filter index from hash maps, so the order of filter
values, the filter list in the metadata file, and with them the content-hashed
file names change from run to run (Pagefind issue #638; fragments and word
indexes are stable since 1.3). This rewrites those files in a canonical order
and renames them by their new content. The format is a gzip'd `pagefind_dcd`
signature followed by CBOR; only the subset Pagefind uses (unsigned integers,
byte and text strings, arrays) is read here. Anything unexpected leaves the
bundle untouched: it still works, it is just not reproducible.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class _Unexpected(ValueError):
    pass


def _decode(data: bytes, i: int = 0):
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[i : i + size], "big")
        i += size
    else:
        raise _Unexpected(f"CBOR additional info {info}")
    if major == 0:
        return value, i
    if major in (2, 3):
        chunk = data[i : i + value]
        return (chunk if major == 2 else chunk.decode("utf-8")), i + value
    if major == 4:
        items = []
        for _ in range(value):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    raise _Unexpected(f"CBOR major type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise _Unexpected("integer too large")


def _encode(value) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, bytes, str, list)):
        raise _Unexpected(type(value).__name__)
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(_encode(v) for v in value)


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise _Unexpected(f"{path.name}: no signature")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise _Unexpected(f"{path.name}: trailing bytes")
    return value


def _write(folder: Path, prefix: str, suffix: str, value, digits: int) -> str:
    payload = SIGNATURE + _encode(value)
    name = f"{prefix}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    return name


def stabilize(bundle: Path) -> bool:
    """Rewrite the filter files and metadata of a Pagefind bundle canonically. True if done.

    Everything is read and checked before anything is written, so a format this
    module does not know leaves the bundle as Pagefind wrote it.
    """
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        plans = {language: _plan(bundle, info["hash"]) for language, info in entry["languages"].items()}
    except (OSError, KeyError, TypeError, IndexError, ValueError):
        return False
    for language, plan in plans.items():
        entry["languages"][language]["hash"] = _apply(bundle, *plan)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def _plan(bundle: Path, meta_hash: str):
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    filters = []
    for name, file_hash in meta[3]:
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        filter_name, values = _read(path)
        canonical = [filter_name, sorted(([value, sorted(pages)] for value, pages in values), key=lambda vp: vp[0])]
        filters.append((name, path, canonical))
    return meta_hash.split("_", 1)[0], meta_path, meta, filters


def _apply(bundle: Path, prefix: str, meta_path: Path, meta, filters) -> str:
    listed = []
    for name, old_path, canonical in sorted(filters, key=lambda f: f[0]):
        new_name = _write(old_path.parent, prefix, ".pf_filter", canonical, 7)
        if old_path.name != f"{new_name}.pf_filter":
            old_path.unlink()
        listed.append([name, new_name])
    meta[3] = listed
    new_meta = _write(bundle, f"pagefind.{prefix}", ".pf_meta", meta, 10)
    if meta_path.name != f"{new_meta}.pf_meta":
        meta_path.unlink()
    return new_meta.removeprefix("pagefind.")
