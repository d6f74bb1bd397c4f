"""The generated parts of CONTRIBUTING.md: field reference, entry skeletons, vocabularies, an example.

Each part sits between a BEGIN and an END marker; `contrib-docs` rewrites only
those parts, so the hand-written text around them stays as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError
from ..content.schema import COMMON, SCHEMA, OUTCOME, SOURCE
from ..content.validate import example_line
from ..content.vocab import Vocabulary
from .entry import Draft, render
from .questions import questions_for

EXAMPLE_ENTRY = "cases/showcases/huixue-bayu-songjiao-xiaxiang.md"
MARKER = re.compile(
    r"(?P<begin><!-- BEGIN GENERATED: (?P<name>[a-z-]+) .*?-->\n)(?P<body>.*?)(?P<end><!-- END GENERATED: (?P=name) -->)",
    re.S,
)
PLACEHOLDERS = {
    "title": "在此填写标题",
    "summary": "在此用一两句话概括，至多 200 个字",
    "themes": ("在此填写主题或子主题",),
    "institutions": ("在此填写院校或机构的全称",),
    "district": "在此填写区县",
    "role": "在此填写来源中对此人的描述",
    "source_title": "在此填写来源标题",
    "source_publisher": "在此填写发布单位",
}


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def field_table(fields) -> str:
    rows = ["| 字段 | 中文名 | 必填/选填 | 类型 | 说明 | 示例 |", "|---|---|---|---|---|---|"]
    for f in fields:
        cells = (f"`{f.name}`", f.label, "必填" if f.required else "选填", f.type.expected, f.help,
                 f"`{example_line(f)}`")
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows)


def fields_section(root: Path, vocab: Vocabulary, schema=SCHEMA) -> str:
    parts = ["#### 所有条目共有的字段", "", field_table(COMMON)]
    for entry_type in schema.types:
        parts += ["", f"#### {entry_type.label}（`cases/{entry_type.folder}/`）另有的字段", "",
                  field_table(entry_type.own_fields)]  # fmt: skip
    parts += ["", "#### `sources` 中每一项的字段", "", field_table(SOURCE.fields)]
    parts += ["", "#### `outcomes` 中每一项的字段", "", field_table(OUTCOME.fields)]
    return "\n".join(parts)


def skeletons_section(root: Path, vocab: Vocabulary) -> str:
    parts = []
    for entry_type in SCHEMA.types:
        asked = {q.key for q in questions_for(entry_type)}
        values = {k: v for k, v in PLACEHOLDERS.items() if k in asked}
        text = render(Draft(entry_type, "bianhao", values))
        parts += [f"**{entry_type.label}**（存为 `cases/{entry_type.folder}/<编号>.md`，"
                  f"模板 `templates/contrib/{entry_type.id}.md.j2`）：", "", "```markdown", text.rstrip("\n"), "```", ""]
    return "\n".join(parts).rstrip("\n")


def vocab_section(root: Path, vocab: Vocabulary) -> str:
    lines = ["| 编号 | 主题 | 子主题 |", "|---|---|---|"]
    lines += [f"| {t.number} | {t.name} | {'、'.join(s.name for s in t.subthemes)} |" for t in vocab.themes]
    lines += ["", "区县（`district`）：" + "、".join(d.name for d in vocab.districts) + "。"]
    return "\n".join(lines)


def example_section(root: Path, vocab: Vocabulary) -> str:
    text = (root / EXAMPLE_ENTRY).read_text(encoding="utf-8")
    return "\n".join([f"`{EXAMPLE_ENTRY}` 的全文：", "", "```markdown", text.rstrip("\n"), "```"])


SECTIONS = {"fields": fields_section, "skeletons": skeletons_section, "vocab": vocab_section,
            "example": example_section}


def regenerate(text: str, root: Path, vocab: Vocabulary) -> str:
    """The document with every generated part rebuilt; unknown part names are a usage error."""

    def replace(match: re.Match) -> str:
        build = SECTIONS.get(match["name"])
        if build is None:
            raise UsageError("docs-unknown-section", found=match["name"], allowed="、".join(SECTIONS))
        return f"{match['begin']}{build(root, vocab)}\n{match['end']}"

    return MARKER.sub(replace, text)
