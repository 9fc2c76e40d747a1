"""Helpers for the packaging tests: they build and run things as subprocesses only."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BAD_OUTPUT = ("Traceback", "GLError", "Error while drawing", "FAILED")


def clean_env(**extra: str) -> dict[str, str]:
    """This environment (with pytest-xvfb's DISPLAY) minus anything pointing at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


def run(cmd, *, timeout: float = 120, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=env if env is not None else clean_env())


def ensure_tool(module: str, requirement: str) -> None:
    """pip-install a build tool into this venv when missing, as `make bundle` does."""
    if run([sys.executable, "-c", f"import {module}"]).returncode != 0:
        r = run([sys.executable, "-m", "pip", "install", "-q", requirement], timeout=600)
        if r.returncode != 0:
            pytest.skip(f"cannot install {requirement}: {r.stderr[-500:]}")


def check_selftest(r: subprocess.CompletedProcess, *, gl: bool = True) -> None:
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "selftest: all checks passed" in r.stdout, out
    for bad in BAD_OUTPUT:
        assert bad not in out, out
    if gl:
        assert "OpenGL: ok" in r.stdout, out
        assert "3D frame: ok" in r.stdout, out


# A string: evaluated when the test runs, after pytest-xvfb has set DISPLAY.
needs_display = pytest.mark.skipif(
    "sys.platform.startswith('linux') and not os.environ.get('DISPLAY')",
    reason="needs an X display (pytest-xvfb provides one unless --no-xvfb)")
