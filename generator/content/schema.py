"""The content model, declared once: every field, every entry type, every facet.

Everything else reads these declarations: the validator checks the fields, the typed
entries are made from them (model.py), the index groups entries by the facets, and
the site's pages, browse filters, search filters, exports, pack selection, booklet,
issue form, `new`, the JSON Schemas and CONTRIBUTING.md's field list follow them.
A new field is one `Field` below (with `fact=` if readers see it); a new way to
group entries is one `Facet` (with `pages=` if it gets index pages).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from .suggest import closest
from .types import (
    INVALID, Boolean, Choice, CopyName, Date, Field, FieldType, Integer, ListOf, Number, Record, Reference, Text, Url,
    VocabName, fields_schema, shown,
)
from .vocab import normalize

__all__ = ["SCHEMA", "Schema", "EntryType", "Facet", "Field", "INVALID", "entry_schema", "facet_spellings", "resolve_value",
           "value_label"]


# --- records inside entries

SOURCE = Record(
    "Source",
    "来源（含 title 的映射）",
    "a source mapping with a title",
    Field("title", Text(1, 200), True, "来源标题", "文章、报告或网页的标题。", "title: 重庆:构建职业教育发展新格局 建设全国职教重镇"),
    Field("url", Url(), False, "网址", "公开可访问的网址，以 https:// 开头。", "url: https://example.gov.cn/article.html"),
    Field("publisher", Text(1, 100), False, "发布者", "发布来源的单位（报社、网站、机构）；不知道就不写。", "publisher: 中国教育报"),
    Field("column", Text(1, 100), False, "栏目", "来源所在的栏目或节目名称。", "column: “振兴有我”会客厅"),
    Field("date", Date(partial=True), False, "发布日期", "YYYY、YYYY-MM 或 YYYY-MM-DD；不知道就不写。", "date: 2024-06"),
    Field("copy", CopyName(), False, "本地副本",
          "cases/sources/ 中保存的来源全文（UTF-8 的 .txt 文件）的文件名；有副本时，check 会核对正文中的引文。",
          "copy: zhenxing-youwo-huiketing-2e63d541.txt", ask=False),
)
Source = SOURCE.cls

OUTCOME = Record(
    "Outcome",
    "成效（含 label、value、unit 的映射）",
    "an outcome mapping with label, value, unit",
    Field("label", Text(1, 40), True, "指标", "成效指标的名称。", "label: 培训"),
    Field("value", Number(), True, "数值", "阿拉伯数字，不带单位。", "value: 36000"),
    Field("unit", Text(1, 10), True, "单位", "数值的单位。", "unit: 人次"),
)
Outcome = OUTCOME.cls


# --- fields

LEVELS = ("国家级", "市级", "区县级", "校级")
TYPE_SHORTHANDS = {"案例": "case", "showcase": "case", "人物": "figure"}  # besides each type's id and label


class TypeName(FieldType):
    """An entry type's id or label; it must name the type of the folder the file is in (validate.py)."""

    expected, expected_en = "条目类型", "an entry type"

    def check(self, value, ctx, where):
        found = type_spellings(ctx.schema).get(normalize(value) if isinstance(value, str) else value)
        if found is None:
            choices = " / ".join(t.id for t in ctx.schema.types)
            ctx.fail(where, "field-choice", expected=choices, found=shown(value, ctx.typed(where)), suggestion=None)
            return INVALID
        return found

    def json_schema(self, vocab):
        return {"type": "string"}  # entry_schema() narrows it to the file's own type


def type_spellings(schema) -> dict[str, str]:
    """What people write for an entry type (id, plural, label, shorthand) -> its id."""
    found = {t.id: t.id for t in schema.types} | {f"{t.id}s": t.id for t in schema.types}
    return found | {t.label: t.id for t in schema.types} | TYPE_SHORTHANDS

COMMON = (
    Field("title", Text(2, 80), True, "标题", "条目标题，2–80 个字符。", "title: “惠学巴渝 三进行动”送教下乡"),
    Field("summary", Text(1, 200), True, "摘要", "一两句话的概要，至多 200 个字符。", "summary: 依托乡村振兴学院、田间学院等常态化送教下乡。"),
    Field("themes", ListOf(VocabName("theme"), min_items=1, max_items=21), True, "主题",
          "来自 cases/themes.yml 的主题或子主题名称（或其别名），至少一项。", "themes:\n  - 阵地前移", fact="主题"),
    Field("sources", ListOf(SOURCE, min_items=1, max_items=30, unique=False), True, "来源",
          "支撑本条目每一处事实的公开来源，至少一项。",
          "sources:\n  - title: 重庆:构建职业教育发展新格局 建设全国职教重镇\n    column: “振兴有我”会客厅"),
    Field("status", Choice("published", "draft", hints={"发布": "published", "公开": "published", "草稿": "draft"}), False, "状态",
          "published（发布，默认）或 draft（草稿：会检查，但不发布）。", "status: draft", ask=False),
    Field("updated", Date(partial=False), False, "更新日期", "条目最后修改的日期，YYYY-MM-DD。", "updated: 2024-06-01", fact="更新", ask=False),
    Field("type", TypeName(), False, "类型", "可省略；填写时须与所在目录一致。", "type: case", stored=False, ask=False),
    Field("incomplete", Boolean(), False, "待补充", "来源信息较少时写 true，页面会标明“待补充”。", "incomplete: true", ask=False),
)


def _institutions(required: bool, label: str, help: str, fact: str) -> Field:
    return Field("institutions", ListOf(VocabName("institution"), min_items=int(required), max_items=20), required, label,
                 help, "institutions:\n  - 重庆三峡职业学院", fact=fact)  # fmt: skip


def _models(help: str) -> Field:
    return Field("models", ListOf(Reference("model", "模式编号或标题"), max_items=20), False, "模式", help, "models:\n  - tianjian-xueyuan",
                 fact="相关模式")  # fmt: skip


CASE_FIELDS = COMMON + (
    Field("district", VocabName("district"), True, "区县",
          "实践所在区县，以来源写明的为准；全市性工作写“全市”；来源没有写明时写“未注明”，不要按院校所在地推断。",
          "district: 万州区", fact="区县"),
    _institutions(True, "院校 / 机构", "来自 cases/institutions.yml 的名称或简称，至少一项。", "院校与机构"),
    Field("year", Integer(2000, 2100, hint="填写实践被报道的年份；不确定时删除这一行"), False, "年份", "实践被报道的年份；不确定就不写。",
          "year: 2024", fact="年份"),
    Field("level", Choice(*LEVELS), False, "级别", "获得的最高认定级别：国家级、市级、区县级或校级。", "level: 市级", fact="级别"),
    _models("cases/models/ 中条目的编号或标题。"),
    Field("figures", ListOf(Reference("figure", "人物编号或标题"), max_items=20), False, "人物", "cases/figures/ 中条目的编号或标题。",
          "figures:\n  - xiong-guiying", fact="相关人物"),
    Field("outcomes", ListOf(OUTCOME, max_items=30, unique=False), False, "成效数据",
          "来源中给出的数字成效，每项含 label、value、unit。",
          "outcomes:\n  - label: 三年服务\n    value: 36000\n    unit: 人次"),
)

FIGURE_FIELDS = COMMON + (
    Field("role", Text(2, 80), True, "身份", "来源中对此人的描述，如“涉农专业毕业生、返乡创业者”。", "role: 职教成长、反哺乡村的典型人物",
          fact="身份"),
    Field("district", VocabName("district"), False, "区县", "来源中写明的区县。", "district: 万州区", fact="区县"),
    _institutions(False, "院校 / 机构", "来源中写明的相关院校或机构。", "院校与机构"),
    _models("相关模式的编号或标题。"),
)

MODEL_FIELDS = COMMON + (
    _institutions(False, "代表院校 / 机构",
                  "来源中把该模式与之相连的院校或机构（发源地或代表性实践者），须为来源写明的。", "代表院校与机构"),
    Field("aliases", ListOf(Text(2, 80), max_items=20), False, "别名", "人们常用的其他叫法。", "aliases:\n  - 定制产业学院",
          fact="又称"),
)


# --- entry types


@dataclass(frozen=True)
class EntryType:
    id: str  # case: the `type` value, and the prefix of its anchors in a booklet
    label: str  # 典型案例
    folder: str  # its files: cases/<folder>/<id>.md
    url: str  # its pages: <url>/<id>/
    fields: tuple[Field, ...]
    sections: tuple[str, ...]  # the body headings a complete entry has (the `new` skeleton, completeness)
    rich: str  # the field that, filled in as well, makes an entry with those sections complete

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @cached_property  # read for every entry's key facts: fields compare slowly (~2 ms an entry when recomputed)
    def own_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f not in COMMON)

    @cached_property
    def fact_fields(self) -> tuple[Field, ...]:
        """The fields shown as key facts, in the order readers see them: the type's own, then the common ones."""
        own = self.own_fields
        return tuple(f for f in own + tuple(f for f in self.fields if f not in own) if f.fact)


CASE = EntryType("case", "典型案例", "showcases", "cases", CASE_FIELDS,
                 ("一、基本情况", "二、主要做法", "三、成效", "四、经验启示"), rich="outcomes")  # fmt: skip
MODEL = EntryType("model", "模式", "models", "models", MODEL_FIELDS, ("模式概述", "主要做法", "应用情况"), rich="institutions")
FIGURE = EntryType("figure", "典型人物", "figures", "figures", FIGURE_FIELDS, ("人物简介", "成长经历", "反哺乡村"),
                   rich="institutions")  # fmt: skip


# --- facets

COMPLETENESS = {"complete": "完整", "basic": "基本", "stub": "待补充"}  # best first


@dataclass(frozen=True)
class Facet:
    """One way to group entries (by district, by year …): where its values come from and where it shows.

    `name` is also the `pack` option (--district) and the browse page's URL parameter.
    """

    name: str
    label: str
    field: str | None = None  # the entry field holding its values
    derive: Callable | None = None  # (entry, vocab) -> values, for a facet not read off one field
    pages: str | None = None  # URL folder of its index pages (districts/ and districts/<slug>/); None: none
    column: str | None = None  # its column in cases.csv; None: none
    search: str | None = None  # its Pagefind filter; None: none
    browse: bool = True  # a filter of the browse page
    weight: int = 0  # what sharing one of its values is worth when related entries are ranked
    spellings: Callable | None = None  # library -> {what people type: value}, where the field type does not say
    labels: Callable | None = None  # (value, library) -> how it reads, where it is not a name or an entry's id
    about: str = ""  # one sentence for readers, on its index page

    def values(self, entry, vocab) -> tuple[str, ...]:
        """The entry's values, as text (a year too): what filters, URLs and selections compare."""
        if self.derive is not None:
            return self.derive(entry, vocab)
        value = getattr(entry, self.field)
        if value is None:
            return ()
        return tuple(str(v) for v in value) if isinstance(value, tuple) else (str(value),)

    def field_type(self, schema: "Schema") -> FieldType | None:
        """The type of its field (the item type of a list), from any entry type that has the field."""
        for entry_type in schema.types:
            found = entry_type.field(self.field) if self.field else None
            if found is not None:
                return found.type.item if isinstance(found.type, ListOf) else found.type
        return None


def _naming(entry_type: str, field_name: str):
    """An entry type's own facet (model, figure): the entries naming one, and that entry itself."""
    return lambda entry, vocab: ((entry.id,) if entry.type == entry_type else ()) + getattr(entry, field_name)


def _themes(entry, vocab) -> tuple[str, ...]:
    """Each listed theme with its parent theme first: a theme's entries include its sub-themes'."""
    names = []
    for name in entry.themes:
        parent = vocab.parent_theme(name)
        names += [parent.name, name] if parent else [name]
    return tuple(dict.fromkeys(names))


FACETS = (
    Facet("type", "类型", derive=lambda entry, vocab: (entry.type,), column="类型", search="类型",
          spellings=lambda library: type_spellings(library.schema),
          labels=lambda value, library: library.schema.type(value).label),
    Facet("theme", "主题", field="themes", derive=_themes, column="主题", search="主题", weight=1),
    Facet("district", "区县", field="district", pages="districts", column="区县", search="区县", weight=1,
          about="条目所在的区县（“全市”为全市性工作）。只列出已有条目的区县。"),
    Facet("institution", "院校与机构", field="institutions", pages="institutions", column="院校与机构", search="院校",
          weight=3, about="条目中出现的院校、企业和机构。"),
    Facet("year", "年份", field="year", pages="years", column="年份", search="年份",
          about="按报道年份排列的典型案例。只有来源写明年份的案例才标注年份。"),
    Facet("level", "级别", field="level", column="级别"),
    Facet("model", "模式", field="models", derive=_naming("model", "models"), column="相关模式", weight=4, browse=False),
    Facet("figure", "人物", field="figures", derive=_naming("figure", "figures"), column="相关人物", weight=4,
          browse=False),
    Facet("completeness", "完整度", derive=lambda entry, vocab: (entry.completeness,), column="完整度",
          spellings=lambda library: {k: k for k in COMPLETENESS} | {v: k for k, v in COMPLETENESS.items()},
          labels=lambda value, library: COMPLETENESS[value]),
)


# --- the whole model


@dataclass(frozen=True)
class Schema:
    types: tuple[EntryType, ...]
    facets: tuple[Facet, ...]
    records: tuple[Record, ...] = field(default=(SOURCE, OUTCOME))

    def type(self, type_id: str) -> EntryType:
        return self._types_by_id[type_id]

    @cached_property
    def _types_by_id(self) -> dict[str, EntryType]:  # entry.kind asks for every link to an entry: a lookup, not a search
        return {t.id: t for t in self.types}

    def facet(self, name: str) -> Facet:
        return next(f for f in self.facets if f.name == name)

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        """Every stored field of any entry type, each name once, in declaration order."""
        seen: dict[str, Field] = {}
        for entry_type in self.types:
            for f in entry_type.fields:
                if f.stored:
                    seen.setdefault(f.name, f)
        return tuple(seen.values())

    @cached_property
    def references(self) -> dict[str, str]:
        """Fields that name other entries -> the type they name ({"models": "model", …})."""
        return {f.name: f.type.item.kind for f in self.fields
                if isinstance(f.type, ListOf) and isinstance(f.type.item, Reference)}  # fmt: skip

    @cached_property
    def entry_class(self) -> type:
        """The typed entry: Entry's own attributes plus one attribute per field (its `empty` when left out)."""
        from .model import EntryBase

        attributes = [(f.name, object, dataclasses.field(default=f.type.empty)) for f in self.fields]
        cls = dataclasses.make_dataclass("Entry", attributes, bases=(EntryBase,), frozen=True, kw_only=True)
        cls.__module__, cls.schema = __name__, self  # pickled by name: SCHEMA's class is bound below
        return cls

    def with_additions(self, fields: dict[str, tuple[Field, ...]] = {}, facets: tuple[Facet, ...] = ()) -> "Schema":
        """This schema with more fields (entry type id -> fields) and facets: extensions and tests."""
        types = tuple(dataclasses.replace(t, fields=t.fields + tuple(fields.get(t.id, ()))) for t in self.types)
        return Schema(types, self.facets + tuple(facets), self.records)


SCHEMA = Schema((CASE, MODEL, FIGURE), FACETS)
Entry = SCHEMA.entry_class


def resolve_value(facet: Facet, text: str, library) -> tuple[str | None, str | None]:
    """(value, None) for what someone typed for a facet (a name, an alias, an id, a title), or (None, suggestion)."""
    text = normalize(text)
    spellings = facet_spellings(facet, library)
    if spellings is None:  # a number
        digits = text.removesuffix("年").strip()
        kind = facet.field_type(library.schema)
        ok = digits.isdigit() and (not isinstance(kind, Integer) or kind.low <= int(digits) <= kind.high)
        return (str(int(digits)), None) if ok else (None, None)
    for spelling in (text, text.lower()):
        if spelling in spellings:
            return spellings[spelling], None
    return None, closest(text, spellings)


def facet_spellings(facet: Facet, library) -> dict | None:
    """What people type for a facet's values (normalized) -> the value; None for a facet of numbers."""
    if facet.spellings is not None:
        return facet.spellings(library)
    kind = facet.field_type(library.schema)
    if isinstance(kind, VocabName):
        return kind.lookup(library.vocab).spellings
    if isinstance(kind, Reference):
        names: dict[str, str] = {}
        for entry in library.entries_of(kind.kind):
            for spelling in (entry.id, entry.title, *getattr(entry, "aliases", ())):
                names.setdefault(normalize(spelling), entry.id)
        return names
    if isinstance(kind, Choice):
        return dict(kind.hints)
    return None


def value_label(facet: Facet, value: str, library) -> str:
    """How a facet's value reads: a type's label, an entry's title for its id, a name or year as it is."""
    if facet.labels is not None:
        return facet.labels(value, library)
    kind = facet.field_type(library.schema)
    if isinstance(kind, Reference):
        entry = library.get(kind.kind, value)
        return entry.title if entry else value
    return value


def entry_schema(entry_type: EntryType, vocab) -> dict:
    """JSON Schema (draft 2020-12) of one entry type's front matter."""
    schema = fields_schema(entry_type.fields, vocab)
    if "type" in schema["properties"]:
        schema["properties"]["type"]["enum"] = [entry_type.id, entry_type.label]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"zjxn-{entry_type.id}.schema.json",
        "title": f"{entry_type.label}（{entry_type.id}）元数据",
        "description": f"cases/{entry_type.folder}/<编号>.md 文件开头 YAML 元数据的字段。",
        **schema,
    }
