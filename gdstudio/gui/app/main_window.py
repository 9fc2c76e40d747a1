"""The main window: composes the views, the dock and the transport on a session; no math.

``MainWindow(session=s)`` builds the views on ``s`` and draws what it holds; the window that
holds the session (its Qt parent) stops its worker and analysis when it closes. A language
switch builds a new window on the old one's session (``gui/app/language_switch.py``).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gdstudio import resources
from gdstudio.core.errors import GdError
from gdstudio.gui.app.loading import SceneLoader
from gdstudio.gui.state.session import Session
from gdstudio.gui.text.core_text import localize_error
from gdstudio.gui.text.i18n import Phrase
from gdstudio.gui.views.contour_view import ContourView
from gdstudio.gui.views.plots_view import PlotsView
from gdstudio.gui.views.transport import Transport, TransportKeys

APP_NAME = "gdstudio"
MAX_RECENT = 8
AUTOSAVE_DELAY_MS = 1000    # an edit reaches the autosave file this long after typing stops


def autosave_dir() -> Path:
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation))


class MainWindow(QMainWindow):
    def __init__(self, gl_ok: bool = True, gl_note: str = "", grid_n: int = 160,
                 session: Session | None = None):
        super().__init__()
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.session = session if session is not None else Session()
        self.session.setParent(self)
        self.model = self.session.model
        self.model.scratch_dir = autosave_dir() / "landscapes"
        self.playback = self.session.playback
        self.gl_ok, self.gl_note, self.grid_n = gl_ok, gl_note, grid_n

        if gl_ok:
            from gdstudio.gui.views.surface_view import SurfaceView

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
        self.autosave_bar = QLabel("")
        self.autosave_bar.setObjectName("autosaveBar")
        self.autosave_bar.setWordWrap(True)
        self.autosave_bar.setStyleSheet("QLabel { color: #1a1a1a; background: #ffd166; "
                                        "padding: 6px 8px; }")
        self.autosave_bar.hide()

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
        lay.addWidget(self.autosave_bar)
        lay.addWidget(self.notes)
        lay.addWidget(split, 1)
        lay.addWidget(self.transport)
        self.setCentralWidget(central)
        self.split, self.top_split = split, top

        self._make_dock()
        self._make_menus()
        self._make_edit_menu()
        from gdstudio.gui.features.analysis import Analysis

        self.analysis = Analysis(self)
        self.analysis.build_menu(self.menuBar())
        m = self.model
        self._links = [(m.surfaceChanged, self._on_surface),
                       (m.sceneChanged, self._on_scene),
                       (m.sceneChanged, self._schedule_autosave),
                       (m.dirtyChanged, self._on_dirty),
                       (m.problemsChanged, self._schedule_autosave),
                       (m.problemsChanged, self._on_problems),
                       (m.hiddenChanged, self._on_hidden),
                       (m.selectedChanged, self._on_selected),
                       (m.pathChanged, self._on_path),
                       (self.playback.error, self._on_run_error)]
        """The window's own subscriptions to the session, ended when it closes and the
        session goes on (a language switch)."""
        for signal, slot in self._links:
            signal.connect(slot)
        self.contour_view.startPicked.connect(self._on_start_picked)
        self.contour_view.runPicked.connect(self.model.select)
        self.setAcceptDrops(True)
        self.loader = SceneLoader(self)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._make_classroom()
        self._show_session()

    def _show_session(self) -> None:
        """Draw what the session already holds (a window built on a session in use): the
        views are given the surface, the runs and the step shown; nothing is recomputed."""
        m = self.model
        if m.scene is None:
            return
        self._on_surface(m.surface)
        self._on_scene(m.scene)
        self.plots_view.rebuild_runs()
        self._on_hidden(m.hidden)
        self._on_problems(m.problems)
        self.setWindowModified(m.dirty)
        self._schedule_autosave()
        self.analysis.show_state()
        self.hints.show_scene(m.scene)
        self.playback.redraw()

    def keep_view_state(self) -> None:
        """Put what the user set in the views (camera, zoom, typed text) into the session,
        for the window that replaces this one."""
        self.session.view_state = {name: view.view_state()
                                   for name, view in self._views_with_state().items()}

    def restore_view_state(self) -> None:
        """Give the views what :meth:`keep_view_state` kept (once the window is shown: the
        3D view frames itself on its first show)."""
        views = self._views_with_state()
        for name, state in self.session.view_state.items():
            if name in views:
                views[name].restore_view_state(state)

    def _views_with_state(self) -> dict:
        views = {"surface": self.surface_view, "contour": self.contour_view,
                 "plots": self.plots_view, "dock": self.dock}
        return {name: view for name, view in views.items() if view is not None}

    def _make_classroom(self) -> None:
        """Lesson tour, presenter mode, File > Export, remembered window geometry."""
        from gdstudio.gui.app.language_switch import switch_language
        from gdstudio.gui.features.export import ExportMenu
        from gdstudio.gui.features.lesson_hints import LessonHints
        from gdstudio.gui.features.lessons import LessonTour
        from gdstudio.gui.features.presenter import Presenter
        from gdstudio.gui.state import settings

        self.lessons = LessonTour(self)
        self.lessons.languageChosen.connect(lambda lang: switch_language(self, lang))
        self.hints = LessonHints(self)
        self.presenter = Presenter(self, self.lessons)
        self.exporter = ExportMenu(self)
        settings.fit_to_screen(self)
        if not QStandardPaths.isTestModeEnabled():
            settings.restore_window(self)

    # -- building ------------------------------------------------------------------
    def _make_dock(self) -> None:
        try:
            from gdstudio.gui.views.param_dock import ParamDock
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
        m.addSeparator()
        self._make_fork_action(m)
        stack = self.session.undo_stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._on_undo_text)
        stack.redoTextChanged.connect(self._on_redo_text)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self._on_undo_text(stack.undoText())
        self._on_redo_text(stack.redoText())

    def _make_fork_action(self, menu) -> None:
        """Edit > "Edits fork the run at the current step" (remembered): on, a dock edit
        of a run's optimizer or hyperparameters at step t > 0 changes the run after step
        t only; off, the run changes from its start and every run restarts."""
        from gdstudio.gui.state import settings

        self.fork_action = QAction(self.tr("Edits fork the run at the current step"), self)
        self.fork_action.setObjectName("forkAction")
        self.fork_action.setCheckable(True)
        self.fork_action.setChecked(settings.fork_edits())
        self.fork_action.setToolTip(self.tr(
            "On: changing a run's optimizer or hyperparameters at step t changes course "
            "there and keeps the path it would have taken as a ghost. Off: the run "
            "changes from step 0 and every run restarts."))
        self.fork_action.toggled.connect(settings.set_fork_edits)
        menu.addAction(self.fork_action)

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
        """Open a scene file (File > Open, Open recent, a drop, a lesson) in the background
        (see gui/app/loading.py); True once it is shown. Unsaved edits are offered for saving
        first, and a scene that does not open changes nothing."""
        if not self.may_discard():
            return False
        return self.loader.open(path)

    def may_discard(self) -> bool:
        """True when the scene on screen may be replaced: it has no unsaved edits, or the
        user saved them or chose to discard them (False: Cancel, or the save failed).
        A window told to drop its edits (``discard_on_close``) does not ask."""
        if not self.model.dirty or getattr(self, "discard_on_close", False):
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("Save the changes to this scene first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open scene"), "",
                                              self.tr("Scenes (*.toml)"))
        if path:
            self.open_scene(path)

    def save(self) -> bool:
        """Save in place, or Save As when the scene has no file of its own yet or its file
        is one of the bundled lessons and scenes (or not writable)."""
        if self.model.path is None or not _writable(self.model.path):
            return self.save_as()
        return self._save_to(self.model.path)

    def save_as(self) -> bool:
        suggested = ""
        if self.model.path is not None:
            folder = self.model.path.parent
            if not _writable(self.model.path):
                folder = Path(QStandardPaths.writableLocation(
                    QStandardPaths.StandardLocation.DocumentsLocation))
            suggested = str(folder / self.model.path.name)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save scene"), suggested,
                                              self.tr("Scenes (*.toml)"))
        return bool(path) and self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        if _bundled(path):
            QMessageBox.warning(self, self.tr("Cannot save scene"), self.tr(
                "%1 belongs to gdstudio's bundled lessons and scenes, which stay as "
                "installed. Save your scene in another folder.").replace("%1", str(path)))
            return False
        try:
            self.model.save(path)
        except (GdError, OSError) as e:
            QMessageBox.warning(self, self.tr("Cannot save scene"), localize_error(e))
            return False
        return True

    def show_help(self) -> None:
        from gdstudio.gui.features.help import show_help

        show_help(self)

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

    def _schedule_autosave(self, *_args) -> None:
        if self.model.dirty:
            self._autosave_timer.start()

    def _on_dirty(self, dirty: bool) -> None:
        self.setWindowModified(dirty)
        if dirty:
            self._autosave_timer.start()
        else:
            self._autosave_timer.stop()
            self.discard_autosave()

    def autosave(self) -> bool:
        """Keep a copy of an edited, unsaved scene in the user data folder. When that
        folder cannot be written, a bar above the views says so until it works again."""
        self._autosave_timer.stop()
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
            if self.autosave_bar.isHidden():
                reason = getattr(e, "strerror", None) or str(e)
                self.autosave_bar.setText(self.tr(
                    "Autosave is not working: %1 cannot be written (%2). If gdstudio is "
                    "closed unexpectedly, unsaved edits are lost: save the scene (Ctrl+S) "
                    "to keep them.").replace("%1", str(p.parent)).replace("%2", reason))
                self.autosave_bar.show()
            return False
        self.autosave_bar.hide()
        return True

    def discard_autosave(self) -> None:
        try:
            self.autosave_path().unlink(missing_ok=True)
        except OSError:
            pass

    def close_for_session_end(self) -> None:
        """Log-out, shutdown or a termination signal: put the unsaved edits in the
        autosave file, which the next start offers back, and close without asking."""
        self.autosave()
        self.keep_autosave = True
        self.discard_on_close = True
        self.close()

    def offer_recovery(self, ask=None) -> bool:
        """If a previous session left unsaved edits, offer to bring them back. An autosave
        that cannot be read or opened is set aside under a dated name, never deleted
        without the user's word; True when the edits are back on screen."""
        p = self.autosave_path()
        if not p.is_file():
            return False
        try:
            data, when = _read_autosave(p)
        except _DamagedAutosave as e:
            self._set_aside(p, self.tr(e.reason))
            return False
        except (OSError, ValueError) as e:
            self._set_aside(p, getattr(e, "strerror", None) or str(e))
            return False
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
        except Exception as e:  # noqa: BLE001 - whatever the scene holds, the file is kept
            self._set_aside(p, localize_error(e))
            return False
        return True

    def _set_aside(self, path: Path, reason: str) -> None:
        """Rename a damaged autosave with its date and tell the user, who may delete it."""
        try:
            saved = path.stat().st_mtime
        except OSError:
            saved = time.time()
        stamp = time.strftime("%Y-%m-%d_%H-%M-%S", time.localtime(saved))
        kept = path.with_name(f"{path.stem}-{stamp}{path.suffix}")
        n = 2
        while kept.exists():
            kept = path.with_name(f"{path.stem}-{stamp}-{n}{path.suffix}")
            n += 1
        try:
            path.rename(kept)
        except OSError:
            kept = path
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Damaged autosave"), self.tr(
            "The unsaved edits of a previous session could not be opened: %1\n\n"
            "The file is kept as %2.").replace("%1", reason).replace("%2", str(kept)), parent=self)
        keep = box.addButton(self.tr("Keep the file"), QMessageBox.ButtonRole.AcceptRole)
        delete = box.addButton(self.tr("Delete it"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is delete:
            kept.unlink(missing_ok=True)

    # -- wiring --------------------------------------------------------------------
    def _on_surface(self, surface) -> None:
        if self.surface_view is not None:
            self.surface_view.set_surface(surface)
        self.contour_view.set_surface(surface)

    def _on_scene(self, scene) -> None:
        """Show a scene the session holds; its runs start unless the playback already
        runs this very scene (a window built on a session in use). A lesson's caption
        replaces the notes line. The selected run's frame in the transport is part of
        the one layout pass: it makes its status row taller."""
        self.setWindowTitle(f"{APP_NAME} — {scene.title}[*]")
        with one_layout_pass(self.centralWidget()):
            self.notes.setText(scene.notes.strip())
            self.notes.setVisible(bool(scene.notes.strip()) and self.session.lesson < 0)
            if self.playback.scene is not scene:
                self.analysis.load_playback(scene, play=self.playback.state == "playing")
            self._on_selected(self.model.selected)

    def _on_hidden(self, hidden: set[int]) -> None:
        for view in (self.surface_view, self.contour_view, self.plots_view):
            if view is not None:
                view.set_hidden(hidden)

    def _on_selected(self, group: int) -> None:
        """The selected run is emphasised in every view (the others faded)."""
        for view in (self.surface_view, self.contour_view, self.plots_view, self.transport):
            if view is not None:
                view.set_selected(group)

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
            self.session.edit(Phrase("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "add run")),
                              scene_edits.add_run_at, point,
                              like=self.session.selected)
        else:
            self.session.edit(Phrase("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "move start")),
                              scene_edits.move_start,
                              self.session.selected, point)

    # -- closing -------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.may_discard():
            event.ignore()
            return
        self.loader.shutdown()
        if self.session.parent() is self:
            self.session.shutdown()
        else:                           # the session goes on in another window
            self.analysis.detach()
            for signal, slot in self._links:
                signal.disconnect(slot)
        self._autosave_timer.stop()
        if not getattr(self, "keep_autosave", False):
            self.discard_autosave()
        event.accept()


@contextlib.contextmanager
def one_layout_pass(root: QWidget):
    """Lay ``root`` out once for what the block changes (a scene's notes, the transport's
    run rows), not once per change: every change would resize the 3D view, and the
    3D view draws a new frame (with the surface: ~30 ms on llvmpipe) after each resize.
    Widgets the block adds to a shown parent are shown here, not from the event loop
    later, where each would lay the window out again."""
    layout = root.layout()
    if not root.isVisible():            # laid out when shown
        yield
        return
    layout.setEnabled(False)
    try:
        yield
        for child in root.findChildren(QWidget):
            if _shown_later(child):
                child.show()
    finally:
        layout.setEnabled(True)
        layout.activate()


def _shown_later(widget: QWidget) -> bool:
    """Was ``widget`` just added to the layout of a shown parent, which Qt shows from the
    event loop (never a widget hidden on purpose, nor a window)?"""
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    return (layout is not None and widget.isHidden() and not widget.isWindow()
            and not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
            and parent.isVisible() and _in_layout(layout, widget))


def _in_layout(layout, widget: QWidget) -> bool:
    if layout.indexOf(widget) >= 0:
        return True
    for i in range(layout.count()):
        inner = layout.itemAt(i).layout()
        if inner is not None and _in_layout(inner, widget):
            return True
    return False


def _bundled(path: Path) -> bool:
    """Is ``path`` inside the installed lessons and scenes (read-only to the app)?"""
    return Path(path).resolve().is_relative_to(resources.resource_root().resolve())


def _writable(path: Path) -> bool:
    path = Path(path)
    if _bundled(path):
        return False
    return os.access(path if path.exists() else path.parent, os.W_OK)


class _DamagedAutosave(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _read_autosave(path: Path) -> tuple[dict, str]:
    """The autosave's contents and its time as text; _DamagedAutosave says what is wrong
    (its reason is an English interface string, translated by the caller)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("scene"), dict):
        raise _DamagedAutosave(QT_TRANSLATE_NOOP("MainWindow", "it holds no scene."))
    saved_at = data.get("saved_at")
    if isinstance(saved_at, bool) or not isinstance(saved_at, int | float) \
            or not math.isfinite(saved_at):
        raise _DamagedAutosave(QT_TRANSLATE_NOOP("MainWindow", "its time is not a time."))
    try:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saved_at))
    except (OverflowError, OSError, ValueError):
        raise _DamagedAutosave(QT_TRANSLATE_NOOP("MainWindow", "its time is not a time.")) \
            from None
    if data.get("path") is not None and not isinstance(data["path"], str):
        raise _DamagedAutosave(QT_TRANSLATE_NOOP("MainWindow", "its scene path is not a path."))
    return data, when
