"""Analyze > Fair race: the dialog filled and accepted, the race computed in the
background, the tuned runs shown in place of the scene's as one edit that Edit > Undo
takes back, the budget and the tuned learning rates said on screen."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from tests.gui.user_path import answer_modals, menu_action, press, set_form_fields

RACE = {"title": "ravine", "surface": {"builtin": "ravine"},
        "defaults": {"start": [-9.0, 2.5], "steps": 60, "lr": 0.01},
        "run": [{"label": "GD", "optimizer": "sgd"},
                {"label": "Adam", "optimizer": "adam"},
                {"label": "Newton", "optimizer": "newton"}]}


def fill_race(values: dict, evaluations: bool):
    """Set the dialog's number fields by label, pick the budget with the keyboard, OK."""

    def answer(dlg):
        set_form_fields(dlg, values)
        combo = dlg.findChild(QComboBox)
        assert combo.currentText() == "steps"
        if evaluations:
            QTest.keyClick(combo, Qt.Key.Key_Down)
            assert combo.currentText().startswith("evaluations")
        press(dlg)

    return answer


def legend_labels(w):
    return [label.text for _sample, label in w.contour_view.legend.items]


def test_fair_race_shows_the_tuned_runs_and_undo_brings_back_the_scene(qtbot, make_window,
                                                                        finish):
    w = make_window(RACE)
    finish(w)
    assert legend_labels(w) == ["GD", "Adam", "Newton"]
    answers = answer_modals(fill_race({"smallest lr": 0.001, "largest lr": 10.0,
                                       "learning rates": 9,
                                       "steps or evaluations per run": 40}, evaluations=True))
    menu_action(w, "Analyze", "Fair race").trigger()
    answers.stop()
    assert [s[1] for s in answers.seen] == ["Fair race"]
    qtbot.waitUntil(lambda: w.model.raw["title"] == "Fair race: ravine", timeout=60000)
    race = w.analysis.state.race
    tuned = [f"{c.label} (lr={c.lr:.3g})" for c in race.contestants]
    assert tuned[2] == "Newton (lr=1)"                 # one step to a quadratic's bottom
    qtbot.waitUntil(lambda: legend_labels(w) == tuned, timeout=20000)
    finish(w)
    # the same 40 evaluations: Newton's step costs two (gradient and Hessian)
    assert [r.steps for r in w.model.scene.runs] == [40, 40, 20]
    assert w.playback.rows == 41
    message = w.statusBar().currentMessage()
    assert "the same 40 evaluations for every run" in message
    assert all(f"{c.label} {c.lr:.3g}" in message for c in race.contestants)
    assert "40 evaluations" in w.model.raw["notes"]

    undo = menu_action(w, "Edit", "Undo")
    assert "fair race" in undo.text()
    undo.trigger()
    qtbot.waitUntil(lambda: legend_labels(w) == ["GD", "Adam", "Newton"], timeout=20000)
    assert w.model.raw["title"] == "ravine"
    assert [r.steps for r in w.model.scene.runs] == [60, 60, 60]


def test_a_range_upside_down_is_refused_with_a_message(qtbot, make_window, monkeypatch):
    w = make_window(RACE)
    errors = []
    monkeypatch.setattr("gdstudio.gui.features.analysis.QMessageBox.warning",
                        lambda *a: errors.append(a[2]))
    answers = answer_modals(fill_race({"smallest lr": 1.0, "largest lr": 0.1},
                                      evaluations=False))
    menu_action(w, "Analyze", "Fair race").trigger()
    answers.stop()
    assert errors == ["The smallest learning rate must be below the largest."]
    assert w.analysis.task is None and w.model.raw["title"] == "ravine"
