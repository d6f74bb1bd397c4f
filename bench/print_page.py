"""Benchmark: the print page at N synthetic entries — from “生成培训手册” on browse to a booklet ready to print.

    python3 bench/print_page.py --cases 10000 [--entries 100] [--repeat 3] [--json FILE] [--keep DIR]

Builds a synthetic tree (bench/synth.py, marked 【合成】, in a temporary folder) with a public
address, serves it on 127.0.0.1 and drives Debian's chromium: on the browse page it ticks the
first `--entries` results and presses “生成培训手册”, then takes a filter of about as many
entries and presses it again. Each time it reports the seconds from the press to the print
page's data-state="ready" (entries fetched, laid out, QR codes drawn, contents numbered), in a
fresh browser context (nothing cached), served by bench/static_server.mjs, and what the print page fetched: its data files, raw
and gzipped as a host compresses them. The booklet of the ticked entries is printed with
page.pdf(), and each entry's start page is checked against the contents.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
import synth  # noqa: E402

from generator.content.library import load_library  # noqa: E402
from generator.packs.select import parse_selection, select_entries  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
SITE_URL = "https://bench.example.cn/"
EPOCH = "1767225600"


def build(tree: Path, out: Path) -> float:
    env = {"SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(tree), "--out", str(out),
                           "--no-packs", "--site-url", SITE_URL], env=env, capture_output=True, text=True)  # fmt: skip
    if done.returncode:
        raise SystemExit(done.stdout + done.stderr)
    return time.perf_counter() - start


def near_filter(library, wanted: int) -> dict:
    """Two browse filters (theme × district, or theme × year) whose entries number closest to `wanted`."""
    best = None
    themes = [t.name for t in library.vocab.themes]
    districts = sorted({e.district for e in library.published if e.district})
    years = sorted({str(e.year) for e in library.published if e.year})
    for raw in [{"theme": [t], "district": [d]} for t, d in product(themes, districts)] + \
               [{"theme": [t], "year": [y]} for t, y in product(themes, years)]:  # fmt: skip
        count = len(select_entries(library, parse_selection(raw, library)))
        if best is None or abs(count - wanted) < abs(best[1] - wanted):
            best = (raw, count)
    return best[0]


def fetched_sizes(records: list) -> dict:
    """Bytes of the print page's own fetches: data files by kind, raw and gzipped."""
    kinds: dict = {}
    for url, body in records:
        if "/print/data/" in url:
            kind = url.split("/print/data/", 1)[1].split("/")[0].split(".")[0]  # catalogue, facets, ids, entries
        else:
            kind = "page"  # the print page, its styles and scripts (cached after a first visit)
        sizes = kinds.setdefault(kind, [0, 0, 0])  # raw, gzipped, files
        sizes[0] += len(body)
        sizes[1] += len(gzip.compress(body))
        sizes[2] += 1
    data = [v for k, v in kinds.items() if k != "page"]
    total = [sum(v[0] for v in data), sum(v[1] for v in data), sum(v[2] for v in data)]  # the data alone
    return {"by_kind": kinds, "total": total}


def cpu_times(cdp) -> dict:
    """The page's renderer: CPU seconds of its main thread and of the whole process, and time in layout and script.
    Unlike wall time, CPU time hardly grows when other work on the machine takes the cores."""
    wanted = {"ThreadTime": "main_thread", "ProcessTime": "process", "LayoutDuration": "layout", "ScriptDuration": "script"}
    return {wanted[m["name"]]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] in wanted}


def press(browser, url: str, choose) -> dict:
    """Open browse at `url`, `choose` entries, press “生成培训手册”; seconds to ready and what was fetched."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    bodies = []
    page.goto(url)
    page.wait_for_selector("[data-print-pick]", state="attached")
    choose(page)
    count = int(re.search(r"(\d+)", page.inner_text(".zjxn-print-tools__hint")).group(1))
    page.on("response", lambda r: bodies.append((r.url, r)))  # from the press on
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    before = cpu_times(cdp)
    start = time.perf_counter()
    with page.expect_navigation():
        page.click("[data-print-go]")
    page.wait_for_function("document.querySelector('[data-print]')?.dataset.state === 'ready'", timeout=600_000)
    seconds = time.perf_counter() - start
    after = cpu_times(cdp)
    page.wait_for_function("performance.getEntriesByName('zjxn-print-whole').length > 0", timeout=600_000)
    marks = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType('mark')
        .filter(m => m.name.startsWith('zjxn-print-')).map(m => [m.name.slice(11), Math.round(m.startTime)]))""")
    result = {"entries": count, "seconds": seconds, "marks_ms": marks,
              "renderer_cpu_s": {k: round(after[k] - before[k], 3) for k in after}, "pages": int(page.get_attribute("[data-print]", "data-pages")),
              "fetched": fetched_sizes([(u, r.body()) for u, r in bodies if r.status == 200]),
              "page": page, "context": context}
    return result


def check_pdf(page, pdf: Path) -> tuple[int, int]:
    """(entries whose start page is the one the contents give, entries) in Chromium's PDF of the booklet."""
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[line.strip() for line in p.splitlines() if line.strip()] for p in text.split("\f")[:-1]]
    lines = page.evaluate("""() => { const root = document.querySelector('[data-print-booklet]').shadowRoot;
        return [...root.querySelectorAll('.zjxn-contents__link')].map(a => [
          root.getElementById(a.getAttribute('href').slice(1)).querySelector('h1').textContent,
          Number(a.querySelector('.zjxn-contents__page').textContent)]); }""")
    right = sum(1 for title, start in lines
                if pages[start - 1] and pages[start - 1][0] == title and pages[start - 2][0] != title)  # fmt: skip
    return right, len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--entries", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path, help="keep the tree and site here (reused when already built)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = args.keep or Path(tempfile.mkdtemp(prefix="zjxn-print-bench-"))
    tree, site = work / f"tree-{args.cases}", work / f"site-{args.cases}"
    build_s = None
    if not (site / "print" / "data" / "catalogue.json").is_file():
        synth.generate(tree, args.cases)
        build_s = build(tree, site)
    library = load_library(tree).library
    raw_filter = near_filter(library, args.entries)
    data = list((site / "print" / "data").rglob("*.json"))
    report = {"cases": args.cases, "build_no_packs_s": build_s, "print_data_files": len(data),
              "print_data_bytes": sum(p.stat().st_size for p in data), "filter": raw_filter, "runs": []}
    server = subprocess.Popen(["node", str(HERE / "static_server.mjs"), str(site)], stdout=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()
    query = "&".join(f"{k}={v[0]}" for k, v in raw_filter.items())

    def tick(page):
        boxes = page.locator("[data-entry-id]:not([hidden]) [data-print-pick]")
        while boxes.count() < args.entries:  # the browse page shows a page of cards at a time
            page.click("#zjxn-browse-more")
            page.wait_for_function("n => document.querySelectorAll('[data-print-pick]').length > n", arg=boxes.count())
        for i in range(args.entries):
            boxes.nth(i).check()

    def take_filter(page):
        page.wait_for_function("document.querySelector('#zjxn-browse-status').textContent.startsWith('找到')",
                               timeout=600_000)
        page.check(".zjxn-print-tools input[value=results]")

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for round_ in range(args.repeat):
                for name, address, choose in (("ticked", url + "browse/", tick),
                                              ("filter", url + "browse/?" + query, take_filter)):  # fmt: skip
                    run = press(browser, address, choose)
                    if round_ == 0 and name == "ticked":
                        run["start_pages_right"] = check_pdf(run["page"], work / "booklet.pdf")
                    run["context"].close()
                    del run["page"], run["context"]
                    run["name"] = name
                    report["runs"].append(run)
                    print(f"{name}: {run['entries']} entries, {run['pages']} pages, {run['seconds']:.2f} s, "
                          f"renderer CPU {run['renderer_cpu_s']}, "
                          f"fetched {run['fetched']['total'][0]:,} B ({run['fetched']['total'][1]:,} B gzipped) "
                          f"in {run['fetched']['total'][2]} files {run['fetched']['by_kind']}; "
                          f"ms after navigation: {run['marks_ms']}", flush=True)  # fmt: skip
            browser.close()
    finally:
        server.terminate()
        server.wait()
    for name in ("ticked", "filter"):
        seconds = [r["seconds"] for r in report["runs"] if r["name"] == name]
        thread = [r["renderer_cpu_s"]["main_thread"] for r in report["runs"] if r["name"] == name]
        report[f"{name}_median_s"] = statistics.median(seconds)
        report[f"{name}_median_main_thread_cpu_s"] = statistics.median(thread)
        print(f"{name}: median {statistics.median(seconds):.2f} s of {[round(s, 2) for s in seconds]}; "
              f"renderer main thread CPU {statistics.median(thread):.2f} s of {[round(s, 2) for s in thread]}")
    right = next(r["start_pages_right"] for r in report["runs"] if "start_pages_right" in r)
    print(f"contents against the PDF: {right[0]} of {right[1]} entries start on the page the contents give")
    print(f"print data: {report['print_data_files']:,} files, {report['print_data_bytes']:,} B; build (no packs): {build_s}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
