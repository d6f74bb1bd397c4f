"""Why a command stops, and with which exit code: 0 clean, 1 content problems, 2 usage or environment.

An error carries a message key and its values, not text: the command line renders it
from the catalogue (`generator.messages`) in the language the user asked for.
"""

from __future__ import annotations

from contextlib import contextmanager

from . import messages

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class GeneratorError(Exception):
    """A stop with a catalogue message."""

    exit_code = EXIT_USAGE

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params

    def message(self, lang: str = "zh") -> str:
        return messages.text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()

    def __reduce__(self):  # raised in a worker process, it reaches the command with its values
        return _rebuild, (type(self), self.key, self.params)


def _rebuild(kind, key: str, params: dict) -> GeneratorError:
    return kind(key, **params)


class UsageError(GeneratorError):
    """Wrong arguments or settings, a missing tool or font, an output that cannot be written: exit 2."""


class ContentError(GeneratorError):
    """The content cannot give what was asked (a selection naming nothing, no entry matching): exit 1."""

    exit_code = EXIT_CONTENT


class TemplateFault(UsageError):
    """A template (the site's, the theme's overrides, the booklet's) that cannot be found, read or rendered."""

    @classmethod
    def of(cls, exc: Exception) -> "TemplateFault":
        from jinja2 import TemplateNotFound

        if isinstance(exc, TemplateNotFound):  # named by a page's settings, an include or an extends
            names = "、".join(str(name) for name in exc.templates) or str(exc.name)
            at = _template_frame(exc)
            return cls("template-missing-at", name=names, where=at) if at else cls("template-missing", name=names)
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or _template_frame(exc)
        line = getattr(exc, "lineno", None)
        where = f"{where}:{line}" if where and line else (where or "?")
        reason = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).rstrip("。.")
        return cls("template-failed", where=where, reason=reason)


def _template_frame(exc: Exception) -> str | None:
    """The template a rendering error happened in: Jinja puts the template's file in the traceback."""
    tb, found = exc.__traceback__, None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html", ".xml")):
            found = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


@contextmanager
def template_faults():
    """Jinja's errors (a missing template is an OSError to Python) as a TemplateFault naming the template."""
    from jinja2 import TemplateError

    try:
        yield
    except TemplateError as exc:
        raise TemplateFault.of(exc) from None
