"""A new entry's values: from command-line flags, then (at a terminal) from answers to prompts."""

from __future__ import annotations

from pathlib import Path

from .. import messages
from ..content.schema import Schema
from ..errors import UsageError
from .entry import Draft, free_id, id_problem
from .prompts import CHOICES, SEPARATORS, InputEnded, Prompter
from .questions import Question, check_answer, questions_for

SHOWN_CHOICES = 60  # a list of allowed names longer than this is left to the vocabulary file the message names


def all_questions(schema: Schema) -> dict[str, Question]:
    """Every flag of every entry type, once (a flag several types share keeps the first type's help)."""
    found: dict[str, Question] = {}
    for entry_type in schema.types:
        for question in questions_for(entry_type):
            found.setdefault(question.dest, question)
    return found


def _raw_answer(question: Question, raw):
    if raw is None or not question.multiple:
        return raw
    return [token for item in raw for token in SEPARATORS.split(item) if token]


class _Collector:
    """Gathers every answer: from flags first, then (when interactive) from the terminal."""

    def __init__(self, vocab, schema: Schema, prompter: Prompter | None, lang: str):
        self.vocab, self.schema, self.prompter, self.lang = vocab, schema, prompter, lang
        self.errors: list[str] = []

    def text(self, key: str, **params) -> str:
        return messages.text(key, self.lang, **params)

    def answer(self, question: Question, raw):
        raw = _raw_answer(question, raw)
        if raw is not None:
            value, problems = check_answer(question, raw, self.vocab, self.schema)
            if not problems:
                return value
            if not self.prompter:
                self.errors += [self.text("new-bad-flag", flag=question.flag, label=question.label, problem=p)
                                for p in problems]  # fmt: skip
                names = CHOICES[question.vocab](self.vocab).names if question.vocab else ()
                if 0 < len(names) <= SHOWN_CHOICES:  # what may be written, when a list is short enough to read
                    self.errors.append(self.text("new-choices", label=question.label, names="、".join(names)))
                return None
            for problem in problems:
                self.prompter.say(problem)
        if self.prompter:
            return self.ask(question)
        if question.required:
            self.errors.append(self.text("new-missing-flag", flag=question.flag, label=question.label))
        return None

    def ask(self, question: Question):
        mark = " *" if question.required else self.text("prompt-optional")
        if question.key == "source_title":
            mark = self.text("prompt-source")
        while True:
            if question.vocab:
                choices = CHOICES[question.vocab](self.vocab)
                raw = self.prompter.choose(f"{question.label}{mark}", choices, question.multiple, question.required)
            else:
                raw = self.prompter.text(f"{question.label}{mark}：")
            if raw is None:
                if not question.required:
                    return None
                self.prompter.say(self.text("prompt-required"))
                continue
            value, problems = check_answer(question, raw, self.vocab, self.schema)
            if not problems:
                return value
            for problem in problems:
                self.prompter.say(problem)

    def entry_id(self, root: Path, entry_type, given: str | None, title: str) -> str | None:
        suggestion = free_id(root, entry_type, title)
        if given is not None:
            problem = id_problem(root, entry_type, given.strip(), self.lang)
            if not problem:
                return given.strip()
            if not self.prompter:
                self.errors.append(f"--id：{problem}")
                return None
            self.prompter.say(problem)
        while self.prompter:
            typed = self.prompter.line(self.text("prompt-id", suggestion=suggestion)) or suggestion
            problem = id_problem(root, entry_type, typed, self.lang)
            if not problem:
                return typed
            self.prompter.say(problem)
        return suggestion


def new_draft(root: Path, vocab, schema: Schema, entry_type, given: dict, given_id: str | None,
              prompter: Prompter | None, lang: str = "zh") -> Draft:  # fmt: skip
    """The draft of a new entry of `entry_type` from `given` (flag dest -> raw value) and, with a
    `prompter`, the answers to what is missing or wrong; a usage error listing every problem otherwise."""
    collector = _Collector(vocab, schema, prompter, lang)
    if prompter:
        prompter.say(collector.text("prompt-start", label=entry_type.label))
    try:
        values = {q.key: collector.answer(q, given.get(q.dest)) for q in questions_for(entry_type)}
        entry_id = collector.entry_id(root, entry_type, given_id, values.get("title") or "")
    except InputEnded:
        raise UsageError("new-input-ended") from None
    if collector.errors:
        raise UsageError("new-failed", problems=messages.Lines("\n".join(f"  - {e}" for e in collector.errors)))
    return Draft(entry_type, entry_id, {k: v for k, v in values.items() if v is not None})
