"""The main window: composes the views, the dock, the transport and the worker; no math."""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.errors import GdError
from gdstudio.gui.contour_view import ContourView
from gdstudio.gui.core_text import localize_error
from gdstudio.gui.loading import SceneLoader
from gdstudio.gui.plots_view import PlotsView
from gdstudio.gui.session import Session
from gdstudio.gui.transport import Transport, TransportKeys

APP_NAME = "gdstudio"
MAX_RECENT = 8
AUTOSAVE_MS = 20_000


def autosave_dir() -> Path:
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation))


class MainWindow(QMainWindow):
    def __init__(self, gl_ok: bool = True, gl_note: str = "", grid_n: int = 160,
                 session: Session | None = None):
        super().__init__()
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.resize(1560, 960)
        self.session = session if session is not None else Session(self)
        self.model = self.session.model
        self.playback = self.session.playback
        self.gl_ok, self.gl_note, self.grid_n = gl_ok, gl_note, grid_n

        if gl_ok:
            from gdstudio.gui.surface_view import SurfaceView

            self.surface_view: QWidget | None = SurfaceView(self.playback, grid_n=grid_n)
            left: QWidget = self.surface_view
        else:
            self.surface_view = None
            left = QLabel(self.tr("3D view off: %1\nThe contour pane and the plots work as "
                                  "usual.").replace(
                "%1", gl_note or self.tr("OpenGL is not available here.")))
            left.setObjectName("noGlNote")
            left.setWordWrap(True)
            left.setAlignment(Qt.AlignmentFlag.AlignCenter)
            left.setStyleSheet("QLabel { color: #ffd166; background: #16161d; font-size: 14pt; "
                               "padding: 20px; }")
        self.contour_view = ContourView(self.playback)
        self.plots_view = PlotsView(self.playback)
        self.transport = Transport(self.playback)
        self.transport_keys = TransportKeys(self)
        self.notes = QLabel("")
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("QLabel { font-size: 12pt; padding: 4px 8px; }")

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(self.contour_view)
        top.setSizes([560, 480])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.plots_view)
        split.setSizes([560, 240])
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        lay.addWidget(self.notes)
        lay.addWidget(split, 1)
        lay.addWidget(self.transport)
        self.setCentralWidget(central)
        self.split, self.top_split = split, top

        self._make_dock()
        self._make_menus()
        self._make_edit_menu()
        from gdstudio.gui.analysis_views import Analysis

        self.analysis = Analysis(self)
        self.analysis.build_menu(self.menuBar())
        self.model.surfaceChanged.connect(self._on_surface)
        self.model.sceneChanged.connect(self._on_scene)
        self.model.dirtyChanged.connect(self.setWindowModified)
        self.model.problemsChanged.connect(self._on_problems)
        self.playback.error.connect(self._on_run_error)
        self.contour_view.startPicked.connect(self._on_start_picked)
        self.model.hiddenChanged.connect(self._on_hidden)
        self.model.pathChanged.connect(self._on_path)
        self.setAcceptDrops(True)
        self.loader = SceneLoader(self)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self._make_classroom()

    def _make_classroom(self) -> None:
        """Lesson tour, presenter mode, File > Export, remembered window geometry."""
        from gdstudio.gui import settings
        from gdstudio.gui.export import ExportMenu
        from gdstudio.gui.lesson_hints import LessonHints
        from gdstudio.gui.lessons_panel import LessonTour
        from gdstudio.gui.presenter import Presenter

        self.lessons = LessonTour(self)
        self.hints = LessonHints(self)
        self.presenter = Presenter(self, self.lessons)
        self.exporter = ExportMenu(self)
        if not QStandardPaths.isTestModeEnabled():
            settings.restore_window(self)

    # -- building ------------------------------------------------------------------
    def _make_dock(self) -> None:
        try:
            from gdstudio.gui.param_dock import ParamDock
        except ImportError:
            self.dock = None
            return
        self.dock = ParamDock(self.session, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)

    def _make_menus(self) -> None:
        m = self.menuBar().addMenu(self.tr("&File"))
        m.setObjectName("fileMenu")
        self.open_action = self._action(m, self.tr("&Open scene..."), QKeySequence.StandardKey.Open,
                                        self.open_dialog)
        self.save_action = self._action(m, self.tr("&Save"), QKeySequence.StandardKey.Save,
                                        self.save)
        self._action(m, self.tr("Save &as..."), QKeySequence.StandardKey.SaveAs, self.save_as)
        self.recent_menu = m.addMenu(self.tr("Open &recent"))
        self._fill_recent()
        m.addSeparator()
        self.quit_action = self._action(m, self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                        self.close)
        self.quit_action.setObjectName("quitAction")
        r = self.menuBar().addMenu(self.tr("&Run"))
        pb = self.playback
        self._action(r, self.tr("Play / pause"), QKeySequence(Qt.Key.Key_Space), pb.toggle)
        self._action(r, self.tr("Step"), QKeySequence(Qt.Key.Key_Right), lambda: pb.step(1))
        self._action(r, self.tr("Reset"), QKeySequence(Qt.Key.Key_Home), pb.rewind)
        self._action(r, self.tr("Run to end"), QKeySequence(Qt.Key.Key_End), pb.run_to_end)
        if self.surface_view is not None:
            v = self.menuBar().addMenu(self.tr("&View"))
            v.setObjectName("viewMenu")
            self._action(v, self.tr("Reset 3D view"), QKeySequence("Ctrl+0"),
                         self.surface_view.reset_camera)
        h = self.menuBar().addMenu(self.tr("&Help"))
        h.setObjectName("helpMenu")
        self._action(h, self.tr("&Help"), QKeySequence.StandardKey.HelpContents, self.show_help)

    def _make_edit_menu(self) -> None:
        """Edit > Undo / Redo over the session's scene edits, named after the edit."""
        from PySide6.QtWidgets import QMenu

        m = QMenu(self.tr("&Edit"), self)
        m.setObjectName("editMenu")
        self.menuBar().insertMenu(self.menuBar().actions()[1], m)
        self.undo_action = self._action(m, self.tr("Undo"), QKeySequence("Ctrl+Z"),
                                        self.session.undo)
        self.undo_action.setObjectName("undoAction")
        self.redo_action = self._action(m, self.tr("Redo"), QKeySequence("Ctrl+Shift+Z"),
                                        self.session.redo)
        self.redo_action.setObjectName("redoAction")
        stack = self.session.undo_stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._on_undo_text)
        stack.redoTextChanged.connect(self._on_redo_text)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self._on_undo_text(stack.undoText())
        self._on_redo_text(stack.redoText())

    def _on_undo_text(self, what: str) -> None:
        self.undo_action.setText(self.tr("Undo %1").replace("%1", what) if what
                                 else self.tr("Undo"))

    def _on_redo_text(self, what: str) -> None:
        self.redo_action.setText(self.tr("Redo %1").replace("%1", what) if what
                                 else self.tr("Redo"))

    def _action(self, menu, text, shortcut, slot) -> QAction:
        a = QAction(text, self)
        a.setShortcut(shortcut)
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        menu.addAction(a)
        return a

    # -- scenes --------------------------------------------------------------------
    def open_scene(self, path: str | Path) -> bool:
        """Open a scene in the background (see gui/loading.py); True once it is shown."""
        return self.loader.open(path)

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open scene"), "",
                                              self.tr("Scenes (*.toml)"))
        if path:
            self.open_scene(path)

    def save(self) -> bool:
        if self.model.path is None:
            return self.save_as()
        return self._save_to(self.model.path)

    def save_as(self) -> bool:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save scene"), "",
                                              self.tr("Scenes (*.toml)"))
        return bool(path) and self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.model.save(path)
        except (GdError, OSError) as e:
            QMessageBox.warning(self, self.tr("Cannot save scene"), localize_error(e))
            return False
        return True

    def show_help(self) -> None:
        QMessageBox.information(self, self.tr("gdstudio help"), self.tr(HELP))

    # -- recent files, drag and drop, autosave ---------------------------------------
    def recent_files(self) -> list[str]:
        value = QSettings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _on_path(self, path) -> None:
        if path is None:
            return
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        QSettings().setValue("recentFiles", files[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for f in files:
            a = self.recent_menu.addAction(Path(f).name)
            a.setToolTip(f)
            a.triggered.connect(lambda _c=False, f=f: self.open_scene(f))
        self.recent_menu.setEnabled(bool(files))

    def dragEnterEvent(self, event) -> None:
        if self._dropped_scene(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self._dropped_scene(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_scene(path)

    @staticmethod
    def _dropped_scene(event) -> str | None:
        md = event.mimeData()
        for url in md.urls() if md.hasUrls() else []:
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".toml"):
                return url.toLocalFile()
        return None

    def autosave_path(self) -> Path:
        return getattr(self, "autosave_file", None) or autosave_dir() / "autosave.json"

    def autosave(self) -> bool:
        """Keep a copy of an edited, unsaved scene in the user data folder."""
        if not self.model.dirty:
            return False
        p = self.autosave_path()
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_name(p.name + ".tmp")
            tmp.write_text(json.dumps({
                "saved_at": time.time(),
                "path": str(self.model.path) if self.model.path else None,
                "scene": self.model.raw}), encoding="utf-8")
            tmp.replace(p)
        except (OSError, TypeError, ValueError) as e:
            self.statusBar().showMessage(self.tr("Autosave failed: %1").replace("%1", str(e)), 5000)
            return False
        return True

    def discard_autosave(self) -> None:
        self.autosave_path().unlink(missing_ok=True)

    def pending_recovery(self) -> dict | None:
        p = self.autosave_path()
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and isinstance(data.get("scene"), dict) else None

    def offer_recovery(self, ask=None) -> bool:
        """If a previous session left unsaved edits, offer to bring them back."""
        data = self.pending_recovery()
        if data is None:
            return False
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(data.get("saved_at", 0)))
        title = data["scene"].get("title", self.tr("untitled"))
        question = self.tr("gdstudio closed with unsaved changes to \"%1\" (%2).\n"
                           "Recover them?").replace("%1", str(title)).replace("%2", when)
        if ask is None:
            ask = lambda text: QMessageBox.question(  # noqa: E731
                self, self.tr("Recover unsaved scene"), text) == QMessageBox.StandardButton.Yes
        if not ask(question):
            self.discard_autosave()
            return False
        path = Path(data["path"]) if data.get("path") else None
        try:
            self.model.load_dict(data["scene"], path=path, dirty=True)
        except GdError as e:
            QMessageBox.warning(self, self.tr("Cannot recover scene"), localize_error(e))
            return False
        return True

    # -- wiring --------------------------------------------------------------------
    def _on_surface(self, surface) -> None:
        surface = self.analysis.surface_for(surface)
        if self.surface_view is not None:
            self.surface_view.set_surface(surface)
        self.contour_view.set_surface(surface)

    def _on_scene(self, scene) -> None:
        self.setWindowTitle(f"{APP_NAME} — {scene.title}[*]")
        self.notes.setText(scene.notes.strip())
        self.notes.setVisible(bool(scene.notes.strip()))
        self.analysis.load_playback(scene, play=self.playback.state == "playing")

    def _on_hidden(self, hidden: set[int]) -> None:
        for view in (self.surface_view, self.contour_view, self.plots_view):
            if view is not None:
                view.set_hidden(hidden)

    def _on_problems(self, problems: list[str]) -> None:
        if problems:
            self.statusBar().showMessage(problems[0].splitlines()[0])
        else:
            self.statusBar().clearMessage()

    def _on_run_error(self, message: str) -> None:
        first = message.splitlines()[0] if message else ""
        self.statusBar().showMessage(self.tr("Run failed: %1").replace("%1", first))

    def _on_start_picked(self, x: float, y: float, add: bool) -> None:
        """A click in the contour pane moves the selected run's start; a shift-click adds a
        copy of the selected run starting there."""
        from gdstudio.core import scene_edits

        point = [round(x, 4), round(y, 4)]
        if add or not self.model.raw.get("run"):
            self.session.edit(self.tr("add run"), scene_edits.add_run_at, point,
                              like=self.session.selected)
        else:
            self.session.edit(self.tr("move start"), scene_edits.move_start,
                              self.session.selected, point)

    # -- closing -------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if self.model.dirty and not getattr(self, "discard_on_close", False):
            answer = QMessageBox.question(
                self, self.tr("Unsaved changes"),
                self.tr("Save the changes to this scene before closing?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.save()):
                event.ignore()
                return
        self.loader.shutdown()
        self.playback.shutdown()
        self.analysis.shutdown()
        self._autosave_timer.stop()
        if not getattr(self, "keep_autosave", False):
            self.discard_autosave()
        event.accept()


HELP = QT_TRANSLATE_NOOP("MainWindow", """<h3>Gradient Descent Studio</h3>
<p>The 3D view shows the loss surface with each run lifted onto it and its shadow on the
floor; drag to rotate, scroll to zoom, <b>Reset view</b> puts the camera back.</p>
<p>The contour pane shows the same surface from above. Hover for the loss and gradient;
<b>click</b> to move the selected run's start, <b>shift-click</b> to add a run there.</p>
<p>Keys: Space play/pause, Right one step, Home reset, End run to end,
Ctrl+Z undo an edit, Ctrl+Shift+Z redo it,
Ctrl+O open, Ctrl+S save, Ctrl+Q quit, F1 this help.</p>""")
