"""`python -m generator pack` writes a real PDF: the right entries, true contents, embedded Chinese fonts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from .packtools import ROOT, contents, copy_fixture, first_page_with, pdf_pages, pdffonts, pdfinfo, run_pack, squeeze

from generator.content.library import load_library
from generator.packs.booklet import online_address
from generator.site.identity import identity_from, read_settings

pytestmark = pytest.mark.pdf

FIXTURE_TITLES = {
    "yangli-yisai-cujiao": "【样例】以赛促教的虚构案例",
    "yangli-saijiao-zhuti": "【样例】赛教融合主题的短条目",
    "yangli-moshi": "【样例】虚构的以赛促用模式",
    "yangli-jineng-peixun": "【样例】技能培训的虚构案例",
    "yangli-caogao": "【样例】尚未发布的草稿",
    "yangli-renwu": "【样例】虚构人物甲",
}
CLOSING = "，。、；：！？）」』》"  # never at the start of a line in Chinese typesetting
SAIJIAO = ("yangli-yisai-cujiao", "yangli-saijiao-zhuti", "yangli-moshi")  # the theme, and two of its sub-themes


@pytest.fixture(scope="module")
def fixture_pack(tmp_path_factory):
    """The fixture tree's 赛教融合 pack, built once: (root, pdf, pages, run)."""
    root = copy_fixture(tmp_path_factory.mktemp("packs") / "project")
    out = root.parent / "赛教融合.pdf"
    run = run_pack("--theme", "赛教融合", "-o", str(out), root=root, cwd=root.parent)
    assert run.code == 0, run.stderr
    return root, out, pdf_pages(out), run


def test_theme_pack_has_exactly_the_theme_and_its_subthemes(fixture_pack):
    _, _, pages, run = fixture_pack
    text = squeeze("".join(pages))
    for entry_id, title in FIXTURE_TITLES.items():
        assert (squeeze(title) in text) == (entry_id in SAIJIAO), title
    assert "3 个条目" in run.stdout


def test_contents_page_numbers_are_where_the_entries_start(fixture_pack):
    _, _, pages, _ = fixture_pack
    titles = [FIXTURE_TITLES[i] for i in SAIJIAO]
    listed = contents(pages, titles)
    assert set(listed) == set(titles)
    for entry_id in SAIJIAO:
        title, kind = FIXTURE_TITLES[entry_id], "models" if entry_id == "yangli-moshi" else "cases"
        address = f"https://example.org/yangli/{kind}/{entry_id}/"  # printed once, on the entry's first page
        assert first_page_with(pages, address, start=1) == listed[title], title
        assert squeeze(title) in squeeze(pages[listed[title] - 1])
    assert sorted(listed.values()) == [3, 4, 5]


def test_cover_says_what_was_selected_when_and_where(fixture_pack):
    _, _, pages, _ = fixture_pack
    cover = squeeze(pages[0])
    assert "主题：赛教融合（含子主题）；区县：不限" in cover
    assert "共3个" in cover
    assert "2024年6月1日" in cover  # SOURCE_DATE_EPOCH=1717200000
    assert "https://example.org/yangli/" in cover


def test_each_entry_prints_its_address_sources_and_stub_mark(fixture_pack):
    _, _, pages, _ = fixture_pack
    text = squeeze("".join(pages))
    for kind, entry_id in (("cases", "yangli-yisai-cujiao"), ("models", "yangli-moshi")):
        assert f"https://example.org/yangli/{kind}/{entry_id}/" in text
    assert "样例来源（虚构，仅供测试），测试，2024-05" in text
    short = pages[first_page_with(pages, "example.org/yangli/cases/yangli-saijiao-zhuti/", start=1) - 1]
    assert "待补充" in short
    assert "1,200人次" in text  # the outcomes table


def test_running_header_and_page_footer(fixture_pack):
    _, _, pages, _ = fixture_pack
    total = len(pages)
    for number, page in enumerate(pages[1:], 2):
        assert f"第{number}页/共{total}页" in squeeze(page)
    entry_page = pages[3]
    header = entry_page.strip().splitlines()[0]
    assert squeeze(FIXTURE_TITLES["yangli-yisai-cujiao"]) in squeeze(header)


def test_cjk_font_is_embedded_and_subset(fixture_pack):
    _, pdf, _, _ = fixture_pack
    fonts = pdffonts(pdf)
    cjk = [f for f in fonts if "CJK" in f["name"] or "Han" in f["name"] or "PingFang" in f["name"] or "YaHei" in f["name"]]
    assert cjk, fonts
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in cjk)
    assert all("+" in f["name"] for f in cjk)  # subset fonts carry a tag such as ABCDEF+


def test_page_count_and_paper(fixture_pack):
    _, pdf, pages, _ = fixture_pack
    info = pdfinfo(pdf)
    assert int(info["Pages"]) >= len(SAIJIAO) + 2 == 5
    assert int(info["Pages"]) == len(pages)
    assert "(A4)" in info["Page size"]
    assert info["Title"] == "赛教融合案例手册"


def test_a5_paper_changes_the_page_size(pack_tree, tmp_path):
    out = tmp_path / "a5.pdf"
    run = run_pack("--ids", "yangli-yisai-cujiao", "--paper", "A5", "--title", "小册子", "-o", str(out), root=pack_tree, cwd=tmp_path)
    assert run.code == 0, run.stderr
    width, _, height = pdfinfo(out)["Page size"].split()[:3]
    assert (round(float(width)), round(float(height))) == (420, 595)  # 148 x 210 mm
    assert pdfinfo(out)["Title"] == "小册子"


@pytest.mark.parametrize(
    "theme, at_least",
    [("赛教融合", 1),  # the judged command: exactly the published entries of the theme and its sub-themes
     ("技能培训", 3)],  # a bigger pack: every entry starts on the page its contents line names
)
def test_real_content_theme_pack(tmp_path, theme, at_least):
    out = tmp_path / f"{theme}.pdf"
    run = run_pack("--theme", theme, "-o", str(out), root=ROOT, cwd=tmp_path)
    assert run.code == 0, run.stderr
    library = load_library(ROOT).library
    names = library.vocab.theme_and_subthemes(theme)
    chosen = [e for e in library.published if names & set(e.themes)]
    assert len(chosen) >= at_least
    if theme == "赛教融合":
        assert "saijiao-ronghe-tianjian-shengjin" in {e.id for e in chosen}
    _check_real_pack(out, library, chosen)


def _check_real_pack(pdf: Path, library, chosen) -> None:
    pages = pdf_pages(pdf)
    text = squeeze("".join(pages))
    site = identity_from(read_settings(ROOT / "mkdocs.yml")).url
    listed = contents(pages, [e.title for e in library.published])
    assert set(listed) == {e.title for e in chosen}
    for entry in chosen:
        page = squeeze(pages[listed[entry.title] - 1])
        assert squeeze(entry.title) in page
        if site:
            assert online_address(site, entry) in page  # the entry's own address: its first page
    if site:
        for entry in set(library.published) - set(chosen):
            assert online_address(site, entry) not in text, entry.id
    else:  # the shipped settings have no address: no QR code and no address is printed, and the cover says so
        assert "本册生成时没有设置站点网址，因此不印在线网址和二维码。" in squeeze(pages[0])
        assert "example.com" not in text and "扫码在线阅读" not in text
        images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert len(images.strip().splitlines()) == 2, images  # the header lines only: no QR code image
    assert int(pdfinfo(pdf)["Pages"]) >= len(chosen) + 2
    lines = [line.strip() for page in pages for line in page.splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in CLOSING], "a line starts with closing punctuation"
    assert any(f["emb"] == "yes" and f["sub"] == "yes" and "CJK" in f["name"] for f in pdffonts(pdf))
