"""GUI tests: the real window under Xvfb (pytest-xvfb, xcb, Mesa llvmpipe).

Every test fails if it leaves a worker thread running, lets an exception reach
``sys.excepthook`` (PySide6 routes exceptions raised in slots there), prints a traceback or
GL error (pyqtgraph only prints exceptions raised while painting), or raises a
RuntimeWarning.
"""

import importlib.abc
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import warnings

_ISOLATED = tempfile.mkdtemp(prefix="gdstudio-gui-tests-")
os.environ["HOME"] = _ISOLATED      # QSettings in test mode live in ~/.qttest: not shared
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


def pytest_collection_modifyitems(items):
    """strict_gui's recorder is the one sys.excepthook of a GUI test (pytest-qt's own
    capture would replace it for each test phase)."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.qt_no_exception_capture)


@pytest.fixture(autouse=True)
def strict_gui(request, capfd):
    """Fail on leftover worker threads, exceptions that reached sys.excepthook (a slot
    that raised), printed paint errors and runtime warnings."""
    from gdstudio.gui.state import worker
    from gdstudio.gui.state.worker import AnalysisTask

    started = []
    originals = {cls: cls.start for cls in (worker.RunWorker, worker.LoadWorker, AnalysisTask)}

    def starter(original):
        def start(self, *args):
            started.append(self)
            return original(self, *args)
        return start

    raised = []
    hook = sys.excepthook
    sys.excepthook = lambda *exc: raised.append("".join(traceback.format_exception(*exc)))
    for cls, original in originals.items():
        cls.start = starter(original)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for cls, original in originals.items():
                cls.start = original
            sys.excepthook = hook
            running = [w for w in started if _alive(w)]
            for w in running:
                w.stop()
    out, err = capfd.readouterr()
    problems = []
    if raised:
        problems.append(f"{len(raised)} exception(s) reached sys.excepthook:\n"
                        + "\n".join(raised[:5]))
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
    """Open real windows (on a scene path or dict); they are closed without prompting.
    A ``replaceable`` window (a language switch deletes it) is closed by this fixture at
    the end, if it still exists, instead of by qtbot."""
    from gdstudio.gui.app.main_window import MainWindow

    windows = []

    def make(scene=None, gl_ok=True, grid_n=80, replaceable=False):
        w = MainWindow(gl_ok=gl_ok, grid_n=grid_n)
        w.discard_on_close = True   # pytest-qt closes widgets before fixtures tear down
        w.autosave_file = tmp_path / "autosave.json"   # no test sees another's autosave
        if not replaceable:
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
    import shiboken6

    for w in windows:
        if not shiboken6.isValid(w):    # replaced by a language switch, already deleted
            continue
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


class _Blocker(importlib.abc.MetaPathFinder):
    def __init__(self, names):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


@pytest.fixture
def without_modules(monkeypatch):
    """Make top-level packages unimportable, as on a machine without them:
    ``without_modules("imageio", "h5py")``. Loaded modules and their submodules are
    hidden (``sys.modules[name] = None``) and a meta-path finder refuses new imports."""

    def block(*names):
        for mod in [m for m in sys.modules if m.split(".")[0] in names]:
            monkeypatch.setitem(sys.modules, mod, None)
        for name in names:
            monkeypatch.setitem(sys.modules, name, None)
        monkeypatch.setattr(sys, "meta_path", [_Blocker(set(names)), *sys.meta_path])

    return block


@pytest.fixture
def window_manager(xvfb):
    """openbox on pytest-xvfb's display for one test: without a window manager no window
    is ever active, so real X key events never reach Qt's shortcuts (Space, Home, ...).
    Stopped after the test: the other tests keep the bare display they were written for
    (a window manager moves a window just after it is shown, which races with synthetic
    mouse moves). Skips where openbox is not installed (scripts/bootstrap.sh installs it)."""
    import time

    if xvfb is None or shutil.which("openbox") is None or shutil.which("xdotool") is None:
        pytest.skip("needs openbox and xdotool on pytest-xvfb's display")
    env = dict(os.environ, DISPLAY=f":{xvfb.display}")
    wm = subprocess.Popen(["openbox", "--sm-disable"], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def running() -> bool:
        probe = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                               capture_output=True, text=True)
        return "window id" in probe.stdout

    for _ in range(200):
        if running() or wm.poll() is not None:
            break
        time.sleep(0.05)
    if wm.poll() is not None or not running():
        pytest.fail("openbox did not start on the test display")
    yield env
    wm.terminate()
    wm.wait(timeout=10)


@pytest.fixture
def xdo(qtbot, window_manager):
    """Run xdotool on the test display while Qt keeps handling events (the window
    manager talks to the window during ``windowactivate --sync``)."""
    import subprocess

    def run(*args: str) -> None:
        p = subprocess.Popen(["xdotool", *args], env=window_manager,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        qtbot.waitUntil(lambda: p.poll() is not None, timeout=10000)
        assert p.returncode == 0, p.stderr.read().decode()

    def activate(window) -> None:
        run("windowactivate", "--sync", str(int(window.winId())))
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)

    run.activate = activate
    return run
