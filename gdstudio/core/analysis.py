"""Deeper views of a surface: critical points, basins of attraction, learning-rate sweeps
and gradient noise.

Everything here works on any object with the ``Surface`` interface (a formula surface or a
:class:`gdstudio.core.landscape.GridSurface`) and is vectorised over points: one numpy
operation per Newton iteration or optimizer step for all seeds or starts together.

The long computations (:func:`basin_map`, :func:`lr_sweep`) take ``progress(fraction)``,
called after every chunk of steps with a number in (0, 1], and ``cancel()``; when
``cancel()`` returns True they stop at the end of the current chunk and raise
:class:`Cancelled`.

Divergence, shared by :func:`basin_map` and :func:`lr_sweep`: a run diverges at the first
step where its parameters or its loss are not finite, or its loss exceeds
``blowup * (1 + |L(start)|)``; it is then frozen at its last finite parameters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from gdstudio.core.errors import Cancelled, Msg
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.runner import step_hessian

__all__ = ["DIVERGED", "NOT_CONVERGED", "BasinMap", "Cancelled", "CriticalPoint", "LrSweep",
           "basin_map", "critical_points", "gradient_noise", "log_lrs", "lr_sweep"]

Bounds = tuple[tuple[float, float], tuple[float, float]]
Progress = Callable[[float], object] | None
Cancel = Callable[[], bool] | None

KINDS = ("minimum", "saddle", "maximum", "degenerate")
DIVERGED = -2
NOT_CONVERGED = -1


# ---------------------------------------------------------------------------------------
# critical points


@dataclass(frozen=True)
class CriticalPoint:
    """A point where the gradient vanishes.

    ``kind`` is "minimum" (both Hessian eigenvalues > 0), "maximum" (both < 0), "saddle"
    (one of each) or "degenerate" (an eigenvalue is zero within the tolerance, as at the
    monkey saddle, where the second derivatives cannot decide). ``eigenvalues`` are those
    of the exact Hessian, ascending; ``grad_norm`` is ``|grad L|`` at ``point``.
    """

    point: tuple[float, float]
    value: float
    kind: str
    eigenvalues: tuple[float, float]
    grad_norm: float


def _sym_eig(hxx, hxy, hyy):
    """Ascending eigenvalues and the unit eigenvectors of symmetric 2 x 2 matrices."""
    mean = 0.5 * (hxx + hyy)
    half = 0.5 * (hxx - hyy)
    r = np.hypot(half, hxy)
    lo, hi = mean - r, mean + r
    # eigenvector of hi: (r + half, hxy), or (hxy, r - half); pick the better conditioned
    a = np.where(half >= 0, r + half, hxy)
    b = np.where(half >= 0, hxy, r - half)
    norm = np.hypot(a, b)
    iso = norm == 0
    ux = np.where(iso, 1.0, a / np.where(iso, 1.0, norm))
    uy = np.where(iso, 0.0, b / np.where(iso, 1.0, norm))
    return lo, hi, ux, uy


def _newton_step(gx, gy, hxx, hxy, hyy, rcond):
    """``-H^+ g`` with eigenvalues below ``rcond * max|eig|`` dropped (pseudo-inverse)."""
    lo, hi, ux, uy = _sym_eig(hxx, hxy, hyy)
    big = np.maximum(np.abs(lo), np.abs(hi))
    cut = rcond * big
    ghi = ux * gx + uy * gy          # component along the eigenvector of hi
    glo = -uy * gx + ux * gy         # along the eigenvector of lo
    with np.errstate(divide="ignore", invalid="ignore"):
        chi = np.where(np.abs(hi) > cut, ghi / hi, 0.0)
        clo = np.where(np.abs(lo) > cut, glo / lo, 0.0)
    return -(chi * ux - clo * uy), -(chi * uy + clo * ux)


def critical_points(surface, bounds: Bounds | None = None, seeds: int = 24,
                    max_iter: int = 100, tol: float = 1e-9) -> list[CriticalPoint]:
    """The critical points of ``surface`` inside ``bounds`` (default: its window).

    Newton's method on the exact gradient with the exact Hessian (pseudo-inverse, so a
    singular Hessian does not stop it), started from a ``seeds`` x ``seeds`` grid that
    covers the window, all seeds in one array computation. Each step is limited to a
    quarter of the smaller window side. A seed converges when its gradient is below
    ``tol * max(1, g_scale)``, where ``g_scale`` is the median gradient size over the
    seeds; seeds that leave the window by more than its size are dropped. Converged points
    inside the window (edges included) are merged when closer than 1e-6 of the window's
    diagonal and classified by the eigenvalues of the exact Hessian: an eigenvalue whose
    size is below 1e-6 * max(1, |largest eigenvalue|) makes the point "degenerate".

    Returned ordered minima, saddles, maxima, degenerate, each by value then x, y.
    """
    (x0, x1), (y0, y1) = bounds if bounds is not None else surface.bounds
    wx, wy = x1 - x0, y1 - y0
    diag = math.hypot(wx, wy)
    max_step = 0.25 * min(wx, wy)
    # seeds at cell centres, so symmetric surfaces do not start exactly on a critical point
    sx = x0 + (np.arange(seeds) + 0.5) / seeds * wx
    sy = y0 + (np.arange(seeds) + 0.5) / seeds * wy
    gx_, gy_ = np.meshgrid(sx, sy, indexing="ij")
    x, y = gx_.reshape(-1), gy_.reshape(-1)
    alive = np.ones(x.size, dtype=bool)
    with np.errstate(all="ignore"):
        gx, gy = surface.grad(x, y)
        g_scale = float(np.nanmedian(np.hypot(gx, gy))) if np.isfinite(gx).any() else 1.0
        gtol = tol * max(1.0, g_scale if math.isfinite(g_scale) else 1.0)
        for _ in range(max_iter):
            idx = np.flatnonzero(alive)
            if idx.size == 0:
                break
            xa, ya = x[idx], y[idx]
            gx, gy = surface.grad(xa, ya)
            hxx, hxy, hyy = surface.hessian(xa, ya)
            dx, dy = _newton_step(gx, gy, hxx, hxy, hyy, 1e-12)
            length = np.hypot(dx, dy)
            scale = np.where(length > max_step, max_step / np.where(length > 0, length, 1), 1.0)
            x[idx] = xa + scale * dx
            y[idx] = ya + scale * dy
            ok = (np.isfinite(x[idx]) & np.isfinite(y[idx])
                  & (x[idx] > x0 - wx) & (x[idx] < x1 + wx)
                  & (y[idx] > y0 - wy) & (y[idx] < y1 + wy))
            alive[idx] = ok
            if np.all(length[ok] <= 1e-15 * diag):
                break
        keep = np.flatnonzero(alive)
        x, y = x[keep], y[keep]
        gx, gy = surface.grad(x, y)
    gnorm = np.hypot(gx, gy)
    edge = 1e-9 * diag
    good = ((gnorm <= gtol) & (x >= x0 - edge) & (x <= x1 + edge)
            & (y >= y0 - edge) & (y <= y1 + edge))
    x, y, gnorm = x[good], y[good], gnorm[good]
    order = np.argsort(gnorm, kind="stable")       # keep the best-converged representative
    x, y, gnorm = x[order], y[order], gnorm[order]
    taken = np.zeros(x.size, dtype=bool)
    reps: list[int] = []
    merge = 1e-6 * diag
    for i in range(x.size):                        # over converged seeds, not grid points
        if taken[i]:
            continue
        near = np.hypot(x - x[i], y - y[i]) <= merge
        taken |= near
        reps.append(i)
    x, y, gnorm = (a[np.array(reps, dtype=np.int64)] for a in (x, y, gnorm))
    with np.errstate(all="ignore"):
        value = surface.loss(x, y)
        lo, hi, _, _ = _sym_eig(*surface.hessian(x, y))
    zero = 1e-6 * np.maximum(1.0, np.maximum(np.abs(lo), np.abs(hi)))
    kind = np.where((np.abs(lo) <= zero) | (np.abs(hi) <= zero), "degenerate",
                    np.where(lo > 0, "minimum", np.where(hi < 0, "maximum", "saddle")))
    points = [CriticalPoint((float(a), float(b)), float(v), str(k), (float(e0), float(e1)),
                            float(gn))
              for a, b, v, k, e0, e1, gn in zip(x, y, value, kind, lo, hi, gnorm, strict=True)]
    points.sort(key=lambda p: (KINDS.index(p.kind), p.value, p.point))
    return points


# ---------------------------------------------------------------------------------------
# basins of attraction


@dataclass
class BasinMap:
    """Which minimum each start of an ``n`` x ``n`` grid reaches.

    ``label[i, j]`` is for the start ``(xs[i], ys[j])`` (the layout of ``Surface.grid``,
    indexing="ij"): an index into ``minima``, -1 (``NOT_CONVERGED``: finite but not
    within ``tol`` of a known minimum after ``steps``) or -2 (``DIVERGED``). ``final`` is
    ``(n, n, 2)``: where each start ended (the last finite point for diverged starts).
    ``minima`` is ``(k, 2)``: the surface's known minima, then the other minima
    :func:`critical_points` finds; ``tol`` the distance used to assign them.
    """

    xs: np.ndarray
    ys: np.ndarray
    label: np.ndarray
    final: np.ndarray
    minima: np.ndarray
    steps: int
    tol: float

    def counts(self) -> dict[int, int]:
        """Starts per label (minimum index, -1, -2)."""
        values, n = np.unique(self.label, return_counts=True)
        return {int(v): int(c) for v, c in zip(values, n, strict=True)}


def _minima_of(surface, bounds: Bounds, merge: float) -> np.ndarray:
    known = [m.point for m in surface.minima]
    found = [p.point for p in critical_points(surface, bounds) if p.kind == "minimum"]
    out: list[tuple[float, float]] = []
    for p in known + found:
        if all(math.hypot(p[0] - q[0], p[1] - q[1]) > merge for q in out):
            out.append((float(p[0]), float(p[1])))
    return np.array(out, dtype=np.float64).reshape(-1, 2)


def _take_state(state, idx: np.ndarray, n: int):
    """The optimizer state rows ``idx`` (fields with a leading axis of the swarm's size)."""
    fields = {}
    for name, v in zip(state._fields, state, strict=True):
        if isinstance(v, np.ndarray) and v.ndim >= 1 and v.shape[0] == n:
            fields[name] = v[idx]
    return state._replace(**fields)


class _Swarm:
    """Starts stepped by one optimizer; diverged members leave the arrays, frozen."""

    def __init__(self, surface, optimizer: str, hp: dict, w: np.ndarray, blowup: float,
                 lr=None):
        self.surface = surface
        self.opt = make_optimizer(optimizer, **hp)
        self.lr = float(self.opt.hp["lr"]) if lr is None else lr
        self.w = np.array(w, dtype=np.float64)
        self.final = self.w.copy()
        self.idx = np.arange(len(self.w))
        self.diverged = np.zeros(len(self.w), dtype=bool)
        self.state = self.opt.init(self.w)
        with np.errstate(all="ignore"):
            loss, gx, gy = surface.loss_and_grad(self.w[:, 0], self.w[:, 1])
        self.limit = blowup * (1.0 + np.abs(loss))
        self.f = loss
        self.g = np.stack([gx, gy], axis=1)
        self._drop(~(np.isfinite(loss) & np.isfinite(self.g).all(axis=1)))

    def positions(self) -> np.ndarray:
        """``(N, 2)``: current points, the last finite point of diverged members."""
        self.final[self.idx] = self.w
        return self.final

    def _drop(self, bad: np.ndarray) -> None:
        if not bad.any():
            return
        self.final[self.idx[bad]] = self.w[bad]
        self.diverged[self.idx[bad]] = True
        keep = np.flatnonzero(~bad)
        n = len(self.idx)
        self.idx = self.idx[keep]
        self.w, self.g, self.limit = self.w[keep], self.g[keep], self.limit[keep]
        self.f = self.f[keep]
        self.state = _take_state(self.state, keep, n)
        if isinstance(self.lr, np.ndarray):
            self.lr = self.lr[keep]

    def _closure(self, w: np.ndarray, members: np.ndarray):
        with np.errstate(all="ignore"):
            f, gx, gy = self.surface.loss_and_grad(w[:, 0], w[:, 1])
        return f, np.stack([gx, gy], axis=1)

    def step(self) -> None:
        hessian = step_hessian(self.surface, self.w, None) if self.opt.needs_hessian else None
        w, state = self.opt.update(self.state, self.w, self.g, self.lr, hessian=hessian,
                                   loss=self.f, closure=self._closure)
        with np.errstate(all="ignore"):
            loss, gx, gy = self.surface.loss_and_grad(w[:, 0], w[:, 1])
        g = np.stack([gx, gy], axis=1)
        if np.isfinite(loss.sum() + w.sum() + g.sum()) and not (loss > self.limit).any():
            self.w, self.g, self.f, self.state = w, g, loss, state
            return
        bad = ~(np.isfinite(loss) & np.isfinite(w).all(axis=1) & np.isfinite(g).all(axis=1)
                & (loss <= self.limit))
        self._drop(bad)                       # freezes them at the point before this step
        keep = np.flatnonzero(~bad)
        n = len(bad)
        self.w, self.g, self.f = w[keep], g[keep], loss[keep]
        self.state = _take_state(state, keep, n)

    def run(self, steps: int, progress: Progress, cancel: Cancel, chunk: int,
            on_step: Callable[[int], None] | None = None) -> None:
        done = 0
        while done < steps:
            for _ in range(min(chunk, steps - done)):
                if len(self.idx):
                    self.step()
                done += 1
                if on_step is not None:
                    on_step(done)
            if progress is not None:
                progress(done / steps)
            if cancel is not None and done < steps and cancel():
                raise Cancelled(f"stopped after {done} of {steps} steps")
        self.positions()


def basin_map(surface, optimizer: str, hp: dict, n: int = 200, steps: int = 500,
              bounds: Bounds | None = None, tol: float | None = None,
              progress: Progress = None, cancel: Cancel = None, chunk: int = 25,
              blowup: float = 1e6) -> BasinMap:
    """The basins of attraction of ``optimizer`` (with hyperparameters ``hp``) on a grid.

    ``n * n`` starts on the grid of ``Surface.grid(n, bounds)`` are stepped together with
    the full gradient for ``steps`` steps (nothing is recorded on the way). Each final
    point is then given the index of the nearest minimum (``BasinMap.minima``) if it lies
    within ``tol`` of it (default: 1% of the window's diagonal), else -1; diverged starts
    (see the module docstring) get -2. ``progress``/``cancel`` are checked every ``chunk``
    steps; cancelling raises :class:`Cancelled`.
    """
    n = int(n)
    if n < 2:
        raise ValueError("a basin map needs n >= 2 starts per axis")
    if steps < 0:
        raise ValueError("steps must be >= 0")
    bounds = bounds if bounds is not None else surface.bounds
    (x0, x1), (y0, y1) = bounds
    diag = math.hypot(x1 - x0, y1 - y0)
    tol = 0.01 * diag if tol is None else float(tol)
    xs = np.linspace(x0, x1, n)
    ys = np.linspace(y0, y1, n)
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    starts = np.stack([gx.reshape(-1), gy.reshape(-1)], axis=1)
    swarm = _Swarm(surface, optimizer, hp, starts, blowup)
    swarm.run(int(steps), progress, cancel, max(1, int(chunk)))
    minima = _minima_of(surface, bounds, 1e-6 * diag)
    label = np.full(n * n, NOT_CONVERGED, dtype=np.int64)
    if len(minima):
        fin = swarm.final
        d = np.hypot(fin[:, None, 0] - minima[None, :, 0], fin[:, None, 1] - minima[None, :, 1])
        nearest = np.argmin(d, axis=1)
        close = d[np.arange(n * n), nearest] <= tol
        label[close] = nearest[close]
    label[swarm.diverged] = DIVERGED
    return BasinMap(xs=xs, ys=ys, label=label.reshape(n, n), final=swarm.final.reshape(n, n, 2),
                    minima=minima, steps=int(steps), tol=tol)


# ---------------------------------------------------------------------------------------
# learning-rate sweeps


def log_lrs(lo: float, hi: float, n: int) -> np.ndarray:
    """``n`` learning rates spaced evenly in log scale from ``lo`` to ``hi`` (both > 0)."""
    if not (lo > 0 and hi > 0):
        raise ValueError(Msg("learning rates must be > 0"))
    return np.logspace(math.log10(lo), math.log10(hi), int(n))


@dataclass
class LrSweep:
    """One optimizer raced against copies of itself at ``N`` learning rates.

    ``final_loss`` (N,) is the loss after ``steps`` steps, ``inf`` for diverged runs;
    ``final`` (N, 2) where each run ended (its last finite point if diverged);
    ``diverged`` (N,) bool; ``trajectories`` (steps + 1, N, 2) when asked for, rows after
    a run diverged repeat its last finite point.
    """

    lrs: np.ndarray
    final_loss: np.ndarray
    final: np.ndarray
    diverged: np.ndarray
    steps: int
    trajectories: np.ndarray | None = None

    @property
    def best(self) -> int:
        """Index of the learning rate with the lowest final loss."""
        return int(np.argmin(self.final_loss))


def lr_sweep(surface, optimizer: str, hp: dict, start: Sequence[float], lrs,
             steps: int, trajectories: bool = False, progress: Progress = None,
             cancel: Cancel = None, chunk: int = 50, blowup: float = 1e6) -> LrSweep:
    """Run ``optimizer`` from ``start`` once per learning rate in ``lrs``, all together.

    ``hp`` holds the other hyperparameters (an ``lr`` in it is ignored); the learning rates
    go to the optimizer as one ``(N, 1)`` array. Full gradient; divergence as in the module
    docstring.
    """
    lrs = np.asarray(lrs, dtype=np.float64).reshape(-1)
    if lrs.size == 0 or not np.all(lrs > 0):
        raise ValueError(Msg("lrs must be a non-empty sequence of learning rates > 0"))
    hp = {k: v for k, v in hp.items() if k != "lr"}
    w0 = np.tile(np.asarray(start, dtype=np.float64).reshape(1, 2), (lrs.size, 1))
    swarm = _Swarm(surface, optimizer, hp, w0, blowup, lr=lrs[:, None].copy())
    traj = None
    on_step = None
    if trajectories:
        traj = np.empty((int(steps) + 1, lrs.size, 2))
        traj[0] = swarm.positions()

        def on_step(t: int) -> None:
            traj[t] = swarm.positions()
    swarm.run(int(steps), progress, cancel, max(1, int(chunk)), on_step=on_step)
    with np.errstate(all="ignore"):
        final_loss = surface.loss(swarm.final[:, 0], swarm.final[:, 1])
    final_loss = np.where(swarm.diverged, np.inf, final_loss)
    return LrSweep(lrs=lrs, final_loss=final_loss, final=swarm.final.copy(),
                   diverged=swarm.diverged.copy(), steps=int(steps), trajectories=traj)


# ---------------------------------------------------------------------------------------
# gradient noise


def gradient_noise(surface, w, rows) -> np.ndarray:
    """Angle in degrees between the batch gradient over ``rows`` and the full gradient.

    ``w`` is ``(N, 2)`` (or one point ``(2,)``, giving a 0-d array); ``rows`` the data
    rows of the batch, the same for every point. 0 when the batch is all rows (or the
    surface has no data); NaN where either gradient is zero.
    """
    w = np.asarray(w, dtype=np.float64)
    x, y = w[..., 0], w[..., 1]
    with np.errstate(all="ignore"):
        fx, fy = surface.grad(x, y)
        bx, by = surface.batch_grad(x, y, np.asarray(rows))
        cross = fx * by - fy * bx
        dot = fx * bx + fy * by
        angle = np.degrees(np.arctan2(np.abs(cross), dot))
    zero = (np.hypot(fx, fy) == 0) | (np.hypot(bx, by) == 0)
    return np.where(zero, np.nan, angle)
