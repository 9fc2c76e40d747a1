"""Run colours and marker shapes: Okabe-Ito (colour-blind safe), each run also a shape.

The order keeps look-alikes apart: vermillion comes long after orange (the default
scene's first and fourth runs were orange and vermillion), blue long after sky blue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#FFFFFF",  # white (stands in for Okabe-Ito black, invisible on a dark surface)
)
SYMBOLS = ("o", "s", "t", "d", "p", "h", "star", "t1")
SYMBOL_NAMES = {"o": "circle", "s": "square", "t": "triangle", "d": "diamond",
                "p": "pentagon", "h": "hexagon", "star": "star", "t1": "triangle up"}
DIVERGED = "#FF3B30"
MINIMUM = "#FFFFFF"
GRADIENT = "#FF2D95"    # -gradient arrow: a pink found nowhere in viridis or the runs
STEP = "#00E5FF"        # the update applied
SWA = "#FFD700"         # the SWA average (a gold star)
TEST = "#FF2D95"        # the test loss of a lesson with test_shift (contours, dashes)


def group_color(index: int, color: str | None = None) -> QColor:
    """The colour of the ``index``-th run group; a colour given in the scene wins."""
    if color:
        c = QColor(color)
        if c.isValid():
            return c
    return QColor(OKABE_ITO[index % len(OKABE_ITO)])


def group_symbol(index: int) -> str:
    return SYMBOLS[index % len(SYMBOLS)]


SELECTED_WIDTH = 1.8    # the selected run's lines are this much wider
DIMMED_ALPHA = 0.45     # the other runs' lines fade to this opacity


def emphasis(color: QColor, selected: bool | None) -> QColor:
    """A run's colour as drawn: full for the selected run (or when nothing is selected,
    ``None``), faded for the others."""
    c = QColor(color)
    if selected is False:
        c.setAlphaF(DIMMED_ALPHA)
    return c


def rgba(c: QColor, alpha: float = 1.0) -> tuple[float, float, float, float]:
    return (c.redF(), c.greenF(), c.blueF(), alpha)


def swatch(color: QColor, size: int = 14) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(color)
    p.setPen(QColor("white"))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pm)
