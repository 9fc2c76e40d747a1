"""The 3D view: the loss surface, each run lifted onto it, its shadow on the floor.

Data are mapped into a box: parameters to [-1, 1] x [-1, 1], the loss (through the
display map, log-spaced where the range is wide) to [0, HEIGHT]. Only finite numbers
are handed to GL items.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QVector3D
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from gdstudio.gui.draw.display import SWARM, ZMap, format_value, swarm_line
from gdstudio.gui.draw.forks import GHOST_ALPHA, ghost_paths
from gdstudio.gui.draw.gl_items import (
    COARSE_N,
    ArrowsOverlay,
    CachedGLView,
    HeightfieldItem,
    Label,
    LabelsItem,
    Lines,
    Markers,
    MarkersItem,
    Points,
    coarse_index,
    mesh_axes,
    nice_ticks,
    on_top,
    segments,
    soft_shader,
)
from gdstudio.gui.draw.palette import (
    DIMMED_ALPHA,
    DIVERGED,
    SELECTED_WIDTH,
    SWA,
    group_color,
    group_symbol,
    rgba,
)
from gdstudio.gui.draw.polyline import simplified_segments
from gdstudio.gui.draw.step_marks import (
    ARROW_COLORS,
    STEP_ZOOM_3D,
    asgd_points,
    curvature_marks,
    mark_labels,
    step_arrows,
    swa_points,
    trial_points,
    uses_asgd,
)

HEIGHT = 0.8
FLOOR = -0.35
LIFT = 0.012
EDGE = 1.1
BACKGROUND = "#16161d"
MAX_SEGMENTS = 40_000
MAX_SHAPES = 64       # more starts than this (a swarm): plain GL points, no shapes
CHUNK = 64            # segments per run a few runs' kept paths grow by (PathStore)
TOL_PX = 0.5          # how far a kept path may stray from its rows, in pixels at most
BOX_MID = (FLOOR + HEIGHT + LIFT) / 2     # the box's centre is (0, 0, BOX_MID) and
BOX_RADIUS = math.hypot(EDGE, EDGE, (HEIGHT + LIFT - FLOOR) / 2)    # its corners this far


def clamp(x, lo, hi):
    """``np.clip(x, lo, hi)``, the same numbers, without its overhead (about 10 us a call
    in numpy 2, which a frame's few small arrays feel)."""
    return np.minimum(np.maximum(x, lo), hi)


class Grown:
    """Named arrays that grow at their end: the first ``n`` rows are kept, the rows after
    them are rewritten by each :meth:`write`."""

    def __init__(self):
        self.arrays: dict[str, np.ndarray] = {}
        self.n = 0

    def write(self, parts: dict[str, np.ndarray], keep: bool) -> dict[str, np.ndarray]:
        """Put ``parts`` (equally long) after the kept rows, and keep them too if ``keep``:
        every array up to their end (views, valid until the next write)."""
        end = self.n + len(next(iter(parts.values())))
        for name, part in parts.items():
            buf = self.arrays.get(name)
            if buf is None or len(buf) < end:
                grown = np.empty((max(2 * end, 1024), *part.shape[1:]), dtype=part.dtype)
                if buf is not None:
                    grown[:self.n] = buf[:self.n]
                self.arrays[name] = buf = grown
            buf[self.n:end] = part
        if keep:
            self.n = end
        return {name: buf[:end] for name, buf in self.arrays.items()}


class PathStore:
    """What a few runs' drawn paths are made of (:meth:`SurfaceView._path_parts`) for the
    first ``chunks`` chunks of CHUNK segments of each run, each drawn with only the
    segments a pixel can show (:func:`simplified_segments`): rows already drawn never
    change while ``key`` stays (the stride of the rows drawn, the runs shown, the
    selection, the history's thinning and, last, the camera's
    :meth:`SurfaceView.path_tolerance`) and the view does not rebuild (a new surface,
    bounds or run set, a fork), so a frame computes only the rows after them. Scrubbing
    back drops the chunks past the cursor's row, the ones before it stay."""

    def __init__(self):
        self.clear(None)

    def clear(self, key) -> None:
        self.key = key
        self.chunks = 0
        self._ends: list[tuple[int, int]] = []     # per kept chunk: where it ends
        self._stores = (Grown(), Grown())

    def keep(self, parts: tuple[dict, dict], sizes: np.ndarray) -> None:
        """Keep ``parts`` of the next ``len(sizes)`` chunks, of ``sizes[j]`` endpoints
        (of the paths, of the selected runs' line) each."""
        for store, part in zip(self._stores, parts, strict=True):
            store.write(part, keep=True)
        ends = np.cumsum(sizes, axis=0) + (self._ends[-1] if self._ends else (0, 0))
        self._ends += [(int(a), int(b)) for a, b in ends]
        self.chunks = len(self._ends)

    def truncate(self, chunks: int) -> None:
        """Keep only the first ``chunks`` chunks."""
        del self._ends[chunks:]
        self.chunks = len(self._ends)
        for k, store in enumerate(self._stores):
            store.n = self._ends[-1][k] if self._ends else 0

    def show(self, parts: tuple[dict, dict]) -> tuple[dict, dict]:
        """The kept arrays followed by ``parts`` (the chunks after them)."""
        path, chosen = (store.write(part, keep=False)
                        for store, part in zip(self._stores, parts, strict=True))
        return path, chosen


class _Marks:
    """The step marks of a frame and the step dots' new rows, given in the plane, lifted
    into the box together: one loss evaluation and one :meth:`SurfaceView.box_points`
    for all of them (per mark, those small numpy calls were most of a frame with the
    marks of every run)."""

    def __init__(self):
        self.xy: list[np.ndarray] = []
        self.loss: list[np.ndarray] = []         # NaN where not known: the surface's loss
        self.known: list[np.ndarray] = []
        self.size = 0
        self.marks: list[tuple[int, int, tuple, bool]] = []   # a, b, (kind, ...), draped
        self.points = np.zeros((0, 3))           # every point in the box, once lifted

    def block(self, xy, loss=None) -> slice:
        """Points ``xy`` (k, 2), with their losses if known; where they will be in
        :attr:`points`."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        known = loss is not None
        self.xy.append(xy)
        self.loss.append(np.asarray(loss, dtype=float).reshape(-1) if known
                         else np.full(len(xy), np.nan))
        self.known.append(np.full(len(xy), known))
        self.size += len(xy)
        return slice(self.size - len(xy), self.size)

    def point(self, xy, loss=None) -> int:
        return self.block(xy, loss).start

    def arrow(self, a: int, b, kind: str) -> None:
        """An arrow from point ``a`` to the plane point ``b`` on the surface."""
        self.marks.append((a, self.point(b), (kind,), False))

    def drape(self, marks: list) -> None:
        """Marks ``(a, b, kind, ...)`` given in the plane, each drawn only where both ends
        are finite once on the surface."""
        for a, b, *rest in marks:
            self.marks.append((self.point(a), self.point(b), tuple(rest), True))

    def lift(self, view: SurfaceView) -> list:
        """Every point into the box (:attr:`points`); the marks ``(a, b, kind, ...)`` in
        box coordinates."""
        if not self.size:
            return []
        xy = np.concatenate(self.xy)
        loss = np.concatenate(self.loss)
        new = ~np.concatenate(self.known)
        if new.any():
            with np.errstate(all="ignore"):
                loss[new] = view.surface.loss(xy[new, 0], xy[new, 1])
        p = self.points = view.box_points(xy, loss)
        ok = np.isfinite(p).all(axis=1)
        return [(p[a], p[b], *rest) for a, b, rest, draped in self.marks
                if not draped or (ok[a] and ok[b])]


class SurfaceView(QWidget):
    """3D view of the surface; redraws from the playback on each frame (unless
    ``live`` is false: an export's off-screen copy draws only when told)."""

    def __init__(self, playback, parent: QWidget | None = None, grid_n: int = 160,
                 live: bool = True):
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
        left.addStretch(1)
        left.addWidget(self.legend, 0, Qt.AlignmentFlag.AlignLeft)    # clear of the loss axis
        bar.addLayout(left)
        bar.addStretch(1)
        bar.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)

        self.mesh: HeightfieldItem | None = None
        self.coarse_mesh: HeightfieldItem | None = None
        self._static: list = []
        self._items: dict = {}
        self._labels: list = []
        self._colors: list[np.ndarray] = []
        self._group_colors: list[QColor] = []
        self._drawn = (np.zeros(0, np.intp), np.zeros((0, 3), np.float32),
                       np.zeros(0, np.intp))
        self._run_colors = np.zeros((0, 4), dtype=np.float32)
        self.paths = PathStore()
        self._dots: dict[int, tuple] = {}      # run -> (key, Grown): _row_points
        self._start_key: tuple | None = None   # _starts
        self._start_pts = (np.zeros((0, 3)), np.zeros(0, bool))
        self._start_shapes: list | None = None
        self.drops = Lines(mode="lines", width=1.5, antialias=False,
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
        self.view.cameraMoved.connect(self._on_camera, Qt.ConnectionType.QueuedConnection)
        if live:
            playback.reset.connect(self.rebuild_runs)
            playback.frame.connect(self._on_frame)

    def _wrap_legend(self) -> None:
        """The legend wraps its lines only when they are wider than the view leaves it
        beside the Reset button (a narrow pane, presenter mode's large text)."""
        room = self.view.width() - self.reset_button.sizeHint().width() - 40
        self.legend.setWordWrap(False)
        wrap = self.legend.sizeHint().width() > room
        self.legend.setWordWrap(wrap)
        if wrap:
            self.legend.setMaximumWidth(max(room, 80))
        else:
            self.legend.setMaximumWidth(16777215)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._wrap_legend()

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
        bx, by = clamp(bx, -EDGE, EDGE), clamp(by, -EDGE, EDGE)
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
        i = clamp(np.searchsorted(gx, bx) - 1, 0, len(gx) - 2)
        j = clamp(np.searchsorted(gy, by) - 1, 0, len(gy) - 2)
        u = clamp((bx - gx[i]) / (gx[i + 1] - gx[i]), 0.0, 1.0)
        v = clamp((by - gy[j]) / (gy[j + 1] - gy[j]), 0.0, 1.0)
        z00, z10, z01, z11 = z[i, j], z[i + 1, j], z[i, j + 1], z[i + 1, j + 1]
        a = np.where(u >= v, z00 + u * (z10 - z00) + v * (z11 - z10),
                     z00 + v * (z01 - z00) + u * (z11 - z01))
        b = np.where(u + v <= 1.0, z00 + u * (z10 - z00) + v * (z01 - z00),
                     z11 + (1 - u) * (z01 - z11) + (1 - v) * (z10 - z11))
        return np.fmax(a, b)

    def view_state(self) -> dict:
        """The camera as the user left it, as plain data (kept in the session)."""
        camera = dict(self.view.cameraParams())
        camera["center"] = QVector3D(camera["center"])
        return {"camera": camera}

    def restore_view_state(self, state: dict) -> None:
        """Look at the scene as :meth:`view_state` recorded (after the first show, which
        frames the box)."""
        self.view.setCameraParams(**state["camera"])

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
        self._wrap_legend()
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
        for u in (0.0, 0.5, 1.0):
            self._static.append(Label(pos=(-1.05, 1.05, u * HEIGHT),
                                              text=format_value(float(zl.unnorm(u))),
                                              font=font, color=grey))
        label = self.tr("loss (log)") if zl.log else self.tr("loss")
        self._static.append(Label(pos=(-1.05, 1.05, HEIGHT + 0.16), text=label,
                                          font=big, color=QColor("white"), lift=True))
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
                "shadow": Lines(mode="lines", width=2, antialias=False,
                                glOptions="translucent"),
                "path": Lines(mode="lines", width=3, antialias=False, glOptions="opaque"),
                "selected": Lines(mode="lines", width=3 * SELECTED_WIDTH, antialias=False,
                                  glOptions="opaque"),
                "ghost": Lines(mode="lines", width=1.5, antialias=False, glOptions=on_top()),
                "fork": Lines(mode="lines", width=2, antialias=False, glOptions="translucent"),
                "start": Points(size=9, pxMode=True, glOptions="opaque"),
                "head": Points(size=15, pxMode=True, glOptions=on_top()),
            }
            for item in self._items.values():
                item.setData(pos=np.zeros((0, 3), dtype=np.float32))
                self.view.addItem(item)
        self._labels = []
        self.run_labels.labels = self._labels
        self._colors = []
        self._group_colors = []
        self._drawn = (np.zeros(0, np.intp), np.zeros((0, 3), np.float32),
                       np.zeros(0, np.intp))
        self.paths.clear(None)
        self._dots = {}
        self._start_key = None
        pb = self.playback
        if self.zmap is None or pb.scene is None:
            return
        font = QFont("DejaVu Sans", 13, QFont.Weight.Bold)
        self._group_colors = [group_color(g, spec.color)
                              for g, spec in enumerate(pb.scene.runs)]
        for color in self._group_colors:
            self._colors.append(np.array(rgba(color), dtype=np.float32))
            self._labels.append(Label((0.0, 0.0, 0.0), "", QColor(DIVERGED), font))
        self._run_colors = np.array([self._colors[info.group] for info in pb.runs],
                                    dtype=np.float32).reshape(-1, 4)
        self._draw_ghosts()
        self.redraw()

    def set_hidden(self, hidden: set[int]) -> None:
        """Leave out the run groups in ``hidden`` (a view setting)."""
        self.hidden = set(hidden)
        self._draw_ghosts()
        self.redraw()

    def _draw_ghosts(self) -> None:
        """The path each forked run would have taken, draped like the live paths, faint."""
        if not self._items:
            return
        segs, colors = [np.zeros((0, 3), np.float32)], [np.zeros((0, 4), np.float32)]
        if self.zmap is not None and self._colors:
            for g, paths in ghost_paths(self.playback).items():
                if g in self.hidden:
                    continue
                for p in paths:
                    seg = segments(self.box_points(p[None, :, :2], p[None, :, 2]))
                    c = self._colors[g].copy()
                    c[3] = GHOST_ALPHA / 255
                    segs.append(seg)
                    colors.append(np.broadcast_to(c, (len(seg), 4)))
        self._items["fork"].setData(pos=np.concatenate(segs).astype(np.float32),
                                    color=np.concatenate(colors).astype(np.float32))

    def ghost_segments(self) -> np.ndarray:
        """The segments of the forked runs' ghost paths handed to GL."""
        return self._items["fork"].pos if self._items else np.zeros((0, 3), np.float32)

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
        return self._items["selected"].pos.copy() if self._items else np.zeros((0, 3), np.float32)

    def _path_parts(self, seg: np.ndarray, owner: np.ndarray, colors: np.ndarray,
                    picked: np.ndarray | None) -> tuple[dict, dict]:
        """The drawn arrays of segments ``seg`` of runs coloured ``colors`` (``owner``:
        each endpoint's run, as :func:`segments` gives them): the segments, each
        endpoint's colour as a path (``drawn``, the runs not ``picked`` dimmed), as the
        see-through copy (``ghost``) and as the floor shadow (``shadow``, ``shade``); and
        the segments and colours of the picked runs' wide line."""
        own = colors[owner]
        drawn = own.copy()
        ghost = own.copy()
        ghost[:, 3] = 0.35
        shade = own.copy()
        shade[:, :3] = 0.5 * shade[:, :3] + 0.25          # greyed: a shadow, not a path
        shade[:, 3] = 0.3
        shadow = seg.copy()
        shadow[:, 2] = FLOOR
        chosen = np.zeros(len(owner), bool) if picked is None else picked[owner]
        if picked is not None:
            drawn[~chosen, :3] = drawn[~chosen, :3] * DIMMED_ALPHA + 0.09 * (1 - DIMMED_ALPHA)
        return ({"seg": seg, "owner": owner, "drawn": drawn, "ghost": ghost,
                 "shadow": shadow, "shade": shade},
                {"seg": seg[chosen], "color": own[chosen]})

    def _kept_paths(self, shown: np.ndarray, rows: np.ndarray, colors: np.ndarray,
                    picked: np.ndarray | None) -> tuple[dict, dict]:
        """:meth:`_path_parts` of the paths of runs ``shown`` through ``rows`` (a
        :meth:`Playback.path_rows`), computing only the chunks of CHUNK segments that
        :attr:`paths` does not keep. A chunk is kept once it ends before the cursor's row
        (which can be off the rows' stride) and its rows are final: finite, or of a run
        that has ended (after a fork the forked runs' rows come in again)."""
        pb = self.playback
        store = self.paths
        tol = self.path_tolerance()
        key = (int(rows[1]) if len(rows) > 2 else 0, shown.tobytes(),
               None if picked is None else picked.tobytes(), pb.thin, tol)
        if store.key != key:
            store.clear(key)
        store.truncate(min(store.chunks, max(0, (len(rows) - 2) // CHUNK)))
        part = rows[store.chunks * CHUNK:]
        pts = self.box_points(pb.W[np.ix_(shown, part)], pb.L[np.ix_(shown, part)])
        whole = max(0, (len(part) - 2) // CHUNK)
        if whole:
            ended = pb.statuses(shown, pb.total)[0] != 0
            finite = np.isfinite(pts).all(axis=2)
            open_ = (~finite & ~ended[:, None]).any(axis=0)
            first = int(np.argmax(open_)) if open_.any() else len(part)
            final = min(whole, max(first - 1, 0) // CHUNK)
            if final:
                seg, owner, chunk = simplified_segments(pts[:, :final * CHUNK + 1], CHUNK, tol)
                chosen = picked[owner] if picked is not None else np.zeros(len(owner), bool)
                sizes = np.column_stack([np.bincount(chunk, minlength=final),
                                         np.bincount(chunk[chosen], minlength=final)])
                store.keep(self._path_parts(seg, owner, colors, picked), sizes)
                pts = pts[:, final * CHUNK:]
        return store.show(self._path_parts(*segments(pts, with_owner=True, chunk=CHUNK),
                                           colors, picked))

    def _on_camera(self) -> None:
        """The camera moved: the kept paths are drawn again if it zoomed far enough to
        change :meth:`path_tolerance` (the last part of the kept chunks' key)."""
        if self.paths.key is not None and self.paths.key[-1] != self.path_tolerance():
            self.redraw()

    def path_tolerance(self) -> float:
        """How far (in box units) a kept chunk of a path may stray from the rows it is
        drawn for: at most half a pixel at the nearest point of the box the camera can
        see, rounded down to a power of two so that orbiting and small zooms keep the
        kept chunks (zooming in or out twofold draws them again, finer or coarser)."""
        o = self.view.opts
        c = o["center"]
        off = math.hypot(c.x(), c.y(), c.z() - BOX_MID)
        near = max(float(o["distance"]) - off - BOX_RADIUS, 1e-3)
        width = max(self.view.deviceWidth(), 1)
        tol = TOL_PX * 2 * near * math.tan(math.radians(o["fov"]) / 2) / width
        return 2.0 ** math.floor(math.log2(tol))

    def _on_frame(self) -> None:
        """Lane 0. Staged (a swarm playing), the paths are drawn with the view's new
        frames held and painted in the next frame."""
        pb = self.playback
        if pb.draws(0):
            self.view.hold(pb.staging)
            self.redraw()
        if not pb.staging:
            self.view.hold(False)

    def redraw(self) -> None:
        """Vectorised over every run at once: the cost of a frame barely grows with the
        number of runs. A few runs keep the segments of the rows already drawn
        (:class:`PathStore`): a frame computes the rows that are new since the last."""
        pb = self.playback
        if self.zmap is None or not self._colors or pb.rows == 0:
            return
        shown = np.array([i for g, idx in enumerate(pb.groups) if g not in self.hidden
                          for i in idx], dtype=np.intp)
        _, budget = swarm_line(len(shown), 3.0, MAX_SEGMENTS)
        rows = pb.path_rows(max(len(shown), 1), budget)
        swarm = len(shown) > SWARM     # hundreds of paths: thin, and no see-through copy
        picked = self._picked(shown)
        colors = self._run_colors[shown] if len(shown) else np.zeros((0, 4), np.float32)
        if swarm:
            pts = self.box_points(pb.W[np.ix_(shown, rows)], pb.L[np.ix_(shown, rows)])
            path, chosen = self._path_parts(*segments(pts, with_owner=True), colors, picked)
        else:
            path, chosen = self._kept_paths(shown, rows, colors, picked)
        seg, owner = path["seg"], path["owner"]
        cur = pb.current_rows(shown)
        heads = self.box_points(pb.W[shown, cur], pb.L[shown, cur])
        ok_heads = np.isfinite(heads).all(axis=1)
        starts, ok_starts = self._starts(shown)
        self._drawn = (shown, seg, owner)

        items = self._items
        if picked is not None:
            items["selected"].setData(pos=chosen["seg"], color=chosen["color"],
                                      width=(1.5 if swarm else 3) * SELECTED_WIDTH)
        else:
            items["selected"].setData(pos=np.zeros((0, 3), np.float32))
        items["path"].setData(pos=seg, color=path["drawn"], width=1.5 if swarm else 3)
        items["ghost"].setData(pos=seg[:0] if swarm else seg,
                               color=path["ghost"][:0] if swarm else path["ghost"])
        items["shadow"].setData(pos=path["shadow"], color=path["shade"], width=1)
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
                r = pb.row(pb.current(i))
                p = self.box_points(pb.W[i, r], pb.L[i, r])
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
        marks, lifted_dots, colors, legend = _Marks(), [], [], []
        if self.show_arrows and self.zmap is not None and pb.scene is not None:
            for s in self._step_arrows():
                marks.drape(s.extra)
                a = marks.point(s.point, pb.L[s.i, pb.row(s.t)])
                marks.arrow(a, s.point + s.neg_grad, "grad")
                if s.step is not None:
                    marks.arrow(a, s.point + STEP_ZOOM_3D * s.step, "step")
                lifted_dots.append(self._row_points(
                    s.i, pb.path_rows(1, MAX_SEGMENTS // 20, s.t), marks))
                colors.append(self._colors[s.group])
            if marks.marks:
                legend += [f"<span style='color:{ARROW_COLORS['grad'].name()}'>━▶</span> "
                           + self.tr("−gradient (scaled)"),
                           f"<span style='color:{ARROW_COLORS['step'].name()}'>━▶</span> "
                           + self.tr("step applied (×%1)").replace("%1", f"{STEP_ZOOM_3D:g}")]
        if self.step_states is not None and self.zmap is not None and pb.scene is not None:
            marks.drape(curvature_marks(self.step_states, self.surface))
        arrows = marks.lift(self)
        dots = [pts[np.isfinite(pts).all(axis=1)]
                for pts in (f(marks.points) for f in lifted_dots)]
        colors = [np.repeat(c[None], len(pts), axis=0) for c, pts in zip(colors, dots,
                                                                         strict=True)]
        kinds = {m[2] for m in arrows}
        legend += [f"<span style='color:{ARROW_COLORS[k].name()}'>━</span> {text}"
                   for k, text in mark_labels().items() if k in kinds]
        self.arrows.arrows = arrows
        if dots:
            self.step_dots.setData(pos=np.concatenate(dots).astype(np.float32),
                                   color=np.concatenate(colors).astype(np.float32))
        else:
            self.step_dots.setData(pos=np.zeros((0, 3), dtype=np.float32))
        swa = np.array([p for g, _i, p, _n in swa_points(pb) if g not in self.hidden]
                       + [p for g, _i, p in asgd_points(pb) if g not in self.hidden],
                       dtype=float).reshape(-1, 2) if self.show_swa and self.zmap is not None \
            else np.zeros((0, 2))
        self.swa_markers.markers = []
        if len(swa):
            with np.errstate(all="ignore"):
                pos = self.box_points(swa, self.surface.loss(swa[:, 0], swa[:, 1]))
            self.swa_markers.markers.append(Markers(
                pos[np.isfinite(pos).all(axis=1)].astype(np.float32), "star", 28,
                QColor("black"), QColor(SWA)))
            runs = pb.scene.runs if pb.scene is not None else []
            for label, has in ((self.tr("SWA average"), lambda s: s.swa),
                               (self.tr("ASGD average (ax)"), uses_asgd)):
                if any(has(s) for s in runs):
                    legend.append(f"<span style='color:{SWA}'>★</span> " + label)
        trials = trial_points(pb, self.hidden) if self.zmap is not None else []
        for g, xy in trials:
            with np.errstate(all="ignore"):
                pos = self.box_points(xy, self.surface.loss(xy[:, 0], xy[:, 1]))
            color = QColor.fromRgbF(*self._colors[g][:3])
            self.swa_markers.markers.append(Markers(
                pos[np.isfinite(pos).all(axis=1)].astype(np.float32), "o", 9, color, None))
        if trials:
            legend.append("○ " + self.tr("loss evaluated inside the next step"))
        text = "<br>".join(legend)
        if text != self.legend.text():
            self.legend.setText(text)
            self.legend.setVisible(bool(legend))
            self._wrap_legend()
        self.view.update()

    def _step_arrows(self) -> list:
        """The step arrows at the cursor; with step states, made once for both views."""
        if self.step_states is not None:
            return self.step_states.arrows(self.surface, self.hidden)
        return step_arrows(self.playback, self.surface, self.hidden)

    def _row_points(self, i: int, rows: np.ndarray, marks: _Marks):
        """Box points of run ``i``'s ``rows`` (a :meth:`Playback.path_rows` of the one
        run), as :meth:`box_points`: a function of ``marks.points`` once ``marks`` are
        lifted (the new rows are lifted with them). Those on the rows' stride before the
        last are kept per run (the step dots, drawn each frame, then cost only the new
        rows), while the stride and the history's thinning stay, and once final (see
        :meth:`_kept_paths`)."""
        pb = self.playback
        key = (int(rows[1]) if len(rows) > 2 else 0, pb.thin)
        got = self._dots.get(i)
        if got is None or got[0] != key:
            got = self._dots[i] = (key, Grown())
        kept = got[1]
        kept.n = start = min(kept.n, len(rows) - 1)
        block = marks.block(pb.W[i, rows[start:]], pb.L[i, rows[start:]])

        def points(lifted: np.ndarray) -> np.ndarray:
            new = lifted[block]
            on = new[:len(rows) - 1 - start]
            if pb.statuses([i], pb.total)[0][0] == 0:
                open_ = ~np.isfinite(on).all(axis=1)
                on = on[:int(np.argmax(open_))] if open_.any() else on
            kept.write({"pts": on}, keep=True)
            return np.concatenate([kept.arrays["pts"][:start], new])

        return points

    def _starts(self, shown: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Box points of the first rows of runs ``shown`` and which are finite: computed
        again only when those rows or the runs shown change, or the view rebuilds (a new
        surface), as are the start shapes made of them (:meth:`_shapes`)."""
        pb = self.playback
        w, loss = pb.W[shown, 0], pb.L[shown, 0]
        key = (shown.tobytes(), w.tobytes(), loss.tobytes())
        if self._start_key != key:
            pts = self.box_points(w, loss)
            self._start_pts = (pts, np.isfinite(pts).all(axis=1))
            self._start_key = key
            self._start_shapes = None
        return self._start_pts

    def _shapes(self, shown, starts, ok_starts, heads, ok_heads) -> list[Markers]:
        """Hollow start and filled current-point shapes per run group, for up to
        MAX_SHAPES runs."""
        pb = self.playback
        if len(shown) > MAX_SHAPES or pb.scene is None:
            return []
        if self._start_shapes is None:
            group = np.array([pb.runs[i].group for i in shown], dtype=np.intp)
            self._start_shapes = [
                (g, group == g, Markers(starts[(group == g) & ok_starts].astype(np.float32),
                                        group_symbol(g), 13, color, None))
                for g, color in enumerate(self._group_colors) if (group == g).any()]
        out = []
        for g, mine, start in self._start_shapes:
            out.append(start)
            out.append(Markers(heads[mine & ok_heads].astype(np.float32), start.symbol, 19,
                               QColor("white"), self._group_colors[g],
                               spread=len(pb.groups[g]) == 1))
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
