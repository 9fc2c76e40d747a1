"""How the core checks and quotes the values a scene gives (shared by the validators)."""

from __future__ import annotations

import json
import math
from numbers import Integral, Real
from typing import Any

import numpy as np

from gdstudio.core.errors import Msg


def show(v: Any) -> str:
    """A value as the user wrote it in TOML, shortened for an error message."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(show(x) for x in v) + "]"
    if isinstance(v, dict):
        return Msg("a table")
    text = str(v) if isinstance(v, Real) else repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def expected_string(v: Any) -> Msg:
    return Msg("expected a string, got {value}", value=show(v))


def expected_table(v: Any) -> Msg:
    return Msg("expected a table, got {value}", value=show(v))


def is_int(v: Any) -> bool:
    return isinstance(v, Integral) and not isinstance(v, bool | np.bool_)


MAX_EXACT_INT = 2**53
"""The largest integer float64 holds exactly."""


def is_real(v: Any) -> bool:
    """A number that float64 holds: not a bool, not an integer beyond +-2**53 (TOML
    integers are unbounded: ``10**400`` overflows float64 and ``10**30`` silently
    becomes another number; written as floats, ``1e30`` is fine)."""
    if isinstance(v, bool | np.bool_) or not isinstance(v, Real):
        return False
    return not isinstance(v, Integral) or abs(int(v)) <= MAX_EXACT_INT


def is_finite(v: Any) -> bool:
    """A real number (see :func:`is_real`) that is not inf or nan."""
    return is_real(v) and math.isfinite(v)


GRID_POINTS = 2001
"""The most points per axis any view or analysis puts on a surface's window."""


def span_problem(lo: float, hi: float) -> Msg | None:
    """Why ``[lo, hi]`` cannot be a window to plot and grid (None if it can): both ends
    finite, ``lo < hi``, and a span and grid spacing that are finite and distinct from
    zero in float64 (``[-1e308, 1e308]`` has an infinite span; ``[1e16, 1e16 + 2]``
    has grid points that fall on the same float)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return Msg("the ends must be finite numbers")
    if not lo < hi:
        return Msg("need min < max, got [{lo}, {hi}]", lo=show(lo), hi=show(hi))
    if not math.isfinite(hi - lo):
        return Msg("the span {hi} - ({lo}) is too large for float64; keep it below 1e308",
                   lo=show(lo), hi=show(hi))
    xs = np.linspace(lo, hi, GRID_POINTS)
    if not (np.diff(xs) > 0).all():
        return Msg("[{lo}, {hi}] is too narrow for its size: the {n:,} grid points across "
                   "it are not all distinct numbers", lo=show(lo), hi=show(hi), n=GRID_POINTS)
    return None
