"""Front matter: split a file into YAML and body, parse the YAML keeping every position.

PyYAML's `compose` gives nodes with line and column; we turn them into plain
values ourselves so that duplicate keys are caught (PyYAML keeps the last one
silently), alias expansion and nesting are bounded, and a bad date stays a
string for the validator to name instead of raising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..problems import Problem, problem
from .yaml_loader import Loader

MAX_NODES = 5_000  # values visited while converting, aliases counted each time
MAX_DEPTH = 12  # nesting of lists and mappings
MAX_BRACKETS = 64  # flow-style nesting, checked before the parser sees it

Path_ = tuple  # a field path such as ("sources", 0, "url")

FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*：")
LEADING_SPACE = re.compile(r"^[ \t\u3000]*")
FENCE_CLOSE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.M)  # --- or ... alone on a line ([^\S\n]: what rstrip strips)

YAML_PROBLEMS_ZH = {
    "mapping values are not allowed here": "此处不能再出现“字段: 值”（值里有冒号时请给整个值加引号）",
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "出现了制表符（Tab）",
    "found undefined alias": "使用了未定义的别名（*）",
    "did not find expected key": "缩进不一致，找不到下一个字段",
    "did not find expected '-' indicator": "列表缩进不一致",
    "found unexpected end of stream": "引号或括号没有闭合",
    "found unknown escape character": "双引号中有无效的转义字符（\\）",
    "expected <block end>, but found '-'": "列表项“- ”的缩进与上一行不一致",
    "found unexpected ':'": "出现了多余的冒号",
    "expected ',' or ']', but got '<scalar>'": "方括号列表中缺少逗号或右括号",
    "expected ',' or '}', but got '<scalar>'": "花括号中缺少逗号或右括号",
}


@dataclass(frozen=True)
class Document:
    """A parsed entry or vocabulary file: plain data plus where each value stands."""

    path: str
    data: dict
    marks: dict = field(default_factory=dict)  # Path_ -> (line, column) of the value
    key_marks: dict = field(default_factory=dict)  # Path_ -> (line, column) of the key
    body: str = ""
    body_line: int = 1

    def mark(self, path: Path_) -> tuple[int, int]:
        """Position of a value, falling back to its nearest parent, then line 1."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def key_mark(self, path: Path_) -> tuple[int, int]:
        return self.key_marks.get(path) or self.mark(path)


def split(path: str, text: str) -> tuple[str | None, int, str, int, list[Problem]]:
    """Return (yaml text, yaml first line, body, body first line, problems)."""
    opening_end = text.find("\n")
    if (text if opening_end < 0 else text[:opening_end]).rstrip() != "---":
        return None, 0, text, 1, [problem(path, (1, 1), "frontmatter-missing")]
    closing = FENCE_CLOSE.search(text, opening_end + 1) if opening_end >= 0 else None
    if closing is None:
        return None, 0, "", 1, [problem(path, (1, 1), "frontmatter-unclosed")]
    yaml_text = text[opening_end + 1 : max(closing.start() - 1, opening_end + 1)]
    body = text[closing.end() + 1 :]
    return yaml_text, 2, body, text.count("\n", 0, closing.start()) + 2, []


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
    def __init__(self, what: str, limit: int, mark):
        super().__init__(what)
        self.what, self.limit, self.mark = what, limit, mark


class _Converter:
    """Nodes to plain values, recording marks, refusing duplicates and blow-ups."""

    def __init__(self, path: str, first_line: int):
        self.path = path
        self.first_line = first_line
        self.visited = 0
        self.marks: dict = {}
        self.key_marks: dict = {}
        self.problems: list[Problem] = []
        self._constructor = None  # made on the first scalar the fast paths do not cover

    def position(self, node) -> tuple[int, int]:
        return node.start_mark.line + self.first_line, node.start_mark.column + 1

    def convert(self, node, where: Path_ = (), depth: int = 0):
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooComplex(f"{self.visited}+ nodes", MAX_NODES, self.position(node))
        if depth > MAX_DEPTH:
            raise _TooComplex(f"depth {depth}", MAX_DEPTH, self.position(node))
        mark = node.start_mark  # each path is reached once (duplicate keys are skipped): no mark is overwritten
        self.marks[where] = (mark.line + self.first_line, mark.column + 1)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return node.value if node.tag in TEXT_TAGS else self.scalar(node)  # text, the common case, inline
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


def parse_yaml(path: str, yaml_text: str, first_line: int) -> tuple[object, dict, dict, list[Problem]]:
    """Parse YAML text into (data, marks, key marks, problems); data is None on failure."""
    yaml_text, problems = repair_lexical(path, yaml_text, first_line)
    if _flow_depth(yaml_text) > MAX_BRACKETS:
        problems.append(problem(path, (first_line, 1), "yaml-too-complex", found="[[[ …", limit=MAX_BRACKETS))
        return None, {}, {}, problems
    try:
        node = yaml.compose(yaml_text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
        text = (exc.problem or exc.context or "").strip()
        problems.append(problem(path, where, "yaml-syntax", found=text, found_zh=YAML_PROBLEMS_ZH.get(text, text)))
        return None, {}, {}, problems
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        text = (str(exc).splitlines() or ["?"])[0][:120]
        problems.append(problem(path, (first_line, 1), "yaml-syntax", found=text, found_zh=text))
        return None, {}, {}, problems
    if node is None:
        return None, {}, {}, problems
    converter = _Converter(path, first_line)
    try:
        data = converter.convert(node)
    except _TooComplex as exc:
        problems.append(problem(path, exc.mark, "yaml-too-complex", found=exc.what, limit=exc.limit))
        return None, {}, {}, problems
    except RecursionError:
        problems.append(problem(path, (first_line, 1), "yaml-too-complex", found="depth", limit=MAX_DEPTH))
        return None, {}, {}, problems
    return data, converter.marks, converter.key_marks, problems + converter.problems


def load_document(path: str, text: str, with_body: bool = True) -> tuple[Document | None, list[Problem]]:
    """A whole entry file (front matter + body), or a plain YAML file when with_body is False."""
    if with_body:
        yaml_text, first_line, body, body_line, problems = split(path, text)
        if yaml_text is None:
            return None, problems
        if not yaml_text.strip():
            return None, problems + [problem(path, (1, 1), "frontmatter-empty")]
    else:
        yaml_text, first_line, body, body_line, problems = text, 1, "", 1, []
    data, marks, key_marks, more = parse_yaml(path, yaml_text, first_line)
    problems += more
    if data is None:
        if not any(p.is_error for p in more):
            problems.append(problem(path, (first_line, 1), "frontmatter-empty"))
        return None, problems
    if not isinstance(data, dict):
        kind = "列表" if isinstance(data, list) else f"“{data}”"
        return None, problems + [problem(path, (first_line, 1), "frontmatter-not-mapping", found=kind)]
    return Document(path, data, marks, key_marks, body, body_line), problems
