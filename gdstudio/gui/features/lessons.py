"""The lesson tour: a Lessons menu, previous/next, and the lesson's caption over the views.

The caption is the scene's notes (``notes_zh`` when the UI language is Chinese) under the
lesson's title. It shrinks its font, never below ``MIN_CAPTION_PT``, until the text fits
in at most ``MAX_CAPTION_SHARE`` of the window height, so nothing is cut on a projector.

The Lessons > Language submenu switches the whole interface at once: the window is
rebuilt in the chosen language with the user's scene, step and lesson
(:mod:`gdstudio.gui.app.language_switch`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.lessons import Lesson, list_lessons
from gdstudio.gui.state import settings

MAX_CAPTION_SHARE = 0.28
MIN_CAPTION_PT = 11
QWIDGETSIZE_MAX = (1 << 24) - 1


class CaptionPanel(QWidget):
    """Lesson title, position and caption, with previous/next buttons."""

    previous = Signal()
    next = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lessonCaption")
        self.base_pt = 13
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.prev_button.setToolTip(self.tr("Previous lesson (Page Up)"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("Next lesson (Page Down)"))
        for b in (self.prev_button, self.next_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.title = QLabel("")
        self.title.setObjectName("lessonTitle")
        self.title.setWordWrap(True)
        self.caption = QLabel("")
        self.caption.setObjectName("lessonText")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred,
                                   QSizePolicy.Policy.Minimum)
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        row = QHBoxLayout()
        row.addWidget(self.prev_button)
        row.addWidget(self.title, 1)
        row.addWidget(self.next_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(4)
        lay.addLayout(row)
        lay.addWidget(self.caption)

    def set_text(self, title: str, caption: str) -> None:
        self.title.setText(title)
        self.caption.setText(caption)
        self.fit()

    def set_base_pt(self, pt: int) -> None:
        self.base_pt = pt
        self.fit()

    def caption_pt(self) -> float:
        return self.caption.font().pointSizeF()

    def caption_height_needed(self, width: int | None = None) -> int:
        w = self.caption.width() if width is None else width
        return self.caption.heightForWidth(max(w, 50))

    def height_needed(self) -> int:
        """The panel's height with the title row and the whole caption at this width."""
        width = self.caption_width()
        m = self.layout().contentsMargins()
        row = max(self.title.heightForWidth(self._title_width(width)),
                  self.next_button.sizeHint().height())
        return m.top() + m.bottom() + self.layout().spacing() + row + \
            self.caption_height_needed(width)

    def available_height(self) -> int:
        win = self.window()
        return int(win.height() * MAX_CAPTION_SHARE)

    def fit(self) -> None:
        """Largest font from ``base_pt`` down whose caption fits the height budget."""
        width = self.caption_width()
        for label in (self.title, self.caption):   # a fixed height floors heightForWidth
            label.setMinimumHeight(0)
            label.setMaximumHeight(QWIDGETSIZE_MAX)
        pt = self.base_pt
        while True:
            self._set_pt(pt)
            if pt <= MIN_CAPTION_PT or self.caption_height_needed(width) <= \
                    self.available_height() - self.title.heightForWidth(
                        self._title_width(width)):
                break
            pt -= 1
        # Word-wrapped labels guess their height at a narrow width: pin the real one.
        self.title.setFixedHeight(max(0, self.title.heightForWidth(self._title_width(width))))
        self.caption.setFixedHeight(max(0, self.caption_height_needed(width)))
        self.updateGeometry()

    def _title_width(self, width: int) -> int:
        return max(100, width - self.prev_button.sizeHint().width()
                   - self.next_button.sizeHint().width() - 24)

    def caption_width(self) -> int:
        win = self.window()
        m = self.layout().contentsMargins()
        central = win.centralWidget() if hasattr(win, "centralWidget") else None
        width = central.width() if central is not None else win.width()
        return max(200, width - m.left() - m.right() - 8)

    def _set_pt(self, pt: int) -> None:
        # The labels' own style sheets win over a theme's (a plain setFont would not).
        self.caption.setStyleSheet(f"font-size: {pt}pt;")
        self.title.setStyleSheet(f"font-size: {pt + 4}pt; font-weight: bold;")
        self.caption.ensurePolished()
        self.title.ensurePolished()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit()


class LessonTour(QObject):
    """Adds the Lessons menu and the caption dock to a MainWindow and keeps them in step."""

    lessonChanged = Signal(int)
    languageChosen = Signal(str)    # another interface language: the app rebuilds the window

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.lessons: list[Lesson] = list_lessons(validate=False)   # validated on opening
        self.index = -1
        self.language = settings.language()
        self.panel = CaptionPanel()
        self.dock = QDockWidget(self.tr("Lesson"), window)
        self.dock.setObjectName("lessonDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setTitleBarWidget(QWidget())
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, self.dock)
        self.dock.hide()
        self.panel.previous.connect(self.previous)
        self.panel.next.connect(self.next)
        self._make_menu()
        window.installEventFilter(self)
        window.model.pathChanged.connect(self._on_path)
        window.model.sceneChanged.connect(self._on_scene)
        if window.session.lesson >= 0:          # built on a session showing a lesson
            self._show_lesson(window.session.lesson)

    def _make_menu(self) -> None:
        bar = self.window.menuBar()
        self.menu = bar.addMenu(self.tr("&Lessons"))
        help_menu = next((a for a in bar.actions()
                          if a.menu() is not None and a.menu().objectName() == "helpMenu"), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, self.menu)
        self.prev_action = self._action(self.tr("&Previous lesson"), Qt.Key.Key_PageUp,
                                        self.previous)
        self.next_action = self._action(self.tr("&Next lesson"), Qt.Key.Key_PageDown,
                                        self.next)
        self.caption_action = QAction(self.tr("Show &caption"), self)
        self.caption_action.setCheckable(True)
        self.caption_action.setChecked(self.window.session.caption)
        self.caption_action.toggled.connect(self._on_caption_toggled)
        self.menu.addAction(self.caption_action)
        lang = self.menu.addMenu(self.tr("&Language (captions and interface)"))
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("en", "English"), ("zh", "中文")):
            a = lang.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == self.language)
            a.triggered.connect(lambda _c=False, code=code: self.choose_language(code))
            self.language_actions[code] = a
        self.lesson_actions: list[QAction] = []
        topic = None
        for i, lesson in enumerate(self.lessons):
            if lesson.topic != topic:
                topic = lesson.topic
                self.menu.addSection(self._topic_title(lesson))
            a = self.menu.addAction(f"{i + 1}. {self._title(lesson)}")
            a.setCheckable(True)
            a.triggered.connect(lambda _c=False, i=i: self.open(i))
            self.lesson_actions.append(a)

    def _action(self, text: str, key, slot) -> QAction:
        a = QAction(text, self.window)
        a.setShortcut(QKeySequence(key))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        self.menu.addAction(a)
        self.window.addAction(a)
        return a

    # -- text in the UI language -------------------------------------------------------
    def _zh(self) -> bool:
        return self.language == "zh"

    def _title(self, lesson: Lesson) -> str:
        return lesson.title_zh if self._zh() and lesson.title_zh else lesson.title

    def _topic_title(self, lesson: Lesson) -> str:
        return lesson.topic_title_zh if self._zh() else lesson.topic_title

    def _notes(self, lesson: Lesson) -> str:
        return lesson.notes_zh if self._zh() and lesson.notes_zh else lesson.notes

    def choose_language(self, language: str) -> None:
        """Switch the whole interface to ``language`` at once and remember the choice: the
        window is rebuilt in it (``languageChosen``), keeping the session: the scene, its
        edits, the step and the lesson; this tour goes with the old window."""
        from gdstudio.gui.text import i18n

        if language == i18n.ui_language():
            settings.set_language(language)
            self.set_language(language)
            return
        self.languageChosen.emit(language)

    def set_language(self, language: str) -> None:
        """Show the captions and lesson titles in ``language`` (the rest of the window
        keeps the language it was built in)."""
        self.language = language
        for code, a in self.language_actions.items():
            a.setChecked(code == language)
        for i, (a, lesson) in enumerate(zip(self.lesson_actions, self.lessons, strict=True)):
            a.setText(f"{i + 1}. {self._title(lesson)}")
        self._show_caption()

    # -- navigation ----------------------------------------------------------------------
    @property
    def current(self) -> Lesson | None:
        return self.lessons[self.index] if 0 <= self.index < len(self.lessons) else None

    def open(self, index: int) -> bool:
        if not 0 <= index < len(self.lessons):
            return False
        return self.window.open_scene(self.lessons[index].path)

    def next(self) -> None:
        self.open(min(self.index + 1, len(self.lessons) - 1))

    def previous(self) -> None:
        self.open(max(self.index - 1, 0))

    def _on_path(self, path) -> None:
        index = -1
        if path is not None:
            p = Path(path).resolve()
            index = next((i for i, le in enumerate(self.lessons) if le.path.resolve() == p), -1)
        self.window.session.set_lesson(index)
        self._show_lesson(index)

    def _show_lesson(self, index: int) -> None:
        self.index = index
        for i, a in enumerate(self.lesson_actions):
            a.setChecked(i == index)
        self.prev_action.setEnabled(index != 0)
        self.next_action.setEnabled(index < len(self.lessons) - 1)
        self._show_caption()
        self.lessonChanged.emit(index)

    def _on_scene(self, _scene) -> None:
        if self.current is not None:
            self.window.notes.hide()    # the caption replaces the plain notes line

    def _on_caption_toggled(self, on: bool) -> None:
        self.window.session.set_caption(on)
        self._show_caption()

    def _show_caption(self) -> None:
        lesson = self.current
        if lesson is None or not self.caption_action.isChecked():
            self.dock.hide()
            if lesson is None:                  # a plain scene shows its own notes
                self.window.notes.setVisible(bool(self.window.notes.text()))
            return
        n = len(self.lessons)
        title = f"{self.index + 1} / {n} · {self._topic_title(lesson)} — {self._title(lesson)}"
        self.panel.prev_button.setEnabled(self.index > 0)
        self.panel.next_button.setEnabled(self.index < n - 1)
        self.dock.show()
        self.panel.set_text(title, self._notes(lesson))
        self.window.notes.hide()
        self._fit_dock()

    def _fit_dock(self) -> None:
        """Give the caption dock exactly the height its text needs at this width."""
        if not self.dock.isVisible():
            return
        self.panel.fit()
        self.window.resizeDocks([self.dock], [self.panel.height_needed()],
                                Qt.Orientation.Vertical)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._fit_dock)
        return False

