"""Commands: parse arguments, call the stages, print. Exit 0 clean, 1 content problems, 2 usage or environment."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import problems as problems_mod
from .content.library import check_content, load_library

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong arguments or a missing tool: exit 2 with this message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 already; keep its message, in our words
        self.print_usage(sys.stderr)
        print(f"用法错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _common(parser: argparse.ArgumentParser):
    parser.add_argument("--root", default=".", help="项目根目录（含 cases/），默认当前目录")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言，默认中文")


def build_parser(stages: bool = True) -> argparse.ArgumentParser:
    """All commands; with stages=False only this module's own (the later stages' imports cost ~0.2 s)."""
    parser = _Parser(prog="python -m generator", description="职教兴农案例库：检查内容、生成站点与案例手册。")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="检查 cases/ 中的全部条目")
    _common(check)
    check.add_argument("--format", choices=sorted(problems_mod.FORMATTERS), default="text")
    check.add_argument("files", nargs="*", help="只报告这些文件的问题（仍会读取全部内容以解析引用）")

    schema = commands.add_parser("schema", help="为编辑器生成每种条目的 JSON Schema")
    _common(schema)
    schema.add_argument("--out", default="schemas", help="输出目录，默认 schemas/")

    if stages:
        from .commands import register_more

        register_more(commands, _common)
    return parser


def report(result, fmt: str, lang: str, only: list[str] | None = None) -> int:
    found = result.problems
    if only:
        wanted = {Path(f).as_posix().removeprefix("./") for f in only}
        found = [p for p in found if p.path in wanted]
    output = problems_mod.FORMATTERS[fmt](found, lang)
    if output:
        print(output)
    if fmt == "text":
        print(problems_mod.format_summary(found, result.files, lang), file=sys.stderr)
    return EXIT_CONTENT if problems_mod.has_errors(found) else EXIT_OK


def load(root: str, entries: bool = True, bodies: bool = False):
    """The checked library; with entries=False only the problems, which is all `check` needs.

    bodies=True converts every entry's Markdown while loading (in its workers for large trees):
    for the site, which renders them all; a pack renders only the few it prints.
    """
    try:
        if not entries:
            return check_content(Path(root))
        from .render import markdown_markup

        return load_library(Path(root), convert_body=markdown_markup if bodies else None)
    except FileNotFoundError:
        raise UsageError(f"找不到内容目录 {Path(root) / 'cases'}：请在项目根目录运行，或用 --root 指定。")


def cmd_check(args) -> int:
    return report(load(args.root, entries=False), args.format, args.lang, args.files)


def cmd_schema(args) -> int:
    from .content.schema import FIELDS, entry_schema

    result = load(args.root)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for entry_type in FIELDS:
        target = out / f"{entry_type}.schema.json"
        schema = entry_schema(entry_type, result.library.vocab)
        target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"已写入 {target}")
    return EXIT_OK


HANDLERS = {"check": cmd_check, "schema": cmd_schema}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(stages=not argv or argv[0] not in HANDLERS)
    args = parser.parse_args(argv)
    from .commands import HANDLERS as MORE

    handler = HANDLERS.get(args.command) or MORE[args.command]
    try:
        return handler(args)
    except UsageError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
