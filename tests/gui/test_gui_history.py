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
    qtbot.waitUntil(lambda: not window.playback._timer.isActive(), timeout=5_000)  # drawn


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


def test_a_thinned_swarm_forks_at_a_kept_step_as_the_core_computes_it(
        qtbot, make_window, small_history):
    import gdstudio
    from gdstudio.core.scene import scene_from_dict
    from gdstudio.gui.state import settings

    settings.set_fork_edits(True)
    scene = {**SWARM, "run": [*SWARM["run"], {"label": "GD", "optimizer": "sgd",
                                              "lr": 0.01, "start": [3.0, 1.0],
                                              "steps": STEPS}]}
    window = make_window(scene, gl_ok=False, grid_n=40)
    pb = window.playback
    play_to_end(qtbot, window)
    stride, _ = pb.thin
    at = 3 * stride                                          # a step in the thinned part
    scrub_to(qtbot, window, at)
    assert pb.cursor == at
    kept = pb.steps[:pb.kept].copy()
    before = pb.W[:, :pb.kept].copy()
    lst = window.dock.runs_list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton,
                     pos=lst.visualItemRect(lst.item(0)).center())
    qtbot.waitUntil(lambda: window.model.selected == 0, timeout=3000)
    box = window.dock.lr.box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, "0.02")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "change" in window.model.raw["run"][0], timeout=5000)
    assert window.model.raw["run"][0]["change"] == [{"at": at, "lr": 0.02}]
    assert pb.cursor == at and len(pb.ghosts) == SIDE * SIDE
    qtbot.waitUntil(lambda: np.isfinite(pb.W[:, pb.kept - 1]).all(), timeout=30_000)
    qtbot.wait(50)

    assert np.array_equal(pb.steps[:pb.kept], kept)          # the same kept steps
    result = gdstudio.run_scene(scene_from_dict(window.model.raw))
    for i in (0, SIDE * SIDE - 1, SIDE * SIDE):              # two members and the GD run
        run = result.runs[i]
        want = np.column_stack([run.x, run.y])[kept]
        assert np.array_equal(pb.W[i, :pb.kept], want)
    forked = kept > at
    assert np.array_equal(pb.W[:, :pb.kept][:, ~forked], before[:, ~forked])
    assert np.array_equal(pb.W[SIDE * SIDE, :pb.kept], before[SIDE * SIDE])
    assert not np.allclose(pb.W[0, :pb.kept][forked], before[0][forked])
