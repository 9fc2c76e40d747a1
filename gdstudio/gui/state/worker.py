"""The only module that makes threads: a QThread that drives ``SceneRun.batches()``, one
that reads a scene (``LoadWorker``) and one for an Analyze computation (``AnalysisTask``).

Batch in the producer: the runner's batches are concatenated and emitted about every
16 ms, never one signal per step. The GUI allows the worker to compute up to a step
(``allow``); beyond it the worker waits on a condition (pause costs no CPU, no sleep
loop). The stop flag is checked before every batch. Errors arrive through ``failed``.
"""

from __future__ import annotations

import itertools
import sys
import threading
import time

from PySide6.QtCore import QObject, QThread, Signal

from gdstudio.core.errors import Cancelled, GdError
from gdstudio.core.runner import StepBatch, merge_batches
from gdstudio.gui.text.core_text import localize_error

FLUSH_S = 0.016
HOLD_MAX_S = 0.25
SWITCH_S = 0.0005
PROGRESS_S = 0.05
_tokens = itertools.count(1)


class RunWorker(QThread):
    """Each signal carries the worker's ``token``: a queued signal of a worker that has
    since been replaced (its address possibly reused) is recognised and dropped.
    ``touch(t0, t1)``, if given, is called on this thread with the steps of each batch
    before it is sent (the playback faults in the memory the rows will fill)."""

    batchReady = Signal(int, object)    # token, a StepBatch of ~16 ms of work
    failed = Signal(int, str)           # token, message
    done = Signal(int)                  # token: every run has ended

    def __init__(self, scene_run, parent: QObject, chunk: int = 16, touch=None):
        super().__init__(parent)
        self._run = scene_run
        self._touch = touch             # touch(t0, t1): rows about to be sent (see run)
        self._chunk = chunk
        self._cond = threading.Condition()
        self._stop = False
        self._limit = 0
        self._held_until = 0.0          # perf_counter() time; 0: not held
        self._batches = None            # the runner's batches, once started (``prime``)
        self._rows = 0
        self._primed_error: Exception | None = None
        self.token = next(_tokens)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_S))

    def prime(self) -> StepBatch | None:
        """Row 0 here, on the calling thread, before ``start`` (no step is computed: the
        runner has it from building the runs): the views draw the starts in the frame
        that shows the scene, without waiting for the thread's first turn at the GIL.
        An error is kept and reported by the thread (``failed``), as if it had met it."""
        try:
            self._batches = self._run.batches(self._chunk, first=0)
            first = next(self._batches)
        except Exception as e:  # noqa: BLE001 - reported by run()
            self._primed_error = e
            return None
        self._rows = first.t1
        return first

    def allow(self, row: int) -> None:
        """Let the worker compute at least up to row ``row``."""
        with self._cond:
            if row > self._limit:
                self._limit = row
                self._cond.notify_all()

    def hold(self, seconds: float) -> None:
        """The GUI is drawing: pause between batches for ``seconds`` (at most HOLD_MAX_S)."""
        with self._cond:
            self._held_until = max(self._held_until,
                                   time.perf_counter() + min(seconds, HOLD_MAX_S))

    def release(self) -> None:
        """End a hold now (the GUI has drawn its frame)."""
        with self._cond:
            self._held_until = 0.0
            self._cond.notify_all()

    @property
    def limit(self) -> int:
        """The last row the worker may compute (``allow``)."""
        return self._limit

    @property
    def held(self) -> bool:
        return self._held_until > time.perf_counter()

    def _wait(self, rows: int) -> bool:
        """Wait while there is no work allowed or the GUI holds us; False once stopped."""
        with self._cond:
            while not self._stop:
                if rows > self._limit:
                    self._cond.wait()
                    continue
                left = self._held_until - time.perf_counter()
                if left <= 0:
                    break
                self._cond.wait(left)
            return not self._stop

    def request_stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()

    def stop(self) -> None:
        """Stop flag, quit, wait: safe to call more than once and from closeEvent."""
        self.request_stop()
        self.quit()
        self.wait()

    def run(self) -> None:
        pending: list[StepBatch] = []
        last_flush = time.perf_counter()
        rows = self._rows
        try:
            if self._primed_error is not None:
                raise self._primed_error
            batches, self._batches = self._batches or self._run.batches(self._chunk), None
            while True:
                if pending and (rows > self._limit or self.held
                                or time.perf_counter() - last_flush >= FLUSH_S):
                    self.batchReady.emit(self.token, merge_batches(pending))
                    pending = []
                    last_flush = time.perf_counter()
                if not self._wait(rows):
                    return
                try:
                    batch = next(batches)
                except StopIteration:
                    break
                if self._touch is not None:
                    self._touch(batch.t0, batch.t1)
                pending.append(batch)
                rows = batch.t1
            if pending:
                self.batchReady.emit(self.token, merge_batches(pending))
            self.done.emit(self.token)
        except GdError as e:
            self.failed.emit(self.token, localize_error(e))
        except Exception as e:  # a bug in the core must not kill the window
            self.failed.emit(self.token, f"{type(e).__name__}: {e}")


class LoadWorker(QThread):
    """Runs ``job(progress, cancelled)`` once, off the GUI thread: opening a scene (reading
    it, compiling its formulas, reading its data, building its schedule previews and
    surface grids). ``job`` reports stages through ``progress(text)`` and stops soon
    after ``cancelled()`` turns True (raising ``Cancelled``); its result or its error
    arrives through ``loaded`` / ``failed``, a cancelled job sends neither."""

    progressed = Signal(str)
    loaded = Signal(object)
    failed = Signal(object)             # the exception, for the GUI thread to report

    def __init__(self, job, parent: QObject):
        super().__init__(parent)
        self._job = job
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def stop(self) -> None:
        """Cancel and wait: safe to call more than once and from closeEvent."""
        self.cancel()
        self.wait()

    def run(self) -> None:
        try:
            result = self._job(self.progressed.emit, self.cancelled)
        except Cancelled:
            return
        except Exception as e:  # reported on the GUI thread, as a load there would raise
            if not self.cancelled():
                self.failed.emit(e)
            return
        if not self.cancelled():
            self.loaded.emit(result)


class AnalysisTask(QThread):
    """Runs ``fn(progress, cancel)`` off the GUI thread (an Analyze computation); progress at
    most every 50 ms. ``on_done`` is what the owner calls with the result it receives."""

    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn, parent: QObject, on_done=None):
        super().__init__(parent)
        self._fn = fn
        self.on_done = on_done
        self._cancel = threading.Event()
        self._last = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def stop(self) -> None:
        """Cancel flag, quit, wait: safe to call more than once and from closeEvent."""
        self._cancel.set()
        self.quit()
        self.wait()

    def _progress(self, fraction: float) -> None:
        now = time.perf_counter()
        if fraction >= 1.0 or now - self._last >= PROGRESS_S:
            self._last = now
            self.progressed.emit(float(fraction))

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._cancel.is_set)
        except Cancelled:
            self.cancelled.emit()
        except GdError as e:
            self.failed.emit(localize_error(e))
        except Exception as e:  # a bug in the core must not kill the window
            self.failed.emit(f"{type(e).__name__}: {e}")
        else:
            self.succeeded.emit(result)
