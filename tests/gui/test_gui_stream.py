"""A fast run streams in batches: the worker sends far fewer signals than steps and the
GUI thread keeps running its timers (the timings live in benchmarks/bench_stream.py)."""

import math
import time
from functools import partial

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer

from tests.gui.test_gui_perf import image_array

SWARM = {"title": "stream", "surface": {"builtin": "sphere"},
         "run": [{"label": "swarm", "optimizer": "sgd", "lr": 0.001, "steps": 200_000,
                  "start": {"grid": [[-4.0, 4.0], [-4.0, 4.0]], "n": [8, 8]}}]}
TICK_MS = 50


def test_a_fast_run_streams_in_batches_and_the_gui_keeps_running(qtbot, make_window):
    """Far fewer signals than rows, and a GUI-thread timer keeps firing while rows arrive
    (how often it fires is a speed target: benchmarks/bench_stream.py)."""
    window = make_window(SWARM, grid_n=40)
    pb = window.playback
    sizes = []
    pb._worker.batchReady.connect(lambda token, b: sizes.append(b.t1 - b.t0))
    rows_at_tick = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: rows_at_tick.append(pb.rows))
    pb.set_speed(math.inf)
    timer.start()
    pb.play()
    qtbot.waitUntil(lambda: pb.rows > 20_000 and len(set(rows_at_tick)) >= 4, timeout=60_000)
    timer.stop()
    rows = pb.rows
    pb.shutdown()
    assert len(sizes) < rows / 20                  # batches, never a signal per step
    assert sum(sizes) <= rows
    seen = sorted(set(rows_at_tick))
    assert len(seen) >= 4 and seen[-1] > seen[0]   # the timer ran between batches


def frames_of(window) -> list:
    """(lane, cursor) of every frame the playback emits from now on."""
    pb, seen = window.playback, []
    pb.frame.connect(lambda: seen.append((pb.lane, pb.cursor)))
    return seen


def last_turns(seen: list, cursor: int) -> list:
    """The lanes of the frames at the end of ``seen`` that show step ``cursor``."""
    tail = []
    for lane, at in reversed(seen):
        if at != cursor:
            break
        tail.append(lane)
    return tail[::-1]


def caught_up(window, seen: list) -> bool:
    """Whether every lane has drawn the step shown, in frames of their own (no frame
    draws every view at once), and no view holds its painting."""
    from gdstudio.gui.state.playback import LANES, STAGED

    tail = last_turns(seen, window.playback.cursor)
    return None not in tail and set(range(LANES)) <= set(tail) and \
        tail[-1] not in STAGED and window.surface_view.view.updatesEnabled() and \
        window.contour_view.plot.updatesEnabled()


def drawn_ends(window) -> tuple[float, float, float]:
    """The last step of the loss curve, and the last point of the contour path, as drawn."""
    loss = window.plots_view._loss_items[0].getData()[0]
    x, y = window.contour_view._run_items[0]["line"].getData()
    ok = np.isfinite(x) & np.isfinite(y)
    return float(np.nanmax(loss)), float(x[ok][-1]), float(y[ok][-1])


def test_a_playing_swarm_draws_its_views_in_alternate_frames_and_all_at_the_end(
        qtbot, make_window):
    scene = dict(SWARM, run=[dict(SWARM["run"][0], steps=20_000)])   # ~1 s of frames
    window = make_window(scene, grid_n=40)
    pb = window.playback
    seen = frames_of(window)
    log = []                    # what happens after each frame, in order
    pb.frame.connect(lambda: log.append(pb.lane))
    gl = window.surface_view.view
    # "draw": the GL scene drawn; "show": a new frame painted (drawn there or ahead)
    gl.paintGL = partial(lambda paint: (log.append("draw"), paint()), gl.paintGL)
    gl.render_frame = partial(lambda render: (log.append("show"), render())[1],
                              gl.render_frame)
    worker = pb._worker
    worker.release = partial(lambda release: (log.append("release"), release()),
                             worker.release)
    pb.set_speed(math.inf)
    pb.play()
    qtbot.waitUntil(lambda: pb.state == "finished" and caught_up(window, seen),
                    timeout=30_000)
    qtbot.waitUntil(lambda: not gl._stale, timeout=5000)     # the last frame painted
    playing = [lane for lane, _ in seen]
    from gdstudio.gui.state.playback import LANES, SHOW, STAGED

    assert set(range(LANES)) <= set(playing)        # every lane took its turn
    assert all(a != b for a, b in zip(playing, playing[1:]))
    # the 3D view and the contour pane draw in one frame and paint in the next
    assert {0, 3} <= set(STAGED)
    staged = [k for k, lane in enumerate(playing[:-1]) if lane in STAGED]
    assert staged and all(playing[k + 1] == SHOW for k in staged)
    after, n = {}, -1           # frame number -> what followed it until the next frame
    for entry in log:
        if entry in ("draw", "show", "release"):
            after.setdefault(n, []).append(entry)
        else:
            n += 1
            after[n] = []
    # the 3D lane's frames are shown once, after the next frame lets them go; while they
    # hold the computing worker their GL frame is drawn ahead, after the window update
    # (rasterised meanwhile), and only shown later
    three_d = [k for k in staged if playing[k] == 0]
    later = {k: sum((after[j] for j in range(k + 1, next(
        (m for m in three_d if m > k), len(playing)))), []) for k in three_d}
    assert three_d and all(later[k].count("show") == 1 for k in three_d)
    ahead = [k for k in three_d if "release" in after[k]]
    assert ahead and all(after[k][0] == "draw" and "show" not in after[k]
                         and "draw" not in later[k] for k in ahead)
    drawn = [a for k, a in after.items() if k >= 0 and "draw" in a and "release" in a]
    assert drawn                # frames that held the computing worker and drew 3D:
    assert all(a.index("draw") < a.index("release") for a in drawn)  # released after
    last = pb.current(len(pb.runs) - 1)
    step, x, y = drawn_ends(window)
    assert step == pb.cursor == 20_000
    w = pb.W[len(pb.runs) - 1, last]
    assert (x, y) == pytest.approx((w[0], w[1]))
    assert gl.drawn_ahead and image_array(gl._shown).tolist() == \
        image_array(gl.grabFramebuffer()).tolist()    # the frame shown is the scene now


def test_pausing_a_swarm_brings_every_view_to_the_step_shown(qtbot, make_window):
    window = make_window(SWARM, grid_n=40)
    pb = window.playback
    seen = frames_of(window)
    pb.set_speed(math.inf)
    pb.play()
    qtbot.waitUntil(lambda: len(seen) >= 6, timeout=20_000)
    pb.pause()
    qtbot.waitUntil(lambda: caught_up(window, seen), timeout=5_000)
    step, x, y = drawn_ends(window)
    assert step == pb.cursor
    w = pb.W[len(pb.runs) - 1, pb.cursor]
    assert (x, y) == pytest.approx((w[0], w[1]))


def test_a_few_runs_draw_the_3d_view_every_frame_and_the_2d_panes_in_turns(
        qtbot, make_window):
    """Playing, the 3D view redraws in every frame, the loss and LR plots in one frame and
    the contour pane in the next; pausing brings every view to the step shown. The worker
    is never held."""
    runs = [{"label": name, "optimizer": name, "lr": 0.001, "steps": 50_000,
             "start": [-1.5, 2.0]} for name in ("sgd", "rmsprop", "adam", "nadam")]
    window = make_window({"surface": {"builtin": "rosenbrock"}, "run": runs})
    pb = window.playback
    views = {"3d": window.surface_view, "contour": window.contour_view,
             "plots": window.plots_view}
    drawn: set = set()
    for name, view in views.items():
        view.redraw = partial(lambda name, redraw, *a, **k: (drawn.add(name),
                                                            redraw(*a, **k)), name, view.redraw)
    frames, held = [], []

    def frame():
        frames.append((pb.state, frozenset(drawn)))
        drawn.clear()
        held.append(pb._worker is not None and pb._worker.held)

    pb.frame.connect(frame)
    pb.set_speed(math.inf)                      # the worker computes all along
    pb.play()
    qtbot.waitUntil(lambda: len(frames) >= 10, timeout=10_000)
    pb.pause()
    qtbot.waitUntil(lambda: frames[-1][0] == "paused", timeout=5_000)
    playing = [d for state, d in frames if state == "playing"]
    assert len(playing) >= 10
    assert all("3d" in d for d in playing)
    two_d = [d - {"3d"} for d in playing]
    assert set(two_d) == {frozenset({"plots"}), frozenset({"contour"})}
    assert all(a != b for a, b in zip(two_d, two_d[1:], strict=False))   # turns alternate
    assert frames[-1][1] == {"3d", "contour", "plots"}    # the frame after pausing: all
    step, x, y = drawn_ends(window)
    assert step == pb.cursor
    assert not any(held)        # a few runs play at the display rate, the worker free


def test_a_held_worker_computes_nothing_until_its_hold_ends(qtbot):
    from gdstudio.core.runner import SceneRun
    from gdstudio.core.scene import scene_from_dict
    from gdstudio.gui.state.worker import HOLD_MAX_S, RunWorker

    scene = scene_from_dict({"surface": {"builtin": "sphere"},
                             "run": [{"optimizer": "sgd", "lr": 0.1, "steps": 500,
                                      "start": [1.0, 1.0]}]})
    worker = RunWorker(SceneRun(scene), None)
    rows, arrived = [], []
    worker.batchReady.connect(lambda _token, b: (rows.append(b.t1),
                                                 arrived.append(time.perf_counter())))
    worker.allow(500)
    t0 = time.perf_counter()
    worker.hold(10.0)                           # capped: a hold always ends by itself
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(rows) and rows[-1] == 501, timeout=5_000)
        # a lower bound only: a loaded machine can make it later, never earlier
        assert arrived[0] - t0 >= HOLD_MAX_S
    finally:
        worker.stop()


def test_a_released_worker_computes_at_once_and_a_big_swarm_in_small_batches(qtbot):
    """The window releases the worker once a frame is painted; a big swarm's batches stay
    small, so a frame that holds the worker waits for at most one of them."""
    from gdstudio.core.runner import SceneRun
    from gdstudio.core.scene import scene_from_dict
    from gdstudio.gui.state.playback import BATCH_STEPS, batch_steps
    from gdstudio.gui.state.worker import RunWorker

    scene = scene_from_dict({"surface": {"builtin": "sphere"},
                             "run": [{"optimizer": "sgd", "lr": 0.1, "steps": 500,
                                      "start": [1.0, 1.0]}]})
    worker = RunWorker(SceneRun(scene), None)
    rows = []
    worker.batchReady.connect(lambda _token, b: rows.append(b.t1))
    worker.allow(500)
    worker.hold(10.0)
    worker.start()
    try:
        assert worker.held
        worker.release()
        assert not worker.held
        qtbot.waitUntil(lambda: bool(rows) and rows[-1] == 501, timeout=5_000)
    finally:
        worker.stop()
    assert batch_steps(8) == BATCH_STEPS
    assert batch_steps(10_000) < BATCH_STEPS
    assert batch_steps(10**7) == 1
