"""The parameter dock: edits the scene (a plain dict) and nothing else.

Every edit is a function of ``core/scene_edits.py`` applied through the session, one
undoable step per committed value (Enter, leaving a field, a click), and validated by the
core's ``scene_from_dict``: the problems shown are the command line's own messages (in
the interface language), and an edit that does not validate leaves the last good scene
on screen.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
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
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core import scene_edits
from gdstudio.core.errors import FormulaError, GdError, Msg
from gdstudio.core.scene import toml_problem
from gdstudio.core.values import show
from gdstudio.gui.draw.palette import group_color, swatch
from gdstudio.gui.state import settings
from gdstudio.gui.text.core_text import localize, localize_error, surface_description
from gdstudio.gui.text.i18n import Phrase

GRID_ITEM = "(grid)"
"""Data of the Built-in combo's entry for a grid surface (no built-in has this name)."""

CHANGE = QT_TRANSLATE_NOOP("ParamDock", "change %1")
CHANGE_AT = QT_TRANSLATE_NOOP("ParamDock", "change %1 at step %2")
SWITCH_AT = QT_TRANSLATE_NOOP("ParamDock", "switch to %1 at step %2")
"""The name of an edit of the keys ``%1`` in the undo history."""

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
    """A TOML value typed in a box ("0.9", "[0.9, 0.999]", "true", '"strong_wolfe"'); a
    bare word is taken as the string it spells (strong_wolfe), as a user types a name;
    ValueError if neither."""
    try:
        return tomllib.loads("v = " + text.strip())["v"]
    except tomllib.TOMLDecodeError as e:
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text.strip()):
            return text.strip()
        raise ValueError(Msg("not a value: {text} ({error})", text=show(text),
                             error=toml_problem(e))) from None


def keep_table(old: dict[str, Any], values: dict[str, Any],
               defaults: dict[str, Any]) -> dict[str, Any]:
    """A table from field ``values`` (None: absent): keys ``old`` had are kept, others are
    written only where they differ from ``defaults``, so an untouched scene saves as it
    was."""
    return {k: v for k, v in values.items()
            if v is not None and (k in old or v != defaults.get(k))}


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
        self._value: float | None = None

    def set_value(self, v: float) -> None:
        self._value = v
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
        if not self.slider.isSliderDown() and v != self._value:  # dragging: only the box
            self._value = v
            self.valueChanged.emit(v)

    def _on_box(self) -> None:
        v = self.value()
        if v is not None:
            changed = v != self._value
            self.set_value(v)
            if changed:
                self.valueChanged.emit(v)


class NumberEdit(QLineEdit):
    """A real number typed as text ("0.001", "1e-6"); empty means the value in the
    placeholder (a default, or "off")."""

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)

    def set_number(self, v: float | None) -> None:
        self.setText("" if v is None else toml_value(v))

    def number(self) -> float | int | None:
        """The typed number, None when empty; ValueError (a core Msg) if it is not one."""
        text = self.text().strip()
        if not text:
            return None
        v = parse_value(text)
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise ValueError(Msg("expected a number, got {value}", value=text))
        return v


def shown(v: Any) -> str:
    """A default as the dock shows it: floats to 6 significant digits (1/3 is 0.333333)."""
    return f"{v:.6g}" if isinstance(v, float) else toml_value(v)


def int_box(low: int, special: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, 10_000_000)
    box.setKeyboardTracking(False)
    if special:
        box.setSpecialValueText(special)
    return box


def schedule_fill(kind: str, steps: int, lr: float) -> dict[str, Any]:
    """Valid values for the keys of ``kind`` that torch gives no default, sized to the run:
    choosing a kind in the dock shows a working schedule at once."""
    quarter = max(1, steps // 4)
    gamma = float(f"{0.01 ** (1 / max(steps, 1)):.4g}")
    warm = max(1, steps // 10)
    warmup = {"kind": "linear", "start_factor": 0.1, "total_iters": warm}
    fills = {
        "step": {"step_size": quarter},
        "multistep": {"milestones": sorted({max(1, steps // 3), max(2, 2 * steps // 3)})},
        "exponential": {"gamma": gamma},
        "multiplicative": {"factor": gamma},
        "sequential": {"schedules": [warmup, {"kind": "cosine", "T_max": max(1, steps - warm)}],
                       "milestones": [warm]},
        "chained": {"schedules": [warmup, {"kind": "exponential", "gamma": gamma}]},
        "cosine_restarts": {"T_0": quarter},
        "cyclic": {"base_lr": float(f"{lr / 10:.3g}"), "max_lr": lr},
        "onecycle": {"max_lr": lr},
    }
    return dict(fills.get(kind, {}))


class ScheduleFields(QWidget):
    """The labelled fields of one schedule kind, built from the core's ScheduleDef: spin
    boxes for counts, number boxes for reals, combos for choices, check boxes for
    switches and a comma list for milestones, each showing torch's default."""

    committed = Signal()     # a value was entered (Enter, focus out, a click)
    typed = Signal()         # the text of a field changed (validate, do not commit)

    def __init__(self, kind: str, parent: QWidget | None = None):
        from gdstudio.core.schedules import SCHEDULES

        super().__init__(parent)
        self.kind = kind
        self.spec = SCHEDULES[kind]
        form = QFormLayout(self)
        form.setContentsMargins(12, 0, 0, 0)
        self.fields: dict[str, QWidget] = {}
        self.kept: dict[str, Any] = {}      # values shown, not edited here (a chain's tables)
        derived = {"T_max": self.tr("the run's steps"), "total_steps": self.tr("the run's steps"),
                   "step_size_down": self.tr("= step_size_up"),
                   "scale_mode": self.tr("from mode")}
        for key, what in self.spec.kinds.items():
            default = self.spec.defaults.get(key)
            required = key in self.spec.required
            if isinstance(what, tuple):
                w = QComboBox()
                if default is None:
                    w.addItem(derived[key], None)
                for choice in what:
                    w.addItem(choice, choice)
                w.currentIndexChanged.connect(lambda _i: self.committed.emit())
            elif what == "bool":
                w = QCheckBox()
                w.toggled.connect(lambda _on: self.committed.emit())
            elif what == "int":
                if default is None and not required:
                    w = int_box(-1 if key == "step_size_down" else 0, derived[key])
                else:
                    w = int_box(0)
                w.valueChanged.connect(lambda _v: self.committed.emit())
                w.lineEdit().textEdited.connect(lambda _t: self.typed.emit())
            elif what == "tables":
                w = QLabel(self.tr("a list of schedule tables: edit in the scene file"))
                w.setWordWrap(True)
            elif what == "ints":
                w = QLineEdit()
                w.setPlaceholderText(self.tr("steps, e.g. %1").replace("%1", "300, 600"))
            else:
                w = NumberEdit(self.tr("required") if required else
                               self.tr("%1 (default)").replace("%1", shown(default)))
            if isinstance(w, QLineEdit):
                w.editingFinished.connect(self.committed.emit)
                w.textEdited.connect(lambda _t: self.typed.emit())
            w.setObjectName(f"schedule.{kind}.{key}")
            if default is not None:
                w.setToolTip(self.tr("torch's default: %1").replace("%1", shown(default)))
            form.addRow(key, w)
            self.fields[key] = w

    def set_table(self, table: dict[str, Any]) -> None:
        """Show ``table``'s values; keys it lacks show torch's default."""
        for key, w in self.fields.items():
            v = table.get(key, self.spec.defaults.get(key))
            w.blockSignals(True)
            if isinstance(w, QComboBox):
                w.setCurrentIndex(max(w.findData(v), 0))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(v))
            elif isinstance(w, QSpinBox):
                w.setValue(w.minimum() if v is None else int(v))
            elif isinstance(w, NumberEdit):
                w.set_number(table.get(key))
            elif isinstance(w, QLabel):
                self.kept[key] = v
            else:
                w.setText(", ".join(str(m) for m in v or []))
            w.blockSignals(False)

    def value(self, key: str) -> Any:
        """The value of ``key`` as entered (None: torch's default or derived); ValueError
        if the text is not a value."""
        w = self.fields[key]
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):     # the text as typed: the value follows on Enter
            derived = self.spec.defaults.get(key, 0) is None
            text = w.cleanText().strip()
            if not text or (derived and w.text() == w.specialValueText()):
                return None
            try:
                v = int(text)
            except ValueError:
                raise ValueError(Msg("expected a whole number, got {value}",
                                     value=text)) from None
            return None if derived and v == w.minimum() else v
        if isinstance(w, NumberEdit):
            return w.number()
        text = w.text().strip()
        if not text:
            return []
        try:
            return [int(t) for t in text.split(",")]
        except ValueError:
            raise ValueError(Msg("expected whole numbers separated by commas, got {value}",
                                 value=text)) from None

    def table(self, old: dict[str, Any]) -> dict[str, Any]:
        """The ``[run.schedule]`` table: ``old``'s keys kept, others only where they differ
        from torch's default. ValueError ("key: message") for text that is not a value."""
        out: dict[str, Any] = {"kind": self.kind}
        for key in self.fields:
            if isinstance(self.fields[key], QLabel):
                if self.kept.get(key) is not None:
                    out[key] = self.kept[key]
                continue
            try:
                v = self.value(key)
            except ValueError as e:
                raise ValueError(f"{key}: {localize_error(e)}") from None
            if v is None:
                continue
            if key in old or key in self.spec.required or v != self.spec.defaults.get(key):
                out[key] = v
        return out


class ParamDock(QDockWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scene"))
        self.setObjectName("paramDock")
        self.session = session
        self.model = model = session.model
        self._formula_typing = 0         # typing in the formula: one undo step
        self._formula_timer = QTimer(self)      # typing in the formula: compile after a pause
        self._formula_timer.setSingleShot(True)
        self._formula_timer.setInterval(DEBOUNCE_MS)
        self._formula_timer.timeout.connect(self._compile_formula)
        self._loading = False
        self._hyper_for: str | None = None
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

        model.sceneChanged.connect(self._on_scene)
        model.problemsChanged.connect(self._on_problems)
        model.selectedChanged.connect(self._on_selected)
        self._shown: tuple[str, dict[str, Any]] | None = None
        session.playback.frame.connect(self._on_cursor)
        for field in self.findChildren(QLineEdit) + self.findChildren(QDoubleSpinBox) \
                + self.findChildren(QSpinBox):
            self._entered_on_finish(field)

        if model.scene is not None:             # built on a session in use
            self._on_scene(model.scene)
            self._on_problems(model.problems)

    def view_state(self) -> dict:
        """The text of the dock's text fields, by field: a dock built on the same session
        shows the scene's values, so the fields that differ hold what the user typed and
        the scene does not (a formula or a value that does not parse, one not entered)."""
        return {"typed": {name: box.text() for name, box in self._text_fields().items()
                          if box.isEnabled()}}

    def restore_view_state(self, state: dict) -> None:
        """Show typed text again where it differs from the scene, still to be entered; a
        formula is checked at once (its problem shown in this dock's language)."""
        fields = self._text_fields()
        for name, text in state.get("typed", {}).items():
            box = fields.get(name)
            if box is None or box.text() == text:
                continue
            box.setText(text)
            box.setModified(True)
            if box is self.formula:
                self._compile_formula()

    def _text_fields(self) -> dict[str, QLineEdit]:
        fields = {"formula": self.formula, "label": self.label_edit, "lr": self.lr.box}
        fields.update({f"hyper.{key}": box for key, box in self.hyper_edits.items()})
        return fields

    def _on_selected(self, _index: int) -> None:
        self._fill_run()

    def _entered_on_finish(self, field: QWidget) -> None:
        """Once a field's value is entered its text counts as unmodified (see
        :meth:`eventFilter`)."""
        edit = field.lineEdit() if isinstance(field, QDoubleSpinBox | QSpinBox) else field
        field.editingFinished.connect(lambda: edit.setModified(False))
        field.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Ctrl+Z in a field whose text is entered undoes the last scene edit; while the
        text is being typed it undoes the typing, as in any text box."""
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or event.keyCombination().toCombined() == QKeySequence("Ctrl+Shift+Z")[0]
                .toCombined()):
            edit = obj.lineEdit() if isinstance(obj, QDoubleSpinBox | QSpinBox) else obj
            if isinstance(edit, QLineEdit) and not edit.isModified():
                event.ignore()
                return True
        return super().eventFilter(obj, event)

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
        self.formula.textEdited.connect(lambda _text: self._formula_timer.start())
        self.formula.editingFinished.connect(self._end_formula_typing)
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
        self.schedule_kind.setObjectName("scheduleKind")
        self.schedule_kind.addItem(self.tr("none"), None)
        for k in SCHEDULES:
            self.schedule_kind.addItem(k, k)
            self.schedule_kind.setItemData(self.schedule_kind.count() - 1,
                                           f"torch.optim.lr_scheduler.{SCHEDULES[k].torch_name}",
                                           Qt.ItemDataRole.ToolTipRole)
        self.schedule_pages: dict[str, ScheduleFields] = {}
        schedule_box = QWidget()
        schedule_lay = QVBoxLayout(schedule_box)
        schedule_lay.setContentsMargins(0, 0, 0, 0)
        for k in SCHEDULES:
            page = ScheduleFields(k)
            page.hide()
            page.committed.connect(self._on_schedule_field)
            page.typed.connect(self._check_schedule_fields)
            schedule_lay.addWidget(page)
            self.schedule_pages[k] = page
        self.schedule_error = QLabel("")
        self.schedule_error.setObjectName("scheduleError")
        self.schedule_error.setStyleSheet(ERROR_STYLE)
        self.schedule_error.setWordWrap(True)
        self.schedule_error.hide()
        schedule_lay.addWidget(self.schedule_error)
        self.patience = int_box(0, self.tr("off"))
        self.patience.setObjectName("stop.patience")
        self.min_delta = NumberEdit(self.tr("%1 (default)").replace("%1", shown(0.0)))
        self.min_delta.setObjectName("stop.min_delta")
        self.min_lr = NumberEdit(self.tr("off"))
        self.min_lr.setObjectName("stop.min_lr")
        self.swa_start = int_box(0, self.tr("off"))
        self.swa_start.setObjectName("swa.start")
        self.swa_every = int_box(1)
        self.swa_every.setObjectName("swa.every")
        self.swa_lr = NumberEdit(self.tr("off (the schedule's lr)"))
        self.swa_lr.setObjectName("swa.lr")
        self.patience.setToolTip(self.tr("Stop once the loss has not improved by more than "
                                         "min_delta for this many steps"))
        self.min_lr.setToolTip(self.tr("Stop once the schedule sets a learning rate below this"))
        self.swa_start.setToolTip(self.tr("Average the weights from this step on "
                                          "(stochastic weight averaging)"))
        form.addRow(self.tr("Label"), self.label_edit)
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.hyper_form)
        form.addRow(self.tr("Steps"), self.steps)
        form.addRow(self.tr("Start"), start)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Schedule"), self.schedule_kind)
        form.addRow(schedule_box)
        form.addRow(QLabel(self.tr("Stop rules")))
        form.addRow("  patience", self.patience)
        form.addRow("  min_delta", self.min_delta)
        form.addRow("  min_lr", self.min_lr)
        form.addRow(QLabel(self.tr("SWA")))
        form.addRow("  start", self.swa_start)
        form.addRow("  every", self.swa_every)
        form.addRow("  lr", self.swa_lr)
        self.label_edit.editingFinished.connect(
            lambda: self._edit_run(label=self.label_edit.text().strip() or None))
        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        self.lr.valueChanged.connect(lambda v: self._edit_hyper("lr", v))
        self.steps.valueChanged.connect(lambda v: self._edit_run(steps=v))
        self.start_x.valueChanged.connect(self._on_start)
        self.start_y.valueChanged.connect(self._on_start)
        self.batch.valueChanged.connect(lambda v: self._edit_run(batch_size=v or None))
        self.seed.valueChanged.connect(lambda v: self._edit_run(seed=v))
        self.schedule_kind.currentIndexChanged.connect(self._on_schedule_kind)
        for spin in (self.patience, self.swa_start, self.swa_every):
            spin.valueChanged.connect(self._on_stop_swa)
        for edit in (self.min_delta, self.min_lr, self.swa_lr):
            edit.editingFinished.connect(self._on_stop_swa)
        return box

    # -- filling from the model ----------------------------------------------------
    def _on_scene(self, scene) -> None:
        self._loading = True
        try:
            s = self.model.raw.get("surface", {})
            grid = s.get("grid") if isinstance(s.get("grid"), str) else None
            self._show_grid_item(grid)
            i = self.surface_combo.findData(GRID_ITEM if grid else s.get("builtin"))
            self.surface_combo.setCurrentIndex(i if i >= 0 else self.surface_combo.count() - 1)
            self.formula.setEnabled(grid is None)
            surface = self.model.surface
            if surface is not None:
                expr = localize(surface.expr) if grid else surface.expr
                if self.formula.text() != expr and (
                        self.session.restoring or not self.formula.hasFocus()):
                    self.formula.setText(expr)
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
        name, hyper = self._shown = self._shown_hyper()
        self._loading = True
        try:
            if self.runs_list.currentRow() != g:
                self.runs_list.setCurrentRow(g)
            self.label_edit.setText(spec.label)
            self.optimizer.setCurrentText(name)
            odef = OPTIMIZERS[name]
            self.lr.set_value(float(hyper.get("lr", odef.defaults["lr"])))
            if self._hyper_for != name:              # a field is never deleted under the
                self._build_hyper(odef.defaults)     # key press that edited it
                self._hyper_for = name
            for key, edit in self.hyper_edits.items():
                edit.setText(toml_value(hyper[key]) if key in hyper else "")
            self.steps.setValue(spec.steps)
            swarm = spec.swarm
            self.start_x.setEnabled(not swarm)
            self.start_y.setEnabled(not swarm)
            if not swarm:
                self.start_x.setValue(float(spec.starts[0, 0]))
                self.start_y.setValue(float(spec.starts[0, 1]))
            self.batch.setValue(spec.batch_size or 0)
            self.seed.setValue(spec.seed)
            sched = self._schedule_raw()
            i = self.schedule_kind.findData(sched.get("kind"))
            self.schedule_kind.setCurrentIndex(max(i, 0))
            self._show_schedule_page(sched)
            stop, swa = self._inherited("stop"), self._inherited("swa")
            self.patience.setValue(int(stop.get("patience", 0)))
            self.min_delta.set_number(stop.get("min_delta"))
            self.min_lr.set_number(stop.get("min_lr"))
            self.swa_start.setValue(int(swa.get("start", 0)))
            self.swa_every.setValue(int(swa.get("every", 1)))
            self.swa_lr.set_number(swa.get("lr"))
            self._enable_stop_swa()
        finally:
            self._loading = False

    def _build_hyper(self, defaults: dict[str, Any]) -> None:
        while self.hyper_form.rowCount():
            self.hyper_form.removeRow(0)
        self.hyper_edits = {}
        for key, default in defaults.items():
            if key == "lr":
                continue
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("%1 (default)").replace("%1", toml_value(default)))
            edit.editingFinished.connect(lambda k=key, e=edit: self._on_hyper(k, e))
            self._entered_on_finish(edit)
            self.hyper_form.addRow(f"  {key}", edit)
            self.hyper_edits[key] = edit

    def _inherited(self, key: str) -> dict[str, Any]:
        """The selected run's table ``key`` (its own, else ``[defaults]``'s)."""
        runs = self.model.raw.get("run", [])
        run = runs[self.model.selected] if runs else {}
        return dict(run.get(key) or self.model.raw.get("defaults", {}).get(key) or {})

    def _schedule_raw(self) -> dict[str, Any]:
        return self._inherited("schedule")

    def _show_schedule_page(self, table: dict[str, Any]) -> None:
        kind = table.get("kind")
        for k, page in self.schedule_pages.items():
            page.setVisible(k == kind)
        if kind in self.schedule_pages:
            self.schedule_pages[kind].set_table(table)
        self._show_schedule_problems([])

    def _show_schedule_problems(self, lines: list[str]) -> None:
        self.schedule_error.setText("\n".join(lines))
        self.schedule_error.setVisible(bool(lines))

    def _run_context(self):
        """The selected run's (spec, optimizer) the schedule is checked against."""
        from gdstudio.core.optimizers import make_optimizer

        scene = self.model.scene
        spec = scene.runs[min(self.model.selected, len(scene.runs) - 1)]
        return spec, make_optimizer(spec.optimizer, **spec.hyper)

    def _schedule_table(self) -> dict[str, Any] | None:
        """The table the fields show, checked by the core; None (problems shown) if bad."""
        from gdstudio.core.schedules import check_schedule

        page = self.schedule_pages.get(self.schedule_kind.currentData())
        if page is None or self.model.scene is None:
            return None
        try:
            table = page.table(self._schedule_raw())
        except ValueError as e:
            self._show_schedule_problems([str(e)])
            return None
        spec, opt = self._run_context()
        problems = check_schedule(table, base_lr=float(opt.hp["lr"]), steps=spec.steps,
                                  optimizer=opt)
        self._show_schedule_problems([f"{key}: {localize(msg)}" for key, msg in problems])
        return None if problems else table

    def _check_schedule_fields(self) -> None:
        if not self._loading:
            self._schedule_table()

    def _on_schedule_field(self) -> None:
        if self._loading:
            return
        table = self._schedule_table()
        if table is not None:
            self._edit_run(schedule=table)

    def _on_schedule_kind(self) -> None:
        if self._loading:
            return
        kind = self.schedule_kind.currentData()
        if kind is None:
            self._show_schedule_page({})
            self._edit_run(schedule=None)
            return
        old = self._schedule_raw()
        if old.get("kind") != kind:
            spec, opt = self._run_context()
            old = {"kind": kind, **schedule_fill(kind, spec.steps, float(opt.hp["lr"]))}
        self._loading = True
        try:
            self._show_schedule_page(old)
        finally:
            self._loading = False
        table = self._schedule_table()
        if table is not None:
            self._edit_run(schedule=table)

    def _enable_stop_swa(self) -> None:
        self.min_delta.setEnabled(self.patience.value() > 0)
        on = self.swa_start.value() > 0
        self.swa_every.setEnabled(on)
        self.swa_lr.setEnabled(on)

    def _on_stop_swa(self) -> None:
        """Write ``[run.stop]`` and ``[run.swa]`` from their fields (a field left at its
        default is written only if the table already had it)."""
        if self._loading:
            return
        self._enable_stop_swa()
        try:
            min_delta, min_lr, swa_lr = (e.number() for e in
                                         (self.min_delta, self.min_lr, self.swa_lr))
        except ValueError as e:
            self._set_local_problem(localize_error(e))
            return
        patience, start = self.patience.value() or None, self.swa_start.value() or None
        stop = keep_table(self._inherited("stop"), {
            "patience": patience, "min_delta": min_delta if patience else None,
            "min_lr": min_lr}, {"min_delta": 0.0})
        swa = keep_table(self._inherited("swa"), {
            "start": start, "every": self.swa_every.value(), "lr": swa_lr}, {"every": 1})
        self._edit_run(stop=stop or None, swa=swa if start else None)

    def _on_problems(self, problems: list[str]) -> None:
        self.problems.setText("\n".join(problems))

    # -- edits ---------------------------------------------------------------------
    def _edit_run(self, **changes: Any) -> None:
        """Set keys of the selected ``[[run]]`` (None removes one). A value equal to the one
        the run already has (its own or ``[defaults]``'s) changes nothing: no edit, no
        restart of the runs."""
        if self._loading or not self.model.raw.get("run"):
            return
        run = self.model.raw["run"][self.model.selected]
        inherited = self.model.raw.get("defaults", {})
        changes = {k: v for k, v in changes.items()
                   if ((k in run) if v is None else run.get(k, inherited.get(k)) != v)}
        if changes:
            self.session.edit(Phrase("ParamDock", CHANGE, ", ".join(changes)),
                              scene_edits.set_run_keys, self.model.selected, **changes)

    # -- forks -----------------------------------------------------------------------
    def _fork_step(self) -> int:
        """The step an optimizer or hyperparameter edit forks the selected run at: the
        cursor, when edits fork (the setting) and the run goes on past it; else 0 (the
        edit changes the run from its start and every run restarts), also at step 0 and
        once the run has ended (at its last step, diverged or stopped): nothing is left
        to fork there."""
        pb = self.session.playback
        g, t = self.model.selected, pb.cursor
        if not settings.fork_edits() or pb.state in ("empty", "error") \
                or pb.scene is not self.model.scene or g >= len(pb.groups) \
                or not 0 < t < pb.scene.runs[g].steps \
                or all(pb.status(i, t) is not None for i in pb.groups[g]):
            return 0
        return t

    def _shown_hyper(self) -> tuple[str, dict[str, Any]]:
        """The selected run's optimizer and hyperparameters the fields show: those in
        force at the cursor when edits fork there, else the run's own."""
        from gdstudio.core.scene import hyper_at

        scene = self.model.scene
        spec = scene.runs[min(self.model.selected, len(scene.runs) - 1)]
        t = self._fork_step()
        return hyper_at(spec, t) if t else (spec.optimizer, dict(spec.hyper))

    def _on_cursor(self) -> None:
        """Moving the cursor across a change of the selected run shows the values in
        force there (a run without changes shows its own values at every step: nothing
        to look up each frame)."""
        scene = self.model.scene
        if scene is None or not scene.runs:
            return
        spec = scene.runs[min(self.model.selected, len(scene.runs) - 1)]
        if not spec.changes and self._shown == (spec.optimizer, spec.hyper):
            return
        shown = self._shown_hyper()
        if shown != self._shown:
            self._shown = shown
            self._fill_run()

    def _edit_hyper(self, key: str, value: Any) -> None:
        """Set hyperparameter ``key`` (None: its default) of the selected run: forked at
        the cursor (see :meth:`_fork_step`), or for the whole run."""
        from gdstudio.core.optimizers import OPTIMIZERS

        at = self._fork_step()
        if self._loading or not at:
            self._edit_run(**{key: value})
            return
        name, hyper = self._shown_hyper()
        if value is None:
            value = OPTIMIZERS[name].defaults.get(key)
        if value == hyper.get(key, OPTIMIZERS[name].defaults.get(key)):
            return
        raw = scene_edits.fork_run(self.model.raw, self.model.selected, at, **{key: value})
        self._apply_fork(Phrase("ParamDock", CHANGE_AT, key, at), raw, at, {key: value})

    def _fork_optimizer(self, name: str) -> None:
        """Switch the selected run to a fresh optimizer ``name`` at the cursor; the
        hyperparameters in force that it takes carry over (not ``lr`` under a schedule,
        which sets it)."""
        from gdstudio.core.optimizers import OPTIMIZERS

        at = self._fork_step()
        old, hyper = self._shown_hyper()
        if name == old:
            return
        spec, _opt = self._run_context()
        takes = OPTIMIZERS[name].defaults
        carry = {k: v for k, v in hyper.items()
                 if k in takes and not (k == "lr" and spec.schedule is not None)}
        raw = scene_edits.fork_optimizer(self.model.raw, self.model.selected, at, name,
                                         **carry)
        self._apply_fork(Phrase("ParamDock", SWITCH_AT, name, at), raw, at, None, name)

    def _apply_fork(self, text: str, raw: dict[str, Any], at: int,
                    changes: dict[str, Any] | None, optimizer: str | None = None) -> None:
        """Apply a fork; one the core refuses (a scheduled run's lr, a state switch
        turned on late, ...) is explained, with the offer to restart the run from step 0
        with the new value instead."""
        problems = self._fork_problems(raw, at)
        if problems:
            label = self.model.scene.runs[self.model.selected].label
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Cannot fork the run"),
                              self.tr("\"%1\" cannot change course after step %2:")
                              .replace("%1", label).replace("%2", str(at))
                              + "\n\n" + "\n".join(problems)
                              + "\n\n" + self.tr("Restart the run from step 0 with the "
                                                   "new value instead?"), parent=self)
            restart = box.addButton(self.tr("Restart from step 0"),
                                    QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(restart)
            box.exec()
            if box.clickedButton() is restart:
                if optimizer is not None:
                    self.session.edit(self.tr("change %1").replace("%1", "optimizer"),
                                      scene_edits.set_optimizer, self.model.selected,
                                      optimizer)
                else:
                    self._edit_run(**changes)
            else:
                self._fill_run()
            return
        self.session.apply(text, raw)

    def _fork_problems(self, raw: dict[str, Any], at: int) -> list[str]:
        """Why the core refuses the selected run's change at ``at`` in ``raw``, as
        "key: message" lines (the whole scene's problems if the change itself is fine)."""
        import copy

        from gdstudio.core.errors import SceneError
        from gdstudio.core.scene import change_problems, scene_from_dict

        g = self.model.selected
        spec = self.model.scene.runs[g]
        table = next(c for c in raw["run"][g]["change"] if c.get("at") == at)
        before = [c for c in spec.changes if c.at < at]
        problems = [f"{key}: {localize(msg)}" if key else localize(msg) for key, msg in
                    change_problems(table, before, spec.optimizer, spec.hyper, spec.steps,
                                    spec.schedule)]
        if problems:
            return problems
        try:
            scene_from_dict(copy.deepcopy(raw), path=self.model.path)
        except SceneError as e:
            return [localize(p) for p in e.problems]
        return []

    def _set_local_problem(self, text: str) -> None:
        self.problems.setText(text)

    def _on_row(self, row: int) -> None:
        if not self._loading and row >= 0:
            self.session.select(row)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        g = self.runs_list.row(item)
        self.session.set_hidden(g, item.checkState() != Qt.CheckState.Checked)

    def _on_optimizer(self) -> None:
        if self._loading:
            return
        if self._fork_step():
            self._fork_optimizer(self.optimizer.currentText())
            return
        self.session.edit(Phrase("ParamDock", CHANGE, "optimizer"),
                          scene_edits.set_optimizer, self.model.selected,
                          self.optimizer.currentText())

    def _on_hyper(self, key: str, edit: QLineEdit) -> None:
        text = edit.text().strip()
        if not text:
            self._edit_hyper(key, None)
            return
        try:
            value = parse_value(text)
        except ValueError as e:
            self._set_local_problem(f"{key}: {localize_error(e)}")
            return
        from gdstudio.core.optimizers import OPTIMIZERS

        spec, _opt = self._run_context()
        if self._fork_step():
            self._edit_hyper(key, value)
            return
        if key not in spec.hyper and value == OPTIMIZERS[spec.optimizer].defaults.get(key):
            return
        self._edit_run(**{key: value})

    def _on_start(self) -> None:
        self._edit_run(start=[round(self.start_x.value(), 4), round(self.start_y.value(), 4)])

    def _show_grid_item(self, grid: str | None) -> None:
        """The combo's "(grid: file.h5)" entry, there only while the surface is a grid."""
        i = self.surface_combo.findData(GRID_ITEM)
        if grid is None:
            if i >= 0:
                self.surface_combo.removeItem(i)
            return
        text = self.tr("(grid: %1)").replace("%1", Path(grid).name)
        if i < 0:
            self.surface_combo.addItem(text, GRID_ITEM)
        else:
            self.surface_combo.setItemText(i, text)
        self.surface_combo.setItemData(self.surface_combo.findData(GRID_ITEM), grid,
                                       Qt.ItemDataRole.ToolTipRole)

    def _on_builtin(self) -> None:
        if self._loading:
            return
        name = self.surface_combo.currentData()
        if name == GRID_ITEM:
            return
        if name is None:
            surface = self.model.surface
            grid = "grid" in self.model.raw.get("surface", {})
            expr = "x**2 + y**2" if grid else (self.formula.text() or surface.expr)
            table = {"expr": expr,
                     "bounds": [list(surface.bounds[0]), list(surface.bounds[1])]}
        else:
            table = {"builtin": name}
        self.session.edit(Phrase("ParamDock", QT_TRANSLATE_NOOP("ParamDock", "change surface")),
                          scene_edits.set_surface, table)

    def _compile_formula(self) -> None:
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
        surface = self.model.surface
        shown_expr = s.get("expr", surface.expr if surface is not None else "")
        if "".join(text.split()) == "".join(shown_expr.split()):
            return                  # only spaces changed: the same surface, no restart
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
        self.session.apply(Phrase("ParamDock", CHANGE, "formula"),
                           scene_edits.set_surface(self.model.raw, new),
                           merge=("formula", self._formula_typing))

    def _end_formula_typing(self) -> None:
        """Leaving the formula (or Enter) applies what waits for the debounce at once and
        ends one undo step: the next typing is a new one."""
        if self._formula_timer.isActive():
            self._formula_timer.stop()
            self._compile_formula()
        self._formula_typing += 1

    def _apply_bounds(self) -> None:
        if self._loading:
            return
        v = [b.value() for b in self.bounds]
        self.session.edit(Phrase("ParamDock", CHANGE, "bounds"),
                          scene_edits.set_bounds, [v[:2], v[2:]])

    # -- runs ----------------------------------------------------------------------
    def add_run(self) -> None:
        """Add plain SGD, starting near the top left of the plotted window unless
        ``[defaults]`` gives a start."""
        run: dict[str, Any] = {"label": "SGD", "optimizer": "sgd"}
        surface = self.model.surface
        if "start" not in self.model.raw.get("defaults", {}) and surface is not None:
            (x0, x1), (y0, y1) = surface.bounds
            run["start"] = [round(x0 + 0.2 * (x1 - x0), 4), round(y0 + 0.8 * (y1 - y0), 4)]
        self.session.edit(Phrase("ParamDock", QT_TRANSLATE_NOOP("ParamDock", "add run")),
                          scene_edits.add_run, run)

    def duplicate_run(self) -> None:
        if self.model.raw.get("run"):
            self.session.edit(Phrase("ParamDock", QT_TRANSLATE_NOOP("ParamDock", "duplicate run")),
                              scene_edits.duplicate_run,
                              self.model.selected)

    def remove_run(self) -> None:
        try:
            self.session.edit(Phrase("ParamDock", QT_TRANSLATE_NOOP("ParamDock", "remove run")),
                              scene_edits.remove_run,
                              self.model.selected)
        except scene_edits.EditError as e:
            self._set_local_problem(localize_error(e))

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
