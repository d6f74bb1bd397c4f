"""A build killed half-way leaves the previous site as it was; the next build cleans up after it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(root: Path, out: Path) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root), "--out", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_build_leaves_the_old_site(tmp_path):
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    out = tmp_path / "site"
    assert build(tmp_path, out).wait(timeout=300) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (tmp_path / "cases/models/dingdan-ban.md").write_text(
        (tmp_path / "cases/models/dingdan-ban.md").read_text(encoding="utf-8").replace("订单班", "订单班（已修改）", 1),
        encoding="utf-8",
    )
    process = build(tmp_path, out)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob("site.tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the new site is being written
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert build(tmp_path, out).wait(timeout=300) == 0
    assert not list(tmp_path.glob("site.tmp-*")) and not list(tmp_path.glob("site.old-*"))
    assert "订单班（已修改）" in (out / "models/dingdan-ban/index.html").read_text(encoding="utf-8")
