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
from typing import TYPE_CHECKING, Any

from gdstudio.core.errors import GdError, Msg

if TYPE_CHECKING:
    from gdstudio.core.scene import Scene

Raw = dict[str, Any]

__all__ = ["EditError", "add_run", "add_run_at", "duplicate_run", "fork_optimizer", "fork_run",
           "fork_steps", "labels_in_use", "move_start", "remove_run", "set_bounds",
           "set_optimizer", "set_run_keys", "set_surface", "unique_label"]


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


def fork_run(raw: Raw, index: int, at: int, **changes: Any) -> Raw:
    """Change hyperparameters of run ``index`` after step ``at`` (a ``[[run.change]]``;
    step ``at + 1`` is the first to use them), keeping steps 0 .. ``at`` as they were.

    A later edit at an earlier step wins: each key set here is dropped from the run's
    changes at or after ``at`` (a change left with nothing but its ``at`` goes), then set
    in the change at ``at``, made in its place in step order if there is none."""
    out = copy.deepcopy(raw)
    run = _run(out, index)
    changes = {k: copy.deepcopy(v) for k, v in changes.items()}
    kept = []
    for c in _changes(run):
        if c.get("at", 0) > at:
            c = {k: v for k, v in c.items() if k not in changes}
            if set(c) <= {"at"}:
                continue
        kept.append(c)
    here = next((c for c in kept if c.get("at") == at), None)
    if here is None:
        here = {"at": at}
        kept.append(here)
        kept.sort(key=lambda c: c.get("at", 0))
    here.update(changes)
    run["change"] = kept
    return out


def fork_optimizer(raw: Raw, index: int, at: int, name: str, **hyper: Any) -> Raw:
    """Switch run ``index`` to a fresh optimizer ``name`` after step ``at`` (with
    ``hyper`` over its defaults). Every change of the run at or after ``at`` goes: it
    was made for the optimizer that the switch replaces."""
    out = copy.deepcopy(raw)
    run = _run(out, index)
    kept = [c for c in _changes(run) if c.get("at", 0) < at]
    kept.append({"at": at, "optimizer": name, **copy.deepcopy(hyper)})
    run["change"] = kept
    return out


def fork_steps(old: Scene | None, new: Scene | None) -> dict[int, int] | None:
    """For two scenes (:class:`gdstudio.core.scene.Scene`) that differ only in their
    runs' ``[[run.change]]`` tables: each run whose changes differ -> the first step
    they differ at. Rows 0 .. that step of the run, and every row of the other runs,
    are the same in both scenes. None when anything else differs (the runs must start
    again)."""
    import dataclasses

    import numpy as np

    if old is None or new is None or len(old.runs) != len(new.runs) or any(
            getattr(old, f) != getattr(new, f) for f in ("surface", "defaults", "path")):
        return None
    out: dict[int, int] = {}
    for g, (a, b) in enumerate(zip(old.runs, new.runs, strict=True)):
        for f in dataclasses.fields(a):
            if f.name in ("changes", "raw"):
                continue
            x, y = getattr(a, f.name), getattr(b, f.name)
            same = np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y
            if not same:
                return None
        if a.changes != b.changes:
            first = next((i for i, (c, d) in enumerate(zip(a.changes, b.changes,
                                                               strict=False))
                          if c != d), min(len(a.changes), len(b.changes)))
            out[g] = min(cs[first].at for cs in (a.changes, b.changes) if first < len(cs))
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


def _changes(run: Raw) -> list[Raw]:
    changes = run.get("change", [])
    return [c for c in changes if isinstance(c, dict)] if isinstance(changes, list) else []


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
