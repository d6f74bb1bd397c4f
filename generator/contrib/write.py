"""Render, check, write once, check again: the last steps every new entry goes through."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import UsageError
from ..problems import format_text, has_errors
from .entry import Draft, check_text, check_written, render, write_new


def write_draft(root: Path, vocab, schema, draft: Draft, say: Callable[..., None]) -> bool:
    """Write the draft's file if the validator accepts it; True when it passes `check`.

    `say(key, **params)` prints a catalogue message; `say(None, text=…)` prints text as it is.
    """
    text = render(draft)
    found = check_text(root, vocab, schema, draft, text)
    if has_errors(found):
        say(None, text=format_text(found))
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
    say(None, text=format_text(found)) if found else say("draft-no-problems")
    if not has_errors(found):
        say("draft-next-step")
    return not has_errors(found)
