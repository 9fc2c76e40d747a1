"""Errors the user can cause. Each carries a message fit to show as it is, no traceback."""


class GdError(Exception):
    """Base of every error that is the input's fault (exit status 2 on the command line)."""


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

    def render(self) -> str:
        lines = [self.message]
        text, col = self.formula or "", self.col
        if "\n" in text or (len(text) > 200 and col is None):
            text = ""
        elif len(text) > 200:
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
            lines.append(self.hint)
        return "\n".join(lines)


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
