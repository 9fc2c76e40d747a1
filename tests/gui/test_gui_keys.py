"""Space, Right, Home and End reach the transport whatever has focus, as a user types them.

The first tests send real X key events with xdotool to a window activated by a window
manager (openbox on pytest-xvfb's display); the others send Qt key events to the widget
that has the focus. What they check is what the user sees: the transport's step label
and its Play / Pause button.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gdstudio.gui.views.param_dock import DEBOUNCE_MS


def step_text(w) -> str:
    return w.transport.step_label.text()


def total(w) -> int:
    return w.playback.total


def test_space_plays_and_pauses_after_typing_in_a_dock_field(qtbot, make_window,
                                                             default_scene, xdo):
    w = make_window(default_scene)
    tr = w.transport
    tr.speed.setCurrentIndex(tr.speed.findData(60.0))
    xdo.activate(w)
    box = w.dock.lr.box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.hasFocus()
    xdo("key", "ctrl+a")
    xdo("type", "0.001")
    xdo("key", "Return")
    qtbot.waitUntil(lambda: w.model.scene.runs[0].hyper["lr"] == 0.001, timeout=3000)
    assert step_text(w) == f"step 0 / {total(w)}"
    xdo("key", "space")
    qtbot.waitUntil(lambda: tr.play_button.text() == "Pause", timeout=3000)
    qtbot.waitUntil(lambda: step_text(w) != f"step 0 / {total(w)}", timeout=5000)
    xdo("key", "space")
    qtbot.waitUntil(lambda: tr.play_button.text() == "Play", timeout=3000)
    assert box.text() == "0.001"
    xdo("key", "Home")
    qtbot.waitUntil(lambda: step_text(w) == f"step 0 / {total(w)}", timeout=3000)
    xdo("key", "Right")
    qtbot.waitUntil(lambda: step_text(w) == f"step 1 / {total(w)}", timeout=3000)
    xdo("key", "End")
    qtbot.waitUntil(lambda: step_text(w) == f"step {total(w)} / {total(w)}", timeout=20000)


def test_escape_restores_the_field_and_gives_the_keys_back(qtbot, make_window,
                                                          default_scene, xdo):
    w = make_window(default_scene)
    xdo.activate(w)
    edit = w.dock.hyper_edits["momentum"]
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    xdo("type", "0.7 ")
    assert edit.text() == "0.7 "          # while the field is edited, Space is text
    xdo("key", "Escape")
    qtbot.waitUntil(lambda: not edit.hasFocus(), timeout=3000)
    assert edit.text() == ""
    assert "momentum" not in w.model.raw["run"][0]
    xdo("key", "Right")
    qtbot.waitUntil(lambda: step_text(w) == f"step 1 / {total(w)}", timeout=3000)


def activate(qtbot, w) -> None:
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)


def key(qtbot, key) -> None:
    """A key pressed by the user: it goes to whatever has the focus."""
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_stray_keys_in_fields_then_a_click_elsewhere_restart_nothing(qtbot, make_window,
                                                                     default_scene, finish):
    w = make_window(default_scene)
    activate(qtbot, w)
    finish(w)
    end = f"step {total(w)} / {total(w)}"
    assert step_text(w) == end
    dock = w.dock
    for field in (dock.lr.box, dock.hyper_edits["momentum"], dock.label_edit, dock.formula):
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        assert field.hasFocus()
        qtbot.keyClick(field, Qt.Key.Key_End)
        qtbot.keyClick(field, Qt.Key.Key_Space)
    qtbot.wait(DEBOUNCE_MS + 100)
    qtbot.mouseClick(dock.runs_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=dock.runs_list.visualItemRect(dock.runs_list.item(0)).center())
    qtbot.wait(50)
    assert not w.model.dirty
    assert w.playback.state == "finished"
    assert step_text(w) == end


def test_enter_leaves_a_spin_box_and_lists_and_sliders_pass_the_keys(qtbot, make_window,
                                                                       default_scene):
    w = make_window(default_scene)
    activate(qtbot, w)
    dock = w.dock
    qtbot.mouseClick(dock.seed, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dock.seed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dock.seed, "7")
    key(qtbot, Qt.Key.Key_Return)
    assert w.model.scene.runs[0].seed == 7
    key(qtbot, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: step_text(w) == f"step 1 / {total(w)}", timeout=3000)
    lst = dock.runs_list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton,
                     pos=lst.visualItemRect(lst.item(2)).center())
    assert lst.hasFocus()
    key(qtbot, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: step_text(w) == f"step 2 / {total(w)}", timeout=3000)
    key(qtbot, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: step_text(w) == f"step 0 / {total(w)}", timeout=3000)
    assert lst.currentRow() == 2
    w.transport.slider.setFocus()
    key(qtbot, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: step_text(w) == f"step 1 / {total(w)}", timeout=3000)
    key(qtbot, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: w.playback.state == "finished", timeout=20000)
    assert step_text(w) == f"step {total(w)} / {total(w)}"
