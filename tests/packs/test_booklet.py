"""The booklet HTML: sanitized bodies, local images only from inside cases/, Chinese typesetting, fonts."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest

from generator.content.library import load_library
from generator.packs.booklet import booklet_date, link_rewriter, make_booklet, render_html, stylesheet_text
from generator.packs.paper import css_string
from generator.packs.fonts import FontMissing, find_cjk_font

from .packtools import run_pack

pytestmark = pytest.mark.pdf

HOSTILE = """## 一、基本情况

<script>alert("x")</script>
<img src="../assets/yangli-tupian.png" alt="图" onerror="alert(1)">
<a href="javascript:alert(2)">点我</a> [也点我](javascript:alert(3)) <a href="JaVaScRiPt&#58;alert(4)">再点</a>
<iframe src="https://example.com/"></iframe><style>body{display:none}</style>
<div onclick="alert(5)" style="background:url(https://example.com/x.png)">普通文字仍然保留</div>
"""


@pytest.fixture
def library(pack_tree):
    return load_library(pack_tree).library


def test_html_format_writes_a_standalone_chinese_page(pack_tree, tmp_path):
    out = tmp_path / "pack.html"
    run = run_pack("--theme", "赛教融合", "--format", "html", "-o", str(out), root=pack_tree, cwd=tmp_path)
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html
    assert "<style>" in html and "@page" in html  # the styles travel with the file
    for title in ("【样例】以赛促教的虚构案例", "【样例】赛教融合主题的短条目", "【样例】虚构的以赛促用模式"):
        assert title in html
    assert "【样例】技能培训的虚构案例" not in html and "【样例】尚未发布的草稿" not in html
    assert 'class="stub-mark">待补充' in html
    image = (pack_tree / "cases" / "assets" / "yangli-tupian.png").resolve().as_uri()
    assert f'src="{image}"' in html
    assert html.count('src="data:image/png;base64,') == 3  # one QR code per entry
    assert "<script" not in html and "<link" not in html


def test_format_follows_the_output_suffix(pack_tree, tmp_path):
    out = tmp_path / "pack.html"
    assert run_pack("--ids", "yangli-moshi", "-o", str(out), root=pack_tree, cwd=tmp_path).code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_hostile_body_is_inert(library):
    """A body that slipped past `check` (here: put straight into the model) prints as text, never as code."""
    entry = dataclasses.replace(library.get("case", "yangli-yisai-cujiao"), body=HOSTILE)
    html = render_html(make_booklet(library, [entry], "测试", "测试", "https://example.org/"))
    body = html.split('<div class="entry-body">', 1)[1].split("</div>\n", 1)[0]
    assert "普通文字仍然保留" in body
    lowered = html.lower()
    for inert in ("<script", "onerror", "onclick", "javascript", "<iframe", "<style>body", "example.com"):
        assert inert not in lowered, inert
    assert re.search(r'<img[^>]*src="file://[^"]*yangli-tupian\.png"', body)  # the real image survives, safely


def test_local_links_images_and_escapes(library, pack_tree, tmp_path):
    entry = library.get("case", "yangli-yisai-cujiao")
    rewrite = link_rewriter(library, entry, "https://example.org/")
    image = pack_tree / "cases" / "assets" / "yangli-tupian.png"
    assert rewrite("../assets/yangli-tupian.png") == image.resolve().as_uri()
    assert rewrite("../models/yangli-moshi.md") == "https://example.org/models/yangli-moshi/"
    assert rewrite("../../../etc/passwd.png") is None  # leaves cases/
    assert rewrite("/etc/hosts.png") is None
    assert rewrite("../assets/missing.png") is None
    outside = tmp_path / "secret.png"
    outside.write_bytes(image.read_bytes())
    (pack_tree / "cases" / "assets" / "link.png").symlink_to(outside)
    assert rewrite("../assets/link.png") is None  # a symlink is never followed
    (pack_tree / "cases" / "linked").symlink_to(pack_tree / "cases" / "assets", target_is_directory=True)
    assert rewrite("../linked/yangli-tupian.png") is None
    assert link_rewriter(library, entry, None)("../models/yangli-moshi.md") is None  # no site address known


def test_typesetting_for_chinese(library):
    html = render_html(make_booklet(library, library.published[:1], "测试", "测试", None))
    assert '<html lang="zh-CN">' in html
    css = stylesheet_text()  # all of the booklet's stylesheets
    for rule in ("text-align: justify", "line-break: strict", "string-set: entry-title", "target-counter(attr(href), page)",
                 "counter(pages)"):  # fmt: skip
        assert rule in css


def test_date_comes_from_source_date_epoch():
    assert booklet_date({"SOURCE_DATE_EPOCH": "1717200000"}).isoformat() == "2024-06-01"
    assert booklet_date({"SOURCE_DATE_EPOCH": "not a number"}) == booklet_date({})


def test_css_strings_cannot_break_out():
    assert css_string("Noto Sans CJK SC") == '"Noto Sans CJK SC"'
    assert css_string('x"; } body { color: red') == '"x\\22 \\3b  \\7d  body \\7b  color: red"'
    assert css_string("</style>") == '"\\3c /style\\3e "'


def test_font_lookup_scans_folders_when_fontconfig_knows_none(tmp_path):
    real = next((Path(p) for p in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",) if Path(p).exists()), None)
    if real is None:
        pytest.skip("needs fonts-noto-cjk")
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / real.name).symlink_to(real)
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "ZJXN_FONT_DIRS": str(folder)}
    env.pop("ZJXN_PACK_FONT", None)
    font = find_cjk_font(env=env)
    assert font.family == "Noto Sans CJK SC" and font.path == real.resolve()
    with pytest.raises(FontMissing):
        find_cjk_font(env={**env, "ZJXN_FONT_DIRS": str(tmp_path / "nothing")})
