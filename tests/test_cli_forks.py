"""`gdstudio run --state` and `gdstudio check` on scenes with [[run.change]]."""

import csv
import io
import json
import subprocess
import sys

from gdstudio.cli import main

SCENE = """
title = "fork"
[surface]
builtin = "rosenbrock"
[[run]]
label = "SGD"
optimizer = "sgd"
lr = 0.001
momentum = 0.9
start = [-1.5, 2.0]
steps = 6
[[run.change]]
at = 2
lr = 0.0005
[[run.change]]
at = 4
optimizer = "adam"
lr = 0.01
[[run]]
label = "plain"
optimizer = "sgd"
start = [-1.5, 2.0]
steps = 2
"""


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_state_csv_has_torch_names_and_empty_cells_where_absent(tmp_path, capsys):
    path = tmp_path / "fork.toml"
    path.write_text(SCENE)
    code, out, err = cli(capsys, "run", path, "--state")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["run", "step", "x", "y", "loss", "lr",
                             "state.momentum_buffer.x", "state.momentum_buffer.y",
                             "state.step", "state.exp_avg.x", "state.exp_avg.y",
                             "state.exp_avg_sq.x", "state.exp_avg_sq.y"]
    sgd = [r for r in rows if r["run"] == "SGD"]
    assert [r["lr"] for r in sgd] == ["", "0.001", "0.001", "0.0005", "0.0005", "0.01", "0.01"]
    assert all(v == "" for k, v in sgd[0].items() if k.startswith("state."))
    assert float(sgd[1]["state.momentum_buffer.x"]) == -155.0
    assert sgd[4]["state.step"] == "" and sgd[5]["state.momentum_buffer.x"] == ""
    assert [r["state.step"] for r in sgd[5:]] == ["1.0", "2.0"]
    plain = [r for r in rows if r["run"] == "plain"]
    assert all(v == "" for r in plain for k, v in r.items() if k.startswith("state."))


def test_state_json_maps_names_to_columns(tmp_path, capsys):
    path = tmp_path / "fork.toml"
    path.write_text(SCENE)
    code, out, err = cli(capsys, "run", path, "--state", "--format", "json", "--every", "2")
    assert code == 0, err
    sgd, plain = json.loads(out)["runs"]
    assert sgd["step"] == [0, 2, 4, 6]
    assert sgd["state"]["momentum_buffer"][0] is None
    assert len(sgd["state"]["momentum_buffer"][1]) == 2
    assert sgd["state"]["step"] == [None, None, None, 2.0]
    assert plain["state"] == {}


def test_without_state_the_output_is_unchanged(tmp_path, capsys):
    path = tmp_path / "fork.toml"
    path.write_text(SCENE)
    code, out, _ = cli(capsys, "run", path, "--format", "json")
    assert code == 0
    assert "state" not in json.loads(out)["runs"][0]
    code, out, _ = cli(capsys, "run", path)
    assert out.splitlines()[0] == "run,step,x,y,loss,lr"


def test_check_lists_every_bad_change_and_exits_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SCENE.replace("at = 4", "at = 9").replace("lr = 0.0005", "lr = -1")
                    + "[run.schedule]\nkind = \"cosine\"\n[[run.change]]\nat = 1\nlr = 0.1\n")
    proc = subprocess.run([sys.executable, "-m", "gdstudio", "check", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert lines[-1] == "3 problems found"
    assert f"{path}: [[run.change]] 1 of [[run]] 1 (\"SGD\") 'lr': expected a number >= 0" \
        in lines[0]
    assert "[[run.change]] 2 of [[run]] 1 (\"SGD\") 'at': expected a whole number from 0 to 5" \
        in lines[1]
    assert "[[run.change]] 1 of [[run]] 2 (\"plain\") 'lr': this run has a schedule" in lines[2]
    assert "change the schedule instead" in lines[2]


def test_run_refuses_an_lr_change_under_a_schedule(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SCENE + "[run.schedule]\nkind = \"step\"\nstep_size = 1\n"
                    "[[run.change]]\nat = 1\nlr = 0.1\n")
    proc = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "'lr': this run has a schedule" in proc.stderr and "Traceback" not in proc.stderr
