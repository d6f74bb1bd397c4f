"""What every command shares: the --root and --lang options, loading the checked library, printing problems."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import messages, problems
from ..content.library import check_content, load_library
from ..errors import EXIT_CONTENT, EXIT_OK, UsageError


def common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=".", help="项目根目录（含 cases/），默认当前目录")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言，默认中文")


def content_folder(root) -> Path:
    """The project folder holding cases/, or a usage error saying where it was looked for."""
    if not (Path(root) / "cases").is_dir():
        raise UsageError("no-content-folder", folder=Path(root) / "cases")
    return Path(root)


def load(root: str, entries: bool = True, ids: frozenset[str] | None = None):
    """The checked library (LoadResult); with entries=False only the problems, which is all `check` needs;
    with `ids`, only what a booklet of those entries needs (load_library)."""
    folder = content_folder(root)
    return load_library(folder, ids=ids) if entries else check_content(folder)


def report(result, fmt: str, lang: str, only: list[str] | None = None) -> int:
    """Print the problems (of the `only` files, when given) and return the exit code they mean."""
    found = result.problems
    if only:
        wanted = {Path(f).as_posix().removeprefix("./") for f in only}
        found = [p for p in found if p.path in wanted]
    output = problems.FORMATTERS[fmt](found, lang)
    if output:
        print(output)
    if fmt == "text":
        print(problems.format_summary(found, result.files, lang), file=sys.stderr)
    return EXIT_CONTENT if problems.has_errors(found) else EXIT_OK


def checked_library(args, announce: bool = True, ids: frozenset[str] | None = None):
    """The library if the content has no errors; otherwise its problems are printed and None returned.

    With `announce`, the problems and the summary are printed even when there is no error; with `ids`,
    only what a booklet of those entries needs is read and checked.
    """
    result = load(args.root, ids=ids)
    if (announce or problems.has_errors(result.problems)) and report(result, "text", args.lang) != EXIT_OK:
        say(args, "content-has-errors", error=True)
        return None
    return result.library


def say(args, key: str, error: bool = False, **params) -> None:
    """Print a catalogue message in the command's language (to stderr when `error`)."""
    print(messages.text(key, args.lang, **params), file=sys.stderr if error else sys.stdout)
