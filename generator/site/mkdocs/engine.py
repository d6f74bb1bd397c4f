"""Running MkDocs: a build of the site as data, `serve` for previews, and `export` to a plain MkDocs project."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

import yaml

from ...errors import ContentError, UsageError
from ..identity import read_settings
from .plugin import CONTENT_ROOT_ENV, navigation

PLUGIN = "zjxn"


def quiet(verbose: bool) -> None:
    """MkDocs' log on stderr: warnings only, unless `verbose`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_zjxn", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler._zjxn = True
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def load(config_path: Path, site_dir: Path | None = None, strict: bool = False, site_url: str | None = None):
    """MkDocs' configuration of mkdocs.yml, with the zjxn plugin enabled (a usage error otherwise)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    overrides = {"site_dir": str(site_dir)} if site_dir else {}
    if site_url:
        overrides["site_url"] = site_url
    try:
        config = load_config(config_file=str(config_path), strict=strict, **overrides)
    except MkDocsException as exc:
        raise ContentError("build-failed", reason=exc) from None
    if config.plugins.get(PLUGIN) is None:
        raise UsageError("plugin-missing", path=config_path, plugin=PLUGIN)
    return config


def build(config, site, root: Path) -> None:
    """MkDocs' build of `site` (the site as data made from the content at `root`) into config's site_dir."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    config.plugins.get(PLUGIN).use(site, root)
    try:
        mkdocs_build(config)
    except MkDocsException as exc:
        raise ContentError("build-failed", reason=exc) from None


def serve(root: Path, config_path: Path, addr: str) -> None:
    """MkDocs' development server on `addr`, rebuilding when cases/ or templates/ change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    quiet(True)
    os.environ[CONTENT_ROOT_ENV] = str(Path(root).resolve())
    # served at the root of the address (not under site_url's path), as README promises
    mkdocs_serve(config_file=str(config_path), dev_addr=addr, livereload=True, site_url=f"http://{addr}/")


def _export_settings(config_path: Path, site) -> dict:
    data = read_settings(config_path)  # !ENV values resolved, as this build read them
    plugins = data.get("plugins") or []
    data["plugins"] = [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    data["docs_dir"] = "docs"
    data["nav"] = navigation(site, data.get("nav"))
    if isinstance(data.get("theme"), dict) and data["theme"].get("custom_dir"):
        data["theme"]["custom_dir"] = "overrides"
    return data


def export(config, config_path: Path, site, folder: Path) -> None:
    """Write `site` as Markdown into a plain MkDocs project at `folder`: `mkdocs build` there needs no plugin."""
    docs = folder / "docs"
    shutil.copytree(config.docs_dir, docs)
    for path, text in {**site.pages, **site.files}.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    for path, source in site.assets.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if config.theme.custom_dir:
        shutil.copytree(config.theme.custom_dir, folder / "overrides")
    settings = yaml.safe_dump(_export_settings(config_path, site), allow_unicode=True, sort_keys=False)
    note = "# 由 python -m generator export 生成：页面已写入 docs/，不需要 zjxn 插件。\n"
    note += "# 搜索索引：mkdocs build 之后运行 python3 -m pagefind --site site\n"
    (folder / "mkdocs.yml").write_text(note + settings, encoding="utf-8")
