"""The 3D view: the loss surface, each run lifted onto it, its shadow on the floor.

Data are mapped into a box: parameters to [-1, 1] x [-1, 1], the loss (through the
display map, log-spaced where the range is wide) to [0, HEIGHT]. Only finite numbers
are handed to GL items.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from OpenGL import GL
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from pyqtgraph.opengl.MeshData import MeshData
from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QMatrix4x4, QPainter, QPen, QVector3D
from PySide6.QtOpenGL import QOpenGLFramebufferObject, QOpenGLFramebufferObjectFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from gdstudio.gui.display import SWARM, ZMap, format_value, rows_to_draw, swarm_line
from gdstudio.gui.palette import (
    DIMMED_ALPHA,
    DIVERGED,
    SELECTED_WIDTH,
    SWA,
    group_color,
    group_symbol,
    rgba,
)
from gdstudio.gui.step_marks import (
    ARROW_COLORS,
    STEP_ZOOM_3D,
    curvature_marks,
    mark_labels,
    paint_arrow,
    step_arrows,
    swa_points,
)

HEIGHT = 0.8
FLOOR = -0.35
LIFT = 0.012
EDGE = 1.1
BACKGROUND = "#16161d"
MAX_SEGMENTS = 40_000
MAX_SHAPES = 64       # more starts than this (a swarm): plain GL points, no shapes
COARSE_N = 100        # the surface's grid while the camera moves
SETTLE_MS = 180       # the camera has stopped: draw the full surface again


_SHADER = None


def on_top() -> dict:
    """GL state for what must stay visible through the surface (current points)."""
    return {GL.GL_DEPTH_TEST: False, GL.GL_BLEND: True,
            "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA)}


def soft_shader():
    """Per-vertex colours with gentle lighting: the colormap stays readable everywhere."""
    global _SHADER
    if _SHADER is None:
        from pyqtgraph.opengl import shaders

        _SHADER = shaders.ShaderProgram("gdstudio_soft", [
            shaders.VertexShader("""
                uniform mat4 u_mvp;
                uniform mat3 u_normal;
                attribute vec4 a_position;
                attribute vec3 a_normal;
                attribute vec4 a_color;
                varying vec4 v_color;
                varying vec3 v_normal;
                void main() {
                    v_normal = normalize(u_normal * a_normal);
                    v_color = a_color;
                    gl_Position = u_mvp * a_position;
                }
            """),
            shaders.FragmentShader("""
                #ifdef GL_ES
                precision mediump float;
                #endif
                varying vec4 v_color;
                varying vec3 v_normal;
                void main() {
                    float p = abs(dot(normalize(v_normal), normalize(vec3(0.3, 0.5, 1.0))));
                    gl_FragColor = vec4(v_color.rgb * (0.55 + 0.45 * p), v_color.a);
                }
            """),
        ])
    return _SHADER


@dataclass
class Label:
    pos: tuple[float, float, float]
    text: str
    color: QColor
    font: QFont
    normal: tuple[QFont, QColor] | None = None    # font and colour outside presenter mode


class OverlayItem(GLGraphicsItem):
    """Painted over the GL frame with one QPainter, at points projected from the box:
    ``draw(painter, project)`` is given the painter and the box -> pixel projection."""

    RENDER_HINTS = QPainter.RenderHint.Antialiasing

    def __init__(self):
        super().__init__()
        self.setGLOptions("additive")

    def empty(self) -> bool:
        raise NotImplementedError

    def draw(self, painter: QPainter, project: QMatrix4x4) -> None:
        raise NotImplementedError

    def paint(self) -> None:
        if self.empty():
            return
        self.setupGLState()
        rect = QRectF(self.view().rect())
        to_viewport = QMatrix4x4()
        to_viewport.viewport(rect.left(), rect.bottom(), rect.width(), -rect.height())
        painter = QPainter(self.view())
        painter.setRenderHints(self.RENDER_HINTS)
        try:
            self.draw(painter, to_viewport * self.mvpMatrix())
        finally:
            painter.end()


class LabelsItem(OverlayItem):
    """Every text label of the view painted with one QPainter (a GLTextItem each costs a
    QPainter per frame)."""

    RENDER_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing

    def __init__(self):
        super().__init__()
        self.labels: list[Label] = []

    def empty(self) -> bool:
        return not any(lab.text for lab in self.labels)

    def draw(self, painter: QPainter, project: QMatrix4x4) -> None:
        for lab in self.labels:
            if lab.text:
                painter.setPen(lab.color)
                painter.setFont(lab.font)
                painter.drawText(project.map(QVector3D(*lab.pos)).toPointF(), lab.text)


@dataclass
class Markers:
    pos: np.ndarray               # (n, 3) box coordinates
    symbol: str                   # a pyqtgraph symbol name (palette.SYMBOLS)
    size: float                   # pixels
    pen: QColor
    brush: QColor | None


class MarkersItem(OverlayItem):
    """Each run's start and current point in its own shape (the contour pane's), painted
    over the GL frame: GL points are round, and a run must be told apart by shape as
    well as by colour."""

    def __init__(self):
        super().__init__()
        self.markers: list[Markers] = []

    def empty(self) -> bool:
        return not any(len(m.pos) for m in self.markers)

    def draw(self, painter: QPainter, project: QMatrix4x4) -> None:
        from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols

        for m in self.markers:
            path = Symbols.get(m.symbol, Symbols["o"])
            pen = QPen(m.pen)
            pen.setWidthF(1.5 / m.size)       # the path is drawn in symbol units
            painter.setPen(pen)
            painter.setBrush(m.brush if m.brush is not None else Qt.BrushStyle.NoBrush)
            for p in m.pos:
                at = project.map(QVector3D(float(p[0]), float(p[1]), float(p[2]))).toPointF()
                painter.save()
                painter.translate(at)
                painter.scale(m.size, m.size)
                painter.drawPath(path)
                painter.restore()


class ArrowsOverlay(OverlayItem):
    """The step arrows, ``(start, end, kind)`` in box coordinates, painted over the GL
    frame with heads of a fixed size in pixels."""

    def __init__(self):
        super().__init__()
        self.arrows: list[tuple[np.ndarray, np.ndarray, str]] = []

    def empty(self) -> bool:
        return not self.arrows

    def draw(self, painter: QPainter, project: QMatrix4x4) -> None:
        for a, b, kind, *label in self.arrows:
            paint_arrow(painter, project.map(QVector3D(*(float(v) for v in a))).toPointF(),
                        project.map(QVector3D(*(float(v) for v in b))).toPointF(), kind, *label)


def mesh_axes(bounds, n: int, points) -> tuple[np.ndarray, np.ndarray]:
    """The mesh's x and y grid lines: ``n`` evenly spaced ones, plus lines through each
    of ``points`` (the known minima) and a quarter cell either side, so that a narrow
    well's bottom is a vertex of the mesh and a run resting in it sits on the surface."""
    out = []
    for axis, (lo, hi) in enumerate(bounds):
        even = np.linspace(lo, hi, n)
        h = (hi - lo) / max(n - 1, 1)
        extra = np.array([p[axis] + k * h / 4 for p in points for k in (-1, 0, 1)])
        extra = extra[(extra > lo) & (extra < hi)] if extra.size else extra
        if extra.size:
            gap = np.abs(extra[:, None] - even[None, :]).min(axis=1)
            extra = extra[gap > h / 8]          # no sliver cells next to an even line
        lines = np.unique(np.concatenate([even, extra]))
        out.append(lines[np.r_[True, np.diff(lines) > h / 8]])
    return out[0], out[1]


def grid_faces(nx: int, ny: int) -> np.ndarray:
    """Two triangles per cell of an (nx, ny) vertex grid (row-major), as (m, 3) indices."""
    idx = np.arange(nx * ny, dtype=np.uint32).reshape(nx, ny)
    a, b = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel()
    c, d = idx[1:, :-1].ravel(), idx[1:, 1:].ravel()
    return np.concatenate([np.column_stack([a, b, c]), np.column_stack([c, b, d])])


class GridMeshData(MeshData):
    """MeshData whose vertex normals are given."""

    def __init__(self, vertexes, faces, colors, normals):
        super().__init__(vertexes=vertexes, faces=faces, vertexColors=colors)
        self.normals = normals

    def vertexNormals(self, indexed=None):
        return self.normals if indexed is None else self.normals[self.faces()]


class HeightfieldItem(gl.GLMeshItem):
    """The surface as one indexed mesh: vertices, normals and colours are uploaded once
    per surface (normals from numpy gradients, not pyqtgraph's per-vertex loop)."""

    def __init__(self, **kwds):
        super().__init__(**kwds)
        self.uploads = 0
        self.pos: np.ndarray | None = None
        self.color: np.ndarray | None = None

    def set_grid(self, x: np.ndarray, y: np.ndarray, z: np.ndarray,
                 colors: np.ndarray) -> None:
        """Heights ``z`` of shape (len(x), len(y)); ``colors`` one RGBA per vertex."""
        nx, ny = z.shape
        X, Y = np.meshgrid(x, y, indexing="ij")
        self.pos = np.column_stack([X.ravel(), Y.ravel(), z.ravel()]).astype(np.float32)
        dzdx = np.gradient(z, x, axis=0) if nx > 1 else np.zeros_like(z)
        dzdy = np.gradient(z, y, axis=1) if ny > 1 else np.zeros_like(z)
        n = np.stack([-dzdx, -dzdy, np.ones_like(z)], axis=-1).reshape(-1, 3)
        n /= np.linalg.norm(n, axis=1, keepdims=True)
        self.color = np.ascontiguousarray(colors, dtype=np.float32)
        self.setMeshData(meshdata=GridMeshData(self.pos, grid_faces(nx, ny), self.color,
                                               n.astype(np.float32)))

    def upload_vertex_buffers(self, dirty_bits) -> None:
        self.uploads += 1
        super().upload_vertex_buffers(dirty_bits)


class CachedGLView(gl.GLViewWidget):
    """A GLViewWidget whose still layer (the surface and the floor grid) is drawn once
    into an offscreen framebuffer and copied, colour and depth, under each frame: a
    frame costs the runs, not the surface, until the camera, size or surface changes.
    While the camera moves a coarse surface is drawn at half resolution; the full one
    once the camera has stopped for SETTLE_MS."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.still_full: list = []
        self.still_coarse: list = []
        self.still_renders = 0
        self.still_drawn: list = []
        self.coarse = False
        self._exact = False
        self._fbos: dict[bool, QOpenGLFramebufferObject] = {}
        self._key = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)

    def set_still(self, full: list, coarse: list) -> None:
        """The items of the still layer: ``full`` at rest, ``coarse`` while orbiting."""
        for item in {id(i): i for i in full + coarse}.values():
            item._setView(self)
            if self.isValid() and not item.isInitialized():
                self.makeCurrent()
                item.initialize()
                self.doneCurrent()
        self.still_full, self.still_coarse = full, coarse
        self.invalidate_still()

    def invalidate_still(self) -> None:
        self._key = None
        self.update()

    def grabFramebuffer(self):
        """Pictures (screenshots, exported frames) are always taken at full detail."""
        self._exact = True
        try:
            return super().grabFramebuffer()
        finally:
            self._exact = False

    def setBackgroundColor(self, *args, **kwds) -> None:
        super().setBackgroundColor(*args, **kwds)
        self.invalidate_still()

    def initializeGL(self) -> None:
        super().initializeGL()
        self._fbos = {}           # a new context (the widget moved to another window)
        self._key = None
        for item in self.still_full + self.still_coarse:
            if not item.isInitialized():
                item.initialize()

    def _camera(self) -> tuple:
        o = self.opts
        c = o["center"]
        return (c.x(), c.y(), c.z(), o["distance"], o["fov"], o.get("elevation"),
                o.get("azimuth"), str(o.get("rotation")))

    def _settled(self) -> None:
        self.coarse = False
        self.invalidate_still()

    def _target(self, w: int, h: int) -> QOpenGLFramebufferObject:
        """The offscreen buffer of the still layer: full size at rest, half size (a
        quarter of the pixels to shade) while the camera moves."""
        if self.coarse:
            w, h = max(1, w // 2), max(1, h // 2)
        fbo = self._fbos.get(self.coarse)
        if fbo is None or (fbo.width(), fbo.height()) != (w, h):
            fmt = QOpenGLFramebufferObjectFormat()
            fmt.setAttachment(QOpenGLFramebufferObject.Attachment.CombinedDepthStencil)
            fmt.setSamples(max(0, self.format().samples()))   # blits need equal samples
            fbo = self._fbos[self.coarse] = QOpenGLFramebufferObject(w, h, fmt)
            self._key = None
        return fbo

    def paintGL(self) -> None:
        region = self.getViewport()
        self.setProjection(region, region)
        self.setModelview()
        w, h = self.deviceWidth(), self.deviceHeight()
        camera = (self._camera(), w, h)
        if self._exact and self.coarse:
            self.coarse, self._key = False, None
        elif self._key is not None and self._key != camera and not self._exact:
            self.coarse = bool(self.still_coarse)
            self._settle.start()
        fbo = self._target(w, h)
        if self._key != camera:
            self._draw_still(fbo)
            self._key = camera
        src, dst = QRect(0, 0, fbo.width(), fbo.height()), QRect(0, 0, w, h)
        if src == dst:
            QOpenGLFramebufferObject.blitFramebuffer(
                None, dst, fbo, src, GL.GL_COLOR_BUFFER_BIT | GL.GL_DEPTH_BUFFER_BIT,
                GL.GL_NEAREST)
        else:
            QOpenGLFramebufferObject.blitFramebuffer(None, dst, fbo, src,
                                                     GL.GL_COLOR_BUFFER_BIT, GL.GL_LINEAR)
            QOpenGLFramebufferObject.blitFramebuffer(None, dst, fbo, src,
                                                     GL.GL_DEPTH_BUFFER_BIT, GL.GL_NEAREST)
        self.drawItemTree()

    def _draw_still(self, fbo: QOpenGLFramebufferObject) -> None:
        fbo.bind()
        GL.glViewport(0, 0, fbo.width(), fbo.height())
        GL.glClearColor(*self.opts["bgcolor"])
        GL.glClear(GL.GL_DEPTH_BUFFER_BIT | GL.GL_COLOR_BUFFER_BIT)
        items = self.still_coarse if self.coarse else self.still_full
        self.still_drawn = items
        try:
            for item in sorted(items, key=lambda i: i.depthValue()):
                if item.visible():
                    if self.default_vao.isCreated():
                        self.default_vao.bind()
                    item.paint()
        finally:
            fbo.release()
            GL.glViewport(0, 0, self.deviceWidth(), self.deviceHeight())
        self.still_renders += 1


def coarse_index(n: int) -> np.ndarray:
    """At most about COARSE_N evenly spread indices of 0..n-1, both ends included."""
    return np.unique(np.linspace(0, n - 1, min(n, COARSE_N)).round().astype(np.intp))


def nice_ticks(lo: float, hi: float, n: int = 5) -> np.ndarray:
    span = hi - lo
    if not span > 0:
        return np.array([lo])
    raw = span / n
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=raw)
    first = np.ceil(lo / step) * step
    return np.arange(first, hi + step * 1e-9, step)


def segments(pts: np.ndarray, with_owner: bool = False):
    """(n, k, d) polylines -> (2m, d) endpoints of their finite segments (GL 'lines');
    with ``with_owner`` also the polyline index of each endpoint."""
    if pts.shape[1] < 2:
        out = np.zeros((0, pts.shape[2]), dtype=np.float32)
        return (out, np.zeros(0, dtype=np.intp)) if with_owner else out
    a, b = pts[:, :-1], pts[:, 1:]
    ok = np.isfinite(a).all(axis=2) & np.isfinite(b).all(axis=2)
    out = np.empty((int(ok.sum()) * 2, pts.shape[2]), dtype=np.float32)
    out[0::2] = a[ok]
    out[1::2] = b[ok]
    if not with_owner:
        return out
    owner = np.repeat(np.nonzero(ok)[0], 2)
    return out, owner


class SurfaceView(QWidget):
    """3D GLViewWidget of the surface; redraws from the playback on each frame."""

    def __init__(self, playback, parent: QWidget | None = None, grid_n: int = 160):
        super().__init__(parent)
        self.playback = playback
        self.grid_n = grid_n
        self.surface = None
        self.zmap: ZMap | None = None
        self.bounds = ((-1.0, 1.0), (-1.0, 1.0))
        self.hidden: set[int] = set()
        self.selected: int | None = None

        self.view = CachedGLView(self)
        self.view.setBackgroundColor(BACKGROUND)
        self.view.setMinimumSize(320, 240)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)

        bar = QHBoxLayout(self.view)
        bar.setContentsMargins(8, 8, 8, 8)
        self.note = QLabel("", self.view)
        self.note.setObjectName("surfaceNote")
        self.note.setStyleSheet("QLabel { color: #ffd166; background: rgba(0,0,0,150); "
                                "padding: 4px 8px; border-radius: 4px; font-size: 13pt; }")
        self.note.setWordWrap(True)
        self.note.hide()
        self.legend = QLabel("", self.view)
        self.legend.setObjectName("surfaceLegend")
        self.legend.setStyleSheet("QLabel { color: #f0f0f5; background: rgba(0,0,0,150); "
                                  "padding: 4px 8px; border-radius: 4px; font-size: 12pt; }")
        self.legend.hide()
        self.reset_button = QToolButton(self.view)
        self.reset_button.setText(self.tr("Reset view"))
        self.reset_button.setToolTip(self.tr("Put the camera back where it started (Home)"))
        self.reset_button.clicked.connect(self.reset_camera)
        left = QVBoxLayout()
        left.addWidget(self.note, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.legend, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)
        bar.addLayout(left)
        bar.addStretch(1)
        bar.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)

        self.mesh: HeightfieldItem | None = None
        self.coarse_mesh: HeightfieldItem | None = None
        self._static: list = []
        self._items: dict = {}
        self._labels: list = []
        self._colors: list[np.ndarray] = []
        self._drawn = (np.zeros(0, np.intp), np.zeros((0, 3), np.float32),
                       np.zeros(0, np.intp))
        self._run_colors = np.zeros((0, 4), dtype=np.float32)
        self.drops = gl.GLLinePlotItem(mode="lines", width=1.5, antialias=False,
                                       color=(1, 1, 1, 0.55), glOptions="translucent")
        self.drops.setData(pos=np.zeros((0, 3), dtype=np.float32))
        self.view.addItem(self.drops)
        self.axis_labels = LabelsItem()
        self.run_labels = LabelsItem()
        self.markers = MarkersItem()
        self.show_arrows = self.show_swa = False
        self.step_states = None         # the optimizer state behind the marks (step_panel)
        self.swa_markers = MarkersItem()
        self.arrows = ArrowsOverlay()
        for item in (self.swa_markers, self.arrows):
            item.setDepthValue(10)          # over the runs' GL paths and points
        self.step_dots = gl.GLScatterPlotItem(size=8, pxMode=True, glOptions=on_top())
        self.step_dots.setData(pos=np.zeros((0, 3), dtype=np.float32))
        self.view.addItem(self.step_dots)
        self.view.addItem(self.axis_labels)
        self.view.addItem(self.markers)
        self.view.addItem(self.arrows)
        self.view.addItem(self.swa_markers)
        self.view.addItem(self.run_labels)
        self.reset_camera()
        playback.reset.connect(self.rebuild_runs)
        playback.frame.connect(self._on_frame)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_shown", False):
            self._shown = True
            self.reset_camera()

    # -- coordinates ---------------------------------------------------------------
    def box_xy(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        (x0, x1), (y0, y1) = self.bounds
        return ((np.asarray(x) - x0) / (x1 - x0) * 2 - 1,
                (np.asarray(y) - y0) / (y1 - y0) * 2 - 1)

    def height(self, loss) -> np.ndarray:
        return self.zmap.norm(loss) * HEIGHT

    def box_points(self, w: np.ndarray, loss: np.ndarray) -> np.ndarray:
        """Run rows (..., 2) and their losses -> box coordinates (..., 3), as drawn.

        A point outside the plotted window is drawn at the box's edge (huge but finite
        values would overflow float32 on their way to GL)."""
        bx, by = self.box_xy(w[..., 0], w[..., 1])
        bx, by = np.clip(bx, -EDGE, EDGE), np.clip(by, -EDGE, EDGE)
        with np.errstate(invalid="ignore"):
            bz = np.where(np.isfinite(loss),
                          np.fmax(self.height(loss), self.mesh_height(bx, by)) + LIFT, np.nan)
        return np.stack([bx, by, bz], axis=-1)

    def mesh_height(self, bx: np.ndarray, by: np.ndarray) -> np.ndarray:
        """The height of the drawn mesh at box points: the higher of the two ways a grid
        cell can be cut into triangles. Between its vertices the mesh can stand well above
        the true loss (a narrow valley such as Rosenbrock's), so a path drawn at the true
        loss would dip under it; paths are drawn at no less than this."""
        gx, gy, z = self._grid
        bx, by = np.asarray(bx, dtype=float), np.asarray(by, dtype=float)
        i = np.clip(np.searchsorted(gx, bx) - 1, 0, len(gx) - 2)
        j = np.clip(np.searchsorted(gy, by) - 1, 0, len(gy) - 2)
        u = np.clip((bx - gx[i]) / (gx[i + 1] - gx[i]), 0.0, 1.0)
        v = np.clip((by - gy[j]) / (gy[j + 1] - gy[j]), 0.0, 1.0)
        z00, z10, z01, z11 = z[i, j], z[i + 1, j], z[i, j + 1], z[i + 1, j + 1]
        a = np.where(u >= v, z00 + u * (z10 - z00) + v * (z11 - z10),
                     z00 + v * (z01 - z00) + u * (z11 - z01))
        b = np.where(u + v <= 1.0, z00 + u * (z10 - z00) + v * (z01 - z00),
                     z11 + (1 - u) * (z01 - z11) + (1 - v) * (z10 - z11))
        return np.fmax(a, b)

    def reset_camera(self) -> None:
        """Frame the whole box: pyqtgraph's field of view is horizontal, so a wide, short
        view needs the camera further back for the box's top and floor labels to fit."""
        w, h = max(self.view.width(), 1), max(self.view.height(), 1)
        distance = max(3.9 * max(1.0, (h / w) ** 0.5), 3.3 * w / h)
        self.view.setCameraPosition(pos=QVector3D(0, 0, 0.05), distance=distance,
                                    elevation=40, azimuth=-55)

    def present(self, text_px: int | None, background: str = BACKGROUND,
                foreground: str | None = None) -> None:
        """Presenter mode's look: axis labels ``text_px`` pixels high in ``foreground``
        over ``background`` (None: the normal look)."""
        self._present = (text_px, background, foreground)
        self.view.setBackgroundColor(background)
        self._style_labels()
        self.reset_camera()

    def _style_labels(self) -> None:
        text_px, _bg, fg = getattr(self, "_present", (None, BACKGROUND, None))
        for lab in self.axis_labels.labels:
            if lab.normal is None:
                lab.normal = (QFont(lab.font), QColor(lab.color))
            lab.font, lab.color = QFont(lab.normal[0]), QColor(lab.normal[1])
            if text_px is not None:
                lab.font.setPixelSize(round(text_px * lab.normal[0].pointSizeF() / 12))
            if fg is not None:
                lab.color = QColor(fg)
        self.view.invalidate_still()
        self.view.update()

    # -- the surface ---------------------------------------------------------------
    def set_surface(self, surface) -> None:
        self.surface = surface
        self.bounds = tuple(tuple(float(v) for v in b) for b in surface.bounds)
        xs, ys = mesh_axes(self.bounds, self.grid_n, [m.point for m in surface.minima])
        gx, gy = np.meshgrid(xs, ys, indexing="ij")
        Z = surface.loss(gx, gy)
        self.zmap = ZMap.fit(Z)
        u = self.zmap.norm(Z)
        colors = pg.colormap.get("viridis").map(u.ravel(), mode="float").astype(np.float32)
        bx, by = self.box_xy(xs, ys)
        z = (u * HEIGHT).astype(np.float32)
        self._grid = (bx, by, z.astype(np.float64))
        self.mesh = self._mesh(self.mesh, bx, by, z, colors)
        if max(len(xs), len(ys)) > COARSE_N:
            i, j = coarse_index(len(xs)), coarse_index(len(ys))
            cc = colors.reshape(len(xs), len(ys), 4)[np.ix_(i, j)].reshape(-1, 4)
            self.coarse_mesh = self._mesh(self.coarse_mesh, bx[i], by[j], z[np.ix_(i, j)], cc)
        else:
            self.coarse_mesh = None
        note = self.zmap.note()
        self.note.setText(("⚠ " + note) if note else "")
        self.note.setVisible(bool(note))
        self._build_axes()
        self.rebuild_runs()

    @staticmethod
    def _mesh(mesh, bx, by, z, colors) -> HeightfieldItem:
        if mesh is None:
            mesh = HeightfieldItem(shader=soft_shader(), computeNormals=True, smooth=True,
                                   glOptions="opaque")
        mesh.set_grid(bx, by, z, colors)
        return mesh

    def _build_axes(self) -> None:
        self._static = []
        s = self.surface
        (x0, x1), (y0, y1) = self.bounds
        px, py = s.params
        font = QFont("DejaVu Sans", 12)
        big = QFont("DejaVu Sans", 15, QFont.Weight.Bold)
        grey = QColor(200, 200, 210)
        lines = []
        for t in nice_ticks(x0, x1):
            bx, _ = self.box_xy(t, y0)
            lines += [(bx, -1, FLOOR), (bx, 1, FLOOR)]
            self._static.append(Label(pos=(bx, -1.12, FLOOR), text=f"{t:g}",
                                              font=font, color=grey))
        for t in nice_ticks(y0, y1):
            _, by = self.box_xy(x0, t)
            lines += [(-1, by, FLOOR), (1, by, FLOOR)]
            self._static.append(Label(pos=(1.06, by, FLOOR), text=f"{t:g}",
                                              font=font, color=grey))
        frame = [(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)]
        for (a, b), (c, d) in zip(frame[:-1], frame[1:], strict=True):
            lines += [(a, b, FLOOR), (c, d, FLOOR)]
        lines += [(-1, 1, FLOOR), (-1, 1, HEIGHT)]
        for u in (0.0, 0.5, 1.0):
            lines += [(-1, 1, u * HEIGHT), (-0.96, 1, u * HEIGHT)]
        grid = gl.GLLinePlotItem(pos=np.array(lines, dtype=np.float32), mode="lines",
                                 color=(0.7, 0.7, 0.78, 0.35), width=1, antialias=False,
                                 glOptions="translucent")
        self._static.append(grid)
        self._static.append(Label(pos=(0.0, -1.35, FLOOR), text=px, font=big,
                                          color=QColor("white")))
        self._static.append(Label(pos=(1.3, 0.0, FLOOR), text=py, font=big,
                                          color=QColor("white")))
        zl = self.zmap
        label = self.tr("loss (log)") if zl.log else self.tr("loss")
        self._static.append(Label(pos=(-1.05, 1.05, HEIGHT + 0.16), text=label,
                                          font=big, color=QColor("white")))
        for u in (0.0, 0.5, 1.0):
            self._static.append(Label(pos=(-1.05, 1.05, u * HEIGHT),
                                              text=format_value(float(zl.unnorm(u))),
                                              font=font, color=grey))
        self.axis_labels.labels = [i for i in self._static if isinstance(i, Label)]
        self._style_labels()
        self._static = [i for i in self._static if not isinstance(i, Label)]
        self.view.set_still([self.mesh, *self._static],
                            [self.coarse_mesh or self.mesh, *self._static])

    # -- the runs ------------------------------------------------------------------
    def rebuild_runs(self) -> None:
        """One GL item per kind of mark for all runs (per-vertex colours): a frame costs
        the same few draw calls however many runs there are."""
        if not self._items:
            self._items = {
                "shadow": gl.GLLinePlotItem(mode="lines", width=2, antialias=False,
                                            glOptions="translucent"),
                "path": gl.GLLinePlotItem(mode="lines", width=3, antialias=False,
                                          glOptions="opaque"),
                "selected": gl.GLLinePlotItem(mode="lines", width=3 * SELECTED_WIDTH,
                                              antialias=False, glOptions="opaque"),
                "ghost": gl.GLLinePlotItem(mode="lines", width=1.5, antialias=False,
                                           glOptions=on_top()),
                "start": gl.GLScatterPlotItem(size=9, pxMode=True, glOptions="opaque"),
                "head": gl.GLScatterPlotItem(size=15, pxMode=True, glOptions=on_top()),
            }
            for item in self._items.values():
                item.setData(pos=np.zeros((0, 3), dtype=np.float32))
                self.view.addItem(item)
        self._labels = []
        self.run_labels.labels = self._labels
        self._colors = []
        self._drawn = (np.zeros(0, np.intp), np.zeros((0, 3), np.float32),
                       np.zeros(0, np.intp))
        pb = self.playback
        if self.zmap is None or pb.scene is None:
            return
        font = QFont("DejaVu Sans", 13, QFont.Weight.Bold)
        for g, spec in enumerate(pb.scene.runs):
            self._colors.append(np.array(rgba(group_color(g, spec.color)), dtype=np.float32))
            self._labels.append(Label((0.0, 0.0, 0.0), "", QColor(DIVERGED), font))
        self._run_colors = np.array([self._colors[info.group] for info in pb.runs],
                                    dtype=np.float32).reshape(-1, 4)
        self.redraw()

    def set_hidden(self, hidden: set[int]) -> None:
        """Leave out the run groups in ``hidden`` (a view setting)."""
        self.hidden = set(hidden)
        self.redraw()

    def set_selected(self, group: int | None) -> None:
        """Emphasise run group ``group`` (a wider line over the others, which darken)."""
        self.selected = group
        self.redraw()

    def _picked(self, shown: np.ndarray) -> np.ndarray | None:
        """Per shown run: whether it belongs to the selected group (None: nothing to
        emphasise, a single group or no selection)."""
        pb = self.playback
        if self.selected is None or len(pb.groups) < 2 or not len(shown):
            return None
        return np.array([pb.runs[i].group == self.selected for i in shown], dtype=bool)

    def selected_path(self) -> np.ndarray:
        """The segments of the wide line that marks the selected run."""
        return self._items["selected"].pos if self._items else np.zeros((0, 3), np.float32)

    def _on_frame(self) -> None:
        if self.playback.draws(0):
            self.redraw()

    def redraw(self) -> None:
        """Vectorised over every run at once: the cost of a frame barely grows with the
        number of runs."""
        pb = self.playback
        if self.zmap is None or not self._colors or pb.rows == 0:
            return
        c = pb.cursor
        shown = np.array([i for g, idx in enumerate(pb.groups) if g not in self.hidden
                          for i in idx], dtype=np.intp)
        _, budget = swarm_line(len(shown), 3.0, MAX_SEGMENTS)
        rows = rows_to_draw(max(len(shown), 1), c, budget)
        pts = self.box_points(pb.W[np.ix_(shown, rows)], pb.L[np.ix_(shown, rows)])
        seg, owner = segments(pts, with_owner=True)
        floor = pts.copy()
        floor[..., 2] = np.where(np.isfinite(pts[..., 2]), FLOOR, np.nan)
        shadow, shadow_owner = segments(floor, with_owner=True)
        cur = np.array([pb.current(i) for i in shown], dtype=np.intp)
        heads = self.box_points(pb.W[shown, cur], pb.L[shown, cur])
        ok_heads = np.isfinite(heads).all(axis=1)
        starts = self.box_points(pb.W[shown, 0], pb.L[shown, 0])
        ok_starts = np.isfinite(starts).all(axis=1)
        colors = self._run_colors[shown] if len(shown) else np.zeros((0, 4), np.float32)
        self._drawn = (shown, seg, owner)

        items = self._items
        swarm = len(shown) > SWARM     # hundreds of paths: thin, and no see-through copy
        picked = self._picked(shown)
        drawn = colors[owner].copy()
        if picked is not None:
            drawn[~picked[owner], :3] = drawn[~picked[owner], :3] * DIMMED_ALPHA + \
                0.09 * (1 - DIMMED_ALPHA)
            chosen = picked[owner]
            items["selected"].setData(pos=seg[chosen],
                                      color=colors[owner][chosen],
                                      width=(1.5 if swarm else 3) * SELECTED_WIDTH)
        else:
            items["selected"].setData(pos=np.zeros((0, 3), np.float32))
        items["path"].setData(pos=seg, color=drawn, width=1.5 if swarm else 3)
        ghost = colors[owner].copy()
        ghost[:, 3] = 0.35
        items["ghost"].setData(pos=seg[:0] if swarm else seg, color=ghost[:0] if swarm else ghost)
        shade = colors[shadow_owner].copy()
        shade[:, :3] = 0.5 * shade[:, :3] + 0.25          # greyed: a shadow, not a path
        shade[:, 3] = 0.3
        items["shadow"].setData(pos=shadow, color=shade, width=1)
        h = heads[ok_heads].astype(np.float32)
        items["head"].setData(pos=h, color=colors[ok_heads])
        items["start"].setData(pos=starts[ok_starts].astype(np.float32),
                               color=colors[ok_starts])
        self.markers.markers = self._shapes(shown, starts, ok_starts, heads, ok_heads)
        self._draw_marks()
        if len(h) <= 16:
            drops = np.repeat(h, 2, axis=0)
            drops[1::2, 2] = FLOOR
        else:
            drops = np.zeros((0, 3), dtype=np.float32)
        self.drops.setData(pos=drops)

        for g, idx in enumerate(pb.groups):
            label = self._labels[g]
            st = pb.status(idx[0]) if len(idx) == 1 and g not in self.hidden else None
            if st is not None and st[0] == "diverged":
                i = idx[0]
                p = self.box_points(pb.W[i, pb.current(i)], pb.L[i, pb.current(i)])
                label.pos = tuple(float(v) for v in np.nan_to_num(p) + (0.04, 0, 0.05))
                label.text = (pb.runs[i].label + ": "
                              + self.tr("diverged at step %1").replace("%1", str(st[1] + 1)))
            else:
                label.text = ""

    def set_marks(self, arrows: bool | None = None, swa: bool | None = None) -> None:
        """Draw (or not) the step arrows with a dot per step, and the SWA average."""
        if arrows is not None:
            self.show_arrows = arrows
        if swa is not None:
            self.show_swa = swa
        self.redraw()
        self._draw_marks()

    def _draw_marks(self) -> None:
        """Arrows and dots of the cursor step, the SWA star, and their legend."""
        pb = self.playback
        arrows, dots, colors, legend = [], [], [], []
        if self.show_arrows and self.zmap is not None and pb.scene is not None:
            for s in step_arrows(pb, self.surface, self.hidden, self.step_states):
                arrows += self._draped(s.extra)
                a = self.box_points(s.point, pb.L[s.i, s.t])
                ends = [(s.point + s.neg_grad, "grad")]
                if s.step is not None:
                    ends.append((s.point + STEP_ZOOM_3D * s.step, "step"))
                for end, kind in ends:
                    with np.errstate(all="ignore"):
                        loss = self.surface.loss(np.array([end[0]]), np.array([end[1]]))[0]
                    arrows.append((a, self.box_points(end, np.float64(loss)), kind))
                rows = rows_to_draw(1, s.t, MAX_SEGMENTS // 20)
                pts = self.box_points(pb.W[s.i, rows], pb.L[s.i, rows])
                pts = pts[np.isfinite(pts).all(axis=1)]
                dots.append(pts)
                colors.append(np.repeat(self._colors[s.group][None], len(pts), axis=0))
            if arrows:
                legend += [f"<span style='color:{ARROW_COLORS['grad'].name()}'>━▶</span> "
                           + self.tr("−gradient (scaled)"),
                           f"<span style='color:{ARROW_COLORS['step'].name()}'>━▶</span> "
                           + self.tr("step applied (×%1)").replace("%1", f"{STEP_ZOOM_3D:g}")]
        if self.step_states is not None and self.zmap is not None and pb.scene is not None:
            arrows += self._draped(curvature_marks(self.step_states, self.surface))
        kinds = {m[2] for m in arrows}
        legend += [f"<span style='color:{ARROW_COLORS[k].name()}'>━</span> {text}"
                   for k, text in mark_labels().items() if k in kinds]
        self.arrows.arrows = arrows
        if dots:
            self.step_dots.setData(pos=np.concatenate(dots).astype(np.float32),
                                   color=np.concatenate(colors).astype(np.float32))
        else:
            self.step_dots.setData(pos=np.zeros((0, 3), dtype=np.float32))
        swa = np.array([p for g, _i, p, _n in swa_points(pb) if g not in self.hidden],
                       dtype=float).reshape(-1, 2) if self.show_swa and self.zmap is not None \
            else np.zeros((0, 2))
        self.swa_markers.markers = []
        if len(swa):
            with np.errstate(all="ignore"):
                pos = self.box_points(swa, self.surface.loss(swa[:, 0], swa[:, 1]))
            self.swa_markers.markers.append(Markers(
                pos[np.isfinite(pos).all(axis=1)].astype(np.float32), "star", 28,
                QColor("black"), QColor(SWA)))
            legend.append(f"<span style='color:{SWA}'>★</span> " + self.tr("SWA average"))
        self.legend.setText("<br>".join(legend))
        self.legend.setVisible(bool(legend))
        self.view.update()

    def _draped(self, marks: list) -> list:
        """Marks ``(a, b, kind, ...)`` given in the plane, moved onto the surface."""
        out = []
        for a, b, *rest in marks:
            ends = np.array([a, b], dtype=float)
            with np.errstate(all="ignore"):
                loss = self.surface.loss(ends[:, 0], ends[:, 1])
            p = self.box_points(ends, loss)
            if np.isfinite(p).all():
                out.append((p[0], p[1], *rest))
        return out

    def _shapes(self, shown, starts, ok_starts, heads, ok_heads) -> list[Markers]:
        """Hollow start and filled current-point shapes per run group, for up to
        MAX_SHAPES runs."""
        pb = self.playback
        if len(shown) > MAX_SHAPES or pb.scene is None:
            return []
        group = np.array([pb.runs[i].group for i in shown], dtype=np.intp)
        out = []
        for g, spec in enumerate(pb.scene.runs):
            mine = group == g
            if not mine.any():
                continue
            color, symbol = group_color(g, spec.color), group_symbol(g)
            out.append(Markers(starts[mine & ok_starts].astype(np.float32), symbol, 13,
                               color, None))
            out.append(Markers(heads[mine & ok_heads].astype(np.float32), symbol, 19,
                               QColor("white"), color))
        return out

    def drawn_path(self, g: int) -> np.ndarray:
        """The 3D path segments drawn for run group ``g`` (empty when hidden)."""
        shown, seg, owner = self._drawn
        runs = set(self.playback.groups[g])
        mask = np.isin(shown[owner], list(runs)) if len(owner) else np.zeros(0, bool)
        return seg[mask]

    def gl_arrays(self) -> list[np.ndarray]:
        """Every vertex array currently handed to GL (for the tests' finiteness check)."""
        out = []
        for item in [*self.view.items, *self.view.still_full, *self.view.still_coarse]:
            for attr in ("pos", "color", "normals", "_z", "_x", "_y"):
                v = getattr(item, attr, None)
                if isinstance(v, np.ndarray):
                    out.append(v)
        return out

    # -- the stochastic view: the current batch's loss ------------------------------
    def set_batch_loss(self, xs: np.ndarray, ys: np.ndarray, Z: np.ndarray,
                       levels) -> None:
        """Isolines of a batch's loss ``Z`` (``Z[i, j]`` at ``(xs[i], ys[j])``) at the
        losses ``levels`` (the contour pane's), each lifted to the height of its loss.
        A run-like layer over the cached surface: built once per call (once per step),
        drawn each frame; solid in front of the full surface, faint through it. Only
        finite segments inside the plotted window are handed to GL."""
        if self.zmap is None:
            self.clear_batch_loss()
            return
        u = self.zmap.norm(Z)
        lv = self.zmap.norm(np.asarray(levels, dtype=np.float64))
        ix, iy = np.arange(len(xs)), np.arange(len(ys))
        parts = [np.zeros((0, 3))]
        for level in lv[(lv > 0.0) & (lv < 1.0)]:       # off the view's z range: none
            pairs = pg.isocurve(u, float(level))
            if pairs:
                p = np.asarray(pairs, dtype=np.float64).reshape(-1, 2) - 0.5
                parts.append(np.column_stack([np.interp(p[:, 0], ix, xs),
                                              np.interp(p[:, 1], iy, ys),
                                              np.full(len(p), float(level))]))
        data = np.concatenate(parts)
        bx, by = self.box_xy(data[:, 0], data[:, 1])
        pos = np.column_stack([bx, by, data[:, 2] * HEIGHT + LIFT]).reshape(-1, 2, 3)
        ok = (np.isfinite(pos).all(axis=(1, 2))
              & (np.abs(pos[..., :2]) <= 1.0 + 1e-9).all(axis=(1, 2)))
        pos = pos[ok].reshape(-1, 3).astype(np.float32)
        if not getattr(self, "batch_items", None):
            self.batch_items = [
                gl.GLLinePlotItem(mode="lines", width=2, antialias=False,
                                  color=(0.94, 0.89, 0.26, 1.0), glOptions="opaque"),
                gl.GLLinePlotItem(mode="lines", width=1.5, antialias=False,
                                  color=(0.94, 0.89, 0.26, 0.3), glOptions=on_top()),
            ]
        for item in self.batch_items:
            item.setData(pos=pos)
            if item not in self.view.items:
                self.view.addItem(item)

    def clear_batch_loss(self) -> None:
        """Take the batch-loss isolines out of the view (stochastic view off, new surface)."""
        for item in getattr(self, "batch_items", None) or []:
            if item in self.view.items:
                self.view.removeItem(item)
            item.setData(pos=np.zeros((0, 3), dtype=np.float32))

    def batch_loss_lines(self) -> np.ndarray:
        """The (2m, 3) segment endpoints of the batch-loss isolines now drawn, or empty."""
        items = [i for i in getattr(self, "batch_items", None) or [] if i in self.view.items]
        return items[0].pos if items else np.zeros((0, 3), dtype=np.float32)
