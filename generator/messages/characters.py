"""Names of the characters nobody can see (generator.characters), in Chinese and English, for messages."""

from __future__ import annotations

import unicodedata

NAMES: dict[int, tuple[str, str]] = {
    0x00AD: ("软连字符", "soft hyphen"),
    0x200B: ("零宽空格", "zero-width space"),
    0x200C: ("零宽不连字", "zero-width non-joiner"),
    0x200D: ("零宽连字", "zero-width joiner"),
    0x200E: ("从左到右标记", "left-to-right mark"),
    0x200F: ("从右到左标记", "right-to-left mark"),
    0x2028: ("行分隔符", "line separator"),
    0x2029: ("段分隔符", "paragraph separator"),
    0x202A: ("从左到右嵌入，方向控制字符", "left-to-right embedding"),
    0x202B: ("从右到左嵌入，方向控制字符", "right-to-left embedding"),
    0x202C: ("方向格式结束，方向控制字符", "pop directional formatting"),
    0x202D: ("从左到右强制，方向控制字符", "left-to-right override"),
    0x202E: ("从右到左强制，方向控制字符，会让文字倒着显示", "right-to-left override (shows text reversed)"),
    0x2060: ("词连接符", "word joiner"),
    0x2066: ("从左到右隔离，方向控制字符", "left-to-right isolate"),
    0x2067: ("从右到左隔离，方向控制字符", "right-to-left isolate"),
    0x2068: ("首字方向隔离，方向控制字符", "first strong isolate"),
    0x2069: ("方向隔离结束，方向控制字符", "pop directional isolate"),
    0xFEFF: ("零宽不换行空格，即 BOM", "zero-width no-break space (BOM)"),
}


def character_name(char: str) -> tuple[str, str]:
    """(zh, en) name of a hidden character, by its own name or its kind."""
    known = NAMES.get(ord(char))
    if known:
        return known
    category = unicodedata.category(char)
    if category == "Cc":
        return "控制字符", "a control character"
    if category == "Cs":
        return "无效的代理码位", "a lone surrogate"
    if category == "Cn" or ord(char) & 0xFFFE == 0xFFFE:
        return "非字符", "a non-character"
    return "不可见的格式字符", "an invisible format character"
