"""The runs of a scene are computed together (one evaluation of the surface a step for
every group that takes its gradient from the full loss), and each comes out exactly as
it does when it is the only run of its scene: in the window's stream, in ``run_scene``
and in what ``gdstudio run`` writes."""

import numpy as np
import pytest

from gdstudio.core.landscape import GridSurface
from gdstudio.core.runner import SceneRun, merge_batches, run_scene, stream_scene
from gdstudio.core.scene import load_scene
from gdstudio.core.surfaces import Surface

RUNS = {
    "data": (
        '[surface]\nbuiltin = "logistic_regression"\n[defaults]\nstart = [-2.5, 3.0]\n',
        [
            'label = "sgd step"\noptimizer = "sgd"\nlr = 0.5\nmomentum = 0.9\nnesterov = true\n'
            'steps = 60\n[run.schedule]\nkind = "step"\nstep_size = 20\ngamma = 0.5\n',
            'label = "adam stop"\noptimizer = "adam"\nlr = 0.3\nsteps = 80\n'
            '[run.stop]\npatience = 4\nmin_delta = 1e-3\n',
            'label = "swarm"\noptimizer = "nadam"\nlr = 0.2\nsteps = 50\n'
            'start = { grid = [[-3.0, 5.0], [-4.0, 4.0]], n = [3, 2] }\n',
            'label = "mini"\noptimizer = "sgd"\nlr = 0.4\nbatch_size = 8\nseed = 5\nsteps = 70\n',
            'label = "lbfgs"\noptimizer = "lbfgs"\nlr = 0.5\nmax_iter = 3\nsteps = 15\n'
            'line_search_fn = "strong_wolfe"\n',
            'label = "newton"\noptimizer = "newton"\nlr = 0.5\nsteps = 12\n',
            'label = "switch swa"\noptimizer = "rmsprop"\nlr = 0.05\nsteps = 90\n'
            'clip = { norm = 0.5 }\n[run.swa]\nstart = 40\nlr = 0.01\n'
            '[[run.change]]\nat = 30\noptimizer = "adamax"\nlr = 0.1\n',
            'label = "min_lr"\noptimizer = "radam"\nlr = 0.1\nsteps = 100\n'
            '[run.schedule]\nkind = "exponential"\ngamma = 0.9\n[run.stop]\nmin_lr = 1e-3\n',
            'label = "blows up"\noptimizer = "sgd"\nlr = 1e300\nsteps = 40\n',
        ],
        {"max_steps", "early_stopped", "min_lr", "diverged"},
    ),
    "ackley": (
        '[surface]\nbuiltin = "ackley"\n[defaults]\nstart = [1.3, 0.7]\n',
        [
            'label = "adamw onecycle"\noptimizer = "adamw"\nlr = 0.01\nsteps = 120\n'
            '[run.schedule]\nkind = "onecycle"\nmax_lr = 0.1\n',
            'label = "swarm plateau"\noptimizer = "adagrad"\nlr = 0.3\nsteps = 100\n'
            'start = { grid = [[-4.0, 4.0], [-4.0, 4.0]], n = [4, 3] }\n'
            '[run.schedule]\nkind = "plateau"\npatience = 2\nfactor = 0.3\n',
            'label = "rmsprop"\noptimizer = "rmsprop"\nlr = 0.01\ncentered = true\nsteps = 90\n',
            'label = "lbfgs"\noptimizer = "lbfgs"\nlr = 1.0\nsteps = 10\n',
            'label = "asgd"\noptimizer = "asgd"\nlr = 0.05\nsteps = 130\nstart = [3.2, -2.1]\n',
        ],
        {"max_steps"},
    ),
}


def _scene(name, runs):
    surface = RUNS[name][0]
    return load_scene(surface + "".join("[[run]]\n" + body for body in runs))


def _same(a, b, where):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        assert np.array_equal(a, b, equal_nan=True), where
        if a.dtype.kind == "f":
            assert np.array_equal(np.signbit(a), np.signbit(b)), where
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            _same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (p, q) in enumerate(zip(a, b, strict=True)):
            _same(p, q, f"{where}[{i}]")
    else:
        assert a == b, where


def _group(g):
    return (g.x, g.y, g.loss, g.lr, g.evals, g.count, g.last, g.status, g.swa, g.state,
            None if g.trials is None else (g.trials.start, g.trials.step, g.trials.xy))


@pytest.mark.parametrize("name", RUNS)
def test_each_run_computed_together_equals_it_computed_alone(name):
    _, runs, ends = RUNS[name]
    scene = _scene(name, runs)
    together = run_scene(scene, state=True).groups
    streamed = merge_batches(list(SceneRun(scene, stream=True).batches(chunk=9)))
    written = list(stream_scene(scene, every=4).groups)
    assert {s for g in together for s in g.status} == ends
    col = 0
    for i, body in enumerate(runs):
        alone = _scene(name, [body])
        _same(_group(together[i]), _group(run_scene(alone, state=True).groups[0]), body)
        one = merge_batches(list(SceneRun(alone, stream=True).batches(chunk=9)))
        n, rows = one.loss.shape
        mine = slice(col, col + n), slice(0, rows)
        _same((streamed.w[mine], streamed.loss[mine], streamed.lr[mine], streamed.evals[mine]),
              (one.w, one.loss, one.lr, one.evals), body)
        _same(_group(written[i]), _group(next(stream_scene(alone, every=4).groups)), body)
        col += n


def test_a_scene_evaluates_its_surface_once_a_step_for_all_its_full_batch_runs(monkeypatch):
    """Four single-start runs of 1,500 steps: 1,500 evaluations of four points (after
    each run's start), not 6,000 of one; in the window's engine and in ``gdstudio
    run``, which writes the groups one by one but steps a small scene's together."""
    calls = []
    evaluate = Surface.loss_and_grad

    def counting(self, x, y):
        calls.append(len(x))
        return evaluate(self, x, y)

    monkeypatch.setattr(Surface, "loss_and_grad", counting)
    scene = load_scene('[surface]\nbuiltin = "rosenbrock"\n[defaults]\nsteps = 1500\n'
                       'start = [-1.5, 2.0]\n' + "".join(
                           f'[[run]]\noptimizer = "{o}"\nlr = 0.0005\n'
                           for o in ("sgd", "adam", "rmsprop", "nadam")))
    for make in (lambda: SceneRun(scene).result().groups,
                 lambda: list(stream_scene(scene).groups)):
        calls.clear()
        groups = make()
        assert [g.last[0] for g in groups] == [1500] * 4
        assert calls == [1] * 4 + [4] * 1500


def test_runs_on_an_imported_grid_surface_computed_together_equal_each_alone():
    """A landscape grid (a spline through its values, evaluated per point by einsum)
    replaces the scene's surface, as the window does with an imported .h5 or .npz."""
    xs, ys = np.linspace(-2.0, 2.0, 31), np.linspace(-1.0, 3.0, 27)
    Z = np.sin(1.3 * xs[:, None]) * np.cos(ys[None, :]) + 0.3 * xs[:, None] ** 2
    grid = GridSurface(xs, ys, Z)
    runs = RUNS["ackley"][1]
    scene = _scene("ackley", runs)
    together = SceneRun(scene, surface=grid, state=True).result().groups
    for i, body in enumerate(runs):
        alone = SceneRun(_scene("ackley", [body]), surface=grid, state=True).result()
        _same(_group(together[i]), _group(alone.groups[0]), body)
