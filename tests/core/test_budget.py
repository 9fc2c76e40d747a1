"""Scenes too big to run are refused up front, with the estimate and the way out."""

import os
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdstudio.core import budget
from gdstudio.core.budget import ENV_BUDGET, check_budget, estimate, human_bytes
from gdstudio.core.errors import GdError, SceneError
from gdstudio.core.runner import SceneRun, run_scene
from gdstudio.core.scene import load_scene

ROOT = Path(__file__).resolve().parents[2]


PEAK_KB = ("next(int(line.split()[1]) for line in open('/proc/self/status') "
           "if line.startswith('VmHWM:'))")
"""The child's own peak RSS in KiB. Not ru_maxrss: a child made by fork starts with its
parent's maximum, so under a large pytest process it reports the parent's size."""

def swarm_scene(nx, ny, steps, schedule=""):
    return load_scene(
        'title = "Swarm"\n[surface]\nbuiltin = "rosenbrock"\n'
        f'[[run]]\nlabel = "GD"\noptimizer = "sgd"\nlr = 0.001\nsteps = {steps}\n'
        f'start = {{grid = [[-1, 1], [-1, 1]], n = [{nx}, {ny}]}}\n{schedule}')


def gdstudio(*args, budget_bytes=None, tmp_path=None):
    """The command line in a process of its own, capped at 3 GiB of address space: a run
    that allocates what it should have refused dies quickly instead of filling the machine."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(ENV_BUDGET, None)
    if budget_bytes is not None:
        env[ENV_BUDGET] = str(budget_bytes)

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    return subprocess.run([sys.executable, "-m", "gdstudio", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120, preexec_fn=cap,
                          cwd=tmp_path)


def test_estimate_follows_what_the_run_loop_keeps():
    scene = swarm_scene(10, 10, 99)
    need = estimate(scene)
    rows, n = 100, 100
    assert need.members == n and need.steps == 99
    assert need.bytes == rows * n * (32 + 9) + rows * 8 + n * budget.MEMBER_BYTES
    for every in (1, 10, 1000):
        run = SceneRun(scene, every=every)
        g = run.groups[0]
        kept = g.W.nbytes + g.L.nbytes + g.LR.nbytes + g.E.nbytes
        assert kept <= estimate(scene, every=every).bytes - n * budget.MEMBER_BYTES
    plateau = swarm_scene(10, 10, 99, 'schedule = {kind = "plateau"}\n')
    assert estimate(plateau).bytes - need.bytes == rows * (n - 1) * 8
    assert estimate(scene, every=10, consumer="cli").bytes < estimate(scene, consumer="cli").bytes
    assert estimate(scene, steps=9).steps == 9


def test_a_million_trajectories_of_ten_million_steps_are_refused_in_tib():
    scene = swarm_scene(1000, 1000, 10_000_000)
    with pytest.raises(SceneError) as err:
        check_budget(scene, budget=16 << 30)
    msg = str(err.value)
    assert "running 1,000,000 start(s) for up to 10,000,000 steps" in msg
    assert "TiB of memory" in msg and "days" in msg and "16 GiB available" in msg
    assert "fewer steps or fewer starts" in msg and "--every" not in msg


def test_the_way_out_names_every_only_where_it_is_enough():
    scene = swarm_scene(100, 100, 200)
    engine = estimate(scene, every=200, consumer="cli").bytes
    with pytest.raises(SceneError, match="record fewer rows with --every"):
        check_budget(scene, consumer="cli", budget=engine + 1)
    with pytest.raises(SceneError) as err:
        check_budget(scene, consumer="cli", budget=engine // 2)
    assert "--every" not in str(err.value)


def test_run_scene_refuses_before_allocating(monkeypatch):
    monkeypatch.setenv(ENV_BUDGET, "1e6")
    with pytest.raises(SceneError, match="more than the 977 KiB available"):
        run_scene(swarm_scene(100, 100, 50))
    result = run_scene(swarm_scene(2, 2, 10))
    assert len(result.runs) == 4


def test_a_long_swarm_fits_when_only_the_returned_rows_are_kept(monkeypatch):
    """10,000 starts x 5,000 steps kept every step need GiB; every=5000 keeps 2 rows."""
    scene = swarm_scene(100, 100, 5000)
    monkeypatch.setenv(ENV_BUDGET, str(100 << 20))
    with pytest.raises(SceneError, match="GiB of memory"):
        run_scene(scene, steps=5000)
    result = run_scene(scene, every=5000)
    assert len(result.runs) == 10_000
    assert [r.step.tolist() for r in result.runs[:2]] == [[0, 5000]] * 2


def test_peak_memory_follows_the_rows_returned_not_the_steps_computed(tmp_path):
    """20,000 starts x 2,000 steps: every row would be 1.3 GB; two rows are 1 MB."""
    scene = write(tmp_path, 200, 100, 2000)
    code = ("import sys, gdstudio\n"
            "r = gdstudio.run_scene(gdstudio.load_scene(sys.argv[1]), every=2000)\n"
            "assert len(r.runs) == 20_000 and r.runs[-1].step.tolist() == [0, 2000]\n"
            f"print({PEAK_KB})\n")
    p = subprocess.run([sys.executable, "-c", code, scene], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    assert int(p.stdout) < 250 << 10, f"peak RSS {int(p.stdout) >> 10} MB"


def test_steps_overrides_obey_the_scene_limit():
    scene = swarm_scene(1, 2, 10)
    with pytest.raises(SceneError, match="from 0 to 10,000,000, got 1000000000"):
        scene.with_steps(1_000_000_000)
    with pytest.raises(SceneError, match="from 0 to 10,000,000"):
        run_scene(scene, steps=1_000_000_000)


def test_memory_available_comes_from_the_kernel_or_the_environment(monkeypatch):
    monkeypatch.delenv(ENV_BUDGET, raising=False)
    have = budget.available_memory()
    if Path("/proc/meminfo").exists():
        line = next(x for x in Path("/proc/meminfo").read_text().splitlines()
                    if x.startswith("MemAvailable:"))
        assert abs(have - int(line.split()[1]) * 1024) < 1 << 30
    monkeypatch.setenv(ENV_BUDGET, "2048")
    assert budget.available_memory() == 2048
    monkeypatch.setenv(ENV_BUDGET, "lots")
    with pytest.raises(GdError, match="must be a number of bytes"):
        budget.available_memory()


def test_human_units():
    assert human_bytes(512) == "512 bytes"
    assert human_bytes(1.5 * 2**30) == "1.5 GiB"
    assert human_bytes(146 * 2**40) == "146 TiB"
    assert str(budget.human_time(30)) == "30 seconds"
    assert str(budget.human_time(600)) == "10 minutes"
    assert str(budget.human_time(3 * 3600)) == "3.0 hours"


# -- the command line ------------------------------------------------------------------


def write(tmp_path, nx, ny, steps):
    path = tmp_path / "big.toml"
    path.write_text(
        'title = "Big"\n[surface]\nbuiltin = "rosenbrock"\n'
        f'[[run]]\nlabel = "GD"\noptimizer = "sgd"\nlr = 0.001\nsteps = {steps}\n'
        f'start = {{grid = [[-1, 1], [-1, 1]], n = [{nx}, {ny}]}}\n')
    return path


def test_check_refuses_a_scene_needing_tebibytes(tmp_path):
    p = gdstudio("check", write(tmp_path, 1000, 1000, 10_000_000), tmp_path=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "TiB of memory" in p.stderr and "fewer steps or fewer starts" in p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""


def test_run_refuses_a_million_starts_before_computing(tmp_path):
    p = gdstudio("run", write(tmp_path, 1000, 1000, 50), budget_bytes=2 << 30,
                 tmp_path=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "running 1,000,000 start(s) for up to 50 steps" in p.stderr
    assert "GiB of memory" in p.stderr and "2 GiB available" in p.stderr
    assert p.stdout == "" and "Traceback" not in p.stderr


@pytest.mark.parametrize("command", [["run"], ["render", "-o", "out.png"]])
def test_steps_override_above_the_scene_limit_is_refused(tmp_path, command):
    scene = write(tmp_path, 1, 1, 10)
    p = gdstudio(command[0], scene, *command[1:], "--steps", "1000000000", tmp_path=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "from 0 to 10,000,000, got 1000000000" in p.stderr
    assert "Traceback" not in p.stderr


def test_render_frames_are_at_most_one_per_step(tmp_path):
    p = gdstudio("render", write(tmp_path, 1, 1, 10), "-o", "out.mp4", "--frames",
                 "1000", tmp_path=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "--frames: at most one frame per step of the scene (11)" in p.stderr
    assert not (tmp_path / "out.mp4").exists()


def test_small_scenes_still_run_under_a_small_budget(tmp_path):
    p = gdstudio("run", write(tmp_path, 2, 2, 20), budget_bytes=10 << 20, tmp_path=tmp_path)
    assert p.returncode == 0, p.stderr
    assert len(p.stdout.splitlines()) == 1 + 4 * 21
    assert np.isfinite(float(p.stdout.splitlines()[1].split(",")[4]))


def test_streaming_a_long_swarm_holds_one_batch_of_rows(tmp_path):
    """The window's run loop: 10,000 starts x 3,000 steps, every row streamed and dropped
    (every row kept would be 720 MB); the window's estimate is its playback's copy."""
    scene = write(tmp_path, 100, 100, 3000)
    code = ("import sys\n"
            "from gdstudio.core.runner import SceneRun\n"
            "from gdstudio.core.scene import load_scene\n"
            "run = SceneRun(load_scene(sys.argv[1]), stream=True)\n"
            "rows = sum(b.t1 - b.t0 for b in run.batches(64))\n"
            "assert rows == 3001, rows\n"
            f"print({PEAK_KB})\n")
    p = subprocess.run([sys.executable, "-c", code, scene], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    assert int(p.stdout) < 250 << 10, f"peak RSS {int(p.stdout) >> 10} MB"
    playback = 3001 * 10_000 * budget.CONSUMER_ROW_BYTES["window"]
    assert estimate(load_scene(scene), consumer="window").bytes < 1.05 * playback
