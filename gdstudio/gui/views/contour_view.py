"""The 2D pane: heat map and isolines of the surface, trajectories, markers, hover readout.

Click on a run's path, marker or legend entry selects it (``runPicked``); a click
elsewhere sets the selected run's start; shift-click adds a run there (``startPicked``).
The selected run is drawn wider and on top, the others faded.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gdstudio.core.runner import uses_closure
from gdstudio.gui.draw.display import ZMap, drawn_members, format_value, swarm_line
from gdstudio.gui.draw.forks import GHOST_ALPHA, ghost_paths
from gdstudio.gui.draw.geometry import ISO_N, N_LEVELS, isoline, polylines, spread_markers
from gdstudio.gui.draw.legend import fit_legend
from gdstudio.gui.draw.palette import (
    DIVERGED,
    MINIMUM,
    SELECTED_WIDTH,
    SWA,
    TEST,
    emphasis,
    group_color,
    group_symbol,
)
from gdstudio.gui.draw.step_marks import (
    ARROW_COLORS,
    asgd_points,
    curvature_marks,
    mark_labels,
    paint_arrow,
    painting_order,
    step_arrows,
    swa_points,
    trial_points,
    uses_asgd,
)
from gdstudio.gui.state.playback import STATUSES

translate = QCoreApplication.translate

MAX_POINTS = 40_000
MAX_DOTS = 2_000
DOTS_PER_ITEM = 2000      # step dots in one scatter item (StepDots): each costs a paint
PICK_PX = 8         # a click this close (in pixels) to a run's path or marker selects it
HEAD_SIZE = 17
FEW_MARKERS = 16    # a marker item with at most this many points draws them one by one


def _segment_distance(pts: np.ndarray, vb, pos: QPointF) -> float:
    """Pixel distance from the scene point ``pos`` to the polyline through the data
    points ``pts`` (k, 2) as drawn in the view box ``vb``."""
    t = vb.childGroup.sceneTransform()
    sx = t.m11() * pts[:, 0] + t.m21() * pts[:, 1] + t.dx()
    sy = t.m12() * pts[:, 0] + t.m22() * pts[:, 1] + t.dy()
    q = np.column_stack([sx, sy])
    c = np.array([pos.x(), pos.y()])
    if len(q) == 1:
        return float(np.hypot(*(q[0] - c)))
    a, b = q[:-1], q[1:]
    ab = b - a
    den = (ab ** 2).sum(axis=1)
    u = np.clip(((c - a) * ab).sum(axis=1) / np.where(den > 0, den, 1.0), 0.0, 1.0)
    near = a + u[:, None] * ab
    return float(np.hypot(*(near - c).T).min())


def still(item: QGraphicsItem) -> QGraphicsItem:
    """Mark an item that rarely changes while runs play: Qt keeps it as a pixmap of the
    pane's pixels and blits it until the item, the zoom or the pane's size change
    (each pyqtgraph item costs its Python paint otherwise, every frame)."""
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return item


def _mapped(t: QTransform, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points (x, y) mapped by the affine ``t``, all at once (QTransform maps one)."""
    return t.m11() * x + t.m21() * y + t.dx(), t.m12() * x + t.m22() * y + t.dy()


def layer_pane(painter: QPainter, exporting: bool) -> QWidget | None:
    """The pane an item is painted on when it may be kept as a layer of the pane's pixels
    (a raster paint of the pane); None while ``exporting`` or for an SVG or any other
    device, where the item draws its lines."""
    device = painter.device()
    if exporting or not isinstance(device, QWidget) \
            or painter.paintEngine().type() != QPaintEngine.Type.Raster:
        return None
    return device


def pixel_layer(pane: QWidget, dpr: float) -> QImage:
    """A clear layer of ``pane``'s device pixels."""
    layer = QImage(round(pane.width() * dpr), round(pane.height() * dpr),
                   QImage.Format.Format_ARGB32_Premultiplied)
    layer.setDevicePixelRatio(dpr)
    layer.fill(Qt.GlobalColor.transparent)
    return layer


def blit_layer(painter: QPainter, layer: QImage, to_px: QTransform, rect: QRectF,
               pane: QWidget, dpr: float) -> None:
    """Paint the part of ``layer`` under the item rect ``rect`` (mapped by ``to_px``)."""
    box = to_px.mapRect(rect).toAlignedRect().intersected(QRect(0, 0, pane.width(),
                                                                pane.height()))
    if box.isEmpty():
        return
    painter.save()
    painter.resetTransform()
    painter.drawImage(QRectF(box), layer, QRectF(box.x() * dpr, box.y() * dpr,
                                                 box.width() * dpr, box.height() * dpr))
    painter.restore()


class Markers(pg.ScatterPlotItem):
    """A ScatterPlotItem that keeps its bounding rect until its points, their sizes or
    pens, or the zoom change (Qt asks for it several times a paint, and pyqtgraph works
    it out in Python each time), and whose points move without being made anew."""

    _rect: QRectF | None = None

    def prepareGeometryChange(self) -> None:
        self._rect = None
        super().prepareGeometryChange()

    def updateSpots(self, *args) -> None:
        self._rect = None
        super().updateSpots(*args)

    def boundingRect(self) -> QRectF:
        if self._rect is None:
            self._rect = super().boundingRect()
        return self._rect

    def paint(self, painter, option, widget) -> None:
        """A few points are drawn from pyqtgraph's symbol atlas one by one, as its
        drawPixmapFragments draws them, without its culling and array set-up (a tenth of
        a millisecond a marker, every frame); anything else is left to pyqtgraph."""
        atlas = self.fragmentAtlas
        if len(self.data) > FEW_MARKERS or self._exportOpts is not False \
                or not (self.opts["pxMode"] and self.opts["useCache"]) \
                or self.opts.get("compositionMode") is not None or widget is None \
                or widget.devicePixelRatioF() != atlas.devicePixelRatio():
            super().paint(painter, option, widget)
            return
        to_px, dpr, limit = painter.transform(), atlas.devicePixelRatio(), 2.0 ** 30
        for x, y, (sx, sy, sw, sh) in zip(self.data["x"], self.data["y"],
                                          self.data["sourceRect"].tolist(), strict=True):
            at = to_px.map(QPointF(float(x), float(y)))
            painter.setTransform(QTransform.fromTranslate(min(max(at.x(), -limit), limit),
                                                          min(max(at.y(), -limit), limit)))
            w, h = sw / dpr, sh / dpr
            painter.drawPixmap(QRectF(-0.5 * w, -0.5 * h, w, h), atlas.pixmap,
                               QRectF(sx, sy, sw, sh))
        painter.resetTransform()

    def set_points(self, pos: np.ndarray) -> None:
        """Show the points ``pos`` (k, 2) in the item's style: as many as before are
        moved (setData would build their spots again), none if they are already there."""
        x, y = self.data["x"], self.data["y"]
        if len(x) != len(pos):
            self.setData(pos=pos)
        elif not (np.array_equal(x, pos[:, 0]) and np.array_equal(y, pos[:, 1])):
            self.prepareGeometryChange()
            x[:], y[:] = pos[:, 0], pos[:, 1]
            self.bounds = [None, None]
            self.informViewBoundsChanged()
            self.invalidate()


class Leader(QGraphicsPathItem):
    """The thin line from a current-point marker moved aside back to where its run is,
    drawn by Qt (feeding a PlotDataItem costs a tenth of a millisecond, every frame)."""

    def __init__(self, pen: QPen):
        super().__init__()
        self.setPen(pen)
        self._ends = (np.zeros(0), np.zeros(0))

    def set_ends(self, x, y) -> None:
        """Draw the line from (x[0], y[0]) to (x[1], y[1]); none for empty ``x``."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if np.array_equal(x, self._ends[0]) and np.array_equal(y, self._ends[1]):
            return
        self._ends = (x, y)
        path = QPainterPath()
        if len(x) == 2:
            path.moveTo(x[0], y[0])
            path.lineTo(x[1], y[1])
        self.setPath(path)

    def paint(self, painter, option, widget=None) -> None:
        if not self.path().isEmpty():      # an empty one is written to SVG as bad data
            super().paint(painter, option, widget)

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        """x and y of the line's two ends (empty when there is no line)."""
        return self._ends


class ArrowsItem(pg.GraphicsObject):
    """Arrows given in data coordinates, drawn with heads of a fixed size in pixels
    (the pane's aspect is free, so a head must be drawn in screen space). The bounding
    rect is kept until the arrows or the zoom change (Qt asks for it several times a
    paint)."""

    def __init__(self):
        super().__init__()
        self.arrows: list[tuple[np.ndarray, np.ndarray, str]] = []   # start, end, kind
        self._rect: QRectF | None = None

    def set_arrows(self, arrows: list[tuple[np.ndarray, np.ndarray, str]]) -> None:
        if not arrows and not self.arrows:
            return
        self.prepareGeometryChange()
        self.arrows, self._rect = arrows, None
        self.update()

    def viewTransformChanged(self) -> None:
        self._rect = None
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        if not self.arrows:
            return QRectF()
        if self._rect is None:
            pts = np.array([p for a, b, *_ in self.arrows for p in (a, b)], dtype=float)
            lo, hi = pts.min(axis=0), pts.max(axis=0)
            px, py = abs(self.pixelWidth() or 0.0) * 20, abs(self.pixelHeight() or 0.0) * 20
            self._rect = QRectF(lo[0] - px, lo[1] - py, hi[0] - lo[0] + 2 * px,
                                hi[1] - lo[1] + 2 * py)
        return self._rect

    def paint(self, painter, *_args) -> None:
        to_px = painter.transform()
        painter.resetTransform()
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        for a, b, kind, *label in painting_order(self.arrows):
            paint_arrow(painter, to_px.map(QPointF(*a)), to_px.map(QPointF(*b)), kind, *label)


class PathItem(pg.GraphicsObject):
    """A run group's path: polylines through its members' points, drawn as pyqtgraph's
    PlotCurveItem draws them (line segments for an opaque pen wider than a pixel, else
    one path), but rasterised into a layer of the pane's pixels that a paint only blits:
    a frame that adds rows draws just their segments into it, so the cost of a frame
    does not grow with the length of the path. The layer is drawn afresh when the
    pane's transform (zoom, pan, size) or the pen changes, or when rows already drawn
    change (a thinned history, a rewritten fork). Exports and SVG draw the lines."""

    def __init__(self, pen: QPen):
        super().__init__()
        self.opts = {"pen": QPen(pen)}
        self.base_width = pen.widthF()
        self.steps = np.zeros(0, dtype=np.int64)    # the step of each row held
        self._pts = np.zeros((0, 16, 2))            # members x capacity x (x, y)
        self._n = 0                                 # rows held
        self._nan_from = 0                          # first row with a point missing
        self._bounds: np.ndarray | None = None      # (min, max) of the finite points
        self._rect: QRectF | None = None
        self._layer: QImage | None = None
        self._key: tuple | None = None              # transform and size the layer is for
        self._drawn = 0                             # rows drawn into the layer

    @property
    def points(self) -> np.ndarray:
        """(members, rows, 2): the points held, NaN where a member has none."""
        return self._pts[:, :self._n]

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        """x and y of the points drawn, member after member (as PlotDataItem gives)."""
        x, y, _ = polylines(self.points)
        return x, y

    def setPen(self, pen: QPen) -> None:
        self.opts["pen"] = QPen(pen)
        self._rect = None
        self._layer = None
        self.prepareGeometryChange()
        self.update()

    def set_rows(self, steps: np.ndarray, read) -> None:
        """Hold the rows of steps ``steps``; ``read(lo, hi)`` gives the points of rows
        ``lo:hi`` of them as (members, hi - lo, 2). Rows already held for the same steps
        are read again only from the first one with a point missing (a fork rewrites
        rows from there)."""
        n, m = len(steps), read(0, 0).shape[0]
        keep = min(self._n, n) if m == len(self._pts) else 0
        if keep and not np.array_equal(steps[:keep], self.steps[:keep]):
            keep = 0
        if self._nan_from < keep and not np.array_equal(
                read(self._nan_from, keep), self._pts[:, self._nan_from:keep], equal_nan=True):
            keep = self._nan_from
        new = read(keep, n)
        if keep == 0:
            self._pts = np.zeros((m, max(16, 2 * n), 2))
        elif n > self._pts.shape[1]:
            grown = np.zeros((m, 2 * n, 2))
            grown[:, :keep] = self._pts[:, :keep]
            self._pts = grown
        self._pts[:, keep:n] = new
        cut = keep < self._n
        if keep < self._drawn:
            self._layer = None
        self.steps, self._n = np.asarray(steps), n
        if self._nan_from >= keep:
            missing = np.flatnonzero(~np.isfinite(new).all(axis=(0, 2)))
            self._nan_from = keep + int(missing[0]) if len(missing) else n
        afresh = cut or keep == 0
        pts = self.points if afresh else new
        fin = pts[np.isfinite(pts).all(axis=2)]
        bounds = np.array([fin.min(axis=0), fin.max(axis=0)]) if len(fin) else None
        if not afresh and self._bounds is not None:
            bounds = self._bounds if bounds is None else np.array(
                [np.minimum(bounds[0], self._bounds[0]), np.maximum(bounds[1], self._bounds[1])])
        if (bounds is None) != (self._bounds is None) or \
                (bounds is not None and not np.array_equal(bounds, self._bounds)):
            self._bounds = bounds
            self._rect = None
            self.prepareGeometryChange()
        self.update()

    def viewTransformChanged(self) -> None:
        self._rect = None
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        if self._bounds is None:
            return QRectF()
        if self._rect is None:
            pad = self.opts["pen"].widthF() * 0.7072
            px, py = abs(self.pixelWidth() or 0.0) * pad, abs(self.pixelHeight() or 0.0) * pad
            (x0, y0), (x1, y1) = self._bounds
            self._rect = QRectF(x0 - px, y0 - py, x1 - x0 + 2 * px, y1 - y0 + 2 * py)
        return self._rect

    def _stroke(self, painter: QPainter, first: int) -> None:
        """Draw the segments from row ``first`` on, as PlotCurveItem would. The few rows
        of one run that a playing frame adds go straight into a polygon (the same path
        ``arrayToQPath`` makes, without its set-up, which costs more than they do)."""
        pts = self._pts[:, first:self._n]
        pen = self.opts["pen"]
        lines = pen.widthF() > 1.0 and pen.style() == Qt.PenStyle.SolidLine \
            and pen.isSolid() and pen.color().alphaF() == 1.0
        if not lines and len(pts) == 1 and np.isfinite(pts).all():
            if pts.shape[1] < 2:
                return
            poly = pg.functions.create_qpolygonf(pts.shape[1])
            pg.functions.ndarray_from_qpolygonf(poly)[:] = pts[0]
            path = QPainterPath()
            path.addPolygon(poly)
            painter.setPen(pen)
            painter.drawPath(path)
            return
        x, y, connect = polylines(pts)
        if len(x) < 2:
            return
        painter.setPen(pen)
        if lines:
            segments = arrayToLineSegments(x, y, connect, False)   # alive while drawn
            painter.drawLines(*segments.drawargs())
        else:
            painter.drawPath(pg.arrayToQPath(x, y, connect))

    def paint(self, painter, *_args) -> None:
        if self._n == 0:
            return
        pane = layer_pane(painter, self._exportOpts is not False)
        if pane is None:
            self._stroke(painter, 0)
            return
        dpr = pane.devicePixelRatioF()
        key = (painter.transform(), pane.width(), pane.height(), dpr)
        if self._layer is None or key != self._key:
            self._layer = pixel_layer(pane, dpr)
            self._key, self._drawn = key, 0
        if self._drawn < self._n:
            layer = QPainter(self._layer)
            layer.setTransform(key[0])
            layer.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            self._stroke(layer, max(self._drawn - 1, 0))
            layer.end()
            self._drawn = self._n
        blit_layer(painter, self._layer, key[0], self.boundingRect(), pane, dpr)


class StepDots:
    """A dot at each step drawn of the runs with step marks, in :class:`Markers` items of
    one brush per run (a brush per point costs pyqtgraph a Python loop over every point,
    each frame; a plain scatter item works its bounding rect out anew several times a
    paint). The cursor's own dot, off the stride of the others once the steps drawn are
    thinned, has an item of its own; the others are extended by the new steps only while
    the cursor moves on, in items of at most DOTS_PER_ITEM (pyqtgraph copies every point
    of an item to add one; each item costs a paint). Dots are known by their steps, not
    their rows: a thinned history moves the rows it keeps."""

    def __init__(self, plot: pg.PlotWidget):
        self.plot = plot
        self.items: dict[int, tuple[list[pg.ScatterPlotItem], np.ndarray]] = {}

    def set_dots(self, dots: dict[int, tuple[np.ndarray, np.ndarray, QColor]]) -> None:
        """Run -> (the steps drawn, their points, its colour)."""
        for i in [i for i in self.items if i not in dots]:
            self._drop(self.items.pop(i)[0])
        for i, (steps, pos, color) in dots.items():
            items, old = self.items[i] if i in self.items else ([self._item(color)],
                                                                steps[:0])
            head, chunks = items[0], items[1:]
            if len(old) != len(steps) or not np.array_equal(old[-1:], steps[-1:]):
                head.setData(pos=pos[-1:])
            old, steps, pos = old[:-1], steps[:-1], pos[:-1]
            n = min(len(old), len(steps))
            differ = np.flatnonzero(old[:n] != steps[:n])
            k = int(differ[0]) if len(differ) else n
            full, part = divmod(k, DOTS_PER_ITEM)
            self._drop(chunks[full + (part > 0):])
            chunks = chunks[:full + (part > 0)]
            if part and len(chunks[-1].data) != part:
                chunks[-1].setData(pos=pos[full * DOTS_PER_ITEM:k])
            while k < len(steps):
                if not chunks or len(chunks[-1].data) >= DOTS_PER_ITEM:
                    chunks.append(self._item(color))
                room = DOTS_PER_ITEM - len(chunks[-1].data)
                chunks[-1].addPoints(pos=pos[k:k + room])
                k += room
            self.items[i] = ([head, *chunks], dots[i][0])

    def _item(self, color: QColor) -> pg.ScatterPlotItem:
        item = Markers(size=7, pen=pg.mkPen("k", width=1), brush=pg.mkBrush(color))
        item.setZValue(13)
        self.plot.addItem(item)
        return item

    def _drop(self, items: list[pg.ScatterPlotItem]) -> None:
        for item in items:
            self.plot.removeItem(item)

    def clear(self) -> None:
        self.set_dots({})

    @property
    def points(self) -> np.ndarray:
        """Every dot drawn, run by run, in the order of their steps."""
        pts = [np.column_stack([item.data["x"], item.data["y"]])
               for items, _steps in self.items.values() for item in [*items[1:], items[0]]]
        return np.concatenate(pts) if pts else np.zeros((0, 2))


def kind_name(kind: str) -> str:
    """A critical point's kind in the interface language."""
    names = {"minimum": translate("ContourView", "minimum"),
             "saddle": translate("ContourView", "saddle"),
             "maximum": translate("ContourView", "maximum"),
             "degenerate": translate("ContourView", "degenerate")}
    return names.get(kind, kind)


class Readout(QLabel):
    """The cursor read-out: one line of its font high whatever it shows (a new text each
    mouse move never relayouts the pane), refitted when its font changes (presenter)."""

    def fit_height(self) -> None:
        self.setFixedHeight(self.sizeHint().height())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_height()


class Isoline(pg.IsocurveItem):
    """An isoline of a grid ``data[i, j]`` (point ``(i, j)`` at ``(i, j)`` before the
    item's transform), traced by ``geometry.isoline``: pyqtgraph's own tracer loops over
    the cells in Python (a new surface cost the window 0.2 s of isolines)."""

    def __init__(self, data: np.ndarray, level: float, pen):
        super().__init__(data=data, level=level, pen=pen, axisOrder="col-major")

    def generatePath(self) -> None:
        if self.data is None:
            self.path = None
            return
        x, y, connect = isoline(self.data, self.level)
        self.path = pg.arrayToQPath(x, y, connect)


class IsolineLayer(pg.GraphicsObject):
    """Isolines (``Isoline`` items kept out of the scene) drawn as one item, each path with
    its pen and transform as it would draw itself, into a layer of the pane's pixels
    that a paint only blits (as ``PathItem`` does): the lines are stroked again only when
    the pane's transform (zoom, pan, size) changes, not each time a playing frame
    repaints the pane around them. Where two lines cross, the layer blends them with
    each other before the heat map (a colour channel can differ by one level from
    drawing them one by one). Exports and SVG draw the lines."""

    def __init__(self, isolines: list[Isoline]):
        super().__init__()
        self.isolines = isolines
        for iso in isolines:
            if iso.path is None:
                iso.generatePath()
        self._bounds = QRectF()
        for iso in isolines:
            if iso.path is not None:
                self._bounds = self._bounds.united(
                    iso.transform().mapRect(iso.path.boundingRect()))
        self._rect: QRectF | None = None
        self._layer: QImage | None = None
        self._key: tuple | None = None

    def viewTransformChanged(self) -> None:
        self._rect = None
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        if self._rect is None:
            pad = 2.0 + max((iso.pen.widthF() for iso in self.isolines), default=0.0)
            px, py = abs(self.pixelWidth() or 0.0) * pad, abs(self.pixelHeight() or 0.0) * pad
            self._rect = self._bounds.adjusted(-px, -py, px, py) \
                if not self._bounds.isNull() else QRectF()
        return self._rect

    def _stroke(self, painter: QPainter) -> None:
        for iso in self.isolines:
            if iso.path is not None:
                painter.save()
                painter.setTransform(iso.transform(), True)
                painter.setPen(iso.pen)
                painter.drawPath(iso.path)
                painter.restore()

    def paint(self, painter, *_args) -> None:
        pane = layer_pane(painter, self._exportOpts is not False)
        if pane is None:
            self._stroke(painter)
            return
        dpr = pane.devicePixelRatioF()
        key = (painter.transform(), pane.width(), pane.height(), dpr,
               painter.testRenderHint(QPainter.RenderHint.Antialiasing))
        if self._layer is None or key != self._key:
            self._layer = pixel_layer(pane, dpr)
            layer = QPainter(self._layer)
            layer.setRenderHint(QPainter.RenderHint.Antialiasing, key[4])
            layer.setTransform(key[0])
            self._stroke(layer)
            layer.end()
            self._key = key
        blit_layer(painter, self._layer, key[0], self.boundingRect(), pane, dpr)


class ContourView(QWidget):
    startPicked = Signal(float, float, bool)   # x, y, add (shift held)
    runPicked = Signal(int)                    # a run group clicked on (path, marker, legend)

    def __init__(self, playback, parent: QWidget | None = None, grid_n: int = 200):
        super().__init__(parent)
        self.playback = playback
        self.grid_n = grid_n
        self.surface = None
        self.zmap: ZMap | None = None
        self.hidden: set[int] = set()
        self.selected: int | None = None
        self.plot = pg.PlotWidget(background="#16161d")
        self.plot.setMenuEnabled(False)
        self.plot.setAspectLocked(False)
        self.plot.getPlotItem().hideButtons()
        for side in ("left", "bottom"):
            ax = self.plot.getAxis(side)
            ax.setTickFont(QFont("DejaVu Sans", 11))
            ax.setTextPen("#e0e0e8")
            ax.setPen("#a0a0b0")
        self.readout = Readout(" ")
        self.readout.setObjectName("readout")
        self.readout.setStyleSheet("QLabel { font-family: 'DejaVu Sans Mono'; font-size: 12pt; "
                                   "padding: 2px 6px; }")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.readout.setMinimumWidth(1)       # a long read-out is cut, it never widens the
        self.readout.ensurePolished()         # pane; one line high whatever it shows
        self.readout.fit_height()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.readout)

        self.image = pg.ImageItem(axisOrder="col-major")
        self.image.setZValue(-10)
        still(self.image)
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=pg.colormap.get("viridis"),
                                        interactive=False, width=14)
        self.colorbar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
        self.colorbar.axis.setTickFont(QFont("DejaVu Sans", 10))
        self.colorbar.axis.setTextPen("#e0e0e8")
        self.colorbar.axis.setWidth(62)
        self.isolines: list[Isoline] = []
        self._iso_layers: dict[str, IsolineLayer] = {}
        self.minima = Markers(symbol="+", size=22, pen=pg.mkPen("k", width=1),
                              brush=pg.mkBrush(MINIMUM))
        self.minima.setZValue(5)
        self.plot.addItem(still(self.minima))
        self.legend = self.plot.getPlotItem().addLegend(
            offset=(-10, 10), labelTextSize="12pt", labelTextColor="#f0f0f5",
            brush=pg.mkBrush(0, 0, 0, 150))
        self.legend.sigSampleClicked.connect(self._on_legend_sample)
        still(self.legend)
        self.plot.getPlotItem().vb.sigResized.connect(lambda _vb: self._on_resized())
        self._run_items: list[dict] = []
        self._diverged = Markers(symbol="x", size=20, pen=pg.mkPen("w", width=1),
                                 brush=pg.mkBrush(DIVERGED))
        self._diverged.setZValue(20)
        still(self._diverged)
        self.plot.addItem(self._diverged)
        self._div_labels: list[pg.TextItem] = []
        self._div_key: list | None = None                     # what the labels say
        self._div_points: list[tuple[float, float]] = []     # where each label points
        self.show_arrows = self.show_swa = False
        self.step_states = None         # the optimizer state behind the marks (step_panel)
        self.arrows = ArrowsItem()
        self.arrows.setZValue(25)
        self.step_dots = StepDots(self.plot)
        self.swa_marker = Markers(symbol="star", size=28, pen=pg.mkPen("k", width=1.5),
                                  brush=pg.mkBrush(SWA))
        self.swa_marker.setZValue(24)
        self.trial_dots = Markers(symbol="o", size=9, brush=None)
        self.trial_dots.setZValue(23)
        for item in (self.arrows, self.swa_marker, self.trial_dots):
            self.plot.addItem(item)
        still(self.swa_marker)
        still(self.trial_dots)
        self.test_isolines: list[Isoline] = []
        self.plot.scene().sigMouseMoved.connect(self._on_move)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        playback.reset.connect(self.rebuild_runs)
        playback.frame.connect(self._on_frame)

    # -- the surface ---------------------------------------------------------------
    def set_surface(self, surface) -> None:
        self.surface = surface
        self.readout.setText(" ")
        xs, ys, Z = surface.grid(self.grid_n)
        self.zmap = ZMap.fit(Z)
        u = self.zmap.norm(Z)
        (x0, x1), (y0, y1) = surface.bounds
        self.image.setImage(u, levels=(0.0, 1.0), autoLevels=False)
        self.image.setColorMap(pg.colormap.get("viridis"))
        us = np.linspace(0.0, 1.0, 6)
        self.colorbar.axis.setTicks([[(float(u), format_value(float(v)))
                                      for u, v in zip(us, self.zmap.unnorm(us), strict=True)]])
        self.colorbar.axis.setLabel(self.tr("loss (log-spaced)") if self.zmap.log
                                    else self.tr("loss"),
                                    color="#e0e0e8")
        dx, dy = (x1 - x0) / (len(xs) - 1), (y1 - y0) / (len(ys) - 1)
        self.image.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy))
        _, _, iZ = surface.grid(ISO_N)
        self.isolines = self._isolines("surface", iZ, pg.mkPen(255, 255, 255, 90, width=1),
                                       z=-5)
        mins = [m.point for m in surface.minima]
        self.minima.setData(pos=np.array(mins, dtype=float).reshape(-1, 2))
        self.minima.setToolTip(self.tr("known minima: ") + ", ".join(
            f"({p[0]:.4g}, {p[1]:.4g}) -> {format_value(m.value)}"
            for p, m in zip(mins, surface.minima, strict=True)))
        px, py = surface.params
        lab = {"color": "#e0e0e8", "font-size": "14pt"}
        self.plot.setLabel("bottom", px, **lab)
        self.plot.setLabel("left", py, **lab)
        self.plot.setLimits(xMin=None, xMax=None, yMin=None, yMax=None)
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.rebuild_runs()

    def view_state(self) -> dict:
        """The pane's zoom (the part of the plane shown), as plain data."""
        return {"range": self.plot.getViewBox().viewRange()}

    def restore_view_state(self, state: dict) -> None:
        (x0, x1), (y0, y1) = state["range"]
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def level_values(self) -> np.ndarray:
        """The losses the isolines are drawn at (log-spaced where the range is wide)."""
        return self.zmap.unnorm((np.arange(N_LEVELS) + 0.5) / N_LEVELS)

    # -- the runs ------------------------------------------------------------------
    def rebuild_runs(self) -> None:
        self.step_dots.clear()
        for items in self._run_items:
            for item in items.values():
                self.plot.removeItem(item)
        self._run_items = []
        self._div_key = None
        self.legend.clear()
        pb = self.playback
        if pb.scene is None or self.surface is None:
            return
        for g, spec in enumerate(pb.scene.runs):
            c = group_color(g, spec.color)
            sym = group_symbol(g)
            width, _ = swarm_line(len(pb.groups[g]), 3.0, MAX_POINTS)
            line = PathItem(pg.mkPen(c, width=width))
            start = Markers(symbol=sym, size=13, pen=pg.mkPen(c, width=2.5),
                            brush=pg.mkBrush(0, 0, 0, 0))
            head = Markers(symbol=sym, size=HEAD_SIZE, pen=pg.mkPen("w", width=1.5),
                           brush=pg.mkBrush(c))
            leader = Leader(pg.mkPen(c, width=1.5))
            still(start)
            for item in (line, start, head, leader):
                self.plot.addItem(item)
            self.legend.addItem(head, spec.label)
            self._run_items.append({"line": line, "start": start, "head": head,
                                    "leader": leader})
        self._add_ghosts()
        self._mark_legend()
        self._apply_hidden()
        self._apply_selected()
        self.redraw()

    def _add_ghosts(self) -> None:
        """The path each forked run would have taken, faint and dashed, with a legend
        entry ("Adam before the change")."""
        pb = self.playback
        for g, paths in ghost_paths(pb).items():
            c = QColor(group_color(g, pb.scene.runs[g].color))
            c.setAlpha(GHOST_ALPHA)
            gap = np.full((1, 2), np.nan)
            pts = np.vstack([x for p in paths for x in (self.clip(p[:, :2]), gap)])
            pen = pg.mkPen(c, width=3)
            pen.setDashPattern([3, 2])
            ghost = pg.PlotDataItem(pts[:, 0], pts[:, 1], connect="finite", pen=pen)
            ghost.setZValue(10.5)           # over the other runs' lines, under the selected
            self.plot.addItem(ghost)
            self._run_items[g]["ghost"] = ghost
            self.legend.addItem(ghost, self.tr("%1 before the change")
                                .replace("%1", pb.scene.runs[g].label))

    def ghost_items(self) -> dict[int, pg.PlotDataItem]:
        """Run group -> its ghost path item (forked runs only)."""
        return {g: items["ghost"] for g, items in enumerate(self._run_items)
                if "ghost" in items}

    def set_selected(self, group: int | None) -> None:
        """Emphasise run group ``group`` (wider, on top) and fade the others."""
        self.selected = group
        self._apply_selected()

    def _apply_selected(self) -> None:
        pb = self.playback
        if pb.scene is None:
            return
        sel = self.selected if self.selected is not None and \
            0 <= self.selected < len(self._run_items) else None
        for g, items in enumerate(self._run_items):
            mine = None if sel is None else g == sel
            c = emphasis(group_color(g, pb.scene.runs[g].color), mine)
            wide = SELECTED_WIDTH if mine else 1.0
            items["line"].setPen(pg.mkPen(c, width=items["line"].base_width * wide))
            items["start"].setPen(pg.mkPen(c, width=2.5 * wide))
            items["head"].setBrush(pg.mkBrush(c))
            items["head"].setPen(pg.mkPen("w", width=3.0 if mine else 1.5))
            items["head"].setSize(HEAD_SIZE + 5 if mine else HEAD_SIZE)
            top = 10 if mine else 0
            items["line"].setZValue(10 + top)
            items["start"].setZValue(11 + top)
            items["head"].setZValue(12 + top)
            items["leader"].setZValue(11 + top)

    def _on_legend_sample(self, item) -> None:
        """A click on a run's legend swatch selects the run (pyqtgraph's own toggle of
        the item's visibility is undone: hiding is the dock's job)."""
        for g, items in enumerate(self._run_items):
            if item is items["head"] or item is items.get("ghost"):
                item.setVisible(g not in self.hidden)
                self.runPicked.emit(g)

    def _mark_legend(self) -> None:
        """Legend entries of the step arrows, the SWA average and the test contours."""
        entries = []
        if self.show_arrows:
            entries += [(pg.PlotDataItem(pen=pg.mkPen(ARROW_COLORS["grad"], width=3)),
                         self.tr("−gradient (scaled)")),
                        (pg.PlotDataItem(pen=pg.mkPen(ARROW_COLORS["step"], width=3)),
                         self.tr("step applied"))]
        kinds = {m[2] for m in self.arrows.arrows} - {"grad", "step"}
        entries += [(pg.PlotDataItem(pen=pg.mkPen(ARROW_COLORS[k], width=3,
                                                  style=Qt.PenStyle.DashLine if k == "clip"
                                                  else Qt.PenStyle.SolidLine)), text)
                    for k, text in mark_labels().items() if k in kinds]
        for label, has in ((self.tr("SWA average"), lambda s: s.swa),
                           (self.tr("ASGD average (ax)"), uses_asgd)):
            if self.show_swa and any(has(s) for s in self.playback.scene.runs):
                entries.append((pg.ScatterPlotItem(symbol="star", size=16, pen=pg.mkPen("k"),
                                                   brush=pg.mkBrush(SWA)), label))
        if any(uses_closure(s) and s.size == 1 for s in self.playback.scene.runs):
            entries.append((pg.ScatterPlotItem(symbol="o", size=9, pen=pg.mkPen("w", width=2),
                                               brush=None),
                            self.tr("loss evaluated inside the next step")))
        if self.test_isolines:
            entries.append((pg.PlotDataItem(pen=pg.mkPen(TEST, width=2,
                                                         style=Qt.PenStyle.DashLine)),
                            self.tr("test loss (shifted)")))
        for sample, label in entries:
            self.legend.addItem(sample, label)
        fit_legend(self.legend)

    def set_marks(self, arrows: bool | None = None, swa: bool | None = None) -> None:
        """Draw (or not) the step arrows with a dot per step, and the SWA average."""
        if arrows is not None:
            self.show_arrows = arrows
        if swa is not None:
            self.show_swa = swa
        self.rebuild_runs()
        self._draw_marks()

    def _isolines(self, name: str, Z: np.ndarray | None, pen, z: float) -> list[Isoline]:
        """Isolines of ``Z`` (an ISO_N grid over the surface's bounds; None: none) at the
        pane's N_LEVELS levels of the colour scale, drawn by one ``IsolineLayer`` (which
        replaces the one of the same ``name``)."""
        old = self._iso_layers.pop(name, None)
        if old is not None:
            self.plot.removeItem(old)
        if Z is None:
            return []
        (x0, x1), (y0, y1) = self.surface.bounds
        to_data = QTransform()
        to_data.translate(x0, y0)
        to_data.scale((x1 - x0) / (ISO_N - 1), (y1 - y0) / (ISO_N - 1))
        u = self.zmap.norm(Z)
        items = []
        for k in range(N_LEVELS):
            iso = Isoline(data=u, level=(k + 0.5) / N_LEVELS, pen=pen)
            iso.setTransform(to_data)
            items.append(iso)
        layer = IsolineLayer(items)
        layer.setZValue(z)
        self.plot.addItem(layer)
        self._iso_layers[name] = layer
        return items

    def set_test_surface(self, test) -> None:
        """Isolines of a lesson's test loss (``None``: none) at the pane's levels, dashed
        in the test colour over the training loss."""
        if test is None and not self.test_isolines:
            return
        Z = test.grid(ISO_N, bounds=self.surface.bounds)[2] \
            if test is not None and self.zmap is not None else None
        self.test_isolines = self._isolines(
            "test", Z, pg.mkPen(TEST, width=1.5, style=Qt.PenStyle.DashLine), z=-4)
        self.rebuild_runs()

    def set_hidden(self, hidden: set[int]) -> None:
        """Hide the items of the run groups in ``hidden`` (a view setting)."""
        self.hidden = set(hidden)
        self._apply_hidden()

    def _apply_hidden(self) -> None:
        for g, items in enumerate(self._run_items):
            for item in items.values():
                item.setVisible(g not in self.hidden)

    def _on_frame(self) -> None:
        pb = self.playback
        if pb.draws(3):
            self.plot.setUpdatesEnabled(not pb.staging)     # staged: painted next frame
            self.redraw()
        elif not self.plot.updatesEnabled():
            self.plot.setUpdatesEnabled(True)

    def _draw_marks(self) -> None:
        """The step arrows and dots, and the SWA averages, at the cursor step."""
        pb = self.playback
        if self.surface is None:
            return
        arrows, dots = [], {}
        if self.show_arrows and self._run_items:
            for s in self._step_arrows():
                arrows += s.extra
                arrows.append((s.point, s.point + s.neg_grad, "grad"))
                if s.step is not None:
                    arrows.append((s.point, s.point + s.step, "step"))
                rows = pb.path_rows(1, MAX_DOTS, s.t)
                rows = rows[np.isfinite(pb.W[s.i, rows]).all(axis=1)]
                dots[s.i] = (pb.steps[rows], self.clip(pb.W[s.i, rows]),
                             group_color(s.group, pb.scene.runs[s.group].color))
        if self.step_states is not None and self._run_items:
            arrows += curvature_marks(self.step_states, self.surface)
        kinds = {m[2] for m in self.arrows.arrows}
        self.arrows.set_arrows([(self.clip(a), self.clip(b), *m) for a, b, *m in arrows])
        if kinds != {m[2] for m in arrows}:
            self.rebuild_runs()
        self.step_dots.set_dots(dots)
        swa = [p for g, _i, p, _n in swa_points(pb) if g not in self.hidden] \
            + [p for g, _i, p in asgd_points(pb) if g not in self.hidden] \
            if self.show_swa and self._run_items else []
        if swa or len(self.swa_marker.data):
            self.swa_marker.setData(pos=self.clip(np.array(swa, dtype=float).reshape(-1, 2)))
        trials = trial_points(pb, self.hidden) if self._run_items else []
        if trials or len(self.trial_dots.data):
            pens = [pg.mkPen(group_color(g, pb.scene.runs[g].color), width=2)
                    for g, xy in trials for _ in xy]
            self.trial_dots.setData(
                pos=self.clip(np.concatenate([xy for _g, xy in trials]) if trials
                              else np.zeros((0, 2))), pen=pens or None)

    def _step_arrows(self) -> list:
        """The step arrows at the cursor; with step states, made once for both views."""
        if self.step_states is not None:
            return self.step_states.arrows(self.surface, self.hidden)
        return step_arrows(self.playback, self.surface, self.hidden)

    def redraw(self) -> None:
        """Draw the runs at the cursor step: new rows of the paths, the current points,
        the divergence marks. Items whose data did not change are not touched."""
        pb = self.playback
        self._draw_marks()
        if not self._run_items or pb.rows == 0:
            return
        div, heads = [], {}
        for g, idx in enumerate(pb.groups):
            items = self._run_items[g]
            drawn = drawn_members(idx)
            rows = pb.path_rows(len(drawn), swarm_line(len(idx), 3.0, MAX_POINTS)[1])
            items["line"].set_rows(pb.steps[rows], partial(self._path_points, drawn, rows))
            if len(items["start"].data) != len(drawn):     # row 0 never changes after
                s = pb.W[drawn, 0]                         # it came (a fork keeps it)
                items["start"].set_points(s[np.isfinite(s).all(axis=1)])
            h = self.clip(pb.W[drawn, pb.current_rows(drawn)])
            heads[g] = h[np.isfinite(h).all(axis=1)]
            code, last = pb.statuses(idx)
            for n in np.flatnonzero(code == STATUSES.index("diverged")):
                i = idx[n]
                div.append((i, self.clip(pb.W[i, pb.row(int(last[n]))], margin=0.0),
                            int(last[n])))
        leaders = self._spread_heads(heads)
        for g, items in enumerate(self._run_items):
            items["head"].set_points(heads[g])
            items["leader"].set_ends(*leaders.get(g, ([], [])))
        self._mark_diverged(div)

    def _path_points(self, members: np.ndarray, rows: np.ndarray, lo: int, hi: int
                     ) -> np.ndarray:
        """Points of runs ``members`` at rows ``rows[lo:hi]``, clipped: (members, rows, 2)
        (``PathItem.set_rows`` asks for none first, to learn how many members)."""
        if lo >= hi:
            return np.zeros((len(members), 0, 2))
        return self.clip(self.playback.W[np.ix_(members, rows[lo:hi])])

    def _mark_diverged(self, div: list[tuple[int, np.ndarray, int]]) -> None:
        """A cross where each run (i, point, last step) diverged, labelled if they are
        few; the labels are made again only when what they say changes."""
        pb = self.playback
        text = self.tr("diverged at step %1")
        key = [(pb.runs[i].label, last, tuple(p)) for i, p, last in div]
        if key == self._div_key:
            return
        self._div_key = key
        for t in self._div_labels:
            self.plot.removeItem(t)
        self._div_labels, self._div_points = [], []
        pts = [p for _, p, _ in div if np.isfinite(p).all()]
        self._diverged.set_points(np.array(pts, dtype=float).reshape(-1, 2))
        if len(div) <= 8:
            for i, p, last in div:
                if not np.isfinite(p).all():
                    continue
                t = pg.TextItem(pb.runs[i].label + ": " + text.replace("%1", str(last + 1)),
                                color=DIVERGED, fill=pg.mkBrush(0, 0, 0, 170))
                t.setFont(QFont("DejaVu Sans", 12, QFont.Weight.Bold))
                t.setZValue(30)
                self.plot.addItem(t)
                self._div_labels.append(t)
                self._div_points.append((float(p[0]), float(p[1])))
            if self._div_labels:
                self._place_labels()

    def _on_resized(self) -> None:
        fit_legend(self.legend)
        self._place_labels()

    def _place_labels(self) -> None:
        """Put each "diverged" label (wrapped if wider than the pane) just above or below
        its point, slid sideways to stay inside the pane, on the first side that keeps
        it off the legend and the labels placed before it (the side facing the pane's
        centre first); failing all, just below the legend."""
        vb = self.plot.getPlotItem().vb
        pane = vb.sceneBoundingRect()
        box = self.legend.sceneBoundingRect() if self.legend.isVisible() else QRectF()
        taken = [box] if not box.isEmpty() else []
        (x0, x1), (y0, y1) = self.surface.bounds if self.surface is not None \
            else ((0, 1), (0, 1))
        for t, (x, y) in zip(self._div_labels, self._div_points, strict=True):
            at = vb.mapViewToScene(QPointF(x, y))
            t.textItem.setTextWidth(-1)
            if t.textItem.boundingRect().width() > pane.width() - 8:     # wraps to fit
                t.textItem.setTextWidth(max(pane.width() - 8, 40))
            size = t.textItem.boundingRect().size()
            ix, iy = (0 if x < (x0 + x1) / 2 else 1), (1 if y < (y0 + y1) / 2 else 0)
            tries = [(ax, ay) for ay in (iy, 1 - iy) for ax in (ix, 0.5, 1 - ix)]
            rects = [self._inside(QRectF(at.x() - ax * size.width(),
                                         at.y() - ay * size.height(),
                                         size.width(), size.height()), pane)
                     for ax, ay in tries]
            free = [r for r in rects
                    if pane.contains(r) and not any(r.intersects(o) for o in taken)]
            if free:
                r = free[0]
            elif taken:
                r = self._inside(QRectF(at.x(), box.bottom() + 4, size.width(),
                                        size.height()), pane)
            else:
                r = rects[0]
            t.setAnchor((0, 0))
            t.setPos(vb.mapSceneToView(r.topLeft()))
            taken.append(r)

    @staticmethod
    def _inside(r: QRectF, pane: QRectF) -> QRectF:
        """``r`` slid sideways so that it lies within ``pane``'s left and right edges."""
        dx = max(pane.left() + 2 - r.left(), 0.0) - max(r.right() - pane.right() + 2, 0.0)
        return r.translated(dx, 0)

    def label_rects(self) -> list[QRectF]:
        """The scene rects of the "diverged" labels as drawn."""
        return [t.sceneBoundingRect() for t in self._div_labels]

    def _spread_heads(self, heads: dict[int, np.ndarray]) -> dict[int, tuple[list, list]]:
        """Current points ``heads`` (group -> (k, 2)) of single runs that would cover
        one another on screen are moved apart (in place), each tied to its true place by
        a thin leader line: group -> the leader's x and y."""
        pb, vb = self.playback, self.plot.getPlotItem().vb
        groups = [g for g, idx in enumerate(pb.groups)
                  if len(idx) == 1 and g not in self.hidden and len(heads[g]) == 1]
        if len(groups) < 2 or vb.width() <= 0:
            return {}
        groups.sort(key=lambda g: g != self.selected)     # the selected run keeps its place
        true = np.concatenate([heads[g] for g in groups])
        t = vb.childGroup.sceneTransform()
        px = np.column_stack(_mapped(t, true[:, 0], true[:, 1]))
        moved = spread_markers(px, HEAD_SIZE + 5)
        shift = np.flatnonzero(~np.isclose(px, moved).all(axis=1))
        inv, _ = t.inverted()                   # scene -> data, all moved points at once
        qx, qy = _mapped(inv, moved[shift, 0], moved[shift, 1])
        leaders = {}
        for n, x, y in zip(shift, qx.tolist(), qy.tolist(), strict=True):
            p, g = true[n], groups[n]
            heads[g] = np.array([[x, y]])
            leaders[g] = ([p[0], x], [p[1], y])
        return leaders

    def head_rects(self) -> dict[int, QRectF]:
        """The scene rectangles of the current-point markers of single runs, by group."""
        vb = self.plot.getPlotItem().vb
        out = {}
        for g, items in enumerate(self._run_items):
            head = items["head"]
            if len(head.data) != 1 or not head.isVisible():
                continue
            c = vb.mapViewToScene(QPointF(float(head.data["x"][0]), float(head.data["y"][0])))
            s = float(head.data["size"][0])
            out[g] = QRectF(c.x() - s / 2, c.y() - s / 2, s, s)
        return out

    def clip(self, w: np.ndarray, margin: float = 1.0) -> np.ndarray:
        """Points far outside the window are drawn at a margin around it: Qt cannot
        paint coordinates like 1e200 (NaN, marking an ended run, stays NaN)."""
        (x0, x1), (y0, y1) = self.surface.bounds
        dx, dy = (x1 - x0) * margin, (y1 - y0) * margin
        lo, hi = np.array([x0 - dx, y0 - dy]), np.array([x1 + dx, y1 + dy])
        return np.clip(w, lo, hi)

    # -- mouse ---------------------------------------------------------------------
    def _data_point(self, pos: QPointF) -> tuple[float, float] | None:
        vb = self.plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(pos):
            return None
        p = vb.mapSceneToView(pos)
        return float(p.x()), float(p.y())

    def readout_at(self, x: float, y: float) -> str:
        s = self.surface
        with np.errstate(all="ignore"):
            loss, gx, gy = s.loss_and_grad(np.array([x]), np.array([y]))
        px, py = s.params
        return (f"{px} = {x:+.4g}   {py} = {y:+.4g}   {self.tr('loss')} = "
                f"{format_value(float(loss[0]))}   "
                f"∇ = ({format_value(float(gx[0]))}, {format_value(float(gy[0]))})")

    def _on_move(self, pos: QPointF) -> None:
        if self.surface is None:
            return
        p = self._data_point(pos)
        if p is not None:
            self.readout.setText(self.readout_at(*p))

    def _on_click(self, ev) -> None:
        if self.surface is None or ev.button() != Qt.MouseButton.LeftButton or ev.double():
            return
        p = self._data_point(ev.scenePos())
        if p is None:
            return
        shift = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        ev.accept()
        g = None if shift else self.run_at(ev.scenePos())
        if g is not None:
            self.runPicked.emit(g)
        else:
            self.startPicked.emit(p[0], p[1], shift)

    def run_at(self, pos: QPointF) -> int | None:
        """The run group whose drawn path or marker passes within PICK_PX pixels of the
        scene point ``pos`` (the nearest one; the selected run wins a tie), or None."""
        vb = self.plot.getPlotItem().vb
        best, best_d = None, float(PICK_PX)
        for g, items in enumerate(self._run_items):
            if g in self.hidden:
                continue
            pts = [np.column_stack(items["line"].getData())]
            for key in ("start", "head"):
                d = items[key].data
                if len(d):
                    pts.append(np.column_stack([d["x"], d["y"]]))
            pts = np.concatenate(pts)
            pts = pts[np.isfinite(pts).all(axis=1)]
            if not len(pts):
                continue
            d = _segment_distance(pts, vb, pos)
            if d < best_d or (d <= best_d and g == self.selected):
                best, best_d = g, d
        return best

    # -- analysis overlays (critical points, basins, batch contours, extra paths) ------
    def _analysis_items(self) -> dict:
        items = self.__dict__.setdefault("analysis_items", {})
        if "legend" not in items:
            legend = pg.LegendItem(offset=(10, -10), labelTextSize="11pt",
                                   labelTextColor="#f0f0f5", brush=pg.mkBrush(0, 0, 0, 160))
            legend.setParentItem(self.plot.getPlotItem().vb)
            legend.setVisible(False)        # an empty legend is a stray dark box
            items["legend"] = legend
        return items

    def clear_overlay(self, name: str) -> None:
        items = self._analysis_items()
        for item in items.pop(name, []):
            self.plot.removeItem(item)
        legend = items["legend"]
        for sample, _label in list(legend.items):
            if getattr(sample.item, "analysis_group", None) == name:
                legend.removeItem(sample.item)
        legend.setVisible(bool(legend.items))

    def _add_overlay(self, name: str, item, z: float) -> None:
        item.setZValue(z)
        self.plot.addItem(item)
        self._analysis_items().setdefault(name, []).append(item)

    def _legend_entry(self, name: str, label: str, symbol: str, color, pen="w") -> None:
        sample = pg.ScatterPlotItem(symbol=symbol, size=14, pen=pg.mkPen(pen, width=1),
                                    brush=pg.mkBrush(color))
        sample.analysis_group = name
        legend = self._analysis_items()["legend"]
        legend.addItem(sample, label)
        legend.setVisible(True)

    def clear_analysis(self) -> None:
        """Remove every analysis overlay."""
        for name in [k for k in self._analysis_items() if k != "legend"]:
            self.clear_overlay(name)

    def set_critical_points(self, points, styles: dict) -> None:
        """Markers per kind (``styles[kind] = (symbol, colour)``); hover shows value and
        Hessian eigenvalues; points is a list of ``CriticalPoint``."""
        self.clear_overlay("critical")
        for kind, (symbol, color) in styles.items():
            pts = [p for p in points if p.kind == kind]
            if not pts:
                continue
            tips = [self.tr("%1 at (%2, %3)\nloss = %4\nHessian eigenvalues = %5, %6")
                    .replace("%1", kind_name(p.kind))
                    .replace("%2", f"{p.point[0]:.4g}").replace("%3", f"{p.point[1]:.4g}")
                    .replace("%4", format_value(p.value))
                    .replace("%5", f"{p.eigenvalues[0]:.4g}")
                    .replace("%6", f"{p.eigenvalues[1]:.4g}")
                    for p in pts]
            item = pg.ScatterPlotItem(pos=np.array([p.point for p in pts], dtype=float),
                                      data=tips, symbol=symbol, size=16,
                                      pen=pg.mkPen("k", width=1.5), brush=pg.mkBrush(color),
                                      hoverable=True, hoverSize=20,
                                      tip=lambda x, y, data: data)
            item.kind = kind
            self._add_overlay("critical", item, 15)
            self._legend_entry("critical", f"{kind_name(kind)} ({len(pts)})", symbol, color, "k")
            if len(points) <= 4:
                for p in pts:
                    t = pg.TextItem(f"{kind_name(kind)}\nλ = {p.eigenvalues[0]:.3g}, "
                                    f"{p.eigenvalues[1]:.3g}", color=color, anchor=(0, 1),
                                    fill=pg.mkBrush(0, 0, 0, 150))
                    t.setFont(QFont("DejaVu Sans", 11))
                    t.setPos(*p.point)
                    self._add_overlay("critical", t, 16)

    def critical_items(self) -> list:
        return [i for i in self._analysis_items().get("critical", [])
                if isinstance(i, pg.ScatterPlotItem)]

    def set_basin_image(self, rgba: np.ndarray, xs: np.ndarray, ys: np.ndarray,
                        legend: list[tuple[str, object]]) -> None:
        """An (n, n, 4) uint8 image, ``rgba[i, j]`` at ``(xs[i], ys[j])``, over the heat map."""
        self.clear_overlay("basins")
        img = pg.ImageItem(rgba, axisOrder="col-major")
        dx, dy = (xs[-1] - xs[0]) / (len(xs) - 1), (ys[-1] - ys[0]) / (len(ys) - 1)
        img.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx,
                           ys[-1] - ys[0] + dy))
        self._add_overlay("basins", img, -7)
        for label, color in legend:
            self._legend_entry("basins", label, "s", color)

    def basin_image(self):
        items = self._analysis_items().get("basins", [])
        return items[0] if items else None

    def set_batch_contours(self, Z: np.ndarray) -> None:
        """Isolines of a batch loss ``Z`` (ij grid over the window) at the pane's levels."""
        self.clear_overlay("batch")
        if self.zmap is None:
            return
        (x0, x1), (y0, y1) = self.surface.bounds
        n, m = Z.shape
        to_data = QTransform()
        to_data.translate(x0, y0)
        to_data.scale((x1 - x0) / (n - 1), (y1 - y0) / (m - 1))
        u = self.zmap.norm(Z)
        pen = pg.mkPen("#F0E442", width=1.5, style=Qt.PenStyle.DashLine)
        for k in range(N_LEVELS):
            iso = Isoline(data=u, level=(k + 0.5) / N_LEVELS, pen=pen)
            iso.setTransform(to_data)
            self._add_overlay("batch", iso, -4)
        self._legend_entry("batch", self.tr("current batch loss"), "s", "#F0E442")

    def set_overlay_paths(self, name: str, paths: list[np.ndarray], colors: list,
                          legend: list[tuple[str, object]] = (), width: float = 2.0,
                          ends: bool = False) -> None:
        """Extra polylines (each (k, 2)); ``ends`` marks the first and last points."""
        self.clear_overlay(name)
        for path, color in zip(paths, colors, strict=True):
            p = self.clip(np.asarray(path, dtype=float))
            p = p[np.isfinite(p).all(axis=1)]
            line = pg.PlotDataItem(p[:, 0], p[:, 1], pen=pg.mkPen(color, width=width))
            self._add_overlay(name, line, 8)
            if ends and len(p):
                for pt, sym in ((p[0], "o"), (p[-1], "star")):
                    dot = pg.ScatterPlotItem(pos=pt[None], symbol=sym, size=16,
                                             pen=pg.mkPen("k"), brush=pg.mkBrush(color))
                    self._add_overlay(name, dot, 9)
        for label, color in legend:
            self._legend_entry(name, label, "s", color)

    def overlay(self, name: str) -> list:
        return list(self._analysis_items().get(name, []))
