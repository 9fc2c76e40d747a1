"""Take the documentation's screenshots from the real app, as it appears on screen.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots.py [NAME ...]

Each picture is grabbed from the X screen (what a user sees: the 3D view's labels and
markers are painted over the GL frame, which a widget grab leaves out) into
docs/screenshots/NAME.png. Without names, every shot below is taken.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def settle(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def window(app, language: str, size=(1560, 960)):
    from gdstudio.gui.app.main_window import MainWindow
    from gdstudio.gui.state import settings
    from gdstudio.gui.text import i18n

    settings.set_language(language)
    i18n.install(app, language)
    win = MainWindow()
    win.discard_on_close = True
    win.move(0, 0)
    win.resize(*size)
    win.show()
    settle(app, 0.5)
    return win


def play_to(app, win, step: int | None = None) -> None:
    pb = win.playback
    if step is None:
        pb.run_to_end()
        end = time.perf_counter() + 60
        while pb.state != "finished" and time.perf_counter() < end:
            settle(app, 0.05)
    else:
        pb.seek(step)
        end = time.perf_counter() + 60
        while pb.cursor < step and time.perf_counter() < end:
            settle(app, 0.05)
    settle(app, 1.0)


def grab(app, win, name: str) -> None:
    g = win.frameGeometry() if win.isFullScreen() else win.geometry()
    shot = app.primaryScreen().grabWindow(0, g.x(), g.y(), g.width(), g.height())
    path = OUT / f"{name}.png"
    assert shot.save(str(path)), path
    print(f"wrote {path.relative_to(ROOT)} ({shot.width()}x{shot.height()})")
    win.playback.shutdown()
    win.close()
    settle(app, 0.2)


def shot_default(app) -> None:
    from gdstudio.resources import resource_path

    win = window(app, "en")
    win.open_scene(resource_path("scenes", "default.toml"))
    play_to(app, win, 220)
    grab(app, win, "default")


def shot_selected_run(app) -> None:
    """The default scene run to the end with Adam selected: wider and on top in every
    pane, the other runs faded, its status row framed."""
    from gdstudio.resources import resource_path

    win = window(app, "en")
    win.open_scene(resource_path("scenes", "default.toml"))
    play_to(app, win)
    win.model.select(3)
    settle(app, 0.5)
    grab(app, win, "selected_run")


def shot_fork(app) -> None:
    """The default scene with Adam's learning rate lowered in the dock at step 100 (the
    Edit menu's fork setting on): the path it would have taken stays as a dashed ghost,
    the change is marked on the timeline and the plots."""
    from gdstudio.gui.state import settings
    from gdstudio.resources import resource_path

    before = settings.fork_edits()
    settings.set_fork_edits(True)
    try:
        win = window(app, "en")
        win.open_scene(resource_path("scenes", "default.toml"))
        win.model.select(3)
        play_to(app, win, 100)
        box = win.dock.lr.box
        box.setText("0.003")
        box.editingFinished.emit()
        settle(app, 0.5)
        play_to(app, win, 700)
        grab(app, win, "fork")
    finally:
        settings.set_fork_edits(before)


def shot_export_gif_frame(app) -> None:
    """A frame of the default scene's 3D GIF as File > Export writes it (title, legend,
    step counter), taken from a short GIF written the same way."""
    import tempfile

    import imageio.v3 as iio

    from gdstudio.gui.features import export
    from gdstudio.resources import resource_path

    win = window(app, "en")
    win.open_scene(resource_path("scenes", "default.toml"))
    play_to(app, win)
    pb, sv = win.playback, win.surface_view
    off = export.Offscreen3D(sv, export.VIDEO_SIZE)
    legend = export.run_legend(pb)

    def grab():
        return export.decorate(off.grab(), win.model.scene.title, legend,
                               f"step {pb.cursor} / {pb.total}")

    with tempfile.TemporaryDirectory() as tmp:
        gif = Path(tmp) / "run.gif"
        export.write_video(pb, grab, sv.redraw, gif, frames=12)
        frame = iio.imread(gif, index=4)[..., :3]
    off.close()
    path = OUT / "export_gif_frame.png"
    export.save_png(frame, path)
    print(f"wrote {path.relative_to(ROOT)} ({frame.shape[1]}x{frame.shape[0]})")
    win.playback.shutdown()
    win.close()
    settle(app, 0.2)


def shot_swarm(app) -> None:
    from gdstudio.resources import resource_path

    win = window(app, "en")
    win.open_scene(resource_path("scenes", "himmelblau_swarm.toml"))
    play_to(app, win)
    grab(app, win, "swarm")


def shot_ui_zh(app) -> None:
    from gdstudio.resources import resource_path

    win = window(app, "zh")
    win.open_scene(resource_path("scenes", "default.toml"))
    play_to(app, win, 150)
    grab(app, win, "ui_zh")


def _presenter(app, language: str, lesson: int, step: int | None, theme: str, name: str,
               screen: tuple[int, int] | None = None):
    """Presenter mode on the whole X screen, or on a ``screen``-sized rect of it (a
    projector of that resolution)."""
    from PySide6.QtCore import QRect

    win = window(app, language, size=(1920, 1080))
    win.lessons.open(lesson)
    win.presenter.set_theme(theme)
    if screen is not None:
        win.presenter.fit_rect = QRect(0, 0, *screen)
    win.presenter.toggle_action.trigger()
    settle(app, 0.8)
    play_to(app, win, step)
    grab(app, win, name)


def shot_lesson_zh(app) -> None:
    _presenter(app, "zh", 15, 180, "dark", "lesson_zh")


def shot_presenter_dark(app) -> None:
    _presenter(app, "en", 2, None, "dark", "presenter_dark", screen=(1366, 768))


def shot_presenter_light(app) -> None:
    _presenter(app, "en", 16, 200, "light", "presenter_light")


def _lesson(app, number: int, step: int | None, name: str, select: int | None = None) -> None:
    """Lesson ``number`` opened from the Lessons menu, as a student sees it at ``step``
    (with run ``select`` selected)."""
    win = window(app, "en")
    win.lessons.lesson_actions[number - 1].trigger()
    settle(app, 0.8)
    if select is not None:
        win.model.select(select)
    play_to(app, win, step)
    grab(app, win, name)


def shot_lesson02_arrows(app) -> None:
    _lesson(app, 2, 1, "lesson02_arrows")


def shot_lesson02_step_panel(app) -> None:
    _lesson(app, 2, 3, "lesson02_step_panel")


def shot_lesson03_gauge(app) -> None:
    _lesson(app, 3, 4, "lesson03_gauge", select=2)


def shot_lesson17_adam_state(app) -> None:
    _lesson(app, 17, 12, "lesson17_adam_state", select=3)


def shot_lesson10_samples(app) -> None:
    _lesson(app, 10, 120, "lesson10_samples")


def shot_lesson13_test_loss(app) -> None:
    _lesson(app, 13, None, "lesson13_test_loss")


def shot_lesson16_swa(app) -> None:
    _lesson(app, 16, None, "lesson16_swa")


def shot_lesson18_newton(app) -> None:
    _lesson(app, 18, 1, "lesson18_newton")


def shot_lesson19_lbfgs(app) -> None:
    _lesson(app, 19, 3, "lesson19_lbfgs", select=2)


def shot_lesson21_clipping(app) -> None:
    _lesson(app, 21, 20, "lesson21_clipping", select=1)


def shot_lesson22_fair_race(app) -> None:
    _lesson(app, 22, None, "lesson22_fair_race")


SHOTS = {name.removeprefix("shot_"): fn for name, fn in globals().items()
         if name.startswith("shot_")}


def main(names: list[str]) -> int:
    from PySide6.QtCore import QSettings

    from gdstudio.gui.app.launch import create_app

    unknown = [n for n in names if n not in SHOTS]
    if unknown:
        print(f"unknown shot(s): {', '.join(unknown)}; one of {', '.join(SHOTS)}",
              file=sys.stderr)
        return 2
    app = create_app()
    before = QSettings().value("language", None)     # the shots choose languages: the
    try:                                              # user's own choice is put back
        for name in names or list(SHOTS):
            SHOTS[name](app)
    finally:
        if before is None:
            QSettings().remove("language")
        else:
            QSettings().setValue("language", before)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
