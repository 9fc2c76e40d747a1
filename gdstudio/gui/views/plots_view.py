"""Loss-vs-step (optionally log) and learning-rate-vs-step, the schedule previewed.

A lesson may fix the scale of either axis (``[lesson] loss_axis`` / ``lr_axis``) and, with
a ``test_shift``, adds each run's test loss as a dashed curve (``set_test_surface``)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMetaObject, QPointF, Qt, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainterPath
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QGraphicsView,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from gdstudio.gui.draw.columns import GrowingColumns, column_points
from gdstudio.gui.draw.display import SWARM, drawn_members, percentile, swarm_line
from gdstudio.gui.draw.forks import change_marks
from gdstudio.gui.draw.geometry import joined
from gdstudio.gui.draw.legend import fit_legend
from gdstudio.gui.draw.palette import SELECTED_WIDTH, TEST, emphasis, group_color

translate = QCoreApplication.translate

MAX_POINTS = 20_000
AXIS_WIDTH = 78
SUB_COLUMNS = 4     # curves are reduced to quarter pixel columns: a wide pen then paints
                    # the same pixels as through every point (at whole columns a steep
                    # drop's edge could move by a pixel)



RANGE_PAD = 0.025    # of the loss axis' span, above and below the curves, ...
RANGE_STEPS = 20     # ... then out to a round step of at most this share of it


def round_step(x: float) -> float:
    """The largest of 1, 2 and 5 times a power of ten that is at most ``x`` (> 0)."""
    e = 10.0 ** math.floor(math.log10(x))
    e = e / 10 if e > x else e
    return max(m * e for m in (1, 2, 5, 10) if m * e <= x)


def stepped_range(lo: float, hi: float) -> tuple[float, float]:
    """The loss axis' range for curves from ``lo`` to ``hi`` (``hi > lo``): padded by
    ``RANGE_PAD`` of their span, each end moved out to a multiple of ``round_step`` of
    the span / ``RANGE_STEPS``. While runs play, the range (and with it the axis' ticks
    and grid, repainted on every change) moves only when a curve crosses such a step,
    not each frame its lowest point falls a little."""
    span = hi - lo
    q = round_step(span / RANGE_STEPS)
    return (math.floor((lo - RANGE_PAD * span) / q) * q,
            math.ceil((hi + RANGE_PAD * span) / q) * q)


def _drawable(v: np.ndarray, log: bool) -> np.ndarray:
    """Values as a log axis can draw them: those <= 0 left out (NaN)."""
    return np.where(v > 0, v, np.nan) if log else v


class RunCurve(pg.PlotCurveItem):
    """A run's loss or rate curve: drawn by PlotCurveItem's own paint, pixel for pixel,
    but given its points without setData's checks and signal and with their bounds
    found once (pyqtgraph looks for them in the data again each time Qt asks for the
    bounding rect after a change), a fraction of a millisecond a curve, each frame."""

    _bounds: tuple | None = None

    def set_points(self, x: np.ndarray, y: np.ndarray, connect: np.ndarray) -> None:
        """Show the polylines through ``x``, ``y`` (finite values; pyqtgraph's ``connect``
        array says which point joins the next)."""
        self.xData, self.yData = x, y
        self.opts["connect"] = connect
        self.opts["skipFiniteCheck"] = True
        self._bounds = ((float(x.min()), float(x.max())), (float(y.min()), float(y.max()))) \
            if len(x) else ((None, None), (None, None))
        self.path = self.fillPath = self._fillPathList = self._mouseShape = None
        self._lineSegmentsRendered = False
        self.invalidateBounds()
        self.prepareGeometryChange()
        self.informViewBoundsChanged()
        self.update()

    def updateData(self, *args, **kwargs) -> None:
        self._bounds = None
        super().updateData(*args, **kwargs)

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):
        if self._bounds is None or frac < 1.0 or orthoRange is not None:
            return super().dataBounds(ax, frac, orthoRange)
        return self._bounds[ax]

    def paint(self, p, opt, widget) -> None:
        """Drawn as PlotCurveItem's paint draws a curve without fill or shadow (segments
        for a wide opaque pen, else a path), without its checks for what run curves never
        have; the path of one polyline is made straight from its points (the same path
        ``arrayToQPath`` makes, whose set-up costs more than drawing a few hundred
        points). Exports go through PlotCurveItem's paint."""
        x, y = self.xData, self.yData
        if self._bounds is None or self._exportOpts is not False or x is None or len(x) < 2:
            super().paint(p, opt, widget)
            return
        pen = self.opts["pen"]
        p.setRenderHint(p.RenderHint.Antialiasing, self.opts["antialias"])
        p.setPen(pen)
        if self._shouldUseDrawLineSegments(pen):
            p.drawLines(*self._getLineSegments())
        elif self.path is None and self.opts["connect"][:-1].all():
            poly = pg.functions.create_qpolygonf(len(x))
            pts = pg.functions.ndarray_from_qpolygonf(poly)
            pts[:, 0], pts[:, 1] = x, y
            self.path = QPainterPath()
            self.path.addPolygon(poly)
            p.drawPath(self.path)
        else:
            p.drawPath(self.getPath())


def _show(item: RunCurve, x: np.ndarray, y: np.ndarray, connect: np.ndarray,
          log: bool) -> None:
    """A run curve's points: on a log axis a PlotCurveItem is given log10 of its values."""
    item.set_points(x, np.log10(y) if log else y, connect)


def _style(plot: pg.PlotWidget, left: str) -> None:
    plot.setMenuEnabled(False)
    plot.getPlotItem().hideButtons()
    plot.showGrid(x=True, y=True, alpha=0.2)
    for side in ("left", "bottom"):
        ax = plot.getAxis(side)
        ax.setTickFont(QFont("DejaVu Sans", 10))
        ax.setTextPen("#e0e0e8")
    plot.getAxis("left").enableAutoSIPrefix(False)
    plot.getAxis("left").setWidth(AXIS_WIDTH)   # new tick labels every frame must not
    for side in ("left", "bottom"):             # relayout (and repaint) the whole plot
        plot.getAxis(side).setStyle(autoExpandTextSpace=False)
        plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    lab = {"color": "#e0e0e8", "font-size": "12pt"}
    plot.setLabel("left", left, **lab)
    plot.setLabel("bottom", translate("PlotsView", "step"), **lab)


LR_FACTOR = 20
LR_RULE = QT_TRANSLATE_NOOP(
    "PlotsView", "Learning rate on a log axis when the runs start at rates more than 20 "
    "times apart (a small rate is not a flat line at 0); on a linear axis otherwise, where "
    "every schedule keeps the shape of its formula.")


def lr_log_scale(first: list[float]) -> bool:
    """The one rule for the learning-rate axis, decided from the scene: log when the runs'
    first learning rates are all > 0 and the largest is over ``LR_FACTOR`` times the
    smallest (comparing rates orders of magnitude apart, as "lr too small" does), linear
    otherwise, so a schedule's triangle, line or cosine keeps its shape (a log axis
    turns a linear climb into an arch)."""
    return bool(first) and min(first) > 0 and max(first) > LR_FACTOR * min(first)


def decade_text(d: int) -> str:
    """The label of the decade 10**d: "0.01", "1", "100", or "1e-05" when long."""
    return f"{10.0 ** d:g}"


def lr_preview_for(spec, cancel=None) -> np.ndarray | None:
    """lr_1 .. lr_steps of a run before it starts (core.schedules.lr_preview, or its
    lr and the lr its ``[[run.change]]`` entries set); None for a plateau schedule,
    whose rate depends on losses not computed yet (it is drawn as it happens)."""
    from gdstudio.core.optimizers import make_optimizer

    if spec.schedule is not None and spec.schedule.get("kind") == "plateau":
        return None
    opt = make_optimizer(spec.optimizer, **spec.hyper)
    base = float(opt.hp["lr"])
    if spec.schedule is None:
        lr = np.full(spec.steps, base)
        for c in spec.changes:              # without a schedule a change sets the lr
            if c.optimizer is not None:
                lr[c.at:] = float(make_optimizer(c.optimizer, **c.hyper).hp["lr"])
            elif "lr" in c.hyper:
                lr[c.at:] = float(c.hyper["lr"])
    else:
        from gdstudio.core.schedules import lr_preview

        lr = lr_preview(spec.schedule, base_lr=base, steps=spec.steps, optimizer=opt,
                        cancel=cancel)
        if lr is None:
            return None
        lr = np.asarray(lr, dtype=float).copy()
    swa = spec.swa or {}
    if "lr" in swa:
        lr[int(swa["start"]) - 1:] = float(swa["lr"])
    return lr


_curves: dict[str, tuple[np.ndarray, np.ndarray] | None] = {}
CURVES_KEPT = 32


def preview_curve(spec, cancel=None) -> tuple[np.ndarray, np.ndarray] | None:
    """The dashed schedule preview of a run as drawn: (steps, lr), at most ``MAX_POINTS``
    points (each bin of a longer run keeps its lowest and highest lr, so every drop and
    cycle stays visible). Kept per run setting: a scene opening in the background
    computes it, the plot then only reads it."""
    key = repr((spec.optimizer, sorted(spec.hyper.items()), spec.schedule, spec.steps,
                spec.swa, spec.changes))
    if key in _curves:
        return _curves[key]
    lr = lr_preview_for(spec, cancel)
    curve = None if lr is None or not len(lr) else _decimate(lr, MAX_POINTS)
    if len(_curves) >= CURVES_KEPT:
        del _curves[next(iter(_curves))]
    _curves[key] = curve
    return curve


def _decimate(y: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Steps 1..len(y) and y, or (over ``limit`` points) each bin's min and max."""
    n = len(y)
    if n <= limit:
        return np.arange(1, n + 1, dtype=float), y
    k = -(-n // (limit // 2))
    m = n // k * k
    lo, hi = y[:m].reshape(-1, k).min(axis=1), y[:m].reshape(-1, k).max(axis=1)
    if m < n:
        lo, hi = np.append(lo, y[m:].min()), np.append(hi, y[m:].max())
    x = np.repeat(1 + np.arange(len(lo)) * k + (k - 1) / 2, 2)
    return x, np.column_stack([lo, hi]).ravel()


def shared_lines(curves: list) -> dict[int, tuple[int, int]]:
    """Curves that are the same line (equal previews): ``{index: (k, n)}`` for the k-th
    of n coinciding curves; a curve drawn alone is left out."""
    groups: list[list[int]] = []
    for i, y in enumerate(curves):
        if y is None or not len(y):
            continue
        for grp in groups:
            z = curves[grp[0]]
            if len(z) == len(y) and np.allclose(z, y, equal_nan=True):
                grp.append(i)
                break
        else:
            groups.append([i])
    return {i: (k, len(grp)) for grp in groups if len(grp) > 1 for k, i in enumerate(grp)}


class PlotsView(QWidget):
    def __init__(self, playback, parent: QWidget | None = None):
        super().__init__(parent)
        self.playback = playback
        self.hidden: set[int] = set()
        self.selected: int | None = None
        self._widths: list[float] = []
        self._lr_dashes: dict[int, tuple[int, int]] = {}
        self.loss_plot = pg.PlotWidget(background="#16161d")
        self.lr_plot = pg.PlotWidget(background="#16161d")
        _style(self.loss_plot, self.tr("loss"))
        _style(self.lr_plot, self.tr("learning rate"))
        self.log_box = QCheckBox(self.tr("log scale"))
        self.log_box.setToolTip(
            self.tr("Plot the loss on a log scale (only when every loss is > 0)"))
        self.log_box.toggled.connect(self._on_log)
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.loss_plot, 1)
        left.addWidget(self.log_box, 0, Qt.AlignmentFlag.AlignRight)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(left, 1)
        lay.addWidget(self.lr_plot, 1)
        self.cursor_lines = []
        for p in (self.loss_plot, self.lr_plot):
            line = pg.InfiniteLine(angle=90, pen=pg.mkPen(255, 255, 255, 110, width=1))
            p.addItem(line)
            self.cursor_lines.append(line)
        self._loss_items: list[RunCurve] = []
        self._lr_items: list[RunCurve] = []
        self._reduced = {"loss": GrowingColumns(), "lr": GrowingColumns()}
        self._preview_items: list[pg.PlotDataItem] = []
        self._preview_curves: list[tuple[np.ndarray, np.ndarray] | None] = []
        self._change_lines: list[tuple[pg.PlotWidget, pg.InfiniteLine]] = []
        self.test = None
        self._test_items: list[pg.PlotDataItem] = []
        self.loss_legend = self.loss_plot.getPlotItem().addLegend(
            offset=(-10, 10), labelTextSize="10pt", labelTextColor="#f0f0f5",
            brush=pg.mkBrush(0, 0, 0, 150))
        self.loss_legend.setVisible(False)
        self.loss_plot.getPlotItem().vb.sigResized.connect(
            lambda _vb: fit_legend(self.loss_legend))
        self.plateau_note = pg.TextItem(self.tr("plateau: the rate follows the loss, drawn "
                                                "as it happens"), color="#e0e0e8",
                                        anchor=(1, 0), fill=pg.mkBrush(0, 0, 0, 150))
        self.plateau_note.setParentItem(self.lr_plot.getPlotItem().vb)
        self.plateau_note.setVisible(False)
        self._decades: tuple[int, int] | None = None
        self.lr_plot.getPlotItem().vb.sigResized.connect(lambda _vb: self._lr_ticks())
        self.lr_plot.getPlotItem().vb.sigResized.connect(lambda _vb: self._lr_title())
        for plot in (self.loss_plot, self.lr_plot):
            vb = plot.getPlotItem().vb
            vb.sigXRangeChanged.connect(lambda _vb, _range, p=plot: self._on_columns(p))
            vb.sigResized.connect(lambda _vb, p=plot: self._on_columns(p))
        playback.reset.connect(self.rebuild_runs)
        playback.frame.connect(self._on_frame)

    def view_state(self) -> dict:
        """Each plot's zoom: the range shown and which axes follow the data."""
        return {name: (vb.viewRange(), vb.autoRangeEnabled())
                for name, vb in self._view_boxes().items()}

    def restore_view_state(self, state: dict) -> None:
        boxes = self._view_boxes()
        for name, ((xr, yr), (auto_x, auto_y)) in state.items():
            vb = boxes[name]
            vb.setRange(xRange=xr, yRange=yr, padding=0)
            vb.enableAutoRange(x=bool(auto_x), y=bool(auto_y))

    def _view_boxes(self) -> dict:
        return {"loss": self.loss_plot.getPlotItem().vb, "lr": self.lr_plot.getPlotItem().vb}

    def rebuild_runs(self) -> None:
        for item in self._loss_items:
            self.loss_plot.removeItem(item)
        for item in self._lr_items + self._preview_items:
            self.lr_plot.removeItem(item)
        self._loss_items, self._lr_items, self._preview_items = [], [], []
        self._reduced = {"loss": GrowingColumns(), "lr": GrowingColumns()}
        self._preview_curves, self._widths = [], []
        pb = self.playback
        if pb.scene is None:
            return
        for g, spec in enumerate(pb.scene.runs):
            c = group_color(g, spec.color)
            width, _ = swarm_line(len(pb.groups[g]), 2.5, MAX_POINTS)
            for plot, items in ((self.loss_plot, self._loss_items),
                                (self.lr_plot, self._lr_items)):
                items.append(RunCurve(pen=pg.mkPen(c, width=width)))
                plot.addItem(items[-1])
            preview = self.lr_plot.plot(pen=pg.mkPen(c, width=1.5, style=pg.QtCore.Qt.DashLine))
            preview.curve.setCacheMode(      # still while runs play: blitted, not dashed
                QGraphicsItem.CacheMode.DeviceCoordinateCache)  # along again each frame
            try:
                curve = preview_curve(spec)
            except Exception:  # noqa: BLE001 - a preview that fails shows nothing
                curve = None
            self._preview_items.append(preview)
            self._preview_curves.append(curve)
            self._widths.append(width)
        self._add_change_lines()
        self._lr_dashes = shared_lines([None if c is None else c[1]
                                        for c in self._preview_curves])
        for plot in (self.loss_plot, self.lr_plot):     # the same steps, not linked: a
            plot.setXRange(0, max(pb.total, 1), padding=0.02)   # link repaints both twice
        self._draw_previews()
        lesson = pb.scene.lesson or {}
        self.plateau_note.setVisible(any(s.schedule is not None and
                                         s.schedule.get("kind") == "plateau"
                                         for s in pb.scene.runs))
        self._place_plateau_note()
        self._build_test_items()
        self._lr_axis(lesson["lr_axis"] == "log" if "lr_axis" in lesson else None)
        self.log_box.setChecked(lesson.get("loss_axis") == "log")
        self._apply_hidden()
        self._apply_selected()
        self.redraw()

    def _add_change_lines(self) -> None:
        """A dashed vertical line at the step of each ``[[run.change]]`` on both plots, in
        its run's colour, its tooltip saying what changed."""
        for plot, line in self._change_lines:
            plot.removeItem(line)
        self._change_lines = []
        pb = self.playback
        for mark in change_marks(pb.scene):
            c = QColor(group_color(mark.group, pb.scene.runs[mark.group].color))
            for plot in (self.loss_plot, self.lr_plot):
                line = pg.InfiniteLine(pos=mark.at, angle=90, movable=False,
                                       pen=pg.mkPen(c, width=2, style=Qt.PenStyle.DashLine))
                line.setToolTip(mark.text)
                line.setZValue(-1)
                plot.addItem(line)
                self._change_lines.append((plot, line))

    def change_lines(self) -> list[tuple[float, str]]:
        """(step, tooltip) of every change line of the loss plot."""
        return [(line.value(), line.toolTip()) for plot, line in self._change_lines
                if plot is self.loss_plot]

    def set_selected(self, group: int | None) -> None:
        """Emphasise run group ``group`` in both plots (wider, on top), fade the others."""
        self.selected = group
        self._apply_selected()

    def _apply_selected(self) -> None:
        """Pens of the loss and rate curves: the selected run wide and on top; of runs whose
        rates coincide each later one is drawn narrower over the one before, so every
        colour shows as a band of the line."""
        pb = self.playback
        if pb.scene is None:
            return
        sel = self.selected if self.selected is not None and \
            0 <= self.selected < len(self._loss_items) else None
        for g, (loss, lr) in enumerate(zip(self._loss_items, self._lr_items, strict=True)):
            mine = None if sel is None else g == sel
            c = emphasis(group_color(g, pb.scene.runs[g].color), mine)
            width = self._widths[g] * (SELECTED_WIDTH if mine else 1.0)
            loss.setPen(pg.mkPen(c, width=width))
            k, n = self._lr_dashes.get(g, (0, 1))
            lr.setPen(pg.mkPen(c, width=width * (1 + 1.3 * (n - 1 - k))))
            loss.setZValue(5 if mine else 0)
            lr.setZValue(k)

    def lr_pens(self) -> list:
        """The pens of the learning-rate curves, by run group."""
        return [item.opts["pen"] for item in self._lr_items]

    def loss_pens(self) -> list:
        """The pens of the loss curves, by run group."""
        return [item.opts["pen"] for item in self._loss_items]

    def _place_plateau_note(self) -> None:
        vb = self.lr_plot.getPlotItem().vb
        self.plateau_note.setPos(vb.rect().width() - 4, 4)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_plateau_note()

    def set_test_surface(self, test) -> None:
        """Add each run's loss on ``test`` (a lesson's shifted test surface; None: no
        test loss) as a dashed curve in its colour."""
        self.test = test
        self._build_test_items()
        self._apply_hidden()
        self.redraw()

    def _build_test_items(self) -> None:
        for item in self._test_items:
            self.loss_plot.removeItem(item)
        self._test_items = []
        self.loss_legend.clear()
        pb = self.playback
        self.loss_legend.setVisible(self.test is not None and pb.scene is not None)
        if self.test is None or pb.scene is None:
            return
        for g, spec in enumerate(pb.scene.runs):
            pen = pg.mkPen(group_color(g, spec.color), width=2, style=Qt.PenStyle.DashLine)
            self._test_items.append(self.loss_plot.plot(pen=pen))
        self.loss_legend.addItem(pg.PlotDataItem(pen=pg.mkPen("#e0e0e8", width=2)),
                                 self.tr("train loss"))
        self.loss_legend.addItem(pg.PlotDataItem(pen=pg.mkPen(TEST, width=2,
                                                              style=Qt.PenStyle.DashLine)),
                                 self.tr("test loss (dashed)"))
        fit_legend(self.loss_legend)

    def set_hidden(self, hidden: set[int]) -> None:
        self.hidden = set(hidden)
        self._apply_hidden()

    def _apply_hidden(self) -> None:
        for items in (self._loss_items, self._lr_items, self._preview_items, self._test_items):
            for g, item in enumerate(items):
                item.setVisible(g not in self.hidden)

    def _lr_axis(self, log: bool | None = None) -> None:
        """Scale the learning-rate axis by ``lr_log_scale`` (or ``log``, when a lesson
        fixes it) and label it without overlap: on a log axis, whole decades only (as many
        as fit), from the lowest to the highest rate the previews reach."""
        ys = [c[1] for c in self._preview_curves if c is not None]
        ys = [y[np.isfinite(y)] for y in ys if len(y)]
        ys = [y for y in ys if len(y)]
        if log is None:
            log = lr_log_scale([float(y[0]) for y in ys])
        self.lr_plot.setLogMode(y=log)
        axis = self.lr_plot.getAxis("left")
        self.lr_plot.setToolTip(self.tr(LR_RULE))
        if not ys:
            axis.setTicks(None)
            return
        lo, hi = min(float(y.min()) for y in ys), max(float(y.max()) for y in ys)
        if not log:
            axis.setTicks(None)
            if hi > 0:
                self.lr_plot.setYRange(min(lo, 0.0), hi * 1.1, padding=0)
            return
        lo = min((float(y[y > 0].min()) for y in ys if (y > 0).any()), default=hi)
        self._decades = math.floor(math.log10(lo)), max(math.ceil(math.log10(hi)),
                                                        math.floor(math.log10(lo)) + 1)
        self.lr_plot.setYRange(math.log10(lo), math.log10(hi), padding=0.1)
        self._lr_ticks()

    def _lr_title(self) -> None:
        """"learning rate" along the axis, or "lr" where the plot is too low for it (a
        short plot, presenter mode's large text)."""
        axis = self.lr_plot.getAxis("left")
        size = str(axis.labelStyle.get("font-size", "12pt"))
        font = QFont("DejaVu Sans")
        if size.endswith("px"):
            font.setPixelSize(max(1, round(float(size[:-2]))))
        else:
            font.setPointSizeF(float(size.removesuffix("pt")))
        full = self.tr("learning rate")
        fits = QFontMetrics(font).horizontalAdvance(full) <= axis.height() - 4
        text = full if fits else self.tr("lr")
        if axis.labelText != text:
            axis.setLabel(text, axis.labelUnits, **axis.labelStyle)

    def _lr_ticks(self) -> None:
        """Labels on the log axis: the decades, thinned to what the axis height holds
        with a line of space between two labels, or, where fewer than two decades show
        (a range of about one decade, large presenter text), 2 and 5 times each decade
        as well; unlabelled ticks at 2..9 times each decade."""
        axis = self.lr_plot.getAxis("left")
        if not self.lr_plot.getPlotItem().ctrl.logYCheck.isChecked() or not self._decades:
            return
        d0, d1 = self._decades
        vb = self.lr_plot.getPlotItem().vb
        line = QFontMetrics(axis.style["tickFont"] or QFont()).height()
        lo, hi = vb.viewRange()[1]
        per_px = (hi - lo) / max(vb.height(), 1.0)
        margin = line / 2 * per_px             # a label drawn whole inside the axis

        def thinned(values: list[tuple[float, str]]) -> list[tuple[float, str]]:
            out: list[tuple[float, str]] = []
            for v, text in sorted(values):
                if lo + margin <= v <= hi - margin and \
                        (not out or (v - out[-1][0]) >= 2 * line * per_px):
                    out.append((v, text))
            return out

        major = thinned([(float(d), decade_text(d)) for d in range(d0, d1 + 1)])
        if len(major) < 2:
            major = thinned([(float(d), decade_text(d)) for d in range(d0, d1 + 1)]
                            + [(math.log10(m) + d, f"{m * 10.0 ** d:g}")
                               for d in range(d0 - 1, d1 + 1) for m in (2, 5)])
        minor = [(math.log10(m) + d, "") for d in range(d0, d1) for m in range(2, 10)]
        axis.setTicks([major, minor])

    def _loss_range(self) -> None:
        """The loss axis spans the starting losses down to the lowest: a run that blows
        up leaves through the top instead of squashing every other curve flat."""
        pb = self.playback
        if pb.rows == 0:
            return
        L = pb.L[:, pb.path_rows(pb.L.shape[0], MAX_POINTS, pb.rows - 1)]
        f = L[np.isfinite(L)]
        start = pb.L[:, 0][np.isfinite(pb.L[:, 0])]
        if f.size == 0 or start.size == 0:
            return
        lo, hi = float(f.min()), float(max(start.max(), percentile(f, 90)))
        if self.log_box.isChecked() and lo > 0:
            lo, hi = np.log10(lo), np.log10(hi)
        if not hi > lo:
            hi = lo + 1.0
        y0, y1 = stepped_range(lo, hi)
        vb = self.loss_plot.getPlotItem().vb
        if vb.viewRange()[1] != [y0, y1]:
            self.loss_plot.setYRange(y0, y1, padding=0)
            vb.updateMatrix()       # now, not while painting (which would dirty the plot again)

    def _positive(self) -> bool:
        pb = self.playback
        L = pb.L[:, : pb.kept]
        f = L[np.isfinite(L)]
        return f.size > 0 and bool((f > 0).all())

    def _on_log(self, on: bool) -> None:
        if on and self.playback.rows > 0 and not self._positive():
            self.log_box.setChecked(False)
            self.log_box.setToolTip(self.tr("Log scale needs every loss > 0"))
            return
        self.loss_plot.setLogMode(y=on)
        self.redraw()

    def _on_frame(self) -> None:
        """The loss plot and the learning-rate plot are lanes 1 and 2 of a split frame.

        Each plot has a QGraphicsScene of its own, and a scene sends the window's pending
        update request as soon as it has processed its changed items (Qt's
        ``_q_processDirtyItems``), so two plots changing in one frame would cost two window
        updates, each a composite of the whole window. While a frame redraws them the
        plots therefore leave their scenes' changes aside and are repainted whole, both
        in the frame's one window update (``_follow_scenes`` ends that)."""
        loss, lr = self.playback.draws(1), self.playback.draws(2)
        plots = [p for p, on in ((self.loss_plot, loss), (self.lr_plot, lr)) if on]
        if not plots:
            return
        for p in plots:
            p.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
        self.redraw(loss=loss, lr=lr)
        for p in plots:
            p.viewport().update()
        QMetaObject.invokeMethod(self, "_follow_scenes", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _follow_scenes(self) -> None:
        """Posted after the scenes' own processing of a frame's changes: from now on the
        plots repaint what their scenes change, as pyqtgraph sets them up."""
        for p in (self.loss_plot, self.lr_plot):
            p.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)

    def _columns(self, plot: pg.PlotWidget) -> tuple[float, float, int]:
        """The columns (``SUB_COLUMNS`` a device pixel) of ``plot``'s data area as
        ``column_points`` takes them: step ``s`` is drawn in column ``floor(a * s + b)``
        of ``n``; (0, 0, 0) before the plot is on screen."""
        vb = plot.getPlotItem().vb
        left = vb.mapToDevice(QPointF(0, 0))
        (x0, x1), width = vb.viewRange()[0], vb.width()
        if left is None or not x1 > x0 or width <= 0:
            return 0.0, 0.0, 0
        k = plot.devicePixelRatioF() * SUB_COLUMNS
        first = math.floor(k * left.x())
        a = k * width / (x1 - x0)
        return a, k * left.x() - a * x0 - first, math.ceil(k * (left.x() + width)) - first

    def _on_columns(self, plot: pg.PlotWidget) -> None:
        """``plot`` was zoomed, panned or resized: its curves are reduced to its new pixel
        columns."""
        if plot is self.lr_plot:
            self._draw_previews()
        self.redraw(loss=plot is self.loss_plot, lr=plot is self.lr_plot)

    def _draw_previews(self) -> None:
        cols = self._columns(self.lr_plot)
        for item, curve in zip(self._preview_items, self._preview_curves, strict=True):
            if curve is not None:
                x, y, connect = column_points(curve[0], curve[1][None, :], *cols)
                item.setData(x=x, y=y, connect=connect, skipFiniteCheck=True)

    def redraw(self, loss: bool = True, lr: bool = True) -> None:
        """The loss and (or) rate curves up to the cursor, every step of a run reduced to
        the plot's columns (``column_rows``: every zig-zag keeps its extremes; all runs
        but swarms at once, the rows of columns reduced before kept while the cursor
        moves on: ``GrowingColumns``); a swarm's members at evenly thinned steps. The
        curves are plain PlotCurveItems, a tenth of a PlotDataItem's cost to update each
        frame, so on a log axis they are given log10 of the values (> 0) themselves."""
        pb = self.playback
        if not self._loss_items or pb.rows == 0:
            return
        log = self.log_box.isChecked()
        lr_log = self.lr_plot.getPlotItem().ctrl.logYCheck.isChecked()
        loss_cols, lr_cols = self._columns(self.loss_plot), self._columns(self.lr_plot)
        drawn = [drawn_members(idx) for idx in pb.groups]
        few = [g for g, idx in enumerate(drawn) if len(idx) <= SWARM]
        runs = np.concatenate([drawn[g] for g in few]) if few else np.zeros(0, np.intp)
        ends = np.cumsum([len(drawn[g]) for g in few])
        n = pb.row(pb.cursor) + 1
        parts = [("loss", self._loss_items, pb.L, loss_cols, log)] if loss else []
        parts += [("lr", self._lr_items, pb.LR, lr_cols, lr_log)] if lr else []
        for name, items, data, cols, positive in parts:
            mm, rr, y = self._reduced[name].reduce(
                (cols, positive, runs.tobytes(), id(data), pb.thin), pb.steps, data, runs,
                lambda v, p=positive: _drawable(v, p), n, *cols)
            at = np.searchsorted(mm, np.concatenate(([0], ends)))
            for g, i0, i1 in zip(few, at[:-1], at[1:], strict=True):
                _show(items[g], pb.steps[rr[i0:i1]].astype(float), y[i0:i1],
                      joined(mm[i0:i1]), positive)
        for g, idx in enumerate(drawn):
            if len(idx) <= SWARM and not (loss and self.test is not None):
                continue
            sub = pb.path_rows(len(idx), swarm_line(len(idx), 2.5, MAX_POINTS)[1])
            if len(idx) > SWARM:
                for _name, items, data, cols, positive in parts:
                    v = _drawable(data[np.ix_(idx, sub)], positive)
                    _show(items[g], *column_points(pb.steps[sub], v, *cols), positive)
            if loss and self.test is not None and g < len(self._test_items):
                W = pb.W[np.ix_(idx, sub)]
                with np.errstate(all="ignore"):
                    v = self.test.loss(W[..., 0], W[..., 1])
                x, y, connect = column_points(pb.steps[sub], _drawable(v, log), *loss_cols)
                self._test_items[g].setData(x=x, y=y, connect=connect, skipFiniteCheck=True)
        c = pb.cursor
        for line, on in zip(self.cursor_lines, (loss, lr), strict=True):
            if on:
                line.setValue(c)
        if loss:
            self._loss_range()
