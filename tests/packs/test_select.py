"""Choosing entries: AND across kinds, OR within one, themes with their sub-themes, aliases, published only."""

from __future__ import annotations

import pytest

from generator.content.library import load_library
from generator.errors import ContentError
from generator.packs.select import describe, parse_selection, select_entries, split_values


@pytest.fixture
def library(pack_tree):
    result = load_library(pack_tree)
    assert result.ok, [p.message() for p in result.problems]
    return result.library


def chosen(library, **raw) -> set[str]:
    return {e.id for e in select_entries(library, parse_selection(raw, library))}


def test_a_theme_includes_its_subthemes(library):
    assert chosen(library, theme=["赛教融合"]) == {"yangli-yisai-cujiao", "yangli-saijiao-zhuti", "yangli-moshi"}


def test_a_subtheme_is_only_itself(library):
    assert chosen(library, theme=["以赛促教"]) == {"yangli-yisai-cujiao"}


def test_aliases_resolve_to_the_theme(library):
    assert chosen(library, theme=["职业技能培训"]) == chosen(library, theme=["技能培训"]) == {"yangli-jineng-peixun"}


def test_or_within_a_kind_whether_repeated_or_comma_separated(library):
    expected = {"yangli-yisai-cujiao", "yangli-jineng-peixun"}
    assert chosen(library, theme=["以赛促教", "技能培训"]) == expected
    assert chosen(library, theme=["以赛促教,技能培训"]) == expected
    assert chosen(library, theme=["以赛促教，技能培训"]) == expected


def test_and_across_kinds(library):
    assert chosen(library, theme=["赛教融合"], district=["万州区"]) == {"yangli-yisai-cujiao"}
    assert chosen(library, theme=["赛教融合"], district=["万州"], year=["2023"], level=["市级"]) == {"yangli-yisai-cujiao"}
    assert chosen(library, theme=["赛教融合"], year=["2024"]) == set()


def test_other_selectors(library):
    assert chosen(library, institution=["市教委"]) == {"yangli-saijiao-zhuti"}
    assert chosen(library, model=["样例模式"]) == {"yangli-moshi", "yangli-yisai-cujiao"}
    assert chosen(library, type=["模式"]) == chosen(library, type=["model"]) == {"yangli-moshi"}
    assert chosen(library, type=["典型人物"]) == {"yangli-renwu"}
    assert chosen(library, level=["国家级"]) == {"yangli-jineng-peixun"}
    assert chosen(library, ids=["yangli-renwu,yangli-moshi"]) == {"yangli-renwu", "yangli-moshi"}


def test_drafts_are_never_chosen(library):
    assert "yangli-caogao" not in chosen(library)
    assert "yangli-caogao" not in chosen(library, theme=["赛教融合"], district=["全市"])


def test_cases_come_first_then_models_then_figures(library):
    order = [e.type for e in select_entries(library, parse_selection({}, library))]
    assert order == sorted(order, key=["case", "model", "figure"].index)


def test_unknown_value_raises_with_option_and_suggestion(library):
    with pytest.raises(ContentError) as caught:
        parse_selection({"district": ["万洲区"]}, library)
    assert caught.value.message() == "--district：未知区县“万洲区”：须为 cases/districts.yml 中的名称（建议：是否想写“万州区”？）"
    with pytest.raises(ContentError) as caught:
        parse_selection({"level": ["省级"]}, library)
    assert caught.value.message() == "--level：没有“省级”这一级别，应为 国家级、市级、区县级、校级 之一"
    with pytest.raises(ContentError) as caught:
        parse_selection({"type": ["案件"]}, library)
    assert caught.value.message("en") == "--type: no 类型 '案件'; use one of 典型案例、模式、典型人物"


def test_selection_in_words(library):
    assert describe(parse_selection({}, library), library) == "主题：不限；区县：不限"
    words = describe(parse_selection({"theme": ["赛教融合"]}, library), library)
    assert words == "主题：赛教融合（含子主题）；区县：不限"
    words = describe(parse_selection({"theme": ["以赛促教"], "district": ["万州"], "type": ["case"]}, library), library)
    assert words == "主题：以赛促教；区县：万州区；类型：典型案例"


def test_split_values_drops_blanks_and_repeats():
    assert split_values(["a, b", "b", "", "c、d"]) == ["a", "b", "c", "d"]
