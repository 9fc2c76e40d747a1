"""Run colours and marker shapes: Okabe-Ito (colour-blind safe), each run also a shape."""

from __future__ import annotations

from PySide6.QtGui import QColor

OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#0072B2",  # blue
    "#F0E442",  # yellow
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


def rgba(c: QColor, alpha: float = 1.0) -> tuple[float, float, float, float]:
    return (c.redF(), c.greenF(), c.blueF(), alpha)
