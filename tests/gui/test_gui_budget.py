"""A scene too big for the memory available is refused on opening, with the estimate."""

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox


def test_dropping_a_scene_too_big_for_memory_says_so_and_keeps_the_open_one(
        qtbot, make_window, default_scene, tmp_path, monkeypatch):
    monkeypatch.setenv("GDSTUDIO_MEMORY_BUDGET", str(200 << 20))
    w = make_window(default_scene)
    title = w.windowTitle()
    big = tmp_path / "big.toml"
    big.write_text('title = "Big"\n[surface]\nbuiltin = "rosenbrock"\n'
                   '[[run]]\nlabel = "GD"\noptimizer = "sgd"\nsteps = 5000\n'
                   'start = {grid = [[-1, 1], [-1, 1]], n = [100, 100]}\n')
    shown = []

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append((box.windowTitle(), box.text()))
            box.button(QMessageBox.StandardButton.Ok).click()
        else:
            QTimer.singleShot(50, answer)

    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(big))])
    ev = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, md,
                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QTimer.singleShot(50, answer)
    w.dropEvent(ev)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    heading, text = shown[0]
    assert heading == "Cannot open scene"
    assert "running 10,000 start(s) for up to 5,000 steps" in text
    assert "GiB of memory" in text and "200 MiB available" in text
    assert w.windowTitle() == title and len(w.playback.runs) == 4
