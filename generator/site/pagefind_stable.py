"""Make Pagefind's output byte-identical between builds of the same site.

Pagefind 1.x writes the filter index from hash maps, so the order of filter
values, the filter list in the metadata file, and with them the content-hashed
file names change from run to run (Pagefind issue #638; fragments and word
indexes are stable since 1.3). This rewrites those files in a canonical order
and renames them by their new content (`pagefind_format`). Anything unexpected
leaves the bundle untouched: it still works, it is just not reproducible.
"""

from __future__ import annotations

from pathlib import Path

from . import pagefind_format as fmt


def stabilize(bundle: Path) -> bool:
    """Rewrite the filter files and metadata of a Pagefind bundle canonically. True if done.

    Everything is read and checked before anything is written, so a format this
    module does not know leaves the bundle as Pagefind wrote it. Replaced files are
    removed once the entry file names the new metadata.
    """
    try:
        entry = fmt.read_entry(bundle)
        plans = {language: _plan(bundle, info["hash"]) for language, info in entry["languages"].items()}
    except fmt.READ_ERRORS:
        return False
    stale = []
    for language, plan in plans.items():
        entry["languages"][language]["hash"] = _apply(bundle, *plan, stale)
    fmt.write_entry(bundle, entry)
    for path in stale:
        path.unlink()
    return True


def _plan(bundle: Path, meta_hash: str):
    meta = fmt.read(fmt.meta_path(bundle, meta_hash))
    filters = []
    for name, file_hash in meta[3]:
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        filter_name, values = fmt.read(path)
        canonical = [filter_name, sorted(([value, sorted(pages)] for value, pages in values), key=lambda vp: vp[0])]
        filters.append((name, path, canonical))
    return meta_hash, meta, filters


def _apply(bundle: Path, meta_hash: str, meta, filters, stale: list) -> str:
    """Write the canonical filter files and metadata; add the files they replace to `stale`."""
    prefix = meta_hash.split("_", 1)[0]
    listed = []
    for name, old_path, canonical in sorted(filters, key=lambda f: f[0]):
        new_name = fmt.write(old_path.parent, prefix, ".pf_filter", canonical, 7)
        if old_path.name != f"{new_name}.pf_filter":
            stale.append(old_path)
        listed.append([name, new_name])
    meta[3] = listed
    new_hash = fmt.write_meta(bundle, meta_hash, meta)
    if new_hash != meta_hash:
        stale.append(fmt.meta_path(bundle, meta_hash))
    return new_hash
