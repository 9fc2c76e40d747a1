"""The parameter dock edits the scene model; problems are the CLI's own messages."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from gdstudio.core.errors import SceneError
from gdstudio.core.scene import scene_from_dict
from gdstudio.gui.views.param_dock import DEBOUNCE_MS

FORMULA_SCENE = {
    "title": "A bowl",
    "surface": {"expr": "x**2 + 3*y**2", "bounds": [[-2.0, 2.0], [-2.0, 2.0]]},
    "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.05, "start": [1.5, 1.0],
             "steps": 60}],
}


def type_formula(qtbot, dock, text):
    dock.formula.setFocus()
    dock.formula.selectAll()
    qtbot.keyClicks(dock.formula, text)
    qtbot.wait(DEBOUNCE_MS + 100)


def test_formula_error_is_shown_inline_and_old_surface_stays(qtbot, make_window):
    w = make_window(FORMULA_SCENE)
    dock = w.dock
    before = w.model.surface
    type_formula(qtbot, dock, "x**2 + foo(y)")
    assert dock.formula_error.isVisible()
    lines = dock.formula_error.text().splitlines()
    assert "foo" in lines[0]
    assert lines[1].strip() == "x**2 + foo(y)"
    assert lines[2].index("^") - 2 == "x**2 + foo(y)".index("foo")
    assert w.model.surface is before
    assert w.surface_view.surface is before
    type_formula(qtbot, dock, "x**2 + y**2 + 1")
    qtbot.waitUntil(lambda: w.model.surface is not before, timeout=3000)
    assert not dock.formula_error.isVisible()
    assert w.model.raw["surface"]["expr"] == "x**2 + y**2 + 1"
    assert w.contour_view.surface is w.model.surface


def test_invalid_values_show_the_cli_messages(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    dock = w.dock
    edit = dock.hyper_edits["momentum"]
    edit.setText("-1")
    edit.editingFinished.emit()
    raw = w.model.raw
    with pytest.raises(SceneError) as err:
        scene_from_dict(raw, path=w.model.path)
    assert dock.problems.text() == "\n".join(err.value.problems)
    assert len(w.playback.runs) == 4
    edit.setText("0.9")
    edit.editingFinished.emit()
    assert dock.problems.text() == ""
    assert w.model.scene.runs[0].hyper["momentum"] == 0.9


def test_learning_rate_slider_is_log_scale(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    lr = w.dock.lr
    lr.slider.setValue(0)
    assert w.model.scene.runs[0].hyper["lr"] == pytest.approx(1e-6)
    lr.slider.setValue(lr.STEPS)
    assert w.model.scene.runs[0].hyper["lr"] == pytest.approx(10.0)
    lr.slider.setValue(lr.STEPS // 2)
    assert w.model.scene.runs[0].hyper["lr"] == pytest.approx(math.sqrt(1e-6 * 10), rel=0.01)
    lr.box.setText("0.0123")
    lr.box.editingFinished.emit()
    assert w.model.scene.runs[0].hyper["lr"] == 0.0123


def test_add_duplicate_remove_runs(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    dock = w.dock
    dock.add_button.click()
    assert len(w.model.scene.runs) == 5
    assert w.model.selected == 4
    dock.dup_button.click()
    assert len(w.model.scene.runs) == 6
    assert w.model.scene.runs[5].optimizer == w.model.scene.runs[4].optimizer
    assert len({r.label for r in w.model.scene.runs}) == 6
    dock.remove_button.click()
    assert len(w.model.scene.runs) == 5
    assert len(w.playback.runs) == 5
    dock.set_color(__import__("PySide6.QtGui").QtGui.QColor("#123456"))
    assert w.model.scene.runs[w.model.selected].color == "#123456"
    assert w.windowTitle().endswith("[*]") and w.isWindowModified()


def test_hiding_a_run_hides_its_items(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    qtbot.waitUntil(lambda: w.playback.rows > 0, timeout=5000)
    item = w.dock.runs_list.item(1)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert not w.contour_view._run_items[1]["line"].isVisible()
    assert len(w.surface_view._items["head"].pos) == 3
    assert len(w.surface_view.drawn_path(1)) == 0
    assert w.contour_view._run_items[0]["line"].isVisible()


def test_schedule_is_previewed_before_the_run(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    dock = w.dock
    dock.schedule_kind.setCurrentIndex(dock.schedule_kind.findData("cosine"))
    item = w.plots_view._preview_items[0]
    x, y = item.xData, item.yData          # as given (getData is log10 on a log axis)
    assert len(x) == 1500
    assert y[0] == pytest.approx(0.0005)
    assert y[-1] < y[0] / 100
    assert w.playback.cursor == 0


def test_click_moves_start_and_shift_click_adds_a_run(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    cv = w.contour_view
    vb = cv.plot.getPlotItem().vb
    scene_pt = vb.mapViewToScene(QPointF(0.5, -0.5))
    view_pt = cv.plot.mapFromScene(scene_pt)
    qtbot.mouseClick(cv.plot.viewport(), Qt.MouseButton.LeftButton, pos=view_pt)
    start = w.model.scene.runs[0].starts[0]
    np.testing.assert_allclose(start, [0.5, -0.5], atol=0.02)
    qtbot.mouseClick(cv.plot.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier, pos=view_pt)
    assert len(w.model.scene.runs) == 5
    np.testing.assert_allclose(w.model.scene.runs[4].starts[0], [0.5, -0.5], atol=0.02)


def test_hover_reads_out_loss_and_gradient(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    cv = w.contour_view
    text = cv.readout_at(1.0, 1.0)
    assert "loss = 0" in text and "x = +1" in text
    loss, gx, gy = w.model.surface.loss_and_grad(np.array([-1.0]), np.array([2.0]))
    text = cv.readout_at(-1.0, 2.0)
    assert f"{loss[0]:.4g}" in text and f"{gx[0]:.4g}" in text
    vb = cv.plot.getPlotItem().vb
    pos = cv.plot.mapFromScene(vb.mapViewToScene(QPointF(-1.0, 2.0)))
    qtbot.mouseMove(cv.plot.viewport(), pos)
    qtbot.waitUntil(lambda: "loss =" in cv.readout.text(), timeout=2000)


def test_a_formula_sympy_cannot_handle_shows_a_message_not_a_traceback(qtbot, make_window,
                                                                       monkeypatch):
    import sympy

    w = make_window(FORMULA_SCENE)
    dock = w.dock
    before = w.model.surface
    type_formula(qtbot, dock, "sin(sinh(2**-1e308*x**x))")
    qtbot.waitUntil(lambda: w.model.surface is not before, timeout=5000)
    assert not dock.formula_error.isVisible()
    assert w.model.raw["surface"]["expr"] == "sin(sinh(2**-1e308*x**x))"

    def overflow(*args, **kwargs):
        raise OverflowError("too many digits in integer")

    monkeypatch.setattr(sympy, "diff", overflow)
    shown = w.model.surface
    type_formula(qtbot, dock, "sin(x) * y")
    assert dock.formula_error.isVisible()
    assert "cannot be compiled" in dock.formula_error.text()
    assert "Traceback" not in dock.formula_error.text()
    assert w.model.surface is shown


def test_a_formula_that_hung_sympy_is_drawn_at_once(qtbot, make_window):
    w = make_window(FORMULA_SCENE)
    before = w.model.surface
    type_formula(qtbot, w.dock, "exp(tanh(abs(x)**1000))")
    qtbot.waitUntil(lambda: w.model.surface is not before, timeout=20000)
    assert not w.dock.formula_error.isVisible()
    assert w.contour_view.surface is w.model.surface


SWARM_SCENE = {
    "title": "A swarm",
    "surface": {"builtin": "rosenbrock"},
    "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.001, "steps": 50,
             "start": {"grid": [[-1.0, 1.0], [-1.0, 1.0]], "n": [40, 25]}}],
}


def test_steps_that_would_not_fit_in_memory_are_refused_with_the_estimate(
        qtbot, make_window, monkeypatch):
    monkeypatch.setenv("GDSTUDIO_MEMORY_BUDGET", str(20_000_000))
    w = make_window(SWARM_SCENE)
    dock = w.dock
    dock.steps.setFocus()
    dock.steps.lineEdit().selectAll()
    qtbot.keyClicks(dock.steps, "1000")
    qtbot.keyClick(dock.steps, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "memory" in dock.problems.text(), timeout=3000)
    text = dock.problems.text()
    assert "running 1,000 start(s) for up to 1,000 steps" in text
    assert "MiB of memory" in text and "fewer steps or fewer starts" in text
    assert w.model.scene.runs[0].steps == 50


def test_a_formula_not_finite_anywhere_shows_checks_warning(qtbot, make_window):
    w = make_window(FORMULA_SCENE)
    before = w.model.surface
    type_formula(qtbot, w.dock, "log(-1 - x**2)")
    qtbot.waitUntil(lambda: w.model.surface is not before, timeout=5000)
    text = w.dock.problems.text()
    assert 'the formula "log(-1 - x**2)" is not finite' in text
    assert 'the formula "log(-1 - x**2)" is not finite' in w.statusBar().currentMessage()
    type_formula(qtbot, w.dock, "x**2 + y**2")
    qtbot.waitUntil(lambda: w.dock.problems.text() == "", timeout=5000)


def test_a_name_is_typed_without_quotes_and_a_bad_value_is_quoted_as_toml(qtbot, make_window):
    """line_search_fn takes a name: typed bare (strong_wolfe), it is that string; text
    that is neither a TOML value nor a name says so, quoting it the way TOML would."""
    w = make_window({"surface": {"builtin": "rosenbrock"},
                     "run": [{"label": "L", "optimizer": "lbfgs", "start": [-1.2, 1.0],
                              "steps": 20, "max_iter": 1, "max_eval": 10}]})
    edit = w.dock.hyper_edits["line_search_fn"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "strong_wolfe")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.model.scene.runs[0].hyper.get("line_search_fn")
                    == "strong_wolfe", timeout=3000)
    assert w.dock.problems.text() == ""
    edit = w.dock.hyper_edits["line_search_fn"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "strong wolfe")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not a value" in w.dock.problems.text(), timeout=3000)
    assert 'not a value: "strong wolfe"' in w.dock.problems.text()
    assert w.model.scene.runs[0].hyper["line_search_fn"] == "strong_wolfe"
