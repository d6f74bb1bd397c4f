"""The library of a content folder, kept up to date as its files change: only changed files are read again.

Every file's check is kept. After a change the changed files are checked again, the
references of all files are resolved again (names looked up: cheap), and an entry is
made anew only where its file or its resolved references changed; an entry equal to
the one it replaces is kept as it was. A file with errors keeps its last good entry, so
the preview goes on showing its page with the problems on it; a file that was never
good has no entry. Without errors, `library` holds the entries load_library makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..content.files import symlinked_part
from ..content.library import (
    Library,
    check_files,
    list_entries,
    make_entry,
    resolve_references,
)
from ..content.schema import SCHEMA, Schema
from ..content.vocab import (
    DISTRICTS_FILE,
    INSTITUTIONS_FILE,
    THEMES_FILE,
    Vocabulary,
    load_vocabulary,
)
from ..index import key
from ..problems import Problem, has_errors, problem, sort_problems

VOCABULARY_FILES = (THEMES_FILE, DISTRICTS_FILE, INSTITUTIONS_FILE)
SOURCE_COPIES = "cases/sources/"  # quotations are checked against these: a change re-checks every entry


@dataclass(frozen=True)
class Update:
    """What one change of files did to the library."""

    entries: dict  # Key -> (entry before or None, entry after or None), for every entry that changed
    problems: set  # paths whose problems changed
    appeared: set  # paths that appeared or went away: links and images naming them resolve differently
    vocabulary: bool = False  # the vocabularies changed: every page may read differently


class LiveLibrary:
    def __init__(self, root: Path, schema: Schema = SCHEMA):
        self.root, self.schema = Path(root), schema
        self.vocab, self.vocab_problems = self._vocabulary()
        self.jobs: dict[str, str] = {}  # entry file -> entry type id
        self.other_files: list[Problem] = []  # what the entry folders hold besides entry files
        self.checked: dict = {}  # entry file -> (CheckedFile or None, its problems)
        self.reference_problems: dict[str, list[Problem]] = {}
        self.made: dict = {}  # entry file -> (checked file, resolved fields, had errors, entry or None)
        self.good: dict = {}  # entry file -> its last entry made without errors
        self._library: Library | None = None
        self._list()
        self._check(set(self.jobs))
        self._settle()

    # --- what the preview reads

    @property
    def library(self) -> Library:
        """The entries as a Library (made again after a change of entries)."""
        if self._library is None:
            order = {t.id: i for i, t in enumerate(self.schema.types)}
            entries = sorted(self.good.values(), key=lambda e: (order[e.type], e.id))
            self._library = Library(root=self.root, vocab=self.vocab, entries=tuple(entries), schema=self.schema)
        return self._library

    def problems_of(self, path: str) -> list[Problem]:
        """Every problem of one file, in line order."""
        found = list(self.checked.get(path, (None, []))[1]) + self.reference_problems.get(path, [])
        found += [p for p in self.other_files + self.vocab_problems if p.path == path]
        return sort_problems(found)

    def paths_with_errors(self) -> list[str]:
        paths = {p.path for p in self.other_files + self.vocab_problems if p.is_error}
        paths.update(path for path in self.checked if has_errors(self._own_problems(path)))
        return sorted(paths)

    def problem_count(self) -> tuple[int, int]:
        """(errors, warnings) of the whole folder."""
        every = self.other_files + self.vocab_problems
        for path in self.checked:
            every += self._own_problems(path)
        errors = sum(p.is_error for p in every)
        return errors, len(every) - errors

    @property
    def files(self) -> int:
        return len(self.jobs) + len(self.other_files) + len(VOCABULARY_FILES)

    def _own_problems(self, path: str) -> list[Problem]:
        return self.checked[path][1] + self.reference_problems.get(path, [])

    # --- changes

    def update(self, touched: set[str]) -> Update:
        """Read again what the project-relative paths `touched` (created, changed or removed) affect."""
        if touched & set(VOCABULARY_FILES):
            vocab, problems = self._vocabulary()
            if has_errors(problems):  # the last good vocabularies stay; the problems are shown
                changed = {p.path for p in problems} | {p.path for p in self.vocab_problems}
                self.vocab_problems = problems
                return Update({}, changed, set())
            self.vocab, self.vocab_problems = vocab, problems
            return self._update(set(self.jobs) | set(VOCABULARY_FILES), set(self.jobs), vocabulary=True)
        if any(path.startswith(SOURCE_COPIES) for path in touched):
            return self._update(touched, set(self.jobs) | touched)
        return self._update(touched, touched)

    def _update(self, touched: set[str], again: set[str], vocabulary: bool = False) -> Update:
        listed, others_before = set(self.jobs), {p.path for p in self.other_files}
        problems_before = {path: self.problems_of(path) for path in (again & listed) | others_before}
        if not all(path in listed and (self.root / path).is_file() for path in touched if self._in_entry_folder(path)):
            self._list()  # a file came, went or is not an entry file: the folders are listed again
        gone = listed - set(self.jobs)
        appeared = (listed ^ set(self.jobs)) | {p for p in touched if p not in self.jobs and p not in listed}
        again = (again & set(self.jobs)) | (set(self.jobs) - listed) | self._naming(appeared)
        names_before = {path: self._names(path) for path in again | gone}
        entries = {}
        for path in gone:
            if self.good.get(path) is not None:
                entries[key(self.good[path])] = (self.good[path], None)
            for kept in (self.checked, self.made, self.good, self.reference_problems):
                kept.pop(path, None)
        self._check(again, parallel=False)  # no worker processes forked beside the server's threads
        spellings = set()
        for path, names in names_before.items():
            if names != self._names(path):
                spellings |= _spellings(names) | _spellings(self._names(path))
        replaced, changed = self._settle(again | self._referring(spellings))
        changed |= (listed ^ set(self.jobs)) | {p.path for p in self.other_files} | others_before
        changed |= {path for path in again | set(problems_before)
                    if self.problems_of(path) != problems_before.get(path, [])}  # fmt: skip
        if vocabulary:
            changed |= set(VOCABULARY_FILES)
        for path, previous in replaced.items():
            entries[key(self.good[path])] = (previous, self.good[path])
        if entries:
            self._library = None
        return Update(entries, changed, appeared, vocabulary)

    def _in_entry_folder(self, path: str) -> bool:
        return any(path.startswith(f"cases/{t.folder}/") for t in self.schema.types)

    def _referring(self, spellings: set[str]) -> set[str]:
        """Entry files with a reference written as one of `spellings`."""
        if not spellings:
            return set()
        return {path for path, (item, _) in self.checked.items() if item is not None
                and any(name in spellings for field in self.schema.references for name in item.fields.get(field, ()))}  # fmt: skip

    def _names(self, path: str) -> tuple | None:
        """What other files' references are resolved with: the file's type, id, title, aliases and status."""
        item = self.checked.get(path, (None,))[0]
        if item is None:
            return None
        return item.type, item.id, item.fields.get("title"), item.fields.get("aliases"), item.fields.get("status")

    def _naming(self, paths: set[str]) -> set[str]:
        """Entry files whose body names one of `paths` (by file name): its links are checked again."""
        names = {PurePosixPath(path).name for path in paths}
        if not names:
            return set()
        return {path for path, (item, _) in self.checked.items()
                if item is not None and any(name in item.doc.body for name in names)}  # fmt: skip

    # --- the steps

    def _vocabulary(self) -> tuple[Vocabulary, list[Problem]]:
        if symlinked_part(self.root, "cases"):  # nothing under it is read, as load_library reads nothing
            return Vocabulary(), []
        return load_vocabulary(self.root)

    def _list(self) -> None:
        if symlinked_part(self.root, "cases"):
            self.jobs, self.other_files = {}, [problem("cases", None, "folder-symlink")]
            return
        jobs, self.other_files = list_entries(self.root, self.schema)
        self.jobs = {path: entry_type for entry_type, path in jobs}

    def _check(self, paths: set[str], parallel: bool = True) -> None:
        jobs = [(self.jobs[path], path) for path in sorted(paths) if path in self.jobs]
        for (_, path), result in zip(jobs, check_files(self.root, self.vocab, self.schema, jobs, parallel=parallel)):
            self.checked[path] = result

    def _settle(self, only: set[str] | None = None) -> tuple[dict, set[str]]:
        """Resolve the references of the files `only` (all when None), looking names up among all files;
        make the entries whose inputs changed. Returns the entries replaced (path -> the one before, or
        None) and the files whose reference problems changed."""
        every = [item for item, _ in self.checked.values() if item is not None]
        items = every if only is None else [item for item in every if item.path in only]
        resolved, problems = resolve_references(items, self.schema, among=every)
        paths = {item.path for item in items} | ({path for path in self.checked} if only is None else only)
        by_path: dict[str, list[Problem]] = {}
        for found in problems:
            by_path.setdefault(found.path, []).append(found)
        changed = set()
        for path in paths | (set(self.reference_problems) if only is None else set()):
            if by_path.get(path) != self.reference_problems.get(path):
                changed.add(path)
            if path in by_path:
                self.reference_problems[path] = by_path[path]
            else:
                self.reference_problems.pop(path, None)
        replaced = {}
        for raw, item in zip(items, resolved):
            references = tuple(item.fields.get(name) for name in self.schema.references)
            erroneous = has_errors(self._own_problems(item.path))
            old = self.made.get(item.path)
            if old is not None and old[0] is raw and old[1] == references and old[2] == erroneous:
                continue
            entry = make_entry(self.schema, item, {item.path} if erroneous else set())
            self.made[item.path] = (raw, references, erroneous, entry)
            previous = self.good.get(item.path)
            if entry is not None and entry != previous:
                self.good[item.path], replaced[item.path] = entry, previous
        for path in paths:
            if self.checked.get(path, (None,))[0] is None:  # unreadable or unparsable now: the last good entry stays
                self.made.pop(path, None)
        return replaced, changed


def _spellings(names: tuple | None) -> set[str]:
    """The ways a reference can name a file (id, title, aliases), from LiveLibrary._names."""
    if names is None:
        return set()
    _, entry_id, title, aliases, _ = names
    return {name for name in (entry_id, title, *(aliases or ())) if name}
