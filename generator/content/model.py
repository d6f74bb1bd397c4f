"""Typed, immutable entries: what the rest of the generator reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

RECOMMENDED_SECTIONS = {
    "case": ("一、基本情况", "二、主要做法", "三、成效", "四、经验启示"),
    "figure": ("人物简介", "成长经历", "反哺乡村"),
    "model": ("模式概述", "主要做法", "应用情况"),
}
STUB_BODY_CHARS = 120


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    publisher: str | None = None
    column: str | None = None  # the column or programme the source appeared under
    date: str | None = None
    copy: str | None = None  # file name of its local copy in cases/sources/


@dataclass(frozen=True)
class Outcome:
    label: str
    value: float
    unit: str

    @property
    def display_value(self) -> str:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return f"{value:,}" if isinstance(value, int) else str(value)


@dataclass(frozen=True, kw_only=True)
class Entry:
    id: str
    type: str  # case | figure | model
    path: str  # project-relative source file
    title: str
    summary: str
    themes: tuple[str, ...]
    sources: tuple[Source, ...]
    status: str = "published"
    updated: str | None = None
    incomplete: bool = False
    body: str = ""
    body_line: int = 1
    # The body's Markdown output, converted while loading (in the loading workers); NOT sanitized:
    # only generator.render.render_body, which sanitizes it, may use it.
    body_markup: str | None = field(default=None, repr=False, compare=False)
    institutions: tuple[str, ...] = ()
    district: str | None = None
    models: tuple[str, ...] = ()  # ids of model entries, resolved

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(h.strip() for h in re.findall(r"^#{2,3}\s+(.+?)\s*#*\s*$", self.body, re.M))

    @property
    def completeness(self) -> str:
        """stub / basic / complete, shown as a badge and used to invite contributions."""
        text = re.sub(r"\s+", "", self.body)
        if self.incomplete or len(text) < STUB_BODY_CHARS:
            return "stub"
        wanted = RECOMMENDED_SECTIONS[self.type]
        has_sections = sum(any(w in s for s in self.sections) for w in wanted) >= len(wanted) - 1
        return "complete" if has_sections and self._rich() else "basic"

    def _rich(self) -> bool:
        return True


@dataclass(frozen=True, kw_only=True)
class Case(Entry):
    year: int | None = None
    figures: tuple[str, ...] = ()
    level: str | None = None
    outcomes: tuple[Outcome, ...] = ()

    def _rich(self) -> bool:
        return bool(self.outcomes)


@dataclass(frozen=True, kw_only=True)
class Figure(Entry):
    role: str = ""

    def _rich(self) -> bool:
        return bool(self.institutions)


@dataclass(frozen=True, kw_only=True)
class Model(Entry):
    aliases: tuple[str, ...] = ()

    def _rich(self) -> bool:
        return bool(self.institutions)


ENTRY_CLASSES = {"case": Case, "figure": Figure, "model": Model}
