"""Bench (not a test): `check` and `build --no-packs` of one adversarial body of each kind, up to the 1 MB
limit of a file, against issue 21's budgets (`check` ≤ 10 s, `build` ≤ 30 s on the project's machine).

    python3 bench/hostile.py [--size 990000] [--kinds brackets,images] [--timeout 300] [--json FILE]

Each kind is a body built to fill one file: constructs that made Python-Markdown, html.parser
or a regular expression take time growing faster than the text (unclosed `[`, `![`, `<http://`,
`<a `, runs of `*`, `>` and list markers, long lines …), and a realistic body of the same size
(the real entries' text repeated) to compare with. A kind is either refused by `check` (exit 1,
with a message naming the file) or built; both must stay inside the budget. Everything is
written to a temporary folder, never to cases/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHECK_BUDGET, BUILD_BUDGET = 10.0, 30.0
ENTRY = "cases/showcases/hostile-bench.md"
FRONT = """---
title: 【合成】基准测试条目
summary: 【合成】用于测量恶意正文的检查与生成时间。
themes: [赛教融合]
institutions: [市教委]
district: 全市
sources:
  - title: 【合成】基准测试来源
    copy: zhenxing-youwo-huiketing-2e63d541.txt
---

"""


def _fill(unit: str, size: int) -> str:
    """`unit` repeated to `size` bytes of UTF-8."""
    return unit * max(1, size // len(unit.encode("utf-8")))


def _real_text(size: int) -> str:
    bodies = []
    for path in sorted(p for folder in ("showcases", "models", "figures") for p in (ROOT / "cases" / folder).glob("*.md")):
        bodies.append(path.read_text(encoding="utf-8").split("---\n", 2)[2])
    text = "\n\n".join(bodies).replace("“", "").replace("”", "")  # their quotations are of other sources
    return _fill(text + "\n\n", size)


def _nested(open_: str, middle: str, close: str, size: int) -> str:
    depth = size // (len(open_.encode()) + len(close.encode()))
    return open_ * depth + middle + close * depth


def _distinct_backticks(size: int) -> str:
    runs, length, used = [], 1, 0
    while used + length + 2 < size:
        runs.append("`" * length + "a")
        used += length + 1
        length += 1
    return " ".join(runs)


def _paragraphs_of(unit: str, count: int, per_paragraph: int) -> str:
    """`count` times `unit`, `per_paragraph` of them a paragraph."""
    full, rest = divmod(count, per_paragraph)
    return "\n\n".join([unit * per_paragraph] * full + ([unit * rest] if rest else []))


def _at_the_limits(size: int) -> str:
    """As much of everything as `check` accepts: 8 unclosed [ ]( and ` a paragraph, 8 unclosed <a in the body,
    brackets 4 deep, emphasis 8 deep, HTML 32 deep, lists 12 deep, in paragraphs just under the length limit."""
    prose = _fill("职业教育服务乡村振兴，", 17_000)
    unclosed = " ".join(["[未闭合", "[a](https://example.com/未闭合"] * 8 + ["`" * n + "代码" for n in range(1, 9)])
    deep = "[[[[a]]]] " + "*" * 8 + "强调" + "*" * 8 + " " + "<em>" * 32 + "深" + "</em>" * 32
    lists = "".join("  " * i + "- 列表\n" for i in range(11))
    paragraph = f"{prose}{deep} {unclosed}\n\n{lists}\n"
    tags = "<em " * 8 + "\n"  # at the end: with text after it, an unclosed tag would take that text as attributes
    return _fill(paragraph, size - len(tags.encode())) + tags


KINDS = {
    "real-text": ("the real entries' bodies repeated (the linear reference)", _real_text),
    "brackets": ("unclosed [", lambda n: _fill("[", n)),
    "images": ("unclosed ![", lambda n: _fill("![", n)),
    "autolinks": ("unclosed <http://", lambda n: _fill("<http://", n)),
    "start-tags": ("unclosed <a ", lambda n: _fill("<a ", n)),
    "link-destinations": ("[a]( never closed", lambda n: _fill("[a](", n)),
    "nested-brackets": ("[ nested thousands deep, then closed", lambda n: _nested("[a", "", "]", n)),
    "stars": ("one run of *", lambda n: _fill("*", n)),
    "nested-stars": ("* … a … *, the runs thousands long", lambda n: _nested("*", "a", "*", n)),
    "nested-emphasis": ("*a *a … a* a*: emphasis nested thousands deep", lambda n: _nested("*a ", "a", " a*", n)),
    "nested-strong": ("**a **a … a** a**", lambda n: _nested("**a ", "a", " a**", n)),
    "quotes": ("one run of >", lambda n: _fill(">", n)),
    "nested-quotes": ("> > > … x: block quotes thousands deep", lambda n: _fill("> ", n - 2) + "x"),
    "list-markers": ("- - - … x: lists thousands deep on one line", lambda n: _fill("- ", n - 2) + "x"),
    "indented-lists": ("a list nested by indentation", lambda n: "".join(" " * (2 * i) + "- x\n" for i in range(int((n // 2) ** 0.5)))),
    "html-nesting": ("<em> nested thousands deep", lambda n: _nested("<em>", "a", "</em>", n)),
    "long-line": ("one line of Chinese text", lambda n: _fill("职业教育服务乡村振兴", n)),
    "backticks": ("backtick runs of every length, none closed", _distinct_backticks),
    "comments": ("unclosed <!--", lambda n: _fill("<!--", n)),
    "entities": ("&# with no ;", lambda n: _fill("&#", n)),
    "quotation-marks": ("“ never closed", lambda n: _fill("“", n)),
    "many-links": ("[a](b) repeated: every one a link", lambda n: _fill("[a](b) ", n)),
    "many-emphasis": ("**a** repeated", lambda n: _fill("**a** ", n)),
    "table": ("one table of many rows", lambda n: "| a | b |\n|---|---|\n" + _fill("| [x | *y |\n", n - 30)),
    "backslashes": ("a run of \\", lambda n: _fill("\\", n)),
    "footnotes": ("[^a] references, no definitions", lambda n: _fill("[^a]", n)),
    "brackets-lines": ("[ on every line of one paragraph", lambda n: _fill("[x\n", n)),
    "angle-lines": ("<a on every line of one paragraph", lambda n: _fill("<a x\n", n)),
    "end-tags": ("unclosed </a ", lambda n: _fill("</a ", n)),
    "declarations": ("<!x on every line, never closed", lambda n: _fill("<!x\n", n)),
    "instructions": ("<?x on every line, never closed", lambda n: _fill("<?x\n", n)),
    "cdata": ("<![CDATA[ on every line, never closed", lambda n: _fill("<![CDATA[\n", n)),
    "quoted-tags": ('<a x=" then unclosed <b', lambda n: '<a x="' + _fill("<b ", n - 6)),
    "hidden-characters": ("a zero-width space on every line", lambda n: _fill("文\u200b\n", n)),
    "private-lookalikes": ("runs of digits and @ (the privacy scan)", lambda n: _fill("13800138000@a.b ", n)),
    "emails": ("one run of word characters before an @", lambda n: _fill("a.", n - 2) + "@"),
    "image-links": ("![a](x.png) repeated (the image checks)", lambda n: _fill("![图](../assets/x.png) ", n)),
    "misquotes": ("short quotations not in the source, in paragraphs", lambda n: _paragraphs_of("“并非原文的引文”", n // 28, 500)),
    "long-misquotes": ("long quotations not in the source", lambda n: _paragraphs_of("“" + "并非原文" * 300 + "”\n\n", n // 3700, 1)),
    "corner-brackets": ("「」 on every line (one warning a line)", lambda n: _fill("「引文」\n", n)),
    "misquotes-one-line": ("short quotations not in the source, all on one line", lambda n: _fill("“并非原文的引文”", n)),
    # what check accepts, as much of it as it accepts: the build must still be quick
    "limit-lines": ("19,900 list items (the line limit is 20,000)", lambda n: _fill("- " + "条目" * 7 + "\n", n)[: 19_900 * 17]),
    "limit-markup": ("19,900 runs of ** (9,950 bold words) in paragraphs under the length limit",
                     lambda n: _paragraphs_of("**加粗**" + "文字" * 14, 9_950, 200)),
    "limit-everything": ("8 unclosed of each kind a paragraph, nesting at each limit", _at_the_limits),
}


def _project(work: Path) -> Path:
    tree = work / "project"
    shutil.copytree(ROOT / "cases", tree / "cases")
    for name in ("mkdocs.yml", "packs.yml"):
        shutil.copyfile(ROOT / name, tree / name)
    for name in ("docs", "templates", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tree / name)
    return tree


def _run(command: list[str], timeout: float) -> tuple[float, int | None, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None, "timeout"
    lines = (done.stdout + done.stderr).strip().splitlines()
    first = next((line for line in lines if "Traceback" in line or "Error" in line), None)
    first = first or next((line for line in lines if ENTRY in line and ("错误" in line or "error" in line)), None)
    first = first or next((line for line in reversed(lines) if line.strip()), "")
    return time.perf_counter() - start, done.returncode, first


def bench(kind: str, size: int, tree: Path, timeout: float) -> dict:
    body = KINDS[kind][1](size - len(FRONT.encode("utf-8")))
    (tree / ENTRY).write_text(FRONT + body + "\n", encoding="utf-8")
    check_s, check_code, check_says = _run([sys.executable, "-m", "generator", "check", "--root", str(tree)], timeout)
    row = {"kind": kind, "bytes": (tree / ENTRY).stat().st_size, "check_s": round(check_s, 2), "check_exit": check_code,
           "check_says": check_says}  # fmt: skip
    out = tree.parent / "site"
    command = [sys.executable, "-m", "generator", "build", "--no-packs", "--root", str(tree), "--out", str(out)]
    build_s, build_code, build_says = _run(command, timeout)
    row.update(build_s=round(build_s, 2), build_exit=build_code, build_says=build_says if build_code else "")
    row["met"] = (check_code is not None and check_s <= CHECK_BUDGET and build_code is not None
                  and build_s <= BUILD_BUDGET and "Traceback" not in check_says + build_says)  # fmt: skip
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=990_000, help="bytes of the whole entry file (limit 1,000,000)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ", ".join(KINDS))
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is stopped")
    parser.add_argument("--json", help="write the rows to this file")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="zjxn-hostile-") as work:
        tree = _project(Path(work))
        print(f"{'kind':18} {'check s':>8} {'exit':>4} {'build s':>8} {'exit':>4}  met  what check or build said")
        for kind in kinds:
            row = bench(kind, args.size, tree, args.timeout)
            rows.append(row)
            says = re.sub(r"\s+", " ", row["check_says"] if row["check_exit"] else row["build_says"])[:110]
            print(f"{kind:18} {row['check_s']:8.2f} {row['check_exit']!s:>4} {row['build_s']:8.2f} "
                  f"{row['build_exit']!s:>4}  {'yes' if row['met'] else 'NO ':3}  {says}", flush=True)  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0 if all(r["met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
