"""Reading numbers people write in Chinese, to suggest the Arabic form (三万 -> 30000)."""

from __future__ import annotations

import re

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
ARABIC_WITH_UNIT = re.compile(r"^([0-9][0-9,]*(?:\.[0-9]+)?)\s*([万亿]?)")


def parse_chinese_number(value) -> float | None:
    """30000 for 三万, 2024 for 二〇二四, 36000 for 3.6万 or 36,000; None when it is no number."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("，", ",").replace("．", ".")
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    match = ARABIC_WITH_UNIT.match(text)
    if match and re.match(r"[A-Za-z]", text[match.end() :]):
        return None  # 1e3, 3rd, 0x10: not a number followed by a unit
    if match:
        number = float(match.group(1).replace(",", ""))
        return number * LARGE_UNITS.get(match.group(2), 1)
    text = text.rstrip("多余约个人次家元")
    if text and all(ch in DIGITS for ch in text):  # digit by digit: 二〇二四
        return float("".join(str(DIGITS[ch]) for ch in text))
    return _positional(text)


def _positional(text: str) -> float | None:
    if not text or any(ch not in DIGITS and ch not in SMALL_UNITS and ch not in LARGE_UNITS for ch in text):
        return None
    total = section = digit = 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (digit or 1) * SMALL_UNITS[ch]
            digit = 0
        else:
            total += (section + digit) * LARGE_UNITS[ch]
            section = digit = 0
    return float(total + section + digit)
