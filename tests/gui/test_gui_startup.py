"""Start-up carries only what the first frames need: the real start path (``launch``) in a
fresh process, until the 3D surface and the runs are on screen. What is left out loads
when a feature first needs it (a typed formula compiles through sympy)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LEFT_OUT = ("superqt", "sympy", "h5py", "imageio", "scipy", "pyqtgraph.exporters", "numpy.ma")
"""Modules the default scene's first frames do without (seconds of imports between them
on a loaded machine)."""

CHILD = """
import json, sys
from gdstudio.gui.app import launch as L
app = L.create_app()
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
ok, note = L.probe_gl()
w = L.launch(None, ok, note)
w.discard_on_close = True
out = {}

def frame():
    if "first" in out or w.surface_view.surface is None or w.playback.rows == 0:
        return
    out["first"] = [m for m in LEFT_OUT if m in sys.modules]
    QTimer.singleShot(0, type_formula)

def type_formula():
    before = w.model.surface
    edit = w.dock.formula
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "x**2 + 3*y**2")
    out["applied_while_typing"] = w.model.surface is not before
    QTest.keyClick(edit, Qt.Key.Key_Return)
    out["expr"] = w.model.surface.expr if w.model.surface is not before else None
    out["sympy_after"] = "sympy" in sys.modules
    w.close()
    app.quit()

w.surface_view.view.frameSwapped.connect(frame)
QTimer.singleShot(60000, app.quit)
app.exec()
print("RESULT " + json.dumps(out))
"""


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display")
def test_first_frames_leave_out_the_heavy_modules_and_a_typed_formula_loads_them(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    code = f"LEFT_OUT = {LEFT_OUT!r}\n" + CHILD
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=120, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    line = next((x for x in r.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line is not None, r.stdout + r.stderr
    out = json.loads(line[len("RESULT "):])
    assert out["first"] == [], f"imported before the scene was on screen: {out['first']}"
    assert out["applied_while_typing"] is False        # typing waits for the debounce
    assert out["expr"] == "x**2 + 3*y**2"              # Enter applies it at once
    assert out["sympy_after"] is True


def test_opening_a_scene_lays_the_shown_window_out_once(qtbot, make_window, default_scene):
    """The scene's notes and the transport's run rows change the layout together: the 3D
    view, which redraws the surface on every resize, is resized once for them, not once
    for each row that appears."""
    from PySide6.QtCore import QEvent, QObject

    w = make_window(None)
    view = w.surface_view.view
    qtbot.wait(200)
    sizes = []

    class Resizes(QObject):
        def eventFilter(self, obj, event):
            if obj is view and event.type() == QEvent.Type.Resize:
                sizes.append(event.size().toTuple())
            return False

    watcher = Resizes()
    view.installEventFilter(watcher)
    assert w.open_scene(default_scene)
    qtbot.waitUntil(lambda: w.playback.rows > 0 and w.notes.isVisible(), timeout=10000)
    qtbot.wait(300)
    view.removeEventFilter(watcher)
    assert w.transport.status_grid.count() > 0
    assert len(sizes) == 1, sizes
