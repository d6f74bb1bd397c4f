"""Helpers for the contributor-workflow tests: run the CLI, and write an issue body the way GitHub does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
FORM_FILE = ROOT / ".github" / "ISSUE_TEMPLATE" / "new-case.yml"


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_module(*argv, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m generator …` in a child process with the given text as (non-terminal) standard input."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *argv], input=stdin, capture_output=True, text=True,
        cwd=cwd or ROOT, timeout=120,
    )


def issue_body(answers: dict[str, object], form_file: Path = FORM_FILE) -> str:
    """The Markdown body GitHub writes for a submitted issue form: `### <label>` then the answer;
    `_No response_` for an empty answer; a multi-select dropdown as `a, b`; checkboxes as `- [X] …`."""
    form = yaml.safe_load(form_file.read_text(encoding="utf-8"))
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        attrs = element["attributes"]
        if element["type"] == "checkboxes":
            answer = "\n".join(f"- [X] {o['label']}" for o in attrs["options"])
        else:
            value = answers.get(element["id"])
            if isinstance(value, (list, tuple)):
                value = ", ".join(value)
            answer = str(value) if value not in (None, "") else "_No response_"
        parts.append(f"### {attrs['label']}\n\n{answer}")
    return "\n\n".join(parts)
