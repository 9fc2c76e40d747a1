"""L-BFGS: the vectorised optimizer, its closure in the run loop, evaluations and trial
points in results, batches and exports, validation, budget and analyses.

Agreement with torch.optim.LBFGS itself is checked by the reference scenes
(tests/data/scenes/*lbfgs*.toml, tests/core/test_torch_reference.py).
"""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdstudio.core import export
from gdstudio.core.analysis import basin_map, lr_sweep
from gdstudio.core.budget import estimate
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.runner import SceneRun, batch_rows, merge_batches, run_scene
from gdstudio.core.scene import build_surface, load_scene, scene_from_dict
from gdstudio.core.surfaces import builtin_surface


def rosen(w):
    x, y = w[:, 0], w[:, 1]
    r = y - x * x
    return (1 - x) ** 2 + 100 * r * r, np.stack([-2 * (1 - x) - 400 * x * r, 200 * r], 1)


def drive(hp, w, steps, lr=None):
    """Steps of ``lbfgs`` on Rosenbrock with a closure, as the run loop calls it."""
    opt = make_optimizer("lbfgs", **hp)
    state = opt.init(w)
    calls = []

    def closure(p, members):
        calls.append(np.array(members))
        return rosen(p)

    for _ in range(steps):
        f, g = rosen(w)
        w, state = opt.update(state, w, g, opt.hp["lr"] if lr is None else lr, loss=f,
                              closure=closure)
    return w, state, calls


STARTS = np.array([[-1.5, 2.0], [0.5, -0.5], [1.2, 1.2], [-0.3, 0.8], [1.0, 1.0]])


@pytest.mark.parametrize("hp", [{}, {"line_search_fn": "strong_wolfe"},
                                {"max_iter": 1, "history_size": 2, "lr": 0.1},
                                {"max_iter": 5, "max_eval": 3, "history_size": 2, "lr": 0.5}])
def test_each_member_steps_as_if_alone(hp):
    w, state, _ = drive(hp, STARTS, 12)
    for i in range(len(STARTS)):
        alone, one, _ = drive(hp, STARTS[i:i + 1], 12)
        assert np.array_equal(w[i:i + 1], alone, equal_nan=True), i
        assert state.func_evals[i] == one.func_evals[0] and state.n_iter[i] == one.n_iter[0]


def test_per_member_learning_rates_are_each_members_own():
    lr = np.array([[0.05], [0.1], [0.2], [0.4], [0.8]])
    w, _, _ = drive({"max_iter": 3}, STARTS, 8, lr=lr)
    for i in range(len(STARTS)):
        alone, _, _ = drive({"max_iter": 3}, STARTS[i:i + 1], 8, lr=float(lr[i, 0]))
        assert np.array_equal(w[i:i + 1], alone), i


def test_update_is_pure():
    w, state, _ = drive({"history_size": 3}, STARTS, 4)
    before = {k: np.copy(v) for k, v in state._asdict().items()}
    w_before = w.copy()
    f, g = rosen(w)
    opt = make_optimizer("lbfgs", history_size=3)
    out = [opt.update(state, w, g, 1.0, loss=f, closure=lambda p, m: rosen(p))
           for _ in range(2)]
    assert np.array_equal(out[0][0], out[1][0]) and np.array_equal(w, w_before)
    for k, v in state._asdict().items():
        assert np.array_equal(v, before[k], equal_nan=True), k


def test_a_converged_member_only_counts_its_one_call():
    w, state, calls = drive({}, np.array([[1.0, 1.0]]), 3)
    assert np.array_equal(w, [[1.0, 1.0]]) and calls == []
    assert state.func_evals.tolist() == [3] and state.n_iter.tolist() == [0]
    assert np.isnan(state.d).all()


def test_without_line_search_the_last_iteration_does_not_evaluate():
    _, state, calls = drive({"max_iter": 4, "max_eval": 100, "tolerance_change": 0.0,
                             "tolerance_grad": 0.0}, STARTS[:1], 2)
    assert state.func_evals.tolist() == [2 * 4] and state.n_iter.tolist() == [8]
    assert len(calls) == 2 * 3


def test_max_eval_defaults_to_five_quarters_of_max_iter():
    assert make_optimizer("lbfgs").hp["max_eval"] == 25
    assert make_optimizer("lbfgs", max_iter=7).hp["max_eval"] == 8
    assert make_optimizer("lbfgs", max_iter=7, max_eval=3).hp["max_eval"] == 3


def test_history_keeps_the_newest_pairs_only():
    _, state, _ = drive({"max_iter": 1, "history_size": 2, "lr": 0.1}, STARTS[:1], 6)
    assert state.n_old.tolist() == [2] and state.old_dirs.shape == (1, 2, 2)


LBFGS_SCENE = """
title = "L-BFGS"
[surface]
builtin = "rosenbrock"
[[run]]
label = "L"
optimizer = "lbfgs"
line_search_fn = "strong_wolfe"
start = [-1.2, 1.0]
steps = 6
[[run]]
label = "swarm"
optimizer = "lbfgs"
lr = 0.2
max_iter = 4
start = { points = [[-1.0, 1.5], [0.3, 2.0]] }
steps = 5
[[run]]
label = "S"
optimizer = "sgd"
lr = 0.001
start = [-1.2, 1.0]
steps = 4
"""


def test_evals_count_every_closure_call_and_trials_are_the_extra_points():
    result = run_scene(load_scene(LBFGS_SCENE), state=True)
    runs = {r.label: r for r in result.runs}
    sgd = runs["S"]
    assert sgd.evals.tolist() == [0, 1, 2, 3, 4] and sgd.trials is None
    for label in ("L", "swarm[0]", "swarm[1]"):
        r = runs[label]
        assert np.array_equal(r.evals[1:], r.state["func_evals"][1:]), label
        per_step = np.diff(r.evals)
        step, xy = r.trials
        assert np.array_equal(np.bincount(step, minlength=len(r.step))[1:], per_step - 1)
        assert xy.shape == (len(step), 2) and np.isfinite(xy).all()
    assert (np.diff(runs["L"].evals) > 1).any()


def test_the_last_trial_point_of_a_line_search_step_is_where_it_lands():
    r = run_scene(load_scene(LBFGS_SCENE)).run("L")
    step, xy = r.trials
    last = xy[np.flatnonzero(step == 1)[-1]]
    assert np.array_equal(last, [r.x[1], r.y[1]])


def test_streamed_batches_carry_the_same_evals_and_trials():
    scene = load_scene(LBFGS_SCENE)
    ref = run_scene(scene)
    batches = list(SceneRun(scene, stream=True).batches(chunk=2))
    whole = merge_batches(batches)
    assert (whole.t0, whole.t1) == (0, 7)
    for i, r in enumerate(ref.runs):
        k = len(r.step)
        assert np.array_equal(whole.evals[i, :k], r.evals)
        assert np.isnan(whole.evals[i, k:]).all()
        run, step, xy = whole.trials
        mine = run == i
        if r.trials is None:
            assert not mine.any()
        else:
            assert np.array_equal(step[mine], r.trials[0])
            assert np.array_equal(xy[mine], r.trials[1])


def test_every_keeps_the_trials_of_kept_rows_and_of_the_last():
    scene = load_scene(LBFGS_SCENE)
    full = run_scene(scene).run("L")
    sparse = run_scene(scene, every=4).run("L")
    assert sparse.step.tolist() == [0, 4, 6]
    assert np.array_equal(sparse.evals, full.evals[[0, 4, 6]])
    keep = np.isin(full.trials[0], [4, 6])
    assert np.array_equal(sparse.trials[0], full.trials[0][keep])
    assert np.array_equal(sparse.trials[1], full.trials[1][keep])


def test_a_diverged_run_keeps_no_trials_after_its_last_row():
    scene = load_scene(LBFGS_SCENE.replace('line_search_fn = "strong_wolfe"', "lr = 50.0"))
    r = run_scene(scene).run("L")
    assert r.status == "diverged"
    assert (r.trials[0] <= r.step[-1]).all()


def test_json_and_csv_report_evals_and_trials(tmp_path):
    path = tmp_path / "l.toml"
    path.write_text(LBFGS_SCENE, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(path), "--format",
                          "json"], capture_output=True, text=True, check=True).stdout
    runs = {r["label"]: r for r in json.loads(out)["runs"]}
    assert runs["S"]["evals"] == [0, 1, 2, 3, 4] and "trials" not in runs["S"]
    trials = runs["L"]["trials"]
    assert set(trials) == {"step", "x", "y"}
    assert len(trials["step"]) == runs["L"]["evals"][-1] - 6
    csv_text = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(path)],
                              capture_output=True, text=True, check=True).stdout
    lines = csv_text.splitlines()
    assert lines[0] == "run,step,x,y,loss,lr,evals"
    assert lines[-1].startswith("S,4,") and lines[-1].endswith(",4")


def test_csv_without_lbfgs_keeps_its_columns():
    scene = load_scene(LBFGS_SCENE.split("[[run]]\nlabel = \"L\"")[0] +
                       LBFGS_SCENE.split("steps = 5\n")[1])
    assert export.to_csv(run_scene(scene)).splitlines()[0] == "run,step,x,y,loss,lr"


def test_a_mini_batch_closure_uses_the_steps_batch_and_clips_inside(tmp_path):
    scene = """
title = "batch"
[surface]
expr = "(w*x + b - t)**2"
params = ["w", "b"]
bounds = [[-3, 3], [-3, 3]]
data = "d.csv"
[[run]]
label = "L"
optimizer = "lbfgs"
max_iter = 3
lr = 0.5
batch_size = 2
clip = { value = 0.5 }
start = [2.0, -2.0]
steps = 2
"""
    Path(tmp_path, "d.csv").write_text("x,t\n0,1\n1,2\n0,-1\n1,-3\n", encoding="utf-8")
    Path(tmp_path, "s.toml").write_text(scene, encoding="utf-8")
    loaded = load_scene(Path(tmp_path, "s.toml"))
    r = run_scene(loaded).run("L")
    assert (np.diff(r.evals) > 1).all()
    surface = build_surface(loaded)
    opt = make_optimizer("lbfgs", max_iter=3, lr=0.5)
    w = np.array([[2.0, -2.0]])
    state = opt.init(w)
    for step in (1, 2):
        rows = batch_rows(0, 2, 4, step)

        def closure(p, members, rows=rows):
            f, gx, gy = surface.batch_loss_and_grad(p[:, 0], p[:, 1], rows)
            return f, np.clip(np.stack([gx, gy], 1), -0.5, 0.5)

        f, g = closure(w, np.array([0]))
        w, state = opt.update(state, w, g, 0.5, loss=f, closure=closure)
        assert np.array_equal(w[0], [r.x[step], r.y[step]])


def test_check_reports_every_bad_lbfgs_value_with_file_run_and_key(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("""
title = "bad"
[surface]
builtin = "rosenbrock"
[[run]]
label = "L"
optimizer = "lbfgs"
start = [0, 0]
lr = -1
max_iter = 0
max_eval = 2.5
tolerance_grad = -1e-7
tolerance_change = "small"
history_size = -3
line_search_fn = "armijo"
[[run]]
label = "M"
optimizer = "lbfgs"
start = [0, 0]
max_iter = true
[[run.change]]
at = 3
history_size = 5
""", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gdstudio", "check", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    expected = [
        "[[run]] 1 (\"L\") 'lr': expected a number >= 0",
        "[[run]] 1 (\"L\") 'max_iter': expected a whole number >= 1 (iterations per step), got 0",
        "[[run]] 1 (\"L\") 'max_eval': expected a whole number, got 2.5",
        "[[run]] 1 (\"L\") 'tolerance_grad': expected a number >= 0",
        "[[run]] 1 (\"L\") 'tolerance_change': expected a number, got \"small\"",
        "[[run]] 1 (\"L\") 'history_size': expected a whole number >= 1",
        "[[run]] 1 (\"L\") 'line_search_fn': expected \"strong_wolfe\" (or leave it out for "
        "no line search), got \"armijo\"",
        "[[run]] 2 (\"M\") 'max_iter': expected a whole number, got true",
    ]
    lines = proc.stderr.splitlines()
    assert lines[-1] == f"{len(expected)} problems found", proc.stderr
    for needle in expected:
        assert any(line.startswith(f"{path}: ") and needle in line for line in lines), needle


def test_history_size_cannot_change_after_the_first_step(tmp_path):
    base = LBFGS_SCENE.split("[[run]]\nlabel = \"swarm\"")[0]
    later = base + "[[run.change]]\nat = 0\nhistory_size = 5\n"
    assert run_scene(load_scene(later)).run("L").status == "max_steps"
    path = tmp_path / "f.toml"
    path.write_text(base + "[[run.change]]\nat = 2\nhistory_size = 5\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gdstudio", "check", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "'history_size': torch's LBFGS fixes the size of its memory" in proc.stderr


def test_budget_counts_history_and_trial_points():
    plain = load_scene(LBFGS_SCENE.replace('optimizer = "lbfgs"', 'optimizer = "sgd"')
                       .replace('line_search_fn = "strong_wolfe"', "").replace("max_iter = 4", ""))
    lbfgs = load_scene(LBFGS_SCENE)
    assert estimate(lbfgs).bytes > estimate(plain).bytes + 3 * 100 * 40
    assert estimate(lbfgs, consumer="cli").seconds > estimate(plain, consumer="cli").seconds


def test_basin_maps_and_lr_sweeps_run_lbfgs():
    def run_of(start, **keys):
        raw = {"surface": {"builtin": "sphere"},
               "run": [{"optimizer": "lbfgs", "start": start, **keys}]}
        return scene_from_dict(raw).runs[0]

    bm = basin_map(builtin_surface("himmelblau"),
                   run_of([0.0, 0.0], line_search_fn="strong_wolfe"), n=6, steps=20)
    assert (bm.label >= 0).all()
    sweep = lr_sweep(builtin_surface("rosenbrock"), run_of([-1.2, 1.0], max_iter=2),
                     [0.01, 0.1], steps=5)
    assert np.isfinite(sweep.final_loss).all()


def test_a_line_search_with_a_zero_or_huge_lr_stays_put_without_an_error(tmp_path):
    """torch's own line search divides by zero (a Python ZeroDivisionError) at lr = 0
    after the first step; here the run simply does not move."""
    scene = load_scene(LBFGS_SCENE.replace('line_search_fn = "strong_wolfe"',
                                           'line_search_fn = "strong_wolfe"\nlr = 0'))
    r = run_scene(scene).run("L")
    assert r.status == "max_steps" and set(r.x) == {-1.2} and set(r.y) == {1.0}
    assert (np.diff(r.evals) > 1).all()
