"""The issue form: its dropdowns are the vocabularies, and it is what `issue-form` writes."""

from __future__ import annotations

import subprocess
import sys

import yaml

from generator.content.vocab import load_vocabulary
from generator.contrib.issue_form import form_text

from .helpers import FORM_FILE, ROOT, run_cli


def _dropdowns() -> dict[str, dict]:
    form = yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))
    return {e["id"]: e["attributes"] for e in form["body"] if e["type"] == "dropdown"}


def test_committed_form_dropdowns_equal_the_vocabularies():
    vocab, _ = load_vocabulary(ROOT)
    dropdowns = _dropdowns()
    themes = [name for t in vocab.themes for name in (t.name, *(s.name for s in t.subthemes))]
    assert dropdowns["themes"]["options"] == themes
    assert dropdowns["themes"]["multiple"] is True
    assert len(themes) == 28
    assert dropdowns["district"]["options"] == [d.name for d in vocab.districts]
    assert dropdowns["district"]["multiple"] is False


def test_committed_form_is_what_the_command_writes():
    vocab, _ = load_vocabulary(ROOT)
    assert FORM_FILE.read_text(encoding="utf-8") == form_text(vocab), "请运行 python -m generator issue-form"


def test_issue_form_command_follows_a_changed_vocabulary(capsys, content_tree):
    themes = content_tree / "cases/themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("name: 顶层设计", "name: 顶层规划"), encoding="utf-8")
    out = content_tree / "form.yml"
    code, stdout, _ = run_cli(capsys, "issue-form", "--root", str(content_tree), "--out", str(out))
    assert code == 0 and "已写入" in stdout
    options = next(e for e in yaml.safe_load(out.read_text(encoding="utf-8"))["body"] if e.get("id") == "themes")
    assert "顶层规划" in options["attributes"]["options"] and "顶层设计" not in options["attributes"]["options"]


def test_form_and_config_validate_against_github_schemas():
    for schema, path in (("vendor.github-issue-forms", FORM_FILE),
                         ("vendor.github-issue-config", FORM_FILE.parent / "config.yml")):
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr


def test_form_labels_are_chinese_and_required_fields_are_marked():
    form = yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))
    required = {e["attributes"]["label"] for e in form["body"] if e.get("validations", {}).get("required")}
    assert {"标题", "摘要", "主题", "区县", "院校 / 机构", "来源标题"} <= required
