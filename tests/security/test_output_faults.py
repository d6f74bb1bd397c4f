"""Outputs are written beside their target and renamed: a full or read-only disk leaves the previous file or
site as it was and stops with exit 2 and a Chinese message naming the path; what a killed build left is
cleaned up (or put back) by the next one."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import UsageError
from generator.output import create_file, write_file, write_folder

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")


def generator(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, env=ENV, capture_output=True,
                          text=True, timeout=600)  # fmt: skip


@contextlib.contextmanager
def tmpfs(folder: Path, size: str, read_only: bool = False):
    """A small file system of its own at `folder` (a real full or read-only disk); skipped where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting a small file system")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_failed_write_leaves_the_previous_file_and_says_why(tmp_path):
    target = tmp_path / "手册.pdf"
    target.write_bytes(b"previous")

    def write(tmp: Path):
        tmp.write_bytes(b"half of the new")
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))

    with pytest.raises(UsageError) as caught:
        write_file(target, write)
    assert caught.value.exit_code == 2
    assert caught.value.message() == f"无法写入 {target}：磁盘空间已满。请检查磁盘空间和写入权限；之前的结果保持不变。"
    assert "disk is full" in caught.value.message("en")
    assert target.read_bytes() == b"previous" and sorted(p.name for p in tmp_path.iterdir()) == ["手册.pdf"]


def test_a_new_entry_appears_whole_or_not_at_all_and_never_over_another(tmp_path):
    target = tmp_path / "cases" / "showcases" / "xin.md"

    def half(tmp: Path):
        tmp.write_text("---\ntitle: 写了一半", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(UsageError):
        create_file(target, half)
    assert not target.exists() and list(target.parent.iterdir()) == []
    create_file(target, lambda tmp: tmp.write_text("完整的条目", encoding="utf-8"))
    with pytest.raises(FileExistsError):
        create_file(target, lambda tmp: tmp.write_text("另一个条目", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "完整的条目" and [p.name for p in target.parent.iterdir()] == ["xin.md"]


def test_pack_on_a_read_only_disk_exits_2_in_chinese(tmp_path):
    with tmpfs(tmp_path / "ro", "1m", read_only=True) as folder:
        done = generator("pack", "--theme", "赛教融合", "--format", "html", "-o", str(folder / "手册.html"))
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"无法写入 {folder / '手册.html'}：文件系统是只读的" in done.stderr
    assert "Traceback" not in done.stderr and "Errno" not in done.stderr


def test_pack_on_a_full_disk_keeps_the_previous_pack(tmp_path):
    with tmpfs(tmp_path / "full", "256k") as folder:
        previous = folder / "手册.html"
        previous.write_text("旧手册", encoding="utf-8")
        (folder / "filler").write_bytes(b"\0" * (shutil.disk_usage(folder).free - 8 * 1024))
        done = generator("pack", "--theme", "赛教融合", "--format", "html", "-o", str(previous))
        kept = previous.read_text(encoding="utf-8")
        left = sorted(p.name for p in folder.iterdir())
    assert done.returncode == 2 and "磁盘空间已满" in done.stderr, done.stderr
    assert kept == "旧手册" and left == ["filler", "手册.html"]


def test_a_build_on_a_full_disk_keeps_the_previous_site(tmp_path):
    with tmpfs(tmp_path / "full", "6m") as folder:
        out = folder / "site"
        first = generator("build", "--no-packs", "--out", str(out))
        assert first.returncode == 0, first.stderr
        before = (out / "index.html").read_bytes()
        filler = folder / "filler"
        free = shutil.disk_usage(folder).free
        filler.write_bytes(b"\0" * max(0, free - 512 * 1024))  # leave too little for a second site beside the first
        second = generator("build", "--no-packs", "--out", str(out))
        after = (out / "index.html").read_bytes()
        left = sorted(p.name for p in folder.iterdir())
    assert second.returncode == 2, second.stdout + second.stderr
    assert f"无法写入 {out}：磁盘空间已满" in second.stderr and "Traceback" not in second.stderr
    assert after == before and left == ["filler", "site"]


def _site(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_leftovers_of_a_killed_build_are_removed(tmp_path):
    out = _site(tmp_path / "site", "现在的站点")
    pid = dead_pid()
    _site(tmp_path / f"site.tmp-{pid}", "写了一半")
    _site(tmp_path / f"site.tmp-{pid}-packs", "手册")
    _site(tmp_path / f"site.old-{pid}", "上一次的站点")
    write_folder(out, tmp_path, "index.html", lambda tmp: (tmp / "index.html").write_text("新站点", encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (out / "index.html").read_text(encoding="utf-8") == "新站点"


def test_a_build_killed_between_its_two_renames_gets_its_site_back(tmp_path):
    pid = dead_pid()
    _site(tmp_path / f"site.old-{pid}", "上一次的站点")  # the old site moved aside, the new one not yet in place
    _site(tmp_path / f"site.tmp-{pid}", "新站点")

    def fail(tmp: Path):
        raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(UsageError):
        write_folder(tmp_path / "site", tmp_path, "index.html", fail)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "上一次的站点"


def test_leftovers_of_a_running_build_are_left_alone(tmp_path):
    out = _site(tmp_path / "site", "现在的站点")
    running = _site(tmp_path / f"site.tmp-{os.getppid()}", "另一个构建正在写")
    write_folder(out, tmp_path, "index.html", lambda tmp: (tmp / "index.html").write_text("新站点", encoding="utf-8"))
    assert running.exists()
