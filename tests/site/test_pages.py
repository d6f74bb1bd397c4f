"""The site as data: pages, links, escaping and body assets, without MkDocs."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from functools import partial
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
import yaml

from generator.index import build_index
from generator.site.bodies import BodyRenderer
from generator.site.identity import SiteIdentity
from generator.site.pages import SiteOptions, build_site
from generator.site.urls import relative

OPTIONS = SiteOptions(SiteIdentity(url="https://example.org/zj/", edit_base="https://example.org/repo/edit/main/"),
                      build_epoch=1700000000)


@pytest.fixture(scope="session")
def site(library):
    return build_site(library, build_index(library), OPTIONS)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def active_markup(text: str) -> list:
    """Every real tag with its attributes (escaped text is not a tag)."""
    parser = _Tags()
    parser.feed(text)
    return parser.found


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def test_every_published_entry_has_a_page_and_drafts_have_none(site, library):
    for entry in library.published:
        folder = {"case": "cases", "figure": "figures", "model": "models"}[entry.type]
        assert f"{folder}/{entry.id}/index.md" in site.pages
    assert "cases/shili-caogao/index.md" not in site.pages
    everything = "".join(site.pages.values()) + "".join(site.files.values())
    assert "青苔石阶" not in everything and "示例草稿条目" not in everything


def test_index_and_taxonomy_pages_exist(site, library):
    vocab = library.vocab
    expected = ["index.md", "themes/index.md", "browse/index.md", "stats/index.md", "years/index.md",
                "cases/index.md", "models/index.md", "figures/index.md", "districts/index.md", "institutions/index.md"]
    expected += [f"themes/{t.id}/index.md" for t in vocab.themes]
    expected += [f"themes/{t.id}/{s.id}/index.md" for t in vocab.themes for s in t.subthemes]
    for path in expected:
        assert path in site.pages, path
    assert len([p for p in site.pages if p.startswith("themes/")]) == 1 + 7 + 21
    assert "districts/wanzhou/index.md" in site.pages
    assert "institutions/cq-sanxia-zhiye-xueyuan/index.md" in site.pages


def test_entry_page_shows_metadata_backlinks_related_and_badge(site):
    page = site.pages["models/tianjian-xueyuan/index.md"]
    assert front_matter(page)["title"] == "田间学院"
    assert "应用本模式的条目（4）" in page  # four published cases name this model
    assert 'href="../../cases/sanxia-tianjian-xueyuan/"' in page
    related = page.split("相关条目")[1]
    assert len(re.findall(r"<li>", related)) == 5
    assert "zjxn-badge--complete" in page and ">完整<" in page  # its three sections, sourced from three texts
    case = site.pages["cases/shili-nianfen-anli-a/index.md"]
    assert "<caption>成效数据</caption>" in case and "1,200 人次" in case
    assert 'href="../../districts/wanzhou/"' in case and "市级" in case
    assert '<a href="https://shili.test/a" rel="noopener noreferrer nofollow">示例来源（合成）</a>' in case
    assert 'data-pagefind-filter="年份">2023<' in case


def test_stub_pages_invite_a_sourced_contribution(site):
    stub = site.pages["figures/xiong-guiying/index.md"]
    assert "待补充" in stub and "本条目内容待补充" in stub
    assert 'href="../../contribute/"' in stub  # the reader's way in: the 参与贡献 page, not a file in a repository
    assert "本条目内容待补充" not in site.pages["models/tianjian-xueyuan/index.md"]


def test_entry_pages_can_be_trusted_cited_and_shared(site):
    page = site.pages["cases/sanxia-tianjian-xueyuan/index.md"]
    crumbs = page.split('<nav class="zjxn-crumbs"')[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs) == [("../", "典型案例"), ("../../themes/shuanggao-fushe/", "双高辐射")]
    assert '<li aria-current="page">重庆三峡职业学院“田间学院”</li>' in crumbs
    assert re.search(r'发布于 <time datetime="\d{4}-\d{2}-\d{2}">', page) and '更新于 <time datetime="2026-12-03">' in page
    citation = re.search(r"data-zjxn-citation>(.*?)</p>", page).group(1)
    assert re.sub(r"<[^>]+>", "", citation) == ("职教兴农案例库. 重庆三峡职业学院“田间学院”[EB/OL]. (2026-12-03)[引用日期]. "
                                                "https://example.org/zj/cases/sanxia-tianjian-xueyuan/.")
    for tool in ("data-zjxn-copy-link", "data-zjxn-qr", "data-zjxn-print", "data-zjxn-copy-citation"):
        assert tool in page
    assert front_matter(page)["scripts"] == ["qr", "entry"]  # loaded by overrides/main.html: the body holds no script
    assert "<dt>更新</dt>" not in page  # the dates line says it once


def test_direction_theme_says_direction_not_achievement(site, library):
    direction = next(t for t in library.vocab.themes if t.direction)
    page = site.pages[f"themes/{direction.id}/index.md"]
    assert "方向" in page and "不是已经取得的" in page
    other = next(t for t in library.vocab.themes if not t.direction)
    assert "不是已经取得的" not in site.pages[f"themes/{other.id}/index.md"]


def test_home_is_for_readers_themes_models_newest_and_the_map(site, library):
    home = site.pages["index.md"]
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", home)
    assert headings == ["七个主题", "典型模式", "典型人物", "最新条目", "区县分布", "使用与参与"]
    assert "七个部分" not in home  # the source article is provenance (关于本站), not the site's frame
    assert 'role="search"' in home and 'name="q"' in home
    assert home.count('<li class="zjxn-theme-card') == 7
    for theme in library.vocab.themes:
        assert theme.subtitle in home and f'href="themes/{theme.id}/"' in home
        for sub in theme.subthemes:
            assert f'href="themes/{theme.id}/{sub.id}/"' in home
    models = home.split('id="zjxn-home-models"')[1].split("</section>")[0]
    assert 'href="models/tianjian-xueyuan/"' in models  # named by four cases: the most applied model
    assert "zjxn-districtmap__svg" in home and 'href="districts/wanzhou/"' in home
    newest = home.split('id="zjxn-home-newest"')[1].split("</section>")[0]
    dates = re.findall(r'更新于 <time datetime="([\d-]+)">', newest)
    assert len(dates) == 6 and dates == sorted(dates, reverse=True)


def test_theme_pages_speak_of_the_theme(site, library):
    theme = library.vocab.themes[6]
    page = site.pages[f"themes/{theme.id}/index.md"]
    assert "第 07 部分" not in page and "来源文章中的举措" not in page
    assert front_matter(page)["title"] == theme.name and theme.subtitle in page
    assert f'href="../../print/?theme={quote(theme.name)}"' in page  # 打印这些条目
    district = site.pages["districts/wanzhou/index.md"]
    assert 'href="../../print/?district=%E4%B8%87%E5%B7%9E%E5%8C%BA"' in district and "打印这些条目" in district


def test_the_theme_map_is_seven_rows_of_three(site):
    page = site.pages["themes/index.md"]
    assert page.count('class="zjxn-map__row"') == 7 and page.count('role="cell"') == 21
    assert "部分" not in page


def test_years_stats_and_browse(site):
    years = site.pages["years/index.md"]
    assert years.index('href="2023/"') < years.index('href="2021/"')  # newest first
    assert "years/2023/index.md" in site.pages and "示例案例甲" in site.pages["years/2023/index.md"]
    stats = site.pages["stats/index.md"]
    assert stats.count("<svg") == 4 and stats.count("<title id=") == 4 and stats.count("<desc id=") == 4
    assert 'role="img"' in stats and ">万州<" in stats
    browse = site.pages["browse/index.md"]
    assert browse.count('<li class="zjxn-card zjxn-stretch"') == OPTIONS.browse_inline + 1  # the first page, and the <template>
    for facet in ("type", "theme", "district", "institution", "year", "level", "completeness"):
        assert f'data-facet="{facet}"' in browse
    assert '<option value="产教融合" data-label="产教融合">产教融合（' in browse and 'value="complete"' in browse
    assert 'class="zjxn-print-tools" data-print-tools' in browse


def test_browse_data_comes_in_pieces(site, library):
    index = json.loads(site.files["browse/index.json"])
    published = len(library.published)
    facets = [f["name"] for f in index["facets"]]
    assert index["total"] == published and facets == ["type", "theme", "district", "institution", "year", "level", "completeness"]

    def members(facet: str, value: str) -> list[int]:
        found = index["facets"][facets.index(facet)]
        return list(itertools.accumulate(found["members"][found["values"].index(value)], initial=-1))[1:]

    assert sorted(n for v in ("case", "model", "figure") for n in members("type", v)) == list(range(published))
    shards = sorted(path for path in site.files if path.startswith("browse/cards/"))
    assert shards == ["browse/cards/0.json"]  # 31 entries: one shard
    cards = json.loads(site.files["browse/cards/0.json"])
    assert len(cards) == published
    assert [cards[n][0] for n in members("year", "2023")] == ["shili-nianfen-anli-a"]
    assert {cards[n][0] for n in members("district", "万州区")} == {e.id for e in library.published if e.district == "万州区"}
    number = members("year", "2023")[0]
    assert cards[number][1] == "../cases/shili-nianfen-anli-a/" and cards[number][8] == "complete"
    dates = [card[7] for card in cards]
    assert dates == sorted(dates, reverse=True)  # numbered newest first
    rank = json.loads(site.files["browse/title.json"])
    titles = [cards[n][4] for n in sorted(range(published), key=lambda n: rank[n])]
    assert titles.index("订单班") < titles.index("田间学院")  # pinyin order: d before t


def test_browse_cards_come_in_shards_of_the_newest(site, library, monkeypatch):
    from generator.site import browse

    monkeypatch.setattr(browse, "SHARD", 10)
    small = build_site(library, build_index(library), OPTIONS)
    shards = [json.loads(small.files[f"browse/cards/{n}.json"]) for n in range(4)]
    assert [len(s) for s in shards] == [10, 10, 10, 1] and json.loads(small.files["browse/index.json"])["shard"] == 10
    assert [card for shard in shards for card in shard] == json.loads(site.files["browse/cards/0.json"])


def test_hostile_strings_are_escaped_everywhere(library):
    entry = library.get("model", "tianjian-xueyuan")
    hostile = dataclasses.replace(
        entry,
        title='[点我](javascript:alert(1)) <b>x</b> </title><script>alert(1)</script>',
        summary='"><img src=x onerror=alert(2)>',
        body='<script>alert(3)</script>\n\n<img src="x" onerror="alert(4)">\n\n![远程](https://evil.example/a.png)',
    )
    entries = tuple(hostile if e is entry else e for e in library.entries)
    site = build_site(dataclasses.replace(library, entries=entries), build_index(dataclasses.replace(library, entries=entries)), OPTIONS)
    page = site.pages["models/tianjian-xueyuan/index.md"]
    meta = front_matter(page)
    assert "<" not in meta["title"] and "<" not in meta["description"]
    body = page.split("---\n", 2)[2]
    assert "&lt;/title&gt;&lt;script&gt;" in body  # shown as text
    for text in site.pages.values():  # the title also appears in lists on other pages
        tags = active_markup(text)
        assert not [t for t, _ in tags if t == "script"]
        assert not [(t, a) for t, attrs in tags for a, v in attrs if a.startswith("on") or "javascript:" in (v or "")]
        assert not [v for t, attrs in tags for a, v in attrs if t == "img" and a == "src" and "evil" in (v or "")]


def test_rewrite_url_maps_local_images_and_drops_everything_else(library, content_root):
    entry = library.get("case", "shili-nianfen-anli-a")
    bodies = BodyRenderer(content_root, {e.path: e for e in library.published})
    page, assets = "cases/shili-nianfen-anli-a/", {}
    rewrite = partial(bodies.rewrite, entry, page, assets=assets)
    assert rewrite("../assets/shili-fangkuai.png") == "../../assets/cases/assets/shili-fangkuai.png"
    assert assets == {"assets/cases/assets/shili-fangkuai.png": content_root / "cases/assets/shili-fangkuai.png"}
    assert rewrite("../../pyproject.toml") is None  # leaves cases/
    assert rewrite("../../../etc/passwd.png") is None
    assert rewrite("../assets/missing.png") is None
    assert rewrite("/etc/x.png") is None
    assert rewrite("../models/tianjian-xueyuan.md#x") == "../../models/tianjian-xueyuan/#x"
    assert rewrite("shili-caogao.md") is None  # a draft is not published
    assert len(assets) == 1


def test_relative_links():
    assert relative("cases/x/", "models/y/") == "../../models/y/"
    assert relative("", "themes/a/") == "themes/a/"
    assert relative("themes/a/b/", "themes/a/") == "../"
    assert relative("cases/x/", "") == "../../"
    assert relative("stats/", "cases.json") == "../cases.json"


def test_long_lists_stop_at_the_limit_and_lead_to_the_browse_filter(library, monkeypatch):
    from generator.site import pages

    monkeypatch.setattr(pages, "LIST_LIMIT", 2)
    index = build_index(library)
    site = build_site(library, index, OPTIONS)
    theme = site.pages["themes/chanjiao-ronghe/index.md"]
    total = len(index.group("theme")["产教融合"])
    assert total > 2
    assert theme.count('<li class="zjxn-card zjxn-stretch"') == 2
    assert f"共 {total} 条" in theme and 'href="../../browse/?theme=%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88"' in theme
    district = site.pages["districts/quanshi/index.md"]
    assert district.count('<li class="zjxn-card zjxn-stretch"') == 2 and "browse/?district=" in district
    cases = site.pages["cases/index.md"]
    assert cases.count('<li class="zjxn-card zjxn-stretch"') == 2 and "browse/?type=" in cases


def test_entry_pages_made_in_worker_processes_are_the_pages_made_in_one(library, site, monkeypatch, tmp_path):
    import os

    from generator.content import parallel
    from generator.site import pages

    makers = tmp_path / "pids"
    make_page = pages._Builder.entry_page

    def recorded(builder, number):
        with makers.open("a") as out:  # the workers are forked: the patched method is theirs too
            out.write(f"{os.getpid()}\n")
        return make_page(builder, number)

    monkeypatch.setattr(pages._Builder, "entry_page", recorded)
    monkeypatch.setattr(pages, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)  # workers even where this machine has one core
    monkeypatch.setattr(parallel.map_jobs, "__defaults__", (4,))  # batches of 4 entries, so their order counts
    forked = build_site(library, build_index(library), OPTIONS)
    assert str(os.getpid()) not in makers.read_text().split()  # made in the workers
    assert forked.pages == site.pages and list(forked.pages) == list(site.pages)
    assert forked.edit_paths == site.edit_paths
    assert forked.files == site.files  # the print page's entries among them
    assert forked.assets == site.assets and forked.assets  # the body images, collected in the workers
