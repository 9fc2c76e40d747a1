"""The PyInstaller one-folder app builds (packaging/build_linux.sh, what `make bundle`
runs) and the frozen binary passes its selftest under Xvfb."""

import os
import sys
import tarfile
import time

import pytest
from packaging_helpers import ROOT, check_selftest, clean_env, ensure_tool, needs_display, run

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the Linux bundle script; Windows/macOS run in bundle.yml"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    ensure_tool("PyInstaller", "pyinstaller>=6.10")
    out = tmp_path_factory.mktemp("bundle")
    env = clean_env(DIST=str(out / "dist"), WORK=str(out / "work"))
    t = time.perf_counter()
    r = run(["bash", ROOT / "packaging" / "build_linux.sh", sys.executable], timeout=900,
            cwd=ROOT, env=env)
    seconds = time.perf_counter() - t
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    print(f"bundle built in {seconds:.0f} s")
    return out / "dist"


def _size_mb(folder):
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6


@needs_display
def test_frozen_selftest(bundle, tmp_path):
    exe = bundle / "gdstudio" / "gdstudio"
    assert os.access(exe, os.X_OK)
    r = run([exe, "--selftest"], cwd=tmp_path, timeout=120)
    check_selftest(r)
    assert "(frozen bundle)" in r.stdout
    assert "_internal" in r.stdout  # resources come from the bundle, not the checkout
    assert _size_mb(bundle / "gdstudio") < 350


def test_frozen_headless_commands(bundle, tmp_path):
    exe = bundle / "gdstudio" / "gdstudio"
    assert run([exe, "--version"]).stdout.startswith("gdstudio ")
    r = run([exe, "lessons"], cwd=tmp_path)
    assert r.returncode == 0 and "convex-bowl" in r.stdout, r.stderr
    scene = next((bundle / "gdstudio").rglob("resources/scenes/default.toml"))
    r = run([exe, "run", scene, "--steps", "10"], cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("run,step"), r.stderr


def test_bundle_leaves_ffmpeg_out_and_ships_the_notices(bundle):
    root = bundle / "gdstudio"
    assert (root / "THIRD_PARTY_NOTICES.md").is_file()
    if os.environ.get("GDSTUDIO_BUNDLE_FFMPEG") != "1":
        assert not [p for p in root.rglob("ffmpeg-*") if p.is_file()]


@needs_display
def test_appdir_runs(bundle, tmp_path):
    appdir = bundle / "GDStudio.AppDir"
    for f in ("AppRun", "gdstudio.desktop", "gdstudio.png",
              "usr/share/metainfo/io.github.gdstudio.GDStudio.metainfo.xml",
              "usr/share/icons/hicolor/256x256/apps/gdstudio.png"):
        assert (appdir / f).exists(), f
    check_selftest(run([appdir / "AppRun", "--selftest"], cwd=tmp_path, timeout=120))


def test_tarball_layout(bundle):
    tarball = next(bundle.glob("gdstudio-*-linux-*.tar.gz"))
    with tarfile.open(tarball) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for f in ("gdstudio", "THIRD_PARTY_NOTICES.md", "share/applications/gdstudio.desktop",
              "share/icons/hicolor/48x48/apps/gdstudio.png"):
        assert f in names, f
