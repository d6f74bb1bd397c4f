"""The command line: parse arguments, call the stages, print. Nothing below the CLI imports it.

Each command module registers its sub-commands and names its handlers; the stages
they call are imported inside the handlers, so `check` starts without loading MkDocs
or WeasyPrint.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, EXIT_USAGE, GeneratorError
from . import check, contrib, pack, site

COMMANDS = (check, site, pack, contrib)
HANDLERS = {name: handler for module in COMMANDS for name, handler in module.HANDLERS.items()}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 already; keep its message, in our words
        self.print_usage(sys.stderr)
        print(f"用法错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generator", description="职教兴农案例库：检查内容、生成站点与案例手册。")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    lang = getattr(args, "lang", "zh")
    try:
        return HANDLERS[args.command](args)
    except GeneratorError as exc:
        print(("错误：" if lang == "zh" else "error: ") + exc.message(lang), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已中断。" if lang == "zh" else "interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
