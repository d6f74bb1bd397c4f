"""Messages of the pack command, in Chinese (default) and English; vocabulary misses reuse `check`'s rules."""

from __future__ import annotations

MESSAGES = {
    "unknown-type": (
        "未知类型“{found}”：应为 典型案例、典型人物、模式（或 case、figure、model）之一",
        "unknown type '{found}': use 典型案例, 典型人物, 模式 (or case, figure, model)",
    ),
    "unknown-level": ("未知级别“{found}”：应为 {expected} 之一", "unknown level '{found}': use one of {expected}"),
    "bad-year": ("年份“{found}”无效：应为 2000–2100 之间的四位数字", "year '{found}' is invalid: use four digits, 2000-2100"),
    "unknown-id": (
        "找不到已发布条目“{found}”：编号是 cases/ 下文件名去掉 .md",
        "no published entry '{found}': an id is a file name under cases/ without .md",
    ),
    "suggest": ("（建议：是否想写“{suggestion}”？）", " (did you mean '{suggestion}'?)"),
    "empty": (
        "没有符合条件的已发布条目（{selection}），未生成手册。请放宽条件，或用 python -m generator check 查看内容",
        "no published entry matches ({selection}); no booklet was made. Widen the selection.",
    ),
    "content-errors": (
        "cases/ 中有内容错误，未生成手册；请先修正上面列出的问题",
        "cases/ has content errors; no booklet was made. Fix the problems listed above first.",
    ),
    "written": ("已写入 {path}：{count} 个条目，{pages} 页，用时 {seconds:.1f} 秒", "wrote {path}: {count} entries, {pages} pages, {seconds:.1f} s"),
    "written-html": ("已写入 {path}：{count} 个条目", "wrote {path}: {count} entries"),
}


def say(key: str, lang: str = "zh", **params) -> str:
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**params)
