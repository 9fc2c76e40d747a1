"""Results as CSV and JSON text, in the formats of scene-format.md, section 5.

Floats are written with ``repr`` (shortest round-trip form), so a reader gets back the
exact float64 values. Non-finite values and the empty learning rate of row 0 are
written as empty CSV cells and JSON null. A CSV text cell (a run's label) that a
spreadsheet would run as a formula, one starting with ``= + - @``, a tab or a carriage
return, gets a leading single quote, as OWASP's advice on CSV injection says
(``=cmd|' /C calc'!A0`` is written ``'=cmd|' /C calc'!A0``); numbers are written as
they are, a negative one included.

A result run with ``state=True`` also carries the optimizer's state (scene-format.md,
section 7): CSV columns ``state.NAME.x``, ``state.NAME.y`` for a tensor and
``state.NAME`` for a number, after ``lr``, the names of every run in order of first
appearance; JSON a ``"state"`` object per run, NAME -> column of ``[x, y]`` pairs or
numbers. A state a run does not have at a row (row 0, another optimizer) is empty/null.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from gdstudio.core.runner import RunResult, SceneResult

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


def _state_names(result: SceneResult) -> dict[str, bool] | None:
    """Every state name of the result's runs in order of first appearance -> whether it
    is a tensor; None when the result has no state."""
    if all(r.state is None for r in result.runs):
        return None
    names: dict[str, bool] = {}
    for r in result.runs:
        for name, col in (r.state or {}).items():
            names.setdefault(name, col.ndim == 2)
    return names


def _state_cells(r: RunResult, names: dict[str, bool], i: int) -> list[str]:
    cells = []
    for name, tensor in names.items():
        col = (r.state or {}).get(name)
        if col is None:
            cells += ["", ""] if tensor else [""]
        elif tensor:
            cells += [_cell(col[i, 0]), _cell(col[i, 1])]
        else:
            cells.append(_cell(col[i]))
    return cells


def to_csv(result: SceneResult) -> str:
    names = _state_names(result)
    header = list(CSV_HEADER)
    for name, tensor in (names or {}).items():
        header += [f"state.{name}.x", f"state.{name}.y"] if tensor else [f"state.{name}"]
    lines = [",".join(header)]
    for r in result.runs:
        label = csv_text(r.label)
        for i in range(len(r.step)):
            row = [label, str(int(r.step[i])), _cell(r.x[i]), _cell(r.y[i]),
                   _cell(r.loss[i]), _cell(r.lr[i])]
            if names is not None:
                row += _state_cells(r, names, i)
            lines.append(",".join(row))
    return "\n".join(lines) + "\n"


_StateColumn = list[list[float | None] | None] | list[float | None]


def _state_json(state: dict[str, np.ndarray]) -> dict[str, _StateColumn]:
    out: dict[str, _StateColumn] = {}
    for name, col in state.items():
        if col.ndim == 2:
            out[name] = [None if np.isnan(p).all() else [_num(p[0]), _num(p[1])]
                         for p in col]
        else:
            out[name] = [_num(v) for v in col]
    return out


def to_dict(result: SceneResult) -> dict[str, Any]:
    runs: list[dict[str, Any]] = []
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
        if r.state is not None:
            runs[-1]["state"] = _state_json(r.state)
    return {"title": result.title, "params": list(result.params), "runs": runs}


def to_json(result: SceneResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, allow_nan=False) + "\n"
