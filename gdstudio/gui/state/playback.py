"""What the views draw: the rows computed so far and the step the user is looking at.

``Playback`` owns the worker of the current scene. The worker computes ahead of the
cursor; the cursor moves at the chosen speed (steps per second, or as fast as possible)
on a display-rate timer, so redraws are coalesced to at most one per frame (``frame``).

The GUI thread and the worker share one GIL: a worker crunching small numpy arrays makes
the GUI thread wait a switch interval each time it comes back from Qt or OpenGL, and a
frame of a swarm then freezes the window for a tenth of a second. So while the worker is
computing a swarm (more than ``display.SWARM`` runs: the frames that are expensive), each
frame holds it (``RunWorker.hold``) until the window update the frame causes is done (a
zero timer: Qt runs timers after the posted events that paint, and after the zero timers
the views started in the frame: the 3D view's staged lane draws its GL frame then, see
``CachedGLView.draw_ahead``), so the frame and its paint run alone; then the worker
computes for as long before the next frame. No frame starts before that (a frame that
took longer than a tick would otherwise run the next one ahead of the paint).
(Loading a run set holds it the same way.) A few runs draw
in a few milliseconds a frame and play at the display rate, the worker unheld.

A swarm (more than ``display.SWARM`` runs) makes every view's frame expensive, so while
it plays the frames are split in ``LANES``: the 3D view draws in one (``lane`` 0), the
loss plot in the next (1), the learning-rate plot (2), then the contour pane (3), each
one window update, and the event loop comes back in between. The lanes whose drawing
and painting together would hold the event loop too long are ``STAGED``: their views
draw with window updates held (``staging``) and paint in the next frame (``SHOW``), so
``SPLIT`` is the order of a swarm's frames. When a swarm stops playing, its frames go
on in turn until every view shows the step; a step the user picks (``seek``) is drawn
by every view in one frame. A few runs playing draw
the 3D view in every frame and the 2D panes in ``TURNS``: the loss and learning-rate
plots in one frame, the contour pane in the next (``turn``), so each frame paints about
half of the 2D work and the panes still move at half the display rate, which looks as
smooth at these speeds. A view's frame slot asks ``draws(lane)``; the frame after a few
runs stop playing draws every view.

The rows are kept in arrays indexed ``[run, row]``; ``steps[row]`` is the step a row
holds. A run set of more than ``THIN_RUNS`` runs keeps every row only while they fit in
the history budget (``history_rows``: a share of the memory available, at most
``HISTORY_CAP``). Past it the older rows are thinned (``thin``): rows before a boundary
step are kept at one step in ``stride`` (2, then 4, 8 ... as the run goes on), row 0 and
the recent rows always. The cursor then moves over kept steps only, so what is drawn at
a step is that step's row, and the transport says how the history was thinned. Views
index the arrays through ``row(step)``, ``current_rows`` and ``path_rows`` and label
rows with ``steps``; without thinning a row is its step.

The worker also records the optimizer state of the single-start runs, every step (the
Step panel and the step marks read it: ``opt_state``); the rows of state live in the
worker's runner and are read once their batch has arrived.
"""

from __future__ import annotations

import gc
import math
import time
from functools import partial

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from gdstudio.core.budget import available_memory
from gdstudio.core.errors import GdError
from gdstudio.gui.draw.display import SWARM, rows_to_draw
from gdstudio.gui.state.worker import HOLD_MAX_S, RunWorker
from gdstudio.gui.text.core_text import localize_error

FRAME_MS = 16
FAST_LOOKAHEAD = 2000
WORKER_TURN_S = 0.016     # a swarm's worker computes at least this long between frames
BATCH_STEPS = 16          # steps in a runner batch ...
BATCH_MEMBER_STEPS = 40_000   # ... fewer for a swarm, to stay within these member-steps
LANES = 4
STAGED = (0, 3)           # swarm lanes that draw in one frame and paint in the next
SHOW = -1                 # ``lane`` of the frame that paints what a staged lane drew
SPLIT = tuple(x for lane in range(LANES) for x in ((lane, SHOW) if lane in STAGED else (lane,)))
TURNS = {1: 0, 2: 0, 3: 1}  # lane -> the turn a few runs playing draw it in (0 every frame)
THIN_RUNS = 256           # a run set with more runs may thin its history
HISTORY_SHARE = 0.25      # of the memory available, at most ...
HISTORY_CAP = 512 << 20   # ... bytes, for the rows of a run set that may thin
ROW_BYTES = 32            # per run and kept row: w (2), loss and lr as float64
MIN_ROWS = 16             # a thinned history keeps at least this many rows
THIN_TO = 0.75            # a thinning leaves the rows this full ...
RECENT = 0.25             # ... with at least this share of them recent, every step kept
MOVE_ROWS = 64            # rows moved at a time while thinning (bounds its scratch memory)
GHOST_REDO = 200_000      # member-steps a fork recomputes at once for the old path's rest
STATUS_TEXT = {"max_steps": "finished (max steps)", "early_stopped": "early stopped",
               "min_lr": "stopped (lr below min_lr)", "diverged": "diverged"}
STATUSES = ("running", *STATUS_TEXT)     # ``statuses`` codes: the index in this tuple


_frozen = False


def _freeze_startup() -> None:
    """Once, when the first run set is loaded: move everything startup made (modules, Qt
    wrappers, sympy's caches, ~1e6 objects) out of the cyclic collector's sight. A full
    collection over them otherwise freezes the window for ~60 ms now and then, in the
    middle of a run (gc.freeze is made for this: long-lived objects of a started app).
    No collection first: it would cost that same pause on the way to the first frame,
    to free the little garbage an import leaves."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def history_rows(runs: int, steps: int) -> int:
    """How many rows the playback keeps for ``runs`` runs of ``steps`` steps: every row,
    unless more than ``THIN_RUNS`` runs would need more than the history budget, a
    ``HISTORY_SHARE`` of ``core.budget.available_memory()`` and at most ``HISTORY_CAP``
    bytes (the window stays responsive and leaves memory to the rest of the machine)."""
    if runs <= THIN_RUNS:
        return steps + 1
    budget = min(HISTORY_SHARE * available_memory(), HISTORY_CAP)
    return max(MIN_ROWS, min(steps + 1, int(budget // (runs * ROW_BYTES))))


def batch_steps(runs: int) -> int:
    """Steps in each of the runner's batches for ``runs`` runs: ``BATCH_STEPS``, fewer for
    a big swarm so a batch stays about ``BATCH_MEMBER_STEPS`` member-steps (a millisecond
    of numpy). The worker sees a hold only between batches: a frame then waits at most
    that long for the GIL, and smaller arrays stay in the CPU caches (a 10,000-start
    swarm computes twice as fast in batches of 4 steps as of 16)."""
    return max(1, min(BATCH_STEPS, BATCH_MEMBER_STEPS // max(runs, 1)))


def _touch_rows(stores: tuple[np.ndarray, ...], t0: int, t1: int, floor: int = 0) -> None:
    """On the worker thread, before it sends steps ``t0 .. t1-1``: write the rows they will
    land in (their steps, while no row was thinned) once, so the kernel maps those pages
    there and not in the GUI thread's copy. Mapping fresh memory costs ~13 us a page on a
    virtual machine: for a 10,000-run swarm, 0.1 s a batch the window would freeze. The
    GUI thread writes rows below the steps it has received and reads fewer, and thins only
    after every row here has been received, so the rows written here are no one else's.
    A fork's worker computes from step 0 again: it touches only steps from ``floor`` (the
    steps the playback had), the rows below hold data."""
    t0, hi = max(t0, floor), min(t1, len(stores[0]))
    for store in stores:
        if t0 < hi:
            store[t0:hi] = 0.0


def single_starts(scene) -> set[int]:
    """The run groups whose optimizer state the worker records: the single starts (a row
    of state costs 8 bytes a number, 16 a tensor: 40 for Adam's two moments and step)."""
    return {g for g, spec in enumerate(scene.runs) if spec.size == 1}


def _seed_state(new, old, fork: int | None):
    """A fork's state recorder ``new`` (its worker computes from step 0 again) seeded with
    the rows ``old`` recorded, those after step ``fork`` blanked for a forked group: the
    rows the playback keeps from before the fork then have their state at once, and the
    worker writes the same values again as it passes them."""
    if new is None or old is None:
        return new
    for name, col in old.columns.items():
        if col.shape[0] != new.T + 1:
            continue
        seeded = new.columns[name] = col.copy()
        if fork is not None:
            seeded[fork + 1:] = np.nan
    return new


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
        self.rows = 0                   # steps 0 .. rows-1 are computed
        self.received = 0               # batches received (rows may change with each)
        self.steps = np.zeros(1, dtype=np.int64)   # the step of each kept row
        self.kept = 0                   # rows 0 .. kept-1 of W, L, LR and steps are kept
        self.thin: tuple[int, int] | None = None   # (stride, before): see the module doc
        self._last = np.zeros(0, dtype=np.int64)  # each run's last step (total: running)
        self._code = np.zeros(0, dtype=np.int8)   # how each run ended (STATUSES)
        self.ended: dict[int, tuple[str, int]] = {}
        self.cursor = 0                 # the step shown
        self.surface = None
        self.may_fork = False           # the session sets it while it shows an edit
        self.ghosts: dict[int, np.ndarray] = {}
        """Run index -> the path ``(k, 3)`` (x, y, loss) it took from its last fork's step
        before that fork (see :meth:`fork`)."""
        self._fresh_from: np.ndarray | None = None   # per run: rows from here come in
        self._states: list = []         # per run group: its recorded state (single starts)
        self.speed = 60.0               # steps per second; math.inf = as fast as possible
        self.state = "empty"
        self._pos = 0.0
        self._want = 0                  # the step asked for (may not be computed yet)
        self._to_end = False
        self._worker: RunWorker | None = None
        self._dirty = False
        self._quiet_until = 0.0
        self.lane: int | None = None    # during a split frame: the lane drawn (or SHOW)
        self.staging = False            # during a split frame: its views paint in the next
        self._split = False
        self._next_lane = 0
        self._lanes_left = 0            # a swarm that stopped playing: frames of SPLIT left
        self._held_at = 0.0             # when the frame holding the worker started
        self.turn: int | None = None    # a few runs playing: the 2D panes' turn (0 or 1)
        self._last_tick = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._drawn = QTimer(self)      # fires once the frame's window update is done
        self._drawn.setSingleShot(True)
        self._drawn.setInterval(0)
        self._drawn.timeout.connect(self._on_drawn)

    # -- the run set ---------------------------------------------------------------
    def load(self, scene, play: bool = False, surface=None) -> bool:
        """Start computing ``scene`` (stopping any current worker). False on an error.
        ``surface`` replaces the scene's own (a network landscape, an imported grid)."""
        from gdstudio.core.runner import SceneRun
        from gdstudio.core.scene_edits import fork_steps

        if self.may_fork and self.rows > 0 and surface is not None \
                and surface is self.surface:
            forks = fork_steps(self.scene, scene)
            if forks:
                return self.fork(scene, forks)
        self.shutdown()
        self.scene = scene
        self.surface = surface
        self.ghosts = {}
        self._fresh_from = None
        self._states = []
        try:
            run = SceneRun(scene, surface=surface, stream=True, state=single_starts(scene))
        except GdError as e:
            self._fail(localize_error(e))
            return False
        self._states = [g.state_rows for g in run.groups]
        self.runs = list(run.runs)
        groups: dict[int, list[int]] = {}
        for i, info in enumerate(self.runs):
            groups.setdefault(info.group, []).append(i)
        self.groups = [groups.get(g, []) for g in range(len(scene.runs))]
        self.total = run.total_steps
        R = len(self.runs)
        try:
            T = history_rows(R, self.total)
        except GdError as e:
            self._fail(localize_error(e))
            return False
        # Indexed [run, row] but stored row by row: a batch writes memory that is next
        # to the last one. Run by run, the first batch of a long run set would touch a
        # (huge) page per run and array, and the kernel zeroes hundreds of MB at once.
        self.W = np.empty((T, R, 2)).transpose(1, 0, 2)    # rows >= self.kept: unread
        self.L = np.empty((T, R)).T
        self.LR = np.empty((T, R)).T
        self.steps = np.empty(T, dtype=np.int64)
        self.kept = 0
        self.thin = None
        self._last = np.full(R, self.total, dtype=np.int64)
        self._code = np.zeros(R, dtype=np.int8)
        self._trials, self._trials_cat = [], None
        self.rows = 0
        self.ended = {}
        self.cursor = 0
        self._pos = 0.0
        self._want = 0
        self._worker = self._new_worker(run)
        if (first := self._worker.prime()) is not None:
            self._on_batch(self._worker.token, first)   # the views draw it as they rebuild
        self.reset.emit()               # views rebuild before they hear the new state
        self._set_state("paused")
        self._worker.allow(self._lookahead())
        if R > SWARM:
            self._worker.hold(HOLD_MAX_S)         # the views draw the new set first
            self._drawn.start()
            self._held_at = time.perf_counter()
        self._worker.start()
        if play:
            self.play()
        _freeze_startup()
        return True

    def redraw(self) -> None:
        """Have every view draw the step shown again (a view was built on this playback)."""
        self._mark()

    def fork(self, scene, forks: dict[int, int]) -> bool:
        """Show ``scene``, which differs from the one playing only in the
        ``[[run.change]]`` of the run groups in ``forks`` (group -> the first step whose
        rows differ: :func:`gdstudio.core.scene_edits.fork_steps`). The rows of every
        other run, those of the forked runs up to that step, the cursor and the state
        (playing or not) stay; the forked runs go on from there.

        The worker computes the new scene from step 0 (the runner is deterministic and
        the rows kept are its own) but only the rows after each forked run's step are
        written (in a thinned history, into the kept rows of their steps: the kept steps
        stay the same). A forked run whose new scene holds a change at that step keeps
        the path it took before as a ghost (:attr:`ghosts`); one whose change there was
        taken away (an undo) loses its ghost."""
        from gdstudio.core.runner import SceneRun

        old_scene, old_rows = self.scene, self.rows
        try:
            run = SceneRun(scene, surface=self.surface, stream=True,
                           state=single_starts(scene))
        except GdError as e:
            self.shutdown()
            self._fail(localize_error(e))
            return False
        self._states = [_seed_state(g.state_rows, old, forks.get(k))
                        for k, (g, old) in enumerate(zip(run.groups, self._states,
                                                         strict=True))]
        playing = self.state == "playing"
        self.shutdown()
        self.scene = scene
        fresh = np.full(len(self.runs), old_rows, dtype=np.int64) \
            if self._fresh_from is None else self._fresh_from.copy()
        for g, at in forks.items():
            for i in self.groups[g]:
                self.ghosts.pop(i, None)
            if any(c.at == at for c in scene.runs[g].changes):
                self.ghosts.update(self._ghosts(old_scene, g, at))
            self._drop_trials(self.groups[g], at)
            idx = np.asarray(self.groups[g], dtype=np.intp)
            after = int(np.searchsorted(self.steps[:self.kept], at, side="right"))
            fresh[idx] = np.minimum(fresh[idx], at + 1)
            self.W[idx, after:] = np.nan
            self.L[idx, after:] = np.nan
            self.LR[idx, after:] = np.nan
            self._last[idx] = self.total
            self._code[idx] = 0
            for i in self.groups[g]:
                self.ended.pop(i, None)
        self._fresh_from = fresh
        self._worker = self._new_worker(run, floor=old_rows)
        self.reset.emit()
        self._set_state("playing" if playing else "paused")
        self._worker.allow(max(self._want, self.cursor) + self._lookahead())
        self._worker.start()
        if playing:
            self._timer.start()
        self._mark()
        return True

    def _ghosts(self, old_scene, g: int, at: int) -> dict[int, np.ndarray]:
        """Each run of group ``g`` from step ``at`` on as ``old_scene`` makes it: x, y and
        loss per row. The rows the playback has, continued to the run's end by a run of
        the old scene's group alone (not for groups too long to redo at once)."""
        import dataclasses

        from gdstudio.core.runner import SceneRun

        idx = self.groups[g]
        spec = old_scene.runs[g]
        done = all(i in self.ended and self.ended[i][1] < self.rows for i in idx)
        if done or spec.steps * spec.size > GHOST_REDO:
            r = int(np.searchsorted(self.steps[:self.kept], at))
            paths = {i: np.column_stack([self.W[i, r:self.kept], self.L[i, r:self.kept]])
                     for i in idx}
        else:
            sub = dataclasses.replace(old_scene, runs=[spec])
            res = SceneRun(sub, surface=self.surface).result().groups[0]
            paths = {}
            for i in idx:
                m, k = self.runs[i].member, int(res.count[self.runs[i].member])
                paths[i] = np.column_stack([res.x[m, at:k], res.y[m, at:k],
                                            res.loss[m, at:k]])
        return {i: p[np.isfinite(p).all(axis=1)] for i, p in paths.items()}

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
        """``n`` kept steps on (in a thinned history one step is ``stride`` steps)."""
        self.pause()
        r = self.row(self.cursor) + n
        self.seek(int(self.steps[r]) if 0 <= r < self.kept else self.cursor + n)

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
        shown = self.kept_step(min(t, max(self.rows - 1, 0)))
        self._want = t
        if shown != self.cursor:
            self.cursor = shown
            self._pos = float(shown)
            self._lanes_left = 0            # a step the user picked: every view at once
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
    def row(self, t):
        """The kept row drawn at step ``t`` (an int or an array of them): the row of
        ``t`` itself, or in a thinned history the latest kept row before it."""
        r = np.searchsorted(self.steps[:self.kept], t, side="right") - 1
        return np.maximum(r, 0) if isinstance(r, np.ndarray) else max(int(r), 0)

    def kept_step(self, t: int) -> int:
        """The step of the row drawn at step ``t`` (``t`` unless the history is thinned)."""
        return int(self.steps[self.row(t)]) if self.kept else t

    def rows_of(self, steps: np.ndarray) -> np.ndarray | None:
        """The kept rows of exactly these steps; None if a thinning dropped any of them."""
        r = self.row(steps)
        return r if self.kept and np.array_equal(self.steps[r], steps) else None

    def path_rows(self, members: int, budget: int, t: int | None = None) -> np.ndarray:
        """Kept rows up to step ``t`` (the cursor), evenly fewer so that ``members`` x rows
        stays within ``budget`` points; the row of ``t`` is always one of them. Their
        steps are ``steps[rows]``."""
        return rows_to_draw(members, self.row(self.cursor if t is None else t), budget)

    def current_rows(self, idx) -> np.ndarray:
        """The kept rows of runs ``idx`` drawn as their current points (``current``)."""
        return self.row(np.minimum(self.cursor, self._last[np.asarray(idx, dtype=np.intp)]))

    def status(self, i: int, t: int | None = None) -> tuple[str, int] | None:
        """(status, last step) of run ``i`` if it has ended by step ``t`` (the cursor)."""
        t = self.cursor if t is None else t
        e = self.ended.get(i)
        return e if e is not None and e[1] <= t else None

    def statuses(self, idx, t: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``status`` of many runs at once: for runs ``idx``, how each has ended by step
        ``t`` (the cursor) as an index in ``STATUSES`` (0: not ended), and its last step
        (a swarm's status line and divergence marks without a Python loop per member)."""
        idx = np.asarray(idx, dtype=np.intp)
        last = self._last[idx]
        return np.where(last <= (self.cursor if t is None else t), self._code[idx], 0), last

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

    def _new_worker(self, run, floor: int = 0) -> RunWorker:
        """A worker computing ``run`` into the playback's rows (those below ``floor``
        are already in: see ``_touch_rows``), its signals connected."""
        worker = RunWorker(run, self, chunk=batch_steps(len(self.runs)), touch=partial(
            _touch_rows, (self.W.transpose(1, 0, 2), self.L.T, self.LR.T), floor=floor))
        worker.batchReady.connect(self._on_batch)
        worker.failed.connect(self._on_failed)
        worker.done.connect(self._on_done)
        return worker

    def opt_state(self, g: int, t: int) -> dict[str, np.ndarray | float] | None:
        """The optimizer state of single-start run group ``g`` after step ``t``, by
        torch's names (NaN where the optimizer in use had no such state), as the worker
        recorded it computing the rows; None for a swarm or a step not received yet."""
        rec = self._states[g] if g < len(self._states) else None
        if rec is None or not 0 <= t < self.rows:
            return None
        return {name: col[t, 0] for name, col in tuple(rec.columns.items())}

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

    def _keep_trials(self, trials, fresh: np.ndarray | None) -> None:
        """Keep a batch's trial points; after a fork, only those of rows that are new."""
        if fresh is not None:
            new = trials[1] >= fresh[trials[0]]
            trials = tuple(a[new] for a in trials)
        if len(trials[0]):
            self._trials.append(trials)
            self._trials_cat = None

    def _drop_trials(self, runs: list[int], at: int) -> None:
        """Forget the trial points of ``runs`` after step ``at`` (they fork there)."""
        if not self._trials:
            return
        r, s, xy = self.trials_all()
        keep = ~(np.isin(r, runs) & (s > at))
        self._trials_cat = (r[keep], s[keep], xy[keep])
        self._trials = [self._trials_cat]

    def trials_all(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every kept trial point: ``(runs, steps, xy)``."""
        if self._trials_cat is None:
            self._trials_cat = tuple(np.concatenate([p[k] for p in self._trials])
                                     for k in range(3))
            self._trials = [self._trials_cat]
        return self._trials_cat

    def trials(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """``(runs, xy)``: the points where runs evaluated the loss inside step ``step``
        besides its start (L-BFGS's line search and inner iterations), in order."""
        if not self._trials:
            return np.zeros(0, np.intp), np.zeros((0, 2))
        r, s, xy = self.trials_all()
        at = s == step
        return r[at], xy[at]

    def _current(self, token: int) -> bool:
        return self._worker is not None and token == self._worker.token

    @Slot(int, object)
    def _on_batch(self, token: int, b) -> None:
        if not self._current(token):
            return
        self.received += 1
        fresh = self._fresh_from
        if fresh is not None:
            self._rewrite(b, fresh)
        if b.trials is not None and len(b.trials[0]):
            self._keep_trials(b.trials, fresh)
        k, n = max(0, self.rows - b.t0), b.t1 - b.t0
        while k < n:
            if self.kept == len(self.steps):
                self._thin()
            j, m = self.kept, min(n - k, len(self.steps) - self.kept)
            self.W[:, j:j + m] = b.w[:, k:k + m]
            self.L[:, j:j + m] = b.loss[:, k:k + m]
            self.LR[:, j:j + m] = b.lr[:, k:k + m]
            self.steps[j:j + m] = np.arange(b.t0 + k, b.t0 + k + m)
            self.kept += m
            k += m
        self.rows = max(self.rows, b.t1)
        if fresh is not None:
            np.maximum(fresh, b.t1, out=fresh)
            if fresh.min() >= self.rows:
                self._fresh_from = None         # every run's rows come in from here
        for i, status, last in b.ended:
            self.ended[i] = (status, last)
            self._last[i] = last
            self._code[i] = STATUSES.index(status)
        self._mark()

    def _rewrite(self, b, fresh: np.ndarray) -> None:
        """After a fork: the batch's steps the playback already had, written for the runs
        whose rows come in again from there (run ``i`` from step ``fresh[i]``), into the
        kept rows of those steps (a thinned history has no row for some of them)."""
        kept = self.steps[:self.kept]
        lo, hi = np.searchsorted(kept, [b.t0, min(b.t1, self.rows)])
        cols = kept[lo:hi] - b.t0
        for start in np.unique(fresh[fresh < min(b.t1, self.rows)]):
            idx = np.flatnonzero(fresh == start)
            a = int(np.searchsorted(cols, start - b.t0))
            if a < len(cols):
                sel = cols[a:]
                self.W[idx, lo + a:hi] = b.w[idx][:, sel]
                self.L[idx, lo + a:hi] = b.loss[idx][:, sel]
                self.LR[idx, lo + a:hi] = b.lr[idx][:, sel]

    def _thin(self) -> None:
        """Make room: keep one step in ``stride`` of the rows before a boundary step and
        every row from it on, the boundary as early as leaves the rows ``THIN_TO`` full;
        the stride doubles when even ``RECENT`` full rows would not fit that way. The
        worker is held while the rows move (hundreds of MB for a big swarm: taking turns
        at the GIL with it, the move took ten times as long)."""
        steps = self.steps[:self.kept]
        cap = len(self.steps)
        stride, before = self.thin if self.thin is not None else (2, 0)
        lo = int(np.searchsorted(steps, before))        # the boundary only moves on
        hi = max(lo, self.kept - max(1, int(RECENT * cap)))
        target = int(THIN_TO * cap)
        while True:
            keep = steps % stride == 0
            # rows kept with the boundary at row j: the kept ones before j, all from j on
            count = np.concatenate(([0], np.cumsum(keep)))[lo:hi + 1] + \
                (self.kept - np.arange(lo, hi + 1))
            fits = np.flatnonzero(count <= target)
            if len(fits):
                j = lo + int(fits[0])
                break
            stride *= 2
        keep[j:] = True
        boundary = int(steps[j])
        rows = np.flatnonzero(keep)
        store = (self.W.transpose(1, 0, 2), self.L.T, self.LR.T, self.steps)
        first = int(np.argmax(rows != np.arange(len(rows))))
        w = self._worker
        for a in range(first, len(rows), MOVE_ROWS):     # rows[a] >= a: sources are ahead
            if w is not None:
                w.hold(HOLD_MAX_S)
            src = rows[a:a + MOVE_ROWS]
            for arr in store:
                arr[a:a + len(src)] = arr[src]
        if w is not None and not self._drawn.isActive():
            w.release()
        self.kept = len(rows)
        self.thin = (stride, boundary)
        self.cursor = self.kept_step(self.cursor)

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
        if self._lanes_left:
            self._lanes_left = len(SPLIT)   # the lanes drawn so far show another step
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
        target = self.kept_step(min(self._want, max(self.rows - 1, 0)))
        if target != self.cursor:
            self.cursor = target
            self._dirty = True
        if self.state == "playing" and self.rows > 0 and self.cursor >= self.last_row \
                and len(self.ended) == len(self.runs):
            self._to_end = False
            self._set_state("finished")
        if self._dirty:
            if now < self._quiet_until or self._drawn.isActive():
                return      # the worker's turn, or the last frame's paint is not done
            self._dirty = False
            swarm = len(self.runs) > SWARM
            held = swarm and self._worker_busy()
            if held:
                self._worker.hold(HOLD_MAX_S)
                self._held_at = now
            self._split = self.state == "playing"
            if swarm and (self._split or self._lanes_left):
                self.lane = SPLIT[self._next_lane % len(SPLIT)]
                self._next_lane = (self._next_lane + 1) % len(SPLIT)
                self.staging = self.lane in STAGED
                if not self._split:
                    self._lanes_left -= 1
                    self._dirty = self._lanes_left > 0
                if self.staging:
                    self._lanes_left = max(self._lanes_left, int(not self._split))
                    self._dirty = True          # the frame that paints it follows
            elif self._split:
                self.turn, self._next_lane = self._next_lane % 2, (self._next_lane + 1) % 2
            try:
                self.frame.emit()
            finally:
                self.lane = self.turn = None
                self.staging = False
                if held:
                    self._drawn.start()     # after the zero timers the views started
        elif self.state != "playing" and self._want <= self.cursor:
            self._timer.stop()

    def _on_drawn(self) -> None:
        """The held worker's turn: it computes for as long as the frame took to draw and
        paint (at least ``WORKER_TURN_S``), then the next frame holds it again. The two
        take turns at the same pace on a machine of any speed or load."""
        if self._worker is not None:
            self._worker.release()
        now = time.perf_counter()
        self._quiet_until = now + max(WORKER_TURN_S, now - self._held_at)

    def _worker_busy(self) -> bool:
        """The worker is computing (not waiting for the cursor, not done)."""
        w = self._worker
        return w is not None and w.isRunning() and self.rows <= w.limit

    def draws(self, lane: int) -> bool:
        """Whether this frame draws the views of ``lane`` (every frame unless split). While
        ``staging``, the views drawn hold their window updates until the next frame (the
        event loop comes back between drawing a swarm's lane and painting it)."""
        if self.turn is not None:
            return TURNS.get(lane, self.turn) == self.turn
        return self.lane is None or self.lane == lane

    def _set_state(self, state: str) -> None:
        if state != "playing":
            self._to_end = False
            if self._split:                 # a split frame left a lane or turn behind
                self._split = False
                self._lanes_left = len(SPLIT) if len(self.runs) > SWARM else 0
                self._mark()
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)
