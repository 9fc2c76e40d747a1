"""GUI tests: the real window under Xvfb (pytest-xvfb, xcb, Mesa llvmpipe).

Every test fails if it leaves a worker thread running, prints a traceback or GL error
(pyqtgraph only prints exceptions raised while painting), or raises a RuntimeWarning.
"""

import os
import tempfile
import warnings

_ISOLATED = tempfile.mkdtemp(prefix="gdstudio-gui-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_ISOLATED, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_ISOLATED, "data")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt  # noqa: E402

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
QCoreApplication.setOrganizationName("gdstudio-tests")
QCoreApplication.setApplicationName("gdstudio-tests")
QStandardPaths.setTestModeEnabled(True)

BAD_OUTPUT = ("Traceback", "Error while drawing", "GLError", "QThread: Destroyed",
              "Exception", "RuntimeWarning")


@pytest.fixture(autouse=True)
def strict_gui(request, capfd):
    """Fail on leftover worker threads, printed paint errors and runtime warnings."""
    from gdstudio.gui import worker

    started = []
    originals = {cls: cls.start for cls in (worker.RunWorker, worker.LoadWorker)}

    def starter(original):
        def start(self, *args):
            started.append(self)
            return original(self, *args)
        return start

    for cls, original in originals.items():
        cls.start = starter(original)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for cls, original in originals.items():
                cls.start = original
            running = [w for w in started if _alive(w)]
            for w in running:
                w.stop()
    out, err = capfd.readouterr()
    problems = []
    if running:
        problems.append(f"{len(running)} worker thread(s) left running")
    bad = [line for line in (out + err).splitlines() if any(b in line for b in BAD_OUTPUT)]
    if bad:
        problems.append("printed errors:\n" + "\n".join(bad[:20]))
    warned = [w for w in caught if issubclass(w.category, RuntimeWarning | UserWarning)]
    if warned:
        problems.append("warnings:\n" + "\n".join(f"{w.category.__name__}: {w.message} "
                                                  f"({w.filename}:{w.lineno})"
                                                  for w in warned[:10]))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _alive(w) -> bool:
    try:
        return w.isRunning()
    except RuntimeError:  # the C++ object is already gone: it was stopped and deleted
        return False


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Open real windows (on a scene path or dict); they are closed without prompting."""
    from gdstudio.gui.main_window import MainWindow

    windows = []

    def make(scene=None, gl_ok=True, grid_n=80):
        w = MainWindow(gl_ok=gl_ok, grid_n=grid_n)
        w.discard_on_close = True   # pytest-qt closes widgets before fixtures tear down
        w.autosave_file = tmp_path / "autosave.json"   # no test sees another's autosave
        qtbot.addWidget(w)
        windows.append(w)
        if isinstance(scene, dict):
            w.model.load_dict(scene)
        elif scene is not None:
            assert w.open_scene(scene)
        w.show()
        qtbot.waitExposed(w)
        return w

    yield make
    for w in windows:
        w.discard_on_close = True
        w.close()
        w.playback.shutdown()


@pytest.fixture
def default_scene():
    from gdstudio.resources import resource_path

    return resource_path("scenes", "default.toml")


@pytest.fixture
def finish(qtbot):
    """Run a window's scene to its end and wait until that is on screen."""

    def run(window, timeout=20000):
        pb = window.playback
        pb.set_speed(float("inf"))
        pb.run_to_end()
        qtbot.waitUntil(lambda: pb.state == "finished", timeout=timeout)
        qtbot.wait(40)

    return run
