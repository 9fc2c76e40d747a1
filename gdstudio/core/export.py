"""Results as CSV and JSON text, in the formats of scene-format.md, section 5.

Floats are written with ``repr`` (shortest round-trip form), so a reader gets back the
exact float64 values. Non-finite values and the empty learning rate of row 0 are
written as empty CSV cells and JSON null.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from gdstudio.core.runner import SceneResult

CSV_HEADER = ("run", "step", "x", "y", "loss", "lr")


def _num(v: float) -> float | None:
    v = float(v)
    return v if math.isfinite(v) else None


def _cell(v: float) -> str:
    v = float(v)
    return repr(v) if math.isfinite(v) else ""


def to_csv(result: SceneResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for r in result.runs:
        for i in range(len(r.step)):
            w.writerow((r.label, int(r.step[i]), _cell(r.x[i]), _cell(r.y[i]),
                        _cell(r.loss[i]), _cell(r.lr[i])))
    return buf.getvalue()


def to_dict(result: SceneResult) -> dict[str, Any]:
    runs = []
    for r in result.runs:
        swa = None
        if r.swa is not None:
            swa = {"x": _num(r.swa.x), "y": _num(r.swa.y), "loss": _num(r.swa.loss),
                   "n": r.swa.n}
        runs.append({
            "label": r.label,
            "status": r.status,
            "step": [int(s) for s in r.step],
            "x": [_num(v) for v in r.x],
            "y": [_num(v) for v in r.y],
            "loss": [_num(v) for v in r.loss],
            "lr": [_num(v) for v in r.lr],
            "swa": swa,
        })
    return {"title": result.title, "params": list(result.params), "runs": runs}


def to_json(result: SceneResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, allow_nan=False) + "\n"
