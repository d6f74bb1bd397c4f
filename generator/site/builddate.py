"""The build date: SOURCE_DATE_EPOCH, else the last git commit, so two builds of the same content match."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

FALLBACK_EPOCH = 946684800  # 2000-01-01, when there is neither SOURCE_DATE_EPOCH nor git history


def build_epoch(root: Path) -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return FALLBACK_EPOCH
    stamp = done.stdout.strip()
    return int(stamp) if done.returncode == 0 and stamp.isdigit() else FALLBACK_EPOCH


def pin_build_date(root: Path) -> int:
    """Set SOURCE_DATE_EPOCH for this process (MkDocs reads it for sitemap dates) and return it."""
    epoch = build_epoch(root)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return epoch
