"""Every message people read from the generator, in Chinese (default) and English: one catalogue.

`rules.py` holds the messages of content problems (one per `check` rule, with a fix);
`texts.py` holds everything else the commands say. Templates are `str.format` strings.
"""

from __future__ import annotations

import os

from ..characters import visible
from .characters import character_name
from .rules import FIX_WRAP, RULES, SEVERITY, SUMMARY
from .texts import OS_ERRORS, TEXTS

__all__ = ["FIX_WRAP", "RULES", "SEVERITY", "SUMMARY", "TEXTS", "Lazy", "Lines", "character_name", "os_reason", "reason",
           "render", "render_fix", "text", "with_fix"]  # fmt: skip


class Lines(str):
    """A value made of messages already filled in, one a line: printed as it is."""


class _Params(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


class Lazy:
    """A value of a message rendered in the language the message is shown in (a problem's own message, say)."""

    def __init__(self, render):
        self.render = render  # lang -> text


def _said(zh: str, en: str) -> Lazy:
    return Lazy(lambda lang: en if lang == "en" else zh)


def os_reason(exc: OSError) -> Lazy:
    """Why the system refused a file operation, in words (the disk is full, read-only, no permission …)."""
    known = OS_ERRORS.get(exc.errno or 0)
    if known:
        return _said(*known)
    return _said(f"系统错误（errno {exc.errno}）", exc.strerror or str(exc))


def reason(exc: Exception) -> Lazy:
    """Why a settings file could not be read: a system error, a wrong encoding, or YAML's complaint and its line."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, UnicodeDecodeError):
        return _said("不是 UTF-8 编码的文本", "not UTF-8 text")
    from .yaml import yaml_problem

    problem = str(getattr(exc, "problem", None) or exc).strip()
    mark = getattr(exc, "problem_mark", None)
    where_zh, where_en = (f"第 {mark.line + 1} 行：", f"line {mark.line + 1}: ") if mark else ("", "")
    return _said(where_zh + yaml_problem(problem), where_en + problem.splitlines()[0])


def _shown(value, lang: str):
    """A value as people read it: text on one line, with what cannot be seen made visible (see `visible`)."""
    if isinstance(value, Lazy):
        value = value.render(lang)
    if isinstance(value, Lines):
        return value
    if isinstance(value, (str, os.PathLike)):
        return visible(os.fspath(value))
    return value


def _fill(template: str, params, lang: str = "zh") -> str | None:
    """The template filled in, or None when a value it needs is missing or None."""
    present = {k: _shown(v, lang) for k, v in params.items() if v is not None}
    try:
        return template.format_map(_Params(present))
    except KeyError:
        return None


def render(rule: str, params, lang: str = "zh") -> str:
    """A content problem's message."""
    zh, en, _, _ = RULES[rule]
    return _fill(en if lang == "en" else zh, params, lang) or (en if lang == "en" else zh)


def render_fix(rule: str, params, lang: str = "zh") -> str | None:
    """A content problem's suggested fix, or None where there is none (or its values are missing)."""
    _, _, fix_zh, fix_en = RULES[rule]
    template = fix_en if lang == "en" else fix_zh
    return (_fill(template, params, lang) or None) if template else None


def with_fix(rule: str, params, lang: str = "zh") -> str:
    """The message with its fix, as one line."""
    fix = render_fix(rule, params, lang)
    return render(rule, params, lang) + (FIX_WRAP[lang].format(fix=fix) if fix else "")


def text(key: str, lang: str = "zh", **params) -> str:
    """Any other message of the commands, filled in; a `suggestion` given adds “did you mean …?”."""
    zh, en = TEXTS[key]
    template = en if lang == "en" else zh
    filled = _fill(template, params, lang) or template
    if params.get("suggestion") and "{suggestion}" not in template:
        filled += text("did-you-mean", lang, suggestion=params["suggestion"])
    return filled
