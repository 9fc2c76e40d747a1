"""What running a scene will cost, estimated before anything is allocated.

The run loop keeps the rows its consumer gets (``core/runner.py``: positions, loss and
learning rate of each member at steps 0, K, 2K, ... and its last step; for the window,
only the batch it is streaming) and what consumes them may keep more: ``run_scene``
builds its result in those arrays (adding a learning-rate column per member), the
command line writes them out as CSV/JSON text one group at a time, the window copies
every row into its playback arrays. Scenes that are valid one by one (a swarm of a
million starts, ten million steps) can together need terabytes; :func:`check_budget`
refuses them up front, saying how much they would need and what to change, instead of
letting the machine run out of memory half-way.

The memory available is the kernel's ``MemAvailable`` (``/proc/meminfo``), elsewhere
:data:`FALLBACK_BUDGET`; the environment variable ``GDSTUDIO_MEMORY_BUDGET`` (bytes)
overrides both.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gdstudio.core.errors import GdError, Msg, SceneError
from gdstudio.core.values import show

if TYPE_CHECKING:
    from gdstudio.core.scene import RunSpec, Scene

__all__ = ["CONSUMERS", "ENV_BUDGET", "FALLBACK_BUDGET", "Estimate", "available_memory",
           "check_budget", "estimate", "human_bytes", "human_time"]

ENV_BUDGET = "GDSTUDIO_MEMORY_BUDGET"
FALLBACK_BUDGET = 4 << 30
"""Bytes assumed available where the kernel does not say (no ``/proc/meminfo``)."""

ENGINE_ROW_BYTES = 32
"""Per member and kept row in the run loop: ``w`` (2 floats), the loss and the count of
evaluations; plus the learning rate, per member for plateau schedules, else shared by the
swarm."""
TRIAL_BYTES = 32
"""Per L-BFGS trial point kept: its position, member and step (and their sorted copy)."""
CONSUMER_TRIAL_BYTES = {"api": 0, "cli": 60, "window": 24}
"""Per L-BFGS trial point, by consumer: the command line's JSON text, the window's copy."""
HISTORY_BYTES = 40
"""Per member and entry of L-BFGS's history (``history_size``): y, s and 1 / (y . s)."""
MEMBER_BYTES = 2048
"""Per member, whatever the rows: labels, run records, optimizer state, array headers."""
STREAM_ROWS = 65
"""Rows the run loop holds while it streams batches to the window (up to 64 steps)."""
CONSUMER_ROW_BYTES = {"api": 9, "cli": 9, "window": 32}
"""Per member and kept row, by consumer: ``run_scene``'s learning-rate column and the mask
of cells past a run's end (the command line the same: it writes its CSV/JSON text as it
goes and keeps none of it); the window's playback keeps w, loss and lr of every row."""
CONSUMERS = tuple(CONSUMER_ROW_BYTES)
STATE_ROW_BYTES = 72
"""Per row of a single start in the window: the optimizer state its worker records for the
step marks and the Step panel, at most 9 numbers a row (L-BFGS's; Adam's 5)."""
CONSUMER_ROW_SECONDS = {"api": 0.0, "cli": 7e-6, "window": 0.0}
"""Per member and kept row, by consumer: formatting the command line's text."""
STEP_SECONDS = 1e-4
"""Rough time of one step of a group, whatever its size (numpy call overheads)."""
MEMBER_STEP_SECONDS = 4e-7
"""Rough time per member and step of a large swarm."""


@dataclass(frozen=True)
class Estimate:
    """Memory (bytes) and rough time (seconds) a scene needs, with what drives them."""

    bytes: int
    seconds: float
    members: int
    steps: int


def estimate(scene: Scene, steps: int | None = None, every: int = 1,
             consumer: str = "api") -> Estimate:
    """What running ``scene`` needs, with every run's steps set to ``steps`` if given and
    row 0, every ``every``-th row and each run's last kept (``--every``; the window
    keeps every row).

    ``consumer`` is "api" (``run_scene``), "cli" (``gdstudio run``: also the time to
    write its text) or "window" (the playback's copy). Nothing is computed or allocated.
    """
    per_row = CONSUMER_ROW_BYTES[consumer]
    total = 0
    seconds = 0.0
    members = 0
    longest = 0
    for spec in scene.runs:
        n = int(spec.size)
        t = int(spec.steps if steps is None else steps)
        if consumer == "window":
            kept = t + 1
            engine = min(kept, STREAM_ROWS)
        else:
            kept = engine = t // every + 1 + (t % every != 0)
        plateau = (spec.schedule or {}).get("kind") == "plateau"
        trials, history, evals = _closure_costs(spec)
        total += engine * n * ENGINE_ROW_BYTES + engine * (n if plateau else 1) * 8
        total += kept * n * per_row + n * MEMBER_BYTES
        if consumer == "window" and n == 1:
            total += kept * STATE_ROW_BYTES
        total += kept * n * trials * (TRIAL_BYTES + CONSUMER_TRIAL_BYTES[consumer])
        total += n * history * HISTORY_BYTES
        seconds += t * (STEP_SECONDS + n * MEMBER_STEP_SECONDS) * evals
        seconds += kept * n * CONSUMER_ROW_SECONDS[consumer]
        members += n
        longest = max(longest, t)
    return Estimate(bytes=total, seconds=seconds, members=members, steps=longest)


def _closure_costs(spec: RunSpec) -> tuple[int, int, int]:
    """For a run whose optimizer calls its closure more than once a step (L-BFGS, also
    after a ``[[run.change]]``): the most trial points one step can keep, the largest
    history, and the most evaluations a step can make; (0, 0, 1) for any other run."""
    from gdstudio.core.optimizers import make_optimizer

    trials, history, evals = 0, 0, 1
    name, hp = spec.optimizer, dict(spec.hyper)
    for change in (None, *spec.changes):
        if change is not None:
            if change.optimizer is None:
                hp.update(change.hyper)
            else:
                name, hp = change.optimizer, dict(change.hyper)
        opt = make_optimizer(name, **hp)
        trials = max(trials, opt.max_trials)
        history = max(history, opt.history_entries)
        evals = max(evals, opt.max_trials + 1)
    return trials, history, evals


def available_memory() -> int:
    """Bytes a run may use: ``GDSTUDIO_MEMORY_BUDGET``, else the kernel's MemAvailable,
    else :data:`FALLBACK_BUDGET`."""
    env = os.environ.get(ENV_BUDGET, "").strip()
    if env:
        try:
            value = float(env)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise GdError(Msg("{name} must be a number of bytes, got {value}",
                              name=ENV_BUDGET, value=show(env)))
        return int(value)
    try:
        with Path("/proc/meminfo").open(encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return FALLBACK_BUDGET


def check_budget(scene: Scene, steps: int | None = None, every: int = 1, consumer: str = "api",
                 budget: int | None = None) -> Estimate:
    """The :func:`estimate`; raises :class:`SceneError` if it needs more memory than
    ``budget`` (default :func:`available_memory`), naming the need in GiB and minutes and
    the way out: fewer steps or starts, or ``--every`` where that would be enough."""
    need = estimate(scene, steps=steps, every=every, consumer=consumer)
    have = available_memory() if budget is None else int(budget)
    if need.bytes <= have:
        return need
    args = {"file": scene.source_name, "memory": human_bytes(need.bytes),
            "time": human_time(need.seconds), "members": need.members,
            "steps": need.steps, "available": human_bytes(have)}
    sparse = estimate(scene, steps=steps, every=max(need.steps, 1), consumer=consumer)
    if consumer == "window":
        msg = Msg("{file}: running {members:,} start(s) for up to {steps:,} steps needs "
                  "about {memory} of memory (and {time}), more than the {available} "
                  "available: use fewer steps or fewer starts", **args)
    elif consumer == "cli" and sparse.bytes <= have:
        msg = Msg("{file}: running {members:,} start(s) for up to {steps:,} steps needs "
                  "about {memory} of memory (and {time}), more than the {available} "
                  "available: record fewer rows with --every, or use fewer steps (--steps) "
                  "or fewer starts", **args)
    else:
        msg = Msg("{file}: running {members:,} start(s) for up to {steps:,} steps needs "
                  "about {memory} of memory (and {time}), more than the {available} "
                  "available: use fewer steps or fewer starts", **args)
    raise SceneError(msg)


def human_bytes(n: float) -> str:
    """``1.5 GiB``: binary units, three significant digits."""
    if n < 1024:
        return f"{n:.0f} bytes"
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        n /= 1024
        if n < 1024:
            return f"{n:.3g} {unit}"
    return f"{n / 1024:,.0f} PiB"


def human_time(seconds: float) -> str:
    """``40 seconds``, ``12 minutes``, ``3.5 hours``, ``9 days``, for messages."""
    if seconds < 90:
        return Msg("{n:.0f} seconds", n=max(seconds, 1))
    if seconds < 90 * 60:
        return Msg("{n:.0f} minutes", n=seconds / 60)
    if seconds < 48 * 3600:
        return Msg("{n:.1f} hours", n=seconds / 3600)
    return Msg("{n:,.0f} days", n=seconds / 86400)
