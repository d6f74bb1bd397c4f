"""Pagefind runs with its allocator told to give freed memory back at once (a lower peak at 10,000 entries)."""

from __future__ import annotations

import subprocess

from generator.site.pagefind.index import ALLOCATOR_CONF, ALLOCATOR_ENV, BUNDLE, pagefind_command


def _site(folder):
    page = folder / "p" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html lang="zh"><body><main data-pagefind-body><p>田间学院送教下乡</p></main></body></html>',
                    encoding="utf-8")
    return folder


def _index(site, conf: str) -> subprocess.CompletedProcess:
    command, env = pagefind_command(site)
    return subprocess.run(command, env={**env, ALLOCATOR_ENV: conf}, capture_output=True, text=True, timeout=120)


def test_the_build_sets_the_allocator_but_keeps_a_value_the_user_set(monkeypatch, tmp_path):
    monkeypatch.delenv(ALLOCATOR_ENV, raising=False)
    assert pagefind_command(tmp_path)[1][ALLOCATOR_ENV] == ALLOCATOR_CONF
    monkeypatch.setenv(ALLOCATOR_ENV, "narenas:1")
    assert pagefind_command(tmp_path)[1][ALLOCATOR_ENV] == "narenas:1"


def test_the_bundled_pagefind_reads_the_setting_and_accepts_it(tmp_path):
    # abort_conf makes jemalloc stop at a setting it does not know, so an accepted setting is a read one
    done = _index(_site(tmp_path / "ok"), f"abort_conf:true,{ALLOCATOR_CONF}")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "ok" / BUNDLE / "pagefind-entry.json").is_file()
    # the control: if Pagefind stopped reading this variable (another allocator), this would pass too and say so
    refused = _index(_site(tmp_path / "bad"), "abort_conf:true,no_such_setting:1")
    assert refused.returncode != 0 and "no_such_setting" in refused.stderr
