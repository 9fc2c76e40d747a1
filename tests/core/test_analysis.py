"""Critical points, basins, learning-rate sweeps and gradient noise, on numbers a student
would check by hand."""

from collections import Counter

import numpy as np
import pytest

from gdstudio.core.analysis import (
    DIVERGED,
    NOT_CONVERGED,
    Cancelled,
    basin_map,
    critical_points,
    gradient_noise,
    log_lrs,
    lr_sweep,
)
from gdstudio.core.scene import scene_from_dict
from gdstudio.core.surfaces import builtin_surface, formula_surface


def run_of(optimizer, start=(0.0, 0.0), **keys):
    """The RunSpec of ``[[run]] optimizer = ..., start = ...`` with ``keys``."""
    raw = {"surface": {"builtin": "sphere"},
           "run": [{"optimizer": optimizer, "start": list(start), **keys}]}
    return scene_from_dict(raw).runs[0]


def kinds(points):
    return Counter(p.kind for p in points)


def assert_known_minima_found(surface, points):
    mins = np.array([p.point for p in points if p.kind == "minimum"])
    for m in surface.minima:
        d = np.hypot(*(mins - np.array(m.point)).T)
        assert d.min() < 1e-9, (m, mins)


def test_himmelblau_has_four_minima_four_saddles_and_one_maximum():
    s = builtin_surface("himmelblau")
    points = critical_points(s)
    assert kinds(points) == {"minimum": 4, "saddle": 4, "maximum": 1}
    assert_known_minima_found(s, points)
    for p in points:
        assert p.grad_norm < 1e-10
        if p.kind == "minimum":
            assert abs(p.value) < 1e-12 and min(p.eigenvalues) > 0
    top = [p for p in points if p.kind == "maximum"][0]
    # the local maximum is at (-0.270845, -0.923039) with value 181.617
    assert top.point == pytest.approx((-0.270845, -0.923039), abs=1e-6)
    assert top.value == pytest.approx(181.61652, abs=1e-4)
    assert max(top.eigenvalues) < 0


def test_six_hump_camel_has_six_minima_seven_saddles_two_maxima():
    # 15 stationary points in [-2, 2] x [-1, 1] (minima - saddles + maxima = 1)
    s = builtin_surface("six_hump_camel")
    points = critical_points(s)
    assert kinds(points) == {"minimum": 6, "saddle": 7, "maximum": 2}
    assert_known_minima_found(s, points)
    mins = sorted(p.value for p in points if p.kind == "minimum")
    assert mins[:2] == pytest.approx([-1.0316284534898774] * 2, abs=1e-12)
    assert mins[2:4] == pytest.approx([-0.2154638244] * 2, abs=1e-9)
    assert mins[4:] == pytest.approx([2.1042503103] * 2, abs=1e-9)
    origin = [p for p in points if p.point == pytest.approx((0, 0), abs=1e-12)]
    assert len(origin) == 1 and origin[0].kind == "saddle"


def test_saddle_has_one_saddle_with_eigenvalues_minus_two_and_two():
    points = critical_points(builtin_surface("saddle"))
    assert len(points) == 1
    p = points[0]
    assert p.kind == "saddle"
    assert p.point == pytest.approx((0, 0), abs=1e-12)
    assert p.eigenvalues == pytest.approx((-2.0, 2.0), abs=1e-12)


def test_monkey_saddle_is_degenerate_at_the_origin():
    points = critical_points(builtin_surface("monkey_saddle"))
    assert len(points) == 1
    assert points[0].kind == "degenerate"
    assert points[0].point == pytest.approx((0, 0), abs=1e-8)


def test_bounds_restrict_the_search():
    s = builtin_surface("himmelblau")
    points = critical_points(s, bounds=((0, 5), (0, 5)))
    assert [p.kind for p in points] == ["minimum", "saddle", "saddle"]
    assert points[0].point == pytest.approx((3, 2), abs=1e-12)
    assert all(0 <= v <= 5 for p in points for v in p.point)


def test_rastrigin_window_with_enough_seeds():
    # minima near the 11 x 11 integer points, saddles between, maxima at the cell centres
    points = critical_points(builtin_surface("rastrigin"), seeds=80)
    assert kinds(points) == {"minimum": 121, "saddle": 220, "maximum": 100}


# ---------------------------------------------------------------------------------------
# basins


def test_himmelblau_basins_with_small_lr_gradient_descent():
    s = builtin_surface("himmelblau")
    seen = []
    bm = basin_map(s, run_of("sgd", lr=0.001), n=60, steps=500, progress=seen.append)
    assert bm.label.shape == (60, 60) and bm.final.shape == (60, 60, 2)
    assert len(bm.minima) == 4
    counts = bm.counts()
    assert DIVERGED not in counts
    assert counts.get(NOT_CONVERGED, 0) <= 0.01 * 3600        # starts on ridges and at the top
    assert all(counts[k] > 600 for k in range(4))              # four big basins
    # each basin holds its own minimum: the start nearest each minimum flows into it
    for k, (mx, my) in enumerate(bm.minima):
        i = int(np.argmin(np.abs(bm.xs - mx)))
        j = int(np.argmin(np.abs(bm.ys - my)))
        assert bm.label[i, j] == k
    # layout as Surface.grid: label[i, j] is the start (xs[i], ys[j])
    i, j = 50, 45
    assert np.allclose(bm.final[i, j], bm.minima[bm.label[i, j]], atol=bm.tol)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) == 500 // 25


def test_gd_keeps_only_minima_flatter_than_two_over_lr():
    # gradient descent is stable at a minimum only if lr * (largest curvature) < 2; at
    # lr = 0.02 that is curvature < 100: (3, 2) (82.3) and (-2.81, 3.13) (80.6) keep their
    # basins, (-3.78, -3.28) (133.8) and (3.58, -1.85) (105.4) lose them
    s = builtin_surface("himmelblau")
    bm = basin_map(s, run_of("sgd", lr=0.02), n=30, steps=100)
    counts = bm.counts()
    assert set(counts) == {0, 1, NOT_CONVERGED}
    assert counts[0] > 200 and counts[1] > 200


def test_large_lr_marks_diverged_starts():
    s = builtin_surface("himmelblau")
    bm = basin_map(s, run_of("sgd", lr=0.04), n=30, steps=100)
    counts = bm.counts()
    assert counts.get(DIVERGED, 0) > 0.8 * 900
    assert np.isfinite(bm.final).all()                     # frozen at the last finite point
    corner = bm.label[0, 0]                                # (-5, -5): the steepest wall
    assert corner == DIVERGED


def test_basin_map_cancel_raises():
    s = builtin_surface("himmelblau")
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(Cancelled):
        basin_map(s, run_of("sgd", lr=0.001), n=10, steps=500, cancel=cancel)
    assert len(calls) == 2


def test_basin_map_accepts_other_optimizers():
    bm = basin_map(builtin_surface("himmelblau"), run_of("adam", lr=0.05), n=20, steps=400)
    assert set(bm.counts()) <= {0, 1, 2, 3, NOT_CONVERGED}
    assert sum(v for k, v in bm.counts().items() if k >= 0) > 0.9 * 400


# ---------------------------------------------------------------------------------------
# learning-rate sweeps


def test_lr_sweep_on_a_bowl_is_u_shaped():
    s = builtin_surface("sphere")
    lrs = log_lrs(1e-4, 10, 11)
    assert lrs[0] == pytest.approx(1e-4) and lrs[-1] == pytest.approx(10)
    sw = lr_sweep(s, run_of("sgd", (3.0, -2.0)), lrs, steps=100, trajectories=True)
    # too small: barely moved; good (0.1 .. 0.3): at the minimum; too large: diverged
    assert sw.final_loss[0] > 10
    assert sw.final_loss[6] < 1e-15 and sw.final_loss[7] < 1e-15
    assert not sw.diverged[:9].any() and sw.diverged[9:].all()
    assert np.isinf(sw.final_loss[9:]).all()
    finite = sw.final_loss[:9]
    k = int(np.argmin(finite))
    assert np.all(np.diff(finite[:k + 1]) < 0)            # falls to the best lr
    assert sw.best in (6, 7)
    # lr = 1 bounces between (3, -2) and (-3, 2) for ever
    assert sw.final_loss[8] == pytest.approx(13.0)
    # the trajectory of lr = 0.1 is gradient descent: w_t = 0.8**t w_0
    assert sw.trajectories.shape == (101, 11, 2)
    assert np.allclose(sw.trajectories[:, 6, 0], 3.0 * 0.8 ** np.arange(101), rtol=1e-12)
    assert np.isfinite(sw.trajectories).all()


def test_lr_sweep_matches_single_runs():
    s = builtin_surface("rosenbrock")
    lrs = np.array([1e-3, 3e-3, 1e-2])
    sw = lr_sweep(s, run_of("adam", (-1.5, 2.0), betas=[0.9, 0.99]), lrs, steps=200)
    for k, lr in enumerate(lrs):
        one = lr_sweep(s, run_of("adam", (-1.5, 2.0), betas=[0.9, 0.99]), [lr], steps=200)
        assert one.final[0] == pytest.approx(sw.final[k], rel=1e-12)


# ---------------------------------------------------------------------------------------
# gradient noise


def test_gradient_noise_is_zero_for_the_full_batch_and_positive_for_one_row():
    s = builtin_surface("linear_regression")
    w = np.array([[0.0, 0.0], [1.0, 2.0], [-2.0, 3.0], [5.0, -4.0]])
    full = gradient_noise(s, w, np.arange(s.n_samples))
    assert full.shape == (4,)
    assert np.all(full < 1e-6)
    one = gradient_noise(s, w, np.array([3]))
    assert np.all(one > 0) and np.all(one <= 180)
    assert np.all(one > 1e-3)
    # far from the minimum the batches agree more than near it
    rows = np.arange(10)
    far = gradient_noise(s, np.array([[-2.0, 3.0]]), rows)[0]
    near = gradient_noise(s, np.array([[2.0, -1.0]]), rows)[0]
    assert far < near


def test_gradient_noise_without_data_is_zero():
    s = formula_surface("x**2 + 3*y**2", ((-1, 1), (-1, 1)))
    assert gradient_noise(s, np.array([0.5, 0.2]), np.array([0])) == 0


# ---------------------------------------------------------------------------------------
# sweeps and maps run the run as the scene defines it

STRETCHED = {"expr": "x**2 + 0.01*y**2", "bounds": [[-3.0, 3.0], [-3.0, 3.0]]}


def scene_of(surface, **run):
    from gdstudio.core.scene import build_surface

    scene = scene_from_dict({"surface": surface, "run": [run]})
    return scene, build_surface(scene)


def test_a_decaying_schedule_moves_the_best_lr_of_a_sweep():
    # a stretched bowl: a constant lr must stay below 1 (the steep direction's bound),
    # while one that decays by 0.9 a step can start well above it
    lrs = log_lrs(0.1, 10, 21)
    runs = {}
    for name, extra in (("constant", {}),
                        ("decaying", {"schedule": {"kind": "exponential", "gamma": 0.9}})):
        scene, s = scene_of(STRETCHED, optimizer="sgd", start=[1.0, 2.0], steps=60, **extra)
        runs[name] = lr_sweep(s, scene.runs[0], lrs)
    assert runs["constant"].lrs[runs["constant"].best] < 1
    assert runs["decaying"].lrs[runs["decaying"].best] > 2
    assert runs["decaying"].final_loss[runs["decaying"].best] < \
        runs["decaying"].final_loss[runs["constant"].best]


def test_clipping_keeps_a_large_lr_of_a_sweep_from_diverging():
    # x**4 is steep far out: from x = 3 one plain step of lr 0.1 overshoots to -7.8 and
    # the run blows up; with the gradient clipped to norm 1 it walks down
    quartic = {"expr": "x**4 + y**2", "bounds": [[-4.0, 4.0], [-4.0, 4.0]]}
    lrs = [0.01, 0.1, 0.5]
    plain, s = scene_of(quartic, optimizer="sgd", start=[3.0, 1.0], steps=200)
    clipped, _ = scene_of(quartic, optimizer="sgd", start=[3.0, 1.0], steps=200,
                          clip={"norm": 1.0})
    free = lr_sweep(s, plain.runs[0], lrs)
    held = lr_sweep(s, clipped.runs[0], lrs)
    assert free.diverged.tolist() == [False, True, True]
    assert not held.diverged.any()
    assert held.final_loss[1] < 1e-2


def test_clipping_shrinks_the_diverged_part_of_a_basin_map():
    s = builtin_surface("himmelblau")
    free = basin_map(s, run_of("sgd", lr=0.04), n=30, steps=100).counts()
    held = basin_map(s, run_of("sgd", lr=0.04, clip={"norm": 10.0}), n=30, steps=100).counts()
    assert free.get(DIVERGED, 0) > 0.8 * 900
    assert held.get(DIVERGED, 0) < 0.1 * 900


def test_a_basin_map_ends_where_the_scene_runs_its_swarm():
    # mini-batches from the run's seed, a schedule, clipping and a change, all honoured:
    # each start of the map ends where the same run, started there, ends in a scene
    from gdstudio.core.runner import run_scene

    run = {"optimizer": "sgd", "lr": 0.05, "momentum": 0.5, "batch_size": 4, "seed": 7,
           "steps": 40, "schedule": {"kind": "step", "step_size": 10, "gamma": 0.5},
           "clip": {"value": 2.0}, "change": [{"at": 20, "momentum": 0.9}]}
    scene, s = scene_of({"builtin": "linear_regression"}, start=[0.0, 0.0], **run)
    bm = basin_map(s, scene.runs[0], n=4)
    starts = [[float(x), float(y)] for x in bm.xs for y in bm.ys]
    swarm, _ = scene_of({"builtin": "linear_regression"}, start={"points": starts}, **run)
    result = run_scene(swarm)
    ends = np.array([[r.x[-1], r.y[-1]] for r in result.runs])
    np.testing.assert_allclose(bm.final.reshape(-1, 2), ends, rtol=1e-12)
    assert bm.steps == 40
    full, _ = scene_of({"builtin": "linear_regression"}, start={"points": starts},
                       **{k: v for k, v in run.items() if k not in ("batch_size", "clip")})
    assert not np.allclose(ends, [[r.x[-1], r.y[-1]] for r in run_scene(full).runs])
