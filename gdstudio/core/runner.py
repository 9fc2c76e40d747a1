"""The run loop (scene-format.md, section 4) as a generator of step batches.

A ``SceneRun`` owns every run of a scene. Each ``[[run]]`` is a *group*: one start or a
swarm of N starts computed together, one numpy operation per step for the whole swarm;
the groups that take their gradient from the full loss also share one evaluation of the
surface a step. The GUI worker streams ``SceneRun.batches()``; the notebook API runs a
``SceneRun`` to its end through ``run_scene``; the command line writes one group after
another through ``stream_scene`` (which runs a large scene's groups one at a time).

Step t = 1, 2, ..., steps of every group:

1. ``lr_t`` is the schedule's current learning rate (or the SWA lr from ``swa.start`` on);
2. ``g`` is the gradient of the (batch) loss at ``w_{t-1}``;
3. ``w_t`` is the optimizer's update (L-BFGS evaluates the step's loss again at the
   points its closure is called at: they are kept as the step's trial points);
4. row t records ``w_t``, the full loss ``L(w_t)`` and ``lr_t`` — unless ``w_t`` or the
   loss is not finite: then the run ends ``diverged`` and row t is not recorded;
5. stop rules: patience (``early_stopped``); SWA averages ``w_t`` on its steps; the
   schedule steps (plateau with ``L(w_t)``); the next lr below ``min_lr`` ends the run
   (``min_lr``). A run that reaches its last step ends ``max_steps``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np

from gdstudio.core.budget import check_budget, estimate
from gdstudio.core.errors import GdError, Msg
from gdstudio.core.optimizers import OPTIMIZERS, make_optimizer
from gdstudio.core.scene import Change, RunSpec, Scene, build_surface
from gdstudio.core.schedules import make_schedule
from gdstudio.core.values import show

STATUSES = ("max_steps", "early_stopped", "min_lr", "diverged")
TOGETHER_BYTES = 16 << 20
""":func:`stream_scene` steps the groups of a scene together (one evaluation of the
surface a step for all of them) when the estimate of their rows for the command line
(:func:`gdstudio.core.budget.estimate`) is at most this; a larger scene runs one group
after another, so only one group's rows are held at a time."""


@dataclass
class RunInfo:
    label: str
    group: int
    member: int
    start: tuple[float, float]
    color: str | None
    steps: int


@dataclass
class StepBatch:
    """Rows ``t0 .. t1-1`` of every run; NaN where a run had already ended. Indexed
    ``[run, row]`` but stored row by row, as the runner makes them and the window keeps
    them: copying a swarm's batch into the window's rows is then a copy of contiguous
    memory, not a transposition (30 ms for 10,000 runs x 20 rows).

    ``evals`` (runs, rows) counts the closure calls (loss and gradient evaluations) each
    run has made up to each row: one per step for every optimizer but L-BFGS. ``trials``
    holds the extra points L-BFGS evaluated within the steps of these rows (its line
    search's trial points, or its inner iterations): ``run`` (P,), ``step`` (P,) and
    ``xy`` (P, 2), in the order they were evaluated within a step."""

    t0: int
    t1: int
    w: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    ended: list[tuple[int, str, int]] = field(default_factory=list)
    evals: np.ndarray | None = None
    trials: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


def merge_batches(batches: Sequence[StepBatch]) -> StepBatch:
    """Consecutive batches as one (what a consumer that throttles its redraws shows),
    stored row by row like each of them."""
    if len(batches) == 1:
        return batches[0]

    def rows(a: np.ndarray) -> np.ndarray:
        return a.swapaxes(0, 1)

    def cat(name: str) -> np.ndarray:
        return rows(np.concatenate([rows(getattr(b, name)) for b in batches]))

    def cat_evals() -> np.ndarray | None:
        parts = [rows(b.evals) for b in batches if b.evals is not None]
        return rows(np.concatenate(parts)) if len(parts) == len(batches) else None

    trials = None
    if all(b.trials is not None for b in batches):
        parts = [b.trials for b in batches if b.trials is not None]
        run, step, xy = (np.concatenate([p[k] for p in parts]) for k in range(3))
        trials = (run, step, xy)
    return StepBatch(t0=batches[0].t0, t1=batches[-1].t1, w=cat("w"), loss=cat("loss"),
                     lr=cat("lr"), ended=[e for b in batches for e in b.ended],
                     evals=cat_evals(), trials=trials)


@dataclass
class Trials:
    """The trial points of a group's kept rows, member by member: member ``m``'s are
    ``step[start[m]:start[m + 1]]`` and ``xy[...]``, in the order they were evaluated."""

    start: np.ndarray
    step: np.ndarray
    xy: np.ndarray

    def of(self, m: int) -> tuple[np.ndarray, np.ndarray]:
        sl = slice(int(self.start[m]), int(self.start[m + 1]))
        return self.step[sl], self.xy[sl]


@dataclass
class SwaResult:
    x: float
    y: float
    loss: float
    n: int


@dataclass
class RunResult:
    """One run's kept rows: ``step`` and its ``x``, ``y``, ``loss``, ``lr`` (views into its
    group's arrays), the status it ended with and its SWA average."""

    label: str
    status: str
    step: np.ndarray
    x: np.ndarray
    y: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    swa: SwaResult | None = None
    state: dict[str, np.ndarray] | None = None
    evals: np.ndarray | None = None
    """Closure calls (loss and gradient evaluations) up to each kept row."""
    trials: tuple[np.ndarray, np.ndarray] | None = None
    """L-BFGS runs: ``step`` (P,) and ``xy`` (P, 2) of every point its closure was called
    at within the kept steps, beyond each step's first call at the previous row."""


@dataclass
class GroupResult:
    """The kept rows of one ``[[run]]``, column by column: ``x``, ``y``, ``loss`` and ``lr``
    are (members, rows) arrays; member ``m`` has ``count[m]`` rows (the cells after them
    are NaN), at steps 0, every, 2 every, ... and its last step ``last[m]``.

    A swarm of 100,000 members is four arrays, not 100,000 objects: :meth:`run` builds a
    member's :class:`RunResult` (views, no copies) when it is asked for.
    """

    labels: list[str]
    status: list[str]
    every: int
    last: np.ndarray
    count: np.ndarray
    x: np.ndarray
    y: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    swa: np.ndarray | None = None
    """(members, 4): the SWA average's x, y, loss and how many rows it averages; None
    without ``[run.swa]``."""
    state: dict[str, np.ndarray] | None = None
    """With ``state=True``: torch's state names -> the state after every step, ``(steps +
    1, members, 2)`` for a tensor or ``(steps + 1, members)`` for a number (NaN where
    absent); None otherwise."""
    evals: np.ndarray | None = None
    """(members, rows): closure calls up to each kept row, laid out as ``loss``."""
    trials: Trials | None = None
    """The L-BFGS trial points of the kept rows; None when no optimizer of the group
    calls its closure more than once a step."""

    def __len__(self) -> int:
        return len(self.labels)

    def steps(self, m: int) -> np.ndarray:
        """The steps of member ``m``'s rows."""
        last = int(self.last[m])
        step = np.arange(0, last + 1, self.every)
        return step if step[-1] == last else np.append(step, last)

    def run(self, m: int) -> RunResult:
        k = int(self.count[m])
        return RunResult(label=self.labels[m], status=self.status[m], step=self.steps(m),
                         x=self.x[m, :k], y=self.y[m, :k], loss=self.loss[m, :k],
                         lr=self.lr[m, :k], swa=self.swa_result(m),
                         state=self.member_state(m),
                         evals=None if self.evals is None else self.evals[m, :k],
                         trials=None if self.trials is None else self.trials.of(m))

    def member_state(self, m: int) -> dict[str, np.ndarray] | None:
        """Member ``m``'s state at its kept rows: name -> ``(rows, 2)`` or ``(rows,)``."""
        if self.state is None:
            return None
        step = self.steps(m)
        return {name: col[step, m].copy() for name, col in self.state.items()}

    def swa_result(self, m: int) -> SwaResult | None:
        if self.swa is None or self.swa[m, 3] == 0:
            return None
        x, y, loss, n = self.swa[m].tolist()
        return SwaResult(x=x, y=y, loss=loss, n=int(n))


class RunResults(Sequence):
    """Every run of a scene in order, as a sequence of :class:`RunResult` built on access."""

    def __init__(self, groups: list[GroupResult]):
        self._groups = groups
        self._starts = np.cumsum([0] + [len(g) for g in groups])

    def __len__(self) -> int:
        return int(self._starts[-1])

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        i = operator.index(i)
        if not -n <= i < n:
            raise IndexError(i)
        i %= n
        g = int(np.searchsorted(self._starts, i, side="right")) - 1
        return self._groups[g].run(i - int(self._starts[g]))

    def __iter__(self) -> Iterator[RunResult]:
        for g in self._groups:
            for m in range(len(g)):
                yield g.run(m)


@dataclass
class SceneResult:
    """What ``run_scene`` returns: ``groups`` hold the rows of each ``[[run]]`` as arrays;
    ``runs`` and :meth:`run` give one run at a time."""

    title: str
    params: tuple[str, str]
    groups: list[GroupResult]

    @property
    def runs(self) -> RunResults:
        return RunResults(self.groups)

    def run(self, label: str) -> RunResult:
        for g in self.groups:
            if label in g.labels:
                return g.run(g.labels.index(label))
        raise KeyError(label)


@dataclass
class SceneStream:
    """What :func:`stream_scene` returns: like a :class:`SceneResult`, but its ``groups``
    come one at a time, each once its ``[[run]]`` has run to its end; ``state`` tells
    whether they carry the optimizer's state."""

    title: str
    params: tuple[str, str]
    groups: Iterator[GroupResult]
    state: bool = False
    trials: bool = False       # some run uses L-BFGS (its groups carry ``trials``)


class RunGroup:
    """The state of one [[run]] (a swarm of ``n`` members) and its recorded rows.

    The analyses (basin maps, learning-rate sweeps, the fair race) drive a group
    directly, so a map or a sweep honours everything a run does: ``lr_scale`` (``(n,)``)
    multiplies every learning rate member ``m`` would use by ``lr_scale[m]`` (the
    schedule's curve, an SWA lr, the lrs of its changes), which is the run with each of
    those learning rates scaled as :func:`gdstudio.core.race.scale_lrs` writes it;
    with ``blowup`` a member also diverges where its loss exceeds ``blowup * (1 +
    |L(start)|)``. ``evals`` (``(n,)``) counts each member's closure calls (loss and
    gradient evaluations: one a step, more in a line search) and ``hessians`` the exact
    Hessians the group's steps computed; a fair race's evaluation budget counts both.

    Only the rows a consumer gets are kept: row ``t`` lands in ``W[t // every]`` (and
    ``L``, ``LR``, ``E``) when ``t % every == 0``; each member's last row is copied aside
    when it ends (``last_w``, ``last_loss``, ``last_lr``, ``last_evals``), from the
    latest row (``row``), so memory is members x kept rows whatever the number of steps.
    The arrays are a ring: with fewer rows than that (``stream``), they hold the latest
    rows only, which is all a consumer of :meth:`SceneRun.batches` reads. The trial
    points of an L-BFGS step are kept the same way, in ``trials`` as (step, members, xy)
    parts: those of kept rows, and those of each member's last row when it ends.
    """

    W: np.ndarray
    L: np.ndarray
    LR: np.ndarray
    E: np.ndarray

    def __init__(self, spec: RunSpec, surface, offset: int = 0, every: int = 1,
                 stream: bool = False, record_state: bool = False,
                 lr_scale: np.ndarray | None = None, blowup: float | None = None):
        self.spec = spec
        self.surface = surface
        self.offset = offset
        self.n = n = spec.size
        self.T = T = spec.steps
        self.opt = make_optimizer(spec.optimizer, **spec.hyper)
        self.base_lr = float(self.opt.hp["lr"])
        self.sched = None
        if spec.schedule is not None:
            self.sched = make_schedule(spec.schedule, base_lr=self.base_lr, steps=T,
                                       optimizer=self.opt)
        self.sched_state = self.sched.init(n) if self.sched is not None else None
        self.lr_scale = None if lr_scale is None else np.asarray(lr_scale, dtype=np.float64)
        self.per_member_lr = lr_scale is not None or (spec.schedule is not None and
                                                      spec.schedule.get("kind") == "plateau")
        self.hessians = 0

        stop = spec.stop or {}
        self.patience = stop.get("patience")
        self.min_delta = float(stop.get("min_delta", 0.0))
        self.min_lr = stop.get("min_lr")
        swa = spec.swa
        self.swa_start = swa["start"] if swa else None
        self.swa_every = swa.get("every", 1) if swa else 1
        self.swa_lr = float(swa["lr"]) if swa and "lr" in swa else None

        self.clip = spec.clip
        self.w = np.array(spec.starts, dtype=np.float64)
        self.opt_state = self.opt.init(self.w)
        self.changes = {c.at: c for c in spec.changes}
        self.evals = np.zeros(n, dtype=np.int64)
        self._ones = np.ones(n, dtype=np.int64)
        self.trials: list[tuple[int, np.ndarray, np.ndarray]] = []
        self.latest_trials: tuple[int, np.ndarray, np.ndarray] | None = None
        self._step_trials: list[tuple[np.ndarray, np.ndarray]] = []
        self.stream = stream
        self.emitted = 0   # parts of trials already in a StepBatch
        self.has_trials = uses_closure(spec)
        self.state_rows = _StateRows(T, n) if record_state else None
        self.every = min(every, T + 1)   # larger keeps the same rows: 0 and the last
        self._allocate(1 if stream else T // every + 1 + (T % every != 0))
        self.last_w = np.empty((n, 2))
        self.last_loss = np.empty(n)
        self.last_lr = np.full(n, np.nan)
        self.last_evals = np.zeros(n)
        self.active = np.ones(n, dtype=bool)
        self.all_ended = False
        self.status: list[str | None] = [None] * n
        self.last = np.zeros(n, dtype=np.int64)
        self.events: list[tuple[int, str, int]] = []
        self.t = 0

        m = surface.n_samples
        self.minibatch = (m is not None and spec.batch_size is not None
                          and spec.batch_size < m)
        self.rng = np.random.default_rng(spec.seed) if self.minibatch else None
        self.order: np.ndarray | None = None
        self.pos = 0

        if self.patience is not None:
            self.best = np.full(n, np.inf)
            self.wait = np.zeros(n, dtype=np.int64)
        if self.swa_start is not None:
            self.swa_avg = np.zeros((n, 2))
            self.swa_n = np.zeros(n, dtype=np.int64)

        with np.errstate(all="ignore"):
            loss, gx, gy = surface.loss_and_grad(self.w[:, 0], self.w[:, 1])
        self._record(0, self.w, loss, np.nan)
        self.f = loss
        self.grad = _pair(gx, gy)
        self.limit = None if blowup is None else blowup * (1.0 + np.abs(loss))
        bad = ~np.isfinite(loss)
        if bad.any():
            self._end(bad, "diverged", 0)
        if T == 0:
            self._end(self.active.copy(), "max_steps", 0)

    @property
    def done(self) -> bool:
        return self.t >= self.T or self.all_ended

    def _allocate(self, rows: int) -> None:
        """Room for ``rows`` kept rows, keeping the latest ones already recorded."""
        old = (self.W, self.L, self.LR, self.E) if hasattr(self, "W") else None
        n = self.n
        self.W = np.empty((rows, n, 2))
        self.L = np.empty((rows, n))
        self.LR = np.full((rows, n if self.per_member_lr else 1), np.nan)
        self.E = np.empty((rows, n))
        if old is not None:
            top = self.t // self.every
            keep = np.arange(max(0, top + 1 - min(rows, len(old[1]))), top + 1)
            for new, was in zip((self.W, self.L, self.LR, self.E), old, strict=True):
                new[keep % rows] = was[keep % len(was)]

    def rows(self, t0: int, t1: int) -> tuple[np.ndarray, ...]:
        """Kept rows ``t0 .. t1-1`` (every=1) of ``W``, ``L``, ``LR``, ``E``, as new arrays."""
        idx = np.arange(t0, t1) % len(self.L)
        return self.W[idx], self.L[idx], self.LR[idx], self.E[idx]

    def _record(self, t: int, w: np.ndarray, loss: np.ndarray, lr,
                trials: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Row ``t`` and the trial points of its step: kept if ``t % every == 0``, and
        held as the latest row either way."""
        evals = self.evals.astype(np.float64)
        self.row = (w, loss, lr, evals)
        self.latest_trials = None if trials is None else (t, *trials)
        if t % self.every == 0:
            j = t // self.every % len(self.L)
            self.W[j] = w
            self.L[j] = loss
            self.LR[j] = lr
            self.E[j] = evals
            if self.latest_trials is not None:
                self.trials.append(self.latest_trials)

    def _end(self, mask: np.ndarray, status: str, last: int) -> None:
        """End the members in ``mask`` at row ``last``: the latest recorded row."""
        w, loss, lr, evals = self.row
        self.last_w[mask] = w[mask]
        self.last_loss[mask] = loss[mask]
        self.last_lr[mask] = lr[mask] if isinstance(lr, np.ndarray) else lr
        self.last_evals[mask] = evals[mask]
        if self.latest_trials is not None and last % self.every != 0:
            t, members, xy = self.latest_trials
            mine = mask[members]
            if mine.any():
                self.trials.append((t, members[mine], xy[mine]))
        ended = np.flatnonzero(mask)
        self.last[ended] = last
        for i in ended.tolist():
            self.status[i] = status
        self.events += [(self.offset + i, status, last) for i in ended.tolist()]
        self.active &= ~mask
        self.all_ended = not self.active.any()

    def _lr(self, state: Any, t: int) -> float | np.ndarray:
        if self.swa_lr is not None and self.swa_start is not None and t >= self.swa_start:
            return self.swa_lr
        if self.sched is None:
            return self.base_lr
        return self.sched.lr(state)

    def _next_rows(self) -> np.ndarray:
        m, b, rng = self.surface.n_samples, self.spec.batch_size, self.rng
        assert b is not None and rng is not None, "only minibatch runs draw rows"
        if self.order is None or self.pos >= m:
            self.order = rng.permutation(m)
            self.pos = 0
        rows = self.order[self.pos:self.pos + b]
        self.pos += b
        return rows

    def step(self) -> None:
        """One step of every member; call under ``np.errstate(all="ignore")``."""
        t, lr, trials = self.move()
        w = self.w
        if self.minibatch:
            self.settle(t, lr, self.surface.loss(w[:, 0], w[:, 1]), trials)
        else:
            loss, gx, gy = self.surface.loss_and_grad(w[:, 0], w[:, 1])
            self.settle(t, lr, loss, trials, _pair(gx, gy))

    def move(self) -> tuple[int, float | np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
        """The first half of :meth:`step`: the optimizer's update to ``w_t``. Returns
        ``t``, ``lr_t`` and the step's trial points (None unless the optimizer called a
        closure), which :meth:`settle` needs with the loss at the new ``w``."""
        t = self.t + 1
        surface = self.surface
        if self.t in self.changes:
            self._apply_change(self.changes[self.t])
        lr = self._lr(self.sched_state, t)
        if self.lr_scale is not None:
            lr = lr * self.lr_scale
        momentum = self.sched.momentum(self.sched_state) if self.sched is not None else None
        lr_arg = lr[:, None] if isinstance(lr, np.ndarray) else lr

        rows = self._next_rows() if self.minibatch else None
        closure = f = None
        if self.opt.needs_closure:
            if rows is not None:
                f, gx, gy = surface.batch_loss_and_grad(self.w[:, 0], self.w[:, 1], rows)
                g = _pair(gx, gy)
            else:
                f, g = self.f, self.grad
            closure = self._closure(rows)
        elif rows is not None:
            g = _pair(*surface.batch_grad(self.w[:, 0], self.w[:, 1], rows))
        else:
            g = self.grad
        if self.clip is not None:
            g = clip_grad(g, self.clip)
        hessian = step_hessian(surface, self.w, rows) if self.opt.needs_hessian else None
        self.evals = self.evals + self._ones
        if self.opt.needs_hessian:
            self.hessians += 1
        self.w, self.opt_state = self.opt.update_quietly(self.opt_state, self.w, g, lr_arg,
                                                         momentum, hessian, f, closure)
        return t, lr, None if closure is None else self._take_trials()

    def settle(self, t: int, lr: float | np.ndarray, loss: np.ndarray,
               trials: tuple[np.ndarray, np.ndarray] | None,
               grad: np.ndarray | None = None, finite: bool = False) -> None:
        """The second half of :meth:`step`, given ``loss`` ``L(w_t)`` (and its gradient
        ``grad``, ``(n, 2)``, unless the group draws minibatches): the divergence check,
        row ``t``, the stop rules, SWA and the schedule. ``finite`` says the caller has
        found ``w_t`` and the loss finite."""
        w = self.w
        if grad is not None:
            self.f = loss
            self.grad = grad

        ok = None
        if not finite and not np.isfinite(loss.sum() + w.sum()):
            ok = np.isfinite(loss) & np.isfinite(w).all(axis=1)
        if self.limit is not None and (loss > self.limit).any():
            ok = (loss <= self.limit) if ok is None else ok & (loss <= self.limit)
        if ok is not None:
            self._end(self.active & ~ok, "diverged", t - 1)

        self._record(t, w, loss, lr, trials)
        if self.state_rows is not None:
            self.state_rows.record(t, self.opt.exposed_state(self.opt_state))

        if self.patience is not None:
            improved = loss < self.best - self.min_delta
            self.best = np.where(improved & self.active, loss, self.best)
            self.wait = np.where(improved, 0, self.wait + 1)
            recorded = self.active.copy()
            stopped = self.active & (self.wait >= self.patience)
            if stopped.any():
                self._end(stopped, "early_stopped", t)
        else:
            recorded = self.active

        if (self.swa_start is not None and t >= self.swa_start
                and (t - self.swa_start) % self.swa_every == 0):
            k = recorded
            n_prev = self.swa_n[k][:, None]
            avg = self.swa_avg[k]
            self.swa_avg[k] = np.where(n_prev == 0, w[k], avg + (w[k] - avg) / (n_prev + 1))
            self.swa_n[k] += 1

        if self.sched is not None:
            self.sched_state = self.sched.step(self.sched_state, loss)
        if self.min_lr is not None:
            nxt = self._lr(self.sched_state, t + 1)
            low = self.active & (np.asarray(nxt) < self.min_lr)
            if low.any():
                self._end(low, "min_lr", t)

        self.t = t
        if t == self.T and self.active.any():
            self._end(self.active.copy(), "max_steps", t)

    def _closure(self, rows: np.ndarray | None):
        """The step's closure for an optimizer that evaluates the loss itself (L-BFGS):
        the loss and the (clipped) gradient of the step's loss, full or the batch
        ``rows``, at given points of given members; each call is counted and its points
        kept as the step's trial points."""
        surface, clip = self.surface, self.clip

        def closure(w: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            if rows is None:
                f, gx, gy = surface.loss_and_grad(w[:, 0], w[:, 1])
            else:
                f, gx, gy = surface.batch_loss_and_grad(w[:, 0], w[:, 1], rows)
            g = _pair(gx, gy)
            if clip is not None:
                g = clip_grad(g, clip)
            self.evals[members] += 1
            self._step_trials.append((np.array(members), np.array(w, dtype=np.float64)))
            return f, g

        return closure

    def _take_trials(self) -> tuple[np.ndarray, np.ndarray]:
        """The members and points of the closure calls of the step just made."""
        parts, self._step_trials = self._step_trials, []
        if not parts:
            return np.empty(0, dtype=np.int64), np.empty((0, 2))
        return (np.concatenate([m for m, _ in parts]),
                np.concatenate([xy for _, xy in parts]))

    def _apply_change(self, change: Change) -> None:
        """Make a ``[[run.change]]``, before step ``change.at + 1``: new hyperparameters
        over the param group in force with the state kept (as ``param_group[key] =
        value``; before the first step it is made afresh, as torch makes it there), or a
        new optimizer with an empty state. Without a schedule the learning rate is the
        new one's."""
        if change.optimizer is None:
            self.opt = make_optimizer(self.opt.name, **{**self.opt.hp, **change.hyper})
            if self.t == 0 and not self.opt.state_in_constructor:
                self.opt_state = self.opt.init(self.w)
        else:
            self.opt = make_optimizer(change.optimizer, **change.hyper)
            self.opt_state = self.opt.init(self.w)
        if self.sched is None:
            self.base_lr = float(self.opt.hp["lr"])

    def swa_result(self, i: int) -> SwaResult | None:
        if self.swa_start is None or self.swa_n[i] == 0:
            return None
        x, y = self.swa_avg[i]
        with np.errstate(all="ignore"):
            loss = float(self.surface.loss(np.array([x]), np.array([y]))[0])
        return SwaResult(x=float(x), y=float(y), loss=loss, n=int(self.swa_n[i]))


class _StateRows:
    """The optimizer state after each step of a group, by torch's names: ``(T + 1, n, 2)``
    for a tensor, ``(T + 1, n)`` for a number (``step``, ``mu_product``); NaN at row 0,
    and on rows where the optimizer then in use had no such state."""

    def __init__(self, T: int, n: int):
        self.T = T
        self.n = n
        self.columns: dict[str, np.ndarray] = {}

    def record(self, t: int, state: dict[str, Any]) -> None:
        """Row ``t``; a column is made when its name first has a value (it is recorded
        every step of a window's single starts: a few microseconds a step)."""
        for name, value in state.items():
            if value is None:
                continue
            col = self.columns.get(name)
            if col is None:
                tensor = np.ndim(value) == 2 and np.shape(value)[1] == 2
                shape = (self.T + 1, self.n, 2) if tensor else (self.T + 1, self.n)
                col = self.columns[name] = np.full(shape, np.nan)
            if col.ndim == 3 or isinstance(value, (int, float)):
                col[t] = value
            else:
                col[t] = np.reshape(value, -1)



def swa_average(w: np.ndarray, start: int, every: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The SWA average of recorded rows ``w`` (rows 0..t of one run, shape (t + 1, 2), or
    of a swarm's members, (n, t + 1, 2)): the equal average of rows ``start, start +
    every, ...`` up to t, as the run loop keeps it (so a view can show it at any step),
    and how many rows it averages (NaN and 0 before ``start``). Rows after a run ended
    are NaN and left out."""
    rows = np.asarray(w, dtype=np.float64)[..., int(start)::int(every), :]
    ok = np.isfinite(rows).all(axis=-1)
    n = ok.sum(axis=-1)
    total = np.where(np.expand_dims(ok, -1), rows, 0.0).sum(axis=-2)
    with np.errstate(invalid="ignore"):
        return total / np.expand_dims(n, -1), n


def asgd_average(spec: RunSpec, w: np.ndarray) -> np.ndarray | None:
    """ASGD's averaged point ``ax`` after the last of the recorded rows ``w`` (rows 0..t of
    a run's members, shape (n, t + 1, 2)), as torch keeps it in ``optimizer.state``; None
    when the optimizer in force at step t is not ``asgd`` or has taken no step yet.

    ``ax`` is the last iterate while ``mu`` is 1, then a running average. With one ``t0``
    since the optimizer was made, step k's ``mu`` is 1 / (k - 1 - t0) once that exceeds 1,
    and the recurrence telescopes to ``ax_T = ((s - c) w_s + w_{s+1} + ... + w_T) / (T -
    c)`` with ``c = 1 + t0`` and ``s`` the last step with ``mu = 1``: one cumulative sum,
    however long the run. A ``t0`` changed by a ``[[run.change]]`` meanwhile takes the
    recurrence step by step. A member whose run ended keeps the ``ax`` of its last step
    (its later rows are NaN)."""
    w = np.asarray(w, dtype=np.float64)
    t = w.shape[-2] - 1
    name, given, start = spec.optimizer, dict(spec.hyper), 0
    for change in spec.changes:
        if change.at >= t:
            break
        if change.optimizer is not None:
            name, given, start = change.optimizer, dict(change.hyper), change.at
    if name != "asgd" or t <= start:
        return None
    t0s = [(1, float(make_optimizer("asgd", **given).hp["t0"]))]   # (first local step, t0)
    for change in spec.changes:
        if start <= change.at < t and change.optimizer is None and "t0" in change.hyper:
            given.update(change.hyper)
            t0s.append((change.at - start + 1, float(make_optimizer("asgd", **given).hp["t0"])))
    rows = w[:, start + 1:, :]                    # local steps 1..T
    ok = np.isfinite(rows).all(axis=-1)
    big_t = np.where(ok.any(axis=1), ok.shape[1] - np.argmax(ok[:, ::-1], axis=1), 0)
    out = np.full((w.shape[0], 2), np.nan)
    m = np.nonzero(big_t >= 1)[0]
    if len(t0s) == 1:
        t0 = t0s[0][1]
        bt = big_t[m]
        ss = np.minimum(bt, max(1, math.floor(t0 + 2)))
        c = 1.0 + t0
        sums = np.cumsum(np.where(ok[..., None], rows, 0.0), axis=1)[m]
        k = np.arange(len(m))
        w_s, w_t = rows[m, ss - 1], rows[m, bt - 1]
        with np.errstate(all="ignore"):
            avg = ((ss - c)[:, None] * w_s + sums[k, bt - 1] - sums[k, ss - 1]) \
                / (bt - c)[:, None]
        out[m] = np.where((bt == ss)[:, None], w_t, avg)
        return out
    ax = np.zeros((w.shape[0], 2))
    mu = np.ones(w.shape[0])
    t0 = t0s[0][1]
    for step in range(1, rows.shape[1] + 1):
        t0 = next((v for at, v in reversed(t0s) if at <= step), t0)
        row, live = rows[:, step - 1], ok[:, step - 1]
        new = np.where((mu == 1)[:, None], row, ax + (row - ax) * mu[:, None])
        ax = np.where(live[:, None], new, ax)
        mu = np.where(live, 1 / max(1.0, step - t0), mu)
    out[m] = ax[m]
    return out


def batch_rows(seed: int, batch_size: int | None, m: int, step: int) -> np.ndarray:
    """The data rows that step ``step`` (1, 2, ...) of a run uses, as the run loop draws
    them: ``rng = default_rng(seed)``, a permutation per epoch, consecutive slices (the
    last slice of an epoch may be short). All rows when ``batch_size`` covers the data."""
    if batch_size is None or batch_size >= m:
        return np.arange(m)
    per_epoch = -(-m // batch_size)
    epoch, k = divmod(max(int(step), 1) - 1, per_epoch)
    rng = np.random.default_rng(seed)
    for _ in range(epoch):
        rng.permutation(m)
    return rng.permutation(m)[k * batch_size:(k + 1) * batch_size]


def clip_grad(g: np.ndarray, clip: dict[str, Any]) -> np.ndarray:
    """Each member's gradient (a row of ``g``) clipped as torch clips one parameter's.

    ``norm = MAX`` is ``torch.nn.utils.clip_grad_norm_(p, MAX, norm_type)``: the total
    norm is the ``norm_type`` norm of the list of per-tensor norms (here one), then
    ``g *= min(MAX / (total + 1e-6), 1.0)``, so a gradient below MAX is left unchanged
    and one above comes out slightly shorter than MAX. ``value = V`` is
    ``clip_grad_value_``: each component clamped to [-V, V].
    """
    if "value" in clip:
        v = float(clip["value"])
        return np.minimum(np.maximum(g, -v), v)
    p = float(clip.get("norm_type", 2.0))
    total = _vector_norm(_vector_norm(g, p)[:, None], p)
    coef = float(clip["norm"]) / (total + 1e-6)
    return g * np.minimum(coef, 1.0)[:, None]


def _vector_norm(a: np.ndarray, p: float) -> np.ndarray:
    """``torch.linalg.vector_norm`` of each row of ``a`` (shape (N, k)), as ``(N,)``."""
    mag = np.abs(a)
    if p == math.inf:
        return mag.max(axis=1)
    if p == -math.inf:
        return mag.min(axis=1)
    if p == 0:
        return (mag != 0).sum(axis=1).astype(np.float64)
    if p == 1:
        return mag.sum(axis=1)
    if p == 2:
        return np.sqrt((mag * mag).sum(axis=1))
    return (mag**p).sum(axis=1) ** (1 / p)


def step_hessian(surface, w: np.ndarray, rows: np.ndarray | None) -> np.ndarray:
    """The ``(N, 2, 2)`` Hessian at ``w`` of the loss the step's gradient is taken of:
    the full loss, or the mean over the batch ``rows``."""
    if rows is None:
        hxx, hxy, hyy = surface.hessian(w[:, 0], w[:, 1])
    else:
        hxx, hxy, hyy = surface.batch_hessian(w[:, 0], w[:, 1], rows)
    h = np.empty((len(w), 2, 2))
    h[:, 0, 0] = hxx
    h[:, 0, 1] = h[:, 1, 0] = hxy
    h[:, 1, 1] = hyy
    return h


def _advance_together(groups: Sequence[RunGroup], surface, target: int) -> None:
    """Step every unfinished group up to step ``target``, evaluating the surface once a
    step for all of them: the groups that take their next gradient from the full loss
    at their new points (all but minibatch runs, which draw their own rows) are moved,
    their new points evaluated in one call, and each settled with its slice of the
    result. Each point's loss and gradient are computed element by element, so they are
    the numbers a group alone gets; the groups do not depend on each other."""
    alone = [g for g in groups if g.minibatch]
    shared = [g for g in groups if not g.minibatch]
    with np.errstate(all="ignore"):
        for g in alone:
            while g.t < target and not g.done:
                g.step()
        live = [g for g in shared if g.t < target and not g.done]
        while live:
            if len(live) == 1:
                g = live[0]
                while g.t < target and not g.done:
                    g.step()
                return
            moved = [g.move() for g in live]
            w = np.concatenate([g.w for g in live])
            loss, gx, gy = surface.loss_and_grad(w[:, 0], w[:, 1])
            grad = _pair(gx, gy)
            finite = bool(np.isfinite(loss.sum() + w.sum()))
            i = 0
            for g, (t, lr, trials) in zip(live, moved, strict=True):
                j = i + g.n
                g.settle(t, lr, loss[i:j], trials, grad[i:j], finite)
                i = j
            live = [g for g in live if g.t < target and not g.done]


def _pair(gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    g = np.empty((len(gx), 2))
    g[:, 0] = gx
    g[:, 1] = gy
    return g


class SceneRun:
    """Every run of a scene, advanced together; ``batches`` streams their rows."""

    def __init__(self, scene: Scene, steps: int | None = None, surface=None, every: int = 1,
                 stream: bool = False, state: bool | Collection[int] = False):
        """``surface`` replaces the one the scene describes (e.g. an imported landscape
        grid); anything with the Surface interface that evaluates each point on its own
        will do (the groups' points of a step are evaluated in one call). ``every`` > 1
        keeps only row 0, every ``every``-th row and each run's last row, for
        :meth:`result` (then :meth:`batches`, which streams every row, is not
        available). ``stream`` keeps only the rows of the batch being made: for a
        consumer of :meth:`batches` that keeps its own copy (the window), so the rows
        are held once; then :meth:`result` is not available. With ``state`` every row
        also keeps the optimizer's state (:meth:`result` returns it), in
        ``groups[g].state_rows``; ``state`` may also be the indices of the groups that
        keep it (the window keeps it for single starts)."""
        _check_every(every)
        if stream and every != 1:
            raise ValueError("a streamed SceneRun records every row: every must be 1")
        if steps is not None:
            scene = scene.with_steps(steps)
        self.every = every
        self.stream = stream
        self.scene = scene
        self.surface = surface if surface is not None else build_surface(scene)
        self.groups: list[RunGroup] = []
        self.runs: list[RunInfo] = []
        offset = 0
        for gi, spec in enumerate(scene.runs):
            keep = state if isinstance(state, bool) else gi in state
            self.groups.append(RunGroup(spec, self.surface, offset, every, stream,
                                      record_state=keep))
            starts = spec.starts.tolist()
            for m, label in enumerate(spec.member_labels()):
                self.runs.append(RunInfo(label=label, group=gi, member=m,
                                         start=tuple(starts[m]), color=spec.color,
                                         steps=spec.steps))
            offset += spec.size
        self.total_steps = max((g.T for g in self.groups), default=0)
        self.t = 0

    @property
    def finished(self) -> bool:
        return all(g.done for g in self.groups)

    @property
    def status(self) -> list[str | None]:
        return [s for g in self.groups for s in g.status]

    @property
    def last_step(self) -> list[int]:
        return [int(v) for g in self.groups for v in g.last]

    @property
    def swa(self) -> list[SwaResult | None]:
        return [g.swa_result(i) for g in self.groups for i in range(g.n)]

    def advance(self, k: int) -> int:
        """Compute up to ``k`` more steps of every unfinished run; returns the new step."""
        target = min(self.t + k, self.total_steps)
        _advance_together(self.groups, self.surface, target)
        self.t = target
        return target

    def batches(self, chunk: int = 64, first: int | None = None) -> Iterator[StepBatch]:
        """Yield rows in batches of ``chunk`` steps; the first batch also holds row 0, and
        ``first`` steps instead of ``chunk`` if given (0: row 0 alone, which costs no
        step: the window shows the starts with the scene before computing anything)."""
        if self.every != 1:
            raise ValueError("batches() streams every row: make the SceneRun with every=1")
        if self.stream:
            for g in self.groups:
                g._allocate(chunk + 1)
        t0 = 0
        k = chunk if first is None else first
        while True:
            t1 = self.advance(k) + 1
            yield self._batch(t0, t1)
            t0, k = t1, chunk
            if self.finished or t1 > self.total_steps:
                return

    def _batch(self, t0: int, t1: int) -> StepBatch:
        k = t1 - t0
        R = len(self.runs)
        w = np.full((k, R, 2), np.nan)
        loss = np.full((k, R), np.nan)
        lr = np.full((k, R), np.nan)
        evals = np.full((k, R), np.nan)
        trials: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        ended = []
        rows = np.arange(t0, t1)
        for g in self.groups:
            hi = min(t1, g.T + 1)
            if hi > t0:
                sl = slice(g.offset, g.offset + g.n)
                last = np.where(g.active, g.t, g.last)
                keep = rows[: hi - t0, None] <= last[None, :]
                W, L, LR, E = g.rows(t0, hi)
                w[: hi - t0, sl] = np.where(keep[..., None], W, np.nan)
                loss[: hi - t0, sl] = np.where(keep, L, np.nan)
                lr[: hi - t0, sl] = np.where(keep, LR, np.nan)
                evals[: hi - t0, sl] = np.where(keep, E, np.nan)
                for t, members, xy in g.trials[g.emitted:]:
                    mine = t <= last[members]
                    if mine.any():
                        trials.append((g.offset + members[mine],
                                       np.full(int(mine.sum()), t), xy[mine]))
                g.emitted = 0 if g.stream else len(g.trials)
                if g.stream:
                    g.trials = []
            ended += g.events
            g.events = []
        run = np.concatenate([p[0] for p in trials]) if trials else np.empty(0, np.int64)
        step = np.concatenate([p[1] for p in trials]) if trials else np.empty(0, np.int64)
        xy = np.concatenate([p[2] for p in trials]) if trials else np.empty((0, 2))
        return StepBatch(t0=t0, t1=t1, w=w.transpose(1, 0, 2), loss=loss.T, lr=lr.T,
                         ended=ended, evals=evals.T, trials=(run, step, xy))

    def result(self, progress: Callable[[int, int], object] | None = None) -> SceneResult:
        """Run to the end; the kept rows (row 0, every ``every``-th row, each run's last)
        as one :class:`GroupResult` per group, built in place from the recorded arrays.

        ``progress(step, total)`` is called about a hundred times on the way if given."""
        if self.stream:
            raise ValueError("a streamed SceneRun keeps no history: make it with stream=False")
        if progress is None:
            self.advance(self.total_steps)
        else:
            total = self.total_steps
            chunk = max(1, total // 100)
            progress(self.t, total)
            while self.t < total and not self.finished:
                if self.advance(chunk) < total:
                    progress(self.t, total)
            progress(total, total)
        out: list[GroupResult] = []
        for g in self.groups:
            spec = self.scene.runs[len(out)]
            out.append(_group_result(g, spec.member_labels()))
        return SceneResult(title=self.scene.title, params=tuple(self.surface.params),
                           groups=out)


def _group_result(g: RunGroup, labels: list[str]) -> GroupResult:
    every, n = g.every, g.n
    last = g.last.copy()
    count = last // every + 1
    extra = np.flatnonzero(last % every != 0)
    count[extra] += 1
    lr = g.LR if g.per_member_lr else np.repeat(g.LR, n, axis=1)
    cols = (g.W[..., 0], g.W[..., 1], g.L, lr, g.E)
    for a, end in zip(cols, (g.last_w[:, 0], g.last_w[:, 1], g.last_loss, g.last_lr,
                             g.last_evals), strict=True):
        a[count[extra] - 1, extra] = end[extra]
    past = np.arange(len(g.L))[:, None] >= count[None, :]
    if past.any():
        for a in cols:
            a[past] = np.nan
    x, y, loss, lr, evals = (a.T for a in cols)
    swa = None
    if g.swa_start is not None:
        with np.errstate(all="ignore"):
            swa_loss = g.surface.loss(g.swa_avg[:, 0], g.swa_avg[:, 1])
        swa = np.column_stack([g.swa_avg, swa_loss, g.swa_n])
    status = cast(list[str], list(g.status))  # a finished group has ended every member
    return GroupResult(labels=labels, status=status, every=every, last=last,
                       count=count, x=x, y=y, loss=loss, lr=lr, swa=swa,
                       state=None if g.state_rows is None else g.state_rows.columns,
                       evals=evals, trials=_trials(g) if g.has_trials else None)


def _trials(g: RunGroup) -> Trials:
    """The trial points of ``g``'s kept rows, sorted by member (each in step order), of
    rows up to the member's last."""
    if g.trials:
        step = np.concatenate([np.full(len(m), t) for t, m, _ in g.trials])
        member = np.concatenate([m for _, m, _ in g.trials])
        xy = np.concatenate([p for _, _, p in g.trials])
    else:
        step, member, xy = np.empty(0, np.int64), np.empty(0, np.int64), np.empty((0, 2))
    keep = step <= g.last[member]
    step, member, xy = step[keep], member[keep], xy[keep]
    order = np.argsort(member, kind="stable")
    start = np.searchsorted(member[order], np.arange(g.n + 1))
    return Trials(start=start, step=step[order], xy=xy[order])


def run_scene(scene: Scene, steps: int | None = None, every: int = 1, state: bool = False,
              progress: Callable[[int, int], object] | None = None) -> SceneResult:
    """Run every run of ``scene`` to its end; ``steps`` overrides every run's steps; the
    result keeps row 0, every ``every``-th row and each run's last row, and only those
    are recorded. ``progress(step, total)`` hears how far the run is.

    With ``state``, each RunResult's ``state`` maps the names of torch's
    ``optimizer.state[p]`` (``momentum_buffer``, ``exp_avg``, ``step``, ...) to their
    value after each recorded step: ``(rows, 2)`` for a tensor, ``(rows,)`` for a number,
    NaN at row 0 and where that optimizer has no such state.

    Raises :class:`SceneError` before computing anything if the rows would not fit in
    memory (:func:`gdstudio.core.budget.check_budget`).
    """
    if steps is not None and (not isinstance(steps, int) or isinstance(steps, bool) or steps < 0):
        raise GdError(Msg("steps must be a whole number >= 0, got {value}", value=show(steps)))
    _check_every(every)
    if steps is not None:
        scene = scene.with_steps(steps)
    check_budget(scene, every=every)
    return SceneRun(scene, every=every, state=state).result(progress)


def uses_closure(spec: RunSpec) -> bool:
    """Whether a run uses, at some step, an optimizer that evaluates its loss more than
    once a step (L-BFGS: its groups carry trial points)."""
    names = [spec.optimizer] + [c.optimizer for c in spec.changes if c.optimizer]
    return any(OPTIMIZERS[n].cls.needs_closure for n in names)


def stream_scene(scene: Scene, every: int = 1, state: bool = False,
                 progress: Callable[[int, int], object] | None = None) -> SceneStream:
    """The rows of :func:`run_scene`, one ``[[run]]`` at a time. A scene whose rows fit
    :data:`TOGETHER_BYTES` runs all its groups together when the first is asked for (the
    cost of a small scene is its steps, not its rows); a larger one runs each group to
    its end only when asked for it and keeps nothing of it after, so a consumer that
    writes a group out before asking for the next (``gdstudio run``) holds the rows of
    one group at a time, not of the scene. The numbers are those of ``run_scene`` either
    way (the groups of a scene do not depend on each other).

    ``progress(step, total)`` counts the steps of every group, one group after another.
    The caller checks the memory budget (:func:`gdstudio.core.budget.check_budget`):
    this function does not.
    """
    _check_every(every)
    surface = build_surface(scene)
    x, y = surface.params
    together = estimate(scene, every=every, consumer="cli").bytes <= TOGETHER_BYTES
    groups = (_groups_together if together else _groups_one_by_one)(
        scene, surface, every, state, progress)
    return SceneStream(title=scene.title, params=(x, y), groups=groups,
                       state=state, trials=any(uses_closure(r) for r in scene.runs))


def _groups_together(scene: Scene, surface, every: int, state: bool,
                     progress: Callable[[int, int], object] | None
                     ) -> Iterator[GroupResult]:
    """Every group run to its end together (a step's points in one evaluation), then
    the groups one at a time; ``progress`` counts the steps of every group, as
    :func:`_groups_one_by_one` does."""
    run = SceneRun(scene, surface=surface, every=every, state=state)
    total = sum(spec.steps for spec in scene.runs)
    chunk = max(1, run.total_steps // 100)
    if progress is not None:
        progress(0, total)
    while not run.finished:
        run.advance(chunk)
        done = sum(g.T if g.done else g.t for g in run.groups)
        if progress is not None and done < total:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    for g, spec in zip(run.groups, scene.runs, strict=True):
        yield _group_result(g, spec.member_labels())


def _groups_one_by_one(scene: Scene, surface, every: int, state: bool,
                       progress: Callable[[int, int], object] | None
                       ) -> Iterator[GroupResult]:
    total = sum(spec.steps for spec in scene.runs)
    done = 0
    if progress is not None:
        progress(0, total)
    for spec in scene.runs:
        yield _run_group(RunGroup(spec, surface, 0, every, record_state=state),
                         spec.member_labels(), progress, done, total)
        done += spec.steps
    if progress is not None:
        progress(total, total)


def _steps(g: RunGroup, n: int) -> None:
    """At most ``n`` steps of ``g``, fewer if it ends."""
    for _ in range(n):
        g.step()
        if g.done:
            return


def _run_group(g: RunGroup, labels: list[str], progress: Callable[[int, int], object] | None,
               done: int, total: int) -> GroupResult:
    """Run ``g`` to its end and return its rows; nothing else keeps ``g`` (the rows are
    views of its arrays), so they are freed with the result."""
    chunk = max(1, total // 100)
    with np.errstate(all="ignore"):
        while not g.done:
            _steps(g, min(chunk, g.T - g.t))
            if progress is not None and done + g.t < total:
                progress(done + g.t, total)
    return _group_result(g, labels)


def _check_every(every: int) -> None:
    if not isinstance(every, int) or isinstance(every, bool) or every < 1:
        raise GdError(Msg("every must be a whole number >= 1, got {value}", value=show(every)))
