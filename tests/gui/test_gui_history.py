"""A swarm whose history outgrows the memory set aside for it keeps its older steps
thinned, says so, and still draws every step it kept; a few runs keep every step."""

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdstudio.gui.state import playback
from tests.gui.user_path import choose

SIDE, STEPS, ROWS = 20, 600, 100         # 400 starts; the budget holds 100 of 601 rows
SWARM = {"title": "history", "surface": {"builtin": "sphere"},
         "run": [{"label": "swarm", "optimizer": "sgd", "lr": 0.002, "steps": STEPS,
                  "start": {"grid": [[-4.0, 4.0], [-4.0, 4.0]], "n": [SIDE, SIDE]}}]}


@pytest.fixture
def small_history(monkeypatch):
    """A history budget of ROWS rows for the swarm above, whatever the machine has."""
    monkeypatch.setattr(playback, "HISTORY_CAP", SIDE * SIDE * playback.ROW_BYTES * ROWS)


def play_to_end(qtbot, window) -> None:
    """Pick 'as fast as possible' and click Play, as a user does; wait for the end."""
    transport = window.transport
    choose(qtbot, transport.speed, math.inf)
    qtbot.mouseClick(transport.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.playback.state == "finished", timeout=30_000)
    qtbot.wait(50)


def scrub_to(qtbot, window, step: int) -> None:
    """Drag the timeline's handle to ``step``."""
    slider = window.transport.slider
    slider.setSliderDown(True)
    slider.setSliderPosition(step)
    slider.setSliderDown(False)
    qtbot.waitUntil(lambda: window.playback._want == step, timeout=3000)
    qtbot.wait(100)


def drawn(window) -> dict:
    """What the views draw of the swarm: loss plot x values, the contour path, the 3D path."""
    x, _ = window.plots_view._loss_items[0].getData()
    cx, cy = window.contour_view._run_items[0]["line"].getData()
    path = window.surface_view._items["path"].pos
    ok = np.isfinite(cx) & np.isfinite(cy)
    return {"loss_x": x[np.isfinite(x)], "contour": np.column_stack([cx[ok], cy[ok]]),
            "path": path[np.isfinite(path).all(axis=1)] if path is not None else np.zeros(0)}


def test_a_swarm_past_its_history_budget_thins_old_steps_says_so_and_scrubs_back(
        qtbot, make_window, small_history):
    window = make_window(SWARM, grid_n=40)
    pb, note = window.playback, window.transport.thin_note
    assert not note.isVisible()
    play_to_end(qtbot, window)

    assert pb.cursor == STEPS and pb.kept <= ROWS           # rows kept bounded
    stride, before = pb.thin
    assert stride >= 2 and 0 < before < STEPS
    assert note.isVisible()
    assert note.text() == f"history thinned: one step in {stride} kept before step {before}"
    kept = pb.steps[:pb.kept]
    assert kept[0] == 0 and (kept[kept < before] % stride == 0).all()
    assert (kept[kept >= before] == np.arange(before, STEPS + 1)).all()   # recent: all
    end = drawn(window)
    assert end["loss_x"].max() == STEPS                      # real steps, not row numbers
    assert set(end["loss_x"]) <= set(kept.tolist())

    scrub_to(qtbot, window, 3 * stride + 1)                  # back into the thinned part
    assert pb.cursor == 3 * stride                           # the step kept before it
    assert window.transport.step_label.text() == f"step {3 * stride} / {STEPS}"
    back = drawn(window)
    assert set(back["loss_x"]) == {0, stride, 2 * stride, 3 * stride}
    assert len(back["contour"]) and len(back["path"])        # the paths are drawn
    last = pb.W[len(pb.runs) - 1, pb.row(pb.cursor)]
    assert back["contour"][-1] == pytest.approx(last)        # ... up to that step's row

    qtbot.mouseClick(window.transport.step_button, Qt.MouseButton.LeftButton)
    assert pb.cursor == 4 * stride                           # Step moves by kept steps
    assert note.isVisible()


def test_a_small_scene_keeps_every_step(qtbot, make_window, default_scene, monkeypatch):
    monkeypatch.setattr(playback, "HISTORY_CAP", 4 * playback.ROW_BYTES * 10)
    window = make_window(default_scene)
    pb = window.playback
    play_to_end(qtbot, window)
    assert pb.thin is None and not window.transport.thin_note.isVisible()
    assert pb.kept == pb.last_row + 1
    assert (pb.steps[:pb.kept] == np.arange(pb.kept)).all()
