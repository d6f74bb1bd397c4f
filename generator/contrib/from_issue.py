"""`python -m generator from-issue FILE`: the body GitHub writes for the issue form, as a case file.

GitHub renders each answer as `### <label>` followed by the answer; an empty
optional answer is `_No response_`; a multi-select dropdown is `a, b`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..cli import EXIT_CONTENT, EXIT_OK, UsageError
from ..content.vocab import load_vocabulary
from .entry import Draft, free_id, id_problem
from .issue_form import FORM, FORM_LABELS, Answer
from .prompts import SEPARATORS
from .publish import publish
from .questions import check_answer

HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
TOP_HEADING = re.compile(r"^#{1,2}(?=[ \t])", re.M)  # inside a section, a contributor's heading is demoted to ###
NO_RESPONSE = "_No response_"
MAX_BODY_BYTES = 200_000


def parse_body(text: str, labels: tuple[str, ...] = FORM_LABELS) -> dict[str, str | None]:
    """Label -> answer text (None when empty). A `###` line counts as a form label only in form order,
    so a contributor's own `###` heading inside an answer stays part of that answer."""
    order = list(labels)
    found: dict[str, list[str]] = {}
    current, position = None, -1
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = HEADING.match(line)
        label = match.group(1) if match else None
        if label in order and order.index(label) > position:
            current, position = label, order.index(label)
            found[current] = []
        elif current is not None:
            found[current].append(line)
    result = {}
    for label, lines in found.items():
        value = "\n".join(lines).strip()
        result[label] = None if value in ("", NO_RESPONSE) else value
    return result


def _split(answer: Answer, text: str):
    if not answer.question.multiple:
        return text
    separator = re.compile(r",\s*") if answer.kind == "dropdown" else SEPARATORS
    return [part.strip() for part in separator.split(text) if part.strip()]


def read_answers(replies: dict, vocab, root: Path) -> tuple[Draft | None, list[str]]:
    """A draft case from the parsed answers, or every problem named by its form label."""
    values, sections, errors, entry_id = {}, {}, [], None
    for answer in FORM:
        text = replies.get(answer.label)
        if text is None:
            if answer.required:
                missing = "表单中没有这一项" if answer.label not in replies else "没有填写"
                errors.append(f"「{answer.label}」{missing}（必填）")
            continue
        if answer.section:
            sections[answer.section] = TOP_HEADING.sub("###", text)
        elif answer.question:
            value, messages = check_answer(answer.question, _split(answer, text), vocab)
            errors += [f"「{answer.label}」：{m}" for m in messages]
            if not messages:
                values[answer.question.key] = value
        else:
            entry_id = text.strip()
            problem = id_problem(root, "case", entry_id)
            if problem:
                errors.append(f"「{answer.label}」：{problem}")
    if errors:
        return None, errors
    return Draft("case", entry_id or free_id(root, "case", values["title"]), values, sections), []


def register(commands, common) -> None:
    parser = commands.add_parser("from-issue", help="把投稿表单生成的议题正文转换为案例草稿文件")
    common(parser)
    parser.add_argument("file", help="议题正文（GitHub 依据表单生成的 Markdown），- 表示标准输入")
    parser.add_argument("--out-root", default=None, help="写入哪个项目目录（其下的 cases/），默认同 --root")


def _read(path: str) -> str:
    try:
        data = sys.stdin.buffer.read(MAX_BODY_BYTES + 1) if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取议题正文 {path}：{exc.strerror}") from None
    if len(data) > MAX_BODY_BYTES:
        raise UsageError(f"议题正文过长（超过 {MAX_BODY_BYTES} 字节）。")
    return data.decode("utf-8", errors="replace")


def cmd_from_issue(args) -> int:
    root = Path(args.root)
    out_root = Path(args.out_root) if args.out_root else root
    for folder in {root, out_root}:
        if not (folder / "cases").is_dir():
            raise UsageError(f"找不到内容目录 {folder / 'cases'}：请在项目根目录运行，或用 --root / --out-root 指定。")
    vocab, _ = load_vocabulary(root)
    draft, errors = read_answers(parse_body(_read(args.file)), vocab, out_root)
    if errors:
        print("无法把这份投稿转换为案例文件，请修改议题中的以下各项：")
        for error in errors:
            print(f"- {error}")
        return EXIT_CONTENT
    return EXIT_OK if publish(out_root, vocab, draft) else EXIT_CONTENT
