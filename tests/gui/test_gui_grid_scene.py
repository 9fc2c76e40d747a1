"""A loss landscape in the window is the scene's grid surface: imported through
Analyze > Import, it shows as "(grid: file.h5)" in the dock, is saved with File > Save As,
reopened with File > Open, and `gdstudio run` on the saved file gives what the window drew."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from gdstudio.core.landscape import GridSurface
from tests.gui.user_path import answer_modals, menu_action

ROOT = Path(__file__).resolve().parents[2]
HIMMELBLAU = {"title": "h", "surface": {"builtin": "himmelblau"},
              "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.01, "start": [0.0, 0.0],
                       "steps": 30}]}


def drawn_path(w) -> np.ndarray:
    """The first run's path as the contour pane draws it, at the last step."""
    x, y = w.contour_view._run_items[0]["line"].getData()
    return np.column_stack([x, y])


def cli_path(scene: Path, cwd: Path) -> np.ndarray:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    done = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(scene)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    return np.array([[float(r["x"]), float(r["y"])] for r in rows])


def dock_shows_grid(w, name: str) -> None:
    dock = w.dock
    assert dock.surface_combo.currentText() == f"(grid: {name})"
    assert not dock.formula.isEnabled()
    assert "serial" not in dock.formula.text() and "0*" not in dock.formula.text()
    assert isinstance(w.model.surface, GridSurface)
    assert w.contour_view.surface is w.model.surface


def test_imported_h5_saves_reopens_and_runs_from_the_command_line(
        qtbot, make_window, finish, tmp_path, monkeypatch):
    pytest.importorskip("h5py")
    from tests.core.test_landscape import write_reference_h5

    data, scenes = tmp_path / "data", tmp_path / "scenes"
    data.mkdir()
    scenes.mkdir()
    h5 = data / "net.h5"
    x = np.linspace(-1, 1, 21)
    write_reference_h5(h5, x, x, lambda a, b: 0.5 + a * a + 2 * b * b + 0.3 * a * b)
    w = make_window(HIMMELBLAU)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(h5), ""))
    answers = answer_modals()
    menu_action(w, "Analyze", "Import loss landscape").trigger()
    answers.stop()
    assert answers.seen == []
    dock_shows_grid(w, "net.h5")
    assert w.model.raw["surface"] == {"grid": str(h5)}

    saved = scenes / "lecture.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    menu_action(w, "File", "Save as").trigger()
    assert 'grid = "../data/net.h5"' in saved.read_text(encoding="utf-8")
    assert not w.isWindowModified()

    w2 = make_window(HIMMELBLAU)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    menu_action(w2, "File", "Open scene").trigger()
    qtbot.waitUntil(lambda: w2.model.path == saved.resolve(), timeout=20000)
    dock_shows_grid(w2, "net.h5")
    assert np.array_equal(w2.model.surface.values, w.model.surface.values)
    finish(w2)
    shown = drawn_path(w2)
    assert len(shown) == 301
    assert np.allclose(cli_path(saved, tmp_path), shown, rtol=0, atol=1e-12)


def test_a_network_landscape_is_saved_next_to_the_scene(qtbot, make_window, tmp_path,
                                                        monkeypatch):
    w = make_window(HIMMELBLAU)
    w.analysis.start_landscape("pca", epochs=20, n=11)
    qtbot.waitUntil(lambda: isinstance(w.model.surface, GridSurface), timeout=60000)
    scratch = Path(w.model.raw["surface"]["grid"])
    assert scratch.parent == w.model.scratch_dir and scratch.is_file()
    assert w.dock.surface_combo.currentText() == f"(grid: {scratch.name})"

    saved = tmp_path / "iris.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    menu_action(w, "File", "Save as").trigger()
    copy = tmp_path / f"iris-landscape{scratch.suffix}"
    assert copy.read_bytes() == scratch.read_bytes()
    assert f'grid = "{copy.name}"' in saved.read_text(encoding="utf-8")

    w2 = make_window(saved)
    dock_shows_grid(w2, copy.name)
    assert np.array_equal(w2.model.surface.values, w.model.surface.values)

    combo = w2.dock.surface_combo
    combo.setCurrentIndex(combo.findText("(formula)"))
    assert w2.model.raw["surface"]["expr"] == "x**2 + y**2"
    assert combo.findText(f"(grid: {copy.name})") < 0 and w2.dock.formula.isEnabled()
    assert not isinstance(w2.model.surface, GridSurface)
