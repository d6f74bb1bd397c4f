"""`python -m generator from-issue FILE`: the body GitHub writes for the issue form, as a case file.

GitHub renders each answer as `### <label>` followed by the answer; an empty
optional answer is `_No response_`; a multi-select dropdown is `a, b`.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import messages
from ..content.schema import SCHEMA
from .entry import Draft, free_id, id_problem
from .issue_form import FORM, FORM_LABELS, Answer
from .prompts import SEPARATORS
from .questions import check_answer

HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
TOP_HEADING = re.compile(r"^#{1,2}(?=[ \t])", re.M)  # inside a section, a contributor's heading is demoted to ###
NO_RESPONSE = "_No response_"


def parse_body(text: str, labels: tuple[str, ...] = FORM_LABELS) -> dict[str, str | None]:
    """Label -> answer text (None when empty). A `###` line counts as a form label only in form order,
    so a contributor's own `###` heading inside an answer stays part of that answer."""
    order = list(labels)
    found: dict[str, list[str]] = {}
    current, position = None, -1
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = HEADING.match(line)
        label = match.group(1) if match else None
        if label in order and order.index(label) > position:
            current, position = label, order.index(label)
            found[current] = []
        elif current is not None:
            found[current].append(line)
    result = {}
    for label, lines in found.items():
        value = "\n".join(lines).strip()
        result[label] = None if value in ("", NO_RESPONSE) else value
    return result


def _split(answer: Answer, text: str):
    if not answer.question.multiple:
        return text
    separator = re.compile(r",\s*") if answer.kind == "dropdown" else SEPARATORS
    return [part.strip() for part in separator.split(text) if part.strip()]


def read_answers(replies: dict, vocab, root: Path, lang: str = "zh") -> tuple[Draft | None, list[str]]:
    """A draft case from the parsed answers, or every problem named by its form label."""
    values, sections, errors, entry_id = {}, {}, [], None
    for answer in FORM:
        text = replies.get(answer.label)
        if text is None:
            if answer.required:
                errors.append(messages.text("form-missing" if answer.label not in replies else "form-empty", lang,
                                            label=answer.label))  # fmt: skip
            continue
        if answer.section:
            sections[answer.section] = TOP_HEADING.sub("###", text)
        elif answer.question:
            value, problems = check_answer(answer.question, _split(answer, text), vocab, SCHEMA)
            errors += [messages.text("form-problem", lang, label=answer.label, problem=p) for p in problems]
            if not problems:
                values[answer.question.key] = value
        else:
            entry_id = text.strip()
            problem = id_problem(root, SCHEMA.type("case"), entry_id, lang)
            if problem:
                errors.append(messages.text("form-problem", lang, label=answer.label, problem=problem))
    if errors:
        return None, errors
    case = SCHEMA.type("case")
    return Draft(case, entry_id or free_id(root, case, values["title"]), values, sections), []
