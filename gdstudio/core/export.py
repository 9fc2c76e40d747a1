"""Results as CSV and JSON text, in the formats of scene-format.md, section 5.

Floats are written with ``repr`` (shortest round-trip form), so a reader gets back the
exact float64 values. Non-finite values and the empty learning rate of row 0 are
written as empty CSV cells and JSON null. A CSV text cell (a run's label) that a
spreadsheet would run as a formula, one starting with ``= + - @``, a tab or a carriage
return, gets a leading single quote, as OWASP's advice on CSV injection says
(``=cmd|' /C calc'!A0`` is written ``'=cmd|' /C calc'!A0``); numbers are written as
they are, a negative one included.

Every JSON run has an ``"evals"`` column: the closure calls (loss and gradient
evaluations) up to each row, one per step for every optimizer but L-BFGS. A run of a
group that uses L-BFGS also has ``"trials"``: ``{"step": [...], "x": [...], "y": [...]}``,
each point its closure was called at within a recorded step beyond the step's first call
(line-search trial points, inner iterations), in order. The CSV has an ``evals`` column
after ``lr`` when some run uses L-BFGS (other CSVs keep their columns).

A result run with ``state=True`` also carries the optimizer's state (scene-format.md,
section 7): CSV columns ``state.NAME.x``, ``state.NAME.y`` for a tensor and
``state.NAME`` for a number, after ``lr``, the names of every run in order of first
appearance; JSON a ``"state"`` object per run, NAME -> column of ``[x, y]`` pairs or
numbers. A state a run does not have at a row (row 0, another optimizer) is empty/null.

The text is produced piece by piece from each group's column arrays (:func:`iter_csv`,
:func:`iter_json`), a block of members at a time, so a swarm of 100,000 starts is
written without a Python object per run or per cell along the way; from a
:class:`~gdstudio.core.runner.SceneStream` (``gdstudio run``) each group is run, written
and let go before the next, so neither the whole text nor every group's rows are held.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import numpy as np

from gdstudio.core.runner import GroupResult, SceneResult, SceneStream

CSV_HEADER = ("run", "step", "x", "y", "loss", "lr")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BLOCK_CELLS = 1 << 14
_T = TypeVar("_T")
"""Rows of a group turned into text at once: their Python floats and strings, about half
a kilobyte a row, are what writing holds beyond the arrays (8 MB a block)."""


def _num(v: float) -> float | None:
    v = float(v)
    return v if math.isfinite(v) else None


def _floats(a: np.ndarray, empty: str | None) -> list[float | str | None]:
    """The values of ``a`` as Python floats, ``empty`` where they are not finite."""
    out: list[float | str | None] = a.tolist()
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


def csv_text(text: str) -> str:
    """A text cell that a spreadsheet shows as text, never runs as a formula, quoted when
    it holds a comma, a double quote or a line break (the csv module leaves a lone
    carriage return unquoted when rows end in a newline, which breaks the row)."""
    if text.startswith(FORMULA_START):
        text = "'" + text
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _state_names(groups: list[GroupResult]) -> dict[str, bool]:
    """Every state name of the groups in order of first appearance -> whether it is a
    tensor; empty when they have no state."""
    names: dict[str, bool] = {}
    for g in groups:
        for name, col in (g.state or {}).items():
            names.setdefault(name, col.ndim == 3)
    return names


def _state_cells(g: GroupResult, names: dict[str, bool], sl: slice, valid: np.ndarray,
                 step: np.ndarray) -> list[list[str]]:
    """The state columns of a block of members' rows, as CSV cells."""
    member = np.repeat(np.arange(sl.start, sl.stop), g.count[sl])
    rows = step[valid]
    cells: list[list[str]] = []
    for name, tensor in names.items():
        col = (g.state or {}).get(name)
        parts = ([col[rows, member, 0], col[rows, member, 1]] if tensor else
                 [col[rows, member]]) if col is not None else None
        for k in range(2 if tensor else 1):
            if parts is None:
                cells.append([""] * len(rows))
            else:
                cells.append([v if v == "" else repr(v) for v in _floats(parts[k], "")])
    return cells


def iter_csv(result: SceneResult | SceneStream) -> Iterator[str]:
    """The CSV text in pieces: the header, then the rows of a block of members at a time.

    From a :class:`SceneStream` each group is written before the next one is asked for
    (with its state on, every group first: the header names the state columns of all)."""
    groups: Iterable[GroupResult] = result.groups
    if isinstance(result, SceneStream) and result.state:
        groups = list(groups)
    names = _state_names(groups) if isinstance(groups, list) else {}
    with_evals = result.trials if isinstance(result, SceneStream) else \
        any(g.trials is not None for g in result.groups)
    header = list(CSV_HEADER) + (["evals"] if with_evals else [])
    for name, tensor in names.items():
        header += [f"state.{name}.x", f"state.{name}.y"] if tensor else [f"state.{name}"]
    yield ",".join(header) + "\n"
    yield from _each_group(groups, _csv_rows, names, with_evals)


def _each_group(groups: Iterable[GroupResult], pieces: Callable[..., Iterator[_T]],
                *args: Any) -> Iterator[_T]:
    """``pieces(g, *args)`` of each group in turn. A group is let go before the next one
    is asked for (a for loop would still hold it then), so from a :class:`SceneStream`
    one group's rows are held at a time."""
    return itertools.chain.from_iterable(map(lambda g: pieces(g, *args), groups))


def _csv_rows(g: GroupResult, names: dict[str, bool], with_evals: bool) -> Iterator[str]:
    labels = np.array([csv_text(label) for label in g.labels], dtype=object)
    for sl, valid, step in _blocks(g):
        run = labels[sl].repeat(g.count[sl]).tolist()
        cells = [list(map(str, step[valid].tolist()))]
        for a in (g.x, g.y, g.loss, g.lr):
            cells.append([v if v == "" else repr(v) for v in _floats(a[sl][valid], "")])
        if with_evals:
            cells.append(list(map(str, _evals(g, sl, valid))))
        if names:
            cells += _state_cells(g, names, sl, valid, step)
        yield "".join(",".join(row) + "\n" for row in zip(run, *cells, strict=True))


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


def _evals(g: GroupResult, sl: slice, valid: np.ndarray) -> list[int]:
    if g.evals is None:
        return [0] * int(valid.sum())
    return [int(v) for v in g.evals[sl][valid]]


def to_csv(result: SceneResult) -> str:
    return "".join(iter_csv(result))


def _run_dicts(groups: Iterable[GroupResult]) -> Iterator[dict[str, Any]]:
    return _each_group(groups, _group_dicts)


def _group_dicts(g: GroupResult) -> Iterator[dict[str, Any]]:
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
                "evals": [] if r.evals is None else r.evals.astype(np.int64).tolist(),
                "swa": swa,
            } | ({} if r.trials is None else {"trials": _trials_json(r.trials)}) \
              | ({} if r.state is None else {"state": _state_json(r.state)})


def _trials_json(trials: tuple[np.ndarray, np.ndarray]) -> dict[str, list[Any]]:
    step, xy = trials
    return {"step": step.tolist(), "x": _floats(xy[:, 0], None),
            "y": _floats(xy[:, 1], None)}


def to_dict(result: SceneResult) -> dict[str, Any]:
    return {"title": result.title, "params": list(result.params),
            "runs": list(_run_dicts(result.groups))}


def iter_json(result: SceneResult | SceneStream) -> Iterator[str]:
    """The JSON text of :func:`to_dict` in pieces, one run at a time (from a
    :class:`SceneStream`, each group before the next one is asked for)."""
    head = json.dumps({"title": result.title, "params": list(result.params)},
                      ensure_ascii=False, allow_nan=False)
    yield head[:-1] + ', "runs": ['
    for i, run in enumerate(_run_dicts(result.groups)):
        yield (", " if i else "") + json.dumps(run, ensure_ascii=False, allow_nan=False)
    yield "]}\n"


def to_json(result: SceneResult) -> str:
    return "".join(iter_json(result))
