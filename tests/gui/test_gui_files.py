"""Open, save, recent files, drag and drop, the unsaved-changes prompt, autosave."""

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from gdstudio.core.scene import load_scene


def test_save_and_reopen(qtbot, make_window, default_scene, tmp_path):
    w = make_window(default_scene)
    w.dock.add_button.click()
    assert w.model.dirty
    out = tmp_path / "mine.toml"
    assert w._save_to(out)
    assert not w.model.dirty and not w.isWindowModified()
    assert len(load_scene(out).runs) == 5
    w2 = make_window(out)
    assert len(w2.playback.runs) == 5
    assert w2.recent_files()[0] == str(out.resolve())
    assert w2.recent_menu.actions()[0].text() == "mine.toml"


def test_drop_a_scene_file_opens_it(qtbot, make_window, default_scene, tmp_path):
    w = make_window(default_scene)
    other = tmp_path / "saddle.toml"
    other.write_text(
        'title = "Dropped"\n[surface]\nbuiltin = "saddle"\n'
        '[[run]]\nlabel = "GD"\noptimizer = "sgd"\nlr = 0.05\nstart = [1.0, 0.1]\n')
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(other))])
    ev = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, md,
                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    w.dropEvent(ev)
    assert w.windowTitle().replace("[*]", "") == "gdstudio — Dropped"


def test_close_with_unsaved_changes_asks(qtbot, make_window, default_scene, monkeypatch):
    w = make_window(default_scene)
    w.discard_on_close = False
    w.dock.add_button.click()
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []

    def question(*args, **kwargs):
        asked.append(args[1])
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    assert not w.close()
    assert w.isVisible()
    assert w.close()
    assert len(asked) == 2


def test_autosave_and_recovery(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    w.discard_autosave()
    w.dock.add_button.click()
    assert w.autosave()
    assert w.autosave_path().exists()
    w.keep_autosave = True
    w.close()
    w2 = make_window()
    questions = []
    assert w2.offer_recovery(ask=lambda q: questions.append(q) or True)
    assert "Four optimizers" in questions[0]
    assert len(w2.playback.runs) == 5
    assert w2.model.dirty
    w2.discard_autosave()
    assert not w2.offer_recovery(ask=lambda q: True)


def test_help_and_shortcuts_exist(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    shortcuts = {a.shortcut().toString() for a in w.findChildren(type(w.open_action))}
    for key in ("Ctrl+O", "Ctrl+S", "Ctrl+Q", "F1", "Space"):
        assert key in shortcuts
