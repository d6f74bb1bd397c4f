"""The contributor commands: new, issue-form, from-issue, contrib-docs (alias docs-fields)."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import messages
from ..errors import EXIT_CONTENT, EXIT_OK, UsageError
from .common import common_options, content_folder, say

MAX_ISSUE_BYTES = 200_000
DOC_PATH = "CONTRIBUTING.md"


def register(commands) -> None:
    from ..content.schema import SCHEMA
    from ..site.identity import ISSUE_FORM  # the form's place in the repository: the site links it too
    from ..contrib.new import all_questions

    new = commands.add_parser(
        "new", help="新建条目草稿（典型案例、人物或模式），逐项询问或用参数给出",
        description="新建一个 status: draft 的条目文件，写入后立即检查。缺少的必填项会在终端逐项询问；"
        "在脚本中（标准输入不是终端）必须用参数给出。",
    )
    common_options(new)
    new.add_argument("type", choices=[t.id for t in SCHEMA.types],
                     help=" / ".join(f"{t.id} {t.label}" for t in SCHEMA.types))  # fmt: skip
    for dest, question in all_questions(SCHEMA).items():
        new.add_argument(question.flag, dest=dest, action="append" if question.multiple else "store",
                         help=f"{question.label}{'（可重复）' if question.multiple else ''}：{question.field.help}")  # fmt: skip
    new.add_argument("--id", help="条目编号（文件名），默认取标题的拼音")
    new.add_argument("--interactive", action="store_true", help="即使标准输入不是终端也逐项询问")

    form = commands.add_parser("issue-form", help="依据主题和区县词表重新生成 GitHub 投稿表单")
    common_options(form)
    form.add_argument("--out", default=None, help=f"输出文件，默认 <root>/{ISSUE_FORM}")

    convert = commands.add_parser("from-issue", help="把投稿表单生成的议题正文转换为案例草稿文件")
    common_options(convert)
    convert.add_argument("file", help="议题正文（GitHub 依据表单生成的 Markdown），- 表示标准输入")
    convert.add_argument("--out-root", default=None, help="写入哪个项目目录（其下的 cases/），默认同 --root")

    docs = commands.add_parser("contrib-docs", aliases=["docs-fields"],
                               help="重新生成 CONTRIBUTING.md 中的字段说明、模板、词表和示例（标记之间的部分）")  # fmt: skip
    common_options(docs)
    docs.add_argument("--check", action="store_true", help="只检查是否最新：过期时退出码为 1，不写入")


def _speaker(args):
    """say(key, **params) in the command's language; say(None, text=…) prints text as it is."""
    return lambda key, text=None, **params: print(text if key is None else messages.text(key, args.lang, **params))


def cmd_new(args) -> int:
    from ..content.schema import SCHEMA
    from ..content.vocab import load_vocabulary
    from ..contrib.new import all_questions, new_draft
    from ..contrib.prompts import Prompter
    from ..contrib.questions import questions_for
    from ..contrib.write import write_draft

    root = content_folder(args.root)
    entry_type = SCHEMA.type(args.type)
    own = {q.dest for q in questions_for(entry_type)}
    misplaced = [q.flag for dest, q in all_questions(SCHEMA).items() if dest not in own and getattr(args, dest) is not None]
    if misplaced:
        raise UsageError("new-misplaced-flags", label=entry_type.label, type=entry_type.id, flags="、".join(misplaced))
    prompter = Prompter(lang=args.lang) if args.interactive or sys.stdin.isatty() else None
    vocab, _ = load_vocabulary(root)
    given = {dest: getattr(args, dest) for dest in own}
    draft = new_draft(root, vocab, SCHEMA, entry_type, given, args.id, prompter, args.lang)
    return EXIT_OK if write_draft(root, vocab, SCHEMA, draft, _speaker(args)) else EXIT_CONTENT


def cmd_issue_form(args) -> int:
    from ..content.vocab import load_vocabulary
    from ..contrib.issue_form import form_text
    from ..output import write_file
    from ..site.identity import ISSUE_FORM

    root = content_folder(args.root)
    vocab, problems = load_vocabulary(root)
    if any(p.is_error for p in problems):
        raise UsageError("vocabulary-has-errors")
    target = Path(args.out) if args.out else root / ISSUE_FORM
    text = form_text(vocab)
    write_file(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    say(args, "written", path=target)
    return EXIT_OK


def _read_issue(path: str) -> str:
    try:
        data = sys.stdin.buffer.read(MAX_ISSUE_BYTES + 1) if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise UsageError("issue-unreadable", path=path, reason=messages.os_reason(exc)) from None
    if len(data) > MAX_ISSUE_BYTES:
        raise UsageError("issue-too-long", limit=MAX_ISSUE_BYTES)
    return data.decode("utf-8", errors="replace")


def cmd_from_issue(args) -> int:
    from ..content.schema import SCHEMA
    from ..content.vocab import load_vocabulary
    from ..contrib.from_issue import explain, parse_body, read_answers
    from ..contrib.write import write_draft

    root = content_folder(args.root)
    out_root = content_folder(args.out_root) if args.out_root else root
    vocab, _ = load_vocabulary(root)
    draft, errors = read_answers(parse_body(_read_issue(args.file)), vocab, out_root, args.lang)
    if errors:
        say(args, "issue-has-problems")
        for error in errors:
            print(f"- {error}")
        return EXIT_CONTENT
    written = write_draft(out_root, vocab, SCHEMA, draft, _speaker(args),
                          lambda text, problems: explain(text, problems, args.lang))  # fmt: skip
    return EXIT_OK if written else EXIT_CONTENT


def cmd_contrib_docs(args) -> int:
    from ..content.vocab import load_vocabulary
    from ..contrib.docs import regenerate
    from ..output import write_file

    root = content_folder(args.root)
    target = root / DOC_PATH
    if not target.is_file():
        raise UsageError("docs-missing", path=target)
    vocab, _ = load_vocabulary(root)
    current = target.read_text(encoding="utf-8")
    fresh = regenerate(current, root, vocab)
    if args.check:
        say(args, "docs-stale" if fresh != current else "docs-current", path=DOC_PATH)
        return EXIT_CONTENT if fresh != current else EXIT_OK
    if fresh != current:
        write_file(target, lambda tmp: tmp.write_text(fresh, encoding="utf-8"))
        say(args, "docs-updated", path=target)
    else:
        say(args, "docs-unchanged", path=target)
    return EXIT_OK


HANDLERS = {"new": cmd_new, "issue-form": cmd_issue_form, "from-issue": cmd_from_issue,
            "contrib-docs": cmd_contrib_docs, "docs-fields": cmd_contrib_docs}  # fmt: skip
