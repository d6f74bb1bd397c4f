"""Benchmark: check, build, search and pack at N synthetic entries, each against a baseline of the same run.

    python bench/run.py --cases 1000 [--json FILE] [--repeat 3] [--build-repeat 1] [--keep DIR]
    python bench/run.py --cases 10000 --linear-from bench-1000.json --json bench-10000.json
    python bench/run.py --cases 1000 --only-serve --json serve-1000.json   # the preview alone (bench/serve.py)

Needs jieba (the plain MkDocs baseline segments Chinese with it) and Playwright
with Debian's chromium (the search is typed into the site's own search box).

Every figure is the median of its repeats, measured on this machine in this run.
The builds run in rounds (plain MkDocs, our build from nothing, our build again over
that site, our build without packs), and the
build's ratio is the median of the rounds' own ratios, so that both sides of each
ratio met the host at the same speed. Budgets (issue #7) are printed beside the figures; a missed budget is reported,
not hidden. Synthetic content goes to a temporary folder, never to cases/.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import serve  # noqa: E402
import synth  # noqa: E402

sys.path.insert(0, str(ROOT))
from generator.content.parallel import usable_cores  # noqa: E402
from generator.site.pagefind.index import pagefind_command  # noqa: E402

PYTHON = sys.executable
SEARCH_QUERY = "田间学院"  # the budget's query: the flagship model, whose words occur in nearly every synthetic entry
OTHER_QUERIES = ("渝中区", "赛教融合", "榨菜")  # a district, a theme, a rarer word: reported beside it
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
EPOCH = "1767225600"
PACK_SIZE = 100

# Peak memory is ru_maxrss over the command's waited-for descendants: the largest single
# process (the Python build itself, Pagefind, or one PDF worker), not their sum. CPU time is
# their sum (user + system): on this machine's cores a command cannot take less wall time
# than its CPU time divided by the cores.
PROBE = (
    "import resource, subprocess, sys;"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode;"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime, file=sys.stderr);"
    "sys.exit(code)"
)
CORES = usable_cores()  # as the build counts them when it shares out work


def timed(command: list[str], cwd: Path, env: dict, before=None) -> tuple[float, float, float]:
    """Wall seconds, peak resident memory (MB) and CPU seconds of one run of a command and its children."""
    if before:
        before()
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", PROBE, *command], cwd=cwd, env=env, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"命令失败（{done.returncode}）：{' '.join(command)}\n{done.stderr[-3000:]}")
    peak_kb, cpu = done.stderr.strip().splitlines()[-1].split()
    return seconds, int(peak_kb) / 1024, float(cpu)


def median_of(repeat: int, measure) -> tuple:
    """Run `measure` `repeat` times; the median of each figure it returns, and all the runs."""
    runs = [measure() for _ in range(repeat)]
    runs = [r if isinstance(r, tuple) else (r,) for r in runs]
    return tuple(statistics.median(column) for column in zip(*runs)), [r[0] for r in runs]


def interleaved(repeat: int, measures: dict) -> dict[str, list[tuple]]:
    """Each measure once per round, round after round, so that a baseline and what is compared with
    it meet the host at the same speed (this machine's speed drifts by tens of percent in minutes)."""
    runs: dict[str, list[tuple]] = {name: [] for name in measures}
    for _ in range(repeat):
        for name, measure in measures.items():
            runs[name].append(measure())
    return runs


# --- baselines


def parse_baseline(tree: Path) -> float:
    """The bare cost of reading every entry and parsing its front matter with libyaml."""
    start = time.perf_counter()
    for path in sorted((tree / "cases").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("---\n", 2)[1]
        yaml.load(front, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def plain_mkdocs_project(tree: Path, work: Path) -> Path:
    """The same entry pages as ordinary Markdown: Material, its search plugin (with jieba), no plugin of ours."""
    import jieba  # noqa: F401  -- the baseline must segment Chinese as a Material user would

    project = work / "plain"
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    for folder in ("showcases", "models", "figures"):
        (docs / folder).mkdir(parents=True, exist_ok=True)
        for path in (tree / "cases" / folder).glob("*.md"):
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            data = yaml.load(front, Loader=yaml.CSafeLoader)
            (docs / folder / path.name).write_text(f"# {data['title']}\n\n{data['summary']}\n\n{body}", encoding="utf-8")
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    config = {
        "site_name": "plain",
        "site_url": "https://example.com/plain/",
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": [{"search": {"lang": "zh"}}],
        "nav": ["index.md"],
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"unrecognized_links": "ignore"}},
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return project


def our_project(tree: Path) -> None:
    """Give the synthetic tree the project's site configuration, templates and docs."""
    for name in ("mkdocs.yml", "packs.yml"):
        if (ROOT / name).exists():
            shutil.copyfile(ROOT / name, tree / name)
    for name in ("docs", "templates", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tree / name, dirs_exist_ok=True)


# --- the built site


def entry_page_sizes(site: Path) -> list[int]:
    return [p.stat().st_size for folder in ("cases", "models", "figures") for p in (site / folder).glob("*/index.html")]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def search_query_bytes(site: Path, query: str) -> tuple[int, dict]:
    """Bytes of every /pagefind/ response when a reader opens the header search on the home page and types `query`.

    Returns the total and a breakdown by kind (engine, wasm, meta, index, filter, fragment, ...).
    """
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()

            def count(response):
                if "/pagefind/" in response.url and response.ok:
                    fetched[urlparse(response.url).path] = len(response.body())

            page.on("response", count)
            page.goto(url, wait_until="networkidle")
            before = dict(fetched)
            page.click("[data-zjxn-search-open]")
            page.locator("#zjxn-search-input").press_sequentially(query, delay=80)
            page.wait_for_selector(".zjxn-search__link", timeout=60_000)
            page.wait_for_function("!document.querySelector('#zjxn-search-status').textContent.startsWith('正在')")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            browser.close()
    finally:
        server.shutdown()
    if before:
        raise SystemExit(f"首页在打开搜索之前就加载了 Pagefind 文件：{sorted(before)}")
    kinds: dict[str, int] = {"gzip_total": 0}
    for path, size in fetched.items():
        compressible = path.endswith((".js", ".css", ".json"))  # a static host gzips these; pf_ files are gzip already
        kinds["gzip_total"] += len(gzip.compress((site / path.lstrip("/")).read_bytes())) if compressible else size
        name = path.rsplit("/", 1)[-1]
        kind = ("engine" if name == "pagefind.js" else "ui" if name.startswith("pagefind-") and name.endswith((".js", ".css")) else
                "wasm" if "wasm" in name else name.rsplit(".", 1)[-1].removeprefix("pf_"))
        kinds[kind] = kinds.get(kind, 0) + size
    return sum(fetched.values()), {"files": len(fetched), **kinds}


# --- the run


def run_serve(cases: int, work: Path) -> dict:
    """The preview against plain `mkdocs serve` of the same pages (bench/serve.py)."""
    tree = synth.generate(work / "tree", cases)
    our_project(tree)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    return {"cases": cases, "cores": CORES, **serve.measure(tree, plain_mkdocs_project(tree, work), work, env, ROOT)}


def run(cases: int, work: Path, repeat: int, build_repeat: int) -> dict:
    tree = synth.generate(work / "tree", cases)
    our_project(tree)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    figures: dict = {"cases": cases}
    runs: dict = {}

    parse_baseline(tree)  # warm the page cache, so both sides read from memory
    (figures["parse_baseline_s"],), runs["parse_baseline_s"] = median_of(repeat, lambda: parse_baseline(tree))
    check = [PYTHON, "-m", "generator", "check", "--root", str(tree)]
    (figures["check_s"], _, _), runs["check_s"] = median_of(repeat, lambda: timed(check, ROOT, env))

    plain = plain_mkdocs_project(tree, work)
    plain_site = work / "plain-site"
    site, no_packs = work / "site", work / "site-no-packs"
    plain_build = [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(plain_site)]
    build = [PYTHON, "-m", "generator", "build", "--root", str(tree), "--out", str(site)]
    build_no_packs = [PYTHON, "-m", "generator", "build", "--root", str(tree), "--out", str(no_packs), "--no-packs"]
    cold = partial(shutil.rmtree, site, ignore_errors=True)  # no previous site: every pack is printed
    builds = interleaved(build_repeat, {
        "plain_mkdocs_s": lambda: timed(plain_build, plain, env),
        "build_s": lambda: timed(build, ROOT, env, before=cold),
        # over the site just built, as a deploy that keeps its last site runs: unchanged packs are copied
        "rebuild_s": lambda: timed(build, ROOT, env),
        "build_no_packs_s": lambda: timed(build_no_packs, ROOT, env),
    })
    for name, measured in builds.items():
        figures[name] = statistics.median(seconds for seconds, _, _ in measured)
        figures[name.removesuffix("_s") + "_cpu_s"] = statistics.median(cpu for _, _, cpu in measured)
        runs[name] = [seconds for seconds, _, _ in measured]
    figures["plain_peak_rss_mb"] = max(mb for _, mb, _ in builds["plain_mkdocs_s"])
    figures["peak_rss_mb"] = max(mb for _, mb, _ in builds["build_s"])
    figures["cores"] = CORES
    # the lowest build ratio these cores allow: all of the build's CPU time spread evenly over them
    figures["build_ratio_floor"] = statistics.median(
        cpu / CORES / plain for (_, _, cpu), (plain, _, _) in zip(builds["build_s"], builds["plain_mkdocs_s"]))
    # the budget's ratio: each build against the plain build of its own round
    for name, key in (("build_s", "build_ratio"), ("rebuild_s", "rebuild_ratio"), ("build_no_packs_s", "build_no_packs_ratio")):
        figures[key] = statistics.median(ours / plain for ours, plain in zip(runs[name], runs["plain_mkdocs_s"]))
    figures["site_packs"] = len(list((site / "packs").glob("*.pdf")))
    shutil.rmtree(no_packs, ignore_errors=True)

    scratch = "pagefind-bench"  # the build's own Pagefind run (command and environment), into a scratch folder
    pagefind, pagefind_env = pagefind_command(site, scratch)
    (figures["pagefind_s"], figures["pagefind_peak_rss_mb"], figures["pagefind_cpu_s"]), runs["pagefind_s"] = median_of(
        repeat, lambda: timed(pagefind, ROOT, pagefind_env, before=lambda: shutil.rmtree(site / scratch, ignore_errors=True)))
    shutil.rmtree(site / scratch, ignore_errors=True)

    sizes = entry_page_sizes(site)
    figures["median_entry_page_bytes"] = int(statistics.median(sizes)) if sizes else 0
    figures["largest_page_bytes"] = max(p.stat().st_size for p in site.rglob("*.html"))
    figures["search_query_bytes"], figures["search_breakdown"] = search_query_bytes(site, SEARCH_QUERY)
    figures["other_queries_bytes"] = {query: search_query_bytes(site, query)[0] for query in OTHER_QUERIES}

    ids = sorted(p.stem for p in (tree / "cases/showcases").glob("*.md"))[:PACK_SIZE]
    pack = [PYTHON, "-m", "generator", "pack", "--root", str(tree), "--ids", ",".join(ids), "-o", str(work / "pack100.pdf")]
    (figures["pack100_s"], figures["pack_peak_rss_mb"], _), runs["pack100_s"] = median_of(
        build_repeat, lambda: timed(pack, ROOT, env))
    figures["runs"] = {name: [round(v, 3) for v in values] for name, values in runs.items()}
    figures.update(serve.measure(tree, plain, work, env, ROOT))
    return figures


BUDGETS = [  # issue 18's: the site build against plain MkDocs; the cold build with packs is reported, not budgeted
    ("check_s", lambda f: f["check_s"] <= 2.5 * f["parse_baseline_s"] or f["cases"] < 10000, "≤ 2.5 × parse_baseline_s at 10,000"),
    ("build_no_packs_s", lambda f: f["build_no_packs_ratio"] <= 1.0, "≤ 1.0 × plain_mkdocs_s (median of the rounds' ratios)"),
    ("median_entry_page_bytes", lambda f: f["median_entry_page_bytes"] <= 40_000, "≤ 40 KB"),
    ("search_query_bytes", lambda f: f["search_query_bytes"] <= 400_000 or f["cases"] < 10000, "≤ 400 KB at 10,000 (as served, no compression)"),
    ("pack100_s", lambda f: f["pack100_s"] <= 15, "≤ 15 s"),
    ("peak_rss_mb", lambda f: f["peak_rss_mb"] <= 2000 or f["cases"] < 10000, "≤ 2,000 MB at 10,000"),
    ("build_no_packs_s", lambda f: f.get("build_no_packs_s_1000") is None or f["build_no_packs_s"] <= 11 * f["build_no_packs_s_1000"],
     "≤ 11 × the 1,000 build (--linear-from)"),
]


def table(figures: dict) -> str:
    rows = [f"{'figure':28} {'value':>14}"]
    for name, value in figures.items():
        if isinstance(value, (int, float)):
            shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
            rows.append(f"{name:28} {shown:>14}")
    rows.append(f"{'search_breakdown':28} {json.dumps(figures['search_breakdown'])}")
    rows.append(f"{'other_queries_bytes':28} {json.dumps(figures['other_queries_bytes'], ensure_ascii=False)}")
    rows.append("")
    rows.append(f"ratio check/parse baseline   {figures['check_s'] / figures['parse_baseline_s']:>14.2f}")
    rows.append(f"ratio build/plain mkdocs     {figures['build_ratio']:>14.2f}  (rounds: "
                + ", ".join(f"{o / p:.2f}" for o, p in zip(figures['runs']['build_s'], figures['runs']['plain_mkdocs_s'])) + ")")
    rows.append(f"ratio rebuild/plain          {figures['rebuild_ratio']:>14.2f}")
    rows.append(f"ratio no-packs/plain         {figures['build_no_packs_ratio']:>14.2f}")
    rows.append(f"build's CPU / {figures['cores']} cores / plain {figures['build_ratio_floor']:>11.2f}  (the lowest ratio these cores allow)")
    rows.append("")
    for name, ok, text in BUDGETS:
        rows.append(f"{'met   ' if ok(figures) else 'MISSED'} {name:26} {text}")
    return "\n".join(rows + [""] + serve.table(figures))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the quick measurements (check, parse, Pagefind)")
    parser.add_argument("--build-repeat", type=int, default=1, help="rounds of the builds, runs of the pack")
    parser.add_argument("--keep", type=Path, help="keep the synthetic tree and the built sites here")
    parser.add_argument("--linear-from", type=Path, help="JSON of a 1,000-entry run: check that this build is at most 11 × that one")
    parser.add_argument("--only-serve", action="store_true", help="only the preview against plain mkdocs serve (bench/serve.py)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="zjxn-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.only_serve:
            figures = run_serve(args.cases, work)
        else:
            figures = run(args.cases, work, max(1, args.repeat), max(1, args.build_repeat))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.linear_from:
        figures["build_no_packs_s_1000"] = json.loads(args.linear_from.read_text(encoding="utf-8"))["build_no_packs_s"]
    print("\n".join(serve.table(figures)) if args.only_serve else table(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
