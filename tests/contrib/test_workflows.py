"""The GitHub workflows: valid against GitHub's schema, clean under zizmor, and careful with untrusted text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_the_three_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"pr-check.yml", "deploy.yml", "issue-to-pr.yml"}


def test_workflows_validate_against_the_github_workflow_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_at_medium_severity_or_above():
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    if not Path(zizmor).exists():
        pytest.fail("zizmor is not installed: python -m pip install -e '.[test]'")
    result = subprocess.run([zizmor, "--offline", "--min-severity", "medium", ".github/workflows"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_hardening(path):
    workflow = _load(path)
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as True
    assert "pull_request_target" not in triggers
    assert "permissions" in workflow, "top-level permissions must be pinned"
    for step in _steps(workflow):
        if step.get("uses", "").startswith("actions/checkout"):
            assert step.get("with", {}).get("persist-credentials") is False
        run = step.get("run", "")
        # user-controlled text never expanded by ${{ }} inside a shell script
        assert not re.search(r"\$\{\{[^}]*github\.event\.(issue|comment|pull_request)", run), step


def test_issue_to_pr_reads_the_body_through_an_env_var_and_converts_it():
    workflow = _load(ROOT / ".github/workflows/issue-to-pr.yml")
    job = workflow["jobs"]["convert"]
    assert "新案例" in job["if"]
    convert = next(s for s in job["steps"] if s.get("id") == "convert")
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "printf '%s' \"$ISSUE_BODY\"" in convert["run"]
    assert "python -m generator from-issue" in convert["run"]
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "gh pr create" in runs and "gh issue comment" in runs


def test_pr_check_annotates_builds_and_uploads_a_preview():
    runs = [s.get("run", "") for s in _steps(_load(ROOT / ".github/workflows/pr-check.yml"))]
    uses = [s.get("uses", "") for s in _steps(_load(ROOT / ".github/workflows/pr-check.yml"))]
    assert "python -m generator check --format github" in runs
    assert "python -m generator build" in runs
    assert any(u.startswith("actions/upload-artifact") for u in uses)


def test_deploy_uses_the_pages_actions_on_main():
    workflow = _load(ROOT / ".github/workflows/deploy.yml")
    uses = {s.get("uses", "").split("@")[0] for s in _steps(workflow)}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_deploy_installs_a_chinese_font_before_the_build_prints_the_packs():
    # GitHub's Ubuntu images have no CJK font; without one the build stops (exit 2) rather than print boxes
    runs = [step.get("run", "") for step in _load(ROOT / ".github/workflows/deploy.yml")["jobs"]["build"]["steps"]]
    font = next(i for i, run in enumerate(runs) if "fonts-noto-cjk" in run)
    assert font < next(i for i, run in enumerate(runs) if "generator build" in run)
