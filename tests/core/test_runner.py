"""The run loop's semantics on cases small enough to compute by hand."""

import numpy as np
import pytest

from gdstudio.core.runner import SceneRun, run_scene, swa_average
from gdstudio.core.scene import load_scene
from gdstudio.core.surfaces import load_csv

SPHERE = """
[surface]
expr = "x**2 + y**2"
bounds = [[-2, 2], [-2, 2]]
"""


def scene(body, surface=SPHERE):
    return load_scene(surface + body)


def test_plain_gradient_descent_matches_the_update_rule():
    r = run_scene(scene('[[run]]\noptimizer = "sgd"\nlr = 0.1\nstart = [1.0, -2.0]\nsteps = 20\n'))
    run = r.runs[0]
    w = np.array([1.0, -2.0])
    for t in range(1, 21):
        w = w - 0.1 * (2 * w)
        assert run.x[t] == w[0] and run.y[t] == w[1]
    assert run.status == "max_steps"
    assert run.step.tolist() == list(range(21))
    assert np.isnan(run.lr[0]) and np.all(run.lr[1:] == 0.1)
    assert np.allclose(run.loss, run.x**2 + run.y**2, rtol=0, atol=0)


def test_diverging_run_stops_before_the_first_non_finite_row():
    r = run_scene(scene('[[run]]\noptimizer = "sgd"\nlr = 0.6\nstart = [1.0, 1.0]\nsteps = 500\n',
                        '[surface]\nexpr = "x**4 + y**4"\nbounds = [[-2, 2], [-2, 2]]\n'))
    run = r.runs[0]
    assert run.status == "diverged"
    assert 2 < len(run.step) < 30
    assert np.all(np.isfinite(run.x)) and np.all(np.isfinite(run.loss))
    w = np.array([1.0, 1.0])
    with np.errstate(all="ignore"):
        for _ in range(len(run.step)):
            w = w - 0.6 * 4 * w**3
        assert not np.all(np.isfinite(w)) or not np.isfinite((w**4).sum())


def test_early_stopping_counts_steps_without_improvement():
    r = run_scene(scene('[[run]]\noptimizer = "sgd"\nlr = 0.0\nstart = [1.0, 1.0]\nsteps = 50\n'
                        '[run.stop]\npatience = 3\n'))
    run = r.runs[0]
    assert run.status == "early_stopped"
    assert run.step[-1] == 4


def test_min_delta_requires_real_improvement():
    body = ('[[run]]\noptimizer = "sgd"\nlr = 0.01\nstart = [1.0, 1.0]\nsteps = 500\n'
            '[run.stop]\npatience = 2\nmin_delta = {d}\n')
    loose = run_scene(scene(body.format(d=0.0))).runs[0]
    strict = run_scene(scene(body.format(d=0.05))).runs[0]
    assert loose.status == "max_steps"
    assert strict.status == "early_stopped"
    drops = -np.diff(strict.loss)
    assert drops[-1] < 0.05 and drops[-2] < 0.05


def test_min_lr_stops_after_the_schedule_goes_below_the_floor():
    r = run_scene(scene('[[run]]\noptimizer = "sgd"\nlr = 1.0\nstart = [0.1, 0.1]\nsteps = 50\n'
                        '[run.schedule]\nkind = "exponential"\ngamma = 0.5\n'
                        '[run.stop]\nmin_lr = 0.1\n'))
    run = r.runs[0]
    assert run.status == "min_lr"
    assert run.step[-1] == 4
    assert run.lr[1:].tolist() == [1.0, 0.5, 0.25, 0.125]


def test_swa_averages_the_chosen_steps():
    r = run_scene(scene('[[run]]\noptimizer = "sgd"\nlr = 0.1\nstart = [1.0, -2.0]\nsteps = 10\n'
                        '[run.swa]\nstart = 3\nevery = 2\n'))
    run = r.runs[0]
    picked = [3, 5, 7, 9]
    assert run.swa.n == 4
    assert run.swa.x == pytest.approx(np.mean(run.x[picked]), rel=1e-15)
    assert run.swa.y == pytest.approx(np.mean(run.y[picked]), rel=1e-15)
    assert run.swa.loss == pytest.approx(run.swa.x**2 + run.swa.y**2, rel=1e-15)


def test_swa_average_of_streamed_rows_equals_the_runs_at_every_step():
    """What the window draws: the average of the rows streamed so far, for a swarm whose
    members stop early at different steps (their later rows are NaN)."""
    sc = scene('[[run]]\noptimizer = "sgd"\nlr = 0.3\nsteps = 40\n'
               'start = {points = [[1.5, -1.0], [0.2, 0.1], [-1.0, 1.8]]}\n'
               '[run.stop]\npatience = 3\nmin_delta = 0.01\n'
               '[run.swa]\nstart = 4\nevery = 3\n')
    run = SceneRun(sc)
    rows = np.concatenate([b.w for b in run.batches(5)], axis=1)
    result = run.result()
    avg, n = swa_average(rows, 4, 3)
    assert len({r.step[-1] for r in result.runs}) > 1, "members end at different steps"
    for k, r in enumerate(result.runs):
        assert n[k] == r.swa.n
        np.testing.assert_allclose(avg[k], [r.swa.x, r.swa.y], rtol=1e-12)
    early, n_early = swa_average(rows[:, :8], 4, 3)
    for k in range(3):
        picked = [t for t in (4, 7) if np.isfinite(rows[k, t]).all()]
        assert n_early[k] == len(picked)
        np.testing.assert_allclose(early[k], rows[k, picked].mean(axis=0), rtol=1e-12)


def test_swa_lr_overrides_the_schedule_from_its_start():
    r = run_scene(scene('[[run]]\noptimizer = "sgd"\nlr = 0.1\nstart = [1.0, -2.0]\nsteps = 8\n'
                        '[run.schedule]\nkind = "exponential"\ngamma = 0.5\n'
                        '[run.swa]\nstart = 5\nlr = 0.01\n'))
    lr = r.runs[0].lr
    assert lr[1:5].tolist() == [0.1, 0.05, 0.025, 0.0125]
    assert lr[5:].tolist() == [0.01] * 4


def test_run_that_never_reaches_swa_start_has_no_average():
    r = run_scene(scene('[[run]]\noptimizer = "sgd"\nlr = 0.1\nstart = [1.0, 1.0]\nsteps = 4\n'
                        '[run.swa]\nstart = 10\n'))
    assert r.runs[0].swa is None


def test_every_keeps_row_zero_multiples_and_the_last_row():
    s = scene('[[run]]\noptimizer = "sgd"\nlr = 0.1\nstart = [1.0, 1.0]\nsteps = 10\n')
    assert run_scene(s, every=4).runs[0].step.tolist() == [0, 4, 8, 10]
    assert run_scene(s, steps=3).runs[0].step.tolist() == [0, 1, 2, 3]
    assert run_scene(s, steps=0).runs[0].step.tolist() == [0]


def test_swarm_equals_separate_runs():
    pts = [[1.0, 1.5], [-0.5, 0.3], [2.0, -1.0]]
    body = ('[[run]]\nlabel = "S"\noptimizer = "adam"\nlr = 0.05\nsteps = 60\n'
            f'start = {{ points = {pts} }}\n[run.schedule]\nkind = "plateau"\npatience = 2\n'
            'factor = 0.5\n[run.stop]\npatience = 10\n')
    surf = '[surface]\nbuiltin = "himmelblau"\n'
    swarm = run_scene(scene(body, surf)).runs
    assert [r.label for r in swarm] == ["S[0]", "S[1]", "S[2]"]
    for p, member in zip(pts, swarm, strict=True):
        single = run_scene(scene(body.replace(f"{{ points = {pts} }}", str(p)), surf)).runs[0]
        assert single.status == member.status
        assert np.array_equal(single.x, member.x) and np.array_equal(single.lr, member.lr,
                                                                      equal_nan=True)


def test_minibatches_follow_a_seeded_permutation_per_epoch():
    s = load_scene('[surface]\nbuiltin = "linear_regression"\n'
                   '[[run]]\noptimizer = "sgd"\nlr = 0.05\nstart = [0.5, -0.5]\nsteps = 25\n'
                   'batch_size = 7\nseed = 3\n')
    run = run_scene(s).runs[0]
    surface = SceneRun(s).surface
    m = surface.n_samples
    rng = np.random.default_rng(3)
    w = np.array([[0.5, -0.5]])
    order, pos = None, m
    for t in range(1, 26):
        if pos >= m:
            order, pos = rng.permutation(m), 0
        rows = order[pos:pos + 7]
        pos += 7
        gx, gy = surface.batch_grad(w[:, 0], w[:, 1], rows)
        w = w - 0.05 * np.column_stack([gx, gy])
        assert (run.x[t], run.y[t]) == (w[0, 0], w[0, 1])
        assert run.loss[t] == pytest.approx(surface.loss(w[:, 0], w[:, 1])[0], rel=1e-12)


def test_full_batch_when_batch_size_covers_the_data():
    base = ('[surface]\nbuiltin = "linear_regression"\n[[run]]\noptimizer = "sgd"\nlr = 0.05\n'
            'start = [0.5, -0.5]\nsteps = 10\n')
    s = load_scene(base)
    m = SceneRun(s).surface.n_samples
    full = run_scene(s).runs[0]
    big = run_scene(load_scene(base + f"batch_size = {m}\nseed = 9\n")).runs[0]
    assert np.array_equal(full.x, big.x)


def test_streamed_batches_equal_the_drained_result():
    s = load_scene(open_default())
    run = SceneRun(s, steps=150)
    ws, ended = [], []
    for b in run.batches(chunk=40):
        assert b.w.shape == (len(run.runs), b.t1 - b.t0, 2)
        ws.append(b.w)
        ended += b.ended
    w = np.concatenate(ws, axis=1)
    result = run_scene(s, steps=150)
    for i, r in enumerate(result.runs):
        n = len(r.step)
        assert np.array_equal(w[i, :n, 0], r.x) and np.array_equal(w[i, :n, 1], r.y)
        assert np.all(np.isnan(w[i, n:]))
    assert sorted(e[0] for e in ended) == list(range(len(result.runs)))


def open_default():
    from gdstudio.resources import resource_path

    return resource_path("scenes", "default.toml").read_text(encoding="utf-8")


def test_data_columns_are_loaded_for_formula_surfaces(tmp_path):
    (tmp_path / "pts.csv").write_text("# by hand\nu,v\n0,1\n1,3\n2,5\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text(
        '[surface]\nexpr = "(w*u + b - v)**2"\nparams = ["w", "b"]\nbounds = [[-5, 5], [-5, 5]]\n'
        'data = "pts.csv"\n[[run]]\noptimizer = "sgd"\nlr = 0.05\nstart = [0, 0]\nsteps = 2000\n',
        encoding="utf-8")
    assert load_csv(tmp_path / "pts.csv")["u"].tolist() == [0, 1, 2]
    r = run_scene(load_scene(tmp_path / "s.toml"))
    assert r.params == ("w", "b")
    assert r.runs[0].x[-1] == pytest.approx(2.0, abs=1e-6)
    assert r.runs[0].y[-1] == pytest.approx(1.0, abs=1e-6)


def test_batch_rows_names_the_rows_the_run_loop_draws():
    from gdstudio.core.runner import batch_rows

    s = load_scene('[surface]\nbuiltin = "linear_regression"\n'
                   '[[run]]\noptimizer = "sgd"\nlr = 0.05\nstart = [0.5, -0.5]\nsteps = 40\n'
                   'batch_size = 7\nseed = 5\n')
    group = SceneRun(s).groups[0]
    m = group.surface.n_samples
    for t in range(1, 41):
        assert np.array_equal(group._next_rows(), batch_rows(5, 7, m, t)), t
    assert np.array_equal(batch_rows(5, None, m, 3), np.arange(m))


EVERY_SCENES = {
    "plain": '[[run]]\noptimizer = "sgd"\nlr = 0.1\nstart = [1.0, -2.0]\nsteps = 23\n',
    "swarm with stops": (
        '[[run]]\nlabel = "S"\noptimizer = "adam"\nlr = 0.05\nsteps = 60\n'
        'start = {points = [[1.5, -1.0], [0.2, 0.1], [-1.0, 1.8], [0.0, 0.0]]}\n'
        '[run.schedule]\nkind = "plateau"\npatience = 2\nfactor = 0.5\n'
        '[run.stop]\npatience = 4\nmin_delta = 0.01\n'
        '[[run]]\noptimizer = "sgd"\nlr = 1.0\nstart = [0.1, 0.1]\nsteps = 50\n'
        '[run.schedule]\nkind = "exponential"\ngamma = 0.7\n[run.stop]\nmin_lr = 0.01\n'),
    "swa": ('[[run]]\noptimizer = "sgd"\nlr = 0.1\nsteps = 31\n'
            'start = {points = [[1.0, -2.0], [0.5, 0.5]]}\n'
            '[run.swa]\nstart = 5\nevery = 3\nlr = 0.02\n'),
    "divergence": ('[[run]]\noptimizer = "sgd"\nlr = 0.6\nsteps = 200\n'
                   'start = {points = [[1.0, 1.0], [0.3, 0.2], [1.2, -1.1]]}\n'),
}
EVERY_SURFACES = {"divergence": '[surface]\nexpr = "x**4 + y**4"\nbounds = [[-2, 2], [-2, 2]]\n'}


@pytest.mark.parametrize("name", [*EVERY_SCENES, "mini-batches"])
@pytest.mark.parametrize("every", [1, 2, 3, 7, 10, 1000])
def test_every_returns_exactly_the_full_runs_rows_at_those_steps(name, every):
    if name == "mini-batches":
        s = load_scene('[surface]\nbuiltin = "linear_regression"\n'
                       '[[run]]\noptimizer = "sgd"\nlr = 0.05\nsteps = 41\nbatch_size = 7\n'
                       'seed = 3\nstart = {points = [[0.5, -0.5], [3.0, 1.0]]}\n')
    else:
        s = scene(EVERY_SCENES[name], EVERY_SURFACES.get(name, SPHERE))
    full = run_scene(s)
    thin = run_scene(s, every=every)
    if name == "divergence":
        assert {r.status for r in full.runs} >= {"diverged"}
    assert len(thin.runs) == len(full.runs)
    for f, t in zip(full.runs, thin.runs, strict=True):
        last = int(f.step[-1])
        want = [k for k in range(last + 1) if k % every == 0 or k == last]
        assert t.step.tolist() == want
        assert (t.label, t.status, t.swa) == (f.label, f.status, f.swa)
        for col in ("x", "y", "loss", "lr"):
            np.testing.assert_array_equal(getattr(t, col), getattr(f, col)[want], err_msg=col)


def test_a_swarm_result_keeps_columns_and_builds_runs_on_demand():
    s = scene('[[run]]\nlabel = "S"\noptimizer = "sgd"\nlr = 0.1\nsteps = 25\n'
              'start = {points = [[1.0, -2.0], [0.5, 0.5], [0.1, 0.0]]}\n'
              '[run.stop]\npatience = 2\nmin_delta = 0.05\n')
    result = run_scene(s, every=10)
    group = result.groups[0]
    assert group.x.shape == group.loss.shape == (3, 4)
    for m, r in enumerate(result.runs):
        k = len(r.step)
        assert group.count[m] == k and np.all(np.isnan(group.x[m, k:]))
        assert np.shares_memory(r.x, group.x)
    assert result.run("S[2]").step.tolist() == result.runs[-1].step.tolist()
    assert [r.label for r in result.runs[1:]] == ["S[1]", "S[2]"]
    with pytest.raises(KeyError):
        result.run("S[3]")


def test_a_streamed_run_yields_the_same_batches_holding_only_the_latest_rows():
    """What the window asks for: its playback keeps the rows, so the run loop need not."""
    s = scene(EVERY_SCENES["swarm with stops"])
    full = SceneRun(s)
    streamed = SceneRun(s, stream=True)
    for a, b in zip(full.batches(7), streamed.batches(7), strict=True):
        assert (a.t0, a.t1, a.ended) == (b.t0, b.t1, b.ended)
        for col in ("w", "loss", "lr"):
            np.testing.assert_array_equal(getattr(a, col), getattr(b, col))
        assert all(len(g.L) <= 8 for g in streamed.groups)
    with pytest.raises(ValueError, match="keeps no history"):
        streamed.result()
