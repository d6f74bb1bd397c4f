"""Suggestions for contributors: the closest allowed value, a pinyin id for a Chinese name."""

from __future__ import annotations

import difflib
import re
import unicodedata

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MIN, ID_MAX = 3, 64


def closest(word: str, names: dict[str, str], cutoff: float = 0.5) -> str | None:
    """The canonical value whose name or alias is most like `word` (names: spelling -> canonical)."""
    if not isinstance(word, str) or not word.strip():
        return None
    word = unicodedata.normalize("NFKC", word).strip()
    matcher = difflib.SequenceMatcher(None, word)
    best = None
    for spelling, canonical in names.items():
        # a typed name that contains the real one, or the reverse, is a strong hint
        hint = 0.75 if len(spelling) >= 2 and (spelling in word or word in spelling) else 0.0
        floor = max(cutoff, best[0]) if best else cutoff  # a spelling must reach this to count
        matcher.set_seq2(spelling)
        if hint < floor and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
            continue  # cheap upper bounds of ratio(): skipping such a spelling changes nothing
        scored = (max(matcher.ratio(), hint), -abs(len(spelling) - len(word)), spelling, canonical)
        if best is None or scored > best:
            best = scored
    return best[3] if best and best[0] >= cutoff else None


def is_valid_id(text: str) -> bool:
    return ID_MIN <= len(text) <= ID_MAX and bool(ID_PATTERN.match(text))


def slugify(text: str) -> str:
    """A valid id for any name: Chinese as pinyin syllables, ASCII kept, hyphens between words."""
    from pypinyin import Style, lazy_pinyin

    text = unicodedata.normalize("NFKC", text)
    words: list[str] = []
    for chunk in re.findall(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+", text):
        if chunk[0].isascii():
            words.append(chunk.lower())
        else:
            words.extend(_pinyin_words(lazy_pinyin(chunk, style=Style.NORMAL)))
    slug = "-".join(w for w in words if w)
    slug = re.sub(r"[^a-z0-9-]+", "", slug)
    slug = re.sub(r"-+", "-", slug).strip("-")[:ID_MAX].strip("-")
    if len(slug) < ID_MIN:
        slug = (slug + "-entry").strip("-") if slug else "entry"
    return slug


def _pinyin_words(syllables: list[str]) -> list[str]:
    """Join syllables in pairs, the way Chinese two-character words read: 田间学院 -> tianjian-xueyuan.

    Three characters are read as a personal name, surname first: 熊贵英 -> xiong-guiying.
    """
    if len(syllables) == 3:
        return [syllables[0], syllables[1] + syllables[2]]
    return ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
