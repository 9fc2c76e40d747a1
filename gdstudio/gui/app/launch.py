"""Start the window: binding pin, shared GL contexts, GL probe with a 2D fallback."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def probe_gl() -> tuple[bool, str]:
    """(usable, note): can this display give the 3D view an OpenGL context that PyOpenGL
    (pyqtgraph's GL items) can draw into?"""
    from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

    from gdstudio.glconfig import pyopengl_mismatch

    if QGuiApplication.platformName() in ("offscreen", "minimal", "vnc"):
        return False, f"the '{QGuiApplication.platformName()}' display has no OpenGL."
    ctx = QOpenGLContext()
    if not ctx.create():
        return False, "no OpenGL context could be created (try --safe-mode)."
    surface = QOffscreenSurface()
    surface.setFormat(ctx.format())
    surface.create()
    try:
        if not surface.isValid() or not ctx.makeCurrent(surface):
            return False, "the OpenGL context cannot be used (try --safe-mode)."
        major, minor = ctx.format().majorVersion(), ctx.format().minorVersion()
        mismatch = pyopengl_mismatch()
        ctx.doneCurrent()
    finally:
        surface.destroy()
    if mismatch:
        return False, mismatch
    if (major, minor) < (2, 0):
        return False, f"OpenGL {major}.{minor} is too old (2.0 or newer is needed)."
    return True, f"OpenGL {major}.{minor}"


def create_app(argv: list[str] | None = None):
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(list(argv or sys.argv[:1]))
        app.setApplicationName("gdstudio")
        app.setOrganizationName("gdstudio")
        set_identity(app)
        from gdstudio.gui.state import settings
        from gdstudio.gui.text import i18n

        i18n.install(app, settings.language())
    return app


def set_identity(app) -> None:
    """The window icon and the desktop-file name the taskbar matches windows by."""
    from PySide6.QtGui import QIcon

    from gdstudio.resources import resource_path

    app.setDesktopFileName("gdstudio")
    app.setWindowIcon(QIcon(str(resource_path("icons", "gdstudio.svg"))))


def launch(scene_path: str | Path | None = None, gl_ok: bool = True, gl_note: str = ""):
    """Build the main window and, from the event loop, open the scene in it, then show
    it: the window's first frame is the scene, laid out and drawn once at its size (an
    empty window painted first would cost that frame, and a second layout and 3D
    redraw once the scene's rows arrive). A scene still loading after ``SHOW_BY_MS``
    (a large data file) goes on loading in the shown window, with its progress and
    Cancel; a previous session's unsaved edits are offered back over the shown window.

    The window is the application's (``WindowHost``): a language switch replaces it, and
    the scene then opens in the window on screen."""
    import gc

    # The window's modules (pyqtgraph, OpenGL, the views) and the window live as long as
    # the app: no collector pass over them while they are made (a full one cost ~25 ms),
    # and frozen out of its sight after, its passes while the scene opens stay short.
    collecting = gc.isenabled()
    gc.disable()
    try:
        import shiboken6
        from PySide6.QtCore import QCoreApplication, QTimer

        from gdstudio.gui.app.language_switch import WindowHost
        from gdstudio.gui.app.main_window import MainWindow
        from gdstudio.resources import resource_path

        win = MainWindow(gl_ok=gl_ok, gl_note=gl_note)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    host = WindowHost.of(QCoreApplication.instance())
    host.adopt(win)
    path = Path(scene_path) if scene_path else resource_path("scenes", "default.toml")

    def show() -> None:
        if host.window is not None and shiboken6.isValid(host.window):
            host.window.show()

    # Runs until the window is first shown: from then on the window is the user's to
    # close, and nothing here shows it again.
    deadline = QTimer(host)
    deadline.setSingleShot(True)
    deadline.timeout.connect(show)

    def show_once() -> None:
        if deadline.isActive():
            deadline.stop()
            show()

    def open_scene() -> None:
        target = host.window
        if target is not None and target.model.scene is None:
            if target.autosave_path().is_file():
                show_once()
            if not target.offer_recovery():
                target.open_scene(path)
        show_once()

    QTimer.singleShot(0, host, open_scene)
    deadline.start(SHOW_BY_MS)
    return win


SHOW_BY_MS = 300    # ms: the window shows by then, its scene loaded or not


def main(scene_path: str | None = None, safe_mode: bool = False) -> int:
    if safe_mode:
        from gdstudio.glconfig import apply_software_gl

        apply_software_gl()
    app = create_app()
    end_session_cleanly(app)
    gl_ok, note = probe_gl()
    launch(scene_path, gl_ok, note)   # the WindowHost keeps the window
    if os.environ.get(SMOKE_ENV):
        _smoke(app)
    return app.exec()


SMOKE_ENV = "GDSTUDIO_SMOKE"


def _smoke(app) -> None:
    """With ``GDSTUDIO_SMOKE=1`` (start-up tests, packaging checks): once the scene's first
    steps are on screen, print one line saying what the window built, then close it the
    way a user does (autosaves kept)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel

    from gdstudio.gui.app.language_switch import WindowHost

    host = WindowHost.of(app)
    timer = QTimer(app)

    def check() -> None:
        win = host.window
        if win is None or win.playback.rows == 0:
            return
        timer.stop()
        note = win.findChild(QLabel, "noGlNote")
        view = "3d" if win.surface_view is not None else "2d"
        text = note.text().replace("\n", " ") if note is not None and note.isVisible() else ""
        print(f"smoke: view={view} runs={len(win.playback.runs)} "
              f"steps={win.playback.total} note={text}", flush=True)
        win.keep_autosave = True
        win.close()

    timer.timeout.connect(check)
    timer.start(50)


def end_session_cleanly(app) -> None:
    """Nothing is lost when the session ends: the session manager's commitData autosaves
    the unsaved edits; on SIGTERM and SIGHUP (log-out, shutdown, a closed terminal) the
    window autosaves and closes without asking, then the application quits with exit
    code 0. The next start offers the edits back."""
    import contextlib
    import signal
    import socket

    import shiboken6
    from PySide6.QtCore import QSocketNotifier, QTimer

    from gdstudio.gui.app.language_switch import WindowHost

    def window():
        w = WindowHost.of(app).window
        return w if w is not None and shiboken6.isValid(w) else None

    def commit_data() -> None:     # a slot taking the QSessionManager crashes PySide6
        if (w := window()) is not None:
            w.autosave()

    def terminate() -> None:
        if (w := window()) is not None:
            w.close_for_session_end()
        app.quit()

    app.commitDataRequest.connect(commit_data)
    # A Python signal handler runs only when Python code does: the wake-up socket makes
    # the Qt event loop call some. Both sockets live as long as drain does.
    sockets = socket.socketpair()
    for sock in sockets:
        sock.setblocking(False)
    signal.set_wakeup_fd(sockets[1].fileno())

    def drain(*_args) -> None:
        with contextlib.suppress(OSError):
            sockets[0].recv(512)

    notifier = QSocketNotifier(sockets[0].fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(drain)
    for name in ("SIGTERM", "SIGHUP"):    # Windows has no SIGHUP
        if (signum := getattr(signal, name, None)) is not None:
            signal.signal(signum, lambda *_: QTimer.singleShot(0, app, terminate))
