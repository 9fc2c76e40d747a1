"""Formulas: whitelisted text -> sympy expression -> closures over numpy ufuncs.

The language (scene-format.md section 2) is ordinary Python math syntax: numbers, the two
parameter names, data column names, ``+ - * / **``, unary ``-``/``+``, parentheses, calls
of the functions in :data:`ALLOWED_FUNCTIONS` (positional arguments, fixed arity) and the
constants ``pi`` and ``e``. The text is parsed with ``ast.parse(mode="eval")`` after cheap
checks on the raw text, every node is checked against that whitelist, and the sympy tree
is built node by node; nothing the user typed is ever passed to eval, exec, sympify,
parse_expr or lambdify. Newlines, tabs and other whitespace count as spaces.

Values follow float64 numpy; derivatives are exact and follow torch at kinks:

- symbols are real, so ``d|u|/du = sign(u)`` with ``sign(0) = 0``;
- ``d max(a, b)/da`` is 1, 0 or 1/2 at a tie (``heaviside(a - b)``), likewise ``min``;
- derivatives hold almost everywhere: the Dirac deltas of ``sign``, and of the steps in
  derivatives of ``abs``/``min``/``max``, are dropped;
- ``log10`` and ``log2`` evaluate as np.log10 / np.log2 (``log10(1000)`` is exactly 3).

Every constant part is computed in float64 as it is built, before sympy sees it: a
constant outside the float range (``9**9**9``, ``10**400``, ``exp(1000)``), one that is
not a real number (``sqrt(-1)``, ``log(0)``), a division by zero, or an exact number with
too many digits is refused, pointing at the offending part. A function of constants
becomes that float64 value, unless sympy finds it is rational (``sin(pi)`` is 0,
``cos(pi/3)`` is 1/2). The limits below bound the work any formula can cause, its
derivatives included.
"""

from __future__ import annotations

import ast
import ctypes
import difflib
import keyword
import math
import threading
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter

import numpy as np
import sympy as sp
from sympy.codegen.cfunctions import log2 as sp_log2
from sympy.codegen.cfunctions import log10 as sp_log10

from gdstudio.core.errors import FormulaError, Msg
from gdstudio.core.values import show

__all__ = ["ALLOWED_CONSTANTS", "ALLOWED_FUNCTIONS", "MAX_BRACKET_DEPTH", "MAX_COMPILE_SECONDS",
           "MAX_DERIVATIVE_SIZE", "MAX_DEPTH", "MAX_EXACT_BITS", "MAX_EXACT_POWER", "MAX_EXPONENT",
           "MAX_LENGTH", "MAX_NODES", "Formula", "compile_formula", "describe_allowed"]

ALLOWED_FUNCTIONS: tuple[str, ...] = (
    "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "sinh", "cosh", "tanh",
    "exp", "log", "log10", "log2", "sqrt", "abs", "sign", "min", "max")
ALLOWED_CONSTANTS: tuple[str, ...] = ("pi", "e")

MAX_LENGTH = 1000
"""Characters in a formula."""
MAX_BRACKET_DEPTH = 40
"""Nesting of brackets, counted on the raw text before parsing."""
MAX_DEPTH = 40
"""Nesting of operations and calls; a chain like ``a + b - c`` or ``a*b/c`` is one level."""
MAX_NODES = 500
"""Numbers, names, operations and calls in a formula."""
MAX_EXPONENT = 1000
"""Largest ``|k|`` in ``u**k`` for a constant ``k`` and a ``u`` that is not constant."""
MAX_EXACT_POWER = 16
"""Largest integer ``k`` kept exact in ``u**k`` when sympy cannot tell that ``u`` is real
(``log(x)``, ``arcsin(x)``); larger ones become float exponents, the same in float64."""
MAX_EXACT_BITS = 4096
"""Size of an exact integer or fraction a power may produce (numerator or denominator)."""
MAX_COMPILE_SECONDS = 10.0
"""Wall-clock time compiling a formula (or its second derivatives) may take; a last
resort behind the size limits, for trees on which sympy's simplification is slow."""
MAX_DERIVATIVE_SIZE = 10_000
"""Tree size (nodes) of each first or second derivative, estimated before sympy derives it
and checked after."""

_CONSTANTS = {"pi": (sp.pi, math.pi), "e": (sp.E, math.e)}
_FLOAT_MAX_INT = int(np.finfo(np.float64).max)


def _all_real(args: Sequence[sp.Basic]) -> bool | None:
    """True when sympy knows every argument is real, so it never has to split a function
    of them into real and imaginary parts (which expands ``(a + i*b)**k`` term by term)."""
    return True if all(a.is_extended_real for a in args) else None


class _Abs(sp.Function):
    """``|u|`` for real ``u``; derivative ``sign(u)`` (0 at 0, as torch.abs)."""

    nargs = 1

    @classmethod
    def eval(cls, u):
        if u.is_Number:
            return sp.Abs(u)
        if isinstance(u, _Abs):
            return u
        return None

    def fdiff(self, argindex=1):
        return _Sign(self.args[0])

    def _eval_is_extended_real(self):
        return _all_real(self.args)

    def _sympystr(self, printer):
        return f"abs({printer._print(self.args[0])})"


class _Sign(sp.Function):
    """``sign(u)`` for real ``u``, 0 at 0; derivative 0 (almost everywhere)."""

    nargs = 1

    @classmethod
    def eval(cls, u):
        if u.is_Number:
            return sp.sign(u)
        return None

    def fdiff(self, argindex=1):
        return sp.S.Zero

    def _eval_is_extended_real(self):
        return _all_real(self.args)

    def _sympystr(self, printer):
        return f"sign({printer._print(self.args[0])})"


class _Step(sp.Function):
    """Heaviside step of ``u`` with 1/2 at 0 (``np.heaviside(u, 0.5)``); derivative 0."""

    nargs = 1

    @classmethod
    def eval(cls, u):
        if u.is_Number:
            return sp.S.One if u > 0 else sp.S.Zero if u < 0 else sp.S.Half
        return None

    def fdiff(self, argindex=1):
        return sp.S.Zero

    def _eval_is_extended_real(self):
        return True

    def _sympystr(self, printer):
        return f"heaviside({printer._print(self.args[0])})"


class _Max(sp.Function):
    """``max(a, b)`` of two reals; at a tie each argument gets half the derivative."""

    nargs = 2

    @classmethod
    def eval(cls, a, b):
        if a.is_Number and b.is_Number:
            return a if a >= b else b
        if a == b:
            return a
        return None

    def fdiff(self, argindex=1):
        a, b = self.args
        return _Step(a - b) if argindex == 1 else _Step(b - a)

    def _eval_is_extended_real(self):
        return _all_real(self.args)

    def _sympystr(self, printer):
        return f"max({printer._print(self.args[0])}, {printer._print(self.args[1])})"


class _Min(sp.Function):
    """``min(a, b)`` of two reals; at a tie each argument gets half the derivative."""

    nargs = 2

    @classmethod
    def eval(cls, a, b):
        if a.is_Number and b.is_Number:
            return a if a <= b else b
        if a == b:
            return a
        return None

    def fdiff(self, argindex=1):
        a, b = self.args
        return _Step(b - a) if argindex == 1 else _Step(a - b)

    def _eval_is_extended_real(self):
        return _all_real(self.args)

    def _sympystr(self, printer):
        return f"min({printer._print(self.args[0])}, {printer._print(self.args[1])})"


# name -> (sympy function, numpy function, number of arguments)
_FUNCTIONS: dict[str, tuple[Callable, Callable, int]] = {
    "sin": (sp.sin, np.sin, 1), "cos": (sp.cos, np.cos, 1), "tan": (sp.tan, np.tan, 1),
    "arcsin": (sp.asin, np.arcsin, 1), "arccos": (sp.acos, np.arccos, 1),
    "arctan": (sp.atan, np.arctan, 1), "arctan2": (sp.atan2, np.arctan2, 2),
    "sinh": (sp.sinh, np.sinh, 1), "cosh": (sp.cosh, np.cosh, 1),
    "tanh": (sp.tanh, np.tanh, 1), "exp": (sp.exp, np.exp, 1), "log": (sp.log, np.log, 1),
    "log10": (sp_log10, np.log10, 1), "log2": (sp_log2, np.log2, 1),
    "sqrt": (sp.sqrt, np.sqrt, 1), "abs": (_Abs, np.absolute, 1),
    "sign": (_Sign, np.sign, 1), "min": (_Min, np.minimum, 2), "max": (_Max, np.maximum, 2),
}

_SIGNATURES = {"arctan2": "arctan2(y, x)", "min": "min(a, b)", "max": "max(a, b)"}

_ALIASES = {
    "ln": "log", "asin": "arcsin", "acos": "arccos", "atan": "arctan", "atan2": "arctan2",
    "fabs": "abs", "absolute": "abs", "minimum": "min", "maximum": "max", "sgn": "sign",
    "signum": "sign", "π": "pi", "E": "e", "PI": "pi", "Pi": "pi",
}
_POWER_NAMES = ("pow", "power", "float_power")

_CHARACTER_HINTS = {
    "−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "÷": "/", "²": "**2", "³": "**3",
    "^": "**", "π": "pi", "√": "sqrt(...)",
}

_OPERATOR_TEXT = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
    ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<",
    ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&",
}
_COMPREHENSIONS = Msg("comprehensions are not allowed in a formula")
_F_STRINGS = Msg("f-strings are not allowed in a formula")
_YIELD = Msg("'yield' is not allowed in a formula")
_NODE_TEXT = {
    ast.BoolOp: Msg("'and' and 'or' are not allowed in a formula"),
    ast.NamedExpr: Msg("assignments (':=') are not allowed in a formula"),
    ast.Lambda: Msg("lambdas are not allowed in a formula"),
    ast.IfExp: Msg("conditional expressions ('a if b else c') are not allowed in a formula"),
    ast.Dict: Msg("dictionaries are not allowed in a formula"),
    ast.Set: Msg("sets are not allowed in a formula"),
    ast.ListComp: _COMPREHENSIONS, ast.SetComp: _COMPREHENSIONS,
    ast.DictComp: _COMPREHENSIONS,
    ast.GeneratorExp: Msg("generator expressions are not allowed in a formula"),
    ast.Await: Msg("'await' is not allowed in a formula"),
    ast.Yield: _YIELD, ast.YieldFrom: _YIELD,
    ast.Compare: Msg("comparisons are not allowed in a formula"),
    ast.JoinedStr: _F_STRINGS, ast.FormattedValue: _F_STRINGS,
    ast.Subscript: Msg("indexing ('[...]') is not allowed in a formula"),
    ast.Starred: Msg("'*' unpacking is not allowed in a formula"),
    ast.List: Msg("lists ('[...]') are not allowed in a formula"),
    ast.Tuple: Msg("tuples (a comma outside a call) are not allowed in a formula"),
    ast.Slice: Msg("slices are not allowed in a formula"),
}
_CONSTANT_TEXT = {
    complex: Msg("complex numbers are not allowed in a formula"),
    str: Msg("strings are not allowed in a formula"),
    bytes: Msg("bytes are not allowed in a formula"),
}

# Python's own syntax error messages (and our rewordings of two of them).
_SYNTAX_FIXED = {str(m): m for m in (
    Msg("invalid syntax"), Msg("invalid syntax. Is an operator missing?"),
    Msg("invalid syntax. '=' has no place in a formula."),
    Msg("invalid hexadecimal literal"), Msg("invalid octal literal"),
    Msg("invalid binary literal"), Msg("invalid imaginary literal"),
    Msg("leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
        "octal integers"),
    Msg("positional argument follows keyword argument"),
    Msg("unexpected character after line continuation character"),
    Msg("expected 'else' after 'if' expression"))}
# (text before, text between, text after) the values of a message of Python's.
_SYNTAX_PATTERNS = (
    (("'", "' was never closed"), lambda v: Msg("'{bracket}' was never closed", bracket=v[0])),
    (("unmatched '", "'"), lambda v: Msg("unmatched '{bracket}'", bracket=v[0])),
    (("closing parenthesis '", "' does not match opening parenthesis '", "'"),
     lambda v: Msg("closing parenthesis '{closing}' does not match opening parenthesis "
                   "'{opening}'", closing=v[0], opening=v[1])),
    (("unterminated string literal (detected at line ", ")"),
     lambda v: Msg("unterminated string literal (detected at line {line})", line=v[0])),
    (("unterminated triple-quoted string literal (detected at line ", ")"),
     lambda v: Msg("unterminated triple-quoted string literal (detected at line {line})",
                   line=v[0])),
    (("invalid digit '", "' in binary literal"),
     lambda v: Msg("invalid digit '{digit}' in binary literal", digit=v[0])),
    (("invalid digit '", "' in octal literal"),
     lambda v: Msg("invalid digit '{digit}' in octal literal", digit=v[0])),
    (("invalid character '", "' (U+", ")"),
     lambda v: Msg("invalid character '{char}' (U+{code})", char=v[0], code=v[1])),
)

_BAD_ATOMS = frozenset({sp.zoo, sp.nan, sp.oo, -sp.oo})


def describe_allowed(params: Sequence[str] = ("x", "y"), columns: Sequence[str] = ()) -> str:
    """One sentence listing everything a formula may contain, for messages and the GUI."""
    names = {"params": _join(params), "constants": _join(ALLOWED_CONSTANTS),
             "functions": ", ".join(_SIGNATURES.get(f, f) for f in ALLOWED_FUNCTIONS)}
    if not columns:
        return Msg("Allowed: numbers, the parameters {params}, the constants {constants}, "
                   "+ - * / ** and parentheses, and the functions {functions}.", **names)
    if len(columns) == 1:
        return Msg("Allowed: numbers, the parameters {params}, the data column {columns}, the "
                   "constants {constants}, + - * / ** and parentheses, and the functions "
                   "{functions}.", columns=_join(columns), **names)
    return Msg("Allowed: numbers, the parameters {params}, the data columns {columns}, the "
               "constants {constants}, + - * / ** and parentheses, and the functions "
               "{functions}.", columns=_join(columns), **names)


def compile_formula(text: str, params: Sequence[str] = ("x", "y"),
                    columns: Sequence[str] = ()) -> Formula:
    """Parse, check and compile ``text`` into a :class:`Formula` in ``params``.

    ``columns`` are data column names the formula may use (as constants with respect to
    the derivatives). Raises :class:`FormulaError` for anything outside the language or
    the limits, with ``col`` set to the 0-based character position when there is one.
    """
    params = _check_names(params, columns)
    columns = tuple(columns)
    if not isinstance(text, str):
        raise FormulaError(Msg("a formula must be text, not {type}", type=type(text).__name__))
    hint = describe_allowed(params, columns)
    flat, lead = _precheck(text, hint)
    tree = _parse(flat, lead, hint)
    source = _Source(flat, lead)
    _check_tree(tree, source, params, columns, hint)
    return _bounded(flat, _compile, text, tree, source, params, columns)


def _compile(text: str, tree: ast.Expression, source: _Source, params: tuple[str, str],
             columns: tuple[str, ...]) -> Formula:
    symbols = {n: sp.Symbol(n, real=True) for n in (*params, *columns)}
    expr, _ = _Builder(source, symbols).build(tree.body)
    if expr.has(*_BAD_ATOMS):
        raise FormulaError(Msg("the formula is undefined (a division by zero, log(0) or "
                               "similar)"), source.flat)
    return Formula(text, params, columns, expr, symbols)


class Formula:
    """A compiled formula: the sympy tree, its exact gradient, and fast numpy evaluation.

    ``x``, ``y`` and the used data columns (``cols``: name -> array) may have any shapes
    that broadcast together; every result is a new float64 array of that broadcast shape,
    even where the formula or a derivative is constant. Evaluation runs under
    ``np.errstate(all="ignore")``: overflow and invalid operations give inf and nan.
    ``grad``/``hessian`` are with respect to ``params`` only.
    """

    def __init__(self, text: str, params: tuple[str, str], columns: tuple[str, ...],
                 expr: sp.Expr, symbols: Mapping[str, sp.Symbol]):
        self.text = text
        self.params = params
        self.columns = columns
        self.expr = expr
        free = expr.free_symbols
        self.used_columns = tuple(c for c in columns if symbols[c] in free)
        self._vars = (symbols[params[0]], symbols[params[1]])
        self._inputs = (*self._vars, *(symbols[c] for c in self.used_columns))
        gx = _derivative(expr, self._vars[0], "gradient")
        gy = _derivative(expr, self._vars[1], "gradient")
        self.grad_exprs: tuple[sp.Expr, sp.Expr] = (gx, gy)
        self._value = _Program([expr], self._inputs)
        self._grad = _Program([gx, gy], self._inputs)
        self._value_and_grad = _Program([expr, gx, gy], self._inputs)
        self._hessian: _Program | None = None
        self._hessian_exprs: tuple[sp.Expr, sp.Expr, sp.Expr] | None = None

    def __repr__(self) -> str:
        return f"<Formula {self.text!r} in ({', '.join(self.params)})>"

    @property
    def hessian_exprs(self) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
        """``(hxx, hxy, hyy)`` as sympy trees, derived on first use.

        Raises :class:`FormulaError` if they exceed :data:`MAX_DERIVATIVE_SIZE`.
        """
        if self._hessian_exprs is None:
            (vx, vy), (gx, gy) = self._vars, self.grad_exprs
            self._hessian_exprs = _bounded(self.text, lambda: (
                _derivative(gx, vx, "second derivatives"),
                _derivative(gx, vy, "second derivatives"),
                _derivative(gy, vy, "second derivatives")))
        return self._hessian_exprs

    def value(self, x, y, cols: Mapping | None = None) -> np.ndarray:
        return self._run(self._value, x, y, cols)[0]

    def grad(self, x, y, cols: Mapping | None = None) -> tuple[np.ndarray, np.ndarray]:
        gx, gy = self._run(self._grad, x, y, cols)
        return gx, gy

    def value_and_grad(self, x, y, cols: Mapping | None = None,
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        f, gx, gy = self._run(self._value_and_grad, x, y, cols)
        return f, gx, gy

    def hessian(self, x, y, cols: Mapping | None = None,
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(hxx, hxy, hyy)``; the first call derives and compiles them."""
        if self._hessian is None:
            exprs = list(self.hessian_exprs)
            self._hessian = _bounded(self.text, _Program, exprs, self._inputs)
        hxx, hxy, hyy = self._run(self._hessian, x, y, cols)
        return hxx, hxy, hyy

    def _run(self, program: _Program, x, y, cols: Mapping | None) -> list[np.ndarray]:
        env = [np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)]
        for name in self.used_columns:
            if cols is None or name not in cols:
                raise ValueError(f"formula {self.text!r} needs data column {name!r}; "
                                 f"pass cols={{name: array}} for {self.used_columns}")
            env.append(np.asarray(cols[name], dtype=np.float64))
        shape = np.broadcast_shapes(*(a.shape for a in env))
        with np.errstate(all="ignore"):
            raw = program(list(env))
        out: list[np.ndarray] = []
        for r in raw:
            a = np.asarray(r, dtype=np.float64)
            if (a.shape != shape or any(a is e for e in env)
                    or any(a is o for o in out)):
                a = np.broadcast_to(a, shape).copy()
            out.append(a)
        return out


# ---------------------------------------------------------------------------------------
# text, parsing and the whitelist


class _Source:
    """The single-line text that was parsed; maps ast byte offsets to characters."""

    def __init__(self, flat: str, lead: int):
        self.flat = flat
        self.lead = lead
        self.body = flat[lead:]
        self.data = self.body.encode("utf-8")
        self.ascii = self.body.isascii()

    def col(self, byte_offset: int) -> int:
        if self.ascii:
            return self.lead + byte_offset
        return self.lead + len(self.data[:byte_offset].decode("utf-8", errors="ignore"))

    def segment(self, node: ast.expr, limit: int = 40) -> str:
        start, end = node.col_offset, node.end_col_offset
        seg = self.data[start:end].decode("utf-8", errors="replace")
        return seg if len(seg) <= limit else seg[:limit - 3] + "..."

    def operator_col(self, node: ast.BinOp) -> int:
        """Column of the operator of a binary operation (not of its left operand)."""
        gap = self.data[node.left.end_col_offset:node.right.col_offset].decode(
            "utf-8", errors="replace")
        symbol = _OPERATOR_TEXT.get(type(node.op), "")
        i = gap.find(symbol) if symbol else -1
        if i < 0:
            return self.col(node.col_offset)
        return self.col(node.left.end_col_offset) + i

    def error(self, message: str, col: int | None = None, hint: str = "") -> FormulaError:
        return FormulaError(message, self.flat, col, hint)


def _precheck(text: str, hint: str) -> tuple[str, int]:
    if len(text) > MAX_LENGTH:
        raise FormulaError(Msg("formula too long: {n} characters (at most {most})",
                               n=len(text), most=MAX_LENGTH), text[:60] + "...")
    chars = []
    for i, ch in enumerate(text):
        if ch.isspace():
            ch = " "
        elif not ch.isprintable():
            shown = "".join(c if c.isprintable() and not c.isspace() else " "
                            for c in text)
            raise FormulaError(Msg("invalid character U+{code:04X} in the formula",
                                   code=ord(ch)), shown, i, hint)
        chars.append(ch)
    flat = "".join(chars)
    if not flat.strip():
        raise FormulaError(Msg("empty formula: write an expression such as x**2 + y**2"),
                           hint=hint)
    if "#" in flat:
        raise FormulaError(Msg("comments ('#') are not allowed in a formula"), flat,
                           flat.index("#"), hint)
    depth = 0
    for i, ch in enumerate(flat):
        if ch in "([{":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                raise FormulaError(Msg("formula nested too deeply: more than {most} levels "
                                       "of brackets", most=MAX_BRACKET_DEPTH), flat, i)
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return flat, len(flat) - len(flat.lstrip(" "))


def _parse(flat: str, lead: int, hint: str) -> ast.Expression:
    body = flat[lead:]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return ast.parse(body, mode="eval")
    except SyntaxError as err:
        msg = err.msg or "invalid syntax"
        offset = err.offset if err.offset and err.offset > 0 else len(body) + 1
        col = lead + min(offset - 1, len(body))
        raise FormulaError(_syntax_message(msg, flat, col), flat, col, hint) from None
    except (RecursionError, MemoryError):
        raise FormulaError(Msg("formula too complex to parse"), flat, hint=hint) from None
    except (ValueError, OverflowError, Warning) as err:
        raise FormulaError(Msg("syntax error: {error}", error=str(err)), flat,
                           hint=hint) from None


def _syntax_message(msg: str, flat: str, col: int) -> str:
    ch = flat[col] if col < len(flat) else ""
    if ch in _CHARACTER_HINTS:
        return Msg("'{char}' is not allowed in a formula: write {instead}", char=ch,
                   instead=_CHARACTER_HINTS[ch])
    if msg.startswith("invalid decimal literal"):
        return Msg("a number directly followed by a name: write 2*x for a product")
    if msg.startswith("invalid character"):
        return _python_message(msg)
    if col >= len(flat.rstrip()):
        return Msg("the formula ends too early: an operand or a ')' is missing")
    msg = msg.replace("Perhaps you forgot a comma?", "Is an operator missing?")
    msg = msg.replace("Maybe you meant '==' or ':=' instead of '='?",
                      "'=' has no place in a formula.")
    return Msg("syntax error: {error}", error=_python_message(msg))


def _python_message(msg: str) -> str:
    """A syntax error message of Python's, as a Msg when it is one of the known ones."""
    if msg in _SYNTAX_FIXED:
        return _SYNTAX_FIXED[msg]
    for parts, make in _SYNTAX_PATTERNS:
        values = _values(msg, parts)
        if values is not None:
            return make(values)
    return msg


def _values(msg: str, parts: tuple[str, ...]) -> list[str] | None:
    """The non-empty values between ``parts`` if ``msg`` is ``parts`` with values between
    them (``("'", "' was never closed")`` gives ``["("]`` for "'(' was never closed")."""
    if not msg.startswith(parts[0]):
        return None
    rest, values = msg[len(parts[0]):], []
    for i, part in enumerate(parts[1:], start=1):
        at = rest.rfind(part) if i == len(parts) - 1 else rest.find(part)
        if at <= 0 or (i == len(parts) - 1 and at + len(part) != len(rest)):
            return None
        values.append(rest[:at])
        rest = rest[at + len(part):]
    return values


def _check_names(params: Sequence[str], columns: Sequence[str]) -> tuple[str, str]:
    if isinstance(params, str) or not isinstance(params, Iterable) or len(
            params := tuple(params)) != 2:
        raise FormulaError(Msg("a formula needs exactly two parameter names, got {value}",
                               value=show(params)))
    if isinstance(columns, str) or not isinstance(columns, Iterable):
        raise FormulaError(Msg("columns must be a sequence of names, got {value}",
                               value=show(columns)))
    seen: set[str] = set()
    for kind, name in [("parameter", p) for p in params] + [("column", c) for c in columns]:
        column = kind == "column"
        if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)
                and unicodedata.normalize("NFKC", name) == name):
            if column:
                raise FormulaError(Msg("column name {name} is not a valid name: use letters, "
                                       "digits and _, not starting with a digit, not a Python "
                                       "keyword", name=show(name)))
            raise FormulaError(Msg("parameter name {name} is not a valid name: use letters, "
                                   "digits and _, not starting with a digit, not a Python "
                                   "keyword", name=show(name)))
        if name in _FUNCTIONS:
            if column:
                raise FormulaError(Msg("column name {name} is already the name of a "
                                       "function; choose another name", name=show(name)))
            raise FormulaError(Msg("parameter name {name} is already the name of a "
                                   "function; choose another name", name=show(name)))
        if name in _CONSTANTS:
            if column:
                raise FormulaError(Msg("column name {name} is already the name of a "
                                       "constant; choose another name", name=show(name)))
            raise FormulaError(Msg("parameter name {name} is already the name of a "
                                   "constant; choose another name", name=show(name)))
        if name in seen:
            if column:
                raise FormulaError(Msg("column name {name} is used twice; the parameters and "
                                       "data columns need distinct names", name=show(name)))
            raise FormulaError(Msg("parameter name {name} is used twice; the parameters and "
                                   "data columns need distinct names", name=show(name)))
        seen.add(name)
    return params[0], params[1]


def _check_tree(tree: ast.Expression, src: _Source, params: tuple[str, str],
                columns: tuple[str, ...], hint: str) -> None:
    """Whitelist, size and nesting checks, iteratively (no recursion on user input)."""
    variables = (*params, *columns)
    stack: list[tuple[ast.expr, int]] = [(tree.body, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise src.error(Msg("formula too long: more than {most} numbers, names and "
                                "operations", most=MAX_NODES), src.col(node.col_offset))
        if depth > MAX_DEPTH:
            raise src.error(Msg("formula nested too deeply: more than {most} levels",
                                most=MAX_DEPTH), src.col(node.col_offset))
        children: list[tuple[ast.expr, int]] = []
        if isinstance(node, ast.BinOp):
            if type(node.op) not in (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow):
                symbol = _OPERATOR_TEXT.get(type(node.op), "?")
                if symbol == "^":
                    msg = Msg("operator '{op}' is not allowed (use ** for powers)", op=symbol)
                else:
                    msg = Msg("operator '{op}' is not allowed", op=symbol)
                raise src.error(msg, src.operator_col(node), hint)
            same = _chain(node.op) is not None and _chain(node.left) == _chain(node.op)
            children = [(node.left, depth if same else depth + 1), (node.right, depth + 1)]
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                op = "not" if isinstance(node.op, ast.Not) else "~"
                raise src.error(Msg("'{op}' is not allowed", op=op), src.col(node.col_offset),
                                hint)
            children = [(node.operand, depth + 1)]
        elif isinstance(node, ast.Constant):
            _check_constant(node, src, hint)
        elif isinstance(node, ast.Name):
            _check_name(node, src, variables, hint)
        elif isinstance(node, ast.Call):
            _check_call(node, src, variables, hint)
            children = [(a, depth + 1) for a in node.args]
        else:
            raise src.error(_disallowed(node, src), src.col(node.col_offset), hint)
        stack.extend(reversed(children))


def _chain(x: ast.AST) -> str | None:
    op = x.op if isinstance(x, ast.BinOp) else x
    if isinstance(op, (ast.Add, ast.Sub)):
        return "+"
    if isinstance(op, (ast.Mult, ast.Div)):
        return "*"
    return None


def _disallowed(node: ast.expr, src: _Source) -> str:
    if isinstance(node, ast.Attribute):
        seg = src.segment(node)
        if node.attr in _FUNCTIONS or node.attr in _CONSTANTS:
            return Msg("attribute access ('{code}') is not allowed: write just {name}",
                       code=seg, name=node.attr)
        return Msg("attribute access ('{code}') is not allowed", code=seg)
    known = _NODE_TEXT.get(type(node))
    if known is not None:
        return known
    return Msg("'{name}' is not allowed in a formula", name=type(node).__name__)


def _check_constant(node: ast.Constant, src: _Source, hint: str) -> None:
    v = node.value
    col = src.col(node.col_offset)
    if isinstance(v, bool):
        raise src.error(Msg("{value} is not a number here: write 1 or 0", value=v), col, hint)
    if isinstance(v, int | float):
        if (not math.isfinite(v) if isinstance(v, float)
                else v.bit_length() > 1024 or abs(v) > _FLOAT_MAX_INT):
            raise src.error(Msg("number too large: {code} is beyond the float range (about "
                                "1.8e308)", code=src.segment(node)), col)
        return
    what = _CONSTANT_TEXT.get(type(v))
    if what is None:
        what = (Msg("'...' is not allowed in a formula") if v is Ellipsis
                else Msg("{value!r} is not allowed in a formula", value=v))
    raise src.error(what, col, hint)


def _check_name(node: ast.Name, src: _Source, variables: tuple[str, ...], hint: str) -> None:
    name = node.id
    if name in variables or name in _CONSTANTS:
        return
    col = src.col(node.col_offset)
    if name in _FUNCTIONS:
        call = _SIGNATURES.get(name, f"{name}(x)")
        raise src.error(Msg("'{name}' is a function: call it, like {call}", name=name,
                            call=call), col, hint)
    raise src.error(_unknown(name, (*variables, *_CONSTANTS, *_FUNCTIONS)), col, hint)


def _check_call(node: ast.Call, src: _Source, variables: tuple[str, ...], hint: str) -> None:
    func = node.func
    col = src.col(node.col_offset)
    if not isinstance(func, ast.Name):
        if isinstance(func, ast.Attribute):
            raise src.error(_disallowed(func, src), col, hint)
        what = (_disallowed(func, src) if type(func) in _NODE_TEXT
                else Msg("only the allowed functions can be called, by name"))
        raise src.error(what, src.col(func.col_offset), hint)
    name = func.id
    if name not in _FUNCTIONS:
        if name in variables or name in _CONSTANTS:
            raise src.error(Msg("'{name}' is not a function: write {name}*(...) for a "
                                "product", name=name), col, hint)
        raise src.error(_unknown(name, _FUNCTIONS), col, hint)
    if node.keywords:
        kw = node.keywords[0]
        raise src.error(Msg("{name}() takes no keyword arguments", name=name),
                        src.col(kw.col_offset), hint)
    for a in node.args:
        if isinstance(a, ast.Starred):
            raise src.error(_NODE_TEXT[ast.Starred], src.col(a.col_offset), hint)
    arity = _FUNCTIONS[name][2]
    if len(node.args) != arity:
        call = _SIGNATURES.get(name, name + "(x)")
        if arity == 1:
            msg = Msg("{name} takes {n} argument ({call}), got {got}", name=name, n=arity,
                      call=call, got=len(node.args))
        else:
            msg = Msg("{name} takes {n} arguments ({call}), got {got}", name=name, n=arity,
                      call=call, got=len(node.args))
        raise src.error(msg, col, hint)


def _unknown(name: str, candidates: Iterable[str]) -> str:
    candidates = list(candidates)
    if name in _POWER_NAMES:
        return Msg("unknown name '{name}' — write a**b for a power", name=name)
    lower = {c.lower(): c for c in candidates}
    alias = _ALIASES.get(name)
    if alias in candidates:
        close = [alias]
    elif name.lower() in lower:
        close = [lower[name.lower()]]
    else:
        close = [lower[c] for c in
                 difflib.get_close_matches(name.lower(), list(lower), n=3, cutoff=0.6)]
    if len(close) == 1:
        return Msg("unknown name '{name}' — did you mean '{a}'?", name=name, a=close[0])
    if len(close) == 2:
        return Msg("unknown name '{name}' — did you mean '{a}' or '{b}'?", name=name,
                   a=close[0], b=close[1])
    if len(close) == 3:
        return Msg("unknown name '{name}' — did you mean '{a}' or '{b}' or '{c}'?", name=name,
                   a=close[0], b=close[1], c=close[2])
    return Msg("unknown name '{name}'", name=name)


# ---------------------------------------------------------------------------------------
# building the sympy tree


class _Builder:
    """Builds the sympy tree of a checked ast, folding constants in float64 first.

    ``build`` returns ``(expr, value)``; ``value`` is the float64 value of a constant
    part (None otherwise) and is checked before sympy is asked to evaluate anything.
    """

    def __init__(self, src: _Source, symbols: Mapping[str, sp.Symbol]):
        self.src = src
        self.symbols = symbols

    def build(self, node: ast.expr) -> tuple[sp.Expr, float | None]:
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, int):
                return sp.Integer(v), float(v)
            return sp.Float(v), v
        if isinstance(node, ast.Name):
            if node.id in _CONSTANTS:
                return _CONSTANTS[node.id]
            return self.symbols[node.id], None
        if isinstance(node, ast.UnaryOp):
            e, v = self.build(node.operand)
            if isinstance(node.op, ast.UAdd):
                return e, v
            return self.done(sp.Mul(sp.S.NegativeOne, e), None if v is None else -v, node)
        if isinstance(node, ast.BinOp):
            if _chain(node.op) == "+":
                return self.chain(node, "+")
            if _chain(node.op) == "*":
                return self.chain(node, "*")
            return self.power(node)
        return self.call(node)

    def chain(self, node: ast.BinOp, kind: str) -> tuple[sp.Expr, float | None]:
        links: list[ast.BinOp] = []
        while isinstance(node, ast.BinOp) and _chain(node.op) == kind:
            links.append(node)
            node = node.left
        first, val = self.build(node)
        terms = [first]
        for link in reversed(links):
            e, v = self.build(link.right)
            inverse = isinstance(link.op, (ast.Sub, ast.Div))
            if kind == "*" and inverse and (v == 0.0 or e.is_Number and e.is_zero):
                seg = self.src.segment(link.right)
                msg = (Msg("division by zero") if isinstance(link.right, ast.Constant)
                       else Msg("division by zero: '{code}' is 0", code=seg))
                raise self.src.error(msg, self.src.operator_col(link))
            if val is not None and v is not None:
                with np.errstate(all="ignore"):
                    if kind == "+":
                        val = float(np.float64(val) - v if inverse else np.float64(val) + v)
                    else:
                        val = float(np.float64(val) / v if inverse else np.float64(val) * v)
                self.check_value(val, link, self.src.operator_col(link))
            else:
                val = None
            if inverse:
                e = (sp.Mul(sp.S.NegativeOne, e) if kind == "+"
                     else sp.Pow(e, sp.S.NegativeOne))
            terms.append(e)
        top = links[0]
        expr = sp.Add(*terms) if kind == "+" else sp.Mul(*terms)
        return self.done(expr, val, top, self.src.operator_col(top))

    def power(self, node: ast.BinOp) -> tuple[sp.Expr, float | None]:
        src = self.src
        base, bv = self.build(node.left)
        exp, ev = self.build(node.right)
        col = src.operator_col(node)
        if ev is not None:
            if bv is not None:
                if bv == 0.0 and ev < 0:
                    raise src.error(Msg("division by zero: '{code}' is 0 to a negative power",
                                        code=src.segment(node)), col)
                with np.errstate(all="ignore"):
                    val = float(np.power(np.float64(bv), ev))
                self.check_value(val, node, col)
            else:
                val = None
                if abs(ev) > MAX_EXPONENT:
                    raise src.error(Msg("exponent too large: {code} (at most {most} in size)",
                                        code=src.segment(node.right), most=MAX_EXPONENT),
                                    src.col(node.right.col_offset))
                if base.is_Number and base.is_zero and ev < 0:
                    raise src.error(Msg("division by zero: '{code}' is 0 and the exponent is "
                                        "negative", code=src.segment(node.left)), col)
            if exp.is_Rational and _exact_bits(base) * abs(ev) > MAX_EXACT_BITS:
                raise src.error(Msg("number too large to compute exactly in '{code}': write "
                                    "its numbers as decimals (2.0 rather than 2)",
                                    code=src.segment(node)), col)
        else:
            val = None
        return self.done(sp.Pow(base, exp), val, node, col)

    def call(self, node: ast.Call) -> tuple[sp.Expr, float | None]:
        name = node.func.id
        fn, npfn, _ = _FUNCTIONS[name]
        built = [self.build(a) for a in node.args]
        exprs = [e for e, _ in built]
        vals = [v for _, v in built]
        val = None
        col = self.src.col(node.col_offset)
        if all(v is not None for v in vals):
            with np.errstate(all="ignore"):
                val = float(npfn(*(np.float64(v) for v in vals)))
            self.check_value(val, node, col)
            if not all(_simple_constant(e) for e in exprs):
                return sp.Float(val), val
        return self.done(fn(*exprs), val, node, col)

    def done(self, expr: sp.Expr, val: float | None, node: ast.expr,
             col: int | None = None) -> tuple[sp.Expr, float | None]:
        """Checks what sympy made of a node: no infinities, and no constant other than a
        number or a rational multiple of pi or e (any other becomes its float64 value)."""
        if col is None:
            col = self.src.col(node.col_offset)
        if val is not None:
            return (expr if _simple_constant(expr) and not expr.is_Float
                    else sp.Float(val)), val
        expr = _opaque_powers(expr)
        if expr in _BAD_ATOMS or (expr.is_Add or expr.is_Mul or expr.is_Pow) and any(
                a in _BAD_ATOMS for a in expr.args):
            raise self.src.error(Msg("'{code}' is undefined or infinite",
                                     code=self.src.segment(node)), col)
        if expr.is_Number:
            val = _to_float(expr)
            self.check_value(val, node, col)
        return expr, val

    def check_value(self, val: float, node: ast.expr, col: int) -> None:
        seg = self.src.segment(node)
        if math.isnan(val):
            raise self.src.error(Msg("'{code}' is not a real number", code=seg), col)
        if math.isinf(val):
            if isinstance(node, ast.Call):
                raise self.src.error(Msg("'{code}' is infinite or beyond the float range "
                                         "(about 1.8e308)", code=seg), col)
            raise self.src.error(Msg("number too large: '{code}' is beyond the float range "
                                     "(about 1.8e308)", code=seg), col)


def _opaque_powers(e: sp.Expr) -> sp.Expr:
    """``e`` with each power ``u**k`` among it and its arguments written ``u**float(k)``
    when ``k`` is an integer above :data:`MAX_EXACT_POWER` and sympy does not know ``u``
    is real.

    The value is the same in float64, but sympy no longer splits it into real and
    imaginary parts by expanding ``(a + i*b)**k`` (minutes for ``tanh(log(x)**1000)``).
    """
    big = {p: sp.Pow(p.base, sp.Float(p.exp)) for p in (e, *e.args)
           if p.is_Pow and p.exp.is_Integer and abs(p.exp) > MAX_EXACT_POWER
           and not p.base.is_number and p.base.is_extended_real is not True}
    return e.xreplace(big) if big else e


def _simple_constant(e: sp.Expr) -> bool:
    """A number, or a rational multiple of pi or e: constants sympy handles fast.

    Other constants become floats: sympy's exact evaluation of something like
    ``sin(log2(arctan2(2.5, arctan(10))))`` can take seconds.
    """
    if e.is_Mul and len(e.args) == 2 and e.args[0].is_Rational:
        e = e.args[1]
    return e.is_Rational or e.is_Float or e is sp.pi or e is sp.E


def _exact_bits(e: sp.Expr) -> float:
    """Bits of the exact numbers that raising ``e`` to a power would multiply out."""
    if e.is_Rational:
        return max(abs(e.p), e.q).bit_length() - 1
    if e.is_Mul:
        return sum(_exact_bits(a) for a in e.args)
    if e.is_Pow and e.exp.is_Rational:
        return _exact_bits(e.base) * abs(float(e.exp))
    return 0


def _to_float(e: sp.Expr) -> float:
    if e in _SPECIAL_VALUES:
        return _SPECIAL_VALUES[e]
    try:
        return float(e)
    except OverflowError:
        return math.copysign(math.inf, 1 if e.is_positive else -1)
    except TypeError:
        return math.nan


_SPECIAL_VALUES = {sp.zoo: math.nan, sp.nan: math.nan, sp.oo: math.inf, -sp.oo: -math.inf,
                   sp.I: math.nan}


# ---------------------------------------------------------------------------------------
# a bound on the time sympy may take


class _Overtime(BaseException):
    """Raised in the compiling thread when :data:`MAX_COMPILE_SECONDS` have passed.

    A BaseException, so that no ``except Exception`` inside sympy swallows it.
    """


class _Deadline:
    """Interrupts the thread that enters it once ``seconds`` have passed.

    A timer thread raises :class:`_Overtime` asynchronously in the compiling thread (any
    thread, the GUI's included: signals only reach the main thread); Python delivers it
    at the next bytecode, so it stops sympy anywhere in its pure-Python loops. Leaving
    the block disarms the timer and withdraws an exception not delivered yet.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.lock = threading.Lock()
        self.state = "armed"
        self.thread = threading.get_ident()
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True

    def __enter__(self) -> _Deadline:
        self.timer.start()
        return self

    def _fire(self) -> None:
        with self.lock:
            if self.state == "armed":
                self.state = "fired"
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread),
                                                           ctypes.py_object(_Overtime))

    def __exit__(self, *exc) -> None:
        self.timer.cancel()
        with self.lock:
            fired = self.state == "fired"
            self.state = "done"
        if fired:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread), None)


def _bounded(text: str, fn: Callable, *args):
    """``fn(*args)`` within :data:`MAX_COMPILE_SECONDS`, every failure a FormulaError.

    Arithmetic errors from sympy and mpmath (huge or tiny numbers it tries to make exact)
    and running out of time, stack or memory become a "formula too complex" or "cannot be
    compiled" FormulaError. After an interruption sympy's caches, which may hold facts
    half-derived, are cleared and its global switches restored.
    """
    params = sp.core.parameters.global_parameters
    switches = (params.evaluate, params.distribute, params.exp_is_pow)
    try:
        with _Deadline(MAX_COMPILE_SECONDS):
            return fn(*args)
    except FormulaError:
        raise
    except _Overtime:
        _reset_sympy(switches)
        raise FormulaError(Msg("formula too complex: compiling it took more than {seconds:g} "
                               "seconds", seconds=MAX_COMPILE_SECONDS), text) from None
    except (RecursionError, MemoryError):
        _reset_sympy(switches)
        raise FormulaError(Msg("formula too complex: compiling it needs more memory or "
                               "nesting than there is"), text) from None
    except (ArithmeticError, ValueError) as e:
        _reset_sympy(switches)
        raise FormulaError(Msg("the formula cannot be compiled: {error} ({kind}); simplify it "
                               "or write its numbers as decimals", error=str(e) or "-",
                               kind=type(e).__name__), text) from None


def _reset_sympy(switches: tuple[bool, bool, bool]) -> None:
    params = sp.core.parameters.global_parameters
    params.evaluate, params.distribute, params.exp_is_pow = switches
    sp.core.cache.clear_cache()


# ---------------------------------------------------------------------------------------
# derivatives


def _derivative(expr: sp.Expr, var: sp.Symbol, what: str) -> sp.Expr:
    """d expr / d var; ``what`` is "gradient" or "second derivatives" (for messages)."""
    estimate = _derivative_size(expr, {})[1]
    if estimate > MAX_DERIVATIVE_SIZE:
        if what == "gradient":
            raise FormulaError(Msg("formula too complex: its gradient would have about {n:,} "
                                   "terms (at most {most:,})", n=estimate,
                                   most=MAX_DERIVATIVE_SIZE))
        raise FormulaError(Msg("formula too complex: its second derivatives would have about "
                               "{n:,} terms (at most {most:,})", n=estimate,
                               most=MAX_DERIVATIVE_SIZE))
    d = sp.diff(expr, var)
    deltas = d.atoms(sp.DiracDelta)
    if deltas:
        d = d.xreplace(dict.fromkeys(deltas, sp.S.Zero))
    size = _tree_size(d, {})
    if size > MAX_DERIVATIVE_SIZE:
        if what == "gradient":
            raise FormulaError(Msg("formula too complex: its gradient has {n:,} terms (at most "
                                   "{most:,})", n=size, most=MAX_DERIVATIVE_SIZE))
        raise FormulaError(Msg("formula too complex: its second derivatives has {n:,} terms "
                               "(at most {most:,})", n=size, most=MAX_DERIVATIVE_SIZE))
    return d


def _tree_size(e: sp.Basic, memo: dict) -> int:
    got = memo.get(e)
    if got is None:
        got = memo[e] = 1 + sum(_tree_size(a, memo) for a in e.args)
    return got


def _derivative_size(e: sp.Basic, memo: dict) -> tuple[int, int, bool]:
    """(tree size, rough tree size of a first derivative, depends on a symbol)."""
    got = memo.get(e)
    if got is not None:
        return got
    if not e.args:
        got = (1, 1, e.is_Symbol)
    else:
        parts = [_derivative_size(a, memo) for a in e.args]
        size = 1 + sum(p[0] for p in parts)
        dep = any(p[2] for p in parts)
        if not dep:
            d = 1
        elif e.is_Add:
            d = 1 + sum(p[1] for p in parts if p[2])
        elif e.is_Mul:
            d = 1 + sum(size - p[0] + p[1] for p in parts if p[2])
        elif e.is_Pow:
            (sb, db, depb), (se, de, depe) = parts
            d = (db + 2 * sb + se + 4) if not depe else (size + de + db + 2 * sb + se + 6)
        else:
            d = sum(p[1] for p in parts if p[2]) + 3 * size + 8
        got = (size, d, dep)
    memo[e] = got
    return got


# ---------------------------------------------------------------------------------------
# numeric evaluation: sympy trees -> closures over numpy ufuncs

_UNARY: dict[type, Callable] = {
    sp.sin: np.sin, sp.cos: np.cos, sp.tan: np.tan, sp.asin: np.arcsin,
    sp.acos: np.arccos, sp.atan: np.arctan, sp.sinh: np.sinh, sp.cosh: np.cosh,
    sp.tanh: np.tanh, sp.exp: np.exp, sp.log: np.log, sp_log10: np.log10,
    sp_log2: np.log2, _Abs: np.absolute, sp.Abs: np.absolute, _Sign: np.sign,
    sp.sign: np.sign,
}
_BINARY: dict[type, Callable] = {sp.atan2: np.arctan2, _Max: np.maximum, _Min: np.minimum}

_Fn = Callable[[list], object]
_Compiled = tuple[_Fn | None, float | None]


class _Program:
    """Evaluates several sympy expressions at once, sharing common subexpressions.

    ``sympy.cse`` splits them into intermediate steps; each step and each output is a
    closure over numpy ufuncs reading earlier results from a list (the inputs first). A
    step's array is dropped right after its last reader, so its memory is reused.
    """

    def __init__(self, exprs: Sequence[sp.Expr], inputs: Sequence[sp.Symbol]):
        steps, reduced = sp.cse(list(exprs), symbols=sp.numbered_symbols("t", cls=sp.Dummy),
                                order="none")
        comp = _Compiler({s: i for i, s in enumerate(inputs)})
        fns: list[_Fn] = []
        readers: list[sp.Expr] = []
        with np.errstate(all="ignore"):
            for sym, e in steps:
                fn, c = comp(e)
                if fn is None:
                    comp.consts[sym] = c
                else:
                    comp.slots[sym] = len(inputs) + len(fns)
                    fns.append(fn)
                    readers.append(e)
            self.outputs = [comp(e) for e in reduced]
        readers += reduced
        last: dict[int, int] = {}
        for k, e in enumerate(readers):
            for d in e.atoms(sp.Dummy):
                if d in comp.slots:
                    last[comp.slots[d]] = k
        drops: list[list[int]] = [[] for _ in readers]
        for slot, k in last.items():
            drops[k].append(slot)
        self.steps = list(zip(fns, drops[:len(fns)], strict=True))
        self.output_drops = drops[len(fns):]

    def __call__(self, env: list) -> list:
        for fn, drop in self.steps:
            env.append(fn(env))
            for slot in drop:
                env[slot] = None
        out = []
        for (fn, c), drop in zip(self.outputs, self.output_drops, strict=True):
            out.append(c if fn is None else fn(env))
            for slot in drop:
                env[slot] = None
        return out


class _Compiler:
    """Turns a sympy tree into ``(closure, None)`` or, for a constant, ``(None, value)``."""

    def __init__(self, slots: dict):
        self.slots = slots
        self.consts: dict = {}
        self.memo: dict = {}

    def __call__(self, e: sp.Basic) -> _Compiled:
        got = self.memo.get(e)
        if got is None:
            got = self.memo[e] = self.translate(e)
        return got

    def translate(self, e: sp.Basic) -> _Compiled:
        if e in self.consts:
            return None, self.consts[e]
        if e in self.slots:
            return _input(self.slots[e]), None
        if e.is_Number or e.is_NumberSymbol or e in _SPECIAL_VALUES:
            return None, _to_float(e)
        if e.is_Add:
            return self.add(e)
        if e.is_Mul:
            coeff, factors = e.as_coeff_mul()
            return self.product(_to_float(coeff), factors)
        if e.is_Pow:
            return self.power(e.base, e.exp)
        func = e.func
        if func in _UNARY:
            return _apply(_UNARY[func], [self(e.args[0])])
        if func in _BINARY or func in (sp.Max, sp.Min):
            ufunc = _BINARY.get(func) or (np.maximum if func is sp.Max else np.minimum)
            parts = [self(a) for a in e.args]
            out = parts[0]
            for p in parts[1:]:
                out = _apply(ufunc, [out, p])
            return out
        if func is _Step or func is sp.Heaviside:
            tie = _to_float(e.args[1]) if len(e.args) > 1 else 0.5
            return _apply(np.heaviside, [self(e.args[0]), (None, tie)])
        if func is sp.DiracDelta:
            return None, 0.0
        raise FormulaError(Msg("the formula or its derivatives need '{name}', which cannot "
                               "be evaluated", name=func.__name__))

    def add(self, e: sp.Add) -> _Compiled:
        const = 0.0
        plus: list[_Fn] = []
        minus: list[_Fn] = []
        for term in e.args:
            coeff, factors = term.as_coeff_mul()
            c = _to_float(coeff)
            negative = c < 0 and bool(factors)
            fn, value = self.product(-c if negative else c, factors)
            if fn is None:
                const = float(np.float64(const) + (-value if negative else value))
            else:
                (minus if negative else plus).append(fn)
        if not plus and not minus:
            return None, const
        rest: list[_Fn] = []
        if plus:
            acc, rest = plus[0], plus[1:]
        elif const:
            acc = _binary(np.subtract, _const(const), minus.pop(0))
            const = 0.0
        else:
            acc = _unary(np.negative, minus.pop(0))
        for fn in rest:
            acc = _binary(np.add, acc, fn)
        for fn in minus:
            acc = _binary(np.subtract, acc, fn)
        if const:
            acc = _binary(np.add, acc, _const(const))
        return acc, None

    def product(self, coeff: float, factors: Sequence[sp.Basic]) -> _Compiled:
        top: list[_Fn] = []
        bottom: list[_Fn] = []
        for f in factors:
            if f.is_Pow and f.exp.is_Number and f.exp.is_negative:
                fn, value = self.power(f.base, -f.exp)
                if fn is None:
                    coeff = float(np.float64(coeff) / value)
                else:
                    bottom.append(fn)
                continue
            fn, value = self(f)
            if fn is None:
                coeff = float(np.float64(coeff) * value)
            else:
                top.append(fn)
        if not top and not bottom:
            return None, coeff
        num = _chain_product(top)
        den = _chain_product(bottom)
        if num is None:
            out = _binary(np.divide, _const(coeff), den)
            return out, None
        out = num if den is None else _binary(np.divide, num, den)
        if coeff == 1.0:
            return out, None
        if coeff == -1.0:
            return _unary(np.negative, out), None
        return _binary(np.multiply, _const(coeff), out), None

    def power(self, base: sp.Basic, exp: sp.Basic) -> _Compiled:
        fb, cb = self(base)
        if not exp.is_Number:
            return _apply(np.power, [(fb, cb), self(exp)])
        k = _to_float(exp)
        if fb is None:
            return None, float(np.power(np.float64(cb), k))
        if k < 0:
            inner, _ = self.power(base, -exp)
            return _binary(np.divide, _const(1.0), inner), None
        if k == 1.0:
            return fb, None
        if k == 0.5:
            return _unary(np.sqrt, fb), None
        if k == 2.0:
            return _unary(np.square, fb), None
        if k == 3.0:
            return _cube(fb), None
        if k == 4.0:
            return _unary(np.square, _unary(np.square, fb)), None
        return _binary(np.power, fb, _const(k)), None


def _const(value: float) -> _Fn:
    def const(env):
        return value
    const.borrowed = True
    return const


def _input(slot: int) -> _Fn:
    get = itemgetter(slot)

    def read(env):
        return get(env)
    read.borrowed = True
    return read


def _owned(f: _Fn) -> bool:
    """Whether ``f`` returns an array nobody else holds (a ufunc result), or a scalar."""
    return not getattr(f, "borrowed", False)


def _unary(ufunc: Callable, f: _Fn) -> _Fn:
    if not _owned(f):
        return lambda env: ufunc(f(env))

    def run(env):
        a = f(env)
        return ufunc(a, out=a) if type(a) is np.ndarray else ufunc(a)
    return run


def _binary(ufunc: Callable, f: _Fn, g: _Fn) -> _Fn:
    """``ufunc(f, g)``, written into an operand that is an owned full-size temporary."""
    own_f, own_g = _owned(f), _owned(g)
    if not own_f and not own_g:
        return lambda env: ufunc(f(env), g(env))

    def run(env):
        a = f(env)
        b = g(env)
        if own_f and type(a) is np.ndarray and getattr(b, "shape", ()) in ((), a.shape):
            return ufunc(a, b, out=a)
        if own_g and type(b) is np.ndarray and getattr(a, "shape", ()) in ((), b.shape):
            return ufunc(a, b, out=b)
        return ufunc(a, b)
    return run


def _cube(f: _Fn) -> _Fn:
    def cube(env):
        b = f(env)
        sq = np.square(b)
        return np.multiply(sq, b, out=sq) if type(sq) is np.ndarray else sq * b
    return cube


def _chain_product(fns: list[_Fn]) -> _Fn | None:
    if not fns:
        return None
    acc = fns[0]
    for fn in fns[1:]:
        acc = _binary(np.multiply, acc, fn)
    return acc


def _apply(ufunc: Callable, parts: list[_Compiled]) -> _Compiled:
    """``ufunc`` over compiled arguments; folded to a constant when all of them are."""
    if all(fn is None for fn, _ in parts):
        return None, float(ufunc(*(np.float64(c) for _, c in parts)))
    fns = [fn if fn is not None else _const(c) for fn, c in parts]
    if len(fns) == 1:
        return _unary(ufunc, fns[0]), None
    if len(fns) == 2:
        return _binary(ufunc, fns[0], fns[1]), None
    return (lambda env: ufunc(*(f(env) for f in fns))), None


def _join(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return Msg("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])
