"""Publishing: the checked library -> the site folder, with its search index and its PDF packs, atomically.

One orchestrator: it plans the packs (so the theme pages can link them), makes the
site as data, runs MkDocs and the printing side by side, and swaps the new folder in
only when everything succeeded. `export` makes the same pages for another engine.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .content.parallel import gc_frozen
from .errors import template_faults
from .index import build_index
from .output import write_folder
from .site.builddate import pin_build_date
from .site.identity import identity_from
from .site.mkdocs import engine
from .site.pages import SiteOptions, build_site

SITE_MARKER = "index.html"  # every site this writes has one: a folder without it is not replaced
EXPORT_MARKER = "mkdocs.yml"


@dataclass(frozen=True)
class Published:
    entries: int
    packs: dict  # pack key (theme name or title) -> path under the site


def _site_options(config, library, plans) -> SiteOptions:
    packs = {plan.theme_id: plan.relpath for plan in plans if plan.theme_id}
    return SiteOptions(identity_from(config), packs=packs, build_epoch=pin_build_date(library.root),
                       browse_inline=config.plugins.get(engine.PLUGIN).config.browse_inline)  # fmt: skip


def publish(library, config_path: Path, out: Path, *, strict: bool = False, verbose: bool = False,
            packs: bool = True, site_url: str | None = None) -> Published:  # fmt: skip
    """Build the site of `library` into `out`: pages, exports, search index and (with `packs`) the PDF packs.

    `site_url` replaces mkdocs.yml's (a deploy gives its public address). The packs are
    printed beside MkDocs, which empties its own folder first, and moved in after.
    """
    engine.quiet(verbose)
    index = build_index(library)
    if packs:
        from .packs.plan import plan_packs, print_site_packs

        plans = plan_packs(library)  # before MkDocs: the theme pages link the PDFs
    else:
        plans = []
    printed: dict = {}

    @template_faults()
    def fill(tmp: Path) -> None:
        config = engine.load(config_path, tmp, strict, site_url)
        options = _site_options(config, library, plans)
        site = build_site(library, index, options)
        packs_dir = tmp.with_name(tmp.name + "-packs")
        shutil.rmtree(packs_dir, ignore_errors=True)
        packs_dir.mkdir()
        try:
            with gc_frozen(), ThreadPoolExecutor(1) as printer:
                printing = printer.submit(print_site_packs, plans, library, options.identity.url, packs_dir, out) if plans else None
                engine.build(config, site, library.root)
                if printing is not None:
                    printed.update(printing.result())
            for item in packs_dir.iterdir():
                item.rename(tmp / item.name)
        finally:
            shutil.rmtree(packs_dir, ignore_errors=True)

    write_folder(out, library.root, SITE_MARKER, fill)
    return Published(len(index.entries), printed)


def export(library, config_path: Path, out: Path) -> int:
    """The same pages as Markdown in a plain MkDocs project (no plugin needed). Returns the page count."""
    engine.quiet(False)
    config = engine.load(config_path)
    options = SiteOptions(identity_from(config), build_epoch=pin_build_date(library.root))
    with template_faults():
        site = build_site(library, build_index(library), options)
    write_folder(out, library.root, EXPORT_MARKER, lambda folder: engine.export(config, config_path, site, folder))
    return len(site.pages)
