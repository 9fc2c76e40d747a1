"""Results as CSV and JSON text, in the formats of scene-format.md, section 5.

Floats are written with ``repr`` (shortest round-trip form), so a reader gets back the
exact float64 values. Non-finite values and the empty learning rate of row 0 are
written as empty CSV cells and JSON null.

The text is produced piece by piece from each group's column arrays (:func:`iter_csv`,
:func:`iter_json`), a block of members at a time, so a swarm of 100,000 starts is
written without a Python object per run or per cell along the way.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import numpy as np

from gdstudio.core.runner import GroupResult, SceneResult

CSV_HEADER = ("run", "step", "x", "y", "loss", "lr")
BLOCK_CELLS = 1 << 16
"""Rows of a group turned into text at once."""


def _num(v: float) -> float | None:
    v = float(v)
    return v if math.isfinite(v) else None


def _floats(a: np.ndarray, empty) -> list:
    """The values of ``a`` as Python floats, ``empty`` where they are not finite."""
    out = a.tolist()
    bad = ~np.isfinite(a)
    if bad.any():
        for i in np.flatnonzero(bad).tolist():
            out[i] = empty
    return out


def _blocks(g: GroupResult) -> Iterator[tuple[slice, np.ndarray, np.ndarray]]:
    """Blocks of members with, for each, the mask of their rows and each row's step."""
    cols = g.x.shape[1]
    per = max(1, BLOCK_CELLS // max(cols, 1))
    for m0 in range(0, len(g), per):
        sl = slice(m0, min(m0 + per, len(g)))
        count = g.count[sl]
        rows = np.arange(cols)
        valid = rows[None, :] < count[:, None]
        step = np.broadcast_to(rows * g.every, valid.shape).copy()
        step[np.arange(len(count)), count - 1] = g.last[sl]
        yield sl, valid, step


def _csv_text(text: str) -> str:
    """A text cell, quoted when it holds a comma, a double quote or a line break."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def iter_csv(result: SceneResult) -> Iterator[str]:
    """The CSV text in pieces: the header, then the rows of a block of members at a time."""
    yield ",".join(CSV_HEADER) + "\n"
    for g in result.groups:
        labels = np.array([_csv_text(label) for label in g.labels], dtype=object)
        for sl, valid, step in _blocks(g):
            run = labels[sl].repeat(g.count[sl]).tolist()
            cells = [list(map(str, step[valid].tolist()))]
            for a in (g.x, g.y, g.loss, g.lr):
                cells.append([v if v == "" else repr(v) for v in _floats(a[sl][valid], "")])
            yield "".join(f"{r},{s},{x},{y},{f},{lr}\n"
                          for r, s, x, y, f, lr in zip(run, *cells, strict=True))


def to_csv(result: SceneResult) -> str:
    return "".join(iter_csv(result))


def _run_dicts(result: SceneResult) -> Iterator[dict]:
    for g in result.groups:
        for sl, _, step in _blocks(g):
            for k, m in enumerate(range(sl.start, sl.stop)):
                n = int(g.count[m])
                r = g.run(m)
                swa = None
                if r.swa is not None:
                    swa = {"x": _num(r.swa.x), "y": _num(r.swa.y), "loss": _num(r.swa.loss),
                           "n": r.swa.n}
                yield {
                    "label": r.label,
                    "status": r.status,
                    "step": step[k, :n].tolist(),
                    "x": _floats(r.x, None),
                    "y": _floats(r.y, None),
                    "loss": _floats(r.loss, None),
                    "lr": _floats(r.lr, None),
                    "swa": swa,
                }


def to_dict(result: SceneResult) -> dict:
    return {"title": result.title, "params": list(result.params),
            "runs": list(_run_dicts(result))}


def iter_json(result: SceneResult) -> Iterator[str]:
    """The JSON text of :func:`to_dict` in pieces, one run at a time."""
    head = json.dumps({"title": result.title, "params": list(result.params)},
                      ensure_ascii=False, allow_nan=False)
    yield head[:-1] + ', "runs": ['
    for i, run in enumerate(_run_dicts(result)):
        yield (", " if i else "") + json.dumps(run, ensure_ascii=False, allow_nan=False)
    yield "]}\n"


def to_json(result: SceneResult) -> str:
    return "".join(iter_json(result))
