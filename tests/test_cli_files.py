"""``run -o`` and ``render -o`` write through links and never replace a pipe, a device or
a folder with a regular file; scene and data paths that are not regular files are
refused at once instead of blocking."""

import os
import stat
import subprocess
import sys

import pytest

from gdstudio.cli import main
from gdstudio.core import fileio
from gdstudio.resources import resource_path

DEFAULT = resource_path("scenes", "default.toml")

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"),
                                reason="named pipes, /dev/null and symbolic links are POSIX")


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def gdstudio(*args, cwd=None, stdin=subprocess.DEVNULL):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "gdstudio", *map(str, args)], cwd=cwd,
                          stdin=stdin, capture_output=True, text=True, env=env, timeout=60)


def test_run_output_through_a_link_keeps_the_link(tmp_path, capsys):
    target = tmp_path / "data" / "out.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, out, err = cli(capsys, "run", DEFAULT, "--steps", "3", "-o", link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("run,step,x,y,loss,lr\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "link.csv"]


def test_run_output_to_a_fifo_or_a_device_is_refused(tmp_path, capsys):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    code, out, err = cli(capsys, "run", DEFAULT, "--steps", "3", "-o", fifo)
    assert code == 2 and out == ""
    assert err == (f"gdstudio: cannot write {fifo}: it is a named pipe (FIFO), not a regular "
                   "file; it was left as it is\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    with pytest.raises(fileio.FileKindError):        # checked before /dev/null is named
        fileio.output_path("/dev/null")
    null_link = tmp_path / "null.csv"
    null_link.symlink_to("/dev/null")
    for target in (null_link, "/dev/null"):
        code, out, err = cli(capsys, "run", DEFAULT, "--steps", "3", "-o", target)
        assert code == 2 and "it is a character device, not a regular file" in err, err
    assert null_link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.csv", "out.csv"]

    code, out, err = cli(capsys, "run", DEFAULT, "--steps", "3", "-o", tmp_path)
    assert code == 2 and "it is a folder" in err


def test_render_output_through_a_link_and_to_a_fifo(tmp_path):
    target = tmp_path / "frame.png"
    link = tmp_path / "link.png"
    link.symlink_to(target)
    p = gdstudio("render", DEFAULT, "-o", link, "--size", "160x120", "--steps", "3")
    assert p.returncode == 0, p.stderr
    assert link.is_symlink() and target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    fifo = tmp_path / "run.gif"
    os.mkfifo(fifo)
    null_link = tmp_path / "null.png"
    null_link.symlink_to("/dev/null")
    for out, kind in ((fifo, "named pipe"), (null_link, "character device")):
        p = gdstudio("render", DEFAULT, "-o", out, "--size", "160x120", "--steps", "3")
        assert p.returncode == 2, p.stderr
        assert f"cannot write {out}: it is a {kind}" in p.stderr and "Traceback" not in p.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and null_link.is_symlink()


def _data_scene(tmp_path, data):
    scene = tmp_path / "scene.toml"
    scene.write_text('[surface]\nexpr = "(w*u - v)**2"\nparams = ["w", "b"]\n'
                     f'bounds = [[-2, 2], [-2, 2]]\ndata = "{data}"\n'
                     '[[run]]\noptimizer = "sgd"\nlr = 0.1\nstart = [1, 1]\n')
    return scene


@pytest.mark.parametrize("command", ["check", "run"])
def test_fifo_and_stdin_as_scene_or_data_are_refused_without_blocking(tmp_path, command):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    p = gdstudio(command, fifo)
    assert p.returncode == 2
    assert f"{fifo}: is a named pipe (FIFO), not a regular file" in p.stderr

    data_fifo = tmp_path / "pipe.csv"
    os.mkfifo(data_fifo)
    p = gdstudio(command, _data_scene(tmp_path, data_fifo))
    assert p.returncode == 2 and "[surface] 'data'" in p.stderr
    assert f"{data_fifo}: is a named pipe (FIFO)" in p.stderr

    p = gdstudio(command, _data_scene(tmp_path, "/dev/stdin"), stdin=subprocess.PIPE)
    assert p.returncode == 2 and "/dev/stdin: is a named pipe (FIFO)" in p.stderr
    assert "Traceback" not in p.stderr


def test_a_folder_or_a_fifo_given_to_the_window_names_what_it_is(tmp_path, capsys):
    code, out, err = cli(capsys, tmp_path)
    assert code == 2 and err == f"gdstudio: {tmp_path}: is a folder, not a scene file\n"
    code, out, err = cli(capsys, "check", tmp_path)
    assert code == 2 and err.startswith(f"{tmp_path}: is a folder, not a scene file\n")
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    code, out, err = cli(capsys, fifo)
    assert code == 2 and "is a named pipe (FIFO)" in err
