"""Path, isoline and marker geometry shared by the views."""

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


def spread_markers(px: np.ndarray, size: float) -> np.ndarray:
    """Screen positions (n, 2) of markers ``size`` pixels wide, moved apart so that none
    covers another: each overlapping one steps round a growing circle around its own
    place until it is free (the first keeps its place)."""
    out = np.array(px, dtype=float).reshape(-1, 2)
    angles = np.deg2rad([-45, 135, 45, -135, 0, 90, 180, -90])
    for i in range(1, len(out)):
        base = out[i].copy()
        ring = 0
        while (np.abs(out[:i] - out[i]) < size + 1).all(axis=1).any() and ring < 12:
            ring += 1
            for a in angles:
                cand = base + ring * (size + 2) * np.array([np.cos(a), np.sin(a)])
                if not (np.abs(out[:i] - cand) < size + 1).all(axis=1).any():
                    out[i] = cand
                    break
    return out
