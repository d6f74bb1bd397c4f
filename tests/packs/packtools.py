"""Reading packs as a user does: `python -m generator pack`, and the PDF through poppler's tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "packs"
VOCABULARY = ("themes.yml", "districts.yml", "institutions.yml")


def copy_fixture(root: Path) -> Path:
    """The packs fixture entries with the project's real vocabularies, as a project root at `root`."""
    shutil.copytree(FIXTURE, root)
    for name in VOCABULARY:
        shutil.copyfile(ROOT / "cases" / name, root / "cases" / name)
    return root

@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_pack(*args: str, root: Path, cwd: Path, env: dict | None = None) -> Run:
    """`python -m generator pack --root ROOT ARGS…` as a user runs it."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1717200000", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "pack", "--root", str(root), *args],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def pdf_pages(path: Path) -> list[str]:
    """pdftotext -layout output, one string per page (split on form feeds)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squeeze(text: str) -> str:
    """Text without any whitespace, so a title wrapped over two lines is still found."""
    return re.sub(r"\s+", "", text)


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines()) if v}


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Rows of `pdffonts`: name, emb, sub (the last columns are fixed: emb sub uni object ID)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 6:
            rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def contents(pages: list[str], titles: list[str]) -> dict[str, int]:
    """Title -> page number printed in the contents (the line that starts with the title ends in the number)."""
    found = {}
    for page in pages[:4]:
        for line in page.splitlines():
            flat = squeeze(line)
            for title in titles:
                match = re.fullmatch(re.escape(squeeze(title)) + r"(?:待补充)?[.·…]*(\d+)", flat)
                if match:
                    found[title] = int(match.group(1))
    return found


def first_page_with(pages: list[str], text: str, start: int) -> int | None:
    """1-based number of the first page from `start` whose text contains `text`."""
    for number, page in enumerate(pages[start - 1 :], start):
        if squeeze(text) in squeeze(page):
            return number
    return None


def links_and_bookmarks(path: Path) -> tuple[dict[str, int], list]:
    """Contents link -> page it opens (1-based), and the bookmarks as (depth, title, page)."""
    with pikepdf.open(path) as pdf:
        number = {page.objgen: index for index, page in enumerate(pdf.pages, 1)}
        names = pikepdf.NameTree(pdf.Root.Names.Dests)
        links = {}
        for page in pdf.pages[:4]:
            for annotation in page.get("/Annots", []):
                if "/Dest" in annotation:
                    links[str(annotation.Dest)] = number[names[str(annotation.Dest)][0].objgen]
        marks = []

        def walk(items, depth):
            for item in items:
                marks.append((depth, item.title, number[item.destination[0].objgen]))
                walk(item.children, depth + 1)

        with pdf.open_outline() as outline:
            walk(outline.root, 0)
    return links, marks


def destinations(path: Path) -> dict[str, tuple]:
    """Every named destination: name -> (1-based page, /XYZ left, top), coordinates rounded to a hundredth."""
    with pikepdf.open(path) as pdf:
        number = {page.objgen: index for index, page in enumerate(pdf.pages, 1)}
        return {name: (number[dest[0].objgen], round(float(dest[2]), 2), round(float(dest[3]), 2))
                for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()}


def internal_links(path: Path) -> dict[tuple[int, int], str]:
    """Every link to a named destination: (1-based page, link's place on the page) -> the name."""
    with pikepdf.open(path) as pdf:
        return {(number, place): str(annotation.Dest)
                for number, page in enumerate(pdf.pages, 1)
                for place, annotation in enumerate(a for a in page.get("/Annots", []) if "/Dest" in a)}
