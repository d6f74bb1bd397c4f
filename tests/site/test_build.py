"""`python -m generator build` / `export`: the built site, its exports, and how the output folder is replaced."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


RESOURCE = re.compile(r"<(script|link|img|source|iframe|video|audio|embed|object)\b[^>]*>", re.I)
URL_ATTR = re.compile(r'\b(src|href|srcset|data)\s*=\s*["\']?\s*((?:https?:)?//[^"\'\s>]+)', re.I)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def file_bytes(root: Path) -> dict:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_pages_are_at_their_urls(built_site):
    for url in ("", "cases/sanxia-tianjian-xueyuan/", "models/tianjian-xueyuan/", "figures/xiong-guiying/",
                "themes/", "themes/tongchou-funeng/", "themes/tongchou-funeng/dingceng-sheji/", "districts/",
                "districts/wanzhou/", "institutions/", "institutions/cq-sanxia-zhiye-xueyuan/", "years/", "browse/",
                "stats/", "cases/", "models/", "figures/", "about/", "licence/"):
        assert (built_site / url / "index.html").is_file(), url


def test_drafts_are_not_published(built_site):
    assert not (built_site / "cases" / "shili-caogao").exists()
    for path in [*html_files(built_site), built_site / "cases.json", built_site / "cases.csv", built_site / "feed.xml"]:
        assert "青苔石阶" not in read(path) and "示例草稿条目" not in read(path), path


def test_html_is_chinese_and_search_indexes_only_the_article(built_site):
    case = read(built_site / "cases/shili-nianfen-anli-a/index.html")
    assert '<html lang="zh-CN"' in case
    assert case.count("data-pagefind-body") == 1
    assert 'data-pagefind-filter="主题">技能培训<' in case and 'data-pagefind-filter="区县">万州区<' in case
    nav = case.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "data-pagefind-body" not in nav
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert not (built_site / "pagefind" / "pagefind-ui.js").exists()  # the site has its own search dialog
    assert json.loads(read(built_site / "pagefind/pagefind-entry.json"))["languages"]["zh-cn"]["page_count"] > 31


def test_search_tells_listing_pages_from_entries(built_site):
    """search.js puts entries first by asking for the indexed pages without 页面 = 索引: every indexed page
    that is not an entry must carry it, and no entry may (the filter's file would then name every entry)."""
    listing_mark = '<span data-pagefind-filter="页面">索引</span>'
    entries = listings = 0
    for path in html_files(built_site):
        html = read(path)
        if "data-pagefind-body" not in html:
            continue
        is_entry = path.relative_to(built_site).parts[0] in ("cases", "models", "figures")
        assert (listing_mark in html) != is_entry, path
        assert html.count('data-pagefind-filter="页面"') == (0 if is_entry else 1), path
        entries, listings = entries + is_entry, listings + (not is_entry)
    assert entries > 20 and listings > 10
    indexed = json.loads(read(built_site / "pagefind/pagefind-entry.json"))["languages"]["zh-cn"]["page_count"]
    assert indexed == entries + listings


def test_navigation_lists_index_pages_never_entries(built_site):
    home = read(built_site / "index.html")
    nav = home.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    for label in ("主题", "浏览与筛选", "典型案例", "模式", "典型人物", "区县", "院校与机构", "年份", "统计", "关于本站", "内容许可"):
        assert label in labels
    assert "田间学院" not in nav and "熊贵英" not in nav


def test_no_resource_is_loaded_from_elsewhere(built_site):
    for path in html_files(built_site):
        for tag in RESOURCE.finditer(read(path)):
            markup = tag.group(0)
            if markup.lower().startswith("<link") and not re.search(r'rel="?(stylesheet|preload|modulepreload|icon|preconnect)', markup):
                continue  # canonical, alternate, license links are not loads
            assert not URL_ATTR.search(markup), f"{path}: {markup}"
    for path in [*built_site.rglob("*.css")]:
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", read(path)), path
    assert "fonts.googleapis" not in read(built_site / "index.html")


def test_page_scripts_load_only_where_needed(built_site):
    scripts = lambda url: re.findall(r'<script src="([^"]+)"', read(built_site / url / "index.html"))  # noqa: E731
    own = [s for s in scripts("cases/sanxia-tianjian-xueyuan/") if s.startswith("../../assets/js/")]
    assert own == ["../../assets/js/qr.js", "../../assets/js/entry.js", "../../assets/js/search.js"]  # qr.js first
    assert "../assets/js/browse.js" in scripts("browse/")
    assert not [s for s in scripts("") + scripts("themes/") if s.endswith(("/qr.js", "/entry.js", "/browse.js"))]


def test_page_sizes_stay_small(built_site):
    sizes = [p.stat().st_size for d in ("cases", "models", "figures") for p in (built_site / d).glob("*/index.html")]
    assert statistics.median(sizes) < 40_000


def test_edit_link_points_to_the_entry_file(built_site):
    page = read(built_site / "models/tianjian-xueyuan/index.html")
    assert 'href="https://github.com/zjxn-test/zhijiao-xingnong/edit/main/cases/models/tianjian-xueyuan.md"' in page
    about = read(built_site / "about/index.html")
    assert "edit/main/docs/about.md" in about


def test_footer_names_the_organiser_contact_filing_licence_and_site_map(built_site):
    for url in ("", "cases/sanxia-tianjian-xueyuan/", "about/"):
        footer = read(built_site / url / "index.html").split('<footer class="md-footer">')[1]
        assert "主办单位：示例主办单位（测试）" in footer
        assert '<a href="mailto:contact@zjxn.test">contact@zjxn.test</a>' in footer
        assert '<a href="https://beian.miit.gov.cn/" rel="noopener">渝ICP备00000000号-1</a>' in footer
        assert "公网安备" not in footer  # not set: not shown
        assert "CC BY 4.0" in footer and "licence/" in footer and ">网站地图<" in footer and "sitemap/" in footer


def test_contribute_page_leads_with_the_form_then_git(built_site):
    page = read(built_site / "contribute/index.html")
    form = page.index('href="https://github.com/zjxn-test/zhijiao-xingnong/issues/new?template=new-case.yml"')
    assert form < page.index("熟悉 Git") and ">参与贡献<" in page
    for word in ("CONTRIBUTING", "cases/", "python", "sources"):
        assert word not in page.split('<article class="zjxn')[1].split("</article>")[0], word


def test_reader_pages_use_reader_words(built_site):
    """No command, file name or field name on a reader's page; no placeholder host anywhere."""
    for path in html_files(built_site):
        text = read(path)
        assert "example.com" not in text, path
        main = text.split('<div class="md-content"', 1)[-1].split("</article>")[0]
        for word in ("python3 -m", "generator build", "CONTRIBUTING.md", "在 sources 中", "Atom）", "「", "」"):
            assert word not in main, (path, word)


def test_body_image_is_copied_and_linked(built_site):
    page = read(built_site / "cases/shili-nianfen-anli-a/index.html")
    assert 'src="../../assets/cases/assets/shili-fangkuai.png"' in page
    copied = built_site / "assets/cases/assets/shili-fangkuai.png"
    assert copied.read_bytes() == (ROOT / "tests/fixtures/site/cases/assets/shili-fangkuai.png").read_bytes()


def test_cases_json_resolves_references(built_site):
    data = json.loads(read(built_site / "cases.json"))
    entries = {(e["type"], e["id"]): e for e in data["entries"]}
    assert len(entries) == 31 and data["license"] == "CC BY 4.0"
    case = entries[("case", "sanxia-tianjian-xueyuan")]
    assert case["models"] == [{"type": "model", "id": "tianjian-xueyuan", "title": "田间学院", "url": "models/tianjian-xueyuan/"}]
    model = entries[("model", "tianjian-xueyuan")]
    assert {r["id"] for r in model["referenced_by"]} == {"sanxia-tianjian-xueyuan", "tianjian-chanye-xueyuan-xuetuzhi", "huixue-bayu-songjiao-xiaxiang",
                                                     "sanxia-tianjian-xueyuan-sililanka"}
    assert entries[("case", "shili-nianfen-anli-a")]["outcomes"] == [{"label": "示例培训", "value": 1200, "unit": "人次"}]


def test_cases_csv_has_a_bom_and_one_row_per_entry(built_site):
    raw = (built_site / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 31
    row = next(r for r in rows if r["编号"] == "shili-nianfen-anli-a")
    assert row["年份"] == "2023" and row["网址"] == "https://zjxn.test/zhijiao-xingnong/cases/shili-nianfen-anli-a/"
    assert row["相关模式"] == "订单班"


def test_feed_is_atom_with_the_newest_entries(built_site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())
    updated = [e.find("a:updated", ns).text for e in feed.findall("a:entry", ns)]
    assert len(updated) == 20 and updated == sorted(updated, reverse=True)  # newest first, by their real dates
    assert feed.find("a:updated", ns).text == updated[0] == "2026-12-03T00:00:00+08:00"  # the entries' `updated`
    for entry in feed.findall("a:entry", ns):
        assert entry.find("a:published", ns).text <= entry.find("a:updated", ns).text
        assert entry.find("a:id", ns).text.startswith("https://zjxn.test/zhijiao-xingnong/")


def test_sitemap_lists_generated_pages_with_the_build_date(built_site):
    sitemap = read(built_site / "sitemap.xml")
    assert "https://zjxn.test/zhijiao-xingnong/models/tianjian-xueyuan/" in sitemap
    assert "https://zjxn.test/zhijiao-xingnong/themes/tongchou-funeng/dingceng-sheji/" in sitemap
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2023-11-14"}


def unstable(path: Path) -> bool:
    """Pagefind's filter and metadata files, written in hash-map order (Pagefind issue #638)."""
    name = path.as_posix()
    return name.startswith("pagefind/filter/") or name == "pagefind/pagefind-entry.json" or name.endswith(".pf_meta")


def test_two_builds_are_byte_identical(built_site, tmp_path, content_root, publish):
    """Every file but the search index's filter and metadata files, which Pagefind writes in hash-map order."""
    again = tmp_path / "again"
    done = publish(content_root, again)
    assert done.returncode == 0, done.stderr
    first, second = ({path: data for path, data in file_bytes(site).items() if not unstable(path)}
                     for site in (built_site, again))  # fmt: skip
    assert first.keys() == second.keys()
    assert any(path.as_posix().startswith("pagefind/fragment/") for path in first)  # the bulk of the index is compared
    differing = [str(path) for path in first if first[path] != second[path]]
    assert not differing


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path, fresh_content, run):
    root = fresh_content
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")
    broken = tmp_path / "broken.yml"
    broken.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("name: material", "name: no-such-theme")
                      .replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}").replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"),
                      encoding="utf-8")
    done = run("build", "--root", str(root), "--out", str(out), "--config", str(broken))
    assert done.returncode == 1 and "站点生成失败" in done.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yml", "cases", "site"]  # no temporary folder left


def test_content_errors_stop_the_build_with_check_messages(tmp_path, fresh_content, run):
    root = fresh_content
    (root / "cases/models/huai.md").write_text("---\ntitle: 坏\n---\n正文\n", encoding="utf-8")
    done = run("build", "--root", str(root), "--out", str(tmp_path / "site"))
    assert done.returncode == 1
    assert "cases/models/huai.md" in done.stdout and "没有生成任何结果" in done.stderr
    assert not (tmp_path / "site").exists()


def test_refuses_to_overwrite_a_folder_that_is_not_a_site(tmp_path, fresh_content, run):
    root = fresh_content
    keep = tmp_path / "notes"
    keep.mkdir()
    (keep / "mine.txt").write_text("keep me", encoding="utf-8")
    done = run("build", "--root", str(root), "--out", str(keep))
    assert done.returncode == 2 and (keep / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_export_builds_with_plain_mkdocs_and_hostile_input_stays_inert(tmp_path, fresh_content):
    """The export folder needs no plugin; a body that slipped past check is still inert in the HTML."""
    import dataclasses

    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.content.library import load_library
    from generator.publish import export

    library = load_library(fresh_content).library
    entries = tuple(
        dataclasses.replace(e, title="<script>alert(1)</script>[链接](javascript:alert(1))",
                            body='<script>alert(2)</script>\n\n<img src="x" onerror="alert(3)">\n\n**正文保留**')
        if e.id == "dingdan-ban" else e
        for e in library.entries
    )
    out = tmp_path / "export"
    count = export(dataclasses.replace(library, entries=entries), ROOT / "mkdocs.yml", out)
    assert count == len(list((out / "docs").rglob("index.md")))
    settings = yaml.safe_load(read(out / "mkdocs.yml"))
    assert "zjxn" not in settings["plugins"]
    assert (out / "docs/models/dingdan-ban/index.md").is_file() and (out / "docs/cases.json").is_file()
    config = load_config(config_file=str(out / "mkdocs.yml"), site_dir=str(tmp_path / "plain-site"))
    build(config)
    page = read(tmp_path / "plain-site/models/dingdan-ban/index.html")
    assert "<strong>正文保留</strong>" in page
    assert "<script>alert" not in page and "onerror=" not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_theme_pages_link_the_pdf_packs_that_were_built(built_site):
    linked = 0
    for theme_page in (built_site / "themes").glob("*/index.html"):
        for href in re.findall(r'<a class="zjxn-tool" href="([^"]*packs/[^"]+\.pdf)" download>下载本主题案例手册（PDF）</a>', read(theme_page)):
            assert (theme_page.parent / href).resolve().is_file(), href
            linked += 1
    assert linked >= 1
    assert not [p for p in (built_site / "themes").glob("*/index.html") if "buju-youhua" in str(p) and "packs/" in read(p)]


def test_shared_template_parts_are_what_material_renders_for_each_page(content_root, tmp_path, run):
    """overrides/main.html reuses the sidebar and other blocks across entry pages: the pages must not change."""
    plain = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", plain)
    template = read(plain / "main.html")
    assert "zjxn_parts.reuse" in template
    (plain / "main.html").write_text("\n".join(line for line in template.splitlines() if "zjxn_parts" not in line),
                                     encoding="utf-8")
    settings = read(ROOT / "mkdocs.yml").replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    (tmp_path / "cached.yml").write_text(settings.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"),
                                         encoding="utf-8")
    (tmp_path / "plain.yml").write_text(settings.replace("custom_dir: overrides", f"custom_dir: {plain}"),
                                        encoding="utf-8")
    sites = {}
    for name in ("cached", "plain"):
        done = run("build", "--root", str(content_root), "--out", str(tmp_path / name), "--no-packs",
                   "--config", str(tmp_path / f"{name}.yml"))
        assert done.returncode == 0, done.stderr
        sites[name] = {path: data for path, data in file_bytes(tmp_path / name).items() if path.suffix == ".html"}
    assert len(sites["cached"]) > 40 and sites["cached"] == sites["plain"]


def test_strict_build_without_a_public_address_refuses_with_the_setting_named(tmp_path, fresh_content, run):
    """The shipped mkdocs.yml has no site_url: a deploy (--strict) must give one, never print a wrong one."""
    out = tmp_path / "site"
    done = run("build", "--root", str(fresh_content), "--out", str(out), "--strict", env={"ZJXN_SITE_URL": ""})
    assert done.returncode == 1
    assert "site_url" in done.stderr and "--site-url" in done.stderr and "严格模式" in done.stderr
    assert not out.exists()
    wrong = run("build", "--root", str(fresh_content), "--out", str(out), "--site-url", "zjxn.test/x")
    assert wrong.returncode == 2 and "不是完整的网址" in wrong.stderr


def test_preview_build_without_an_address_prints_no_address(preview_site):
    page = read(preview_site / "cases/sanxia-tianjian-xueyuan/index.html")
    assert 'rel="canonical"' not in page and "data-url=" not in page  # the browser supplies the address
    assert "<span data-zjxn-url></span>" in page
    assert "example.com" not in read(preview_site / "feed.xml") + read(preview_site / "cases.csv")
    assert "编辑此页" not in page and "/edit/" not in page  # no repository: no edit link
