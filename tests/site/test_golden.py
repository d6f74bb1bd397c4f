"""The site as readers get it, compared with committed expected files (a golden snapshot).

The synthetic tree `tests/fixtures/golden/` is built with the real `build` command;
each page's main content (with its search filters), the navigation, and the data
exports are compared with `tests/golden/site/`. After an intended change:

    UPDATE_GOLDEN=1 python3 -m pytest tests/site/test_golden.py

and read `git diff tests/golden/` before committing.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import run_generator

ROOT = Path(__file__).resolve().parents[2]
TREE = ROOT / "tests" / "fixtures" / "golden"
GOLDEN = ROOT / "tests" / "golden" / "site"
EXPORTS = ("cases.json", "cases.csv", "feed.xml", "browse/index.json", "browse/title.json", "browse/cards/0.json",
           "print/data/catalogue.json", "print/data/facets/district.json", "print/data/entries/0.json",
           "assets/css/print-paper.css")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


class _Region(HTMLParser):
    """The source text of the first element matching `wanted(tag, attrs)`, start tag to matching end tag."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, text: str, wanted):
        super().__init__(convert_charrefs=False)
        self.text, self.wanted = text, wanted
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.start = self.end = None
        self.depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID or self.end is not None:
            return
        if self.start is None:
            if self.wanted(tag, dict(attrs)):
                self.start, self.depth = self._offset(), 1
        else:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.start is None or self.end is not None or tag in self.VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            self.end = self.text.index(">", self._offset()) + 1

    @classmethod
    def find(cls, text: str, wanted) -> str | None:
        parser = cls(text, wanted)
        parser.feed(text)
        return text[parser.start : parser.end] if parser.start is not None and parser.end else None


def _main_content(html: str) -> str:
    """The page's article (Material's content column), blank lines and trailing spaces removed."""
    region = _Region.find(html, lambda tag, attrs: tag == "article" and "md-content__inner" in (attrs.get("class") or ""))
    lines = [line.rstrip() for line in (region or "").splitlines()]
    return "\n".join(line for line in lines if line.strip()) + "\n"


def _head(html: str) -> str:
    found = []
    for pattern in (r"<html[^>]*>", r"<title>.*?</title>", r'<meta name="description"[^>]*>'):
        match = re.search(pattern, html, re.S)
        found.append(match.group(0) if match else "")
    return "\n".join(found) + "\n"


def _navigation(html: str) -> str:
    nav = _Region.find(html, lambda tag, attrs: tag == "nav" and "md-nav--primary" in (attrs.get("class") or ""))
    links = re.findall(r'<a href="([^"]*)"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<', nav or "")
    return "".join(f"{title}\t{href}\n" for href, title in links)


def snapshot(site: Path) -> dict[str, str]:
    """Expected-file path (under GOLDEN) -> text, for everything the snapshot covers."""
    files: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative.startswith(("assets/", "pagefind/")):
            continue
        html = page.read_text(encoding="utf-8")
        files[f"pages/{relative}"] = _head(html) + _main_content(html)
    files["navigation.txt"] = _navigation((site / "index.html").read_text(encoding="utf-8"))
    for name in EXPORTS:
        if (site / name).is_file():
            files[f"exports/{name}"] = (site / name).read_text(encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("golden")
    shutil.copytree(TREE / "cases", work / "cases")
    out = work / "site"
    done = run_generator("build", "--root", str(work), "--out", str(out), "--no-packs")
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_site_matches_the_golden_snapshot(golden_site):
    actual = snapshot(golden_site)
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in actual.items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(actual) == sorted(expected), "pages or exports added or removed: regenerate with UPDATE_GOLDEN=1"
    changed = [name for name in actual if actual[name] != expected[name]]
    assert not changed, f"changed against tests/golden/site/: {changed[:10]} (UPDATE_GOLDEN=1 regenerates)"


def test_snapshot_sees_what_readers_see(golden_site):
    """The snapshot is not empty or blind: it holds entry text, search filters and the exports."""
    files = snapshot(golden_site)
    entry = files["pages/cases/shili-saishi-cujiao/index.html"]
    assert "【示例】以赛促学的示例案例" in entry and "data-pagefind-filter" in entry and "36,000" in entry
    assert "示例来源一（合成）" in files["exports/cases.csv"] and '"level": "市级"' in files["exports/cases.json"]
    assert not any("草稿条目不应发布" in text for text in files.values())
