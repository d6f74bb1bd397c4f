"""The search index: Pagefind (extended build, Chinese segmentation) over the built HTML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ...errors import GeneratorError
from ...lifetime import ending_with_this_process

BUNDLE = "pagefind"  # served at <site>/pagefind/, where the header's search box loads it from
# Pagefind's ready-made interfaces and its worker: the site's own search dialog (assets/js/search.js)
# calls pagefind.js directly with noWorker, so these are never requested and are not published.
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js",
)


# Pagefind 1.5's Linux build allocates with jemalloc, which by default keeps freed pages for 10 s
# before giving them back. Indexing frees its parsing data while it builds the index, so with the
# pages returned at once its peak memory is an eighth lower (10,000 entries: 2,116 -> 1,850 MB),
# at no cost in time and with the same bundle. A value the user sets is kept.
ALLOCATOR_ENV = "_RJEM_MALLOC_CONF"
ALLOCATOR_CONF = "dirty_decay_ms:0,muzzy_decay_ms:0"


def pagefind_command(site_dir: Path, output_subdir: str = BUNDLE) -> tuple[list[str], dict]:
    """The Pagefind run of the build (command and environment): `site_dir`'s indexed regions into `output_subdir`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", output_subdir, "--silent"]
    return command, {ALLOCATOR_ENV: ALLOCATOR_CONF, **os.environ}


class SearchIndexError(GeneratorError):
    """Pagefind is missing or failed; the message says what to do."""


def index_site(site_dir: Path) -> None:
    """Write the Pagefind bundle into `site_dir/pagefind/`. Only `data-pagefind-body` regions are indexed."""
    command, env = pagefind_command(site_dir)
    try:
        # a killed build takes Pagefind with it, so it does not write on into a folder the next build removed
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=env,
                              preexec_fn=ending_with_this_process())  # fmt: skip
    except OSError as exc:
        raise SearchIndexError("search-cannot-run", reason=exc) from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()
        key = "search-missing" if "No module named" in detail else "search-failed"
        raise SearchIndexError(key, code=done.returncode, reason=detail[-2000:])
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
