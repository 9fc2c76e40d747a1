"""The loss and learning-rate plots while a scene plays: a long run's curve keeps every
zig-zag it makes, a frame repaints both plots in the window's one update and leaves the
axes alone while their ranges stay, and the curves a playing window keeps reducing frame
by frame are the ones a fresh window draws."""

import contextlib
import copy

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from pytestqt.exceptions import TimeoutError


def test_a_long_zigzagging_run_shows_its_whole_zigzag(make_window, finish):
    # sgd on |x - 0.3| + |y| / 2 steps past the minimum and back forever: the loss
    # alternates between two values every step, over more steps than the plot has pixels
    scene = {"title": "zig-zag",
             "surface": {"expr": "abs(x - 0.3) + 0.5*abs(y)", "bounds": [[-2, 2], [-2, 2]]},
             "run": [{"label": "sgd", "optimizer": "sgd", "lr": 0.37, "steps": 45000,
                      "start": [1.0, 1.0]}]}
    w = make_window(scene)
    finish(w, timeout=60000)
    pb = w.playback
    loss = pb.L[0, :pb.rows]
    steps = pb.steps[:pb.rows]
    x, y = w.plots_view._loss_items[0].getData()
    for lo, hi in ((100, 45000), (30000, 45000)):
        data = loss[(steps >= lo) & (steps <= hi)]
        drawn = y[(x >= lo) & (x <= hi)]
        assert data.max() - data.min() > 0.1
        assert drawn.max() == data.max() and drawn.min() == data.min()


class _Updates(QObject):
    """Per playback frame: the window updates after it, and in which of them each plot
    was painted."""

    def __init__(self, window):
        super().__init__()
        self.plots = {window.plots_view.loss_plot.viewport(): "loss",
                      window.plots_view.lr_plot.viewport(): "lr"}
        self.window = window
        self.frames: list[dict] = []
        window.playback.frame.connect(self._frame)     # after the views' own slots
        for obj in (window, *self.plots):
            obj.installEventFilter(self)

    def _frame(self):
        self.frames.append({"updates": 0, "loss": set(), "lr": set()})

    def eventFilter(self, obj, event):
        if self.frames:
            frame = self.frames[-1]
            if obj is self.window and event.type() == QEvent.Type.UpdateRequest:
                frame["updates"] += 1
            elif obj in self.plots and event.type() == QEvent.Type.Paint:
                frame[self.plots[obj]].add(frame["updates"])
        return False


def test_a_playing_frame_repaints_both_plots_in_one_window_update(make_window, qtbot):
    opts = ["sgd", "adam", "rmsprop", "adagrad"]
    scene = {"title": "four", "surface": {"builtin": "rosenbrock"},
             "run": [{"label": o, "optimizer": o, "lr": 0.0005, "steps": 100000,
                      "start": [-1.5 + 0.1 * i, 2.0]} for i, o in enumerate(opts)]}
    w = make_window(scene)
    seen = _Updates(w)      # from the third frame: the first ones also show the play state
    w.transport.speed.setCurrentIndex(w.transport.speed.count() - 2)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    both = lambda: [f for f in seen.frames[2:-1] if f["loss"] and f["lr"]]  # noqa: E731
    qtbot.waitUntil(lambda: len(both()) >= 8, timeout=30000)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    for f in both():
        assert f["loss"] == f["lr"] == {1}, f"plots painted in window updates {f}"


def test_a_playing_frame_repaints_the_axes_only_when_their_ranges_change(
        make_window, qtbot, monkeypatch):
    """While the losses fall a little each frame the loss axis keeps its range (round
    steps), so most frames repaint the curves and leave the axes and grid as they are;
    a frame that keeps both plots' ranges repaints no axis at all."""
    import pyqtgraph as pg

    painted = []
    paint = pg.AxisItem.paint
    monkeypatch.setattr(pg.AxisItem, "paint", lambda self, *a: (
        painted.append(self), paint(self, *a))[1])
    opts = ["sgd", "adam", "rmsprop", "adagrad"]
    scene = {"title": "four", "surface": {"builtin": "rosenbrock"},
             "run": [{"label": o, "optimizer": o, "lr": 0.0005, "steps": 100000,
                      "start": [-1.5 + 0.1 * i, 2.0]} for i, o in enumerate(opts)]}
    w = make_window(scene)
    pv, pb = w.plots_view, w.playback
    axes = {p.getAxis(s) for p in (pv.loss_plot, pv.lr_plot) for s in ("left", "bottom")}
    seen = _Updates(w)
    frames = []         # per frame: axis paints so far, the plots' ranges, the step
    pb.frame.connect(lambda: frames.append(
        (len(painted), [p.getPlotItem().vb.viewRange() for p in (pv.loss_plot, pv.lr_plot)],
         pb.cursor)))
    w.transport.speed.setCurrentIndex(w.transport.speed.findData(500.0))
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)

    def drawn() -> list[int]:
        """Frames past step 1000 (the steepest fall) that repainted both plots."""
        return [i for i in range(1, len(frames) - 1) if frames[i][2] > 1000
                and seen.frames[i]["loss"] and seen.frames[i]["lr"]]

    qtbot.waitUntil(lambda: len(drawn()) >= 16, timeout=40000)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    kept = [i for i in drawn() if frames[i][1] == frames[i - 1][1]]
    for i in kept:
        axes_painted = [a for a in painted[frames[i][0]:frames[i + 1][0]] if a in axes]
        assert not axes_painted, f"frame {i} kept the ranges but repainted {axes_painted}"
    assert len(kept) >= 0.75 * len(drawn()), f"{len(kept)} of {len(drawn())} frames kept"


def _curves(w) -> dict[str, tuple]:
    """Each run curve of both plots as drawn: its points, which join, whether shown."""
    pv = w.plots_view
    out = {}
    for name, items in (("loss", pv._loss_items), ("lr", pv._lr_items)):
        for g, item in enumerate(items):
            x, y = item.getData()
            out[f"{name} {g}"] = (np.array(x, copy=True), np.array(y, copy=True),
                                  np.array(item.opts["connect"], copy=True), item.isVisible())
    return out


def _differences(a: dict, b: dict) -> list[str]:
    return [k for k in a if a[k][3] != b[k][3]
            or any(p.shape != q.shape or not np.array_equal(p, q)
                   for p, q in zip(a[k][:3], b[k][:3], strict=True))]


def _assert_curves_as_fresh(qtbot, make_window, w) -> None:
    """A new window on ``w``'s scene at ``w``'s step, zoom and runs shown draws the
    same loss and rate curves (a kept reduction that outlived its rows would differ)."""
    from tests.gui.test_gui_3d_kept_paths import set_shown

    pb = w.playback
    hidden = {g for g in range(w.dock.runs_list.count())
              if w.dock.runs_list.item(g).checkState() != Qt.CheckState.Checked}
    fresh = make_window(copy.deepcopy(w.model.raw))
    fresh.resize(w.size())
    set_shown(qtbot, fresh, hidden)
    fresh.playback.seek(pb.cursor)
    qtbot.waitUntil(lambda: fresh.playback.cursor == pb.cursor, timeout=10000)
    fresh.plots_view.restore_view_state(w.plots_view.view_state())
    for p, q in ((w.plots_view.loss_plot, fresh.plots_view.loss_plot),
                 (w.plots_view.lr_plot, fresh.plots_view.lr_plot)):
        qtbot.waitUntil(lambda p=p, q=q: p.size() == q.size(), timeout=5000)
    with contextlib.suppress(TimeoutError):     # the assert below says what differs
        qtbot.waitUntil(lambda: not _differences(_curves(w), _curves(fresh)), timeout=5000)
    mine, theirs = _curves(w), _curves(fresh)
    assert not _differences(mine, theirs), _differences(mine, theirs)
    rows = pb.row(pb.cursor) + 1
    assert all(10 < len(c[0]) < rows / 2 for k, c in mine.items() if k.startswith("loss"))
    fresh.close()


def test_the_curves_after_play_zoom_and_hiding_a_run_equal_a_fresh_windows(
        make_window, qtbot):
    from tests.gui.test_gui_3d_kept_paths import set_shown
    from tests.gui.test_gui_language_switch import _wheel

    scene = {"title": "three", "surface": {"builtin": "rosenbrock"},
             "run": [{"label": o, "optimizer": o, "lr": lr, "steps": 30000,
                      "start": [-1.5 + 0.2 * i, 2.0]}
                     for i, (o, lr) in enumerate([("sgd", 0.0005), ("adam", 0.002),
                                                  ("rmsprop", 0.001)])]}
    w = make_window(scene)
    pb = w.playback
    w.transport.speed.setCurrentIndex(w.transport.speed.count() - 2)

    def play(steps: int) -> None:
        start = pb.cursor
        qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pb.cursor >= start + steps, timeout=30000)
        qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
        qtbot.wait(50)

    play(6000)
    _assert_curves_as_fresh(qtbot, make_window, w)
    _wheel(w.plots_view.loss_plot, 2)
    _wheel(w.plots_view.lr_plot, -1)
    qtbot.wait(50)
    _assert_curves_as_fresh(qtbot, make_window, w)
    play(3000)
    _assert_curves_as_fresh(qtbot, make_window, w)
    set_shown(qtbot, w, {1})
    play(2000)
    _assert_curves_as_fresh(qtbot, make_window, w)
