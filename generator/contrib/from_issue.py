"""`python -m generator from-issue FILE`: the body GitHub writes for the issue form, as a case file.

GitHub renders each answer as `### <label>`, a blank line, then the answer, with a blank
line before the next label, in the form's order; an empty optional answer is `_No response_`;
a multi-select dropdown is `a, b`. A contributor may type a line that reads like a label
inside an answer: the labels are then the one chain of such lines, in form order, that
covers the most labels; where two chains would do, the body is refused rather than have
text move from one answer to another. Every problem names the form's field, never a line
of the file the contributor never sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import messages
from ..content.schema import SCHEMA, SOURCE
from ..problems import Problem
from .entry import Draft, free_id, id_problem
from .issue_form import FORM, FORM_LABELS, Answer
from .prompts import SEPARATORS
from .questions import check_answer

HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
TOP_HEADING = re.compile(r"^#{1,2}(?=[ \t])", re.M)  # inside a section, a contributor's heading is demoted to ###
NO_RESPONSE = "_No response_"
KEY_LINE = re.compile(r"^(\s*)(?:- )?([A-Za-z_][\w-]*):")  # a front-matter line of the rendered draft
SECTION_LINE = re.compile(r"^## (.+?)\s*$")


@dataclass(frozen=True)
class IssueBody:
    answers: dict  # label -> answer text, None when left empty
    ambiguous: tuple[str, ...] = field(default=())  # labels typed inside answers in a way that cannot be told apart


def _candidates(lines: list[str], labels: tuple[str, ...]) -> list[tuple[int, int]]:
    """(line, label index) of each `### <label>` line set off by blank lines, as GitHub writes them."""
    order = {label: index for index, label in enumerate(labels)}
    found = []
    for number, line in enumerate(lines):
        match = HEADING.match(line)
        if not match or match.group(1) not in order:
            continue
        if (number == 0 or not lines[number - 1].strip()) and (number + 1 == len(lines) or not lines[number + 1].strip()):
            found.append((number, order[match.group(1)]))
    return found


def _chain(candidates: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], bool]:
    """The longest run of candidates whose labels follow the form's order, and whether it is the only one."""
    best: list[int] = []  # per candidate: length of the longest chain ending there
    ways: list[int] = []  # how many such chains (2 means: more than one)
    before: list[int | None] = []
    for i, (_, label) in enumerate(candidates):
        length, count, previous = 1, 1, None
        for j in range(i):
            if candidates[j][1] < label:
                if best[j] + 1 > length:
                    length, count, previous = best[j] + 1, ways[j], j
                elif best[j] + 1 == length:
                    count = min(2, count + ways[j])
        best.append(length)
        ways.append(count)
        before.append(previous)
    if not candidates:
        return [], True
    longest = max(best)
    ends = [i for i in range(len(candidates)) if best[i] == longest]
    unique = len(ends) == 1 and ways[ends[0]] == 1
    chain, at = [], ends[0]
    while at is not None:
        chain.append(candidates[at])
        at = before[at]
    return chain[::-1], unique


def parse_body(text: str, labels: tuple[str, ...] = FORM_LABELS) -> IssueBody:
    """The answers of an issue body, by label. A contributor's own `### …` inside an answer stays in that answer."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    candidates = _candidates(lines, labels)
    chain, unique = _chain(candidates)
    if not unique:
        counts: dict[int, int] = {}
        for _, label in candidates:
            counts[label] = counts.get(label, 0) + 1
        return IssueBody({}, tuple(labels[label] for label, count in sorted(counts.items()) if count > 1))
    answers = {}
    for (start, label), (end, _) in zip(chain, chain[1:] + [(len(lines), None)]):
        value = "\n".join(lines[start + 1 : end]).strip()
        answers[labels[label]] = None if value in ("", NO_RESPONSE) else value
    return IssueBody(answers)


def _split(answer: Answer, text: str):
    if not answer.question.multiple:
        return text
    separator = re.compile(r",\s*") if answer.kind == "dropdown" else SEPARATORS
    return [part.strip() for part in separator.split(text) if part.strip()]


def read_answers(body: IssueBody, vocab, root: Path, lang: str = "zh") -> tuple[Draft | None, list[str]]:
    """A draft case from the parsed answers, or every problem named by its form label."""
    if body.ambiguous:
        return None, [messages.text("form-ambiguous", lang, label=label) for label in body.ambiguous]
    replies = body.answers
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


def _answer_of(problem: Problem, text: str) -> Answer | None:
    """The form's answer a problem of the rendered draft comes from: by the field of its front-matter line,
    or by the section heading above its body line."""
    lines = text.split("\n")
    above = lines[: problem.line][::-1]  # the problem's line, then the lines above it
    closing = next((n for n, line in enumerate(lines[1:], 2) if line.strip() == "---"), 0)
    if problem.line > closing:
        heading = next((m.group(1) for m in map(SECTION_LINE.match, above) if m), None)
        return next((a for a in FORM if a.section == heading), None)
    keys = [m for m in map(KEY_LINE.match, above) if m]
    top = next((m.group(2) for m in keys if not m.group(1)), None)
    inner = next((m.group(2) for m in keys if m.group(1)), None) if top == "sources" else None
    key = f"source_{inner}" if inner in {f.name for f in SOURCE.fields} else top
    return next((a for a in FORM if a.question and a.question.key == key), None)


def explain(text: str, problems: list[Problem], lang: str = "zh") -> str:
    """The problems of the draft made from an issue, each named by the form's field it comes from."""
    lines = []
    for p in problems:
        answer = _answer_of(p, text)
        said = messages.with_fix(p.rule, p.params, lang)
        lines.append("- " + (messages.text("form-problem", lang, label=answer.label, problem=said) if answer else said))
    return "\n".join(lines)
