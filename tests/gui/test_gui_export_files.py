"""File > Export writes through links and refuses pipes and devices; File > Open recent
on a folder or a named pipe says what it is, without blocking the window."""

import os
import stat

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gdstudio.core.lessons import list_lessons
from gdstudio.gui.features import export

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"),
                                reason="named pipes, /dev/null and symbolic links are POSIX")


class Dialogs:
    """Answers the modal dialogs as they open: a file dialog gets ``path``, a question
    is answered Yes, a message box is recorded and closed with its default button."""

    def __init__(self, path=None):
        self.path = path
        self.messages: list[tuple[str, str]] = []
        self.answered = None
        self.waited = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self._answer)
        self.timer.start(30)

    def _answer(self) -> None:
        """The file dialog is looked for among the open windows, not only as the active
        modal one: a window another test left modal in this process would hide it."""
        w = QApplication.activeModalWidget()
        if isinstance(w, QMessageBox):
            self.messages.append((w.windowTitle(), w.text()))
            yes = w.button(QMessageBox.StandardButton.Yes)
            (yes or w.defaultButton() or w.buttons()[0]).click()
            return
        w = next((d for d in QApplication.topLevelWidgets()
                  if isinstance(d, QFileDialog) and d.isVisible()), None)
        if w is not None and (w is not self.answered or self.waited > 10):
            self.answered, self.waited = w, 0  # answered again if still open 0.3 s later
            w.selectFile(str(self.path))
            QTimer.singleShot(0, w.accept)     # accept() may ask to replace: answer that too
        elif w is not None:
            self.waited += 1

    def stop(self) -> None:
        self.timer.stop()


def _export_action(window, text):
    return next(a for a in window.exporter.menu.actions() if a.text().startswith(text))


@pytest.fixture
def window(make_window):
    return make_window(list_lessons()[0].path, gl_ok=False)


def test_export_trajectories_through_a_link_keeps_the_link(window, tmp_path):
    target = tmp_path / "kept" / "runs.csv"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "runs.csv"
    link.symlink_to(target)
    dialogs = Dialogs(link)
    try:
        _export_action(window, "Trajectories as CSV").trigger()
    finally:
        dialogs.stop()
    assert not [m for m in dialogs.messages if m[0] == "Export failed"], dialogs.messages
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("run,step,x,y,loss,lr\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept", "runs.csv"]


def test_export_picture_through_a_link_keeps_the_link(window, tmp_path):
    target = tmp_path / "pane.png"
    link = tmp_path / "link.png"
    link.symlink_to(target)
    dialogs = Dialogs(link)
    try:
        _export_action(window, "Contour pane as PNG").trigger()
    finally:
        dialogs.stop()
    assert link.is_symlink() and target.read_bytes()[:4] == b"\x89PNG"


def test_a_cancelled_video_leaves_the_file_and_the_link_as_they_were(make_window, finish,
                                                                     tmp_path):
    w = make_window(list_lessons()[0].path, gl_ok=False)
    finish(w)
    target = tmp_path / "talk.gif"
    target.write_bytes(b"last week's video")
    link = tmp_path / "link.gif"
    link.symlink_to(target)
    for path in (target, link):
        n = export.write_video(w.playback, lambda: export.grab_contour(w.contour_view),
                               w.contour_view.redraw, path, progress=lambda i, n: i < 3)
        assert n == 3
    assert link.is_symlink() and target.read_bytes() == b"last week's video"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.gif", "talk.gif"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_export_to_a_fifo_or_a_device_is_refused_in_a_dialog(window, tmp_path, kind):
    path = tmp_path / "runs.csv"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null")
    dialogs = Dialogs(path)
    try:
        _export_action(window, "Trajectories as CSV").trigger()
    finally:
        dialogs.stop()
    failed = [text for title, text in dialogs.messages if title == "Export failed"]
    expected = "a named pipe (FIFO)" if kind == "fifo" else "a character device"
    assert failed == [f"cannot write {path}: it is {expected}, not a regular file; it was "
                      "left as it is"], dialogs.messages
    if kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(path).st_mode)
    else:
        assert path.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.fixture
def recent(tmp_path):
    settings = QSettings()
    before = settings.value("recentFiles", [])
    folder = tmp_path / "scenes.toml"
    folder.mkdir()
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    settings.setValue("recentFiles", [str(folder), str(fifo)])
    yield folder, fifo
    settings.setValue("recentFiles", before)


def test_open_recent_on_a_folder_or_a_fifo_says_what_it_is(recent, make_window, qtbot):
    folder, fifo = recent
    w = make_window(list_lessons()[0].path, gl_ok=False)
    title = w.model.scene.title
    entries = {a.toolTip(): a for a in w.recent_menu.actions()}
    for path, what in ((folder, "is a folder, not a scene file"),
                       (fifo, "is a named pipe (FIFO), not a regular file")):
        dialogs = Dialogs()
        try:
            entries[str(path)].trigger()
        finally:
            dialogs.stop()
        assert dialogs.messages == [("Cannot open scene", f"{path}: {what}" + (
            "; only regular files are read" if path == fifo else ""))]
        assert w.model.scene.title == title
