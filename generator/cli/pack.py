"""`pack`: a printable booklet of the chosen published entries, for trainers with the project at hand."""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import EXIT_CONTENT, EXIT_OK, ContentError
from .common import checked_library, common_options, say

FORMATS = ("pdf", "html")


def register(commands) -> None:
    from ..content.schema import SCHEMA
    from ..packs.paper import DEFAULT_PAPER, PAPERS
    from ..packs.select import selector_names

    pack = commands.add_parser(
        "pack",
        help="生成培训用案例手册（PDF 或 HTML）",
        description="按条件挑选已发布条目，生成可打印的案例手册。同一条件可重复或用逗号分隔多个值（取其一即可），"
        "不同条件须同时满足。",
    )
    common_options(pack)
    for name in selector_names(SCHEMA):
        label = SCHEMA.facet(name).label if name != "ids" else "条目编号（文件名去掉 .md）"
        pack.add_argument(f"--{name}", action="append", metavar="值", help=f"{label}：名称、简称、别名或编号，可多个")
    pack.add_argument("--title", help="手册标题，默认按主题生成，如“赛教融合案例手册”")
    pack.add_argument("--paper", choices=tuple(PAPERS), default=DEFAULT_PAPER, help=f"纸张大小，默认 {DEFAULT_PAPER}")
    pack.add_argument("--format", choices=FORMATS, help="输出格式，默认按 -o 的扩展名，否则 pdf")
    pack.add_argument("--font", help="中文字体：字体文件或字体名称（也可用环境变量 ZJXN_PACK_FONT）")
    pack.add_argument("--config", help="站点配置文件（网址用于二维码），默认项目根目录的 mkdocs.yml")
    pack.add_argument("-o", "--output", metavar="FILE", help="输出文件，默认 案例手册.pdf")


def _format(args) -> str:
    if args.format:
        return args.format
    return "html" if args.output and Path(args.output).suffix.lower() in (".html", ".htm") else "pdf"


def cmd_pack(args) -> int:
    from ..packs.fonts import find_cjk_font
    from ..packs.pack import write_pack
    from ..content.schema import SCHEMA
    from ..packs.select import IDS, default_title, describe, parse_selection, select_entries, selector_names, split_values
    from ..site.identity import identity_from, read_settings, settings_file

    fmt = _format(args)
    font = find_cjk_font(args.font) if fmt == "pdf" else None  # exit 2 before any work
    chosen = {name: getattr(args, name) for name in selector_names(SCHEMA)}
    ids = frozenset(split_values(args.ids)) if args.ids and not any(v for n, v in chosen.items() if n != IDS) else None
    library = checked_library(args, announce=False, ids=ids)  # entries chosen one by one: only those are checked
    if library is not None and ids and not ids <= set(library.published_by_id):
        _no_such_file(library.root, ids)  # a mistyped id is named, whatever else in the library is broken
        library = checked_library(args, announce=False)  # a draft's id is told among the whole library
    if library is None:
        return EXIT_CONTENT
    selection = parse_selection(chosen, library)
    words = describe(selection, library)
    entries = select_entries(library, selection)
    if not entries:
        raise ContentError("pack-empty", selection=words)
    site_url = identity_from(read_settings(settings_file(library.root, args.config))).url
    out = Path(args.output or f"案例手册.{fmt}")
    started = time.perf_counter()
    written = write_pack(library, entries, args.title or default_title(selection), words, out, site_url=site_url,
                         fmt=fmt, paper=args.paper, font=font)  # fmt: skip
    if written.pages is None:
        say(args, "pack-written-html", path=out, count=written.entries)
    else:
        say(args, "pack-written", path=out, count=written.entries, pages=written.pages,
            seconds=time.perf_counter() - started)  # fmt: skip
    return EXIT_OK


def _no_such_file(root: Path, ids: frozenset[str]) -> None:
    """Stop at the first id no entry file has (ids are file names): the closest file name is suggested."""
    from pathlib import PurePosixPath

    from ..content.library import list_entries
    from ..content.schema import SCHEMA
    from ..content.suggest import closest

    names = {PurePosixPath(path).stem for _, path in list_entries(root, SCHEMA)[0]}
    missing = min(ids - names, default=None)
    if missing is not None:
        raise ContentError("selection-unknown-id", found=missing, suggestion=closest(missing, {n: n for n in names}))


HANDLERS = {"pack": cmd_pack}
