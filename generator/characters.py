"""Characters nobody can see: control characters, invisible format characters and direction controls.

They make two names that look the same differ (万州区 and 万州\\u200b区), turn a file name
around in print (U+202E), break XML for every feed reader (U+0000), and can start a new
line in a CI log. `check` refuses them where people type (named by code point); outputs
drop them as a last defence; messages show them (`visible`).
"""

from __future__ import annotations

import re

from markupsafe import Markup

# C0 and C1 controls but tab and newline; soft hyphen; combining grapheme joiner; Arabic letter mark;
# Hangul and Khmer fillers; Mongolian vowel separator; zero-width characters and direction marks,
# line and paragraph separators, embeddings and overrides, word joiner, invisible operators,
# isolates; the byte-order mark inside text; interlinear annotation; non-characters;
# lone surrogates (a YAML escape can make one); tag characters.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff\ud800-\udfff\U000e0000-\U000e007f]"
)
ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
SHOWN = re.compile(HIDDEN.pattern[:-1] + "\n\r\t]")  # what `visible` rewrites


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def first_hidden(text: str) -> re.Match | None:
    """The first hidden character of `text`, or None (the common case, found by one C-level search)."""
    return HIDDEN.search(text)


def strip_hidden(text: str) -> str:
    return HIDDEN.sub("", text) if HIDDEN.search(text) else text


def without_hidden(value):
    """A value to write into a page, feed or booklet, hidden characters dropped (Markup stays Markup)."""
    if isinstance(value, Markup):
        return Markup(strip_hidden(str(value)))
    return strip_hidden(value) if isinstance(value, str) else value


def visible(text: str) -> str:
    """`text` on one line with nothing hidden: newline, return and tab as \\n \\r \\t, the rest as [U+XXXX].

    What people read in a terminal, a CI log or a PR annotation then shows what was typed, and a
    value cannot start a line of its own (such as a GitHub workflow command `::…`).
    """
    if not SHOWN.search(text):
        return text
    return SHOWN.sub(lambda m: ESCAPES.get(m.group(0)) or f"[{code_point(m.group(0))}]", text)
