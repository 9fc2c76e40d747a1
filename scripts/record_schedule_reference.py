"""Record what torch.optim.lr_scheduler sets, step by step, for tests/core/test_schedules.py.

For every case below, a real torch optimizer (SGD with momentum, Adam for betas, RMSprop,
Adagrad) is built over a dummy float64 parameter and driven as a training loop drives
it: the scheduler is constructed, then each step calls ``optimizer.step()`` and
``scheduler.step()`` (ReduceLROnPlateau: ``scheduler.step(loss)`` with the case's
prescribed loss sequence, one optimizer and scheduler per sequence). Before each of the
``steps`` steps, and once more after the last, it records ``param_groups[0]["lr"]``
and, with ``cycle_momentum``, ``momentum`` or ``betas[0]``.

The scene contract's two differences from torch (``cycle_momentum`` off by default,
``constant`` with ``factor = 1``) and its derived defaults (``T_max`` and
``total_steps`` = the run's steps) are applied here, independently of gdstudio, which
this script does not import. Run it with the torch venv::

    /work/torchenv/bin/python scripts/record_schedule_reference.py \\
        --out tests/data/schedules_reference.json
"""

from __future__ import annotations

import argparse
import json
import math
import warnings
from pathlib import Path

import numpy as np
import torch
from torch.optim import lr_scheduler

REPO = Path(__file__).resolve().parent.parent

SCHEDULERS = {
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
OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam,
              "rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad}
SGD = ("sgd", {"lr": 0.1, "momentum": 0.9})
ADAM = ("adam", {"lr": 0.01, "betas": (0.9, 0.999)})


def torch_kwargs(schedule: dict, steps: int) -> dict:
    """The scheduler's keyword arguments: the scene table with the contract's defaults."""
    kind = schedule["kind"]
    kw = {k: v for k, v in schedule.items() if k != "kind"}
    if kind == "constant":
        kw.setdefault("factor", 1.0)
    elif kind == "cosine":
        kw.setdefault("T_max", steps)
    elif kind in ("cyclic", "onecycle"):
        kw.setdefault("cycle_momentum", False)
        if kind == "onecycle":
            kw.setdefault("total_steps", steps)
    return kw


def build(opt, schedule: dict, steps: int):
    """The torch scheduler of a scene table; chains build their inner tables first, on the
    same optimizer, as a training script does."""
    kind = schedule["kind"]
    kw = torch_kwargs(schedule, steps)
    if kind == "sequential":
        inner = [build(opt, t, steps) for t in kw["schedules"]]
        return lr_scheduler.SequentialLR(opt, inner, milestones=list(kw["milestones"]))
    if kind == "chained":
        return lr_scheduler.ChainedScheduler([build(opt, t, steps) for t in kw["schedules"]],
                                             optimizer=opt)
    if kind == "multiplicative":
        factor = kw.pop("factor")
        return lr_scheduler.MultiplicativeLR(opt, lambda epoch: factor, **kw)
    return SCHEDULERS[kind](opt, **kw)


def record_one(optimizer: str, hyper: dict, schedule: dict, steps: int,
               losses: list[float] | None) -> tuple[list[float], list[float] | None]:
    p = torch.nn.Parameter(torch.zeros(2))
    opt = OPTIMIZERS[optimizer]([p], **hyper)
    kw = torch_kwargs(schedule, steps)
    sched = build(opt, schedule, steps)
    group = opt.param_groups[0]
    cycling = bool(kw.get("cycle_momentum"))
    lrs, moms = [], []
    for t in range(steps + 1):
        lrs.append(float(group["lr"]))
        if cycling:
            moms.append(float(group["betas"][0] if "betas" in group else group["momentum"]))
        if t == steps:
            break
        p.grad = torch.zeros(2)
        opt.step()
        if losses is None:
            sched.step()
        else:
            sched.step(losses[t])
    return lrs, (moms if cycling else None)


# -- loss sequences for ReduceLROnPlateau --------------------------------------------------

def _r(x: np.ndarray) -> list[float]:
    return [float(v) for v in np.round(x, 9)]


def min_losses(steps: int, seed: int) -> list[list[float]]:
    rng = np.random.default_rng(seed)
    t = np.arange(steps, dtype=np.float64)
    plateau = np.where(t < 120, 1 + np.exp(-t / 30), 1 + math.exp(-4))
    noisy = np.exp(-t / 80) * (1 + 0.05 * rng.standard_normal(steps))
    stairs = np.floor(20 * np.exp(-t / 150)) * 0.5
    rising = 0.5 + t / 100
    wave = 1 + 0.5 * np.sin(t / 7) * np.exp(-t / 400)
    diverged = np.exp(-t / 60)
    diverged[steps // 2:] = np.nan
    diverged[steps // 2] = np.inf
    return [_r(plateau), _r(noisy), _r(stairs), _r(rising), _r(wave), _r(diverged)]


def max_losses(steps: int, seed: int) -> list[list[float]]:
    rng = np.random.default_rng(seed)
    t = np.arange(steps, dtype=np.float64)
    accuracy = 1 - np.exp(-t / 50) + 0.01 * rng.standard_normal(steps)
    stairs = np.floor(10 * (1 - np.exp(-t / 100))) / 10
    flat = np.full(steps, 0.7)
    falling = 2 - t / 200
    return [_r(accuracy), _r(stairs), _r(flat), _r(falling)]


# -- the cases --------------------------------------------------------------------------------

def cases() -> list[dict]:
    out: list[dict] = []

    def add(case_id, schedule, steps, opt=SGD, losses=None):
        out.append({"id": case_id, "optimizer": opt[0], "hyper": dict(opt[1]),
                    "schedule": schedule, "steps": steps, "losses": losses})

    add("constant-default", {"kind": "constant"}, 300)
    add("constant-half-40", {"kind": "constant", "factor": 0.5, "total_iters": 40}, 300)
    add("constant-third-0", {"kind": "constant", "factor": 1 / 3, "total_iters": 0}, 300)
    add("constant-0.3-7", {"kind": "constant", "factor": 0.3, "total_iters": 7}, 300)
    add("constant-beyond", {"kind": "constant", "factor": 0.25, "total_iters": 500}, 300)
    add("constant-zero-never", {"kind": "constant", "factor": 0.0, "total_iters": 400}, 300)

    add("step-30-half", {"kind": "step", "step_size": 30, "gamma": 0.5}, 400)
    add("step-1-0.99", {"kind": "step", "step_size": 1, "gamma": 0.99}, 1000)
    add("step-default-gamma", {"kind": "step", "step_size": 100}, 500)
    add("step-7-1.1", {"kind": "step", "step_size": 7, "gamma": 1.1}, 300)

    add("multistep-3", {"kind": "multistep", "milestones": [30, 80, 200], "gamma": 0.5}, 400)
    add("multistep-at-0", {"kind": "multistep", "milestones": [0, 10, 11], "gamma": 0.3}, 300)
    add("multistep-empty", {"kind": "multistep", "milestones": []}, 300)
    add("multistep-default-gamma", {"kind": "multistep", "milestones": [50, 150]}, 300)

    add("exponential-0.99", {"kind": "exponential", "gamma": 0.99}, 500)
    add("exponential-0.995", {"kind": "exponential", "gamma": 0.995}, 1000)
    add("exponential-1.001", {"kind": "exponential", "gamma": 1.001}, 300)
    add("exponential-1/3", {"kind": "exponential", "gamma": 1 / 3}, 300)

    add("cosine-default", {"kind": "cosine"}, 500)
    add("cosine-100-eta", {"kind": "cosine", "T_max": 100, "eta_min": 0.001}, 500)
    add("cosine-37-eta", {"kind": "cosine", "T_max": 37, "eta_min": 0.01}, 400)
    add("cosine-1", {"kind": "cosine", "T_max": 1}, 300)
    add("cosine-2", {"kind": "cosine", "T_max": 2, "eta_min": 0.05}, 300)
    add("cosine-long", {"kind": "cosine", "T_max": 1000}, 600)
    add("cosine-adam", {"kind": "cosine", "T_max": 64, "eta_min": 1e-4}, 700, opt=ADAM)

    add("restarts-50", {"kind": "cosine_restarts", "T_0": 50}, 400)
    add("restarts-10x2", {"kind": "cosine_restarts", "T_0": 10, "T_mult": 2,
                          "eta_min": 1e-3}, 1000)
    add("restarts-7x3", {"kind": "cosine_restarts", "T_0": 7, "T_mult": 3, "eta_min": 0.02},
        600)
    add("restarts-1", {"kind": "cosine_restarts", "T_0": 1}, 300)
    add("restarts-1x2", {"kind": "cosine_restarts", "T_0": 1, "T_mult": 2}, 600)

    cyc = {"kind": "cyclic", "base_lr": 0.001, "max_lr": 0.05}
    add("cyclic-triangular", {**cyc, "step_size_up": 40}, 500)
    add("cyclic-triangular2-down", {**cyc, "step_size_up": 25, "step_size_down": 50,
                                    "mode": "triangular2"}, 600)
    add("cyclic-exp-range", {**cyc, "step_size_up": 30, "mode": "exp_range", "gamma": 0.995},
        600)
    add("cyclic-exp-range-down", {**cyc, "step_size_up": 17, "step_size_down": 33,
                                  "mode": "exp_range", "gamma": 0.9993}, 500)
    add("cyclic-default-size", cyc, 300)
    add("cyclic-sawtooth", {**cyc, "step_size_up": 20, "step_size_down": 0}, 300)
    add("cyclic-inverted", {"kind": "cyclic", "base_lr": 0.08, "max_lr": 0.01,
                            "step_size_up": 15, "step_size_down": 45}, 400)
    add("cyclic-momentum-sgd", {**cyc, "step_size_up": 40, "cycle_momentum": True}, 500)
    add("cyclic-momentum-adam-exp", {**cyc, "step_size_up": 30, "mode": "exp_range",
                                     "gamma": 0.997, "cycle_momentum": True,
                                     "base_momentum": 0.85, "max_momentum": 0.95}, 500,
        opt=ADAM)
    add("cyclic-momentum-adam-tri2", {**cyc, "step_size_up": 20, "step_size_down": 60,
                                      "mode": "triangular2", "cycle_momentum": True}, 500,
        opt=ADAM)
    add("cyclic-momentum-rmsprop", {**cyc, "step_size_up": 33, "cycle_momentum": True,
                                    "base_momentum": 0.5, "max_momentum": 0.7}, 400,
        opt=("rmsprop", {"lr": 0.01, "momentum": 0.5}))
    add("cyclic-scale-mode-given", {**cyc, "step_size_up": 30, "mode": "exp_range",
                                    "gamma": 0.99, "scale_mode": "iterations"}, 300)

    one = {"kind": "onecycle", "max_lr": 0.1}
    add("onecycle-cos", one, 500)
    add("onecycle-linear", {**one, "anneal_strategy": "linear"}, 500)
    add("onecycle-three-cos", {**one, "three_phase": True}, 500)
    add("onecycle-three-linear", {**one, "three_phase": True, "anneal_strategy": "linear",
                                  "pct_start": 0.25}, 600)
    add("onecycle-longer-total", {**one, "total_steps": 800, "pct_start": 0.4}, 500)
    add("onecycle-pct-0", {**one, "pct_start": 0.0}, 300)
    add("onecycle-pct-1", {**one, "pct_start": 1.0, "total_steps": 301}, 300)
    add("onecycle-small-pct", {**one, "pct_start": 0.001}, 300)
    add("onecycle-three-0.6", {**one, "three_phase": True, "pct_start": 0.6}, 300)
    add("onecycle-divs", {**one, "div_factor": 10.0, "final_div_factor": 100.0,
                          "pct_start": 0.123}, 457)
    add("onecycle-momentum-sgd", {**one, "cycle_momentum": True}, 500)
    add("onecycle-momentum-adam-three", {**one, "cycle_momentum": True, "three_phase": True,
                                         "base_momentum": 0.8, "max_momentum": 0.9,
                                         "anneal_strategy": "linear"}, 500, opt=ADAM)
    add("onecycle-momentum-adam-cos", {**one, "cycle_momentum": True, "total_steps": 1000},
        700, opt=ADAM)

    add("linear-default", {"kind": "linear"}, 300)
    add("linear-warmup-100", {"kind": "linear", "start_factor": 0.1, "total_iters": 100}, 400)
    add("linear-decay-to-0", {"kind": "linear", "start_factor": 1.0, "end_factor": 0.0,
                              "total_iters": 300}, 300)
    add("linear-half-quarter", {"kind": "linear", "start_factor": 0.5, "end_factor": 0.25,
                                "total_iters": 50}, 300)
    add("linear-0-iters", {"kind": "linear", "start_factor": 0.2, "total_iters": 0}, 300)
    add("linear-adam", {"kind": "linear", "start_factor": 0.01, "end_factor": 0.7,
                        "total_iters": 999}, 1000, opt=ADAM)

    add("polynomial-default", {"kind": "polynomial"}, 300)
    add("polynomial-100-2", {"kind": "polynomial", "total_iters": 100, "power": 2.0}, 300)
    add("polynomial-250-0.7", {"kind": "polynomial", "total_iters": 250, "power": 0.7}, 300,
        opt=ADAM)
    add("polynomial-0-iters", {"kind": "polynomial", "total_iters": 0}, 100)
    add("multiplicative-0.99", {"kind": "multiplicative", "factor": 0.99}, 500)
    add("multiplicative-1.01", {"kind": "multiplicative", "factor": 1.01}, 300)
    add("multiplicative-1/3", {"kind": "multiplicative", "factor": 1 / 3}, 300, opt=ADAM)

    warm = {"kind": "linear", "start_factor": 0.1, "total_iters": 20}
    add("sequential-warmup-cosine", {"kind": "sequential", "milestones": [20],
                                     "schedules": [warm, {"kind": "cosine", "T_max": 280}]},
        300)
    add("sequential-warmup-cosine-default", {"kind": "sequential", "milestones": [30],
                                             "schedules": [warm, {"kind": "cosine"}]}, 300)
    add("sequential-three", {"kind": "sequential", "milestones": [10, 50],
                             "schedules": [{"kind": "constant", "factor": 0.5},
                                           {"kind": "exponential", "gamma": 0.97},
                                           {"kind": "step", "step_size": 30, "gamma": 0.5}]},
        300)
    add("sequential-multiplicative-at-milestone",
        {"kind": "sequential", "milestones": [15],
         "schedules": [{"kind": "exponential", "gamma": 0.9},
                       {"kind": "multiplicative", "factor": 0.99}]}, 200)
    add("sequential-milestone-0", {"kind": "sequential", "milestones": [0],
                                   "schedules": [warm, {"kind": "polynomial",
                                                        "total_iters": 100}]}, 200)
    add("sequential-unsorted", {"kind": "sequential", "milestones": [40, 10],
                                "schedules": [{"kind": "step", "step_size": 5, "gamma": 0.8},
                                              {"kind": "linear", "start_factor": 0.5},
                                              {"kind": "multistep", "milestones": [0, 20]}]},
        200)
    add("sequential-repeated", {"kind": "sequential", "milestones": [25, 25],
                                "schedules": [warm, {"kind": "constant", "factor": 0.1},
                                              {"kind": "cosine", "T_max": 50,
                                               "eta_min": 0.001}]}, 200, opt=ADAM)
    add("chained-warmup-exponential", {"kind": "chained",
                                       "schedules": [warm, {"kind": "exponential",
                                                            "gamma": 0.99}]}, 300)
    add("chained-constant-cosine", {"kind": "chained",
                                    "schedules": [{"kind": "constant", "factor": 0.5,
                                                   "total_iters": 40},
                                                  {"kind": "cosine", "T_max": 100}]}, 300)
    add("chained-three", {"kind": "chained",
                          "schedules": [{"kind": "multistep", "milestones": [0, 50]},
                                        {"kind": "polynomial", "total_iters": 150,
                                         "power": 1.5},
                                        {"kind": "multiplicative", "factor": 1.001}]}, 300,
        opt=ADAM)

    pl = {"kind": "plateau"}
    n = 300
    add("plateau-default", pl, n, losses=min_losses(n, 1))
    add("plateau-abs-stairs", {**pl, "threshold": 0.5, "threshold_mode": "abs",
                               "patience": 3}, n, losses=min_losses(n, 2))
    add("plateau-max-rel", {**pl, "mode": "max", "threshold": 0.01, "patience": 5}, n,
        losses=max_losses(n, 3))
    add("plateau-max-abs-cooldown", {**pl, "mode": "max", "threshold": 0.02,
                                     "threshold_mode": "abs", "cooldown": 3, "patience": 2}, n,
        losses=max_losses(n, 4))
    add("plateau-cooldown-min-lr", {**pl, "cooldown": 5, "patience": 3, "factor": 0.5,
                                    "min_lr": 1e-3}, n, losses=min_losses(n, 5))
    add("plateau-patience-0", {**pl, "patience": 0, "factor": 0.7}, n, losses=min_losses(n, 6))
    add("plateau-eps", {**pl, "patience": 2, "factor": 0.5, "eps": 1e-2}, n,
        opt=("sgd", {"lr": 0.05, "momentum": 0.9}), losses=min_losses(n, 7))
    add("plateau-factor-0", {**pl, "patience": 4, "factor": 0.0, "min_lr": 1e-4}, n,
        losses=min_losses(n, 8))
    add("plateau-threshold-1", {**pl, "threshold": 1.0, "patience": 5}, n,
        losses=min_losses(n, 9))
    add("plateau-abs-0", {**pl, "threshold": 0.0, "threshold_mode": "abs", "patience": 1,
                          "factor": 0.9}, n, opt=("adagrad", {"lr": 0.3}),
        losses=min_losses(n, 10))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "tests" / "data" /
                    "schedules_reference.json")
    args = ap.parse_args(argv)
    torch.set_default_dtype(torch.float64)
    warnings.simplefilter("error")
    records = []
    for case in cases():
        seqs = case["losses"] or [None]
        lrs, mom = [], None
        for seq in seqs:
            lr, mom = record_one(case["optimizer"], case["hyper"], case["schedule"],
                                 case["steps"], seq)
            lrs.append(lr)
        records.append({**case, "hyper": {k: list(v) if isinstance(v, tuple) else v
                                          for k, v in case["hyper"].items()},
                        "lr": lrs, "momentum": mom})
    doc = {"generator": "scripts/record_schedule_reference.py", "torch": torch.__version__,
           "note": "lr[i][t] is param_groups[0]['lr'] before step t + 1 (t = steps: after "
                   "the last step) for loss sequence i; momentum likewise, with "
                   "cycle_momentum only",
           "cases": records}
    args.out.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(records)} cases -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
