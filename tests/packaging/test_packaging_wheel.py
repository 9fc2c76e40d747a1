"""The sdist and wheel carry every run-time resource; the wheel installs and runs in a
clean virtual environment."""

import sys
import tarfile
import venv
import zipfile

import pytest
from packaging_helpers import ROOT, check_selftest, clean_env, needs_display, run

RESOURCES = sorted(p.relative_to(ROOT / "resources").as_posix()
                   for p in (ROOT / "resources").rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts)


def _one(folder, pattern):
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def test_the_checkout_has_the_resources_the_tests_expect():
    for sub in ("scenes/default.toml", "lessons/data", "data", "icons/gdstudio.svg",
                "icons/gdstudio.png"):
        assert (ROOT / "resources" / sub).exists(), sub


def test_wheel_holds_every_resource(built_dists):
    names = set(zipfile.ZipFile(_one(built_dists, "*.whl")).namelist())
    missing = [r for r in RESOURCES if f"gdstudio/resources/{r}" not in names]
    assert not missing, missing
    assert any(n.startswith("gdstudio/resources/lessons/data/") for n in names)
    assert "gdstudio/selftest.py" in names and "gdstudio/glconfig.py" in names
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(_one(built_dists, "*.whl")).read(entry).decode()
    assert "gdstudio = gdstudio.cli:main" in text


def test_sdist_holds_resources_and_packaging(built_dists):
    with tarfile.open(_one(built_dists, "*.tar.gz")) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    missing = [r for r in RESOURCES if f"resources/{r}" not in names]
    assert not missing, missing
    for f in ("packaging/gdstudio.spec", "packaging/linux/gdstudio.desktop",
              "THIRD_PARTY_NOTICES.md", "pyproject.toml"):
        assert f in names, f


@pytest.mark.slow
@needs_display
def test_wheel_installs_and_runs_in_a_clean_venv(built_dists, tmp_path):
    # A real install: a fresh venv without system site-packages; pip resolves every
    # dependency from the index (its download cache makes the second run fast).
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    py = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    gd = py.with_name("gdstudio")
    r = run([py, "-m", "pip", "install", "-q", _one(built_dists, "*.whl")], timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]

    work = tmp_path / "elsewhere"
    work.mkdir()
    r = run([gd, "--version"], cwd=work)
    assert r.returncode == 0 and r.stdout.strip().startswith("gdstudio "), r.stderr

    r = run([gd, "surfaces"], cwd=work)
    assert r.returncode == 0 and "rosenbrock" in r.stdout, r.stderr

    r = run([gd, "lessons"], cwd=work)
    assert r.returncode == 0, r.stderr
    assert str(env_dir) in r.stdout and str(ROOT) not in r.stdout, r.stdout

    r = run([py, "-c", "from gdstudio.resources import resource_path as p;"
                       "print(p('scenes', 'default.toml'))"], cwd=work)
    scene = r.stdout.strip()
    assert scene.startswith(str(env_dir)), (r.stdout, r.stderr)
    r = run([gd, "run", scene, "--steps", "20", "--every", "5"], cwd=work)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("run,step,x,y,loss") and len(r.stdout.splitlines()) > 4

    r = run([gd, "--selftest"], cwd=work, env=clean_env())
    check_selftest(r)
