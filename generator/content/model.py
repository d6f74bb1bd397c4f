"""Typed, immutable entries: what the rest of the generator reads.

The entry class itself is made from the schema's fields (`Schema.entry_class`): every
field is an attribute, holding its type's `empty` value when the file leaves it out,
so a field added to the schema is on every entry without a change here. This module
holds what entries have besides their fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

STUB_BODY_CHARS = 120
SECTION_HEADING = re.compile(r"^#{2,3}\s+(.+?)\s*#*\s*$", re.M)


@dataclass(frozen=True, kw_only=True)
class EntryBase:
    id: str
    type: str  # an EntryType's id: case | model | figure
    path: str  # project-relative source file
    body: str = ""
    body_line: int = 1

    schema = None  # set on each schema's entry class

    @property
    def kind(self):
        """This entry's EntryType declaration."""
        return self.schema.type(self.type)

    @property
    def published(self) -> bool:
        return self.status != "draft"

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(h.strip() for h in SECTION_HEADING.findall(self.body))

    @cached_property
    def completeness(self) -> str:
        """stub / basic / complete, shown as a badge and used to invite contributions."""
        if self.incomplete or len(re.sub(r"\s+", "", self.body)) < STUB_BODY_CHARS:
            return "stub"
        wanted = self.kind.sections
        has_sections = sum(any(w in s for s in self.sections) for w in wanted) >= len(wanted) - 1
        return "complete" if has_sections and getattr(self, self.kind.rich) else "basic"
