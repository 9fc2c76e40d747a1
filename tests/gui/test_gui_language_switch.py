"""Lessons > Language switches the whole interface at once and keeps what the user has.

The window is rebuilt in the new language on the same session
(gdstudio/gui/app/language_switch.py): these tests switch through the real menu actions and
check the new window's text with the Chinese walker of test_gui_i18n, and that the scene,
its edits and their undo history, the step, the lesson, presenter mode, an analysis still
computing, the projected training path, the views' zoom and the layout survive, with one
window on screen and no thread left behind.
"""

import gc
import math

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThread
from PySide6.QtWidgets import QApplication, QGroupBox, QMessageBox
from test_gui_i18n import _english, _visible_texts, interface_language

from gdstudio.core.lessons import list_lessons
from gdstudio.gui.app.language_switch import WindowHost
from gdstudio.gui.app.main_window import MainWindow
from gdstudio.gui.state import settings
from gdstudio.gui.text import i18n


def _han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def english(qapp):
    with interface_language(qapp, "en"):
        yield


@pytest.fixture
def window(english, qtbot, tmp_path):
    """A real window in English; at the end every window the test made or switched to is
    closed without prompting and deleted."""
    existing = set(_windows())

    def make(scene, gl_ok=True):
        w = MainWindow(gl_ok=gl_ok, grid_n=60)
        w.discard_on_close = True
        w.autosave_file = tmp_path / "autosave.json"
        assert w.open_scene(scene)
        w.show()
        qtbot.waitExposed(w)
        return w

    yield make
    for w in _windows():
        if w not in existing:
            w.discard_on_close = True
            w.close()
            w.playback.shutdown()
            w.deleteLater()
    _flush_deletes()


def switch(qtbot, w, language):
    """Choose ``language`` in the Lessons > Language menu of ``w``; the new window.
    Pending events are handled first, as they are by the time a user opens a menu."""
    QCoreApplication.processEvents()
    w.lessons.language_actions[language].trigger()
    new = WindowHost.of().window
    assert new is not w and new.isVisible()
    qtbot.waitExposed(new)
    _flush_deletes()
    assert not shiboken6.isValid(w)
    assert [x for x in _windows() if x.isVisible()] == [new]
    assert i18n.ui_language() == language == settings.language() == new.lessons.language
    running = {t for x in QApplication.topLevelWidgets() for t in x.findChildren(QThread)
               if t.isRunning()}
    assert running <= set(new.findChildren(QThread))
    return new


def _assert_chinese(w):
    texts = _visible_texts(w)
    left = [(kind, text) for kind, text in texts if _english(text)]
    assert not left, f"English left after the switch: {left}"
    assert w.menuBar().actions()[0].text() == "文件(&F)"
    assert all(_han(g.title()) for g in w.dock.findChildren(QGroupBox))
    assert _han(w.dock.windowTitle())
    for b in (w.transport.play_button, w.transport.step_button, w.transport.reset_button):
        assert _han(b.text()), b.text()
    assert _han(w.transport.step_label.text())


def _assert_english(w):
    assert w.menuBar().actions()[0].text() == "&File"
    assert w.dock.windowTitle() == "Scene"
    assert w.transport.play_button.text() in ("Play", "Pause")
    assert w.transport.step_label.text().startswith("step ")
    assert {t for _, t in _visible_texts(w) if _han(t)} == {"中文"}   # the language menu


def test_switch_keeps_the_scene_edits_step_and_lesson(window, qtbot, monkeypatch):
    lesson = list_lessons()[2]
    w = window(lesson.path)
    w.resize(1300, 850)
    w.move(20, 30)
    qtbot.waitUntil(lambda: w.size().toTuple() == (1300, 850), timeout=2000)
    assert w.lessons.index == 2
    w.dock.runs_list.setCurrentRow(1)
    box = w.dock.lr.box
    box.selectAll()
    qtbot.keyClicks(box, "0.0123")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert w.model.raw["run"][1]["lr"] == 0.0123 and w.isWindowModified()
    w.dock.runs_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert w.model.hidden == {0}
    w.playback.step(7)
    qtbot.waitUntil(lambda: w.playback.cursor == 7, timeout=5000)
    w.dock.formula.selectAll()
    qtbot.keyClicks(w.dock.formula, "x**2 + (")     # does not parse: never reaches the scene
    qtbot.waitUntil(w.dock.formula_error.isVisible, timeout=2000)
    w.surface_view.view.setCameraPosition(distance=5.5, elevation=20, azimuth=10)
    geometry, sizes = w.geometry(), w.split.sizes()
    w.split.setSizes([sizes[0] - 80, sizes[1] + 80])
    sizes = w.split.sizes()

    zh = switch(qtbot, w, "zh")
    _assert_chinese(zh)
    m = zh.model
    assert m.path == lesson.path.resolve() and zh.lessons.index == 2
    assert zh.lessons.dock.isVisible() and zh.lessons.panel.caption.text() == lesson.notes_zh
    assert m.raw["run"][1]["lr"] == 0.0123 and m.dirty and zh.isWindowModified()
    assert "[*]" in zh.windowTitle()
    assert m.selected == 1 and zh.dock.runs_list.currentRow() == 1
    assert zh.dock.lr.box.text() == "0.0123"
    assert m.hidden == {0} and zh.contour_view.hidden == {0} == zh.surface_view.hidden
    assert zh.dock.runs_list.item(0).checkState() == Qt.CheckState.Unchecked
    qtbot.waitUntil(lambda: zh.playback.cursor == 7, timeout=5000)
    assert zh.playback.state == "paused"
    assert zh.transport.step_label.text().startswith("第 7 /")
    assert zh.dock.formula.text() == "x**2 + ("
    qtbot.waitUntil(zh.dock.formula_error.isVisible, timeout=2000)
    assert zh.geometry() == geometry
    camera = zh.surface_view.view.cameraParams()
    assert (camera["distance"], camera["elevation"], camera["azimuth"]) == (5.5, 20, 10)
    assert zh.split.sizes()[0] / sum(zh.split.sizes()) == pytest.approx(
        sizes[0] / sum(sizes), abs=0.02)         # the views' heights differ by language

    asked = []                                      # the close prompt is still there
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or
                        QMessageBox.StandardButton.Cancel)
    zh.discard_on_close = False
    assert not zh.close() and zh.isVisible() and len(asked) == 1
    zh.discard_on_close = True
    monkeypatch.undo()

    en = switch(qtbot, zh, "en")
    _assert_english(en)
    assert en.model.raw["run"][1]["lr"] == 0.0123 and en.isWindowModified()
    assert en.model.path == lesson.path.resolve() and en.lessons.index == 2
    assert en.lessons.panel.caption.text() == lesson.notes
    qtbot.waitUntil(lambda: en.playback.cursor == 7, timeout=5000)
    assert en.transport.step_label.text().startswith("step 7 /")
    assert en.geometry() == geometry


def test_an_edit_that_does_not_validate_is_kept(window, qtbot, default_scene):
    w = window(default_scene, gl_ok=False)
    good = w.model.scene
    w.dock.lr.box.setText("-1")
    w.dock.lr.box.editingFinished.emit()
    assert w.model.problems and w.model.raw["run"][0]["lr"] == -1
    zh = switch(qtbot, w, "zh")
    assert zh.surface_view is None and zh.findChild(type(zh.notes), "noGlNote") is not None
    assert zh.model.raw["run"][0]["lr"] == -1 and zh.model.dirty
    assert zh.model.problems and zh.dock.problems.text()
    assert [r.raw for r in zh.model.scene.runs] == [r.raw for r in good.runs]
    assert zh.playback.state != "empty"           # the last valid scene runs
    zh.dock.lr.box.setText("0.002")                 # and the edit can be finished there
    zh.dock.lr.box.editingFinished.emit()
    assert not zh.model.problems and zh.model.scene.runs[0].hyper["lr"] == 0.002


def test_switch_while_playing_keeps_playing(window, qtbot, default_scene):
    w = window(default_scene, gl_ok=False)
    w.transport.speed.setCurrentIndex(1)            # 30 steps/s
    w.playback.play()
    qtbot.waitUntil(lambda: w.playback.cursor >= 10, timeout=5000)
    at = w.playback.cursor
    zh = switch(qtbot, w, "zh")
    pb = zh.playback
    assert zh.transport.speed.currentIndex() == 1
    qtbot.waitUntil(lambda: pb.state == "playing", timeout=5000)
    assert pb.cursor >= at
    qtbot.waitUntil(lambda: pb.cursor >= at + 5, timeout=5000)
    assert _han(zh.transport.play_button.text())
    pb.set_speed(math.inf)
    pb.run_to_end()
    en = switch(qtbot, zh, "en")                    # mid "run to end": it goes on to the end
    qtbot.waitUntil(lambda: en.playback.state == "finished", timeout=20000)
    assert en.playback.cursor == en.playback.last_row


def test_switching_ten_times_leaks_nothing(window, qtbot, default_scene):
    w = window(default_scene)
    w.presenter.enter(full_screen=False)
    w.analysis.toggle_stochastic(True)
    w.playback.step(4)
    qtbot.waitUntil(lambda: w.playback.cursor == 4, timeout=5000)
    before = len(_windows())
    gc.collect()
    wrappers = sum(isinstance(o, MainWindow) for o in gc.get_objects())
    for i in range(10):
        w = switch(qtbot, w, "zh" if i % 2 == 0 else "en")
        assert len(_windows()) == before
        assert w.presenter.active and not w.menuBar().isVisible()
        assert w.analysis.stochastic_action.isChecked()
        assert w.analysis.stochastic_dock is not None and w.analysis.stochastic_dock.isVisible()
        qtbot.waitUntil(lambda w=w: w.playback.cursor == 4, timeout=5000)
    assert i18n.ui_language() == "en"
    gc.collect()
    assert sum(isinstance(o, MainWindow) for o in gc.get_objects()) <= wrappers + 1
    w.presenter.leave()
    assert w.menuBar().isVisible() and w.dock.isVisible()


def test_a_failed_switch_leaves_the_window_as_it_was(window, qtbot, default_scene,
                                                     monkeypatch):
    from gdstudio.gui.app.language_switch import WindowLayout, switch_language

    w = window(default_scene, gl_ok=False)
    existing = set(_windows())

    def broken(self, new):
        raise RuntimeError("no second window today")

    monkeypatch.setattr(WindowLayout, "apply", broken)
    with pytest.raises(RuntimeError, match="no second window"):
        switch_language(w, "zh")
    _flush_deletes()
    assert set(_windows()) == existing and w.isVisible()
    assert i18n.ui_language() == settings.language() == "en"
    assert w.lessons.language_actions["en"].isChecked()
    assert not w.lessons.language_actions["zh"].isChecked()
    assert w.playback.running or w.playback.state != "empty"


def test_launched_window_is_followed_by_the_app(english, qtbot, monkeypatch):
    """A switch before the first scene has opened: the scene opens in the new window."""
    from gdstudio.gui.app.launch import launch

    monkeypatch.setattr(MainWindow, "offer_recovery", lambda self, ask=None: False)
    existing = set(_windows())
    w = launch()
    w.discard_on_close = True
    try:
        assert WindowHost.of().window is w and w.model.scene is None
        new = switch(qtbot, w, "zh")
        qtbot.waitUntil(lambda: new.model.scene is not None, timeout=5000)
        assert new.model.path.name == "default.toml"
    finally:
        for x in _windows():
            if x not in existing:
                x.discard_on_close = True
                x.close()
                x.deleteLater()
        _flush_deletes()


def test_analysis_overlays_and_docks_are_kept(window, qtbot, default_scene):
    w = window(default_scene, gl_ok=False)
    a = w.analysis
    a.show_critical_points()
    a.start_basins(n=16, steps=40)
    qtbot.waitUntil(lambda: a.basins is not None and not a.busy, timeout=20000)
    a.start_sweep(1e-4, 1e-2, 4, 40)
    qtbot.waitUntil(lambda: a.sweep is not None and not a.busy, timeout=20000)
    assert a.sweep_dock.isVisible()
    critical = len(w.contour_view.critical_items())
    zh = switch(qtbot, w, "zh")
    b, cv = zh.analysis, zh.contour_view
    assert b.critical_action.isChecked() and len(cv.critical_items()) == critical
    assert cv.basin_image() is not None and b.basins is not None
    assert cv.overlay("sweep") and b.sweep_dock is not None and b.sweep_dock.isVisible()
    assert _han(b.sweep_dock.windowTitle())


def _wheel(widget, clicks: int) -> None:
    """Turn the mouse wheel ``clicks`` notches over the middle of ``widget`` (zoom in > 0)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    w = widget.viewport() if hasattr(widget, "viewport") else widget
    pos = QPointF(w.width() / 2, w.height() / 2)
    event = QWheelEvent(pos, QPointF(w.mapToGlobal(pos.toPoint())), QPoint(),
                        QPoint(0, 120 * clicks), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(w, event)


def test_an_analysis_computing_during_the_switch_is_drawn_in_the_new_window(
        window, qtbot, default_scene, monkeypatch):
    import threading

    import gdstudio.core.analysis as core_analysis
    from tests.gui.test_gui_user_paths import fill_form
    from tests.gui.user_path import answer_modals, menu_action

    release = threading.Event()             # the map is computing until the test says
    real = core_analysis.basin_map

    def held(*args, **kwargs):
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(core_analysis, "basin_map", held)
    w = window(default_scene, gl_ok=False)
    session = w.session
    answers = answer_modals(fill_form({"starts per axis": 24, "steps": 60}))
    menu_action(w, "Analyze", "Basins of attraction").trigger()
    answers.stop()
    assert w.analysis.busy and w.contour_view.basin_image() is None
    try:
        zh = switch(qtbot, w, "zh")
    finally:
        release.set()
    assert zh.session is session
    assert zh.analysis.progress is not None and _han(zh.analysis.progress.labelText())
    qtbot.waitUntil(lambda: zh.contour_view.basin_image() is not None, timeout=30000)
    img = zh.contour_view.basin_image().image
    assert img.shape[:2] == (24, 24) and img[..., 3].any()
    assert zh.analysis.basins.steps == 60 and zh.analysis.progress is None
    assert zh.analysis.task is None


def test_undo_after_a_switch_undoes_the_edit_made_before_it(window, qtbot, default_scene):
    from PySide6.QtGui import QAction

    w = window(default_scene, gl_ok=False)
    session = w.session
    before = w.model.raw["run"][0].get("lr")
    box = w.dock.lr.box
    box.selectAll()
    qtbot.keyClicks(box, "0.0007")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert w.model.raw["run"][0]["lr"] == 0.0007
    zh = switch(qtbot, w, "zh")
    assert zh.session is session
    undo = zh.findChild(QAction, "undoAction")
    assert undo.isEnabled() and _han(undo.text()) and not _english(undo.text())
    undo.trigger()
    assert zh.model.raw["run"][0].get("lr") == before
    assert zh.dock.lr.box.text() == str(before)
    assert not zh.model.dirty and not zh.isWindowModified()
    redo = zh.findChild(QAction, "redoAction")
    assert redo.isEnabled() and _han(redo.text())
    redo.trigger()
    assert zh.model.raw["run"][0]["lr"] == 0.0007 and zh.isWindowModified()


def test_projected_path_plot_and_contour_zoom_are_kept(window, qtbot, default_scene):
    from tests.gui.test_gui_user_paths import fill_form
    from tests.gui.user_path import answer_modals, menu_action

    def training_line(win):
        lines = [i for i in win.contour_view.overlay("training") if hasattr(i, "xData")]
        return (lines[0].xData, lines[0].yData) if lines else None

    w = window(default_scene)
    session = w.session
    answers = answer_modals(fill_form({"training epochs": 20, "grid points per axis": 11}))
    menu_action(w, "Analyze", "Neural-network landscape").trigger()
    answers.stop()
    qtbot.waitUntil(lambda: training_line(w) is not None, timeout=60000)
    path = training_line(w)
    w.playback.step(30)
    qtbot.waitUntil(lambda: w.playback.cursor == 30, timeout=5000)
    plots = {"loss": w.plots_view.loss_plot, "lr": w.plots_view.lr_plot,
             "contour": w.contour_view.plot}
    for plot in plots.values():
        before = plot.getViewBox().viewRange()
        _wheel(plot, 3)
        assert plot.getViewBox().viewRange()[0] != before[0]
    zoom = {name: plot.getViewBox().viewRange() for name, plot in plots.items()}

    zh = switch(qtbot, w, "zh")
    assert zh.session is session
    assert zh.analysis.landscape is not None
    new_path = training_line(zh)
    assert new_path is not None
    assert all((a == b).all() for a, b in zip(new_path, path, strict=True))
    plots = {"loss": zh.plots_view.loss_plot, "lr": zh.plots_view.lr_plot,
             "contour": zh.contour_view.plot}
    for name, plot in plots.items():
        x_range = plot.getViewBox().viewRange()[0]
        assert x_range == pytest.approx(zoom[name][0], rel=1e-6), name
    lr_y = zh.plots_view.lr_plot.getViewBox().viewRange()[1]
    assert lr_y == pytest.approx(zoom["lr"][1], rel=1e-6)
    assert zh.playback.cursor == 30
