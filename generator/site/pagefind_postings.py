"""Lighter postings for the words that are on most pages, so one search downloads less.

Pagefind stores every position of every word on every page, and a search downloads
the index chunk of each word it looks up. A word found on most pages (学院, 乡村,
职业 in a large library) then costs a download of 100 KB and more at 10,000 entries,
yet barely ranks: it is on nearly every page, so its weight in the score is near
nothing. For such words (on at least half the pages, with postings over
POSTINGS_BYTES) each page keeps its first KEEP entries: a weight marker and the
first positions, enough to find the page, weigh its title and place its excerpt.
Other words are left exactly as Pagefind wrote them.

Layout of an index chunk (Pagefind 1.5): [[[word, [[page delta, [locations], [meta
locations]], ...], [spelling variants]], ...]]. Locations are delta-coded positions,
with negative numbers marking a change of weight; a prefix of them is itself valid.
Spelling variants (accented forms) are copied as they are. The chunks are
scanned with regular expressions over their CBOR bytes rather than decoded: tens of
megabytes of postings at 10,000 entries, which a decoder written in Python takes
seconds to walk. If any chunk does not scan as expected, the bundle is left as Pagefind wrote it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..content.bulk import map_jobs
from . import pagefind_format as fmt

KNOWN_VERSIONS = ("1.5.",)  # the chunk layout above; other versions are left alone
KEEP = 4  # location entries kept per page for a common word
POSTINGS_BYTES = 20_000  # a word's postings in bytes; Pagefind aims at 20,000 locations (1-3 bytes each) a chunk
COMMON_SHARE = 0.5  # a word on at least this share of the pages is common
assert 0 < KEEP <= 22, "the patterns below take KEEP + 1 entries in a one-byte array head"

_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39]..|[\x1a\x3a]....|[\x1b\x3b].{8})"
_ARRAY = rb"(?:[\x80-\x97]|\x98.|\x99..|\x9a....)"
# one page of a word: [page delta, [locations], [meta locations]]
_PAGE = rb"\x83" + _INT + _ARRAY + _INT + rb"*" + _ARRAY + _INT + rb"*"
_PAGES = re.compile(rb"(?:" + _PAGE + rb")*", re.S)
_SHORT_ARRAY = rb"[\x80-\x%02x]" % (0x80 + KEEP)
_LONG_ARRAY = rb"(?:[\x%02x-\x97]|\x98.|\x99..|\x9a....)" % (0x81 + KEEP)
# a run of pages whose locations are short enough, then one page whose locations are cut
# after the first KEEP (or the end of the word): every match starts where the last ended
_SHORT_PAGE = rb"\x83" + _INT + _SHORT_ARRAY + _INT + rb"*" + _ARRAY + _INT + rb"*"
_RUN = re.compile(
    rb"((?:" + _SHORT_PAGE + rb")*)(?:\x83(" + _INT + rb")" + _LONG_ARRAY
    + rb"((?:" + _INT + rb"){%d})" % KEEP + _INT + rb"*(" + _ARRAY + _INT + rb"*)|\Z)", re.S)
_KEPT_HEAD = bytes([0x80 | KEEP])
TEXT, ARRAY = 3, 4  # CBOR major types


def _number(data: bytes, i: int, major: int) -> tuple[int, int]:
    """The length or value of the CBOR head at data[i], which must be of the given major type, and the offset after it."""
    found, value, after = fmt.read_head(data, i)
    if found != major:
        raise fmt.FormatError(f"CBOR major type {found} at {i}")
    return value, after


def _cap_pages(block: bytes) -> bytes:
    """The pages of one word with each page's locations cut to the first KEEP."""
    reached = 0

    def cut(match: re.Match) -> bytes:
        nonlocal reached
        if match.start() != reached:  # a page the pattern did not take: out of step
            raise fmt.FormatError("pages out of step")
        reached = match.end()
        short, page, kept, meta = match.groups()
        return short if page is None else short + b"\x83" + page + _KEPT_HEAD + kept + meta

    capped = _RUN.sub(cut, block)
    if reached != len(block):
        raise fmt.FormatError("pages out of step")
    return capped


def cap_chunk(data: bytes, common_pages: int) -> bytes | None:
    """The chunk's CBOR with common words capped, or None when that changes nothing."""
    if data[:1] != b"\x81":
        raise fmt.FormatError("not a word index")
    words, i = _number(data, 1, ARRAY)
    parts, changed = [data[:i]], False
    for _ in range(words):
        if data[i] != 0x83:
            raise fmt.FormatError("word entry")
        length, start = _number(data, i + 1, TEXT)
        pages, first = _number(data, start + length, ARRAY)
        end = _PAGES.match(data, first).end()
        _, after = fmt.decode(data, end)  # the word's spelling variants (accents), copied as they are
        block = data[first:end]
        if pages >= common_pages and len(block) > POSTINGS_BYTES:
            capped = _cap_pages(block)
            changed = changed or capped != block
            parts += [data[i:first], capped, data[end:after]]
        else:
            parts.append(data[i:after])
        i = after
    if i != len(data):
        raise fmt.FormatError("trailing bytes")
    return b"".join(parts) if changed else None


def _rewrite(folder: Path, prefix: str, common_pages: int, chunk_hash: str) -> str | None:
    """Write the capped chunk beside the original; its new hash, or None if nothing changed."""
    capped = cap_chunk(fmt.read_raw(folder / f"{chunk_hash}.pf_index"), common_pages)
    if capped is None:
        return None
    # level 5: a fifteenth of the time of level 9, which Pagefind uses, for 4 % more bytes
    return fmt.write_raw(folder, prefix, ".pf_index", capped, 7, level=5)


def cap_common_words(bundle: Path, meta, prefix: str, version: str) -> list[Path]:
    """A pass of `pagefind_format.rewrite_bundle`: one language's chunks with common words
    capped, and named in `meta`; the chunk files they replace."""
    if not version.startswith(KNOWN_VERSIONS):
        return []
    if not all(isinstance(chunk, list) and len(chunk) == 3 and isinstance(chunk[2], str) for chunk in meta[2]):
        raise fmt.FormatError("chunk list")
    folder = bundle / "index"
    common_pages = max(1, math.ceil(len(meta[1]) * COMMON_SHARE))
    chunks = [chunk[2] for chunk in meta[2]]
    renamed = map_jobs(_rewrite, (folder, prefix, common_pages), chunks, parallel_from=32, batch=8)
    replaced = []
    for chunk, old, new in zip(meta[2], chunks, renamed):
        if new and new != old:
            chunk[2] = new
            replaced.append(folder / f"{old}.pf_index")
    return replaced
