"""`build`, `serve` and `export`: check the content, then publish it (or preview it, or write it out)."""

from __future__ import annotations

from pathlib import Path

from ..errors import EXIT_CONTENT, EXIT_OK, ContentError, UsageError
from .common import checked_library, common_options, content_folder, say

DEFAULT_ADDR = "127.0.0.1:8000"


def register(commands) -> None:
    build = commands.add_parser("build", help="检查内容，生成站点（含 Pagefind 搜索索引与数据导出）")
    common_options(build)
    build.add_argument("--out", default="site", help="输出目录，默认 site/（成功后才替换旧站点）")
    build.add_argument("--config", help="MkDocs 配置文件，默认项目根目录的 mkdocs.yml")
    build.add_argument("--site-url", help="站点的公开网址（覆盖 mkdocs.yml 的 site_url），用于二维码、规范链接、站点地图和订阅；--strict 时必须有")
    build.add_argument("--strict", action="store_true", help="严格模式（发布用）：有警告或没有站点网址即失败")
    build.add_argument("--verbose", action="store_true", help="显示 MkDocs 的详细日志")
    build.add_argument("--no-packs", dest="packs", action="store_false",
                       help="不生成 PDF 案例手册（packs.yml），主题页也不显示手册下载链接；默认生成")

    serve = commands.add_parser("serve", help=f"本地预览站点（默认 http://{DEFAULT_ADDR}/），修改内容后自动刷新")
    common_options(serve)
    serve.add_argument("--addr", default=DEFAULT_ADDR, help=f"监听地址，默认 {DEFAULT_ADDR}")
    serve.add_argument("--config", help="MkDocs 配置文件，默认项目根目录的 mkdocs.yml")

    export = commands.add_parser("export", help="把生成的页面写成普通的 Markdown 文件夹（任何读取 mkdocs.yml 的引擎都能构建）")
    common_options(export)
    export.add_argument("--out", default="export", help="输出目录，默认 export/")
    export.add_argument("--config", help="MkDocs 配置文件，默认项目根目录的 mkdocs.yml")


def public_address(args, config: Path) -> str:
    """The site's public address (--site-url, else mkdocs.yml's); '' for a preview, which --strict refuses."""
    from ..site.identity import absolute_url, identity_from, read_settings

    if args.site_url and not absolute_url(args.site_url):
        raise UsageError("site-url-invalid", found=args.site_url)
    address = absolute_url(args.site_url) or identity_from(read_settings(config)).url
    if not address and args.strict:
        raise ContentError("site-url-missing", path=config.name)  # a strict build fails on warnings: exit 1
    if not address:
        say(args, "site-url-preview", error=True)
    return address


def cmd_build(args) -> int:
    from ..publish import publish
    from ..site.identity import settings_file

    config = settings_file(content_folder(args.root), args.config)
    address = public_address(args, config)
    library = checked_library(args)
    if library is None:
        return EXIT_CONTENT
    out = Path(args.out)
    done = publish(library, config, out, strict=args.strict, verbose=args.verbose, packs=args.packs,
                   site_url=address or None)  # fmt: skip
    say(args, "site-built", path=out, count=done.entries, packs=len(done.packs))
    return EXIT_OK


def cmd_export(args) -> int:
    from ..publish import export
    from ..site.identity import settings_file

    library = checked_library(args)
    if library is None:
        return EXIT_CONTENT
    out = Path(args.out)
    count = export(library, settings_file(library.root, args.config), out)
    say(args, "site-exported", path=out, count=count)
    return EXIT_OK


def cmd_serve(args) -> int:
    from ..site.identity import settings_file
    from ..site.mkdocs import engine

    library = checked_library(args)
    if library is None:
        return EXIT_CONTENT
    engine.serve(library.root, settings_file(library.root, args.config), args.addr)
    return EXIT_OK


HANDLERS = {"build": cmd_build, "serve": cmd_serve, "export": cmd_export}
