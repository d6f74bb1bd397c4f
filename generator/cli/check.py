"""`check` and `schema`: what contributors and editors run on the content itself."""

from __future__ import annotations

import json
from pathlib import Path

from .. import problems
from ..errors import EXIT_OK
from .common import common_options, load, report, say


def register(commands) -> None:
    check = commands.add_parser("check", help="检查 cases/ 中的全部条目")
    common_options(check)
    check.add_argument("--format", choices=sorted(problems.FORMATTERS), default="text")
    check.add_argument("files", nargs="*", help="只报告这些文件的问题（仍会读取全部内容以解析引用）")

    schema = commands.add_parser("schema", help="为编辑器生成每种条目的 JSON Schema")
    common_options(schema)
    schema.add_argument("--out", default="schemas", help="输出目录，默认 schemas/")


def cmd_check(args) -> int:
    return report(load(args.root, entries=False), args.format, args.lang, args.files)


def cmd_schema(args) -> int:
    from ..content.schema import entry_schema
    from ..output import write_file

    library = load(args.root).library
    out = Path(args.out)
    for entry_type in library.schema.types:
        target = out / f"{entry_type.id}.schema.json"
        text = json.dumps(entry_schema(entry_type, library.vocab), ensure_ascii=False, indent=2) + "\n"
        write_file(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        say(args, "written", path=target)
    return EXIT_OK


HANDLERS = {"check": cmd_check, "schema": cmd_schema}
