"""A MkDocs build kept open between edits (serve): the configuration, theme, files and navigation are
loaded once, and pages are then added, rendered and removed one at a time.

The steps are MkDocs' own build's (mkdocs.commands.build), through its public pieces:
the plugin events in the same order, `Page.read_source` and `Page.render`, `get_context`
and the theme's templates; so a page rendered here is the page `build` writes (a test
compares the two sites after random edits). Every file is written whole (beside its
target, then renamed) and only when its bytes changed; what was written is reported, so
the browsers showing it can reload.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import get_context
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_timestamp, get_relative_url, is_error_template

from .engine import PLUGIN

SITEMAP = "sitemap.xml"


class Session:
    def __init__(self, config, site, root: Path):
        """Open MkDocs on `config` (its site_dir: where pages are written) with the generated pages of `site`."""
        self.plugin = config.plugins.get(PLUGIN)
        self.plugin.use(site, root)
        self.config = config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        self.files = config.plugins.on_files(files, config=config)
        set_exclusions(self.files, config)
        self.nav = config.plugins.on_nav(get_navigation(self.files, config), config=config, files=self.files)
        self.in_nav = {page.file.src_uri for page in self.nav.pages}
        self.env = config.plugins.on_env(env, config=config, files=self.files)
        self.site_dir = Path(config.site_dir)
        self.written: dict[str, bytes] = {}  # site path -> digest of what was written there
        self._pages: list | None = None  # the documentation pages (made when first asked for, then kept up to date)

    # --- pages

    def pages(self) -> list[str]:
        """Source paths of the documentation pages, docs/ ones first."""
        return [file.src_uri for file in self._documentation_pages()]

    def put(self, path: str, text: str, edit_path: str | None = None) -> bool:
        """Give the generated page `path` this Markdown (adding it if new); False if it had it already."""
        file = self.files.get_file_from_path(path)
        if file is None:
            file = self.plugin.add_page(self.files, self.config, path, text, edit_path)
            set_exclusions([file], self.config)
            if self._pages is not None and file.is_documentation_page() and InclusionLevel.is_included(file.inclusion):
                self._pages.append(file)
            return True
        if file.content_string == text:
            return False
        file.content_string = text
        return True

    def drop(self, path: str) -> str | None:
        """Remove the generated page `path` and its HTML; returns the HTML's site path."""
        file = self.files.get_file_from_path(path)
        if file is None:
            return None
        self.plugin.remove_page(self.files, path)
        if self._pages is not None and file in self._pages:
            self._pages.remove(file)
        self.remove(file.dest_uri)
        return file.dest_uri

    def has(self, path: str) -> bool:
        return self.files.get_file_from_path(path) is not None

    def site_path(self, path: str) -> str:
        return self.files.get_file_from_path(path).dest_uri

    def render(self, path: str) -> bool:
        """Render the page `path` as a build does, and write it if it changed; True if written."""
        config, files = self.config, self.files
        file = files.get_file_from_path(path)
        page = file.page if path in self.in_nav else Page(None, file, config)
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        page.active = True
        try:
            context = get_context(self.nav, self._documentation_pages(), config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = config.plugins.on_post_page(template.render(context), page=page, config=config)
        finally:
            page.active = False
        if not output.strip():
            return False
        return self.write(file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))

    def _documentation_pages(self) -> list:
        if self._pages is None:
            self._pages = self.files.documentation_pages(inclusion=InclusionLevel.is_included)
        return self._pages

    # --- everything else in the site

    def copy_static(self) -> None:
        """The theme's and docs/' files that are not pages (stylesheets, scripts, images), and the 404 page."""
        self.files.copy_static_files()
        self.write("404.html", self._template("404.html", self._documentation_pages()).encode("utf-8"))

    def sitemap(self, generated_order: list[str]) -> bool:
        """sitemap.xml(.gz), listing the pages in the order a build lists them: docs/ pages, then the
        generated ones in `generated_order` (the order the site as data makes them)."""
        generated = set(generated_order)
        pages = [f for f in self._documentation_pages() if f.src_uri not in generated]
        pages += [self.files.get_file_from_path(path) for path in generated_order]
        text = self._template(SITEMAP, pages)
        stamp = get_build_timestamp(pages=[file.page for file in pages if file.page is not None])
        packed = io.BytesIO()
        with gzip.GzipFile(fileobj=packed, filename=SITEMAP + ".gz", mode="wb", mtime=stamp) as out:
            out.write(text.encode("utf-8"))
        wrote = self.write(SITEMAP, text.encode("utf-8"))
        return self.write(SITEMAP + ".gz", packed.getvalue()) or wrote

    def _template(self, name: str, pages: list) -> str:
        """One of the theme's own templates (404.html, sitemap.xml), as a build renders it."""
        config = self.config
        template = config.plugins.on_pre_template(self.env.get_template(name), template_name=name, config=config)
        base_url = urlsplit(config.site_url or "/").path if is_error_template(name) else get_relative_url(".", name)
        context = get_context(self.nav, pages, config, base_url=base_url)
        context = config.plugins.on_template_context(context, template_name=name, config=config)
        return config.plugins.on_post_template(template.render(context), template_name=name, config=config)

    def write(self, site_path: str, data: bytes) -> bool:
        """Write a file of the site whole, if its bytes changed; True if written."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if self.written.get(site_path) == digest:
            return False
        target = self.site_dir / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        self.written[site_path] = digest
        return True

    def copy(self, site_path: str, source: Path) -> bool:
        return self.write(site_path, Path(source).read_bytes())

    def remove(self, site_path: str) -> None:
        """Remove a file of the site, and the folders it leaves empty."""
        self.written.pop(site_path, None)
        target = self.site_dir / site_path
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != self.site_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def close(self) -> None:
        shutil.rmtree(self.site_dir, ignore_errors=True)
