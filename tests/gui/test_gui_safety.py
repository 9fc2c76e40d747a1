"""Nothing the user made is lost: unsaved edits are asked about before another scene or
lesson replaces them, bundled files are never written, every edit reaches the autosave
file within moments, a log-out or a termination signal autosaves, a damaged autosave is
kept, and a scene that does not open leaves the window as it was."""

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from gdstudio.core.scene import load_scene

OTHER = ('title = "Another scene"\n[surface]\nbuiltin = "saddle"\n'
         '[[run]]\nlabel = "GD"\noptimizer = "sgd"\nlr = 0.05\nstart = [1.0, 0.1]\n')


class Answers:
    """Answers the message boxes the window opens, in order, by clicking their buttons
    (a StandardButton or a button's text); remembers each box's title and text."""

    def __init__(self, *buttons):
        self.buttons = list(buttons)
        self.seen: list[tuple[str, str]] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            return
        if not self.buttons:
            self.seen.append((box.windowTitle(), box.text()))
            box.reject()
            return
        want = self.buttons.pop(0)
        self.seen.append((box.windowTitle(), box.text()))
        button = (box.button(want) if isinstance(want, QMessageBox.StandardButton)
                  else next(b for b in box.buttons() if b.text() == want))
        button.click()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture(autouse=True)
def close_without_asking(qtbot):
    """The windows a test left with unsaved edits close without the question: pytest-qt
    closes its widgets in order, this first one before any window."""
    from gdstudio.gui.app.main_window import MainWindow

    def release(_first):
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow):
                w.discard_on_close = True

    first = QWidget()
    qtbot.addWidget(first, before_close_func=release)
    yield first


@pytest.fixture
def answers():
    made = []

    def make(*buttons):
        made.append(Answers(*buttons))
        return made[-1]

    yield make
    for a in made:
        a.stop()


@pytest.fixture
def other_scene(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text(OTHER, encoding="utf-8")
    return path


def _edited(make_window, scene):
    """A window on ``scene`` with one run added in the dock, as a user would."""
    w = make_window(scene)
    w.discard_on_close = False
    w.dock.add_button.click()
    assert w.model.dirty and w.isWindowModified()
    return w


def _drop(w, path) -> None:
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(path))])
    w.dropEvent(QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, md,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def _open_by(how, w, path, monkeypatch) -> None:
    if how == "file-open":
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
        w.open_action.trigger()
    elif how == "recent":
        action = next(a for a in w.recent_menu.actions() if a.toolTip() == str(path))
        action.trigger()
    elif how == "drop":
        _drop(w, path)
    elif how == "lesson-menu":
        w.lessons.lesson_actions[1].trigger()
    elif how == "page-down":
        w.lessons.next_action.trigger()


@pytest.mark.parametrize("how", ["file-open", "recent", "drop", "lesson-menu", "page-down"])
def test_cancel_keeps_unsaved_edits_when_another_scene_is_opened(
        how, qtbot, make_window, default_scene, other_scene, monkeypatch, answers):
    w = make_window(other_scene)
    assert w.open_scene(default_scene)        # other.toml is now in Open recent
    w.discard_on_close = False
    w.dock.add_button.click()
    raw, title = json.dumps(w.model.raw), w.windowTitle()
    a = answers(QMessageBox.StandardButton.Cancel)
    _open_by(how, w, other_scene, monkeypatch)
    assert [t for t, _ in a.seen] == ["Unsaved changes"]
    assert json.dumps(w.model.raw) == raw and w.windowTitle() == title
    assert w.model.dirty and len(w.playback.runs) == 5
    assert w.lessons.index == -1


def test_discard_opens_the_other_scene(qtbot, make_window, default_scene, other_scene,
                                       monkeypatch, answers):
    w = _edited(make_window, default_scene)
    a = answers(QMessageBox.StandardButton.Discard)
    _open_by("file-open", w, other_scene, monkeypatch)
    assert len(a.seen) == 1
    assert w.windowTitle().replace("[*]", "") == "gdstudio — Another scene"
    assert not w.model.dirty and not w.autosave_path().exists()


def test_save_then_open_a_lesson(qtbot, make_window, default_scene, tmp_path, answers):
    mine = tmp_path / "mine.toml"
    shutil.copy(default_scene, mine)
    w = _edited(make_window, mine)
    answers(QMessageBox.StandardButton.Save)
    w.lessons.lesson_actions[0].trigger()
    assert w.lessons.index == 0
    assert len(load_scene(mine).runs) == 5


def test_ctrl_s_on_a_lesson_is_save_as(qtbot, make_window, tmp_path, monkeypatch):
    w = make_window()
    w.lessons.lesson_actions[0].trigger()
    lesson = w.model.path
    before = lesson.read_bytes()
    w.discard_on_close = False
    w.dock.add_button.click()
    asked = []

    def save_name(parent, caption, folder, *rest):
        asked.append(folder)
        return "", ""            # the user cancels the Save As dialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    w.save_action.trigger()
    assert lesson.read_bytes() == before
    assert len(asked) == 1 and Path(asked[0]).name == lesson.name
    assert Path(asked[0]).parent != lesson.parent
    assert w.model.dirty


def test_save_on_an_installed_scene_writes_a_copy(qtbot, make_window, default_scene,
                                                  tmp_path, monkeypatch, answers):
    from gdstudio import resources

    installed = tmp_path / "installed"
    (installed / "scenes").mkdir(parents=True)
    shipped = installed / "scenes" / "default.toml"
    shutil.copy(default_scene, shipped)
    w = _edited(make_window, shipped)
    monkeypatch.setattr(resources, "resource_root", lambda: installed)
    before = shipped.read_bytes()
    targets = [installed / "scenes" / "mine.toml", tmp_path / "mine.toml"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(targets.pop(0)), ""))
    a = answers(QMessageBox.StandardButton.Ok)
    w.save_action.trigger()          # the first name is inside the installation: refused
    assert a.seen and a.seen[0][0] == "Cannot save scene"
    assert not (installed / "scenes" / "mine.toml").exists() and w.model.dirty
    w.save_action.trigger()
    assert shipped.read_bytes() == before
    assert len(load_scene(tmp_path / "mine.toml").runs) == 5
    assert w.model.path == (tmp_path / "mine.toml").resolve() and not w.model.dirty


def _autosaved_runs(path: Path) -> int:
    try:
        return len(json.loads(path.read_text(encoding="utf-8"))["scene"]["run"])
    except (OSError, ValueError, KeyError):
        return 0


def test_an_edit_reaches_the_autosave_file_within_moments(qtbot, make_window,
                                                          default_scene):
    w = _edited(make_window, default_scene)
    qtbot.waitUntil(lambda: _autosaved_runs(w.autosave_path()) == 5, timeout=5000)
    w.dock.remove_button.click()
    qtbot.waitUntil(lambda: _autosaved_runs(w.autosave_path()) == 4, timeout=5000)


def _unwritable_folder(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):       # root writes anywhere: sysfs refuses even root
        return Path("/sys/gdstudio-test-autosave")
    return folder


def test_autosave_failure_is_said_once_in_a_bar(qtbot, make_window, default_scene,
                                                tmp_path, answers):
    w = make_window(default_scene)
    boxes = answers()
    folder = _unwritable_folder(tmp_path)
    w.autosave_file = folder / "autosave.json"
    w.discard_on_close = False
    w.dock.add_button.click()
    bar = w.autosave_bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    text = bar.text()
    assert str(folder) in text and "Ctrl+S" in text
    for _ in range(2):
        w.dock.add_button.click()
        qtbot.waitUntil(lambda: not w._autosave_timer.isActive(), timeout=5000)
    assert bar.isVisible() and bar.text() == text
    assert "utosave" not in w.statusBar().currentMessage()
    assert boxes.seen == []
    w.autosave_file = tmp_path / "autosave.json"
    w.dock.add_button.click()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)
    assert _autosaved_runs(w.autosave_file) == 8


# -- a damaged autosave -------------------------------------------------------------

def _autosave(saved_at=None, path=None, scene=None) -> dict:
    from gdstudio.core.scene import scene_to_dict
    from gdstudio.resources import resource_path

    if scene is None:
        scene = scene_to_dict(load_scene(resource_path("scenes", "default.toml")))
        scene["run"].append(dict(scene["run"][0], label="Mine"))
    return {"saved_at": time.time() if saved_at is None else saved_at, "path": path,
            "scene": scene}


def _topic_list():
    data = _autosave()
    data["scene"]["lesson"] = {"topic": []}
    return data


DAMAGED = {
    "saved-at-text": json.dumps(_autosave(saved_at="yesterday")),
    "saved-at-huge": json.dumps(_autosave(saved_at=1e300)),
    "path-number": json.dumps(_autosave(path=123)),
    "topic-list": json.dumps(_topic_list()),
    "not-json": '{"saved_at": 1, "scene": {',
}


def _launch(scene, qtbot):
    from gdstudio.gui.app.launch import launch

    w = launch(scene)
    qtbot.addWidget(w)
    return w


@pytest.mark.parametrize("kind", list(DAMAGED))
def test_a_damaged_autosave_is_kept_and_the_scene_opens(kind, qtbot, tmp_path, other_scene,
                                                        monkeypatch, answers):
    from gdstudio.gui.app import main_window

    monkeypatch.setattr(main_window, "autosave_dir", lambda: tmp_path / "data")
    (tmp_path / "data").mkdir()
    damaged = tmp_path / "data" / "autosave.json"
    damaged.write_text(DAMAGED[kind], encoding="utf-8")
    a = answers(QMessageBox.StandardButton.Yes, "Keep the file") if kind == "topic-list" \
        else answers("Keep the file")
    w = _launch(other_scene, qtbot)
    try:
        qtbot.waitUntil(lambda: w.model.scene is not None, timeout=15000)
        assert w.windowTitle().replace("[*]", "") == "gdstudio — Another scene"
        assert a.seen[-1][0] == "Damaged autosave"
        kept = [p for p in (tmp_path / "data").iterdir() if p.name != "autosave.json"]
        assert len(kept) == 1 and kept[0].name.startswith("autosave-")
        assert kept[0].read_text(encoding="utf-8") == DAMAGED[kind]
        assert str(kept[0]) in a.seen[-1][1]
        w.quit_action.trigger()
        assert not w.isVisible()
        assert kept[0].read_text(encoding="utf-8") == DAMAGED[kind]
    finally:
        w.discard_on_close = True
        w.close()
        w.playback.shutdown()


def test_a_damaged_autosave_is_deleted_when_the_user_says_so(qtbot, tmp_path, other_scene,
                                                             monkeypatch, answers):
    from gdstudio.gui.app import main_window

    monkeypatch.setattr(main_window, "autosave_dir", lambda: tmp_path / "data")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "autosave.json").write_text(DAMAGED["saved-at-huge"])
    answers("Delete it")
    w = _launch(other_scene, qtbot)
    try:
        qtbot.waitUntil(lambda: w.model.scene is not None, timeout=15000)
        assert list((tmp_path / "data").iterdir()) == []
    finally:
        w.discard_on_close = True
        w.close()
        w.playback.shutdown()


# -- a scene that does not open -------------------------------------------------------

BAD_SCENES = {
    "bad-formula": '[surface]\nexpr = "x**2 + sin(y"\nbounds = [[-1, 1], [-1, 1]]\n'
                   '[[run]]\noptimizer = "sgd"\nstart = [0.5, 0.5]\n',
    "unknown-optimizer": '[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "adamx"\n'
                         'start = [0, 0]\n',
    "wrong-type": '[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\nlr = "fast"\n'
                  'start = [0, 0]\n',
    "toml-syntax": '[surface\nbuiltin = 1\n',
    "missing-file": None,
    "folder": "folder",
}


def _check_message(path: Path) -> str:
    """What ``gdstudio check`` prints about ``path``, without its count line."""
    p = subprocess.run([sys.executable, "-m", "gdstudio", "check", str(path)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2, p.stdout + p.stderr
    lines = p.stderr.rstrip("\n").splitlines()
    assert lines[-1].endswith(("problem found", "problems found"))
    return "\n".join(lines[:-1])


@pytest.mark.parametrize("kind", list(BAD_SCENES))
def test_a_bad_scene_leaves_the_window_as_it_was(kind, qtbot, make_window, default_scene,
                                                 tmp_path, monkeypatch, answers):
    bad = tmp_path / "bad.toml"
    if BAD_SCENES[kind] == "folder":
        bad.mkdir()
    elif BAD_SCENES[kind] is not None:
        bad.write_text(BAD_SCENES[kind], encoding="utf-8")
    expected = _check_message(bad)
    w = make_window(default_scene)
    raw, title = json.dumps(w.model.raw), w.windowTitle()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    a = answers(QMessageBox.StandardButton.Ok)
    w.open_action.trigger()
    assert a.seen == [("Cannot open scene", expected)]
    assert json.dumps(w.model.raw) == raw and w.windowTitle() == title
    assert not w.model.dirty and len(w.playback.runs) == 4
    step = next(x for x in w.findChildren(QAction) if x.text() == "Step")
    step.trigger()
    qtbot.waitUntil(lambda: w.playback.cursor == 1, timeout=10000)


# -- the session ends --------------------------------------------------------------

DRIVER = r'''
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QSessionManager
from gdstudio import cli
from gdstudio.gui.app import launch as gui_app
from gdstudio.gui.app import main_window
from gdstudio.gui.app.language_switch import WindowHost

scene, delay, then = sys.argv[1], int(sys.argv[2]), sys.argv[3]
main_window.AUTOSAVE_DELAY_MS = delay
launch = gui_app.launch


def edit_once_open(timer):
    app = QCoreApplication.instance()
    w = WindowHost.of(app).window
    if w is None or w.model.scene is None:
        return
    timer.stop()
    w.dock.add_button.click()
    if then == "commit":
        app.commitDataRequest.emit(app.findChild(QSessionManager))
    print("edited", flush=True)


def launch_and_edit(*args, **kwargs):
    win = launch(*args, **kwargs)
    timer = QTimer(QCoreApplication.instance())
    timer.timeout.connect(lambda: edit_once_open(timer))
    timer.start(50)
    return win


gui_app.launch = launch_and_edit
sys.exit(cli.main([scene]))
'''


def _start_app(tmp_path, default_scene, delay_ms, then):
    env = dict(os.environ, HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(default_scene), str(delay_ms),
                             then], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    ready, _, _ = select.select([proc.stdout], [], [], 120)
    line = proc.stdout.readline() if ready else ""
    if line.strip() != "edited":
        proc.kill()
        pytest.fail(f"the app did not start: {line!r} {proc.communicate()[1]}")
    return proc


def _autosaves(tmp_path) -> list[Path]:
    return list((tmp_path / "data").rglob("autosave.json"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_termination_signal_autosaves_and_quits(signum, tmp_path, default_scene):
    proc = _start_app(tmp_path, default_scene, 600_000, "signal")
    assert _autosaves(tmp_path) == []          # only the signal can have written it
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    files = _autosaves(tmp_path)
    assert len(files) == 1 and _autosaved_runs(files[0]) == 5


def test_commit_data_autosaves(tmp_path, default_scene):
    proc = _start_app(tmp_path, default_scene, 600_000, "commit")
    try:
        files = _autosaves(tmp_path)
        assert len(files) == 1 and _autosaved_runs(files[0]) == 5
    finally:
        proc.kill()
        proc.communicate(timeout=120)
    assert _autosaved_runs(files[0]) == 5

