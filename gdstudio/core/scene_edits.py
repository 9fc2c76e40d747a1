"""Edits of a scene as pure functions: each takes the plain scene dict (as a TOML file
holds it) and returns a new one, leaving its argument untouched.

The window applies them through its session, which keeps the dict before each edit for
undo; the CLI and notebooks can use them the same way. They change what a user can change
in the window (a key of a run, its optimizer, its start, the runs themselves, the
surface) and keep the dict a scene: whether the result validates is still
:func:`gdstudio.core.scene.scene_from_dict`'s to say. One rule makes labels unique
(:func:`unique_label`), whoever adds a run.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from gdstudio.core.errors import GdError, Msg

Raw = dict[str, Any]

__all__ = ["EditError", "add_run", "add_run_at", "duplicate_run", "labels_in_use",
           "move_start", "remove_run", "set_bounds", "set_optimizer", "set_run_keys",
           "set_surface", "unique_label"]


class EditError(GdError, ValueError):
    """An edit that cannot be made to this scene (the scene is left as it was)."""


def labels_in_use(raw: Raw) -> set[str]:
    """The label of every run: its own, or the optimizer's name it defaults to."""
    return {_label(run) for run in _runs(raw)}


def unique_label(raw: Raw, stem: str) -> str:
    """``stem`` if no run has it, else ``"stem 2"``, ``"stem 3"``, ... (the first free).
    A taken label that ends in a number counts on from it: "Adam 2" gives "Adam 3"."""
    taken = labels_in_use(raw)
    if stem not in taken:
        return stem
    n = 2
    base, _, number = stem.rpartition(" ")
    if base and number.isdigit():
        stem, n = base, int(number) + 1
    while f"{stem} {n}" in taken:
        n += 1
    return f"{stem} {n}"


def set_run_keys(raw: Raw, index: int, **changes: Any) -> Raw:
    """Set keys of run ``index``; a value of None removes the key."""
    out = copy.deepcopy(raw)
    run = _run(out, index)
    for key, value in changes.items():
        if value is None:
            run.pop(key, None)
        else:
            run[key] = copy.deepcopy(value)
    return out


def set_optimizer(raw: Raw, index: int, name: str,
                  known: dict[str, Iterable[str]] | None = None) -> Raw:
    """Switch run ``index`` to optimizer ``name``, dropping the hyperparameters of its old
    optimizer that the new one does not take (lr, weight_decay, ... carry over)."""
    if known is None:
        from gdstudio.core.optimizers import OPTIMIZERS

        known = {k: tuple(v.defaults) for k, v in OPTIMIZERS.items()}
    out = copy.deepcopy(raw)
    run = _run(out, index)
    old = set(known.get(run.get("optimizer", ""), ()))
    keep = set(known.get(name, ()))
    for key in list(run):
        if key in old and key not in keep:
            run.pop(key)
    run["optimizer"] = name
    return out


def move_start(raw: Raw, index: int, point: Sequence[float]) -> Raw:
    """Move run ``index``'s start to ``point`` (a single start; a swarm becomes one run)."""
    return set_run_keys(raw, index, start=[float(point[0]), float(point[1])])


def add_run(raw: Raw, run: Raw | None = None, *, at: int | None = None) -> tuple[Raw, int]:
    """Append ``run`` (plain SGD by default) or insert it at ``at``, with a unique label
    made from its own (or its optimizer's name); returns the new dict and the run's index."""
    out = copy.deepcopy(raw)
    runs = out.setdefault("run", [])
    new = copy.deepcopy(run) if run is not None else {"label": "SGD", "optimizer": "sgd"}
    new["label"] = unique_label(out, _label(new))
    index = len(runs) if at is None else max(0, min(at, len(runs)))
    runs.insert(index, new)
    return out, index


def duplicate_run(raw: Raw, index: int) -> tuple[Raw, int]:
    """A copy of run ``index`` just after it, with a unique label and its own colour."""
    base = copy.deepcopy(_run(raw, index))
    base.pop("color", None)
    return add_run(raw, base, at=index + 1)


def add_run_at(raw: Raw, point: Sequence[float], like: int | None = None) -> tuple[Raw, int]:
    """A new run starting at ``point``: a copy of run ``like`` (its label made unique, its
    colour dropped) or plain SGD; appended last."""
    runs = _runs(raw)
    if like is not None and 0 <= like < len(runs):
        base = copy.deepcopy(runs[like])
        base.pop("color", None)
    else:
        base = {"label": "SGD", "optimizer": "sgd"}
    base["start"] = [float(point[0]), float(point[1])]
    return add_run(raw, base)


def remove_run(raw: Raw, index: int) -> Raw:
    """Remove run ``index``; a scene keeps at least one run."""
    if len(_runs(raw)) <= 1:
        raise EditError(Msg("a scene needs at least one run"))
    out = copy.deepcopy(raw)
    _run(out, index)
    out["run"].pop(index)
    return out


def set_surface(raw: Raw, surface: Raw) -> Raw:
    """Replace the ``[surface]`` table."""
    out = copy.deepcopy(raw)
    out["surface"] = copy.deepcopy(surface)
    return out


def set_bounds(raw: Raw, bounds: Sequence[Sequence[float]]) -> Raw:
    """Set the plotted window ``[[x0, x1], [y0, y1]]`` of the surface."""
    out = copy.deepcopy(raw)
    out.setdefault("surface", {})["bounds"] = [[float(v) for v in b] for b in bounds]
    return out


def _runs(raw: Raw) -> list[Raw]:
    runs = raw.get("run", [])
    return [r for r in runs if isinstance(r, dict)] if isinstance(runs, list) else []


def _run(raw: Raw, index: int) -> Raw:
    runs = raw.get("run")
    if not isinstance(runs, list) or not 0 <= index < len(runs) or not isinstance(
            runs[index], dict):
        raise EditError(Msg("there is no run {index} in this scene", index=index))
    run: Raw = runs[index]
    return run


def _label(run: Raw) -> str:
    label = run.get("label")
    if isinstance(label, str) and label.strip():
        return label
    return str(run.get("optimizer", "run"))
