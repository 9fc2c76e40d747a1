"""What the views mark besides the paths: the step at the cursor and the SWA average.

At the cursor step t of a run (one start, not a swarm) the step arrows are the
direction of steepest descent, ``-grad L(w_t)``, scaled by one factor per run so that
it stays readable (``scale``: ARROW_SHARE of the window's narrower side at the start), and
the update the optimizer actually applied next, ``w_{t+1} - w_t``: at its true length in
the contour pane, STEP_ZOOM_3D times longer in the 3D view, where the current point's
marker would cover a short step (the legend says so). Heads have a fixed size in pixels.
The SWA average is the core's (:func:`gdstudio.core.runner.swa_average`) up to the cursor
step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from gdstudio.gui.palette import GRADIENT, STEP

ARROW_SHARE = 0.6
HEAD_PX = 16.0
SHAFT_PX = {"grad": 5.0, "step": 3.0}     # the step drawn over the gradient, thinner
STEP_ZOOM_3D = 2.0


@dataclass
class StepArrows:
    """The arrows of run ``i`` (of group ``group``) at its current row ``t``."""

    group: int
    i: int
    t: int
    point: np.ndarray              # w_t
    neg_grad: np.ndarray           # -grad L(w_t) * scale
    step: np.ndarray | None        # w_{t+1} - w_t, None when there is no next step
    scale: float


def grad_scale(surface, start: np.ndarray) -> float:
    """The factor drawing ``-grad L`` at the start as ARROW_SHARE of the window's
    narrower side (1 where the start has no usable gradient)."""
    (x0, x1), (y0, y1) = surface.bounds
    with np.errstate(all="ignore"):
        gx, gy = surface.grad(np.array([start[0]]), np.array([start[1]]))
    norm = math.hypot(float(gx[0]), float(gy[0]))
    if not (math.isfinite(norm) and norm > 0):
        return 1.0
    return ARROW_SHARE * min(x1 - x0, y1 - y0) / norm


def step_arrows(pb, surface, hidden: set[int]) -> list[StepArrows]:
    """The arrows of every shown single-start run at the cursor step."""
    out = []
    if surface is None or pb.rows == 0:
        return out
    for g, idx in enumerate(pb.groups):
        if g in hidden or len(idx) != 1:
            continue
        i = idx[0]
        t = pb.current(i)
        w = pb.W[i, t]
        if not np.isfinite(w).all():
            continue
        with np.errstate(all="ignore"):
            gx, gy = surface.grad(np.array([w[0]]), np.array([w[1]]))
        grad = np.array([float(gx[0]), float(gy[0])])
        if not np.isfinite(grad).all():
            continue
        scale = grad_scale(surface, pb.W[i, 0])
        step = None
        if t + 1 < pb.rows and pb.status(i, t) is None:
            nxt = pb.W[i, t + 1]
            if np.isfinite(nxt).all():
                step = nxt - w
        out.append(StepArrows(g, i, t, w.copy(), -grad * scale, step, scale))
    return out


def swa_points(pb) -> list[tuple[int, int, np.ndarray, int]]:
    """``(group, run, average, n)`` for every run with ``[run.swa]`` that has averaged
    at least one row by the cursor step."""
    from gdstudio.core.runner import swa_average

    out = []
    if pb.scene is None or pb.rows == 0:
        return out
    for g, idx in enumerate(pb.groups):
        swa = pb.scene.runs[g].swa
        if not swa or pb.cursor < swa["start"]:
            continue
        avg, n = swa_average(pb.W[idx, :pb.cursor + 1], swa["start"], swa.get("every", 1))
        out += [(g, i, a, int(k)) for i, a, k in zip(idx, avg, n, strict=True) if k]
    return out


def paint_arrow(painter: QPainter, a: QPointF, b: QPointF, kind: str,
                head: float = HEAD_PX) -> None:
    """An arrow from ``a`` to ``b`` (pixels) with a dark outline, so it reads on any
    colour of the heat map; the head is never longer than the arrow."""
    color, width = ARROW_COLORS[kind], SHAFT_PX[kind]
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy)
    if length < 1.0:
        return
    ux, uy = dx / length, dy / length
    h = min(head, length)
    base = QPointF(b.x() - ux * h, b.y() - uy * h)
    left = QPointF(base.x() - uy * h * 0.45, base.y() + ux * h * 0.45)
    right = QPointF(base.x() + uy * h * 0.45, base.y() - ux * h * 0.45)
    tip = QPolygonF([b, left, right])
    for pen_color, w in ((QColor(0, 0, 0, 200), width + 2.5), (color, width)):
        pen = QPen(pen_color, w)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(a, base)
    painter.setPen(QPen(QColor(0, 0, 0, 200), 1.5))
    painter.setBrush(color)
    painter.drawPolygon(tip)


ARROW_COLORS = {"grad": QColor(GRADIENT), "step": QColor(STEP)}
