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
    return x, y, joined(member)


def joined(member: np.ndarray) -> np.ndarray:
    """pyqtgraph's connect array for points listed polyline by polyline (``member``: each
    point's polyline): a point joins the next when both are of one polyline."""
    connect = np.zeros(len(member), dtype=bool)
    connect[:-1] = member[:-1] == member[1:]
    return connect


def isoline(u: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The isoline ``u == level`` of a grid ``u[i, j]`` (marching squares, a saddle split
    by the cell's mean) as x, y (in grid indices: point ``(i, j)`` is ``u[i, j]``) and
    pyqtgraph's connect array, the crossings chained into polylines so a dashed pen
    runs on along them. Cells touching a value that is not finite are left out.

    Vectorised but for the chaining (one Python step per crossing): pyqtgraph's own
    ``isocurve`` loops over every cell in Python, 20 ms a level on a 110 x 110 grid."""
    n, m = u.shape
    below = u < level
    fin = np.isfinite(u)
    # crossings on the edges along i (i, j)-(i+1, j) and along j (i, j)-(i, j+1)
    cross_i = (below[:-1] != below[1:]) & fin[:-1] & fin[1:]
    cross_j = (below[:, :-1] != below[:, 1:]) & fin[:, :-1] & fin[:, 1:]
    with np.errstate(all="ignore"):
        fi = (level - u[:-1]) / (u[1:] - u[:-1])
        fj = (level - u[:, :-1]) / (u[:, 1:] - u[:, :-1])
    ii, jj = np.nonzero(cross_i)
    pts_i = np.column_stack([ii + fi[ii, jj], jj])
    ids_i = np.full(cross_i.shape, -1)
    ids_i[ii, jj] = np.arange(len(ii))
    ii, jj = np.nonzero(cross_j)
    pts_j = np.column_stack([ii, jj + fj[ii, jj]])
    ids_j = np.full(cross_j.shape, -1)
    ids_j[ii, jj] = np.arange(len(ii)) + len(pts_i)
    pts = np.concatenate([pts_i, pts_j]).astype(float)
    # each cell's edges: bottom (i, j)-(i+1, j), right, top, left
    e = np.stack([ids_i[:, :-1], ids_j[1:, :], ids_i[:, 1:], ids_j[:-1, :]], axis=-1)
    count = (e >= 0).sum(axis=-1)
    two = e[count == 2]
    order = np.argsort(two < 0, axis=1, kind="stable")[:, :2]
    segs = [np.take_along_axis(two, order, axis=1)]
    saddle = count == 4
    if saddle.any():
        quad = e[saddle]
        corners = np.stack([u[:-1, :-1], u[1:, :-1], u[1:, 1:], u[:-1, 1:]], axis=-1)[saddle]
        joined = (corners.mean(axis=1) < level) == (corners[:, 0] < level)
        # the centre on the side of corners 0 and 2: cut off corners 1 and 3, else 0 and 2
        segs.append(np.where(joined[:, None], quad[:, [0, 1]], quad[:, [3, 0]]))
        segs.append(np.where(joined[:, None], quad[:, [2, 3]], quad[:, [1, 2]]))
    segs = np.concatenate(segs)
    return _chain(pts, segs)


def _chain(pts: np.ndarray, segs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points joined by segments (each point on at most two) -> polylines for
    ``arrayToQPath``: open chains from their ends first, then closed loops."""
    k = len(pts)
    nb = np.full((k, 2), -1)
    for end in (0, 1):
        a, b = segs[:, end], segs[:, 1 - end]
        first = nb[a, 0] < 0
        nb[a[first], 0] = b[first]
    for end in (0, 1):
        a, b = segs[:, end], segs[:, 1 - end]
        second = nb[a, 0] != b
        nb[a[second], 1] = b[second]
    neighbours = nb.tolist()
    seen = [False] * k
    order: list[int] = []
    breaks: list[int] = []
    starts = [p for p in range(k) if (neighbours[p][1] < 0) != (neighbours[p][0] < 0)]
    for p in starts + list(range(k)):
        if seen[p] or neighbours[p][0] < 0:
            continue
        first, prev = p, -1
        while True:
            seen[p] = True
            order.append(p)
            a, b = neighbours[p]
            nxt = a if a != prev and a >= 0 else b if b != prev and b >= 0 else -1
            if nxt < 0 or seen[nxt]:
                if nxt == first:
                    order.append(first)         # a closed loop ends where it began
                break
            prev, p = p, nxt
        breaks.append(len(order) - 1)
    idx = np.array(order, dtype=np.intp)
    connect = np.ones(len(idx), dtype=bool)
    connect[breaks] = False
    return pts[idx, 0], pts[idx, 1], connect


def spread_markers(px: np.ndarray, size: float) -> np.ndarray:
    """Screen positions (n, 2) of markers ``size`` pixels wide, moved apart so that none
    covers another: each overlapping one steps round a growing circle around its own
    place until it is free (the first keeps its place), trying the eight places of a
    ring at once."""
    out = np.array(px, dtype=float).reshape(-1, 2)
    angles = np.deg2rad([-45, 135, 45, -135, 0, 90, 180, -90])
    ways = np.column_stack([np.cos(angles), np.sin(angles)])
    near = size + 1
    for i in range(1, len(out)):
        before = out[:i]
        if not (np.abs(before - out[i]) < near).all(axis=1).any():
            continue
        for ring in range(1, 13):
            cand = out[i] + ring * (size + 2) * ways
            free = ~(np.abs(before[None] - cand[:, None]) < near).all(axis=2).any(axis=1)
            if free.any():
                out[i] = cand[int(np.argmax(free))]
                break
    return out
