"""Finding a CJK font for the printed booklets: fontconfig first, then common font folders.

A booklet without a Chinese font prints boxes, so no font is an environment
error (exit 2) that says how to install one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

FONT_ENV = "ZJXN_PACK_FONT"  # a family name or a font file, like --font
FONT_DIRS_ENV = "ZJXN_FONT_DIRS"  # folders to scan instead of the common ones (os.pathsep-separated)

# preferred families, best first; any other Chinese family found is used after these
PREFERRED = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Source Han Serif SC",
    "Source Han Serif CN", "PingFang SC", "Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
)  # fmt: skip
# file names of the same fonts, for machines without fontconfig: (name fragment, family)
FILE_HINTS = (
    ("notosanscjk", "Noto Sans CJK SC"), ("notoserifcjk", "Noto Serif CJK SC"),
    ("sourcehansans", "Source Han Sans SC"), ("sourcehanserif", "Source Han Serif SC"),
    ("pingfang", "PingFang SC"), ("msyh", "Microsoft YaHei"), ("wqy-microhei", "WenQuanYi Micro Hei"),
    ("wqy-zenhei", "WenQuanYi Zen Hei"),
)  # fmt: skip
COMMON_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
    "/System/Library/Fonts", "/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts",
)  # fmt: skip
FONT_SUFFIXES = (".ttc", ".otc", ".otf", ".ttf")


@dataclass(frozen=True)
class CJKFont:
    family: str
    path: Path | None  # the file, when it must be loaded by path (not known to fontconfig)


class FontMissing(UsageError):
    """No CJK font on this machine: exit 2 with the install hint."""

    def __init__(self):
        super().__init__("font-missing")


def fontconfig_families(env=None) -> list[tuple[str, Path]]:
    """(family, file) of every Chinese font fontconfig knows (FONTCONFIG_FILE is honoured); empty without it."""
    env = os.environ if env is None else env
    fc_list = shutil.which("fc-list", path=env.get("PATH"))
    if not fc_list:
        return []
    try:
        run = subprocess.run(
            [fc_list, ":lang=zh", "family", "file"], capture_output=True, text=True, timeout=30, env=dict(env)
        )
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in run.stdout.splitlines():
        path, _, families = line.partition(": ")
        for family in families.rstrip(":").split(","):
            if family.strip():
                found.append((family.strip(), Path(path.strip())))
    return found


def _scan_dirs(env) -> list[Path]:
    listed = env.get(FONT_DIRS_ENV)
    dirs = listed.split(os.pathsep) if listed is not None else COMMON_DIRS
    return [Path(d).expanduser() for d in dirs if d]


def scanned_fonts(env) -> list[tuple[str, Path]]:
    """(family, file) for the known CJK font files under the font folders."""
    found = []
    for folder in _scan_dirs(env):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            name = path.name.lower().replace("_", "").replace(" ", "")
            if not name.endswith(FONT_SUFFIXES) or "mono" in name or "bold" in name:
                continue
            for fragment, family in FILE_HINTS:
                if fragment.replace("-", "") in name.replace("-", ""):
                    found.append((family, path))
    return found


def _best(candidates: list[tuple[str, Path]]) -> tuple[str, Path] | None:
    usable = [(f, p) for f, p in candidates if "mono" not in f.lower()]
    for wanted in PREFERRED:
        for family, path in usable:
            if family.lower() == wanted.lower():
                return family, path
    return usable[0] if usable else None


def _explicit(font: str, env) -> CJKFont:
    path = Path(font).expanduser()
    if path.suffix.lower() in FONT_SUFFIXES:
        if path.is_file():
            return CJKFont(family=path.stem, path=path.resolve())
        raise UsageError("font-not-found", font=font)
    known = {family.lower(): family for family, _ in fontconfig_families(env)}
    if font.lower() in known:
        return CJKFont(family=known[font.lower()], path=None)
    raise UsageError("font-not-found", font=font)


def find_cjk_font(font: str | None = None, env=None) -> CJKFont:
    """The font to print with: `font` (a file or family), else $ZJXN_PACK_FONT, else the best one found."""
    env = os.environ if env is None else env
    wanted = font or env.get(FONT_ENV)
    if wanted:
        return _explicit(wanted, env)
    best = _best(fontconfig_families(env))
    if best:
        return CJKFont(family=best[0], path=None)
    best = _best(scanned_fonts(env))
    if best:
        return CJKFont(family=best[0], path=best[1].resolve())
    raise FontMissing()
