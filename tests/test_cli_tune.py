"""`gdstudio tune`: the fair race from the command line."""

import os
import subprocess
import sys

import pytest

from gdstudio.core.runner import run_scene
from gdstudio.core.scene import load_scene

SCENE = """
title = "ravine, one lr for all"
[surface]
builtin = "ravine"
[defaults]
start = [-9.0, 2.5]
steps = 150
lr = 0.01
[[run]]
label = "GD"
optimizer = "sgd"
[[run]]
label = "Adam"
optimizer = "adam"
[[run]]
label = "Newton"
optimizer = "newton"
"""

DATA = """
title = "regression"
[surface]
expr = "(w*x + b - y)**2"
params = ["w", "b"]
bounds = [[-1.0, 4.0], [-2.0, 3.0]]
data = "points.csv"
[[run]]
label = "SGD"
optimizer = "sgd"
lr = 0.01
batch_size = 2
start = [0.0, 0.0]
steps = 30
"""


def gdstudio(*args, cwd=None):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "gdstudio", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def scene(tmp_path):
    path = tmp_path / "race.toml"
    path.write_text(SCENE)
    return path


def test_tune_prints_the_table_and_writes_a_tuned_scene(scene, tmp_path):
    out = tmp_path / "tuned.toml"
    p = gdstudio("tune", scene, "--lrs", "1e-3:10:9", "-o", out)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("Fair race: every optimizer gets the same budget of 150 steps")
    head = lines[2].split()
    assert head[:5] == ["run", "optimizer", "steps", "tuned", "lr"]
    rows = {line.split()[0]: line.split() for line in lines[3:6]}
    assert set(rows) == {"GD", "Adam", "Newton"}
    assert rows["Newton"][1:4] == ["newton", "150", "1"]
    assert "final loss at each learning rate (* tuned):" in p.stdout
    assert sum(line.count("*") for line in lines[8:]) == 3
    assert "Traceback" not in p.stderr and f"tuned scene written to {out}" in p.stderr

    tuned = load_scene(out)
    assert tuned.title == "Fair race: ravine, one lr for all"
    assert "same budget of 150 steps" in tuned.notes
    labels = [r.label for r in tuned.runs]
    assert labels[2] == "Newton (lr=1)"
    for run, label in zip(tuned.runs, labels, strict=True):
        lr = float(rows[label.split()[0]][3])
        assert run.hyper["lr"] == pytest.approx(lr, rel=1e-3)
        assert label.endswith(f"(lr={run.hyper['lr']:.3g})")
    result = run_scene(tuned)
    assert all(r.status == "max_steps" for r in result.runs)


def test_tune_with_an_evaluation_budget_gives_newton_half_the_steps(scene):
    p = gdstudio("tune", scene, "--budget", "evals", "--amount", "60", "--lrs", "1e-3:3:8")
    assert p.returncode == 0, p.stderr
    rows = {line.split()[0]: line.split() for line in p.stdout.splitlines()[3:6]}
    assert rows["GD"][2] == "60" and rows["Newton"][2] == "30"
    assert rows["Newton"][5] == "60"                   # the evals column: all spent
    assert "60 evaluations" in p.stdout


def test_tuned_scene_keeps_naming_its_data_file_from_another_folder(tmp_path):
    (tmp_path / "points.csv").write_text("x,y\n0,1\n1,3\n2,5\n3,7\n")
    (tmp_path / "fit.toml").write_text(DATA)
    (tmp_path / "out").mkdir()
    p = gdstudio("tune", "fit.toml", "--lrs", "1e-3:0.3:6", "-o", "out/tuned.toml",
                 cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    tuned = load_scene(tmp_path / "out" / "tuned.toml")
    assert tuned.surface.data == "../points.csv"
    assert tuned.runs[0].batch_size == 2
    run_scene(tuned)


@pytest.mark.parametrize(("args", "needle"), [
    (["--lrs", "1:0:5"], "learning rates must be finite and > 0, got 1 and 0"),
    (["--lrs", "10:1:5"], "LO must be below HI, got 10:1"),
    (["--lrs", "abc"], "expected LO:HI:N"),
    (["--lrs", "1e-3:1:1"], "N must be from 2 to 1000"),
    (["--lrs=-1:1:5"], "learning rates must be finite and > 0"),
    (["--lrs", "0:1:5"], "learning rates must be finite and > 0"),
    (["--budget", "flops"], "invalid choice: 'flops'"),
    (["--amount", "0"], "expected a whole number from 1"),
    (["--target", "nan"], "expected a finite number"),
])
def test_bad_arguments_exit_2_with_a_message(scene, args, needle):
    p = gdstudio("tune", scene, *args)
    assert p.returncode == 2
    assert needle in p.stderr and "Traceback" not in p.stderr
    assert p.stdout == ""


def test_a_bad_scene_or_output_folder_exits_2(scene, tmp_path):
    p = gdstudio("tune", tmp_path / "missing.toml")
    assert p.returncode == 2 and "no such file" in p.stderr and "Traceback" not in p.stderr
    p = gdstudio("tune", scene, "-o", tmp_path / "nowhere" / "tuned.toml")
    assert p.returncode == 2 and "does not exist" in p.stderr and p.stdout == ""
