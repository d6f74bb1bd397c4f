"""Reading content files safely: no links followed, no huge or binary files, encodings named."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, problem

MAX_FILE_BYTES = 1_000_000
BOM = "\ufeff"


@dataclass(frozen=True)
class TextFile:
    path: str  # as shown to people: relative to the project root, with /
    text: str


def read_text(root: Path, relpath: str) -> tuple[TextFile | None, list[Problem]]:
    """Read one file as UTF-8 text, or say why it cannot be read."""
    full = os.path.join(root, relpath)
    try:
        info = os.lstat(full)
    except OSError:
        return None, [problem(relpath, None, "file-missing", found=relpath)]
    if stat.S_ISLNK(info.st_mode):
        return None, [problem(relpath, None, "file-symlink")]
    if not stat.S_ISREG(info.st_mode):
        return None, [problem(relpath, None, "file-not-regular")]
    if info.st_size > MAX_FILE_BYTES:
        return None, [problem(relpath, None, "file-too-large", found=info.st_size, limit=MAX_FILE_BYTES)]
    # O_NOFOLLOW closes the gap between lstat and open where the OS has it.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(full, flags)
        try:
            data = _read_at_most(fd, info.st_size, MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)
    except OSError:
        return None, [problem(relpath, None, "file-not-regular")]
    if len(data) > MAX_FILE_BYTES:
        return None, [problem(relpath, None, "file-too-large", found=len(data), limit=MAX_FILE_BYTES)]
    return decode(relpath, data)


def _read_at_most(fd: int, expected: int, limit: int) -> bytes:
    """Up to `limit` bytes. The first read asks for one byte more than lstat saw, so the
    buffer fits the file (not the limit); a file that grew meanwhile is read on."""
    chunks = []
    size, want = 0, expected + 1
    while size < limit:
        chunk = os.read(fd, min(limit - size, want))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        want = 1 << 16
    return b"".join(chunks)


def decode(relpath: str, data: bytes) -> tuple[TextFile | None, list[Problem]]:
    if b"\x00" in data:
        wide = _wide_encoding(data)
        return None, [problem(relpath, None, "file-encoding-utf16", found=wide) if wide else problem(relpath, None, "file-binary")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if _looks_like_gbk(data):
            return None, [problem(relpath, (line, 1), "file-encoding-gbk")]
        return None, [problem(relpath, (line, 1), "file-encoding", found=exc.start)]
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        return None, [problem(relpath, None, "file-empty")]
    return TextFile(relpath, text), []


WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"), (b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE"))
# without a byte-order mark: (name, code unit size, which byte of a unit is zero for common characters)
WIDE_UNITS = (("UTF-32LE", 4, 3), ("UTF-32BE", 4, 0), ("UTF-16LE", 2, 1), ("UTF-16BE", 2, 0))


def _wide_encoding(data: bytes) -> str | None:
    """'UTF-16LE', 'UTF-32BE' … for text saved in UTF-16 (Windows Notepad's "Unicode") or UTF-32, else None."""
    for bom, name in WIDE_BOMS:  # UTF-32LE's mark begins as UTF-16LE's: the longer ones first
        if data.startswith(bom):
            return name
    for name, size, zero in WIDE_UNITS:
        sample = data[: 4096 - 4096 % size] if len(data) % size == 0 else b""
        zeros = sample[zero::size]
        if sample and zeros.count(0) >= 0.3 * len(zeros):  # ASCII characters, and in UTF-32 all common ones
            try:
                data.decode(name.lower())
            except UnicodeDecodeError:
                continue
            return name
    return None


def _looks_like_gbk(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    # Real GBK text decodes mostly to CJK characters, not to rare symbols.
    wide = [ch for ch in text if ord(ch) > 0x7F]
    cjk = [ch for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"]
    return bool(wide) and len(cjk) >= 0.8 * len(wide)


def symlinked_part(root: Path, relpath: str) -> str | None:
    """The first part of `relpath` (under `root`) that is a symbolic link, as a relative path; None if none is."""
    parts = relpath.split("/")
    for count in range(1, len(parts) + 1):
        if os.path.islink(os.path.join(root, *parts[:count])):
            return "/".join(parts[:count])
    return None


def list_entry_files(root: Path, folder: str) -> tuple[list[str], list[Problem]]:
    """Markdown files of one entry folder, sorted; other files and folders are named, not read.

    A folder reached through a symbolic link is refused like a linked file: its entries would
    come from outside the project."""
    base = root / folder
    found: list[str] = []
    problems: list[Problem] = []
    link = symlinked_part(root, folder)
    if link is not None:
        return found, [problem(link, None, "folder-symlink")]
    if not base.is_dir():
        return found, problems
    with os.scandir(base) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            rel = f"{folder}/{entry.name}"
            if entry.name.startswith("."):
                continue
            if entry.name.endswith(".md"):
                found.append(rel)
            elif entry.is_symlink():
                problems.append(problem(rel, None, "file-symlink"))
            elif entry.is_dir(follow_symlinks=False):
                problems.append(problem(rel, None, "folder-unexpected", severity="warning"))
            else:
                problems.append(problem(rel, None, "file-unexpected", severity="warning"))
    return found, problems
