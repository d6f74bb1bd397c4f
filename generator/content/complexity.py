"""Markdown that would make rendering slow or deep: refused by `check`, found in one pass over the body.

Python-Markdown scans forward from every `[` for its `]`, from every `](` for its `)`, from
every backtick run for its twin, and html.parser from every `<` for its `>`: when they are
never found, each scan runs to the end of the paragraph or document, so a body of unclosed
brackets takes time growing with the square of its size (20 KB of `[` took 100 s). Each
inline element found copies its paragraph's text once more. Nested emphasis, lists, quotes
and HTML become nested elements, rendered recursively: thousands deep, they overflow
Python's stack. And every block and inline element costs tens of microseconds: 1 MB of
one-word paragraphs or `**a**` takes longer than a whole build should.

So a body may hold a few unclosed openers (a stray `[` is harmless), nest a few levels, and
hold as many lines, paragraphs' characters and markup signs as the longest real case ever
would, several times over: rendering then stays linear in its size, about a second for 1 MB.
Everything is counted the way the renderer would over-count it (code spans included), never under.
"""

from __future__ import annotations

import re

from ..problems import Problem, problem

MAX_UNCLOSED = 8  # unclosed `[`, `](`, code spans a paragraph; unclosed `<` tags a body
MAX_BRACKET_DEPTH = 4  # [ [ [ [ … ] ] ] ]
MAX_EMPHASIS_DEPTH = 8  # *, **, _ nested
MAX_BLOCK_DEPTH = 12  # lists and block quotes nested
MAX_HTML_DEPTH = 32  # HTML elements nested (<em><em>…)
MAX_LINES = 20_000  # non-blank lines outside code blocks (1 MB of the real entries' text has 6,640)
MAX_MARKUP = 20_000  # runs of * _ `, and \ [ < &, and line-ending breaks (1 MB of the real text has 200)
MAX_PARAGRAPH = 20_000  # characters of one paragraph, list item or heading
VOID_TAGS = frozenset(("br", "hr", "img", "wbr", "area", "base", "col", "embed", "input", "link", "meta", "source", "track"))

FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
BRACKET_TOKEN = re.compile(r"\\.|!?\[|\]\(|\]|\(|\)|`+|[*_]+")
TAG_OPENER = re.compile(r"<[A-Za-z/!?][^<>]*+")  # ends at the next < or >, never scanning back
HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*+>")
MARKUP = re.compile(r"\*+|_+|`+|[\\\[<&]| {2,}\n")
BLOCK_START = re.compile(r"[ \t]{0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|\|)")  # list item, heading, table row
CONTAINERS = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")  # one list marker or quote mark
LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]")
DEEP_CANDIDATE = re.compile(r"^[ \t>*+\-\d.)]{6,}", re.M)  # 13 levels take 13 markers, or 24 columns (6 tabs) of indent
SPACE = frozenset(" \t\n")


def _paragraphs(body: str, split_blocks: bool = False):
    """(first line offset, text) of each run of non-blank lines outside fenced code; with `split_blocks`,
    a list item, heading or table row also starts a new run (the renderer treats each on its own)."""
    lines = body.split("\n")
    start, fence = None, None
    for number, line in enumerate(lines + [""]):
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
        if opening or not line.strip() or (split_blocks and start is not None and BLOCK_START.match(line)):
            if start is not None:
                yield start, "\n".join(lines[start:number])
                start = None
        if not opening and line.strip() and start is None:
            start = number


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset), offset - text.rfind("\n", 0, offset)


class _Paragraph:
    """The unclosed `[`, `](` and code spans, and the deepest brackets and emphasis, of one paragraph."""

    def __init__(self, text: str):
        self.deep_brackets = self.deep_emphasis = None  # offset where the limit was first passed
        tokens = [(m.group(0), m.start(), m.end()) for m in BRACKET_TOKEN.finditer(text) if m.group(0)[0] != "\\"]
        brackets: list[int] = []
        matched: set[int] = set()  # offsets of the `[` that are closed
        parens: list[tuple[int, bool]] = []  # (offset, opens a link destination)
        backticks: dict[int, int] = {}  # length of a run -> offset of the run still waiting for its closing twin
        for token, at, _ in tokens:
            if token[0] == "`":  # a code span closes with the next run of the same length
                if backticks.pop(len(token), None) is None:
                    backticks[len(token)] = at
            elif token.endswith("["):
                brackets.append(at)
            elif token in ("]", "]("):
                if brackets:
                    matched.add(brackets.pop())
                if token == "](":
                    parens.append((at + 1, True))
            elif token == "(":
                parens.append((at, False))
            elif token == ")" and parens:
                parens.pop()
        self.unclosed_brackets = brackets
        self.unclosed_links = [at for at, link in parens if link]
        self.unclosed_code = sorted(backticks.values())
        self._depths(text, tokens, matched)

    def _depths(self, text: str, tokens: list, matched: set[int]) -> None:
        """How deep closed brackets nest (an unclosed one costs its own scan, counted above), and emphasis."""
        open_brackets: list[bool] = []
        depth = 0
        emphasis: list[tuple[str, int]] = []  # (delimiter, levels it opened)
        levels = 0
        for token, at, end in tokens:
            first = token[0]
            if first in "*_":
                before = text[at - 1] if at else " "
                after = text[end] if end < len(text) else " "
                if before not in SPACE and emphasis and emphasis[-1][0] == first:
                    levels -= emphasis.pop()[1]  # closes the innermost run of the same delimiter
                elif after not in SPACE:
                    emphasis.append((first, (len(token) + 1) // 2))  # ** is one level, *** two
                    levels += emphasis[-1][1]
                    if levels > MAX_EMPHASIS_DEPTH and self.deep_emphasis is None:
                        self.deep_emphasis = at
            elif token.endswith("["):
                closed = at in matched
                open_brackets.append(closed)
                depth += closed
                if depth > MAX_BRACKET_DEPTH and self.deep_brackets is None:
                    self.deep_brackets = at
            elif token in ("]", "](") and open_brackets:
                depth -= open_brackets.pop()


def _unclosed_tags(body: str) -> list[int]:
    """Offsets of `<` that open a tag, comment or declaration with no `>` before the next `<`."""
    if "<" not in body:
        return []
    return [m.start() for m in TAG_OPENER.finditer(body) if not body.startswith(">", m.end())]


def _html_depth(body: str) -> int | None:
    """The offset where HTML elements first nest deeper than MAX_HTML_DEPTH, or None."""
    depth = 0
    for match in HTML_TAG.finditer(body):
        name = match.group(2).lower()
        if match.group(1):
            depth = max(0, depth - 1)
        elif name not in VOID_TAGS and not match.group(0).endswith("/>"):
            depth += 1
            if depth > MAX_HTML_DEPTH:
                return match.start()
    return None


def _block_depth(line: str) -> int:
    """How many lists and quotes a line opens at its start (markers, or a list item's indentation)."""
    depth, at = 0, 0
    while depth <= MAX_BLOCK_DEPTH:
        match = CONTAINERS.match(line, at)
        if not match:
            break
        depth, at = depth + 1, match.end()
    item = LIST_ITEM.match(line)
    indent = len(item.group(1).expandtabs(4)) // 2 + 1 if item else 0  # nested lists are indented 2–4 spaces a level
    return max(depth, indent)


def _sizes(path: str, body: str, first_line: int) -> list[Problem]:
    """Too many lines or markup signs for one body, or too long a paragraph (each counted only where the
    body is long enough to have too many)."""
    found = []
    if body.count("\n") >= MAX_LINES:
        lines = sum(len(text.split("\n")) for _, text in _paragraphs(body))
        if lines > MAX_LINES:
            found.append(problem(path, (first_line, 1), "markdown-too-many-lines", count=lines, limit=MAX_LINES))
    if len(body) > MAX_MARKUP:
        markup = sum(1 for _ in MARKUP.finditer(body))
        if markup > MAX_MARKUP:
            found.append(problem(path, (first_line, 1), "markdown-too-much-markup", count=markup, limit=MAX_MARKUP))
    if len(body) > MAX_PARAGRAPH:
        long = next(((start, len(text)) for start, text in _paragraphs(body, True) if len(text) > MAX_PARAGRAPH), None)
        if long:
            found.append(problem(path, (first_line + long[0], 1), "markdown-long-paragraph", count=long[1],
                                 limit=MAX_PARAGRAPH))  # fmt: skip
    return found


def _deep_line(body: str) -> int | None:
    """The first line opening more than MAX_BLOCK_DEPTH lists and quotes; only lines with a long enough
    prefix of markers or indentation are looked at closely."""
    for match in DEEP_CANDIDATE.finditer(body):
        line_end = body.find("\n", match.start())
        if _block_depth(body[match.start() : line_end if line_end >= 0 else len(body)]) > MAX_BLOCK_DEPTH:
            return body.count("\n", 0, match.start())
    return None


def check_complexity(path: str, body: str, first_line: int) -> list[Problem]:
    """Unclosed brackets and tags beyond a few, nesting beyond a limit, and more lines, markup or paragraph
    than any real entry would have: each named at its line. A body without enough of the signs a limit
    counts (the common case) is not looked at for that limit."""
    found = _sizes(path, body, first_line)
    angles = body.count("<")
    unclosed_tags = _unclosed_tags(body) if angles > MAX_UNCLOSED else []
    if len(unclosed_tags) > MAX_UNCLOSED:
        line, column = _line_col(body, unclosed_tags[0])
        found.append(problem(path, (first_line + line, column), "markdown-unclosed-tags",
                             count=len(unclosed_tags), limit=MAX_UNCLOSED))  # fmt: skip
    deep_html = _html_depth(body) if angles > MAX_HTML_DEPTH else None
    if deep_html is not None:
        line, column = _line_col(body, deep_html)
        found.append(problem(path, (first_line + line, column), "markdown-deep-html", limit=MAX_HTML_DEPTH))
    deep_line = _deep_line(body)
    if deep_line is not None:
        found.append(problem(path, (first_line + deep_line, 1), "markdown-deep-blocks", limit=MAX_BLOCK_DEPTH))
    if (body.count("[") <= MAX_BRACKET_DEPTH and body.count("`") <= MAX_UNCLOSED
            and body.count("*") + body.count("_") <= MAX_EMPHASIS_DEPTH):  # fmt: skip
        return found  # too few brackets, backticks and emphasis marks to pass any limit
    for start, text in _paragraphs(body):
        paragraph = _Paragraph(text)

        def at(offset: int) -> tuple[int, int]:
            line, column = _line_col(text, offset)
            return first_line + start + line, column

        if len(paragraph.unclosed_brackets) > MAX_UNCLOSED:
            found.append(problem(path, at(paragraph.unclosed_brackets[0]), "markdown-unclosed-brackets",
                                 count=len(paragraph.unclosed_brackets), limit=MAX_UNCLOSED))  # fmt: skip
        if len(paragraph.unclosed_code) > MAX_UNCLOSED:
            found.append(problem(path, at(paragraph.unclosed_code[0]), "markdown-unclosed-code",
                                 count=len(paragraph.unclosed_code), limit=MAX_UNCLOSED))  # fmt: skip
        if len(paragraph.unclosed_links) > MAX_UNCLOSED:
            found.append(problem(path, at(paragraph.unclosed_links[0]), "markdown-unclosed-links",
                                 count=len(paragraph.unclosed_links), limit=MAX_UNCLOSED))  # fmt: skip
        if paragraph.deep_brackets is not None:
            found.append(problem(path, at(paragraph.deep_brackets), "markdown-deep-brackets", limit=MAX_BRACKET_DEPTH))
        if paragraph.deep_emphasis is not None:
            found.append(problem(path, at(paragraph.deep_emphasis), "markdown-deep-emphasis", limit=MAX_EMPHASIS_DEPTH))
    return found
