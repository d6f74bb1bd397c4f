"""Vocabularies as the contract fixes them, and the JSON Schemas agreeing with the validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.content.library import load_library
from generator.content.safety import id_card_valid
from generator.content.schema import SCHEMA

THEMES = {
    "统筹赋能": ["顶层设计", "供需对接", "典型引领"],
    "提质培优": ["专业供给", "培养模式", "贯通培养"],
    "产教融合": ["平台共建", "协同育人", "政策保障"],
    "技能培训": ["阵地前移", "菜单施训", "资源整合"],
    "布局优化": ["体系布局", "协同联动", "下沉服务"],
    "双高辐射": ["模式创新", "资源汇聚", "辐射带动"],
    "赛教融合": ["以赛促教", "以赛促改", "以赛促用"],
}
DISTRICTS = (
    "渝中区 大渡口区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 渝北区 巴南区 万州区 涪陵区 黔江区 长寿区 江津区 合川区 "
    "永川区 南川区 綦江区 大足区 璧山区 铜梁区 潼南区 荣昌区 开州区 梁平区 武隆区 城口县 丰都县 垫江县 忠县 云阳县 奉节县 "
    "巫山县 巫溪县 石柱土家族自治县 秀山土家族苗族自治县 酉阳土家族苗族自治县 彭水苗族土家族自治县 两江新区 重庆高新区 万盛经开区 全市 未注明"
).split()


ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def library():
    result = load_library(ROOT)
    assert result.ok
    return result.library


def test_seven_themes_with_three_subthemes_each(library):
    assert {t.name: [s.name for s in t.subthemes] for t in library.vocab.themes} == THEMES
    ids = [t.id for t in library.vocab.themes] + [s.id for t in library.vocab.themes for s in t.subthemes]
    assert len(set(ids)) == 28 and all(i.isascii() for i in ids)
    assert all(t.description and all(s.description for s in t.subthemes) for t in library.vocab.themes)


def test_districts_complete_with_short_forms(library):
    vocab = library.vocab
    assert [d.name for d in vocab.districts] == DISTRICTS
    for typed, canonical in {"万州": "万州区", "石柱县": "石柱土家族自治县", "秀山县": "秀山土家族苗族自治县"}.items():
        assert vocab.district_names.resolve(typed) == canonical


def test_every_district_has_a_map_tile_placed_by_geography(library):
    districts = {d.name: d for d in library.vocab.districts}
    tiled = {name for name, d in districts.items() if d.tile}
    assert tiled == {name for name, d in districts.items() if d.kind in ("区", "县", "自治县")} and len(tiled) == 38
    assert len({d.tile for d in districts.values() if d.tile}) == 38  # one district a tile
    tile = {name: districts[name].tile for name in ("城口县", "万州区", "渝中区", "荣昌区", "秀山土家族苗族自治县")}
    assert tile["荣昌区"][0] < tile["渝中区"][0] < tile["万州区"][0]  # west to east
    assert tile["城口县"][1] < tile["万州区"][1] < tile["渝中区"][1] < tile["秀山土家族苗族自治县"][1]  # north to south


@pytest.mark.parametrize("tile, expected", [
    ("[3]", "[列, 行]，两个 0–29 的整数"),
    ("[3, -1]", "[列, 行]，两个 0–29 的整数"),
    ("[3, 6]", "与其他区县不同的位置（渝中区 已在这里）"),
])
def test_a_bad_map_tile_is_reported_where_it_is(tmp_path, capsys, tile, expected):
    import shutil

    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    districts = tmp_path / "cases" / "districts.yml"
    text = districts.read_text(encoding="utf-8")
    text = text.replace("    tile: [4, 7]\n", f"    tile: {tile}\n", 1)  # 綦江区
    districts.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = lines.index(f"    tile: {tile}", lines.index("  - name: 綦江区")) + 1
    assert main(["check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"cases/districts.yml:{line}:" in out and "“tile”" in out and expected in out


def test_aliases_normalize(library):
    assert library.vocab.theme_names.resolve("双高计划") == "双高辐射"
    model = library.get("model", "songjiao-xiaxiang")
    assert "惠学巴渝 三进行动" in model.aliases


def test_the_two_customised_college_names_stay_apart(library):
    """Part 02's general 定制产业学院 and part 06's 定制乡村振兴产业学院 of 重庆财经职业学院: the
    article never says they are one, so no alias merges them."""
    general = library.get("model", "dingzhi-chanye-xueyuan")
    caijing = library.get("model", "dingzhi-xiangcun-zhenxing-chanye-xueyuan")
    assert general.title == "定制产业学院" and caijing.title == "定制乡村振兴产业学院"
    assert "定制产业学院" not in caijing.aliases and "定制乡村振兴产业学院" not in general.aliases
    assert caijing.institutions == ("重庆财经职业学院",) and general.institutions == ()


def test_no_institution_seat_without_a_source(library):
    """Seats are recorded only with a source; none of the cited sources states one."""
    assert all(i.district is None for i in library.vocab.institutions)
    assert library.vocab.institution("未注明").kind == "未注明"
    assert library.vocab.district("未注明").kind == "未注明"


def test_id_card_check_digit():
    assert id_card_valid("11010519491231002X")
    assert not id_card_valid("110105194912310021")


@pytest.mark.parametrize("entry_type", sorted(t.id for t in SCHEMA.types))
def test_schema_accepts_every_project_entry(library, entry_type, tmp_path, capsys):
    assert main(["schema", "--root", str(library.root), "--out", str(tmp_path)]) == 0
    schema = json.loads((tmp_path / f"{entry_type}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    entries = library.entries_of(entry_type)
    assert entries
    for entry in entries:
        text = (library.root / entry.path).read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        front = json.loads(json.dumps(front, default=str))  # dates as text, as editors' YAML 1.2 reads them
        jsonschema.validate(front, schema)


def test_schema_rejects_what_the_validator_rejects(library, tmp_path, capsys):
    main(["schema", "--root", str(library.root), "--out", str(tmp_path)])
    schema = json.loads((tmp_path / "case.schema.json").read_text(encoding="utf-8"))
    good = {"title": "示例条目", "summary": "合成。", "themes": ["赛教融合"], "sources": [{"title": "t"}],
            "institutions": ["市教委"], "district": "全市"}
    jsonschema.validate(good, schema)
    for change in ({"themes": ["赛教结合"]}, {"district": "万州市"}, {"year": 1899}, {"summary": "长" * 201},
                   {"status": "public"}, {"sources": []}, {"level": "省级"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**good, **change}, schema)
    assert "赛教融合" in schema["properties"]["themes"]["items"]["enum"]
    assert schema["properties"]["title"]["title"] == "标题"
