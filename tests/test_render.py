"""``gdstudio render``: headless pictures and videos, in a child process like a user runs it."""

import os
import subprocess
import sys

import imageio.v3 as iio
import pytest

from gdstudio.core.lessons import list_lessons


def render(*args, display=False):
    env = dict(os.environ)
    if not display:
        env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "gdstudio", "render", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(scope="module")
def lesson():
    return list_lessons()[0].path


def test_gif_has_one_frame_per_step(lesson, tmp_path):
    out = tmp_path / "run.gif"
    p = render(lesson, "-o", out, "--size", "320x240", "--steps", "10", "--fps", "12")
    assert p.returncode == 0, p.stderr
    frames = iio.imread(out, index=None)
    assert frames.shape[:3] == (11, 240, 320)
    assert "11/11 frames" in p.stderr and p.stdout == ""


def test_mp4_has_the_requested_size_and_frames(lesson, tmp_path):
    out = tmp_path / "run.mp4"
    p = render(lesson, "-o", out, "--size", "480x270", "--frames", "15")
    assert p.returncode == 0, p.stderr
    frames = iio.imread(out, index=None)
    assert frames.shape[:3] == (15, 270, 480)
    assert frames[0].std() > 10


def test_3d_without_display_falls_back_to_contour(lesson, tmp_path):
    out = tmp_path / "frame.png"
    p = render(lesson, "-o", out, "--size", "400x300", "--view", "3d")
    assert p.returncode == 0, p.stderr
    assert "contour view" in p.stderr
    assert iio.imread(out).shape[:2] == (300, 400)


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs a display for OpenGL")
def test_3d_png_with_display(lesson, tmp_path):
    out = tmp_path / "frame3d.png"
    p = render(lesson, "-o", out, "--size", "640x360", "--view", "3d", display=True)
    assert p.returncode == 0, p.stderr
    image = iio.imread(out)
    assert image.shape[:2] == (360, 640) and image.std() > 10


@pytest.mark.parametrize("args", [
    ["missing.toml", "-o", "x.mp4"],
    ["LESSON", "-o", "x.avi"],
    ["LESSON", "-o", "x.gif", "--size", "12"],
    ["LESSON", "-o", "x.gif", "--fps", "0"],
    ["LESSON", "-o", "no/such/dir/x.gif"],
])
def test_bad_arguments_exit_2(lesson, tmp_path, args):
    args = [str(lesson) if a == "LESSON" else a for a in args]
    p = subprocess.run([sys.executable, "-m", "gdstudio", "render", *args], cwd=tmp_path,
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith("gdstudio") or "usage" in p.stderr
    assert "Traceback" not in p.stderr
