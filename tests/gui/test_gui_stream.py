"""A fast run streams in batches: the worker sends far fewer signals than steps and the
GUI thread keeps running its timers (the timings live in benchmarks/bench_stream.py)."""

import math
import time

import pytest
from PySide6.QtCore import Qt, QTimer

SWARM = {"title": "stream", "surface": {"builtin": "sphere"},
         "run": [{"label": "swarm", "optimizer": "sgd", "lr": 0.001, "steps": 200_000,
                  "start": {"grid": [[-4.0, 4.0], [-4.0, 4.0]], "n": [8, 8]}}]}
TICK_MS = 50
SECONDS = 3.0


def stream(qtbot, window) -> dict:
    """Play the window's scene as fast as possible for SECONDS with a GUI-thread timer."""
    pb = window.playback
    sizes = []
    pb._worker.batchReady.connect(lambda token, b: sizes.append(b.t1 - b.t0))
    ticks = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    pb.set_speed(math.inf)
    t0 = time.perf_counter()
    ticks.append(t0)
    timer.start()
    pb.play()
    qtbot.wait(int(SECONDS * 1000))
    timer.stop()
    elapsed = time.perf_counter() - t0
    rows = pb.rows
    pb.shutdown()
    return {"elapsed": elapsed, "rows": rows, "steps": (rows - 1) * len(pb.runs),
            "signals": len(sizes), "ticks": len(ticks) - 1,
            "longest_gap": max(b - a for a, b in zip(ticks, ticks[1:]))}


def test_a_fast_run_streams_in_batches_and_the_gui_keeps_running(qtbot, make_window):
    s = stream(qtbot, make_window(SWARM, grid_n=40))
    assert s["steps"] >= 64 * 2000
    assert s["signals"] < s["rows"] / 20
    assert s["signals"] <= s["elapsed"] * 1000 / 16 * 1.5
    assert s["ticks"] >= 0.1 * s["elapsed"] * 1000 / TICK_MS
    assert s["longest_gap"] < 2.0


@pytest.mark.xfail(reason="the views redraw every recorded row each frame (surface_view "
                          "segments/redraw, plots_view redraw/_loss_range, PlotCurveItem "
                          "drawLines): frames slow down as the trails grow", strict=True)
def test_the_gui_timer_keeps_80_percent_of_its_ticks_while_streaming(qtbot, make_window):
    s = stream(qtbot, make_window(SWARM, grid_n=40))
    assert s["ticks"] >= 0.8 * s["elapsed"] * 1000 / TICK_MS
