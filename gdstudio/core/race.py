"""A fair race: every run's optimizer at its own best learning rate, under one budget.

Racing optimizers at one shared learning rate mostly measures how well that rate suits
each of them. A fair race first sweeps each run's learning rate over the same log grid
(:func:`gdstudio.core.analysis.lr_sweep`, so the sweep honours the run's schedule,
batches, clipping, changes and stop rules), with the same budget for everyone:

- ``"steps"``: every run makes the same number of steps;
- ``"evals"``: every run spends the same number of evaluations, one evaluation being one
  computation of the loss and its gradient, an exact Hessian one more
  (:attr:`Optimizer.evals_per_step`: Newton's step costs 2). A run gets ``budget //
  evals_per_step`` steps, and a copy whose steps cost more (L-BFGS, whose line search
  calls the loss several times a step, counted by the run loop) ends where its next
  step would pass the budget.

Each run's best learning rate is the one with the lowest final loss, or, given a
``target`` loss, the one that gets there in the fewest steps (evaluations), lower final
loss breaking a tie; a copy that diverged never wins. Learning rates whose final losses
agree to within ``1e-9`` relative (plus ``1e-12`` of the starting loss) are a tie: all of
them got the loss as low as it goes, so the one that got there first (to the highest of
their final losses) wins, and of those that got there on the same step the middle one,
the centre of the flat bottom of the sweep's U. The result is an ordinary scene: each run with its
tuned learning rate (:func:`scale_lrs`), its label saying it, the budget's steps, and
the title and notes saying what the race was.

A swarm run races from its first start; the tuned scene keeps the whole swarm.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdstudio.core.analysis import Cancel, LrSweep, Progress, log_lrs, lr_sweep
from gdstudio.core.errors import GdError, Msg
from gdstudio.core.optimizers import OPTIMIZERS, make_optimizer
from gdstudio.core.scene import RunSpec, Scene, build_surface, scene_from_dict, scene_to_dict

__all__ = ["BUDGETS", "DEFAULT_LRS", "Contestant", "Race", "fair_race", "parse_lrs", "race_table",
           "scale_lrs", "tied_best"]

BUDGETS = ("steps", "evals")
DEFAULT_LRS = (1e-4, 10.0, 26)
"""The default grid: 26 learning rates from 1e-4 to 10, five per decade."""

SCHEDULE_LR_KEYS: dict[str, tuple[str, ...]] = {
    "cosine": ("eta_min",),
    "cosine_restarts": ("eta_min",),
    "cyclic": ("base_lr", "max_lr"),
    "onecycle": ("max_lr",),
    "plateau": ("min_lr", "eps"),
}
"""The keys of each schedule kind that hold a learning rate (ReduceLROnPlateau's ``eps``
is the smallest lr change it makes); the other kinds scale the optimizer's lr."""


@dataclass
class Contestant:
    """One run in the race: its sweep, the steps the budget gives it, and the index of
    its best learning rate in ``sweep.lrs`` (None if every one diverged)."""

    label: str
    optimizer: str
    steps: int
    sweep: LrSweep
    best: int | None
    start_loss: float

    @property
    def lr(self) -> float | None:
        return None if self.best is None else float(self.sweep.lrs[self.best])

    @property
    def final_loss(self) -> float:
        return math.inf if self.best is None else float(self.sweep.final_loss[self.best])


@dataclass
class Race:
    """A finished fair race: the budget (``"steps"`` or ``"evals"``, and how many), the
    grid, the target if one was given, every contestant, and the tuned scene as a plain
    scene dict (what :func:`gdstudio.core.scene.scene_from_dict` reads)."""

    budget: str
    amount: int
    lrs: np.ndarray
    target: float | None
    contestants: list[Contestant]
    scene: dict[str, Any]

    @property
    def note(self) -> str:
        return race_note(self.budget, self.amount, self.lrs, self.target)


def parse_lrs(text: str) -> tuple[float, float, int]:
    """``"LO:HI:N"`` -> ``(LO, HI, N)``: a log grid of N >= 2 learning rates from LO to
    HI, 0 < LO < HI. GdError saying what is wrong otherwise."""
    parts = text.split(":")
    if len(parts) != 3:
        raise GdError(Msg("expected LO:HI:N (smallest lr, largest lr, how many), e.g. "
                          "1e-4:10:26, got {value!r}", value=text))
    try:
        lo, hi = float(parts[0]), float(parts[1])
    except ValueError:
        raise GdError(Msg("LO and HI of LO:HI:N must be numbers, got {value!r}",
                          value=text)) from None
    try:
        n = int(parts[2])
    except ValueError:
        raise GdError(Msg("N of LO:HI:N must be a whole number, got {value!r}",
                          value=parts[2])) from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo > 0 and hi > 0):
        raise GdError(Msg("learning rates must be finite and > 0, got {lo:g} and {hi:g}",
                          lo=lo, hi=hi))
    if not lo < hi:
        raise GdError(Msg("LO must be below HI, got {lo:g}:{hi:g}", lo=lo, hi=hi))
    if not 2 <= n <= 1000:
        raise GdError(Msg("N must be from 2 to 1000 learning rates, got {n}", n=n))
    return lo, hi, n


def race_note(budget: str, amount: int, lrs: np.ndarray, target: float | None) -> str:
    """What the race was, in a sentence for the tuned scene's notes."""
    spent = (f"{amount} steps" if budget == "steps" else
             f"{amount} evaluations (one per loss-and-gradient, one more per Hessian: a "
             f"Newton step costs 2)")
    how = ("the lowest final loss" if target is None else
           f"the fewest steps to a loss of {target:g}, else the lowest final loss")
    return (f"Fair race: every optimizer gets the same budget of {spent} and its own "
            f"learning rate, the one with {how} among {len(lrs)} from {lrs[0]:g} to "
            f"{lrs[-1]:g} (log grid).")


def tied_best(sweep: LrSweep, start_loss: float, target: float | None = None) -> np.ndarray:
    """The indices of the sweep's equally best learning rates (see the module
    docstring), before the tie is broken; empty when every learning rate diverged."""
    loss = sweep.final_loss
    ok = np.isfinite(loss)
    if not ok.any():
        return np.array([], dtype=np.int64)
    candidates = ok
    if target is not None:
        reached = np.where(ok, sweep.reached, np.inf)
        if np.isfinite(reached).any():
            candidates = reached == reached.min()
    best = loss[candidates].min()
    slack = 1e-9 * abs(best) + 1e-12 * (1.0 + abs(start_loss))
    return np.flatnonzero(candidates & (loss <= best + slack))


def scale_lrs(run: RunSpec, factor: float, steps: int | None = None) -> dict[str, Any]:
    """The ``[[run]]`` table of ``run`` with every learning rate it would use multiplied
    by ``factor``: its lr, the learning rates of its schedule (``SCHEDULE_LR_KEYS``, in
    chains too), of its changes (a switch without an lr, in a run without a schedule,
    gets its new optimizer's default times ``factor``), its SWA lr and its ``min_lr``
    stop. That run is copy ``k`` of :func:`lr_sweep` with ``factor = lrs[k] / lr``. With
    ``steps`` the table says that many steps and drops the changes they never reach."""
    out = copy.deepcopy(run.raw)
    lr = float(make_optimizer(run.optimizer, **run.hyper).hp["lr"])
    out["lr"] = lr * factor
    if steps is not None:
        out["steps"] = int(steps)
    if run.schedule is not None:
        out["schedule"] = _scaled_schedule(run.schedule, factor)
    if run.stop is not None and "min_lr" in run.stop:
        out["stop"] = {**run.stop, "min_lr": run.stop["min_lr"] * factor}
    if run.swa is not None and "lr" in run.swa:
        out["swa"] = {**run.swa, "lr": run.swa["lr"] * factor}
    if run.changes:
        last = run.steps if steps is None else int(steps)
        changes = []
        for c in run.changes:
            if c.at >= last:
                continue
            table: dict[str, Any] = {"at": c.at}
            if c.optimizer is not None:
                table["optimizer"] = c.optimizer
            table.update(copy.deepcopy(c.hyper))
            if "lr" in c.hyper:
                table["lr"] = c.hyper["lr"] * factor
            elif c.optimizer is not None and run.schedule is None:
                table["lr"] = float(OPTIMIZERS[c.optimizer].defaults["lr"]) * factor
            changes.append(table)
        if changes:
            out["change"] = changes
        else:
            out.pop("change", None)
    return out


def _scaled_schedule(table: dict[str, Any], factor: float) -> dict[str, Any]:
    out = copy.deepcopy(table)
    for key in SCHEDULE_LR_KEYS.get(out.get("kind", ""), ()):
        if key in out:
            out[key] = out[key] * factor
    if "schedules" in out:
        out["schedules"] = [_scaled_schedule(t, factor) for t in out["schedules"]]
    return out


def _pinned_length(table: dict[str, Any], steps: int) -> dict[str, Any]:
    """A schedule table whose length defaults to the run's steps (cosine's ``T_max``,
    onecycle's ``total_steps``, also in chains) with that length written out as
    ``steps``: the curve it had in a run of ``steps`` steps, in a shorter run."""
    out = dict(table)
    key = {"cosine": "T_max", "onecycle": "total_steps"}.get(out.get("kind", ""))
    if key is not None and key not in out:
        out[key] = int(steps)
    if "schedules" in out:
        out["schedules"] = [_pinned_length(t, steps) for t in out["schedules"]]
    return out


def _budget_steps(run: RunSpec, budget: str, amount: int) -> int:
    if budget == "steps":
        return amount
    per_step = make_optimizer(run.optimizer, **run.hyper).evals_per_step
    steps = amount // per_step
    if steps < 1:
        raise GdError(Msg("run {label!r}: a budget of {amount} evaluations buys no step of "
                          "{optimizer}, which costs {cost} a step", label=run.label,
                          amount=amount, optimizer=run.optimizer, cost=per_step))
    return steps


def fair_race(scene: Scene, lrs: Sequence[float] | np.ndarray | tuple[float, float, int],
              budget: str = "steps", amount: int | None = None,
              target: float | None = None, surface: Any = None, progress: Progress = None,
              cancel: Cancel = None) -> Race:
    """Race every run of ``scene`` at its best learning rate from ``lrs`` (a sequence,
    or ``(lo, hi, n)`` for :func:`log_lrs`) under the same ``budget`` of ``amount``
    steps or evaluations (default: the scene's longest run, in steps). ``surface``
    replaces the scene's (as for :class:`SceneRun`); ``progress(fraction)`` and
    ``cancel()`` as for the sweeps."""
    if budget not in BUDGETS:
        raise GdError(Msg("budget must be steps or evals, got {value!r}", value=budget))
    if isinstance(lrs, tuple) and len(lrs) == 3:
        lrs = log_lrs(*lrs)
    lrs = np.asarray(lrs, dtype=np.float64).reshape(-1)
    if not scene.runs:
        raise GdError(Msg("the scene has no runs to race"))
    if amount is None:
        amount = max(r.steps for r in scene.runs)
    if amount < 1:
        raise GdError(Msg("a race needs a budget of at least 1, got {amount}", amount=amount))
    surface = surface if surface is not None else build_surface(scene)
    contestants: list[Contestant] = []
    n = len(scene.runs)
    for i, run in enumerate(scene.runs):
        steps = _budget_steps(run, budget, amount)
        part = None if progress is None else _part(progress, i, n)
        evals = amount if budget == "evals" else None
        sweep = lr_sweep(surface, run, lrs, steps, evals=evals, target=target,
                         progress=part, cancel=cancel)
        x0, y0 = run.starts[0]
        with np.errstate(all="ignore"):
            start_loss = float(surface.loss(np.array([x0]), np.array([y0]))[0])
        tied = tied_best(sweep, start_loss, target)
        if len(tied) > 1:
            level = float(sweep.final_loss[tied].max())
            again = lr_sweep(surface, run, lrs[tied], steps, evals=evals, target=level,
                             cancel=cancel)
            tied = tied[again.reached == again.reached.min()]
        best = int(tied[len(tied) // 2]) if len(tied) else None
        contestants.append(Contestant(label=run.label, optimizer=run.optimizer, steps=steps,
                                      sweep=sweep, best=best, start_loss=start_loss))
    return Race(budget=budget, amount=int(amount), lrs=lrs, target=target,
                contestants=contestants,
                scene=tuned_scene(scene, contestants, race_note(budget, amount, lrs, target)))


def _part(progress: Callable[[float], object], i: int, n: int) -> Callable[[float], object]:
    return lambda f: progress((i + f) / n)


def tuned_scene(scene: Scene, contestants: list[Contestant], note: str) -> dict[str, Any]:
    """``scene`` as a plain dict with each run at its contestant's tuned learning rate and
    steps (a run cut by an evaluation budget: the steps it made within it), labelled
    with the lr; the title and notes say it is a fair race and ``note``
    what the race was. A run whose every learning rate diverged keeps its own and says
    so. The ``[lesson]`` table is dropped: the tuned scene is not the lesson."""
    out = scene_to_dict(scene)
    out.pop("lesson", None)
    out["title"] = f"Fair race: {scene.title}"
    out["notes"] = note + (f"\n\n{scene.notes}" if scene.notes else "")
    runs = []
    for run, c in zip(scene.runs, contestants, strict=True):
        if c.lr is None:
            table = scale_lrs(run, 1.0, c.steps)
            table["label"] = f"{run.label} (every lr diverged)"
        else:
            lr = float(make_optimizer(run.optimizer, **run.hyper).hp["lr"])
            sweep = c.sweep
            if sweep.cut[c.best]:
                table = scale_lrs(run, c.lr / lr, int(sweep.used[c.best]))
                if run.schedule is not None:
                    table["schedule"] = _pinned_length(table["schedule"], c.steps)
            else:
                table = scale_lrs(run, c.lr / lr, c.steps)
            table["lr"] = c.lr
            table["label"] = f"{run.label} (lr={c.lr:.3g})"
        runs.append(table)
    out["run"] = runs
    scene_from_dict(out, path=scene.path)
    return out


def race_table(race: Race) -> str:
    """The race as text: what it was, one line per run (optimizer, steps, tuned lr, final
    loss, how many learning rates converged), then every run's final loss at every
    learning rate (``*`` the tuned one, ``diverged`` where it diverged)."""
    cs = race.contestants
    width = max([len(c.label) for c in cs] + [3])
    lines = [race.note, ""]
    head = f"{'run':<{width}}  {'optimizer':<10} {'steps':>7}  {'tuned lr':<10} {'final loss':<11}"
    if race.budget == "evals":
        head += f" {'evals':>7}"
    if race.target is not None:
        head += f" {'reached at':>10}"
    lines.append(head + "  lrs finite")
    for c in cs:
        sw = c.sweep
        lr = "-" if c.lr is None else f"{c.lr:.4g}"
        loss = "diverged" if c.best is None else f"{c.final_loss:.4g}"
        row = f"{c.label:<{width}}  {c.optimizer:<10} {c.steps:>7}  {lr:<10} {loss:<11}"
        if race.budget == "evals":
            row += f" {'-' if c.best is None else f'{sw.evals[c.best]:g}':>7}"
        if race.target is not None:
            at = "-" if c.best is None or not np.isfinite(sw.reached[c.best]) else \
                f"{sw.reached[c.best]:g}"
            row += f" {at:>10}"
        finite = int(np.isfinite(sw.final_loss).sum())
        lines.append(row + f"  {finite} of {len(sw.lrs)}")
    lines += ["", "final loss at each learning rate (* tuned):"]
    col = max(12, width + 1)
    lines.append(f"{'lr':<10}" + "".join(f"{c.label:>{col}}" for c in cs))
    for k, lr in enumerate(race.lrs):
        cells = []
        for c in cs:
            v = c.sweep.final_loss[k]
            cell = "diverged" if not np.isfinite(v) else f"{v:.3g}"
            cells.append(f"{cell + ('*' if c.best == k else ' '):>{col}}")
        lines.append(f"{lr:<10.4g}" + "".join(cells))
    return "\n".join(lines) + "\n"
