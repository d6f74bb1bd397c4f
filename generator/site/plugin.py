"""MkDocs adapter: validates `cases/`, adds the generated pages and exports, indexes the built site.

Enabled in mkdocs.yml as `zjxn` (entry point in pyproject.toml). All the work
happens in pages.py / search.py; this class only answers MkDocs events.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from ..content.library import load_library
from ..index import build_index
from ..problems import format_summary, format_text
from ..render import markdown_markup
from .builddate import pin_build_date
from .packlinks import pack_links
from .pages import SiteOptions, build_site
from .search import SearchIndexError, index_site
from .chrome import ChromeCache

log = logging.getLogger("mkdocs.plugins.zjxn")
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
CONTENT_ROOT_ENV = "ZJXN_CONTENT_ROOT"  # set by `python -m generator serve --root DIR`


class CaseLibraryConfig(Config):
    content_root = opt.Type(str, default=".")  # folder holding cases/, relative to mkdocs.yml
    search_index = opt.Type(bool, default=True)  # run Pagefind after the build
    browse_inline = opt.Type(int, default=300)  # entries written into the browse page; the rest load as JSON


def site_options(config, library, epoch: int, with_packs: bool = False, browse_inline: int = 300) -> SiteOptions:
    """What the pages need from mkdocs.yml: names, absolute site address, edit link base, PDF packs."""
    site_url = config.site_url or ""
    edit_base = None
    if config.repo_url and config.edit_uri:
        edit_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
    return SiteOptions(
        site_name=config.site_name,
        site_url=site_url if site_url.endswith("/") or not site_url else site_url + "/",
        edit_base=edit_base,
        packs=pack_links(library) if with_packs else {},
        build_epoch=epoch,
        browse_inline=browse_inline,
    )


def load_checked(root: Path):
    """(library, index) of a clean content tree; content errors stop the build with check's messages."""
    try:
        result = load_library(root, convert_body=markdown_markup)
    except FileNotFoundError as exc:
        raise PluginError(f"找不到内容目录 {Path(root) / 'cases'}：请检查 mkdocs.yml 中 zjxn 插件的 content_root。") from exc
    errors = [p for p in result.problems if p.is_error]
    for warning in (p for p in result.problems if not p.is_error):
        log.info(format_text([warning]))
    if errors:
        raise PluginError(format_text(result.problems) + "\n" + format_summary(result.problems, result.files))
    return result.library, build_index(result.library)


class CaseLibraryPlugin(BasePlugin[CaseLibraryConfig]):
    def __init__(self):
        self.preloaded = None  # (library, index) when the caller has checked the content already
        self.site = None  # the site as data, when the caller had it made before the build (preload)
        self.with_packs = False  # set by `python -m generator build` when the packs stage will run
        self.root = Path(".")
        self.epoch = 0
        self.generated: set = set()  # source paths of the pages this plugin added
        self.blocks: dict = {}  # page source path -> its HTML block, between on_page_markdown and on_page_content
        self.chrome = ChromeCache()  # template parts shared by entry pages (overrides/main.html)

    def preload(self, library, index, config, with_packs: bool = False) -> None:
        """Content checked by the caller: the site's pages are made now, from `config` (as loaded for this build).

        So a large library's pages are made on every core before the build starts other
        work beside MkDocs (the PDF packs), rather than forking workers from a process running it.
        """
        self.preloaded, self.with_packs = (library, index), with_packs
        options = site_options(config, library, pin_build_date(library.root), with_packs, self.config.browse_inline)
        self.site = build_site(library, index, options)

    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError("zjxn 插件需要 use_directory_urls: true（页面地址形如 cases/<id>/）。")
        if self.preloaded:
            self.root = Path(self.preloaded[0].root)
        else:
            folder = os.environ.get(CONTENT_ROOT_ENV) or self.config.content_root
            self.root = (Path(config.config_file_path).parent / folder).resolve()
        self.epoch = pin_build_date(self.root)
        return config

    def on_files(self, files, config):
        site = self.site
        if site is None:
            library, index = self.preloaded or load_checked(self.root)
            site = build_site(library, index, site_options(config, library, self.epoch, self.with_packs,
                                                              self.config.browse_inline))
        docs_prefix = _repo_relative(Path(config.docs_dir), Path(config.config_file_path).parent)
        for file in files.documentation_pages():
            file.edit_uri = f"{docs_prefix}{file.src_uri}" if docs_prefix is not None else None
        added = [File.generated(config, path, content=text) for path, text in {**site.pages, **site.files}.items()]
        added += [File.generated(config, path, abs_src_path=str(src)) for path, src in site.assets.items()]
        for file in added:
            clash = files.get_file_from_path(file.src_uri)
            if clash is not None:
                log.warning(f"生成的页面 {file.src_uri} 覆盖了 docs/ 中的同名文件")
                files.remove(clash)
            file.edit_uri = site.edit_paths.get(file.src_uri)
            files.append(file)
        self.generated = set(site.pages)
        return files

    def on_env(self, env, config, files):
        env.globals["zjxn_chrome"] = self.chrome
        return env

    def on_nav(self, nav, config, files):
        self.chrome.reset({page.file.src_uri for page in nav.pages})
        return nav

    def on_page_context(self, context, page, config, nav):
        context["zjxn_chrome_key"] = self.chrome.key(page, self.generated)
        return context

    def on_page_markdown(self, markdown, page, config, files):
        """A generated page is one HTML block already: keep it aside instead of parsing it as Markdown."""
        if page.file.src_uri in self.generated:
            self.blocks[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html, page, config, files):
        return self.blocks.pop(page.file.src_uri, html)

    def on_serve(self, server, config, builder):
        for folder in (self.root / "cases", TEMPLATES_DIR):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def on_post_build(self, config):
        if self.config.search_index:
            try:
                index_site(Path(config.site_dir))
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from exc


def _repo_relative(docs_dir: Path, repo: Path) -> str | None:
    try:
        prefix = docs_dir.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        return None
    return "" if prefix == "." else prefix + "/"
