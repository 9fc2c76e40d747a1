"""``gdstudio run`` writes its CSV/JSON as the rows are made, one ``[[run]]`` group at a
time, into the output's temporary file, and renames it only at the end; the bytes are
those the whole text built in memory gave."""

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gdstudio.cli import main
from gdstudio.core import budget, export, runner
from gdstudio.core.runner import run_scene
from gdstudio.core.scene import load_scene

ROOT = Path(__file__).resolve().parents[1]
SCENES = ROOT / "tests" / "data" / "scenes"
PEAK_KB = ("next(int(line.split()[1]) for line in open('/proc/self/status') "
           "if line.startswith('VmHWM:'))")
"""The child's own peak RSS in KiB (not ru_maxrss: a forked child starts with its
parent's maximum)."""

CASES = [
    ("resources/scenes/default.toml", "csv", []),
    ("resources/scenes/default.toml", "json", ["--every", "7"]),
    ("resources/scenes/himmelblau_swarm.toml", "csv", ["--steps", "40", "--every", "3"]),
    ("resources/scenes/minibatch.toml", "json", ["--steps", "30", "--state"]),
    ("tests/data/scenes/fork_switch.toml", "csv", ["--state"]),
    ("tests/data/scenes/state_optimizers.toml", "csv", ["--state", "--every", "4"]),
    ("tests/data/scenes/state_optimizers.toml", "json", ["--state", "--every", "4"]),
    ("tests/data/scenes/swarm_grid_plateau.toml", "json", ["--every", "5"]),
    ("resources/lessons/16_swa.toml", "json", ["--steps", "80", "--every", "9"]),
    ("tests/data/scenes/diverge_nan.toml", "csv", []),
    ("tests/data/scenes/stop_min_lr_swa.toml", "json", ["--state"]),
    ("tests/data/scenes/stop_min_lr_swa.toml", "csv", ["--state", "--every", "2"]),
]


def _options(args):
    steps = int(args[args.index("--steps") + 1]) if "--steps" in args else None
    every = int(args[args.index("--every") + 1]) if "--every" in args else 1
    return steps, every, "--state" in args


def _in_memory(scene_path, fmt, args) -> bytes:
    """What ``gdstudio run`` wrote before it streamed: the whole text of run_scene."""
    steps, every, state = _options(args)
    result = run_scene(load_scene(ROOT / scene_path), steps=steps, every=every, state=state)
    text = export.to_json(result) if fmt == "json" else export.to_csv(result)
    return text.encode("utf-8")


@pytest.mark.parametrize("scene, fmt, args", CASES,
                         ids=[f"{Path(s).stem}-{f}-{'_'.join(a)}" for s, f, a in CASES])
def test_streamed_output_has_the_bytes_of_the_whole_text(scene, fmt, args, tmp_path):
    out = tmp_path / f"out.{fmt}"
    assert main(["run", str(ROOT / scene), "-o", str(out), *args]) == 0
    expected = _in_memory(scene, fmt, args)
    assert out.read_bytes() == expected
    p = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(ROOT / scene),
                        "--format", fmt, *args], capture_output=True, timeout=120,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.returncode == 0, p.stderr
    assert p.stdout == expected


def test_the_file_is_written_group_by_group_into_a_temporary_file(tmp_path, monkeypatch):
    """In a scene too large to run its groups together: while the second group runs, the
    first one's rows are already in the temporary file beside the target, and the target
    still holds what it held before."""
    monkeypatch.setattr(runner, "TOGETHER_BYTES", 0)
    out = tmp_path / "out.csv"
    out.write_text("what was here\n")
    seen = []
    make_group = runner._run_group

    def watch(g, *args):
        temp = [p for p in tmp_path.iterdir() if p != out]
        seen.append((g.spec.label, out.read_text(), {p.name: p.stat().st_size for p in temp}))
        return make_group(g, *args)

    monkeypatch.setattr(runner, "_run_group", watch)
    assert main(["run", str(ROOT / "resources/scenes/default.toml"), "-o", str(out)]) == 0
    labels = [run.label for run in load_scene(ROOT / "resources/scenes/default.toml").runs]
    assert [label for label, _, _ in seen] == labels
    first, second = seen[0], seen[1]
    assert first[1] == second[1] == "what was here\n"
    (temp_name, size), = second[2].items()
    assert temp_name.startswith(".out.") and temp_name.endswith(".tmp.csv")
    assert size > len("run,step,x,y,loss,lr\n"), "the first group's rows are not written yet"
    assert out.read_bytes() == _in_memory("resources/scenes/default.toml", "csv", [])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_the_budget_is_checked_once(monkeypatch, tmp_path):
    calls = []
    check = budget.check_budget

    def counting(*args, **kwargs):
        calls.append(kwargs.get("consumer", "api"))
        return check(*args, **kwargs)

    monkeypatch.setattr(budget, "check_budget", counting)
    monkeypatch.setattr(runner, "check_budget", counting)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", str(ROOT / "resources/scenes/default.toml"), "--steps", "5"]) == 0
    assert calls == ["cli"]


def test_running_a_builtin_scene_loads_only_what_the_run_needs():
    """``gdstudio run`` starts in about three times numpy's import; what only other
    commands, data surfaces, ``-o`` or an internal error need is not loaded."""
    code = ("import contextlib, io, sys\nfrom gdstudio.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['run', sys.argv[1]]) == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('secrets', 'tempfile', "
            "'traceback', 'sympy', 'PySide6') or m.startswith('importlib.resources')))\n")
    p = subprocess.run([sys.executable, "-c", code, str(ROOT / "resources/scenes/default.toml")],
                       capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"


def test_a_scene_over_the_budget_is_refused_with_the_way_out(tmp_path):
    scene = tmp_path / "swarm.toml"
    scene.write_text('[surface]\nbuiltin = "rosenbrock"\n[[run]]\noptimizer = "sgd"\n'
                     'lr = 0.001\nsteps = 2000\n'
                     'start = {grid = [[-1, 1], [-1, 1]], n = [100, 100]}\n')
    need = budget.estimate(load_scene(scene), every=2000, consumer="cli").bytes
    p = subprocess.run([sys.executable, "-m", "gdstudio", "run", str(scene)],
                       capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PYTHONPATH": str(ROOT),
                            budget.ENV_BUDGET: str(need + 1)})
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.count("\n") == 1 and p.stderr.startswith(f"gdstudio: {scene}: running ")
    assert "record fewer rows with --every, or use fewer steps (--steps)" in p.stderr


def _peak_kb(scene: Path, out: Path) -> int:
    code = ("import sys\nfrom gdstudio.cli import main\n"
            "assert main(['run', sys.argv[1], '-o', sys.argv[2]]) == 0\n"
            f"print({PEAK_KB})\n")
    p = subprocess.run([sys.executable, "-c", code, str(scene), str(out)], capture_output=True,
                       text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
                       timeout=600)
    assert p.returncode == 0, p.stderr
    return int(p.stdout)


def test_writing_200_mb_of_csv_holds_a_small_part_of_it(tmp_path):
    """Eight swarms of 1,000 starts x 340 steps: 2.7 million rows, about 200 MB of CSV.
    Beyond what a run of a few rows needs, the process holds a group's rows and a block
    of text at a time: a small part of the output (the whole text was three times it)."""
    runs = "".join(f'[[run]]\nlabel = "g{i}"\noptimizer = "sgd"\nlr = 0.0005\nsteps = 340\n'
                   'start = {grid = [[-1.5, 1.5], [-1, 2]], n = [40, 25]}\n' for i in range(8))
    big = tmp_path / "big.toml"
    big.write_text('[surface]\nbuiltin = "rosenbrock"\n' + runs)
    small = tmp_path / "small.toml"
    small.write_text('[surface]\nbuiltin = "rosenbrock"\n' + runs.replace("340", "1"))
    out = tmp_path / "out.csv"
    base = _peak_kb(small, out) << 10
    peak = _peak_kb(big, out) << 10
    size = out.stat().st_size
    assert size > 180 << 20
    assert peak - base < size / 6, f"peak RSS {peak >> 20} MB ({base >> 20} MB for a " \
                                   f"small run) writing {size >> 20} MB"
    with open(out, "rb") as f:
        assert f.readline() == b"run,step,x,y,loss,lr\n"
        f.seek(-200, os.SEEK_END)
        assert f.read().splitlines()[-1].startswith(b"g7[999],340,")


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_progress_bar_counts_the_steps_of_every_group_once(monkeypatch):
    """On a terminal the bar runs through the groups one after another, to the total of
    their steps, and ends on one full line."""
    import gdstudio.cli as cli

    scene = load_scene(ROOT / "resources/scenes/default.toml")
    total = sum(spec.steps for spec in scene.runs)
    assert len(scene.runs) > 1
    monkeypatch.setattr(cli, "PROGRESS_SECONDS", 0.0)
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", str(ROOT / "resources/scenes/default.toml")]) == 0
    counts = [int(part.split("]")[1].split("/")[0]) for part in err.getvalue().split("\r")
              if part]
    assert counts[0] == 0 and counts[-1] == total and counts == sorted(counts)
    assert err.getvalue().count(f"{total}/{total} steps") == 1
    assert err.getvalue().endswith(f"] {total}/{total} steps\n")
