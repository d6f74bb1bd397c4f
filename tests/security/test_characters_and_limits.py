"""Characters nobody can see are refused where people type, named by code point; images are limited in
pixels as well as bytes (read from the header, never decoded); addresses are limited in length."""

from __future__ import annotations

import json
import struct

import pytest

from generator.content.images import pixel_size
from generator.content.library import load_library
from generator.problems import format_text

FRONT = """---
title: {title}
summary: 合成的测试条目。
themes: [赛教融合]
institutions: [市教委]
district: {district}
sources:
  - title: 测试来源
    copy: zhenxing-youwo-huiketing-2e63d541.txt
    url: {url}
---

{body}
"""
HIDDEN = {
    "U+200B": "\u200b", "U+200D": "\u200d", "U+202E": "\u202e", "U+2066": "\u2066", "U+FEFF": "\ufeff",
    "U+2028": "\u2028", "U+0000": "\x00", "U+0008": "\b", "U+007F": "\x7f", "U+00AD": "\u00ad",
}


def write(tree, title="测试条目", district="全市", url="https://example.com/a", body="正文。") -> str:
    text = FRONT.format(title=json.dumps(title, ensure_ascii=False), district=json.dumps(district, ensure_ascii=False),
                        url=url, body=body)  # fmt: skip
    (tree / "cases/showcases/chars.md").write_text(text, encoding="utf-8")
    return "cases/showcases/chars.md"


def problems_of(tree, relpath):
    return [p for p in load_library(tree).problems if p.path == relpath]


@pytest.mark.parametrize("code", sorted(HIDDEN))
def test_hidden_characters_in_a_title_are_named_by_code_point(content_tree, code):
    relpath = write(content_tree, title=f"万州{HIDDEN[code]}区的案例")
    found = problems_of(content_tree, relpath)
    text = format_text(found)
    if code == "U+007F":  # JSON leaves DEL as it is, and YAML refuses to read it: named where it stands
        assert [(p.rule, p.line, p.column) for p in found] == [("hidden-character", 2, 11)], text
    else:  # written as an escape: named in the value
        assert [(p.rule, p.line) for p in found] == [("field-hidden-character", 2)], text
        assert "第 3 个字符" in text
    assert code in text


def test_a_lookalike_district_is_refused_not_suggested_as_itself(content_tree):
    relpath = write(content_tree, district="万州\u200b区")
    found = problems_of(content_tree, relpath)
    assert [p.rule for p in found] == ["field-hidden-character"] and "U+200B" in format_text(found)


@pytest.mark.parametrize("name", ["万州\u200b区", "万州区\u202e", "\u2066万州区"])
def test_hidden_characters_in_a_vocabulary_name_are_refused(content_tree, name):
    path = content_tree / "cases/districts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 万州区", f"name: {json.dumps(name)}", 1),
                    encoding="utf-8")  # fmt: skip
    found = [p for p in load_library(content_tree).problems if p.path == "cases/districts.yml"]
    assert "field-hidden-character" in {p.rule for p in found}, format_text(found)
    assert "districts[" in format_text(found)


def test_hidden_characters_in_the_body_are_named_at_their_line_and_column(content_tree):
    relpath = write(content_tree, body="第一行\n第二\u200b行\n\u202e第三行 &#x202E; &zwj;")
    found = problems_of(content_tree, relpath)
    assert [(p.rule, p.line, p.column) for p in found] == [
        ("hidden-character", 14, 3), ("hidden-character", 15, 1), ("hidden-reference", 15, 6),
        ("hidden-reference", 15, 15)], format_text(found)


def test_a_flood_of_hidden_characters_is_listed_briefly(content_tree):
    relpath = write(content_tree, body="文\u200b\n" * 500)
    found = problems_of(content_tree, relpath)
    assert len(found) == 21 and found[-1].rule == "more-of-the-same"
    assert "480" in format_text(found[-1:])


# --- images


def png(width: int, height: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height) + b"\x08\x02\0\0\0"


def jpeg(width: int, height: int, padding: int = 0) -> bytes:
    app = b"\xff\xe1" + struct.pack(">H", padding + 2) + b"\0" * padding if padding else b""
    sof = b"\xff\xc2" + struct.pack(">HBHH", 17, 8, height, width) + b"\0" * 10
    return b"\xff\xd8" + app + sof + b"\xff\xd9"


def gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\0" * 8


def webp(width: int, height: int) -> bytes:
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 30) + b"WEBPVP8X" + struct.pack("<I", 10) + b"\0" * 4 + canvas


@pytest.mark.parametrize("name, data, size", [
    ("a.png", png(9000, 9000), (9000, 9000)), ("b.jpg", jpeg(12000, 4000, padding=60_000), (12000, 4000)),
    ("c.gif", gif(640, 480), (640, 480)), ("d.webp", webp(16383, 16383), (16383, 16383)),
], ids=["png", "jpeg-after-metadata", "gif", "webp"])
def test_pixel_size_is_read_from_the_header(tmp_path, name, data, size):
    (tmp_path / name).write_bytes(data)
    assert pixel_size(tmp_path / name) == size


@pytest.mark.parametrize("name, data", [("huge.png", png(9000, 9000)), ("huge.jpg", jpeg(10000, 5000, 30_000)),
                                        ("huge.webp", webp(8000, 8000))], ids=["png", "jpeg", "webp"])
def test_an_image_of_too_many_pixels_is_refused(content_tree, name, data):
    (content_tree / "cases/assets").mkdir()
    (content_tree / "cases/assets" / name).write_bytes(data)
    relpath = write(content_tree, body=f"![大图](../assets/{name})")
    found = problems_of(content_tree, relpath)
    assert [p.rule for p in found] == ["image-too-many-pixels"], format_text(found)
    assert "40 百万像素" in format_text(found) and f"{relpath}:13:" in format_text(found)


def test_an_image_within_the_pixel_limit_is_accepted(content_tree):
    (content_tree / "cases/assets").mkdir()
    (content_tree / "cases/assets/ok.png").write_bytes(png(6000, 6000))
    relpath = write(content_tree, body="![田间](../assets/ok.png)")
    assert problems_of(content_tree, relpath) == []


# --- addresses


def test_a_source_address_too_long_is_refused(content_tree):
    relpath = write(content_tree, url="https://example.com/" + "a" * 2100)
    found = problems_of(content_tree, relpath)
    assert [p.rule for p in found] == ["url-too-long"] and "2048" in format_text(found)


def test_a_link_address_too_long_is_refused(content_tree):
    relpath = write(content_tree, body="[来源](https://example.com/" + "a" * 2100 + ")")
    found = problems_of(content_tree, relpath)
    assert "url-too-long" in {p.rule for p in found}, format_text(found)
