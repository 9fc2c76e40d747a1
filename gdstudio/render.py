"""``gdstudio render``: a picture or a video of a scene without showing a window.

The contour view renders on Qt's ``offscreen`` platform. The 3D view needs OpenGL, so
it uses the ``xcb`` platform when ``DISPLAY`` is set; without a display it falls back to
the contour view and says so on stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from gdstudio.core.errors import GdError
from gdstudio.core.fileio import output_path

SUFFIXES = (".png", ".gif", ".mp4")


class ProgressBar:
    """``[#######.....]  42/120 frames`` on a stream, redrawn in place on a terminal."""

    def __init__(self, stream: TextIO, width: int = 30, unit: str = "frames"):
        self.stream = stream
        self.width = width
        self.unit = unit
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, i: int, n: int) -> bool:
        if self.tty or i in (0, n):
            full = self.width * i // max(n, 1)
            bar = "#" * full + "." * (self.width - full)
            end = "\n" if i >= n else ("\r" if self.tty else "\n")
            self.stream.write(f"\r[{bar}] {i:>{len(str(n))}}/{n} {self.unit}{end}")
            self.stream.flush()
        return True


def _platform(view: str, stream: TextIO) -> str:
    """Pick the Qt platform for ``view`` before the QApplication exists; the view to use."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return view
    if view == "3d" and not os.environ.get("DISPLAY"):
        stream.write("gdstudio: note: no DISPLAY for OpenGL; rendering the contour view "
                     "instead of the 3D view\n")
        view = "contour"
    os.environ["QT_QPA_PLATFORM"] = "xcb" if view == "3d" else "offscreen"
    return view


def _quiet_qt() -> None:
    """Drop the offscreen platform's note about size hints; pass everything else on."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(mode, context, message):
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)


def render(scene_path: str | Path, output: str | Path, size: tuple[int, int] = (960, 540),
           fps: float = 30.0, view: str = "contour", steps: int | None = None,
           frames: int | None = None, stream: TextIO = sys.stderr) -> int:
    """Write ``output`` (.png, .gif or .mp4, by suffix); returns the number of frames."""
    from gdstudio.core.budget import check_budget
    from gdstudio.core.scene import build_surface, load_scene

    output = Path(output)
    if output.suffix.lower() not in SUFFIXES:
        raise GdError(f"{output.name}: the output must end in .png, .gif or .mp4")
    output_path(output)
    if fps <= 0:
        raise GdError(f"fps must be > 0, not {fps}")
    scene = load_scene(Path(scene_path))
    if steps is not None:
        scene = scene.with_steps(steps)
    rows = max((r.steps for r in scene.runs), default=0) + 1
    if frames is not None and frames > rows:
        raise GdError(f"--frames: at most one frame per step of the scene ({rows:,}), "
                      f"got {frames:,}")
    check_budget(scene, consumer="window")
    surface = build_surface(scene)
    view = _platform(view, stream)

    from gdstudio.gui.app.launch import create_app, probe_gl

    app = create_app()
    _quiet_qt()
    if view == "3d":
        ok, note = probe_gl()
        if not ok:
            stream.write(f"gdstudio: note: {note} Rendering the contour view instead.\n")
            view = "contour"
    from PySide6.QtCore import Qt

    from gdstudio.gui.features import export
    from gdstudio.gui.state.playback import Playback

    playback = Playback()
    if view == "3d":
        from gdstudio.gui.views.surface_view import SurfaceView

        widget = SurfaceView(playback)
        widget.reset_button.hide()
    else:
        from gdstudio.gui.views.contour_view import ContourView

        widget = ContourView(playback)
        widget.readout.hide()
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.resize(*size)
    widget.show()
    try:
        widget.set_surface(surface)
        if not playback.load(scene):
            raise GdError("the scene cannot be run")
        app.processEvents()
        if view == "3d":
            grab = lambda: export.grab_3d(widget)  # noqa: E731
        else:
            grab = lambda: export.grab_contour(widget)  # noqa: E731
        if output.suffix.lower() == ".png":
            export.wait_until_finished(playback)
            playback.seek(playback.last_row)
            widget.redraw()
            image = grab()
            export.save_png(export._resize(image, size) if image.shape[1::-1] != size
                            else image, output)
            return 1
        return export.write_video(playback, grab, widget.redraw, output, fps=fps,
                                  frames=frames, size=size, progress=ProgressBar(stream))
    finally:
        playback.shutdown()
        widget.close()
        widget.deleteLater()
        app.processEvents()
