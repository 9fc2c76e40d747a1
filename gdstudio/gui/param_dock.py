"""The parameter dock: edits the scene model (a plain dict) and nothing else.

Every edit goes through ``SceneModel.edit``, which validates with the core's
``scene_from_dict``: the problems shown are the command line's own messages (in the
interface language), and an edit that does not validate leaves the last good scene on
screen.
"""

from __future__ import annotations

import copy
import math
import tomllib
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.errors import FormulaError, GdError, Msg
from gdstudio.core.scene import toml_problem
from gdstudio.gui.core_text import localize, localize_error, surface_description
from gdstudio.gui.palette import group_color
from gdstudio.gui.transport import swatch

DEBOUNCE_MS = 350
LR_MIN, LR_MAX = 1e-6, 10.0
ERROR_STYLE = ("QLabel { color: #ff6b5b; font-family: 'DejaVu Sans Mono'; "
               "font-size: 10pt; }")


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list | tuple):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + "}"
    return repr(v)


def parse_value(text: str) -> Any:
    """A TOML value typed in a box ("0.9", "[0.9, 0.999]", "true"); ValueError if not."""
    try:
        return tomllib.loads("v = " + text.strip())["v"]
    except tomllib.TOMLDecodeError as e:
        raise ValueError(Msg("not a value: {text!r} ({error})", text=text,
                             error=toml_problem(e))) from None


def parse_table(text: str) -> dict[str, Any]:
    """``key = value, ...`` typed in one line (a TOML inline table without braces)."""
    text = text.strip()
    if not text:
        return {}
    try:
        return tomllib.loads("t = {" + text + "}")["t"]
    except tomllib.TOMLDecodeError as e:
        raise ValueError(Msg("expected key = value, ...: {error}",
                             error=toml_problem(e))) from None


def table_text(d: dict[str, Any] | None, skip: tuple[str, ...] = ()) -> str:
    return ", ".join(f"{k} = {toml_value(v)}" for k, v in (d or {}).items() if k not in skip)


class LogSlider(QWidget):
    """A learning rate: log-scale slider plus an exact box."""

    valueChanged = Signal(float)
    STEPS = 1000

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.STEPS)
        self.box = QLineEdit()
        self.box.setMaximumWidth(110)
        self.box.setToolTip(self.tr("Learning rate (any positive number)"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.box)
        self.slider.valueChanged.connect(self._on_slider)
        self.slider.sliderReleased.connect(lambda: self._on_slider(self.slider.value()))
        self.box.editingFinished.connect(self._on_box)

    def set_value(self, v: float) -> None:
        self.box.setText(f"{v:g}")
        self.slider.blockSignals(True)
        lo, hi = math.log10(LR_MIN), math.log10(LR_MAX)
        pos = (math.log10(min(max(v, LR_MIN), LR_MAX)) - lo) / (hi - lo) if v > 0 else 0
        self.slider.setValue(round(pos * self.STEPS))
        self.slider.blockSignals(False)

    def value(self) -> float | None:
        try:
            return float(self.box.text())
        except ValueError:
            return None

    def _on_slider(self, pos: int) -> None:
        lo, hi = math.log10(LR_MIN), math.log10(LR_MAX)
        v = float(f"{10 ** (lo + (hi - lo) * pos / self.STEPS):.3g}")
        self.box.setText(f"{v:g}")
        if not self.slider.isSliderDown():   # while dragging, only the box follows
            self.valueChanged.emit(v)

    def _on_box(self) -> None:
        v = self.value()
        if v is not None:
            self.set_value(v)
            self.valueChanged.emit(v)


class ParamDock(QDockWidget):
    def __init__(self, model, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scene"))
        self.setObjectName("paramDock")
        self.model = model
        self._loading = False
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self._surface_box())
        lay.addWidget(self._runs_box())
        lay.addWidget(self._run_box())
        self.problems = QLabel("")
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.problems)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setMinimumWidth(340)
        self.setWidget(scroll)

        self._formula_timer = QTimer(self)
        self._formula_timer.setSingleShot(True)
        self._formula_timer.setInterval(DEBOUNCE_MS)
        self._formula_timer.timeout.connect(self._apply_formula)
        model.sceneChanged.connect(self._on_scene)
        model.problemsChanged.connect(self._on_problems)
        model.selectedChanged.connect(lambda _i: self._fill_run())

    # -- building ------------------------------------------------------------------
    def _surface_box(self) -> QGroupBox:
        from gdstudio.core.surfaces import BUILTINS

        box = QGroupBox(self.tr("Surface"))
        form = QFormLayout(box)
        self.surface_combo = QComboBox()
        for name in BUILTINS:
            self.surface_combo.addItem(name, name)
            self.surface_combo.setItemData(self.surface_combo.count() - 1,
                                           surface_description(BUILTINS[name].description),
                                           Qt.ItemDataRole.ToolTipRole)
        self.surface_combo.addItem(self.tr("(formula)"), None)
        self.description = QLabel("")
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #777;")
        self.formula = QLineEdit()
        self.formula.setObjectName("formula")
        self.formula.setFont(QFont("DejaVu Sans Mono", 10))
        self.formula.setPlaceholderText(self.tr("e.g. %1").replace(
            "%1", "(1 - x)**2 + 100*(y - x**2)**2"))
        self.formula_error = QLabel("")
        self.formula_error.setObjectName("formulaError")
        self.formula_error.setStyleSheet(ERROR_STYLE)
        self.formula_error.setWordWrap(False)
        self.formula_error.hide()
        self.bounds = [QDoubleSpinBox() for _ in range(4)]
        for b in self.bounds:
            b.setRange(-1e6, 1e6)
            b.setDecimals(3)
            b.setKeyboardTracking(False)
            b.valueChanged.connect(self._apply_bounds)
        xb, yb = QHBoxLayout(), QHBoxLayout()
        for lay, (a, b) in ((xb, self.bounds[:2]), (yb, self.bounds[2:])):
            lay.addWidget(a)
            lay.addWidget(QLabel(self.tr("to")))
            lay.addWidget(b)
        form.addRow(self.tr("Built-in"), self.surface_combo)
        form.addRow(self.description)
        form.addRow(self.tr("Formula"), self.formula)
        form.addRow(self.formula_error)
        self.xbounds_label = QLabel(self.tr("%1 range").replace("%1", "x"))
        self.ybounds_label = QLabel(self.tr("%1 range").replace("%1", "y"))
        form.addRow(self.xbounds_label, xb)
        form.addRow(self.ybounds_label, yb)
        self.surface_combo.currentIndexChanged.connect(self._on_builtin)
        self.formula.textEdited.connect(lambda _t: self._formula_timer.start())
        return box

    def _runs_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Runs"))
        lay = QVBoxLayout(box)
        self.runs_list = QListWidget()
        self.runs_list.setMaximumHeight(150)
        self.runs_list.currentRowChanged.connect(self._on_row)
        self.runs_list.itemChanged.connect(self._on_item_changed)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add"))
        self.dup_button = QPushButton(self.tr("Duplicate"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.color_button = QPushButton(self.tr("Colour..."))
        for b in (self.add_button, self.dup_button, self.remove_button, self.color_button):
            row.addWidget(b)
        self.add_button.clicked.connect(self.add_run)
        self.dup_button.clicked.connect(self.duplicate_run)
        self.remove_button.clicked.connect(self.remove_run)
        self.color_button.clicked.connect(self.pick_color)
        lay.addWidget(self.runs_list)
        lay.addLayout(row)
        return box

    def _run_box(self) -> QGroupBox:
        from gdstudio.core.optimizers import OPTIMIZERS
        from gdstudio.core.schedules import SCHEDULES

        box = QGroupBox(self.tr("Selected run"))
        self.run_form = form = QFormLayout(box)
        self.label_edit = QLineEdit()
        self.optimizer = QComboBox()
        self.optimizer.addItems(list(OPTIMIZERS))
        self.lr = LogSlider()
        self.hyper_form = QFormLayout()
        self.hyper_edits: dict[str, QLineEdit] = {}
        self.steps = QSpinBox()
        self.steps.setRange(0, 10_000_000)
        self.steps.setKeyboardTracking(False)
        self.start_x, self.start_y = QDoubleSpinBox(), QDoubleSpinBox()
        start = QHBoxLayout()
        for s in (self.start_x, self.start_y):
            s.setRange(-1e6, 1e6)
            s.setDecimals(4)
            s.setSingleStep(0.1)
            s.setKeyboardTracking(False)
            start.addWidget(s)
        self.batch = QSpinBox()
        self.batch.setRange(0, 1_000_000)
        self.batch.setSpecialValueText(self.tr("full batch"))
        self.batch.setKeyboardTracking(False)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        self.schedule_kind = QComboBox()
        self.schedule_kind.addItem(self.tr("none"), None)
        for k in SCHEDULES:
            self.schedule_kind.addItem(k, k)
        self.schedule_params = QLineEdit()
        self.schedule_params.setPlaceholderText(self.tr("e.g. %1").replace(
            "%1", "base_lr = 0.001, max_lr = 0.05"))
        self.stop_edit = QLineEdit()
        self.stop_edit.setPlaceholderText(self.tr("e.g. %1").replace(
            "%1", "patience = 20, min_lr = 1e-6"))
        self.swa_edit = QLineEdit()
        self.swa_edit.setPlaceholderText(self.tr("e.g. %1").replace(
            "%1", "start = 150, every = 10"))
        form.addRow(self.tr("Label"), self.label_edit)
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.hyper_form)
        form.addRow(self.tr("Steps"), self.steps)
        form.addRow(self.tr("Start"), start)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Schedule"), self.schedule_kind)
        form.addRow("  " + self.tr("parameters"), self.schedule_params)
        form.addRow(self.tr("Stop rules"), self.stop_edit)
        form.addRow(self.tr("SWA"), self.swa_edit)
        self.label_edit.editingFinished.connect(
            lambda: self._edit_run(label=self.label_edit.text().strip() or None))
        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        self.lr.valueChanged.connect(lambda v: self._edit_run(lr=v))
        self.steps.valueChanged.connect(lambda v: self._edit_run(steps=v))
        self.start_x.valueChanged.connect(self._on_start)
        self.start_y.valueChanged.connect(self._on_start)
        self.batch.valueChanged.connect(lambda v: self._edit_run(batch_size=v or None))
        self.seed.valueChanged.connect(lambda v: self._edit_run(seed=v))
        self.schedule_kind.currentIndexChanged.connect(self._on_schedule)
        self.schedule_params.editingFinished.connect(self._on_schedule)
        self.stop_edit.editingFinished.connect(lambda: self._on_table("stop", self.stop_edit))
        self.swa_edit.editingFinished.connect(lambda: self._on_table("swa", self.swa_edit))
        return box

    # -- filling from the model ----------------------------------------------------
    def _on_scene(self, scene) -> None:
        self._loading = True
        try:
            s = self.model.raw.get("surface", {})
            i = self.surface_combo.findData(s.get("builtin"))
            self.surface_combo.setCurrentIndex(i if i >= 0 else self.surface_combo.count() - 1)
            surface = self.model.surface
            if surface is not None:
                if self.formula.text() != surface.expr and not self.formula.hasFocus():
                    self.formula.setText(surface.expr)
                self.description.setText(surface_description(surface.description or ""))
                for box, v in zip(self.bounds, (*surface.bounds[0], *surface.bounds[1]),
                                  strict=True):
                    box.setValue(v)
                self.xbounds_label.setText(self.tr("%1 range").replace("%1", surface.params[0]))
                self.ybounds_label.setText(self.tr("%1 range").replace("%1", surface.params[1]))
            self.runs_list.clear()
            for g, spec in enumerate(scene.runs):
                starts = self.tr("(%1 starts)").replace("%1", str(spec.size))
                item = QListWidgetItem(swatch(group_color(g, spec.color)),
                                       spec.label + ("  " + starts if spec.swarm else ""))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked if g in self.model.hidden
                                   else Qt.CheckState.Checked)
                item.setToolTip(self.tr("Untick to hide this run"))
                self.runs_list.addItem(item)
            self.runs_list.setCurrentRow(self.model.selected)
        finally:
            self._loading = False
        self._fill_run()

    def _fill_run(self) -> None:
        from gdstudio.core.optimizers import OPTIMIZERS

        scene = self.model.scene
        if scene is None or not scene.runs:
            return
        g = min(self.model.selected, len(scene.runs) - 1)
        spec = scene.runs[g]
        raw = self.model.raw.get("run", [])[g]
        self._loading = True
        try:
            if self.runs_list.currentRow() != g:
                self.runs_list.setCurrentRow(g)
            self.label_edit.setText(spec.label)
            self.optimizer.setCurrentText(spec.optimizer)
            odef = OPTIMIZERS[spec.optimizer]
            self.lr.set_value(float(spec.hyper.get("lr", odef.defaults["lr"])))
            while self.hyper_form.rowCount():
                self.hyper_form.removeRow(0)
            self.hyper_edits = {}
            for key, default in odef.defaults.items():
                if key == "lr":
                    continue
                edit = QLineEdit()
                edit.setPlaceholderText(self.tr("%1 (default)").replace("%1", toml_value(default)))
                if key in spec.hyper:
                    edit.setText(toml_value(spec.hyper[key]))
                edit.editingFinished.connect(lambda k=key, e=edit: self._on_hyper(k, e))
                self.hyper_form.addRow(f"  {key}", edit)
                self.hyper_edits[key] = edit
            self.steps.setValue(spec.steps)
            swarm = spec.swarm
            self.start_x.setEnabled(not swarm)
            self.start_y.setEnabled(not swarm)
            if not swarm:
                self.start_x.setValue(float(spec.starts[0, 0]))
                self.start_y.setValue(float(spec.starts[0, 1]))
            self.batch.setValue(spec.batch_size or 0)
            self.seed.setValue(spec.seed)
            sched = raw.get("schedule") or self.model.raw.get("defaults", {}).get("schedule") \
                or spec.schedule or {}
            i = self.schedule_kind.findData(sched.get("kind"))
            self.schedule_kind.setCurrentIndex(max(i, 0))
            self.schedule_params.setText(table_text(sched, skip=("kind",)))
            self.stop_edit.setText(table_text(raw.get("stop")))
            self.swa_edit.setText(table_text(raw.get("swa")))
        finally:
            self._loading = False

    def _on_problems(self, problems: list[str]) -> None:
        self.problems.setText("\n".join(problems))

    # -- edits ---------------------------------------------------------------------
    def _edit_run(self, **changes: Any) -> None:
        if self._loading or not self.model.raw.get("run"):
            return
        self.model.edit_run(self.model.selected, **changes)

    def _set_local_problem(self, text: str) -> None:
        self.problems.setText(text)

    def _on_row(self, row: int) -> None:
        if not self._loading and row >= 0:
            self.model.select(row)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        g = self.runs_list.row(item)
        self.model.set_hidden(g, item.checkState() != Qt.CheckState.Checked)

    def _on_optimizer(self) -> None:
        if self._loading:
            return
        from gdstudio.core.optimizers import OPTIMIZERS

        name = self.optimizer.currentText()
        raw = copy.deepcopy(self.model.raw)
        run = raw["run"][self.model.selected]
        keep = set(OPTIMIZERS[name].defaults)
        for key in list(run):
            if key in OPTIMIZERS[run.get("optimizer", name)].defaults and key not in keep:
                run.pop(key)
        run["optimizer"] = name
        self.model.edit(raw)

    def _on_hyper(self, key: str, edit: QLineEdit) -> None:
        text = edit.text().strip()
        if not text:
            self._edit_run(**{key: None})
            return
        try:
            value = parse_value(text)
        except ValueError as e:
            self._set_local_problem(f"{key}: {localize_error(e)}")
            return
        self._edit_run(**{key: value})

    def _on_start(self) -> None:
        self._edit_run(start=[round(self.start_x.value(), 4), round(self.start_y.value(), 4)])

    def _on_schedule(self) -> None:
        if self._loading:
            return
        kind = self.schedule_kind.currentData()
        if kind is None:
            self._edit_run(schedule=None)
            return
        try:
            params = parse_table(self.schedule_params.text())
        except ValueError as e:
            self._set_local_problem(f"schedule: {localize_error(e)}")
            return
        self._edit_run(schedule={"kind": kind, **params})

    def _on_table(self, key: str, edit: QLineEdit) -> None:
        try:
            table = parse_table(edit.text())
        except ValueError as e:
            self._set_local_problem(f"{key}: {localize_error(e)}")
            return
        self._edit_run(**{key: table or None})

    def _on_builtin(self) -> None:
        if self._loading:
            return
        name = self.surface_combo.currentData()
        raw = copy.deepcopy(self.model.raw)
        if name is None:
            surface = self.model.surface
            raw["surface"] = {"expr": self.formula.text() or surface.expr,
                              "bounds": [list(surface.bounds[0]), list(surface.bounds[1])]}
        else:
            raw["surface"] = {"builtin": name}
        self.model.edit(raw)

    def _apply_formula(self) -> None:
        """Compile the typed formula (debounced); show an error inline, keep the old one."""
        from gdstudio.core.formula import compile_formula

        text = self.formula.text()
        s = self.model.raw.get("surface", {})
        params = tuple(s.get("params", ("x", "y")))
        try:
            compile_formula(text, params=params)
        except GdError as e:
            formula = isinstance(e, FormulaError)
            col = e.col if formula else None
            lines = [localize(e.message) if formula else localize_error(e)]
            if col is not None:
                lines += ["  " + text, "  " + " " * col + "^"]
            self.formula_error.setText("\n".join(lines))
            self.formula_error.setToolTip(localize(e.hint) if formula else "")
            self.formula_error.show()
            if col is not None and not self.formula.hasSelectedText():
                self.formula.setCursorPosition(max(0, min(col, len(text))))
            return
        self.formula_error.hide()
        self.formula_error.setText("")
        raw = copy.deepcopy(self.model.raw)
        surface = self.model.surface
        new = {"expr": text}
        bounds = s.get("bounds")
        if bounds is None and surface is not None:
            bounds = [list(surface.bounds[0]), list(surface.bounds[1])]
        if bounds is not None:
            new["bounds"] = bounds
        if "params" in s:
            new["params"] = s["params"]
        if "data" in s:
            new["data"] = s["data"]
        raw["surface"] = new
        self.model.edit(raw)

    def _apply_bounds(self) -> None:
        if self._loading:
            return
        v = [b.value() for b in self.bounds]
        raw = copy.deepcopy(self.model.raw)
        raw.setdefault("surface", {})["bounds"] = [v[:2], v[2:]]
        self.model.edit(raw)

    # -- runs ----------------------------------------------------------------------
    def _unique_label(self, stem: str) -> str:
        labels = {r.get("label") for r in self.model.raw.get("run", [])}
        labels |= {r.label for r in (self.model.scene.runs if self.model.scene else [])}
        if stem not in labels:
            return stem
        n = 2
        while f"{stem} {n}" in labels:
            n += 1
        return f"{stem} {n}"

    def add_run(self) -> None:
        raw = copy.deepcopy(self.model.raw)
        runs = raw.setdefault("run", [])
        run: dict[str, Any] = {"label": self._unique_label("SGD"), "optimizer": "sgd"}
        if "start" not in raw.get("defaults", {}):
            surface = self.model.surface
            (x0, x1), (y0, y1) = surface.bounds
            run["start"] = [round(x0 + 0.2 * (x1 - x0), 4), round(y0 + 0.8 * (y1 - y0), 4)]
        runs.append(run)
        if self.model.edit(raw):
            self.model.select(len(runs) - 1)

    def duplicate_run(self) -> None:
        raw = copy.deepcopy(self.model.raw)
        runs = raw.get("run", [])
        if not runs:
            return
        run = copy.deepcopy(runs[self.model.selected])
        scene = self.model.scene
        stem = scene.runs[self.model.selected].label if scene else run.get("label", "run")
        run["label"] = self._unique_label(stem)
        run.pop("color", None)
        runs.insert(self.model.selected + 1, run)
        if self.model.edit(raw):
            self.model.select(self.model.selected + 1)

    def remove_run(self) -> None:
        raw = copy.deepcopy(self.model.raw)
        runs = raw.get("run", [])
        if len(runs) <= 1:
            self._set_local_problem(self.tr("A scene needs at least one run."))
            return
        runs.pop(self.model.selected)
        self.model.edit(raw)
        self.model.select(min(self.model.selected, len(runs) - 1))

    def pick_color(self) -> None:
        scene = self.model.scene
        if scene is None or not scene.runs:
            return
        g = self.model.selected
        c = QColorDialog.getColor(group_color(g, scene.runs[g].color), self,
                                  self.tr("Run colour"))
        if c.isValid():
            self.set_color(c)

    def set_color(self, c: QColor) -> None:
        self._edit_run(color=c.name())
