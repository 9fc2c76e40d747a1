"""The core and the headless CLI never load the GUI stack."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUI_MODULES = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "OpenGL", "superqt")

PROBE = """
import sys, io, contextlib
import gdstudio.core.formula, gdstudio.core.surfaces, gdstudio.core.optimizers
import gdstudio.core.schedules, gdstudio.core.scene, gdstudio.core.runner, gdstudio.core.export
import gdstudio.core.analysis, gdstudio.core.landscape
import gdstudio.core.lessons
from gdstudio.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["surfaces", "--json"]) == 0
    assert main(["lessons"]) == 0
    assert main(["lessons", "--json"]) == 0
    assert main(["check", sys.argv[1]]) == 0
    assert main(["run", sys.argv[1], "--steps", "3"]) == 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {names!r})
print(",".join(loaded))
"""


def test_core_and_headless_cli_import_no_gui_modules():
    scene = ROOT / "resources" / "scenes" / "default.toml"
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(names=set(GUI_MODULES)), str(scene)],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"headless code loaded GUI modules: {out.stdout}"


@pytest.mark.parametrize("path", sorted((ROOT / "gdstudio" / "core").glob("*.py")),
                         ids=lambda p: p.name)
def test_core_sources_do_not_mention_gui_imports(path):
    text = path.read_text(encoding="utf-8")
    for name in GUI_MODULES:
        assert f"import {name}" not in text and f"from {name}" not in text, (path, name)
