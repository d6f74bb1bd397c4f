"""The benchmark's CPU figure counts the whole process tree: a build's printing processes and Pagefind
run below it, and the floor it reports (CPU time over the cores) is only true if they are counted."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "bench" / "run.py"
BURN = 0.3  # CPU seconds the grandchild spends

GRANDCHILD = f"import time\nwhile time.process_time() < {BURN}: pass\n"
CHILD = f"import subprocess, sys\nsubprocess.run([sys.executable, '-c', {GRANDCHILD!r}], check=True)\n"


@pytest.fixture(scope="module")
def bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cpu_time_includes_grandchildren(bench_run, tmp_path):
    seconds, peak_mb, cpu = bench_run.timed([sys.executable, "-c", CHILD], tmp_path, dict(os.environ))
    assert cpu >= BURN * 0.95  # the grandchild's own CPU time reached the probe through its parent
    assert seconds >= cpu / bench_run.CORES * 0.9
    assert peak_mb > 1


def test_failed_command_names_itself(bench_run, tmp_path):
    with pytest.raises(SystemExit, match="命令失败"):
        bench_run.timed([sys.executable, "-c", "raise SystemExit(3)"], tmp_path, dict(os.environ))
