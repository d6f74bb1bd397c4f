"""Render, check, write once, check again: the last steps every new entry goes through."""

from __future__ import annotations

from pathlib import Path

from ..cli import UsageError
from ..problems import format_text, has_errors
from .entry import Draft, check_text, check_written, render, write_new


def publish(root: Path, vocab, draft: Draft, say=print) -> bool:
    """Write the draft's file if the validator accepts it; True when it passes `check`."""
    text = render(draft)
    found = check_text(root, vocab, draft, text)
    if has_errors(found):
        say(format_text(found))
        say(f"未写入 {draft.path}：请先改正以上问题。")
        return False
    try:
        write_new(root, draft, text)
    except FileExistsError:
        raise UsageError(f"{draft.path} 已存在，不会覆盖。请换一个编号（--id）。") from None
    say(f"已写入 {draft.path}")
    if not draft.values.get("source_title"):
        say("注意：没有给出来源，文件中写入了占位来源；发布前必须改为真实的公开来源。")
    found = check_written(root, draft.path)
    say(f"检查结果（python -m generator check {draft.path}）：")
    say(format_text(found) if found else "  没有发现问题。")
    if not has_errors(found):
        say("下一步：打开文件，把括号中的提示换成依据来源写的内容；完成后把 status: draft 删去或改为 published。")
    return not has_errors(found)
