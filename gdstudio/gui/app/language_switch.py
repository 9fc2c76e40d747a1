"""Switching the interface language at once: the main window is rebuilt in the new one.

Every widget takes its text from ``tr()`` when it is built, so rather than retranslating
widget by widget, :func:`switch_language` installs the new translators, builds a fresh
window, hands it what the user has in the old one (:class:`WindowState`) and shows it in
the same place, then closes the old one without the unsaved-changes question (its worker
stopped; the autosave file is kept, the edits now live in the new window).

Carried over: the edited scene (also an edit that does not validate, and text in the
parameter dock that could not be parsed), its path and modified flag, the selected and
hidden runs, the lesson (it follows from the path) and the caption toggle, the step shown
and whether it was playing or running to the end, the speed, presenter mode (the theme is
a setting), the critical points, basins, learning-rate sweep and stochastic view, the
3D camera, the contour pane's zoom, and the window's
geometry (maximized, full screen), docks and splitters. The steps are recomputed in the
new window up to the one shown (runs are deterministic).

Not carried: an analysis still computing (it is cancelled), the projected training path
drawn over a network landscape, the zoom of the loss and learning-rate plots, and a
message in the status bar.

:class:`WindowHost` is the application's reference to its main window: a top-level
window made in Python lives as long as a Python reference to it, and each switch
replaces the window ``app.launch`` made.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication, QObject
from PySide6.QtGui import QVector3D
from PySide6.QtWidgets import QLineEdit, QWidget

# Attributes a window may be given from outside (tests, app) that a rebuild keeps.
WINDOW_FLAGS = ("discard_on_close", "keep_autosave", "autosave_file")


class WindowHost(QObject):
    """Holds the application's main window: ``window`` is the one on screen."""

    def __init__(self, app: QObject):
        super().__init__(app)
        self.setObjectName("gdstudioWindowHost")
        self.window = None
        self._windows: list = []

    @classmethod
    def of(cls, app: QObject | None = None) -> WindowHost:
        """The application's host (made on first use; a child of the application)."""
        app = app or QCoreApplication.instance()
        return app.findChild(cls, "gdstudioWindowHost") or cls(app)

    def adopt(self, window) -> None:
        """Keep ``window`` alive until it is deleted and make it the current one."""
        if window not in self._windows:
            self._windows.append(window)
            window.destroyed.connect(self._forget)
        self.window = window

    def _forget(self, _obj=None) -> None:
        self._windows = [w for w in self._windows if shiboken6.isValid(w)]
        if self.window is not None and not shiboken6.isValid(self.window):
            self.window = self._windows[-1] if self._windows else None


def switch_language(window, language: str):
    """Show ``window`` again in ``language`` and return the new window (``window`` is
    closed and deleted later). On an error nothing changes and the error is raised."""
    from gdstudio.gui.state import settings
    from gdstudio.gui.text import i18n

    app = QCoreApplication.instance()
    ui_before, setting_before = i18n.ui_language(), settings.language()
    state = WindowState.capture(window)
    settings.set_language(language)     # the lesson tour reads it
    i18n.install(app, language)
    new = None
    try:
        new = type(window)(gl_ok=window.gl_ok, gl_note=window.gl_note, grid_n=window.grid_n)
        state.apply(new)
    except Exception:
        if new is not None:
            _retire(new)
        i18n.install(app, ui_before)
        settings.set_language(setting_before)
        window.lessons.set_language(ui_before)   # the menu's check marks
        raise
    _retire(window)
    WindowHost.of(app).adopt(new)
    return new


def _retire(window) -> None:
    """Close without the unsaved-changes question, keeping the autosave, and delete."""
    window.discard_on_close = True
    window.keep_autosave = True
    window.close()
    window.deleteLater()


@dataclass
class WindowState:
    """What the user has in a MainWindow, to be given to another one."""

    raw: dict[str, Any] | None = None          # the edited scene dict (may not validate)
    valid: dict[str, Any] | None = None        # the last valid scene, when raw is not
    path: Path | None = None
    dirty: bool = False
    selected: int = 0
    hidden: set[int] = field(default_factory=set)
    typed: dict[str, str] = field(default_factory=dict)    # the dock's text boxes
    step: int = 0
    playback: str = "empty"
    to_end: bool = False
    speed: int = 0
    caption: bool = True
    presenter: dict[str, Any] = field(default_factory=dict)
    analysis: dict[str, Any] = field(default_factory=dict)
    camera: dict[str, Any] | None = None
    contour_range: list | None = None
    geometry: QByteArray = field(default_factory=QByteArray)
    docks: QByteArray = field(default_factory=QByteArray)
    splitters: list[QByteArray] = field(default_factory=list)
    full_screen: bool = False
    flags: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def capture(cls, w) -> WindowState:
        from gdstudio.core.scene import scene_to_dict

        m, pb, a = w.model, w.playback, w.analysis
        s = cls()
        if m.scene is not None:
            s.raw = copy.deepcopy(m.raw)
            s.valid = scene_to_dict(m.scene) if m.problems else None
            s.path, s.dirty = m.path, m.dirty
            s.selected, s.hidden = m.selected, set(m.hidden)
        if w.dock is not None:
            s.typed = {name: box.text() for name, box in text_boxes(w.dock).items()}
        s.step, s.playback = pb.cursor, pb.state
        s.to_end = bool(getattr(pb, "_to_end", False))
        s.speed = w.transport.speed.currentIndex()
        s.caption = w.lessons.caption_action.isChecked()
        s.presenter = w.presenter.snapshot()
        cv = w.contour_view
        s.analysis = {
            "landscape": a.landscape,
            "critical": a.critical_action.isChecked(),
            "basins": a.basins if cv.basin_image() is not None else None,
            "sweep": a.sweep if cv.overlay("sweep") else None,
            "stochastic": a.stochastic_action.isChecked()}
        if w.surface_view is not None:
            s.camera = dict(w.surface_view.view.cameraParams())
            s.camera["center"] = QVector3D(s.camera["center"])
        s.contour_range = cv.plot.getViewBox().viewRange()
        s.geometry, s.docks = w.saveGeometry(), w.saveState()
        s.splitters = [w.split.saveState(), w.top_split.saveState()]
        s.full_screen = w.isFullScreen()
        s.flags = {k: w.__dict__[k] for k in WINDOW_FLAGS if k in w.__dict__}
        return s

    def apply(self, w) -> None:
        """Give ``w`` (new, not shown yet) this state and show it."""
        for name, value in self.flags.items():
            setattr(w, name, value)
        loaded = self._scene(w)
        if loaded:
            self._analysis(w)
        w.lessons.caption_action.setChecked(self.caption)
        w.transport.speed.setCurrentIndex(self.speed)
        w.restoreGeometry(self.geometry)
        w.restoreState(self.docks)
        for splitter, state in zip((w.split, w.top_split), self.splitters, strict=False):
            splitter.restoreState(state)
        w.show()
        w.presenter.restore(self.presenter, full_screen=self.full_screen)
        if loaded:
            self._views(w)
            self._retype(w)
            self._playback(w)
        w.raise_()
        w.activateWindow()

    # -- the parts ---------------------------------------------------------------------
    def _scene(self, w) -> bool:
        if self.raw is None:
            return False
        m = w.model
        w.analysis.landscape = self.analysis.get("landscape")
        m.selected, m.hidden = self.selected, set(self.hidden)
        m.load_dict(self.valid if self.valid is not None else self.raw, path=self.path,
                    dirty=self.dirty)
        if self.valid is not None:
            m.edit(self.raw)
        m.select(self.selected)
        if self.hidden:
            m.hiddenChanged.emit(set(self.hidden))   # assigned above, before the views had runs
        return True

    def _analysis(self, w) -> None:
        a, s = w.analysis, self.analysis
        if s.get("basins") is not None:
            a.present_basins(s["basins"])
        if s.get("sweep") is not None:
            a.present_sweep(s["sweep"])
        if s.get("critical"):
            a.show_critical_points()
        if s.get("stochastic"):
            a.toggle_stochastic(True)

    def _views(self, w) -> None:
        if self.camera is not None and w.surface_view is not None:
            w.surface_view.view.setCameraParams(**self.camera)   # after the first show
        if self.contour_range is not None:
            (x0, x1), (y0, y1) = self.contour_range
            w.contour_view.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _retype(self, w) -> None:
        """Type again what the old dock held and the scene does not (text that did not
        parse, a formula still waiting for its debounce): the new dock reacts as the old
        one did, and shows its problem in the new language."""
        if w.dock is None:
            return
        boxes = text_boxes(w.dock)
        for name, text in self.typed.items():
            box = boxes.get(name)
            if box is not None and box.text() != text:
                box.setText(text)
                box.textEdited.emit(text)
                box.editingFinished.emit()

    def _playback(self, w) -> None:
        pb = w.playback
        if pb.state in ("empty", "error") or self.playback in ("empty", "error"):
            return
        if self.playback == "finished" or (self.playback == "playing" and self.to_end):
            pb.seek(self.step)
            pb.run_to_end()
            return
        pb.seek(self.step)
        if self.playback == "playing":
            play_from(pb, self.step)


def play_from(pb, step: int) -> None:
    """Play once ``step`` is on screen (``Playback.play`` starts from the step shown, and
    a new playback shows a step only once it is computed)."""

    def check() -> None:
        if pb.cursor >= step or pb.state != "paused":
            pb.frame.disconnect(check)
            if pb.state == "paused":
                pb.play()

    pb.frame.connect(check)
    check()


def text_boxes(dock: QWidget) -> dict[str, QLineEdit]:
    """The dock's text boxes by attribute path: ``formula``, ``hyper_edits.momentum``,
    ``lr.box`` (a text box inside a widget the dock keeps)."""
    found: dict[str, QLineEdit] = {}

    def walk(obj, prefix: str, depth: int) -> None:
        for name, value in list(vars(obj).items()):
            if isinstance(value, QLineEdit):
                found[prefix + name] = value
            elif isinstance(value, dict):
                for key, box in value.items():
                    if isinstance(box, QLineEdit):
                        found[f"{prefix}{name}.{key}"] = box
            elif depth and isinstance(value, QWidget) and dock.isAncestorOf(value):
                walk(value, f"{prefix}{name}.", depth - 1)

    walk(dock, "", 1)
    return found
