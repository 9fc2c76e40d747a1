"""The 3D view keeps the segments of the rows it has drawn and computes only new rows each
frame. Whatever the user did on the way (played, hid a run, scrubbed back and forked a
run, typed a new surface), what it draws must be exactly what a window opened fresh on
the same state draws: a kept chunk that outlived what it was made from would differ."""

import contextlib
import copy

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.exceptions import TimeoutError

from tests.gui.user_path import retype

SCENE = {
    "title": "Three runs",
    "surface": {"expr": "(1 - x)**2 + 4*(y - x**2)**2", "bounds": [[-2.0, 2.0], [-1.0, 3.0]]},
    "run": [
        {"label": "GD", "optimizer": "sgd", "lr": 0.01, "start": [-1.5, 2.0], "steps": 500},
        {"label": "Momentum", "optimizer": "sgd", "lr": 0.002, "momentum": 0.9,
         "start": [-1.2, 2.5], "steps": 500},
        {"label": "Adam", "optimizer": "adam", "lr": 0.02, "start": [1.5, -0.5],
         "steps": 500},
    ],
}
ITEMS = ("path", "ghost", "shadow", "selected", "head", "start")


def play_to(qtbot, w, t: int) -> None:
    """Play with the Play button, pause with it, then show step ``t``."""
    pb = w.playback
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pb.cursor >= min(t, 300), timeout=20000)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    pb.seek(t)
    qtbot.waitUntil(lambda: pb.cursor == t, timeout=10000)


def set_shown(qtbot, w, hidden: set[int]) -> None:
    """Tick the runs in the dock's run list, unticking those in ``hidden``."""
    lst = w.dock.runs_list
    for g in range(lst.count()):
        want = Qt.CheckState.Unchecked if g in hidden else Qt.CheckState.Checked
        if lst.item(g).checkState() != want:
            lst.item(g).setCheckState(want)


def select_run(qtbot, w, g: int) -> None:
    lst = w.dock.runs_list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton,
                     pos=lst.visualItemRect(lst.item(g)).center())
    qtbot.waitUntil(lambda: w.model.selected == g, timeout=3000)


def drawn(w) -> dict[str, np.ndarray]:
    sv = w.surface_view
    out = {k: np.array(sv._items[k].pos, copy=True) for k in ITEMS}
    for g in range(len(w.playback.groups)):
        out[f"run {g}"] = sv.drawn_path(g)
    return out


def differences(a: dict, b: dict) -> list[str]:
    return [k for k in a if a[k].shape != b[k].shape or not np.array_equal(a[k], b[k])]


def assert_drawn_as_fresh(qtbot, make_window, w) -> None:
    """A new window on ``w``'s scene, runs shown, selection and step draws the same."""
    pb = w.playback
    hidden = {g for g in range(w.dock.runs_list.count())
              if w.dock.runs_list.item(g).checkState() != Qt.CheckState.Checked}
    fresh = make_window(copy.deepcopy(w.model.raw))
    select_run(qtbot, fresh, w.model.selected)
    set_shown(qtbot, fresh, hidden)
    fresh.playback.seek(pb.cursor)
    qtbot.waitUntil(lambda: fresh.playback.cursor == pb.cursor, timeout=10000)
    with contextlib.suppress(TimeoutError):     # the assert below says what differs
        qtbot.waitUntil(lambda: not differences(drawn(w), drawn(fresh)), timeout=5000)
    mine, theirs = drawn(w), drawn(fresh)
    assert not differences(mine, theirs), differences(mine, theirs)
    assert len(mine["path"]) > 0
    fresh.close()


def test_the_paths_drawn_after_edits_equal_a_fresh_windows(qtbot, make_window):
    w = make_window(SCENE)
    sv = w.surface_view
    play_to(qtbot, w, 400)
    assert sv.paths.chunks >= 3             # the rows played are kept, chunk by chunk
    assert_drawn_as_fresh(qtbot, make_window, w)

    set_shown(qtbot, w, {1})                # hidden by its tick in the run list
    assert len(sv.drawn_path(1)) == 0
    assert_drawn_as_fresh(qtbot, make_window, w)

    select_run(qtbot, w, 0)                 # scrub back, fork GD there, play on
    w.playback.seek(150)
    qtbot.waitUntil(lambda: w.playback.cursor == 150, timeout=5000)
    retype(qtbot, w.dock.lr.box, "0.03")
    qtbot.waitUntil(lambda: "change" in w.model.raw["run"][0], timeout=5000)
    play_to(qtbot, w, 380)
    qtbot.waitUntil(lambda: np.isfinite(w.playback.L[0, :381]).all(), timeout=10000)
    assert_drawn_as_fresh(qtbot, make_window, w)

    w.dock.formula.setFocus()               # a new surface: new heights, new paths
    w.dock.formula.selectAll()
    qtbot.keyClicks(w.dock.formula, "(1 - x)**2 + 2*(y - x**2)**2")
    qtbot.waitUntil(lambda: "2*(y" in w.model.raw["surface"]["expr"], timeout=5000)
    play_to(qtbot, w, 300)
    assert_drawn_as_fresh(qtbot, make_window, w)
