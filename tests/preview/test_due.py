"""A page due in the preview stays due until it is written: a browser asking for it meanwhile
waits for it (the server makes due pages before sending them) instead of getting a 404."""

from __future__ import annotations

import pytest

from generator.preview.site import LiveSite, html_path

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


def test_a_page_that_fails_to_render_is_not_retried_for_ever(tmp_path):
    """A docs page naming a missing template fails once (serve reports it); the rest of the site is still
    made, and the preview becomes idle instead of retrying the page in a busy loop."""
    root = make_project(tmp_path / "project")
    (root / "docs" / "broken-guide.md").write_text("---\ntemplate: no-such-template.html\n---\n\n# 说明\n", encoding="utf-8")
    site = LiveSite(root, root / "mkdocs.yml")
    try:
        failures = 0
        for _ in range(500):
            if site.idle():
                break
            try:
                site.step()
            except Exception as exc:  # noqa: BLE001 -- what serve's loop catches and reports
                assert "no-such-template" in str(exc)
                failures += 1
        assert site.idle() and failures == 1
        assert not site.waiting  # the bar does not count the failed page as due for ever
        assert (site.folder / "licence" / "index.html").is_file()  # the other pages were made
        assert site.entry_pages and all((site.folder / html_path(page)).is_file() for page in site.entry_pages.values())
    finally:
        site.close()
