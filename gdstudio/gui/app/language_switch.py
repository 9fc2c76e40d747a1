"""Switching the interface language at once: the main window is rebuilt in the new one.

Every widget takes its text from ``tr()`` when it is built, so rather than retranslating
widget by widget, :func:`switch_language` installs the new translators and builds
``MainWindow(session=old.session)``: a new window on the same :class:`Session`, which
draws what the session holds. Nothing is copied or recomputed: the scene and its unsaved
edits, the undo history, the runs (computed rows, step shown, playing or running to the
end, speed), the selected and hidden runs, the analyses (also one still computing: its
progress and result go to the new window), the projected training path, the lesson and
its caption, and presenter mode. What the user set in the views (3D camera, contour
zoom, the loss and learning-rate plots' zoom, text typed in the dock and not entered) the
old window puts in the session (``keep_view_state``) and the new one takes back
(``restore_view_state``). The window layout (geometry, full screen, docks, splitters)
passes through Qt's ``saveGeometry`` / ``saveState``. The old window is then closed
without the unsaved-changes question and deleted; it leaves the session running.

Not carried: a message in the status bar.

:class:`WindowHost` is the application's reference to its main window: a top-level
window made in Python lives as long as a Python reference to it, and each switch
replaces the window ``app.launch`` made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication, QObject

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
    """Show ``window``'s session again in ``language`` and return the new window
    (``window`` is closed and deleted later). On an error nothing changes and the error
    is raised."""
    from gdstudio.gui.state import settings
    from gdstudio.gui.text import i18n

    app = QCoreApplication.instance()
    ui_before, setting_before = i18n.ui_language(), settings.language()
    layout = WindowLayout.capture(window)
    window.keep_view_state()
    settings.set_language(language)     # the lesson tour reads it
    i18n.install(app, language)
    session = window.session
    session.retranslate()
    new = None
    try:
        new = type(window)(gl_ok=window.gl_ok, gl_note=window.gl_note, grid_n=window.grid_n,
                           session=session)
        layout.apply(new)
        new.restore_view_state()
    except Exception:
        session.setParent(window)
        if new is not None:
            _retire(new)
        i18n.install(app, ui_before)
        session.retranslate()
        settings.set_language(setting_before)
        window.lessons.set_language(ui_before)   # the menu's check marks
        raise
    _retire(window)
    new.raise_()
    new.activateWindow()
    WindowHost.of(app).adopt(new)
    return new


def _retire(window) -> None:
    """Close without the unsaved-changes question, keeping the autosave, and delete."""
    window.discard_on_close = True
    window.keep_autosave = True
    window.close()
    window.deleteLater()


@dataclass
class WindowLayout:
    """What belongs to the window, not to the session: where it is and how it is laid
    out, and the flags it was given from outside (tests, the app)."""

    geometry: QByteArray = field(default_factory=QByteArray)
    docks: QByteArray = field(default_factory=QByteArray)
    splitters: list[QByteArray] = field(default_factory=list)
    full_screen: bool = False
    presenter: dict[str, Any] = field(default_factory=dict)
    flags: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def capture(cls, w) -> WindowLayout:
        return cls(geometry=w.saveGeometry(), docks=w.saveState(),
                   splitters=[w.split.saveState(), w.top_split.saveState()],
                   full_screen=w.isFullScreen(), presenter=w.presenter.snapshot(),
                   flags={k: getattr(w, k) for k in WINDOW_FLAGS if hasattr(w, k)})

    def apply(self, w) -> None:
        """Lay ``w`` (new, not shown yet) out this way and show it."""
        for name, value in self.flags.items():
            setattr(w, name, value)
        w.restoreGeometry(self.geometry)
        w.restoreState(self.docks)
        for splitter, state in zip((w.split, w.top_split), self.splitters, strict=False):
            splitter.restoreState(state)
        w.show()
        w.presenter.restore(self.presenter, full_screen=self.full_screen)
