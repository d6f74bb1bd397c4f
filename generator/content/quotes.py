"""Quotations checked against locally kept copies of their sources.

An entry may keep the text of a source in `cases/sources/<name>.txt` and name it in
that source's `copy:`. Then every quotation in the entry's summary and body must be
the source's own words, and `check` says where one is not:

- A quotation is the text between “ and its matching ” (a “ inside counts one level
  deeper; ‘…’ inside is part of the quotation). A “ that is never closed starts nothing.
  「…」 counts as “…” (and 『…』 as ‘…’): corner brackets are warned about, and checked.
- Both the quotation and each copy are normalized the same way: NFKC (so ，and ,
  are one, and … becomes ...), then every whitespace character and every quotation
  mark removed (“ ” ‘ ’ 「 」 『 』 " ' and their full-width forms).
- “…”, “……” (or ... as typed, or ⋯) inside a quotation is a gap: the fragments between
  gaps must each be found in one copy, in order.
- A quotation found in none of the entry's copies is an error at its opening mark,
  with the closest passage of the copies as the fix.
- Exempt: quotations of at most 4 characters, gaps left out, after normalizing.
  Measured on the entries (216 quotations): the 64 this short are all names and
  terms (“田间学院”, “双高计划”, “三进”, “家门口”, “十四五”, …); every quoted sentence
  or clause is 6 characters or more, and is checked. A fragment of a longer
  quotation is checked however short, so a gap cannot hide a changed sentence.
- Entries none of whose sources has a copy cannot be checked: a published one gets
  one warning naming `copy:`. Drafts are left alone until they are published.

Corner brackets 「」『』 in a published entry's title, summary or body get a warning
with the text in mainland quotation marks (“ ” outside, ‘ ’ inside).

Each copy is read and normalized once per process, and used again while its folder
and file are unchanged; the search is `str.find` on the normalized text, and the
closest passage (only for a quotation not found) a binary search of `str.find`s.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import unicodedata
from pathlib import Path

from ..problems import WARNING, Problem, problem
from .files import read_text
from .safety import file_state
from .types import COPY_NAME

SOURCES_DIR = "cases/sources"
SHORT = 4  # quotations this long or shorter (gaps left out, normalized) are names, not checked
DROP = re.compile(r"[\s“”‘’「」『』\"'＂＇]+")  # whitespace and quotation marks: not compared
OPEN, CLOSE = "“", "”"
MARKS = "“”‘’「」『』\"'＂＇"
GAP = re.compile(r"\.{3,}|⋯+")  # … and …… become ... under NFKC; ⋯ does not
BRACKETS = "「」『』"
TO_MAINLAND = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


def _normalize(text: str) -> str:
    """The text as compared: NFKC, then no whitespace and no quotation marks."""
    return DROP.sub("", unicodedata.normalize("NFKC", text))


def _mapped(text: str, normal: str) -> list[int] | None:
    """For each character of `normal`, the index of the character of `text` it came from;
    None where character-by-character normalizing does not give `normal` (composed accents)."""
    where: list[int] = []
    for index, char in enumerate(text):
        part = char if char.isascii() else unicodedata.normalize("NFKC", char)
        where.extend([index] * len(DROP.sub("", part)))
    return where if len(where) == len(normal) else None


class _Copy:
    __slots__ = ("name", "text", "normal", "where")

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text
        self.normal = _normalize(text)
        self.where = _mapped(text, self.normal)

    def passage(self, start: int, end: int) -> str:
        """Normalized characters start..end as the copy writes them, with the quotation marks around them."""
        if self.where is None:
            return self.normal[start:end]
        first, last = self.where[start], self.where[end - 1] + 1
        while first > 0 and (self.text[first - 1] in MARKS or self.text[first - 1] == " "):
            first -= 1
        while last < len(self.text) and self.text[last] in MARKS:
            last += 1
        return self.text[first:last].strip()


def _load(root: Path, name: str) -> tuple[_Copy | None, str | None, tuple]:
    """(copy, None, ()), or (None, rule, (why, why_en)) when the copy cannot be used.

    A copy read before is used again while its folder and file are unchanged (same inode,
    size, modification time, no link): two lstat calls per entry, not a read."""
    relpath = f"{SOURCES_DIR}/{name}"
    full = os.path.join(root, relpath)
    try:
        folder, info = os.lstat(os.path.join(root, SOURCES_DIR)), os.lstat(full)
    except OSError:
        folder = info = None
    key = None
    if folder is not None and stat.S_ISDIR(folder.st_mode) and stat.S_ISREG(info.st_mode):
        key = (folder.st_ino, folder.st_mtime_ns, info.st_ino, info.st_size, info.st_mtime_ns)
        cached = _cache.get(full)
        if cached and cached[0] == key:
            return (cached[1], None, ()) if cached[2] is None else (None, "copy-unreadable", cached[2])
    state, _ = file_state(root, relpath)  # every part of the path: no link anywhere
    if state != "ok" or key is None:
        return None, "copy-symlink" if state == "symlink" else "copy-missing", ()
    text_file, problems = read_text(root, relpath)
    if text_file is None:
        why = (problems[0].message("zh"), problems[0].message("en")) if problems else ("?", "?")
        cached = (key, None, why)
    else:
        cached = (key, _Copy(name, text_file.text), None)
    _cache[full] = cached
    return (cached[1], None, ()) if cached[2] is None else (None, "copy-unreadable", cached[2])


_cache: dict[str, tuple[tuple, _Copy | None, tuple | None]] = {}


def quotations(text: str) -> list[tuple[int, str]]:
    """(offset of the opening mark, the text inside) of each outermost “…” in `text`."""
    found = []
    start = text.find(OPEN)
    while start >= 0:
        depth, position = 1, start + 1
        while depth:
            close = text.find(CLOSE, position)
            if close < 0:
                return found  # never closed: nothing after it is a quotation either
            opening = text.find(OPEN, position, close)
            if opening >= 0:
                depth, position = depth + 1, opening + 1
            else:
                depth, position = depth - 1, close + 1
        found.append((start, text[start + 1 : position - 1]))
        start = text.find(OPEN, position)
    return found


def _mainland(text: str) -> str:
    """「」『』 as “”‘’, character for character (offsets stay)."""
    return text.translate(TO_MAINLAND) if "「" in text or "『" in text else text


def _fragments(quote: str) -> list[str]:
    return [part for part in GAP.split(_normalize(quote)) if part]


def _found_in(copy: _Copy, fragments: list[str]) -> bool:
    position = 0
    for fragment in fragments:
        position = copy.normal.find(fragment, position)
        if position < 0:
            return False
        position += len(fragment)
    return True


def _anchor(haystack: str, wanted: str, from_end: bool) -> tuple[int, int]:
    """(length, position) of the longest start (or end) of `wanted` found in `haystack`: a binary
    search over lengths, each step one str.find, so a long copy costs a few scans, not a quadratic one."""
    low, high, position = 0, len(wanted), -1
    while low < high:
        size = (low + high + 1) // 2
        at = haystack.find(wanted[-size:] if from_end else wanted[:size])
        if at >= 0:
            low, position = size, at
        else:
            high = size - 1
    return low, position


def _closest(copies: list[_Copy], wanted: str) -> str | None:
    """The closest passage, once per quotation text: the same misquote is often copied."""
    key = (tuple(id(c) for c in copies), wanted)
    if key not in _closest_cache:
        if len(_closest_cache) > 4096:
            _closest_cache.clear()
        _closest_cache[key] = _closest_passage(copies, wanted)
    return _closest_cache[key]


_closest_cache: dict = {}


def _closest_passage(copies: list[_Copy], wanted: str) -> str | None:
    """The passage of the copies most like `wanted`, as the copy writes it, or None.

    The passage starts where the longest start of `wanted` is found (or ends where its
    longest end is), and is as long as `wanted`; it is kept if at least half of its
    characters are those of `wanted`."""
    best, best_ratio = None, 0.0
    for copy in copies:
        for from_end in (False, True):
            size, at = _anchor(copy.normal, wanted, from_end)
            if size < 2:
                continue
            start = max(0, at + size - len(wanted)) if from_end else at
            end = min(len(copy.normal), start + len(wanted))
            ratio = difflib.SequenceMatcher(None, copy.normal[start:end], wanted, autojunk=False).quick_ratio()
            if ratio > best_ratio:
                best, best_ratio = " ".join(copy.passage(start, end).split()), ratio
    return best if best_ratio >= 0.5 else None


def _fixes(passage: str | None) -> dict:
    if passage:
        shown = _shorten(passage, 80)
        return {"fix": f"改为与来源一致的原文（最接近的一段是“{shown}”），或去掉引号改为转述",
                "fix_en": f"use the source's own words (the closest passage is '{shown}'), or drop the quotation marks and paraphrase"}
    return {"fix": "改为与来源一致的原文，或去掉引号改为转述",
            "fix_en": "use the source's own words, or drop the quotation marks and paraphrase"}


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Positions:
    """Line and column of offsets in one text, asked for in increasing order: each newline is counted once,
    so a body of thousands of quotations is not counted from its start thousands of times."""

    def __init__(self, text: str):
        self.text, self.offset, self.line, self.line_start = text, 0, 1, 0

    def __call__(self, offset: int) -> tuple[int, int]:
        if offset < self.offset:
            self.offset, self.line, self.line_start = 0, 1, 0
        newline = self.text.rfind("\n", self.offset, offset)
        if newline >= 0:
            self.line += self.text.count("\n", self.offset, offset)
            self.line_start = newline + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1


def _field_offset(raw_text: str, mark: tuple[int, int], value: str) -> int | None:
    """Offset in the file of a one-line front-matter value, found from its mark; None if it spans lines."""
    start = 0
    for _ in range(mark[0] - 1):
        start = raw_text.find("\n", start) + 1
        if start == 0:
            return None
    end = raw_text.find("\n", start)
    at = raw_text.find(value, start + max(0, mark[1] - 1), len(raw_text) if end < 0 else end)
    return at if at >= 0 else None


def _texts(doc, fields: dict, raw_text: str) -> list[tuple[str, int | None, tuple[int, int], str]]:
    """(text, its offset in the file or None, fallback position, field) for the summary and the body."""
    found = []
    summary = fields.get("summary")
    if summary:
        mark = doc.mark(("summary",))
        found.append((summary, _field_offset(raw_text, mark, summary), mark, "summary"))
    if doc.body:
        if raw_text.endswith(doc.body):  # the body is the rest of the file
            found.append((doc.body, len(raw_text) - len(doc.body), (doc.body_line, 1), "body"))
        else:  # not where expected (cannot happen with files read by read_text): count from the body's line
            found.append((doc.body, None, (doc.body_line, 1), "body"))
    return found


def _at(positions: _Positions, base: int | None, fallback: tuple[int, int], offset: int, text: str) -> tuple[int, int]:
    if base is not None:
        return positions(base + offset)
    line = fallback[0] + text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column if line != fallback[0] else fallback[1] + column - 1


def check_quotations(doc, fields: dict, root: Path | None, raw_text: str) -> list[Problem]:
    """Copies that cannot be read, quotations not in the copies, and entries with no copy to check against."""
    found: list[Problem] = []
    raw_sources = doc.data.get("sources")
    named = isinstance(raw_sources, list) and any(isinstance(s, dict) and s.get("copy") for s in raw_sources)
    if not named:
        if fields.get("status", "published") == "published" and fields.get("sources"):
            found.append(problem(doc.path, doc.key_mark(("sources",)), "quote-no-copy", WARNING))
        return found
    if root is None:
        return found  # no tree to read the copies from
    copies: list[_Copy] = []
    for index, source in enumerate(raw_sources):
        name = source.get("copy") if isinstance(source, dict) else None
        if not isinstance(name, str) or not COPY_NAME.match(name.strip()):
            continue  # none, or not a valid name (said by the field's check)
        name = name.strip()
        copy, rule, why = _load(Path(root), name)
        if copy is None:
            found.append(problem(doc.path, doc.mark(("sources", index, "copy")), rule,
                                 field=f"sources[{index + 1}].copy", found=f"{SOURCES_DIR}/{name}",
                                 why=why[0] if why else None, why_en=why[1] if why else None))
        elif all(c.name != copy.name for c in copies):
            copies.append(copy)
    if not copies:
        return found  # the copies named cannot be read: said above
    searched = "、".join(f"{SOURCES_DIR}/{c.name}" for c in copies)
    positions = _Positions(raw_text)
    for text, base, fallback, _ in _texts(doc, fields, raw_text):
        for offset, quote in quotations(_mainland(text)):  # 「…」 quotes too (and is warned about)
            fragments = _fragments(quote)
            if sum(map(len, fragments)) <= SHORT:
                continue
            if any(_found_in(copy, fragments) for copy in copies):
                continue
            passage = _closest(copies, "".join(fragments))
            found.append(problem(
                doc.path, _at(positions, base, fallback, offset, text), "quote-not-in-source",
                found=_shorten(quote), copies=searched, **_fixes(passage),
            ))
    return found


def check_brackets(doc, fields: dict, raw_text: str) -> list[Problem]:
    """「」『』 in a published entry's title, summary or body, one warning per line that has them."""
    if fields.get("status", "published") != "published" or not any(b in raw_text for b in BRACKETS):
        return []
    found = []
    texts = _texts(doc, fields, raw_text)
    title = fields.get("title")
    if title:
        mark = doc.mark(("title",))
        texts.insert(0, (title, _field_offset(raw_text, mark, title), mark, "title"))
    positions = _Positions(raw_text)
    for text, base, fallback, _ in texts:
        offset = 0
        for line in text.split("\n"):
            first = min((line.find(b) for b in BRACKETS if b in line), default=-1)
            if first >= 0:
                last = max(line.rfind(b) for b in BRACKETS)
                fixed = line[first : last + 1].translate(TO_MAINLAND)
                found.append(problem(
                    doc.path, _at(positions, base, fallback, offset + first, text), "quote-brackets", WARNING,
                    found=_shorten(line[first : last + 1]), suggestion=_shorten(fixed, 60),
                ))
            offset += len(line) + 1
    return found


__all__ = ["check_quotations", "check_brackets", "quotations"]
