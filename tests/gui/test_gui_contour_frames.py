"""The contour pane while runs play: a frame draws only the new steps of the paths and
none of the still picture (heat map, isolines), yet after a zoom, a resize or a new
selection the pane shows exactly what drawing it afresh shows."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsItem

from gdstudio.gui.draw.palette import group_color
from gdstudio.gui.views.contour_view import PathItem
from tests.gui.test_gui_language_switch import _wheel

SCENE = {"title": "two runs", "surface": {"builtin": "rosenbrock"},
         "run": [{"label": "a", "optimizer": "sgd", "lr": 0.0005, "steps": 3000,
                  "start": [-1.5, 2.0]},
                 {"label": "b", "optimizer": "adam", "lr": 0.002, "steps": 3000,
                  "start": [1.5, -0.5]}]}


def _pixels(image: QImage) -> np.ndarray:
    img = image.convertToFormat(QImage.Format.Format_RGB888)
    h, bpl = img.height(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=bpl * h).reshape(h, bpl)
    return buf[:, :img.width() * 3].reshape(h, img.width(), 3).copy()


def _grab(cv) -> np.ndarray:
    return _pixels(cv.plot.grab().toImage())


def _fresh_grab(cv) -> np.ndarray:
    """The pane drawn afresh: new run items, no item drawn from a cache."""
    cv.rebuild_runs()
    items = cv.plot.scene().items()
    modes = [item.cacheMode() for item in items]
    for item in items:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        return _grab(cv)
    finally:
        for item, mode in zip(items, modes, strict=True):
            item.setCacheMode(mode)


def _pixel_of(cv, x: float, y: float) -> tuple[int, int]:
    """The pane's pixel (column, row) that shows data point (x, y)."""
    vb = cv.plot.getPlotItem().vb
    p = cv.plot.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
    return p.x(), p.y()


def test_a_playing_frame_draws_the_new_steps_only_and_not_the_heat_map(
        make_window, qtbot, monkeypatch):
    strokes, heat_paints = [], []
    stroke, paint = PathItem._stroke, pg.ImageItem.paint
    monkeypatch.setattr(PathItem, "_stroke", lambda self, p, first: (
        strokes.append((first, self.points.shape[1])), stroke(self, p, first))[1])
    monkeypatch.setattr(pg.ImageItem, "paint", lambda self, *a: (
        heat_paints.append(self), paint(self, *a))[1])
    w = make_window(SCENE)
    pb, cv = w.playback, w.contour_view
    pb.set_speed(400.0)
    pb.play()
    qtbot.waitUntil(lambda: pb.cursor >= 600, timeout=20000)
    strokes.clear()
    heat_paints.clear()
    start = pb.cursor
    qtbot.waitUntil(lambda: pb.cursor >= 1400, timeout=20000)
    pb.pause()
    qtbot.wait(50)
    added = pb.cursor - start
    assert len(strokes) >= 4                   # the pane was drawn while the runs played
    drawn = sum(n - first for first, n in strokes)
    assert drawn <= 2 * (added + len(strokes)) + 2 * pb.cursor    # no path redrawn each frame
    assert sum(first == 0 for first, _ in strokes) <= 2
    assert not heat_paints
    x, y = cv._run_items[0]["line"].getData()
    path = pb.W[pb.groups[0][0], :pb.row(pb.cursor) + 1]
    assert np.array_equal(np.column_stack([x, y]), path)


def _share_on_path(cv, image: np.ndarray, pts: np.ndarray, color: QColor) -> float:
    """Of the points ``pts`` inside the plot area, the share whose pixel has ``color``."""
    rgb = np.array([color.red(), color.green(), color.blue()])
    area = cv.plot.mapFromScene(cv.plot.getPlotItem().vb.sceneBoundingRect()).boundingRect()
    hits = []
    for p in pts:
        col, row = _pixel_of(cv, *p)
        if area.adjusted(4, 4, -4, -4).contains(col, row):
            hits.append(np.abs(image[row, col].astype(int) - rgb).max() <= 2)
    assert len(hits) >= 10
    return float(np.mean(hits))


@pytest.mark.parametrize("change", ["zoom", "resize", "select"])
def test_the_pane_after_a_change_shows_what_a_fresh_draw_shows(
        make_window, finish, qtbot, change):
    w = make_window(SCENE)
    finish(w)
    cv, pb = w.contour_view, w.playback
    qtbot.wait(50)
    before = _grab(cv)
    path = pb.W[pb.groups[0][0], :pb.row(pb.cursor) + 1:10]
    if change == "zoom":
        _wheel(cv.plot, 3)
    elif change == "resize":
        w.resize(w.width() + 160, w.height() + 90)
    else:
        sample, _label = cv.legend.items[1]
        pos = cv.plot.mapFromScene(sample.sceneBoundingRect().center())
        qtbot.mouseClick(cv.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.waitUntil(lambda: w.model.selected == 1)
    qtbot.wait(100)
    after = _grab(cv)
    assert not np.array_equal(before, after)
    if change != "select":                  # the selected run's path lies on its points
        assert _share_on_path(cv, after, path, group_color(0, None)) >= 0.7
    assert np.array_equal(after, _fresh_grab(cv))


def test_playing_frames_do_not_stroke_the_isolines_again(make_window, qtbot, monkeypatch):
    """The isolines change only with the zoom and the pane's size: frames that draw the
    runs' new steps blit them, they do not stroke their paths again."""
    from gdstudio.gui.views import contour_view

    stroked = []
    paint = pg.IsocurveItem.paint
    monkeypatch.setattr(pg.IsocurveItem, "paint", lambda self, *a: (
        stroked.append(self), paint(self, *a))[1])
    layer = getattr(contour_view, "IsolineLayer", None)
    if layer is not None:
        stroke = layer._stroke
        monkeypatch.setattr(layer, "_stroke", lambda self, p: (
            stroked.append(self), stroke(self, p))[1])
    w = make_window(SCENE)
    pb, cv = w.playback, w.contour_view
    painted = []
    path_paint = PathItem.paint
    monkeypatch.setattr(PathItem, "paint", lambda self, *a: (
        painted.append(pb.cursor), path_paint(self, *a))[1])
    pb.set_speed(400.0)
    pb.play()
    qtbot.waitUntil(lambda: pb.cursor >= 300, timeout=20000)
    stroked.clear()
    painted.clear()
    qtbot.waitUntil(lambda: pb.cursor >= 1200, timeout=20000)
    pb.pause()
    assert len(set(painted)) >= 4                  # the pane was repainted while playing
    assert not stroked
    _wheel(cv.plot, 2)
    qtbot.wait(100)
    assert stroked                                 # a zoom draws them at the new scale
