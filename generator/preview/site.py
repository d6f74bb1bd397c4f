"""The preview's site: library, indexes and pages kept up to date as files change; a page is made again
only when what it shows changed, and rendered through MkDocs only when its Markdown changed.

After a change of entry files (`apply`), the changed entries' own pages are made and written
at once; then, step by step (`step`): the pages that show a changed entry (backlinks,
related lists, references), the entries whose related or backlinks lists changed, and those
whose bodies link to a file that appeared or went away; once edits pause, the listing pages
(all made again and compared: only changed ones are rendered), the exports and the sitemap.

At start only the home page is rendered; the other pages follow step by step, and a page
a browser asks for is made first (`render_now`). A change of mkdocs.yml, docs/, overrides/,
templates/site/ or the vocabularies (and with packs, packs.yml and templates/packs/) makes everything
afresh in a new folder.

Only one thread calls a LiveSite. `waiting` (the site paths of the pages due, each with its
source path) may be read from others.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..content.suggest import is_valid_id
from ..index import key
from ..output import process_alive
from ..site.builddate import pin_build_date
from ..site.identity import identity_from
from ..site.kept import Kept
from ..site.mkdocs import engine
from ..site.mkdocs.session import Session
from ..site.pages import Site, SiteOptions, markdown_page, site_builder
from ..site.templates import TEMPLATES as SITE_TEMPLATES
from ..site.urls import entry_url, source_path
from .index import LiveIndex
from .library import LiveLibrary
from .templates import preview_template

HOME = "index.md"
FOLDER_PREFIX = "zjxn-serve-"  # + the process id: the folders of previews that were killed are removed
CARRIED = ("pagefind", "packs")  # made in the background: kept (out of date) when the site is made afresh
STEP_SECONDS = 0.05  # how long a step makes entry pages before edits and browsers' requests are looked at again


@dataclass
class Written:
    """What a change or a step wrote (site paths: a browser showing one reloads), or `everything`."""

    paths: set = field(default_factory=set)
    everything: bool = False
    reopened: bool = False  # made afresh (settings, templates or vocabularies changed)

    def __bool__(self) -> bool:
        return self.everything or bool(self.paths)

    def add(self, other: "Written") -> "Written":
        self.paths |= other.paths
        self.everything |= other.everything
        return self


@dataclass
class _Made:
    """The site as made in one folder, with what is still to do there."""

    session: Session
    options: SiteOptions
    kept: Kept
    plans: list
    navigation: list
    watched: tuple
    listing: dict  # source path -> Markdown of the listing pages, in the order the site makes them
    listing_due: dict  # listing pages never rendered in this folder (an ordered set)
    data: dict = field(default_factory=dict)  # site path -> text of the listing pages' data (browse data)
    exports: dict = field(default_factory=dict)  # site path -> text of the exports
    rendered: set = field(default_factory=set)  # source paths of the pages rendered in this folder


class LiveSite:
    def __init__(self, root: Path, config_path: Path, packs: bool = False):
        self.root, self.config_path, self.packs = Path(root), Path(config_path), packs
        self.library = LiveLibrary(self.root)
        self.index = LiveIndex(self.library.library)
        self.made: _Made | None = None
        self.waiting: dict[str, str] = {}
        self.changed_problems: set[str] = set()  # files whose problems the last change changed
        self.open()

    # --- opening: at start, and when settings, templates or vocabularies change

    def open(self) -> None:
        """Make the site afresh in a new folder: listing pages made, the home page rendered, the rest due.
        If anything fails, the site made before stays as it was."""
        folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        try:
            config = engine.load(self.config_path, folder)
            library = self.library.library
            plans = self._plan_packs(library)
            options = SiteOptions(identity_from(config), packs={p.theme_id: p.relpath for p in plans if p.theme_id},
                                  build_epoch=pin_build_date(self.root),
                                  browse_inline=config.plugins.get(engine.PLUGIN).config.browse_inline)  # fmt: skip
            kept = Kept()
            builder = site_builder(library, self.index.index(), options, kept)
            builder.listing_pages()
            pages = builder.site.pages
            session = Session(config, Site(pages=dict(pages), navigation=builder.site.navigation), self.root)
            session.copy_static()
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        old = self.made
        docs = [path for path in session.pages() if path not in pages]  # docs/' own pages (关于本站 …)
        watched = _watched(self.root, self.config_path, config, self.packs)
        self.page_keys = {self._page(entry): item for item, entry in self.index.by_key.items()}
        # due before the new folder is shown: a browser asking meanwhile waits for its page, never a 404
        self.waiting = {session.site_path(path): path for path in [*pages, *docs]}
        self.waiting.update((html_path(page), page) for page in self.page_keys)
        self.made = _Made(session, options, kept, plans, builder.site.navigation, watched, dict(pages),
                          dict.fromkeys([*pages, *docs]))  # fmt: skip
        self._write(self.made.data, builder.site.files)
        self.entry_pages: dict = {}  # key -> source path of its page, once made
        self.shown: dict = {}  # key -> keys of the entries its page shows
        self.shown_by: dict = {}  # key -> keys of the entries whose pages show it
        self.assets: dict = {}  # site path -> source file, of the body images in use
        self.assets_of: dict = {}  # key -> site paths of the images its body shows
        self.placeholders: dict[str, str] = {}  # page source path -> entry file with problems and no entry
        self.dirty: dict = {}  # keys whose page is to be made again (an ordered set), before the backlog
        self.backlog: dict = dict.fromkeys(self.index.keys)  # keys whose page was never made here
        self.lists_due = False  # the listing pages to make again and compare
        self.exports_due = self.sitemap_due = True
        self._builder = None
        self.problems: dict[str, tuple] = {}  # file -> its problems, for the files that have any
        self.errors: tuple = ()
        self._note_problems(set(self.library.checked) | set(self.library.paths_with_errors()))
        self.render_page(HOME)
        self.place_problems({path for path in self.problems if path not in self.library.good})
        if old is not None:
            for name in CARRIED:
                if (old.session.site_dir / name).is_dir():
                    (old.session.site_dir / name).rename(folder / name)
            old.session.close()

    def _plan_packs(self, library) -> list:
        if not self.packs:
            return []
        from ..packs.plan import plan_packs

        return plan_packs(library)

    @property
    def folder(self) -> Path:
        return self.made.session.site_dir

    @property
    def plans(self) -> list:
        return self.made.plans

    @property
    def search_index(self) -> bool:
        """Whether mkdocs.yml wants a search index (the zjxn plugin's search_index)."""
        return self.made.session.plugin.config.search_index

    def busy(self, later: bool = True) -> bool:
        """Whether a step has work; the listing pages, exports and sitemap only if `later` (edits have paused)."""
        now = bool(self.made.listing_due or self.dirty or self.backlog)
        return now or (later and (self.lists_due or self.exports_due or self.sitemap_due))

    def idle(self) -> bool:
        return not self.busy()

    # --- changes

    def relative(self, paths) -> set[str]:
        """Paths as `apply` takes them: project-relative (with /) where under the project, else absolute."""
        root, found = self.root.resolve(), set()
        for path in paths:
            path = Path(path).resolve() if Path(path).is_absolute() else root / path
            try:
                found.add(path.relative_to(root).as_posix())
            except ValueError:
                found.add(path.as_posix())
        return found

    def affects_settings(self, touched: set[str]) -> bool:
        watched = self.made.watched
        return any(path == prefix or path.startswith(prefix + "/") for path in touched for prefix in watched)

    def watch_list(self) -> tuple[list[Path], list[Path]]:
        """(folders, files) whose changes the preview reads: cases/ and what makes the site afresh."""
        folders = [self.root / "cases"] + [Path(p) if Path(p).is_absolute() else self.root / p for p in self.made.watched]
        files = [f for f in folders if not f.is_dir()]
        return [f for f in folders if f.is_dir()], files + [self.config_path, self.root / "packs.yml"]

    def apply(self, touched: set[str]) -> Written:
        """Read the changed files (project-relative paths); write the changed entries' pages at once."""
        if self.affects_settings(touched):
            self.open()
            return Written(everything=True, reopened=True)
        update = self.library.update({p for p in touched if p.startswith("cases/")})
        if update.vocabulary:
            self.index = LiveIndex(self.library.library)
            self.open()
            return Written(everything=True, reopened=True)
        written = Written()
        if update.entries:
            self._builder = None
            self.lists_due = self.exports_due = True  # before any page is written: the preview is busy from now
            changes = self.index.update(update.entries)
            came_or_went = {(old or new).path for old, new in update.entries.values() if old is None or new is None}
            dirty = set(update.entries) | changes.related | changes.backlinks
            dirty |= self._mentioning(update.appeared | came_or_went)
            for item in update.entries:
                dirty |= self.shown_by.get(item, set())
            for item, (old, new) in update.entries.items():
                if new is None:
                    written.paths |= self._drop_entry(item, old)
                    self.page_keys.pop(self._page(old), None)
                else:
                    self.page_keys[self._page(new)] = item
            for item in dirty:
                if item in self.index.by_key and item not in self.backlog:
                    self.dirty[item] = None
                    page = self._page(self.index.by_key[item])
                    self.waiting[html_path(page)] = page
            for item, (_, new) in update.entries.items():  # the edited entries' pages first, now
                if new is not None:
                    written.paths |= self._make_entry(item)
            if self.packs:
                self.made.plans = self._plan_packs(self.library.library)
        written.paths |= self._recopy_assets(touched)
        self.changed_problems = update.problems
        if update.problems:
            errors_before = self.errors
            self._note_problems(update.problems)
            written.paths |= self.place_problems(update.problems)
            written.paths |= {html_path(page) for page in self._pages_of(update.problems)}  # their problems show there
            written.everything |= self.errors != errors_before  # every page lists the files with errors
        return written

    def _note_problems(self, paths: set[str]) -> None:
        errors = set(self.errors)
        for path in paths:
            found = tuple(self.library.problems_of(path))
            if found:
                self.problems[path] = found
            else:
                self.problems.pop(path, None)
            if any(p.is_error for p in found):
                errors.add(path)
            else:
                errors.discard(path)
        self.errors = tuple(sorted(errors))  # the files with errors, which every page names

    def step(self, later: bool = True) -> Written:
        """Do some of what is due; returns what it wrote (nothing when idle). The listing pages, the exports
        and the sitemap are made again only when `later` (edits have paused): each is made whole (a second
        at 10,000 entries), and an edit saved meanwhile would wait for it."""
        made, written = self.made, Written()
        if self.dirty:
            written.paths |= self._make_entries(self.dirty)
        elif made.listing_due:
            written.paths |= self.render_page(next(iter(made.listing_due)))
        elif self.lists_due and later:
            written.paths |= self._make_lists()
        elif self.backlog:
            written.paths |= self._make_entries(self.backlog)
        elif self.exports_due and later:
            self.exports_due = False
            written.paths |= self._write(made.exports, self.builder().exports())
        elif self.sitemap_due and later:
            self.sitemap_due = False
            order = [self.entry_pages[k] for k in self.index.keys if k in self.entry_pages] + list(made.listing)
            if made.session.sitemap(order):
                written.paths.add("sitemap.xml")
        return written

    def render_now(self, site_path: str) -> Written:
        """Make and render the page written at `site_path` now, if it is due."""
        path = self.waiting.get(site_path)
        if path is None:
            return Written()
        if path in self.made.listing_due:
            return Written(self.render_page(path))
        item = self.page_keys.get(path)
        if item is not None and (item in self.dirty or item in self.backlog):
            return Written(self._make_entry(item))
        return Written()

    # --- entry pages

    def builder(self):
        """The site's maker over the index as it stands (made again after each change)."""
        if self._builder is None:
            self._builder = site_builder(self.library.library, self.index.index(), self.made.options, self.made.kept)
        return self._builder

    def _page(self, entry) -> str:
        return source_path(entry_url(entry))

    page_of = _page

    def _make_entries(self, work: dict) -> set[str]:
        written, deadline = set(), time.monotonic() + STEP_SECONDS
        while work and time.monotonic() < deadline:
            written |= self._make_entry(next(iter(work)))
        return written

    def _make_entry(self, item) -> set[str]:
        self.dirty.pop(item, None)
        self.backlog.pop(item, None)
        entry = self.index.by_key[item]
        try:
            return self._write_entry(item, entry)
        finally:  # written or failed (the failure is reported once), the page is no longer due
            self.waiting.pop(html_path(self._page(entry)), None)

    def _write_entry(self, item, entry) -> set[str]:
        builder, session = self.builder(), self.made.session
        path, text, assets = builder.entry_page_of(entry)
        self.entry_pages[item] = path
        self.placeholders.pop(path, None)
        shows = {key(e) for e in (*builder.index.related.get(item, ()), *builder.index.backlinks.get(item, ()))}
        shows |= {(kind, target) for name, kind in self.library.schema.references.items() for target in getattr(entry, name)}
        for gone in self.shown.get(item, set()) - shows:
            self.shown_by.get(gone, set()).discard(item)
        for shown in shows:
            self.shown_by.setdefault(shown, set()).add(item)
        self.shown[item] = shows
        written = self._use_assets(item, assets)
        if not session.has(path):
            self.sitemap_due = True
        if session.put(path, text, entry.path) or path not in self.made.rendered:
            written |= self.render_page(path)
        return written

    def _drop_entry(self, item, old) -> set[str]:
        self.dirty.pop(item, None)
        self.backlog.pop(item, None)
        for shown in self.shown.pop(item, set()):
            self.shown_by.get(shown, set()).discard(item)
        path = self.entry_pages.pop(item, None)
        self.waiting.pop(html_path(self._page(old)), None)
        gone = self._use_assets(item, {})
        if path is None:
            return gone
        self.made.kept.forget(entry_url(old), ("exports", *item))
        self.made.kept.bodies.pop(old.path, None)
        self.made.rendered.discard(path)
        self.sitemap_due = True
        page = self.made.session.drop(path)
        return gone | ({page} if page else set())

    def _use_assets(self, item, assets: dict) -> set[str]:
        """Copy the images the page of `item` shows; remove those no page shows any more."""
        written, before = set(), self.assets_of.pop(item, set())
        if assets:
            self.assets_of[item] = set(assets)
        for site_path in before - set(assets):
            if not any(site_path in used for used in self.assets_of.values()):
                self.assets.pop(site_path, None)
                self.made.session.remove(site_path)
                written.add(site_path)
        for site_path, source in assets.items():
            self.assets[site_path] = source
            if self.made.session.copy(site_path, source):
                written.add(site_path)
        return written

    def _mentioning(self, paths: set[str]) -> set:
        """Entries whose body names one of `paths` by its file name: their links may resolve differently."""
        names = {PurePosixPath(path).name for path in paths}
        if not names:
            return set()
        return {k for k, e in self.index.by_key.items() if any(name in e.body for name in names)}

    def _recopy_assets(self, touched: set[str]) -> set[str]:
        """Images changed in place are copied again."""
        written = set()
        for site_path, source in self.assets.items():
            if Path(source).relative_to(self.root).as_posix() in touched and Path(source).is_file():
                if self.made.session.copy(site_path, source):
                    written.add(site_path)
        return written

    # --- listing pages, data files

    def render_page(self, path: str) -> set[str]:
        made = self.made
        try:
            wrote = made.session.render(path)
            made.rendered.add(path)
        finally:  # written or failed (the failure is reported once), the page is no longer due
            made.listing_due.pop(path, None)
            self.waiting.pop(made.session.site_path(path), None)  # only now: until written, a browser waits for it
        return {made.session.site_path(path)} if wrote else set()

    def _make_lists(self) -> set[str]:
        self.lists_due = False
        made = self.made
        builder = site_builder(self.library.library, self.builder().index, made.options, made.kept)
        builder.listing_pages()
        pages = builder.site.pages
        if builder.site.navigation != made.navigation:
            self.open()
            return set()
        written = set()
        for path in set(made.listing) - set(pages):
            made.rendered.discard(path)
            made.kept.forget(path.removesuffix("index.md"))
            gone = made.session.drop(path)
            written |= {gone} if gone else set()
            self.sitemap_due = True
        for path, text in pages.items():
            self.sitemap_due |= path not in made.listing
            if made.session.put(path, text) or path in made.listing_due:
                written |= self.render_page(path)
        made.listing = dict(pages)
        return written | self._write(made.data, builder.site.files)

    def _write(self, current: dict, files: dict[str, str]) -> set[str]:
        """Make the data files `current` (site path -> text) what `files` says: write the changed, remove the gone."""
        written = set()
        for site_path in set(current) - set(files):
            self.made.session.remove(site_path)
            del current[site_path]
            written.add(site_path)
        for site_path, text in files.items():
            if current.get(site_path) != text:
                current[site_path] = text
                if self.made.session.write(site_path, text.encode("utf-8")):
                    written.add(site_path)
        return written

    # --- files with problems

    def place_problems(self, paths: set[str]) -> set[str]:
        """A page at the address of each entry file that has problems and no entry (new and never good),
        so that the address shows its problems; it goes when the entry is made or the file goes."""
        written = set()
        for page, path in self._pages_of(paths).items():
            wanted = path not in self.library.good and bool(self.library.problems_of(path))
            if not wanted or page in self.entry_pages.values():
                if self.placeholders.pop(page, None) is not None:
                    self.made.rendered.discard(page)
                    self.sitemap_due = True
                    gone = self.made.session.drop(page)
                    written |= {gone} if gone else set()
                continue
            self.placeholders[page] = path
            block = preview_template("placeholder.html.j2").render(path=path)
            self.made.session.put(page, markdown_page("有问题的条目文件", block), path)
            written |= self.render_page(page)
        return written

    def _pages_of(self, paths: set[str]) -> dict[str, str]:
        """Page source path -> entry file, for the entry files among `paths` with a valid id."""
        pages = {}
        for path in paths:
            folder, _, name = path.rpartition("/")
            for entry_type in self.library.schema.types:
                if folder == f"cases/{entry_type.folder}" and name.endswith(".md") and is_valid_id(name[:-3]):
                    pages[source_path(f"{entry_type.url}/{name[:-3]}/")] = path
        return pages

    def file_of(self, page: str) -> str | None:
        """The entry file behind a page's source path (cases/x/index.md -> cases/showcases/x.md), if any."""
        if page in self.placeholders:
            return self.placeholders[page]
        for entry_type in self.library.schema.types:
            name = page.removeprefix(f"{entry_type.url}/").removesuffix("/index.md")
            if page == f"{entry_type.url}/{name}/index.md" and "/" not in name:
                return f"cases/{entry_type.folder}/{name}.md"
        return None

    def url_of_file(self, path: str) -> str | None:
        """The address of an entry file's page (its entry's, or its placeholder), if it has one."""
        for page in self._pages_of({path}):
            if page in self.placeholders or self.page_keys.get(page) in self.entry_pages:
                return "/" + page.removesuffix("index.md")
        return None

    def close(self) -> None:
        if self.made is not None:
            self.made.session.close()


def remove_leftovers() -> None:
    """The folders of previews whose process is gone (killed before it could remove them)."""
    for folder in Path(tempfile.gettempdir()).glob(FOLDER_PREFIX + "*"):
        found = re.match(re.escape(FOLDER_PREFIX) + r"(\d+)-", folder.name)
        if found and not process_alive(int(found.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


def html_path(page: str) -> str:
    """The HTML a page's source path becomes: cases/x/index.md -> cases/x/index.html."""
    return page.removesuffix(".md") + ".html"


def _watched(root: Path, config_path: Path, config, packs: bool) -> tuple[str, ...]:
    """Paths whose change makes the site afresh (settings, docs/, the theme's overrides, the site's templates,
    and the packs' with `packs`): project-relative where under the project, else absolute."""
    candidates = [config_path, Path(config.docs_dir), SITE_TEMPLATES]
    if config.theme.custom_dir:
        candidates.append(Path(config.theme.custom_dir))
    if packs:
        from ..packs.booklet import TEMPLATES as PACK_TEMPLATES

        candidates += [root / "packs.yml", PACK_TEMPLATES]
    found = []
    for path in candidates:
        path = Path(path).resolve()
        try:
            relative = path.relative_to(root.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        if relative not in (".", ""):
            found.append(relative)
    return tuple(found)
