"""The learning-rate schedules of ``torch.optim.lr_scheduler``, value for value.

Each schedule mirrors one torch 2.13 scheduler driven the way a training loop drives it:
constructed once, then ``scheduler.step()`` (no ``epoch`` argument) at the end of every
step. torch then computes each new learning rate with the scheduler's *chainable*
``get_lr()``, which mostly reads the learning rate currently in ``param_groups`` (not
the closed form ``_get_closed_form_lr``, which torch only uses when ``step`` is given an
epoch). Those updates are Python float arithmetic in torch, and they are written here in
the same order, so the values are torch's bit for bit, round-off drift of the recursive
forms included.

The protocol, for one group (a run or a swarm of ``n`` members stepping together):

- ``state = schedule.init(n)`` is the state right after torch's constructor, which
  already takes one implicit step (``_initial_step``: ``last_epoch`` goes from -1 to 0
  and ``get_lr()`` runs once); so LinearLR starts at ``base_lr * start_factor``,
  CyclicLR at its ``base_lr``, OneCycleLR at ``max_lr / div_factor``.
- ``schedule.lr(state)`` is the learning rate set now, i.e. ``param_groups[0]["lr"]``;
  the learning rate of step t is ``lr(state)`` after t - 1 calls of ``step``. It is a
  Python float, except for ``plateau``, whose members each watch their own loss and
  which returns an ``(n,)`` array.
- ``schedule.momentum(state)`` is None, or (``cycle_momentum = true`` of ``cyclic`` and
  ``onecycle``) the float the scheduler has written into ``momentum`` or ``betas[0]``.
- ``schedule.step(state, loss)`` is ``scheduler.step()`` at the end of a step
  (``plateau``: ``scheduler.step(loss)`` for each member; ``loss`` is the ``(n,)`` full
  loss, which the other kinds ignore). It returns a new state and never mutates its
  argument.

Every kind but ``plateau`` is O(1) scalar work per step; ``plateau`` is a few numpy
operations over the ``n`` members.

Two deliberate differences from torch (scene-format.md, section 4): ``cycle_momentum``
defaults to false for ``cyclic`` and ``onecycle``, and ``constant`` is ConstantLR with
``factor`` defaulting to 1 (an unchanging learning rate). Values are scalars only (torch
also takes one value per param group). ``T_max`` of ``cosine`` and ``total_steps`` of
``onecycle`` default to the run's steps; ``multiplicative`` is MultiplicativeLR with the
constant ``lr_lambda = lambda epoch: factor``, and a ``onecycle`` whose ``total_steps`` is below
the run's steps is an error (torch raises once stepped past ``total_steps``).
"""

from __future__ import annotations

import difflib
import inspect
import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from gdstudio.core.errors import Cancelled, Msg
from gdstudio.core.values import is_int as _is_int
from gdstudio.core.values import is_real as _is_real
from gdstudio.core.values import show as _show

INT, REAL, BOOL, INTS, TABLES = "int", "real", "bool", "ints", "tables"
REQUIRED = object()


# -- states ---------------------------------------------------------------------------------

class ScalarState(NamedTuple):
    """Every kind but ``cosine_restarts`` and ``plateau``: torch's ``last_epoch``, the lr set
    in the param group, and the momentum set by ``cycle_momentum`` (None without it)."""

    last_epoch: int
    lr: float
    momentum: float | None = None


class WarmRestartsState(NamedTuple):
    """CosineAnnealingWarmRestarts: steps since the last restart, the current period, the lr."""

    T_cur: int
    T_i: int
    lr: float


class PlateauState(NamedTuple):
    """ReduceLROnPlateau's bookkeeping, one entry per member of the group."""

    best: np.ndarray               # float64 (n,), starts at +inf (min) or -inf (max)
    num_bad_epochs: np.ndarray     # int64 (n,)
    cooldown_counter: np.ndarray   # int64 (n,)
    lr: np.ndarray                 # float64 (n,)


# -- schedules ------------------------------------------------------------------------------

class Schedule:
    """A learning-rate schedule: ``init``, ``lr``, ``momentum``, ``step`` (see the module doc).

    ``kind`` is the scene name, ``params`` every setting (defaults merged with the given
    values, derived defaults resolved), ``base_lr`` the optimizer's lr, ``steps`` the
    run's steps. Settings are read into attributes once, when the schedule is made.
    """

    kind: str = ""

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        self.params = params
        self.base_lr = float(base_lr)
        self.steps = steps

    def init(self, n: int = 1) -> Any:
        raise NotImplementedError

    def lr(self, state: Any) -> float | np.ndarray:
        return state.lr

    def momentum(self, state: Any) -> float | None:
        return None

    def step(self, state: Any, loss: np.ndarray | None = None) -> Any:
        raise NotImplementedError

    def closed_form(self, e: np.ndarray) -> np.ndarray | None:
        """The lr after ``e`` scheduler steps, vectorised, for previews of long runs: the
        value torch's recursion aims at (it differs from it by round-off), or None for a
        schedule without one here (the preview then steps it)."""
        return None

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"<{type(self).__name__} {args}; base_lr={self.base_lr!r}, steps={self.steps}>"


class _Chainable(Schedule):
    """A scheduler whose ``get_lr`` reads the lr in the param group: ``_get_lr(e, lr, initial)``
    returns the lr torch sets when ``last_epoch`` becomes ``e`` and the group holds ``lr``;
    ``initial`` is torch's ``_is_initial`` (true only inside the constructor's step)."""

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        raise NotImplementedError

    def _closed_form_lr(self, e: int) -> float | None:
        """torch's ``_get_closed_form_lr`` at ``last_epoch = e`` in its Python float order,
        or None for a scheduler without one; SequentialLR uses it at a milestone."""
        return None

    def init(self, n: int = 1) -> ScalarState:
        return ScalarState(0, self._get_lr(0, self.base_lr, True))

    def step(self, state: ScalarState, loss: np.ndarray | None = None) -> ScalarState:
        e = state.last_epoch + 1
        return ScalarState(e, self._get_lr(e, state.lr, False))


class ConstantSchedule(_Chainable):
    """``constant`` = ``torch.optim.lr_scheduler.ConstantLR`` with ``factor`` defaulting to 1.

    Until step ``total_iters`` the lr is ``base_lr * factor``, then ``base_lr`` again.
    torch does it as a chain: the constructor's step multiplies the lr by ``factor``;
    when ``last_epoch`` reaches ``total_iters`` the lr is multiplied by ``1.0 / factor``
    (not divided by ``factor``, and the product need not be ``base_lr`` exactly).

    Subtleties: with ``total_iters = 0`` the ``last_epoch == 0`` rule wins, so the lr
    stays ``base_lr * factor`` for good; ``factor = 0`` makes torch divide by zero at
    ``total_iters``, an error when the run gets there. With the default ``factor = 1``
    the lr never changes.
    """

    kind = "constant"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.factor = params["factor"]
        self.total_iters = params["total_iters"]

    def closed_form(self, e: np.ndarray) -> np.ndarray:
        late = (e >= self.total_iters) & (self.total_iters > 0)
        return np.where(late, self.base_lr, self.base_lr * self.factor)

    def _closed_form_lr(self, e: int) -> float | None:
        return self.base_lr * (self.factor + (e >= self.total_iters) * (1 - self.factor))

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        if e == 0:
            return lr * self.factor
        if e != self.total_iters:
            return lr
        return lr * (1.0 / self.factor)


class StepSchedule(_Chainable):
    """``step`` = ``torch.optim.lr_scheduler.StepLR``: times ``gamma`` every ``step_size`` steps.

    Chainable: when ``last_epoch`` is a non-zero multiple of ``step_size`` the current lr
    is multiplied by ``gamma``; the lr of step t is ``base_lr * gamma ** ((t - 1) //
    step_size)`` up to the round-off of repeated multiplication, which torch has too.
    """

    kind = "step"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.step_size = params["step_size"]
        self.gamma = params["gamma"]

    def closed_form(self, e: np.ndarray) -> np.ndarray:
        return self.base_lr * self.gamma ** (e // self.step_size)

    def _closed_form_lr(self, e: int) -> float | None:
        return self.base_lr * self.gamma ** (e // self.step_size)

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        if e == 0 or e % self.step_size != 0:
            return lr
        return lr * self.gamma


class MultiStepSchedule(_Chainable):
    """``multistep`` = ``torch.optim.lr_scheduler.MultiStepLR``: times ``gamma`` at each milestone.

    Chainable: when ``last_epoch`` is one of ``milestones`` the current lr is multiplied
    by ``gamma ** count``, count being how often that step is listed (torch keeps the
    milestones in a Counter, so their order does not matter and a repeated milestone
    applies gamma twice). A milestone 0 applies in the constructor: step 1 already runs at
    ``base_lr * gamma``.
    """

    kind = "multistep"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.milestones = Counter(params["milestones"])
        self.gamma = params["gamma"]

    def closed_form(self, e: np.ndarray) -> np.ndarray:
        marks = np.array(sorted(self.milestones.elements()), dtype=np.int64)
        return self.base_lr * self.gamma ** np.searchsorted(marks, e, side="right")

    def _closed_form_lr(self, e: int) -> float | None:
        return self.base_lr * self.gamma ** bisect_right(sorted(self.milestones.elements()), e)

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        if e not in self.milestones:
            return lr
        return lr * self.gamma ** self.milestones[e]


class ExponentialSchedule(_Chainable):
    """``exponential`` = ``torch.optim.lr_scheduler.ExponentialLR``: times ``gamma`` every step.

    Chainable: each step multiplies the current lr by ``gamma`` (the constructor's step
    leaves it alone), so the lr of step t is ``base_lr * gamma * ... * gamma`` (t - 1
    factors, rounded after each), not ``base_lr * gamma ** (t - 1)``.
    """

    kind = "exponential"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.gamma = params["gamma"]

    def closed_form(self, e: np.ndarray) -> np.ndarray:
        return self.base_lr * self.gamma ** e

    def _closed_form_lr(self, e: int) -> float | None:
        return self.base_lr * self.gamma**e

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        if initial:
            return lr
        return lr * self.gamma


class CosineSchedule(_Chainable):
    r"""``cosine`` = ``torch.optim.lr_scheduler.CosineAnnealingLR`` (``T_max``, ``eta_min``).

    Aims at ``eta_min + (base_lr - eta_min) * (1 + cos(pi * e / T_max)) / 2`` with
    ``e = last_epoch``, but torch steps it recursively from the current lr::

        lr <- (1 + cos(pi * e / T_max)) / (1 + cos(pi * (e - 1) / T_max))
              * (lr - eta_min) + eta_min
        lr <- lr + (base_lr - eta_min) * (1 - cos(pi / T_max)) / 2
              when (e - 1 - T_max) % (2 * T_max) == 0   (the recursion's 0/0)

    Subtleties: the recursion drifts from the closed form by round-off, which is kept;
    past ``T_max`` the lr does not stay at ``eta_min`` but climbs back to ``base_lr`` over
    the next ``T_max`` steps and keeps oscillating with period ``2 * T_max`` (a cosine
    without restarts); ``T_max`` defaults to the run's steps. torch's third branch (a
    closed form on the first ``step`` after resuming from a checkpoint) is never taken
    by a schedule that starts at step 0.
    """

    kind = "cosine"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.T_max = params["T_max"]
        self.eta_min = params["eta_min"]

    def closed_form(self, e: np.ndarray) -> np.ndarray:
        return self.eta_min + (self.base_lr - self.eta_min) * (
            1 + np.cos(np.pi * e / self.T_max)) / 2

    def _closed_form_lr(self, e: int) -> float | None:
        return self.eta_min + (self.base_lr - self.eta_min) * (
            1 + math.cos(math.pi * e / self.T_max)) / 2

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        if initial:
            return lr
        T_max, eta_min = self.T_max, self.eta_min
        if (e - 1 - T_max) % (2 * T_max) == 0:
            return lr + (self.base_lr - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
        return ((1 + math.cos(math.pi * e / T_max))
                / (1 + math.cos(math.pi * (e - 1) / T_max))
                * (lr - eta_min) + eta_min)


class WarmRestartsSchedule(Schedule):
    """``cosine_restarts`` = ``torch.optim.lr_scheduler.CosineAnnealingWarmRestarts``.

    ``lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2``, computed
    afresh from ``base_lr`` each step (not chainable). ``T_cur`` counts the steps since
    the last restart; when it reaches the period ``T_i`` it wraps to 0 and the period
    becomes ``T_i * T_mult`` (``T_i`` starts at ``T_0``).

    Subtleties: the scheduler overrides ``step``; the constructor's step sets
    ``T_cur = 0``, ``T_i = T_0``, so step 1 runs at the formula's value for ``T_cur = 0``
    (``base_lr`` up to round-off). The lr never reaches ``eta_min``: the step that would
    is the restart, back at the top.
    """

    kind = "cosine_restarts"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.T_0 = params["T_0"]
        self.T_mult = params["T_mult"]
        self.eta_min = params["eta_min"]

    def _lr(self, T_cur: int, T_i: int) -> float:
        return self.eta_min + (self.base_lr - self.eta_min) * (
            1 + math.cos(math.pi * T_cur / T_i)) / 2

    def init(self, n: int = 1) -> WarmRestartsState:
        return WarmRestartsState(0, self.T_0, self._lr(0, self.T_0))

    def step(self, state: WarmRestartsState,
             loss: np.ndarray | None = None) -> WarmRestartsState:
        T_cur, T_i = state.T_cur + 1, state.T_i
        if T_cur >= T_i:
            T_cur = T_cur % T_i
            T_i = T_i * self.T_mult
        return WarmRestartsState(T_cur, T_i, self._lr(T_cur, T_i))


class _Cycling(Schedule):
    """A scheduler that recomputes lr (and momentum) from its base values: ``_values(e)``
    returns ``(lr, momentum or None)`` for ``last_epoch = e``."""

    cycle_momentum = False

    def _values(self, e: int) -> tuple[float, float | None]:
        raise NotImplementedError

    def init(self, n: int = 1) -> ScalarState:
        return ScalarState(0, *self._values(0))

    def momentum(self, state: ScalarState) -> float | None:
        return state.momentum

    def step(self, state: ScalarState, loss: np.ndarray | None = None) -> ScalarState:
        e = state.last_epoch + 1
        return ScalarState(e, *self._values(e))


class CyclicSchedule(_Cycling):
    """``cyclic`` = ``torch.optim.lr_scheduler.CyclicLR``, ``cycle_momentum`` off by default.

    The lr goes from ``base_lr`` up to ``max_lr`` in ``step_size_up`` steps and back in
    ``step_size_down`` (default: ``step_size_up``), recomputed from ``last_epoch = e``::

        cycle = floor(1 + e / total_size);  x = 1.0 + e / total_size - cycle
        f     = x / step_ratio  if x <= step_ratio  else (x - 1) / (step_ratio - 1)
        lr    = base_lr + (max_lr - base_lr) * f * scale
        scale = 1 (triangular), 1 / 2.0 ** (cycle - 1) (triangular2), gamma ** e (exp_range)

    With ``cycle_momentum`` the momentum (or ``betas[0]``) moves the other way:
    ``max_momentum - (max_momentum - base_momentum) * f * scale``.

    Subtleties: the constructor overwrites the optimizer's lr with ``base_lr`` (the
    optimizer's own lr plays no part) and, with ``cycle_momentum``, sets the momentum to
    ``max_momentum``, which its initial step then recomputes (to ``max_momentum``).
    ``scale_mode`` is fixed by ``mode`` (``cycle``, or ``iterations`` for exp_range):
    torch overwrites it unless given a ``scale_fn``, which a scene cannot give. The
    ``gamma`` of exp_range is applied per step, not per cycle.
    """

    kind = "cyclic"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.base = params["base_lr"]
        self.max = params["max_lr"]
        up = float(params["step_size_up"])
        down = float(params["step_size_down"])
        self.total_size = up + down
        self.step_ratio = up / self.total_size
        self.mode = params["mode"]
        self.gamma = params["gamma"]
        self.by_cycle = params["scale_mode"] == "cycle"
        self.cycle_momentum = params["cycle_momentum"]
        self.base_momentum = params["base_momentum"]
        self.max_momentum = params["max_momentum"]

    def _scale(self, x: int) -> float:
        if self.mode == "triangular":
            return 1.0
        if self.mode == "triangular2":
            return 1 / (2.0 ** (x - 1))
        return self.gamma ** x

    def _values(self, e: int) -> tuple[float, float | None]:
        cycle = math.floor(1 + e / self.total_size)
        x = 1.0 + e / self.total_size - cycle
        if x <= self.step_ratio:
            scale_factor = x / self.step_ratio
        else:
            scale_factor = (x - 1) / (self.step_ratio - 1)
        scale = self._scale(cycle if self.by_cycle else e)
        base_height = (self.max - self.base) * scale_factor
        lr = self.base + base_height * scale
        if not self.cycle_momentum:
            return lr, None
        base_height = (self.max_momentum - self.base_momentum) * scale_factor
        return lr, self.max_momentum - base_height * scale


def _onecycle_ends(total_steps: int, pct_start: float, three_phase: bool) -> list[float]:
    """The ``end_step`` of each phase of torch's OneCycleLR, computed as torch does."""
    if three_phase:
        return [float(pct_start * total_steps) - 1, float(2 * pct_start * total_steps) - 2,
                total_steps - 1]
    return [float(pct_start * total_steps) - 1, total_steps - 1]


class OneCycleSchedule(_Cycling):
    """``onecycle`` = ``torch.optim.lr_scheduler.OneCycleLR``, ``cycle_momentum`` off by default.

    ``initial_lr = max_lr / div_factor`` and ``min_lr = initial_lr / final_div_factor``.
    Two phases: ``initial_lr -> max_lr`` until step ``pct_start * total_steps - 1``, then
    ``max_lr -> min_lr`` until ``total_steps - 1``; with ``three_phase``: up, back down
    to ``initial_lr`` (symmetric), then down to ``min_lr``. Within a phase running from
    ``start`` to ``end``, ``pct = (e - start) / (end - start)`` and::

        cos:    end_lr + (start_lr - end_lr) / 2.0 * (cos(pi * pct) + 1)
        linear: (end_lr - start_lr) * pct + start_lr

    With ``cycle_momentum`` the momentum (or ``betas[0]``) anneals the other way, between
    ``max_momentum`` and ``base_momentum``.

    Subtleties: recomputed from the base values each step (not chainable), and the
    optimizer's own lr plays no part. Phase ends are floats (``pct_start * total_steps``
    need not be whole) and a phase is chosen by ``e <= end``. The first lr is the cos
    formula at pct 0, ``initial_lr`` up to round-off; with ``pct_start = 0`` step 1
    already runs just below ``max_lr``. A phase of zero length makes torch divide by
    zero (e.g. ``pct_start * total_steps = 1``), an error if the run reaches it. torch
    raises once ``last_epoch`` exceeds ``total_steps``, hence ``total_steps >= steps``.
    With ``total_steps = steps`` the ``step`` after the run's last step lands on
    ``e = total_steps``, one past the last phase's end, and extrapolates it: back above
    ``min_lr`` with cos, below it (negative) with linear; torch sets that lr too, and no
    update uses it. torch demands a Python float ``pct_start``; a whole number (0 or 1)
    is accepted here as that float.
    """

    kind = "onecycle"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.total_steps = params["total_steps"]
        max_lr = params["max_lr"]
        initial_lr = max_lr / params["div_factor"]
        min_lr = initial_lr / params["final_div_factor"]
        self.cos = params["anneal_strategy"] == "cos"
        self.cycle_momentum = params["cycle_momentum"]
        hi_m, lo_m = params["max_momentum"], params["base_momentum"]
        ends = _onecycle_ends(self.total_steps, params["pct_start"], params["three_phase"])
        if params["three_phase"]:
            values = [(initial_lr, max_lr, hi_m, lo_m), (max_lr, initial_lr, lo_m, hi_m),
                      (initial_lr, min_lr, hi_m, hi_m)]
        else:
            values = [(initial_lr, max_lr, hi_m, lo_m), (max_lr, min_lr, lo_m, hi_m)]
        self.phases = [(end, *v) for end, v in zip(ends, values, strict=True)]

    def _anneal(self, start: float, end: float, pct: float) -> float:
        if self.cos:
            cos_out = math.cos(math.pi * pct) + 1
            return end + (start - end) / 2.0 * cos_out
        return (end - start) * pct + start

    def _values(self, e: int) -> tuple[float, float | None]:
        if e > self.total_steps:
            raise ValueError(f"Tried to step {e} times. The specified number of total steps "
                             f"is {self.total_steps}")
        start_step = 0.0
        last = len(self.phases) - 1
        for i, (end_step, lr0, lr1, m0, m1) in enumerate(self.phases):
            if e <= end_step or i == last:
                pct = (e - start_step) / (end_step - start_step)
                lr = self._anneal(lr0, lr1, pct)
                return lr, self._anneal(m0, m1, pct) if self.cycle_momentum else None
            start_step = end_step
        raise AssertionError("unreachable")


class LinearSchedule(_Chainable):
    """``linear`` = ``torch.optim.lr_scheduler.LinearLR``: factor ``start_factor -> end_factor``.

    The lr of step t aims at ``base_lr * (start + (end - start) * min(t - 1, total_iters)
    / total_iters)``, but torch chains it: the constructor's step multiplies by
    ``start_factor``; each later step ``e <= total_iters`` multiplies the current lr by
    ``1 + (end - start) / (total_iters * start + (e - 1) * (end - start))``; after that
    it stays. The chain's round-off is kept (the final lr need not equal
    ``base_lr * end_factor`` exactly). With ``total_iters = 0`` the lr stays at
    ``base_lr * start_factor``.
    """

    kind = "linear"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.start_factor = params["start_factor"]
        self.end_factor = params["end_factor"]
        self.total_iters = params["total_iters"]

    def closed_form(self, e: np.ndarray) -> np.ndarray:
        start, end, n = self.start_factor, self.end_factor, self.total_iters
        if n == 0:
            return np.full(e.shape, self.base_lr * start)
        return self.base_lr * (start + (end - start) * np.minimum(e, n) / n)

    def _closed_form_lr(self, e: int) -> float | None:
        start, end = self.start_factor, self.end_factor
        return self.base_lr * (start + (end - start) * min(self.total_iters, e)
                               / self.total_iters)

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        if e == 0:
            return lr * self.start_factor
        if initial or e > self.total_iters:
            return lr
        start, end = self.start_factor, self.end_factor
        return lr * (1.0 + (end - start) / (self.total_iters * start
                                             + (e - 1) * (end - start)))


class PolynomialSchedule(_Chainable):
    r"""``polynomial`` = ``torch.optim.lr_scheduler.PolynomialLR`` (``total_iters``, ``power``).

    Aims at ``base_lr * (1 - min(e, total_iters) / total_iters) ** power``, but torch
    chains it: each step ``e <= total_iters`` multiplies the current lr by
    ``((1 - e / total_iters) / (1 - (e - 1) / total_iters)) ** power``; the constructor's
    step and the steps after ``total_iters`` leave it alone. So the lr reaches exactly 0
    at step ``total_iters + 1`` and stays there.
    """

    kind = "polynomial"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.total_iters = params["total_iters"]
        self.power = params["power"]

    def closed_form(self, e: np.ndarray) -> np.ndarray:
        n = self.total_iters
        if n == 0:
            return np.full(e.shape, self.base_lr)
        return self.base_lr * (1.0 - np.minimum(n, e) / n) ** self.power

    def _closed_form_lr(self, e: int) -> float | None:
        return self.base_lr * (1.0 - min(self.total_iters, e) / self.total_iters) ** self.power

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        if initial or e > self.total_iters:
            return lr
        n = self.total_iters
        return lr * ((1.0 - e / n) / (1.0 - (e - 1) / n)) ** self.power


class MultiplicativeSchedule(_Chainable):
    """``multiplicative`` = ``torch.optim.lr_scheduler.MultiplicativeLR`` with
    ``lr_lambda = lambda epoch: factor``: times ``factor`` every step.

    The constructor's step leaves the lr alone; each later step multiplies the current lr
    by ``factor`` (rounded after each, as ExponentialLR).
    """

    kind = "multiplicative"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.factor = params["factor"]

    def closed_form(self, e: np.ndarray) -> np.ndarray:
        return self.base_lr * self.factor ** e

    def _get_lr(self, e: int, lr: float, initial: bool) -> float:
        if initial:
            return lr
        return lr * self.factor


class SequentialState(NamedTuple):
    """SequentialLR: its ``last_epoch``, each inner scheduler's ``last_epoch``, the lr."""

    last_epoch: int
    epochs: tuple[int, ...]
    lr: float


def _inner(table: dict[str, Any], base_lr: float, steps: int) -> _Chainable:
    spec = SCHEDULES[table["kind"]]
    given = {k: _convert(spec.kinds[k], v) for k, v in table.items() if k != "kind"}
    made = spec.cls(_resolve(spec.name, given, steps), base_lr, steps)
    assert isinstance(made, _Chainable), "check_schedule admits chainable kinds only"
    return made


class SequentialSchedule(Schedule):
    """``sequential`` = ``torch.optim.lr_scheduler.SequentialLR`` (``schedules``, ``milestones``).

    The inner schedules share the run's optimizer, so each has ``base_lr`` = the run's lr.
    torch's constructor resets the lr to ``base_lr``, sets every inner ``last_epoch`` back
    to -1 and gives only ``schedules[bisect_right(milestones, 0)]`` its constructor step.
    Each step ``E`` (1, 2, ...) then picks ``i = bisect_right(milestones, E)``: if ``E`` is
    ``milestones[i - 1]``, schedule i restarts with ``last_epoch = 0`` and sets its closed
    form at 0 (its chainable form, on the current lr, if torch has no closed form);
    otherwise schedule i steps as usual, from the lr the group holds.

    Subtleties (torch's, kept): at a milestone the new schedule starts from ``base_lr``,
    not from where the previous one ended (MultiplicativeLR, without a closed form,
    instead multiplies the current lr once more); a schedule whose milestone is never hit
    exactly (milestones out of order) starts stepping at ``last_epoch = 0`` without its
    constructor step; a milestone 0 skips the first schedule altogether. Only chainable
    kinds can be inside (not ``plateau``, which torch refuses, nor ``cyclic``,
    ``onecycle``, ``cosine_restarts`` or another chain).
    """

    kind = "sequential"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.inner = [_inner(t, base_lr, steps) for t in params["schedules"]]
        self.milestones = list(params["milestones"])

    def init(self, n: int = 1) -> SequentialState:
        first = bisect_right(self.milestones, 0)
        epochs = [-1] * len(self.inner)
        epochs[first] = 0
        return SequentialState(0, tuple(epochs), self.inner[first]._get_lr(0, self.base_lr,
                                                                            True))

    def step(self, state: SequentialState, loss: np.ndarray | None = None) -> SequentialState:
        e = state.last_epoch + 1
        i = bisect_right(self.milestones, e)
        inner = self.inner[i]
        epochs = list(state.epochs)
        if i > 0 and self.milestones[i - 1] == e:
            epochs[i] = 0
            lr = inner._closed_form_lr(0)
            if lr is None:
                lr = inner._get_lr(0, state.lr, False)
        else:
            epochs[i] += 1
            lr = inner._get_lr(epochs[i], state.lr, False)
        return SequentialState(e, tuple(epochs), lr)


class ChainedSchedule(Schedule):
    """``chained`` = ``torch.optim.lr_scheduler.ChainedScheduler`` (``schedules``).

    Every inner schedule acts on the lr the group holds, in order: the constructors' steps
    one after the other (LinearLR's ``start_factor`` times ConstantLR's ``factor``, ...),
    then at each step every schedule's ``step()`` in turn, so the chainable factors
    multiply. The inner schedules step in lockstep (one ``last_epoch``); only chainable
    kinds can be inside, as for ``sequential``.
    """

    kind = "chained"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.inner = [_inner(t, base_lr, steps) for t in params["schedules"]]

    def init(self, n: int = 1) -> ScalarState:
        lr = self.base_lr
        for inner in self.inner:
            lr = inner._get_lr(0, lr, True)
        return ScalarState(0, lr)

    def step(self, state: ScalarState, loss: np.ndarray | None = None) -> ScalarState:
        e = state.last_epoch + 1
        lr = state.lr
        for inner in self.inner:
            lr = inner._get_lr(e, lr, False)
        return ScalarState(e, lr)


class PlateauSchedule(Schedule):
    """``plateau`` = ``torch.optim.lr_scheduler.ReduceLROnPlateau``, one per member of a swarm.

    Each member watches its own full loss. ``step(state, loss)`` is torch's
    ``step(metrics)`` for every member at once::

        better = loss < best * (1.0 - threshold)     (min, rel)
                 loss < best - threshold             (min, abs)
                 loss > best * (threshold + 1.0)     (max, rel)
                 loss > best + threshold             (max, abs)
        best, num_bad_epochs = (loss, 0) if better else (best, num_bad_epochs + 1)
        if cooldown_counter > 0: cooldown_counter -= 1; num_bad_epochs = 0
        if num_bad_epochs > patience:
            new = max(lr * factor, min_lr)
            if lr - new > eps: lr = new
            cooldown_counter = cooldown; num_bad_epochs = 0

    Subtleties: there is no constructor step (``lr`` starts at the optimizer's lr,
    ``best`` at +inf for min and -inf for max), so the first loss always improves; a
    reduction smaller than ``eps`` is skipped but still restarts the cooldown and the
    count; bad steps during the cooldown are forgotten; a NaN loss is never better. In
    rel mode with ``threshold >= 1`` torch's ``inf * (1 - threshold)`` makes nothing an
    improvement, and so here. ``lr_preview`` draws the starting lr, since the
    reductions depend on the losses.
    """

    kind = "plateau"

    def __init__(self, params: dict[str, Any], base_lr: float, steps: int) -> None:
        super().__init__(params, base_lr, steps)
        self.maximize = params["mode"] == "max"
        self.rel = params["threshold_mode"] == "rel"
        self.factor = params["factor"]
        self.patience = params["patience"]
        self.threshold = params["threshold"]
        self.cooldown = params["cooldown"]
        self.min_lr = params["min_lr"]
        self.eps = params["eps"]

    def init(self, n: int = 1) -> PlateauState:
        return PlateauState(best=np.full(n, -math.inf if self.maximize else math.inf),
                            num_bad_epochs=np.zeros(n, dtype=np.int64),
                            cooldown_counter=np.zeros(n, dtype=np.int64),
                            lr=np.full(n, self.base_lr))

    def _is_better(self, a: np.ndarray, best: np.ndarray) -> np.ndarray:
        if not self.maximize and self.rel:
            return a < best * (1.0 - self.threshold)
        if not self.maximize:
            return a < best - self.threshold
        if self.rel:
            return a > best * (self.threshold + 1.0)
        return a > best + self.threshold

    def step(self, state: PlateauState, loss: np.ndarray | None = None) -> PlateauState:
        current = np.asarray(loss, dtype=np.float64)
        with np.errstate(invalid="ignore", over="ignore"):
            better = self._is_better(current, state.best)
        best = np.where(better, current, state.best)
        bad = np.where(better, 0, state.num_bad_epochs + 1)
        cooling = state.cooldown_counter > 0
        cooldown = np.where(cooling, state.cooldown_counter - 1, state.cooldown_counter)
        bad = np.where(cooling, 0, bad)
        reduce = bad > self.patience
        lr = state.lr
        if reduce.any():
            new = np.maximum(lr * self.factor, self.min_lr)
            lr = np.where(reduce & (lr - new > self.eps), new, lr)
            cooldown = np.where(reduce, self.cooldown, cooldown)
            bad = np.where(reduce, 0, bad)
        return PlateauState(best, bad, cooldown, lr)


# -- the registry ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class ScheduleDef:
    """One schedule kind as scenes and the GUI see it.

    ``defaults`` holds torch 2.13's default of every optional key (ours for ``factor`` of
    ``constant`` and ``cycle_momentum``); None means derived: ``T_max`` and
    ``total_steps`` from the run's steps, ``step_size_down`` from ``step_size_up``,
    ``scale_mode`` from ``mode``. ``required`` lists the keys without a default.
    ``kinds`` says what every key holds: ``"int"``, ``"real"``, ``"bool"``, ``"ints"``
    (a list of whole numbers) or the tuple of allowed strings. ``doc`` is the class
    docstring, its first line a one-line summary.
    """

    name: str
    torch_name: str
    defaults: dict[str, Any]
    required: tuple[str, ...]
    kinds: dict[str, str | tuple[str, ...]]
    doc: str
    cls: type[Schedule] = field(repr=False)


_MODES = ("triangular", "triangular2", "exp_range")
_SPECS: tuple[tuple[type[Schedule], str, dict[str, tuple[Any, Any]]], ...] = (
    (ConstantSchedule, "ConstantLR", {"factor": (REAL, 1.0), "total_iters": (INT, 5)}),
    (StepSchedule, "StepLR", {"step_size": (INT, REQUIRED), "gamma": (REAL, 0.1)}),
    (MultiStepSchedule, "MultiStepLR", {"milestones": (INTS, REQUIRED), "gamma": (REAL, 0.1)}),
    (ExponentialSchedule, "ExponentialLR", {"gamma": (REAL, REQUIRED)}),
    (CosineSchedule, "CosineAnnealingLR", {"T_max": (INT, None), "eta_min": (REAL, 0.0)}),
    (WarmRestartsSchedule, "CosineAnnealingWarmRestarts",
     {"T_0": (INT, REQUIRED), "T_mult": (INT, 1), "eta_min": (REAL, 0.0)}),
    (CyclicSchedule, "CyclicLR",
     {"base_lr": (REAL, REQUIRED), "max_lr": (REAL, REQUIRED), "step_size_up": (INT, 2000),
      "step_size_down": (INT, None), "mode": (_MODES, "triangular"), "gamma": (REAL, 1.0),
      "scale_mode": (("cycle", "iterations"), None), "cycle_momentum": (BOOL, False),
      "base_momentum": (REAL, 0.8), "max_momentum": (REAL, 0.9)}),
    (OneCycleSchedule, "OneCycleLR",
     {"max_lr": (REAL, REQUIRED), "total_steps": (INT, None), "pct_start": (REAL, 0.3),
      "anneal_strategy": (("cos", "linear"), "cos"), "cycle_momentum": (BOOL, False),
      "base_momentum": (REAL, 0.85), "max_momentum": (REAL, 0.95), "div_factor": (REAL, 25.0),
      "final_div_factor": (REAL, 1e4), "three_phase": (BOOL, False)}),
    (LinearSchedule, "LinearLR",
     {"start_factor": (REAL, 1.0 / 3), "end_factor": (REAL, 1.0), "total_iters": (INT, 5)}),
    (PlateauSchedule, "ReduceLROnPlateau",
     {"mode": (("min", "max"), "min"), "factor": (REAL, 0.1), "patience": (INT, 10),
      "threshold": (REAL, 1e-4), "threshold_mode": (("rel", "abs"), "rel"),
      "cooldown": (INT, 0), "min_lr": (REAL, 0.0), "eps": (REAL, 1e-8)}),
    (PolynomialSchedule, "PolynomialLR", {"total_iters": (INT, 5), "power": (REAL, 1.0)}),
    (MultiplicativeSchedule, "MultiplicativeLR", {"factor": (REAL, REQUIRED)}),
    (SequentialSchedule, "SequentialLR", {"schedules": (TABLES, REQUIRED),
                                          "milestones": (INTS, REQUIRED)}),
    (ChainedSchedule, "ChainedScheduler", {"schedules": (TABLES, REQUIRED)}),
)
_CHAINS = ("sequential", "chained")

SCHEDULES: dict[str, ScheduleDef] = {
    cls.kind: ScheduleDef(
        name=cls.kind, torch_name=torch_name,
        defaults={k: d for k, (_, d) in keys.items() if d is not REQUIRED},
        required=tuple(k for k, (_, d) in keys.items() if d is REQUIRED),
        kinds={k: kind for k, (kind, _) in keys.items()},
        doc=inspect.cleandoc(cls.__doc__ or ""), cls=cls)
    for cls, torch_name, keys in _SPECS
}

# -- validation -----------------------------------------------------------------------------

_ALIASES = {d.torch_name.lower(): d.name for d in SCHEDULES.values()} | {
    "cosine_annealing": "cosine", "warm_restarts": "cosine_restarts", "sgdr": "cosine_restarts",
    "one_cycle": "onecycle", "1cycle": "onecycle", "cyclical": "cyclic", "clr": "cyclic",
    "reduce_on_plateau": "plateau", "multi_step": "multistep",
    "exp": "exponential",
}

_NOT_SETTINGS = {
    "last_epoch": Msg("not supported: a schedule starts at step 0 with its run"),
    "verbose": Msg("removed from torch.optim.lr_scheduler; not supported"),
    "optimizer": Msg("not a schedule setting: a schedule drives the optimizer of its own run"),
    "scale_fn": Msg("a Python function cannot come from a scene; choose a mode "
                    "(triangular, triangular2 or exp_range)"),
    "lr_lambda": Msg("a Python function cannot come from a scene; kind = \"multiplicative\" "
                     "takes a constant factor"),
}

_EPOCHS = Msg("gdstudio counts steps, not epochs: give total_steps (default: the run's steps)")
_HINTS = {
    ("onecycle", "epochs"): _EPOCHS,
    ("onecycle", "steps_per_epoch"): _EPOCHS,
    ("onecycle", "base_lr"): Msg("onecycle has no base_lr: it starts at max_lr / div_factor"),
    ("onecycle", "min_lr"): Msg("onecycle has no min_lr: it ends at max_lr / div_factor / "
                                "final_div_factor"),
    ("cyclic", "total_steps"): Msg("cyclic runs for ever: it takes step_size_up and "
                                   "step_size_down"),
}

# (key, test, what is expected, why) for single values, by kind; tests see converted values.
_NUMBER = Msg("a number >= 0")
_POSITIVE = Msg("a number > 0")
_WHOLE = Msg("a whole number >= 0")
_WHOLE_1 = Msg("a whole number >= 1")
_IN_01 = Msg("a number in [0, 1]")
_COUNT = Msg("a count of steps")
_LR = Msg("a learning rate cannot be negative")
_LR_BECOME = Msg("a learning rate cannot become negative")
_MOMENTUM = Msg("momentum cannot be negative")
_RANGES: dict[str, tuple[tuple[str, Any, str, str], ...]] = {
    "constant": (
        ("factor", lambda v: 0 <= v <= 1, _IN_01,
         Msg("torch's ConstantLR: 'Constant multiplicative factor expected to be between 0 "
             "and 1'")),
        ("total_iters", lambda v: v >= 0, _WHOLE, _COUNT),
    ),
    "step": (
        ("step_size", lambda v: v >= 1, _WHOLE_1, Msg("the period of the decay")),
        ("gamma", lambda v: v >= 0, _NUMBER, _LR_BECOME),
    ),
    "multistep": (
        ("gamma", lambda v: v >= 0, _NUMBER, _LR_BECOME),
    ),
    "exponential": (
        ("gamma", lambda v: v >= 0, _NUMBER, _LR_BECOME),
    ),
    "cosine": (
        ("T_max", lambda v: v >= 1, _WHOLE_1,
         Msg("the half period; torch divides by it")),
        ("eta_min", lambda v: v >= 0, _NUMBER, _LR),
    ),
    "cosine_restarts": (
        ("T_0", lambda v: v >= 1, _WHOLE_1,
         Msg("torch's CosineAnnealingWarmRestarts: 'Expected positive integer T_0'")),
        ("T_mult", lambda v: v >= 1, _WHOLE_1,
         Msg("torch's CosineAnnealingWarmRestarts: 'Expected integer T_mult >= 1'")),
        ("eta_min", lambda v: v >= 0, _NUMBER, _LR),
    ),
    "cyclic": (
        ("base_lr", lambda v: v >= 0, _NUMBER, _LR),
        ("max_lr", lambda v: v >= 0, _NUMBER, _LR),
        ("step_size_up", lambda v: v >= 1, _WHOLE_1,
         Msg("torch divides by it (step_size_up = 0 is a ZeroDivisionError)")),
        ("step_size_down", lambda v: v >= 0, _WHOLE, _COUNT),
        ("gamma", lambda v: v >= 0, _NUMBER, _LR_BECOME),
        ("base_momentum", lambda v: v >= 0, _NUMBER, _MOMENTUM),
        ("max_momentum", lambda v: v >= 0, _NUMBER, _MOMENTUM),
    ),
    "onecycle": (
        ("max_lr", lambda v: v >= 0, _NUMBER, _LR),
        ("total_steps", lambda v: v >= 1, _WHOLE_1,
         Msg("torch's OneCycleLR: 'Expected positive integer total_steps'")),
        ("pct_start", lambda v: 0 <= v <= 1, _IN_01,
         Msg("torch's OneCycleLR: 'Expected float between 0 and 1 pct_start'")),
        ("div_factor", lambda v: v > 0, _POSITIVE,
         Msg("the first lr is max_lr / div_factor")),
        ("final_div_factor", lambda v: v > 0, _POSITIVE,
         Msg("the last lr is max_lr / div_factor / final_div_factor")),
        ("base_momentum", lambda v: v >= 0, _NUMBER, _MOMENTUM),
        ("max_momentum", lambda v: v >= 0, _NUMBER, _MOMENTUM),
    ),
    "linear": (
        ("start_factor", lambda v: 0 < v <= 1, Msg("a number in (0, 1]"),
         Msg("torch's LinearLR: 'Starting multiplicative factor expected to be greater than 0 "
         "and less or equal to 1'")),
        ("end_factor", lambda v: 0 <= v <= 1, _IN_01,
         Msg("torch's LinearLR: 'Ending multiplicative factor expected to be between 0 and 1'")),
        ("total_iters", lambda v: v >= 0, _WHOLE, _COUNT),
    ),
    "plateau": (
        ("factor", lambda v: 0 <= v < 1, Msg("a number in [0, 1)"),
         Msg("torch's ReduceLROnPlateau: 'Factor should be < 1.0'; new lr = lr * factor")),
        ("patience", lambda v: v >= 0, _WHOLE, _COUNT),
        ("threshold", lambda v: v >= 0, _NUMBER, Msg("the margin an improvement must beat")),
        ("cooldown", lambda v: v >= 0, _WHOLE, _COUNT),
        ("min_lr", lambda v: v >= 0, _NUMBER, _LR),
        ("eps", lambda v: v >= 0, _NUMBER,
         Msg("the smallest reduction that is applied")),
    ),
    "polynomial": (
        ("total_iters", lambda v: v >= 0, _WHOLE, _COUNT),
        ("power", lambda v: v >= 0, _NUMBER,
         Msg("torch raises ZeroDivisionError at total_iters with a negative power")),
    ),
    "multiplicative": (
        ("factor", lambda v: v >= 0, _NUMBER, _LR_BECOME),
    ),
}








def _type_problem(kind: str | tuple[str, ...], v: Any) -> str | None:
    if isinstance(kind, tuple):
        if isinstance(v, str) and v in kind:
            return None
        return Msg("expected one of {names}, got {value}",
                   names=", ".join(_show(c) for c in kind), value=_show(v))
    if kind == BOOL:
        return None if isinstance(v, bool) else Msg("expected true or false, got {value}",
                                                     value=_show(v))
    if kind == INT:
        return None if _is_int(v) else Msg("expected a whole number, got {value}",
                                           value=_show(v))
    if kind == REAL:
        if not _is_real(v):
            return Msg("expected a number, got {value}", value=_show(v))
        return None if math.isfinite(v) else Msg("expected a finite number, got {value}",
                                                 value=_show(v))
    if kind == TABLES:
        if not isinstance(v, list | tuple) or not v or not all(isinstance(t, dict) for t in v):
            return Msg("expected a non-empty list of schedule tables, e.g. [{{kind = "
                       "\"linear\", total_iters = 10}}, {{kind = \"cosine\"}}], got {value}",
                       value=_show(v))
        return None
    if not isinstance(v, list | tuple) or not all(_is_int(m) for m in v):
        return Msg("expected a list of whole numbers, got {value}", value=_show(v))
    if any(m < 0 for m in v):
        return Msg("expected whole numbers >= 0 (steps), got {value}", value=_show(v))
    return None


def _convert(kind: str | tuple[str, ...], v: Any) -> Any:
    if kind == REAL:
        return float(v)
    if kind == INT:
        return int(v)
    if kind == INTS:
        return tuple(int(m) for m in v)
    if kind == TABLES:
        return [dict(t) for t in v]
    return v


def _unknown_kind(kind: Any) -> str:
    names = ", ".join(SCHEDULES)
    if not isinstance(kind, str):
        return Msg("expected the name of a schedule, got {value}; one of {names}",
                   value=_show(kind), names=names)
    folded = kind.lower().replace("-", "_")
    guess = _ALIASES.get(folded) or _ALIASES.get(folded.replace("_", ""))
    if guess is None:
        close = difflib.get_close_matches(folded, list(SCHEDULES), n=1)
        guess = close[0] if close else None
    if guess is not None:
        return Msg("unknown schedule {value} (did you mean {guess}, torch's {torch}?); one "
                   "of {names}", value=_show(kind), guess=_show(guess),
                   torch=SCHEDULES[guess].torch_name, names=names)
    return Msg("unknown schedule {value}; one of {names}", value=_show(kind), names=names)


def _unknown_key(kind: str, key: str) -> str:
    allowed = list(SCHEDULES[kind].kinds)
    if (kind, key) in _HINTS:
        return _HINTS[(kind, key)]
    if key in _NOT_SETTINGS:
        return _NOT_SETTINGS[key]
    folded = {k.lower(): k for k in allowed}
    close = difflib.get_close_matches(key.lower(), list(folded), n=1)
    if close:
        return Msg("unknown key of {kind} (did you mean '{close}'?); {kind} takes {allowed}",
                   kind=kind, close=folded[close[0]], allowed=", ".join(allowed))
    return Msg("unknown key of {kind}; {kind} takes {allowed}", kind=kind,
               allowed=", ".join(allowed))


def _momentum_key(optimizer: Any) -> tuple[str, str | None] | None:
    """``(name, momentum_key)`` of the optimizer, or None when it is not known."""
    name = getattr(optimizer, "name", None)
    if not isinstance(name, str):
        return None
    from gdstudio.core.optimizers import OPTIMIZERS

    spec = OPTIMIZERS.get(name)
    return None if spec is None else (name, spec.momentum_key)


def _resolve(kind: str, values: dict[str, Any], steps: int) -> dict[str, Any]:
    """Every setting of ``kind``: defaults, then the (valid, converted) ``values``, derived."""
    spec = SCHEDULES[kind]
    p = {k: spec.defaults.get(k) for k in spec.kinds}
    p.update(values)
    if kind == "cosine" and p["T_max"] is None:
        p["T_max"] = max(int(steps), 1)
    elif kind == "onecycle" and p["total_steps"] is None:
        p["total_steps"] = max(int(steps), 1)
    elif kind == "cyclic":
        if p["step_size_down"] is None:
            p["step_size_down"] = p["step_size_up"]
        if p["scale_mode"] is None:
            p["scale_mode"] = "iterations" if p["mode"] == "exp_range" else "cycle"
    return p


def _onecycle_zero_phase(total: int, pct: float, three: bool,
                         steps: int) -> tuple[int, int] | None:
    """``(phase, step)`` where torch's OneCycleLR would divide by zero within ``last_epoch``
    0 .. steps (a phase of zero length that is entered), or None."""
    ends = _onecycle_ends(total, pct, three)
    start, lo = 0.0, -math.inf
    for i, end in enumerate(ends):
        last = i == len(ends) - 1
        if end - start == 0:
            first = 0 if lo == -math.inf else max(0, math.floor(lo) + 1)
            hi = steps if last else min(steps, math.floor(end))
            if first <= hi:
                return i, first
        lo, start = max(lo, end), end
    return None


def _cross_problems(kind: str, p: dict[str, Any], ok: set[str], steps: int,
                    optimizer: Any) -> list[tuple[str, str]]:
    """Problems that involve several keys, the run or the optimizer; ``ok`` holds the keys
    whose values passed the single-value checks (only those are looked at)."""
    out: list[tuple[str, str]] = []
    if kind == "constant" and {"factor", "total_iters"} <= ok:
        n = p["total_iters"]
        if p["factor"] == 0 and 1 <= n <= steps:
            out.append(("factor", Msg("factor 0 cannot be undone: torch's ConstantLR "
                                      "multiplies the lr by 1.0 / factor at total_iters = {n}, "
                                      "within the run's {steps} steps (ZeroDivisionError)",
                                      n=n, steps=steps)))
    if kind == "cyclic" and "mode" in ok:
        if p["mode"] == "exp_range" and "gamma" in ok and p["gamma"] > 1:
            out.append(("gamma", Msg("expected a number in [0, 1] with mode \"exp_range\" "
                                     "(torch requires 0 <= scale_fn(x) <= 1, and the amplitude "
                                     "is scaled by gamma ** step), got {value}",
                                     value=_show(p["gamma"]))))
        implied = "iterations" if p["mode"] == "exp_range" else "cycle"
        if "scale_mode" in ok and p["scale_mode"] != implied:
            out.append(("scale_mode", Msg("mode {mode} scales by {implied}: torch ignores "
                                          "scale_mode unless given a custom scale_fn, which a "
                                          "scene cannot give; leave it out",
                                          mode=_show(p["mode"]), implied=_show(implied))))
    if kind == "onecycle" and "total_steps" in ok:
        total = p["total_steps"]
        if total < steps:
            out.append(("total_steps", Msg("expected at least the run's steps ({steps}), got "
                                           "{total}: torch's OneCycleLR refuses to step past "
                                           "total_steps", steps=steps, total=total)))
        elif {"pct_start", "three_phase"} <= ok:
            zero = _onecycle_zero_phase(total, p["pct_start"], p["three_phase"], steps)
            if zero is not None:
                out.append(("pct_start", _zero_phase(*zero, _show(p["pct_start"]), total)))
    if kind in ("cyclic", "onecycle") and "cycle_momentum" in ok and p["cycle_momentum"]:
        known = _momentum_key(optimizer)
        torch_name = SCHEDULES[kind].torch_name
        if known is not None and known[1] is None:
            out.append(("cycle_momentum", Msg("{name} has neither momentum nor betas; torch's "
                                              "{torch}: 'optimizer must support momentum or "
                                              "beta1 with `cycle_momentum` option enabled'",
                                              name=known[0], torch=torch_name)))
        elif known is not None and known[1] == "betas":
            for key in ("base_momentum", "max_momentum"):
                if key in ok and not p[key] < 1:
                    out.append((key, Msg("expected a number in [0, 1) with {name}, whose "
                                         "betas[0] it sets, got {value}", name=known[0],
                                         value=_show(p[key]))))
    return out


def _zero_phase(phase: int, step: int, pct: str, total: int) -> Msg:
    """The problem of a OneCycleLR phase of no length (``phase`` 0, 1 or 2) that torch
    enters at ``step``."""
    if step == 0:
        when = Msg("in its constructor")
    else:
        when = Msg("in its step after step {step}", step=step)
    args = {"pct": pct, "total": total, "when": when}
    if phase == 0:
        return Msg("with pct_start = {pct} and total_steps = {total} the first phase of "
                   "torch's OneCycleLR has no length: torch divides by zero {when}; change "
                   "pct_start or total_steps", **args)
    if phase == 1:
        return Msg("with pct_start = {pct} and total_steps = {total} the second phase of "
                   "torch's OneCycleLR has no length: torch divides by zero {when}; change "
                   "pct_start or total_steps", **args)
    return Msg("with pct_start = {pct} and total_steps = {total} the third phase of torch's "
               "OneCycleLR has no length: torch divides by zero {when}; change pct_start or "
               "total_steps", **args)


def check_schedule(params: Any, *, base_lr: float, steps: int,
                   optimizer: Any) -> list[tuple[str, str]]:
    """Every problem with the ``[run.schedule]`` table ``params``, as (key, message).

    Finds an unknown ``kind`` (suggesting close names, torch class names included),
    unknown keys, missing required keys, wrong types (whole numbers where torch counts
    steps; numbers real and finite, ints accepted; switches real booleans; strings from
    torch's list), every value torch rejects (its reason quoted) or cannot run (division
    by zero within the run's ``steps``), and ours: a ``onecycle`` with ``total_steps``
    below ``steps``; ``cycle_momentum`` with an optimizer that has neither momentum nor
    betas; ``scale_mode`` contradicting ``mode`` (torch would silently ignore it);
    negative learning rates. ``optimizer`` needs a ``.name`` (None skips the momentum
    checks); ``base_lr`` is its lr. An empty list means ``make_schedule`` succeeds.
    """
    if not isinstance(params, dict):
        return [("kind", Msg("expected a table with a kind, got {value}",
                             value=_show(params)))]
    if "kind" not in params:
        return [("kind", Msg("required; one of {names}", names=", ".join(SCHEDULES)))]
    kind = params["kind"]
    if not isinstance(kind, str) or kind not in SCHEDULES:
        return [("kind", _unknown_kind(kind))]
    spec = SCHEDULES[kind]
    problems: list[tuple[str, str]] = []
    given: dict[str, Any] = {}
    for key, value in params.items():
        if key == "kind":
            continue
        if key not in spec.kinds:
            problems.append((key, _unknown_key(kind, key)))
            continue
        problem = _type_problem(spec.kinds[key], value)
        if problem:
            problems.append((key, problem))
        else:
            given[key] = _convert(spec.kinds[key], value)
    for key in spec.required:
        if key not in params:
            problems.append((key, Msg("required by {kind} (torch's {torch})", kind=kind,
                                      torch=spec.torch_name)))
    p = _resolve(kind, given, steps)
    ok = set(given) | {k for k in spec.defaults if k not in params}
    for key, test, expected, why in _RANGES.get(kind, ()):
        if key in ok and not test(p[key]):
            problems.append((key, Msg("expected {expected} ({why}), got {value}",
                                      expected=expected, why=why, value=_show(p[key]))))
            ok.discard(key)
    problems += _cross_problems(kind, p, ok, steps, optimizer)
    if kind in _CHAINS and "schedules" in ok:
        problems += _chain_problems(kind, p, ok, base_lr, steps, optimizer)
    return problems


def _chain_problems(kind: str, p: dict[str, Any], ok: set[str], base_lr: float, steps: int,
                    optimizer: Any) -> list[tuple[str, str]]:
    """Problems of a chain's inner tables, keyed ``schedules[i].KEY``, and of its
    milestones."""
    out: list[tuple[str, str]] = []
    tables = p["schedules"]
    for i, table in enumerate(tables):
        where = f"schedules[{i}]"
        inner = table.get("kind")
        if inner == "plateau":
            out.append((f"{where}.kind", Msg("torch's {torch} does not support "
                                             "ReduceLROnPlateau inside it (it needs the loss)",
                                             torch=SCHEDULES[kind].torch_name)))
            continue
        if inner in _CHAINS or inner in ("cyclic", "onecycle", "cosine_restarts"):
            out.append((f"{where}.kind", Msg("{inner} is not supported inside a chain; use "
                                             "constant, step, multistep, exponential, cosine, "
                                             "linear, polynomial or multiplicative",
                                             inner=inner)))
            continue
        for key, problem in check_schedule(table, base_lr=base_lr, steps=steps,
                                           optimizer=optimizer):
            out.append((f"{where}.{key}", problem))
    if kind == "sequential" and "milestones" in ok:
        marks = p["milestones"]
        if len(marks) != len(tables) - 1:
            out.append(("milestones", Msg("expected one milestone fewer than schedules ({n}), "
                                          "got {got} (torch's SequentialLR)",
                                          n=len(tables), got=len(marks))))
            return out
        for i, table in enumerate(tables[1:], start=1):
            if table.get("kind") in ("linear", "polynomial") and \
                    table.get("total_iters") == 0 and 1 <= marks[i - 1] <= steps:
                out.append((f"schedules[{i}].total_iters",
                            Msg("expected a whole number >= 1 after a milestone: torch's "
                                "closed form there divides by total_iters (ZeroDivisionError)")))
    return out


def make_schedule(params: dict[str, Any], *, base_lr: float, steps: int,
                  optimizer: Any) -> Schedule:
    """The schedule ``params`` (a ``[run.schedule]`` table with its ``kind``) for a run of
    ``steps`` steps whose optimizer has learning rate ``base_lr``.

    Raises ValueError, listing every problem :func:`check_schedule` finds.
    """
    problems = check_schedule(params, base_lr=base_lr, steps=steps, optimizer=optimizer)
    if problems:
        raise ValueError("; ".join(f"{key}: {msg}" for key, msg in problems))
    spec = SCHEDULES[params["kind"]]
    given = {k: _convert(spec.kinds[k], v) for k, v in params.items() if k != "kind"}
    return spec.cls(_resolve(spec.name, given, steps), base_lr, int(steps))


def lr_preview(params: dict[str, Any], *, base_lr: float, steps: int,
               optimizer: Any, cancel: Callable[[], bool] | None = None,
               ) -> np.ndarray | None:
    """``lr_1 .. lr_steps`` of the schedule, for drawing before a run (None if it is invalid).

    ``plateau`` depends on the losses still to come: its preview is the starting lr,
    ``base_lr``, throughout. Up to ``PREVIEW_EXACT`` steps the schedule is stepped as a
    run steps it; beyond, a schedule with a :meth:`Schedule.closed_form` is evaluated in
    one numpy call (equal up to round-off) and the others are stepped (seconds for
    millions of steps, so the window computes it in the background): ``cancel()`` is
    asked every ``PREVIEW_CHUNK`` steps and True raises ``Cancelled``.
    """
    if check_schedule(params, base_lr=base_lr, steps=steps, optimizer=optimizer):
        return None
    schedule = make_schedule(params, base_lr=base_lr, steps=steps, optimizer=optimizer)
    if isinstance(schedule, PlateauSchedule):
        return np.full(steps, float(base_lr))
    if steps > PREVIEW_EXACT:
        fast = schedule.closed_form(np.arange(steps, dtype=np.int64))
        if fast is not None:
            return np.asarray(fast, dtype=float)
    out = np.empty(steps)
    state = schedule.init(1)
    for t in range(steps):
        if t:
            state = schedule.step(state)
        out[t] = state.lr
        if cancel is not None and t % PREVIEW_CHUNK == 0 and cancel():
            raise Cancelled
    return out


PREVIEW_CHUNK = 65536
PREVIEW_EXACT = 100_000
