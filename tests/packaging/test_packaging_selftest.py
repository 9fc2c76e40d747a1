"""`gdstudio --selftest` in the dev venv, and the software-GL switch of --safe-mode."""

import sys
from pathlib import Path

from packaging_helpers import check_selftest, clean_env, needs_display, run

from gdstudio.glconfig import apply_software_gl

GDSTUDIO = Path(sys.executable).with_name("gdstudio")


def _cmd():
    if GDSTUDIO.exists():
        return [GDSTUDIO]
    return [sys.executable, "-m", "gdstudio"]


@needs_display
def test_selftest_passes_under_xvfb(tmp_path):
    r = run([*_cmd(), "--selftest"], cwd=tmp_path)
    check_selftest(r)
    assert "renderer" in r.stdout
    assert "scene: ok" in r.stdout and "formula: ok" in r.stdout


@needs_display
def test_selftest_in_safe_mode(tmp_path):
    r = run([*_cmd(), "--selftest", "--safe-mode"], cwd=tmp_path)
    check_selftest(r)
    assert "LIBGL_ALWAYS_SOFTWARE=1" in r.stdout
    assert "llvmpipe" in r.stdout


def test_selftest_without_opengl_reports_the_2d_fallback(tmp_path):
    r = run([*_cmd(), "--selftest"], cwd=tmp_path, env=clean_env(QT_QPA_PLATFORM="offscreen"))
    check_selftest(r, gl=False)
    assert "2D-only fallback" in r.stdout
    assert "3D frame: skipped" in r.stdout


@needs_display
def test_selftest_reports_mp4_honestly(tmp_path):
    r = run([*_cmd(), "--selftest"], cwd=tmp_path)
    import importlib.util

    if importlib.util.find_spec("imageio_ffmpeg") is None:
        assert "MP4: not available" in r.stdout
    else:
        assert "MP4: ok" in r.stdout


def test_a_failing_check_fails_the_selftest():
    import io

    from gdstudio.selftest import _Checks

    out = io.StringIO()
    checks = _Checks(out)
    checks.run("good", lambda: "fine")
    checks.run("bad", lambda: 1 / 0)
    assert checks.failed == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("good: ok (fine)")
    assert lines[1] == "bad: FAILED: ZeroDivisionError: division by zero"


def test_software_gl_on_linux():
    env = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}
    changed = apply_software_gl(env, "linux")
    assert env["LIBGL_ALWAYS_SOFTWARE"] == "1"
    assert env["GALLIUM_DRIVER"] == "llvmpipe"
    assert env["QT_QPA_PLATFORM"] == "xcb"
    assert env["QT_XCB_GL_INTEGRATION"] == "xcb_glx"
    assert env["PYOPENGL_PLATFORM"] == "glx"
    assert "QT_OPENGL" not in env
    assert changed["LIBGL_ALWAYS_SOFTWARE"] == "1"
    assert apply_software_gl(env, "linux") == {}


def test_software_gl_keeps_the_users_choices():
    env = {"QT_QPA_PLATFORM": "wayland", "QT_XCB_GL_INTEGRATION": "xcb_egl",
           "GALLIUM_DRIVER": "softpipe", "LIBGL_ALWAYS_SOFTWARE": "0"}
    apply_software_gl(env, "linux")
    assert env["QT_QPA_PLATFORM"] == "wayland"
    assert env["GALLIUM_DRIVER"] == "softpipe"
    assert env["PYOPENGL_PLATFORM"] == "egl"
    assert env["LIBGL_ALWAYS_SOFTWARE"] == "1"


def test_software_gl_on_windows_and_macos():
    env = {}
    assert apply_software_gl(env, "win32") == {"QT_OPENGL": "software"}
    env = {}
    assert apply_software_gl(env, "darwin") == {}
