"""`build`, `serve` and `export`: check the content, then hand it to MkDocs (or write the pages out).

`build` writes into a temporary folder beside the output and swaps it in only
when everything succeeded, so a failed or interrupted build leaves the previous
site as it was.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from ..content.bulk import gc_frozen
from ..index import build_index
from .builddate import pin_build_date
from .packlinks import packs_stage
from .pages import build_site
from .plugin import CONTENT_ROOT_ENV, site_options

PROJECT = Path(__file__).resolve().parents[2]
PLUGIN = "zjxn"


class OutputError(Exception):
    """The output folder cannot be used; the message is Chinese."""


def config_file(root: Path, given: str | None) -> Path:
    """The mkdocs.yml to use: --config, else the content root's, else the project's own."""
    for candidate in ([Path(given)] if given else [Path(root) / "mkdocs.yml", PROJECT / "mkdocs.yml"]):
        if candidate.is_file():
            return candidate.resolve()
    raise OutputError(f"找不到 MkDocs 配置文件 {given or Path(root) / 'mkdocs.yml'}。")


def _quiet_mkdocs(verbose: bool) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_zjxn", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler._zjxn = True
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


# --- output folders


def _guard(out: Path, root: Path, marker: str) -> None:
    out, root = out.resolve(), root.resolve()
    protected = {root, PROJECT, root / "cases", PROJECT / "docs", PROJECT / "templates", Path.home()}
    if out in protected or out in root.parents or out == Path(out.anchor):
        raise OutputError(f"不能把输出写到 {out}：这是项目或内容目录。请换一个输出目录，例如 site/。")
    if out.exists() and not out.is_dir():
        raise OutputError(f"输出路径 {out} 已存在且不是目录。")
    if out.is_dir() and any(out.iterdir()) and not (out / marker).exists():
        raise OutputError(f"输出目录 {out} 已存在且不是之前生成的结果（缺少 {marker}），为安全起见不覆盖。")


def _remove_stale(out: Path) -> None:
    """Temporary folders left by builds that were killed (their process is gone)."""
    for stale in out.parent.glob(f"{out.name}.tmp-*"):
        pid = re.match(r"\d+", stale.name[len(out.name) + len(".tmp-") :])
        if pid and not _alive(int(pid.group(0))):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _temporary(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(out)
    tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    return tmp


def _swap(tmp: Path, out: Path) -> None:
    """Put `tmp` in place of `out`; the old output is removed only after the new one is in place."""
    old = out.with_name(f"{out.name}.old-{os.getpid()}") if out.exists() else None
    if old:
        out.rename(old)
    tmp.rename(out)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def write_atomically(out: Path, root: Path, marker: str, fill) -> None:
    """Call fill(tmp) on a fresh folder beside `out`; replace `out` with it only if fill returns normally."""
    _guard(out, root, marker)
    tmp = _temporary(out)
    try:
        fill(tmp)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# --- build


def build_site_dir(library, config_path: Path, out: Path, *, strict=False, verbose=False, packs=True) -> dict:
    """MkDocs build (pages, exports, Pagefind index) and the PDF packs, into `out`, atomically.

    With packs=False (`build --no-packs`) no PDF is printed and the theme pages
    link none. Returns the packs written (theme -> relative path). Raises
    mkdocs' Abort/PluginError on failure.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    _quiet_mkdocs(verbose)
    pin_build_date(library.root)
    index = build_index(library)
    stage = packs_stage() if packs else None
    if stage:
        stage.plan_packs(library)  # now, so the printing starts with MkDocs (the theme pages' links reuse it)
    written: dict = {}

    def fill(tmp: Path) -> None:
        config = load_config(config_file=str(config_path), site_dir=str(tmp), strict=strict)
        plugin = config.plugins.get(PLUGIN)
        if plugin is None:
            raise OutputError(f"{config_path} 没有启用 {PLUGIN} 插件（plugins: - {PLUGIN}）。")
        plugin.preload(library, index, config, with_packs=stage is not None)
        # The packs are printed beside MkDocs (which empties its site folder first) and moved in after.
        packs_dir = tmp.with_name(tmp.name + "-packs")
        shutil.rmtree(packs_dir, ignore_errors=True)
        packs_dir.mkdir()
        try:
            with gc_frozen(), ThreadPoolExecutor(1) as printer:
                printing = printer.submit(stage.build_site_packs, library, index, packs_dir, out) if stage else None
                mkdocs_build(config)
                if printing is not None:
                    written.update(printing.result() or {})
            for item in packs_dir.iterdir():
                item.rename(tmp / item.name)
        finally:
            shutil.rmtree(packs_dir, ignore_errors=True)

    write_atomically(out, library.root, "index.html", fill)
    return written


# --- export


def _export_config(config_path: Path) -> dict:
    data = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    plugins = data.get("plugins") or []
    data["plugins"] = [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    data["docs_dir"] = "docs"
    if isinstance(data.get("theme"), dict) and data["theme"].get("custom_dir"):
        data["theme"]["custom_dir"] = "overrides"
    return data


def export_folder(library, config_path: Path, out: Path) -> int:
    """The same pages as Markdown in a plain MkDocs project (no plugin needed). Returns the page count."""
    from mkdocs.config import load_config

    _quiet_mkdocs(False)
    config = load_config(config_file=str(config_path))
    epoch = pin_build_date(library.root)
    site = build_site(library, build_index(library), site_options(config, library, epoch))

    def fill(tmp: Path) -> None:
        docs = tmp / "docs"
        shutil.copytree(config.docs_dir, docs)
        for path, text in {**site.pages, **site.files}.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        for path, source in site.assets.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        custom = config.theme.custom_dir
        if custom:
            shutil.copytree(custom, tmp / "overrides")
        settings = yaml.safe_dump(_export_config(config_path), allow_unicode=True, sort_keys=False)
        note = "# 由 python -m generator export 生成：页面已写入 docs/，不需要 zjxn 插件。\n"
        note += "# 搜索索引：mkdocs build 之后运行 python3 -m pagefind --site site\n"
        (tmp / "mkdocs.yml").write_text(note + settings, encoding="utf-8")

    write_atomically(out, library.root, "mkdocs.yml", fill)
    return len(site.pages)


# --- serve


def serve_site(root: Path, config_path: Path, addr: str) -> None:
    from mkdocs.commands.serve import serve

    _quiet_mkdocs(True)
    os.environ[CONTENT_ROOT_ENV] = str(Path(root).resolve())
    # served at the root of the address (not under site_url's path), as README promises
    serve(config_file=str(config_path), dev_addr=addr, livereload=True, site_url=f"http://{addr}/")
