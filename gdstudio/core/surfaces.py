"""Loss surfaces: the ``Surface`` object, CSV data sets and the built-in library.

A surface is a formula in two parameters, compiled by :mod:`gdstudio.core.formula`, with
a plotted window (``bounds``) and, for the built-ins, its known minima. With data (a CSV
file or a dict of columns) the formula is a per-sample loss that may use column names and
the surface is the MEAN of it over all rows (scene-format.md section 3).

Every evaluation broadcasts ``x`` against ``y`` and returns arrays of that shape. A data
surface evaluates points x rows as one array operation, cut into chunks of at most
``chunk_elements`` point-row pairs; a chunk always holds whole rows of a point (unless one
point's rows alone exceed the budget), so the result does not depend on how many points are
evaluated together.
"""

from __future__ import annotations

import copy
import csv
import difflib
import keyword
import math
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from gdstudio.core import fileio
from gdstudio.core.errors import Cancelled, DataError, FormulaError, GdError, Msg
from gdstudio.core.values import show, span_problem

if TYPE_CHECKING:       # sympy (through formula) loads on the first compile, not on import:
    from gdstudio.core.builtin_kernels import Columns, Kernel
    from gdstudio.core.formula import Formula  # the window lists the surfaces first

__all__ = ["BUILTINS", "BuiltinDef", "CHUNK_ELEMENTS", "Minimum", "Surface",
           "UnknownSurfaceError", "builtin_surface", "describe", "formula_surface",
           "load_csv"]

CHUNK_ELEMENTS = 1 << 18
MAX_DATA_BYTES = 32 * 2**20
MAX_DATA_ROWS = 1_000_000
"""Point-row pairs evaluated at once on a data surface (2 MB per float64 temporary)."""

Bounds = tuple[tuple[float, float], tuple[float, float]]
_F64 = np.dtype(np.float64)


class UnknownSurfaceError(GdError, LookupError):
    """A built-in surface name that does not exist; the message lists close matches."""


@dataclass(frozen=True)
class Minimum:
    """A known minimum: ``point`` (x, y), its ``value``, and ``kind`` "global" or "local"."""

    point: tuple[float, float]
    value: float
    kind: str = "global"

    def __post_init__(self):
        if self.kind not in ("global", "local"):
            raise ValueError(f"Minimum.kind must be 'global' or 'local', not {self.kind!r}")


@dataclass(frozen=True)
class BuiltinDef:
    """A built-in surface as plain data: nothing is compiled or loaded until it is used.

    ``data`` is a file name in the package's ``resources/data`` folder (None for a plain
    formula); ``default_start`` is an instructive start point inside ``bounds`` for the GUI.
    Global minima come first in ``minima``.
    """

    name: str
    expr: str
    bounds: Bounds
    minima: tuple[Minimum, ...]
    description: str
    default_start: tuple[float, float]
    params: tuple[str, str] = ("x", "y")
    data: str | None = None


class Surface:
    """A loss surface over two parameters.

    ``loss``, ``grad``, ``loss_and_grad`` and ``hessian`` take ``x`` and ``y`` of any
    broadcastable shapes and return float64 arrays of the broadcast shape: for a data
    surface, the mean over all ``n_samples`` rows. ``batch_grad(x, y, rows)`` is the
    gradient of the mean loss over the given rows (repeats count twice), the stochastic
    gradient of one step; without data it is the full gradient. ``grid`` samples the
    plotted window with ``Z[i, j] == loss(xs[i], ys[j])`` (meshgrid ``indexing="ij"``).
    """

    def __init__(self, expr: str, bounds: Bounds, formula: Formula | BuiltinFormula, *,
                 name: str | None = None, params: tuple[str, str] = ("x", "y"),
                 minima: tuple[Minimum, ...] = (), description: str = "",
                 data: dict[str, np.ndarray] | None = None, data_name: str | None = None,
                 default_start: tuple[float, float] | None = None,
                 chunk_elements: int = CHUNK_ELEMENTS):
        self.name = name
        self.expr = expr
        self.params = tuple(params)
        self.bounds = _check_bounds(bounds)
        self.minima = tuple(minima)
        self.description = description
        self.formula = formula
        self.data = data
        self.data_name = data_name
        self.n_samples = None if data is None else len(next(iter(data.values())))
        self.default_start = default_start
        self.chunk_elements = int(chunk_elements)
        self._grids: dict = {}

    def __repr__(self) -> str:
        label = self.name if self.name is not None else repr(self.expr)
        rows = "" if self.n_samples is None else f", {self.n_samples} rows"
        return f"<Surface {label} in ({', '.join(self.params)}){rows}>"

    def __copy__(self) -> Surface:
        """A copy starts without the kept grids: its data, formula or window may change."""
        other = object.__new__(type(self))
        other.__dict__.update(self.__dict__)
        other._grids = {}
        return other

    def with_bounds(self, bounds: Bounds) -> Surface:
        """The same surface plotted over another window."""
        other = copy.copy(self)
        other.bounds = _check_bounds(bounds)
        return other

    def loss(self, x, y) -> np.ndarray:
        return self._eval(lambda a, b, c: (self.formula.value(a, b, c),), 1, x, y)[0]

    def grad(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        gx, gy = self._eval(self.formula.grad, 2, x, y)
        return gx, gy

    def loss_and_grad(self, x, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        v, gx, gy = self._eval(self.formula.value_and_grad, 3, x, y)
        return v, gx, gy

    def hessian(self, x, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Second derivatives ``(hxx, hxy, hyy)``."""
        hxx, hxy, hyy = self._eval(self.formula.hessian, 3, x, y)
        return hxx, hxy, hyy

    def batch_grad(self, x, y, rows) -> tuple[np.ndarray, np.ndarray]:
        """Gradient of the mean loss over data ``rows`` (an int array of row indices)."""
        if self.data is None:
            return self.grad(x, y)
        rows = np.asarray(rows)
        if rows.ndim != 1 or rows.size == 0 or not np.issubdtype(rows.dtype, np.integer):
            raise ValueError("rows must be a non-empty 1-D integer array of row indices")
        gx, gy = self._eval(self.formula.grad, 2, x, y, rows)
        return gx, gy

    def batch_loss_and_grad(self, x, y, rows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Loss and gradient of the mean loss over data ``rows`` (L-BFGS's batch closure)."""
        if self.data is None:
            return self.loss_and_grad(x, y)
        v, gx, gy = self._eval(self.formula.value_and_grad, 3, x, y, np.asarray(rows))
        return v, gx, gy

    def batch_hessian(self, x, y, rows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Second derivatives ``(hxx, hxy, hyy)`` of the mean loss over data ``rows``."""
        if self.data is None:
            return self.hessian(x, y)
        hxx, hxy, hyy = self._eval(self.formula.hessian, 3, x, y, np.asarray(rows))
        return hxx, hxy, hyy

    def grid(self, n: int = 200, bounds: Bounds | None = None,
             cancel: Callable[[], bool] | None = None,
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``xs`` (n,), ``ys`` (n,) spanning the window and ``Z`` (n, n), ``Z[i, j]`` at
        ``(xs[i], ys[j])``.

        Kept per surface and window (read-only arrays): on a data surface a grid costs
        n * n * rows evaluations, so a window computes it once, in the background, and
        each view reads it. ``cancel()`` returning True stops it (``Cancelled``)."""
        n = int(n)
        if n < 2:
            raise ValueError("a grid needs n >= 2 points per axis")
        window = _check_bounds(bounds) if bounds is not None else self.bounds
        got = self._grids.get((n, window))
        if got is not None:
            return got
        (x0, x1), (y0, y1) = window
        xs = np.linspace(x0, x1, n)
        ys = np.linspace(y0, y1, n)
        gx, gy = np.meshgrid(xs, ys, indexing="ij")
        Z = self._eval(lambda a, b, c: (self.formula.value(a, b, c),), 1, gx, gy,
                       cancel=cancel)[0]
        for a in (xs, ys, Z):
            a.flags.writeable = False
        self._grids[(n, window)] = xs, ys, Z
        return xs, ys, Z

    def _eval(self, fn: Callable, n_out: int, x, y, rows: np.ndarray | None = None,
              cancel: Callable[[], bool] | None = None) -> tuple[np.ndarray, ...]:
        if self.data is None:
            return tuple(fn(x, y, None))
        x, y = np.broadcast_arrays(np.asarray(x, dtype=np.float64),
                                   np.asarray(y, dtype=np.float64))
        shape = x.shape
        cols = self.data if rows is None else {k: v[rows] for k, v in self.data.items()}
        m = len(next(iter(cols.values())))
        xf, yf = x.reshape(-1), y.reshape(-1)
        size = xf.size
        row_chunk = max(1, min(m, self.chunk_elements))
        point_chunk = max(1, self.chunk_elements // row_chunk)
        outs = [np.empty(size) for _ in range(n_out)]
        with np.errstate(all="ignore"):
            for p0 in range(0, size, point_chunk):
                if cancel is not None and cancel():
                    raise Cancelled
                xc = xf[p0:p0 + point_chunk, None]
                yc = yf[p0:p0 + point_chunk, None]
                k = xc.shape[0]
                sums: list[np.ndarray] | None = None
                for r0 in range(0, m, row_chunk):
                    part = {c: v[None, r0:r0 + row_chunk] for c, v in cols.items()}
                    width = min(row_chunk, m - r0)
                    got = [np.broadcast_to(np.asarray(a, dtype=np.float64), (k, width))
                           .sum(axis=1) for a in fn(xc, yc, part)]
                    sums = got if sums is None else [s + g for s, g in
                                                     zip(sums, got, strict=True)]
                assert sums is not None, "a data surface has rows"
                for o, s in zip(outs, sums, strict=True):
                    o[p0:p0 + k] = s / m
        return tuple(o.reshape(shape) for o in outs)


def _check_bounds(bounds) -> Bounds:
    try:
        (x0, x1), (y0, y1) = bounds
        out = ((float(x0), float(x1)), (float(y0), float(y1)))
    except (TypeError, ValueError, OverflowError):
        raise GdError(Msg("bounds must be [[xmin, xmax], [ymin, ymax]], got {value}",
                          value=show(bounds))) from None
    for axis, (lo, hi) in zip("xy", out, strict=True):
        problem = span_problem(lo, hi)
        if problem is not None:
            raise GdError(Msg("{axis} bounds: {problem}", axis=axis, problem=problem))
    return out


# ---------------------------------------------------------------------------------------
# data


def load_csv(path: str | Path) -> dict[str, np.ndarray]:
    """Read a numeric CSV: a header row of column names, then one row per sample.

    Blank lines and lines starting with ``#`` are skipped. Column names must be distinct
    identifiers (letters, digits, ``_``; not a Python keyword); every value a finite
    number; every row as long as the header; at least one row; at most MAX_DATA_BYTES
    bytes and MAX_DATA_ROWS rows. Anything else raises :class:`DataError` naming the file
    and the line, never quoting a line that is not a valid CSV one (``data =
    "/etc/passwd"`` must not show the file). Only a regular file is read: a named pipe
    or ``/dev/stdin`` would block. Returns float64 columns by name, in file order.
    """
    name = str(path)
    try:
        raw = fileio.read_bytes(path, MAX_DATA_BYTES)
    except FileNotFoundError:
        raise DataError(Msg("{file}: no such data file", file=name)) from None
    except IsADirectoryError:
        raise DataError(Msg("{file}: is a folder, expected a CSV file", file=name)) from None
    except (fileio.FileKindError, fileio.FileSizeError) as e:
        raise DataError(e.args[0]) from None
    except OSError as e:
        raise DataError(Msg("{file}: cannot read the data file: {reason}", file=name,
                            reason=e.strerror or str(e))) from None
    nul = raw.find(b"\0")
    if nul >= 0:
        raise DataError(Msg("{file}, line {line}: a NUL byte; this is a binary file, not a "
                            "CSV text file", file=name, line=raw.count(b"\n", 0, nul) + 1))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        bad_line = raw.count(b"\n", 0, e.start) + 1
        raise DataError(Msg("{file}, line {line}: not UTF-8 text (byte 0x{byte:02x}); save the "
                            "file as UTF-8 CSV", file=name, line=bad_line,
                            byte=raw[e.start])) from None

    header: list[str] | None = None
    header_line = 0
    rows: list[list[float]] = []
    last = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        last = lineno
        if stripped.startswith("#"):
            continue
        where = _line(name, lineno)
        try:
            fields = [f.strip() for f in
                      next(csv.reader([line.rstrip("\r")], skipinitialspace=True))]
        except csv.Error:
            if len(line) > csv.field_size_limit():
                raise DataError(Msg("{where}: a value longer than {most:,} characters",
                                    where=where, most=csv.field_size_limit())) from None
            raise DataError(Msg("{where}: not a line of comma-separated values (a carriage "
                                "return inside the line?)", where=where)) from None
        if header is None:
            header, header_line = _check_header(fields, where), lineno
            continue
        if len(fields) != len(header):
            args = {"where": where, "n": len(fields), "line": header_line, "m": len(header),
                    "columns": ", ".join(header)}
            if len(fields) == 1:
                values = Msg("{n} value", n=len(fields))
            else:
                values = Msg("{n} values", n=len(fields))
            if len(header) == 1:
                raise DataError(Msg("{where}: {values}, but the header (line {line}) names "
                                    "{m} column ({columns})", values=values, **args))
            raise DataError(Msg("{where}: {values}, but the header (line {line}) names {m} "
                                "columns ({columns})", values=values, **args))
        if len(rows) == MAX_DATA_ROWS:
            raise DataError(Msg("{where}: more than {most:,} data rows", where=where,
                                most=MAX_DATA_ROWS))
        rows.append([_number(f, col, where) for f, col in zip(fields, header, strict=True)])

    if header is None:
        if last == 0:
            raise DataError(Msg("{where}: the file is empty; expected a header row of column "
                                "names (like x,y) and rows of numbers", where=_line(name, 1)))
        raise DataError(Msg("{where}: no header row, only comments; expected a line of column "
                            "names (like x,y)", where=_line(name, last)))
    if not rows:
        raise DataError(Msg("{where}: a header ({columns}) but no data rows after it",
                            where=_line(name, header_line), columns=",".join(header)))
    table = np.array(rows, dtype=np.float64).reshape(len(rows), len(header))
    return {col: table[:, j].copy() for j, col in enumerate(header)}


def _line(name: str, lineno: int) -> Msg:
    return Msg("{file}, line {line}", file=name, line=lineno)


def _check_header(fields: list[str], where: str) -> list[str]:
    """The column names of a header line; the messages give positions, never the line's
    text, which may be any file's content."""
    if any(fields) and all(_is_float(f) for f in fields if f):
        raise DataError(Msg("{where}: expected a header row of column names (like x,y), found "
                            "numbers", where=where))
    seen: dict[str, int] = {}
    for j, col in enumerate(fields, start=1):
        if not col:
            raise DataError(Msg("{where}: column {j} of the header has no name", where=where,
                                j=j))
        if (not col.isidentifier() or keyword.iskeyword(col)
                or unicodedata.normalize("NFKC", col) != col):
            raise DataError(Msg("{where}: not a numeric CSV with a header: column {j} of the "
                                "header is not a name a formula can use (letters, digits and "
                                "_, not starting with a digit, not a Python keyword)",
                                where=where, j=j))
        if col in seen:
            raise DataError(Msg("{where}: columns {i} and {j} of the header have the same name "
                                "{col}", where=where, i=seen[col], j=j, col=show(col)))
        seen[col] = j
    return fields


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _number(text: str, col: str, where: str) -> float:
    if not text:
        raise DataError(Msg("{where}, column {col}: empty value, expected a number",
                            where=where, col=show(col)))
    try:
        v = float(text)
    except ValueError:
        raise DataError(Msg("{where}, column {col}: not a number", where=where,
                            col=show(col))) from None
    if not math.isfinite(v):
        raise DataError(Msg("{where}, column {col}: {text} is not a finite number",
                            where=where, col=show(col), text=show(text)))
    return v


def _columns_from_mapping(data: Mapping) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    m = None
    for col, values in data.items():
        if not (isinstance(col, str) and col.isidentifier() and not keyword.iskeyword(col)):
            raise DataError(Msg("data column name {col} cannot be used in a formula",
                                col=show(col)))
        try:
            arr = np.array(values, dtype=np.float64)
        except (TypeError, ValueError):
            raise DataError(Msg("data column {col}: values must be numbers",
                                col=show(col))) from None
        if arr.ndim != 1:
            raise DataError(Msg("data column {col}: expected a 1-D sequence of numbers, got "
                                "shape {shape}", col=show(col), shape=arr.shape))
        if not np.isfinite(arr).all():
            i = int(np.flatnonzero(~np.isfinite(arr))[0])
            raise DataError(Msg("data column {col}, row {i}: {value} is not a finite number",
                                col=show(col), i=i, value=arr[i]))
        if m is not None and len(arr) != m:
            raise DataError(Msg("data column {col} has {n} rows, the others {m}", col=show(col),
                                n=len(arr), m=m))
        m = len(arr)
        out[col] = arr
    if not out or m == 0:
        raise DataError(Msg("data needs at least one column and one row"))
    return out


# ---------------------------------------------------------------------------------------
# building surfaces


def formula_surface(expr: str, bounds: Bounds, params: tuple[str, str] = ("x", "y"),
                    data: str | Path | Mapping | None = None, name: str | None = None,
                    ) -> Surface:
    """A surface from formula text (scene ``[surface] expr``).

    ``data`` is a CSV path (read with :func:`load_csv`) or a mapping of column name to
    values; its columns may be used in ``expr`` and must not share a name with a parameter.
    Raises :class:`FormulaError` or :class:`DataError` (both :class:`GdError`).
    """
    params = _check_params(params)
    data_name = None
    columns: dict[str, np.ndarray] | None = None
    if data is not None:
        if isinstance(data, str | Path):
            columns = load_csv(data)
            data_name = Path(data).name
        elif isinstance(data, Mapping):
            columns = _columns_from_mapping(data)
        else:
            raise DataError(Msg("data must be a CSV path or a dict of columns, not {type}",
                                type=type(data).__name__))
        clash = [c for c in columns if c in params]
        if clash:
            if data_name:
                msg = Msg("data column {col} of {file} has the name of a parameter",
                          col=show(clash[0]), file=data_name)
            else:
                msg = Msg("data column {col} has the name of a parameter", col=show(clash[0]))
            raise FormulaError(
                msg, formula=expr,
                hint=Msg("name the parameters differently, e.g. params = [\"w\", \"b\"] (the "
                         "columns are {columns})", columns=", ".join(columns)))
        for arr in columns.values():
            arr.setflags(write=False)
    from gdstudio.core.formula import compile_formula

    formula = compile_formula(expr, params=params, columns=tuple(columns or ()))
    return Surface(expr, bounds, formula, name=name, params=params, data=columns,
                   data_name=data_name)


def builtin_surface(name: str) -> Surface:
    """The built-in surface ``name`` (see ``BUILTINS``), with its data loaded."""
    d = _builtin(name)
    columns = None
    if d.data is not None:
        from gdstudio.resources import resource_path

        columns = load_csv(resource_path("data", d.data))
        for arr in columns.values():
            arr.setflags(write=False)
    formula = BuiltinFormula(d.name, d.expr, d.params)
    return Surface(d.expr, d.bounds, formula, name=d.name, params=d.params,
                   minima=d.minima, description=d.description, data=columns,
                   data_name=d.data, default_start=d.default_start)


class BuiltinFormula:
    """A built-in surface's formula as the numpy code in :mod:`builtin_kernels`: the same
    derivatives ``compile_formula`` would give, and the same contract as
    :class:`~gdstudio.core.formula.Formula`'s evaluation (new float64 arrays of the
    broadcast shape, errors ignored), without importing sympy."""

    def __init__(self, name: str, text: str, params: tuple[str, str]):
        from gdstudio.core.builtin_kernels import KERNELS

        self.text = text
        self.params = params
        self.used_columns, self._value, self._grad, self._value_and_grad, self._hessian = \
            KERNELS[name]

    def __repr__(self) -> str:
        return f"<BuiltinFormula {self.text!r} in ({', '.join(self.params)})>"

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
        hxx, hxy, hyy = self._run(self._hessian, x, y, cols)
        return hxx, hxy, hyy

    def _run(self, fn: Kernel, x, y, cols: Mapping | None) -> list[np.ndarray]:
        """``fn``'s results as new float64 arrays of the inputs' broadcast shape; a run
        loop calls this every step, so float64 arrays of one shape take a short path."""
        columns: Columns = {}
        if (type(x) is np.ndarray and type(y) is np.ndarray and x.shape == y.shape
                and x.dtype is _F64 and y.dtype is _F64 and not self.used_columns):
            env = [x, y]
            shape = x.shape
        else:
            x = np.asarray(x, dtype=np.float64)
            y = np.asarray(y, dtype=np.float64)
            env = [x, y]
            if self.used_columns:
                if cols is None:
                    raise ValueError(f"formula {self.text!r} needs data columns "
                                     f"{self.used_columns}; pass cols={{name: array}}")
                columns = {c: np.asarray(cols[c], dtype=np.float64)
                           for c in self.used_columns}
                env += columns.values()
            shape = np.broadcast_shapes(*(a.shape for a in env))
        with np.errstate(all="ignore"):
            raw = fn(x, y, columns)
        out: list[np.ndarray] = []
        taken = {id(e) for e in env}
        for a in raw:
            if (type(a) is not np.ndarray or a.shape != shape or a.dtype is not _F64
                    or id(a) in taken):
                a = np.broadcast_to(np.asarray(a, dtype=np.float64), shape).copy()
            taken.add(id(a))
            out.append(a)
        return out


def describe(surface_or_name: Surface | str) -> dict:
    """A JSON-ready summary (``gdstudio surfaces --json``); a name is not compiled."""
    s = _builtin(surface_or_name) if isinstance(surface_or_name, str) else surface_or_name
    data = s.data if isinstance(s, BuiltinDef) else s.data_name
    return {
        "name": s.name,
        "expr": s.expr,
        "params": list(s.params),
        "bounds": [list(s.bounds[0]), list(s.bounds[1])],
        "minima": [{"point": list(m.point), "value": m.value, "kind": m.kind}
                   for m in s.minima],
        "description": s.description,
        "data": data,
        "default_start": list(s.default_start) if s.default_start is not None else None,
    }


def _builtin(name: str) -> BuiltinDef:
    try:
        return BUILTINS[name]
    except (KeyError, TypeError):
        pass
    close = difflib.get_close_matches(str(name).lower(), list(BUILTINS), n=3)
    args = {"name": show(name), "names": ", ".join(BUILTINS)}
    if len(close) == 1:
        msg = Msg("unknown surface {name}; did you mean {a}? the built-in surfaces are: "
                  "{names}", a=show(close[0]), **args)
    elif len(close) == 2:
        msg = Msg("unknown surface {name}; did you mean {a} or {b}? the built-in "
                  "surfaces are: {names}", a=show(close[0]), b=show(close[1]), **args)
    elif len(close) == 3:
        msg = Msg("unknown surface {name}; did you mean {a} or {b} or {c}? the "
                  "built-in surfaces are: {names}", a=show(close[0]), b=show(close[1]),
                  c=show(close[2]), **args)
    else:
        msg = Msg("unknown surface {name}; the built-in surfaces are: {names}", **args)
    raise UnknownSurfaceError(msg)


def _check_params(params) -> tuple[str, str]:
    try:
        p, q = params
    except (TypeError, ValueError):
        raise GdError(Msg("params must be two names like [\"w\", \"b\"], got {value}",
                          value=show(params))) from None
    for n in (p, q):
        if not (isinstance(n, str) and n.isidentifier() and not keyword.iskeyword(n)):
            raise GdError(Msg("parameter name {name} is not a valid name", name=show(n)))
    if p == q:
        raise GdError(Msg("the two parameter names must differ, got {name} twice", name=show(p)))
    return p, q


# ---------------------------------------------------------------------------------------
# the library


def _def(name, expr, bounds, minima, description, start, **kw) -> tuple[str, BuiltinDef]:
    minima = tuple(Minimum((float(p[0]), float(p[1])), float(v), *kind)
                   for p, v, *kind in minima)
    bounds = tuple(tuple(map(float, b)) for b in bounds)
    return name, BuiltinDef(name, expr, bounds, minima, description,
                            (float(start[0]), float(start[1])), **kw)


BUILTINS: dict[str, BuiltinDef] = dict([
    _def("sphere", "x**2 + y**2",
         [(-5.12, 5.12), (-5.12, 5.12)], [((0, 0), 0)],
         "Sphere: the simplest round convex bowl; every method finds its one minimum.",
         (-4.0, 3.0)),
    _def("rosenbrock", "(1 - x)**2 + 100*(y - x**2)**2",
         [(-2, 2), (-1, 3)], [((1, 1), 0)],
         "Rosenbrock's banana: a curved, flat-bottomed valley, easy to reach, slow to follow.",
         (-1.5, 2.0)),
    _def("himmelblau", "(x**2 + y - 11)**2 + (x + y**2 - 7)**2",
         [(-5, 5), (-5, 5)],
         [((3, 2), 0),
          ((-2.805118086952745, 3.131312518250573), 0),
          ((-3.779310253377747, -3.2831859912861696), 0),
          ((3.5844283403304917, -1.8481265269644036), 0)],
         "Himmelblau's function: four equally deep minima; the start decides which one "
         "you reach.",
         (0.0, 0.0)),
    _def("beale", "(1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2 + (2.625 - x + x*y**3)**2",
         [(-4.5, 4.5), (-4.5, 4.5)], [((3, 0.5), 0)],
         "Beale's function: flat valleys between walls that rise like y**6 at the corners.",
         (1.0, 1.5)),
    _def("booth", "(x + 2*y - 7)**2 + (2*x + y - 5)**2",
         [(-10, 10), (-10, 10)], [((1, 3), 0)],
         "Booth's function: a tilted elongated quadratic bowl (condition number 9).",
         (-8.0, -6.0)),
    _def("rastrigin", "20 + x**2 - 10*cos(2*pi*x) + y**2 - 10*cos(2*pi*y)",
         [(-5.12, 5.12), (-5.12, 5.12)], [((0, 0), 0)],
         "Rastrigin's function: a bowl under an egg crate of regularly spaced local minima.",
         (4.3, 3.7)),
    _def("ackley",
         "-20*exp(-0.2*sqrt(0.5*(x**2 + y**2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y)))"
         " + e + 20",
         [(-5, 5), (-5, 5)], [((0, 0), 0)],
         "Ackley's function: a bumpy, nearly flat plateau around a deep funnel, with a kink "
         "at the minimum.",
         (4.2, 3.3)),
    _def("goldstein_price",
         "(1 + (x + y + 1)**2*(19 - 14*x + 3*x**2 - 14*y + 6*x*y + 3*y**2))"
         "*(30 + (2*x - 3*y)**2*(18 - 32*x + 12*x**2 + 48*y - 36*x*y + 27*y**2))",
         [(-2, 2), (-2, 2)], [((0, -1), 3)],
         "Goldstein-Price function: values spanning six orders of magnitude, several local "
         "minima.",
         (1.5, 1.5)),
    _def("six_hump_camel", "(4 - 2.1*x**2 + x**4/3)*x**2 + x*y + (-4 + 4*y**2)*y**2",
         [(-2, 2), (-1, 1)],
         [((0.08984201310031806, -0.7126564030207396), -1.0316284534898774),
          ((-0.08984201310031806, 0.7126564030207396), -1.0316284534898774)],
         "Six-hump camel: six local minima, two of them global, mirror images through the "
         "origin.",
         (-1.2, -0.5)),
    _def("three_hump_camel", "2*x**2 - 1.05*x**4 + x**6/6 + x*y + y**2",
         [(-2, 2), (-2, 2)], [((0, 0), 0)],
         "Three-hump camel: a global minimum at the origin between two shallower local "
         "ones.",
         (1.8, -1.5)),
    _def("matyas", "0.26*(x**2 + y**2) - 0.48*x*y",
         [(-10, 10), (-10, 10)], [((0, 0), 0)],
         "Matyas function: a nearly flat quadratic valley along y = x (condition number 25).",
         (-8.0, 4.0)),
    _def("levi13",
         "sin(3*pi*x)**2 + (x - 1)**2*(1 + sin(3*pi*y)**2) + (y - 1)**2*(1 + sin(2*pi*y)**2)",
         [(-10, 10), (-10, 10)], [((1, 1), 0)],
         "Levi function N.13: a rippled valley full of local minima around the global one.",
         (-4.0, 6.0)),
    _def("styblinski_tang", "(x**4 - 16*x**2 + 5*x + y**4 - 16*y**2 + 5*y)/2",
         [(-5, 5), (-5, 5)],
         [((-2.903534027771177, -2.903534027771177), -78.33233140754282)],
         "Styblinski-Tang function: four basins, one per quadrant; the deepest is at the "
         "lower left.",
         (-0.5, 4.5)),
    _def("mccormick", "sin(x + y) + (x - y)**2 - 1.5*x + 2.5*y + 1",
         [(-1.5, 4), (-3, 4)],
         [((-0.5471975511965977, -1.5471975511965979), -1.9132229549810364)],
         "McCormick function: a tilted trough with a sine ripple; minimum at "
         "(1/2 - pi/3, -1/2 - pi/3).",
         (3.5, 3.0)),
    _def("easom", "-cos(x)*cos(y)*exp(-((x - pi)**2 + (y - pi)**2))",
         [(-10, 10), (-10, 10)], [((math.pi, math.pi), -1)],
         "Easom function: flat almost everywhere (usually searched on [-100, 100]) with one "
         "narrow well at (pi, pi).",
         (4.5, 4.0)),
    _def("ravine", "0.5*x**2 + 25*y**2",
         [(-10, 10), (-4, 4)], [((0, 0), 0)],
         "Ravine: an elongated quadratic, curvature 1 along x and 50 along y (condition "
         "number 50); minimum 0 at (0, 0).",
         (-9.0, 3.0)),
    _def("saddle", "x**2 - y**2",
         [(-2, 2), (-2, 2)], [],
         "Saddle: x**2 - y**2 has a saddle point at (0, 0), a minimum along x and a maximum "
         "along y; no minimum.",
         (1.5, 0.01)),
    _def("monkey_saddle", "x**3 - 3*x*y**2",
         [(-1.5, 1.5), (-1.5, 1.5)], [],
         "Monkey saddle: a flat saddle point at (0, 0) (zero gradient and zero curvature) "
         "with three valleys; no minimum.",
         (1.0, 0.2)),
    _def("local_global",
         "0.05*(x**2 + y**2) - 2*exp(-((x - 2)**2 + (y - 1)**2)/2)"
         " - exp(-((x + 2)**2 + (y + 1)**2))",
         [(-4, 4), (-4, 4)],
         [((1.9042407027192059, 0.9521203513596029), -1.7619371941141033),
          ((-1.9034238445343072, -0.9517119222671536), -0.7621164184953422, "local")],
         "Local vs global: a gentle bowl with a shallow local minimum (lower left) beside a "
         "deeper global one (upper right).",
         (-3.5, -3.0)),
    _def("flat_sharp",
         "0.02*(x**2 + y**2) - exp(-((x + 2)**2 + y**2)/4)"
         " - 1.1*exp(-((x - 2)**2 + y**2)/0.18)",
         [(-5, 5), (-5, 5)],
         [((1.990433366741444, 0.0), -1.0388733743702052),
          ((-1.8510896184672327, 0.0), -0.9259411063161097, "local")],
         "Flat vs sharp: a wide flat minimum (left) beside a narrow sharp one (right) that "
         "is slightly deeper.",
         (2.6, 0.5)),
    _def("linear_regression", "(w*x + b - y)**2",
         [(-3, 7), (-6, 4)],
         [((2.0450876371324807, -1.0438105123826102), 0.28762776885635033)],
         "Linear regression: mean squared error of the line w*x + b over 80 noisy points; "
         "a convex quadratic bowl.",
         (-2.0, 3.0), params=("w", "b"), data="linear_regression.csv"),
    _def("logistic_regression", "log(1 + exp(-(2*label - 1)*(w1*x1 + w2*x2)))",
         [(-4, 6), (-5, 5)],
         [((2.6533301237768847, -1.1706767682745411), 0.3964798585357995)],
         "Logistic regression (no bias): mean log-loss of 100 labelled points; convex and "
         "smooth, flat far out.",
         (-3.0, 3.0), params=("w1", "w2"), data="logistic_regression.csv"),
])
