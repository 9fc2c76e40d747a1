"""Legends that stay inside their plot: a long entry wraps instead of pushing the legend
past the plot's edge (a narrow pane, presenter mode's large text)."""

from __future__ import annotations

LEGEND_MARGIN = 10      # px between the legend and the edge of its view box
MIN_TEXT = 60           # px: narrower than this an entry is left unwrapped


def fit_legend(legend) -> None:
    """Wrap the entries of pyqtgraph ``legend`` so it is no wider than the view box it
    is anchored in (less a margin each side); an entry that fits keeps one line."""
    box = legend.parentItem()
    if box is None or not legend.items:
        return
    room = box.boundingRect().width() - 2 * LEGEND_MARGIN
    for sample, label in legend.items:
        text = label.item
        limit = room - sample.boundingRect().width() - 25      # swatch, spacing, margins
        text.setTextWidth(-1)
        if text.boundingRect().width() > limit >= MIN_TEXT:
            text.setTextWidth(limit)
        label.updateMin()
    legend.updateSize()
