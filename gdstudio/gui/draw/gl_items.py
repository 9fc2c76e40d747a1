"""GL items of the 3D view: overlays painted by QPainter on top of the GL scene, the
heightfield mesh, the cached view that keeps still items in a framebuffer, and small
geometry helpers for GL lines and axis ticks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from pyqtgraph.opengl.GLViewWidget import GLViewMixin
from pyqtgraph.opengl.items.GLLinePlotItem import DirtyFlag
from pyqtgraph.opengl.items.GLScatterPlotItem import DirtyFlag as DotFlag
from pyqtgraph.opengl.items.GLScatterPlotItem import _is_compatibility_profile
from pyqtgraph.opengl.MeshData import MeshData
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMatrix4x4,
    QOffscreenSurface,
    QOpenGLContext,
    QPainter,
    QPen,
    QSurfaceFormat,
    QVector3D,
)
from PySide6.QtOpenGL import (
    QOpenGLFramebufferObject,
    QOpenGLFramebufferObjectFormat,
    QOpenGLVertexArrayObject,
)
from PySide6.QtWidgets import QWidget

from gdstudio.gui.draw.geometry import spread_markers
from gdstudio.gui.draw.step_marks import (
    paint_arrow,
    painting_order,
)

MAX_SPREAD = 16       # run heads moved apart in the 3D view (a swarm's are left alone)
COARSE_N = 100        # the surface's grid while the camera moves
SETTLE_MS = 180       # the camera has stopped: draw the full surface again


_SHADER = None
POSITION, COLOR = DirtyFlag.POSITION, DirtyFlag.COLOR
DOT_POSITION, DOT_COLOR, DOT_SIZE = DotFlag.POSITION, DotFlag.COLOR, DotFlag.SIZE
UPSIDE_DOWN = QMatrix4x4(1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)


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
    lift: bool = False      # moves up (or, at the top, right) off the labels drawn before it


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
        """Handed to the view, which paints it on the finished frame (raster QPainter)."""
        if not self.empty():
            self.view().overlay(self, self.mvpMatrix())


class LabelsItem(OverlayItem):
    """Every text label of the view painted with one QPainter (a GLTextItem each costs a
    QPainter per frame)."""

    RENDER_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing

    def __init__(self):
        super().__init__()
        self.labels: list[Label] = []
        self.placed: list[tuple[Label, QRectF, QPointF]] = []     # as last drawn
        self._laid_out: tuple | None = None         # what ``placed`` was laid out for

    def empty(self) -> bool:
        return not any(lab.text for lab in self.labels)

    def draw(self, painter: QPainter, project: QMatrix4x4) -> None:
        """The labels, laid out again only when the camera, the frame's size or a
        label's text, place or font changed (the axis labels stay put while runs play)."""
        device = painter.device()
        key = (tuple(project.data()), device.width(), device.height(),
               tuple((lab.text, lab.pos, lab.font.key(), lab.lift) for lab in self.labels))
        if key != self._laid_out:
            self.placed = self.layout(project, QRectF(0, 0, device.width(), device.height()))
            self._laid_out = key
        for lab, _rect, baseline in self.placed:
            painter.setPen(lab.color)
            painter.setFont(lab.font)
            painter.drawText(baseline, lab.text)

    def layout(self, project: QMatrix4x4, view: QRectF) -> list[tuple[Label, QRectF, QPointF]]:
        """Each label with its rect and baseline point on screen: slid inside ``view``
        where it would be cut at an edge (a run's label near the side)."""
        out: list[tuple[Label, QRectF, QPointF]] = []
        for lab in self.labels:
            if not lab.text:
                continue
            at = project.map(QVector3D(*lab.pos)).toPointF()
            rect = QFontMetricsF(lab.font).boundingRect(lab.text).translated(at)
            moved = inside(rect, view)
            if lab.lift:
                moved = clear_of(moved, [r for _lab, r, _at in out])
            out.append((lab, moved, at + moved.topLeft() - rect.topLeft()))
        return out


def inside(rect: QRectF, view: QRectF) -> QRectF:
    """``rect`` slid into ``view`` (left and top edges win when it is larger)."""
    dx = min(0.0, view.right() - rect.right())
    dy = min(0.0, view.bottom() - rect.bottom())
    r = rect.translated(dx, dy)
    return r.translated(max(0.0, view.left() - r.left()), max(0.0, view.top() - r.top()))


def clear_of(rect: QRectF, others: list[QRectF], gap: float = 3.0) -> QRectF:
    """``rect`` moved up until it covers none of ``others`` (an axis title above its
    tick labels); where that would leave the top of the view, moved right of them (the
    view's top-left corner holds its legend)."""
    up = QRectF(rect)
    while True:
        hit = [r for r in others if r.intersects(up)]
        if not hit:
            return up
        up.moveBottom(min(r.top() for r in hit) - gap)
        if up.top() < 0:
            break
    hit = [r for r in others if r.intersects(rect)]
    right = QRectF(rect)
    right.moveLeft(max(r.right() for r in hit) + 2 * gap)
    return right


@dataclass
class Markers:
    pos: np.ndarray               # (n, 3) box coordinates
    symbol: str                   # a pyqtgraph symbol name (palette.SYMBOLS)
    size: float                   # pixels
    pen: QColor
    brush: QColor | None
    spread: bool = False      # moved off other spread markers it would cover (run heads)


class MarkersItem(OverlayItem):
    """Each run's start and current point in its own shape (the contour pane's), painted
    over the GL frame: GL points are round, and a run must be told apart by shape as
    well as by colour."""

    def __init__(self):
        super().__init__()
        self.markers: list[Markers] = []
        self.placed: list[tuple[Markers, QPointF, QPointF]] = []    # as last drawn

    def empty(self) -> bool:
        return not any(len(m.pos) for m in self.markers)

    def layout(self, project: QMatrix4x4) -> list[tuple[Markers, QPointF, QPointF]]:
        """Each marker with its true point and the point it is drawn at on screen:
        ``spread`` markers (up to MAX_SPREAD) that would cover one another are moved
        apart as in the contour pane, the first keeping its place."""
        out = [(m, at, at) for m in self.markers
               for at in (project.map(QVector3D(*(float(v) for v in p))).toPointF()
                          for p in m.pos)]
        spread = [k for k, (m, _t, _a) in enumerate(out) if m.spread]
        if 1 < len(spread) <= MAX_SPREAD:
            px = np.array([[out[k][1].x(), out[k][1].y()] for k in spread])
            size = max(out[k][0].size for k in spread)
            for k, q in zip(spread, spread_markers(px, size + 4), strict=True):
                out[k] = (out[k][0], out[k][1], QPointF(float(q[0]), float(q[1])))
        return out

    def draw(self, painter: QPainter, project: QMatrix4x4) -> None:
        from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols

        self.placed = self.layout(project)
        for m, true, at in self.placed:
            if at != true:          # a leader line back to where the run really is
                painter.setPen(QPen(m.brush if m.brush is not None else m.pen, 1.5))
                painter.drawLine(true, at)
        for m, _true, at in self.placed:
            path = Symbols.get(m.symbol, Symbols["o"])
            pen = QPen(m.pen)
            pen.setWidthF(1.5 / m.size)       # the path is drawn in symbol units
            painter.setPen(pen)
            painter.setBrush(m.brush if m.brush is not None else Qt.BrushStyle.NoBrush)
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
        for a, b, kind, *label in painting_order(self.arrows):
            paint_arrow(painter, project.map(QVector3D(*(float(v) for v in a))).toPointF(),
                        project.map(QVector3D(*(float(v) for v in b))).toPointF(), kind, *label)


class OwnVertexArray:
    """A pyqtgraph item's vertex buffers tied once to a vertex array object of its own,
    so a frame binds that and draws: pyqtgraph binds and points every buffer on every
    frame, ~25 calls through PyOpenGL an item, which a frame of a few items feels more
    than what they draw. Shaders, GL state and pixels stay pyqtgraph's."""

    _locations: dict[tuple[int, str], int] = {}    # (program, uniform) -> location
    _vao: QOpenGLVertexArrayObject | None = None
    _context: QOpenGLContext | None = None
    _tied: tuple | None = None

    def bind_own(self, buffers: list) -> QOpenGLContext:
        """Bind the item's VAO (made anew in a new context), its attribute ``i`` drawn
        from ``buffers[i]`` = (buffer, components), or a constant where that is None."""
        context = QOpenGLContext.currentContext()
        if self._context is not context or self._vao is None:
            self._vao = QOpenGLVertexArrayObject()
            self._vao.create()
            self._context, self._tied = context, None
        self._vao.bind()
        layout = tuple(b is not None for b in buffers)
        if self._tied != layout:
            for i, b in enumerate(buffers):
                if b is None:
                    GL.glDisableVertexAttribArray(i)
                    continue
                b[0].bind()
                GL.glVertexAttribPointer(i, b[1], GL.GL_FLOAT, False, 0, None)
                b[0].release()
                GL.glEnableVertexAttribArray(i)
            self._tied = layout
        return context

    def release_own(self) -> None:
        self._vao.release()

    @classmethod
    def location(cls, program: int, name: str) -> int:
        loc = cls._locations.get((program, name))
        if loc is None:
            loc = cls._locations[(program, name)] = GL.glGetUniformLocation(program, name)
        return loc


def wide_lines_allowed(context: QOpenGLContext) -> bool:
    """Whether glLineWidth may be other than 1 (not in a forward-compatible core profile)."""
    fmt = context.format()
    return not (fmt.profile() == QSurfaceFormat.OpenGLContextProfile.CoreProfile
                and not fmt.testOption(QSurfaceFormat.FormatOption.DeprecatedFunctions))


class Lines(OwnVertexArray, gl.GLLinePlotItem):
    """pyqtgraph's line item, drawn through :class:`OwnVertexArray`."""

    def paint(self) -> None:
        if self.pos is None or not len(self.pos):
            return
        if self.antialias:
            super().paint()
            return
        self.setupGLState()
        colors = isinstance(self.color, np.ndarray)
        if POSITION in self.dirty_bits:
            self.upload_vbo(self.m_vbo_position, self.pos)
        if colors and COLOR in self.dirty_bits:
            self.upload_vbo(self.m_vbo_color, self.color)
        self.dirty_bits = DirtyFlag(0)
        context = self.bind_own([(self.m_vbo_position, 3),
                                 (self.m_vbo_color, 4) if colors else None])
        if not colors:
            GL.glVertexAttrib4f(1, *self.color)
        wide = wide_lines_allowed(context)
        if wide:
            GL.glLineWidth(self.width)
        program = self.getShaderProgram()
        GL.glUseProgram(program)
        GL.glUniformMatrix4fv(self.location(program, "u_mvp"), 1, False,
                              np.array(self.mvpMatrix().data(), np.float32))
        GL.glDrawArrays(GL.GL_LINES if self.mode == "lines" else GL.GL_LINE_STRIP, 0,
                        len(self.pos))
        GL.glUseProgram(0)
        self.release_own()
        if wide:
            GL.glLineWidth(1.0)


class Points(OwnVertexArray, gl.GLScatterPlotItem):
    """pyqtgraph's scatter item, drawn through :class:`OwnVertexArray`."""

    def paint(self) -> None:
        if self.pos is None or not len(self.pos):
            return
        self.setupGLState()
        colors, sizes = isinstance(self.color, np.ndarray), isinstance(self.size, np.ndarray)
        if DOT_POSITION in self.dirty_bits:
            self.upload_vbo(self.m_vbo_position, self.pos)
        if colors and DOT_COLOR in self.dirty_bits:
            self.upload_vbo(self.m_vbo_color, self.color)
        if sizes and DOT_SIZE in self.dirty_bits:
            self.upload_vbo(self.m_vbo_size, self.size)
        self.dirty_bits = DotFlag(0)
        context = self.bind_own([(self.m_vbo_position, 3),
                                 (self.m_vbo_color, 4) if colors else None,
                                 (self.m_vbo_size, 1) if sizes else None])
        if not colors:
            GL.glVertexAttrib4f(1, *self.color)
        if not sizes:
            GL.glVertexAttrib1f(2, self.size)
        if not context.isOpenGLES():
            if _is_compatibility_profile(context):
                GL.glEnable(GL.GL_POINT_SPRITE)
            GL.glEnable(GL.GL_PROGRAM_POINT_SIZE)
        scale = 0.0 if self.pxMode else (
            2.0 * np.tan(np.radians(0.5 * self.view().opts["fov"])) / self.view().width())
        program = self.getShaderProgram()
        GL.glUseProgram(program)
        GL.glUniformMatrix4fv(self.location(program, "u_mvp"), 1, False,
                              np.array(self.mvpMatrix().data(), np.float32))
        GL.glUniformMatrix4fv(self.location(program, "u_modelview"), 1, False,
                              np.array(self.modelViewMatrix().data(), np.float32))
        GL.glUniform1f(self.location(program, "u_scale"), scale)
        GL.glDrawArrays(GL.GL_POINTS, 0, len(self.pos))
        GL.glUseProgram(0)
        self.release_own()


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
        lines = np.sort(np.concatenate([even, extra]))     # (np.unique imports numpy.ma)
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


class CachedGLView(GLViewMixin, QWidget):
    """The 3D view: pyqtgraph's GL scene rendered into an offscreen framebuffer and shown
    as an image by a plain widget.

    A QOpenGLWidget makes Qt draw the whole window through OpenGL on every update (each
    2D pane's repaint recomposites every pixel of the window); under a software
    rasteriser (Mesa llvmpipe: no GPU, projectors' laptops, CI) that composite costs more
    than the frame itself. Here the window stays a raster window: a frame renders the
    scene, reads it back and repaints only this widget's rectangle; text and marker
    overlays are painted on the read-back image by the raster QPainter.

    The still layer (the surface and the floor grid) is drawn once into its own
    framebuffer and copied, colour and depth, under each frame: a frame costs the runs,
    not the surface, until the camera, size or surface changes. While the camera moves a
    coarse surface is drawn at half resolution; the full one once the camera has stopped
    for SETTLE_MS.

    A new frame is rendered only after ``update()`` (an item's data, the camera, the
    size): other repaints (a label on the view changing, an expose) show the last one."""

    frameSwapped = Signal()
    cameraMoved = Signal()      # a frame is about to be drawn from a new camera or size
    _shown: QImage | None = None
    _stale = True
    _held = False
    _seen: tuple | None = None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.still_full: list = []
        self.still_coarse: list = []
        self.still_renders = 0
        self.still_drawn: list = []
        self.coarse = False
        self._exact = False
        self._fbos: dict[bool, QOpenGLFramebufferObject] = {}
        self._frame: QOpenGLFramebufferObject | None = None
        self._depth_of: tuple | None = None     # the still layer whose depth the frame has
        self._overlays: list[tuple[OverlayItem, QMatrix4x4]] = []
        self._key = None
        self._ctx: QOpenGLContext | None = None
        self._surface: QOffscreenSurface | None = None
        self._gl_failed = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)

    # -- the GL context (what QOpenGLWidget gave pyqtgraph) ------------------------------
    def context(self) -> QOpenGLContext | None:
        return self._ctx

    def format(self) -> QSurfaceFormat:
        return self._ctx.format() if self._ctx is not None else QSurfaceFormat.defaultFormat()

    def isValid(self) -> bool:
        return self._ctx is not None

    def makeCurrent(self) -> bool:
        """Make the view's context current, creating it the first time (False: no GL)."""
        if self._ctx is None:
            if self._gl_failed:
                return False
            ctx = QOpenGLContext(self)
            ctx.setFormat(QSurfaceFormat.defaultFormat())
            ctx.setShareContext(QOpenGLContext.globalShareContext())
            surface = QOffscreenSurface(None, self)
            if not ctx.create():
                self._gl_failed = True
                return False
            surface.setFormat(ctx.format())
            surface.create()
            if not surface.isValid() or not ctx.makeCurrent(surface):
                self._gl_failed = True
                return False
            self._ctx, self._surface = ctx, surface
            self.initializeGL()
            return True
        return self._ctx.makeCurrent(self._surface)

    def doneCurrent(self) -> None:
        if self._ctx is not None:
            self._ctx.doneCurrent()

    def overlay(self, item: OverlayItem, mvp: QMatrix4x4) -> None:
        """An overlay item met while drawing the scene: painted on the frame after."""
        self._overlays.append((item, QMatrix4x4(mvp)))

    # -- frames -----------------------------------------------------------------------
    def update(self, *args) -> None:
        """Something drawn changed: the next paint renders a new frame (now, or when
        :meth:`hold` lets go)."""
        self._stale = True
        if not self._held:
            super().update(*args)

    def hold(self, on: bool) -> None:
        """Hold (or let go of) new frames: changes made while held are painted together
        after; repaints in between (a child label's) show the last frame."""
        self._held = on
        if not on and self._stale:
            super().update()

    def paintEvent(self, event) -> None:
        image = self._shown
        size = (self.deviceWidth(), self.deviceHeight())
        fresh = image is None or self._stale or (image.width(), image.height()) != size
        if fresh:
            seen = (self._camera(), size)
            if seen != self._seen:
                self._seen = seen
                self.cameraMoved.emit()
            image = self._shown = self.render_frame()
            self._stale = False
        painter = QPainter(self)
        if image is None:
            painter.fillRect(self.rect(), QColor.fromRgbF(*self.opts["bgcolor"]))
        else:
            painter.drawImage(0, 0, image)
        painter.end()
        if fresh:
            self.frameSwapped.emit()

    def render_frame(self) -> QImage | None:
        """The scene as it is now, overlays painted (None: no OpenGL here).

        Opaque, as shown: translucent items never write alpha, which stays the still
        layer's clear (1), so the frame is read as it is into an RGB32 image, the GL
        framebuffer's own layout under llvmpipe (a third of the time of a read that
        converts, see :meth:`setProjection` for the rows' order)."""
        if not self.makeCurrent():
            return None
        w, h = max(1, self.deviceWidth()), max(1, self.deviceHeight())
        if self._frame is None or (self._frame.width(), self._frame.height()) != (w, h):
            fmt = QOpenGLFramebufferObjectFormat()
            fmt.setAttachment(QOpenGLFramebufferObject.Attachment.CombinedDepthStencil)
            self._frame = QOpenGLFramebufferObject(w, h, fmt)
            self._depth_of = None
        self._frame.bind()
        GL.glViewport(0, 0, w, h)
        self._overlays = []
        image = QImage(w, h, QImage.Format.Format_RGB32)
        GL.glColorMask(GL.GL_TRUE, GL.GL_TRUE, GL.GL_TRUE, GL.GL_FALSE)
        try:
            self.paintGL()
        finally:
            GL.glColorMask(GL.GL_TRUE, GL.GL_TRUE, GL.GL_TRUE, GL.GL_TRUE)
            GL.glPixelStorei(GL.GL_PACK_ALIGNMENT, 4)
            GL.glReadPixels(0, 0, w, h, GL.GL_BGRA, GL.GL_UNSIGNED_INT_8_8_8_8_REV,
                            np.frombuffer(image.bits(), np.uint32))
            self._frame.release()
        image.setDevicePixelRatio(self.devicePixelRatioF())
        if self._overlays:
            rect = QRectF(self.rect())
            to_viewport = QMatrix4x4()      # the frame is upside down: see setProjection
            to_viewport.viewport(rect.left(), rect.top(), rect.width(), rect.height())
            painter = QPainter(image)
            try:
                for item, mvp in self._overlays:
                    painter.save()
                    painter.setRenderHints(item.RENDER_HINTS)
                    item.draw(painter, to_viewport * mvp)
                    painter.restore()
            finally:
                painter.end()
        return image

    def set_still(self, full: list, coarse: list) -> None:
        """The items of the still layer: ``full`` at rest, ``coarse`` while orbiting."""
        for item in {id(i): i for i in full + coarse}.values():
            item._setView(self)
            if self.isValid() and not item.isInitialized():
                self.makeCurrent()
                item.initialize()
        self.still_full, self.still_coarse = full, coarse
        self.invalidate_still()

    def invalidate_still(self) -> None:
        self._key = None
        self.update()

    def grabFramebuffer(self) -> QImage:
        """The frame as shown, drawn now at full detail (screenshots, exported frames)."""
        self._exact = True
        try:
            image = self.render_frame()
        finally:
            self._exact = False
        if image is None:
            image = QImage(max(1, self.deviceWidth()), max(1, self.deviceHeight()),
                           QImage.Format.Format_RGB32)
            image.fill(QColor.fromRgbF(*self.opts["bgcolor"]))
        return image

    def setBackgroundColor(self, *args, **kwds) -> None:
        super().setBackgroundColor(*args, **kwds)
        self.invalidate_still()

    def initializeGL(self) -> None:
        super().initializeGL()
        self._fbos = {}
        self._key = self._depth_of = None
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

    def setProjection(self, region, viewport) -> None:
        """pyqtgraph's projection, upside down: GL's rows, bottom row first, are then the
        image's rows, top row first, and the frame is read straight into a QImage (no
        mirror nor swizzle on the CPU). Nothing is culled, so the mirrored winding of the
        triangles changes nothing drawn."""
        super().setProjection(region, viewport)
        self._projectionStack[-1] = UPSIDE_DOWN * self._projectionStack[-1]

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
        frame = self._frame
        src, dst = QRect(0, 0, fbo.width(), fbo.height()), QRect(0, 0, w, h)
        copy = GL.GL_COLOR_BUFFER_BIT
        if self._depth_of != (self.still_renders, self.coarse):
            copy |= GL.GL_DEPTH_BUFFER_BIT
            self._depth_of = (self.still_renders, self.coarse)
        if src == dst:
            QOpenGLFramebufferObject.blitFramebuffer(frame, dst, fbo, src, copy, GL.GL_NEAREST)
        else:
            QOpenGLFramebufferObject.blitFramebuffer(frame, dst, fbo, src,
                                                     GL.GL_COLOR_BUFFER_BIT, GL.GL_LINEAR)
            if copy & GL.GL_DEPTH_BUFFER_BIT:
                QOpenGLFramebufferObject.blitFramebuffer(frame, dst, fbo, src,
                                                         GL.GL_DEPTH_BUFFER_BIT, GL.GL_NEAREST)
        frame.bind()
        GL.glDepthMask(GL.GL_FALSE)     # the frame keeps the still layer's depth: copied
        try:                            # once, not every frame (1.6 ms under llvmpipe)
            self.drawItemTree()
        finally:
            GL.glDepthMask(GL.GL_TRUE)

    def drawItemTree(self, item=None, useItemNames=False) -> None:
        """pyqtgraph's, but an item with no vertices (no selected run, no forks, no step
        dots) is left out rather than setting up its GL state and shader for nothing."""
        if item is not None and not item.childItems():
            pos = getattr(item, "pos", None)
            if isinstance(pos, np.ndarray) and not len(pos):
                return
        super().drawItemTree(item, useItemNames)

    def _draw_still(self, fbo: QOpenGLFramebufferObject) -> None:
        fbo.bind()
        GL.glViewport(0, 0, fbo.width(), fbo.height())
        GL.glColorMask(GL.GL_TRUE, GL.GL_TRUE, GL.GL_TRUE, GL.GL_TRUE)
        GL.glClearColor(*self.opts["bgcolor"][:3], 1.0)
        GL.glClear(GL.GL_DEPTH_BUFFER_BIT | GL.GL_COLOR_BUFFER_BIT)
        GL.glColorMask(GL.GL_TRUE, GL.GL_TRUE, GL.GL_TRUE, GL.GL_FALSE)
        items = self.still_coarse if self.coarse else self.still_full
        self.still_drawn = items
        try:
            for item in sorted(items, key=lambda i: i.depthValue()):
                if item.visible():
                    if self.default_vao.isCreated():
                        self.default_vao.bind()
                    item.paint()
        finally:
            self._frame.bind()
            GL.glViewport(0, 0, self.deviceWidth(), self.deviceHeight())
        self.still_renders += 1


def coarse_index(n: int) -> np.ndarray:
    """At most about COARSE_N evenly spread indices of 0..n-1, both ends included."""
    idx = np.linspace(0, n - 1, min(n, COARSE_N)).round().astype(np.intp)
    return idx[np.r_[True, np.diff(idx) > 0]]


def nice_ticks(lo: float, hi: float, n: int = 5) -> np.ndarray:
    span = hi - lo
    if not span > 0:
        return np.array([lo])
    raw = span / n
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=raw)
    first = np.ceil(lo / step) * step
    return np.arange(first, hi + step * 1e-9, step)


def segments(pts: np.ndarray, with_owner: bool = False, chunk: int | None = None):
    """(n, k, d) polylines -> (2m, d) endpoints of their finite segments (GL 'lines');
    with ``with_owner`` also the polyline index of each endpoint.

    In polyline order, or with ``chunk`` chunk by chunk: the first ``chunk`` segments of
    every polyline, then the next ``chunk`` of every one, and so on. Then the endpoints of
    the first chunks stay where they are as the polylines grow, and a caller that keeps
    them computes only the new ones (the same arrays either way)."""
    n, k, d = pts.shape
    if k < 2:
        out = np.zeros((0, d), dtype=np.float32)
        return (out, np.zeros(0, dtype=np.intp)) if with_owner else out
    a, b = pts[:, :-1], pts[:, 1:]
    ok = np.isfinite(a).all(axis=2) & np.isfinite(b).all(axis=2)
    owner = np.broadcast_to(np.arange(n)[:, None], ok.shape)
    if chunk is not None and k - 1 > chunk:
        a, b, ok, owner = (_chunk_major(x, chunk) for x in (a, b, ok, owner))
    out = np.empty((int(ok.sum()) * 2, d), dtype=np.float32)
    out[0::2] = a[ok]
    out[1::2] = b[ok]
    if not with_owner:
        return out
    return out, np.repeat(owner[ok], 2)


def _chunk_major(x: np.ndarray, chunk: int) -> np.ndarray:
    """(n, s, ...) per polyline and segment -> (n * s, ...) ordered by chunk of ``chunk``
    segments, then polyline, then segment."""
    n, s = x.shape[:2]
    whole = s - s % chunk
    head = x[:, :whole].reshape(n, whole // chunk, chunk, *x.shape[2:]).swapaxes(0, 1)
    return np.concatenate([head.reshape(-1, *x.shape[2:]),
                           x[:, whole:].reshape(-1, *x.shape[2:])])
