"""The step at the cursor, explained: the optimizer state behind the step arrows, the Step
panel (every value of the selected run at the cursor step, by torch's names) and its
stability gauge, and the View toggles that show them.

The optimizer's state comes from the core itself: the playback's worker records it for
every single-start run group as it computes the rows (``Playback.opt_state``, the
``state=True`` rows of :class:`gdstudio.core.runner.SceneRun`), so a row here is that of
``run_scene(state=True)`` bit for bit and costs the GUI thread no step. What the rows
do not hold, the momentum a cycling schedule sets for each step, comes from that
schedule stepped alone (a few microseconds a step). A frame reads one :class:`StepRow`
per run drawn, shared by both views and the panel; the curvature, gauge and effective
per-axis step of a row are computed when something shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

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

from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.scene import hyper_at
from gdstudio.core.schedules import make_schedule
from gdstudio.core.stability import Curvature, Gauge, curvature, effective_step, gauge
from gdstudio.gui.draw.display import format_value
from gdstudio.gui.draw.label_box import LabelBox
from gdstudio.gui.draw.palette import DIVERGED
from gdstudio.gui.draw.step_marks import StepArrows, step_arrows

VALUE_ROLE = Qt.ItemDataRole.UserRole
OK_COLOR = "#2E9E5B"
PANEL_WIDTH = 300
PANEL_LINES = 16        # alone, the panel is this many text lines wide (large fonts)
ROWS_KEPT = 64          # rows of the last cursor steps kept (both views and the panel ask)
PLAY_EVERY = 3          # while playing, the panel shows the step of every third frame


@dataclass(eq=False)
class StepRow:
    """Row ``t`` of one run as the core records it, with what the panel derives (the
    derived values when first read)."""

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
    surface: object
    gauge_lr: float                # the lr the stability gauge uses

    @cached_property
    def curvature(self) -> Curvature | None:
        return curvature(self.surface, self.w) if np.isfinite(self.w).all() else None

    @cached_property
    def effective(self) -> np.ndarray | None:
        if not np.isfinite(self.lr):
            return None
        return effective_step(self.optimizer, {**self.hyper, "lr": self.lr}, self.state)

    @cached_property
    def gauge(self) -> Gauge | None:
        curv = self.curvature
        if curv is None:
            return None
        return gauge(self.optimizer, self.hyper, self.gauge_lr, curv, self.state)


class _Momenta:
    """The momentum (or beta1) a cycling schedule sets for each step of a run, the
    schedule stepped alone as the run steps it (it reads no loss), up to the furthest
    step asked for; None where the schedule sets none."""

    def __init__(self, spec):
        opt = make_optimizer(spec.optimizer, **spec.hyper)
        self.sched = make_schedule(spec.schedule, base_lr=float(opt.hp["lr"]),
                                   steps=spec.steps, optimizer=opt)
        self.state = self.sched.init(1)
        self.values = np.full(spec.steps + 1, np.nan)
        self.known = 0                  # values[1 .. known] are set

    @staticmethod
    def of(spec) -> _Momenta | None:
        if spec.schedule is None:
            return None
        m = _Momenta(spec)
        return m if m.sched.momentum(m.state) is not None else None

    def at(self, s: int) -> float:
        """The momentum of step ``s`` (NaN past the run's steps)."""
        if s >= len(self.values):
            return np.nan
        while self.known < s:
            self.known += 1
            self.values[self.known] = float(np.ravel(self.sched.momentum(self.state))[0])
            self.state = self.sched.step(self.state, None)
        return float(self.values[s]) if s > 0 else np.nan


class StepStates(QObject):
    """The optimizer state of the playback's single-start runs at the cursor (see the
    module docstring); ``all_runs`` draws every run's, else the selected run's."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.pb = window.playback
        self.all_runs = False
        self.curvature = False
        self._moms: dict[int, _Momenta | None] = {}
        self._rows: dict[tuple[int, int, int], StepRow] = {}
        self._arrows: tuple[tuple, list[StepArrows]] | None = None
        self.pb.reset.connect(self.clear)

    def clear(self) -> None:
        self._moms, self._rows, self._arrows = {}, {}, None

    def arrows(self, surface, hidden: set[int]) -> list[StepArrows]:
        """:func:`step_arrows` of the runs drawn, at the cursor: made once for both views
        (again after the cursor moves, a batch of rows arrives or what is drawn changes)."""
        pb = self.pb
        key = (pb.cursor, pb.received, frozenset(hidden), self.all_runs, self.selected,
               id(surface))
        if self._arrows is None or self._arrows[0] != key:
            self._arrows = (key, step_arrows(pb, surface, hidden, self))
        return self._arrows[1]

    @property
    def selected(self) -> int:
        return self.w.model.selected

    def drawn(self, g: int) -> bool:
        return self.all_runs or g == self.selected

    def cursor(self) -> int:
        idx = self.pb.groups[self.selected] if self.selected < len(self.pb.groups) else []
        return self.pb.current(idx[0]) if len(idx) == 1 and self.pb.rows else 0

    def row(self, g: int, t: int) -> StepRow | None:
        """Row ``t`` of group ``g``, or None for a swarm or a row not received (or not
        reached) yet. Rows are kept by what they read: the step, and whether the next
        one is in."""
        key = (g, t, min(self.pb.rows, t + 2))
        got = self._rows.get(key)
        if got is None:
            got = self._row(g, t)
            if got is not None:
                if len(self._rows) >= ROWS_KEPT:
                    self._rows.clear()
                self._rows[key] = got
        return got

    def _row(self, g: int, t: int) -> StepRow | None:
        pb = self.pb
        if pb.scene is None or g >= len(pb.groups) or len(pb.groups[g]) != 1:
            return None
        i = pb.groups[g][0]
        ended = pb.status(i, t)
        state = pb.opt_state(g, t)
        r = pb.row(t)
        if state is None or (ended is not None and ended[1] < t) or pb.steps[r] != t:
            return None
        w = pb.W[i, r].copy()
        if not np.isfinite(w).all():
            return None
        spec = pb.scene.runs[g]
        surface = self.w.model.surface
        with np.errstate(all="ignore"):
            gx, gy = surface.grad(w[:1], w[1:])
        name, hyper = hyper_at(spec, t)
        if g not in self._moms:
            self._moms[g] = _Momenta.of(spec)
        moms = self._moms[g]
        mom = moms.at(t) if moms is not None else np.nan
        stops = ended is not None and ended[0] != "diverged"   # no step after row t
        nxt_mom = moms.at(t + 1) if moms is not None and not stops else np.nan
        if np.isfinite(nxt_mom) and name in ("sgd", "rmsprop"):
            hyper = {**hyper, "momentum": nxt_mom}
        elif np.isfinite(nxt_mom):
            beta2 = make_optimizer(name, **hyper).hp["betas"][1]
            hyper = {**hyper, "betas": (nxt_mom, beta2)}
        lr_now = float(pb.LR[i, r])
        nxt = float(pb.LR[i, r + 1]) if r + 1 < pb.kept and pb.steps[r + 1] == t + 1 \
            else np.nan
        lr_next = nxt if np.isfinite(nxt) else (lr_now if np.isfinite(lr_now)
                                                else _base_lr(spec, t))
        prev = t > 0 and r > 0 and pb.steps[r - 1] == t - 1
        return StepRow(group=g, label=spec.label, t=t, w=w, loss=float(pb.L[i, r]),
                       grad=np.array([float(gx[0]), float(gy[0])]), lr=lr_now,
                       momentum=mom if np.isfinite(mom) else None,
                       update=pb.W[i, r] - pb.W[i, r - 1] if prev else None,
                       state=state, optimizer=name, hyper=hyper, surface=surface,
                       gauge_lr=lr_next if name == "sgd" else lr_now)


def _base_lr(spec, t: int) -> float:
    """The learning rate a run falls back on at step ``t`` where no row holds one: that
    of its optimizer in force (with a schedule, of its first one)."""
    name, hyper = (spec.optimizer, spec.hyper) if spec.schedule is not None \
        else hyper_at(spec, t)
    return float(make_optimizer(name, **hyper).hp["lr"])


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
        self._played = 0                     # frames while playing since the panel showed one
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

    def on_frame(self) -> None:
        """A frame of the playback: while it plays, every PLAY_EVERY-th frame's step is
        shown (values changing sixty times a second are not read, and the table and gauge
        repainted each frame cost as much as a view); every other frame (paused, a step
        picked, the one after play stops) shows the exact cursor step."""
        pb = self.states.pb
        playing = pb.turn is not None or pb.lane is not None
        self._played = self._played + 1 if playing else 0
        if self._played % PLAY_EVERY == 0:
            self.refresh()

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
        window.playback.frame.connect(self.panel.on_frame)
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
