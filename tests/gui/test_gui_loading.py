"""Opening a scene runs off the GUI thread: the window answers, Cancel keeps the scene on
screen, errors are reported as before, and the result is the scene read directly."""

import numpy as np
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from gdstudio.core.runner import run_scene
from gdstudio.core.scene import build_surface, load_scene, scene_to_dict
from gdstudio.gui.views.plots_view import MAX_POINTS


def _data_scene(tmp_path, rows: int, steps: int = 100, name: str = "big"):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 3, rows)
    y = 2 * x - 1 + rng.normal(0, 0.5, rows)
    np.savetxt(tmp_path / f"{name}.csv", np.column_stack([x, y]), delimiter=",",
               header="x,y", comments="", fmt="%.6f")
    path = tmp_path / f"{name}.toml"
    path.write_text(f'title = "{rows} rows"\n[surface]\nexpr = "(w*x + b - y)**2"\n'
                    f'params = ["w", "b"]\ndata = "{name}.csv"\nbounds = [[-1, 4], [-3, 2]]\n'
                    f'[[run]]\noptimizer = "sgd"\nlr = 0.05\nsteps = {steps}\n'
                    'start = [-0.5, 1.5]\nbatch_size = 8\n'
                    '[[run]]\nlabel = "full batch"\noptimizer = "adam"\nlr = 0.1\n'
                    f'steps = {steps}\nstart = [3.5, -2.5]\n'
                    'schedule = { kind = "cosine" }\n')
    return path


def _drop(w, path) -> None:
    """Drag a file onto the window (returns once the scene is open, failed or cancelled)."""
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(path))])
    w.dropEvent(QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, md,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def test_the_window_answers_while_a_large_scene_loads_and_cancel_keeps_the_last(
        qtbot, make_window, default_scene, tmp_path):
    w = make_window(default_scene, gl_ok=False)
    before, title = w.model.scene, w.windowTitle()
    big = _data_scene(tmp_path, rows=60_000)
    seen = {}

    def while_loading():
        qtbot.waitUntil(lambda: w.loader.bar.isVisible(), timeout=10000)
        seen["loading"] = w.loader.loading
        qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
        seen["state"] = w.playback.state
        qtbot.waitUntil(lambda: w.playback.cursor > 3, timeout=10000)
        seen["still loading"] = w.loader.loading
        seen["scene"] = w.model.scene
        qtbot.mouseClick(w.loader.cancel_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, while_loading)
    _drop(w, big)
    assert seen == {"loading": True, "state": "playing", "still loading": True,
                    "scene": before}
    assert w.model.scene is before and w.windowTitle() == title
    assert not w.loader.bar.isVisible() and not w.loader.loading
    assert w.playback.state == "playing" and len(w.playback.runs) == 4
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    assert w.playback.state == "paused"


def test_a_scene_opened_in_the_background_is_the_scene_read_directly(
        qtbot, make_window, default_scene, tmp_path, finish):
    path = _data_scene(tmp_path, rows=3000, steps=120, name="small")
    w = make_window(default_scene, gl_ok=False)
    _drop(w, path)
    direct = load_scene(path)
    assert w.windowTitle().replace("[*]", "") == "gdstudio — 3000 rows"
    assert w.model.raw == scene_to_dict(direct) and not w.model.dirty
    expected = build_surface(direct).grid(w.contour_view.grid_n)[2]
    np.testing.assert_array_equal(w.contour_view.surface.grid(w.contour_view.grid_n)[2],
                                  expected)
    finish(w)
    pb = w.playback
    for i, run in enumerate(run_scene(direct).runs):
        np.testing.assert_array_equal(pb.W[i, :len(run.x), 0], run.x)
        np.testing.assert_array_equal(pb.W[i, :len(run.y), 1], run.y)
        np.testing.assert_array_equal(pb.L[i, :len(run.loss)], run.loss)


def test_a_bad_scene_reports_the_core_message_and_keeps_the_last(
        qtbot, make_window, default_scene, tmp_path):
    w = make_window(default_scene, gl_ok=False)
    before = w.model.scene
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "Bad"\n[surface]\nexpr = "x**2 + y**"\n'
                   'bounds = [[-1, 1], [-1, 1]]\n[[run]]\noptimizer = "sgd"\n'
                   'start = [0.5, 0.5]\n')
    shown = {}

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        shown["title"], shown["text"] = box.windowTitle(), box.text()
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    _drop(w, bad)
    try:
        load_scene(bad)
    except Exception as e:  # noqa: BLE001 - the message the command line prints
        message = str(e)
    assert shown == {"title": "Cannot open scene", "text": message}
    assert w.model.scene is before


def test_closing_the_window_while_a_scene_loads_stops_the_load(
        qtbot, make_window, default_scene, tmp_path):
    w = make_window(default_scene, gl_ok=False)
    big = _data_scene(tmp_path, rows=60_000)

    def close():
        qtbot.waitUntil(lambda: w.loader.bar.isVisible(), timeout=10000)
        w.close()

    QTimer.singleShot(0, close)
    assert w.open_scene(big) is False
    assert not w.isVisible() and not w.loader.loading


def test_a_long_schedule_preview_draws_a_bounded_curve(qtbot, make_window, tmp_path):
    path = tmp_path / "long.toml"
    path.write_text('title = "Long"\n[surface]\nbuiltin = "rosenbrock"\n[[run]]\n'
                    'optimizer = "sgd"\nlr = 0.001\nsteps = 1000000\nstart = [-1.5, 2.0]\n'
                    'schedule = { kind = "step", step_size = 100000, gamma = 0.5 }\n')
    w = make_window(path, gl_ok=False)
    x, y = w.plots_view._preview_items[0].getOriginalDataset()
    assert len(x) <= MAX_POINTS and x[-1] > 999_000
    assert y.max() == 0.001 and np.isclose(y.min(), 0.001 * 0.5 ** 9)
    levels = {round(float(v / 0.001), 6) for v in y}
    assert levels == {round(0.5 ** k, 6) for k in range(10)}
