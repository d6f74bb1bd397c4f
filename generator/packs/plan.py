"""The ready-made packs published with the site: planned from packs.yml, printed whole, kept when unchanged.

`plan_packs(library)` says which PDFs the site will have before anything is printed,
so the theme pages can link them; `print_site_packs(...)` prints them, one pack per
printing process at low priority beside the site's build, and copies a pack from the
previous site when it would be printed from the same booklet (its fingerprint).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, UsageError, template_faults
from ..messages import Lazy
from .booklet import make_booklet, render_html, stylesheet_text
from .config import PackSpec, read_packs_config
from .fonts import CJKFont, find_cjk_font
from .pdf import engine_version
from .select import default_title, describe, parse_selection, select_entries
from .workers import printer, printing_font, printing_pool, shared, start_printer, worker_count

PACKS_DIR = "packs"
MANIFEST = f"{PACKS_DIR}/manifest.json"  # relative path -> fingerprint of what it was printed from
BESIDE_THE_BUILD = 10  # niceness of the printing processes: they take what MkDocs and Pagefind leave
COMPLETENESS_RANK = {"complete": 0, "basic": 1, "stub": 2}


@dataclass(frozen=True)
class PlannedPack:
    key: str  # theme name for a theme pack, else the pack's title: what the site links it by
    theme_id: str | None  # the theme a theme pack is about
    relpath: str  # under the site folder, e.g. packs/saijiao-ronghe.pdf
    title: str
    selection_words: str
    entries: tuple
    paper: str
    note: str | None = None  # e.g. how many of a larger selection it holds


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


def _theme_of(spec: PackSpec, library):
    """The theme a pack is about: exactly one theme selector and no other."""
    names = spec.selectors.get("theme", [])
    if len(names) != 1 or len(spec.selectors) != 1:
        return None
    canonical = library.vocab.theme_names.resolve(names[0])
    return library.vocab.theme_by_name(canonical) if canonical else None


def _capped(entries: tuple, limit: int) -> tuple[tuple, str | None]:
    """At most `limit` entries, the most complete and newest first, kept in booklet order; and a note saying so."""
    if len(entries) <= limit:
        return entries, None
    ranked = sorted(entries, key=lambda e: (COMPLETENESS_RANK[e.completeness], -(e.year or 0)))
    kept = set(map(id, ranked[:limit]))
    note = f"本手册收录其中内容最完整、最新的 {limit} 个（共 {len(entries)} 个），全部条目见网站。"
    return tuple(e for e in entries if id(e) in kept), note


def plan_packs(library) -> list[PlannedPack]:
    """The packs the site gets, without printing them; a selector that names nothing is a settings error."""
    config = read_packs_config(library.root, library.schema)
    plans, seen = [], set()
    for spec in _specs(config, library.vocab):
        name = spec.id or spec.title or "、".join(spec.selectors.get("theme", []))
        try:
            selection = parse_selection(spec.selectors, library)
        except ContentError as exc:
            raise UsageError("packs-yml-selection", pack=name, reason=Lazy(exc.message)) from None
        theme = _theme_of(spec, library)
        words = describe(selection, library)
        pack_id = spec.id or (theme.id if theme else None)
        if pack_id is None:
            raise UsageError("packs-yml-id", selection=words)
        entries = select_entries(library, selection)
        if not entries or pack_id in seen:
            continue
        seen.add(pack_id)
        entries, note = _capped(entries, config.max_entries)
        plans.append(PlannedPack(theme.name if theme else (spec.title or default_title(selection)),
                                 theme.id if theme else None, f"{PACKS_DIR}/{pack_id}.pdf",
                                 spec.title or default_title(selection), words, entries, spec.paper, note))  # fmt: skip
    return plans


def _fingerprint(html: str, paper: str, font: CJKFont) -> str:
    """Same booklet HTML and stylesheets, paper, font and WeasyPrint: the same PDF."""
    text = "\0".join((html, stylesheet_text(), paper, font.family, str(font.path or ""), engine_version()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _previous_manifest(previous: Path | None) -> dict:
    try:
        return json.loads((previous / MANIFEST).read_text(encoding="utf-8")) if previous else {}
    except (OSError, ValueError):
        return {}


@template_faults()
def _print_pack(number: int, out_dir: str) -> tuple[str, str]:
    """Print plan `number` (or copy the previous site's PDF if it was printed from the same booklet).

    Runs in a printing process, which holds the plans and the library (`shared`); returns
    (relative path, fingerprint).
    """
    plans, library, site_url, before, previous = shared()
    plan = plans[number]
    html = render_html(make_booklet(library, plan.entries, plan.title, plan.selection_words, site_url, note=plan.note))
    fingerprint = _fingerprint(html, plan.paper, printing_font())
    old = previous / plan.relpath if previous else None
    target = Path(out_dir) / plan.relpath
    if old and before.get(plan.relpath) == fingerprint and old.is_file() and not old.is_symlink():
        shutil.copyfile(old, target)
    else:
        printer().print(html, target, plan.paper)
    return plan.relpath, fingerprint


def print_site_packs(plans: list[PlannedPack], library, site_url: str, out_dir: Path,
                     previous: Path | None = None) -> dict[str, str]:  # fmt: skip
    """Write the planned PDFs under out_dir/packs/; return key -> relative path.

    Each pack is printed whole by one printing process (as many as there are cores),
    so the bytes do not depend on the number of cores. `previous` is the site the
    build replaces: packs printed from the same booklets are copied from it.
    """
    if not plans:
        return {}
    font = find_cjk_font()  # once, before any work; exit 2 with the install hint when there is none
    context = (plans, library, site_url or None, _previous_manifest(previous), previous)
    (out_dir / PACKS_DIR).mkdir(parents=True, exist_ok=True)
    heaviest_first = sorted(range(len(plans)), key=lambda n: -len(plans[n].entries))
    workers = worker_count(len(plans))
    if workers == 1:
        start_printer(font, shared=context)
        prints = [_print_pack(number, str(out_dir)) for number in heaviest_first]
    else:
        # the processes inherit the plans and the library (fork), and print beside MkDocs at lower priority
        with printing_pool(workers, font, BESIDE_THE_BUILD, context, warm=False) as pool:
            prints = list(pool.map(_print_pack, heaviest_first, [str(out_dir)] * len(plans)))
    (out_dir / MANIFEST).write_text(json.dumps(dict(prints), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return {plan.key: plan.relpath for plan in plans}  # in packs.yml order
