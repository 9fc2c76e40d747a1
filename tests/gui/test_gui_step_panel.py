"""The step explained in the window: the optimizer state drawn at the cursor step, the
Step panel's values (those of ``run_scene(state=True)``), the stability gauge and the
Hessian's eigen-axes, driven by the lessons that ask for them (Lessons menu), the
transport's Step button and the timeline."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt

from gdstudio.core.lessons import find_lesson
from gdstudio.core.runner import run_scene
from gdstudio.core.scene import build_surface, load_scene
from gdstudio.core.stability import effective_step
from gdstudio.gui.draw.palette import DIVERGED
from gdstudio.gui.draw.step_marks import mark_labels
from gdstudio.gui.views.step_panel import OK_COLOR, VALUE_ROLE
from tests.gui.test_gui_lesson_hints import legend_labels, open_lesson, view_action
from tests.gui.user_path import menu_action


def select_run(qtbot, w, row):
    """Click run ``row`` in the Scene dock's run list."""
    lst = w.dock.runs_list
    rect = lst.visualItemRect(lst.item(row))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.model.selected == row, timeout=2000)


def step_to(qtbot, w, t):
    """Press the transport's Step button until the cursor is at ``t``."""
    while w.playback.cursor < t:
        before = w.playback.cursor
        qtbot.mouseClick(w.transport.step_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda b=before: w.playback.cursor == b + 1, timeout=5000)
    qtbot.wait(60)


def panel_values(w):
    table = w.hints.step.panel.table
    return {table.item(k, 0).text().split(" (")[0]: table.item(k, 1).data(VALUE_ROLE)
            for k in range(table.rowCount())}


def core_row(lesson_id, label, t):
    scene = load_scene(find_lesson(lesson_id).path)
    r = next(r for r in run_scene(scene, state=True).runs if r.label == label)
    return scene, r, {k: v[t] for k, v in r.state.items()}


def test_momentum_adam_lesson_explains_the_adam_step(make_window, qtbot):
    w = make_window()
    open_lesson(qtbot, w, "momentum-adam")
    panel = w.hints.step.panel
    assert view_action(w, "Step panel").isChecked() and panel.isVisible()
    select_run(qtbot, w, 3)                               # Adam
    step_to(qtbot, w, 5)
    scene, r, state = core_row("momentum-adam", "Adam", 5)
    v = panel_values(w)
    assert v["step t"] == 5
    np.testing.assert_allclose(v["w"], [r.x[5], r.y[5]], rtol=1e-12, atol=0)
    assert v["L(w)"] == pytest.approx(r.loss[5], rel=1e-12)
    assert v["learning rate"] == pytest.approx(r.lr[5], rel=1e-12)
    np.testing.assert_allclose(v["update applied"], [r.x[5] - r.x[4], r.y[5] - r.y[4]],
                               rtol=1e-12, atol=1e-15)
    for name in ("exp_avg", "exp_avg_sq"):
        np.testing.assert_allclose(v[name], state[name], rtol=1e-12, atol=0)
    assert v["step"] == 5 == state["step"]
    assert "Adam (adam), step 5" in panel.title.text()

    marks = w.contour_view.arrows.arrows
    wt = np.array([r.x[5], r.y[5]])
    (moment,) = [m for m in marks if m[2] == "moment"]
    (grad,) = [m for m in marks if m[2] == "grad"]
    np.testing.assert_allclose(moment[0], wt, rtol=1e-12)
    scale = np.linalg.norm(grad[1] - grad[0]) / np.linalg.norm(v["∇L(w)"])
    np.testing.assert_allclose(moment[1] - moment[0], -scale * state["exp_avg"], rtol=1e-9)
    box = [m for m in marks if m[2] == "box"]
    assert len(box) == 4
    corners = np.array([m[0] for m in box])
    d = effective_step("adam", scene.runs[3].hyper, state)
    half = d * np.linalg.norm(v["∇L(w)"])
    np.testing.assert_allclose(corners.max(axis=0) - wt, half, rtol=1e-9)
    np.testing.assert_allclose(wt - corners.min(axis=0), half, rtol=1e-9)
    assert {m[2] for m in marks} == {"grad", "step", "moment", "box"}, "the selected run only"
    labels = mark_labels()
    assert {labels["moment"], labels["box"]} <= set(legend_labels(w.contour_view.legend))
    assert labels["moment"] in w.surface_view.legend.text()
    assert sum(m[2] == "moment" for m in w.surface_view.arrows.arrows) == 1
    assert "adaptive method" in panel.gauge.text()


def test_momentum_buffer_follows_the_timeline_and_all_runs_toggle(make_window, qtbot):
    w = make_window()
    open_lesson(qtbot, w, "momentum-adam")
    select_run(qtbot, w, 1)                               # SGD with momentum 0.9
    tr = w.transport
    qtbot.waitUntil(lambda: w.playback.rows > 40, timeout=10000)
    tr.slider.setSliderDown(True)
    tr.slider.setSliderPosition(30)
    tr.slider.setSliderDown(False)
    qtbot.waitUntil(lambda: w.playback.cursor == 30, timeout=5000)
    qtbot.wait(60)
    _, _, state = core_row("momentum-adam", "momentum", 30)
    v = panel_values(w)
    assert v["step t"] == 30
    np.testing.assert_allclose(v["momentum_buffer"], state["momentum_buffer"], rtol=1e-12)
    gauge = w.hints.step.panel.gauge.text()
    assert "0.5 / 3.8" in gauge and "heavy-ball momentum" in gauge, "lr 0.01 × 50, 2(1 + 0.9)"
    view_action(w, "Step marks of all runs").trigger()
    qtbot.wait(60)
    kinds = [m[2] for m in w.contour_view.arrows.arrows]
    assert kinds.count("grad") == 4
    assert kinds.count("moment") == 2, "momentum's buffer and Adam's exp_avg"
    assert kinds.count("box") == 8, "RMSProp and Adam"


@pytest.mark.parametrize("row, value, crossed", [(1, "1.92", False), (2, "2.08", True)])
def test_lr_too_large_gauge_predicts_divergence_at_the_start(make_window, qtbot, row, value,
                                                             crossed):
    w = make_window()
    open_lesson(qtbot, w, "lr-too-large")
    w.playback.rewind()
    select_run(qtbot, w, row)
    qtbot.waitUntil(lambda: w.playback.cursor == 0, timeout=2000)
    qtbot.wait(60)
    gauge = w.hints.step.panel.gauge
    assert f"{value} / 2" in gauge.text()
    assert gauge.property("crossed") is crossed
    color = DIVERGED if crossed else OK_COLOR
    assert color in gauge.styleSheet() and color in gauge.text()
    assert "plain gradient descent" in gauge.text()

    assert view_action(w, "Curvature axes").isChecked()
    axes = [m for m in w.contour_view.arrows.arrows if m[2] == "axis"]
    assert [m[3] for m in axes] == ["λ = 8", "λ = 2"]
    start = np.array(load_scene(find_lesson("lr-too-large").path).runs[row].starts[0])
    for a, b, _kind, _label in axes:
        np.testing.assert_allclose((a + b) / 2, start, atol=1e-12)
    long, short = (np.abs(b - a) for a, b, *_ in axes)
    assert long[0] == pytest.approx(0, abs=1e-12) and short[1] == pytest.approx(0, abs=1e-12)
    assert long[1] == pytest.approx(4 * short[0])
    assert "Hessian eigen-axes (length ∝ |λ|)" in legend_labels(w.contour_view.legend)
    surface = build_surface(w.model.scene)
    assert surface.hessian(start[:1], start[1:])[2][0] == 8.0


def test_panel_shows_the_momentum_a_schedule_cycles(make_window, qtbot):
    from gdstudio.core.optimizers import make_optimizer
    from gdstudio.core.schedules import make_schedule

    scene = {"surface": {"builtin": "ravine"},
             "run": [{"optimizer": "sgd", "lr": 0.01, "momentum": 0.9, "start": [-9.0, 2.5],
                      "steps": 40, "schedule": {"kind": "onecycle", "max_lr": 0.02,
                                                "cycle_momentum": True}}]}
    w = make_window(scene)
    view_action(w, "Step panel").trigger()
    qtbot.waitUntil(lambda: w.playback.rows > 10, timeout=10000)
    step_to(qtbot, w, 7)
    opt = make_optimizer("sgd", lr=0.01, momentum=0.9)
    sched = make_schedule(w.model.scene.runs[0].schedule, base_lr=0.01, steps=40, optimizer=opt)
    st = sched.init(1)
    moms = [None]
    for _ in range(8):
        moms.append(sched.momentum(st))
        st = sched.step(st, np.zeros(1))
    v = panel_values(w)
    assert v["momentum"] == pytest.approx(float(np.ravel(moms[7])[0]), rel=1e-12)
    assert moms[7] != moms[1], "the schedule does cycle it"
    bound = 2 * (1 + float(np.ravel(moms[8])[0]))
    assert f"/ {bound:.4g}" in w.hints.step.panel.gauge.text()


def test_every_optimizer_state_is_described_in_the_panel(make_window, qtbot, tmp_path):
    """The panel labels each state tensor by its torch name and what it is, for every
    optimizer (a bare name twice, "d (d)", tells a student nothing)."""
    from gdstudio.core.optimizers import OPTIMIZERS

    text = ('[surface]\nexpr = "(x - 1)**2 + 3*(y + 0.5)**2"\nbounds = [[-3, 3], [-3, 3]]\n'
            + "".join(f'[[run]]\nlabel = "{name}"\noptimizer = "{name}"\nstart = [-2, 2]\n'
                      f'steps = 3\n' + ("momentum = 0.9\n" if name == "sgd" else "")
                      for name in OPTIMIZERS))
    path = tmp_path / "all.toml"
    path.write_text(text)
    w = make_window(path)
    view_action(w, "Step panel").trigger()
    runs = run_scene(load_scene(path), state=True).runs
    for row, run in enumerate(runs):
        select_run(qtbot, w, row)
        step_to(qtbot, w, 2)
        table = w.hints.step.panel.table
        labels = [table.item(k, 0).text() for k in range(table.rowCount())]
        for name in run.state:
            label = next((lb for lb in labels if lb.split(" (")[0] == name), None)
            assert label is not None, (run.label, name, labels)
            assert label != f"{name} ({name})", (run.label, label)
        w.playback.seek(0)
        qtbot.waitUntil(lambda: w.playback.cursor == 0, timeout=5000)


def test_lbfgs_line_search_points_are_drawn_beside_its_next_step(make_window, qtbot):
    """Lesson 20 (Lessons menu): at the cursor step, the points L-BFGS evaluates inside
    its next step (its line search) are small rings in its colour, in both views, at the
    places the core says; the other optimizers have none."""
    w = make_window()
    open_lesson(qtbot, w, "first-second-order")
    scene = load_scene(find_lesson("first-second-order").path)
    r = next(r for r in run_scene(scene).runs if r.label == "L-BFGS")
    step, xy = r.trials
    t = int(min(s for s in np.unique(step) if s >= 2 and (step == s).sum() >= 2)) - 1
    step_to(qtbot, w, t)
    cv = w.contour_view
    np.testing.assert_allclose(
        np.column_stack([cv.trial_dots.data["x"], cv.trial_dots.data["y"]]),
        xy[step == t + 1], rtol=1e-12)
    assert "loss evaluated inside the next step" in legend_labels(cv.legend)
    rings = [m for m in w.surface_view.swa_markers.markers if m.symbol == "o"]
    assert len(rings) == 1 and len(rings[0].pos) == (step == t + 1).sum()
    assert "loss evaluated inside the next step" in w.surface_view.legend.text()


def test_clipping_lesson_draws_the_raw_and_the_clipped_gradient(make_window, qtbot):
    """Lesson 20 (Lessons menu) turns the step arrows on; where the cliff's gradient is
    longer than the clip norm, the clipped run also shows its gradient after clipping, a
    dashed arrow along the raw one and shorter by |g| / 1, drawn at the same scale."""
    from gdstudio.core.runner import clip_grad
    from gdstudio.gui.draw.step_marks import grad_scale

    w = make_window()
    open_lesson(qtbot, w, "warmup-clipping")
    assert view_action(w, "Gradient arrows").isChecked()
    scene = load_scene(find_lesson("warmup-clipping").path)
    surface = build_surface(scene)
    r = next(r for r in run_scene(scene).runs if r.label == "SGD, clipped")
    gx, gy = surface.grad(r.x, r.y)
    norms = np.hypot(gx, gy)
    t = int(np.argmax(norms > 1.5))
    assert t > 0
    select_run(qtbot, w, 1)                               # SGD, clipped
    step_to(qtbot, w, t)
    g = np.array([[gx[t], gy[t]]])
    want = clip_grad(g, {"norm": 1.0})[0]
    cv = w.contour_view
    clip = [m for m in cv.arrows.arrows if m[2] == "clip"]
    grads = [m for m in cv.arrows.arrows if m[2] == "grad"
             and np.allclose(m[0], [r.x[t], r.y[t]])]
    assert len(clip) == 1 and len(grads) == 1
    a, b = np.asarray(clip[0][0]), np.asarray(clip[0][1])
    scale = grad_scale(surface, np.array([r.x[0], r.y[0]]))
    np.testing.assert_allclose(b - a, -want * scale, rtol=1e-9)      # |g| 28 -> 1
    raw = np.asarray(grads[0][1]) - np.asarray(grads[0][0])     # drawn up to the edge
    assert np.linalg.norm(raw) > 2 * np.linalg.norm(b - a)
    assert "−gradient after clipping (same scale)" in legend_labels(cv.legend)
    assert any(m[2] == "clip" for m in w.surface_view.arrows.arrows)


class WindowUpdates(QObject):
    """Counts the window's updates (UpdateRequest: one composite of the whole window)."""

    def __init__(self, w):
        super().__init__(w)
        self.count = 0
        w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            self.count += 1
        return False

    def settle(self, qtbot) -> None:
        """Let the window finish what the last step started (until it stops updating)."""
        before = -1
        while self.count != before:
            before = self.count
            qtbot.wait(250)


def updates_per_step(qtbot, w, updates, start, n) -> list[int]:
    """The window updates each of ``n`` presses of Run > Step costs, from step ``start``
    (after one step not counted: the first after a change of layout also redraws what
    the change left)."""
    w.playback.seek(start - 1)
    qtbot.waitUntil(lambda: w.playback.cursor == start - 1, timeout=5000)
    step = menu_action(w, "Run", "Step")
    counts = []
    for k in range(n + 1):
        updates.settle(qtbot)
        updates.count = 0
        step.trigger()
        qtbot.waitUntil(lambda k=k: w.playback.cursor == start + k, timeout=5000)
        updates.settle(qtbot)
        counts.append(updates.count)
    return counts[1:]


def test_open_step_panel_costs_no_window_update_per_step(make_window, qtbot):
    """Lesson 3 with the Step panel open: each step updates the window as often as with
    the panel closed (its new values repaint the panel inside the frame's one update; its
    gauge and text do not lay the window out again, which would cost a whole-window
    composite more per frame)."""
    w = make_window()
    open_lesson(qtbot, w, "lr-too-large")
    qtbot.waitUntil(lambda: w.playback.rows > 40, timeout=20000)
    w.playback.pause()
    select_run(qtbot, w, 2)                               # lr 0.26, crossed
    panel, toggle = w.hints.step.panel, view_action(w, "Step panel")
    updates = WindowUpdates(w)
    toggle.trigger()
    assert not panel.isVisible()
    closed = updates_per_step(qtbot, w, updates, 5, 6)
    toggle.trigger()
    assert panel.isVisible()
    opened = updates_per_step(qtbot, w, updates, 5, 6)
    assert opened == closed
    assert panel_values(w)["step t"] == 11
    assert "lr 0.26, diverges (sgd), step 11" in panel.title.text()


def test_values_follow_the_cursor_back_and_forth_and_across_runs(make_window, qtbot):
    """The panel's rows keep up with every move of the cursor (Step button, timeline),
    back to step 0 (no update, no state yet), and with another run's optimizer (other
    rows)."""
    w = make_window()
    open_lesson(qtbot, w, "momentum-adam")
    w.playback.rewind()
    select_run(qtbot, w, 3)                               # Adam
    step_to(qtbot, w, 3)
    for t in (3, 0, 30, 29):
        if t != 3:
            tr = w.transport
            tr.slider.setSliderDown(True)
            tr.slider.setSliderPosition(t)
            tr.slider.setSliderDown(False)
            qtbot.waitUntil(lambda t=t: w.playback.cursor == t, timeout=5000)
            qtbot.wait(60)
        _, r, state = core_row("momentum-adam", "Adam", t)
        v = panel_values(w)
        assert v["step t"] == t
        np.testing.assert_allclose(v["w"], [r.x[t], r.y[t]], rtol=1e-12, atol=0)
        np.testing.assert_allclose(v["exp_avg"], state["exp_avg"], rtol=1e-12, atol=0)
        if t == 0:
            assert v["update applied"] is None
            table = w.hints.step.panel.table
            assert table.item(5, 0).text() == "update applied"
            assert table.item(5, 1).text() == "—"
        else:
            np.testing.assert_allclose(v["update applied"],
                                       [r.x[t] - r.x[t - 1], r.y[t] - r.y[t - 1]],
                                       rtol=1e-12, atol=1e-15)
    select_run(qtbot, w, 1)                               # SGD with momentum
    qtbot.wait(60)
    _, r, state = core_row("momentum-adam", "momentum", 29)
    v = panel_values(w)
    assert "exp_avg" not in v
    np.testing.assert_allclose(v["momentum_buffer"], state["momentum_buffer"], rtol=1e-12)
    assert "momentum (sgd), step 29" in w.hints.step.panel.title.text()


def frame_colour(label) -> tuple[int, int, int]:
    """The colour of the gauge's frame as drawn (the middle of its left border)."""
    img = label.grab().toImage()
    c = img.pixelColor(1, img.height() // 2)
    return c.red(), c.green(), c.blue()


def test_gauge_frame_turns_red_when_the_run_crosses_the_bound(make_window, qtbot):
    """Lesson 3: the gauge of the lr 0.24 run is framed green, that of the lr 0.26 run
    (gauge 2.08 > 2) red, and green again back on the 0.24 run, as the steps go on."""
    from PySide6.QtGui import QColor

    w = make_window()
    open_lesson(qtbot, w, "lr-too-large")
    w.playback.rewind()
    gauge = w.hints.step.panel.gauge
    for row, crossed in ((1, False), (2, True), (1, False)):
        select_run(qtbot, w, row)
        step_to(qtbot, w, w.playback.cursor + 1)
        color = DIVERGED if crossed else OK_COLOR
        assert gauge.property("crossed") is crossed
        assert color in gauge.styleSheet() and color in gauge.text()
        want = QColor(color)
        assert frame_colour(gauge) == (want.red(), want.green(), want.blue())


MARKS_SCENE = {
    "surface": {"builtin": "rosenbrock"},
    "run": [{"label": "adam", "optimizer": "adam", "lr": 0.02, "steps": 400,
             "start": [-1.5, 2.0]},
            {"label": "cycled", "optimizer": "sgd", "lr": 0.0005, "momentum": 0.9,
             "steps": 400, "start": [-1.0, 2.5],
             "schedule": {"kind": "onecycle", "max_lr": 0.001, "cycle_momentum": True}},
            {"label": "rmsprop", "optimizer": "rmsprop", "lr": 0.005, "steps": 400,
             "start": [1.5, 2.0]}]}


def marks_on(qtbot, w):
    """Gradient arrows, the Step panel and the step marks of all runs, from the View menu."""
    for text in ("Gradient arrows", "Step panel", "Step marks of all runs"):
        view_action(w, text).trigger()
        assert view_action(w, text).isChecked()
    select_run(qtbot, w, 1)


def drawn_at_cursor(w):
    """What the window shows of the step at the cursor: the panel's rows and gauge, the
    arrows and the step dots of both views."""
    panel = w.hints.step.panel
    return (panel_values(w), panel.title.text(), panel.gauge.text(),
            [(np.asarray(a).tolist(), np.asarray(b).tolist(), k)
             for a, b, k, *_ in w.contour_view.arrows.arrows],
            [(np.asarray(a).tolist(), np.asarray(b).tolist(), k)
             for a, b, k, *_ in w.surface_view.arrows.arrows],
            w.contour_view.step_dots.points.tolist(), w.surface_view.step_dots.pos.tolist())


def scrub(qtbot, w, t):
    tr = w.transport
    tr.slider.setSliderDown(True)
    tr.slider.setSliderPosition(t)
    tr.slider.setSliderDown(False)
    qtbot.waitUntil(lambda: w.playback.cursor == t, timeout=20000)
    qtbot.wait(60)


def test_marks_while_playing_equal_a_fresh_window_at_that_step(make_window, qtbot,
                                                               monkeypatch):
    """Arrows and the Step panel on, the window plays, pauses and is scrubbed back: at each
    step it stops on, the panel's values and the arrows of both views are those a window
    opened afresh shows at that step. The GUI thread computes no optimizer step for them:
    the worker records the state as it computes the rows."""
    import threading

    from gdstudio.core.runner import RunGroup

    gui_steps = []
    step = RunGroup.step

    def counted(self):
        if threading.current_thread() is threading.main_thread():
            gui_steps.append(self.t)
        return step(self)

    monkeypatch.setattr(RunGroup, "step", counted)
    w = make_window(MARKS_SCENE)
    marks_on(qtbot, w)
    pb = w.playback
    pb.set_speed(600.0)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pb.cursor > 150, timeout=20000)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pb.state == "paused", timeout=5000)
    qtbot.wait(60)
    seen = {pb.cursor: drawn_at_cursor(w)}
    for t in (97, 3):
        scrub(qtbot, w, t)
        seen[t] = drawn_at_cursor(w)
    assert gui_steps == []
    for t, drawn in seen.items():
        fresh = make_window(MARKS_SCENE)
        marks_on(qtbot, fresh)
        scrub(qtbot, fresh, t)
        again = drawn_at_cursor(fresh)
        assert again[0] == drawn[0] and again[0]["step t"] == t
        assert again[1:3] == drawn[1:3]
        assert again[3] == drawn[3] and again[4] == drawn[4]
        assert again[5] == drawn[5] and again[6] == drawn[6]
        assert len(drawn[5]) == 3 * (t + 1)
        assert {k for *_ab, k in drawn[3]} >= {"grad", "step", "moment", "box"}
        fresh.close()


class Paints(QObject):
    """Counts the paint events of the widgets it watches."""

    def __init__(self, widgets):
        super().__init__()
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_playing_repaints_the_step_panel_in_a_third_of_the_frames(make_window, qtbot):
    """While the window plays at 600 steps/s the Step panel's table and gauge show a new
    step in every third frame, not in each (the table is repainted in at most half of
    them): numbers changing sixty times a second are not read, and repainting them cost
    as much as a view. Paused, the panel shows the exact cursor step."""
    scene = {**MARKS_SCENE, "run": [{**r, "steps": 4000} for r in MARKS_SCENE["run"]]}
    w = make_window(scene)
    marks_on(qtbot, w)
    panel, pb = w.hints.step.panel, w.playback
    frames = []
    pb.frame.connect(lambda: frames.append(pb.cursor))
    paints = Paints([panel.table.viewport()])
    pb.set_speed(600.0)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(frames) >= 30, timeout=20000)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    played, painted = len(frames), paints.count
    qtbot.waitUntil(lambda: pb.state == "paused", timeout=5000)
    qtbot.wait(100)
    assert len(set(frames)) > 20
    assert painted <= played // 2
    assert panel_values(w)["step t"] == pb.cursor
    assert f"step {pb.cursor}" in panel.title.text()


def test_gradient_arrow_has_a_black_outline_in_the_contour_pane(make_window, qtbot):
    """View > Gradient arrows: the gradient arrow's shaft is edged in black on either side
    (a rim as dark on a bright part of the heat map as on a dark one)."""
    w = make_window(MARKS_SCENE)
    marks_on(qtbot, w)
    view = w.contour_view
    qtbot.waitUntil(lambda: any(m[2] == "grad" for m in view.arrows.arrows), timeout=5000)
    assert w.playback.cursor == 0                   # at the start: ARROW_SHARE of the pane
    a, b = next((a, b) for a, b, kind, *_ in view.arrows.arrows if kind == "grad")
    image = view.plot.viewport().grab().toImage()

    def px(p):
        return view.plot.mapFromScene(view.arrows.mapToScene(QPointF(*p)))

    pa, pb = px(a), px(b)
    d = np.array([pb.x() - pa.x(), pb.y() - pa.y()], dtype=float)
    assert np.hypot(*d) > 60
    u = d / np.hypot(*d)
    n = np.array([-u[1], u[0]])
    for side in (1, -1):
        rim = []
        for f in np.linspace(0.3, 0.7, 9):
            at = np.array([pa.x(), pa.y()]) + f * d
            near = [(x, y) for x in range(int(at[0]) - 5, int(at[0]) + 6)
                    for y in range(int(at[1]) - 5, int(at[1]) + 6)
                    if 2.8 <= side * np.dot((x + 0.5, y + 0.5) - at, n) <= 3.5
                    and abs(np.dot((x + 0.5, y + 0.5) - at, u)) <= 3]
            rim.append(min(max(image.pixelColor(x, y).getRgb()[:3]) for x, y in near))
        assert sorted(rim)[len(rim) // 2] <= 8, rim
