"""Slide-ready exports through File > Export: a registered contour SVG, 3D pictures and
videos that carry the title, the run legend and (videos) the step counter, and
View > Copy view to clipboard."""

from pathlib import Path

import imageio.v3 as iio
import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFileDialog, QInputDialog

from gdstudio.gui.draw.palette import group_color
from gdstudio.gui.features.export import qimage_to_array

SCENE = {"title": "Slide test", "surface": {"builtin": "sphere"},
         "defaults": {"start": [-3.0, 2.0], "steps": 12},
         "run": [{"label": "plain", "optimizer": "sgd", "lr": 0.05},
                 {"label": "heavy", "optimizer": "sgd", "lr": 0.02, "momentum": 0.9,
                  "start": [3.0, -2.5]}]}


def _trigger(window, text: str) -> None:
    menu = window.exporter.menu
    action = next(a for a in menu.actions() if a.text() == text)
    action.trigger()


def _answer_dialogs(monkeypatch, path: Path, item: str | None = None) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    if item is not None:
        monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (item, True))


def _has_colour(region: np.ndarray, color: QColor, tol: int = 40) -> bool:
    rgb = np.array([color.red(), color.green(), color.blue()])
    return bool((np.abs(region[..., :3].astype(int) - rgb).max(axis=-1) < tol).any())


def _legend_and_title(image: np.ndarray, window) -> None:
    h, w = image.shape[:2]
    legend = image[: h // 3, : w // 4]
    for g, spec in enumerate(window.model.scene.runs):
        assert _has_colour(legend, group_color(g, spec.color)), spec.label
    title = image[: h // 12, w // 4: 3 * w // 4]
    assert _has_colour(title, QColor("#f0f0f5"), tol=30)       # the title's letters


def test_contour_svg_is_registered(make_window, finish, monkeypatch, tmp_path):
    w = make_window(SCENE, gl_ok=False)
    w.resize(1200, 800)
    finish(w)
    path = tmp_path / "contour.svg"
    _answer_dialogs(monkeypatch, path)
    _trigger(w, "Contour pane as PNG or SVG...")
    assert path.exists()
    plot = w.contour_view.plot
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(plot.width(), plot.height(), QImage.Format.Format_RGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, plot.width(), plot.height()))
    painter.end()
    pixels = qimage_to_array(image)
    vb = plot.getPlotItem().vb
    pb = w.playback
    color = group_color(0)
    for k in (2, 4):
        x, y = pb.W[pb.groups[0][0], k]
        p = plot.mapFromScene(vb.mapViewToScene(QPointF(float(x), float(y))))
        near = pixels[p.y() - 2: p.y() + 3, p.x() - 2: p.x() + 3]
        assert _has_colour(near, color, tol=50), (k, p)
    axis = plot.getAxis("bottom")       # its tick marks stand where their values are
    ticks = axis.tickValues(-5.12, 5.12, axis.width())[0][1]
    assert len(ticks) >= 3
    for x in ticks:
        foot = plot.mapFromScene(vb.mapViewToScene(QPointF(x, -5.12)))
        tick = pixels[foot.y() - 6: foot.y() + 6, foot.x() - 2: foot.x() + 3]
        t = tick.astype(int)
        grey = (np.abs(t[..., 0] - t[..., 1]) < 12) & (t[..., 2] - t[..., 0] < 20) \
            & (t[..., 0] > 55)           # the axis pen, antialiased: not viridis, not the bg
        assert grey.any(), (x, foot)


def test_3d_png_carries_title_and_legend(make_window, finish, monkeypatch, tmp_path):
    w = make_window(SCENE)
    if w.surface_view is None:
        return
    finish(w)
    path = tmp_path / "view.png"
    _answer_dialogs(monkeypatch, path, "1280x720")
    _trigger(w, "3D view as PNG...")
    image = iio.imread(path)
    assert image.shape[:2] == (720, 1280)
    _legend_and_title(image, w)


def test_3d_gif_frames_carry_legend_title_and_counter(make_window, finish, monkeypatch,
                                                      tmp_path):
    w = make_window(SCENE)
    if w.surface_view is None:
        return
    finish(w)
    path = tmp_path / "run.gif"
    _answer_dialogs(monkeypatch, path, "3D view")
    _trigger(w, "Run as GIF or MP4...")
    frames = iio.imread(path, index=None)
    first = frames[0][..., :3]
    _legend_and_title(first, w)
    h, wd = first.shape[:2]
    counter = frames[:, h - h // 10:, wd - wd // 4:, :3].astype(int)
    assert _has_colour(counter[0], QColor("#f0f0f5"), tol=30)
    assert np.abs(counter[0] - counter[-1]).max() > 60     # the step number changed


def test_copy_view_puts_the_contour_pane_on_the_clipboard(make_window, qtbot):
    w = make_window(SCENE)
    w.activateWindow()
    w.contour_view.plot.setFocus()
    qtbot.waitUntil(lambda: w.contour_view.plot.hasFocus())
    QGuiApplication.clipboard().clear()
    w.exporter.copy_action.trigger()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert (image.width(), image.height()) == (w.contour_view.plot.width(),
                                               w.contour_view.plot.height())
