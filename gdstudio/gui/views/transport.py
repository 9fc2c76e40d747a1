"""Play/pause, single step, reset, run to end, speed, the timeline, and per-run status."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPolygonF, QTextDocument
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
    QStyleOptionSlider,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gdstudio.gui.draw.forks import change_marks
from gdstudio.gui.draw.palette import DIVERGED, SYMBOL_NAMES, group_color, group_symbol, swatch
from gdstudio.gui.state.playback import STATUSES

translate = QCoreApplication.translate

SPEEDS = [("10 steps/s", 10.0), ("30 steps/s", 30.0), ("60 steps/s", 60.0),
          ("150 steps/s", 150.0), ("500 steps/s", 500.0), ("2000 steps/s", 2000.0),
          ("as fast as possible", math.inf)]
MAX_STATUS_ROWS = 12
MIN_TIMELINE = 200      # px: below this the timeline cannot be scrubbed step by step


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
    code, last = playback.statuses(idx)
    present = np.flatnonzero(np.bincount(code, minlength=len(STATUSES)))
    if present.tolist() == [0]:
        return status_text(playback, idx[0]), False
    names = {"running": translate("Transport", "%1 running"),
             "max_steps": translate("Transport", "%1 finished"),
             "early_stopped": translate("Transport", "%1 early stopped"),
             "min_lr": translate("Transport", "%1 stopped at min_lr"),
             "diverged": translate("Transport", "%1 diverged")}
    first = sorted(present, key=lambda c: int(np.argmax(code == c)))   # as the runs come
    parts = [names[STATUSES[c]].replace("%1", str(int(np.count_nonzero(code == c))))
             for c in first]
    diverged = code == STATUSES.index("diverged")
    first_div = int(last[diverged].min()) + 1 if diverged.any() else None
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


class ChangeTick(QWidget):
    """A ``[[run.change]]`` on the timeline: a notch in its run's colour at its step; its
    tooltip says what changed."""

    WIDTH = 9

    def __init__(self, slider: QSlider, at: int, color: QColor, text: str):
        super().__init__(slider)
        self.at, self.color = at, color
        self.setToolTip(text)
        self.setObjectName("changeTick")

    def place(self) -> None:
        """Centre the notch over step ``at`` of the slider's groove."""
        slider = self.parentWidget()
        opt = QStyleOptionSlider()
        slider.initStyleOption(opt)
        style = slider.style()
        groove = style.subControlRect(QStyle.ComplexControl.CC_Slider, opt,
                                      QStyle.SubControl.SC_SliderGroove, slider)
        handle = style.subControlRect(QStyle.ComplexControl.CC_Slider, opt,
                                      QStyle.SubControl.SC_SliderHandle, slider)
        span = max(groove.width() - handle.width(), 1)
        x = groove.x() + handle.width() // 2 + QStyle.sliderPositionFromValue(
            slider.minimum(), slider.maximum(), self.at, span)
        self.setGeometry(x - self.WIDTH // 2, 0, self.WIDTH, slider.height())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.color)
        w, h = float(self.width()), float(self.height())
        p.drawPolygon(QPolygonF([QPointF(0, 0), QPointF(w, 0), QPointF(w / 2, h * 0.4)]))
        p.drawRect(QRectF(w / 2 - 1, 0, 2, h))
        p.end()


class Transport(QWidget):
    def __init__(self, playback, parent: QWidget | None = None):
        super().__init__(parent)
        self.playback = playback
        self.selected: int | None = None
        self._name_labels: list[QLabel] = []
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setToolTip(self.tr("One step forward (Right arrow)"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to step 0 (Home)"))
        self.end_button = QPushButton(self.tr("Run to end"))
        self.end_button.setToolTip(self.tr("Compute and show every step (End)"))
        self._icons = {self.play_button: QStyle.StandardPixmap.SP_MediaPlay,
                       self.step_button: QStyle.StandardPixmap.SP_MediaSeekForward,
                       self.reset_button: QStyle.StandardPixmap.SP_MediaSkipBackward,
                       self.end_button: QStyle.StandardPixmap.SP_MediaSkipForward}
        self._tint_icons()
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

        self.speed_label = QLabel(self.tr("Speed:"))
        self.compact = False            # icon-only buttons, no "Speed:" (a narrow window)
        self.columns = 2                # runs side by side in the status rows
        self.short_names = False        # run names without their shape's name
        self._name_texts: list[tuple[str, str]] = []
        self._icons_of_runs: list[tuple[QLabel, QColor, str]] = []   # label, colour, shape
        self._texts = {b: b.text() for b in self._buttons()}
        self._measured: tuple = (None, 0)

        row = QHBoxLayout()
        for w in self._buttons():
            row.addWidget(w)
        row.addWidget(self.speed_label)
        row.addWidget(self.speed)
        row.addWidget(self.slider, 1)
        row.addWidget(self.step_label)
        self.status_grid = QGridLayout()
        self.status_grid.setHorizontalSpacing(14)
        self.status_grid.setVerticalSpacing(2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addLayout(row)
        self._row = row
        # The window, not the transport, decides its width: a long translation or
        # presenter mode's large fonts never push the window or its dock off the screen.
        lay.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.thin_note = QLabel()
        self.thin_note.setObjectName("thinNote")
        self.thin_note.setToolTip(self.tr(
            "This swarm's full history would not fit in the memory set aside for it: older "
            "steps are kept at the interval shown, recent ones all."))
        self.thin_note.hide()
        status_row = QHBoxLayout()
        status_row.addLayout(self.status_grid)
        status_row.addStretch(1)
        status_row.addWidget(self.thin_note, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(status_row)
        self._status_labels: list[tuple[int, QLabel]] = []
        self._rows: tuple | None = None        # what the status rows were built for
        self.change_ticks: list[ChangeTick] = []
        self.slider.installEventFilter(self)

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

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.play_button, self.step_button, self.reset_button, self.end_button)

    def _set_button_text(self, button: QPushButton, text: str) -> None:
        self._texts[button] = text
        button.setText("" if self.compact else text)

    # -- fitting the width -----------------------------------------------------------
    def _full_row_width(self) -> int:
        """The width the button row needs with text on its buttons and a timeline of
        MIN_TIMELINE px: measured while the buttons show text, estimated from the font
        while they do not (until the font or the texts change, the measure holds)."""
        row = self._row
        key = (self.play_button.font().key(), self.styleSheet(), self.window().styleSheet(),
               tuple(self._texts.values()))
        need = row.sizeHint().width() - self.slider.sizeHint().width() + MIN_TIMELINE
        if self.compact and self._measured[0] == key:
            return self._measured[1]
        if self.compact:
            fm = self.play_button.fontMetrics()
            longest_play = max(fm.horizontalAdvance(self.tr("Play")),
                               fm.horizontalAdvance(self.tr("Pause")))
            need += longest_play + sum(fm.horizontalAdvance(self._texts[b])
                                       for b in self._buttons()[1:])
            need += 4 * fm.horizontalAdvance(" ") + row.spacing()
            need += self.speed_label.sizeHint().width()
        else:
            fm = self.play_button.fontMetrics()
            need += max(0, fm.horizontalAdvance(self.tr("Pause"))
                        - fm.horizontalAdvance(self.play_button.text()))
            self._measured = (key, need)
        return need

    def _status_width(self, columns: int, short: bool) -> int:
        """The width the status rows need with ``columns`` runs side by side (names
        ``short``: without their shape's name), each status as long as its longest
        text for this run set."""
        if not self._name_labels:
            return 0
        fm = self.fontMetrics()
        pb = self.playback
        total = str(max(pb.total, 1))
        longest = max(fm.horizontalAdvance(t.replace("%1", total)) for t in (
            translate("Transport", "diverged at step %1"),
            translate("Transport", "finished (max steps), %1 steps"),
            translate("Transport", "early stopped at step %1"),
            translate("Transport", "stopped (lr below min_lr) at step %1")))
        longest = max([longest] + [lab.sizeHint().width() for _g, lab in self._status_labels])
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self._name_labels[0].font())
        name = 0.0
        for texts in self._name_texts:
            doc.setHtml(texts[1] if short else texts[0])
            name = max(name, doc.idealWidth())
        gap = self.status_grid.horizontalSpacing()
        icon = max(14, round(0.8 * fm.height()))
        per_run = icon + round(name) + 12 + longest + 2 * gap   # icon, name and its frame
        return columns * per_run + (columns - 1) * gap

    def fit_width(self) -> None:
        """Compact the row (icon-only buttons, no "Speed:" label) and the status rows
        (run names without their shape's name, which the icon shows; then one run per
        row) when the window is too narrow for them, so nothing is cut off and the
        timeline stays long enough to scrub. Only a change of width (or of font) can
        change any of it, never a frame."""
        width = self.contentsRect().width() - 12
        if width <= 0 or not self.isVisible():     # shown, it is given its real width
            return
        compact = width < self._full_row_width()
        if compact != self.compact:
            self.compact = compact
            for b in self._buttons():
                b.setText("" if compact else self._texts[b])
            self.speed_label.setVisible(not compact)
        short = width < self._status_width(2, short=False)
        columns = 2 if width >= self._status_width(2, short=True) else 1
        if columns == 1:
            short = width < self._status_width(1, short=False)
        if short != self.short_names:
            self.short_names = short
            for name, texts in zip(self._name_labels, self._name_texts, strict=True):
                name.setText(texts[1] if short else texts[0])
        if columns != self.columns:
            self.columns = columns
            self._place_status()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_width()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_width()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_width()
            self._size_run_icons()
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._tint_icons()

    def _size_run_icons(self) -> None:
        """Each run's shape in the status rows, sized to the text beside it (presenter
        mode's large text gets large shapes)."""
        size = max(14, round(0.8 * self.fontMetrics().height()))      # as _status_width
        for icon, color, symbol in self._icons_of_runs:
            if icon.pixmap().width() != size:
                icon.setPixmap(swatch(color, size, symbol).pixmap(size, size))

    def _tint_icons(self) -> None:
        """The buttons' icons in their text colour, so that they show on a dark theme
        too (icon-only, they are all the button shows)."""
        st = self.style()
        for b, which in self._icons.items():
            size = b.iconSize()
            pix = st.standardIcon(which).pixmap(size)
            painter = QPainter(pix)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(pix.rect(), b.palette().color(QPalette.ColorRole.ButtonText))
            painter.end()
            b.setIcon(QIcon(pix))

    def _place_status(self) -> None:
        """Lay the status rows out in ``self.columns`` columns."""
        cells = [self.status_grid.itemAt(i).widget() for i in range(self.status_grid.count())]
        for w in cells:
            self.status_grid.removeWidget(w)
        per_run = [cells[k:k + 3] for k in range(0, 3 * len(self._status_labels), 3)]
        for g, trio in enumerate(per_run):
            r, col = divmod(g, self.columns)
            for k, w in enumerate(trio):
                self.status_grid.addWidget(w, r, col * 3 + k)
        for w in cells[3 * len(self._status_labels):]:
            self.status_grid.addWidget(w, -(-len(per_run) // self.columns), 0, 1,
                                       3 * self.columns)

    def _on_scrub(self, value: int) -> None:
        self.playback.pause()
        self.playback.seek(value)

    def _on_slider_action(self, _action: int) -> None:
        if not self.slider.isSliderDown():
            self.playback.pause()
            self.playback.seek(self.slider.sliderPosition())

    def _on_state(self, state: str) -> None:
        playing = state == "playing"
        self._set_button_text(self.play_button, self.tr("Pause") if playing else self.tr("Play"))
        self._icons[self.play_button] = (QStyle.StandardPixmap.SP_MediaPause if playing
                                         else QStyle.StandardPixmap.SP_MediaPlay)
        self._tint_icons()
        ok = state not in ("empty", "error")
        for w in (self.play_button, self.step_button, self.reset_button, self.end_button,
                  self.slider):
            w.setEnabled(ok)
        self.refresh()

    def rebuild(self) -> None:
        pb = self.playback
        self.slider.setMaximum(max(pb.total, 0))
        self._make_change_ticks()
        self.step_label.fit(self._step_text(pb.total, pb.total))
        rows = self._row_keys()
        if rows == self._rows:
            self.refresh()              # the same runs again: keep the rows (no relayout)
            return
        self._rows = rows
        while self.status_grid.count():
            item = self.status_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()        # gone now, deleted when the loop comes round
                item.widget().deleteLater()
        self._status_labels = []
        self._name_labels = []
        self._name_texts = []
        self._icons_of_runs = []
        if pb.scene is None:
            return
        for g, idx in enumerate(pb.groups[:MAX_STATUS_ROWS]):
            spec = pb.scene.runs[g]
            r, col = divmod(g, self.columns)
            icon = QLabel()
            self._icons_of_runs.append((icon, group_color(g, spec.color), group_symbol(g)))
            size = f" ×{len(idx)}" if spec.swarm else ""
            short = f"<b>{spec.label}</b>{size}"
            full = f"{short} <span style='color:#888'>({symbol_name(group_symbol(g))})</span>"
            name = QLabel(short if self.short_names else full)
            self._name_texts.append((full, short))
            status = QLabel(self.tr("ready"))
            self.status_grid.addWidget(icon, r, col * 3)
            self.status_grid.addWidget(name, r, col * 3 + 1)
            self.status_grid.addWidget(status, r, col * 3 + 2)
            self._status_labels.append((g, status))
            self._name_labels.append(name)
        if len(pb.groups) > MAX_STATUS_ROWS:
            more = QLabel(self.tr("... and %1 more runs").replace(
                "%1", str(len(pb.groups) - MAX_STATUS_ROWS)))
            self.status_grid.addWidget(more, -(-MAX_STATUS_ROWS // self.columns), 0, 1,
                                       3 * self.columns)
        self._size_run_icons()
        self.set_selected(self.selected)
        self.refresh()
        self.fit_width()

    def _make_change_ticks(self) -> None:
        for tick in self.change_ticks:
            tick.deleteLater()
        pb = self.playback
        self.change_ticks = [
            ChangeTick(self.slider, m.at, group_color(m.group, pb.scene.runs[m.group].color),
                       m.text) for m in change_marks(pb.scene)]
        for tick in self.change_ticks:
            tick.place()
            tick.show()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.slider and event.type() == QEvent.Type.Resize:
            for tick in self.change_ticks:
                tick.place()
        return super().eventFilter(obj, event)

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

    def _show_thinning(self) -> None:
        """Say how the playback thinned the history, while it is thinned."""
        thin = self.playback.thin
        if thin is None:
            self.thin_note.setVisible(False)
            return
        _set_text(self.thin_note, self.tr("history thinned: one step in %1 kept before step %2")
                  .replace("%1", str(thin[0])).replace("%2", f"{thin[1]:,}"))
        self.thin_note.setVisible(True)

    def status_labels_text(self) -> list[str]:
        return [label.text() for _, label in self._status_labels]

    def refresh(self) -> None:
        pb = self.playback
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(pb.cursor)
            self.slider.blockSignals(False)
        _set_text(self.step_label, self._step_text(pb.cursor, pb.total))
        self._show_thinning()
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
