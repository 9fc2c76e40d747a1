"""Forks ([[run.change]]) and the optimizer state per step, through the core API."""

import textwrap

import numpy as np
import pytest

import gdstudio
from gdstudio.core.errors import SceneError
from gdstudio.core.scene import load_scene, save_scene

SURFACE = """
[surface]
expr = "(x - 1)**2 + 2*(y + 0.5)**2 + 0.5*(x - 1)*(y + 0.5) + 1"
bounds = [[-3.0, 3.0], [-3.0, 3.0]]
"""


def scene(body):
    return load_scene(SURFACE + textwrap.dedent(body))


def problems(body):
    with pytest.raises(SceneError) as e:
        scene(body)
    return e.value.problems


FORK = """
[[run]]
label = "fork"
optimizer = "sgd"
lr = 0.02
momentum = 0.9
start = [-2.0, 1.5]
steps = 12
[[run.change]]
at = 4
lr = 0.01
[[run.change]]
at = 8
optimizer = "adam"
lr = 0.05
"""


def test_a_change_sets_the_lr_from_step_at_plus_one():
    run = gdstudio.run_scene(scene(FORK)).runs[0]
    assert np.isnan(run.lr[0])
    assert list(run.lr[1:5]) == [0.02] * 4
    assert list(run.lr[5:9]) == [0.01] * 4
    assert list(run.lr[9:]) == [0.05] * 4


def test_a_hyperparameter_change_keeps_the_momentum_buffer():
    run = gdstudio.run_scene(scene(FORK), state=True).runs[0]
    buf = run.state["momentum_buffer"]
    grad = _grad(run.x[4], run.y[4])
    assert not np.allclose(buf[5], grad)
    assert np.allclose(buf[5], 0.9 * buf[4] + grad)
    assert np.allclose([run.x[5], run.y[5]], [run.x[4], run.y[4]] - 0.01 * buf[5])


def _grad(x, y):
    return np.array([2 * (x - 1) + 0.5 * (y + 0.5), 4 * (y + 0.5) + 0.5 * (x - 1)])


def test_a_switch_starts_an_empty_state():
    run = gdstudio.run_scene(scene(FORK), state=True).runs[0]
    assert set(run.state) == {"momentum_buffer", "step", "exp_avg", "exp_avg_sq"}
    assert np.isnan(run.state["momentum_buffer"][0]).all()
    assert np.isfinite(run.state["momentum_buffer"][1:9]).all()
    assert np.isnan(run.state["momentum_buffer"][9:]).all()
    assert np.isnan(run.state["step"][:9]).all()
    assert list(run.state["step"][9:]) == [1.0, 2.0, 3.0, 4.0]


def test_without_state_a_result_has_none():
    assert gdstudio.run_scene(scene(FORK)).runs[0].state is None


def test_every_member_of_a_swarm_forks():
    swarm = scene(FORK.replace("start = [-2.0, 1.5]",
                               "start = { points = [[-2.0, 1.5], [2.0, -1.0]] }"))
    alone = scene(FORK.replace("start = [-2.0, 1.5]", "start = [2.0, -1.0]"))
    member = gdstudio.run_scene(swarm, state=True).runs[1]
    single = gdstudio.run_scene(alone, state=True).runs[0]
    assert np.array_equal(member.x, single.x) and np.array_equal(member.y, single.y)
    assert np.array_equal(member.state["exp_avg"], single.state["exp_avg"], equal_nan=True)


def test_saved_changes_come_back_and_replay_the_same_path(tmp_path):
    original = scene(FORK)
    save_scene(original, tmp_path / "fork.toml")
    text = (tmp_path / "fork.toml").read_text()
    assert "change = [" in text
    again = load_scene(tmp_path / "fork.toml")
    assert again.runs[0].changes == original.runs[0].changes
    a = gdstudio.run_scene(original).runs[0]
    b = gdstudio.run_scene(again).runs[0]
    assert np.array_equal(a.x, b.x) and np.array_equal(a.lr, b.lr, equal_nan=True)


def test_fewer_steps_than_a_change_just_end_before_it():
    run = gdstudio.run_scene(scene(FORK), steps=6).runs[0]
    assert list(run.lr[1:]) == [0.02] * 4 + [0.01] * 2


def test_turning_amsgrad_on_at_step_zero_makes_its_state():
    run = gdstudio.run_scene(scene("""
        [[run]]
        optimizer = "adam"
        start = [-2.0, 1.5]
        steps = 3
        [[run.change]]
        at = 0
        amsgrad = true
        """), state=True).runs[0]
    assert np.isfinite(run.state["max_exp_avg_sq"][1:]).all()


RUN = """
[[run]]
label = "{label}"
optimizer = "{opt}"
start = [-2.0, 1.5]
steps = 50
"""


@pytest.mark.parametrize(("opt", "extra", "change", "key", "needle"), [
    ("sgd", "", "at = 50\nlr = 0.1", "at", "from 0 to 49"),
    ("sgd", "", "at = -1\nlr = 0.1", "at", "from 0 to 49"),
    ("sgd", "", "at = 2.5\nlr = 0.1", "at", "whole number"),
    ("sgd", "", "lr = 0.1", "at", "required"),
    ("sgd", "", "at = 3\nbetas = [0.9, 0.99]", "betas", "did you mean 'momentum'"),
    ("adam", "", "at = 3\nmomentum = 0.9", "momentum", "betas[0]"),
    ("adam", "", "at = 3\nbetas = [0.9, 1.5]", "betas", "betas[1] must be in [0, 1)"),
    ("sgd", "", "at = 3\nlr = -0.1", "lr", "cannot be negative"),
    ("sgd", "momentum = 0.9\nnesterov = true", "at = 3\nmomentum = 0.0", "nesterov",
     "Nesterov momentum needs momentum > 0"),
    ("sgd", "", "at = 3\noptimizer = \"adamm\"", "optimizer", "did you mean \"adam\""),
    ("sgd", "", "at = 3\noptimizer = \"adam\"\nmomentum = 0.9", "momentum", "betas[0]"),
    ("sgd", "", "at = 3", None, "changes nothing"),
    ("rmsprop", "", "at = 3\ncentered = true", "centered", "grad_avg"),
    ("rmsprop", "", "at = 3\nmomentum = 0.5", "momentum", "momentum_buffer"),
    ("adam", "", "at = 3\namsgrad = true", "amsgrad", "max_exp_avg_sq"),
    ("sgd", "[run.schedule]\nkind = \"cosine\"", "at = 3\nlr = 0.1", "lr",
     "change the schedule instead"),
    ("sgd", "[run.schedule]\nkind = \"cosine\"", "at = 3\noptimizer = \"adam\"\nlr = 0.1",
     "lr", "change the schedule instead"),
    ("sgd", "momentum = 0.9\n[run.schedule]\nkind = \"cyclic\"\nbase_lr = 0.001\n"
     "max_lr = 0.01\ncycle_momentum = true", "at = 3\noptimizer = \"rmsprop\"", "optimizer",
     "cannot carry over"),
    ("sgd", "momentum = 0.9\n[run.schedule]\nkind = \"cyclic\"\nbase_lr = 0.001\n"
     "max_lr = 0.01\ncycle_momentum = true", "at = 3\nmomentum = 0.5", "momentum",
     "cycles momentum"),
])
def test_every_bad_change_names_the_file_run_and_key(opt, extra, change, key, needle):
    body = RUN.format(label="bad", opt=opt) + extra + "\n[[run.change]]\n" + change + "\n"
    found = problems(body)
    assert len(found) == 1, found
    where = "<scene>: [[run.change]] 1 of [[run]] 1 (\"bad\")"
    assert found[0].startswith(where + (f" '{key}'" if key else ":")), found[0]
    assert needle in found[0]


def test_changes_must_increase_and_each_problem_is_reported():
    body = RUN.format(label="twice", opt="sgd") + textwrap.dedent("""
        [[run.change]]
        at = 10
        lr = 0.1
        [[run.change]]
        at = 10
        lr = 0.2
        [[run.change]]
        at = 20
        lrr = 0.3
        """)
    found = problems(body)
    assert len(found) == 2, found
    assert "[[run.change]] 2 of [[run]] 1 (\"twice\") 'at'" in found[0]
    assert "increasing steps" in found[0]
    assert "[[run.change]] 3 of [[run]] 1 (\"twice\") 'lrr'" in found[1]


def test_a_state_switch_may_come_back_on_after_a_switch_made_it():
    scene(RUN.format(label="ok", opt="sgd") + textwrap.dedent("""
        [[run.change]]
        at = 10
        optimizer = "rmsprop"
        centered = true
        [[run.change]]
        at = 20
        centered = false
        [[run.change]]
        at = 30
        centered = true
        """))


def test_a_switch_keeps_the_schedule_setting_the_lr():
    run = gdstudio.run_scene(scene(RUN.format(label="s", opt="sgd") + textwrap.dedent("""
        lr = 0.02
        [run.schedule]
        kind = "step"
        step_size = 10
        gamma = 0.5
        [[run.change]]
        at = 15
        optimizer = "adam"
        """))).runs[0]
    assert list(run.lr[1:31:5]) == [0.02, 0.02, 0.01, 0.01, 0.005, 0.005]


def test_a_change_in_defaults_is_refused():
    found = problems("[defaults]\nchange = [{ at = 1, lr = 0.1 }]\n"
                     + RUN.format(label="d", opt="sgd"))
    assert any("[defaults] 'change'" in p and "[[run.change]]" in p for p in found)


def test_bad_changes_are_reported_beside_other_problems_of_the_run():
    found = problems("""
        [[run]]
        label = "both"
        optimizer = "sgd"
        start = [-2.0, 1.5, 0.0]
        [[run.change]]
        at = 500
        lr = 0.1
        """)
    assert len(found) == 2, found
    assert "'start'" in found[0] and "[[run.change]] 1 of [[run]] 1 (\"both\") 'at'" in found[1]
