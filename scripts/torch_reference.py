"""Record PyTorch reference trajectories for gdstudio scenes: the independent referee.

Every run of the given scene files is computed with ``torch.optim``,
``torch.optim.lr_scheduler`` and ``torch.optim.swa_utils.AveragedModel`` in float64,
following the scene contract (scene-format.md) and the section "Decisions where the
contract is silent" of docs/architecture.md. The result is written in the JSON format of
``gdstudio run --format json`` with every row recorded.

The script shares no code with gdstudio's optimizers, schedules, runner or scene loader;
from gdstudio it takes only the built-in surface registry (formula text, parameter names,
data file). It needs torch, numpy and, for built-in surfaces, sympy::

    /work/torchenv/bin/python scripts/torch_reference.py tests/data/scenes/*.toml \\
        --out-dir tests/data/torch

``[[run.change]]`` tables are made as scene-format.md section 7 says: before step
``at + 1``, ``param_group[key] = value`` (state kept), or with ``optimizer = NAME`` a new
``torch.optim.X([w], **hp)``. ``[run.clip]`` is ``clip_grad_norm_`` or ``clip_grad_value_``
on the gradient before ``optimizer.step()`` (section 7).

Each step is ``optimizer.step(closure)``: the closure zeroes the gradient, computes the
step's loss (full, or the step's batch: one batch per step, whatever the number of calls)
and its gradient, clips it, and returns the loss. L-BFGS calls it several times a step;
every run's JSON gets ``evals`` (closure calls so far at each row) and L-BFGS runs
``trials``, the points of each call beyond a step's first (``{"step", "x", "y"}``).

``--state`` adds each run's ``optimizer.state[p]`` after every step, by torch's names, as
``gdstudio run --state --format json`` writes it (L-BFGS's history lists left out).

``--check-conditioning TOL`` instead reruns each scene with round-off-sized nudges and
flags every run that moves by more than TOL (relative): such a run cannot be held to
1e-9 against an engine that rounds differently.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import math
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch.optim import lr_scheduler
from torch.optim.swa_utils import AveragedModel

REPO = Path(__file__).resolve().parent.parent

OPTIMIZERS = {
    "sgd": (torch.optim.SGD, ("lr", "momentum", "dampening", "weight_decay", "nesterov")),
    "adagrad": (torch.optim.Adagrad,
                ("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps")),
    "rmsprop": (torch.optim.RMSprop,
                ("lr", "alpha", "eps", "weight_decay", "momentum", "centered")),
    "adam": (torch.optim.Adam, ("lr", "betas", "eps", "weight_decay", "amsgrad")),
    "adamw": (torch.optim.AdamW, ("lr", "betas", "eps", "weight_decay", "amsgrad")),
    "nadam": (torch.optim.NAdam, ("lr", "betas", "eps", "weight_decay", "momentum_decay")),
    "radam": (torch.optim.RAdam, ("lr", "betas", "eps", "weight_decay")),
    "adamax": (torch.optim.Adamax, ("lr", "betas", "eps", "weight_decay")),
    "adadelta": (torch.optim.Adadelta, ("lr", "rho", "eps", "weight_decay")),
    "rprop": (torch.optim.Rprop, ("lr", "etas", "step_sizes")),
    "asgd": (torch.optim.ASGD, ("lr", "lambd", "alpha", "t0", "weight_decay")),
    "adafactor": (torch.optim.Adafactor, ("lr", "beta2_decay", "eps", "d", "weight_decay")),
    "lbfgs": (torch.optim.LBFGS, ("lr", "max_iter", "max_eval", "tolerance_grad",
                                  "tolerance_change", "history_size", "line_search_fn")),
}

SCHEDULES = {
    "constant": lr_scheduler.ConstantLR,
    "step": lr_scheduler.StepLR,
    "multistep": lr_scheduler.MultiStepLR,
    "exponential": lr_scheduler.ExponentialLR,
    "cosine": lr_scheduler.CosineAnnealingLR,
    "cosine_restarts": lr_scheduler.CosineAnnealingWarmRestarts,
    "cyclic": lr_scheduler.CyclicLR,
    "onecycle": lr_scheduler.OneCycleLR,
    "linear": lr_scheduler.LinearLR,
    "plateau": lr_scheduler.ReduceLROnPlateau,
    "polynomial": lr_scheduler.PolynomialLR,
}

RUN_KEYS = {"label", "optimizer", "start", "steps", "batch_size", "seed", "color",
            "schedule", "stop", "swa", "clip", "change"}
TOP_KEYS = {"title", "notes", "surface", "defaults", "run"}
SURFACE_KEYS = {"builtin", "expr", "bounds", "params", "data"}
STOP_KEYS = {"patience", "min_delta", "min_lr"}
SWA_KEYS = {"start", "every", "lr"}
FORBIDDEN_GDSTUDIO = ("gdstudio.core.optimizers", "gdstudio.core.schedules",
                      "gdstudio.core.runner", "gdstudio.core.scene")


class SceneProblem(Exception):
    """A scene this script cannot or will not run (it only ever sees our test scenes)."""


# --- formulas: a whitelisted ast walked into torch operations --------------------------

FUNCTIONS_1 = {
    "sin": torch.sin, "cos": torch.cos, "tan": torch.tan, "arcsin": torch.asin,
    "arccos": torch.acos, "arctan": torch.atan, "sinh": torch.sinh, "cosh": torch.cosh,
    "tanh": torch.tanh, "exp": torch.exp, "log": torch.log, "log10": torch.log10,
    "log2": torch.log2, "sqrt": torch.sqrt, "abs": torch.abs, "sign": torch.sign,
}
FUNCTIONS_2 = {"arctan2": torch.atan2, "min": torch.minimum, "max": torch.maximum}
CONSTANTS = {"pi": math.pi, "e": math.e}
BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a ** b,
}


def _tensor(v):
    return v if isinstance(v, torch.Tensor) else torch.tensor(float(v))


def compile_formula(text: str, names: tuple[str, ...]):
    """Return ``f(env) -> tensor | float`` for a formula; env maps names to tensors.

    Constants stay Python floats so that ``x**2`` is ``torch.pow(x, 2.0)``; an operation
    on two constants is done in torch (no Python ZeroDivisionError or complex powers).
    """
    if len(text) > 2000:
        raise SceneProblem("formula too long")
    return _compile(ast.parse(text, mode="eval").body, frozenset(names), text)


def _compile(node, names, text):
    def bad(what):
        return SceneProblem(f"formula {text!r}: {what} at column {node.col_offset + 1}")

    if isinstance(node, ast.Constant):
        if type(node.value) not in (int, float):
            raise bad("only numbers are allowed")
        v = float(node.value)
        return lambda env: v
    if isinstance(node, ast.Name):
        name = node.id
        if name in names:
            return lambda env: env[name]
        if name in CONSTANTS:
            v = CONSTANTS[name]
            return lambda env: v
        raise bad(f"unknown name {name!r}")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        arg = _compile(node.operand, names, text)
        if isinstance(node.op, ast.UAdd):
            return arg
        return lambda env: -arg(env)
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        op = BINARY[type(node.op)]
        left = _compile(node.left, names, text)
        right = _compile(node.right, names, text)

        def binop(env):
            a, b = left(env), right(env)
            if not isinstance(a, torch.Tensor) and not isinstance(b, torch.Tensor):
                a = _tensor(a)
            return op(a, b)

        return binop
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        name = node.func.id
        args = [_compile(a, names, text) for a in node.args]
        if name in FUNCTIONS_1 and len(args) == 1:
            fn1, (a1,) = FUNCTIONS_1[name], args
            return lambda env: fn1(_tensor(a1(env)))
        if name in FUNCTIONS_2 and len(args) == 2:
            fn2, (a1, a2) = FUNCTIONS_2[name], args
            return lambda env: fn2(_tensor(a1(env)), _tensor(a2(env)))
        raise bad(f"{name}() with {len(args)} arguments is not an allowed function")
    raise bad(f"{type(node).__name__} is not allowed")


# --- surfaces ---------------------------------------------------------------------------

def load_csv(path: Path) -> dict[str, torch.Tensor]:
    with open(path, newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    rows = list(csv.reader(lines))
    header = [h.strip() for h in rows[0]]
    values = np.array([[float(c) for c in r] for r in rows[1:]], dtype=np.float64)
    if values.ndim != 2 or values.shape[1] != len(header):
        raise SceneProblem(f"{path}: ragged or empty data")
    return {name: torch.from_numpy(values[:, j].copy()) for j, name in enumerate(header)}


def builtin_definition(name: str) -> tuple[str, tuple[str, str], Path | None]:
    """Formula text, parameter names and data path of a built-in, from gdstudio's registry.

    Only ``gdstudio.core.surfaces`` is imported; the check below makes sure that this
    did not pull in the optimizer, schedule, runner or scene code we referee.
    """
    sys.path.insert(0, str(REPO))
    try:
        from gdstudio.core.surfaces import BUILTINS
    finally:
        sys.path.remove(str(REPO))
    leaked = [m for m in FORBIDDEN_GDSTUDIO if m in sys.modules]
    if leaked:
        raise SceneProblem(f"importing the surface registry loaded {leaked}")
    if name not in BUILTINS:
        raise SceneProblem(f"unknown built-in surface {name!r}")
    d = BUILTINS[name]
    data = REPO / "resources" / "data" / d.data if d.data else None
    return d.expr, tuple(d.params), data


@dataclass
class Surface:
    params: tuple[str, str]
    formula: Callable[[dict], torch.Tensor | float]
    data: dict[str, torch.Tensor] | None
    n_rows: int | None

    def loss(self, w: torch.Tensor, rows: torch.Tensor | None = None) -> torch.Tensor:
        """Loss at w (shape (2,)): the formula, or the mean over (the given) data rows."""
        env = {self.params[0]: w[0], self.params[1]: w[1]}
        if self.data is None:
            return _tensor(self.formula(env))
        for k, col in self.data.items():
            env[k] = col if rows is None else col[rows]
        per_sample = _tensor(self.formula(env))
        n = self.n_rows if rows is None else len(rows)
        return per_sample.expand(n).mean()


def build_surface(table: dict, scene_dir: Path) -> Surface:
    unknown = set(table) - SURFACE_KEYS
    if unknown:
        raise SceneProblem(f"[surface]: unknown keys {sorted(unknown)}")
    if "builtin" in table:
        expr, params, data_path = builtin_definition(table["builtin"])
    else:
        expr = table["expr"]
        params = tuple(table.get("params", ("x", "y")))
        data_path = scene_dir / table["data"] if "data" in table else None
    data = load_csv(data_path) if data_path is not None else None
    names = params + (tuple(data) if data else ())
    n_rows = len(next(iter(data.values()))) if data else None
    return Surface(params, compile_formula(expr, names), data, n_rows)


# --- runs -------------------------------------------------------------------------------

@dataclass
class RunSpec:
    label: str
    optimizer: str
    hyper: dict
    start: tuple[float, float]
    steps: int
    batch_size: int | None
    seed: int
    schedule: dict | None
    stop: dict
    swa: dict | None
    clip: dict | None
    changes: list[dict]


def _hyper(table: dict, optimizer: str) -> dict:
    """The torch keywords of ``table`` (betas as a tuple), checked against ``optimizer``."""
    hyper = {k: v for k, v in table.items() if k not in RUN_KEYS and k != "at"}
    unknown = set(hyper) - set(OPTIMIZERS[optimizer][1])
    if unknown:
        raise SceneProblem(f"{optimizer}: unknown keys {sorted(unknown)}")
    for key in ("betas", "etas", "step_sizes", "eps"):
        if isinstance(hyper.get(key), list):
            hyper[key] = tuple(hyper[key])
    return hyper


def expand_runs(scene: dict, steps_override: int | None) -> list[RunSpec]:
    defaults = scene.get("defaults", {})
    specs = []
    for i, raw in enumerate(scene.get("run", [])):
        run = {**defaults, **raw}
        opt = run["optimizer"]
        if opt not in OPTIMIZERS:
            raise SceneProblem(f"run {i}: unknown optimizer {opt!r}")
        hyper = _hyper(run, opt)
        changes = raw.get("change", [])
        ats = [c["at"] for c in changes]
        if ats != sorted(set(ats)):
            raise SceneProblem(f"run {i}: changes not in increasing steps")
        label = run.get("label", opt)
        steps = steps_override if steps_override is not None else run.get("steps", 100)
        stop = dict(run.get("stop", {}))
        swa = run.get("swa")
        if set(stop) - STOP_KEYS or (swa is not None and set(swa) - SWA_KEYS):
            raise SceneProblem(f"run {i}: unknown keys in stop or swa")
        start = run["start"]
        if isinstance(start, dict):
            points = swarm_points(start)
            labels = [f"{label}[{k}]" for k in range(len(points))]
        else:
            points, labels = [tuple(start)], [label]
        for lab, pt in zip(labels, points, strict=True):
            specs.append(RunSpec(
                label=lab, optimizer=opt, hyper=hyper, start=(float(pt[0]), float(pt[1])),
                steps=steps, batch_size=run.get("batch_size"), seed=run.get("seed", 0),
                schedule=run.get("schedule"), stop=stop, swa=swa, clip=run.get("clip"),
                changes=changes))
    labels = [s.label for s in specs]
    if len(set(labels)) != len(labels):
        raise SceneProblem(f"labels are not unique: {labels}")
    return specs


def swarm_points(start: dict) -> list[tuple[float, float]]:
    if "points" in start:
        return [tuple(p) for p in start["points"]]
    (x0, x1), (y0, y1) = start["grid"]
    nx, ny = start["n"]
    xs, ys = np.linspace(x0, x1, nx), np.linspace(y0, y1, ny)
    return [(float(xs[ix]), float(ys[iy])) for iy in range(ny) for ix in range(nx)]


def make_schedule(spec: dict | None, optimizer, steps: int):
    if spec is None:
        return None
    kw = {k: v for k, v in spec.items() if k != "kind"}
    kind = spec["kind"]
    if kind == "sequential":
        inner = [make_schedule(t, optimizer, steps) for t in kw["schedules"]]
        return lr_scheduler.SequentialLR(optimizer, inner, milestones=list(kw["milestones"]))
    if kind == "chained":
        inner = [make_schedule(t, optimizer, steps) for t in kw["schedules"]]
        return lr_scheduler.ChainedScheduler(inner, optimizer=optimizer)
    if kind == "multiplicative":
        factor = kw.pop("factor")
        return lr_scheduler.MultiplicativeLR(optimizer, lambda epoch: factor, **kw)
    if kind == "constant":
        kw.setdefault("factor", 1.0)
    elif kind == "cosine":
        kw.setdefault("T_max", steps)
    elif kind == "cyclic":
        kw.setdefault("cycle_momentum", False)
    elif kind == "onecycle":
        kw.setdefault("cycle_momentum", False)
        kw.setdefault("total_steps", steps)
        if kw["total_steps"] < steps:
            raise SceneProblem("onecycle total_steps is below the run's steps")
    return SCHEDULES[kind](optimizer, **kw)


class _Point(torch.nn.Module):
    def __init__(self, start):
        super().__init__()
        self.w = torch.nn.Parameter(torch.tensor(start, dtype=torch.float64))


class Batches:
    """Row indices of each step's batch (scene-format.md section 3); None = full batch."""

    def __init__(self, n_rows: int | None, batch_size: int | None, seed: int):
        self.full = n_rows is None or batch_size is None or batch_size >= n_rows
        self.n_rows, self.batch_size = n_rows, batch_size
        self.rng = None if self.full else np.random.default_rng(seed)
        self.queue: list[np.ndarray] = []

    def next(self) -> torch.Tensor | None:
        if self.full:
            return None
        if not self.queue:
            order = self.rng.permutation(self.n_rows)
            b = self.batch_size
            self.queue = [order[i:i + b] for i in range(0, self.n_rows, b)][::-1]
        return torch.from_numpy(self.queue.pop())


class Jitter:
    """Random nudges that model an engine which rounds differently (--check-conditioning).

    Losses and learning rates move by one ulp; each gradient component moves by one ulp
    plus ``2**-52 * (1 + |w|)``, the round-off of a gradient formula whose terms cancel
    near a minimum. With ``seed=None`` nothing changes. A run is fit for a 1e-9
    comparison when these nudges move its result by far less than that.
    """

    def __init__(self, seed: int | None = None):
        self.rng = None if seed is None else np.random.default_rng(seed)

    def value(self, v: float) -> float:
        if self.rng is None or not math.isfinite(v):
            return v
        return math.nextafter(v, math.inf if self.rng.random() < 0.5 else -math.inf)

    def grad_(self, g: torch.Tensor, w: torch.Tensor) -> None:
        if self.rng is not None:
            sign = torch.from_numpy(np.where(self.rng.random(g.shape) < 0.5, 1.0, -1.0))
            nudged = torch.nextafter(g, sign * math.inf) + sign * 2.0**-52 * (1 + w.abs())
            g.copy_(torch.where(torch.isfinite(g), nudged, g))


def repoint_schedule(sched, old, new) -> None:
    """The schedule of a run drives the optimizer a switch made: it gets the learning
    rate the schedule set last and the keys the scheduler keeps in the param group
    (``initial_lr``, OneCycleLR's ``max_lr`` and ``min_lr``)."""
    if getattr(sched, "cycle_momentum", False):
        raise SceneProblem("a switch under a schedule that cycles momentum")
    group = new.param_groups[0]
    for key, value in old.param_groups[0].items():
        if key not in old.defaults and key != "params":
            group[key] = value
    group["lr"] = old.param_groups[0]["lr"]
    sched.optimizer = new


def state_row(opt, p) -> dict:
    """``opt.state[p]``: a number or 0-d tensor as a number, a tensor of two as [x, y]
    (L-BFGS's history lists are left out)."""
    out = {}
    for name, value in opt.state[p].items():
        if value is None or isinstance(value, list):
            continue
        if not isinstance(value, torch.Tensor):
            out[name] = float(value)
        elif value.dim() == 0:
            out[name] = float(value)
        else:
            out[name] = [float(value[0]), float(value[1])]
    return out


def run_one(surface: Surface, spec: RunSpec, jitter: Jitter | None = None,
            state: bool = False) -> dict:
    point = _Point(spec.start)
    p = point.w
    name = spec.optimizer
    opt = OPTIMIZERS[name][0]([p], **spec.hyper)
    changes = {c["at"]: c for c in spec.changes}
    states: list[dict] = [{}]
    sched = make_schedule(spec.schedule, opt, spec.steps)
    plateau = isinstance(sched, lr_scheduler.ReduceLROnPlateau)
    batches = Batches(surface.n_rows, spec.batch_size, spec.seed)
    swa = spec.swa
    swa_model = AveragedModel(point) if swa is not None else None
    swa_start = swa["start"] if swa else None
    swa_every = swa.get("every", 1) if swa else None
    swa_lr = swa.get("lr") if swa else None
    patience, min_delta = spec.stop.get("patience"), spec.stop.get("min_delta", 0.0)
    min_lr = spec.stop.get("min_lr")
    best, wait = math.inf, 0
    jitter = jitter or Jitter()

    def full_loss() -> float:
        with torch.no_grad():
            return jitter.value(float(surface.loss(p)))

    def lr_for_step(t: int) -> float:
        if swa_lr is not None and t >= swa_start:
            return float(swa_lr)
        return float(opt.param_groups[0]["lr"])

    rows = {"step": [0], "x": [float(p[0].detach())], "y": [float(p[1].detach())],
            "loss": [full_loss()], "lr": [None], "evals": [0]}
    calls: list[tuple[int, float, float]] = []
    trials: dict[str, list] = {"step": [], "x": [], "y": []}
    status = "max_steps"
    for t in range(1, spec.steps + 1):
        change = changes.get(t - 1)
        if change is not None and sched is not None and "lr" in change:
            raise SceneProblem(f"{spec.label}: lr changed under a schedule")
        if change is not None and "optimizer" in change:
            name = change["optimizer"]
            old, opt = opt, OPTIMIZERS[name][0]([p], **_hyper(change, name))
            if sched is not None:
                repoint_schedule(sched, old, opt)
        elif change is not None:
            for key, value in _hyper(change, name).items():
                opt.param_groups[0][key] = value
        lr_t = lr_for_step(t)
        scheduled = [g["lr"] for g in opt.param_groups]
        for g in opt.param_groups:
            g["lr"] = jitter.value(lr_t)
        batch = batches.next()
        first_call = len(calls)

        def closure(batch=batch, t=t, opt=opt):
            opt.zero_grad()
            with torch.enable_grad():
                loss = surface.loss(p, batch)
                loss.backward()
            calls.append((t, float(p[0].detach()), float(p[1].detach())))
            jitter.grad_(p.grad, p.detach())
            if spec.clip is not None and "norm" in spec.clip:
                torch.nn.utils.clip_grad_norm_([p], spec.clip["norm"],
                                               spec.clip.get("norm_type", 2.0))
            elif spec.clip is not None:
                torch.nn.utils.clip_grad_value_([p], spec.clip["value"])
            return jitter.value(float(loss.detach()))

        if name == "lbfgs":
            opt.step(closure)
        else:
            closure()
            opt.step()
        for g, lr in zip(opt.param_groups, scheduled, strict=True):
            g["lr"] = lr
        x, y, loss = float(p[0].detach()), float(p[1].detach()), full_loss()
        if not (math.isfinite(x) and math.isfinite(y) and math.isfinite(loss)):
            status = "diverged"
            break
        for k, v in zip(rows, (t, x, y, loss, lr_t, len(calls)), strict=True):
            rows[k].append(v)
        for step, cx, cy in calls[first_call + 1:]:
            trials["step"].append(step)
            trials["x"].append(cx)
            trials["y"].append(cy)
        states.append(state_row(opt, p))
        if swa_model is not None and t >= swa_start and (t - swa_start) % swa_every == 0:
            swa_model.update_parameters(point)
        if sched is not None:
            if plateau:
                sched.step(loss)
            else:
                sched.step()
        if patience is not None:
            if loss < best - min_delta:
                best, wait = loss, 0
            else:
                wait += 1
            if wait >= patience:
                status = "early_stopped"
                break
        if min_lr is not None and lr_for_step(t + 1) < min_lr:
            status = "min_lr"
            break

    swa_out = None
    if swa_model is not None and int(swa_model.n_averaged) > 0:
        wa = swa_model.module.w.detach()
        with torch.no_grad():
            la = float(surface.loss(wa))
        swa_out = {"x": _num(float(wa[0])), "y": _num(float(wa[1])), "loss": _num(la),
                   "n": int(swa_model.n_averaged)}
    out = {"label": spec.label, "status": status, **rows, "swa": swa_out}
    if spec.optimizer == "lbfgs" or any(c.get("optimizer") == "lbfgs" for c in spec.changes):
        out["trials"] = trials
    if state:
        names = list(dict.fromkeys(k for row in states for k in row))
        out["state"] = {k: [row.get(k) for row in states] for k in names}
    return out


def _num(v: float) -> float | None:
    return v if math.isfinite(v) else None


def run_scene_file(path: Path, steps: int | None = None, jitter_seed: int | None = None,
                   state: bool = False) -> dict:
    with open(path, "rb") as fh:
        scene = tomllib.load(fh)
    unknown = set(scene) - TOP_KEYS
    if unknown:
        raise SceneProblem(f"{path}: unknown top-level keys {sorted(unknown)}")
    surface = build_surface(scene["surface"], path.parent)
    jitter = Jitter(jitter_seed)
    runs = [run_one(surface, spec, jitter, state) for spec in expand_runs(scene, steps)]
    return {"title": scene["title"], "params": list(surface.params), "runs": runs}


def to_json(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, allow_nan=False) + "\n"


def relative_change(a: dict, b: dict) -> tuple[float, str]:
    """Largest relative difference between two results of one run, and where it is."""
    if a["status"] != b["status"] or a["step"] != b["step"]:
        return math.inf, f"{a['status']}@{a['step'][-1]} vs {b['status']}@{b['step'][-1]}"
    if a["evals"] != b["evals"]:
        i = next(i for i, (u, v) in enumerate(zip(a["evals"], b["evals"], strict=True))
                 if u != v)
        return math.inf, f"evals[{i}]: {a['evals'][i]} vs {b['evals'][i]}"
    worst, where = 0.0, ""
    pairs = [(k, i, u, v) for k in ("x", "y", "loss", "lr")
             for i, (u, v) in enumerate(zip(a[k], b[k], strict=True))]
    if "trials" in a:
        pairs += [(f"trials.{k}", i, u, v) for k in ("x", "y")
                  for i, (u, v) in enumerate(zip(a["trials"][k], b["trials"][k],
                                                 strict=True))]
    if a["swa"] is not None:
        pairs += [(f"swa.{k}", 0, a["swa"][k], b["swa"][k]) for k in ("x", "y", "loss")]
    for k, i, u, v in pairs:
        if u is None or v is None or u == v:
            continue
        rel = abs(u - v) / max(abs(u), abs(v))
        if rel > worst:
            worst, where = rel, f"{k}[{i}]"
    return worst, where


def check_conditioning(paths: list[Path], steps: int | None, tolerance: float) -> int:
    """Print how far one-ulp nudges move each run; the status is 1 if any moves > tolerance."""
    failed = 0
    for path in paths:
        base = run_scene_file(path, steps)
        for seed in (1, 2):
            nudged = run_scene_file(path, steps, jitter_seed=seed)
            for a, b in zip(base["runs"], nudged["runs"], strict=True):
                rel, where = relative_change(a, b)
                bad = rel > tolerance
                failed += bad
                if bad or seed == 1:
                    print(f"{'SENSITIVE' if bad else 'ok':9} {rel:9.2e} {path.stem}: "
                          f"{a['label']} ({a['status']}, {len(a['step']) - 1} steps) {where}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenes", nargs="+", type=Path, help="scene TOML files")
    ap.add_argument("--out-dir", type=Path,
                    help="write <scene-name>.json here (default: one scene, to stdout)")
    ap.add_argument("--steps", type=int, help="override every run's steps")
    ap.add_argument("--state", action="store_true",
                    help="add each run's optimizer state after every step (as run --state)")
    ap.add_argument("--check-conditioning", type=float, metavar="TOL",
                    help="instead of writing results, rerun every scene with one-ulp nudges "
                         "and report each run whose result moves by more than TOL (relative)")
    args = ap.parse_args(argv)
    torch.set_default_dtype(torch.float64)
    if args.check_conditioning is not None:
        return check_conditioning(args.scenes, args.steps, args.check_conditioning)
    if args.out_dir is None and len(args.scenes) != 1:
        ap.error("give --out-dir for more than one scene")
    for path in args.scenes:
        text = to_json(run_scene_file(path, args.steps, state=args.state))
        if args.out_dir is None:
            sys.stdout.write(text)
        else:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            (args.out_dir / f"{path.stem}.json").write_text(text, encoding="utf-8")
            print(f"{path.stem}: written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
