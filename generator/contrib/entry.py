"""A new entry file: rendered from its skeleton template, checked by the real validator, written once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from .. import messages
from ..content.frontmatter import load_document
from ..content.library import load_library
from ..content.schema import SOURCE, EntryType, Schema
from ..content.suggest import is_valid_id, slugify
from ..content.validate import check_entry
from ..output import create_file
from ..problems import Problem, sort_problems
from .questions import questions_for

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

    type: EntryType
    id: str
    values: dict
    sections: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"cases/{self.type.folder}/{self.id}.md"

    def context(self) -> dict:
        """The fields in the order the type declares them (lists as lists), one source, the body's headings."""
        fields = [(q.key, self.values[q.key]) for q in questions_for(self.type)
                  if not q.key.startswith("source_") and self.values.get(q.key) not in (None, (), [], "")]  # fmt: skip
        source = {f.name: self.values.get(f"source_{f.name}") for f in SOURCE.fields}
        source["title"] = source["title"] or PLACEHOLDER_SOURCE
        return {"type": self.type.id, "fields": fields, "source": source, "sections": self.sections,
                "headings": self.type.sections}  # fmt: skip


def render(draft: Draft) -> str:
    return _environment().get_template(f"{draft.type.id}.md.j2").render(draft.context())


def id_taken(root: Path, entry_type: EntryType, entry_id: str) -> bool:
    folder = Path(root) / "cases" / entry_type.folder
    return folder.is_dir() and any(p.stem.lower() == entry_id for p in folder.glob("*.md"))


def free_id(root: Path, entry_type: EntryType, title: str) -> str:
    """The pinyin of the title, with -2, -3 … added when that id is already used."""
    base = slugify(title)[:60].strip("-")
    candidate, number = base, 2
    while id_taken(root, entry_type, candidate):
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def id_problem(root: Path, entry_type: EntryType, entry_id: str, lang: str = "zh") -> str | None:
    """Why an id cannot be used, or None."""
    if not is_valid_id(entry_id):
        return messages.text("id-invalid", lang, found=entry_id)
    if id_taken(root, entry_type, entry_id):
        return messages.text("id-taken", lang, found=entry_id, path=f"cases/{entry_type.folder}/{entry_id}.md")
    return None


def check_text(root: Path, vocab, schema: Schema, draft: Draft, text: str) -> list[Problem]:
    """The real validator's problems with this text, before it is written anywhere."""
    doc, problems = load_document(draft.path, text)
    if doc is not None:
        problems += check_entry(doc, schema, draft.type, vocab, Path(root), text)[1]
    return sort_problems(problems)


def write_new(root: Path, draft: Draft, text: str) -> Path:
    """Create the file whole; never replace one (FileExistsError if it is there)."""
    target = Path(root) / draft.path
    create_file(target, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
    return target


def check_written(root: Path, relpath: str) -> list[Problem]:
    """What `python -m generator check <file>` reports for the written file."""
    result = load_library(Path(root))
    return [p for p in result.problems if p.path == relpath]
