"""Quotations checked against locally kept copies of their sources.

An entry may keep the text of a source in `cases/sources/<name>.txt` and name it in
that source's `copy:`. Then every quotation in the entry's summary and body must be
the source's own words, and `check` says where one is not:

- A quotation is the text between “ and its matching ” (a “ inside counts one level
  deeper; ‘…’ inside is part of the quotation). A “ that is never closed starts nothing.
- Both the quotation and each copy are normalized the same way, character by
  character: NFKC (so ，and , are one), every whitespace character removed, and
  every quotation mark removed (“ ” ‘ ’ 「 」 『 』 " ' and their full-width forms).
- “…” or “……” inside a quotation is a gap: the fragments between gaps must each be
  found in one copy, in order.
- A quotation found in none of the entry's copies is an error at its opening mark,
  with the closest passage of the copies as the fix.
- Exempt: quotations of at most 4 characters, gaps left out, after normalizing.
  Measured on the entries, these are names and terms (“三进”, “全市”, “田间学院”)
  and the site's own labels, never a quoted sentence; the shortest quoted clause of
  the source article is longer. A fragment of a longer quotation is always checked,
  however short, so a gap cannot hide a changed sentence.
- Entries none of whose sources has a copy cannot be checked: a published one gets
  one warning naming `copy:`. Drafts are left alone until they are published.

Straight corner brackets 「」『』 in a published entry's title, summary or body get a
warning with the text in mainland quotation marks (“ ” outside, ‘ ’ inside).

Each copy is read and normalized once per process (cached by path, size and
modification time); the search is `str.find` on the normalized text.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path

from ..problems import WARNING, Problem, problem
from .files import read_text
from .safety import file_state
from .schema import COPY_NAME

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


_cache: dict[str, tuple[tuple, _Copy | None, tuple | None]] = {}


def _load(root: Path, name: str) -> tuple[_Copy | None, str | None, tuple]:
    """(copy, None, ()), or (None, rule, (why, why_en)) when the copy cannot be used."""
    relpath = f"{SOURCES_DIR}/{name}"
    state, _ = file_state(root, relpath)  # every part of the path: no link anywhere
    if state != "ok":
        return None, "copy-symlink" if state == "symlink" else "copy-missing", ()
    full = os.path.join(root, relpath)
    try:
        info = os.stat(full)
    except OSError:
        return None, "copy-missing", ()
    key = (info.st_size, info.st_mtime_ns, info.st_ino)
    cached = _cache.get(full)
    if not cached or cached[0] != key:
        text_file, problems = read_text(root, relpath)
        if text_file is None:
            why = (problems[0].message("zh"), problems[0].message("en")) if problems else ("?", "?")
            cached = (key, None, why)
        else:
            cached = (key, _Copy(name, text_file.text), None)
        _cache[full] = cached
    return (cached[1], None, ()) if cached[2] is None else (None, "copy-unreadable", cached[2])


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


def _closest(copies: list[_Copy], wanted: str) -> str | None:
    """The passage of the copies most like `wanted`, as the copy writes it, or None."""
    best, best_ratio = None, 0.0
    for copy in copies:
        if not copy.normal:
            continue
        matcher = difflib.SequenceMatcher(None, copy.normal, wanted, autojunk=False)
        a, b, size = matcher.find_longest_match(0, len(copy.normal), 0, len(wanted))
        if size == 0:
            continue
        start = max(0, a - b)
        end = min(len(copy.normal), start + len(wanted))
        ratio = difflib.SequenceMatcher(None, copy.normal[start:end], wanted, autojunk=False).ratio()
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


def _position(raw_text: str, offset: int) -> tuple[int, int]:
    line = raw_text.count("\n", 0, offset) + 1
    return line, offset - (raw_text.rfind("\n", 0, offset) + 1) + 1


def _field_offset(raw_text: str, mark: tuple[int, int], value: str) -> int | None:
    """Offset in the file of a one-line front-matter value, found from its mark; None if it spans lines."""
    lines = raw_text.split("\n")
    if not 1 <= mark[0] <= len(lines):
        return None
    line = lines[mark[0] - 1]
    at = line.find(value, max(0, mark[1] - 1))
    if at < 0:
        return None
    return sum(len(text) + 1 for text in lines[: mark[0] - 1]) + at


def _texts(doc, fields: dict, raw_text: str) -> list[tuple[str, int | None, tuple[int, int], str]]:
    """(text, its offset in the file or None, fallback position, field) for the summary and the body."""
    found = []
    summary = fields.get("summary")
    if summary:
        mark = doc.mark(("summary",))
        found.append((summary, _field_offset(raw_text, mark, summary), mark, "summary"))
    if doc.body:
        start = sum(len(line) + 1 for line in raw_text.split("\n")[: doc.body_line - 1])
        if raw_text.startswith(doc.body, start):
            found.append((doc.body, start, (doc.body_line, 1), "body"))
        else:  # not where expected (cannot happen with files read by read_text): count from the body's line
            found.append((doc.body, None, (doc.body_line, 1), "body"))
    return found


def _at(raw_text: str, base: int | None, fallback: tuple[int, int], offset: int, text: str) -> tuple[int, int]:
    if base is not None:
        return _position(raw_text, base + offset)
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
    for text, base, fallback, _ in _texts(doc, fields, raw_text):
        for offset, quote in quotations(text):
            fragments = _fragments(quote)
            if sum(map(len, fragments)) <= SHORT:
                continue
            if any(_found_in(copy, fragments) for copy in copies):
                continue
            passage = _closest(copies, "".join(fragments))
            found.append(problem(
                doc.path, _at(raw_text, base, fallback, offset, text), "quote-not-in-source",
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
    for text, base, fallback, _ in texts:
        offset = 0
        for line in text.split("\n"):
            first = min((line.find(b) for b in BRACKETS if b in line), default=-1)
            if first >= 0:
                last = max(line.rfind(b) for b in BRACKETS)
                fixed = line[first : last + 1].translate(TO_MAINLAND)
                found.append(problem(
                    doc.path, _at(raw_text, base, fallback, offset + first, text), "quote-brackets", WARNING,
                    found=_shorten(line[first : last + 1]), suggestion=_shorten(fixed, 60),
                ))
            offset += len(line) + 1
    return found


__all__ = ["check_quotations", "check_brackets", "quotations"]
