"""The kinds of value a front-matter field holds: one small class per kind, each checking a value
and describing itself for the JSON Schema (compare MkDocs' `config_options`).

A check returns the value as stored (a canonical name, a tuple for a list) or INVALID, after
telling the checker what is wrong with it; the declarations that use these live in schema.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, make_dataclass
from urllib.parse import urlsplit

import yaml

from ..characters import HIDDEN
from . import safety
from .numbers import parse_chinese_number
from .suggest import closest

INVALID = object()  # a value that failed its check; the field is left out of the entry

DATE_FULL = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DATE_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")
DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")  # a number as people write it


def shown(value, typed: str | None = None) -> str:
    """A value as the contributor typed it where known (`on`, not True), else in YAML's own short form."""
    if typed is not None:
        text = typed
    elif isinstance(value, (list, dict)):  # flow style, as it could have been typed: [a, b], {a: 1}
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000).strip()
    elif isinstance(value, bool) or value is None:
        text = yaml.safe_dump(value).split("\n", 1)[0]  # true, false, null
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _hidden(value: str, ctx, where) -> bool:
    """Whether `value` holds a character nobody can see (told to the checker)."""
    if HIDDEN.search(value) is None:  # the common case, without a call more
        return False
    ctx.fail(where, "field-hidden-character", **safety.hidden_in_value(value))
    return True


def _typed_number(value, ctx, where, expected: str) -> bool:
    """Whether a number was typed as people write numbers; YAML 1.1 also reads 0x1F, 007 (octal), 1_000
    and 1:30 (sexagesimal) as numbers, which would silently become other numbers."""
    typed = ctx.typed(where)
    if typed is None or DECIMAL.match(typed):
        return True
    ctx.fail(where, "field-number-form", expected=expected, found=shown(value, typed), value=value)
    return False


def _arabic_fix(value, advice: str, whole: bool) -> str | None:
    """'写成 30000…' for 三万, or None when the text holds no number (or no whole one, where one is needed)."""
    number = parse_chinese_number(value)
    if number is None or (whole and number != int(number)):
        return None
    return f"写成 {int(number) if number == int(number) else number}{advice}"


class FieldType:
    expected = "值"
    expected_en = "a value"
    empty = None  # what an entry holds when the field is left out

    def check(self, value, ctx, where):
        raise NotImplementedError

    def build(self, checked):
        """The checked value as the typed entry holds it."""
        return checked

    def json_schema(self, vocab) -> dict:
        raise NotImplementedError


class Text(FieldType):
    expected, expected_en = "文字", "text"

    def __init__(self, min_len: int = 1, max_len: int = 2000, single_line: bool = True):
        self.min_len, self.max_len, self.single_line = min_len, max_len, single_line

    def check(self, value, ctx, where):
        typed = ctx.typed(where)
        if typed is not None and isinstance(value, (int, float, bool)):
            value = typed  # a plain scalar in a text field is text: `12:30` stays 12:30, not 750
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            ctx.fail(where, "field-type", expected=self.expected, found=shown(value, typed), suggestion=None)
            return INVALID
        if _hidden(value, ctx, where):
            return INVALID
        value = value.strip()
        if self.single_line:
            value = " ".join(value.split())
        if not value:
            ctx.fail(where, "field-empty")
            return INVALID
        tag = HTML_TAG.search(value)
        if tag:
            ctx.fail(where, "html-in-field", found=shown(tag.group(0)))
            return INVALID
        scheme = safety.dangerous_scheme(value)
        if scheme:
            ctx.fail(where, "unsafe-url", found=shown(scheme))
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
            ctx.fail(where, "field-type", expected=self.expected, found=shown(value, ctx.typed(where)),
                     suggestion=_arabic_fix(value, "（阿拉伯数字，不加引号）", whole=True))
            return INVALID
        if not _typed_number(value, ctx, where, self.expected):
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
            ctx.fail(where, "field-type", expected=self.expected, found=shown(value, ctx.typed(where)),
                     suggestion=_arabic_fix(value, "，单位写在 unit 中", whole=False))
            return INVALID
        if value != value or value in (float("inf"), float("-inf")):
            ctx.fail(where, "field-type", expected=self.expected, found=shown(value, ctx.typed(where)), suggestion=None)
            return INVALID
        if not _typed_number(value, ctx, where, self.expected):
            return INVALID
        return value

    def json_schema(self, vocab):
        return {"type": "number"}


class Boolean(FieldType):
    expected, expected_en = "true 或 false", "true or false"

    def check(self, value, ctx, where):
        if not isinstance(value, bool):
            ctx.fail(where, "field-type", expected=self.expected, found=shown(value, ctx.typed(where)),
                     suggestion="写 true 或 false")
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
            text = shown(value, ctx.typed(where))
            suggestion = closest(text, self.hints, cutoff=0.3)
            ctx.fail(where, "field-choice", expected=self.expected, found=text, suggestion=suggestion)
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
        ctx.fail(where, "field-date", found=shown(value, ctx.typed(where)), expected=self.expected)
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


MAX_URL = safety.MAX_URL


class Url(FieldType):
    expected, expected_en = "http(s) 网址", "an http(s) URL"

    def check(self, value, ctx, where):
        text = value.strip() if isinstance(value, str) else ""
        if text and _hidden(text, ctx, where):
            return INVALID
        if len(text) > MAX_URL:
            ctx.fail(where, "url-too-long", found=len(text), limit=MAX_URL)
            return INVALID
        parts = urlsplit(text) if text and not re.search(r"\s", text) else None
        if not parts or parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
            ctx.fail(where, "field-url", found=shown(value, ctx.typed(where)))
            return INVALID
        return text

    def json_schema(self, vocab):
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


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
            base = text.replace("\\", "/").rsplit("/", 1)[-1] if text else ""
            fix = (f"只写文件名，例如 {base}" if base and COPY_NAME.match(base)
                   else "写 cases/sources/ 中的文件名，例如 zhenxing-youwo-huiketing-2e63d541.txt")  # fmt: skip
            ctx.fail(where, "copy-name", found=shown(value, ctx.typed(where)), suggestion=fix)
            return INVALID
        return text

    def json_schema(self, vocab):
        return {"type": "string", "pattern": COPY_NAME.pattern}


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
        if isinstance(value, str) and _hidden(value, ctx, where):
            return INVALID
        canonical = names.resolve(value)
        if canonical is None:
            ctx.fail(where, f"unknown-{self.kind}", found=shown(value, ctx.typed(where)), suggestion=names.suggest(value))
            return INVALID
        return canonical

    def json_schema(self, vocab):
        return {"type": "string", "enum": sorted(self.lookup(vocab).spellings)}


class Reference(FieldType):
    """An id or exact title of another entry; resolved once every entry is read."""

    def __init__(self, kind: str, expected: str):
        self.kind = kind  # the entry type it names
        self.expected = expected
        self.expected_en = f"a {kind} id or title"

    def check(self, value, ctx, where):
        if not isinstance(value, str) or not value.strip():
            ctx.fail(where, "field-type", expected=self.expected, found=shown(value, ctx.typed(where)), suggestion=None)
            return INVALID
        if _hidden(value, ctx, where):
            return INVALID
        return value.strip()

    def json_schema(self, vocab):
        return {"type": "string"}  # free text here: a new model or figure needs no schema update


class ListOf(FieldType):
    empty = ()

    def __init__(self, item: FieldType, min_items: int = 0, max_items: int = 50, unique: bool = True):
        self.item, self.min_items, self.max_items, self.unique = item, min_items, max_items, unique
        self.expected = f"{item.expected}列表"
        self.expected_en = f"a list of {item.expected_en}"

    def check(self, value, ctx, where):
        if not isinstance(value, list):
            text = shown(value, ctx.typed(where))
            fix = f"写成列表：换行后写“  - {text}”" if isinstance(value, (str, int)) else None
            ctx.fail(where, "field-type", expected=self.expected, found=text, suggestion=fix)
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

    def build(self, checked):
        return tuple(self.item.build(item) for item in checked)

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
    fact: str | None = None  # label of the value among an entry's key facts (page, booklet); None: not shown there
    stored: bool = True  # False: checked, then not kept on the entry (`type`, which the folder decides)
    ask: bool = True  # asked by `new` and the issue form (editorial fields such as status are not)


class Record(FieldType):
    """A mapping with its own fields (a source, an outcome); entries hold it as an instance of `cls`."""

    def __init__(self, name: str, expected: str, expected_en: str, *fields: Field, module: str = "generator.content.schema"):
        self.fields = fields
        self.expected, self.expected_en = expected, expected_en
        # `module` is where the declaration binds the class to `name`, so instances can be pickled
        self.cls = make_dataclass(name, [(f.name, object, field(default=f.type.empty)) for f in fields], frozen=True)
        self.cls.__module__ = module

    def check(self, value, ctx, where):
        if not isinstance(value, dict):
            ctx.fail(where, "field-type", expected=self.expected, found=shown(value, ctx.typed(where)), suggestion=None)
            return INVALID
        return ctx.check_fields(value, self.fields, where)

    def build(self, checked):
        return self.cls(**{f.name: f.type.build(checked[f.name]) for f in self.fields if f.name in checked})

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
