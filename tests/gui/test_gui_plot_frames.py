"""The loss and learning-rate plots while a scene plays: a long run's curve keeps every
zig-zag it makes."""


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
