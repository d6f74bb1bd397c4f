"""Reading and writing the files of a Pagefind 1.x bundle, for the passes that rewrite them.

Each index, filter and metadata file is gzip'd: a `pagefind_dcd` signature, then CBOR.
Only the subset Pagefind writes is handled here (integers, byte and text strings,
arrays); anything else raises `FormatError`, and the caller leaves the bundle as
Pagefind wrote it. Rewritten files are named by their content, as Pagefind names them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import zlib
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class FormatError(ValueError):
    """The bundle is not laid out as this module knows it."""


# what reading a bundle that is not as expected raises: missing or unreadable files, a broken
# gzip stream, JSON or CBOR of another shape
READ_ERRORS = (OSError, EOFError, zlib.error, ValueError, TypeError, KeyError, IndexError)


def read_head(data: bytes, i: int) -> tuple[int, int, int]:
    """The major type and the value (or length) of the CBOR head at data[i], and the offset after it."""
    major, info = data[i] >> 5, data[i] & 31
    if info < 24:
        return major, info, i + 1
    if info > 27:
        raise FormatError(f"CBOR additional info {info}")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[i + 1 : i + 1 + size], "big"), i + 1 + size


def decode(data: bytes, i: int = 0):
    """The CBOR value at data[i:], and the offset after it."""
    major, value, i = read_head(data, i)
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major in (2, 3):
        chunk = data[i : i + value]
        return (chunk if major == 2 else chunk.decode("utf-8")), i + value
    if major == 4:
        items = []
        for _ in range(value):
            item, i = decode(data, i)
            items.append(item)
        return items, i
    raise FormatError(f"CBOR major type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise FormatError("integer too large")


def encode(value) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, bytes, str, list)):
        raise FormatError(type(value).__name__)
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(encode(v) for v in value)


def read_raw(path: Path) -> bytes:
    """The CBOR bytes of a bundle file, after its signature."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise FormatError(f"{path.name}: no signature")
    return raw[len(SIGNATURE) :]


def read(path: Path):
    data = read_raw(path)
    value, end = decode(data)
    if end != len(data):
        raise FormatError(f"{path.name}: trailing bytes")
    return value


def write_raw(folder: Path, prefix: str, suffix: str, data: bytes, digits: int, level: int = 9) -> str:
    """Write CBOR bytes as `{prefix}_{hash}{suffix}` in `folder`; the name without suffix.

    The hash is of the content, lengthened while another file (written by Pagefind, or by
    another process of this run) already has that name with other bytes.
    """
    payload = SIGNATURE + data
    digest = hashlib.sha256(payload).hexdigest()
    packed = gzip.compress(payload, compresslevel=level, mtime=0)
    for length in range(digits, len(digest) + 1):
        name = f"{prefix}_{digest[:length]}"
        path = folder / f"{name}{suffix}"
        try:
            with path.open("xb") as out:
                out.write(packed)
            return name
        except FileExistsError:
            if path.read_bytes() == packed:
                return name
    raise FormatError(f"{prefix}: no free name")


def write(folder: Path, prefix: str, suffix: str, value, digits: int) -> str:
    return write_raw(folder, prefix, suffix, encode(value), digits)


def read_entry(bundle: Path) -> dict:
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    if not isinstance(entry.get("languages"), dict):
        raise FormatError(f"{ENTRY}: no languages")
    return entry


def write_entry(bundle: Path, entry: dict) -> None:
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def meta_path(bundle: Path, meta_hash: str) -> Path:
    return bundle / f"pagefind.{meta_hash}.pf_meta"


def _write_meta(bundle: Path, prefix: str, meta) -> str:
    """Write a language's metadata under its content name, beside the old file; the new hash."""
    return write(bundle, f"pagefind.{prefix}", ".pf_meta", meta, 10).removeprefix("pagefind.")


def rewrite_bundle(bundle: Path, passes) -> bool:
    """Run `passes` over each language's metadata, then write it once; True if the bundle changed.

    A pass is called as pass(bundle, meta, prefix, version), with the language's file-name
    prefix and Pagefind's version: it writes new files beside the old ones, updates
    `meta` to name them, and returns the old files they replace. Those are
    removed only after the entry file names the new metadata. On any error, what the run
    wrote is removed and the bundle is left as it was.
    """
    folders = (bundle, bundle / "index", bundle / "filter")
    try:
        entry = read_entry(bundle)
        metas = {language: (info["hash"], read(meta_path(bundle, info["hash"])))
                 for language, info in entry["languages"].items()}
    except READ_ERRORS:
        return False
    before = {path for folder in folders if folder.is_dir() for path in folder.iterdir()}
    original = {language: dict(info) for language, info in entry["languages"].items()}
    replaced: list[Path] = []
    try:
        for language, (meta_hash, meta) in metas.items():
            prefix, snapshot = meta_hash.split("_", 1)[0], repr(meta)
            old = [path for run in passes for path in run(bundle, meta, prefix, str(entry.get("version", "")))]
            if old or repr(meta) != snapshot:
                new_hash = _write_meta(bundle, prefix, meta)
                entry["languages"][language]["hash"] = new_hash
                replaced += old + ([meta_path(bundle, meta_hash)] if new_hash != meta_hash else [])
    except READ_ERRORS:
        for folder in folders:
            for path in folder.iterdir() if folder.is_dir() else ():
                if path not in before:
                    path.unlink()  # what this run wrote
        return False
    if entry["languages"] == original:
        return False
    write_entry(bundle, entry)
    for path in replaced:
        path.unlink()
    return True
