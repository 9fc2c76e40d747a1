"""The loss and learning-rate plots while a scene plays: a long run's curve keeps every
zig-zag it makes, and a frame repaints both plots in the window's one update."""

from PySide6.QtCore import QEvent, QObject, Qt


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
