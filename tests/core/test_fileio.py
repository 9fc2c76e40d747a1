"""Writing the user's files through links, never over pipes or devices; reading only
regular files, within a size limit."""

import os
import stat

import pytest

from gdstudio.core import fileio
from gdstudio.core.errors import GdError

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"),
                                reason="named pipes, /dev/null and symbolic links are POSIX")


def test_a_link_is_written_through_and_kept(tmp_path):
    target = tmp_path / "real" / "out.csv"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    fileio.write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real"]
    assert [p.name for p in target.parent.iterdir()] == ["out.csv"]


def test_a_dangling_link_creates_its_target(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "made.csv")
    fileio.write_text(link, "x\n")
    assert link.is_symlink() and (tmp_path / "made.csv").read_text() == "x\n"


def test_a_regular_file_keeps_its_permissions(tmp_path):
    p = tmp_path / "out.csv"
    p.write_text("old")
    p.chmod(0o640)
    fileio.write_text(p, "new")
    assert p.read_text() == "new" and stat.S_IMODE(p.stat().st_mode) == 0o640


def test_a_failed_or_discarded_write_leaves_the_old_file(tmp_path):
    p = tmp_path / "out.png"
    p.write_text("old")
    with pytest.raises(RuntimeError), fileio.AtomicWrite(p) as out:
        assert out.path.suffix == ".png" and out.path.parent == tmp_path
        out.path.write_text("half")
        raise RuntimeError
    with fileio.AtomicWrite(p) as out:
        out.path.write_text("cancelled")
        out.discard()
    assert p.read_text() == "old"
    assert [q.name for q in tmp_path.iterdir()] == ["out.png"]


def test_a_fifo_is_refused_and_left_in_place(tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    link = tmp_path / "link.csv"
    link.symlink_to(fifo)
    for path in (fifo, link):
        with pytest.raises(GdError, match="named pipe"):
            fileio.write_text(path, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and link.is_symlink()
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".csv")] == []


def test_a_device_and_a_folder_are_refused(tmp_path):
    with pytest.raises(GdError, match="character device"):
        fileio.output_path("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(GdError, match="is a folder"):
        fileio.write_text(tmp_path, "x")
    with pytest.raises(GdError, match="does not exist"):
        fileio.write_text(tmp_path / "no" / "x.csv", "x")


def test_reading_refuses_pipes_devices_and_large_files(tmp_path):
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    with pytest.raises(fileio.FileKindError, match="named pipe"):
        fileio.read_bytes(fifo, 100)          # returns at once: a FIFO is never opened
    with pytest.raises(fileio.FileKindError, match="character device"):
        fileio.read_bytes("/dev/zero", 100)
    with pytest.raises(IsADirectoryError):
        fileio.read_bytes(tmp_path, 100)
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(2 * 2**30)                  # a sparse 2 GiB file
    with pytest.raises(fileio.FileSizeError, match=r"2\.0 GiB, more than the 1\.0 KiB"):
        fileio.read_bytes(big, 1024)
    small = tmp_path / "small.csv"
    small.write_bytes(b"x,y\n1,2\n")
    assert fileio.read_bytes(small, 8) == b"x,y\n1,2\n"
    with pytest.raises(fileio.FileSizeError):
        fileio.read_bytes(small, 7)


def test_an_h5_landscape_that_is_a_fifo_or_a_folder_is_refused_at_once(tmp_path):
    pytest.importorskip("h5py")
    from gdstudio.core.errors import DataError
    from gdstudio.core.landscape import load_h5_surface

    fifo = tmp_path / "surface.h5"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match=r"surface\.h5: is a named pipe \(FIFO\)"):
        load_h5_surface(fifo)
    with pytest.raises(DataError, match="is a folder, expected an .h5 file"):
        load_h5_surface(tmp_path)
