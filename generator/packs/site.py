"""The predefined packs built with the site: one PDF per theme (packs.yml), printed in parallel.

`build_site_packs(library, index, out_dir)` is called by `python -m generator build`;
it returns theme name -> PDF path relative to `out_dir` (e.g. 'packs/saijiao-ronghe.pdf'),
for the theme pages to link. Themes without published entries get no pack; `pack_paths(library)`
gives the same mapping before anything is printed, for pages rendered first.

The packs share many entries, so the big ones are cut from sheets on which each entry is
laid out once (sheets.py); small ones are printed whole.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from ..cli import UsageError
from .booklet import make_booklet, render_html, stylesheet_text
from .config import PackSpec, read_packs_config, site_url
from .fonts import CJKFont, find_cjk_font
from .merge import cut_packs
from .select import SelectionError, default_title, describe, parse_selection, select_entries
from .sheets import SHEET_MIN_ENTRIES, group_packs, print_sheet, sheet_weight
from .workers import printer, printing_font, printing_pool, shared, start_printer, worker_count

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


_planned: list = []  # [(library, plans)] of the last library planned: the links and the printing share one plan


def plan_packs(library) -> list[PlannedPack]:
    """The packs the site gets, without printing them; a selector that names nothing is a configuration error."""
    if _planned and _planned[0][0] is library:
        return _planned[0][1]
    plans = _plan(library)
    _planned[:] = [(library, plans)]
    return plans


def _plan(library) -> list[PlannedPack]:
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


MANIFEST = f"{PACKS_DIR}/manifest.json"  # relative path -> fingerprint of what it was printed from
BESIDE_THE_BUILD = 10  # niceness of the printing processes: they take what MkDocs and Pagefind leave

def _fingerprint(html: str, paper: str, font: CJKFont, method: str) -> str:
    """Same booklet HTML and stylesheets, paper, font, WeasyPrint (and pikepdf, which cuts sheets) and
    way of printing: the same PDF."""
    tools = version("weasyprint") + (f" pikepdf {version('pikepdf')}" if method == "sheet" else "")  # not imported
    text = "\0".join((html, stylesheet_text(), paper, font.family, str(font.path or ""), tools, method))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _previous_manifest(previous: Path | None) -> dict:
    try:
        return json.loads((previous / MANIFEST).read_text(encoding="utf-8")) if previous else {}
    except (OSError, ValueError):
        return {}


def _jobs(plans: list[PlannedPack]) -> list[tuple[PlannedPack, ...]]:
    """The printing processes' jobs, heaviest first: a small pack alone (printed whole), big ones in
    groups of one paper size (a sheet each; a group of one is printed whole)."""
    jobs = [(plan,) for plan in plans if len(plan.entries) < SHEET_MIN_ENTRIES]
    for paper in dict.fromkeys(plan.paper for plan in plans):
        big = [plan for plan in plans if plan.paper == paper and len(plan.entries) >= SHEET_MIN_ENTRIES]
        jobs += [tuple(group) for group in group_packs(big)]
    return sorted(jobs, key=sheet_weight, reverse=True)


def _print_job(job: tuple[PlannedPack, ...], out_dir: str) -> list[tuple[str, str]]:
    """Make a job's booklets; copy the previous site's PDFs if they were printed from the same, else print them.

    Runs in a printing process, so the main process goes on with the site meanwhile.
    Returns (relative path, fingerprint) of each pack.
    """
    library, site, before, previous, views = shared()  # views: anchor -> EntryView, made once per process
    booklets = [make_booklet(library, plan.entries, plan.title, plan.selection_words, site, note=plan.note, views=views)
                for plan in job]  # fmt: skip
    htmls = [render_html(booklet) for booklet in booklets]
    paper, whole = job[0].paper, len(job) == 1
    # each booklet with the file it goes to: packs of one sheet that swap ids are not each other's copies
    booklets_text = "\0".join(f"{plan.relpath}\0{html}" for plan, html in zip(job, htmls))
    fingerprint = _fingerprint(booklets_text, paper, printing_font(), "whole" if whole else "sheet")
    old = {plan.relpath: previous / plan.relpath for plan in job} if previous else {}
    if old and all(before.get(p) == fingerprint and f.is_file() and not f.is_symlink() for p, f in old.items()):
        for relpath, source in old.items():
            shutil.copyfile(source, Path(out_dir) / relpath)
    elif whole:
        printer().print(htmls[0], Path(out_dir) / job[0].relpath, paper)
    else:
        sheet, cuts = print_sheet([(plan.relpath, booklet) for plan, booklet in zip(job, booklets)], paper)
        cut_packs(sheet, cuts, Path(out_dir))
    return [(plan.relpath, fingerprint) for plan in job]


def build_site_packs(library, index, out_dir: Path, previous: Path | None = None) -> dict[str, str]:
    """Write the site's PDF packs under out_dir/packs/; return theme name -> relative path.

    Packs printed from the same booklets as those of the `previous` site are copied
    from it, not printed again. `index` is accepted for the site stage's calling
    convention; packs select from the library itself.
    """
    plans = plan_packs(library)
    if not plans:
        return {}
    font = find_cjk_font()  # once, before any work; exit 2 with the install hint when there is none
    context = (library, site_url(library.root), _previous_manifest(previous), previous, {})
    (out_dir / PACKS_DIR).mkdir(parents=True, exist_ok=True)
    jobs = _jobs(plans)
    workers = worker_count(len(jobs))
    if workers == 1:
        start_printer(font, shared=context)
        prints = [done for job in jobs for done in _print_job(job, str(out_dir))]
    else:
        # The processes inherit the library (fork) and build the booklets themselves: from the
        # start of the build, beside MkDocs, at lower priority.
        with printing_pool(workers, font, BESIDE_THE_BUILD, context, warm=False) as pool:
            prints = [done for printed in pool.map(_print_job, jobs, [str(out_dir)] * len(jobs)) for done in printed]
    (out_dir / MANIFEST).write_text(json.dumps(dict(prints), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return {plan.key: plan.relpath for plan in plans}  # in packs.yml order
