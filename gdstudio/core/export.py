"""Results as CSV and JSON text, in the formats of scene-format.md, section 5.

Floats are written with ``repr`` (shortest round-trip form), so a reader gets back the
exact float64 values. Non-finite values and the empty learning rate of row 0 are
written as empty CSV cells and JSON null. A CSV text cell (a run's label) that a
spreadsheet would run as a formula, one starting with ``= + - @``, a tab or a carriage
return, gets a leading single quote, as OWASP's advice on CSV injection says
(``=cmd|' /C calc'!A0`` is written ``'=cmd|' /C calc'!A0``); numbers are written as
they are, a negative one included.
"""

from __future__ import annotations

import json
import math

from gdstudio.core.runner import SceneResult

CSV_HEADER = ("run", "step", "x", "y", "loss", "lr")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _num(v: float) -> float | None:
    v = float(v)
    return v if math.isfinite(v) else None


def _cell(v: float) -> str:
    v = float(v)
    return repr(v) if math.isfinite(v) else ""


def csv_text(text: str) -> str:
    """A text cell that a spreadsheet shows as text, never runs as a formula, quoted when
    it holds a comma, a double quote or a line break (the csv module leaves a lone
    carriage return unquoted when rows end in a newline, which breaks the row)."""
    if text.startswith(FORMULA_START):
        text = "'" + text
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv(result: SceneResult) -> str:
    lines = [",".join(CSV_HEADER)]
    for r in result.runs:
        label = csv_text(r.label)
        for i in range(len(r.step)):
            lines.append(",".join((label, str(int(r.step[i])), _cell(r.x[i]), _cell(r.y[i]),
                                   _cell(r.loss[i]), _cell(r.lr[i]))))
    return "\n".join(lines) + "\n"


def to_dict(result: SceneResult) -> dict:
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
