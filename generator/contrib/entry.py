"""A new entry file: rendered from its skeleton template, checked by the real validator, written once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from ..content.frontmatter import load_document
from ..content.library import load_library
from ..content.model import RECOMMENDED_SECTIONS
from ..content.schema import TYPE_FOLDERS
from ..content.suggest import is_valid_id, slugify
from ..content.validate import check_entry
from ..problems import Problem, sort_problems

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "contrib"
PLACEHOLDER_SOURCE = "（待补充：来源标题。发布前请改为真实的公开来源）"


def yaml_scalar(value) -> str:
    """One front-matter value, quoted where YAML needs it (`a: b`, `#x`, `true`, `2024`)."""
    if isinstance(value, str):
        value = " ".join(value.split())
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # Markdown and YAML, not HTML: values are quoted by the yaml filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml"] = yaml_scalar
    return env


@dataclass
class Draft:
    """The values of a new entry; `sections` maps a body heading to text that replaces its guidance."""

    type: str
    id: str
    values: dict
    sections: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"cases/{TYPE_FOLDERS[self.type]}/{self.id}.md"

    def context(self) -> dict:
        values = dict(self.values)
        source = {k: values.pop(f"source_{k}", None) for k in ("title", "url", "publisher", "date")}
        values["sources"] = [source if source["title"] else {**source, "title": PLACEHOLDER_SOURCE}]
        values.setdefault("institutions", ())
        for key in ("district", "year", "role"):
            values.setdefault(key, None)
        return {**values, "sections": self.sections, "headings": RECOMMENDED_SECTIONS[self.type]}


def render(draft: Draft) -> str:
    return _environment().get_template(f"{draft.type}.md.j2").render(draft.context())


def id_taken(root: Path, entry_type: str, entry_id: str) -> bool:
    folder = Path(root) / "cases" / TYPE_FOLDERS[entry_type]
    return folder.is_dir() and any(p.stem.lower() == entry_id for p in folder.glob("*.md"))


def free_id(root: Path, entry_type: str, title: str) -> str:
    """The pinyin of the title, with -2, -3 … added when that id is already used."""
    base = slugify(title)[:60].strip("-")
    candidate, number = base, 2
    while id_taken(root, entry_type, candidate):
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def id_problem(root: Path, entry_type: str, entry_id: str) -> str | None:
    """Why an id cannot be used, in Chinese, or None."""
    if not is_valid_id(entry_id):
        return f"编号“{entry_id}”无效：只能用小写英文字母、数字和单个连字符，3–64 个字符"
    if id_taken(root, entry_type, entry_id):
        return f"编号“{entry_id}”已被 cases/{TYPE_FOLDERS[entry_type]}/{entry_id}.md 使用，请换一个"
    return None


def check_text(root: Path, vocab, draft: Draft, text: str) -> list[Problem]:
    """The real validator's problems with this text, before it is written anywhere."""
    doc, problems = load_document(draft.path, text)
    if doc is not None:
        problems += check_entry(doc, draft.type, vocab, Path(root), text)[1]
    return sort_problems(problems)


def write_new(root: Path, draft: Draft, text: str) -> Path:
    """Create the file; never replace one (FileExistsError if it is there)."""
    target = Path(root) / draft.path
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return target


def check_written(root: Path, relpath: str) -> list[Problem]:
    """What `python -m generator check <file>` reports for the written file."""
    result = load_library(Path(root))
    return [p for p in result.problems if p.path == relpath]
