"""A 200 x 200 basin map of Himmelblau's function: 40,000 starts x 500 gradient-descent
steps, classified against the minima, in one run with two baselines.

- gdstudio: ``analysis.basin_map`` (the run engine: optimizer, surface gradient, divergence checks,
  critical points for the minima, nearest-minimum labels).
- hand-fused numpy: the same 40,000 x 500 steps with Himmelblau's gradient written inline
  (the floor for a vectorised numpy implementation).
- one start: the same 500 steps through the core optimizer for a single start, times
  40,000 (what a per-start loop would cost); reported as the speed-up.
"""

import time

import numpy as np

from benchmarks.common import Result, best_of

N, STEPS, LR = 200, 500, 0.001
TARGET_S = 5.0


def gdstudio_time() -> tuple[float, dict]:
    from gdstudio.core.analysis import basin_map
    from gdstudio.core.scene import scene_from_dict
    from gdstudio.core.surfaces import builtin_surface

    s = builtin_surface("himmelblau")
    run = scene_from_dict({"surface": {"builtin": "himmelblau"},
                           "run": [{"optimizer": "sgd", "lr": LR, "start": [0.0, 0.0]}]}).runs[0]
    t = time.perf_counter()
    bm = basin_map(s, run, n=N, steps=STEPS)
    return time.perf_counter() - t, bm.counts()


def fused_time() -> float:
    xs = np.linspace(-5.0, 5.0, N)
    gx, gy = np.meshgrid(xs, xs, indexing="ij")
    x, y = gx.reshape(-1).copy(), gy.reshape(-1).copy()
    t = time.perf_counter()
    for _ in range(STEPS):
        a = x * x + y - 11
        b = x + y * y - 7
        dx = 4 * x * a + 2 * b
        dy = 2 * a + 4 * y * b
        x -= LR * dx
        y -= LR * dy
    return time.perf_counter() - t


def single_start_time() -> float:
    from gdstudio.core.optimizers import make_optimizer
    from gdstudio.core.surfaces import builtin_surface

    s = builtin_surface("himmelblau")
    opt = make_optimizer("sgd", lr=LR)

    def one():
        w = np.array([[0.5, -0.5]])
        state = opt.init(w)
        for _ in range(STEPS):
            gx, gy = s.grad(w[:, 0], w[:, 1])
            w, state = opt.update(state, w, np.stack([gx, gy], axis=1), LR)

    return best_of(one, 3) * N * N


def run() -> list[Result]:
    ours, counts = min((gdstudio_time() for _ in range(3)), key=lambda r: r[0])
    fused = min(fused_time() for _ in range(3))
    single = single_start_time()
    basins = sum(1 for k in counts if k >= 0)
    return [
        Result(name=f"basin map {N}x{N} x {STEPS} GD steps on himmelblau "
                    f"({basins} basins) vs hand-fused numpy",
               measured=f"{ours:.2f} s", baseline=f"{fused:.2f} s (fused numpy, no labels)",
               ratio=ours / fused, target=f"< {TARGET_S:.0f} s", ok=ours < TARGET_S),
        Result(name="same map vs one start at a time (x 40,000)",
               measured=f"{ours:.2f} s", baseline=f"{single:.0f} s (estimated)",
               ratio=single / ours, target="speed-up >= 100", ok=single / ours >= 100),
    ]
