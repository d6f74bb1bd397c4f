"""Entry dates: `updated`, else the file's Git history (one `git log` for the whole tree), else the build date."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

from generator.content import history
from generator.content.history import entry_dates, newest_first

BUILD = 1700000000  # 2023-11-14 22:13 UTC: 2023-11-15 in China


def commit(root: Path, when: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t.test",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t.test")
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", when], check=True, env=env)


def entry(path: str, updated: str | None = None):
    return SimpleNamespace(path=path, updated=updated)


def test_first_and_last_commit_give_publication_and_update(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, "2024-03-01T10:00:00+08:00", {"cases/showcases/a.md": "1", "cases/showcases/b.md": "1"})
    commit(tmp_path, "2024-05-20T23:30:00+08:00", {"cases/showcases/a.md": "2"})
    commit(tmp_path, "2024-06-01T01:00:00+00:00", {"README.md": "outside cases/"})
    (tmp_path / "cases/showcases/new.md").write_text("not committed", encoding="utf-8")
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(history.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    entries = [entry("cases/showcases/a.md"), entry("cases/showcases/b.md", updated="2024-04-02"),
               entry("cases/showcases/new.md")]
    dates = entry_dates(tmp_path, entries, BUILD)
    assert len(calls) == 1  # one git log for every entry
    assert (dates["cases/showcases/a.md"].published, dates["cases/showcases/a.md"].updated) == ("2024-03-01", "2024-05-20")
    assert (dates["cases/showcases/b.md"].published, dates["cases/showcases/b.md"].updated) == ("2024-03-01", "2024-04-02")
    assert (dates["cases/showcases/new.md"].published, dates["cases/showcases/new.md"].updated) == ("2023-11-15", "2023-11-15")
    order = [e.path for e in newest_first(entries, dates)]
    assert order == ["cases/showcases/a.md", "cases/showcases/b.md", "cases/showcases/new.md"]


def test_without_git_every_date_is_the_build_date_or_updated(tmp_path):
    entries = [entry("cases/models/x.md"), entry("cases/models/y.md", updated="2020-01-02")]
    dates = entry_dates(tmp_path, entries, BUILD)
    assert dates["cases/models/x.md"].published == dates["cases/models/x.md"].updated == "2023-11-15"
    assert dates["cases/models/y.md"].published == dates["cases/models/y.md"].updated == "2020-01-02"  # never after the update
