"""What the YAML parser (libyaml, or PyYAML's own) says, in Chinese: contributors never read its English.

`yaml_problem(text)` takes the parser's problem text and returns (zh, en): a known message is
translated (its first words decide, so variants such as 'in this context' and 'here' agree);
an unknown one gets a general Chinese sentence, and the English text is kept for --lang en.
"""

from __future__ import annotations

# first words of the parser's problem -> Chinese, most specific first
PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "此处不能再出现“字段: 值”（值里有冒号时，请给整个值加引号）"),
    ("mapping keys are not allowed", "此处不能出现字段名（检查缩进和冒号）"),
    ("block sequence entries are not allowed", "此处不能出现列表项“- ”（检查缩进）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("found character '\\t' that cannot start any token", "出现了制表符（Tab）"),
    ("found a tab character", "出现了制表符（Tab），YAML 的缩进只能用空格"),
    ("found character that cannot start any token", "出现了不能作为值开头的字符（如 @ ` % 等，请给整个值加引号）"),
    ("found character", "出现了不能作为值开头的字符（如 @ ` % 等，请给整个值加引号）"),
    ("found undefined alias", "使用了未定义的别名（*）"),
    ("found duplicate anchor", "锚点（&）重复定义"),
    ("found undefined tag handle", "使用了未定义的标签（!）"),
    ("did not find expected key", "缩进不一致，找不到下一个字段"),
    ("did not find expected '-' indicator", "列表缩进不一致"),
    ("did not find expected ',' or ']'", "方括号列表中缺少逗号或右括号“]”"),
    ("did not find expected ',' or '}'", "花括号中缺少逗号或右括号“}”"),
    ("expected ',' or ']'", "方括号列表中缺少逗号或右括号“]”"),
    ("expected ',' or '}'", "花括号中缺少逗号或右括号“}”"),
    ("did not find expected node content", "这里缺少值"),
    ("did not find expected <document start>", "元数据中出现了多余的内容（是否有单独一行的“...”或“---”？）"),
    ("expected '<document start>'", "元数据中出现了多余的内容（是否有单独一行的“...”或“---”？）"),
    ("did not find expected comment or line break", "值的后面有多余的内容（值里有引号或冒号时，请给整个值加引号）"),
    ("did not find expected whitespace", "缺少空格"),
    ("did not find expected alphabetic or numeric character", "锚点（&）或别名（*）后面缺少名称"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("found unexpected document indicator", "引号中的文字跨行时，行首出现了“---”或“...”"),
    ("found unexpected ':'", "出现了多余的冒号"),
    ("found unknown escape character", "双引号中有无效的转义字符（\\）：要写反斜杠本身请改用单引号"),
    ("found invalid Unicode character escape code", "双引号中有无效的 Unicode 转义（\\u 或 \\U）"),
    ("expected escape sequence of", "双引号中有无效的 Unicode 转义（\\u 或 \\U）"),
    ("found an indentation indicator equal to 0", "块标记（| 或 >）后的缩进数字不能为 0"),
    ("found a tab character that violates indentation", "缩进中有制表符（Tab）"),
    ("found unexpected non-alphabetical character", "出现了意外的字符"),
    ("found incompatible YAML document", "不支持的 YAML 版本"),
    ("found duplicate %", "重复的 YAML 指令（%）"),
    ("found unknown directive name", "未知的 YAML 指令（%）"),
    ("expected a single document in the stream", "文件中有不止一个 YAML 文档（有单独一行的“---”或“...”）"),
    ("but found another document", "文件中有不止一个 YAML 文档（有单独一行的“---”或“...”）"),
    ("expected <block end>, but found '-'", "列表项“- ”的缩进与上一行不一致"),
    ("expected <block end>", "缩进不一致"),
    ("expected <block mapping end>", "缩进不一致"),
    ("expected the node content", "这里缺少值"),
    ("while scanning", "无法读取这里的内容"),
    ("unacceptable character", "有不允许的控制字符"),
    ("control characters are not allowed", "有不允许的控制字符"),
    ("special characters are not allowed", "有不允许的控制字符"),
    ("invalid leading UTF-8 octet", "不是有效的 UTF-8 文本"),
    ("invalid trailing UTF-8 octet", "不是有效的 UTF-8 文本"),
)
UNKNOWN = "这里无法按 YAML 读取"


def yaml_problem(text: str) -> str:
    """The Chinese for one problem text of the YAML parser."""
    text = text.strip()
    for start, zh in PROBLEMS:
        if text.startswith(start):
            return zh
    return UNKNOWN
