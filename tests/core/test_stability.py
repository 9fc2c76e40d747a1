"""The stability gauge and the effective per-axis step (gdstudio.core.stability)."""

import numpy as np
import pytest

from gdstudio.core.runner import run_scene
from gdstudio.core.scene import build_surface, scene_from_dict
from gdstudio.core.stability import curvature, effective_step, gauge

BOWL = {"expr": "x**2 + 4*y**2", "bounds": [[-3.0, 3.0], [-2.0, 2.0]]}


def scene(optimizer="sgd", steps=40, start=(-2.5, 1.5), **hp):
    return scene_from_dict({"surface": BOWL, "run": [
        {"optimizer": optimizer, "start": list(start), "steps": steps, **hp}]})


def test_curvature_of_the_bowl_is_exact():
    c = curvature(build_surface(scene()), (0.3, -0.7))
    np.testing.assert_array_equal(c.eigenvalues, [2.0, 8.0])
    np.testing.assert_allclose(np.abs(c.eigenvectors), np.eye(2), atol=0)


@pytest.mark.parametrize("lr, value, crossed", [(0.24, 1.92, False), (0.26, 2.08, True)])
def test_plain_gd_gauge_predicts_what_the_run_does(lr, value, crossed):
    s = scene(lr=lr, steps=200)
    g = gauge("sgd", s.runs[0].hyper, lr, curvature(build_surface(s), (-2.5, 1.5)))
    assert (g.kind, g.bound) == ("gd", 2.0)
    assert g.value == pytest.approx(value, abs=1e-12)
    assert g.crossed is crossed
    (r,) = run_scene(s).runs
    assert bool(abs(r.y[-1]) > abs(r.y[0])) is crossed


@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_bound_separates_converging_from_diverging(nesterov):
    mu = 0.5
    bound = 2 * (1 + mu) / (1 + 2 * mu) if nesterov else 2 * (1 + mu)
    for factor, crossed in ((0.97, False), (1.03, True)):
        lr = factor * bound / 8.0
        s = scene(lr=lr, momentum=mu, nesterov=nesterov, steps=400)
        g = gauge("sgd", s.runs[0].hyper, lr, curvature(build_surface(s), (0.0, 0.0)))
        assert g.bound == pytest.approx(bound) and g.crossed is crossed
        (r,) = run_scene(s).runs
        assert bool(abs(r.y[-1]) > 1.5) is crossed


@pytest.mark.parametrize("optimizer, hp, moment", [
    ("adam", {"lr": 0.1}, "exp_avg"),
    ("adam", {"lr": 0.1, "amsgrad": True}, "exp_avg"),
    ("adamw", {"lr": 0.1}, "exp_avg"),
    ("adamax", {"lr": 0.1}, "exp_avg"),
    ("rmsprop", {"lr": 0.01}, None),
    ("rmsprop", {"lr": 0.01, "centered": True}, None),
    ("adagrad", {"lr": 0.3, "lr_decay": 0.01}, None),
])
def test_effective_step_is_the_scale_each_step_applied(optimizer, hp, moment):
    s = scene(optimizer, steps=12, **hp)
    surface = build_surface(s)
    (r,) = run_scene(s, state=True).runs
    full = s.runs[0].hyper
    for t in range(1, 12):
        state = {k: v[t] for k, v in r.state.items()}
        d = effective_step(optimizer, full, state)
        if moment is None:
            gx, gy = surface.grad(r.x[t - 1:t], r.y[t - 1:t])
            direction = np.array([gx[0], gy[0]])
        else:
            direction = state[moment]
        step = np.array([r.x[t] - r.x[t - 1], r.y[t] - r.y[t - 1]])
        if optimizer == "adamw":
            step += full["lr"] * 0.01 * np.array([r.x[t - 1], r.y[t - 1]])
        np.testing.assert_allclose(-d * direction, step, rtol=1e-10, atol=1e-15)


def test_adaptive_gauge_uses_the_effective_step_and_is_undefined_where_it_has_none():
    s = scene("rmsprop", lr=0.01, steps=5)
    surface = build_surface(s)
    (r,) = run_scene(s, state=True).runs
    curv = curvature(surface, (r.x[3], r.y[3]))
    state = {k: v[3] for k, v in r.state.items()}
    g = gauge("rmsprop", s.runs[0].hyper, 0.01, curv, state)
    d = effective_step("rmsprop", s.runs[0].hyper, state)
    assert g.kind == "adaptive" and g.bound == 2.0
    assert g.value == pytest.approx(max(2 * d[0], 8 * d[1]))
    np.testing.assert_array_equal(g.per_axis, d)
    before = {k: v[0] for k, v in r.state.items()}
    assert gauge("rmsprop", s.runs[0].hyper, 0.01, curv, before) is None
    assert gauge("nadam", {"lr": 0.1}, 0.1, curv, state) is None
