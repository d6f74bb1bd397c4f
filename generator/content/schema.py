"""The front-matter contract as data: one small type class per kind of value.

The same declarations drive the validator, the JSON Schemas for editors and the
field reference in CONTRIBUTING.md, so the three cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import safety
from .numbers import parse_chinese_number
from .suggest import closest

INVALID = object()  # a value that failed its check; the field is left out of the entry

DATE_FULL = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DATE_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")


def _shown(value) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _arabic_fix(value, advice: str, whole: bool) -> str | None:
    """'写成 30000…' for 三万, or None when the text holds no number (or no whole one, where one is needed)."""
    number = parse_chinese_number(value)
    if number is None or (whole and number != int(number)):
        return None
    return f"写成 {int(number) if number == int(number) else number}{advice}"


class FieldType:
    expected = "值"
    expected_en = "a value"

    def check(self, value, ctx, where):
        raise NotImplementedError

    def json_schema(self, vocab) -> dict:
        raise NotImplementedError


class Text(FieldType):
    expected, expected_en = "文字", "text"

    def __init__(self, min_len: int = 1, max_len: int = 2000, single_line: bool = True):
        self.min_len, self.max_len, self.single_line = min_len, max_len, single_line

    def check(self, value, ctx, where):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            ctx.fail(where, "field-type", expected=self.expected, found=_shown(value), suggestion=None)
            return INVALID
        value = value.strip()
        if self.single_line:
            value = " ".join(value.split())
        if not value:
            ctx.fail(where, "field-empty")
            return INVALID
        tag = HTML_TAG.search(value)
        if tag:
            ctx.fail(where, "html-in-field", found=_shown(tag.group(0)))
            return INVALID
        scheme = safety.dangerous_scheme(value)
        if scheme:
            ctx.fail(where, "unsafe-url", found=_shown(scheme))
            return INVALID
        if len(value) > self.max_len:
            ctx.fail(where, "field-too-long", found=len(value), limit=self.max_len)
            return INVALID
        if len(value) < self.min_len:
            ctx.fail(where, "field-too-short", found=len(value), limit=self.min_len)
            return INVALID
        return value

    def json_schema(self, vocab):
        return {"type": "string", "minLength": self.min_len, "maxLength": self.max_len}


class Integer(FieldType):
    expected, expected_en = "整数（阿拉伯数字）", "a whole number"

    def __init__(self, low: int, high: int, hint: str | None = None):
        self.low, self.high, self.hint = low, high, hint  # hint: what to do when out of range

    def check(self, value, ctx, where):
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.fail(where, "field-type", expected=self.expected, found=_shown(value),
                     suggestion=_arabic_fix(value, "（阿拉伯数字，不加引号）", whole=True))
            return INVALID
        if not self.low <= value <= self.high:
            ctx.fail(where, "field-range", low=self.low, high=self.high, found=value, suggestion=self.hint)
            return INVALID
        return value

    def json_schema(self, vocab):
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


class Number(FieldType):
    expected, expected_en = "数字（阿拉伯数字）", "a number"

    def check(self, value, ctx, where):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.fail(where, "field-type", expected=self.expected, found=_shown(value),
                     suggestion=_arabic_fix(value, "，单位写在 unit 中", whole=False))
            return INVALID
        if value != value or value in (float("inf"), float("-inf")):
            ctx.fail(where, "field-type", expected=self.expected, found=_shown(value), suggestion=None)
            return INVALID
        return value

    def json_schema(self, vocab):
        return {"type": "number"}


class Boolean(FieldType):
    expected, expected_en = "true 或 false", "true or false"

    def check(self, value, ctx, where):
        if not isinstance(value, bool):
            ctx.fail(where, "field-type", expected=self.expected, found=_shown(value), suggestion="写 true 或 false")
            return INVALID
        return value

    def json_schema(self, vocab):
        return {"type": "boolean"}


class Choice(FieldType):
    def __init__(self, *choices: str, hints: dict[str, str] | None = None):
        self.choices = choices
        self.hints = {c: c for c in choices} | (hints or {})  # words people write instead -> the choice
        self.expected = self.expected_en = " / ".join(choices)

    def check(self, value, ctx, where):
        if value not in self.choices:
            suggestion = closest(str(value), self.hints, cutoff=0.3)
            ctx.fail(where, "field-choice", expected=self.expected, found=_shown(value), suggestion=suggestion)
            return INVALID
        return value

    def json_schema(self, vocab):
        return {"type": "string", "enum": list(self.choices)}


class Date(FieldType):
    def __init__(self, partial: bool):
        self.partial = partial
        self.expected = "YYYY、YYYY-MM 或 YYYY-MM-DD" if partial else "YYYY-MM-DD"
        self.expected_en = self.expected.replace("、", ", ").replace(" 或 ", " or ")

    def check(self, value, ctx, where):
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        match = (DATE_PARTIAL if self.partial else DATE_FULL).match(text or "")
        if match and self._real(match):
            year, month, day = match.groups()
            parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
            return "-".join(parts)
        ctx.fail(where, "field-date", found=_shown(value), expected=self.expected)
        return INVALID

    @staticmethod
    def _real(match) -> bool:
        year, month, day = (int(p) if p else None for p in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            return False
        return 1900 <= year <= 2100

    def json_schema(self, vocab):
        pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$" if self.partial else r"^\d{4}-\d{2}-\d{2}$"
        return {"type": ["string", "integer"] if self.partial else "string", "pattern": pattern}


class Url(FieldType):
    expected, expected_en = "http(s) 网址", "an http(s) URL"

    def check(self, value, ctx, where):
        text = value.strip() if isinstance(value, str) else ""
        parts = urlsplit(text) if text and not re.search(r"\s", text) else None
        if not parts or parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
            ctx.fail(where, "field-url", found=_shown(value))
            return INVALID
        return text

    def json_schema(self, vocab):
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


class VocabName(FieldType):
    """A name from a vocabulary file, stored as its canonical name."""

    def __init__(self, kind: str):
        self.kind = kind  # theme | district | institution
        self.expected = {"theme": "主题名称", "district": "区县名称", "institution": "机构名称"}[kind]
        self.expected_en = f"a {kind} name"

    def lookup(self, vocab):
        return {"theme": vocab.theme_names, "district": vocab.district_names, "institution": vocab.institution_names}[
            self.kind
        ]

    def check(self, value, ctx, where):
        names = self.lookup(ctx.vocab)
        canonical = names.resolve(value)
        if canonical is None:
            ctx.fail(where, f"unknown-{self.kind}", found=_shown(value), suggestion=names.suggest(value))
            return INVALID
        return canonical

    def json_schema(self, vocab):
        return {"type": "string", "enum": sorted(self.lookup(vocab).spellings)}


class Reference(FieldType):
    """An id or exact title of another entry; resolved once every entry is read."""

    def __init__(self, kind: str):
        self.kind = kind  # model | figure
        self.expected = {"model": "模式编号或标题", "figure": "人物编号或标题"}[kind]
        self.expected_en = f"a {kind} id or title"

    def check(self, value, ctx, where):
        if not isinstance(value, str) or not value.strip():
            ctx.fail(where, "field-type", expected=self.expected, found=_shown(value), suggestion=None)
            return INVALID
        return value.strip()

    def json_schema(self, vocab):
        return {"type": "string"}  # free text here: a new model or figure needs no schema update


class ListOf(FieldType):
    def __init__(self, item: FieldType, min_items: int = 0, max_items: int = 50, unique: bool = True):
        self.item, self.min_items, self.max_items, self.unique = item, min_items, max_items, unique
        self.expected = f"{item.expected}列表"
        self.expected_en = f"a list of {item.expected_en}"

    def check(self, value, ctx, where):
        if not isinstance(value, list):
            fix = f"写成列表：换行后写“  - {_shown(value)}”" if isinstance(value, (str, int)) else None
            ctx.fail(where, "field-type", expected=self.expected, found=_shown(value), suggestion=fix)
            return INVALID
        if len(value) > self.max_items:
            ctx.fail(where, "field-list-long", found=len(value), limit=self.max_items)
            return INVALID
        if len(value) < self.min_items:
            ctx.fail(where, "field-list-empty", limit=self.min_items)
            return INVALID
        items = []
        for index, raw in enumerate(value):
            checked = self.item.check(raw, ctx, where + (index,))
            if checked is not INVALID and not (self.unique and checked in items):
                items.append(checked)
        return tuple(items)

    def json_schema(self, vocab):
        schema = {"type": "array", "items": self.item.json_schema(vocab), "maxItems": self.max_items}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool
    label: str  # Chinese name shown to contributors
    help: str  # one sentence: what goes here
    example: str  # a YAML line (or lines) contributors can copy

    @property
    def example_line(self) -> str:
        return self.example.splitlines()[0]


class Record(FieldType):
    """A mapping with its own fields (a source, an outcome)."""

    def __init__(self, expected: str, expected_en: str, *fields: Field):
        self.fields = fields
        self.expected, self.expected_en = expected, expected_en

    def check(self, value, ctx, where):
        if not isinstance(value, dict):
            ctx.fail(where, "field-type", expected=self.expected, found=_shown(value), suggestion=None)
            return INVALID
        return ctx.check_fields(value, self.fields, where)

    def json_schema(self, vocab):
        return fields_schema(self.fields, vocab)


def fields_schema(fields, vocab) -> dict:
    return {
        "type": "object",
        "properties": {
            f.name: {**f.type.json_schema(vocab), "title": f.label, "description": f.help} for f in fields
        },
        "required": [f.name for f in fields if f.required],
    }


# A copy's file name: no slash or backslash, no leading dot, so it never names a file outside cases/sources/.
COPY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\.txt$")


class CopyName(FieldType):
    """The file name of a source's local copy: a plain `.txt` name inside cases/sources/.

    Only the form is checked here; whether the file is there (a regular file, no link) is
    checked with the quotations, which read it (generator.content.quotes)."""

    expected, expected_en = "cases/sources/ 中的 .txt 文件名", "a .txt file name in cases/sources/"

    def check(self, value, ctx, where):
        text = value.strip() if isinstance(value, str) else None
        if not text or not COPY_NAME.match(text):
            shown = _shown(value)
            base = text.replace("\\", "/").rsplit("/", 1)[-1] if text else ""
            fix = f"只写文件名，例如 {base}" if base and COPY_NAME.match(base) else "写 cases/sources/ 中的文件名，例如 zhenxing-youwo-huiketing-2e63d541.txt"
            ctx.fail(where, "copy-name", found=shown, suggestion=fix)
            return INVALID
        return text

    def json_schema(self, vocab):
        return {"type": "string", "pattern": COPY_NAME.pattern}


SOURCE = Record(
    "来源（含 title 的映射）",
    "a source mapping with a title",
    Field("title", Text(1, 200), True, "来源标题", "文章、报告或网页的标题。", "title: 重庆:构建职业教育发展新格局 建设全国职教重镇"),
    Field("url", Url(), False, "网址", "公开可访问的网址，以 https:// 开头。", "url: https://example.gov.cn/article.html"),
    Field("publisher", Text(1, 100), False, "发布者", "发布来源的单位（报社、网站、机构）；不知道就不写。", "publisher: 中国教育报"),
    Field("column", Text(1, 100), False, "栏目", "来源所在的栏目或节目名称。", "column: “振兴有我”会客厅"),
    Field("date", Date(partial=True), False, "发布日期", "YYYY、YYYY-MM 或 YYYY-MM-DD；不知道就不写。", "date: 2024-06"),
    Field("copy", CopyName(), False, "本地副本",
          "cases/sources/ 中保存的来源全文（UTF-8 的 .txt 文件）的文件名；有副本时，check 会核对正文中的引文。",
          "copy: zhenxing-youwo-huiketing-2e63d541.txt"),
)

OUTCOME = Record(
    "成效（含 label、value、unit 的映射）",
    "an outcome mapping with label, value, unit",
    Field("label", Text(1, 40), True, "指标", "成效指标的名称。", "label: 培训"),
    Field("value", Number(), True, "数值", "阿拉伯数字，不带单位。", "value: 36000"),
    Field("unit", Text(1, 10), True, "单位", "数值的单位。", "unit: 人次"),
)

LEVELS = ("国家级", "市级", "区县级", "校级")
ENTRY_TYPES = {"case": "典型案例", "figure": "典型人物", "model": "模式"}
TYPE_FOLDERS = {"case": "showcases", "figure": "figures", "model": "models"}

COMMON = (
    Field("title", Text(2, 80), True, "标题", "条目标题，2–80 个字符。", "title: “惠学巴渝 三进行动”送教下乡"),
    Field("summary", Text(1, 200), True, "摘要", "一两句话的概要，至多 200 个字符。", "summary: 依托乡村振兴学院、田间学院等常态化送教下乡。"),
    Field("themes", ListOf(VocabName("theme"), min_items=1, max_items=21), True, "主题",
          "来自 cases/themes.yml 的主题或子主题名称（或其别名），至少一项。", "themes:\n  - 阵地前移"),
    Field("sources", ListOf(SOURCE, min_items=1, max_items=30, unique=False), True, "来源",
          "支撑本条目每一处事实的公开来源，至少一项。",
          "sources:\n  - title: 重庆:构建职业教育发展新格局 建设全国职教重镇\n    column: “振兴有我”会客厅"),
    Field("status", Choice("published", "draft", hints={"发布": "published", "公开": "published", "草稿": "draft"}), False, "状态",
          "published（发布，默认）或 draft（草稿：会检查，但不发布）。", "status: draft"),
    Field("updated", Date(partial=False), False, "更新日期", "条目最后修改的日期，YYYY-MM-DD。", "updated: 2024-06-01"),
    Field("type", Choice(*ENTRY_TYPES, hints={v: k for k, v in ENTRY_TYPES.items()}), False, "类型", "可省略；填写时须与所在目录一致。", "type: case"),
    Field("incomplete", Boolean(), False, "待补充", "来源信息较少时写 true，页面会标明“待补充”。", "incomplete: true"),
)

CASE_FIELDS = COMMON + (
    Field("institutions", ListOf(VocabName("institution"), min_items=1, max_items=20), True, "院校 / 机构",
          "来自 cases/institutions.yml 的名称或简称，至少一项。", "institutions:\n  - 重庆三峡职业学院"),
    Field("district", VocabName("district"), True, "区县",
          "实践所在区县（以来源写明的为准）；全市性工作写“全市”；来源没有写明时写“未注明”，不要按院校所在地推断。", "district: 万州区"),
    Field("year", Integer(2000, 2100, hint="填写实践被报道的年份；不确定时删除这一行"), False, "年份", "实践被报道的年份；不确定就不写。", "year: 2024"),
    Field("models", ListOf(Reference("model"), max_items=20), False, "模式", "cases/models/ 中条目的编号或标题。",
          "models:\n  - tianjian-xueyuan"),
    Field("figures", ListOf(Reference("figure"), max_items=20), False, "人物", "cases/figures/ 中条目的编号或标题。",
          "figures:\n  - xiong-guiying"),
    Field("level", Choice(*LEVELS), False, "级别", "获得的最高认定级别：国家级、市级、区县级或校级。", "level: 市级"),
    Field("outcomes", ListOf(OUTCOME, max_items=30, unique=False), False, "成效数据",
          "来源中给出的数字成效，每项含 label、value、unit。",
          "outcomes:\n  - label: 三年服务\n    value: 36000\n    unit: 人次"),
)

FIGURE_FIELDS = COMMON + (
    Field("role", Text(2, 80), True, "身份", "来源中对此人的描述，如“涉农专业毕业生、返乡创业者”。", "role: 职教成长、反哺乡村的典型人物"),
    Field("institutions", ListOf(VocabName("institution"), max_items=20), False, "院校 / 机构",
          "来源中写明的相关院校或机构。", "institutions:\n  - 重庆三峡职业学院"),
    Field("district", VocabName("district"), False, "区县", "来源中写明的区县。", "district: 万州区"),
    Field("models", ListOf(Reference("model"), max_items=20), False, "模式", "相关模式的编号或标题。", "models:\n  - tianjian-xueyuan"),
)

MODEL_FIELDS = COMMON + (
    Field("institutions", ListOf(VocabName("institution"), max_items=20), False, "代表院校 / 机构",
          "来源中把该模式与之相连的院校或机构（发源地或代表性实践者），须为来源写明的。", "institutions:\n  - 重庆三峡职业学院"),
    Field("aliases", ListOf(Text(2, 80), max_items=20), False, "别名", "人们常用的其他叫法。", "aliases:\n  - 定制产业学院"),
)

FIELDS = {"case": CASE_FIELDS, "figure": FIGURE_FIELDS, "model": MODEL_FIELDS}


def entry_schema(entry_type: str, vocab) -> dict:
    """JSON Schema (draft 2020-12) of one entry type's front matter."""
    schema = fields_schema(FIELDS[entry_type], vocab)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"zjxn-{entry_type}.schema.json",
        "title": f"{ENTRY_TYPES[entry_type]}（{entry_type}）元数据",
        "description": f"cases/{TYPE_FOLDERS[entry_type]}/<编号>.md 文件开头 YAML 元数据的字段。",
        **schema,
    }
