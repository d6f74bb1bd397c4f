"""`python -m generator new case|figure|model`: a draft entry from flags, or from answers at the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from ..cli import EXIT_CONTENT, EXIT_OK, UsageError
from ..content.schema import ENTRY_TYPES
from ..content.vocab import load_vocabulary
from .entry import Draft, free_id, id_problem
from .prompts import CHOICES, SEPARATORS, InputEnded, Prompter
from .questions import Question, check_answer, questions_for
from .publish import publish

ALL_QUESTIONS: dict[str, Question] = {}
for _type in ENTRY_TYPES:  # every flag once; a shared flag's help is the case's
    for _question in questions_for(_type):
        ALL_QUESTIONS.setdefault(_question.dest, _question)


def register(commands, common) -> None:
    parser = commands.add_parser(
        "new", help="新建条目草稿（典型案例、人物或模式），逐项询问或用参数给出",
        description="新建一个 status: draft 的条目文件，写入后立即检查。缺少的必填项会在终端逐项询问；"
        "在脚本中（标准输入不是终端）必须用参数给出。",
    )
    common(parser)
    parser.add_argument("type", choices=tuple(ENTRY_TYPES), help="case 典型案例 / figure 典型人物 / model 模式")
    for dest, question in ALL_QUESTIONS.items():
        parser.add_argument(
            question.flag, dest=dest, action="append" if question.multiple else "store",
            help=f"{question.label}{'（可重复）' if question.multiple else ''}：{question.field.help}",
        )
    parser.add_argument("--id", help="条目编号（文件名），默认取标题的拼音")
    parser.add_argument("--interactive", action="store_true", help="即使标准输入不是终端也逐项询问")


def _raw_answer(question: Question, raw):
    if raw is None or not question.multiple:
        return raw
    return [token for item in raw for token in SEPARATORS.split(item) if token]


class _Collector:
    """Gathers every answer: from flags first, then (when interactive) from the terminal."""

    def __init__(self, vocab, prompter: Prompter | None):
        self.vocab, self.prompter = vocab, prompter
        self.errors: list[str] = []

    def answer(self, question: Question, raw):
        raw = _raw_answer(question, raw)
        if raw is not None:
            value, messages = check_answer(question, raw, self.vocab)
            if not messages:
                return value
            if not self.prompter:
                self.errors += [f"{question.flag}（{question.label}）：{m}" for m in messages]
                return None
            for message in messages:
                self.prompter.say(message)
        if self.prompter:
            return self.ask(question)
        if question.required:
            self.errors.append(f"缺少必填项 {question.flag}（{question.label}）")
        return None

    def ask(self, question: Question):
        mark = " *" if question.required else "（选填，直接回车跳过）"
        if question.key == "source_title":
            mark = "（强烈建议填写；直接回车则先写入占位来源）"
        while True:
            if question.vocab:
                choices = CHOICES[question.vocab](self.vocab)
                raw = self.prompter.choose(f"{question.label}{mark}", choices, question.multiple, question.required)
            else:
                raw = self.prompter.text(f"{question.label}{mark}：")
            if raw is None:
                if not question.required:
                    return None
                self.prompter.say("这一项必填，请输入。")
                continue
            value, messages = check_answer(question, raw, self.vocab)
            if not messages:
                return value
            for message in messages:
                self.prompter.say(message)

    def entry_id(self, root: Path, entry_type: str, given: str | None, title: str) -> str | None:
        suggestion = free_id(root, entry_type, title)
        if given is not None:
            problem = id_problem(root, entry_type, given.strip())
            if not problem:
                return given.strip()
            if not self.prompter:
                self.errors.append(f"--id：{problem}")
                return None
            self.prompter.say(problem)
        while self.prompter:
            typed = self.prompter.line(f"编号（文件名，直接回车使用“{suggestion}”）：") or suggestion
            problem = id_problem(root, entry_type, typed)
            if not problem:
                return typed
            self.prompter.say(problem)
        return suggestion


def _misplaced_flags(args, entry_type: str) -> list[str]:
    own = {q.dest for q in questions_for(entry_type)}
    return [q.flag for dest, q in ALL_QUESTIONS.items() if dest not in own and getattr(args, dest) is not None]


def cmd_new(args) -> int:
    root = Path(args.root)
    if not (root / "cases").is_dir():
        raise UsageError(f"找不到内容目录 {root / 'cases'}：请在项目根目录运行，或用 --root 指定。")
    misplaced = _misplaced_flags(args, args.type)
    if misplaced:
        raise UsageError(f"{ENTRY_TYPES[args.type]}（{args.type}）没有这些参数：{'、'.join(misplaced)}")
    interactive = args.interactive or sys.stdin.isatty()
    prompter = Prompter() if interactive else None
    vocab, _ = load_vocabulary(root)
    collector = _Collector(vocab, prompter)
    if prompter:
        prompter.say(f"新建{ENTRY_TYPES[args.type]}：带 * 的为必填项。")
    try:
        values = {q.key: collector.answer(q, getattr(args, q.dest)) for q in questions_for(args.type)}
        entry_id = collector.entry_id(root, args.type, args.id, values.get("title") or "")
    except InputEnded:
        raise UsageError("输入已结束，但还有必填项没有回答。可以改用参数给出，见 python -m generator new --help。")
    if collector.errors:
        raise UsageError("\n".join(["无法新建条目："] + [f"  - {e}" for e in collector.errors]))
    draft = Draft(args.type, entry_id, {k: v for k, v in values.items() if v is not None})
    return EXIT_OK if publish(root, vocab, draft) else EXIT_CONTENT
