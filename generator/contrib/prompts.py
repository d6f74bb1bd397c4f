"""Asking a contributor for values at the terminal: text, and numbered choices from a vocabulary."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from .. import messages
from ..content.vocab import Lookup, Vocabulary

SEPARATORS = re.compile(r"[\s,，、;；]+")


class InputEnded(Exception):
    """Standard input closed before every required answer was given."""


@dataclass(frozen=True)
class Choices:
    """Numbered options (canonical names, in display order) and the lookup for typed names."""

    names: tuple[str, ...]
    lookup: Lookup
    lines: tuple[str, ...]  # how the options are shown

    def resolve(self, token: str) -> str | None:
        if token.isdigit():
            number = int(token)
            return self.names[number - 1] if 1 <= number <= len(self.names) else None
        return self.lookup.resolve(token)

    def suggest(self, token: str) -> str | None:
        return None if token.isdigit() else self.lookup.suggest(token)


def theme_choices(vocab: Vocabulary) -> Choices:
    names, lines = [], []
    for theme in vocab.themes:
        names.append(theme.name)
        lines.append(f"{len(names):>3}  {theme.number} {theme.name}")
        for sub in theme.subthemes:
            names.append(sub.name)
            lines.append(f"{len(names):>3}      └ {sub.name}")
    return Choices(tuple(names), vocab.theme_names, tuple(lines))


def _width(text: str) -> int:
    """Columns a terminal gives the text: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _columns(names: list[str], per_line: int) -> tuple[str, ...]:
    cells = [f"{i:>3} {name}" for i, name in enumerate(names, 1)]
    width = max((_width(c) for c in cells), default=0) + 2
    padded = [c + " " * (width - _width(c)) for c in cells]
    return tuple("".join(padded[i : i + per_line]).rstrip() for i in range(0, len(cells), per_line))


def district_choices(vocab: Vocabulary) -> Choices:
    names = [d.name for d in vocab.districts]
    return Choices(tuple(names), vocab.district_names, _columns(names, 4))


def institution_choices(vocab: Vocabulary) -> Choices:
    names = [i.name for i in vocab.institutions]
    return Choices(tuple(names), vocab.institution_names, _columns(names, 1))


CHOICES = {"theme": theme_choices, "district": district_choices, "institution": institution_choices}


class Prompter:
    """Reads answers with `ask` (input() by default) and talks through `say` (print)."""

    def __init__(self, ask: Callable[[str], str] = input, say: Callable[[str], None] = print, lang: str = "zh"):
        self._ask, self.say, self.lang = ask, say, lang

    def line(self, prompt: str) -> str:
        try:
            return self._ask(prompt).strip()
        except EOFError:
            raise InputEnded from None

    def text(self, prompt: str) -> str | None:
        return self.line(prompt) or None

    def choose(self, prompt: str, choices: Choices, multiple: bool, required: bool) -> list[str] | str | None:
        """Names picked by number or by name/alias; re-asks with the closest name on a miss."""
        for line in choices.lines:
            self.say(line)
        hint = messages.text("prompt-choose-many" if multiple else "prompt-choose-one", self.lang)
        while True:
            answer = self.line(f"{prompt}（{hint}）：")
            if not answer:
                if not required:
                    return None
                self.say(messages.text("prompt-required", self.lang))
                continue
            tokens = [t for t in SEPARATORS.split(answer) if t] if multiple else [answer]
            picked, wrong = [], []
            for token in tokens:
                name = choices.resolve(token)
                if name is None:
                    wrong.append(token)
                elif name not in picked:
                    picked.append(name)
            if not wrong:
                return picked if multiple else picked[0]
            for token in wrong:
                guess = choices.suggest(token)
                tip = ("prompt-guess", {"guess": guess}) if guess else ("prompt-range", {"count": len(choices.names)})
                self.say(messages.text("prompt-no-such", self.lang, token=token) + messages.text(tip[0], self.lang, **tip[1]))
