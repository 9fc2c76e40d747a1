"""ASGD's averaged point ``ax``, as the window draws it: recomputed from the recorded rows
(:func:`gdstudio.core.runner.asgd_average`) it equals the ``ax`` the run keeps in its
optimizer state (which the torch reference tests hold to torch's) at every step."""

from __future__ import annotations

import numpy as np
import pytest

import gdstudio
from gdstudio.core.runner import asgd_average
from gdstudio.core.scene import load_scene

HEAD = """
[surface]
builtin = "rosenbrock"

"""


def scene(runs: str):
    return load_scene(HEAD + runs)


CASES = {
    "t0 integer": """[[run]]
optimizer = "asgd"
lr = 0.0005
t0 = 20
start = [-1.5, 2.0]
steps = 120
""",
    "t0 fractional": """[[run]]
optimizer = "asgd"
lr = 0.0005
t0 = 7.5
lambd = 0.001
start = [-1.0, 1.5]
steps = 80
""",
    "default t0 (the last iterate)": """[[run]]
optimizer = "asgd"
lr = 0.0005
start = [0.5, -0.5]
steps = 30
""",
    "t0 changed by a fork": """[[run]]
optimizer = "asgd"
lr = 0.0005
t0 = 40
start = [-1.5, 2.0]
steps = 90
[[run.change]]
at = 25
t0 = 5
""",
    "switched to asgd by a fork": """[[run]]
optimizer = "sgd"
lr = 0.0005
start = [-1.5, 2.0]
steps = 90
[[run.change]]
at = 30
optimizer = "asgd"
lr = 0.0005
t0 = 3
""",
    "a swarm": """[[run]]
optimizer = "asgd"
lr = 0.0005
t0 = 10
start = { grid = [[-1.5, 1.0], [-0.5, 2.0]], n = [3, 2] }
steps = 50
""",
}


@pytest.mark.parametrize("name", CASES)
def test_the_average_from_the_rows_equals_the_optimizer_state_at_every_step(name):
    runs = list(gdstudio.run_scene(scene(CASES[name]), state=True).runs)
    spec = scene(CASES[name]).runs[0]
    w = np.stack([np.column_stack([r.x, r.y]) for r in runs])
    ax = np.stack([r.state["ax"] for r in runs])
    compared = 0
    for t in range(w.shape[1]):
        got = asgd_average(spec, w[:, :t + 1])
        if np.isnan(ax[:, t]).all():
            assert got is None or np.isnan(got).all(), t
            continue
        np.testing.assert_allclose(got, ax[:, t], rtol=1e-12, atol=1e-14, err_msg=f"step {t}")
        compared += 1
    assert compared >= 20


def test_other_optimizers_have_no_average():
    spec = scene('[[run]]\noptimizer = "adam"\nstart = [0, 0]\nsteps = 5\n').runs[0]
    assert asgd_average(spec, np.zeros((1, 6, 2))) is None
