"""Export: pictures of the views, videos of a run, trajectories as CSV/JSON.

The functions take the views and the playback, not the window, so ``gdstudio render``
uses them headless; ``ExportMenu`` adds File > Export to a MainWindow.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QImage

from gdstudio.core.errors import GdError, Msg
from gdstudio.core.fileio import AtomicWrite, write_text
from gdstudio.gui.text.core_text import localize_error

translate = QCoreApplication.translate

MAX_FRAMES = 300
PICTURE_SIZES = ("1920x1080", "3840x2160", "1280x720", "1024x768")
VIDEO_SIZE = (1280, 720)        # 3D videos: slide-sized, and quick enough to render
VIDEO_SUFFIXES = (".gif", ".mp4")



def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise GdError(Msg("size must look like 1280x720, not {text!r}", text=text)) from None
    if not (16 <= w <= 7680 and 16 <= h <= 4320):
        raise GdError(Msg("size {text} is out of range (16x16 to 7680x4320)", text=text))
    return w, h


def qimage_to_array(image: QImage) -> np.ndarray:
    """An (h, w, 3) uint8 RGB copy of a QImage."""
    img = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, bpl = img.height(), img.width(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=bpl * h).reshape(h, bpl)
    return buf[:, : w * 3].reshape(h, w, 3).copy()


def even(a: np.ndarray) -> np.ndarray:
    """Crop to even width and height (H.264 with yuv420p needs them)."""
    h, w = a.shape[:2]
    return a[: h - h % 2, : w - w % 2]


# -- pictures ------------------------------------------------------------------------------
def grab_contour(contour_view) -> np.ndarray:
    return qimage_to_array(contour_view.plot.grab().toImage())


def grab_3d(surface_view) -> np.ndarray:
    return qimage_to_array(surface_view.view.grabFramebuffer())


class Offscreen3D:
    """A second SurfaceView, never shown on screen, drawing the shown one's surface,
    runs, selection and camera angles at ``size`` (w, h), whatever the widget's size,
    with the camera moved back until the whole box (surface, floor, tick labels) fits
    (``GLViewWidget.renderToArray`` misses the surface mesh here)."""

    def __init__(self, surface_view, size: tuple[int, int]):
        from PySide6.QtCore import Qt

        from gdstudio.gui.views.surface_view import SurfaceView

        pb = surface_view.playback
        self.view = off = SurfaceView(pb, grid_n=surface_view.grid_n, live=False)
        off.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        off.reset_button.hide()
        off.resize(*size)
        off.show()
        if surface_view.surface is not None:
            off.set_surface(surface_view.surface)
        off.rebuild_runs()
        off.hidden = set(surface_view.hidden)
        off.set_selected(surface_view.selected)
        params = surface_view.view.cameraParams()
        params["distance"] = fit_distance(off.view, size, params)
        off.view.setCameraParams(**params)

    def grab(self) -> np.ndarray:
        self.view.redraw()
        return qimage_to_array(self.view.view.grabFramebuffer())

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()


def fit_distance(gl_view, size: tuple[int, int], params: dict, fill: float = 0.84) -> float:
    """The camera distance at which the 3D box, its floor and tick labels take at most
    ``fill`` of the picture's width and height (room is left for a title and legend)."""
    from itertools import product

    from PySide6.QtGui import QVector3D

    from gdstudio.gui.views.surface_view import FLOOR, HEIGHT

    w, h = size
    corners = [QVector3D(x, y, z) for x, y, z in
               product((-1.2, 1.2), (-1.2, 1.2), (FLOOR, HEIGHT + 0.16))]

    def fits(d: float) -> bool:
        gl_view.setCameraParams(**{**params, "distance": d})
        m = gl_view.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * gl_view.viewMatrix()
        return all(abs(q.x()) <= fill and abs(q.y()) <= fill
                   for q in (m.map(c) for c in corners))

    lo, hi = 0.5, 40.0
    for _ in range(30):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if fits(mid) else (mid, hi)
    return hi


def render_3d(surface_view, size: tuple[int, int]) -> np.ndarray:
    """The 3D view rendered off-screen at ``size`` (w, h), the whole surface in frame."""
    off = Offscreen3D(surface_view, size)
    try:
        return off.grab()
    finally:
        off.close()


def run_legend(playback, hidden: set[int] = frozenset()) -> list[tuple[str, object, str]]:
    """(label, colour, marker shape) of each shown run group, for a picture's legend."""
    from gdstudio.gui.draw.palette import group_color, group_symbol

    if playback.scene is None:
        return []
    return [(spec.label, group_color(g, spec.color), group_symbol(g))
            for g, spec in enumerate(playback.scene.runs) if g not in hidden]


def decorate(frame: np.ndarray, title: str, legend: list[tuple[str, object, str]],
             counter: str | None = None) -> np.ndarray:
    """A picture for a slide: ``title`` centred at the top, the run ``legend`` (marker in
    the run's colour, label) in the top-left corner and ``counter`` (a video's step) at
    the bottom right, in text about 1/40 of the picture's height, on dark boxes."""
    from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

    h, w = frame.shape[:2]
    img = QImage(np.ascontiguousarray(frame).data, w, h, 3 * w,
                 QImage.Format.Format_RGB888).copy()
    px = max(10.0, h / 40)
    box = QBrush(QColor(0, 0, 0, 170))
    p = QPainter(img)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = QFont("DejaVu Sans")
        font.setPixelSize(int(px * 1.35))
        font.setBold(True)
        p.setFont(font)
        fm = QFontMetricsF(font)
        if title:
            text = fm.elidedText(title, Qt.TextElideMode.ElideRight, w - 4 * px)
            tw = fm.horizontalAdvance(text)
            rect = QRectF((w - tw) / 2 - px / 2, px / 3, tw + px, fm.height() + px / 3)
            p.fillRect(rect, box)
            p.setPen(QColor("#f0f0f5"))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        font.setPixelSize(int(px))
        font.setBold(False)
        p.setFont(font)
        fm = QFontMetricsF(font)
        if legend:
            row = fm.height() * 1.35
            width = max(fm.horizontalAdvance(label) for label, _c, _s in legend) + 2.6 * px
            top = 1.9 * px + fm.height()
            p.fillRect(QRectF(px / 2, top, width + px, row * len(legend) + px / 2), box)
            for k, (label, color, symbol) in enumerate(legend):
                cy = top + px / 4 + row * (k + 0.5)
                p.save()
                p.translate(QPointF(px * 1.4, cy))
                p.scale(px, px)
                p.setPen(QPen(QColor("white"), 1.5 / px))
                p.setBrush(QColor(color))
                p.drawPath(Symbols[symbol])
                p.restore()
                p.setPen(QColor("#f0f0f5"))
                p.drawText(QRectF(px * 2.4, cy - row / 2, width, row),
                           Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
        if counter:
            tw = fm.horizontalAdvance(counter)
            rect = QRectF(w - tw - 1.5 * px, h - fm.height() - px, tw + px, fm.height() + px / 2)
            p.fillRect(rect, box)
            p.setPen(QColor("#f0f0f5"))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, counter)
    finally:
        p.end()
    return qimage_to_array(img)


def save_png(array: np.ndarray, path: Path) -> None:
    """An (h, w, 3) uint8 RGB array as a PNG file, written by Qt (no optional package)."""
    h, w = array.shape[:2]
    rgb = np.ascontiguousarray(array[..., :3], dtype=np.uint8)
    with AtomicWrite(path) as out:
        if not QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).save(
                str(out.path), "PNG"):
            raise GdError(Msg("cannot write {file}", file=str(path)))


def save_svg(widget, path: Path) -> None:
    """A widget painted into an SVG file (vector lines and text; images embedded).

    pyqtgraph 0.14's SVGExporter cannot parse the paths Qt 6.11 writes (ValueError in
    correctCoordinates), so the widget is rendered through QSvgGenerator directly."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    with AtomicWrite(path) as out:
        gen = QSvgGenerator()
        gen.setFileName(str(out.path))
        gen.setSize(widget.size())
        gen.setViewBox(QRect(0, 0, widget.width(), widget.height()))
        gen.setResolution(widget.logicalDpiX())
        gen.setTitle("gdstudio")
        painter = QPainter(gen)
        try:
            widget.render(painter)
        finally:
            painter.end()
        if out.path.stat().st_size == 0:
            raise GdError(Msg("cannot write {file}", file=str(path)))


def export_plot(plot_widget, path: str | Path, width: int | None = None) -> None:
    """A pyqtgraph PlotWidget as PNG (ImageExporter, ``width`` pixels) or SVG, by suffix."""
    import pyqtgraph.exporters as pex

    path = Path(path)
    item = plot_widget.getPlotItem()
    if path.suffix.lower() == ".svg":
        save_svg(plot_widget, path)
    elif path.suffix.lower() == ".png":
        ex = pex.ImageExporter(item)
        if width:
            ex.parameters()["width"] = int(width)
        with AtomicWrite(path) as out:
            if not ex.export(str(out.path)):
                raise GdError(Msg("cannot write {file}", file=str(path)))
    else:
        raise GdError(Msg("{file}: a picture must end in .png or .svg", file=path.name))


# -- videos --------------------------------------------------------------------------------
def wait_until_finished(playback, timeout_ms: int = 120_000) -> None:
    """Compute every step of the playback's run (as fast as possible), keeping the GUI
    responsive; the cursor is left where it was."""
    if playback.state in ("empty", "error"):
        raise GdError(Msg("there is no run to export"))
    cursor, speed = playback.cursor, playback.speed
    if len(playback.ended) < len(playback.runs) or playback.rows <= playback.last_row:
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)

        def check(state: str) -> None:
            if state in ("finished", "error"):
                loop.quit()

        playback.stateChanged.connect(check)
        playback.set_speed(float("inf"))
        playback.run_to_end()
        timer.start(timeout_ms)
        if playback.state == "playing":
            loop.exec()
        playback.stateChanged.disconnect(check)
        playback.set_speed(speed)
        playback.pause()
        if playback.state == "error":
            raise GdError(Msg("the run failed; nothing to export"))
        if not timer.isActive():
            raise GdError(Msg("the run took too long to compute"))
        timer.stop()
    playback.seek(cursor)


def frame_steps(last: int, frames: int | None = None) -> list[int]:
    """The steps shown in a video: every step up to MAX_FRAMES, else evenly spaced."""
    n = min(last + 1, MAX_FRAMES) if frames is None else max(1, int(frames))
    if n == 1:
        return [last]
    return [int(round(v)) for v in np.linspace(0, last, n)]


def write_video(playback, grab: Callable[[], np.ndarray], redraw: Callable[[], None],
                path: str | Path, fps: float = 30.0, frames: int | None = None,
                size: tuple[int, int] | None = None,
                progress: Callable[[int, int], bool] | None = None) -> int:
    """Step through the computed run and write a GIF or an MP4 (by suffix).

    ``grab`` returns the view as an RGB array after ``redraw``; ``progress(i, n)``
    returning False cancels (the partial file is removed). Returns the frame count."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in VIDEO_SUFFIXES:
        raise GdError(Msg("{file}: a video must end in .gif or .mp4", file=path.name))
    imageio = video_writer_module(suffix)
    wait_until_finished(playback)
    cursor = playback.cursor
    steps = frame_steps(playback.last_row, frames)
    with AtomicWrite(path) as out:
        if suffix == ".mp4":
            writer = imageio.get_writer(out.path, fps=fps, codec="libx264", quality=8,
                                        macro_block_size=1, pixelformat="yuv420p",
                                        ffmpeg_log_level="error")
        else:
            writer = imageio.get_writer(out.path, mode="I", duration=1000.0 / fps, loop=0)
        done = 0
        try:
            for i, t in enumerate(steps):
                if progress is not None and not progress(i, len(steps)):
                    break
                playback.seek(t)
                redraw()
                frame = grab()
                if size is not None and frame.shape[1::-1] != tuple(size):
                    frame = _resize(frame, size)
                writer.append_data(even(frame) if suffix == ".mp4" else frame)
                done += 1
        finally:
            writer.close()
            playback.seek(cursor)
            redraw()
        if done < len(steps):
            out.discard()
    if done == len(steps) and progress is not None:
        progress(len(steps), len(steps))
    return done


def video_writer_module(suffix: str):
    """imageio (and imageio-ffmpeg for MP4), the optional ``video`` extra; a GdError that
    says how to install it when it is missing."""
    try:
        import imageio.v2 as imageio

        if suffix == ".mp4":
            import imageio_ffmpeg  # noqa: F401
    except ImportError:
        raise GdError(Msg('writing GIF or MP4 videos needs the optional video packages: '
                          'pip install "gdstudio[video]"')) from None
    return imageio


def _resize(frame: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    from PySide6.QtCore import Qt

    h, w = frame.shape[:2]
    img = QImage(frame.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return qimage_to_array(img.scaled(size[0], size[1],
                                      Qt.AspectRatioMode.IgnoreAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))


# -- trajectories --------------------------------------------------------------------------
def export_trajectories(scene, path: str | Path) -> None:
    """The scene's run as ``gdstudio run`` writes it: JSON for .json, else CSV."""
    from gdstudio.core import export
    from gdstudio.core.runner import run_scene

    path = Path(path)
    result = run_scene(scene)
    text = export.to_json(result) if path.suffix.lower() == ".json" else export.to_csv(result)
    write_text(path, text)


# -- the menu ------------------------------------------------------------------------------
class ExportMenu:
    """File > Export ... entries of a MainWindow."""

    def __init__(self, window):
        from PySide6.QtWidgets import QMenu

        self.window = window
        bar = window.menuBar()
        file_menu = next(a.menu() for a in bar.actions() if a.menu() is not None)
        self.menu = QMenu(translate("export", "&Export"), window)
        quit_action = next((a for a in file_menu.actions()
                            if a.objectName() == "quitAction"), None)
        sep = None
        if quit_action is not None:
            acts = file_menu.actions()
            i = acts.index(quit_action)
            sep = acts[i - 1] if i > 0 and acts[i - 1].isSeparator() else quit_action
        file_menu.insertMenu(sep, self.menu) if sep is not None else file_menu.addMenu(self.menu)
        add = self.menu.addAction
        if window.surface_view is not None:
            add(translate("export", "3D view as PNG...")).triggered.connect(self.picture_3d)
        add(translate("export", "Contour pane as PNG or SVG...")).triggered.connect(
            lambda: self.picture_2d(window.contour_view.plot))
        add(translate("export", "Loss plot as PNG or SVG...")).triggered.connect(
            lambda: self.picture_2d(window.plots_view.loss_plot))
        add(translate("export", "Run as GIF or MP4...")).triggered.connect(lambda: self.video())
        add(translate("export", "Trajectories as CSV or JSON...")).triggered.connect(
            self.trajectories)
        view_menu = next((a.menu() for a in bar.actions() if a.menu() is not None
                          and a.menu().objectName() == "viewMenu"), self.menu)
        self.copy_action = view_menu.addAction(translate("export", "Copy view to clipboard"))
        self.copy_action.setShortcut("Ctrl+Shift+C")
        self.copy_action.triggered.connect(self.copy_view)

    def _ask_path(self, title: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.window, title, "", filters)
        return Path(path) if path else None

    def _fail(self, e: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.window, translate("export", "Export failed"),
                            localize_error(e))

    def picture_3d(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        title = translate("export", "Export 3D view")
        text, ok = QInputDialog.getItem(self.window, title, translate("export", "Size:"),
                                        list(PICTURE_SIZES), 0, True)
        if not ok:
            return
        path = self._ask_path(title, translate("export", "PNG pictures (*.png)"))
        if path is None:
            return
        try:
            w = self.window
            save_png(decorate(render_3d(w.surface_view, parse_size(text)), self._title(),
                              run_legend(w.playback, w.surface_view.hidden)),
                     path.with_suffix(".png"))
        except (GdError, OSError, ValueError) as e:
            self._fail(e)

    def _title(self) -> str:
        scene = self.window.model.scene
        return scene.title if scene is not None else ""

    def copy_view(self) -> None:
        """The current pane (the contour pane when it has the focus or the pointer, else
        the 3D view) as a picture on the clipboard, ready to paste into a slide."""
        from PySide6.QtGui import QCursor, QGuiApplication
        from PySide6.QtWidgets import QApplication

        w = self.window
        cv, sv = w.contour_view, w.surface_view
        focus = QApplication.focusWidget()
        on_contour = (focus is not None and cv.isAncestorOf(focus)) or \
            cv.rect().contains(cv.mapFromGlobal(QCursor.pos()))
        if sv is None or on_contour:
            image = cv.plot.grab().toImage()
        else:
            image = sv.view.grabFramebuffer()
        QGuiApplication.clipboard().setImage(image)
        w.statusBar().showMessage(translate("export", "View copied to the clipboard"), 3000)

    def picture_2d(self, plot) -> None:
        path = self._ask_path(translate("export", "Export pane"),
                              translate("export", "PNG or SVG (*.png *.svg)"))
        if path is None:
            return
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_suffix(".png")
        try:
            export_plot(plot, path, width=1920 if path.suffix.lower() == ".png" else None)
        except (GdError, OSError) as e:
            self._fail(e)

    def video(self, path: Path | None = None, view: str | None = None,
              fps: float = 30.0) -> int:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QInputDialog, QProgressDialog

        w = self.window
        if view is None:
            try:
                video_writer_module(".gif")
            except GdError as e:
                self._fail(e)
                return 0
            view_3d = translate("export", "3D view")
            views = [translate("export", "contour pane")] + ([view_3d] if w.surface_view else [])
            text, ok = QInputDialog.getItem(w, translate("export", "Export run"),
                                            translate("export", "View:"), views, 0, False)
            if not ok:
                return 0
            view = "3d" if text == view_3d else "contour"
        if path is None:
            path = self._ask_path(translate("export", "Export run"),
                                  translate("export", "Videos (*.mp4 *.gif)"))
            if path is None:
                return 0
            if path.suffix.lower() not in VIDEO_SUFFIXES:
                path = path.with_suffix(".mp4")
        off = None
        if view == "3d" and w.surface_view is not None:
            off = Offscreen3D(w.surface_view, VIDEO_SIZE)
            title, legend, pb = self._title(), run_legend(w.playback, w.surface_view.hidden), \
                w.playback

            def grab() -> np.ndarray:
                counter = translate("Transport", "step %1 / %2").replace(
                    "%1", str(pb.cursor)).replace("%2", str(pb.total))
                return decorate(off.grab(), title, legend, counter)

            redraw = w.surface_view.redraw
        else:
            grab, redraw = (lambda: grab_contour(w.contour_view)), w.contour_view.redraw
        dialog = QProgressDialog(translate("export", "Writing frames..."),
                                 translate("export", "Cancel"), 0, 100, w)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)

        def progress(i: int, n: int) -> bool:
            dialog.setMaximum(n)
            dialog.setValue(i)
            return not dialog.wasCanceled()

        try:
            return write_video(w.playback, grab, redraw, path, fps=fps, progress=progress)
        except (GdError, OSError) as e:
            self._fail(e)
            return 0
        finally:
            dialog.close()
            dialog.deleteLater()
            if off is not None:
                off.close()

    def trajectories(self) -> None:
        scene = self.window.model.scene
        if scene is None:
            return
        path = self._ask_path(translate("export", "Export trajectories"),
                              translate("export", "CSV or JSON (*.csv *.json)"))
        if path is None:
            return
        try:
            export_trajectories(scene, path)
        except (GdError, OSError) as e:
            self._fail(e)
