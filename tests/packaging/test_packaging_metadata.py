"""The Linux desktop integration files validate, and the icons are where installers look."""

import shutil
import struct
import xml.etree.ElementTree as ET
from configparser import ConfigParser

import pytest
from packaging_helpers import ROOT, run

LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "gdstudio.desktop"
METAINFO = LINUX / "io.github.gdstudio.GDStudio.metainfo.xml"
ICONS = ROOT / "packaging" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (Debian package {package}; scripts/bootstrap.sh "
                    "installs it)")
    return path


def test_desktop_file_validates():
    r = run([_tool("desktop-file-validate", "desktop-file-utils"), DESKTOP])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "error" not in (r.stdout + r.stderr).lower(), r.stdout + r.stderr


def test_metainfo_validates():
    r = run([_tool("appstreamcli", "appstream"), "validate", "--no-net", METAINFO])
    assert r.returncode == 0, r.stdout + r.stderr


def test_desktop_and_metainfo_agree():
    desktop = ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(DESKTOP, encoding="utf-8")
    entry = desktop["Desktop Entry"]
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("icon") == entry["Icon"] == "gdstudio"
    assert root.findtext("provides/binary") == entry["Exec"].split()[0] == "gdstudio"
    assert root.findtext("name") == entry["Name"]
    import gdstudio

    assert root.find("releases/release").get("version") == gdstudio.__version__


def _png_size(path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("size", SIZES)
def test_hicolor_pngs(size):
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "gdstudio.png"
    assert _png_size(path) == (size, size)


def test_icons_for_the_app_and_the_installers():
    svg = (ICONS / "gdstudio.svg").read_bytes()
    ET.fromstring(svg)
    assert (ROOT / "resources" / "icons" / "gdstudio.svg").read_bytes() == svg
    assert _png_size(ROOT / "resources" / "icons" / "gdstudio.png") == (256, 256)
    assert (ICONS / "gdstudio.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (ICONS / "gdstudio.icns").read_bytes()[:4] == b"icns"


def test_apprun_is_executable_and_points_at_the_bundle():
    apprun = LINUX / "AppRun"
    assert apprun.stat().st_mode & 0o111
    assert "usr/lib/gdstudio/gdstudio" in apprun.read_text()


def test_notices_name_every_runtime_dependency():
    text = (ROOT / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8")
    for name in ("PySide6", "Qt 6", "LGPL-3.0", "pyqtgraph", "NumPy", "SymPy", "PyOpenGL",
                 "imageio", "imageio-ffmpeg", "ffmpeg", "GDSTUDIO_BUNDLE_FFMPEG"):
        assert name in text, name
