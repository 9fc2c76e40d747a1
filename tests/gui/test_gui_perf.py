"""What keeps the 3D view fast, as behaviour (the timings live in benchmarks/bench_gui.py):
the surface is drawn once into a cached layer, a coarse surface stands in while the
camera moves, and the launched window's first frame is its scene."""

import numpy as np
from PySide6.QtGui import QImage

from gdstudio.gui.draw.gl_items import COARSE_N, SETTLE_MS


def image_array(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_RGBA8888)
    a = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    return a.reshape(img.height(), img.bytesPerLine() // 4, 4)[:, : img.width(), :3].copy()


def test_runs_advancing_do_not_redraw_or_reupload_the_surface(qtbot, make_window,
                                                               default_scene):
    w = make_window(default_scene, grid_n=160)
    sv, view = w.surface_view, w.surface_view.view
    view.grabFramebuffer()   # paints now
    renders, uploads = view.still_renders, sv.mesh.uploads
    assert renders >= 1 and uploads >= 1
    for t in (10, 60, 200):
        before = sv._items["path"].pos.copy()
        w.playback.seek(t)
        qtbot.waitUntil(lambda b=before: not np.array_equal(sv._items["path"].pos, b),
                        timeout=5000)
        view.grabFramebuffer()   # paints now
    assert view.still_renders == renders
    assert sv.mesh.uploads == uploads


def test_a_new_surface_redraws_the_cached_layer(qtbot, make_window, default_scene):
    w = make_window(default_scene, grid_n=60)
    view = w.surface_view.view
    view.grabFramebuffer()   # paints now
    renders = view.still_renders
    raw = dict(w.model.raw, surface={"builtin": "himmelblau"})
    w.model.load_dict(raw)
    view.grabFramebuffer()   # paints now
    assert view.still_renders == renders + 1
    assert w.surface_view.surface.name == "himmelblau"


def test_orbiting_draws_the_coarse_surface_then_the_full_one(qtbot, make_window,
                                                             default_scene, finish):
    w = make_window(default_scene, grid_n=160)
    finish(w)
    sv, view = w.surface_view, w.surface_view.view
    view._settle.setInterval(600_000)   # the camera "stops" when the test says so, not
    still = image_array(view.grabFramebuffer())   # when a loaded machine is slow to paint
    assert view.still_drawn[0] is sv.mesh
    assert len(sv.coarse_mesh.pos) <= COARSE_N ** 2 < len(sv.mesh.pos)

    def painted_after(f):
        n = view.still_renders
        f()
        qtbot.waitUntil(lambda: view.still_renders > n, timeout=5000)

    painted_after(lambda: view.orbit(25, 10))
    assert view.coarse and view.still_drawn[0] is sv.coarse_mesh
    painted_after(lambda: view.orbit(-25, -10))
    assert view.coarse and view.still_drawn[0] is sv.coarse_mesh
    view._settle.start(SETTLE_MS)
    qtbot.waitUntil(lambda: not view.coarse, timeout=SETTLE_MS * 20)
    qtbot.waitUntil(lambda: view.still_drawn[0] is sv.mesh, timeout=5000)
    np.testing.assert_array_equal(image_array(view.grabFramebuffer()), still)


def test_pictures_are_taken_at_full_detail_even_while_orbiting(qtbot, make_window,
                                                               default_scene):
    w = make_window(default_scene, grid_n=160)
    sv, view = w.surface_view, w.surface_view.view
    view._settle.setInterval(600_000)   # still orbiting whatever the machine's load
    view.grabFramebuffer()
    n = view.still_renders
    view.orbit(25, 10)
    qtbot.waitUntil(lambda: view.still_renders > n and view.coarse, timeout=5000)
    view.grabFramebuffer()
    assert not view.coarse and view.still_drawn[0] is sv.mesh


def test_coarse_surface_keeps_the_edges_and_finite_values(qtbot, make_window, default_scene):
    w = make_window(default_scene, grid_n=161)
    sv = w.surface_view
    full, coarse = sv.mesh.pos, sv.coarse_mesh.pos
    assert np.isfinite(coarse).all() and np.isfinite(sv.coarse_mesh.color).all()
    np.testing.assert_array_equal(coarse.min(axis=0)[:2], full.min(axis=0)[:2])
    np.testing.assert_array_equal(coarse.max(axis=0)[:2], full.max(axis=0)[:2])


def _launched(qtbot, monkeypatch, scene=None):
    from gdstudio.gui.app.launch import launch
    from gdstudio.gui.app.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_recovery", lambda self, ask=None: False)
    w = launch(scene)
    w.discard_on_close = True
    qtbot.addWidget(w)
    return w


def test_the_launched_windows_first_frame_is_the_scene_drawn_once(qtbot, monkeypatch):
    """No empty window first and no second layout: the first frame on screen holds the
    surface (the full one, never the coarse stand-in of a moving camera) and the runs,
    and the surface was drawn into its cached layer once."""
    w = _launched(qtbot, monkeypatch)
    try:
        sv, view = w.surface_view, w.surface_view.view
        frames = []
        view.frameSwapped.connect(lambda: frames.append(
            (sv.surface is not None, w.playback.rows > 0, view.coarse, view.still_renders)))
        assert not w.isVisible()
        qtbot.waitUntil(lambda: bool(frames), timeout=10000)
        assert frames[0] == (True, True, False, 1)
        assert view.still_drawn[0] is sv.mesh
    finally:
        w.close()
        w.playback.shutdown()


def test_a_scene_still_loading_goes_on_loading_in_the_shown_window(qtbot, monkeypatch,
                                                                   default_scene):
    import time

    from PySide6.QtCore import QTimer

    from gdstudio.gui.app import launch, loading

    real = loading.read_scene

    def slow(path):
        time.sleep(launch.SHOW_BY_MS / 1000 + 1.0)
        return real(path)

    monkeypatch.setattr(loading, "read_scene", slow)
    seen = set()
    w = _launched(qtbot, monkeypatch, default_scene)
    timer = QTimer()        # the load waits in a local event loop: look from inside it
    timer.timeout.connect(lambda: seen.add(
        (w.isVisible(), w.model.scene is not None, w.loader.bar.isVisible())))
    timer.start(20)
    try:
        qtbot.waitUntil(lambda: w.playback.rows > 0, timeout=15000)
        assert (True, False, True) in seen        # shown, loading, its progress on screen
        assert w.model.path == default_scene and not w.loader.bar.isVisible()
    finally:
        timer.stop()
        w.close()
        w.playback.shutdown()


def test_a_scene_that_does_not_open_at_launch_is_reported_over_the_window(qtbot,
                                                                         monkeypatch,
                                                                         tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    bad = tmp_path / "bad.toml"
    bad.write_text('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "adamx"\n'
                   'start = [0, 0]\n', encoding="utf-8")
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        if box is None:
            return
        timer.stop()
        seen.append((box.windowTitle(), box.parentWidget().isVisible()))
        box.close()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    w = _launched(qtbot, monkeypatch, bad)
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=10000)
        assert seen == [("Cannot open scene", True)]
        assert w.isVisible() and w.model.scene is None
    finally:
        timer.stop()
        w.close()
        w.playback.shutdown()


def test_the_window_is_built_without_sympy():
    """sympy (exact gradients) takes ~0.3 s to import: the window, its dock and its lesson
    list are built without it, so it loads after the first paint, with the first scene."""
    import subprocess
    import sys

    code = ("from gdstudio.gui.app.launch import create_app\n"
            "app = create_app()\n"
            "from gdstudio.gui.app.main_window import MainWindow\n"
            "w = MainWindow()\n"
            "import sys\n"
            "print(len(w.lessons.lessons), 'sympy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    count, loaded = out.stdout.split()
    assert int(count) >= 17 and loaded == "False"
