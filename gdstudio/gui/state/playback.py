"""What the views draw: the rows computed so far and the step the user is looking at.

``Playback`` owns the worker of the current scene. The worker computes ahead of the
cursor; the cursor moves at the chosen speed (steps per second, or as fast as possible)
on a display-rate timer, so redraws are coalesced to at most one per frame (``frame``).

The GUI thread and the worker share one GIL: a worker crunching small numpy arrays makes
the GUI thread wait a switch interval each time it comes back from Qt or OpenGL, and a
frame of a swarm then freezes the window for a tenth of a second. So while the worker is
computing a swarm (more than ``display.SWARM`` runs: the frames that are expensive), each
frame holds it (``RunWorker.hold``) for ``HOLD_S`` - the frame and the window updates it
causes run alone - and the next frame waits until ``BUSY_PERIOD_S`` after this one,
leaving the worker the rest. (Loading a run set holds it the same way.) A few runs draw
in a few milliseconds a frame and play at the display rate, the worker unheld.

A swarm (more than ``display.SWARM`` runs) makes every view's frame expensive, so while
it plays the frames are split in ``LANES``: the 3D view draws in one (``lane`` 0), the
loss plot in the next (1), the learning-rate plot (2), then the contour pane (3), each
one window update, and the event loop comes back in between. A view's frame slot
asks ``draws(lane)``; the frame after playing stops draws every view.
"""

from __future__ import annotations

import gc
import math
import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from gdstudio.core.errors import GdError
from gdstudio.gui.draw.display import SWARM
from gdstudio.gui.state.worker import RunWorker
from gdstudio.gui.text.core_text import localize_error

FRAME_MS = 16
FAST_LOOKAHEAD = 2000
HOLD_S = 0.030            # the worker waits this long from the start of a frame
BUSY_PERIOD_S = 0.036     # frames while the worker computes: 28 per second
LANES = 4
STATUS_TEXT = {"max_steps": "finished (max steps)", "early_stopped": "early stopped",
               "min_lr": "stopped (lr below min_lr)", "diverged": "diverged"}


_frozen = False


def _freeze_startup() -> None:
    """Once, when the first run set is loaded: move everything startup made (modules, Qt
    wrappers, sympy's caches, ~1e6 objects) out of the cyclic collector's sight. A full
    collection over them otherwise freezes the window for ~60 ms now and then, in the
    middle of a run (gc.freeze is made for this: long-lived objects of a started app)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


class Playback(QObject):
    frame = Signal()              # redraw (coalesced: at most one per FRAME_MS)
    reset = Signal()              # a new run set: views rebuild their items
    stateChanged = Signal(str)    # "paused" | "playing" | "finished" | "error" | "empty"
    error = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.scene = None
        self.runs: list = []
        self.groups: list[list[int]] = []
        self.total = 0
        self.W = np.zeros((0, 1, 2))
        self.L = np.zeros((0, 1))
        self.LR = np.zeros((0, 1))
        self._trials: list = []         # (run, step, xy) of L-BFGS's extra evaluations
        self._trials_cat = None
        self.rows = 0                   # rows 0 .. rows-1 are computed
        self.ended: dict[int, tuple[str, int]] = {}
        self.cursor = 0                 # the step shown
        self.speed = 60.0               # steps per second; math.inf = as fast as possible
        self.state = "empty"
        self._pos = 0.0
        self._want = 0                  # the step asked for (may not be computed yet)
        self._to_end = False
        self._worker: RunWorker | None = None
        self._dirty = False
        self._quiet_until = 0.0
        self.lane: int | None = None    # during a split frame: the lane drawn
        self._split = False
        self._next_lane = 0
        self._last_tick = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)

    # -- the run set ---------------------------------------------------------------
    def load(self, scene, play: bool = False, surface=None) -> bool:
        """Start computing ``scene`` (stopping any current worker). False on an error.
        ``surface`` replaces the scene's own (a network landscape, an imported grid)."""
        from gdstudio.core.runner import SceneRun

        self.shutdown()
        self.scene = scene
        try:
            run = SceneRun(scene, surface=surface, stream=True)
        except GdError as e:
            self._fail(localize_error(e))
            return False
        self.runs = list(run.runs)
        groups: dict[int, list[int]] = {}
        for i, info in enumerate(self.runs):
            groups.setdefault(info.group, []).append(i)
        self.groups = [groups.get(g, []) for g in range(len(scene.runs))]
        self.total = run.total_steps
        R, T = len(self.runs), self.total + 1
        # Indexed [run, row] but stored row by row: a batch writes memory that is next
        # to the last one. Run by run, the first batch of a long run set would touch a
        # (huge) page per run and array, and the kernel zeroes hundreds of MB at once.
        self.W = np.empty((T, R, 2)).transpose(1, 0, 2)    # rows >= self.rows: unread
        self.L = np.empty((T, R)).T
        self.LR = np.empty((T, R)).T
        self._trials, self._trials_cat = [], None
        self.rows = 0
        self.ended = {}
        self.cursor = 0
        self._pos = 0.0
        self._want = 0
        self._worker = RunWorker(run, self)
        self._worker.batchReady.connect(self._on_batch)
        self._worker.failed.connect(self._on_failed)
        self._worker.done.connect(self._on_done)
        self.reset.emit()               # views rebuild before they hear the new state
        self._set_state("paused")
        self._worker.allow(self._lookahead())
        if R > SWARM:
            self._worker.hold(2 * HOLD_S)         # the views draw the new set first
        self._worker.start()
        if play:
            self.play()
        _freeze_startup()
        return True

    def redraw(self) -> None:
        """Have every view draw the step shown again (a view was built on this playback)."""
        self._mark()

    def shutdown(self) -> None:
        """Stop the worker cleanly (stop flag, quit, wait)."""
        w, self._worker = self._worker, None
        if w is not None:
            w.batchReady.disconnect(self._on_batch)
            w.failed.disconnect(self._on_failed)
            w.done.disconnect(self._on_done)
            w.stop()
            w.deleteLater()
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    # -- transport -----------------------------------------------------------------
    def play(self) -> None:
        if self.state == "empty" or self.state == "error":
            return
        if self.at_end:
            self.seek(0)
        self._pos = float(self.cursor)
        self._last_tick = time.perf_counter()
        self._set_state("playing")
        self._feed()
        self._timer.start()

    def pause(self) -> None:
        if self.state == "playing":
            self._set_state("paused")

    def toggle(self) -> None:
        self.pause() if self.state == "playing" else self.play()

    def step(self, n: int = 1) -> None:
        self.pause()
        self.seek(self.cursor + n)

    def run_to_end(self) -> None:
        if self.state in ("empty", "error"):
            return
        self.seek(self.total)
        if not self.at_end:
            self._set_state("playing")
            self._to_end = True
            self._timer.start()

    def rewind(self) -> None:
        self.pause()
        self.seek(0)

    def set_speed(self, steps_per_s: float) -> None:
        self.speed = steps_per_s
        self._feed()

    def seek(self, t: int) -> None:
        """Show step ``t`` (as far as it has been computed; the worker is asked for it)."""
        t = max(0, min(int(t), self.total))
        if self._worker is not None:
            self._worker.allow(t + self._lookahead())
        shown = min(t, max(self.rows - 1, 0))
        self._want = t
        if shown != self.cursor:
            self.cursor = shown
            self._pos = float(shown)
            self._mark()
        if self.state in ("paused", "finished"):
            self._set_state("finished" if self.at_end else "paused")
        if t > shown:
            self._timer.start()

    @property
    def at_end(self) -> bool:
        return self.rows > 0 and self.cursor >= self.last_row

    @property
    def last_row(self) -> int:
        """The last row any run will have (known once every run has ended)."""
        if len(self.ended) == len(self.runs) and self.runs:
            return max(last for _, last in self.ended.values())
        return self.total

    # -- what the views read -------------------------------------------------------
    def status(self, i: int, t: int | None = None) -> tuple[str, int] | None:
        """(status, last step) of run ``i`` if it has ended by step ``t`` (the cursor)."""
        t = self.cursor if t is None else t
        e = self.ended.get(i)
        return e if e is not None and e[1] <= t else None

    def status_text(self, i: int) -> str:
        s = self.status(i)
        if s is None:
            return "running" if self.state == "playing" else "ready" if self.cursor == 0 else \
                "paused"
        status, last = s
        if status == "diverged":
            return f"diverged at step {last + 1}"
        if status == "max_steps":
            return f"{STATUS_TEXT[status]}, {last} steps"
        return f"{STATUS_TEXT[status]} at step {last}"

    def current(self, i: int) -> int:
        """The row of run ``i`` drawn as its current point (its last row if it ended)."""
        e = self.ended.get(i)
        c = self.cursor
        if e is not None:
            c = min(c, e[1])
        return max(0, min(c, self.rows - 1))

    # -- internals -------------------------------------------------------------------
    def _lookahead(self) -> int:
        """How far the worker may run ahead of the cursor: it waits for the display beyond
        that, so a fast run never starves the GUI thread of the GIL."""
        if math.isinf(self.speed) or self._to_end:
            return FAST_LOOKAHEAD
        return max(64, int(self.speed / 2))

    def _feed(self) -> None:
        if self._worker is not None:
            self._worker.allow(self.cursor + self._lookahead())

    def trials(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """``(runs, xy)``: the points where runs evaluated the loss inside step ``step``
        besides its start (L-BFGS's line search and inner iterations), in order."""
        if not self._trials:
            return np.zeros(0, np.intp), np.zeros((0, 2))
        if self._trials_cat is None:
            self._trials_cat = tuple(np.concatenate([p[k] for p in self._trials])
                                     for k in range(3))
            self._trials = [self._trials_cat]
        r, s, xy = self._trials_cat
        at = s == step
        return r[at], xy[at]

    def _current(self, token: int) -> bool:
        return self._worker is not None and token == self._worker.token

    @Slot(int, object)
    def _on_batch(self, token: int, b) -> None:
        if not self._current(token):
            return
        self.W[:, b.t0:b.t1] = b.w
        self.L[:, b.t0:b.t1] = b.loss
        self.LR[:, b.t0:b.t1] = b.lr
        if b.trials is not None and len(b.trials[0]):
            self._trials.append(b.trials)
            self._trials_cat = None
        self.rows = b.t1
        for i, status, last in b.ended:
            self.ended[i] = (status, last)
        self._mark()

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if not self._current(token):
            return
        self._fail(message)

    @Slot(int)
    def _on_done(self, token: int) -> None:
        if not self._current(token):
            return
        self._mark()

    def _fail(self, message: str) -> None:
        self._set_state("error")
        self.error.emit(message)

    def _mark(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        dt, self._last_tick = now - self._last_tick, now
        if self.state == "playing":
            if self._to_end or math.isinf(self.speed):
                target = self.total
            else:
                self._pos = min(self._pos + self.speed * min(dt, 0.1), float(self.total))
                target = int(self._pos)
            self._want = target
            self._feed()
        target = min(self._want, max(self.rows - 1, 0))
        if target != self.cursor:
            self.cursor = target
            self._dirty = True
        if self.state == "playing" and self.rows > 0 and self.cursor >= self.last_row \
                and len(self.ended) == len(self.runs):
            self._to_end = False
            self._set_state("finished")
        if self._dirty:
            if now < self._quiet_until:
                return                      # the worker's turn; draw on the next tick
            self._dirty = False
            swarm = len(self.runs) > SWARM
            if swarm and self._worker_busy():
                self._worker.hold(HOLD_S)
                self._quiet_until = now + BUSY_PERIOD_S
            self._split = swarm and self.state == "playing"
            if self._split:
                self.lane, self._next_lane = self._next_lane, (self._next_lane + 1) % LANES
            try:
                self.frame.emit()
            finally:
                self.lane = None
        elif self.state != "playing" and self._want <= self.cursor:
            self._timer.stop()

    def _worker_busy(self) -> bool:
        """The worker is computing (not waiting for the cursor, not done)."""
        w = self._worker
        return w is not None and w.isRunning() and self.rows <= w.limit

    def draws(self, lane: int) -> bool:
        """Whether this frame draws the views of ``lane`` (every frame unless split)."""
        return self.lane is None or self.lane == lane

    def _set_state(self, state: str) -> None:
        if state != "playing":
            self._to_end = False
            if self._split:                 # a split frame left a lane behind
                self._split = False
                self._mark()
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)
