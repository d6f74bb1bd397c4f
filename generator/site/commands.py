"""`python -m generator build | serve | export`."""

from __future__ import annotations

import sys
from pathlib import Path

from ..cli import EXIT_CONTENT, EXIT_OK, UsageError, load, report

DEFAULT_ADDR = "127.0.0.1:8000"


def register(commands, common) -> None:
    build = commands.add_parser("build", help="检查内容，生成站点（含 Pagefind 搜索索引与数据导出）")
    common(build)
    build.add_argument("--out", default="site", help="输出目录，默认 site/（成功后才替换旧站点）")
    build.add_argument("--config", help="MkDocs 配置文件，默认项目根目录的 mkdocs.yml")
    build.add_argument("--strict", action="store_true", help="MkDocs 严格模式：有警告即失败")
    build.add_argument("--verbose", action="store_true", help="显示 MkDocs 的详细日志")
    build.add_argument("--no-packs", dest="packs", action="store_false",
                       help="不生成 PDF 案例手册（packs.yml），主题页也不显示手册下载链接；默认生成")

    serve = commands.add_parser("serve", help=f"本地预览站点（默认 http://{DEFAULT_ADDR}/），修改内容后自动刷新")
    common(serve)
    serve.add_argument("--addr", default=DEFAULT_ADDR, help=f"监听地址，默认 {DEFAULT_ADDR}")
    serve.add_argument("--config", help="MkDocs 配置文件，默认项目根目录的 mkdocs.yml")

    export = commands.add_parser("export", help="把生成的页面写成普通的 Markdown 文件夹（任何读取 mkdocs.yml 的引擎都能构建）")
    common(export)
    export.add_argument("--out", default="export", help="输出目录，默认 export/")
    export.add_argument("--config", help="MkDocs 配置文件，默认项目根目录的 mkdocs.yml")


def _checked(args):
    """The library if the content is clean; otherwise print the problems as `check` does and return None."""
    result = load(args.root, bodies=True)
    if report(result, "text", args.lang) != EXIT_OK:
        print("内容有错误，站点未生成。请先修正上面列出的问题。", file=sys.stderr)
        return None
    return result.library


def _run(action):
    from mkdocs.exceptions import MkDocsException

    from .build import OutputError

    try:
        return action()
    except OutputError as exc:
        raise UsageError(str(exc)) from exc
    except (MkDocsException, OSError) as exc:
        print(f"站点生成失败：{exc}", file=sys.stderr)
        return None


def _stage(args, work, success=None) -> int:
    """Check the content, run `work(library)`, print `success(library, result)`: the shape of every command here."""
    library = _checked(args)
    if library is None:
        return EXIT_CONTENT
    result = _run(lambda: work(library))
    if result is None:
        return EXIT_CONTENT
    if success:
        print(success(library, result))
    return EXIT_OK


def cmd_build(args) -> int:
    from .build import build_site_dir, config_file

    out = Path(args.out)

    def work(library):
        return build_site_dir(library, config_file(library.root, args.config), out,
                              strict=args.strict, verbose=args.verbose, packs=args.packs)

    def success(library, packs):
        return f"站点已生成：{out}/（{len(library.published)} 个条目{f'，{len(packs)} 本案例手册' if packs else ''}）"

    return _stage(args, work, success)


def cmd_export(args) -> int:
    from .build import config_file, export_folder

    out = Path(args.out)
    return _stage(
        args,
        lambda library: export_folder(library, config_file(library.root, args.config), out),
        lambda library, count: f"已导出 {count} 个页面到 {out}/：cd {out} && mkdocs build 即可生成站点（不需要 zjxn 插件）。",
    )


def cmd_serve(args) -> int:
    from .build import config_file, serve_site

    return _stage(args, lambda library: serve_site(library.root, config_file(library.root, args.config), args.addr) or True)


HANDLERS = {"build": cmd_build, "serve": cmd_serve, "export": cmd_export}
