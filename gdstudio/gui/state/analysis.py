"""The session's analyses: what the Analyze menu computed, and the computation under way.

A result is plain data the views draw: the critical points, a basin map, a learning-rate
sweep, whether the stochastic view is on, the training path projected onto a network
landscape and the fair race whose tuned runs replaced the scene's. Each change is
announced by ``changed(name)``. A new surface makes the results of the old one
meaningless: they are dropped (``changed`` for each), the stochastic view stays on.

One long computation runs at a time, in an :class:`~gdstudio.gui.state.worker.AnalysisTask`
owned here, not by a window: a window built on the session while it computes (a language
switch) shows its progress and gets its result. ``finish(result)`` is given to
:meth:`run` as session-side code (store a result, or :meth:`offer_landscape`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from gdstudio.gui.state.worker import AnalysisTask

RESULTS = ("critical", "basins", "sweep", "path", "race")


class AnalysisState(QObject):
    changed = Signal(str)              # "critical" | "basins" | "sweep" | "path" | "race"
                                       # | "stochastic"
    taskStarted = Signal(str)          # the task's title
    progressed = Signal(float)         # fraction done of the task under way
    taskEnded = Signal()               # the task finished, failed or was cancelled
    failed = Signal(str)               # the task's error, as the user reads it
    cancelled = Signal()
    landscapeReady = Signal(object)    # a computed network landscape, to become the scene

    def __init__(self, model, parent: QObject | None = None):
        super().__init__(parent)
        self.critical: list | None = None
        self.basins = None
        self.sweep = None
        self.path = None                   # (k, 2) training path over a landscape
        self.race = None                   # the fair race whose tuned scene is shown
        self.stochastic = False
        self.task: AnalysisTask | None = None
        self.title = ""
        self.progress = 0.0
        model.surfaceChanged.connect(self._on_surface)

    # -- results -----------------------------------------------------------------------
    def set_result(self, name: str, value: Any) -> None:
        """Keep ``value`` as the result ``name`` (None: none) and tell the views."""
        setattr(self, name, value)
        self.changed.emit(name)

    def set_stochastic(self, on: bool) -> None:
        if on != self.stochastic:
            self.stochastic = on
            self.changed.emit("stochastic")

    def clear(self) -> None:
        """Drop every result (Analyze > Clear analysis overlays; a new surface)."""
        for name in RESULTS:
            if getattr(self, name) is not None:
                self.set_result(name, None)

    def offer_landscape(self, result) -> None:
        """A network landscape is computed: the window makes it the scene
        (``landscapeReady``) and keeps its training path (``set_result("path", ...)``)."""
        self.landscapeReady.emit(result)

    def _on_surface(self, _surface) -> None:
        self.clear()

    # -- the task ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.isRunning()

    def run(self, title: str, fn: Callable, finish: Callable[[Any], None]) -> AnalysisTask:
        """Compute ``fn(progress, cancel)`` off the GUI thread (stopping a task under way)
        and give its result to ``finish`` in the GUI thread."""
        self.shutdown()
        task = AnalysisTask(fn, self, finish)
        task.progressed.connect(self._on_progress)
        task.succeeded.connect(self._on_succeeded)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(self._on_cancelled)
        self.task, self.title, self.progress = task, title, 0.0
        self.taskStarted.emit(title)
        task.start()
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def shutdown(self) -> None:
        """Stop a running task and wait for it (the last window closes, a new task)."""
        task, self.task = self.task, None
        if task is not None:
            task.stop()
            task.deleteLater()
            self.taskEnded.emit()

    def _ended(self) -> AnalysisTask | None:
        """The task that sent the signal being handled, if it is still the current one."""
        task = self.sender()
        if task is None or task is not self.task:
            return None
        task.wait()
        self.task = None
        task.deleteLater()
        self.taskEnded.emit()
        return task

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        if self.sender() is self.task:
            self.progress = fraction
            self.progressed.emit(fraction)

    @Slot(object)
    def _on_succeeded(self, result) -> None:
        task = self._ended()
        if task is not None:
            task.on_done(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._ended() is not None:
            self.failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        if self._ended() is not None:
            self.cancelled.emit()
