"""A page due in the preview stays due until it is written: a browser asking for it meanwhile
waits for it (the server makes due pages before sending them) instead of getting a 404."""

from __future__ import annotations

import pytest

from generator.preview.site import LiveSite

from .tree import make_project


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_every_page_is_due_until_its_file_is_written(tmp_path):
    site = LiveSite(make_project(tmp_path / "project"), tmp_path / "project" / "mkdocs.yml")
    try:
        session, seen = site.made.session, {}
        write = session.write

        def watched_write(site_path: str, data: bytes) -> bool:
            if site_path.endswith(".html"):
                seen[site_path] = site_path in site.waiting or (site.folder / site_path).exists()
            return write(site_path, data)

        session.write = watched_write
        due = set(site.waiting)
        while not site.idle():
            site.step()
        assert due and due <= set(seen), "every due page was written"
        assert [path for path in due if not seen[path]] == []  # none was neither due nor on disk
        assert not site.waiting
    finally:
        site.close()
