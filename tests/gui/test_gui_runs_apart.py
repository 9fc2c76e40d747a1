"""Runs told apart: the selected run is emphasised everywhere and picked by a click on
its path or legend entry; end markers never cover one another; 3D paths stay above the
mesh; runs with the same learning rate both show in the LR plot."""

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt


def _widget_point(view, x, y) -> QPoint:
    """The contour plot widget's pixel showing data point (x, y)."""
    vb = view.plot.getPlotItem().vb
    scene = vb.mapViewToScene(QPointF(x, y))
    return view.plot.mapFromScene(scene)


def test_click_on_path_selects_that_run_everywhere(make_window, default_scene, finish, qtbot):
    w = make_window(default_scene)
    finish(w)
    cv = w.contour_view
    assert w.model.selected == 0
    pb = w.playback
    i = pb.groups[3][0]
    x, y = pb.W[i, 30]
    qtbot.mouseClick(cv.plot.viewport(), Qt.MouseButton.LeftButton,
                     pos=_widget_point(cv, x, y))
    qtbot.waitUntil(lambda: w.model.selected == 3)
    items = cv._run_items
    widths = [it["line"].opts["pen"].widthF() for it in items]
    alphas = [it["line"].opts["pen"].color().alphaF() for it in items]
    assert widths[3] > max(widths[:3])
    assert alphas[3] == 1.0 and max(alphas[:3]) < 0.6
    assert items[3]["line"].zValue() > max(it["line"].zValue() for it in items[:3])
    loss = w.plots_view.loss_pens()
    assert loss[3].widthF() > max(p.widthF() for p in loss[:3])
    assert max(p.color().alphaF() for p in loss[:3]) < 0.6
    assert w.transport.selected_row() == 3
    if w.surface_view is not None:
        drawn = w.surface_view.selected_path()
        assert len(drawn) and np.allclose(drawn, w.surface_view.drawn_path(3))
    assert tuple(w.model.runs_raw()[0].get("start", (-1.5, 2.0))) == (-1.5, 2.0)


def test_click_on_legend_entry_selects_the_run(make_window, default_scene, finish, qtbot):
    w = make_window(default_scene)
    finish(w)
    cv = w.contour_view
    sample, _label = cv.legend.items[2]
    pos = cv.plot.mapFromScene(sample.sceneBoundingRect().center())
    qtbot.mouseClick(cv.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: w.model.selected == 2)
    assert cv._run_items[2]["head"].isVisible()
    widths = [it["line"].opts["pen"].widthF() for it in cv._run_items]
    assert widths[2] == max(widths) and widths.count(widths[2]) == 1


TOGETHER = {"title": "three together", "surface": {"builtin": "sphere"},   # runs that end
            "defaults": {"start": [1.0, 1.0], "steps": 5},              # at one point
            "run": [{"label": "A", "optimizer": "sgd", "lr": 0.01},
                    {"label": "B", "optimizer": "sgd", "lr": 0.0100001},
                    {"label": "C", "optimizer": "sgd", "lr": 0.0099999}]}


def test_end_markers_that_meet_are_moved_apart(make_window, qtbot, finish):
    w = make_window(TOGETHER)
    finish(w)
    rects = list(w.contour_view.head_rects().values())
    assert len(rects) == 3
    for a in range(3):
        for b in range(a + 1, 3):
            assert not rects[a].intersects(rects[b])
    leaders = [it["leader"] for it in w.contour_view._run_items]
    tied = [it for it in leaders if it.getData()[0] is not None and len(it.getData()[0]) == 2]
    assert len(tied) == 2          # the moved markers point back to where their runs are


def test_3d_path_is_drawn_above_the_mesh(make_window, default_scene, finish):
    w = make_window(default_scene)
    if w.surface_view is None:
        return
    finish(w)
    sv = w.surface_view
    from gdstudio.gui.views.surface_view import LIFT

    for g in range(4):
        seg = sv.drawn_path(g).astype(float)
        assert len(seg)
        under = sv.mesh_height(seg[:, 0], seg[:, 1])
        assert (seg[:, 2] >= under + LIFT - 1e-5).all()


def test_same_rate_runs_both_show_in_the_lr_plot(make_window, default_scene, finish):
    w = make_window(default_scene)
    finish(w)
    pens = w.plots_view.lr_pens()
    items = w.plots_view._lr_items
    assert np.allclose(items[0].yData, items[1].yData)       # SGD and Momentum: same lr
    assert pens[0].widthF() > pens[1].widthF()               # SGD shows round Momentum
    assert items[1].zValue() > items[0].zValue()


def test_diverged_label_is_not_under_the_legend(make_window, finish):
    scene = {"title": "blow up", "surface": {"builtin": "rosenbrock"},
             "defaults": {"start": [1.8, 2.8], "steps": 40},
             "run": [{"label": "SGD", "optimizer": "sgd", "lr": 0.05},
                     {"label": "calm", "optimizer": "sgd", "lr": 0.0001}]}
    w = make_window(scene)
    finish(w)
    cv = w.contour_view
    assert cv._div_labels, "the run should have diverged"
    box = cv.legend.sceneBoundingRect()
    for label in cv._div_labels:
        assert not label.sceneBoundingRect().intersects(box)


def _diverging_lesson_3(qtbot, make_window):
    """Lesson 3 from the Lessons menu with its last run's rate raised until it blows up."""
    import copy

    w = make_window()
    w.lessons.lesson_actions[2].trigger()
    qtbot.waitUntil(lambda: w.model.scene is not None and w.model.scene.lesson is not None)
    raw = copy.deepcopy(w.model.raw)
    raw["defaults"]["steps"] = 400
    raw["run"][2]["lr"] = 0.6
    raw["run"][2]["label"] = "lr 0.6, diverges"
    w.model.load_dict(raw)
    return w


def test_diverged_label_in_lesson_3_clears_the_legend_at_1366x768(make_window, finish, qtbot):
    from PySide6.QtCore import QRect

    w = _diverging_lesson_3(qtbot, make_window)
    w.setGeometry(0, 0, 1366, 768)
    qtbot.waitUntil(lambda: w.geometry() == QRect(0, 0, 1366, 768), timeout=5000)
    finish(w)
    cv = w.contour_view
    for where in ("window", "presenter"):
        if where == "presenter":
            w.presenter.fit_rect = QRect(0, 0, 1366, 768)
            w.presenter.toggle_action.trigger()
            qtbot.wait(300)
        qtbot.wait(50)
        rects = cv.label_rects()
        assert len(rects) == 1, "the lr 0.6 run should have diverged"
        box = cv.legend.sceneBoundingRect()
        pane = cv.plot.getPlotItem().vb.sceneBoundingRect()
        for r in rects:
            assert not r.intersects(box), f"{where}: label {r} under the legend {box}"
            assert pane.adjusted(-1, -1, 1, 1).contains(r), f"{where}: label {r} leaves {pane}"
    w.presenter.toggle_action.trigger()


def _drawn(qtbot, w):
    """Paint the 3D view now and return its overlays' labels and markers as drawn."""
    w.surface_view.view.grabFramebuffer()
    qtbot.wait(50)
    sv = w.surface_view
    return sv.axis_labels.placed, sv.markers.placed


@pytest.mark.parametrize("mode", ["window", "presenter"])
def test_3d_loss_title_clears_its_tick_labels(make_window, default_scene, finish, qtbot, mode):
    from PySide6.QtCore import QRect

    w = make_window(default_scene)
    if w.surface_view is None:
        return
    w.setGeometry(0, 0, 1366, 768)
    if mode == "presenter":
        w.presenter.fit_rect = QRect(0, 0, 1366, 768)
        w.presenter.toggle_action.trigger()
        qtbot.wait(300)
    finish(w)
    labels, _markers = _drawn(qtbot, w)
    title = [(lab, r) for lab, r, _at in labels if lab.text.startswith("loss")]
    assert len(title) == 1
    view = QRectF(w.surface_view.view.rect())
    for lab, r, _at in labels:
        if lab is not title[0][0]:
            assert not r.intersects(title[0][1]), f"{lab.text!r} {r} under the title"
    assert view.contains(title[0][1])
    if mode == "presenter":
        w.presenter.toggle_action.trigger()


def test_3d_end_markers_that_meet_are_moved_apart(make_window, qtbot, finish):
    w = make_window(TOGETHER)
    if w.surface_view is None:
        return
    finish(w)
    _labels, markers = _drawn(qtbot, w)
    heads = [(m, true, at) for m, true, at in markers if m.brush is not None]
    assert len(heads) == 3
    for (m1, _t1, a), (m2, _t2, b) in itertools.combinations(heads, 2):
        gap = max(abs(a.x() - b.x()), abs(a.y() - b.y()))
        assert gap >= (m1.size + m2.size) / 2, f"markers drawn {gap:.1f} px apart"
    assert sum(true != at for _m, true, at in heads) == 2     # two moved, tied back
