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
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QMatrix4x4, QPainter, QVector3D
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from gdstudio.gui.display import ZMap, format_value, rows_to_draw
from gdstudio.gui.palette import DIVERGED, group_color, rgba

HEIGHT = 0.8
FLOOR = -0.35
LIFT = 0.012
EDGE = 1.1
BACKGROUND = "#16161d"
MAX_SEGMENTS = 40_000


_SHADER = None


def on_top() -> dict:
    """GL state for what must stay visible through the surface (current points)."""
    from OpenGL import GL

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


class LabelsItem(GLGraphicsItem):
    """Every text label of the view painted with one QPainter (a GLTextItem each costs a
    QPainter per frame)."""

    def __init__(self):
        super().__init__()
        self.setGLOptions("additive")
        self.labels: list[Label] = []

    def paint(self) -> None:
        live = [lab for lab in self.labels if lab.text]
        if not live:
            return
        self.setupGLState()
        rect = QRectF(self.view().rect())
        to_viewport = QMatrix4x4()
        to_viewport.viewport(rect.left(), rect.bottom(), rect.width(), -rect.height())
        project = to_viewport * self.mvpMatrix()
        painter = QPainter(self.view())
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        for lab in live:
            painter.setPen(lab.color)
            painter.setFont(lab.font)
            painter.drawText(project.map(QVector3D(*lab.pos)).toPointF(), lab.text)
        painter.end()


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

        self.view = gl.GLViewWidget(self)
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
        self.reset_button = QToolButton(self.view)
        self.reset_button.setText("Reset view")
        self.reset_button.setToolTip("Put the camera back where it started (Home)")
        self.reset_button.clicked.connect(self.reset_camera)
        bar.addWidget(self.note, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        bar.addStretch(1)
        bar.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)

        self.mesh: gl.GLSurfacePlotItem | None = None
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
        self.view.addItem(self.axis_labels)
        self.view.addItem(self.run_labels)
        self.reset_camera()
        playback.reset.connect(self.rebuild_runs)
        playback.frame.connect(self.redraw)

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
        bz = np.where(np.isfinite(loss), self.height(loss) + LIFT, np.nan)
        return np.stack([bx, by, bz], axis=-1)

    def reset_camera(self) -> None:
        w, h = max(self.view.width(), 1), max(self.view.height(), 1)
        distance = 3.9 * max(1.0, (h / w) ** 0.5)
        self.view.setCameraPosition(pos=QVector3D(0, 0, 0.05), distance=distance,
                                    elevation=40, azimuth=-55)

    # -- the surface ---------------------------------------------------------------
    def set_surface(self, surface) -> None:
        self.surface = surface
        self.bounds = tuple(tuple(float(v) for v in b) for b in surface.bounds)
        xs, ys, Z = surface.grid(self.grid_n)
        self.zmap = ZMap.fit(Z)
        u = self.zmap.norm(Z)
        colors = pg.colormap.get("viridis").map(u.ravel(), mode="float").astype(np.float32)
        bx, by = self.box_xy(xs, ys)
        z = (u * HEIGHT).astype(np.float32)
        if self.mesh is None:
            self.mesh = gl.GLSurfacePlotItem(x=bx.astype(np.float32), y=by.astype(np.float32),
                                             z=z, colors=colors, shader=soft_shader(),
                                             computeNormals=True, smooth=True,
                                             glOptions="opaque")
            self.view.addItem(self.mesh)
        else:
            self.mesh.setData(x=bx.astype(np.float32), y=by.astype(np.float32), z=z,
                              colors=colors)
        note = self.zmap.note()
        self.note.setText(("⚠ " + note) if note else "")
        self.note.setVisible(bool(note))
        self._build_axes()
        self.rebuild_runs()

    def _build_axes(self) -> None:
        for item in self._static:
            self.view.removeItem(item)
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
        label = "loss (log)" if zl.log else "loss"
        self._static.append(Label(pos=(-1.05, 1.05, HEIGHT + 0.16), text=label,
                                          font=big, color=QColor("white")))
        for u in (0.0, 0.5, 1.0):
            self._static.append(Label(pos=(-1.05, 1.05, u * HEIGHT),
                                              text=format_value(float(zl.unnorm(u))),
                                              font=font, color=grey))
        self.axis_labels.labels = [i for i in self._static if isinstance(i, Label)]
        self._static = [i for i in self._static if not isinstance(i, Label)]
        for item in self._static:
            self.view.addItem(item)

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

    def redraw(self) -> None:
        """Vectorised over every run at once: the cost of a frame barely grows with the
        number of runs."""
        pb = self.playback
        if self.zmap is None or not self._colors or pb.rows == 0:
            return
        c = pb.cursor
        shown = np.array([i for g, idx in enumerate(pb.groups) if g not in self.hidden
                          for i in idx], dtype=np.intp)
        rows = rows_to_draw(max(len(shown), 1), c, MAX_SEGMENTS)
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
        items["path"].setData(pos=seg, color=colors[owner])
        ghost = colors[owner].copy()
        ghost[:, 3] = 0.35
        items["ghost"].setData(pos=seg, color=ghost)
        shade = colors[shadow_owner].copy()
        shade[:, 3] = 0.55
        items["shadow"].setData(pos=shadow, color=shade)
        h = heads[ok_heads].astype(np.float32)
        items["head"].setData(pos=h, color=colors[ok_heads])
        items["start"].setData(pos=starts[ok_starts].astype(np.float32),
                               color=colors[ok_starts])
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
                label.text = f"{pb.runs[i].label}: diverged at step {st[1] + 1}"
            else:
                label.text = ""

    def drawn_path(self, g: int) -> np.ndarray:
        """The 3D path segments drawn for run group ``g`` (empty when hidden)."""
        shown, seg, owner = self._drawn
        runs = set(self.playback.groups[g])
        mask = np.isin(shown[owner], list(runs)) if len(owner) else np.zeros(0, bool)
        return seg[mask]

    def gl_arrays(self) -> list[np.ndarray]:
        """Every vertex array currently handed to GL (for the tests' finiteness check)."""
        out = []
        for item in self.view.items:
            for attr in ("pos", "color", "_z", "_x", "_y"):
                v = getattr(item, attr, None)
                if isinstance(v, np.ndarray):
                    out.append(v)
        return out
