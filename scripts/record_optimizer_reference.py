"""Record torch.optim trajectories: the golden data of tests/core/test_optimizers.py.

For each of the nine optimizers and several hyperparameter sets, three starting points
(one ``(3, 2)`` parameter tensor) take 1,000 steps of ``torch.optim.<X>`` in float64 on
the CPU, the gradient being a fixed polynomial of ``w`` evaluated in numpy (only ``+ - *``,
so that any machine reproduces it bit for bit) and assigned to ``p.grad``. Some cases set
``param_groups[0]["lr"]`` or the momentum (``momentum`` / ``betas[0]``) before every step,
as a scheduler would; the per-run cases give each start its own param group, and so its
own learning rate at every step.

For each case it also records the case's ``sensitivity``: at each stored row, how far
torch itself moves when every gradient component is nudged by one ulp (the contract holds
gdstudio to 1e-9 only where that is at most 1e-9; the cases named ``*-chaotic`` are kept
on purpose as ones where it is not), and the last row of a diagnostic run whose
``Tensor.sqrt`` is made correctly rounded (see ``ieee_sqrt``).

Also recorded: torch's constructor defaults, whether torch's constructor accepts a
battery of hyperparameter values (and its message when not), and a digest of the
``float ** float`` values the optimizers take, so that the test can tell whether this
machine's ``pow`` gives the recording machine's bits.

torch is not a gdstudio dependency; run this with an interpreter that has it::

    /work/torchenv/bin/python scripts/record_optimizer_reference.py

It writes tests/data/optimizers_reference.json (about 2 MB) in about 20 seconds.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import platform
import struct
import sys
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "optimizers_reference.json"
STEPS = 1000
UNSUPPORTED = {"self", "params", "maximize", "foreach", "capturable", "differentiable", "fused"}

OPTIMIZERS = {
    "sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
    "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "nadam": torch.optim.NAdam,
    "radam": torch.optim.RAdam, "adamax": torch.optim.Adamax,
    "adadelta": torch.optim.Adadelta, "rprop": torch.optim.Rprop, "asgd": torch.optim.ASGD,
    "adafactor": torch.optim.Adafactor,
}
# Optimizers whose rule depends on the parameter's shape (Adafactor factors a matrix): each
# run is its own 1-D parameter, as each member of a gdstudio swarm is.
PER_RUN_VECTOR = {"adafactor"}
MOMENTUM_KEY = {"sgd": "momentum", "rmsprop": "momentum", "adam": "betas", "adamw": "betas",
                "nadam": "betas", "radam": "betas", "adamax": "betas"}


# The gradients. tests/core/test_optimizers.py has the same two functions; the recorded
# "grad_probe" values let it check that they agree bit for bit.
def grad_rosenbrock(w: np.ndarray) -> np.ndarray:
    """A tenth of the gradient of (1 - x)^2 + 100 (y - x^2)^2 (minimum at (1, 1))."""
    x, y = w[:, 0], w[:, 1]
    r = y - x * x
    return np.stack([0.1 * (-2.0 * (1.0 - x) - 400.0 * x * r), 0.1 * (200.0 * r)], axis=1)


def grad_bowl(w: np.ndarray) -> np.ndarray:
    """Gradient of 1.5 u^2 + 0.5 v^2 + 0.5 u v + 0.05 u^4, u = x - 1, v = y + 0.5."""
    u, v = w[:, 0] - 1.0, w[:, 1] + 0.5
    return np.stack([3.0 * u + 0.5 * v + 0.2 * u * u * u, v + 0.5 * u], axis=1)


GRADS = {"rosenbrock": grad_rosenbrock, "bowl": grad_bowl}
STARTS = {"rosenbrock": [[-1.5, 2.0], [0.5, -0.5], [2.0, 1.5]],
          "bowl": [[-2.0, 2.0], [3.0, -1.0], [0.2, 0.4]]}


def lr_wave(base: float, steps: int = STEPS) -> list[float]:
    """A learning rate that changes every step: a triangle wave between base/10 and base."""
    t = np.arange(steps)
    tri = np.abs((t % 100) / 50.0 - 1.0)
    return [float(v) for v in base * (0.1 + 0.9 * tri)]


def momentum_wave(lo: float, hi: float, steps: int = STEPS) -> list[float]:
    """A momentum that changes every step: a triangle wave between lo and hi."""
    t = np.arange(steps)
    tri = np.abs((t % 80) / 40.0 - 1.0)
    return [float(v) for v in lo + (hi - lo) * tri]


def per_run_lr(bases: list[float], steps: int = STEPS) -> list[list[float]]:
    """One learning rate per run and step: each run halves its own at its own steps."""
    drops = (150, 250, 400)
    return [[b * 0.5 ** (t // every) for b, every in zip(bases, drops, strict=True)]
            for t in range(steps)]


def cases() -> list[dict]:
    c: list[dict] = []

    def add(opt: str, tag: str, grad: str, hp: dict, **extra) -> None:
        c.append({"id": f"{opt}-{tag}", "optimizer": opt, "grad": grad, "hp": hp, **extra})

    add("sgd", "defaults", "rosenbrock", {})
    add("sgd", "momentum", "rosenbrock", {"lr": 1e-3, "momentum": 0.9})
    add("sgd", "dampening", "rosenbrock", {"lr": 2e-3, "momentum": 0.8, "dampening": 0.3})
    add("sgd", "nesterov", "rosenbrock", {"lr": 1e-3, "momentum": 0.9, "nesterov": True})
    add("sgd", "weight_decay", "rosenbrock", {"lr": 1e-3, "momentum": 0.5, "weight_decay": 0.1})
    add("sgd", "weight_decay-plain", "bowl", {"lr": 0.05, "weight_decay": 0.3})
    add("sgd", "large-lr", "bowl", {"lr": 0.2})
    add("sgd", "small-lr", "rosenbrock", {"lr": 1e-5, "momentum": 0.9})
    add("sgd", "lr-seq", "rosenbrock", {"momentum": 0.9}, lr_seq=lr_wave(2e-3))
    add("sgd", "momentum-seq", "bowl", {"lr": 0.02, "momentum": 0.9, "dampening": 0.1},
        momentum_seq=momentum_wave(0.5, 0.95))
    add("sgd", "per-run-lr", "bowl", {"momentum": 0.9, "nesterov": True},
        lr_per_run=per_run_lr([0.05, 0.01, 0.002]))

    add("adagrad", "defaults", "rosenbrock", {})
    add("adagrad", "lr_decay", "rosenbrock", {"lr": 0.5, "lr_decay": 0.01})
    add("adagrad", "initial_accumulator_value", "bowl",
        {"lr": 0.1, "initial_accumulator_value": 0.5})
    add("adagrad", "weight_decay", "rosenbrock", {"lr": 0.1, "weight_decay": 0.05})
    add("adagrad", "eps", "bowl", {"lr": 0.3, "eps": 0.1})
    add("adagrad", "large-lr", "bowl", {"lr": 1.0})
    add("adagrad", "small-lr", "rosenbrock", {"lr": 1e-4})
    add("adagrad", "lr-seq", "rosenbrock", {"lr_decay": 0.001}, lr_seq=lr_wave(0.3))
    add("adagrad", "per-run-lr", "bowl", {}, lr_per_run=per_run_lr([0.5, 0.1, 0.02]))

    add("rmsprop", "defaults", "bowl", {})
    add("rmsprop", "alpha", "bowl", {"lr": 1e-3, "alpha": 0.9})
    add("rmsprop", "centered", "bowl", {"lr": 1e-3, "centered": True})
    add("rmsprop", "momentum", "rosenbrock", {"lr": 1e-3, "momentum": 0.9})
    add("rmsprop", "centered-momentum", "rosenbrock",
        {"lr": 1e-3, "centered": True, "momentum": 0.5})
    add("rmsprop", "weight_decay", "rosenbrock",
        {"lr": 1e-3, "weight_decay": 0.1, "momentum": 0.3})
    add("rmsprop", "eps", "bowl", {"lr": 0.01, "eps": 0.1})
    add("rmsprop", "large-lr", "bowl", {"lr": 0.05, "eps": 1e-2})
    add("rmsprop", "chaotic", "bowl", {"lr": 0.1, "alpha": 0.9, "eps": 1e-3})
    add("rmsprop", "small-lr", "rosenbrock", {"lr": 1e-5})
    add("rmsprop", "lr-seq", "bowl", {"centered": True}, lr_seq=lr_wave(2e-3))
    add("rmsprop", "momentum-seq", "rosenbrock", {"lr": 1e-3, "momentum": 0.9},
        momentum_seq=momentum_wave(0.3, 0.9))
    add("rmsprop", "per-run-lr", "rosenbrock", {"momentum": 0.5},
        lr_per_run=per_run_lr([2e-3, 1e-3, 5e-4]))

    for opt in ("adam", "adamw"):
        add(opt, "defaults", "rosenbrock", {})
        add(opt, "lr", "rosenbrock", {"lr": 1e-2})
        add(opt, "weight_decay", "rosenbrock", {"lr": 1e-2, "weight_decay": 0.3})
        add(opt, "amsgrad", "bowl", {"lr": 1e-2, "amsgrad": True})
        add(opt, "amsgrad-weight_decay", "rosenbrock",
            {"lr": 1e-2, "amsgrad": True, "weight_decay": 0.1})
        add(opt, "betas", "bowl", {"lr": 1e-2, "betas": [0.45, 0.999]})
        add(opt, "eps", "bowl", {"lr": 1e-2, "eps": 0.1})
        add(opt, "large-lr", "bowl", {"lr": 0.3, "eps": 1e-3})
        add(opt, "small-lr", "rosenbrock", {"lr": 1e-5})
        add(opt, "lr-seq", "rosenbrock", {}, lr_seq=lr_wave(2e-2))
        add(opt, "momentum-seq", "rosenbrock", {"lr": 1e-2},
            momentum_seq=momentum_wave(0.3, 0.95))
        add(opt, "per-run-lr", "rosenbrock", {"amsgrad": True},
            lr_per_run=per_run_lr([2e-2, 1e-2, 5e-3]))
    add("adam", "chaotic", "rosenbrock", {"lr": 1e-2, "betas": [0.3, 0.9]})
    add("adam", "decoupled_weight_decay", "rosenbrock",
        {"lr": 1e-2, "weight_decay": 0.3, "decoupled_weight_decay": True})

    add("nadam", "defaults", "rosenbrock", {})
    add("nadam", "weight_decay", "rosenbrock", {"lr": 1e-2, "weight_decay": 0.1})
    add("nadam", "decoupled_weight_decay", "rosenbrock",
        {"lr": 1e-2, "weight_decay": 0.3, "decoupled_weight_decay": True})
    add("nadam", "momentum_decay", "rosenbrock", {"lr": 1e-2, "momentum_decay": 0.04})
    add("nadam", "betas", "bowl", {"lr": 1e-2, "betas": [0.4, 0.99]})
    add("nadam", "large-lr", "bowl", {"lr": 0.1, "eps": 1e-3})
    add("nadam", "small-lr", "rosenbrock", {"lr": 1e-5})
    add("nadam", "lr-seq", "rosenbrock", {}, lr_seq=lr_wave(2e-2))
    add("nadam", "momentum-seq", "rosenbrock", {"lr": 1e-2},
        momentum_seq=momentum_wave(0.3, 0.95))
    add("nadam", "per-run-lr", "rosenbrock", {}, lr_per_run=per_run_lr([2e-2, 1e-2, 5e-3]))

    add("radam", "defaults", "rosenbrock", {})
    add("radam", "weight_decay", "rosenbrock", {"lr": 1e-2, "weight_decay": 0.1})
    add("radam", "decoupled_weight_decay", "rosenbrock",
        {"lr": 1e-2, "weight_decay": 0.3, "decoupled_weight_decay": True})
    add("radam", "betas", "bowl", {"lr": 1e-2, "betas": [0.45, 0.99]})
    add("radam", "beta2-small", "bowl", {"lr": 1e-2, "betas": [0.9, 0.5]})
    add("radam", "large-lr", "bowl", {"lr": 0.3, "eps": 1e-3})
    add("radam", "small-lr", "rosenbrock", {"lr": 1e-5})
    add("radam", "lr-seq", "rosenbrock", {}, lr_seq=lr_wave(2e-2))
    add("radam", "momentum-seq", "rosenbrock", {"lr": 1e-2},
        momentum_seq=momentum_wave(0.3, 0.95))
    add("radam", "per-run-lr", "rosenbrock", {}, lr_per_run=per_run_lr([2e-2, 1e-2, 5e-3]))

    add("adamax", "defaults", "rosenbrock", {})
    add("adamax", "weight_decay", "rosenbrock", {"lr": 1e-2, "weight_decay": 0.1})
    add("adamax", "betas", "bowl", {"lr": 1e-2, "betas": [0.2, 0.99]})
    add("adamax", "large-lr", "bowl", {"lr": 0.3, "eps": 1e-3})
    add("adamax", "small-lr", "rosenbrock", {"lr": 1e-5})
    add("adamax", "lr-seq", "rosenbrock", {}, lr_seq=lr_wave(2e-2))
    add("adamax", "momentum-seq", "rosenbrock", {"lr": 1e-2},
        momentum_seq=momentum_wave(0.3, 0.95))
    add("adamax", "per-run-lr", "rosenbrock", {}, lr_per_run=per_run_lr([2e-2, 1e-2, 5e-3]))

    add("adadelta", "defaults", "bowl", {})
    add("adadelta", "weight_decay", "bowl", {"weight_decay": 0.1})
    add("adadelta", "rho", "bowl", {"rho": 0.5})
    add("adadelta", "eps", "bowl", {"eps": 1e-3})
    add("adadelta", "large-lr", "bowl", {"lr": 1.5})
    add("adadelta", "small-lr", "rosenbrock", {"lr": 0.01})
    add("adadelta", "lr-seq", "bowl", {}, lr_seq=lr_wave(1.0))
    add("adadelta", "per-run-lr", "bowl", {}, lr_per_run=per_run_lr([1.0, 0.5, 0.2]))
    add("adadelta", "chaotic", "rosenbrock", {})

    add("rprop", "defaults", "bowl", {})
    add("rprop", "etas", "rosenbrock", {"lr": 1e-3, "etas": [0.3, 1.5]})
    add("rprop", "step_sizes", "bowl", {"lr": 0.1, "step_sizes": [1e-3, 0.05]})
    add("rprop", "lr-seq", "bowl", {}, lr_seq=lr_wave(0.05))
    add("rprop", "per-run-lr", "rosenbrock", {}, lr_per_run=per_run_lr([1e-3, 2e-3, 5e-4]))

    add("asgd", "defaults", "bowl", {})
    add("asgd", "t0", "bowl", {"lr": 0.05, "t0": 100.0})
    add("asgd", "lambd-alpha", "rosenbrock", {"lr": 1e-3, "lambd": 0.01, "alpha": 0.5,
                                              "t0": 10.0})
    add("asgd", "weight_decay", "bowl", {"lr": 0.02, "weight_decay": 0.1, "t0": 300.0})
    add("asgd", "lr-seq", "rosenbrock", {"t0": 50.0}, lr_seq=lr_wave(2e-3))
    add("asgd", "per-run-lr", "bowl", {"t0": 200.0}, lr_per_run=per_run_lr([0.05, 0.02, 0.1]))

    add("adafactor", "defaults", "bowl", {})
    add("adafactor", "beta2_decay-chaotic", "rosenbrock", {"lr": 1e-2, "beta2_decay": -0.5})
    add("adafactor", "eps-chaotic", "bowl", {"lr": 0.05, "eps": [1e-20, 1e-2]})
    add("adafactor", "d-chaotic", "rosenbrock", {"lr": 1e-2, "d": 2.0})
    add("adafactor", "weight_decay-chaotic", "bowl", {"lr": 0.05, "weight_decay": 0.1})
    add("adafactor", "lr-seq-chaotic", "bowl", {}, lr_seq=lr_wave(0.05))
    add("adafactor", "per-run-lr-chaotic", "rosenbrock", {},
        lr_per_run=per_run_lr([1e-2, 5e-3, 2e-2]))
    return c


def recorded_rows(steps: int = STEPS) -> list[int]:
    """Steps whose parameters are stored: the first 20, then every 10th, and the last."""
    return sorted(set(range(1, 21)) | set(range(10, steps + 1, 10)) | {steps})


def torch_kwargs(hp: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in hp.items()}


def current(params: list[torch.Tensor]) -> np.ndarray:
    """The runs' parameters as one (3, 2) array."""
    return torch.cat([p.detach().reshape(-1, 2) for p in params]).numpy().copy()


def run_case(case: dict, perturb: float = 0.0) -> np.ndarray:
    """The case's parameters after each recorded step, shape (rows, 3, 2).

    ``perturb`` = +inf or -inf moves every gradient component one ulp that way, to
    measure how much the case amplifies round-off.
    """
    cls = OPTIMIZERS[case["optimizer"]]
    grad = GRADS[case["grad"]]
    start = torch.tensor(STARTS[case["grad"]], dtype=torch.float64)
    kwargs = torch_kwargs(case["hp"])
    per_run = case.get("lr_per_run")
    if case["optimizer"] in PER_RUN_VECTOR:
        params = [start[i].clone() for i in range(start.shape[0])]
    elif per_run is None:
        params = [start.clone()]
    else:
        params = [start[i:i + 1].clone() for i in range(start.shape[0])]
    if per_run is None:
        opt = cls(params, **kwargs)
    else:
        opt = cls([{"params": [p], "lr": per_run[0][i]} for i, p in enumerate(params)],
                  **kwargs)
    rows = set(recorded_rows())
    out = []
    for t in range(STEPS):
        if case.get("lr_seq") is not None:
            opt.param_groups[0]["lr"] = case["lr_seq"][t]
        if per_run is not None:
            for i, group in enumerate(opt.param_groups):
                group["lr"] = per_run[t][i]
        if case.get("momentum_seq") is not None:
            m = case["momentum_seq"][t]
            group = opt.param_groups[0]
            if MOMENTUM_KEY[case["optimizer"]] == "momentum":
                group["momentum"] = m
            else:
                group["betas"] = (m, group["betas"][1])
        g = grad(current(params))
        if perturb:
            g = np.nextafter(g, perturb)
        for i, p in enumerate(params):
            p.grad = torch.from_numpy(g.copy() if len(params) == 1 else
                                      g[i].copy() if p.dim() == 1 else g[i:i + 1].copy())
        opt.step()
        if t + 1 in rows:
            out.append(current(params))
    return np.array(out)


def relative_error(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per recorded row: max over runs of max|a - b| / max|b| (the same as the test's)."""
    with np.errstate(all="ignore"):
        err = np.abs(a - b).max(axis=2) / np.abs(b).max(axis=2)
    return np.where(np.isnan(err), np.inf, err).max(axis=1)


@contextmanager
def ieee_sqrt():
    """Make ``Tensor.sqrt`` / ``sqrt_`` correctly rounded (numpy's), for the diagnostic run.

    torch's CPU sqrt of float64 goes through MKL's vector math (VML_HA), which misrounds
    about 1.3% of its results by one ulp; nothing in numpy can reproduce that. With the
    IEEE square root, torch and gdstudio (with an exact fused multiply-add) agree bit for
    bit, which shows that every other operation is mirrored exactly.
    """
    sqrt, sqrt_ = torch.Tensor.sqrt, torch.Tensor.sqrt_

    def ieee(self):
        return torch.from_numpy(np.sqrt(self.detach().numpy()))

    def ieee_(self):
        return self.copy_(ieee(self))

    torch.Tensor.sqrt, torch.Tensor.sqrt_ = ieee, ieee_
    try:
        yield
    finally:
        torch.Tensor.sqrt, torch.Tensor.sqrt_ = sqrt, sqrt_


def record(case: dict) -> dict:
    w = run_case(case)
    if not np.isfinite(w).all():
        raise SystemExit(f"{case['id']}: not finite")
    sensitivity = np.maximum(relative_error(run_case(case, np.inf), w),
                             relative_error(run_case(case, -np.inf), w))
    with ieee_sqrt():
        w_ieee = run_case(case)
    return {**case, "w": w.tolist(),
            "sensitivity": [float(f"{s:.2e}") for s in sensitivity],
            "w_ieee_sqrt_last": w_ieee[-1].tolist()}


def check_single_tensor_path() -> None:
    """Fail unless every optimizer's step() goes through its _single_tensor_* function."""
    import importlib

    for name, cls in OPTIMIZERS.items():
        base = "adam" if name == "adamw" else name   # AdamW is Adam with decoupled decay
        module = importlib.import_module("torch.optim._adafactor" if name == "adafactor"
                                         else f"torch.optim.{base}")
        fn_name = f"_single_tensor_{base}"
        original = getattr(module, fn_name)
        calls = []

        def spy(*args, _orig=original, _calls=calls, **kwargs):
            _calls.append(1)
            return _orig(*args, **kwargs)

        setattr(module, fn_name, spy)
        try:
            p = torch.zeros(3, 2)
            p.grad = torch.ones(3, 2)
            cls([p]).step()
        finally:
            setattr(module, fn_name, original)
        if len(calls) != 1:
            raise SystemExit(f"{cls.__name__}.step() did not call {fn_name}")


def torch_defaults() -> dict:
    out = {}
    for name, cls in OPTIMIZERS.items():
        sig = inspect.signature(cls.__init__)
        out[name] = {k: list(p.default) if isinstance(p.default, tuple) else p.default
                     for k, p in sig.parameters.items() if k not in UNSUPPORTED}
    return out


def validation_battery() -> list[dict]:
    """Hyperparameter values (floats and bools only) and whether torch accepts them."""
    values = [-1.0, -1e-12, -0.0, 0.0, 1e-12, 0.3, 0.5, 0.999999, 1.0, 1.000001, 1.5, 100.0]
    battery = []

    def probe(name: str, hp: dict) -> None:
        p = torch.zeros(3, 2)
        try:
            OPTIMIZERS[name]([p], **torch_kwargs(hp))
        except ValueError as e:
            battery.append({"optimizer": name, "hp": hp, "accepted": False, "message": str(e)})
        else:
            battery.append({"optimizer": name, "hp": hp, "accepted": True, "message": None})

    for name, defaults in torch_defaults().items():
        for key, default in defaults.items():
            if isinstance(default, bool):
                continue
            if isinstance(default, list):
                for v in values:
                    probe(name, {key: [v, 0.999]})
                    probe(name, {key: [0.9, v]})
            else:
                for v in values:
                    probe(name, {key: v})
    for nesterov in (False, True):
        for momentum in (0.0, 0.9):
            for dampening in (-0.1, 0.0, 0.1):
                probe("sgd", {"momentum": momentum, "dampening": dampening,
                              "nesterov": nesterov})
    return battery


POW_BASES = (0.9, 0.999, 0.3, 0.4, 0.2, 0.99, 0.5, 0.95)
POW_MOMENTUM_DECAYS = (4e-3, 0.04)


def pow_probe() -> dict:
    """A digest of ``base ** k`` (k = 1 .. STEPS + 1) and NAdam's ``0.96 ** (k * psi)``.

    The test recomputes the same values; if the digests agree, this machine's ``pow`` gives
    the recording machine's bits for the powers the optimizers take.
    """
    values = [base ** float(k) for base in POW_BASES for k in range(1, STEPS + 2)]
    values += [0.96 ** (k * md) for md in POW_MOMENTUM_DECAYS for k in range(1, STEPS + 2)]
    digest = hashlib.sha256(struct.pack(f"<{len(values)}d", *values)).hexdigest()
    return {"bases": POW_BASES, "momentum_decays": POW_MOMENTUM_DECAYS,
            "max_step": STEPS + 1, "sha256": digest}


def main() -> int:
    torch.set_default_dtype(torch.float64)
    check_single_tensor_path()
    probe_points = np.array([[-1.5, 2.0], [0.3, -0.7], [1.0, 1.0], [2.5, -3.25]])
    data = {
        "about": "torch.optim trajectories, float64, CPU; written by "
                 "scripts/record_optimizer_reference.py",
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "platform": f"{platform.machine()} {platform.system()}, "
                    f"cpu capability {torch.backends.cpu.get_cpu_capability()}",
        "steps": STEPS,
        "rows": recorded_rows(),
        "starts": STARTS,
        "grad_probe": {name: {"w": probe_points.tolist(), "g": f(probe_points).tolist()}
                       for name, f in GRADS.items()},
        "pow_probe": pow_probe(),
        "torch_defaults": torch_defaults(),
        "validation": validation_battery(),
        "cases": [],
    }
    for case in cases():
        data["cases"].append(record(case))
        print(case["id"], f"sensitivity {max(data['cases'][-1]['sensitivity']):.1e}",
              file=sys.stderr)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(data['cases'])} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
