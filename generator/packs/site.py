"""The predefined packs built with the site: one PDF per theme (packs.yml), printed in parallel.

`build_site_packs(library, index, out_dir)` is called by `python -m generator build`;
it returns theme name -> PDF path relative to `out_dir` (e.g. 'packs/saijiao-ronghe.pdf'),
for the theme pages to link. Themes without published entries get no pack; `pack_paths(library)`
gives the same mapping before anything is printed, for pages rendered first.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..cli import UsageError
from .booklet import make_booklet, render_html, stylesheet_text
from .config import PackSpec, read_packs_config, site_url
from .fonts import CJKFont, find_cjk_font
from .select import SelectionError, default_title, describe, parse_selection, select_entries
from .workers import printer, printing_pool, start_printer, worker_count

PACKS_DIR = "packs"


@dataclass(frozen=True)
class PlannedPack:
    key: str  # theme name for a theme pack, else the pack's title
    relpath: str  # under the site folder, e.g. packs/saijiao-ronghe.pdf
    title: str
    selection_words: str
    entries: tuple
    paper: str
    note: str | None = None


@dataclass(frozen=True)
class Job:
    key: str
    relpath: str
    html: str
    paper: str


def _specs(config, vocab) -> list[PackSpec]:
    """packs.yml's packs, plus one per theme when per_theme is set and the theme has no pack yet."""
    specs = list(config.packs)
    if config.per_theme:
        listed = {spec.selectors.get("theme", [None])[0] for spec in specs if len(spec.selectors.get("theme", [])) == 1}
        listed = {vocab.theme_names.resolve(name) for name in listed if name}
        for theme in vocab.themes:
            if theme.name not in listed:
                specs.append(PackSpec(None, None, {"theme": [theme.name]}, config.paper))
    return specs


def _theme_of(spec: PackSpec, library) -> object | None:
    """The theme a pack is about: exactly one theme selector and no other."""
    names = spec.selectors.get("theme", [])
    if len(names) != 1 or len(spec.selectors) != 1:
        return None
    canonical = library.vocab.theme_names.resolve(names[0])
    return library.vocab.theme_by_name(canonical) if canonical else None


COMPLETENESS_RANK = {"complete": 0, "basic": 1, "stub": 2}


def _capped(entries: tuple, limit: int) -> tuple[tuple, str | None]:
    """At most `limit` entries, the most complete and newest first, kept in booklet order; and a note saying so."""
    if len(entries) <= limit:
        return entries, None
    ranked = sorted(entries, key=lambda e: (COMPLETENESS_RANK[e.completeness], -(getattr(e, "year", None) or 0)))
    kept = set(map(id, ranked[:limit]))
    note = f"本手册收录其中内容最完整、最新的 {limit} 个（共 {len(entries)} 个），全部条目见网站。"
    return tuple(e for e in entries if id(e) in kept), note


def plan_packs(library) -> list[PlannedPack]:
    """The packs the site gets, without printing them; a selector that names nothing is a configuration error."""
    config = read_packs_config(library.root)
    jobs, seen = [], set()
    for spec in _specs(config, library.vocab):
        try:
            selection = parse_selection(spec.selectors, library)
        except SelectionError as exc:
            raise UsageError(f"packs.yml（{spec.id or spec.title or '、'.join(spec.selectors.get('theme', []))}）：{exc}") from None
        theme = _theme_of(spec, library)
        words = describe(selection, library)
        pack_id = spec.id or (theme.id if theme else None)
        if pack_id is None:
            raise UsageError(f"packs.yml：条件为「{words}」的手册需要 id（用作文件名）")
        entries = select_entries(library, selection)
        if not entries or pack_id in seen:
            continue
        seen.add(pack_id)
        title = spec.title or default_title(selection)
        entries, note = _capped(entries, config.max_entries)
        jobs.append(PlannedPack(theme.name if theme else title, f"{PACKS_DIR}/{pack_id}.pdf", title, words, entries,
                                spec.paper, note))  # fmt: skip
    return jobs


def pack_paths(library) -> dict[str, str]:
    """What build_site_packs will return (theme name -> relative PDF path), known before anything is printed."""
    return {plan.key: plan.relpath for plan in plan_packs(library)}


def _job(library, plan: PlannedPack, site: str | None) -> Job:
    booklet = make_booklet(library, plan.entries, plan.title, plan.selection_words, site, note=plan.note)
    return Job(plan.key, plan.relpath, render_html(booklet), plan.paper)


MANIFEST = f"{PACKS_DIR}/manifest.json"  # relative path -> fingerprint of what it was printed from


def _fingerprint(job: Job, font: CJKFont) -> str:
    """Same booklet HTML and stylesheets, paper, font and WeasyPrint: the same PDF (builds are reproducible)."""
    import weasyprint

    text = "\0".join((job.html, stylesheet_text(), job.paper, font.family, str(font.path or ""), weasyprint.__version__))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _reuse(jobs: list[Job], prints: dict, previous: Path | None, out_dir: Path) -> list[Job]:
    """Copy the packs whose fingerprint matches the previous site's; return the jobs still to print."""
    if previous is None or not (previous / MANIFEST).is_file():
        return jobs
    try:
        before = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return jobs
    left = []
    for job in jobs:
        old = previous / job.relpath
        if before.get(job.relpath) == prints[job.relpath] and old.is_file() and not old.is_symlink():
            (out_dir / job.relpath).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(old, out_dir / job.relpath)
        else:
            left.append(job)
    return left


def _print_job(job: Job, out_dir: str) -> tuple[str, str]:
    printer().print(job.html, Path(out_dir) / job.relpath, job.paper)
    return job.key, job.relpath


def build_site_packs(library, index, out_dir: Path, previous: Path | None = None) -> dict[str, str]:
    """Write the site's PDF packs under out_dir/packs/; return theme name -> relative path.

    A pack whose booklet is unchanged since the `previous` site is copied from it,
    not printed again. `index` is accepted for the site stage's calling
    convention; packs select from the library itself.
    """
    plans = plan_packs(library)
    if not plans:
        return {}
    font = find_cjk_font()  # once, before any work; exit 2 with the install hint when there is none
    site = site_url(library.root)
    jobs = [_job(library, plan, site) for plan in plans]
    prints = {job.relpath: _fingerprint(job, font) for job in jobs}
    (out_dir / PACKS_DIR).mkdir(parents=True, exist_ok=True)
    (out_dir / MANIFEST).write_text(json.dumps(prints, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    jobs = _reuse(jobs, prints, previous, out_dir)
    jobs.sort(key=lambda job: len(job.html), reverse=True)  # longest first, so the processes finish together
    workers = worker_count(len(jobs))  # whole packs side by side; each is printed in one piece
    if workers == 1:
        start_printer(font)
        for job in jobs:
            _print_job(job, str(out_dir))
    elif jobs:
        with printing_pool(workers, font) as pool:
            list(pool.map(_print_job, jobs, [str(out_dir)] * len(jobs)))
    return {plan.key: plan.relpath for plan in plans}  # in packs.yml order
