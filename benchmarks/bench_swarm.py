"""A swarm of 10,000 starts x 1,000 Adam steps on Rosenbrock, three ways, in one run.

- gdstudio: the real engine (``SceneRun`` on a 100 x 100 grid swarm), recording every row.
- hand-fused numpy: the same maths written inline, nothing recorded (the floor).
- torch.optim.Adam on a (10000, 2) float64 tensor with autograd (the reference), doing
  the same work as the engine: each step's weights and per-start losses are kept, as
  gdstudio keeps every row. The same loop without keeping anything is reported too. torch
  is not a dependency: it runs in a subprocess of the interpreter named by
  ``GDSTUDIO_TORCH_PYTHON`` (or this one, if it can import torch); without it those lines
  are reported as skipped.
"""

import os
import subprocess
import sys
import textwrap
import time

import numpy as np

from benchmarks.common import Result

N_SIDE, STEPS, LR = 100, 1000, 0.01
SCENE = f"""
[surface]
builtin = "rosenbrock"
[[run]]
label = "adam"
optimizer = "adam"
lr = {LR}
steps = {STEPS}
start = {{ grid = [[-2.0, 2.0], [-1.0, 3.0]], n = [{N_SIDE}, {N_SIDE}] }}
"""

TORCH = textwrap.dedent(f"""
    import time, torch
    torch.set_default_dtype(torch.float64)
    xs = torch.linspace(-2.0, 2.0, {N_SIDE}); ys = torch.linspace(-1.0, 3.0, {N_SIDE})
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    p = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1).clone().requires_grad_(True)
    opt = torch.optim.Adam([p], lr={LR})
    record = RECORD
    t = time.perf_counter()
    ws, losses = [], []
    for _ in range({STEPS}):
        opt.zero_grad()
        x, y = p[:, 0], p[:, 1]
        per_start = (1 - x)**2 + 100*(y - x**2)**2
        per_start.sum().backward()
        opt.step()
        if record:
            ws.append(p.detach().clone())
            losses.append(per_start.detach().clone())
    print(time.perf_counter() - t)
""")


def gdstudio_time() -> float:
    from gdstudio.core.runner import SceneRun
    from gdstudio.core.scene import load_scene

    run = SceneRun(load_scene(SCENE))
    t = time.perf_counter()
    run.advance(STEPS)
    return time.perf_counter() - t


def fused_time() -> float:
    xs = np.linspace(-2.0, 2.0, N_SIDE)
    ys = np.linspace(-1.0, 3.0, N_SIDE)
    gx, gy = np.meshgrid(xs, ys)
    w = np.column_stack([gx.ravel(), gy.ravel()])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    g = np.empty_like(w)
    b1, b2, eps = 0.9, 0.999, 1e-8
    t0 = time.perf_counter()
    with np.errstate(all="ignore"):
        for t in range(1, STEPS + 1):
            x, y = w[:, 0], w[:, 1]
            r = y - x * x
            g[:, 0] = -2 * (1 - x) - 400 * x * r
            g[:, 1] = 200 * r
            m += (1 - b1) * (g - m)
            v *= b2
            v += (1 - b2) * g * g
            denom = np.sqrt(v) / np.sqrt(1 - b2**t) + eps
            w -= (LR / (1 - b1**t)) * m / denom
            _ = (1 - w[:, 0]) ** 2 + 100 * (w[:, 1] - w[:, 0] ** 2) ** 2
    return time.perf_counter() - t0


def torch_python() -> str | None:
    candidate = os.environ.get("GDSTUDIO_TORCH_PYTHON")
    for exe in filter(None, [candidate, sys.executable, "/work/torchenv/bin/python"]):
        if os.path.exists(exe) and subprocess.run(
                [exe, "-c", "import torch"], capture_output=True).returncode == 0:
            return exe
    return None


def torch_time(exe: str, record: bool) -> float:
    code = TORCH.replace("RECORD", str(record))
    out = subprocess.run([exe, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def run() -> list[Result]:
    ours = min(gdstudio_time() for _ in range(3))
    fused = min(fused_time() for _ in range(3))
    results = [Result(
        name=f"swarm {N_SIDE * N_SIDE:,} x {STEPS:,} Adam on rosenbrock vs hand-fused numpy",
        measured=f"{ours:.2f} s", baseline=f"{fused:.2f} s (fused numpy)",
        ratio=ours / fused, target="<= 1.5", ok=ours / fused <= 1.5)]
    exe = torch_python()
    if exe is None:
        results.append(Result(name="same swarm vs torch.optim.Adam", measured=f"{ours:.2f} s",
                              baseline="torch not available (set GDSTUDIO_TORCH_PYTHON)",
                              target="torch / ours >= 2", ok=True))
    else:
        ref = min(torch_time(exe, record=True) for _ in range(3))
        bare = min(torch_time(exe, record=False) for _ in range(3))
        results.append(Result(
            name="same swarm vs torch.optim.Adam (autograd, keeping every step like us)",
            measured=f"{ours:.2f} s", baseline=f"{ref:.2f} s (torch)", ratio=ref / ours,
            target="torch / ours >= 2", ok=ref / ours >= 2))
        results.append(Result(
            name="same swarm vs torch.optim.Adam keeping nothing (for reference)",
            measured=f"{ours:.2f} s", baseline=f"{bare:.2f} s (torch)", ratio=bare / ours,
            target="-", ok=True))
    return results
