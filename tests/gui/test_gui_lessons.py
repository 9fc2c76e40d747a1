"""The lesson tour and presenter mode, driven by the keyboard only."""

import pytest
from PySide6.QtCore import Qt

from gdstudio.core.lessons import list_lessons
from gdstudio.gui.features.lessons import MIN_CAPTION_PT
from gdstudio.gui.state import settings


def _key(qtbot, w, key, text=""):
    qtbot.keyClick(w, key)
    qtbot.wait(10)


def test_keyboard_tour_through_every_lesson(make_window, qtbot):
    lessons = list_lessons()
    w = make_window(gl_ok=True, grid_n=40)
    w.presenter.enter(full_screen=False)
    assert not w.dock.isVisible() and not w.menuBar().isVisible()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    pb = w.playback
    for i, lesson in enumerate(lessons):
        _key(qtbot, w, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda lesson=lesson: w.model.path == lesson.path.resolve(),
                        timeout=5000)
        assert w.lessons.index == i
        assert w.lessons.dock.isVisible()
        assert w.lessons.panel.title.text().startswith(f"{i + 1} / {len(lessons)}")
        assert lesson.title in w.lessons.panel.title.text() or lesson.title_zh in \
            w.lessons.panel.title.text()
        qtbot.waitUntil(lambda: pb.rows > 2, timeout=5000)
        assert pb.cursor == 0
        _key(qtbot, w, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: pb.cursor == 1, timeout=2000)
        qtbot.waitUntil(lambda: w.transport.step_label.text().startswith("step 1 /"),
                        timeout=2000)           # drawn in the frame after the key
        if i % 4 == 0:   # play and pause on some lessons; keep the test short
            _key(qtbot, w, Qt.Key.Key_Space)
            assert pb.state == "playing"
            qtbot.waitUntil(lambda: pb.cursor > 2, timeout=5000)
            _key(qtbot, w, Qt.Key.Key_Space)
            assert pb.state in ("paused", "finished")
        _key(qtbot, w, Qt.Key.Key_R)
        qtbot.waitUntil(lambda: pb.cursor == 0, timeout=2000)
    _key(qtbot, w, Qt.Key.Key_PageDown)          # past the last lesson: stays there
    assert w.lessons.index == len(lessons) - 1
    _key(qtbot, w, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: w.lessons.index == len(lessons) - 2, timeout=5000)

    speed = w.transport.speed.currentIndex()
    _key(qtbot, w, Qt.Key.Key_Plus)
    assert w.transport.speed.currentIndex() == speed + 1
    _key(qtbot, w, Qt.Key.Key_Minus)
    _key(qtbot, w, Qt.Key.Key_Minus)
    assert w.transport.speed.currentIndex() == speed - 1
    _key(qtbot, w, Qt.Key.Key_D)
    assert w.dock.isVisible()
    _key(qtbot, w, Qt.Key.Key_D)
    assert not w.dock.isVisible()
    theme = w.presenter.theme
    _key(qtbot, w, Qt.Key.Key_T)
    assert w.presenter.theme != theme and settings.theme() == w.presenter.theme
    _key(qtbot, w, Qt.Key.Key_T)
    _key(qtbot, w, Qt.Key.Key_Escape)
    assert not w.presenter.active and w.menuBar().isVisible()
    _key(qtbot, w, Qt.Key.Key_R)                 # presenter-only keys are off again
    _key(qtbot, w, Qt.Key.Key_F5)
    assert w.presenter.active
    w.presenter.leave()


def test_lessons_menu_lists_every_lesson_by_topic(make_window):
    lessons = list_lessons()
    w = make_window(gl_ok=False)
    texts = [a.text() for a in w.lessons.lesson_actions]
    assert len(texts) == len(lessons)
    assert all(t.startswith(f"{i + 1}. ") for i, t in enumerate(texts))
    sections = [a.text() for a in w.lessons.menu.actions() if a.isSeparator() and a.text()]
    assert sections[0] == lessons[0].topic_title
    assert len(sections) == len({le.topic for le in lessons})
    w.lessons.lesson_actions[2].trigger()
    assert w.model.path == lessons[2].path.resolve()
    assert w.lessons.lesson_actions[2].isChecked()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_caption_fits_in_both_languages(make_window, qtbot, size):
    lessons = list_lessons()
    longest_en = max(range(len(lessons)), key=lambda i: len(lessons[i].notes))
    longest_zh = max(range(len(lessons)), key=lambda i: len(lessons[i].notes_zh))
    w = make_window(gl_ok=False)
    w.presenter.enter(full_screen=False)
    other = (1920, 1080) if size[0] != 1920 else (1280, 720)
    for language, index in (("en", longest_en), ("zh", longest_zh)):
        w.resize(*other)    # open at the other size, then resize: the caption follows
        qtbot.waitUntil(lambda: w.size().width() == other[0], timeout=2000)
        w.lessons.set_language(language)
        w.lessons.open(index)
        qtbot.wait(50)
        w.resize(*size)
        qtbot.waitUntil(lambda: w.size().width() == size[0], timeout=2000)
        panel = w.lessons.panel

        def settled() -> bool:      # the caption's refit after a resize has run
            c = panel.caption
            return c.heightForWidth(c.width()) <= c.height() \
                and c.visibleRegion().boundingRect().height() == c.height()

        try:                        # on a loaded machine it may take more than a frame
            qtbot.waitUntil(settled, timeout=3000)
        except qtbot.TimeoutError:
            pass                    # the assertions below say what is cut
        text = panel.caption.text()
        lesson = lessons[index]
        assert text == (lesson.notes_zh if language == "zh" else lesson.notes)
        needed = panel.caption.heightForWidth(panel.caption.width())
        assert needed <= panel.caption.height(), (language, size, needed)
        shown = panel.caption.visibleRegion().boundingRect()
        assert shown.height() == panel.caption.height(), (language, size)  # nothing cut
        assert shown.width() == panel.caption.width()
        assert panel.caption.sizeHint().height() <= panel.available_height()
        assert panel.caption_pt() >= MIN_CAPTION_PT + 5, (language, size)
        assert w.centralWidget().height() > size[1] * 0.45   # the views keep room
    w.presenter.leave()


def test_language_and_theme_are_remembered():
    settings.set_language("zh")
    assert settings.language() == "zh"
    settings.set_language("en")
    assert settings.language() == "en"
    settings.set_theme("light")
    assert settings.theme() == "light"
    settings.set_theme("dark")
    with pytest.raises(ValueError):
        settings.set_theme("pink")


def test_caption_language_and_window_geometry_are_remembered(make_window, qtbot):
    # Choosing a language in the menu rebuilds the window: test_gui_language_switch.py.
    w = make_window(gl_ok=False)
    w.lessons.open(0)
    w.lessons.set_language("zh")
    assert w.lessons.panel.caption.text() == list_lessons()[0].notes_zh
    assert w.lessons.lesson_actions[0].text() == "1. " + list_lessons()[0].title_zh
    assert w.lessons.language_actions["zh"].isChecked()
    w.lessons.set_language("en")
    assert w.lessons.panel.caption.text() == list_lessons()[0].notes
    w.resize(1111, 777)
    qtbot.waitUntil(lambda: w.width() == 1111, timeout=2000)
    settings.save_window(w)
    other = make_window(gl_ok=False)
    assert other.width() != 1111
    assert settings.restore_window(other)
    qtbot.waitUntil(lambda: other.size().toTuple() == (1111, 777), timeout=2000)
