"""Render, check, write once, check again: the last steps every new entry goes through."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import UsageError
from ..problems import format_text, has_errors
from .entry import Draft, check_text, check_written, render, write_new


def write_draft(root: Path, vocab, schema, draft: Draft, say: Callable[..., None],
                explain: Callable[[str, list], str] | None = None) -> bool:  # fmt: skip
    """Write the draft's file if the validator accepts it; True when it passes `check`.

    `say(key, **params)` prints a catalogue message; `say(None, text=…)` prints text as it is.
    `explain(text, problems)` says the problems in the contributor's terms (default: file, line, message).
    """
    text = render(draft)
    explain = explain or (lambda _, problems: format_text(problems))
    found = check_text(root, vocab, schema, draft, text)
    if has_errors(found):
        say(None, text=explain(text, found))
        say("draft-not-written", path=draft.path)
        return False
    try:
        write_new(root, draft, text)
    except FileExistsError:
        raise UsageError("draft-exists", path=draft.path) from None
    say("written", path=draft.path)
    if not draft.values.get("source_title"):
        say("draft-placeholder-source")
    found = check_written(root, draft.path)
    say("draft-check-result", path=draft.path)
    say(None, text=explain(text, found)) if found else say("draft-no-problems")
    if not has_errors(found):
        say("draft-next-step")
    return not has_errors(found)
