"""Polylines drawn with fewer segments where the dropped points are too close to tell."""

from __future__ import annotations

import numpy as np


def simplified_segments(pts: np.ndarray, chunk: int, tol: float
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(n, k, d) polylines -> the (2m, d) float32 endpoints of finite segments (GL
    'lines') that stay within ``tol`` of every point they replace, each endpoint's
    polyline and the chunk of ``chunk`` segments it belongs to.

    Each chunk of each polyline is halved until every point inside a part lies within
    ``tol`` of the part's chord (a Douglas-Peucker on fixed halves, vectorised over all
    parts at once), so the points kept are always among the polyline's own: both ends of
    every chunk (the first and last point), and every point next to one that is not
    finite (a run that ended or diverged breaks its line there, as :func:`segments`
    does). A chunk depends on its own points only: one kept by a caller stays what a new
    call would make of it. Ordered as :func:`segments` with ``chunk``: chunk, polyline,
    segment. ``tol < 0`` keeps every point."""
    n, k, d = pts.shape
    if k < 2 or n == 0:
        return (np.zeros((0, d), np.float32), np.zeros(0, np.intp), np.zeros(0, np.intp))
    flat = np.ascontiguousarray(pts, dtype=np.float64).reshape(n * k, d)
    first = np.arange(0, k - 1, chunk)
    run = np.repeat(np.arange(n), len(first))
    a = np.tile(first, n)
    b = np.minimum(a + chunk, k - 1)
    done = []
    while len(a):
        m = b - a
        ok = m <= 1
        inner = int(m.max()) - 1
        if inner > 0:
            base = run * k
            start = flat[base + a]
            chord = flat[base + b] - start
            idx = np.minimum(a[:, None] + np.arange(1, inner + 1), b[:, None])
            p = flat[base[:, None] + idx] - start[:, None]
            length = np.einsum("sd,sd->s", chord, chord)
            with np.errstate(invalid="ignore", divide="ignore"):
                t = np.clip(np.einsum("sid,sd->si", p, chord) / length[:, None], 0.0, 1.0)
            t[~(length > 0)] = 0.0
            off = p - t[..., None] * chord[:, None]
            ok |= (np.einsum("sid,sid->si", off, off) <= tol * tol).all(axis=1) & (tol >= 0)
        done.append((run[ok], a[ok], b[ok]))
        split = ~ok
        run, a, b = run[split], a[split], b[split]
        mid = (a + b) // 2
        run, a, b = np.concatenate([run, run]), np.concatenate([a, mid]), np.concatenate([mid, b])
    run, a, b = (np.concatenate(x) for x in zip(*done, strict=True))
    order = np.lexsort((a, run, a // chunk))
    run, a, b = run[order], a[order], b[order]
    ends = np.empty((2 * len(a), d), np.float64)
    ends[0::2], ends[1::2] = flat[run * k + a], flat[run * k + b]
    fin = np.isfinite(ends).all(axis=1).reshape(-1, 2).all(axis=1)
    owner, part = np.repeat(run[fin], 2), np.repeat(a[fin] // chunk, 2)
    return ends.reshape(-1, 2, d)[fin].reshape(-1, d).astype(np.float32), owner, part
