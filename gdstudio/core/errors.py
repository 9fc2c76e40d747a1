"""Errors the user can cause. Each carries a message fit to show as it is, no traceback.

Every message is a :class:`Msg`: the plain English text the command line prints, which
also remembers the template and the values it was made from, so that the interface can
show it in its own language (gdstudio/gui/text/core_text.py; scripts/extract_core_messages.py
collects the templates for translation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Translate = Callable[[str], str]


class Msg(str):
    """English text made from a template: ``Msg("unknown surface {name}", name=v)`` is
    the string ``"unknown surface {name}".format(name=v)`` (any ``str.format`` field, such
    as ``{n:,}``), keeping ``template`` and ``args``.

    The template is always a string literal; what the user gave (names, numbers, file
    names, formulas) goes in the arguments, never in the template, and a value the user
    wrote is quoted as TOML writes it, through :func:`gdstudio.core.values.show`
    (``"sgd"``, not Python's ``'sgd'``). An argument may itself
    be a Msg or an error, and is rendered along with the message.
    """

    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> Msg:
        self = super().__new__(cls, template.format(**args))
        self.template = template
        self.args = args
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return _remake, (type(self), self.template, self.args)

    def render(self, translate: Translate) -> str:
        """The text with this template and those of its arguments passed through
        ``translate``; a translated template that does not format gives the English one."""
        args = {k: render(v, translate) for k, v in self.args.items()}
        for template in (translate(self.template), self.template):
            try:
                return template.format(**args)
            except (LookupError, ValueError, TypeError, AttributeError):
                continue
        return str(self)


def _remake(cls: type[Msg], template: str, args: dict[str, Any]) -> Msg:
    return cls(template, **args)


class Indented(Msg):
    """A message of several lines (a Msg or an error) set under a problem line: a line
    break, then each of its lines indented by four spaces."""

    def __new__(cls, text: str | GdError) -> Indented:
        self = str.__new__(cls, _indent(str(text)))
        self.template = "{text}"
        self.args = {"text": text}
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return Indented, (self.args["text"],)

    def render(self, translate: Translate) -> str:
        return _indent(str(render(self.args["text"], translate)))


def _indent(text: str) -> str:
    return "\n" + "\n".join("    " + line for line in text.splitlines())


def render(value: Any, translate: Translate) -> Any:
    """``value`` in the language of ``translate`` if it is a Msg or an error; anything
    else (a plain string, a number) as it is."""
    if isinstance(value, Msg):
        return value.render(translate)
    if isinstance(value, GdError):
        return value.render_text(translate)
    return value


class GdError(Exception):
    """Base of every error that is the input's fault (exit status 2 on the command line)."""

    def render_text(self, translate: Translate) -> str:
        """The message as ``str(err)`` gives it, with its templates passed through
        ``translate`` (see :meth:`Msg.render`)."""
        if len(self.args) == 1 and isinstance(self.args[0], str):
            return str(render(self.args[0], translate))
        return str(self)


class FormulaError(GdError, ValueError):
    """A formula that cannot be compiled.

    ``str(err)`` is the whole message: what is wrong, the formula with a caret under the
    offending column (when there is one), and what is allowed.
    """

    def __init__(self, message: str, formula: str = "", col: int | None = None,
                 hint: str = ""):
        self.message = message
        self.formula = formula
        self.col = col
        self.hint = hint
        super().__init__(self.render())

    def render(self, translate: Translate | None = None) -> str:
        """The whole message; with ``translate``, its message and hint translated."""
        def tr(value: str) -> str:
            return str(value if translate is None else render(value, translate))

        lines = [tr(self.message)]
        text, col = self.formula or "", self.col
        if "\n" in text or (len(text) > 200 and col is None):
            text = ""
        elif len(text) > 200 and col is not None:
            start = max(0, min(col - 60, len(text) - 120))
            end = start + 120
            col += (3 if start else 0) - start
            text = (("..." if start else "") + text[start:end]
                    + ("..." if end < len(text) else ""))
        if text:
            lines.append("  " + text)
            if col is not None:
                lines.append("  " + " " * max(0, col) + "^")
        if self.hint:
            lines.append(tr(self.hint))
        return "\n".join(lines)

    def render_text(self, translate: Translate) -> str:
        return self.render(translate)


class DataError(GdError, ValueError):
    """A data file (CSV) that cannot be used: names the file and the line."""


class SceneError(GdError, ValueError):
    """A scene that does not validate. ``problems`` lists every problem found, each a line
    that names the file, the table and the key."""

    def __init__(self, problems: list[str] | str):
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def render_text(self, translate: Translate) -> str:
        return "\n".join(str(render(p, translate)) for p in self.problems)


class Cancelled(Exception):  # noqa: N818 (a state, as in concurrent.futures.CancelledError)
    """Raised by a long computation when its ``cancel()`` callback returned True."""
