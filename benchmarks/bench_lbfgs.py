"""A swarm of 10,000 L-BFGS starts (max_iter 1, history_size 10, lr 0.1) x 200 steps on
Rosenbrock, against torch.optim.LBFGS looping over the same starts.

- gdstudio: ``run_scene(scene, every=200)`` on a 100 x 100 grid swarm in a fresh process
  (each start its own L-BFGS, the whole swarm one array operation at a time).
- torch: one tensor and one ``torch.optim.LBFGS`` per start, each stepped 200 times with
  a closure (autograd), one thread, as a user of torch writes it: L-BFGS takes no batch
  of independent models. That costs about a millisecond a step, so it is timed on
  ``TORCH_STARTS`` starts spread over the same grid (evenly over the 10,000 indices:
  with 100, a diagonal of the grid) and scaled to 10,000: each start's cost does not
  depend on the others. Set ``GDSTUDIO_LBFGS_TORCH_STARTS=10000`` to time them all.
  torch runs in the interpreter ``bench_swarm.torch_python`` finds; without one that line
  is reported as skipped.
"""

import os
import textwrap

from benchmarks.bench_swarm import fresh, torch_python
from benchmarks.common import Result

N_SIDE, STEPS, LR, HISTORY = 100, 200, 0.1, 10
N = N_SIDE * N_SIDE
TORCH_STARTS = int(os.environ.get("GDSTUDIO_LBFGS_TORCH_STARTS", "100"))
SCENE = f"""
[surface]
builtin = "rosenbrock"
[[run]]
label = "lbfgs"
optimizer = "lbfgs"
lr = {LR}
max_iter = 1
history_size = {HISTORY}
steps = {STEPS}
start = {{ grid = [[-2.0, 2.0], [-1.0, 3.0]], n = [{N_SIDE}, {N_SIDE}] }}
"""

GDSTUDIO = textwrap.dedent(f"""
    import time
    import gdstudio
    scene = gdstudio.load_scene({SCENE!r})
    t = time.perf_counter()
    result = gdstudio.run_scene(scene, every={STEPS})
    print(time.perf_counter() - t)
""")

TORCH = textwrap.dedent(f"""
    import time, torch
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    xs = torch.linspace(-2.0, 2.0, {N_SIDE}); ys = torch.linspace(-1.0, 3.0, {N_SIDE})
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    starts = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)
    picked = starts[torch.linspace(0, {N} - 1, {TORCH_STARTS}).round().long()]
    t = time.perf_counter()
    kept = []
    for start in picked:
        p = start.clone().requires_grad_(True)
        opt = torch.optim.LBFGS([p], lr={LR}, max_iter=1, history_size={HISTORY})

        def closure():
            opt.zero_grad()
            loss = (1 - p[0])**2 + 100*(p[1] - p[0]**2)**2
            loss.backward()
            return loss

        for _ in range({STEPS}):
            opt.step(closure)
        kept.append(p.detach().numpy().copy())
    print((time.perf_counter() - t) * {N} / len(picked))
""")


def run() -> list[Result]:
    name = (f"swarm {N:,} x {STEPS} L-BFGS (max_iter 1, history {HISTORY}) on rosenbrock, "
            f"run_scene(every={STEPS})")
    ours = fresh(GDSTUDIO)
    exe = torch_python()
    if exe is None:
        return [Result(name=f"{name} vs torch.optim.LBFGS per start", measured=f"{ours:.2f} s",
                       baseline="torch not available (set GDSTUDIO_TORCH_PYTHON)",
                       target="torch / ours >= 10", ok=True)]
    ref = fresh(TORCH, exe, repeat=1)
    scaled = "" if TORCH_STARTS >= N else f", {TORCH_STARTS} starts timed, scaled to {N:,}"
    return [Result(name=f"{name} vs torch.optim.LBFGS per start (a loop of {N:,} optimizers)",
                   measured=f"{ours:.2f} s", baseline=f"{ref:.1f} s (torch{scaled})",
                   ratio=ref / ours, target="torch / ours >= 10", ok=ref / ours >= 10)]
