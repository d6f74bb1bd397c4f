"""CONTRIBUTING.md's generated parts, the editor schemas, the VS Code task and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import yaml

from generator.content.library import load_library
from generator.content.schema import SCHEMA, entry_schema
from generator.content.vocab import load_vocabulary
from generator.contrib.docs import EXAMPLE_ENTRY, regenerate

from .helpers import ROOT, run_cli

DOC = ROOT / "CONTRIBUTING.md"


def test_contributing_equals_its_regenerated_version():
    vocab, _ = load_vocabulary(ROOT)
    text = DOC.read_text(encoding="utf-8")
    assert text == regenerate(text, ROOT, vocab), "请运行 python -m generator contrib-docs"


def test_field_reference_lists_every_field_with_its_type_and_requirement():
    text = DOC.read_text(encoding="utf-8")
    for entry_type in SCHEMA.types:
        for f in entry_type.fields:
            need = "必填" if f.required else "选填"
            row = f"| `{f.name}` | {f.label} | {need} | {f.type.expected.replace('|', chr(92) + '|')} | {f.help} |"
            assert row in text, row


def test_the_real_example_entry_is_included_in_full():
    text = DOC.read_text(encoding="utf-8")
    assert (ROOT / EXAMPLE_ENTRY).read_text(encoding="utf-8").rstrip("\n") in text


def test_contrib_docs_check_reports_a_stale_copy_and_the_command_repairs_it(capsys, content_tree):
    shutil.copy(DOC, content_tree / "CONTRIBUTING.md")
    example = content_tree / EXAMPLE_ENTRY
    example.write_text(example.read_text(encoding="utf-8") + "\n补充的一段。\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "contrib-docs", "--root", str(content_tree), "--check")
    assert code == 1 and "已过期" in out
    assert run_cli(capsys, "docs-fields", "--root", str(content_tree))[0] == 0
    assert "补充的一段。" in (content_tree / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert run_cli(capsys, "contrib-docs", "--root", str(content_tree), "--check")[0] == 0


def test_committed_editor_schemas_are_up_to_date():
    result = load_library(ROOT)
    for entry_type in SCHEMA.types:
        path = ROOT / "schemas" / f"{entry_type.id}.schema.json"
        assert path.is_file(), "请运行 python -m generator schema --out schemas 并提交 schemas/"
        expected = entry_schema(entry_type, result.library.vocab)
        assert json.loads(path.read_text(encoding="utf-8")) == expected, "请运行 python -m generator schema --out schemas"


def _jsonc(path) -> dict:
    return json.loads(re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.M))


def test_vscode_settings_map_each_schema_to_its_folder():
    schemas = _jsonc(ROOT / ".vscode/settings.json")["yaml.schemas"]
    for entry_type, folder in (("case", "showcases"), ("figure", "figures"), ("model", "models")):
        assert schemas[f"./schemas/{entry_type}.schema.json"] == [f"cases/{folder}/*.md"]


def test_vscode_task_problem_matchers_read_real_check_output(content_tree):
    bad = content_tree / "cases/showcases/ceshi-cuowu.md"
    bad.write_text("---\ntitle: 测试错误条目\nsummary: 摘要\nthemes: [阵地]\ndistrict：万州区\n---\n正文\n", encoding="utf-8")
    output = subprocess.run(["python", "-m", "generator", "check", "--root", str(content_tree)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120).stdout
    task = _jsonc(ROOT / ".vscode/tasks.json")["tasks"][0]
    matched = []
    for line in output.splitlines():
        for matcher in task["problemMatcher"]:
            match = re.match(matcher["pattern"]["regexp"], line)
            if match:
                matched.append((match.group(1), match.group(4), matcher["severity"]))
    assert ("cases/showcases/ceshi-cuowu.md", "unknown-theme", "error") in matched
    assert len(matched) == len(output.splitlines()) >= 3  # every problem line is picked up, once


def test_pre_commit_hook_reports_only_the_changed_files(content_tree):
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    sample = yaml.safe_load((ROOT / ".pre-commit-config.sample.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "zjxn-check" and sample["repos"][0]["hooks"][0]["id"] == "zjxn-check"
    for name in ("ceshi-yi", "ceshi-er"):
        (content_tree / f"cases/showcases/{name}.md").write_text("---\ntitle: 测试\n---\n正文\n", encoding="utf-8")
    changed = "cases/showcases/ceshi-yi.md"
    assert re.search(hook["files"], changed)
    result = subprocess.run([*hook["entry"].split(), changed], capture_output=True, text=True,
                            cwd=content_tree, timeout=120)
    assert result.returncode == 1
    assert "ceshi-yi.md" in result.stdout and "ceshi-er.md" not in result.stdout
