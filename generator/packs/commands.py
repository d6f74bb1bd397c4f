"""`python -m generator pack`: a printable booklet of the chosen published entries."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..cli import EXIT_CONTENT, EXIT_OK, UsageError, load, report
from ..problems import has_errors
from .config import PAPERS
from .fonts import FONT_ENV, find_cjk_font
from .messages import say
from .pack import FORMATS, write_pack
from .select import SelectionError, default_title, describe, parse_selection, select_entries

SELECTORS = (
    ("theme", "主题或子主题（含其子主题；可用别名）"),
    ("district", "区县，例如 万州区、全市"),
    ("institution", "院校或机构（名称或简称）"),
    ("model", "模式（编号、标题或别称）：该模式本身及采用它的条目"),
    ("type", "类型：典型案例、典型人物、模式（或 case、figure、model）"),
    ("year", "年份，例如 2024"),
    ("level", "级别：国家级、市级、区县级、校级"),
    ("ids", "条目编号（文件名去掉 .md）"),
)


def register(commands, common) -> None:
    pack = commands.add_parser(
        "pack",
        help="生成培训用案例手册（PDF 或 HTML）",
        description="按条件挑选已发布条目，生成可打印的案例手册。同一条件可重复或用逗号分隔多个值（取其一即可），"
        "不同条件须同时满足。",
    )
    common(pack)
    for name, text in SELECTORS:
        pack.add_argument(f"--{name}", action="append", metavar="值", help=text)
    pack.add_argument("--title", help="手册标题，默认按主题生成，如「赛教融合案例手册」")
    pack.add_argument("--paper", choices=PAPERS, default="A4", help="纸张大小，默认 A4")
    pack.add_argument("--format", choices=FORMATS, help="输出格式，默认按 -o 的扩展名，否则 pdf")
    pack.add_argument("--font", help=f"中文字体：字体文件或字体名称（也可用环境变量 {FONT_ENV}）")
    pack.add_argument("-o", "--output", metavar="FILE", help="输出文件，默认 案例手册.pdf")


def _format(args) -> str:
    if args.format:
        return args.format
    return "html" if args.output and Path(args.output).suffix.lower() in (".html", ".htm") else "pdf"


def cmd_pack(args) -> int:
    fmt = _format(args)
    font = find_cjk_font(args.font, lang=args.lang) if fmt == "pdf" else None  # exit 2 before any work
    result = load(args.root)
    if has_errors(result.problems):
        report(result, "text", args.lang)
        print(say("content-errors", args.lang), file=sys.stderr)
        return EXIT_CONTENT
    library = result.library
    try:
        selection = parse_selection({name: getattr(args, name) for name, _ in SELECTORS}, library, args.lang)
    except SelectionError as exc:
        print(f"错误：{exc}" if args.lang == "zh" else f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    words = describe(selection, library)
    entries = select_entries(library, selection)
    if not entries:
        print(("错误：" if args.lang == "zh" else "error: ") + say("empty", args.lang, selection=words), file=sys.stderr)
        return EXIT_CONTENT
    out = Path(args.output or f"案例手册.{fmt}")
    started = time.perf_counter()
    try:
        written = write_pack(library, entries, args.title or default_title(selection), words, out, fmt=fmt,
                             paper=args.paper, font=font)  # fmt: skip
    except OSError as exc:
        raise UsageError(f"无法写入 {out}：{exc.strerror or exc}") from None
    if written.pages is None:
        print(say("written-html", args.lang, path=out, count=written.entries))
    else:
        seconds = time.perf_counter() - started
        print(say("written", args.lang, path=out, count=written.entries, pages=written.pages, seconds=seconds))
    return EXIT_OK


HANDLERS = {"pack": cmd_pack}
