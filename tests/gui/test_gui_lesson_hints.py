"""Every lesson's caption is drawn: each `[lesson] show` hint, the test loss of a
`test_shift`, and the axis scales a lesson fixes. Lessons are opened through the real
Lessons menu entry; the items are checked for their data and, where it is the point,
for their pixels."""

import numpy as np
import pytest
from PySide6.QtGui import QColor

from gdstudio.core.lessons import find_lesson, list_lessons
from gdstudio.core.lessons import test_surface as shifted
from gdstudio.core.runner import run_scene
from gdstudio.core.scene import build_surface, load_scene
from gdstudio.gui.draw.palette import GRADIENT, STEP, SWA, TEST

LESSONS = list_lessons()


def open_lesson(qtbot, w, lesson_id):
    """Click the lesson's entry in the Lessons menu; wait for its first rows."""
    n = next(i for i, le in enumerate(LESSONS) if le.id == lesson_id) + 1
    action = next(a for a in w.lessons.menu.actions() if a.text().startswith(f"{n}. "))
    action.trigger()
    qtbot.waitUntil(lambda: w.model.path == find_lesson(lesson_id).path.resolve(),
                    timeout=5000)
    qtbot.waitUntil(lambda: w.playback.rows > 2, timeout=10000)


AVERAGES = "Averaged points (SWA, ASGD)"

ASGD_SCENE = """
[surface]
expr = "(x - 1)**2 + 3*(y + 0.5)**2"
bounds = [[-3, 3], [-3, 3]]

[[run]]
label = "ASGD"
optimizer = "asgd"
lr = 0.15
t0 = 10
start = [-2.5, 2.0]
steps = 80

[[run]]
label = "SGD"
optimizer = "sgd"
lr = 0.05
start = [2.5, 2.5]
steps = 80
"""


def view_action(w, text):
    menu = next(a.menu() for a in w.menuBar().actions()
                if a.menu() is not None and a.menu().objectName() == "viewMenu")
    return next(a for a in menu.actions() if a.text() == text)


def seek(qtbot, w, t):
    w.playback.seek(t)
    qtbot.waitUntil(lambda: w.playback.cursor == t, timeout=5000)
    qtbot.wait(60)


def colour_pixels(widget, hex_colour, tol=40):
    """How many pixels of the widget's picture are within ``tol`` of the colour."""
    img = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_RGB32)
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    bgra = buf.reshape(img.height(), img.bytesPerLine() // 4, 4)[:, :img.width()]
    c = QColor(hex_colour)
    target = np.array([c.blue(), c.green(), c.red()], dtype=int)
    return int((np.abs(bgra[..., :3].astype(int) - target).max(axis=2) <= tol).sum())


def legend_labels(legend):
    return [label.text for _sample, label in legend.items]


def test_update_rule_lesson_draws_the_gradient_and_the_step(make_window, qtbot):
    w = make_window()
    cv, sv, pb = w.contour_view, w.surface_view, w.playback
    assert colour_pixels(cv, GRADIENT) == 0
    open_lesson(qtbot, w, "update-rule")
    arrows = view_action(w, "Gradient arrows")
    assert arrows.isChecked()
    seek(qtbot, w, 1)
    scene = w.model.scene
    surface = build_surface(scene)
    wt, nxt = pb.W[0, 1], pb.W[0, 2]
    (g0, s0) = cv.arrows.arrows
    assert cv.arrows.isVisible() and g0[2] == "grad" and s0[2] == "step"
    np.testing.assert_allclose(g0[0], wt)
    grad = np.array([float(v[0]) for v in surface.grad(np.array([wt[0]]), np.array([wt[1]]))])
    direction = (g0[1] - g0[0]) / np.linalg.norm(g0[1] - g0[0])
    np.testing.assert_allclose(direction, -grad / np.linalg.norm(grad), atol=1e-12)
    np.testing.assert_allclose(s0[0], wt)
    np.testing.assert_allclose(s0[1], nxt, atol=1e-12)
    np.testing.assert_allclose(cv.step_dots.data["x"], pb.W[0, :2, 0])
    assert {"−gradient (scaled)", "step applied"} <= set(legend_labels(cv.legend))
    assert colour_pixels(cv, GRADIENT) > 100 and colour_pixels(cv, STEP) > 50

    (a3, b3, kind) = sv.arrows.arrows[0]
    assert kind == "grad"
    np.testing.assert_allclose(a3, sv.box_points(wt, pb.L[0, 1]), atol=1e-7)
    assert len(sv.step_dots.pos) == 2
    assert sv.legend.isVisible() and "−gradient" in sv.legend.text()

    arrows.trigger()                              # View > Gradient arrows, off
    qtbot.wait(60)
    assert not cv.arrows.arrows and not sv.arrows.arrows and len(cv.step_dots.data) == 0
    assert colour_pixels(cv, GRADIENT) == 0
    assert "−gradient (scaled)" not in legend_labels(cv.legend)


def test_arrows_move_with_the_cursor_and_leave_with_the_lesson(make_window, qtbot):
    w = make_window()
    pb = w.playback
    open_lesson(qtbot, w, "update-rule")
    seek(qtbot, w, 5)
    np.testing.assert_allclose(w.contour_view.arrows.arrows[0][0], pb.W[0, 5])
    open_lesson(qtbot, w, "convex-bowl")
    assert not view_action(w, "Gradient arrows").isChecked()
    assert not w.contour_view.arrows.arrows


def test_swa_lesson_draws_the_average_the_core_computes(make_window, qtbot, finish):
    w = make_window()
    open_lesson(qtbot, w, "swa")
    assert view_action(w, AVERAGES).isChecked()
    finish(w)
    swa = run_scene(load_scene(find_lesson("swa").path)).runs[0].swa
    cv, sv = w.contour_view, w.surface_view
    assert cv.swa_marker.isVisible()
    np.testing.assert_allclose(cv.swa_marker.data["x"], [swa.x], rtol=1e-9)
    np.testing.assert_allclose(cv.swa_marker.data["y"], [swa.y], rtol=1e-9)
    assert "SWA average" in legend_labels(cv.legend)
    assert colour_pixels(cv, SWA, tol=30) > 100
    (m,) = sv.swa_markers.markers
    assert m.symbol == "star"
    np.testing.assert_allclose(m.pos[0], sv.box_points(np.array([swa.x, swa.y]),
                                                       np.float64(swa.loss)), atol=1e-6)
    assert "SWA average" in sv.legend.text()
    seek(qtbot, w, 50)                            # before swa.start: nothing averaged yet
    assert len(cv.swa_marker.data) == 0 and not sv.swa_markers.markers


def test_asgd_average_is_drawn_like_the_swa_point(make_window, qtbot, finish, tmp_path):
    path = tmp_path / "asgd.toml"
    path.write_text(ASGD_SCENE)
    w = make_window(path)
    finish(w)
    state = run_scene(load_scene(path), state=True).runs[0].state["ax"]
    cv, sv = w.contour_view, w.surface_view
    for t in (60, 80):
        seek(qtbot, w, t)
        np.testing.assert_allclose(cv.swa_marker.data["x"], [state[t, 0]], rtol=1e-9)
        np.testing.assert_allclose(cv.swa_marker.data["y"], [state[t, 1]], rtol=1e-9)
    assert "ASGD average (ax)" in legend_labels(cv.legend)
    assert "SWA average" not in legend_labels(cv.legend)
    assert colour_pixels(cv, SWA, tol=30) > 100
    (m,) = sv.swa_markers.markers
    assert m.symbol == "star" and len(m.pos) == 1
    assert "ASGD average (ax)" in sv.legend.text()
    view_action(w, AVERAGES).trigger()             # View > Averaged points: off
    qtbot.wait(60)
    assert len(cv.swa_marker.data) == 0 and not sv.swa_markers.markers
    assert "ASGD average (ax)" not in legend_labels(cv.legend)


@pytest.mark.parametrize("lesson_id, run", [("saddle-point", "SGD, batch 1"),
                                            ("one-sample-sgd", "one sample")])
def test_sample_contour_lessons_show_the_batch_loss(make_window, qtbot, lesson_id, run):
    w = make_window()
    open_lesson(qtbot, w, lesson_id)
    a = w.analysis
    assert a.stochastic_action.isChecked()
    assert w.model.scene.runs[w.model.selected].label == run
    seek(qtbot, w, 3)
    batch = w.contour_view.overlay("batch")
    assert batch and all(item.isVisible() for item in batch)
    assert len(w.surface_view.batch_loss_lines()) > 0
    assert colour_pixels(w.contour_view, "#F0E442", tol=30) > 100
    if "critical_points" in find_lesson(lesson_id).show:
        qtbot.waitUntil(a.critical_action.isChecked, timeout=5000)
        kinds = {item.kind for item in w.contour_view.critical_items()}
        assert kinds == {"minimum", "saddle"}
    open_lesson(qtbot, w, "batch-sizes")          # no such hint: the view it forced goes
    assert not a.stochastic_action.isChecked() and not w.contour_view.overlay("batch")


def test_flat_sharp_lesson_shows_the_test_loss(make_window, qtbot, finish):
    w = make_window(grid_n=160)
    open_lesson(qtbot, w, "flat-sharp")
    finish(w)
    cv, plots, sv, pb = w.contour_view, w.plots_view, w.surface_view, w.playback
    assert cv.test_isolines and all(i.isVisible() for i in cv.test_isolines)
    assert cv.test_isolines[0].pen.color().name() == QColor(TEST).name()
    assert "test loss (shifted)" in legend_labels(cv.legend)
    assert colour_pixels(cv, TEST, tol=30) > 200
    test = shifted(w.model.scene, w.model.surface)
    for g, item in enumerate(plots._test_items):
        x, y = item.getData()
        assert item.isVisible() and len(x) == pb.rows
        np.testing.assert_allclose(y, test.loss(pb.W[g, :, 0], pb.W[g, :, 1]), rtol=1e-12)
    assert plots.loss_legend.isVisible()
    assert "test loss (dashed)" in legend_labels(plots.loss_legend)
    sharp = pb.W[1, pb.current(1)]                # the mesh reaches the sharp well's bottom
    end = sv.box_points(sharp, pb.L[1, pb.current(1)])
    near = np.linalg.norm(sv.mesh.pos[:, :2] - end[:2], axis=1)
    k = int(np.argmin(near))
    assert near[k] < 1e-3 and abs(sv.mesh.pos[k, 2] - (end[2] - 0.012)) < 1e-3
    open_lesson(qtbot, w, "lr-decay")
    assert not cv.test_isolines and not plots._test_items
    assert not plots.loss_legend.isVisible()


def test_lessons_fix_the_axis_scales_their_captions_need(make_window, qtbot):
    w = make_window()
    plots = w.plots_view
    open_lesson(qtbot, w, "momentum-adam")        # "crawls": a log loss axis
    assert plots.log_box.isChecked()
    assert plots.loss_plot.getPlotItem().getAxis("left").logMode
    open_lesson(qtbot, w, "cyclic-lr")            # "climbs linearly": a linear lr axis
    assert not plots.log_box.isChecked()
    assert not plots.lr_plot.getPlotItem().getAxis("left").logMode
    open_lesson(qtbot, w, "reduce-on-plateau")    # no flat future for a plateau schedule
    assert plots._preview_items[0].getData()[1] is None
    assert plots.plateau_note.isVisible()
    open_lesson(qtbot, w, "lr-decay")
    assert not plots.plateau_note.isVisible()
