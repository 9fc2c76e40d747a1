"""Changing course mid-run: a dock edit of a run's learning rate, hyperparameter or
optimizer at step t forks that run there (a ``[[run.change]]`` with ``at = t``). The
other runs keep their rows, the cursor stays, the path the run would have taken stays as
a ghost in both views, the change is marked on the timeline and the plots, Ctrl+Z takes
it back, and the saved scene replays the forked path exactly from the command line."""

import csv
import io
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui.user_path import answer_modals, choose, menu_action, retype

ROOT = Path(__file__).resolve().parents[2]

VALLEY = {
    "title": "A valley",
    "surface": {"expr": "x**2 + 6*y**2", "bounds": [[-2.0, 2.0], [-2.0, 2.0]]},
    "run": [
        {"label": "GD", "optimizer": "sgd", "lr": 0.02, "start": [1.8, 1.2], "steps": 120},
        {"label": "Momentum", "optimizer": "sgd", "lr": 0.01, "momentum": 0.9,
         "start": [-1.8, 1.2], "steps": 120},
        {"label": "Adam", "optimizer": "adam", "lr": 0.05, "start": [1.6, -1.4],
         "steps": 120},
        {"label": "Scheduled", "optimizer": "sgd", "lr": 0.05, "start": [-1.6, -1.4],
         "steps": 120, "schedule": {"kind": "step", "step_size": 30}},
    ],
}


@pytest.fixture
def fork_setting():
    """Edits fork (the default); whatever a test sets, the next one starts from that."""
    from gdstudio.gui.state import settings

    settings.set_fork_edits(True)
    yield
    settings.set_fork_edits(True)


def play_to(qtbot, w, t: int) -> None:
    """Play with the transport's Play button and pause with it once step ``t`` is shown
    (then step there with the Step button's single steps: the class stops at t)."""
    pb = w.playback
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pb.cursor >= t - 15, timeout=20000)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    assert pb.state == "paused"
    pb.seek(t - 5)
    for _ in range(5):
        qtbot.mouseClick(w.transport.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pb.cursor == t, timeout=5000)


def select_run(qtbot, w, g: int) -> None:
    lst = w.dock.runs_list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton,
                     pos=lst.visualItemRect(lst.item(g)).center())
    qtbot.waitUntil(lambda: w.model.selected == g, timeout=3000)


def rows(pb, i):
    return pb.W[i, :pb.rows].copy(), pb.L[i, :pb.rows].copy()


def run_csv(scene: Path, cwd: Path) -> dict[str, np.ndarray]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    done = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(scene)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out: dict[str, list] = {}
    for r in csv.DictReader(io.StringIO(done.stdout)):
        out.setdefault(r["run"], []).append([float(r["x"]), float(r["y"])])
    return {k: np.array(v) for k, v in out.items()}


def test_an_lr_edit_at_step_t_forks_only_that_run(qtbot, make_window, finish, tmp_path,
                                                 monkeypatch, fork_setting):
    w = make_window(VALLEY)
    pb = w.playback
    select_run(qtbot, w, 1)
    play_to(qtbot, w, 40)
    W, L, LR = pb.W, pb.L, pb.LR
    before = {i: rows(pb, i) for i in (0, 2, 3)}
    old_path = pb.W[1, :pb.rows].copy()

    retype(qtbot, w.dock.lr.box, "0.002")
    qtbot.waitUntil(lambda: "change" in w.model.raw["run"][1]
                    and np.isfinite(pb.W[1, 60]).all(), timeout=10000)

    assert w.model.raw["run"][1]["change"] == [{"at": 40, "lr": 0.002}]
    assert w.model.raw["run"][1]["lr"] == 0.01
    assert pb.cursor == 40
    assert pb.W is W and pb.L is L and pb.LR is LR
    for i, (w0, l0) in before.items():          # not restarted: the same rows, kept
        n = len(w0)
        assert np.array_equal(pb.W[i, :n], w0, equal_nan=True)
        assert np.array_equal(pb.L[i, :n], l0, equal_nan=True)
    assert np.array_equal(pb.W[1, :41], old_path[:41])
    assert pb.LR[1, 41] == 0.002 and pb.LR[1, 40] == 0.01
    assert w.dock.lr.box.text() == "0.002"
    steps, planned = w.plots_view._preview_items[1].getData()
    assert planned[steps == 40][0] == 0.01 and planned[steps == 41][0] == 0.002

    ghost = w.contour_view.ghost_items()
    assert list(ghost) == [1]
    gx, gy = ghost[1].getData()
    assert len(gx) >= 81 and np.allclose([gx[0], gy[0]], old_path[40])
    assert np.allclose(np.column_stack([gx[:20], gy[:20]]), old_path[40:60])
    assert len(w.surface_view.ghost_segments()) >= 2 * 80
    assert [(at, "Momentum" in tip and "lr 0.01 → 0.002" in tip)
            for at, tip in w.plots_view.change_lines()] == [(40, True)]
    ticks = w.transport.change_ticks
    assert len(ticks) == 1 and ticks[0].at == 40 and ticks[0].isVisible()
    assert "after step 40" in ticks[0].toolTip()
    slider = w.transport.slider
    assert 0.25 < ticks[0].geometry().center().x() / slider.width() < 0.45

    finish(w)
    forked = pb.W[1, :121].copy()
    assert np.array_equal(forked[:41], old_path[:41])
    assert not np.allclose(forked[41:61], np.column_stack([gx[1:21], gy[1:21]]))

    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    w.contour_view.plot.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "change" not in w.model.raw["run"][1], timeout=5000)
    qtbot.waitUntil(lambda: pb.state in ("paused", "finished") and 1 not in pb.ghosts
                    and np.isfinite(pb.W[1, 120]).all(), timeout=10000)
    assert w.contour_view.ghost_items() == {}
    assert len(w.surface_view.ghost_segments()) == 0
    assert w.transport.change_ticks == [] and w.plots_view.change_lines() == []
    unforked = pb.W[1, :121].copy()
    assert np.allclose(unforked[:len(old_path)], old_path)
    for i, (w0, _l0) in before.items():
        assert np.array_equal(pb.W[i, :len(w0)], w0, equal_nan=True)

    menu_action(w, "Edit", "Redo").trigger()
    qtbot.waitUntil(lambda: w.model.raw["run"][1].get("change") == [{"at": 40, "lr": 0.002}],
                    timeout=5000)
    finish(w)
    assert np.array_equal(pb.W[1, :121], forked)
    assert list(w.contour_view.ghost_items()) == [1]

    saved = tmp_path / "forked.toml"
    answers = answer_modals()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    menu_action(w, "File", "Save").trigger()
    on_disk = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert on_disk["run"][1]["change"] == [{"at": 40, "lr": 0.002}]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    menu_action(w, "File", "Open scene").trigger()
    answers.stop()
    qtbot.waitUntil(lambda: w.model.path == saved.resolve() and not w.model.dirty,
                    timeout=20000)
    assert w.contour_view.ghost_items() == {}
    finish(w)
    assert np.array_equal(pb.W[1, :121], forked)
    cli = run_csv(saved, tmp_path)
    assert np.array_equal(cli["Momentum"], forked)
    x, y = w.contour_view._run_items[1]["line"].getData()
    assert np.allclose(np.column_stack([x, y]), cli["Momentum"], rtol=0, atol=1e-12)


def test_an_optimizer_switch_forks_and_the_dock_shows_what_is_in_force(
        qtbot, make_window, fork_setting):
    w = make_window(VALLEY, gl_ok=False)
    pb = w.playback
    select_run(qtbot, w, 0)
    play_to(qtbot, w, 30)
    choose(qtbot, w.dock.optimizer, text="adam")
    qtbot.waitUntil(lambda: "change" in w.model.raw["run"][0], timeout=5000)
    assert w.model.raw["run"][0]["change"] == [{"at": 30, "optimizer": "adam", "lr": 0.02}]
    assert w.model.raw["run"][0]["optimizer"] == "sgd"
    assert set(w.dock.hyper_edits) >= {"betas", "eps", "amsgrad"}
    qtbot.waitUntil(lambda: pb.rows > 40, timeout=10000)
    assert pb.cursor == 30

    qtbot.mouseClick(w.transport.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.dock.optimizer.currentText() == "sgd", timeout=3000)
    assert "betas" not in w.dock.hyper_edits


def test_scrubbing_back_and_editing_again_replaces_the_later_change(qtbot, make_window,
                                                                   fork_setting):
    w = make_window(VALLEY, gl_ok=False)
    select_run(qtbot, w, 2)
    play_to(qtbot, w, 50)
    retype(qtbot, w.dock.lr.box, "0.01")
    qtbot.waitUntil(lambda: "change" in w.model.raw["run"][2], timeout=5000)
    w.playback.seek(20)
    qtbot.waitUntil(lambda: w.dock.lr.box.text() == "0.05", timeout=3000)
    retype(qtbot, w.dock.lr.box, "0.1")
    qtbot.waitUntil(lambda: w.model.raw["run"][2]["change"] == [{"at": 20, "lr": 0.1}],
                    timeout=5000)
    assert [at for at, _tip in w.plots_view.change_lines()] == [20]


def test_a_scheduled_runs_lr_is_refused_with_the_offer_to_restart(qtbot, make_window,
                                                                  fork_setting):
    w = make_window(VALLEY, gl_ok=False)
    pb = w.playback
    select_run(qtbot, w, 3)
    play_to(qtbot, w, 40)
    seen = []

    def cancel(dlg):
        seen.append(dlg.text())
        dlg.button(QMessageBox.StandardButton.Cancel).click()

    answers = answer_modals(cancel)
    retype(qtbot, w.dock.lr.box, "0.02")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    answers.stop()
    assert "schedule" in seen[0] and "after step 40" in seen[0]
    assert "change" not in w.model.raw["run"][3] and w.model.raw["run"][3]["lr"] == 0.05
    assert w.dock.lr.box.text() == "0.05" and pb.cursor == 40

    answers = answer_modals()                   # the default button: restart
    retype(qtbot, w.dock.lr.box, "0.02")
    qtbot.waitUntil(lambda: w.model.raw["run"][3]["lr"] == 0.02, timeout=5000)
    answers.stop()
    assert "change" not in w.model.raw["run"][3]
    qtbot.waitUntil(lambda: pb.cursor == 0 or pb.state == "playing", timeout=5000)


def test_the_restart_setting_edits_the_run_from_step_0(qtbot, make_window, fork_setting):
    from gdstudio.gui.state import settings

    w = make_window(VALLEY, gl_ok=False)
    pb = w.playback
    action = menu_action(w, "Edit", "Edits fork the run")
    assert action.isCheckable() and action.isChecked()
    action.trigger()
    assert not settings.fork_edits()
    select_run(qtbot, w, 1)
    play_to(qtbot, w, 40)
    W = pb.W
    retype(qtbot, w.dock.lr.box, "0.002")
    qtbot.waitUntil(lambda: w.model.raw["run"][1]["lr"] == 0.002, timeout=5000)
    assert "change" not in w.model.raw["run"][1]
    assert pb.W is not W and pb.cursor == 0
    assert w.contour_view.ghost_items() == {} and w.transport.change_ticks == []

    w2 = make_window(VALLEY, gl_ok=False)
    assert not menu_action(w2, "Edit", "Edits fork the run").isChecked()


def test_forks_in_quick_succession_show_exactly_what_the_core_computes(qtbot, make_window,
                                                                      finish, fork_setting):
    import gdstudio
    from gdstudio.core import scene_edits
    from gdstudio.core.scene import scene_from_dict

    w = make_window(VALLEY, gl_ok=False)
    pb = w.playback
    play_to(qtbot, w, 50)
    raw = scene_edits.fork_run(w.model.raw, 1, 50, lr=0.003)
    w.session.apply("fork Momentum", raw)
    raw = scene_edits.fork_run(raw, 2, 30, lr=0.2)
    w.session.apply("fork Adam", raw)             # before the first fork is computed
    w.session.undo()
    w.session.redo()
    assert pb.cursor == 50 and sorted(pb.ghosts) == [1, 2]
    finish(w)
    result = gdstudio.run_scene(scene_from_dict(raw))
    for i, run in enumerate(result.runs):
        assert np.array_equal(pb.W[i, :len(run.x)], np.column_stack([run.x, run.y]))
        assert np.array_equal(pb.L[i, :len(run.x)], run.loss)


def test_a_swarm_forks_every_member_and_keeps_a_ghost_of_each(qtbot, make_window,
                                                              fork_setting):
    scene = {**VALLEY, "run": [VALLEY["run"][0], {
        "label": "Swarm", "optimizer": "sgd", "lr": 0.02, "momentum": 0.5, "steps": 120,
        "start": {"points": [[1.5, 1.5], [-1.5, 1.5], [0.0, -1.8]]}}]}
    w = make_window(scene, gl_ok=False)
    pb = w.playback
    select_run(qtbot, w, 1)
    play_to(qtbot, w, 30)
    gd = rows(pb, 0)[0]
    old = pb.W[1:4, :60].copy()
    retype(qtbot, w.dock.hyper_edits["momentum"], "0.9")
    qtbot.waitUntil(lambda: np.isfinite(pb.W[1:4, 60]).all(), timeout=10000)
    assert w.model.raw["run"][1]["change"] == [{"at": 30, "momentum": 0.9}]
    assert sorted(pb.ghosts) == [1, 2, 3]
    for m in range(3):
        assert np.array_equal(pb.ghosts[1 + m][:30, :2], old[m, 30:60])
    assert np.array_equal(pb.W[1:4, :31], old[:, :31])
    assert not np.allclose(pb.W[1:4, 31:60], old[:, 31:60])
    assert np.array_equal(pb.W[0, :len(gd)], gd, equal_nan=True)
    x, _y = w.contour_view.ghost_items()[1].getData()
    assert np.isfinite(x).sum() == sum(len(pb.ghosts[i]) for i in (1, 2, 3))
