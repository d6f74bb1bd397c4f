"""The zjxn MkDocs plugin: adds the generated pages and exports, lists the index pages in the
navigation, and indexes the built site for search. Only MkDocs events are answered here.

Run by `python -m generator build`, it is handed the site as data (`use`); run by
plain `mkdocs build` or `serve`, it checks `cases/` and makes the site itself.
Enabled in mkdocs.yml as `zjxn` (entry point in pyproject.toml).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from ... import messages
from ...content.library import load_library
from ...index import build_index
from ...problems import format_summary, format_text
from ..builddate import pin_build_date
from ..identity import identity_from
from ..pages import SiteOptions, build_site
from ..pagefind.index import SearchIndexError, index_site
from ..urls import source_path
from .shared_parts import SharedParts

log = logging.getLogger("mkdocs.plugins.zjxn")
TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "templates"
CONTENT_ROOT_ENV = "ZJXN_CONTENT_ROOT"  # set by `python -m generator serve --root DIR`


class CaseLibraryConfig(Config):
    content_root = opt.Type(str, default=".")  # folder holding cases/, relative to mkdocs.yml
    search_index = opt.Type(bool, default=True)  # run Pagefind after the build
    browse_inline = opt.Type(int, default=24)  # cards in the browse page's HTML and on each page of results


def navigation(site, docs_nav) -> list:
    """The site's index pages, then the pages mkdocs.yml lists itself (关于本站 …)."""
    return [{title: source_path(url)} for title, url in site.navigation] + list(docs_nav or [])


def site_from_content(root: Path, config, browse_inline: int):
    """The site as data, for a build that MkDocs started: `cases/` checked here; errors stop the build."""
    try:
        result = load_library(root)
    except FileNotFoundError as exc:
        raise PluginError(messages.text("plugin-no-content", folder=Path(root) / "cases")) from exc
    for warning in (p for p in result.problems if not p.is_error):
        log.info(format_text([warning]))
    if any(p.is_error for p in result.problems):
        raise PluginError(format_text(result.problems) + "\n" + format_summary(result.problems, result.files))
    options = SiteOptions(identity_from(config), build_epoch=pin_build_date(root), browse_inline=browse_inline)
    return build_site(result.library, build_index(result.library), options)


class CaseLibraryPlugin(BasePlugin[CaseLibraryConfig]):
    def __init__(self):
        self.site = None  # the site as data, when the caller made it (use)
        self.given = False
        self.root = Path(".")
        self.docs_nav: list = []
        self.generated: set = set()  # source paths of the pages this plugin added
        self.blocks: dict = {}  # page source path -> its HTML block, between on_page_markdown and on_page_content
        self.shared_parts = SharedParts()  # template parts shared by entry pages (overrides/main.html)

    def use(self, site, root: Path) -> None:
        """The site as data, made by the caller from checked content at `root`."""
        self.site, self.given, self.root = site, True, Path(root)

    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError(messages.text("plugin-needs-directory-urls"))
        if not self.given:
            folder = os.environ.get(CONTENT_ROOT_ENV) or self.config.content_root
            self.root = (Path(config.config_file_path).parent / folder).resolve()
            self.site = None  # made afresh at every build of `serve`
        self.docs_nav = config.nav or []
        return config

    def on_files(self, files, config):
        if self.site is None:
            self.site = site_from_content(self.root, config, self.config.browse_inline)
        site = self.site
        config.nav = navigation(site, self.docs_nav)
        docs_prefix = _repo_relative(Path(config.docs_dir), Path(config.config_file_path).parent)
        for file in files.documentation_pages():
            file.edit_uri = f"{docs_prefix}{file.src_uri}" if docs_prefix is not None else None
        added = [File.generated(config, path, content=text) for path, text in {**site.pages, **site.files}.items()]
        added += [File.generated(config, path, abs_src_path=str(src)) for path, src in site.assets.items()]
        for file in added:
            clash = files.get_file_from_path(file.src_uri)
            if clash is not None:
                log.warning(messages.text("plugin-page-replaced", path=file.src_uri))
                files.remove(clash)
            file.edit_uri = site.edit_paths.get(file.src_uri)
            files.append(file)
        self.generated = set(site.pages)
        return files

    def on_env(self, env, config, files):
        env.globals["zjxn_parts"] = self.shared_parts
        env.globals["zjxn_site"] = identity_from(config)  # the footer's organiser, contact and filing numbers
        return env

    def on_nav(self, nav, config, files):
        self.shared_parts.reset({page.file.src_uri for page in nav.pages})
        return nav

    def on_page_context(self, context, page, config, nav):
        context["zjxn_parts_key"] = self.shared_parts.key(page, self.generated)
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
                raise PluginError(exc.message()) from exc


def _repo_relative(docs_dir: Path, repo: Path) -> str | None:
    try:
        prefix = docs_dir.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        return None
    return "" if prefix == "." else prefix + "/"
