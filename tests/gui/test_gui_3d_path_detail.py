"""A long path in the 3D view is drawn with far fewer segments than it has steps, yet on
screen it is the same line: every step lies within a pixel of what is drawn, and zooming
in draws it finer."""

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

LONG = {
    "title": "Long paths",
    "surface": {"expr": "(1 - x)**2 + 4*(y - x**2)**2", "bounds": [[-2.0, 2.0], [-1.0, 3.0]]},
    "run": [
        {"label": "Adam", "optimizer": "adam", "lr": 0.004, "start": [-1.5, 2.0],
         "steps": 4000},
        {"label": "Momentum", "optimizer": "sgd", "lr": 0.0005, "momentum": 0.9,
         "start": [-1.2, 2.5], "steps": 4000},
    ],
}


def wheel(widget, clicks: int) -> None:
    """Turn the mouse wheel ``clicks`` notches over the middle of ``widget`` (zoom in > 0)."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(),
                        QPoint(0, 120 * clicks), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def on_screen(view, pts: np.ndarray) -> np.ndarray:
    """Box points (n, 3) -> the widget's pixels (n, 2), through the view's camera."""
    vp = (0, 0, view.width(), view.height())
    mvp = view.projectionMatrix(vp, vp) * view.viewMatrix()
    m = np.array(mvp.data(), dtype=float).reshape(4, 4).T
    clip = np.column_stack([pts, np.ones(len(pts))]) @ m.T
    ndc = clip[:, :2] / clip[:, 3:]
    return np.column_stack([(ndc[:, 0] + 1) / 2 * view.width(),
                            (1 - ndc[:, 1]) / 2 * view.height()])


def farthest_step(w, g: int) -> tuple[float, int]:
    """How far (pixels) run ``g``'s farthest step lies from its drawn line, and how many
    segments that line has."""
    sv, pb = w.surface_view, w.playback
    steps = sv.box_points(pb.W[g, :pb.rows], pb.L[g, :pb.rows])
    steps = steps[np.isfinite(steps).all(axis=1)]
    p = on_screen(sv.view, steps)
    ends = on_screen(sv.view, sv.drawn_path(g).astype(float)).reshape(-1, 2, 2)
    a, ab = ends[:, 0], ends[:, 1] - ends[:, 0]
    ap = p[:, None, :] - a[None]
    length = np.maximum((ab * ab).sum(axis=1), 1e-12)
    t = np.clip((ap * ab[None]).sum(axis=2) / length, 0.0, 1.0)
    gap = np.hypot(*(ap - t[..., None] * ab[None]).transpose(2, 0, 1))
    return float(gap.min(axis=1).max()), len(ends)


def test_a_long_path_is_drawn_within_a_pixel_with_few_segments_and_finer_zoomed_in(
        qtbot, make_window, finish):
    w = make_window(LONG)
    finish(w)
    sv, pb = w.surface_view, w.playback
    assert pb.rows == 4001
    far = [farthest_step(w, g) for g in range(2)]
    for gap, segs in far:
        assert gap <= 1.0
        assert segs < 4000 / 5          # far fewer segments than steps

    wheel(sv.view, 5)                   # zoom in: each step spreads over more pixels
    qtbot.waitUntil(lambda: all(farthest_step(w, g)[1] > far[g][1] for g in range(2)),
                    timeout=5000)
    for g in range(2):
        gap, segs = farthest_step(w, g)
        assert gap <= 1.0 and segs < 4000
