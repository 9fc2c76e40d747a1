"""Opening a scene off the GUI thread: progress in the status bar, Cancel, errors as before.

Reading a scene compiles its formulas and reads its data; the window also needs each
run's schedule preview and, for the views, the surface's grids. On a 200,000-row data
surface or a 10,000,000-step schedule that takes seconds, so a ``LoadWorker`` does all of
it while the scene on screen stays usable. ``SceneLoader.open`` waits for the result in a
local event loop (the window keeps answering), then shows the scene (True), reports the
error in the "Cannot open scene" dialog (False), or returns False when cancelled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from gdstudio.core.errors import Cancelled, GdError
from gdstudio.gui.state.model import read_scene
from gdstudio.gui.state.worker import LoadWorker
from gdstudio.gui.text.core_text import localize_error

SHOW_AFTER_MS = 150     # a quick load never flashes the progress bar


class SceneLoader(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self._worker: LoadWorker | None = None
        self._loop: QEventLoop | None = None
        self._workers: list[LoadWorker] = []      # cancelled ones still finishing
        self.bar = QWidget()
        self.bar.setObjectName("loadingBar")
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelLoading")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        lay = QHBoxLayout(self.bar)
        lay.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.progress, self.cancel_button):
            lay.addWidget(widget)
        window.statusBar().addPermanentWidget(self.bar)
        self.bar.hide()
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self.bar.show)

    @property
    def loading(self) -> bool:
        return self._worker is not None

    def open(self, path: str | Path) -> bool:
        """Open ``path``; a load already in progress gives way to this one."""
        self.cancel()
        stages = self._stages()
        self.progress.setRange(0, len(stages) + 1)
        self.progress.setValue(0)
        self.label.setText(self.tr("Opening %1...").replace("%1", Path(path).name))
        worker = LoadWorker(lambda progress, cancelled: self._job(path, stages, progress,
                                                                  cancelled), self)
        self._worker = worker
        got: dict = {}
        loop = self._loop = QEventLoop()
        worker.progressed.connect(self._on_progress)
        worker.loaded.connect(lambda loaded: got.setdefault("loaded", loaded))
        worker.failed.connect(lambda error: got.setdefault("error", error))
        worker.finished.connect(loop.quit)
        self._show_timer.start()
        worker.start()
        loop.exec()
        if self._worker is not worker:
            return False                          # cancelled, or a newer load took over
        self._worker = self._loop = None
        self._end(worker)
        worker.wait()
        worker.deleteLater()
        if "loaded" in got:
            self.w.model.apply_loaded(got["loaded"])
            return True
        error = got.get("error")
        if isinstance(error, GdError):
            self.w.show()       # over its window (still hidden while its first scene opens)
            QMessageBox.warning(self.w, self.tr("Cannot open scene"), localize_error(error))
        elif error is not None:
            raise error
        return False

    def cancel(self) -> None:
        """Stop the load in progress at once; the scene on screen stays."""
        worker, loop = self._worker, self._loop
        if worker is None:
            return
        self._worker = self._loop = None
        worker.cancel()
        self._workers.append(worker)
        worker.finished.connect(lambda: self._forget(worker))
        self._end(worker)
        loop.quit()

    def shutdown(self) -> None:
        """Cancel, and wait for every worker thread (closing the window)."""
        self.cancel()
        for worker in self._workers:
            worker.stop()
        self._workers = []

    # -- internals -------------------------------------------------------------------
    def _stages(self) -> list[int]:
        """The grid sizes the views will ask the new surface for."""
        from gdstudio.gui.draw.geometry import ISO_N

        sizes = [self.w.contour_view.grid_n, ISO_N]
        if self.w.surface_view is not None:
            sizes.append(self.w.surface_view.grid_n)
        return sizes

    def _job(self, path, grid_sizes, progress, cancelled):
        """On the worker thread: everything opening ``path`` costs before Qt draws it."""
        from gdstudio.core.surfaces import Surface
        from gdstudio.gui.views.plots_view import preview_curve

        loaded = read_scene(path)
        progress("surface")
        if isinstance(loaded.surface, Surface):
            for n in grid_sizes:
                loaded.surface.grid(n, cancel=cancelled)
                progress("surface")
        for spec in loaded.scene.runs:
            if cancelled():
                raise Cancelled
            try:
                preview_curve(spec, cancelled)
            except Cancelled:
                raise
            except Exception:  # noqa: BLE001, S112 - the plot draws no preview for it either
                continue
        return loaded

    def _on_progress(self, _stage: str) -> None:
        self.progress.setValue(self.progress.value() + 1)

    def _end(self, worker: LoadWorker) -> None:
        worker.progressed.disconnect(self._on_progress)
        self._show_timer.stop()
        self.bar.hide()
        self.label.clear()

    def _forget(self, worker: LoadWorker) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
            worker.deleteLater()
