"""Newton's method against its closed form, and [run.clip] against torch's formulas."""

import numpy as np
import pytest

from gdstudio.core.runner import run_scene
from gdstudio.core.scene import load_scene, scene_from_dict

QUADRATIC = """
[surface]
expr = "{expr}"
bounds = [[-10, 10], [-10, 10]]
[[run]]
label = "N"
optimizer = "newton"
start = [5, 7]
steps = {steps}
{extra}
"""


def newton(expr, steps=1, extra=""):
    return run_scene(load_scene(QUADRATIC.format(expr=expr, steps=steps, extra=extra))).runs[0]


def test_newton_reaches_the_minimum_of_a_quadratic_in_one_step_exactly():
    r = newton("(x - 1)**2 + 2*(y + 3)**2 + 4")
    assert (r.x[1], r.y[1], r.loss[1]) == (1.0, -3.0, 4.0)


def test_newton_on_a_coupled_quadratic_is_the_closed_form():
    r = newton("(x - 1)**2 + 3*(y + 2)**2 + x*y", steps=2)
    h = np.array([[2.0, 1.0], [1.0, 6.0]])
    w_star = np.linalg.solve(h, [2.0, -12.0])
    np.testing.assert_allclose([r.x[1], r.y[1]], w_star, rtol=1e-15)
    np.testing.assert_allclose([r.x[2], r.y[2]], w_star, rtol=1e-15)


def test_newton_lr_and_damping_follow_the_formula():
    r = newton("(x - 1)**2 + 2*(y + 3)**2", extra="lr = 0.5\ndamping = 2.0")
    g = np.array([8.0, 40.0])
    step = np.linalg.solve(np.diag([2.0, 4.0]) + 2.0 * np.eye(2), g)
    np.testing.assert_allclose([r.x[1], r.y[1]], np.array([5.0, 7.0]) - 0.5 * step,
                               rtol=1e-15)


def test_newton_goes_to_a_saddle():
    r = newton("x**2 - y**2")
    assert (r.x[1], r.y[1]) == (0.0, 0.0)


def test_a_singular_hessian_ends_the_run_as_diverged():
    r = newton("(x + y)**2", steps=5)
    assert r.status == "diverged" and list(r.step) == [0]


def test_newton_swarm_each_member_its_own_hessian():
    scene = QUADRATIC.format(expr="x**4 + (y - 1)**2", steps=1, extra="").replace(
        "start = [5, 7]", "start = { points = [[1, 0], [2, 3], [0, 5]] }")
    runs = run_scene(load_scene(scene)).runs
    np.testing.assert_allclose([(r.x[1], r.y[1]) for r in runs[:2]],
                               [(2 / 3, 1.0), (4 / 3, 1.0)], rtol=1e-15)
    assert runs[2].status == "diverged"


CLIP = """
[surface]
expr = "3*x + 4*y + 100"
bounds = [[-10, 10], [-10, 10]]
[[run]]
optimizer = "sgd"
lr = 1.0
start = [0, 0]
steps = 1
clip = {clip}
"""


@pytest.mark.parametrize("clip, expected", [
    ("{ norm = 1.0 }", [3 / (5 + 1e-6), 4 / (5 + 1e-6)]),
    ("{ norm = 10.0 }", [3.0, 4.0]),
    ("{ norm = 2.0, norm_type = inf }", [3 * 2 / (4 + 1e-6), 4 * 2 / (4 + 1e-6)]),
    ("{ norm = 1.0, norm_type = 1 }", [3 / (7 + 1e-6), 4 / (7 + 1e-6)]),
    ("{ value = 3.5 }", [3.0, 3.5]),
])
def test_clip_as_torch_computes_it(clip, expected):
    r = run_scene(load_scene(CLIP.format(clip=clip))).runs[0]
    np.testing.assert_allclose([-r.x[1], -r.y[1]], expected, rtol=1e-15)


def test_newton_and_the_new_optimizers_drive_lr_sweeps_and_basin_maps():
    from gdstudio.core.analysis import basin_map, lr_sweep
    from gdstudio.core.surfaces import builtin_surface

    bowl = builtin_surface("sphere")

    def run_of(name, **keys):
        raw = {"surface": {"builtin": "sphere"},
               "run": [{"optimizer": name, "start": [1.5, -1.0], **keys}]}
        return scene_from_dict(raw).runs[0]

    sweep = lr_sweep(bowl, run_of("newton"), [0.5, 1.0], steps=3)
    np.testing.assert_allclose(sweep.final_loss[1], 0.0, atol=1e-30)
    for name in ("rprop", "asgd", "adafactor"):
        result = basin_map(bowl, run_of(name, lr=0.1), n=4, steps=5)
        assert np.isfinite(result.final).all(), name
