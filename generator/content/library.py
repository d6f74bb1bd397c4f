"""Loading `cases/` into a Library: read, check, model and resolve references, in one pass."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..problems import WARNING, Problem, problem, sort_problems
from .files import list_entry_files, read_text
from .frontmatter import load_document
from .model import ENTRY_CLASSES, Entry, Outcome, Source
from .schema import FIELDS, TYPE_FOLDERS
from .suggest import closest, is_valid_id, slugify
from .validate import check_entry
from .vocab import Vocabulary, load_vocabulary

REFERENCE_FIELDS = {"models": "model", "figures": "figure"}


@dataclass(frozen=True)
class Library:
    root: Path
    vocab: Vocabulary
    entries: tuple[Entry, ...]  # every valid entry, drafts included, by type then id

    def entries_of(self, entry_type: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.type == entry_type)

    def get(self, entry_type: str, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.type == entry_type and e.id == entry_id), None)

    @property
    def published(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.published)


@dataclass(frozen=True)
class LoadResult:
    library: Library
    problems: list[Problem]
    files: int  # how many files were looked at

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _entry_id(path: str, problems: list[Problem]) -> str | None:
    stem = PurePosixPath(path).name[: -len(".md")]
    if is_valid_id(stem):
        return stem
    problems.append(problem(path, (1, 1), "id-invalid", found=stem, suggestion=slugify(stem)))
    return None


def _has_error(problems: list[Problem], path: str) -> bool:
    return any(p.is_error and p.path == path for p in problems)


def _build(entry_type: str, entry_id: str, path: str, fields: dict, doc) -> Entry:
    values = dict(fields)
    values.pop("type", None)
    values["sources"] = tuple(Source(**s) for s in values.get("sources", ()))
    if "outcomes" in values:
        values["outcomes"] = tuple(Outcome(**o) for o in values["outcomes"])
    return ENTRY_CLASSES[entry_type](
        id=entry_id, type=entry_type, path=path, body=doc.body, body_line=doc.body_line, **values
    )


def _required_present(entry_type: str, fields: dict) -> bool:
    return all(f.name in fields for f in FIELDS[entry_type] if f.required)


@dataclass
class _Checked:
    """One file's checked fields, before references are resolved and the entry is built."""

    type: str
    id: str | None
    path: str
    fields: dict
    doc: object


PARALLEL_FROM = 2000  # files; below this a process pool costs more than it saves


def _check_file(root: Path, vocab: Vocabulary, job: tuple) -> tuple[_Checked | None, list[Problem]]:
    entry_type, entry_id, path = job
    text_file, problems = read_text(root, path)
    if text_file is None:
        return None, problems
    doc, more = load_document(path, text_file.text)
    problems += more
    if doc is None:
        return None, problems
    fields, more = check_entry(doc, entry_type, vocab, root, text_file.text)
    return _Checked(entry_type, entry_id, path, fields, _slim(doc)), problems + more


def _slim(doc):
    """What is still needed of a checked document: its body and the positions of its references.
    Much less to send back from a worker process than the whole parse."""
    marks = {where: mark for where, mark in doc.marks.items() if where and where[0] in REFERENCE_FIELDS}
    return replace(doc, data={}, marks=marks, key_marks={})


def _check_batch(root: Path, vocab: Vocabulary, jobs: list[tuple]) -> list:
    return [_check_file(root, vocab, job) for job in jobs]


def _check_all(root: Path, vocab: Vocabulary, jobs: list[tuple]) -> list:
    """Check files in one process, or in one worker per core for large trees (order kept)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return _check_batch(root, vocab, jobs)
    size = -(-len(jobs) // (workers * 4))
    batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        results = pool.map(_check_batch, [root] * len(batches), [vocab] * len(batches), batches)
        return [item for batch in results for item in batch]


def _read_entries(root: Path, vocab: Vocabulary) -> tuple[list[_Checked], list[Problem], int]:
    problems: list[Problem] = []
    jobs: list[tuple] = []
    count = 0
    for entry_type, folder in TYPE_FOLDERS.items():
        paths, more = list_entry_files(root, f"cases/{folder}")
        problems += more
        count += len(paths) + len(more)
        jobs += [(entry_type, _entry_id(path, problems), path) for path in paths]
    checked = []
    for item, more in _check_all(root, vocab, jobs):
        problems += more
        if item is not None:
            checked.append(item)
    return checked, problems, count


def _reference_names(checked: list[_Checked], entry_type: str) -> dict[str, str]:
    """Spelling (exact title, model alias, id) -> id, for the entries of one type."""
    names: dict[str, str] = {}
    for item in checked:
        if item.type == entry_type and item.id:
            for spelling in (item.fields.get("title"), *item.fields.get("aliases", ()), item.id):
                if spelling:
                    names[spelling] = item.id
    return names


def _resolve(checked: list[_Checked]) -> list[Problem]:
    """Replace model and figure references by ids, in place; name the ones that match nothing."""
    lookups = {kind: _reference_names(checked, kind) for kind in REFERENCE_FIELDS.values()}
    drafts = {(c.type, c.id) for c in checked if c.fields.get("status") == "draft"}
    problems: list[Problem] = []
    for item in checked:
        published = item.fields.get("status", "published") == "published"
        for field_name, kind in REFERENCE_FIELDS.items():
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
                        problem(item.path, where, "reference-draft", WARNING, found=name,
                                kind={"model": "模式", "figure": "人物"}[kind])
                    )
                if target not in ids:
                    ids.append(target)
            item.fields[field_name] = tuple(ids)
    return problems


def load_library(root: Path) -> LoadResult:
    """Everything under `cases/`, checked; entries with errors are left out, every problem kept."""
    root = Path(root)
    if not (root / "cases").is_dir():
        raise FileNotFoundError(root / "cases")
    vocab, problems = load_vocabulary(root)
    checked, more, count = _read_entries(root, vocab)
    problems += more + _resolve(checked)
    entries = [
        _build(c.type, c.id, c.path, c.fields, c.doc)
        for c in checked
        if c.id and _required_present(c.type, c.fields) and not _has_error(problems, c.path)
    ]
    entries.sort(key=lambda e: (list(TYPE_FOLDERS).index(e.type), e.id))
    library = Library(root=root, vocab=vocab, entries=tuple(entries))
    return LoadResult(library, sort_problems(problems), count + 3)
