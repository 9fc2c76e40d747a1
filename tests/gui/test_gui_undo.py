"""Every scene edit the dock, the contour pane and the Runs list make can be undone and
redone: Edit > Undo / Redo (named after the edit) and Ctrl+Z / Ctrl+Shift+Z bring back the
scene, the dock's fields and the drawn paths; undoing back to the saved scene makes it
unmodified again."""

import copy
import shutil

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QColorDialog, QMenu

from gdstudio.gui.views.param_dock import DEBOUNCE_MS
from tests.gui.user_path import choose, retype

BOWL = {
    "title": "A bowl",
    "surface": {"expr": "x**2 + 3*y**2", "bounds": [[-2.0, 2.0], [-2.0, 2.0]]},
    "run": [
        {"label": "GD", "optimizer": "sgd", "lr": 0.05, "start": [1.5, 1.0], "steps": 60,
         "schedule": {"kind": "step", "step_size": 20}},
        {"label": "Adam", "optimizer": "adam", "lr": 0.1, "start": [-1.5, 1.0], "steps": 60},
    ],
}


def click_plot(qtbot, w, x: float, y: float, shift: bool = False) -> None:
    cv = w.contour_view
    pos = cv.plot.mapFromScene(cv.plot.getPlotItem().vb.mapViewToScene(QPointF(x, y)))
    mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(cv.plot.viewport(), Qt.MouseButton.LeftButton, mods, pos=pos)


def type_formula(qtbot, w, text: str) -> None:
    """Type a formula and press Enter; it applies once the typing pauses."""
    retype(qtbot, w.dock.formula, text)
    qtbot.waitUntil(lambda: w.model.raw["surface"].get("expr") == text, timeout=3000)


def edit_menu_action(w, name: str):
    """The Undo or Redo entry of the window's Edit menu, as the menu bar holds it."""
    menu = next(a.menu() for a in w.menuBar().actions()
                if isinstance(a.menu(), QMenu) and a.menu().objectName() == "editMenu")
    return next(a for a in menu.actions() if a.objectName() == name)


def press(qtbot, w, key_combo: str) -> None:
    """Ctrl+Z / Ctrl+Shift+Z as the user presses it: to whatever has the focus."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    mods = Qt.KeyboardModifier.ControlModifier
    if "Shift" in key_combo:
        mods |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Z, mods)


def dock_fields(w) -> dict:
    d = w.dock
    fields = {
        "runs": [d.runs_list.item(i).text() for i in range(d.runs_list.count())],
        "swatches": [d.runs_list.item(i).icon().pixmap(16, 16).toImage().pixelColor(8, 8)
                     .name() for i in range(d.runs_list.count())],
        "row": d.runs_list.currentRow(), "label": d.label_edit.text(),
        "optimizer": d.optimizer.currentText(), "lr": d.lr.box.text(),
        "lr_slider": d.lr.slider.value(),
        "hyper": {k: e.text() for k, e in d.hyper_edits.items()},
        "steps": d.steps.value(), "start": (d.start_x.value(), d.start_y.value()),
        "batch": d.batch.value(), "seed": d.seed.value(),
        "schedule": d.schedule_kind.currentText(), "patience": d.patience.value(),
        "min_lr": d.min_lr.text(), "swa_start": d.swa_start.value(),
        "surface": d.surface_combo.currentText(), "formula": d.formula.text(),
        "bounds": [b.value() for b in d.bounds],
    }
    page = d.schedule_pages.get(d.schedule_kind.currentData())
    if page is not None:
        fields["schedule_fields"] = {k: page.value(k) for k in page.fields}
    return fields


def drawn(w, finish) -> list:
    """Each run's path in the contour pane once the runs have finished."""
    finish(w)
    out = []
    for items in w.contour_view._run_items:
        x, y = items["line"].getData()
        out.append((np.round(np.asarray(x, dtype=float), 9).tolist(),
                    np.round(np.asarray(y, dtype=float), 9).tolist()))
    return out


def state(w, finish):
    return copy.deepcopy(w.model.raw), dock_fields(w), drawn(w, finish), w.model.selected


def pick_colour(qtbot, w):
    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QColorDialog)
        dialog.setCurrentColor(Qt.GlobalColor.magenta)
        dialog.accept()

    QTimer.singleShot(300, answer)
    qtbot.mouseClick(w.dock.color_button, Qt.MouseButton.LeftButton)


EDITS = {
    "label": ("change label", lambda q, w: retype(q, w.dock.label_edit, "Fast")),
    "optimizer": ("change optimizer", lambda q, w: choose(q, w.dock.optimizer, text="rmsprop")),
    "hyperparameter": ("change momentum",
                       lambda q, w: retype(q, w.dock.hyper_edits["momentum"], "0.9")),
    "lr box": ("change lr", lambda q, w: retype(q, w.dock.lr.box, "0.02")),
    "lr slider": ("change lr", lambda q, w: q.keyClick(w.dock.lr.slider, Qt.Key.Key_PageUp)),
    "start": ("change start", lambda q, w: retype(q, w.dock.start_x, "0.5")),
    "steps": ("change steps", lambda q, w: retype(q, w.dock.steps, "30")),
    "batch": ("change batch_size", lambda q, w: retype(q, w.dock.batch, "4")),
    "seed": ("change seed", lambda q, w: retype(q, w.dock.seed, "7")),
    "schedule kind": ("change schedule",
                      lambda q, w: choose(q, w.dock.schedule_kind, text="exponential")),
    "schedule field": ("change schedule", lambda q, w: retype(
        q, w.dock.schedule_pages["step"].fields["step_size"], "10")),
    "stop": ("change stop", lambda q, w: retype(q, w.dock.patience, "5")),
    "stop min_lr": ("change stop", lambda q, w: retype(q, w.dock.min_lr, "0.001")),
    "swa": ("change swa", lambda q, w: retype(q, w.dock.swa_start, "20")),
    "formula": ("change formula", lambda q, w: type_formula(q, w, "x**2 + y**2")),
    "built-in surface": ("change surface",
                         lambda q, w: choose(q, w.dock.surface_combo, text="himmelblau")),
    "bounds": ("change bounds", lambda q, w: retype(q, w.dock.bounds[1], "3")),
    "colour": ("change color", pick_colour),
    "click": ("move start", lambda q, w: click_plot(q, w, 0.5, -0.5)),
    "shift-click": ("add run", lambda q, w: click_plot(q, w, 0.5, -0.5, shift=True)),
    "add": ("add run",
            lambda q, w: q.mouseClick(w.dock.add_button, Qt.MouseButton.LeftButton)),
    "duplicate": ("duplicate run",
                  lambda q, w: q.mouseClick(w.dock.dup_button, Qt.MouseButton.LeftButton)),
    "remove": ("remove run",
               lambda q, w: q.mouseClick(w.dock.remove_button, Qt.MouseButton.LeftButton)),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_each_edit_is_undone_and_redone_by_the_menu_and_the_keys(qtbot, make_window, finish,
                                                                 kind):
    what, make = EDITS[kind]
    w = make_window(BOWL)
    undo, redo = edit_menu_action(w, "undoAction"), edit_menu_action(w, "redoAction")
    assert not undo.isEnabled() and undo.text() == "Undo"
    before = state(w, finish)
    make(qtbot, w)
    qtbot.wait(50)
    after = state(w, finish)
    assert after[0] != before[0] and after[1] != before[1]
    assert undo.isEnabled() and undo.text() == f"Undo {what}"
    assert w.session.undo_stack.count() == 1          # one step, not one per key

    undo.trigger()
    assert state(w, finish) == before
    assert redo.isEnabled() and redo.text() == f"Redo {what}"
    assert not undo.isEnabled()
    redo.trigger()
    assert state(w, finish) == after

    press(qtbot, w, "Ctrl+Z")
    assert state(w, finish) == before
    press(qtbot, w, "Ctrl+Shift+Z")
    assert state(w, finish) == after


def test_undoing_an_added_run_selects_one_that_remains(qtbot, make_window, finish):
    w = make_window(BOWL)
    click_plot(qtbot, w, 0.5, -0.5, shift=True)
    assert w.model.selected == 2 and w.dock.label_edit.text() == "GD 2"
    edit_menu_action(w, "undoAction").trigger()
    assert len(w.model.scene.runs) == 2 and w.model.selected == 0
    assert w.dock.label_edit.text() == "GD"
    assert len(w.contour_view._run_items) == 2


def test_undoing_a_removed_run_brings_it_back_selected(qtbot, make_window):
    w = make_window(BOWL)
    w.dock.runs_list.setFocus()
    qtbot.keyClick(w.dock.runs_list, Qt.Key.Key_Down)
    assert w.model.selected == 1
    qtbot.mouseClick(w.dock.remove_button, Qt.MouseButton.LeftButton)
    assert [r.label for r in w.model.scene.runs] == ["GD"]
    edit_menu_action(w, "undoAction").trigger()
    assert [r.label for r in w.model.scene.runs] == ["GD", "Adam"]
    assert w.model.selected == 1 and w.dock.label_edit.text() == "Adam"


def test_labels_are_made_unique_by_one_rule_wherever_a_run_is_added(qtbot, make_window):
    w = make_window(BOWL)
    click_plot(qtbot, w, 0.5, -0.5, shift=True)           # a copy of GD
    qtbot.mouseClick(w.dock.dup_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.dock.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.dock.add_button, Qt.MouseButton.LeftButton)
    assert [r.label for r in w.model.scene.runs] == ["GD", "Adam", "GD 2", "GD 3", "SGD",
                                                     "SGD 2"]


def test_typing_a_formula_is_one_step(qtbot, make_window):
    w = make_window(BOWL)
    dock = w.dock
    qtbot.mouseClick(dock.formula, Qt.MouseButton.LeftButton)
    dock.formula.selectAll()
    for part in ("x**2", " + y**2", " + 1"):
        qtbot.keyClicks(dock.formula, part)
        qtbot.wait(DEBOUNCE_MS + 100)     # each pause applies it
    qtbot.keyClicks(dock.formula, "0")
    qtbot.keyClick(dock.formula, Qt.Key.Key_Return)       # before the pause: applied after
    qtbot.waitUntil(lambda: w.model.raw["surface"]["expr"] == "x**2 + y**2 + 10",
                    timeout=3000)
    assert w.session.undo_stack.count() == 1
    type_formula(qtbot, w, "x**2 + 2*y**2")                 # after Enter: a new step
    assert w.session.undo_stack.count() == 2
    press(qtbot, w, "Ctrl+Z")
    assert w.model.raw["surface"]["expr"] == "x**2 + y**2 + 10"
    press(qtbot, w, "Ctrl+Z")
    assert w.model.raw["surface"]["expr"] == "x**2 + 3*y**2"
    assert dock.formula.text() == "x**2 + 3*y**2"


def test_text_being_typed_is_undone_in_the_field_first(qtbot, make_window):
    w = make_window(BOWL)
    edit = w.dock.label_edit
    retype(qtbot, w.dock.label_edit, "Fast")
    qtbot.keyClicks(edit, "er")
    press(qtbot, w, "Ctrl+Z")
    assert edit.text() == "Fast"                     # the typing, not the scene
    assert w.model.raw["run"][0]["label"] == "Fast"
    press(qtbot, w, "Ctrl+Z")
    assert w.model.raw["run"][0]["label"] == "GD"
    assert edit.text() == "GD"


def test_undo_back_to_the_saved_scene_makes_it_unmodified(qtbot, make_window, default_scene,
                                                          tmp_path):
    path = tmp_path / "race.toml"
    shutil.copy(default_scene, path)
    w = make_window(path)
    assert not w.isWindowModified()
    retype(qtbot, w.dock.seed, "3")
    assert w.isWindowModified()
    edit_menu_action(w, "undoAction").trigger()
    assert not w.isWindowModified()
    edit_menu_action(w, "redoAction").trigger()
    assert w.isWindowModified()
    w.save_action.trigger()
    assert not w.isWindowModified()
    edit_menu_action(w, "undoAction").trigger()
    assert w.isWindowModified()                      # the file has the edit, the window not
    edit_menu_action(w, "redoAction").trigger()
    assert not w.isWindowModified()


def test_hiding_a_run_is_not_an_edit(qtbot, make_window):
    w = make_window(BOWL)
    item = w.dock.runs_list.item(1)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert w.model.hidden == {1}
    assert not edit_menu_action(w, "undoAction").isEnabled()
    assert not w.isWindowModified()


def test_opening_a_scene_starts_a_new_history(qtbot, make_window, default_scene):
    w = make_window(BOWL)
    retype(qtbot, w.dock.seed, "3")
    assert w.open_scene(default_scene)
    assert not edit_menu_action(w, "undoAction").isEnabled()
    assert w.model.raw["title"].startswith("Four optimizers")


def test_a_window_built_on_a_session_shows_and_edits_that_session(qtbot, tmp_path):
    from gdstudio.gui.app.main_window import MainWindow
    from gdstudio.gui.state.session import Session

    session = Session()
    w = MainWindow(grid_n=40, session=session)
    w.discard_on_close = True
    w.autosave_file = tmp_path / "autosave.json"
    qtbot.addWidget(w)
    assert w.model is session.model and w.playback is session.playback
    session.model.load_dict(BOWL)
    w.show()
    qtbot.waitExposed(w)
    assert w.dock.label_edit.text() == "GD" and len(w.contour_view._run_items) == 2
    qtbot.mouseClick(w.dock.dup_button, Qt.MouseButton.LeftButton)
    assert session.undo_stack.undoText() == "duplicate run"
    session.undo()
    assert w.dock.runs_list.count() == 2
    w.close()
    session.playback.shutdown()
