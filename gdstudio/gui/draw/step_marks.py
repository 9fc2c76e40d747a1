"""What the views mark besides the paths: the step at the cursor and the SWA average.

At the cursor step t of a run (one start, not a swarm) the step arrows are the
direction of steepest descent, ``-grad L(w_t)``, scaled by one factor per run so that
it stays readable (``scale``: ARROW_SHARE of the window's narrower side at the start), and
the update the optimizer actually applied next, ``w_{t+1} - w_t``: at its true length in
the contour pane, STEP_ZOOM_3D times longer in the 3D view, where the current point's
marker would cover a short step (the legend says so). Heads have a fixed size in pixels.
The SWA average is the core's (:func:`gdstudio.core.runner.swa_average`) up to the cursor
step, and so is ASGD's averaged point ``ax`` (:func:`gdstudio.core.runner.asgd_average`):
both are drawn as a star, the point the averaging method would hand back at that step.

With a :class:`gdstudio.gui.views.step_panel.StepStates` (the optimizer's state, recomputed
exactly for the runs drawn: the selected one, or all) the step also shows what shaped it:
the momentum buffer (SGD, RMSprop) or first moment ``exp_avg`` (Adam family) as the arrow
``-state * scale`` (the gradient's scale, so the two compare), and for the per-axis
methods a dashed box around the point whose half-sides are the step each axis would take
for a gradient of the current size, ``D_i * |grad L(w_t)|`` with ``D`` the effective
per-axis step (:func:`gdstudio.core.stability.effective_step`), at true length. The
curvature axes are the Hessian's eigenvectors at the selected run's point, half-lengths
proportional to ``|lambda|`` (the larger AXIS_SHARE of the narrower side), labelled with
the eigenvalues.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from gdstudio.gui.draw.palette import GRADIENT, STEP

ARROW_SHARE = 0.6
AXIS_SHARE = 0.18
HEAD_PX = 16.0
SHAFT_PX = {"grad": 5.0, "step": 3.0, "moment": 4.0, "box": 2.0, "axis": 3.0, "clip": 4.0}
STEP_ZOOM_3D = 2.0
MOMENT = "#B26BFF"       # the momentum buffer / first moment: a violet not in viridis
SCALE = "#FFFFFF"        # the per-axis step box
CURVATURE = "#FFEA00"    # the Hessian's eigen-axes
CLIPPED = "#FF8C00"      # the gradient after clipping: an orange on top of the pink
OUTLINE = QColor(0, 0, 0)   # opaque: QPainter strokes a translucent wide line five times slower



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
    extra: list = field(default_factory=list)   # (a, b, kind): state arrow, box edges


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


def step_arrows(pb, surface, hidden: set[int], states=None) -> list[StepArrows]:
    """The arrows of every shown single-start run at the cursor step (with ``states``:
    of the runs it draws, with their optimizer state)."""
    out = []
    if surface is None or pb.rows == 0:
        return out
    for g, idx in enumerate(pb.groups):
        if g in hidden or len(idx) != 1 or (states is not None and not states.drawn(g)):
            continue
        i = idx[0]
        t = pb.current(i)
        r = pb.row(t)
        w = pb.W[i, r]
        if not np.isfinite(w).all():
            continue
        with np.errstate(all="ignore"):
            gx, gy = surface.grad(np.array([w[0]]), np.array([w[1]]))
        grad = np.array([float(gx[0]), float(gy[0])])
        if not np.isfinite(grad).all():
            continue
        scale = grad_scale(surface, pb.W[i, 0])
        step = None
        if r + 1 < pb.kept and pb.steps[r + 1] == t + 1 and pb.status(i, t) is None:
            nxt = pb.W[i, r + 1]
            if np.isfinite(nxt).all():
                step = nxt - w
        arrows = StepArrows(g, i, t, w.copy(), -grad * scale, step, scale)
        if states is not None:
            arrows.extra = state_marks(states, g, t, w, scale)
        arrows.extra += clip_marks(pb.scene.runs[g], surface, w, t, scale)
        out.append(arrows)
    return out


def clip_marks(spec, surface, w: np.ndarray, t: int, scale: float) -> list:
    """For a run with ``[run.clip]``: the gradient its next step uses (of its batch, for a
    mini-batch run), clipped as the run clips it, as the dashed arrow ``-g_clipped *
    scale`` (the gradient's scale, so the two compare) when clipping changes it."""
    from gdstudio.core.runner import batch_rows, clip_grad

    if spec.clip is None:
        return []
    x, y = np.array([w[0]]), np.array([w[1]])
    m = surface.n_samples
    with np.errstate(all="ignore"):
        if m is not None and spec.batch_size is not None and spec.batch_size < m:
            g = np.column_stack(surface.batch_grad(
                x, y, batch_rows(spec.seed, spec.batch_size, m, t + 1)))
        else:
            g = np.column_stack(surface.grad(x, y))
        clipped = clip_grad(g, spec.clip)
    if not np.isfinite(clipped).all() or np.allclose(clipped, g, rtol=1e-12, atol=0):
        return []
    return [(w, w - scale * clipped[0], "clip")]


def state_marks(states, g: int, t: int, w: np.ndarray, scale: float) -> list:
    """The state arrow and the per-axis step box of run group ``g`` at row ``t``."""
    row = states.row(g, t)
    if row is None:
        return []
    out: list = []
    vec = row.state.get("momentum_buffer", row.state.get("exp_avg"))
    if vec is not None and np.isfinite(vec).all() and np.any(vec != 0):
        out.append((w, w - scale * np.asarray(vec), "moment"))
    d = row.effective
    if d is not None and np.isfinite(d).all() and np.isfinite(row.grad).all():
        hx, hy = d * float(np.hypot(*row.grad))
        corners = [w + (sx * hx, sy * hy) for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
        out += [(corners[k], corners[(k + 1) % 4], "box") for k in range(4)]
    return out


def curvature_marks(states, surface) -> list:
    """The Hessian's eigen-axes at the selected run's current point, through the point,
    half-lengths proportional to ``|lambda|``, each labelled with its eigenvalue."""
    row = states.row(states.selected, states.cursor()) if states.curvature else None
    if row is None or row.curvature is None or surface is None:
        return []
    vals, vecs = row.curvature.eigenvalues, row.curvature.eigenvectors
    top = float(np.max(np.abs(vals)))
    if not (math.isfinite(top) and top > 0):
        return []
    (x0, x1), (y0, y1) = surface.bounds
    unit = AXIS_SHARE * min(x1 - x0, y1 - y0) / top
    out = []
    for k in (1, 0):
        half = vecs[:, k] * unit * max(abs(float(vals[k])), 0.04 * top)
        out.append((row.w - half, row.w + half, "axis", f"λ = {float(vals[k]):.4g}"))
    return out


def mark_labels() -> dict[str, str]:
    """Legend text of the mark kinds beyond the gradient and the step."""
    return {"moment": QCoreApplication.translate("StepMarks",
                                                 "−momentum / first moment (scaled)"),
            "box": QCoreApplication.translate("StepMarks", "per-axis step (box half-sides)"),
            "axis": QCoreApplication.translate("StepMarks",
                                               "Hessian eigen-axes (length ∝ |λ|)"),
            "clip": QCoreApplication.translate("StepMarks",
                                               "−gradient after clipping (same scale)")}


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
        rows = pb.rows_of(np.arange(swa["start"], pb.cursor + 1, swa.get("every", 1)))
        if rows is None:        # a thinned history no longer has every averaged row
            continue
        avg, n = swa_average(pb.W[np.ix_(idx, rows)], 0)
        out += [(g, i, a, int(k)) for i, a, k in zip(idx, avg, n, strict=True) if k]
    return out


def trial_points(pb, hidden: set[int]) -> list[tuple[int, np.ndarray]]:
    """``(group, xy)`` of the points each shown run (not a swarm's member) evaluates inside
    the step it takes next from the cursor (L-BFGS's line search and inner iterations:
    the small dots beside the step arrow); empty for every other optimizer."""
    if pb.scene is None or pb.cursor + 1 >= pb.rows:
        return []
    runs, xy = pb.trials(pb.cursor + 1)
    out = []
    for g, idx in enumerate(pb.groups):
        if g in hidden or len(idx) != 1:
            continue
        mine = xy[runs == idx[0]]
        if len(mine):
            out.append((g, mine))
    return out


def uses_asgd(spec) -> bool:
    """Whether a run (a RunSpec) uses ASGD at some step."""
    return spec.optimizer == "asgd" or any(c.optimizer == "asgd" for c in spec.changes)


def asgd_points(pb) -> list[tuple[int, int, np.ndarray]]:
    """``(group, run, ax)`` for every run whose optimizer at the cursor step is ``asgd``
    and has taken a step: its averaged point, as torch's ``optimizer.state["ax"]`` (not
    drawn once a thinned history has dropped rows it averages)."""
    from gdstudio.core.runner import asgd_average

    out: list[tuple[int, int, np.ndarray]] = []
    if pb.scene is None or pb.rows == 0 or pb.cursor == 0:
        return out
    for g, idx in enumerate(pb.groups):
        spec = pb.scene.runs[g]
        if not uses_asgd(spec):
            continue
        rows = pb.rows_of(np.arange(pb.cursor + 1))
        if rows is None:        # a thinned history no longer has every averaged row
            continue
        ax = asgd_average(spec, pb.W[np.ix_(idx, rows)])
        if ax is not None:
            out += [(g, i, a) for i, a in zip(idx, ax, strict=True) if np.isfinite(a).all()]
    return out


def painting_order(arrows: list) -> list:
    """Marks in the order they are painted: the clipped gradient last, on top of the raw
    gradient it lies along."""
    return sorted(arrows, key=lambda m: m[2] == "clip")


def paint_arrow(painter: QPainter, a: QPointF, b: QPointF, kind: str, label: str = "",
                head: float = HEAD_PX) -> None:
    """An arrow from ``a`` to ``b`` (pixels) with a dark outline, so it reads on any
    colour of the heat map; the head is never longer than the arrow. A ``box`` edge is a
    dashed line, an ``axis`` a line with its ``label`` at ``b``."""
    color, width = ARROW_COLORS[kind], SHAFT_PX[kind]
    if kind in ("box", "axis"):
        for pen_color, w in ((OUTLINE, width + 2.0), (color, width)):
            pen = QPen(pen_color, w)
            if kind == "box":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(a, b)
        if label:
            painter.setPen(QColor(0, 0, 0))
            painter.drawText(b + QPointF(6, 1), label)
            painter.setPen(color)
            painter.drawText(b + QPointF(5, 0), label)
        return
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
    for pen_color, w in ((OUTLINE, width + 2.5), (color, width)):
        pen = QPen(pen_color, w)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if kind == "clip":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(a, base)
    painter.setPen(QPen(OUTLINE, 1.5))
    painter.setBrush(color)
    painter.drawPolygon(tip)


ARROW_COLORS = {"grad": QColor(GRADIENT), "step": QColor(STEP), "moment": QColor(MOMENT),
                "box": QColor(SCALE), "axis": QColor(CURVATURE), "clip": QColor(CLIPPED)}
