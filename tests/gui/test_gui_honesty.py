"""Diverging runs are marked at their step; overflowing surfaces are clipped and say so;
no NaN or inf ever reaches a GL item."""

import numpy as np

DIVERGING = {
    "title": "Too large a learning rate",
    "surface": {"builtin": "rosenbrock"},
    "defaults": {"start": [-1.5, 2.0], "steps": 200},
    "run": [
        {"label": "calm", "optimizer": "sgd", "lr": 0.0005},
        {"label": "wild", "optimizer": "sgd", "lr": 0.004},
    ],
}

OVERFLOW = {
    "title": "exp(exp(x)) overflows",
    "surface": {"expr": "exp(exp(x)) + y**2", "bounds": [[-3.0, 8.0], [-2.0, 2.0]]},
    "run": [{"label": "gd", "optimizer": "sgd", "lr": 0.01, "start": [-2.0, 1.5],
             "steps": 50}],
}


def all_finite(window) -> None:
    for arr in window.surface_view.gl_arrays():
        assert np.isfinite(np.asarray(arr, dtype=float)).all()


def test_diverging_run_is_marked_at_its_step(qtbot, make_window, finish):
    w = make_window(DIVERGING)
    finish(w)
    pb = w.playback
    status, last = pb.ended[1]
    assert status == "diverged"
    assert pb.status_text(1) == f"diverged at step {last + 1}"
    assert pb.ended[0][0] == "max_steps"
    labels = dict((i, lab.text()) for i, lab in w.transport._status_labels)
    assert labels[1] == f"diverged at step {last + 1}"
    assert "color" in w.transport._status_labels[1][1].styleSheet()
    marks = w.contour_view._diverged.getData()
    np.testing.assert_array_equal(np.column_stack(marks),
                                  w.contour_view.clip(pb.W[1, last], margin=0.0)[None])
    assert np.abs(pb.W[1, last]).max() > 1e30
    assert any(f"diverged at step {last + 1}" in t.toPlainText()
               for t in w.contour_view._div_labels)
    assert "diverged" in w.surface_view._labels[1].text
    all_finite(w)


def test_diverging_run_scrubbed_back_is_not_marked(qtbot, make_window, finish):
    w = make_window(DIVERGING)
    finish(w)
    w.playback.seek(1)
    qtbot.wait(40)
    assert w.playback.status(1) is None
    assert len(w.contour_view._diverged.getData()[0]) == 0
    all_finite(w)


def test_overflowing_surface_is_clipped_and_marked(qtbot, make_window, finish):
    w = make_window(OVERFLOW)
    finish(w)
    zmap = w.surface_view.zmap
    assert zmap.nonfinite > 0
    assert w.surface_view.note.isVisible()
    assert "not finite" in w.surface_view.note.text()
    all_finite(w)
    assert np.isfinite(w.contour_view.image.image).all()
