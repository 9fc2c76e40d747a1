"""The paths a user clicks: Analyze dialogs filled and accepted with OK, File > Export through
its menu entries and file dialogs, lesson paging while a lesson plays, and the messages a
machine without the optional extras shows instead of a traceback."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog

from gdstudio.core.lessons import list_lessons
from gdstudio.core.scene import load_scene
from tests.gui.user_path import answer_modals, menu_action, press, set_form_fields

SHORT = {"title": "short", "surface": {"builtin": "himmelblau"},
         "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.01, "start": [0.0, 0.0],
                  "steps": 40}]}


def test_help_is_the_last_menu(make_window, default_scene):
    w = make_window(default_scene)
    titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert titles[-1] == "Help"
    assert titles.index("Analyze") < titles.index("Lessons")


def fill_form(values: dict):
    """An answer that sets the form's fields by label, then presses OK."""

    def answer(dlg):
        set_form_fields(dlg, values)
        press(dlg)

    return answer


def test_basins_dialog_ok_draws_the_map(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    answers = answer_modals(fill_form({"starts per axis": 24, "steps": 60}))
    menu_action(w, "Analyze", "Basins of attraction").trigger()
    answers.stop()
    assert [s[1] for s in answers.seen] == ["Basins of attraction"]
    qtbot.waitUntil(lambda: w.contour_view.basin_image() is not None, timeout=30000)
    img = w.contour_view.basin_image().image
    assert img.shape[:2] == (24, 24)           # the values typed, not the defaults
    assert w.analysis.basins.steps == 60
    assert img[..., 3].any()                   # something coloured is drawn


def test_sweep_dialog_ok_draws_the_sweep(qtbot, make_window, default_scene):
    w = make_window(default_scene)
    answers = answer_modals(fill_form({"learning rates": 5, "steps": 30}))
    menu_action(w, "Analyze", "Learning-rate sweep").trigger()
    answers.stop()
    qtbot.waitUntil(lambda: w.analysis.sweep_dock is not None
                    and w.analysis.sweep_dock.isVisible(), timeout=30000)
    dock = w.analysis.sweep_dock
    assert len(dock.points.data) + len(dock.diverged.data) == 5
    lines = [i for i in w.contour_view.overlay("sweep") if hasattr(i, "xData")]
    assert len(lines) == 5 and all(len(i.xData) > 1 for i in lines)


def test_landscape_dialog_ok_shows_the_landscape(qtbot, make_window, default_scene):
    from gdstudio.core.landscape import GridSurface

    w = make_window(default_scene)
    answers = answer_modals(fill_form({"training epochs": 20, "grid points per axis": 11}))
    menu_action(w, "Analyze", "Neural-network landscape").trigger()
    answers.stop()
    qtbot.waitUntil(lambda: isinstance(w.contour_view.surface, GridSurface), timeout=60000)
    assert w.contour_view.surface.values.shape == (11, 11)
    qtbot.waitUntil(lambda: any(hasattr(i, "xData") for i in w.contour_view.overlay("training")),
                    timeout=5000)
    assert "Iris MLP" in w.model.scene.title


def test_run_as_gif_from_the_menu_writes_the_frames(qtbot, make_window, tmp_path,
                                                    monkeypatch):
    import imageio.v3 as iio

    w = make_window(SHORT)
    out = tmp_path / "run.gif"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    answers = answer_modals()
    menu_action(w, "File", "Export", "Run as GIF or MP4").trigger()
    answers.stop()
    assert [s[0] for s in answers.seen] == ["QInputDialog"]     # which view; no error box
    assert out.is_file()
    frames = iio.imread(out, index=None)
    size = w.contour_view.plot.grab().size()
    assert frames.shape[0] > 1 and frames.shape[1:3] == (size.height(), size.width())


def _fewer_runs_before() -> int:
    """A lesson k whose next lesson has more runs than it (paging back from k + 1 has to
    shrink the transport's status rows)."""
    runs = [len(load_scene(le.path).runs) for le in list_lessons()]
    return next(k for k in range(len(runs) - 1) if runs[k + 1] > runs[k])


@pytest.mark.parametrize("how", ["menu", "key"])
def test_previous_lesson_while_a_lesson_plays(qtbot, make_window, how, request):
    xdo = request.getfixturevalue("xdo") if how == "key" else None
    k = _fewer_runs_before()
    w = make_window(gl_ok=False)
    menu_action(w, "Lessons", f"{k + 2}. ").trigger()
    qtbot.waitUntil(lambda: w.lessons.index == k + 1, timeout=5000)
    qtbot.mouseClick(w.transport.play_button, Qt.MouseButton.LeftButton)
    assert w.playback.state == "playing"
    if how == "menu":
        menu_action(w, "Lessons", "Previous lesson").trigger()
    else:
        xdo.activate(w)
        xdo("key", "Page_Up")
    qtbot.waitUntil(lambda: w.lessons.index == k, timeout=5000)
    n = len(w.model.scene.runs)
    assert len(w.transport.status_labels_text()) == n
    assert w.lessons.panel.title.text().startswith(f"{k + 1} / ")


# -- without the optional extras -----------------------------------------------------------
def test_3d_png_needs_no_optional_package(qtbot, make_window, tmp_path, monkeypatch,
                                          without_modules, default_scene):
    without_modules("imageio", "imageio_ffmpeg", "h5py")
    w = make_window(default_scene, grid_n=40)
    out = tmp_path / "view.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def size(dlg):
        assert isinstance(dlg, QInputDialog)
        dlg.setTextValue("640x360")
        press(dlg)

    answers = answer_modals(size)
    menu_action(w, "File", "Export", "3D view as PNG").trigger()
    answers.stop()
    assert len(answers.seen) == 1
    img = QImage(str(out))
    assert (img.width(), img.height()) == (640, 360)
    bits = img.convertToFormat(QImage.Format.Format_Grayscale8)
    a = np.frombuffer(bits.constBits(), np.uint8, bits.bytesPerLine() * 360)
    assert a.std() > 10           # the surface is drawn, not a blank frame


def test_video_without_imageio_names_the_extra(qtbot, make_window, tmp_path, monkeypatch,
                                               without_modules):
    without_modules("imageio", "imageio_ffmpeg")
    w = make_window(SHORT)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "run.mp4"), ""))
    action = menu_action(w, "File", "Export", "Run as GIF or MP4")
    for _ in range(2):                     # the entry stays usable
        answers = answer_modals()
        action.trigger()
        answers.stop()
        assert [s[0] for s in answers.seen] == ["QMessageBox"]    # before any question
        assert 'pip install "gdstudio[video]"' in answers.seen[0][2]
        assert action.isEnabled()
    assert not any(p.suffix in (".mp4", ".gif") for p in tmp_path.iterdir())


def test_h5_import_without_h5py_names_the_extra(qtbot, make_window, tmp_path, monkeypatch,
                                                without_modules, default_scene):
    without_modules("h5py")
    w = make_window(default_scene)
    title = w.model.scene.title
    path = tmp_path / "surface.h5"
    path.write_bytes(b"\x89HDF\r\n\x1a\n")
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: asked.append(a) or (str(path), ""))
    action = menu_action(w, "Analyze", "Import loss landscape")
    answers = answer_modals()
    action.trigger()
    answers.stop()
    boxes = [s for s in answers.seen if s[0] == "QMessageBox"]
    assert len(boxes) == 1 and 'pip install "gdstudio[landscape]"' in boxes[0][2]
    assert not asked                    # no file is asked for that cannot be read
    assert action.isEnabled()
    assert w.model.scene.title == title           # the scene shown is untouched
