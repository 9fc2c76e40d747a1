"""Start the window: binding pin, shared GL contexts, GL probe with a 2D fallback."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def probe_gl() -> tuple[bool, str]:
    """(usable, note): can this display give the 3D view an OpenGL context?"""
    from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

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
        ctx.doneCurrent()
    finally:
        surface.destroy()
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
    return app


def main(scene_path: str | None = None, safe_mode: bool = False) -> int:
    if safe_mode:
        from gdstudio.glconfig import apply_software_gl

        apply_software_gl()
    app = create_app()
    gl_ok, note = probe_gl()
    from gdstudio.gui.main_window import MainWindow
    from gdstudio.resources import resource_path

    win = MainWindow(gl_ok=gl_ok, gl_note=note)
    path = Path(scene_path) if scene_path else resource_path("scenes", "default.toml")
    win.show()
    if not win.offer_recovery():
        win.open_scene(path)
    return app.exec()
