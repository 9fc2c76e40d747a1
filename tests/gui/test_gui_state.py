"""What stays on screen from one surface, scene or lesson to the next: the hover read-out,
the scene's notes and the learning-rate axis."""

import itertools

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QPainter, QPixmap

from gdstudio.resources import resource_path
from tests.gui.user_path import choose


def hover(qtbot, cv, x: float, y: float, shows: str) -> None:
    """Move the mouse onto (x, y) until the read-out ``shows`` something: each try comes
    from the pane's corner and maps the point afresh, as the view may still be settling
    after a resize on a busy machine."""
    vb = cv.plot.getPlotItem().vb

    def shown() -> bool:
        qtbot.mouseMove(cv.plot.viewport(), QPoint(0, 0))
        qtbot.mouseMove(cv.plot.viewport(),
                        cv.plot.mapFromScene(vb.mapViewToScene(QPointF(x, y))))
        return shows in cv.readout.text()

    qtbot.waitUntil(shown, timeout=5000)


def test_hover_readout_keeps_the_panes_and_is_cleared_with_the_surface(qtbot, make_window):
    w = make_window({
        "title": "Long names",
        "surface": {"expr": "1000*(weight**2 + 30*bias**2)", "params": ["weight", "bias"],
                    "bounds": [[-3000.0, 3000.0], [-3000.0, 3000.0]]},
        "run": [{"optimizer": "sgd", "lr": 1e-4, "start": [2000.0, 1000.0], "steps": 20}]})
    w.resize(1100, 800)
    qtbot.wait(100)
    cv = w.contour_view
    sizes, height = w.top_split.sizes(), cv.readout.height()
    hover(qtbot, cv, -2987.5, -2951.25, shows="loss =")
    assert len(cv.readout.text()) > 70
    qtbot.wait(100)
    assert w.top_split.sizes() == sizes
    assert cv.readout.height() == height
    choose(qtbot, w.dock.surface_combo, "sphere")
    qtbot.waitUntil(lambda: w.contour_view.surface.params == ("x", "y"), timeout=3000)
    assert "weight" not in cv.readout.text() and "loss" not in cv.readout.text()
    assert w.top_split.sizes() == sizes


def test_a_scene_opened_after_a_lesson_shows_its_notes(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    assert w.notes.isVisible()
    w.lessons.lesson_actions[0].trigger()
    assert w.lessons.dock.isVisible() and not w.notes.isVisible()
    recent = [a for a in w.recent_menu.actions() if a.toolTip() == str(default_scene)]
    recent[0].trigger()
    assert not w.lessons.dock.isVisible()
    assert w.notes.isVisible()
    assert w.notes.text().startswith("The Rosenbrock function has a long, curved")


def log_axis(w) -> bool:
    return w.plots_view.lr_plot.getPlotItem().ctrl.logYCheck.isChecked()


def tick_labels(axis):
    pm = QPixmap(10, 10)
    p = QPainter(pm)
    try:
        specs = axis.generateDrawSpecs(p)
    finally:
        p.end()
    return [(rect, text) for rect, _flags, text in specs[2]]


def test_lr_axis_follows_one_rule(qtbot, make_window):
    lessons = sorted(resource_path("lessons").glob("*.toml"))
    w = make_window(next(p for p in lessons if p.name.startswith("14_")))
    assert not log_axis(w)          # one start rate: the cyclic schedule keeps its triangles
    lr = w.plots_view._preview_items[0].yData
    assert lr[20] - lr[10] == pytest.approx(lr[30] - lr[20])
    assert w.open_scene(next(p for p in lessons if p.name.startswith("04_")))
    assert log_axis(w)              # 0.1 against 0.004: rates 25 times apart
    assert w.open_scene(next(p for p in lessons if p.name.startswith("07_")))
    assert not log_axis(w)
    for _ in range(2):              # the same scene again: the same axis
        assert w.open_scene(resource_path("scenes", "default.toml"))
        assert log_axis(w)


def test_log_lr_axis_labels_never_overlap(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    assert log_axis(w)
    for height in (400, 90):
        w.split.setSizes([900 - height, height])
        qtbot.wait(100)
        axis = w.plots_view.lr_plot.getAxis("left")
        labels = tick_labels(axis)
        assert len(labels) >= 1, height
        for (a, ta), (b, tb) in itertools.combinations(labels, 2):
            assert not a.intersects(b), (height, ta, tb)
