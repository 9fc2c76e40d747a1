"""The step at the cursor, explained: the optimizer state behind the step arrows, the Step
panel (every value of the selected run at the cursor step, by torch's names) and its
stability gauge, and the View toggles that show them.

The playback streams positions, losses and learning rates only. The optimizer's state
comes from the core itself: :class:`StepStates` runs the drawn run group again as a
one-run scene with ``state=True`` (:class:`gdstudio.core.runner.SceneRun`, the surface the
playback uses), advanced lazily to the cursor and kept until the run set changes. A group
is computed independently of the others (its own optimizer, schedule and batch order), so
its rows are those of the playback and of ``run_scene(state=True)`` bit for bit; the cost
is one extra run computed up to the furthest step looked at.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.errors import GdError
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.scene import hyper_at
from gdstudio.core.stability import Curvature, Gauge, curvature, effective_step, gauge
from gdstudio.gui.draw.display import format_value
from gdstudio.gui.draw.label_box import LabelBox
from gdstudio.gui.draw.palette import DIVERGED

VALUE_ROLE = Qt.ItemDataRole.UserRole
OK_COLOR = "#2E9E5B"
PANEL_WIDTH = 300
PANEL_LINES = 16        # alone, the panel is this many text lines wide (large fonts)


@dataclass
class StepRow:
    """Row ``t`` of one run as the core records it, with what the panel derives."""

    group: int
    label: str
    t: int
    w: np.ndarray
    loss: float
    grad: np.ndarray
    lr: float
    momentum: float | None         # the schedule's momentum (or beta1) for step t
    update: np.ndarray | None
    state: dict[str, np.ndarray | float]
    optimizer: str
    hyper: dict
    curvature: Curvature | None
    effective: np.ndarray | None
    gauge: Gauge | None


class StepStates(QObject):
    """The optimizer state of the playback's single-start runs, recomputed exactly (see
    the module docstring); ``all_runs`` draws every run's, else the selected run's."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.pb = window.playback
        self.all_runs = False
        self.curvature = False
        self._runs: dict[int, object] = {}
        self._moms: dict[int, np.ndarray] = {}
        self._rows: dict[tuple[int, int], StepRow | None] = {}
        self.pb.reset.connect(self.clear)

    def clear(self) -> None:
        self._runs, self._moms, self._rows = {}, {}, {}

    @property
    def selected(self) -> int:
        return self.w.model.selected

    def drawn(self, g: int) -> bool:
        return self.all_runs or g == self.selected

    def cursor(self) -> int:
        idx = self.pb.groups[self.selected] if self.selected < len(self.pb.groups) else []
        return self.pb.current(idx[0]) if len(idx) == 1 and self.pb.rows else 0

    def _group(self, g: int, t: int):
        """The one-run recomputation of group ``g``, advanced past row ``t``."""
        from gdstudio.core.runner import SceneRun

        pb = self.pb
        if pb.scene is None or g >= len(pb.groups) or len(pb.groups[g]) != 1:
            return None
        run = self._runs.get(g)
        if run is None:
            sub = dataclasses.replace(pb.scene, runs=[pb.scene.runs[g]])
            try:
                run = SceneRun(sub, surface=self.w.model.surface, state=True)
            except GdError:
                return None
            self._runs[g] = run
            grp = run.groups[0]
            if grp.sched is not None and grp.sched.momentum(grp.sched_state) is not None:
                self._moms[g] = np.full(grp.T + 1, np.nan)
        grp = run.groups[0]
        moms = self._moms.get(g)
        end = min(t + 1, run.total_steps)
        if moms is None and run.t < end:
            run.advance(end - run.t)
        while moms is not None and run.t < end:
            if not grp.done:
                moms[run.t + 1] = float(np.ravel(grp.sched.momentum(grp.sched_state))[0])
            run.advance(1)
        return grp

    def row(self, g: int, t: int) -> StepRow | None:
        """Row ``t`` of group ``g``, or None for a swarm or a row the run never reached
        (the rows of the last cursor steps are kept: both views and the panel ask)."""
        key = (g, t)
        if key not in self._rows:
            if len(self._rows) > 64:
                self._rows.clear()
            self._rows[key] = self._row(g, t)
        return self._rows[key]

    def _row(self, g: int, t: int) -> StepRow | None:
        grp = self._group(g, t)
        if grp is None or t > grp.T or t > (grp.t if grp.active[0] else grp.last[0]):
            return None
        w = grp.W[t, 0].copy()
        surface = grp.surface
        with np.errstate(all="ignore"):
            gx, gy = surface.grad(w[:1], w[1:])
        lr_col = grp.LR[:, 0]
        state = {name: col[t, 0] for name, col in grp.state_rows.columns.items()}
        name, hyper = hyper_at(grp.spec, t)
        moms = self._moms.get(g)
        mom = float(moms[t]) if moms is not None and np.isfinite(moms[t]) else None
        cycled = moms is not None and t + 1 <= grp.T and np.isfinite(moms[t + 1])
        if cycled and name in ("sgd", "rmsprop"):
            hyper = {**hyper, "momentum": float(moms[t + 1])}
        elif cycled:
            beta2 = make_optimizer(name, **hyper).hp["betas"][1]
            hyper = {**hyper, "betas": (float(moms[t + 1]), beta2)}
        lr_now = float(lr_col[t])
        nxt = float(lr_col[t + 1]) if t + 1 <= grp.t else np.nan
        lr_next = nxt if np.isfinite(nxt) else (lr_now if np.isfinite(lr_now)
                                                else float(grp.base_lr))
        curv = curvature(surface, w) if np.isfinite(w).all() else None
        eff = effective_step(name, {**hyper, "lr": lr_now}, state) \
            if np.isfinite(lr_now) else None
        g_lr = lr_next if name == "sgd" else lr_now
        gg = gauge(name, hyper, g_lr, curv, state) if curv is not None else None
        return StepRow(group=g, label=grp.spec.label, t=t, w=w, loss=float(grp.L[t, 0]),
                       grad=np.array([float(gx[0]), float(gy[0])]), lr=lr_now, momentum=mom,
                       update=grp.W[t, 0] - grp.W[t - 1, 0] if t > 0 else None,
                       state=state, optimizer=name, hyper=hyper, curvature=curv,
                       effective=eff, gauge=gg)


class StepPanel(QDockWidget):
    """The Step panel: the selected run's values at the cursor step and the gauge."""

    def __init__(self, states: StepStates, window):
        super().__init__(self.tr("Step"), window)
        self.setObjectName("stepPanel")
        self.states = states
        self.action: QAction | None = None
        body = QWidget(self)
        lay = QVBoxLayout(body)
        self.title_box = LabelBox(body)
        self.title = self.title_box.label
        self.table = QTableWidget(0, 2, body)
        self.table.setObjectName("stepTable")
        self.table.setHorizontalHeaderLabels([self.tr("Quantity"), self.tr("Value")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSizePolicy(QSizePolicy.Policy.Ignored,   # fits beside a 1280 px
                                 self.table.sizePolicy().verticalPolicy())   # transport
        self.gauge_box = LabelBox(body)
        self.gauge = self.gauge_box.label
        self.gauge.setObjectName("stabilityGauge")
        self.gauge.setTextFormat(Qt.TextFormat.RichText)
        self._quantities: list[str] = []     # what the table's rows show
        self._tips: list[str] = []           # and the full value of each, as its tooltip
        self._gauge_color: str | None = None
        lay.addWidget(self.title_box)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.gauge_box)
        self.setWidget(body)
        self.names = {
            "momentum_buffer": self.tr("momentum buffer"), "exp_avg": self.tr("first moment"),
            "exp_avg_sq": self.tr("second moment"),
            "max_exp_avg_sq": self.tr("largest second moment"),
            "step": self.tr("step count"), "sum": self.tr("sum of squared gradients"),
            "square_avg": self.tr("mean squared gradient"),
            "grad_avg": self.tr("mean gradient"), "acc_delta": self.tr("mean squared update"),
            "exp_inf": self.tr("infinity norm"), "mu_product": self.tr("product of momentum "
                                                                       "factors"),
            "prev": self.tr("previous gradient"), "step_size": self.tr("per-axis step size"),
            "eta": self.tr("decayed learning rate"), "mu": self.tr("averaging weight"),
            "ax": self.tr("averaged point"), "variance": self.tr("second-moment estimate"),
            "func_evals": self.tr("function evaluations"), "n_iter": self.tr("iterations"),
            "d": self.tr("search direction"), "t": self.tr("step length"),
            "H_diag": self.tr("inverse Hessian scale"),
            "prev_flat_grad": self.tr("previous gradient"),
            "prev_loss": self.tr("previous loss")}

    def sizeHint(self) -> QSize:
        """As wide as the parameter dock beside it; alone (presenter mode) PANEL_WIDTH at
        the normal font, wider with presenter mode's larger one, which leaves a 1280 px
        window room for the views."""
        dock = self.parent().dock
        width = dock.sizeHint().width() if dock is not None and dock.isVisible() \
            else max(PANEL_WIDTH, PANEL_LINES * self.fontMetrics().height())
        return QSize(width, super().sizeHint().height())

    def changeEvent(self, event) -> None:
        """Rows as high as the table's font (presenter mode's is larger)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.table.verticalHeader().setDefaultSectionSize(
                self.table.fontMetrics().height() + 6)

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        if self.action is not None:
            self.action.setChecked(False)

    def refresh(self) -> None:
        """Show row ``cursor`` of the selected run (cleared for a swarm or no run)."""
        if not self.isVisible():
            return
        s = self.states
        row = s.row(s.selected, s.cursor()) if s.pb.scene is not None else None
        if row is None:
            self.title_box.set_text(
                self.tr("The Step panel shows a single-start run: select one."))
            self._fill([])
            self.gauge_box.set_text("")
            return
        self.title_box.set_text(self.tr("%1 (%2), step %3").replace("%1", row.label)
                                .replace("%2", row.optimizer).replace("%3", str(row.t)))
        items: list[tuple[str, object]] = [
            (self.tr("step t"), row.t), ("w", row.w), ("L(w)", row.loss),
            ("∇L(w)", row.grad), (self.tr("learning rate"), row.lr),
            (self.tr("update applied"), row.update)]
        if row.momentum is not None:
            key = "momentum" if row.optimizer in ("sgd", "rmsprop") else "betas[0]"
            source = self.tr("from the schedule")
            items.insert(5, (f"{key} ({source})", row.momentum))
        items += [(f"{name} ({self.names.get(name, name)})", value)
                  for name, value in row.state.items()]
        if row.effective is not None:
            items.append((self.tr("effective per-axis step"), row.effective))
        if row.curvature is not None:
            items.append((self.tr("Hessian eigenvalues"), row.curvature.eigenvalues))
        self._fill(items)
        self._show_gauge(row)

    def _fill(self, items: list[tuple[str, object]]) -> None:
        """The table's rows are made when the quantities shown change (another run or
        optimizer); a step after that sets the values that changed, nothing else."""
        names = [name for name, _value in items]
        if names != self._quantities:
            self.table.setRowCount(len(items))
            for k, name in enumerate(names):
                self.table.setItem(k, 0, QTableWidgetItem(name))
                self.table.setItem(k, 1, QTableWidgetItem())
            self._quantities, self._tips = names, [""] * len(items)
        model = self.table.model()
        for k, (_name, value) in enumerate(items):
            raw = value.tolist() if isinstance(value, np.ndarray) else value
            tip = repr(raw)
            if tip == self._tips[k]:
                continue
            self._tips[k] = tip
            text = _text(value.ravel().tolist() if isinstance(value, np.ndarray) else value)
            model.setItemData(model.index(k, 1), {Qt.ItemDataRole.DisplayRole: text,
                                                  VALUE_ROLE: raw,
                                                  Qt.ItemDataRole.ToolTipRole: tip})

    def _show_gauge(self, row: StepRow) -> None:
        """The gauge's text, and its frame in the verdict's colour; a new style sheet
        polishes the label and lays the window out again, so only a change of verdict
        sets one."""
        g = row.gauge
        if g is None:
            self.gauge_box.set_text(self.tr("Stability gauge: not defined for %1 here.")
                                    .replace("%1", row.optimizer))
            self._frame_gauge(None)
            return
        what = {"gd": self.tr("lr × λmax (plain gradient descent)"),
                "momentum": self.tr("lr × λmax (heavy-ball momentum)"),
                "nesterov": self.tr("lr × λmax (Nesterov momentum)"),
                "adaptive": self.tr("λmax of the Hessian scaled by the effective per-axis "
                                    "step (adaptive method)")}[g.kind]
        verdict = self.tr("crossed: the steps grow, divergence predicted") if g.crossed \
            else self.tr("below the bound: stable")
        color = DIVERGED if g.crossed else OK_COLOR
        head = self.tr("Stability: %1 / %2").replace("%1", f"{g.value:.4g}") \
            .replace("%2", f"{g.bound:.4g}")
        self.gauge_box.set_text(f"<b>{head}</b><br>{what}<br>"
                                f"<span style='color:{color}'>{verdict}</span>")
        if self._frame_gauge(color):
            self.gauge.setProperty("crossed", g.crossed)

    def _frame_gauge(self, color: str | None) -> bool:
        """Frame the gauge in ``color`` (None: no frame); False if it already is."""
        if color == self._gauge_color:
            return False
        self._gauge_color = color
        self.gauge.setStyleSheet("" if color is None else
                                 f"QLabel {{ border: 2px solid {color}; padding: 4px; }}")
        return True


def _text(value) -> str:
    """A value as the panel shows it (an array as its flat list); "—" where there is none
    (row 0's state)."""
    if isinstance(value, list):
        return "(" + ", ".join(map(_text, value)) + ")"
    if value is None or value != value:
        return "—"
    return format_value(float(value))


class StepControls(QObject):
    """View > Step panel, View > Curvature axes, View > Step marks of all runs; the
    states behind the gradient arrows of both views."""

    def __init__(self, window, menu, views):
        super().__init__(window)
        self.w = window
        self.views = views
        self.states = StepStates(window)
        for v in views:
            v.step_states = self.states
        self.panel = StepPanel(self.states, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        self.panel_action = self._toggle(menu, self.tr("Step panel"), self._show_panel)
        self.panel.action = self.panel_action
        self.curvature_action = self._toggle(menu, self.tr("Curvature axes"),
                                             self._show_curvature)
        self.all_action = self._toggle(menu, self.tr("Step marks of all runs"), self._all_runs)
        window.playback.frame.connect(self.panel.refresh)
        window.playback.reset.connect(self.panel.refresh)
        window.model.selectedChanged.connect(self._on_selected)

    def _toggle(self, menu, text: str, slot) -> QAction:
        a = QAction(text, self.w)
        a.setCheckable(True)
        a.toggled.connect(slot)
        menu.addAction(a)
        return a

    def _show_panel(self, on: bool) -> None:
        self.panel.setVisible(on)
        if on:
            self.w.resizeDocks([self.panel], [self.panel.sizeHint().width()],
                               Qt.Orientation.Horizontal)
            self.w.resizeDocks([self.panel], [max(360, self.w.height() // 2)],
                               Qt.Orientation.Vertical)
        self.panel.refresh()

    def _show_curvature(self, on: bool) -> None:
        self.states.curvature = on
        self._redraw()

    def _all_runs(self, on: bool) -> None:
        self.states.all_runs = on
        self._redraw()

    def _on_selected(self, _index: int) -> None:
        self._redraw()
        self.panel.refresh()

    def _redraw(self) -> None:
        for v in self.views:
            v.set_marks()
