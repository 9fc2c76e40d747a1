"""Path and isoline geometry shared by the 2D views."""

from __future__ import annotations

import numpy as np

N_LEVELS = 12       # isolines (and colour bands) of the contour pane
ISO_N = 110         # the grid the isolines are traced on


def polylines(w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(n, k, 2) rows (NaN after a run ended) -> x, y and pyqtgraph's connect array."""
    ok = np.isfinite(w).all(axis=2)
    x, y = w[..., 0][ok], w[..., 1][ok]
    member = np.broadcast_to(np.arange(w.shape[0])[:, None], ok.shape)[ok]
    connect = np.zeros(len(x), dtype=bool)
    if len(x) > 1:
        connect[:-1] = member[:-1] == member[1:]
    return x, y, connect
