"""How losses are shown: a robust display range, log-spaced where the range is wide.

Display only: the numbers of a run are never changed, a value outside the range is
drawn at its edge and the view says so. Every output is finite, so no NaN or inf can
reach a GL item.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ZMap:
    lo: float
    hi: float
    log: bool
    scale: float
    clipped_above: int = 0
    nonfinite: int = 0

    @classmethod
    def fit(cls, z: np.ndarray, log: bool | None = None) -> ZMap:
        """A display range for the grid ``z``: its minimum up to a robust maximum."""
        z = np.asarray(z, dtype=np.float64)
        finite = np.isfinite(z)
        f = z[finite]
        nonfinite = int(z.size - f.size)
        if f.size == 0:
            return cls(0.0, 1.0, False, 1.0, 0, nonfinite)
        lo, top = float(f.min()), float(f.max())
        p99 = percentile(f, 99.0)
        hi = p99 if top - lo > 1.5 * (p99 - lo) else top
        med = median(f)
        if med > lo:
            hi = min(hi, lo + 1e4 * (med - lo))   # a surface that explodes on part of
                                                   # its window keeps the rest readable
        if not hi > lo:
            hi = lo + max(abs(lo) * 1e-6, 1e-12)
            if not hi > lo:
                hi = lo + 1.0
        p5 = percentile(f, 5.0)
        wide = (med - lo) / (hi - lo) < 0.15
        use_log = wide if log is None else log
        scale = max(p5 - lo, (hi - lo) * 1e-3, np.finfo(float).tiny)
        clipped = int(np.count_nonzero(f > hi))
        return cls(lo, hi, bool(use_log), scale, clipped, nonfinite)

    @property
    def clipped(self) -> bool:
        return self.clipped_above > 0 or self.nonfinite > 0

    def norm(self, z) -> np.ndarray:
        """Loss -> [0, 1]; NaN and +inf map to 1 (top, clipped), -inf to 0. (fmin then
        fmax clip and put NaN at the top in two ufuncs: nan_to_num and clip cost ~10 us
        a call, felt by each frame's few small arrays.)"""
        z = np.asarray(z, dtype=np.float64)
        zc = np.fmax(np.fmin(z, self.hi), self.lo)
        if self.log:
            out = np.log1p((zc - self.lo) / self.scale) / np.log1p((self.hi - self.lo) / self.scale)
        else:
            out = (zc - self.lo) / (self.hi - self.lo)
        return np.fmax(np.fmin(out, 1.0), 0.0)

    def unnorm(self, u) -> np.ndarray:
        """[0, 1] -> loss: where the colour bar and the isolines sit."""
        u = np.asarray(u, dtype=np.float64)
        if self.log:
            return self.lo + self.scale * np.expm1(u * np.log1p((self.hi - self.lo) / self.scale))
        return self.lo + u * (self.hi - self.lo)

    def note(self) -> str:
        """What the view has to admit about the range, or ''."""
        from PySide6.QtCore import QCoreApplication

        translate = QCoreApplication.translate

        parts = []
        if self.clipped_above:
            parts.append(translate("display", "loss above %1 clipped for display")
                         .replace("%1", f"{self.hi:.3g}"))
        if self.nonfinite:
            if self.nonfinite != 1:
                text = translate("display",
                                 "%1 grid points overflow (not finite), drawn at the top")
            else:
                text = translate("display",
                                 "%1 grid point overflows (not finite), drawn at the top")
            parts.append(text.replace("%1", str(self.nonfinite)))
        return translate("display", "; ").join(parts)


def format_value(v: float) -> str:
    if not np.isfinite(v):
        from PySide6.QtCore import QCoreApplication

        text = QCoreApplication.translate("display", "overflow")
        return text if v != v or v > 0 else "-" + text
    a = abs(v)
    if a != 0 and (a < 1e-3 or a >= 1e5):
        return f"{v:.3e}"
    return f"{v:.4g}"


def percentile(a: np.ndarray, q: float) -> float:
    """``np.percentile(a, q)`` of the values of ``a`` (its default, linear interpolation)
    by one partition: np.percentile imports numpy.ma on first use, a pause the window
    would take on the way to showing its first scene."""
    a = np.asarray(a, dtype=np.float64).ravel()
    pos = q / 100.0 * (a.size - 1)
    lo = int(pos)
    hi = min(lo + 1, a.size - 1)
    part = np.partition(a, (lo, hi))
    return float(part[lo] + (part[hi] - part[lo]) * (pos - lo))


def median(a: np.ndarray) -> float:
    """``np.median(a)`` of the values of ``a`` (the mean of the two middle ones for an
    even count) by one partition: np.median imports numpy.ma on first use, as
    np.percentile does."""
    a = np.asarray(a, dtype=np.float64).ravel()
    k = a.size // 2
    if a.size % 2:
        return float(np.partition(a, k)[k])
    part = np.partition(a, (k - 1, k))
    return float((part[k - 1] + part[k]) / 2)


def rows_to_draw(members: int, cursor: int, budget: int) -> np.ndarray:
    """Rows 0..cursor, thinned evenly so members x rows stays within ``budget``; the
    current row is always drawn."""
    stride = max(1, (members * (cursor + 1)) // max(budget, 1))
    rows = np.arange(0, cursor + 1, stride)
    if rows[-1] != cursor:
        rows = np.append(rows, cursor)
    return rows


SWARM = 16              # a run group with more starts than this is drawn as a swarm
DRAWN_MEMBERS = 1000    # the 2D views draw the paths of at most this many of a swarm


def drawn_members(idx, limit: int = DRAWN_MEMBERS) -> np.ndarray:
    """The members of a run group (``idx``) whose paths and points a 2D view draws: all
    of them up to ``limit``, else ``limit`` evenly spread ones. Qt's raster engine takes
    tens of milliseconds a frame for 10,000 paths, and a thousand show the same swarm."""
    idx = np.asarray(idx, dtype=np.intp)
    if len(idx) <= limit:
        return idx
    return idx[np.linspace(0, len(idx) - 1, limit).round().astype(np.intp)]
SWARM_SHARE = 4         # ... with this fraction of the point budget, in hairlines


def swarm_line(members: int, width: float, budget: int) -> tuple[float, int]:
    """(pen width, point budget) for a run group of ``members`` starts. A swarm is drawn
    with 1-pixel lines and a quarter of the points: hundreds of paths overlap anyway,
    and thick lines over tens of thousands of points would cost the window its frame
    rate (Qt's raster engine and llvmpipe fill wide lines pixel by pixel)."""
    if members > SWARM:
        return 1.0, max(budget // SWARM_SHARE, 1)
    return width, budget
