"""Checking one parsed entry against the contract: every problem, each at its line."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..problems import WARNING, Problem, problem
from . import quotes, safety
from .complexity import check_complexity
from .frontmatter import Document, field_label
from .schema import INVALID, EntryType, Field, Schema
from .suggest import closest
from .vocab import Vocabulary


def example_line(field: Field) -> str:
    """A one-line YAML example, flow style where the example spans lines."""
    if "\n" not in field.example:
        return field.example
    data = yaml.safe_load(field.example)
    flow = yaml.safe_dump(data, default_flow_style=True, allow_unicode=True, width=1000).strip()
    return flow[1:-1] if flow.startswith("{") else flow


class Checker:
    """Collects the problems of one document while its fields are checked."""

    def __init__(self, doc: Document, vocab: Vocabulary, schema: Schema):
        self.doc = doc
        self.vocab = vocab
        self.schema = schema
        self.problems: list[Problem] = []

    def fail(self, where: tuple, rule: str, severity: str = "error", **params):
        params.setdefault("field", field_label(where))
        self.problems.append(problem(self.doc.path, self.doc.mark(where), rule, severity, **params))

    def typed(self, where: tuple) -> str | None:
        """The text typed for a value YAML read as a number, boolean or null (see Document.typed_text)."""
        return self.doc.typed_text(where)

    def check_fields(self, data: dict, fields: tuple[Field, ...], where: tuple = ()) -> dict:
        checked = {}
        present = 0  # keys of data that are fields
        for f in fields:
            raw = data.get(f.name)
            if raw is None:
                present += f.name in data
                if f.required:
                    self.fail(where, "field-required", field=field_label(where + (f.name,)),
                              label=f.label, example=example_line(f))
                continue
            present += 1
            value = f.type.check(raw, self, where + (f.name,))
            if value is not INVALID:
                checked[f.name] = value
        if present < len(data):
            known = {f.name for f in fields}
            for key in data:
                if key not in known:
                    self._unknown(where + (key,), key, fields)
        return checked

    def _unknown(self, where: tuple, key: str, fields: tuple[Field, ...]):
        spellings = {f.name: f.name for f in fields} | {f.label: f.name for f in fields}
        guess = closest(key, spellings, cutoff=0.6)
        mark = self.doc.key_mark(where)
        if guess:
            self.problems.append(
                problem(self.doc.path, mark, "field-unknown", WARNING, field=field_label(where), suggestion=guess)
            )
        else:
            self.problems.append(problem(self.doc.path, mark, "field-unknown-nosuggest", WARNING, field=field_label(where)))


PLACEHOLDERS = ("（请依据来源填写", "（待补充：来源标题")  # guidance text of templates/contrib/


def _placeholders(doc: Document, raw_text: str) -> list[Problem]:
    found = []
    if not any(marker in raw_text for marker in PLACEHOLDERS):
        return found  # the common case: no template text left
    for offset, line in enumerate(raw_text.split("\n")):
        for marker in PLACEHOLDERS:
            column = line.find(marker)
            if column >= 0:
                found.append(problem(doc.path, (offset + 1, column + 1), "template-placeholder", found=marker + "…"))
    return found


def check_entry(
    doc: Document, schema: Schema, entry_type: EntryType, vocab: Vocabulary, root: Path | None, raw_text: str
) -> tuple[dict, list[Problem]]:
    """The checked fields of one entry and every problem found in it."""
    checker = Checker(doc, vocab, schema)
    fields = checker.check_fields(doc.data, entry_type.fields)
    declared = fields.get("type")
    if declared and declared != entry_type.id:
        checker.fail(("type",), "type-mismatch", expected=entry_type.id, found=declared)
    problems = checker.problems
    if fields.get("status", "published") == "published":
        problems += _placeholders(doc, raw_text)
    problems += safety.find_private_data(doc.path, raw_text)
    problems += safety.hidden_at(doc.path, doc.body, doc.body_line)
    problems += safety.hidden_references(doc.path, doc.body, doc.body_line)
    problems += check_complexity(doc.path, doc.body, doc.body_line)
    problems += safety.check_body(root, doc.path, doc.body, doc.body_line)
    problems += quotes.check_quotations(doc, fields, root, raw_text) + quotes.check_brackets(doc, fields, raw_text)
    return fields, problems

