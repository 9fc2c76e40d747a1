"""A swarm's starts never move: the 3D view draws them once with its still layer (the
surface) instead of in every frame, and they look as they did as a frame item.

A start sits on the surface, so a few of its pixels tie with the surface's depth; the
depth a frame is tested against is the still layer's copied into it, which rounds those
ties either way: up to a pixel a start may differ, nothing else."""

import math

import numpy as np
from PySide6.QtCore import Qt

from tests.gui.test_gui_perf import image_array
from tests.gui.user_path import choose

SWARM = {"title": "starts", "surface": {"builtin": "sphere"},
         "run": [{"label": "swarm", "optimizer": "sgd", "lr": 0.05, "steps": 40,
                  "start": {"grid": [[-4.0, 4.0], [-4.0, 4.0]], "n": [12, 12]}}]}


def play_to_end(qtbot, window) -> None:
    """Pick 'as fast as possible' and click Play, as a user does; wait until drawn."""
    choose(qtbot, window.transport.speed, math.inf)
    qtbot.mouseClick(window.transport.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.playback.state == "finished", timeout=20_000)
    qtbot.waitUntil(lambda: not window.playback._timer.isActive(), timeout=5_000)


def as_frame_item(sv):
    """Draw the starts as the frame's item instead, as the view did for every run set."""
    pos, color = sv.still_starts.pos.copy(), sv.still_starts.color.copy()
    sv.still_starts.setData(pos=pos[:0], color=color[:0])
    sv._items["start"].setData(pos=pos, color=color)
    sv.view.invalidate_still()


def assert_same_look(view, sv, shown: np.ndarray) -> None:
    """``shown`` is the frame as the starts drawn as a frame item would look (see above)."""
    starts = len(sv.still_starts.pos)
    as_frame_item(sv)
    before = image_array(view.grabFramebuffer())
    differ = (before != shown).any(axis=2)
    assert differ.sum() <= starts
    start_color = np.round(255 * sv._run_colors[0, :3]).astype(np.uint8)
    on_start = (np.abs(before.astype(int) - start_color).max(axis=2) <= 1)
    assert on_start.sum() > 20 * starts              # the starts are there, in both
    assert (on_start & ~differ).sum() >= 0.95 * on_start.sum()


def test_a_swarms_starts_are_drawn_once_with_the_surface_and_look_the_same(
        qtbot, make_window):
    w = make_window(SWARM, grid_n=40)
    sv, view, pb = w.surface_view, w.surface_view.view, w.playback
    view.grabFramebuffer()
    starts = sv.box_points(pb.W[:, 0], pb.L[:, 0]).astype(np.float32)
    np.testing.assert_array_equal(sv.still_starts.pos, starts)
    np.testing.assert_array_equal(sv.still_starts.color, sv._run_colors)
    assert len(sv._items["start"].pos) == 0
    renders = view.still_renders

    play_to_end(qtbot, w)
    assert view.still_renders == renders            # playing never redrew the layer
    assert pb.cursor == 40 and len(sv._items["path"].pos)
    assert_same_look(view, sv, image_array(view.grabFramebuffer()))


def test_a_swarms_starts_stay_on_screen_while_the_camera_moves(qtbot, make_window):
    w = make_window(SWARM, grid_n=160)              # a coarse surface while orbiting
    sv, view = w.surface_view, w.surface_view.view
    play_to_end(qtbot, w)
    view._settle.setInterval(600_000)               # still orbiting, whatever the load
    n = view.still_renders
    view.orbit(25, 10)
    qtbot.waitUntil(lambda: view.still_renders > n and view.coarse, timeout=5000)
    orbiting = image_array(view.render_frame())
    as_frame_item(sv)
    assert view.coarse
    np.testing.assert_array_equal(image_array(view.render_frame()), orbiting)


def test_a_few_runs_draw_their_starts_in_each_frame(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    sv = w.surface_view
    assert len(sv._items["start"].pos) == len(w.playback.runs)
    assert len(sv.still_starts.pos) == 0
