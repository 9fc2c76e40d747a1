"""Threads end cleanly: closing mid-run, loading another scene mid-run, errors."""

import math
import sys

from PySide6.QtCore import QObject, QTimer, Signal

from gdstudio.core.scene import scene_from_dict
from gdstudio.gui.state.playback import Playback

ENDLESS = {
    "title": "Runs far longer than the test",
    "surface": {"builtin": "himmelblau"},
    "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.0001, "steps": 200000,
             "start": {"points": [[-4.0, 4.0], [4.0, 4.0], [4.0, -4.0], [-4.0, -4.0]]}}],
}
LONG = {
    "title": "A long swarm",
    "surface": {"builtin": "himmelblau"},
    "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.001, "steps": 20000,
             "start": {"grid": [[-4.0, 4.0], [-4.0, 4.0]], "n": [10, 10]}}],
}


def test_close_mid_run_50_times(qtbot, make_window, capfd):
    for i in range(50):
        w = make_window(ENDLESS, gl_ok=(i % 10 == 0), grid_n=40)
        pb = w.playback
        pb.set_speed(math.inf)
        pb.play()
        qtbot.waitUntil(lambda pb=pb: pb.rows > 1, timeout=5000)
        assert pb.running
        worker = pb._worker
        w.discard_on_close = True
        assert w.close()
        assert not worker.isRunning()
        assert pb._worker is None
    out, err = capfd.readouterr()
    assert "QThread: Destroyed" not in out + err
    sys.stdout.write(out)
    sys.stderr.write(err)


def test_loading_another_scene_mid_run_stops_the_worker(qtbot, make_window, default_scene):
    w = make_window(LONG, gl_ok=False, grid_n=40)
    pb = w.playback
    pb.set_speed(math.inf)
    pb.play()
    qtbot.waitUntil(lambda: pb.rows > 1, timeout=5000)
    old = pb._worker
    assert w.open_scene(default_scene)
    assert not old.isRunning()
    assert pb._worker is not old and len(pb.runs) == 4
    assert w.windowTitle().startswith("gdstudio — Four")


def test_batches_are_coalesced(qtbot, default_scene):
    from gdstudio.core.scene import load_scene

    pb = Playback()
    batches = []
    pb.load(load_scene(default_scene))
    pb._worker.batchReady.connect(lambda _t, b: batches.append(b.t1 - b.t0))
    frames = []
    pb.frame.connect(lambda: frames.append(pb.rows))
    pb.set_speed(math.inf)
    pb.run_to_end()
    qtbot.waitUntil(lambda: pb.state == "finished", timeout=20000)
    pb.shutdown()
    assert pb.rows == pb.total + 1
    assert len(batches) < pb.total / 16
    assert len(frames) < 200


def test_pause_holds_the_worker(qtbot):
    pb = Playback()
    pb.load(scene_from_dict(LONG))
    qtbot.waitUntil(lambda: pb.rows > 0, timeout=5000)
    qtbot.wait(200)
    held = pb.rows
    assert held < 1000
    qtbot.wait(200)
    assert pb.rows == held
    pb.shutdown()


def test_runner_errors_arrive_through_a_signal(qtbot, monkeypatch):
    from gdstudio.core import runner

    def boom(self, chunk=64):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(runner.SceneRun, "batches", boom)
    pb = Playback()
    with qtbot.waitSignal(pb.error, timeout=5000) as blocker:
        pb.load(scene_from_dict(LONG))
    assert "boom" in blocker.args[0]
    assert pb.state == "error"
    pb.shutdown()


class _Emitter(QObject):
    ping = Signal()


def test_no_reference_leaks_in_void_calls_and_emit(qapp):
    """PySide6 6.12 on CPython 3.11 leaks references to None (then aborts)."""
    timer = QTimer()
    em = _Emitter()
    em.ping.connect(lambda: None)
    for _ in range(50):
        timer.setInterval(5)
        em.ping.emit()
    before = sys.getrefcount(None)
    for i in range(400):
        timer.setInterval(i % 50 + 1)
        em.ping.emit()
    assert abs(sys.getrefcount(None) - before) < 50
