"""Every message people read from the generator, in Chinese (default) and English: one catalogue.

`rules.py` holds the messages of content problems (one per `check` rule, with a fix);
`texts.py` holds everything else the commands say. Templates are `str.format` strings.
"""

from __future__ import annotations

from .rules import FIX_WRAP, RULES, SEVERITY, SUMMARY
from .texts import TEXTS

__all__ = ["FIX_WRAP", "RULES", "SEVERITY", "SUMMARY", "TEXTS", "Lazy", "render", "render_fix", "text", "with_fix"]


class Lazy:
    """A value of a message rendered in the language the message is shown in (a problem's own message, say)."""

    def __init__(self, render):
        self.render = render  # lang -> text


def _in(lang: str, params) -> dict:
    return {k: (v.render(lang) if isinstance(v, Lazy) else v) for k, v in params.items()}


class _Params(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def _fill(template: str, params) -> str | None:
    """The template filled in, or None when a value it needs is missing or None."""
    present = {k: v for k, v in params.items() if v is not None}
    try:
        return template.format_map(_Params(present))
    except KeyError:
        return None


def render(rule: str, params, lang: str = "zh") -> str:
    """A content problem's message."""
    zh, en, _, _ = RULES[rule]
    return _fill(en if lang == "en" else zh, params) or (en if lang == "en" else zh)


def render_fix(rule: str, params, lang: str = "zh") -> str | None:
    """A content problem's suggested fix, or None where there is none (or its values are missing)."""
    _, _, fix_zh, fix_en = RULES[rule]
    template = fix_en if lang == "en" else fix_zh
    return (_fill(template, params) or None) if template else None


def with_fix(rule: str, params, lang: str = "zh") -> str:
    """The message with its fix, as one line."""
    fix = render_fix(rule, params, lang)
    return render(rule, params, lang) + (FIX_WRAP[lang].format(fix=fix) if fix else "")


def text(key: str, lang: str = "zh", **params) -> str:
    """Any other message of the commands, filled in; a `suggestion` given adds “did you mean …?”."""
    zh, en = TEXTS[key]
    template = en if lang == "en" else zh
    params = _in(lang, params)
    filled = _fill(template, params) or template
    if params.get("suggestion") and "{suggestion}" not in template:
        filled += text("did-you-mean", lang, suggestion=params["suggestion"])
    return filled
