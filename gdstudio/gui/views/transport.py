"""Play/pause, single step, reset, run to end, speed, the timeline, and per-run status."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStyle,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gdstudio.gui.draw.palette import DIVERGED, SYMBOL_NAMES, group_color, group_symbol, swatch

translate = QCoreApplication.translate

SPEEDS = [("10 steps/s", 10.0), ("30 steps/s", 30.0), ("60 steps/s", 60.0),
          ("150 steps/s", 150.0), ("500 steps/s", 500.0), ("2000 steps/s", 2000.0),
          ("as fast as possible", math.inf)]
MAX_STATUS_ROWS = 12


def speed_text(v: float) -> str:
    if math.isinf(v):
        return translate("Transport", "as fast as possible")
    return translate("Transport", "%1 steps/s").replace("%1", f"{v:g}")


def symbol_name(symbol: str) -> str:
    names = {"o": translate("Transport", "circle"),
             "s": translate("Transport", "square"),
             "t": translate("Transport", "triangle"),
             "d": translate("Transport", "diamond"),
             "p": translate("Transport", "pentagon"),
             "h": translate("Transport", "hexagon"),
             "star": translate("Transport", "star"),
             "t1": translate("Transport", "triangle up")}
    return names.get(symbol, SYMBOL_NAMES.get(symbol, symbol))


def status_text(playback, i: int) -> str:
    """Run ``i``'s status in the interface language (Playback.status_text, translated)."""
    s = playback.status(i)
    if s is None:
        if playback.state == "playing":
            return translate("Transport", "running")
        if playback.cursor == 0:
            return translate("Transport", "ready")
        return translate("Transport", "paused")
    status, last = s
    if status == "diverged":
        text, n = translate("Transport", "diverged at step %1"), last + 1
    elif status == "max_steps":
        text, n = translate("Transport", "finished (max steps), %1 steps"), last
    elif status == "early_stopped":
        text, n = translate("Transport", "early stopped at step %1"), last
    elif status == "min_lr":
        text, n = translate("Transport", "stopped (lr below min_lr) at step %1"), last
    else:
        return playback.status_text(i)
    return text.replace("%1", str(n))


def group_status(playback, idx: list[int]) -> tuple[str, bool]:
    """A swarm's status in one line: how many runs are in each state."""
    counts: dict[str, int] = {}
    first_div = None
    for i in idx:
        st = playback.status(i)
        key = "running" if st is None else st[0]
        counts[key] = counts.get(key, 0) + 1
        if st is not None and st[0] == "diverged":
            first_div = st[1] + 1 if first_div is None else min(first_div, st[1] + 1)
    if list(counts) == ["running"]:
        return status_text(playback, idx[0]), False
    names = {"running": translate("Transport", "%1 running"),
             "max_steps": translate("Transport", "%1 finished"),
             "early_stopped": translate("Transport", "%1 early stopped"),
             "min_lr": translate("Transport", "%1 stopped at min_lr"),
             "diverged": translate("Transport", "%1 diverged")}
    parts = [names.get(k, "%1 " + k).replace("%1", str(n)) for k, n in counts.items()]
    if first_div is not None:
        parts.append(translate("Transport", "first divergence at step %1")
                     .replace("%1", str(first_div)))
    return translate("Transport", ", ").join(parts), first_div is not None


TRANSPORT_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)
LEAVE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)


def is_text_field(w) -> bool:
    """A widget that takes typed text (and so keeps Space, Home, End and Right)."""
    if isinstance(w, QComboBox):
        return w.isEditable()
    return isinstance(w, QLineEdit | QAbstractSpinBox | QTextEdit | QPlainTextEdit)


def field_text(w) -> str | None:
    edit = w if isinstance(w, QLineEdit) else w.findChild(QLineEdit)
    return edit.text() if edit is not None else None


class TransportKeys(QObject):
    """Space, Right, Home and End drive playback whatever in ``window`` has focus, except
    a text field being edited (one with the keyboard focus). Enter in a text field
    finishes the edit and Esc restores the text it had; both leave the field, so the next
    Space plays or pauses again.

    Only the focused widget is filtered (an application-wide filter would see every
    paint and timer event of the process).
    """

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._watched = None
        self._before: str | None = None
        QApplication.instance().focusChanged.connect(self._on_focus)

    def _on_focus(self, old, new) -> None:
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
            except RuntimeError:    # the widget is already gone
                pass
            self._watched = None
        if new is None or new.window() is not self.window:
            return
        new.installEventFilter(self)
        self._watched = new
        self._before = field_text(new) if is_text_field(new) else None

    def eventFilter(self, obj, event) -> bool:
        t = event.type()
        if t == QEvent.Type.ShortcutOverride:
            plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            if plain and event.key() in TRANSPORT_KEYS and not is_text_field(obj):
                event.ignore()      # the widget does not keep the key: the shortcut fires
                return True
        elif t == QEvent.Type.KeyRelease and event.key() in LEAVE_KEYS and is_text_field(obj):
            if event.key() == Qt.Key.Key_Escape and self._before is not None:
                edit = obj if isinstance(obj, QLineEdit) else obj.findChild(QLineEdit)
                edit.setText(self._before)
            obj.clearFocus()
        return False


class StepLabel(QLabel):
    """"step 120 / 1500": a fixed size, fitted to the longest text of the run set and the
    font, so the new text of every frame repaints the label and does not lay out the
    window again (a widget of fixed size does not invalidate its parent's layout)."""

    def __init__(self, text: str):
        super().__init__(text)
        self._longest = text
        self.fit(text)

    def fit(self, longest: str) -> None:
        self._longest = longest
        m = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(longest) + m.left() + m.right() + 12
        self.setFixedSize(max(150, width), super().sizeHint().height())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit(self._longest)


class Transport(QWidget):
    def __init__(self, playback, parent: QWidget | None = None):
        super().__init__(parent)
        self.playback = playback
        self.selected: int | None = None
        self._name_labels: list[QLabel] = []
        st = self.style()
        self.play_button = QPushButton(st.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
                                       self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.step_button = QPushButton(
            st.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), self.tr("Step"))
        self.step_button.setToolTip(self.tr("One step forward (Right arrow)"))
        self.reset_button = QPushButton(
            st.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward), self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to step 0 (Home)"))
        self.end_button = QPushButton(
            st.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward), self.tr("Run to end"))
        self.end_button.setToolTip(self.tr("Compute and show every step (End)"))
        self.speed = QComboBox()
        for _text, v in SPEEDS:
            self.speed.addItem(speed_text(v), v)
        shown = self.speed.findData(playback.speed)
        self.speed.setCurrentIndex(shown if shown >= 0 else 2)
        self.speed.setToolTip(self.tr("Playback speed"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(self.tr("Timeline: drag to scrub through the steps"))
        self.slider.setMinimum(0)
        self.step_label = StepLabel(self._step_text(0, 0))
        self.step_label.setObjectName("stepLabel")
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        row = QHBoxLayout()
        for w in (self.play_button, self.step_button, self.reset_button, self.end_button):
            row.addWidget(w)
        row.addWidget(QLabel(self.tr("Speed:")))
        row.addWidget(self.speed)
        row.addWidget(self.slider, 1)
        row.addWidget(self.step_label)
        self.status_grid = QGridLayout()
        self.status_grid.setHorizontalSpacing(14)
        self.status_grid.setVerticalSpacing(2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addLayout(row)
        # The window, not the transport, decides its width: a long translation or
        # presenter mode's large fonts never push the window or its dock off the screen.
        lay.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        status_row = QHBoxLayout()
        status_row.addLayout(self.status_grid)
        status_row.addStretch(1)
        lay.addLayout(status_row)
        self._status_labels: list[tuple[int, QLabel]] = []
        self._rows: tuple | None = None        # what the status rows were built for

        self.play_button.clicked.connect(playback.toggle)
        self.step_button.clicked.connect(lambda: playback.step(1))
        self.reset_button.clicked.connect(playback.rewind)
        self.end_button.clicked.connect(playback.run_to_end)
        self.speed.currentIndexChanged.connect(
            lambda _i: playback.set_speed(self.speed.currentData()))
        self.slider.sliderMoved.connect(self._on_scrub)
        self.slider.actionTriggered.connect(self._on_slider_action)
        playback.reset.connect(self.rebuild)
        playback.frame.connect(self.refresh)
        playback.stateChanged.connect(self._on_state)
        playback.set_speed(self.speed.currentData())
        if playback.state != "empty":     # built on a playback in use
            self.rebuild()
            self._on_state(playback.state)

    def _on_scrub(self, value: int) -> None:
        self.playback.pause()
        self.playback.seek(value)

    def _on_slider_action(self, _action: int) -> None:
        if not self.slider.isSliderDown():
            self.playback.pause()
            self.playback.seek(self.slider.sliderPosition())

    def _on_state(self, state: str) -> None:
        st = self.style()
        playing = state == "playing"
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.setIcon(st.standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay))
        ok = state not in ("empty", "error")
        for w in (self.play_button, self.step_button, self.reset_button, self.end_button,
                  self.slider):
            w.setEnabled(ok)
        self.refresh()

    def rebuild(self) -> None:
        pb = self.playback
        self.slider.setMaximum(max(pb.total, 0))
        self.step_label.fit(self._step_text(pb.total, pb.total))
        rows = self._row_keys()
        if rows == self._rows:
            self.refresh()              # the same runs again: keep the rows (no relayout)
            return
        self._rows = rows
        while self.status_grid.count():
            item = self.status_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._status_labels = []
        self._name_labels = []
        if pb.scene is None:
            return
        for g, idx in enumerate(pb.groups[:MAX_STATUS_ROWS]):
            spec = pb.scene.runs[g]
            r, col = divmod(g, 2)
            icon = QLabel()
            icon.setPixmap(swatch(group_color(g, spec.color)).pixmap(14, 14))
            size = f" ×{len(idx)}" if spec.swarm else ""
            name = QLabel(f"<b>{spec.label}</b>{size} "
                          f"<span style='color:#888'>({symbol_name(group_symbol(g))})</span>")
            status = QLabel(self.tr("ready"))
            self.status_grid.addWidget(icon, r, col * 3)
            self.status_grid.addWidget(name, r, col * 3 + 1)
            self.status_grid.addWidget(status, r, col * 3 + 2)
            self._status_labels.append((g, status))
            self._name_labels.append(name)
        if len(pb.groups) > MAX_STATUS_ROWS:
            more = QLabel(self.tr("... and %1 more runs").replace(
                "%1", str(len(pb.groups) - MAX_STATUS_ROWS)))
            self.status_grid.addWidget(more, (MAX_STATUS_ROWS + 1) // 2, 0, 1, 6)
        self.set_selected(self.selected)
        self.refresh()

    def set_selected(self, group: int | None) -> None:
        """Frame the selected run's name in the status rows (in its colour)."""
        self.selected = group
        pb = self.playback
        for g, name in enumerate(self._name_labels):
            style = ""
            if g == group and pb.scene is not None and g < len(pb.scene.runs):
                c = group_color(g, pb.scene.runs[g].color).name()
                style = f"QLabel {{ border: 2px solid {c}; border-radius: 3px; padding: 0 3px; }}"
            if name.styleSheet() != style:
                name.setStyleSheet(style)

    def selected_row(self) -> int | None:
        """The run group whose status row is framed, or None."""
        for g, name in enumerate(self._name_labels):
            if name.styleSheet():
                return g
        return None

    def _step_text(self, step: int, total: int) -> str:
        return self.tr("step %1 / %2").replace("%1", str(step)).replace("%2", str(total))

    def _row_keys(self) -> tuple:
        """What the status rows show besides the status itself."""
        pb = self.playback
        if pb.scene is None:
            return ()
        return tuple((spec.label, spec.color, spec.swarm, len(idx))
                     for spec, idx in zip(pb.scene.runs, pb.groups, strict=False))

    def status_labels_text(self) -> list[str]:
        return [label.text() for _, label in self._status_labels]

    def refresh(self) -> None:
        pb = self.playback
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(pb.cursor)
            self.slider.blockSignals(False)
        _set_text(self.step_label, self._step_text(pb.cursor, pb.total))
        for g, label in self._status_labels:
            idx = pb.groups[g]
            if len(idx) == 1:
                text = status_text(pb, idx[0])
                st = pb.status(idx[0])
                bad = st is not None and st[0] == "diverged"
            else:
                text, bad = group_status(pb, idx)
            _set_text(label, text)
            style = f"color: {DIVERGED}; font-weight: bold;" if bad else ""
            if label.styleSheet() != style:
                label.setStyleSheet(style)


def _set_text(label: QLabel, text: str) -> None:
    """Only a change of text may cost a relayout (and a relayout repaints the window)."""
    if label.text() != text:
        label.setText(text)
