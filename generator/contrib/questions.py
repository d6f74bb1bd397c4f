"""What a new entry asks for, per type: one Question per value, tied to its schema field.

The same questions drive the command-line flags, the interactive prompts and the
issue form, and every answer is checked by the schema's own field type.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import messages
from ..content.schema import FIELDS, INVALID, SOURCE, Field
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


def _field(entry_type: str, name: str) -> Field:
    return next(f for f in FIELDS[entry_type] if f.name == name)


def _source_field(name: str) -> Field:
    return next(f for f in SOURCE.fields if f.name == name)


def questions_for(entry_type: str) -> tuple[Question, ...]:
    """The questions of one entry type, in the order they are asked."""

    def q(name, required, flag=None, **kw):
        return Question(name, flag or f"--{name}", _field(entry_type, name), required, **kw)

    def institutions(required):
        return q("institutions", required, "--institution", vocab="institution", multiple=True)

    own = {
        "case": lambda: (institutions(True), q("district", True, vocab="district"), q("year", False)),
        "figure": lambda: (q("role", True), institutions(False), q("district", False, vocab="district")),
        "model": lambda: (institutions(False),),
    }[entry_type]()
    sources = tuple(
        Question(f"source_{name}", f"--source-{name}", _source_field(name), False, prefix="来源")
        for name in ("title", "url", "publisher", "date")
    )
    return (q("title", True), q("summary", True), q("themes", True, "--theme", vocab="theme", multiple=True)) + own + sources


class _Collector:
    """Stands in for the validator's Checker: keeps the messages of one answer."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.messages: list[str] = []

    def fail(self, where, rule, severity="error", **params):
        params.setdefault("field", field_label(where))
        text = messages.render(rule, params, "zh")
        fix = messages.render_fix(rule, params, "zh")
        self.messages.append(text + (messages.FIX_WRAP["zh"].format(fix=fix) if fix else ""))


def check_answer(question: Question, value, vocab) -> tuple[object, list[str]]:
    """The answer as stored (canonical names, an int year) and the schema's messages about it."""
    collector = _Collector(vocab)
    if question.key == "year" and isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    checked = question.field.type.check(value, collector, (question.field.name,))
    return (None if checked is INVALID else checked), collector.messages
