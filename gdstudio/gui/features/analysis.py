"""The Analyze menu: critical points, basins of attraction, learning-rate sweeps, the fair
race, the stochastic view and loss landscapes (a trained network's, or an imported ``.h5``
file).

The results and the computation under way belong to the session
(``gui/state/analysis.AnalysisState``, which runs a ``gui/state/worker.AnalysisTask``: a
QThread with a cancel flag and a throttled progress signal); this draws them. The math is
:mod:`gdstudio.core.analysis` and :mod:`gdstudio.core.landscape`. A landscape becomes the
scene's surface as what it is: ``[surface] grid = "file.h5"``, the imported file itself
or, for a network landscape computed here, a file written to the model's scratch folder
(the model copies it next to the scene when the scene is saved).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.analysis import DIVERGED, Cancelled
from gdstudio.core.errors import GdError
from gdstudio.core.runner import batch_rows
from gdstudio.gui.draw.palette import DIVERGED as DIVERGED_COLOR
from gdstudio.gui.draw.palette import OKABE_ITO
from gdstudio.gui.state.worker import AnalysisTask
from gdstudio.gui.text.core_text import localize_error, surface_description
from gdstudio.gui.text.i18n import Phrase

CRITICAL_STYLES = {"minimum": ("o", "#009E73"), "saddle": ("d", "#F0E442"),
                   "maximum": ("t", "#D55E00"), "degenerate": ("s", "#CC79A7")}
BASIN_COLORS = tuple(c for c in OKABE_ITO if c not in ("#D55E00", "#FFFFFF"))
BASIN_ALPHA = 150


# ---------------------------------------------------------------------------------------
# helpers without Qt state


def fill(text: str, *args: object) -> str:
    """``text`` (a translated string) with ``%1``, ``%2``, ... replaced by ``args``, all in
    one pass (a value that contains ``%2`` is left alone)."""
    return re.sub(r"%(\d)", lambda m: str(args[int(m[1]) - 1]), text)


def batch_surface(surface, rows: np.ndarray):
    """The same formula averaged over ``rows`` only (the loss one step's batch sees)."""
    import copy

    other = copy.copy(surface)
    other.data = {k: v[rows] for k, v in surface.data.items()}
    other.n_samples = len(rows)
    return other


def basin_rgba(label: np.ndarray) -> np.ndarray:
    """Basin labels (n, n) -> RGBA (n, n, 4): a colour per minimum, diverged starts red
    in a checker pattern, unconverged starts left clear."""
    out = np.zeros((*label.shape, 4), dtype=np.uint8)
    for k in range(int(label.max()) + 1 if label.size else 0):
        c = QColor(BASIN_COLORS[k % len(BASIN_COLORS)])
        out[label == k] = (c.red(), c.green(), c.blue(), BASIN_ALPHA)
    c = QColor(DIVERGED_COLOR)
    i, j = np.indices(label.shape)
    checker = ((i // 2 + j // 2) % 2).astype(np.uint8)
    div = label == DIVERGED
    out[div] = (c.red(), c.green(), c.blue(), 0)
    out[..., 3][div] = np.where(checker[div] == 1, 230, 90)
    return out


# ---------------------------------------------------------------------------------------
# small dialogs and docks


def ask(parent: QWidget, title: str, fields: list[tuple[str, QWidget]]) -> list | None:
    """Show ``fields`` (label, spin box or combo box) in a modal dialog. Their values
    (a combo box gives its index) if OK was pressed, else None.

    The values are read before the dialog is let go: the dialog and its fields can be
    deleted as soon as it returns."""
    dlg = QDialog(parent)
    dlg.setWindowTitle(title)
    form = QFormLayout(dlg)
    for label, widget in fields:
        form.addRow(label, widget)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dlg.accept)
    buttons.rejected.connect(dlg.reject)
    form.addRow(buttons)
    accepted = dlg.exec() == QDialog.DialogCode.Accepted
    values = [w.currentIndex() if isinstance(w, QComboBox) else w.value()
              for _, w in fields] if accepted else None
    dlg.deleteLater()
    return values


def int_box(lo: int, hi: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setValue(value)
    return box


def float_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(6)
    box.setRange(1e-6, 1e3)
    box.setValue(value)
    return box


class SweepDock(QDockWidget):
    """Final loss against learning rate (log x); diverged runs marked at the top."""

    def __init__(self, parent: QWidget):
        super().__init__(self.tr("Learning-rate sweep"), parent)
        self.setObjectName("lrSweepDock")
        self.plot = pg.PlotWidget(background="#16161d")
        self.plot.setMenuEnabled(False)
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("bottom", self.tr("learning rate"))
        self.plot.setLabel("left", self.tr("final loss"))
        self.plot.getAxis("bottom").setTickFont(QFont("DejaVu Sans", 10))
        self.plot.getAxis("left").setTickFont(QFont("DejaVu Sans", 10))
        self.line = pg.PlotDataItem(pen=pg.mkPen("#a0a0b0", width=1))
        self.points = pg.ScatterPlotItem(symbol="o", size=9, pen=pg.mkPen("k"))
        self.diverged = pg.ScatterPlotItem(symbol="x", size=16,
                                           pen=pg.mkPen(DIVERGED_COLOR, width=2),
                                           brush=pg.mkBrush(DIVERGED_COLOR))
        for item in (self.line, self.points, self.diverged):
            self.plot.addItem(item)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.summary)
        self.setWidget(box)

    def show_sweep(self, sweep, colors: list[QColor]) -> None:
        ok = ~sweep.diverged
        lx = np.log10(sweep.lrs)
        fin = sweep.final_loss[ok]
        top = float(fin.max()) if fin.size else 1.0
        self.line.setData(lx[ok], fin)
        self.points.setData(x=lx[ok], y=fin, brush=[pg.mkBrush(c) for c, k in
                                                     zip(colors, ok, strict=True) if k])
        self.diverged.setData(x=lx[~ok], y=np.full(int((~ok).sum()), top * 1.1 + 1e-12))
        best = sweep.best
        n_div = int((~ok).sum())
        self.summary.setText(fill(
            self.tr("%1 learning rates, %2 steps each. Lowest final loss %3 at lr = %4; "
                    "%5 diverged (✕, drawn at the top)."),
            len(sweep.lrs), sweep.steps, f"{sweep.final_loss[best]:.4g}",
            f"{sweep.lrs[best]:.3g}", n_div))


class StochasticDock(QDockWidget):
    def __init__(self, parent: QWidget):
        super().__init__(self.tr("Stochastic view"), parent)
        self.setObjectName("stochasticDock")
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("QLabel { font-size: 12pt; padding: 6px; }")
        self.setWidget(self.label)


# ---------------------------------------------------------------------------------------
# the controller


class Analysis(QObject):
    """The Analyze menu, and the drawing of the session's analyses.

    Computations start in the session (``session.analysis``), which keeps their results
    and the task under way; this draws what the session holds (contour pane overlays, the
    3D view's markers, the sweep and stochastic docks, the progress dialog) and redraws
    when it changes. A window built on a session that computes shows that task's progress
    and draws its result."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.state = window.session.analysis
        self.progress: QProgressDialog | None = None
        self.sweep_dock: SweepDock | None = None
        self.stochastic_dock: StochasticDock | None = None
        self.noise_angle: float | None = None
        self._batch_key = None
        self._stochastic_drawn = False
        self.critical_item = None
        s = self.state
        self._links = [(window.model.surfaceChanged, self._on_surface_changed),
                       (s.changed, self._on_changed), (s.taskStarted, self._on_task_started),
                       (s.progressed, self._on_progress), (s.taskEnded, self._close_progress),
                       (s.failed, self._on_failed), (s.cancelled, self._on_cancelled),
                       (s.landscapeReady, self._show_landscape)]
        for signal, slot in self._links:
            signal.connect(slot)

    # -- menu ------------------------------------------------------------------------
    def build_menu(self, menubar) -> None:
        """The Analyze menu, placed before Help (which stays the last menu)."""
        m = QMenu(self.tr("&Analyze"), self.w)
        help_menu = next((a for a in menubar.actions()
                          if a.menu() is not None and a.menu().objectName() == "helpMenu"), None)
        if help_menu is not None:
            menubar.insertMenu(help_menu, m)
        else:
            menubar.addMenu(m)
        self.critical_action = self._add(m, self.tr("&Critical points"), self.toggle_critical,
                                         True)
        self._add(m, self.tr("&Basins of attraction..."), self.basins_dialog)
        self._add(m, self.tr("&Learning-rate sweep..."), self.sweep_dialog)
        self._add(m, self.tr("&Fair race..."), self.race_dialog)
        self.stochastic_action = self._add(m, self.tr("&Stochastic view (batch vs full gradient)"),
                                           self.toggle_stochastic, True)
        m.addSeparator()
        self._add(m, self.tr("&Neural-network landscape..."), self.landscape_dialog)
        self._add(m, self.tr("&Import loss landscape (.h5)..."), self.import_dialog)
        m.addSeparator()
        self._add(m, self.tr("Clear analysis overlays"), self.clear)
        self.menu = m

    def _add(self, menu, text, slot, checkable=False) -> QAction:
        a = QAction(text, self.w)
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        menu.addAction(a)
        return a

    # -- state -------------------------------------------------------------------------
    @property
    def surface(self):
        return self.w.model.surface

    @property
    def task(self) -> AnalysisTask | None:
        return self.state.task

    @property
    def busy(self) -> bool:
        return self.state.busy

    @property
    def basins(self):
        return self.state.basins

    @property
    def sweep(self):
        return self.state.sweep

    @property
    def landscape(self):
        """(the landscape surface, the training path projected onto it), or None."""
        return None if self.state.path is None else (self.surface, self.state.path)

    def selected_spec(self):
        scene = self.w.model.scene
        if scene is None or not scene.runs:
            return None
        return scene.runs[min(self.w.model.selected, len(scene.runs) - 1)]

    def clear(self) -> None:
        self.state.clear()

    def show_state(self) -> None:
        """Draw everything the session holds (a window built on a session in use)."""
        for name in ("critical", "basins", "sweep", "path", "race", "stochastic"):
            self._on_changed(name)
        if self.state.busy:
            title = self.state.title
            self._on_task_started(title.again() if isinstance(title, Phrase) else title)
            self._on_progress(self.state.progress)

    def detach(self) -> None:
        """Stop drawing the session (this window closes; the session goes on elsewhere)."""
        for signal, slot in self._links:
            signal.disconnect(slot)
        self._links = []
        self._show_stochastic(False)
        self._close_progress()

    def _on_changed(self, name: str) -> None:
        s = self.state
        if name == "critical":
            self._draw_critical(s.critical)
        elif name == "basins":
            self._draw_basins(s.basins)
        elif name == "sweep":
            self._draw_sweep(s.sweep)
        elif name == "path":
            self._draw_path(s.path)
        elif name == "race":
            self._show_race(s.race)
        elif name == "stochastic":
            self._show_stochastic(s.stochastic)

    def _on_surface_changed(self, _surface) -> None:
        self.w.contour_view.clear_overlay("batch")
        self._batch_key = None
        self._batch_3d(None)

    def _message(self, text: str) -> None:
        self.w.statusBar().showMessage(text, 8000)

    def _error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.w, title, text)

    # -- the running task -------------------------------------------------------------
    def run_task(self, title: Phrase, fn, finish) -> AnalysisTask:
        """Start ``fn`` in the session; ``finish(result)`` runs there when it is done. The
        title is a phrase: a window built while it computes shows it in its language."""
        return self.state.run(title, fn, finish)

    def _on_task_started(self, title: str) -> None:
        self._close_progress()
        dlg = QProgressDialog(title, self.tr("Cancel"), 0, 1000, self.w)
        dlg.setWindowTitle(title)
        dlg.setWindowModality(Qt.WindowModality.NonModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setValue(0)
        dlg.canceled.connect(self.state.cancel)
        self.progress = dlg
        dlg.show()

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        if self.progress is not None:
            self.progress.setValue(int(fraction * 1000))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._error(self.tr("Analysis failed"), message)

    @Slot()
    def _on_cancelled(self) -> None:
        self._message(self.tr("Analysis cancelled."))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def cancel(self) -> None:
        self.state.cancel()

    # -- 1. critical points -------------------------------------------------------------
    def toggle_critical(self, on: bool = True) -> None:
        if not on:
            self.state.set_result("critical", None)
            return
        self.show_critical_points()

    def show_critical_points(self) -> list:
        from gdstudio.core.analysis import critical_points

        if self.surface is None:
            return []
        points = critical_points(self.surface)
        self.state.set_result("critical", points)
        counts = {}
        for p in points:
            counts[p.kind] = counts.get(p.kind, 0) + 1
        kinds = {"minimum": self.tr("%1 minimum"), "saddle": self.tr("%1 saddle"),
                 "maximum": self.tr("%1 maximum"), "degenerate": self.tr("%1 degenerate")}
        found = ", ".join(fill(kinds.get(k, f"%1 {k}"), n) for k, n in counts.items())
        self._message(fill(self.tr("Critical points: %1 (hover for details)"),
                           found or self.tr("none in the window")))
        return points

    def _draw_critical(self, points) -> None:
        if points is None:
            self.w.contour_view.clear_overlay("critical")
        else:
            self.w.contour_view.set_critical_points(points, CRITICAL_STYLES)
        self._critical_3d(points or [])
        self.critical_action.setChecked(points is not None)

    def _critical_3d(self, points) -> None:
        """The same markers in the 3D view, through its public ``view`` and
        ``box_points`` (surface_view.py itself is left alone)."""
        sv = self.w.surface_view
        if sv is None:
            return
        old = getattr(self, "critical_item", None)
        if old is not None:
            sv.view.removeItem(old)
            self.critical_item = None
        if not points or sv.zmap is None:
            return
        import pyqtgraph.opengl as gl

        w = np.array([p.point for p in points], dtype=float)
        pos = sv.box_points(w, np.array([p.value for p in points]))
        colors = np.array([pg.mkColor(CRITICAL_STYLES[p.kind][1]).getRgbF()
                           for p in points], dtype=np.float32)
        self.critical_item = gl.GLScatterPlotItem(pos=pos.astype(np.float32), color=colors,
                                                  size=14, pxMode=True,
                                                  glOptions="translucent")
        sv.view.addItem(self.critical_item)

    # -- 2. basins of attraction --------------------------------------------------------
    def basins_dialog(self) -> None:
        values = ask(self.w, self.tr("Basins of attraction"),
                     [(self.tr("starts per axis"), int_box(10, 600, 200)),
                      (self.tr("steps"), int_box(1, 100_000, 500))])
        if values is not None:
            self.start_basins(*values)

    def start_basins(self, n: int = 200, steps: int = 500) -> AnalysisTask | None:
        from gdstudio.core.analysis import basin_map

        spec, surface = self.selected_spec(), self.surface
        if spec is None or surface is None:
            return None
        opt = spec.optimizer

        def fn(progress, cancel):
            return basin_map(surface, spec, n=n, steps=steps, progress=progress,
                             cancel=cancel)

        title = Phrase("Analysis", QT_TRANSLATE_NOOP(
            "Analysis", "Basins of %1 (%2), %3 x %3 starts, %4 steps"), spec.label, opt, n, steps)
        return self.run_task(title, fn, lambda bm, s=self.state: s.set_result("basins", bm))

    def _draw_basins(self, bm) -> None:
        if bm is None:
            self.w.contour_view.clear_overlay("basins")
            return
        counts = bm.counts()
        legend = []
        for k, (x, y) in enumerate(bm.minima):
            if counts.get(k):
                share = 100.0 * counts[k] / bm.label.size
                legend.append((f"→ ({x:.3g}, {y:.3g}): {share:.0f}%",
                               BASIN_COLORS[k % len(BASIN_COLORS)]))
        if counts.get(DIVERGED):
            legend.append((fill(self.tr("diverged: %1%"),
                                f"{100.0 * counts[DIVERGED] / bm.label.size:.0f}"),
                           DIVERGED_COLOR))
        if counts.get(-1):
            legend.append((fill(self.tr("not converged: %1%"),
                                f"{100.0 * counts[-1] / bm.label.size:.0f}"),
                           QColor(0, 0, 0, 0)))
        self.w.contour_view.set_basin_image(basin_rgba(bm.label), bm.xs, bm.ys, legend)
        self._message(fill(self.tr("Basin map: %1 minima, %2 steps per start."),
                           len(bm.minima), bm.steps))

    # -- 3. learning-rate sweep -----------------------------------------------------------
    def sweep_dialog(self) -> None:
        spec = self.selected_spec()
        lr = float(spec.hyper.get("lr", 0.01)) if spec is not None else 0.01
        values = ask(self.w, self.tr("Learning-rate sweep"),
                     [(self.tr("smallest lr"), float_box(lr / 100)),
                      (self.tr("largest lr"), float_box(min(lr * 100, 1e3))),
                      (self.tr("learning rates"), int_box(2, 200, 24)),
                      (self.tr("steps"), int_box(1, 100_000, spec.steps if spec else 200))])
        if values is not None:
            self.start_sweep(*values)

    def start_sweep(self, lo: float, hi: float, n: int, steps: int) -> AnalysisTask | None:
        from gdstudio.core.analysis import log_lrs, lr_sweep

        spec, surface = self.selected_spec(), self.surface
        if spec is None or surface is None:
            return None
        try:
            lrs = log_lrs(lo, hi, n)
        except ValueError as e:
            self._error(self.tr("Learning-rate sweep"), localize_error(e))
            return None
        opt = spec.optimizer

        def fn(progress, cancel):
            return lr_sweep(surface, spec, lrs, steps, trajectories=True,
                            progress=progress, cancel=cancel)

        title = Phrase("Analysis", QT_TRANSLATE_NOOP(
            "Analysis", "Sweeping %1 learning rates of %2 (%3)"), n, spec.label, opt)
        return self.run_task(title, fn, lambda sw, s=self.state: s.set_result("sweep", sw))

    def _draw_sweep(self, sweep) -> None:
        if sweep is None:
            self.w.contour_view.clear_overlay("sweep")
            return
        cmap = pg.colormap.get("plasma")
        u = np.linspace(0.15, 0.8, len(sweep.lrs))
        colors = [cmap.mapToQColor(float(v)) for v in u]
        if self.sweep_dock is None:
            self.sweep_dock = SweepDock(self.w)
            self.w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.sweep_dock)
        self.sweep_dock.show_sweep(sweep, colors)
        self.sweep_dock.show()
        traj = sweep.trajectories
        stride = max(1, traj.shape[0] // 400)
        rows = np.unique(np.r_[np.arange(0, traj.shape[0], stride), traj.shape[0] - 1])
        paths = [traj[rows, i] for i in range(len(sweep.lrs))]
        b = sweep.best
        legend = [(fill(self.tr("lr %1 (smallest)"), f"{sweep.lrs[0]:.3g}"), colors[0]),
                  (fill(self.tr("lr %1 (best)"), f"{sweep.lrs[b]:.3g}"), colors[b]),
                  (fill(self.tr("lr %1 (largest)"), f"{sweep.lrs[-1]:.3g}"), colors[-1])]
        self.w.contour_view.set_overlay_paths("sweep", paths, colors, legend, width=1.5)

    # -- fair race -------------------------------------------------------------------
    def race_dialog(self) -> None:
        from gdstudio.core.race import DEFAULT_LRS

        scene = self.w.model.scene
        steps = max((r.steps for r in scene.runs), default=0) if scene is not None else 0
        lo, hi, n = DEFAULT_LRS
        budget = QComboBox()
        budget.addItems([self.tr("steps"),
                         self.tr("evaluations (loss and gradient; a Hessian one more)")])
        values = ask(self.w, self.tr("Fair race"),
                     [(self.tr("smallest lr"), float_box(lo)),
                      (self.tr("largest lr"), float_box(hi)),
                      (self.tr("learning rates"), int_box(2, 200, n)),
                      (self.tr("same budget of"), budget),
                      (self.tr("steps or evaluations per run"),
                       int_box(1, 100_000, max(steps, 1)))])
        if values is not None:
            self.start_race(*values)

    def start_race(self, lo: float, hi: float, n: int, budget: int = 0,
                   amount: int | None = None) -> AnalysisTask | None:
        """Race every run at its own best of ``n`` learning rates from ``lo`` to ``hi``
        under one budget of ``amount`` steps (``budget`` 0) or evaluations (1); the
        tuned scene then replaces the scene as one edit (Edit > Undo brings it back)."""
        from gdstudio.core.analysis import log_lrs
        from gdstudio.core.race import BUDGETS, fair_race

        scene, surface = self.w.model.scene, self.surface
        if scene is None or surface is None or not scene.runs:
            return None
        if not lo < hi:
            self._error(self.tr("Fair race"),
                        self.tr("The smallest learning rate must be below the largest."))
            return None
        try:
            lrs = log_lrs(lo, hi, n)
        except ValueError as e:
            self._error(self.tr("Fair race"), localize_error(e))
            return None
        kind = BUDGETS[budget]
        session = self.w.session

        def fn(progress, cancel):
            return fair_race(scene, lrs, budget=kind, amount=amount, surface=surface,
                             progress=progress, cancel=cancel)

        def finish(race) -> None:
            if session.apply(Phrase("Analysis", QT_TRANSLATE_NOOP("Analysis", "fair race")),
                             race.scene):
                session.analysis.set_result("race", race)

        title = Phrase("Analysis", QT_TRANSLATE_NOOP(
            "Analysis", "Fair race: %1 learning rates for each of %2 runs"), n, len(scene.runs))
        return self.run_task(title, fn, finish)

    def _show_race(self, race) -> None:
        """The budget and each run's tuned learning rate, in the status bar until the
        next message (the run labels say the lrs too)."""
        if race is None:
            return
        tuned = ", ".join(
            f"{c.label} {c.lr:.3g}" if c.lr is not None else
            fill(self.tr("%1 diverged at every lr"), c.label) for c in race.contestants)
        if race.budget == "steps":
            text = self.tr("Fair race, the same %1 steps for every run; tuned lr: %2")
        else:
            text = self.tr("Fair race, the same %1 evaluations for every run; tuned lr: %2")
        self.w.statusBar().showMessage(fill(text, race.amount, tuned))

    # -- 4. stochastic view --------------------------------------------------------------
    def toggle_stochastic(self, on: bool = True) -> None:
        self.state.set_stochastic(on)

    def _show_stochastic(self, on: bool) -> None:
        pb = self.w.playback
        if on == self._stochastic_drawn:
            return
        self._stochastic_drawn = on
        if on:
            if self.stochastic_dock is None:
                self.stochastic_dock = StochasticDock(self.w)
                self.w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea,
                                     self.stochastic_dock)
            self.stochastic_dock.show()
            pb.frame.connect(self.update_stochastic)
            pb.reset.connect(self.update_stochastic)
            self.w.model.selectedChanged.connect(self.update_stochastic)
            self.stochastic_action.setChecked(True)
            self.update_stochastic()
        else:
            self.stochastic_action.setChecked(False)
            pb.frame.disconnect(self.update_stochastic)
            pb.reset.disconnect(self.update_stochastic)
            self.w.model.selectedChanged.disconnect(self.update_stochastic)
            self.stochastic_dock.hide()
            self.w.contour_view.clear_overlay("batch")
            self._batch_3d(None)
            self._batch_key = None

    def update_stochastic(self, *_args) -> None:
        from gdstudio.core.analysis import gradient_noise

        dock, surface, spec, pb = (self.stochastic_dock, self.surface, self.selected_spec(),
                                   self.w.playback)
        g = self.w.model.selected
        if dock is None or surface is None or spec is None or g >= len(pb.groups) \
                or not pb.groups[g] or pb.rows == 0:
            return
        if getattr(surface, "data", None) is None:
            self.noise_angle = 0.0
            dock.label.setText(self.tr("This surface has no data rows: every step uses the "
                                       "exact gradient (angle 0°)."))
            return
        m = surface.n_samples
        i = pb.groups[g][0]
        t = pb.current(i)
        b = spec.batch_size if spec.batch_size is not None and spec.batch_size < m else m
        rows = batch_rows(spec.seed, b, m, t + 1)
        w = pb.W[i, pb.row(t)]
        self.noise_angle = float(gradient_noise(surface, w, rows))
        per_epoch = math.ceil(m / b)
        dock.label.setText("<br>".join((
            fill(self.tr("<b>%1</b>, step %2 → %3: batch of %4 of %5 rows (epoch %6, slice %7 "
                         "of %8)."), spec.label, t, t + 1, len(rows), m, t // per_epoch + 1,
                 t % per_epoch + 1, per_epoch),
            fill(self.tr("Angle between the batch gradient and the full gradient: "
                         "<b>%1°</b>."), f"{self.noise_angle:.1f}"),
            self.tr("<span style='color:#F0E442'>Dashed yellow</span>: the batch's loss; "
                    "white: the full loss."))))
        key = (id(surface), spec.seed, b, t if b < m else -1)
        if key != self._batch_key:
            self._batch_key = key
            if b < m:
                xs, ys, Z = batch_surface(surface, rows).grid(60)
                self.w.contour_view.set_batch_contours(Z)
                self._batch_3d((xs, ys, Z))
            else:
                self.w.contour_view.clear_overlay("batch")
                self._batch_3d(None)

    def _batch_3d(self, grid) -> None:
        """The batch loss ``(xs, ys, Z)`` as isolines in the 3D view (``None``: none), at
        the losses of the contour pane's dashed isolines."""
        from gdstudio.gui.draw.geometry import N_LEVELS

        sv = self.w.surface_view
        if sv is None:
            return
        zmap = self.w.contour_view.zmap or sv.zmap
        if grid is None or zmap is None:
            sv.clear_batch_loss()
        else:
            sv.set_batch_loss(*grid, zmap.unnorm((np.arange(N_LEVELS) + 0.5) / N_LEVELS))

    # -- 5. landscapes --------------------------------------------------------------------
    def landscape_dialog(self) -> None:
        kind = QComboBox()
        kind.addItems([self.tr("PCA plane of the training trajectory"),
                       self.tr("filter-normalised random directions")])
        values = ask(self.w, self.tr("Neural-network landscape"),
                     [(self.tr("plane"), kind),
                      (self.tr("training epochs"), int_box(10, 5000, 300)),
                      (self.tr("grid points per axis"), int_box(11, 151, 51))])
        if values is not None:
            plane, epochs, n = values
            self.start_landscape("pca" if plane == 0 else "random", epochs, n)

    def start_landscape(self, plane: str = "pca", epochs: int = 300,
                        n: int = 51) -> AnalysisTask:
        from gdstudio.core import landscape as ls

        folder = self.w.model.scratch_dir

        def fn(progress, cancel):
            data = ls.load_iris()
            model = ls.MLP()
            tr = ls.train(model, data, "adam", {"lr": 0.01}, epochs=epochs, seed=0)
            progress(0.1)
            if cancel():
                raise Cancelled("stopped after training")
            if plane == "pca":
                d = ls.pca_directions(tr.trajectory, tr.theta)
            else:
                d = ls.random_directions(model, tr.theta, seed=0)
            coords, _ = ls.project_trajectory(tr.trajectory, tr.theta, d.d1, d.d2)
            reach = float(np.abs(coords).max()) if coords.size else 0.0
            span = max(1.0 if plane == "random" else 0.0, 1.25 * reach) or 1.0
            grid = ls.loss_plane(model, data, tr.theta, d.d1, d.d2, span=span, n=n,
                                 progress=lambda f: progress(0.1 + 0.9 * f), cancel=cancel)
            return plane, write_scratch_grid(grid, folder, f"iris-mlp-{plane}"), coords, d

        title = Phrase("Analysis", QT_TRANSLATE_NOOP(
            "Analysis", "Training an MLP on Iris and mapping its loss plane (PCA)")
            if plane == "pca" else QT_TRANSLATE_NOOP(
                "Analysis", "Training an MLP on Iris and mapping its loss plane (random "
                "directions)"))
        return self.run_task(title, fn, self.state.offer_landscape)

    def _show_landscape(self, result) -> None:
        plane, path, coords, d = result
        if plane == "pca":
            ex = d.explained or (0.0, 0.0)
            title = fill(self.tr("Iris MLP loss landscape: PCA plane of training (%1% + %2% of "
                                 "the path)"), f"{100 * ex[0]:.0f}", f"{100 * ex[1]:.0f}")
        else:
            title = self.tr("Iris MLP loss landscape: filter-normalised random directions")
        start = (float(coords[0, 0]), float(coords[0, 1]))
        note = self.tr("The loss of a small neural network on a plane through its trained "
                       "weights w* (Li et al. 2018).")
        if not self.show_grid_surface(path, title, note, start, lr=1.0):
            return
        self.state.set_result("path", coords)

    def _draw_path(self, coords) -> None:
        if coords is None:
            self.w.contour_view.clear_overlay("training")
            return
        self.w.contour_view.set_overlay_paths(
            "training", [coords], ["#FFFFFF"],
            [(self.tr("Adam training path (projected)"), "#FFFFFF")], width=2.0, ends=True)

    def import_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        try:
            import h5py  # noqa: F401
        except ImportError:
            self._error(self.tr("Import loss landscape"),
                        self.tr('Reading .h5 loss landscapes needs the optional h5py package: '
                                'pip install "gdstudio[landscape]"'))
            return
        path, _ = QFileDialog.getOpenFileName(self.w, self.tr("Import loss landscape"), "",
                                              self.tr("loss-landscape surfaces (*.h5 *.hdf5)"))
        if path:
            self.import_h5(path)

    def import_h5(self, path) -> bool:
        from gdstudio.core.landscape import load_h5_surface

        path = Path(path).resolve()
        try:
            grid = load_h5_surface(path)
        except GdError as e:
            self._error(self.tr("Cannot import loss landscape"), localize_error(e))
            return False
        return self.show_grid_surface(path, fill(self.tr("Loss landscape: %1"), grid.name),
                                      surface_description(grid.description))

    def show_grid_surface(self, path: Path, title: str, notes: str, start=None,
                          lr: float = 0.05) -> bool:
        """Make the grid file ``path`` the scene's surface (``[surface] grid``), with one
        SGD run from ``start`` (default: towards a corner of the grid)."""
        from gdstudio.core.landscape import load_grid_surface

        if start is None:
            (x0, x1), (y0, y1) = load_grid_surface(path).bounds
            start = (x0 + 0.85 * (x1 - x0), y0 + 0.85 * (y1 - y0))
        raw = {"title": title, "notes": notes, "surface": {"grid": str(path)},
               "run": [{"label": "SGD", "optimizer": "sgd", "lr": lr,
                        "start": [round(start[0], 4), round(start[1], 4)], "steps": 300}]}
        try:
            self.w.model.load_dict(raw)
        except GdError as e:
            self._error(self.tr("Cannot show the landscape"), localize_error(e))
            return False
        return True

    def load_playback(self, scene, play: bool = False) -> bool:
        """Start the scene's runs; a lesson whose ``show`` asks for critical points gets
        them marked once its surface is on screen."""
        ok = self.w.playback.load(scene, play=play, surface=self.w.model.surface)
        if ok and "critical_points" in ((getattr(scene, "lesson", None) or {}).get("show", [])):
            QTimer.singleShot(0, self.w, self.show_critical_points)
        return ok


def write_scratch_grid(grid, folder: Path, stem: str) -> Path:
    """Write a computed grid surface into ``folder`` (an ``.h5`` file, or ``.npz`` where
    h5py is missing) under a name made from its values, and return its path."""
    import hashlib

    from gdstudio.core.landscape import save_grid_surface

    try:
        import h5py  # noqa: F401
        suffix = ".h5"
    except ImportError:
        suffix = ".npz"
    digest = hashlib.sha256()
    for a in (grid.xs, grid.ys, grid.values):
        digest.update(np.ascontiguousarray(a).tobytes())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}-{digest.hexdigest()[:12]}{suffix}"
    save_grid_surface(grid, path)
    return path
