"""The real window on real scenes: what is drawn is what the runner computed."""

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from gdstudio.core.runner import run_scene
from gdstudio.core.scene import load_scene


def image_array(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_RGBA8888)
    a = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    return a.reshape(img.height(), img.bytesPerLine() // 4, 4)[:, : img.width(), :3].copy()


def colour_variety(img: QImage) -> int:
    a = image_array(img).reshape(-1, 3).astype(np.int64)
    return len(np.unique(a[:, 0] << 16 | a[:, 1] << 8 | a[:, 2]))


def test_window_opens_on_default_scene(make_window, default_scene):
    w = make_window(default_scene)
    scene = load_scene(default_scene)
    assert w.windowTitle().replace("[*]", "") == f"gdstudio — {scene.title}"
    assert len(w.playback.runs) == len(scene.runs)
    assert w.surface_view is not None
    assert w.playback.state in ("paused", "playing")


def test_drawn_trajectory_equals_runner(qtbot, make_window, default_scene, finish):
    w = make_window(default_scene)
    finish(w)
    result = run_scene(load_scene(default_scene))
    contour, view = w.contour_view, w.surface_view
    for g, run in enumerate(result.runs):
        line = contour._run_items[g]["line"]
        x, y = line.getData()
        np.testing.assert_array_equal(x, run.x)
        np.testing.assert_array_equal(y, run.y)
        rows = view.box_points(np.column_stack([run.x, run.y]), run.loss).astype(np.float32)
        where = {p.tobytes(): k for k, p in enumerate(rows)}
        ends = view.drawn_path(g).reshape(-1, 2, 3)
        np.testing.assert_array_equal(ends[1:, 0], ends[:-1, 1])      # one line, unbroken
        drawn = [where[p.tobytes()] for p in np.vstack([ends[:1, 0], ends[:, 1]])]
        assert drawn[0] == 0 and drawn[-1] == len(rows) - 1         # first to last row,
        assert (np.diff(drawn) > 0).all()                           # through rows, in order
        assert w.playback.status(g) == (run.status, int(run.step[-1]))
        loss_x, loss_y = w.plots_view._loss_items[g].getData()
        np.testing.assert_array_equal(loss_y, run.loss)
    assert len(view._items["path"].pos) == sum(len(view.drawn_path(g))
                                               for g in range(len(result.runs)))


def test_drawn_pixels_are_not_blank(qtbot, make_window, default_scene, finish):
    w = make_window(default_scene)
    finish(w)
    gl_image = w.surface_view.view.grabFramebuffer()
    assert gl_image.width() > 100
    assert colour_variety(gl_image) > 200
    assert colour_variety(w.contour_view.plot.grab().toImage()) > 200
    assert colour_variety(w.grab().toImage()) > 500


def test_reset_view_button_restores_camera(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    view = w.surface_view.view
    before = dict(view.cameraParams())
    view.setCameraPosition(distance=20, elevation=80, azimuth=10)
    w.surface_view.reset_button.click()
    after = view.cameraParams()
    assert after["distance"] == before["distance"]
    assert after["elevation"] == before["elevation"]


def test_main_opens_the_default_scene(qtbot, qapp, monkeypatch):
    from PySide6.QtCore import QTimer

    from gdstudio.gui.app import launch as app
    from gdstudio.gui.app.main_window import MainWindow

    seen = {}

    def check():
        wins = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)
                and w.isVisible()]
        if not wins or not wins[-1].playback.runs:
            QTimer.singleShot(50, check)
            return
        w = wins[-1]
        seen["title"] = w.windowTitle().replace("[*]", "")
        seen["gl"] = w.surface_view is not None
        w.discard_on_close = True
        w.close()

    monkeypatch.setattr(MainWindow, "offer_recovery", lambda self, ask=None: False)
    QTimer.singleShot(100, check)
    QTimer.singleShot(15000, qapp.quit)
    assert app.main() == 0
    assert seen["title"].startswith("gdstudio — Four optimizers")
    assert seen["gl"]


def test_without_opengl_the_2d_views_work_and_say_so(qtbot, make_window, default_scene, finish):
    w = make_window(default_scene, gl_ok=False)
    finish(w)
    note = w.findChild(type(w.notes), "noGlNote")
    assert note is not None and note.isVisible() and "3D view off" in note.text()
    assert len(w.contour_view._run_items[0]["line"].getData()[0]) == 1501


def test_gl_probe_reports_opengl(qapp):
    from gdstudio.gui.app.launch import probe_gl

    ok, note = probe_gl()
    assert ok, note


def _bundled():
    from gdstudio.resources import resource_path

    return sorted(resource_path("scenes").glob("*.toml"))


@pytest.mark.parametrize("path", _bundled(), ids=lambda p: p.stem)
def test_every_bundled_scene_runs_in_the_window(qtbot, make_window, finish, path):
    w = make_window(path, grid_n=60)
    finish(w)
    result = run_scene(load_scene(path))
    pb = w.playback
    assert [pb.ended[i][0] for i in range(len(result.runs))] == [r.status for r in
                                                                 result.runs]
    for arr in w.surface_view.gl_arrays():
        assert np.isfinite(np.asarray(arr, dtype=float)).all()
    assert colour_variety(w.surface_view.view.grabFramebuffer()) > 100


def test_the_application_has_the_gdstudio_icon(qapp):
    from PySide6.QtGui import QIcon

    from gdstudio.gui.app.launch import set_identity

    qapp.setWindowIcon(QIcon())
    set_identity(qapp)
    try:
        image = qapp.windowIcon().pixmap(64, 64).toImage()
        assert not image.isNull() and image.width() == 64
        colours = {image.pixel(x, y) for x in range(0, 64, 4) for y in range(0, 64, 4)}
        assert len(colours) > 5
        assert qapp.desktopFileName() == "gdstudio"
    finally:
        qapp.setWindowIcon(QIcon())


def test_no_empty_legend_box_sits_in_the_contour_pane(qtbot, make_window, default_scene):
    import pyqtgraph as pg

    w = make_window(default_scene)
    qtbot.wait(100)
    legends = [i for i in w.contour_view.plot.scene().items() if isinstance(i, pg.LegendItem)]
    assert legends
    for legend in legends:
        assert legend.items or not legend.isVisible()


def test_each_run_has_its_shape_in_the_3d_view(qtbot, make_window, default_scene):
    from gdstudio.gui.draw.palette import group_symbol

    w = make_window(default_scene)
    w.playback.seek(20)
    qtbot.waitUntil(lambda: w.playback.cursor == 20)
    markers = w.surface_view.markers.markers
    runs = len(w.playback.scene.runs)
    assert [m.symbol for m in markers] == [group_symbol(g) for g in range(runs)
                                           for _ in (0, 1)]
    heads = [m for m in markers if m.brush is not None]
    assert len(heads) == runs and all(len(m.pos) == 1 for m in heads)
    assert all(np.isfinite(m.pos).all() for m in markers)


def test_window_shows_the_3d_frame_as_exported(qtbot, make_window, default_scene, finish):
    """What the window shows of the 3D view (its surface, paths, markers and axis labels)
    is the exported frame, pixel for pixel, and the frame is opaque: translucent lines
    (ghost paths, shadows) do not leave see-through pixels in a picture."""
    from PySide6.QtCore import QPoint, QRect

    w = make_window(default_scene)
    finish(w)
    view = w.surface_view.view
    frame = view.grabFramebuffer()
    argb = frame.convertToFormat(QImage.Format.Format_ARGB32)
    alpha = np.frombuffer(argb.constBits(), np.uint8).reshape(argb.height(), -1, 4)[..., 3]
    assert (alpha == 255).all()
    shown = w.grab(QRect(view.mapTo(w, QPoint(0, 0)), view.size())).toImage()
    drawn = image_array(frame.convertToFormat(shown.format()))   # the display's depth
    shown = image_array(shown)
    covered = np.zeros(drawn.shape[:2], bool)
    for child in view.findChildren(QWidget):
        if child.isVisible():
            g = child.geometry()
            covered[g.top(): g.bottom() + 1, g.left(): g.right() + 1] = True
    assert shown.shape == drawn.shape
    np.testing.assert_array_equal(shown[~covered], drawn[~covered])
    labels = (drawn.min(axis=2) > 235).sum()       # white axis titles painted on the frame
    assert labels > 50
