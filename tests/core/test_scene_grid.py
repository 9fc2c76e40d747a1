"""``[surface] grid = "file.h5"``: a loss landscape stored on a grid is a scene's surface,
validated like any other key and run by the command line."""

import csv
import io
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from gdstudio.core.errors import SceneError
from gdstudio.core.landscape import GridSurface, load_grid_surface, save_grid_surface
from gdstudio.core.scene import build_surface, load_scene, rebase_paths

RUN = '\n[[run]]\nlabel = "SGD"\noptimizer = "sgd"\nlr = 0.1\nstart = [0.8, 0.6]\nsteps = 40\n'
ROOT = Path(__file__).resolve().parents[2]


def bowl(suffix=".npz", folder=None, n=21):
    """A grid file of ``0.5 + a**2 + 2 b**2`` on [-1, 1]^2 in the reference layout."""
    x = np.linspace(-1, 1, n)
    grid = GridSurface(x, x, 0.5 + x[:, None] ** 2 + 2 * x[None, :] ** 2)
    path = Path(folder) / f"bowl{suffix}"
    save_grid_surface(grid, path)
    return path


def write_scene(folder, surface_lines, name="scene.toml"):
    path = Path(folder) / name
    path.write_text("[surface]\n" + textwrap.dedent(surface_lines) + RUN, encoding="utf-8")
    return path


def problems(path):
    with pytest.raises(SceneError) as e:
        load_scene(path)
    return e.value.problems


@pytest.mark.parametrize("suffix", [".npz", ".h5"])
def test_a_scene_with_a_grid_builds_the_file_surface(tmp_path, suffix):
    if suffix == ".h5":
        pytest.importorskip("h5py")
    bowl(suffix, tmp_path)
    scene = load_scene(write_scene(tmp_path, f'grid = "bowl{suffix}"\n'))
    surface = build_surface(scene)
    assert isinstance(surface, GridSurface)
    assert surface.params == ("alpha", "beta")
    assert surface.bounds == ((-1.0, 1.0), (-1.0, 1.0))
    assert float(surface.loss(0.5, -0.25)) == pytest.approx(0.5 + 0.25 + 2 * 0.0625, abs=2e-3)


def test_grid_bounds_and_dataset_keys(tmp_path):
    h5py = pytest.importorskip("h5py")
    path = bowl(".h5", tmp_path)
    with h5py.File(path, "a") as fh:
        fh["test_loss"] = 2 * fh["train_loss"][()]
    scene = load_scene(write_scene(tmp_path, 'grid = "bowl.h5"\ndataset = "test_loss"\n'
                                              'bounds = [[-0.5, 0.5], [-1, 1]]\n'))
    surface = build_surface(scene)
    assert surface.bounds == ((-0.5, 0.5), (-1.0, 1.0))
    assert float(surface.loss(0.0, 0.0)) == pytest.approx(1.0)
    assert load_scene(scene.path).surface.to_dict() == {
        "grid": "bowl.h5", "dataset": "test_loss", "bounds": [[-0.5, 0.5], [-1.0, 1.0]]}


@pytest.mark.parametrize("lines, key, needle", [
    ('grid = "missing.h5"\n', "grid", "missing.h5: no such file"),
    ('grid = "folder.h5"\n', "grid", "folder.h5: not a regular file"),
    ('grid = "bowl.npz"\ndataset = "test_loss"\n', "dataset",
     "bowl.npz: no dataset \"test_loss\" (the file has train_loss, xcoordinates, ycoordinates)"),
    ('grid = "bowl.npz"\nexpr = "x**2 + y**2"\nbounds = [[-1, 1], [-1, 1]]\n', "grid",
     "give grid or expr, not both"),
    ('grid = "bowl.npz"\nbuiltin = "sphere"\n', "grid", "give grid or builtin, not both"),
    ('grid = "bowl.npz"\nparams = ["w", "b"]\n', "params", "only allowed with expr"),
    ('builtin = "sphere"\ndataset = "train_loss"\n', "dataset", "only allowed with grid"),
    ('grid = 3\n', "grid", "expected the path of an .h5 or .npz surface file, got 3"),
    ('grid = "notes.txt"\n', "grid", "notes.txt: expected an .h5, .hdf5 or .npz surface file"),
    ('grid = "garbage.npz"\n', "grid", "garbage.npz: not a numpy .npz archive"),
])
def test_bad_grid_entries_name_the_file_table_and_key(tmp_path, lines, key, needle):
    bowl(".npz", tmp_path)
    (tmp_path / "folder.h5").mkdir()
    (tmp_path / "notes.txt").write_text("1, 2\n")
    (tmp_path / "garbage.npz").write_bytes(b"not a zip archive")
    path = write_scene(tmp_path, lines)
    found = problems(path)
    assert any(p.startswith(f"{path}: [surface] '{key}': ") and needle in p for p in found), \
        found


def test_grid_values_match_the_nodes_and_the_gradient_is_the_interpolants(tmp_path):
    x, y = np.linspace(-1, 1, 9), np.linspace(-2, 1, 7)
    Z = np.sin(2 * x[:, None]) + 0.3 * y[None, :] ** 3 - x[:, None] * y[None, :]
    save_grid_surface(GridSurface(x, y, Z), tmp_path / "wavy.npz")
    surface = load_grid_surface(tmp_path / "wavy.npz")
    gx, gy = np.meshgrid(x, y, indexing="ij")
    assert np.allclose(surface.loss(gx, gy), Z, rtol=0, atol=1e-12)
    rng = np.random.default_rng(1)
    px, py = rng.uniform(-1, 1, 50), rng.uniform(-2, 1, 50)
    h = 1e-6
    dx, dy = surface.grad(px, py)
    assert np.allclose(dx, (surface.loss(px + h, py) - surface.loss(px - h, py)) / (2 * h),
                       rtol=0, atol=1e-7)
    assert np.allclose(dy, (surface.loss(px, py + h) - surface.loss(px, py - h)) / (2 * h),
                       rtol=0, atol=1e-7)


def test_a_plane_on_a_grid_is_reproduced_exactly_with_its_gradient(tmp_path):
    x, y = np.linspace(0, 3, 4), np.linspace(-1, 1, 5)
    save_grid_surface(GridSurface(x, y, 2 * x[:, None] - 3 * y[None, :] + 1),
                      tmp_path / "plane.npz")
    surface = load_grid_surface(tmp_path / "plane.npz")
    px, py = np.array([0.3, 1.7, 2.9, 4.0]), np.array([-0.9, 0.1, 0.77, 1.5])
    assert np.allclose(surface.loss(px, py), 2 * px - 3 * py + 1, rtol=0, atol=1e-12)
    dx, dy = surface.grad(px, py)
    assert np.allclose(dx, 2.0, rtol=0, atol=1e-12) and np.allclose(dy, -3.0, rtol=0, atol=1e-12)


def test_rebase_paths_keeps_naming_the_same_files(tmp_path):
    raw = {"surface": {"grid": "maps/bowl.h5"}, "run": []}
    out = rebase_paths(raw, tmp_path / "a", tmp_path / "b" / "c")
    assert out["surface"]["grid"] == "../../a/maps/bowl.h5"
    assert raw["surface"]["grid"] == "maps/bowl.h5"
    absolute = {"surface": {"expr": "x", "data": str(tmp_path / "d.csv")}}
    assert rebase_paths(absolute, tmp_path / "x", tmp_path)["surface"]["data"] == "d.csv"


def gdstudio(*args, cwd):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    return subprocess.run([sys.executable, "-m", "gdstudio", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120)


def test_gdstudio_run_on_a_grid_scene(tmp_path):
    folder = tmp_path / "lecture"
    folder.mkdir()
    bowl(".npz", folder)
    scene = write_scene(folder, 'grid = "bowl.npz"\n')
    done = gdstudio("run", scene, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["step"] for r in rows] == [str(i) for i in range(41)]
    loss = [float(r["loss"]) for r in rows]
    assert loss[0] == pytest.approx(0.5 + 0.64 + 2 * 0.36, abs=2e-3)
    assert loss[-1] < 0.51 < loss[0]
    (folder / "bowl.npz").unlink()
    bad = gdstudio("check", scene, cwd=tmp_path)
    assert bad.returncode == 2
    assert f"{scene}: [surface] 'grid': {folder / 'bowl.npz'}: no such file" in bad.stderr
    assert "Traceback" not in bad.stderr
