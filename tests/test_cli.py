"""The headless command line: formats, exit codes, and bad input handled without tracebacks."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gdstudio.cli import main
from gdstudio.resources import resource_path

SCENES = sorted(resource_path("scenes").rglob("*.toml"))
DEFAULT = resource_path("scenes", "default.toml")


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", SCENES, ids=lambda p: p.stem)
def test_every_bundled_scene_runs(path, capsys):
    code, out, err = cli(capsys, "run", path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["runs"], "a bundled scene without runs"
    for run in data["runs"]:
        assert run["status"] in ("max_steps", "early_stopped", "min_lr", "diverged")
        assert len(run["x"]) == len(run["step"]) == len(run["loss"]) == len(run["lr"])
        assert run["lr"][0] is None


def test_csv_output(capsys):
    code, out, err = cli(capsys, "run", DEFAULT, "--steps", "5", "--every", "2")
    assert code == 0 and err == ""
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["run", "step", "x", "y", "loss", "lr"]
    sgd = [r for r in rows[1:] if r[0] == "SGD"]
    assert [r[1] for r in sgd] == ["0", "2", "4", "5"]
    assert sgd[0][5] == "" and float(sgd[1][5]) == 0.0005
    assert float(sgd[0][2]) == -1.5 and float(sgd[0][3]) == 2.0


def test_json_output_to_file_matches_stdout(tmp_path, capsys):
    target = tmp_path / "out.json"
    code, out, _ = cli(capsys, "run", DEFAULT, "--steps", "7", "--output", target)
    assert code == 0 and out == ""
    code, out, _ = cli(capsys, "run", DEFAULT, "--steps", "7", "--format", "json")
    assert json.loads(target.read_text()) == json.loads(out)
    data = json.loads(out)
    assert data["params"] == ["x", "y"]
    assert data["title"].startswith("Four optimizers")
    assert data["runs"][0]["swa"] is None


def test_surfaces_lists_the_library(capsys):
    code, out, _ = cli(capsys, "surfaces", "--json")
    assert code == 0
    items = {d["name"]: d for d in json.loads(out)}
    for name in ("sphere", "rosenbrock", "himmelblau", "beale", "booth", "rastrigin", "ackley",
                 "goldstein_price", "six_hump_camel", "three_hump_camel", "matyas", "levi13",
                 "styblinski_tang", "mccormick", "easom", "saddle", "monkey_saddle"):
        assert name in items, name
    assert len(items["himmelblau"]["minima"]) == 4
    code, text, _ = cli(capsys, "surfaces")
    assert code == 0 and "rosenbrock" in text and "minimum" in text


def test_check_reports_ok_and_problems(tmp_path, capsys):
    code, out, _ = cli(capsys, "check", DEFAULT)
    assert code == 0 and out.startswith("ok:")
    bad = tmp_path / "bad.toml"
    bad.write_text('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "adam"\nlr = -1\n'
                   'start = [0, 0]\nbatch_size = 0\n', encoding="utf-8")
    code, out, err = cli(capsys, "check", bad)
    assert code == 2 and out == ""
    assert "'lr'" in err and "'batch_size'" in err and "2 problems found" in err


BAD_INPUTS = [
    ("malformed.toml", "[surface\nbuiltin = 1\n", "not valid TOML"),
    ("unknown.toml", '[surface]\nbuiltin = "sphere"\nspeed = 3\n', "'speed'"),
    ("types.toml", '[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\nlr = "fast"\n'
     'start = [0, 0]\n', "'lr'"),
    ("range.toml", '[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "adam"\n'
     'betas = [0.9, 1.0]\nstart = [0, 0]\n', "'betas'"),
    ("formula.toml", '[surface]\nexpr = "9**9**9"\nbounds = [[0, 1], [0, 1]]\n', "'expr'"),
    ("hostile.toml", '[surface]\nexpr = "().__class__"\nbounds = [[0, 1], [0, 1]]\n', "'expr'"),
    ("nodata.toml", '[surface]\nexpr = "x*u"\nbounds = [[0, 1], [0, 1]]\ndata = "gone.csv"\n',
     "gone.csv"),
    ("binary.toml", "\udcff", "not a text file"),
]


@pytest.mark.parametrize("name, text, needle", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exits_2_with_a_message_and_no_output(name, text, needle, tmp_path):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    target = tmp_path / "result.csv"
    target.write_text("precious", encoding="utf-8")
    for extra in ([], ["--output", str(target)]):
        p = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(path), *extra],
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 2, p.stderr
        assert p.stdout == ""
        assert needle in p.stderr
        assert "Traceback" not in p.stderr
    assert target.read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("args, needle", [
    (["run", "nope.toml"], "no such file"),
    (["run", str(DEFAULT), "--steps", "-1"], "--steps"),
    (["run", str(DEFAULT), "--every", "0"], "--every"),
    (["run", str(DEFAULT), "--format", "xml"], "--format"),
    (["check"], "SCENE"),
    (["nope.toml"], "nope.toml: no such file"),
    (["run", str(DEFAULT), "--every", "9" * 23],
     f"argument --every: expected a whole number from 1 to 10,000,000, got {'9' * 23}"),
    (["run", str(DEFAULT), "--steps", "9" * 23],
     f"argument --steps: expected a whole number from 0 to 10,000,000, got {'9' * 23}"),
    (["run", str(DEFAULT), "--steps", "9" * 5000],
     "argument --steps: expected a whole number, got \"999999999999999999999...\""),
    (["render", str(DEFAULT), "-o", "x.png", "--steps", "9" * 23], "argument --steps"),
    (["render", str(DEFAULT), "-o", "x.png", "--frames", "9" * 23], "argument --frames"),
    (["render", str(DEFAULT), "-o", "x.png", "--fps", "9" * 23], "argument --fps"),
])
def test_bad_arguments_exit_2(args, needle, capsys):
    code, out, err = cli(capsys, *args)
    assert code == 2 and out == ""
    assert needle in err and "Traceback" not in err


def test_every_beyond_the_last_step_keeps_the_first_and_last_rows():
    import gdstudio

    result = gdstudio.run_scene(gdstudio.load_scene(DEFAULT), steps=7, every=10**30)
    assert all(r.step.tolist() == [0, 7] for r in result.runs)


def test_steps_override_applies_to_every_run(capsys):
    code, out, _ = cli(capsys, "run", DEFAULT, "--steps", "3", "--format", "json")
    assert code == 0
    assert all(r["step"] == [0, 1, 2, 3] for r in json.loads(out)["runs"])


def test_python_dash_m_and_version():
    p = subprocess.run([sys.executable, "-m", "gdstudio", "--version"], capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.startswith("gdstudio ")


def test_help_lists_commands(capsys):
    code, out, _ = cli(capsys, "--help")
    assert code == 0 and "run" in out and "surfaces" in out and "check" in out


def test_python_api_equals_cli(capsys):
    import gdstudio

    scene = gdstudio.load_scene(DEFAULT)
    result = gdstudio.run_scene(scene, steps=20, every=5)
    code, out, _ = cli(capsys, "run", DEFAULT, "--steps", "20", "--every", "5", "--format", "json")
    data = json.loads(out)
    for r, d in zip(result.runs, data["runs"], strict=True):
        assert r.label == d["label"] and r.status == d["status"]
        assert r.step.tolist() == d["step"] and r.x.tolist() == d["x"]
    text_scene = gdstudio.load_scene(Path(DEFAULT).read_text(encoding="utf-8"))
    from_text = gdstudio.run_scene(text_scene, steps=20, every=5)
    assert [r.x.tolist() for r in from_text.runs] == [d["x"] for d in data["runs"]]


@pytest.mark.parametrize("expr", ["log(-1 - x**2)", "exp(" * 30 + "x" + ")" * 30])
def test_check_warns_about_a_formula_not_finite_anywhere_in_its_range(tmp_path, capsys, expr):
    path = tmp_path / "blank.toml"
    path.write_text(f'title = "Blank"\n[surface]\nexpr = "{expr}"\n'
                    'bounds = [[-2, 2], [-3, 3]]\n'
                    '[[run]]\noptimizer = "sgd"\nstart = [1.0, 1.0]\n')
    code, out, err = cli(capsys, "check", path)
    assert code == 0 and out.startswith("ok:")
    assert err.startswith("warning: ") and f"the formula {json.dumps(expr)} is not finite" in err
    assert "x from -2 to 2, y from -3 to 3" in err
    code, out, err = cli(capsys, "check", DEFAULT)
    assert code == 0 and err == ""


def test_a_long_run_shows_its_progress_on_stderr_when_it_is_a_terminal(tmp_path):
    import os
    import pty

    scene = tmp_path / "long.toml"
    scene.write_text('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\nlr = 1e-6\n'
                     'start = [1.0, 1.0]\nsteps = 30000\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    args = [sys.executable, "-m", "gdstudio", "run", str(scene), "--every", "10000"]
    master, slave = pty.openpty()
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=slave, env=env, timeout=120)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert p.returncode == 0
    assert [r.split(",")[1] for r in p.stdout.decode().splitlines()[1:]] == \
        ["0", "10000", "20000", "30000"]
    assert "[" + "#" * 30 + "] 30000/30000 steps" in shown.decode()
    piped = subprocess.run(args, capture_output=True, env=env, timeout=120)
    assert piped.returncode == 0 and piped.stderr == b""
    assert piped.stdout == p.stdout
