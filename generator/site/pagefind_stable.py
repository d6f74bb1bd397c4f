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


def canonical_filters(bundle: Path, meta, prefix: str, version: str) -> list[Path]:
    """A pass of `pagefind_format.rewrite_bundle`: the filter files rewritten in a canonical
    order and listed so in `meta`; the files they replace."""
    replaced, listed = [], []
    for name, file_hash in sorted(meta[3], key=lambda f: f[0]):
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        filter_name, values = fmt.read(path)
        canonical = [filter_name, sorted(([value, sorted(pages)] for value, pages in values), key=lambda vp: vp[0])]
        new_name = fmt.write(path.parent, prefix, ".pf_filter", canonical, 7)
        if new_name != file_hash:
            replaced.append(path)
        listed.append([name, new_name])
    meta[3] = listed
    return replaced
