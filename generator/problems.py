"""Problems found in content, and how they are printed for people and machines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from . import messages
from .characters import visible

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file.

    The text is not stored: `rule` and `params` select a message template in
    `messages.py`, so the same problem prints in Chinese or English.
    """

    path: str
    line: int
    column: int
    rule: str
    params: Mapping[str, object] = field(default_factory=dict)
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        return messages.render(self.rule, self.params, lang)

    def suggestion(self, lang: str = "zh") -> str | None:
        return messages.render_fix(self.rule, self.params, lang)


def problem(path: str, mark: tuple[int, int] | None, rule: str, severity: str = ERROR, **params) -> Problem:
    line, column = mark or (1, 1)  # a problem of the whole file points at its start
    return Problem(path, line, column, rule, params, severity)


MAX_SHOWN = 20  # problems of one rule listed in one file


def capped(found: list[Problem], limit: int = MAX_SHOWN) -> list[Problem]:
    """At most `limit` problems of each rule in each file (in the order found); for a rule with more, one
    more problem says how many were left out, where the first of them stands. A file of 1 MB could
    otherwise give a million lines of the same message."""
    counts: dict[tuple, int] = {}
    kept: list[Problem] = []
    left_out: dict[tuple, list] = {}
    for p in found:
        kind = (p.path, p.rule)
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] <= limit:
            kept.append(p)
        elif kind in left_out:
            left_out[kind][1] += 1
        else:
            left_out[kind] = [p, 1]
    for first, count in left_out.values():
        kept.append(problem(first.path, (first.line, first.column), "more-of-the-same", first.severity,
                            count=count, rule_shown=first.rule))  # fmt: skip
    return kept


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def format_text(problems: list[Problem], lang: str = "zh") -> str:
    """One line a problem. Every value in it is on one line with nothing hidden (messages fill values in
    through `visible`, the path is passed through it here): no contributor's text can begin a line."""
    label = messages.SEVERITY[lang]
    lines = []
    for p in problems:
        text = f"{visible(p.path)}:{p.line}:{p.column}: {label[p.severity]} [{p.rule}] {p.message(lang)}"
        fix = p.suggestion(lang)
        if fix:
            text += messages.FIX_WRAP[lang].format(fix=fix)
        lines.append(text)
    return "\n".join(lines)


def format_summary(problems: list[Problem], files: int, lang: str = "zh") -> str:
    errors = sum(p.is_error for p in problems)
    return messages.SUMMARY[lang].format(files=files, errors=errors, warnings=len(problems) - errors)


def format_json(problems: list[Problem], lang: str = "zh") -> str:
    rows = [
        {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "severity": p.severity,
            "rule": p.rule,
            "message": p.message(lang),
            "suggestion": p.suggestion(lang),
        }
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _github_escape(text: str, in_property: bool = False) -> str:
    text = visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if in_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem], lang: str = "zh") -> str:
    """GitHub Actions workflow commands: one annotation on the offending line. Values are escaped as the
    runner reads them (%, CR, LF; `:` and `,` in properties), after `visible`: one command a line, always ours."""
    lines = []
    for p in problems:
        kind = "error" if p.is_error else "warning"
        props = [f"file={_github_escape(p.path, True)}"]
        if p.line:
            props.append(f"line={p.line}")
        if p.column:
            props.append(f"col={p.column}")
        props.append(f"title={_github_escape(p.rule, True)}")
        body = p.message(lang)
        fix = p.suggestion(lang)
        if fix:
            body += messages.FIX_WRAP[lang].format(fix=fix)
        lines.append(f"::{kind} {','.join(props)}::{_github_escape(body)}")
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
