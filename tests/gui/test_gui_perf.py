"""What keeps the 3D view fast, as behaviour (the timings live in benchmarks/bench_gui.py):
the surface is drawn once into a cached layer, a coarse surface stands in while the
camera moves, and the window paints before the scene is opened."""

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
        before = len(sv._items["path"].pos)
        w.playback.seek(t)
        qtbot.waitUntil(lambda b=before: len(sv._items["path"].pos) > b, timeout=5000)
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


def test_launch_paints_the_window_before_opening_the_scene(qtbot, monkeypatch):
    from gdstudio.gui.app import launch as app
    from gdstudio.gui.app.launch import launch
    from gdstudio.gui.app.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_recovery", lambda self, ask=None: False)
    monkeypatch.setattr(app, "FIRST_PAINT_WAIT_MS", 60_000)
    w = launch()
    w.discard_on_close = True
    qtbot.addWidget(w)
    try:
        assert w.isVisible() and w.surface_view.surface is None
        frames = []
        w.surface_view.view.frameSwapped.connect(lambda: frames.append(
            w.surface_view.surface is not None))
        qtbot.waitUntil(lambda: bool(w.playback.runs) and True in frames, timeout=10000)
        assert frames[0] is False
    finally:
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
