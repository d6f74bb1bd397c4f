"""What a new entry asks for, per type: one Question per field a contributor fills in, read off the schema.

The same questions drive the command-line flags, the interactive prompts and the
issue form, and every answer is checked by the schema's own field type. A field is
asked unless the schema says `ask=False` (status, type …) or it holds records or
references to other entries, which are written in the file afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import messages
from ..content.schema import INVALID, SOURCE, EntryType, Field
from ..content.types import ListOf, Record, Reference, VocabName
from ..content.validate import field_label


@dataclass(frozen=True)
class Question:
    key: str  # name in the draft's values
    flag: str  # command-line flag
    field: Field  # schema field whose type checks the answer
    required: bool
    vocab: str | None = None  # theme | district | institution: answers come from a vocabulary
    multiple: bool = False
    prefix: str = ""  # put before the field's label where the label alone is unclear ("来源")

    @property
    def label(self) -> str:
        return self.prefix + self.field.label.removeprefix(self.prefix)

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


def _question(field: Field) -> Question | None:
    item = field.type.item if isinstance(field.type, ListOf) else field.type
    if not field.ask or isinstance(item, (Record, Reference)):
        return None
    vocab = item.kind if isinstance(item, VocabName) else None
    multiple = isinstance(field.type, ListOf)
    flag = f"--{vocab}" if vocab and multiple else f"--{field.name}"  # --theme, --institution: one per value
    return Question(field.name, flag, field, field.required, vocab=vocab, multiple=multiple)


def questions_for(entry_type: EntryType) -> tuple[Question, ...]:
    """The questions of one entry type, in the order it declares its fields; the source's last."""
    asked = tuple(q for q in map(_question, entry_type.fields) if q is not None)
    sources = tuple(Question(f"source_{f.name}", f"--source-{f.name}", f, False, prefix="来源")
                    for f in SOURCE.fields if f.ask)  # fmt: skip
    return asked + sources


class _Collector:
    """Stands in for the validator's Checker: keeps the messages of one answer."""

    def __init__(self, vocab, schema):
        self.vocab, self.schema = vocab, schema
        self.messages: list[str] = []

    def fail(self, where, rule, severity="error", **params):
        params.setdefault("field", field_label(where))
        self.messages.append(messages.with_fix(rule, params))

    def typed(self, where) -> None:
        return None  # answers are text as typed already


def check_answer(question: Question, value, vocab, schema) -> tuple[object, list[str]]:
    """The answer as stored (canonical names, an int year) and the schema's messages about it."""
    collector = _Collector(vocab, schema)
    if hasattr(question.field.type, "low") and isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())  # a number typed at the terminal or in the form
    checked = question.field.type.check(value, collector, (question.field.name,))
    return (None if checked is INVALID else checked), collector.messages
