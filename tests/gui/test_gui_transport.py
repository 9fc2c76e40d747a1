"""Play, pause, step, reset, run to end, speed and the timeline."""

import math

from PySide6.QtCore import Qt


def test_play_pause_step_reset(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    pb, tr = w.playback, w.transport
    tr.speed.setCurrentIndex(tr.speed.findData(500.0))
    qtbot.mouseClick(tr.play_button, Qt.MouseButton.LeftButton)
    assert pb.state == "playing"
    assert tr.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: pb.cursor > 20, timeout=5000)
    assert tr.status_labels_text()[0] == "running"
    qtbot.mouseClick(tr.play_button, Qt.MouseButton.LeftButton)
    assert pb.state == "paused"
    at = pb.cursor
    qtbot.wait(100)
    assert pb.cursor == at
    qtbot.mouseClick(tr.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tr.step_label.text() == f"step {at + 1} / {pb.total}",
                    timeout=2000)
    assert pb.cursor == at + 1
    qtbot.mouseClick(tr.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tr.slider.value() == 0, timeout=2000)
    assert pb.cursor == 0


def test_run_to_end_and_scrub(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    pb, tr = w.playback, w.transport
    qtbot.mouseClick(tr.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pb.state == "finished", timeout=20000)
    assert pb.cursor == pb.total
    assert all(t.startswith("finished") for t in tr.status_labels_text())
    tr.slider.setSliderDown(True)
    tr.slider.setSliderPosition(300)
    tr.slider.setSliderDown(False)
    line = w.contour_view._run_items[0]["line"]
    qtbot.waitUntil(lambda: len(line.getData()[0]) == 301, timeout=2000)
    assert pb.cursor == 300
    tr.slider.setSliderDown(True)
    tr.slider.setSliderPosition(pb.total)
    tr.slider.setSliderDown(False)
    qtbot.waitUntil(lambda: pb.cursor == pb.total, timeout=2000)


def test_speed_limits_playback(qtbot, make_window, default_scene, monkeypatch):
    """At 30 steps/s the cursor moves 3 steps per 0.1 s of the playback's clock, whatever
    the machine's load: the clock is the test's, the timer ticks are Qt's."""
    from types import SimpleNamespace

    from gdstudio.gui.state import playback

    clock = SimpleNamespace(t=0.0)
    monkeypatch.setattr(playback, "time", SimpleNamespace(perf_counter=lambda: clock.t))
    w = make_window(default_scene)
    pb, tr = w.playback, w.transport
    qtbot.waitUntil(lambda: pb.rows > 20, timeout=10000)
    tr.speed.setCurrentIndex(tr.speed.findData(30.0))
    qtbot.mouseClick(tr.play_button, Qt.MouseButton.LeftButton)
    for k in range(1, 6):
        clock.t += 0.1
        qtbot.waitUntil(lambda k=k: pb.cursor >= 3 * k, timeout=5000)
    qtbot.wait(100)     # more ticks, no time passes: the cursor stays
    assert pb.cursor == 15
    clock.t += 5.0      # a stall of the machine moves it by at most 0.1 s of steps
    qtbot.waitUntil(lambda: pb.cursor > 15, timeout=5000)
    assert pb.cursor == 18
    tr.speed.setCurrentIndex(tr.speed.count() - 1)
    assert math.isinf(pb.speed)
    clock.t += 0.1
    qtbot.waitUntil(lambda: pb.state == "finished", timeout=20000)


def test_keyboard_shortcuts(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    pb = w.playback
    qtbot.keyClick(w, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: pb.cursor == 1, timeout=2000)
    qtbot.keyClick(w, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: pb.state == "finished", timeout=20000)
    qtbot.keyClick(w, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: pb.cursor == 0, timeout=2000)


def test_swarm_status_is_summarised(qtbot, make_window, finish):
    from gdstudio.resources import resource_path

    w = make_window(resource_path("scenes", "himmelblau_swarm.toml"), grid_n=40)
    assert w.transport.status_labels_text() == ["ready"]
    finish(w)
    assert w.transport.status_labels_text() == ["64 finished"]


def test_loss_log_scale_only_for_positive_losses(qtbot, make_window, default_scene, finish):
    from gdstudio.resources import resource_path

    w = make_window(default_scene)
    finish(w)
    w.plots_view.log_box.setChecked(True)
    assert w.plots_view.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()
    w2 = make_window(resource_path("scenes", "saddle.toml"))
    finish(w2)
    w2.plots_view.log_box.setChecked(True)
    assert not w2.plots_view.log_box.isChecked()
    assert "> 0" in w2.plots_view.log_box.toolTip()
