"""Curves reduced to what a screen can show: per pixel column, each curve's extremes.

A loss curve of 100,000 steps across 500 pixels puts 200 points in every pixel column;
drawing them all costs the raster engine milliseconds a frame and shows nothing more than
four of them do: the first and the last point in the column (the lines to the columns
beside it) and the lowest and the highest (the vertical extent the column paints). That
is M4 aggregation (Jugel et al., VLDB 2014): the same pixels as the whole curve, so a run
that zig-zags keeps every extreme of its zig-zag, unlike thinning to every k-th step.
"""

from __future__ import annotations

import numpy as np

from gdstudio.gui.draw.geometry import joined


def column_points(steps: np.ndarray, v: np.ndarray, a: float, b: float, columns: int
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The curves ``v[member, row]`` at ``steps[row]`` (ascending) as pyqtgraph's x, y and
    connect arrays (each member one polyline through its finite values, as
    ``geometry.polylines`` draws them), reduced to ``column_rows``."""
    return polyline_arrays(steps, v, column_rows(steps, v, a, b, columns))


def column_rows(steps: np.ndarray, v: np.ndarray, a: float, b: float, columns: int
                ) -> np.ndarray:
    """Which values of the curves ``v[member, row]`` at ``steps[row]`` (ascending) to draw:
    in each column each member's first, lowest, highest and last finite value, and of
    those not one between two of its own value (it lies on the straight line they make:
    a flat rate or a dashed preview is one segment instead of thousands, drawn the same).

    A step ``s`` falls in column ``floor(a * s + b)``; columns left of 0 or from
    ``columns`` on (outside the view) are one column each side, so the lines into the view
    stay as they were. Curves with fewer than four rows a column keep every finite
    value."""
    fin = np.isfinite(v)
    m, n = v.shape
    if n and m and columns > 0:
        starts = _column_starts(steps, a, b, columns)
        if 4 * len(starts) < n:
            keep = _extremes(v, fin, starts)
            at = np.flatnonzero(keep)
            keep.ravel()[at[_between_equals(at // n, v.ravel()[at])]] = False
            return keep
    return fin


def _column_starts(steps: np.ndarray, a: float, b: float, columns: int) -> np.ndarray:
    """The first of the rows at ``steps`` (ascending) in each column, as ``column_rows``
    places them."""
    col = np.clip(np.floor(a * steps.astype(float) + b), -1, columns)
    return np.flatnonzero(np.concatenate(([True], col[1:] != col[:-1])))


def _between_equals(member: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Of values ``y`` listed member by member (each member's in row order), those between
    two equal values of their own member: on the straight line those make."""
    same = (member[1:] == member[:-1]) & (y[1:] == y[:-1])
    inside = np.zeros(len(y), dtype=bool)
    inside[1:-1] = same[1:] & same[:-1]
    return inside


def polyline_arrays(steps: np.ndarray, v: np.ndarray, keep: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The values ``keep`` of the curves ``v[member, row]`` at ``steps[row]`` as
    pyqtgraph's x, y and connect arrays, each member one polyline."""
    ii, jj = np.divmod(np.flatnonzero(keep), v.shape[1])   # flat: np.nonzero is slower
    return steps[jj].astype(float), v[ii, jj], joined(ii)


def _extremes(v: np.ndarray, fin: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Of the finite ``v`` (``fin``), the first, last, lowest and highest of each member in
    each column (rows ``starts[k]`` up to the next start)."""
    m, n = v.shape
    sizes = np.diff(starts, append=n)
    keep = np.zeros((m, n), dtype=bool)
    if fin.all():
        keep[:, starts] = True
        keep[:, starts + sizes - 1] = True
    else:
        j = np.where(fin, np.arange(n, dtype=float), np.nan)
        with np.errstate(invalid="ignore"):
            for p in (np.fmin.reduceat(j, starts, axis=1), np.fmax.reduceat(j, starts, axis=1)):
                i, k = np.nonzero(np.isfinite(p))
                keep[i, p[i, k].astype(np.intp)] = True
    gid = np.repeat(np.arange(len(starts)), sizes)
    with np.errstate(invalid="ignore"):
        for reduce in (np.fmin, np.fmax):
            at = np.flatnonzero(v == np.repeat(reduce.reduceat(v, starts, axis=1), sizes,
                                               axis=1))
            i, r = np.divmod(at, n)
            key = i * len(starts) + gid[r]
            first = np.ones(len(key), dtype=bool)
            first[1:] = key[1:] != key[:-1]
            keep[i[first], r[first]] = True
    return keep


class GrowingColumns:
    """``column_rows`` of curves that grow by rows while runs play, reducing only the rows
    from the last column the call before saw on. A column's first, last, lowest and
    highest values no longer change once a later row falls in another column, so those
    of the columns before the last one are kept (with how many columns they fill); the
    one rule that looks past a column (a value between two equal ones of its own curve
    is left out) is applied to the whole kept sequence each call, as ``column_rows``
    applies it. A frame then costs its new rows and the values kept, not every row."""

    def __init__(self) -> None:
        self._start(None)

    def _start(self, key: object) -> None:
        self._key = key
        self._n = 0
        self._r0 = 0                            # the first row of the last column seen
        self._cols = 0                          # columns wholly before row _r0
        self._m = np.zeros(0, dtype=np.intp)    # (member, row) of the values kept there,
        self._r = np.zeros(0, dtype=np.intp)    # member by member

    def reduce(self, key: object, steps: np.ndarray, data: np.ndarray, runs: np.ndarray,
               drawable, n: int, a: float, b: float, columns: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Member (index into ``runs``), row and value of each value that ``column_rows``
        keeps of ``drawable(data[runs, :n])`` at ``steps[:n]``, member by member.
        ``drawable`` maps values as drawn, elementwise. ``key`` names the curves and
        their rows: with another key, or fewer rows than before, the reduction starts
        again from row 0."""
        if key != self._key or n < self._n:
            self._start(key)
        self._n = n
        lo = self._r0
        if not (len(runs) and n and columns > 0):
            return _finite(drawable(data[runs, :n]))
        v = drawable(data[runs, lo:n])
        starts = _column_starts(steps[lo:n], a, b, columns)
        keep = _extremes(v, np.isfinite(v), starts)
        last = int(starts[-1])
        done_m, done_r = np.divmod(np.flatnonzero(keep[:, :last]), max(last, 1))
        at = np.searchsorted(self._m, done_m, side="right")
        self._m, self._r = np.insert(self._m, at, done_m), np.insert(self._r, at, done_r + lo)
        self._r0, self._cols = lo + last, self._cols + len(starts) - 1
        if 4 * (self._cols + 1) >= n:           # few rows a column: every finite value
            return _finite(drawable(data[runs, :n]))
        open_m, open_r = np.divmod(np.flatnonzero(keep[:, last:]), keep.shape[1] - last)
        at = np.searchsorted(self._m, open_m, side="right")
        mm = np.insert(self._m, at, open_m)
        rr = np.insert(self._r, at, open_r + self._r0)
        y = drawable(data[runs[mm], rr])
        kept = ~_between_equals(mm, y)
        return mm[kept], rr[kept], y[kept]


def _finite(v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Member, row and value of every finite value of ``v``."""
    mm, rr = np.divmod(np.flatnonzero(np.isfinite(v)), max(v.shape[1], 1))
    return mm, rr, v[mm, rr]
