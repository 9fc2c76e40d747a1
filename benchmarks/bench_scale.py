"""What the engine costs beyond its steps: peak memory of big swarms, the command line's
start-up.

- Peak RSS (``VmHWM``; a forked child's ``ru_maxrss`` starts at its parent's) of ``run_scene``
  on 90,000 starts x 1,000 steps (every=1000)
  and 10,000 starts x 10,000 steps (every=10000), Adam on Rosenbrock, each in a process
  of its own; the baseline is a process that only imports numpy.
- ``gdstudio run resources/scenes/default.toml`` (4 runs x 1,500 steps, CSV to a pipe)
  against ``python -c "import numpy"``: median wall time of alternating runs.
"""

import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from benchmarks.common import Result

ROOT = Path(__file__).resolve().parent.parent

SWARM = textwrap.dedent("""
    import sys
    import gdstudio
    nx, ny, steps = map(int, sys.argv[1:4])
    scene = gdstudio.load_scene(f'''
    [surface]
    builtin = "rosenbrock"
    [[run]]
    label = "adam"
    optimizer = "adam"
    lr = 0.01
    steps = {steps}
    start = {{ grid = [[-2.0, 2.0], [-1.0, 3.0]], n = [{nx}, {ny}] }}
    ''')
    result = gdstudio.run_scene(scene, every=steps)
    assert len(result.runs) == nx * ny
    print(next(int(line.split()[1]) for line in open("/proc/self/status")
               if line.startswith("VmHWM:")))
""")

BARE = ("import numpy; print(next(int(line.split()[1]) for line in open('/proc/self/status')"
        " if line.startswith('VmHWM:')))")

CASES = ((300, 300, 1000, 300), (100, 100, 10000, 150))


def env() -> dict:
    e = {**os.environ, "PYTHONPATH": str(ROOT)}
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    return e


def peak_mb(code: str, *args) -> float:
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                         text=True, check=True, env=env(), cwd=ROOT)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def wall(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, check=True, env=env(), cwd=ROOT)
    return time.perf_counter() - t


def run() -> list[Result]:
    bare = peak_mb(BARE)
    results = []
    for nx, ny, steps, limit in CASES:
        mb = peak_mb(SWARM, nx, ny, steps)
        results.append(Result(
            name=f"peak RSS, run_scene {nx * ny:,} starts x {steps:,} Adam steps, "
                 f"every={steps}",
            measured=f"{mb:.0f} MB", baseline=f"{bare:.0f} MB (python + numpy)",
            ratio=mb / bare, target=f"< {limit} MB", ok=mb < limit))
    cli = [sys.executable, "-m", "gdstudio", "run", "resources/scenes/default.toml"]
    numpy = [sys.executable, "-c", "import numpy"]
    wall(cli)
    ours, base = [], []
    for _ in range(7):
        ours.append(wall(cli))
        base.append(wall(numpy))
    a, b = statistics.median(ours), statistics.median(base)
    results.append(Result(
        name="gdstudio run resources/scenes/default.toml (4 runs x 1,500 steps), median of 7",
        measured=f"{a:.2f} s", baseline=f'{b:.2f} s (python -c "import numpy")', ratio=a / b,
        target="<= 3", ok=a / b <= 3))
    return results
