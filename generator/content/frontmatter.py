"""Front matter: split a file into YAML and body, parse the YAML keeping every position.

PyYAML's `compose` gives nodes with line and column; we turn them into plain
values ourselves so that duplicate keys are caught (PyYAML keeps the last one
silently), alias expansion and nesting are bounded, and a bad date stays a
string for the validator to name instead of raising. A plain scalar that YAML 1.1
reads as something other than text (`12:30` is 750, `0x1F` 31, `007` 7, `on` true)
keeps the text as typed beside its value, so a text field stores what was typed
and messages show it.

Only a `---` line closes the front matter: a `...` line (YAML's end of document)
is named, and the fields after it are still read. Merge-conflict markers are named
before YAML sees them, instead of YAML's confusing complaint about a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..messages.yaml import yaml_problem
from ..problems import Problem, problem
from .safety import hidden_at
from .yaml_loader import Loader

MAX_NODES = 5_000  # values visited while converting, aliases counted each time
MAX_DEPTH = 12  # nesting of lists and mappings
MAX_BRACKETS = 64  # flow-style nesting, checked before the parser sees it

Path_ = tuple  # a field path such as ("sources", 0, "url")

FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*：")
LEADING_SPACE = re.compile(r"^[ \t\u3000]*")
FENCE_CLOSE = re.compile(r"^---[^\S\n]*$", re.M)  # --- alone on a line ([^\S\n]: what rstrip strips)
DOCUMENT_END = re.compile(r"^\.\.\.[^\S\n]*$", re.M)  # YAML's end of a document: never closes the front matter
CONFLICT_MARKER = re.compile(r"^(?:<{7}|\|{7}|>{7})(?:[ \t].*)?$|^={7}[^\S\n]*$", re.M)
CONFLICT_SIDES = re.compile(r"^(?:<{7}|>{7})(?:[ \t]|$)", re.M)  # without them, ======= underlines a heading
YAML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")  # what YAML refuses to read


def field_label(where: Path_) -> str:
    """("sources", 0, "url") -> "sources[1].url" (items counted from 1, as people count)."""
    text = ""
    for part in where:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True)
class Document:
    """A parsed entry or vocabulary file: plain data plus where each value stands."""

    path: str
    data: dict
    marks: dict = field(default_factory=dict)  # Path_ -> (line, column) of the value
    key_marks: dict = field(default_factory=dict)  # Path_ -> (line, column) of the key
    body: str = ""
    body_line: int = 1
    typed: dict = field(default_factory=dict)  # Path_ -> the text of a plain scalar YAML read as no text (`12:30`)

    def mark(self, path: Path_) -> tuple[int, int]:
        """Position of a value, falling back to its nearest parent, then line 1."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def key_mark(self, path: Path_) -> tuple[int, int]:
        return self.key_marks.get(path) or self.mark(path)

    def typed_text(self, path: Path_) -> str | None:
        """What was typed for a value YAML read as a number, a boolean or null; None for anything else."""
        return self.typed.get(path)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def split(path: str, text: str) -> tuple[str | None, int, str, int, list[Problem]]:
    """Return (yaml text, yaml first line, body, body first line, problems).

    A `...` line inside the front matter is named and blanked, so the fields after it are still read."""
    opening_end = text.find("\n")
    if (text if opening_end < 0 else text[:opening_end]).rstrip() != "---":
        return None, 0, text, 1, [problem(path, (1, 1), "frontmatter-missing")]
    closing = FENCE_CLOSE.search(text, opening_end + 1) if opening_end >= 0 else None
    end = closing.start() if closing else len(text)
    dots = list(DOCUMENT_END.finditer(text, opening_end + 1, end)) if opening_end >= 0 else []
    problems = [problem(path, (_line_of(text, m.start()), 1), "frontmatter-dots", closed=closing is not None)
                for m in dots]  # fmt: skip
    if closing is None:
        return None, 0, "", 1, [problem(path, (1, 1), "frontmatter-unclosed")] + problems
    yaml_text = text[opening_end + 1 : max(closing.start() - 1, opening_end + 1)]
    if dots:
        yaml_text = DOCUMENT_END.sub("", yaml_text)
    body = text[closing.end() + 1 :]
    return yaml_text, 2, body, text.count("\n", 0, closing.start()) + 2, problems


def conflict_markers(path: str, text: str, first_line: int = 1) -> list[Problem]:
    """Lines a merge left behind (<<<<<<<, |||||||, =======, >>>>>>>): each named at its line."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    if not CONFLICT_SIDES.search(text):
        return []
    return [problem(path, (first_line + text.count("\n", 0, m.start()), 1), "conflict-marker", found=m.group(0)[:7])
            for m in CONFLICT_MARKER.finditer(text)]  # fmt: skip


def yaml_control_characters(path: str, yaml_text: str, first_line: int) -> list[Problem]:
    """Control characters YAML refuses to read, each at its place (the parser names only the first, in English)."""
    if not YAML_CONTROL.search(yaml_text):
        return []
    return hidden_at(path, yaml_text, first_line, YAML_CONTROL)


def repair_lexical(path: str, yaml_text: str, first_line: int) -> tuple[str, list[Problem]]:
    """Find the typing slips YAML itself reports badly, and repair them to parse on."""
    problems: list[Problem] = []
    if not _needs_repair(yaml_text):
        return yaml_text, problems  # the common case: nothing to repair
    out = []
    for offset, line in enumerate(yaml_text.split("\n")):
        lineno = first_line + offset
        lead = LEADING_SPACE.match(line).group(0)
        if "\u3000" in lead:
            problems.append(problem(path, (lineno, lead.index("\u3000") + 1), "yaml-fullwidth-space"))
        if "\t" in lead:
            problems.append(problem(path, (lineno, lead.index("\t") + 1), "yaml-tab"))
        if lead:
            line = lead.replace("\u3000", "  ").replace("\t", "  ") + line[len(lead) :]
        match = FULLWIDTH_COLON.match(line)
        if match:
            column = match.end()
            problems.append(problem(path, (lineno, column), "yaml-fullwidth-colon", field=match.group(2)))
            line = match.group(1) + match.group(2) + ": " + line[match.end() :].lstrip()
        out.append(line)
    return "\n".join(out), problems


def _needs_repair(yaml_text: str) -> bool:
    """Whether repair_lexical has anything to do; looks only at the lines with a full-width colon."""
    if "\t" in yaml_text or "\u3000" in yaml_text:
        return True
    colon = yaml_text.find("：")
    while colon >= 0:
        if FULLWIDTH_COLON.match(yaml_text[yaml_text.rfind("\n", 0, colon) + 1 : colon + 1]):
            return True
        colon = yaml_text.find("：", colon + 1)
    return False


def _flow_depth(text: str) -> int:
    if text.count("[") + text.count("{") <= MAX_BRACKETS:
        return 0  # cannot nest deeper than it has brackets
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


class _TooComplex(Exception):
    def __init__(self, kind: str, mark):
        super().__init__(kind)
        self.kind, self.mark = kind, mark


class _Converter:
    """Nodes to plain values, recording marks, refusing duplicates and blow-ups."""

    def __init__(self, path: str, first_line: int):
        self.path = path
        self.first_line = first_line
        self.visited = 0
        self.marks: dict = {}
        self.key_marks: dict = {}
        self.typed: dict = {}
        self.problems: list[Problem] = []
        self._constructor = None  # made on the first scalar the fast paths do not cover

    def position(self, node) -> tuple[int, int]:
        return node.start_mark.line + self.first_line, node.start_mark.column + 1

    def convert(self, node, where: Path_ = (), depth: int = 0):
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooComplex("nodes", self.position(node))
        if depth > MAX_DEPTH:
            raise _TooComplex("depth", self.position(node))
        mark = node.start_mark  # each path is reached once (duplicate keys are skipped): no mark is overwritten
        self.marks[where] = (mark.line + self.first_line, mark.column + 1)
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag in TEXT_TAGS:
                return node.value  # text, the common case, inline
            if not node.style:  # plain (libyaml says '', PyYAML None): quoted text is never read as a number
                self.typed[where] = node.value
            return self.scalar(node)
        if kind is yaml.MappingNode:
            return self.mapping(node, where, depth)
        depth += 1
        return [self.convert(item, where + (i,), depth) for i, item in enumerate(node.value)]

    def mapping(self, node, where: Path_, depth: int) -> dict:
        result: dict = {}
        depth += 1
        for key_node, value_node in node.value:
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problems.append(
                    problem(self.path, self.position(key_node), "yaml-key-type", found=getattr(key_node, "value", "?"))
                )
                continue
            child = where + (key,)
            if key in result:
                self.problems.append(
                    problem(
                        self.path,
                        self.position(key_node),
                        "yaml-duplicate-key",
                        field=".".join(map(str, child)),
                        other=self.key_marks[child][0],
                    )
                )
                continue
            self.key_marks[child] = self.position(key_node)
            result[key] = self.convert(value_node, child, depth)
        return result

    def scalar(self, node):
        tag = node.tag
        if tag in TEXT_TAGS:
            return node.value  # dates stay text: the validator checks them
        fast = FAST_SCALARS.get(tag)
        if fast is not None:
            try:
                return fast(node.value)
            except ValueError:
                pass
        if self._constructor is None:
            self._constructor = yaml.constructor.SafeConstructor()
        try:
            return self._constructor.construct_object(node)
        except Exception:  # an odd tag or bad value: keep the text
            return node.value


TEXT_TAGS = frozenset(("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"))
FAST_SCALARS = {
    "tag:yaml.org,2002:null": lambda value: None,
    "tag:yaml.org,2002:bool": lambda value: value.lower() in ("yes", "true", "on"),
    "tag:yaml.org,2002:int": lambda value: int(value) if value.isdigit() else _raise(),
}


def _raise():
    raise ValueError


def _too_complex(path: str, mark, kind: str) -> Problem:
    limit = {"nodes": MAX_NODES, "depth": MAX_DEPTH, "brackets": MAX_BRACKETS}[kind]
    return problem(path, mark, f"yaml-too-complex-{kind}", limit=limit)


def _yaml_error(path: str, exc: yaml.YAMLError, yaml_text: str, first_line: int) -> Problem:
    """The parser's complaint, in Chinese, where it stands."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        where = (mark.line + first_line, mark.column + 1)
        text = (exc.problem or exc.context or "").strip()
    else:  # a reader error: a position in the text, and a reason
        position = getattr(exc, "position", 0) or 0
        where = (first_line + yaml_text.count("\n", 0, position), position - yaml_text.rfind("\n", 0, position))
        text = getattr(exc, "reason", None) or (str(exc).splitlines() or ["?"])[0]
    return problem(path, where, "yaml-syntax", found=text[:120], found_zh=yaml_problem(text))


def parse_yaml(path: str, yaml_text: str, first_line: int) -> tuple[object, dict, dict, dict, list[Problem]]:
    """Parse YAML text into (data, marks, key marks, typed texts, problems); data is None on failure."""
    yaml_text, problems = repair_lexical(path, yaml_text, first_line)
    control = yaml_control_characters(path, yaml_text, first_line)
    if control:
        return None, {}, {}, {}, problems + control
    if _flow_depth(yaml_text) > MAX_BRACKETS:
        return None, {}, {}, {}, problems + [_too_complex(path, (first_line, 1), "brackets")]
    try:
        node = yaml.compose(yaml_text, Loader=Loader)
    except yaml.YAMLError as exc:
        return None, {}, {}, {}, problems + [_yaml_error(path, exc, yaml_text, first_line)]
    except RecursionError:
        return None, {}, {}, {}, problems + [_too_complex(path, (first_line, 1), "depth")]
    except ValueError as exc:  # what the parser raises beyond its own errors: named in general terms
        text = (str(exc).splitlines() or ["?"])[0][:120]
        return None, {}, {}, {}, problems + [problem(path, (first_line, 1), "yaml-syntax", found=text,
                                                     found_zh=yaml_problem(text))]  # fmt: skip
    if node is None:
        return None, {}, {}, {}, problems
    converter = _Converter(path, first_line)
    try:
        data = converter.convert(node)
    except _TooComplex as exc:
        return None, {}, {}, {}, problems + [_too_complex(path, exc.mark, exc.kind)]
    except RecursionError:
        return None, {}, {}, {}, problems + [_too_complex(path, (first_line, 1), "depth")]
    return data, converter.marks, converter.key_marks, converter.typed, problems + converter.problems


def load_document(path: str, text: str, with_body: bool = True) -> tuple[Document | None, list[Problem]]:
    """A whole entry file (front matter + body), or a plain YAML file when with_body is False.

    Merge-conflict markers are named first; where they stand in the YAML, it is not parsed."""
    conflicts = conflict_markers(path, text)
    if with_body:
        yaml_text, first_line, body, body_line, problems = split(path, text)
        problems = conflicts + problems
        if yaml_text is None:
            return None, problems
        if any(p.line < body_line for p in conflicts):
            return None, problems
        if not yaml_text.strip():
            return None, problems + [problem(path, (1, 1), "frontmatter-empty")]
    else:
        yaml_text, first_line, body, body_line, problems = text, 1, "", 1, conflicts
        if conflicts:
            return None, problems
    data, marks, key_marks, typed, more = parse_yaml(path, yaml_text, first_line)
    problems += more
    if data is None:
        if not any(p.is_error for p in more):
            problems.append(problem(path, (first_line, 1), "frontmatter-empty"))
        return None, problems
    if not isinstance(data, dict):
        typed = yaml_text.strip().split("\n", 1)[0]  # what the front matter starts with, as typed
        return None, problems + [problem(path, (first_line, 1), "frontmatter-not-mapping", found=typed[:60])]
    return Document(path, data, marks, key_marks, body, body_line, typed), problems
