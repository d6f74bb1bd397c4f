"""Loading `cases/` into a Library: read, check, model and resolve references, in one pass.

The steps are public for `serve`, which re-reads only the files that changed:
`check_files` (read and check, references not yet resolved), `resolve_references`
(over every checked file) and `make_entry`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path, PurePosixPath

from ..problems import WARNING, Problem, capped, problem, sort_problems
from .parallel import gc_paused, map_jobs
from .files import list_entry_files, read_text, symlinked_part
from .frontmatter import Document, load_document
from .model import EntryBase as Entry
from .schema import SCHEMA, Schema
from .suggest import closest, is_valid_id, slugify
from .validate import check_entry
from .vocab import Vocabulary, load_vocabulary

NAMING_FIELDS = ("title", "aliases", "status")  # what references are resolved with, besides the references


@dataclass(frozen=True)
class Library:
    root: Path
    vocab: Vocabulary
    entries: tuple[Entry, ...]  # every valid entry, drafts included, by type then id
    schema: Schema = SCHEMA  # what the entries were checked and made with

    def entries_of(self, entry_type: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.type == entry_type)

    @cached_property
    def _by_key(self) -> dict:
        return {(e.type, e.id): e for e in self.entries}

    def get(self, entry_type: str, entry_id: str) -> Entry | None:
        return self._by_key.get((entry_type, entry_id))

    @cached_property
    def published(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.published)

    @cached_property
    def published_by_id(self) -> dict[str, Entry]:
        """The published entries by id (the first of an id, in the library's order): what `--ids` names."""
        found: dict[str, Entry] = {}
        for entry in self.published:
            found.setdefault(entry.id, entry)
        return found


@dataclass(frozen=True)
class CheckResult:
    problems: list[Problem]
    files: int  # how many files were looked at

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class LoadResult(CheckResult):
    library: Library


def _entry_id(path: str, problems: list[Problem]) -> str | None:
    stem = path.rsplit("/", 1)[-1][: -len(".md")]
    if is_valid_id(stem):
        return stem
    problems.append(problem(path, (1, 1), "id-invalid", found=stem, suggestion=slugify(stem)))
    return None


def make_entry(schema: Schema, item: "CheckedFile", with_errors: set[str]) -> Entry | None:
    """The entry of a checked file (references resolved); None without an id, a required field, or with an error."""
    if not item.id or item.path in with_errors:
        return None
    if not all(f.name in item.fields for f in schema.type(item.type).fields if f.required):
        return None
    values = {f.name: f.type.build(item.fields[f.name]) for f in schema.type(item.type).fields
              if f.stored and f.name in item.fields}  # fmt: skip
    return schema.entry_class(id=item.id, type=item.type, path=item.path, body=item.doc.body,
                              body_line=item.doc.body_line, **values)  # fmt: skip


@dataclass
class CheckedFile:
    """One file's checked fields, before references are resolved and the entry is built."""

    type: str
    id: str | None
    path: str
    fields: dict
    doc: object


PARALLEL_FROM = 2000  # files; below this a process pool costs more than it saves


def _check_file(root: Path, vocab: Vocabulary, schema: Schema, for_entries: bool, job: tuple) -> tuple[CheckedFile | None, list[Problem]]:
    entry_type, path = job
    problems: list[Problem] = []
    entry_id = _entry_id(path, problems)
    text_file, more = read_text(root, path)
    problems += more
    if text_file is None:
        return None, problems
    doc, more = load_document(path, text_file.text)
    problems += more
    if doc is None:
        return None, capped(problems)
    fields, more = check_entry(doc, schema, schema.type(entry_type), vocab, root, text_file.text)
    if not for_entries:
        keep = (*NAMING_FIELDS, *schema.references)
        fields = {name: fields[name] for name in keep if name in fields}
    problems += more
    return CheckedFile(entry_type, entry_id, path, fields, _slim(doc, schema, for_entries)), capped(problems)


def _slim(doc: Document, schema: Schema, for_entries: bool) -> Document:
    """What is still needed of a checked document: the positions of its references, and its
    body if entries are to be built. Much less to send back from a worker than the whole parse."""
    marks = {where: mark for where, mark in doc.marks.items() if where and where[0] in schema.references}
    return Document(doc.path, {}, marks, body=doc.body if for_entries else "", body_line=doc.body_line)


def list_entries(root: Path, schema: Schema) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(entry type id, path) of every entry file, and the problems of the other files in the entry folders."""
    jobs: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for entry_type in schema.types:
        paths, more = list_entry_files(root, f"cases/{entry_type.folder}")
        problems += more
        jobs += [(entry_type.id, path) for path in paths]
    return jobs, problems


def check_files(root: Path, vocab: Vocabulary, schema: Schema, jobs: list[tuple[str, str]],
                for_entries: bool = True, parallel: bool = True) -> list[tuple[CheckedFile | None, list[Problem]]]:  # fmt: skip
    """Each (entry type id, path) read and checked, references not yet resolved: (checked file or None, problems).
    Many files are checked in worker processes, unless not `parallel`."""
    return map_jobs(_check_file, (root, vocab, schema, for_entries), jobs, PARALLEL_FROM if parallel else len(jobs) + 1)


def _read_entries(root: Path, vocab: Vocabulary, schema: Schema, for_entries: bool,
                  ids: frozenset[str] | None = None) -> tuple[list[CheckedFile], list[Problem], int]:  # fmt: skip
    jobs, problems = list_entries(root, schema)
    if ids is not None:  # the chosen entries, and every entry of a type they may name (names resolve among those)
        named = set(schema.references.values())
        jobs = [(kind, path) for kind, path in jobs if kind in named or PurePosixPath(path).stem in ids]
    count = len(jobs) + len(problems)
    checked = []
    for item, more in check_files(root, vocab, schema, jobs, for_entries):
        problems += more
        if item is not None:
            checked.append(item)
    return checked, problems, count


def _reference_names(checked: list[CheckedFile], entry_type: str) -> dict[str, str]:
    """Spelling (exact title, model alias, id) -> id, for the entries of one type."""
    names: dict[str, str] = {}
    for item in checked:
        if item.type == entry_type and item.id:
            for spelling in (item.fields.get("title"), *item.fields.get("aliases", ()), item.id):
                if spelling:
                    names[spelling] = item.id
    return names


def _resolve(checked: list[CheckedFile], schema: Schema, among: list[CheckedFile] | None = None) -> list[Problem]:
    """Replace references to other entries by their ids, in place; name the ones that match nothing.
    Names are looked up among `among` (default: `checked`)."""
    named = checked if among is None else among
    lookups = {kind: _reference_names(named, kind) for kind in schema.references.values()}
    drafts = {(c.type, c.id) for c in named if c.fields.get("status") == "draft"}
    problems: list[Problem] = []
    for item in checked:
        published = item.fields.get("status", "published") == "published"
        for field_name, kind in schema.references.items():
            if field_name not in item.fields:
                continue
            ids = []
            for index, name in enumerate(item.fields[field_name]):
                where = item.doc.mark((field_name, index))
                target = lookups[kind].get(name)
                if target is None:
                    problems.append(
                        problem(item.path, where, f"unknown-{kind}", found=name, suggestion=closest(name, {s: s for s in lookups[kind]}))
                    )
                    continue
                if (kind, target) in drafts and published:
                    problems.append(
                        problem(item.path, where, "reference-draft", WARNING, found=name, kind=schema.type(kind).label)
                    )
                if target not in ids:
                    ids.append(target)
            item.fields[field_name] = tuple(ids)
    return problems


def resolve_references(checked: list[CheckedFile], schema: Schema,
                       among: list[CheckedFile] | None = None) -> tuple[list[CheckedFile], list[Problem]]:  # fmt: skip
    """Copies of `checked` with references replaced by ids, and the problems of those that match nothing;
    names are looked up among `among` (every checked file; default: `checked`)."""
    copies = [replace(item, fields=dict(item.fields)) for item in checked]
    return copies, _resolve(copies, schema, among)


def _check_tree(root: Path, schema: Schema, for_entries: bool,
                ids: frozenset[str] | None = None) -> tuple[Vocabulary, list[CheckedFile], list[Problem], int]:  # fmt: skip
    root = Path(root)
    if not (root / "cases").is_dir():
        raise FileNotFoundError(root / "cases")
    if symlinked_part(root, "cases"):  # nothing under it is read: it all comes from elsewhere
        return Vocabulary(), [], [problem("cases", None, "folder-symlink")], 1
    vocab, problems = load_vocabulary(root)
    checked, more, count = _read_entries(root, vocab, schema, for_entries, ids)
    problems += more + _resolve(checked, schema)
    return vocab, checked, problems, count + 3  # + the three vocabulary files


def check_content(root: Path, schema: Schema = SCHEMA) -> CheckResult:
    """Every problem under `cases/`, without building the entries (what `check` needs)."""
    with gc_paused():
        _, _, problems, count = _check_tree(root, schema, for_entries=False)
        return CheckResult(sort_problems(problems), count)


def load_library(root: Path, schema: Schema = SCHEMA, ids: frozenset[str] | None = None) -> LoadResult:
    """Everything under `cases/`, checked; entries with errors are left out, every problem kept.
    With `ids`, only what a booklet of those entries needs: the vocabularies, the entries of those
    ids and every entry of the types they may name (their files' problems only)."""
    with gc_paused():
        vocab, checked, problems, count = _check_tree(root, schema, for_entries=True, ids=ids)
        with_errors = {p.path for p in problems if p.is_error}
        entries = [entry for entry in (make_entry(schema, c, with_errors) for c in checked) if entry is not None]
        order = [t.id for t in schema.types]
        entries.sort(key=lambda e: (order.index(e.type), e.id))
        library = Library(root=Path(root), vocab=vocab, entries=tuple(entries), schema=schema)
        return LoadResult(sort_problems(problems), count, library)
