"""Start-up on displays whose OpenGL the 3D view cannot use: the real app, as a subprocess.

Each test starts its own Xvfb (with or without the GLX extension) and runs
``python -m gdstudio`` with ``GDSTUDIO_SMOKE=1``: the app prints what it built once the
scene's first steps are on screen, then closes its window.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
XVFB = shutil.which("Xvfb")
pytestmark = pytest.mark.skipif(XVFB is None or not sys.platform.startswith("linux"),
                                reason="needs Xvfb")


def _xvfb(*args: str):
    read, write = os.pipe()
    proc = subprocess.Popen([XVFB, "-displayfd", str(write), "-nolisten", "tcp",
                             "-screen", "0", "1600x1000x24", *args],
                            pass_fds=(write,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        proc.wait()
        pytest.skip("Xvfb did not start")
    return proc, f":{number}"


@pytest.fixture(params=["glx", "no-glx"])
def display(request):
    proc, name = _xvfb(*(["-extension", "GLX"] if request.param == "no-glx" else []))
    yield request.param, name
    proc.terminate()
    proc.wait(10)


def _start(display: str, tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("QT_XCB_GL_INTEGRATION", "PYOPENGL_PLATFORM", "QT_QPA_PLATFORM",
                            "LIBGL_ALWAYS_SOFTWARE", "WAYLAND_DISPLAY")}
    environ.update(DISPLAY=display, PYTHONPATH=str(ROOT), GDSTUDIO_SMOKE="1",
                   HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
                   XDG_DATA_HOME=str(tmp_path / "data"), **env)
    return subprocess.run([sys.executable, "-m", "gdstudio", *args], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path, env=environ)


def _built(r: subprocess.CompletedProcess) -> dict[str, str]:
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "Traceback" not in out and "Error" not in out, out
    line = next(line for line in r.stdout.splitlines() if line.startswith("smoke: "))
    fields = dict(f.split("=", 1) for f in line[len("smoke: "):].split(" ", 3))
    assert int(fields["runs"]) > 0 and int(fields["steps"]) > 0, line
    return fields


def _assert_2d_fallback(built: dict[str, str], api: str) -> None:
    assert built["view"] == "2d"
    assert built["note"].startswith("3D view off: PyOpenGL")
    assert f"PYOPENGL_PLATFORM={api}" in built["note"]


@pytest.mark.parametrize("args", [(), ("--safe-mode",)])
def test_mismatched_egl_glx_falls_back_to_2d_with_a_note(display, tmp_path, args):
    kind, name = display
    if kind == "no-glx":
        r = _start(name, tmp_path, *args)          # Qt falls back to EGL by itself
    else:
        pyopengl = {"PYOPENGL_PLATFORM": "glx"} if args else {}   # safe mode would pick egl
        r = _start(name, tmp_path, *args, QT_XCB_GL_INTEGRATION="xcb_egl", **pyopengl)
    _assert_2d_fallback(_built(r), "egl")


def test_pyopengl_on_egl_while_qt_uses_glx_falls_back_to_2d(tmp_path):
    proc, name = _xvfb()
    try:
        r = _start(name, tmp_path, PYOPENGL_PLATFORM="egl")
    finally:
        proc.terminate()
        proc.wait(10)
    _assert_2d_fallback(_built(r), "glx")


def test_matching_settings_keep_the_3d_view(display, tmp_path):
    kind, name = display
    r = _start(name, tmp_path, **({"PYOPENGL_PLATFORM": "egl"} if kind == "no-glx" else {}))
    built = _built(r)
    assert built["view"] == "3d" and built["note"] == ""


def test_selftest_reports_the_mismatch_as_the_2d_fallback(tmp_path):
    proc, name = _xvfb("-extension", "GLX")
    try:
        r = _start(name, tmp_path, "--selftest")
    finally:
        proc.terminate()
        proc.wait(10)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "FAILED" not in r.stdout and "Traceback" not in r.stderr
    assert "OpenGL: PyOpenGL (GLX) cannot draw" in r.stdout
    assert "2D-only fallback" in r.stdout and "3D frame: skipped" in r.stdout
