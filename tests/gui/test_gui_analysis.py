"""The Analyze menu: critical points, basins, learning-rate sweeps, the stochastic view and
loss landscapes, drawn from what the core computes."""

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from gdstudio.core.analysis import critical_points
from gdstudio.core.surfaces import builtin_surface
from gdstudio.gui.features.analysis import batch_rows

HIMMELBLAU = {"title": "himmelblau", "surface": {"builtin": "himmelblau"},
              "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.005, "start": [0.0, 0.0],
                       "steps": 200}]}
LINREG = {"title": "linreg", "surface": {"builtin": "linear_regression"},
          "defaults": {"optimizer": "sgd", "lr": 0.05, "steps": 50, "start": [-2.0, 3.0]},
          "run": [{"label": "batch"}, {"label": "one", "batch_size": 1, "seed": 2}]}


def wait_task(qtbot, w, timeout=30000):
    qtbot.waitUntil(lambda: w.analysis.task is None, timeout=timeout)


def test_menu_has_the_analyses(make_window):
    w = make_window(HIMMELBLAU)
    texts = [a.text() for a in w.analysis.menu.actions()]
    for part in ("Critical points", "Basins", "Learning-rate sweep", "Stochastic",
                 "Neural-network landscape", "Import loss landscape"):
        assert any(part in t for t in texts), part


def test_critical_points_of_himmelblau_are_marked(make_window):
    w = make_window(HIMMELBLAU)
    w.analysis.show_critical_points()
    items = {i.kind: i for i in w.contour_view.critical_items()}
    assert {k: len(i.data) for k, i in items.items()} == {"minimum": 4, "saddle": 4,
                                                         "maximum": 1}
    expected = critical_points(builtin_surface("himmelblau"))
    for kind, item in items.items():
        drawn = np.array([[s.pos().x(), s.pos().y()] for s in item.points()])
        want = np.array([p.point for p in expected if p.kind == kind])
        assert np.allclose(np.sort(drawn, axis=0), np.sort(want, axis=0))
        assert all("Hessian eigenvalues" in t for t in item.data["data"])
    xy = [(round(p.point[0], 2), round(p.point[1], 2)) for p in expected
          if p.kind == "minimum"]
    assert (3.0, 2.0) in xy


def test_basin_map_shows_four_basins_and_cancel_stops(qtbot, make_window):
    w = make_window(HIMMELBLAU)
    w.analysis.start_basins(n=60, steps=300)
    wait_task(qtbot, w)
    img = w.contour_view.basin_image().image
    labels = w.analysis.basins.label
    assert img.shape[:2] == labels.shape
    colours = {tuple(c) for c in img[labels >= 0].reshape(-1, 4)}
    assert len(colours) == 4
    assert set(np.unique(labels[labels >= 0])) == {0, 1, 2, 3}
    task = w.analysis.start_basins(n=200, steps=100_000)
    qtbot.waitUntil(lambda: w.analysis.progress.value() > 0, timeout=10000)
    fired = []
    QTimer.singleShot(0, lambda: fired.append(1))      # the GUI thread is free
    qtbot.waitUntil(lambda: bool(fired), timeout=1000)
    assert w.analysis.busy
    cancel = w.analysis.progress.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.analysis.task is None, timeout=10000)
    try:
        assert not task.isRunning()
    except RuntimeError:   # already deleted, which happens only after it stopped
        pass
    assert "cancelled" in w.statusBar().currentMessage()
    assert w.contour_view.basin_image() is not None   # the finished map stays


def test_lr_sweep_plot_marks_diverged(qtbot, make_window):
    w = make_window(HIMMELBLAU)
    w.analysis.start_sweep(1e-4, 0.5, 12, 200)
    wait_task(qtbot, w)
    sweep = w.analysis.sweep
    dock = w.analysis.sweep_dock
    assert sweep.diverged.any() and not sweep.diverged.all()
    assert len(dock.points.data) + len(dock.diverged.data) == 12
    assert len(dock.diverged.data) == int(sweep.diverged.sum())
    assert np.allclose(10 ** dock.diverged.data["x"], sweep.lrs[sweep.diverged])
    assert len([i for i in w.contour_view.overlay("sweep") if hasattr(i, "xData")]) == 12


def test_batch_rows_follow_the_runner():
    from gdstudio.core.runner import SceneRun
    from gdstudio.core.scene import scene_from_dict

    run = SceneRun(scene_from_dict({**LINREG, "run": [LINREG["run"][1]]}))
    g = run.groups[0]
    for step in range(1, 200):
        assert np.array_equal(g._next_rows(), batch_rows(2, 1, 80, step))


def test_gradient_noise_readout(qtbot, make_window):
    w = make_window(LINREG)
    qtbot.waitUntil(lambda: w.playback.rows > 10, timeout=10000)
    w.playback.seek(5)
    qtbot.waitUntil(lambda: w.playback.cursor == 5, timeout=5000)
    w.analysis.toggle_stochastic(True)
    assert w.analysis.noise_angle == 0.0
    assert not w.contour_view.overlay("batch")
    w.model.select(1)
    assert w.analysis.noise_angle > 0.0
    assert "°" in w.analysis.stochastic_dock.label.text()
    assert len(w.contour_view.overlay("batch")) > 1
    w.analysis.toggle_stochastic(False)


def test_h5_landscape_loads_and_a_run_races(qtbot, make_window, finish, tmp_path,
                                            monkeypatch):
    pytest.importorskip("h5py")
    from gdstudio.core.landscape import GridSurface
    from tests.core.test_landscape import write_reference_h5

    x, y = np.linspace(-1, 1, 21), np.linspace(-1, 1, 21)
    path = tmp_path / "net.h5"
    write_reference_h5(path, x, y, lambda a, b: 0.5 + a * a + 2 * b * b)
    w = make_window(HIMMELBLAU)
    assert w.analysis.import_h5(path)
    assert isinstance(w.contour_view.surface, GridSurface)
    assert isinstance(w.playback._worker._run.surface, GridSurface)
    finish(w)
    loss = w.playback.L[0, : w.playback.rows]
    assert loss[-1] < 0.6 < loss[0]
    errors = []
    monkeypatch.setattr("gdstudio.gui.features.analysis.QMessageBox.warning",
                        lambda *a: errors.append(a[2]))
    bad = tmp_path / "bad.h5"
    bad.write_text("not hdf5")
    assert not w.analysis.import_h5(bad)
    assert "not an HDF5 file" in errors[0]
    assert isinstance(w.contour_view.surface, GridSurface)


def test_network_landscape_contains_the_trajectory(qtbot, make_window):
    w = make_window(HIMMELBLAU)
    w.analysis.start_landscape("pca", epochs=150, n=31)
    wait_task(qtbot, w)
    grid, coords = w.analysis.landscape
    assert w.contour_view.surface is grid
    (x0, x1), (y0, y1) = grid.bounds
    for a, b in (coords[0], coords[-1]):
        assert x0 <= a <= x1 and y0 <= b <= y1
    line = [i for i in w.contour_view.overlay("training") if hasattr(i, "xData")][0]
    assert np.allclose([line.xData[0], line.yData[0]], coords[0])
    assert np.allclose([line.xData[-1], line.yData[-1]], coords[-1])
    assert abs(coords[-1]).max() < 1e-9


def test_saddle_lesson_shows_the_saddle_eigenvalues(qtbot, make_window):
    from gdstudio.core.analysis import critical_points
    from gdstudio.resources import resource_path

    w = make_window(resource_path("lessons", "10_saddle-point.toml"))
    qtbot.waitUntil(lambda: w.analysis.critical_action.isChecked(), timeout=5000)
    points = critical_points(w.analysis.surface)
    saddle = [p for p in points if p.kind == "saddle"]
    assert len(saddle) == 1 and saddle[0].eigenvalues[0] < 0 < saddle[0].eigenvalues[1]
    labels = [i.textItem.toPlainText() for i in w.contour_view.overlay("critical")
              if hasattr(i, "textItem")]
    assert any(t.startswith("saddle") and "λ" in t for t in labels)
    assert len(w.analysis.critical_item.pos) == len(points)


def test_stochastic_view_draws_the_batch_loss_in_3d(qtbot, make_window):
    from gdstudio.gui.draw.geometry import N_LEVELS
    from gdstudio.gui.features.analysis import batch_surface
    from gdstudio.gui.views.surface_view import HEIGHT, LIFT

    w = make_window(LINREG)
    sv, pb = w.surface_view, w.playback
    qtbot.waitUntil(lambda: pb.rows > 10, timeout=10000)
    w.model.select(1)                        # batch_size 1
    pb.pause()
    pb.seek(5)
    qtbot.waitUntil(lambda: pb.cursor == 5, timeout=5000)
    run = pb.groups[1][0]
    before = set(map(id, sv.view.items))
    w.analysis.toggle_stochastic(True)
    added = [i for i in sv.view.items if id(i) not in before]
    assert added and all(type(i).__name__ == "GLLinePlotItem" for i in added)

    def check():
        step = pb.current(run)
        assert f"step {step} →" in w.analysis.stochastic_dock.label.text()
        pos = sv.batch_loss_lines()
        assert len(pos) > 20 and len(pos) % 2 == 0
        assert np.isfinite(pos).all()
        assert (np.abs(pos[:, :2]) <= 1 + 1e-6).all()
        assert ((pos[:, 2] >= LIFT - 1e-6) & (pos[:, 2] <= HEIGHT + LIFT + 1e-6)).all()
        (x0, x1), (y0, y1) = sv.bounds
        x = x0 + (pos[:, 0] + 1) / 2 * (x1 - x0)
        y = y0 + (pos[:, 1] + 1) / 2 * (y1 - y0)
        surface = w.contour_view.surface
        rows = batch_rows(2, 1, surface.n_samples, step + 1)
        want = sv.height(batch_surface(surface, rows).loss(x, y)) + LIFT
        err = np.abs(pos[:, 2] - want)
        assert np.median(err) < 0.005 * HEIGHT and err.max() < 0.05 * HEIGHT, err.max()
        full = sv.height(surface.loss(x, y)) + LIFT
        levels = w.contour_view.zmap.unnorm((np.arange(N_LEVELS) + 0.5) / N_LEVELS)
        at = sv.height(levels) + LIFT             # the contour pane's dashed levels
        assert np.abs(pos[:, 2, None] - at[None, :]).min(axis=1).max() < 1e-5
        assert np.abs(pos[:, 2] - full).max() > 0.05 * HEIGHT   # not the full loss
        return pos.copy()

    first = check()
    builds = [sv.batch_items[0].pos]
    for _ in range(3):                       # frames alone do not rebuild the lines
        pb.frame.emit()
        sv.view.repaint()
    assert sv.batch_items[0].pos is builds[0]
    pb.step(1)
    qtbot.waitUntil(lambda: "step 6 →" in w.analysis.stochastic_dock.label.text(),
                    timeout=5000)
    second = check()
    assert first.shape != second.shape or not np.allclose(first, second)
    assert all(np.isfinite(a).all() for a in sv.gl_arrays())
    w.analysis.toggle_stochastic(False)
    assert not any(i in sv.view.items for i in added)
    assert len(sv.batch_loss_lines()) == 0
    w.analysis.toggle_stochastic(True)
    assert len(sv.batch_loss_lines()) > 20
    w.model.load_dict(HIMMELBLAU)            # a new surface (without data rows)
    qtbot.waitUntil(lambda: pb.rows > 0, timeout=10000)
    assert not any(i in sv.view.items for i in added)
    assert len(sv.batch_loss_lines()) == 0
    w.analysis.toggle_stochastic(False)


def _import_through_the_menu(qtbot, w, path, monkeypatch):
    """Analyze > Import loss landscape, the file dialog answered with ``path``; the text of
    the warning it shows, if any (closed with its OK button)."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shown = []
    done = []

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.button(QMessageBox.StandardButton.Ok).click()
        elif not done:
            QTimer.singleShot(50, answer)

    action = next(a for a in w.analysis.menu.actions() if "Import loss landscape" in a.text())
    QTimer.singleShot(50, answer)
    action.trigger()
    done.append(True)
    return shown


def test_importing_an_h5_link_to_another_file_says_so(qtbot, make_window, tmp_path,
                                                     monkeypatch):
    h5py = pytest.importorskip("h5py")
    from tests.core.test_landscape import write_reference_h5

    x = np.linspace(-1, 1, 9)
    write_reference_h5(tmp_path / "other.h5", x, x, lambda a, b: a * a + b * b)
    linked = tmp_path / "linked.h5"
    write_reference_h5(linked, x, x, lambda a, b: a * a + b * b)
    with h5py.File(linked, "a") as fh:
        del fh["train_loss"]
        fh["train_loss"] = h5py.ExternalLink("other.h5", "/train_loss")
    w = make_window(HIMMELBLAU)
    before = w.model.surface
    shown = _import_through_the_menu(qtbot, w, linked, monkeypatch)
    assert len(shown) == 1
    assert "linked.h5: \"train_loss\" is a link to other.h5:/train_loss in another file" \
        in shown[0]
    assert w.model.surface is before


def test_importing_a_large_h5_grid_resamples_it(qtbot, make_window, tmp_path, monkeypatch):
    h5py = pytest.importorskip("h5py")
    from gdstudio.core.landscape import GridSurface

    n = 1000
    x = np.linspace(-1, 1, n)
    path = tmp_path / "fine.h5"
    with h5py.File(path, "w") as fh:
        fh["xcoordinates"] = x
        fh["ycoordinates"] = x
        fh["train_loss"] = (x[None, :] ** 2 + 2 * x[:, None] ** 2)
    w = make_window(HIMMELBLAU)
    assert _import_through_the_menu(qtbot, w, path, monkeypatch) == []
    grid = w.contour_view.surface
    assert isinstance(grid, GridSurface) and grid.values.shape == (401, 401)
    assert "1000 x 1000 points, resampled to 401 x 401" in w.model.raw["notes"]
