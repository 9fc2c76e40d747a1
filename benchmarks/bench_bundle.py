"""The PyInstaller one-folder app: build time, size on disk, and the frozen selftest.

Builds with packaging/build_linux.sh (what ``make bundle`` runs) into a temporary folder
and times ``gdstudio --selftest`` frozen against the same selftest from this venv (the
baseline). Linux only; the display is this one or a private Xvfb through ``xvfb-run``.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result

ROOT = Path(__file__).resolve().parent.parent
BUILD_TARGET_S = 120.0
SIZE_TARGET_MB = 300.0
START_TARGET_RATIO = 1.5


def _display() -> list[str]:
    if os.environ.get("DISPLAY") or not shutil.which("xvfb-run"):
        return []
    return ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24"]


def _selftest_s(cmd: list[str], cwd: str) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        r = subprocess.run(_display() + cmd + ["--selftest"], cwd=cwd, capture_output=True,
                           text=True, timeout=120)
        elapsed = time.perf_counter() - t
        if r.returncode != 0:
            raise RuntimeError(f"selftest failed:\n{r.stdout}{r.stderr}")
        best = min(best, elapsed)
    return best


def run() -> list[Result]:
    if not sys.platform.startswith("linux"):
        return [Result("bundle", "skipped: Linux only", ok=True)]
    with tempfile.TemporaryDirectory(prefix="gdstudio-bench-bundle-") as tmp:
        env = dict(os.environ, DIST=f"{tmp}/dist", WORK=f"{tmp}/work")
        t = time.perf_counter()
        r = subprocess.run(["bash", str(ROOT / "packaging" / "build_linux.sh"), sys.executable],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
        build_s = time.perf_counter() - t
        if r.returncode != 0:
            return [Result("bundle build", f"FAILED: {r.stderr[-300:]}", ok=False)]
        folder = Path(tmp) / "dist" / "gdstudio"
        files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        tarball = next((Path(tmp) / "dist").glob("*.tar.gz"))
        tar_mb = tarball.stat().st_size / 1e6
        frozen = _selftest_s([str(folder / "gdstudio")], tmp)
        dev = _selftest_s([sys.executable, "-m", "gdstudio"], tmp)
    return [
        Result("bundle build (PyInstaller + tarball + AppDir)", f"{build_s:.0f} s",
               target=f"< {BUILD_TARGET_S:.0f} s", ok=build_s < BUILD_TARGET_S),
        Result("bundle size (one folder / tar.gz)", f"{size_mb:.0f} MB / {tar_mb:.0f} MB",
               target=f"folder < {SIZE_TARGET_MB:.0f} MB", ok=size_mb < SIZE_TARGET_MB),
        Result("frozen --selftest wall time", f"{frozen:.2f} s", baseline=f"{dev:.2f} s (venv)",
               ratio=frozen / dev, target=f"ratio < {START_TARGET_RATIO}",
               ok=frozen / dev < START_TARGET_RATIO),
    ]
