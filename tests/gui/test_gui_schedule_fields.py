"""Each schedule kind, the stop rules and SWA have their own labelled fields in the dock,
filled and checked as the user types, writing the scene keys a scene file has."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from gdstudio.core.schedules import SCHEDULES
from tests.gui.user_path import choose

SCHEDULE_SCENE = {
    "title": "A bowl with a schedule",
    "surface": {"builtin": "sphere"},
    "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.1, "start": [1.5, 1.0], "steps": 200,
             "schedule": {"kind": "cyclic", "base_lr": 0.01, "max_lr": 0.1,
                          "step_size_up": 20, "mode": "triangular2"}}],
}


def retype(qtbot, widget, text: str, enter: bool = True) -> None:
    """Click into a field, select what is there, type ``text`` (and Enter)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def field(dock, kind: str, key: str):
    return dock.schedule_pages[kind].fields[key]


def preview(w, g: int = 0):
    return w.plots_view._preview_items[g].yData       # as given, not log10 on a log axis


@pytest.fixture
def active(qtbot):
    def make(w):
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=5000)
        return w.dock

    return make


def test_choosing_step_fills_valid_fields_and_previews(qtbot, make_window, default_scene,
                                                       active):
    w = make_window(default_scene)
    dock = active(w)
    choose(qtbot, dock.schedule_kind, "step")
    assert dock.problems.text() == ""
    assert not dock.schedule_error.isVisible()
    assert w.model.raw["run"][0]["schedule"] == {"kind": "step", "step_size": 375}
    size, gamma = field(dock, "step", "step_size"), field(dock, "step", "gamma")
    assert size.isVisible() and size.value() == 375
    assert gamma.isVisible() and gamma.text() == "" and "0.1" in gamma.placeholderText()
    assert not field(dock, "cyclic", "base_lr").isVisible()
    lr = preview(w)
    assert lr[374] == pytest.approx(0.0005) and lr[375] == pytest.approx(0.00005)

    retype(qtbot, size, "0", enter=False)
    assert dock.schedule_error.isVisible()
    assert dock.schedule_error.text() == ("step_size: expected a whole number >= 1 (the "
                                          "period of the decay), got 0")
    assert w.model.raw["run"][0]["schedule"]["step_size"] == 375
    retype(qtbot, size, "100")
    assert not dock.schedule_error.isVisible()
    retype(qtbot, gamma, "abc")
    assert dock.schedule_error.text().startswith("gamma: ")
    retype(qtbot, gamma, "0.5")
    assert w.model.raw["run"][0]["schedule"] == {"kind": "step", "step_size": 100,
                                                 "gamma": 0.5}
    lr = preview(w)
    assert lr[99] == pytest.approx(0.0005) and lr[100] == pytest.approx(0.00025)
    assert dock.problems.text() == ""


def test_every_kind_selected_fills_a_valid_schedule(qtbot, make_window, default_scene,
                                                    active):
    w = make_window(default_scene)
    dock = active(w)
    for kind in SCHEDULES:
        dock.schedule_kind.setCurrentIndex(dock.schedule_kind.findData(kind))
        assert dock.problems.text() == "", kind
        assert not dock.schedule_error.isVisible(), kind
        assert w.model.scene.runs[0].schedule["kind"] == kind
        lr = preview(w)
        if kind == "plateau":   # follows the loss: drawn as it happens, no preview
            assert lr is None and w.plots_view.plateau_note.isVisible()
        else:
            assert lr is not None and len(lr) == 1500, kind
        page = dock.schedule_pages[kind]
        assert page.isVisible()
        assert [page.layout().labelForField(f).text() for f in page.fields.values()] == \
            list(SCHEDULES[kind].kinds)
    choose(qtbot, dock.schedule_kind, None)
    assert "schedule" not in w.model.raw["run"][0]
    assert not any(p.isVisible() for p in dock.schedule_pages.values())


def test_milestones_are_a_comma_list(qtbot, make_window, default_scene, active):
    w = make_window(default_scene)
    dock = active(w)
    choose(qtbot, dock.schedule_kind, "multistep")
    milestones = field(dock, "multistep", "milestones")
    assert isinstance(milestones, QLineEdit)
    assert milestones.text() == "500, 1000"
    retype(qtbot, milestones, "200, 400")
    assert w.model.raw["run"][0]["schedule"] == {"kind": "multistep", "milestones": [200, 400]}
    lr = preview(w)
    assert lr[199] == pytest.approx(5e-4) and lr[200] == pytest.approx(5e-5)
    assert lr[400] == pytest.approx(5e-6)


def test_editing_one_field_keeps_the_scene_keys(qtbot, make_window, active):
    w = make_window(SCHEDULE_SCENE)
    dock = active(w)
    page = dock.schedule_pages["cyclic"]
    assert page.isVisible()
    assert page.fields["base_lr"].text() == "0.01"
    assert page.fields["mode"].currentText() == "triangular2"
    retype(qtbot, page.fields["step_size_up"], "20")
    assert not w.model.dirty               # the same value: nothing changed, nothing restarts
    retype(qtbot, page.fields["max_lr"], "0.2")
    assert w.model.raw["run"][0]["schedule"] == {
        "kind": "cyclic", "base_lr": 0.01, "max_lr": 0.2, "step_size_up": 20,
        "mode": "triangular2"}
    assert max(preview(w)) == pytest.approx(0.2)


def test_stop_rules_and_swa_have_their_own_fields(qtbot, make_window, default_scene, active):
    w = make_window(default_scene)
    dock = active(w)
    assert dock.patience.text() == "off" and not dock.min_delta.isEnabled()
    retype(qtbot, dock.patience, "20")
    assert w.model.raw["run"][0]["stop"] == {"patience": 20}
    assert dock.min_delta.isEnabled()
    retype(qtbot, dock.min_delta, "0.001")
    retype(qtbot, dock.min_lr, "1e-6")
    assert w.model.raw["run"][0]["stop"] == {"patience": 20, "min_delta": 0.001,
                                             "min_lr": 1e-6}
    assert w.model.scene.runs[0].stop == {"patience": 20, "min_delta": 0.001, "min_lr": 1e-6}
    retype(qtbot, dock.min_lr, "-1")
    assert "min_lr" in dock.problems.text()
    retype(qtbot, dock.min_lr, "")
    assert w.model.raw["run"][0]["stop"] == {"patience": 20, "min_delta": 0.001}
    assert dock.problems.text() == ""

    assert dock.swa_start.text() == "off" and not dock.swa_lr.isEnabled()
    retype(qtbot, dock.swa_start, "150")
    assert w.model.raw["run"][0]["swa"] == {"start": 150}
    retype(qtbot, dock.swa_every, "10")
    retype(qtbot, dock.swa_lr, "0.01")
    assert w.model.raw["run"][0]["swa"] == {"start": 150, "every": 10, "lr": 0.01}
    assert preview(w)[149] == pytest.approx(0.01) and preview(w)[148] == pytest.approx(5e-4)
    retype(qtbot, dock.swa_start, "0")
    assert "swa" not in w.model.raw["run"][0]


def test_a_chain_shows_its_whole_curve_and_keeps_its_tables(qtbot, make_window, default_scene,
                                                           active):
    w = make_window(default_scene)
    dock = active(w)
    choose(qtbot, dock.schedule_kind, "sequential")
    table = w.model.raw["run"][0]["schedule"]
    assert table["kind"] == "sequential" and table["milestones"] == [150]
    assert [t["kind"] for t in table["schedules"]] == ["linear", "cosine"]
    note = field(dock, "sequential", "schedules")
    assert note.isVisible() and "edit in the scene file" in note.text()
    lr = preview(w)
    assert lr[0] == pytest.approx(0.00005) and lr[150] == pytest.approx(0.0005)
    assert lr[-1] < lr[150] / 100
    retype(qtbot, field(dock, "sequential", "milestones"), "300")
    table = w.model.raw["run"][0]["schedule"]
    assert table["milestones"] == [300] and len(table["schedules"]) == 2
    assert preview(w)[300] == pytest.approx(0.0005)
    assert dock.problems.text() == ""
