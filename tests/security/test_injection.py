"""Every injection vector is refused by `check` and inert once rendered, even when `check` is bypassed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vectors import BODY_VECTORS, FIELD_VECTORS, active_content  # noqa: E402

from generator.content.library import load_library  # noqa: E402
from generator.render import render_body  # noqa: E402

UNSAFE_RULES = {"unsafe-html", "unsafe-url", "path-escape", "html-in-field"}
FRONT = {
    "title": "示例：注入测试",
    "summary": "合成的测试条目。",
    "themes": ["赛教融合"],
    "institutions": ["市教委"],
    "district": "全市",
    "sources": [{"title": "测试来源", "publisher": "测试", "copy": "zhenxing-youwo-huiketing-2e63d541.txt"}],
    "outcomes": [{"label": "培训", "value": 1, "unit": "人次"}],
}
# every place a contributor's string reaches a page
FIELD_PATHS = [("title",), ("summary",), ("sources", 0, "title"), ("sources", 0, "publisher"),
               ("outcomes", 0, "label"), ("outcomes", 0, "unit")]


def write_entry(tree: Path, name: str, front: dict, body: str) -> None:
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body + "\n"
    (tree / "cases" / "showcases" / f"{name}.md").write_text(text, encoding="utf-8")


def problems_of(tree: Path, name: str):
    return [p for p in load_library(tree).problems if p.path == f"cases/showcases/{name}.md"]


@pytest.mark.parametrize("vector", sorted(BODY_VECTORS))
def test_body_vector_refused_by_check(content_tree, vector):
    write_entry(content_tree, "hostile", FRONT, "正文。\n\n" + BODY_VECTORS[vector] + "\n")
    found = problems_of(content_tree, "hostile")
    assert any(p.rule in UNSAFE_RULES and p.is_error for p in found), found
    assert all(p.line >= 10 for p in found if p.rule in UNSAFE_RULES)  # pointed at the body line


@pytest.mark.parametrize("vector", sorted(BODY_VECTORS))
def test_body_vector_inert_when_rendered(vector):
    html = render_body("正文。\n\n" + BODY_VECTORS[vector] + "\n")
    assert active_content(html) == [], html


@pytest.mark.parametrize("field_path", FIELD_PATHS, ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize("vector", sorted(FIELD_VECTORS))
def test_front_matter_vector_refused_by_check(content_tree, field_path, vector):
    front = yaml.safe_load(yaml.safe_dump(FRONT, allow_unicode=True))
    target = front
    for part in field_path[:-1]:
        target = target[part]
    target[field_path[-1]] = FIELD_VECTORS[vector]
    write_entry(content_tree, "hostile", front, "正文。")
    found = problems_of(content_tree, "hostile")
    assert any(p.rule in UNSAFE_RULES for p in found), found


def test_hostile_entry_leaves_other_entries_loaded(content_tree):
    write_entry(content_tree, "hostile", FRONT, BODY_VECTORS["script-tag"])
    result = load_library(content_tree)
    assert result.library.get("case", "hostile") is None  # an entry with errors is never published
    assert result.library.get("case", "huixue-bayu-songjiao-xiaxiang") is not None


@pytest.mark.parametrize(
    "link",
    ["../../../etc/passwd.png", "/etc/passwd.png", "C:/Windows/win.ini.png", "https://evil.example/x.png"],
)
def test_image_outside_content_is_refused(content_tree, link):
    write_entry(content_tree, "escape", FRONT, f"![图]({link})")
    found = problems_of(content_tree, "escape")
    assert any(p.rule == "path-escape" for p in found), found


def test_symlinked_image_is_refused(content_tree, tmp_path):
    assets = content_tree / "cases" / "assets"
    assets.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (assets / "link.png").symlink_to(tmp_path / "outside.png")
    write_entry(content_tree, "linked", FRONT, "![图](../assets/link.png)")
    assert [p.rule for p in problems_of(content_tree, "linked")] == ["image-symlink"]


def test_image_rules_size_format_alt(content_tree):
    assets = content_tree / "cases" / "assets"
    assets.mkdir()
    (assets / "big.png").write_bytes(b"\x89PNG" + b"0" * 2_100_000)
    (assets / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (assets / "page.svg").write_text("<svg onload=alert(1)></svg>")
    write_entry(content_tree, "images", FRONT, "![大图](../assets/big.png)\n\n![](../assets/ok.png)\n\n![矢量](../assets/page.svg)")
    rules = sorted(p.rule for p in problems_of(content_tree, "images"))
    assert rules == ["image-alt", "image-format", "image-too-large"]


def test_good_image_is_accepted(content_tree):
    assets = content_tree / "cases" / "assets"
    assets.mkdir()
    (assets / "field.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    write_entry(content_tree, "image-ok", FRONT, "![田间课堂](../assets/field.jpg)")
    assert problems_of(content_tree, "image-ok") == []


def test_whole_site_inert_when_check_is_bypassed(project_root):
    """Every vector at once, in a body and in every printed string, straight into the page builder."""
    import dataclasses

    from generator.index import build_index
    from generator.site.pages import SiteOptions, build_site

    library = load_library(project_root).library
    payload = FIELD_VECTORS["tag"] + FIELD_VECTORS["script"]
    hostile = {
        "title": payload, "summary": payload, "body": "\n\n".join(BODY_VECTORS.values()),
    }
    entries = tuple(dataclasses.replace(e, **hostile) if e.id == "sanxia-tianjian-xueyuan" else e for e in library.entries)
    library = dataclasses.replace(library, entries=entries)
    site = build_site(library, build_index(library), SiteOptions())
    assert "cases/sanxia-tianjian-xueyuan/index.md" in site.pages
    for path, text in site.pages.items():
        if path.endswith((".md", ".html")):
            assert active_content(text, page=True) == [], path
