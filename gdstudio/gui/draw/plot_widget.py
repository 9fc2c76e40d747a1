"""The 2D plot widget of the window's panes, its repaints coalesced with the 3D view's.

In a window holding a QOpenGLWidget every repaint of any widget composites the whole
window through OpenGL (tens of milliseconds a time under a software renderer). A
``QGraphicsScene`` nobody listens to hands its changes to its view through a chain of
queued calls, so the loss plot, the learning-rate plot and the contour pane, changed in
one playback frame, reached the screen one after the other: three window composites a
frame. A scene whose ``changed`` signal is connected updates its views as soon as the
event loop comes back (``QGraphicsView.updateScene``), so all panes changed in a frame
are painted in the same single window update as the 3D view.
"""

from __future__ import annotations

import pyqtgraph as pg

BACKGROUND = "#16161d"


def plot_widget() -> pg.PlotWidget:
    """A ``pg.PlotWidget`` on the panes' background whose repaints join the frame's one
    window update."""
    plot = pg.PlotWidget(background=BACKGROUND)
    plot.scene().changed.connect(_coalesce)
    return plot


def _coalesce(_rects) -> None:
    """Listening to ``changed`` is what switches the scene to its one-pass updates."""
