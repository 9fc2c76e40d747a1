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

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdstudio.core.errors import Cancelled, GdError, Msg
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.runner import RunGroup
from gdstudio.core.scene import RunSpec
from gdstudio.core.schedules import check_schedule

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


def fit_run(run: RunSpec, starts: np.ndarray, steps: int | None) -> RunSpec:
    """``run`` from the points ``starts`` (``(N, 2)``, a swarm) for ``steps`` steps
    (None: its own), everything else as the scene defines it. A schedule whose length
    defaults to the run's (cosine's T_max, onecycle's total_steps) spans the new steps,
    as with ``gdstudio run --steps``; one that cannot (an explicit total_steps below
    them) is a GdError naming the run and the key."""
    steps = run.steps if steps is None else int(steps)
    if steps < 0:
        raise ValueError(Msg("steps must be >= 0"))
    if run.schedule is not None and steps != run.steps:
        opt = make_optimizer(run.optimizer, **run.hyper)
        problems = check_schedule(run.schedule, base_lr=opt.hp["lr"], steps=steps,
                                  optimizer=opt)
        if problems:
            key, problem = problems[0]
            raise GdError(Msg("run {label!r}: [run.schedule] {key}: {problem} (for {steps} "
                              "steps)", label=run.label, key=key, problem=problem,
                              steps=steps))
    return dataclasses.replace(run, starts=np.asarray(starts, dtype=np.float64).reshape(-1, 2),
                               swarm=True, steps=steps)


def _drive(group: RunGroup, progress: Progress, cancel: Cancel, chunk: int,
           on_step: Callable[[], bool] | None = None) -> None:
    """Step ``group`` to its end, or until ``on_step()`` (asked after each step) says
    it is done; progress and cancel every ``chunk`` steps."""
    T = max(group.T, 1)
    finished = group.done
    with np.errstate(all="ignore"):
        while not finished:
            for _ in range(chunk):
                group.step()
                stop = on_step is not None and on_step()
                finished = group.done or stop
                if finished:
                    break
            if progress is not None:
                progress(1.0 if finished else group.t / T)
            if cancel is not None and not finished and cancel():
                raise Cancelled(f"stopped after {group.t} of {group.T} steps")


def _diverged(group: RunGroup) -> np.ndarray:
    return np.array([s == "diverged" for s in group.status], dtype=bool)


def basin_map(surface, run: RunSpec, n: int = 200, steps: int | None = None,
              bounds: Bounds | None = None, tol: float | None = None,
              progress: Progress = None, cancel: Cancel = None, chunk: int = 25,
              blowup: float = 1e6) -> BasinMap:
    """The basins of attraction of the run ``run`` on a grid of starts.

    ``n * n`` starts on the grid of ``Surface.grid(n, bounds)`` make one swarm of the run
    (its optimizer and hyperparameters, schedule, batches drawn from its seed, clipping,
    changes and stop rules, exactly as a scene runs it) for ``steps`` steps (default:
    the run's own; nothing is recorded on the way). Each final point is then given the
    index of the nearest minimum (``BasinMap.minima``) if it lies within ``tol`` of it
    (default: 1% of the window's diagonal), else -1; diverged starts (see the module
    docstring) get -2. ``progress``/``cancel`` are checked every ``chunk`` steps;
    cancelling raises :class:`Cancelled`.
    """
    n = int(n)
    if n < 2:
        raise ValueError("a basin map needs n >= 2 starts per axis")
    bounds = bounds if bounds is not None else surface.bounds
    (x0, x1), (y0, y1) = bounds
    diag = math.hypot(x1 - x0, y1 - y0)
    tol = 0.01 * diag if tol is None else float(tol)
    xs = np.linspace(x0, x1, n)
    ys = np.linspace(y0, y1, n)
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    spec = fit_run(run, np.stack([gx.reshape(-1), gy.reshape(-1)], axis=1), steps)
    group = RunGroup(spec, surface, every=max(spec.steps, 1), blowup=blowup)
    _drive(group, progress, cancel, max(1, int(chunk)))
    final = group.last_w
    diverged = _diverged(group)
    minima = _minima_of(surface, bounds, 1e-6 * diag)
    label = np.full(n * n, NOT_CONVERGED, dtype=np.int64)
    if len(minima):
        d = np.hypot(final[:, None, 0] - minima[None, :, 0],
                     final[:, None, 1] - minima[None, :, 1])
        nearest = np.argmin(d, axis=1)
        close = d[np.arange(n * n), nearest] <= tol
        label[close] = nearest[close]
    label[diverged] = DIVERGED
    return BasinMap(xs=xs, ys=ys, label=label.reshape(n, n), final=final.reshape(n, n, 2),
                    minima=minima, steps=spec.steps, tol=tol)


# ---------------------------------------------------------------------------------------
# learning-rate sweeps


def log_lrs(lo: float, hi: float, n: int) -> np.ndarray:
    """``n`` learning rates spaced evenly in log scale from ``lo`` to ``hi`` (both > 0)."""
    if not (lo > 0 and hi > 0):
        raise ValueError(Msg("learning rates must be > 0"))
    return np.logspace(math.log10(lo), math.log10(hi), int(n))


@dataclass
class LrSweep:
    """One run raced against copies of itself at ``N`` learning rates.

    ``final_loss`` (N,) is the loss where each copy ended, ``inf`` for diverged ones;
    ``final`` (N, 2) where each ended (its last finite point if diverged); ``diverged``
    (N,) bool; ``used`` (N,) the steps each made (fewer than ``steps`` if it stopped
    early or spent its evaluation budget: then ``cut``) and ``evals`` (N,) the
    evaluations those cost;
    ``reached`` (N,) the steps (or, with an evaluation budget, the evaluations) after
    which its loss was first at or below the target, ``inf`` if never or without a
    target; ``trajectories`` (steps + 1, N, 2) when asked for, rows after a copy ended
    repeat where it ended.
    """

    lrs: np.ndarray
    final_loss: np.ndarray
    final: np.ndarray
    diverged: np.ndarray
    steps: int
    used: np.ndarray
    evals: np.ndarray
    reached: np.ndarray
    cut: np.ndarray
    trajectories: np.ndarray | None = None

    @property
    def best(self) -> int:
        """Index of the learning rate with the lowest final loss."""
        return int(np.argmin(self.final_loss))


class _Follow:
    """Follows a sweep's group step by step: where each copy ends within the
    evaluation budget ``budget`` (None: no budget but the steps), the steps and
    evaluations it made, when it first reaches ``target``, and its path."""

    def __init__(self, group: RunGroup, budget: int | None, target: float | None,
                 trajectories: bool):
        self.group = group
        self.budget = budget
        self.target = target
        n = group.n
        self.over = np.zeros(n, dtype=bool)
        self.w, self.loss = group.row[0], group.row[1]
        self.active = group.active.copy()
        self.kept_w = self.w.copy()
        self.kept_loss = np.array(self.loss, dtype=np.float64)
        self.used = np.zeros(n, dtype=np.int64)
        self.spent = np.zeros(n)
        self.reached = np.full(n, np.inf)
        if target is not None:
            self.reached[self.loss <= target] = 0
        self.traj = None
        if trajectories:
            self.traj = np.empty((group.T + 1, n, 2))
            self.traj[0] = self.positions()

    def positions(self) -> np.ndarray:
        """Where each copy is: its current point, or where it ended."""
        g = self.group
        live = (g.active & ~self.over)[:, None]
        return np.where(live, g.w, np.where(self.over[:, None], self.kept_w, g.last_w))

    def __call__(self) -> bool:
        """After a step; True once every copy has ended or spent its budget."""
        g = self.group
        t = g.t
        cost = np.broadcast_to(g.evals + g.hessians if self.budget is not None else t, g.n)
        was = self.active & ~self.over
        if self.budget is not None:
            newly = was & (cost > self.budget)
            if newly.any():
                self.kept_w[newly] = self.w[newly]
                self.kept_loss[newly] = self.loss[newly]
                self.over |= newly
                was &= ~newly
        w, loss = g.row[0], g.row[1]
        kept = was & (g.active | (g.last == t))
        self.used[kept] = t
        self.spent[kept] = cost[kept]
        if self.target is not None:
            hit = kept & np.isinf(self.reached) & (loss <= self.target)
            self.reached[hit] = cost[hit]
        self.w, self.loss, self.active = w, loss, g.active.copy()
        if self.traj is not None:
            self.traj[t] = self.positions()
        return bool((self.over | ~g.active).all())


def lr_sweep(surface, run: RunSpec, lrs, steps: int | None = None,
             trajectories: bool = False, evals: int | None = None,
             target: float | None = None, progress: Progress = None, cancel: Cancel = None,
             chunk: int = 50, blowup: float = 1e6) -> LrSweep:
    """Run ``run`` from its first start once per learning rate in ``lrs``, all together.

    The copies are one swarm of the run, as a scene runs it (schedule, batches drawn
    from its seed, clipping, changes, stop rules), for ``steps`` steps (default: its
    own); copy ``k`` has every learning rate the run would use scaled by ``lrs[k] /
    lr``, where ``lr`` is the run's: its own lr becomes ``lrs[k]`` and a schedule keeps
    its shape (see :func:`gdstudio.core.race.scale_lrs`, which writes such a copy as
    a scene's run). With ``evals``, each copy ends where its next step would take it
    past that many evaluations (closure calls and exact Hessians, as the run loop counts
    them in ``RunGroup.evals`` and ``RunGroup.hessians``). ``target``: note when
    each first gets its loss to ``target`` or below. Divergence as in the module
    docstring.
    """
    lrs = np.asarray(lrs, dtype=np.float64).reshape(-1)
    if lrs.size == 0 or not np.all(lrs > 0):
        raise ValueError(Msg("lrs must be a non-empty sequence of learning rates > 0"))
    base = float(make_optimizer(run.optimizer, **run.hyper).hp["lr"])
    if not base > 0:
        raise GdError(Msg("run {label!r}: its lr is 0, so there is no learning rate to "
                          "scale; give it an lr > 0", label=run.label))
    spec = fit_run(run, np.repeat(run.starts[:1], lrs.size, axis=0), steps)
    group = RunGroup(spec, surface, every=max(spec.steps, 1), lr_scale=lrs / base,
                     blowup=blowup)
    follow = _Follow(group, evals, target, trajectories)
    _drive(group, progress, cancel, max(1, int(chunk)), follow)
    over = follow.over
    final = follow.positions()
    diverged = _diverged(group) & ~over
    final_loss = np.where(group.active, follow.loss, group.last_loss)
    final_loss = np.where(over, follow.kept_loss, final_loss)
    final_loss = np.where(diverged | ~np.isfinite(final_loss), np.inf, final_loss)
    traj = follow.traj
    if traj is not None and group.t < spec.steps:
        traj[group.t + 1:] = final
    return LrSweep(lrs=lrs, final_loss=final_loss, final=final, diverged=diverged,
                   steps=spec.steps, used=follow.used, evals=follow.spent,
                   reached=follow.reached, cut=over,
                   trajectories=traj)


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
