"""The window's speed: 3D frames per second with live runs (camera still, and orbiting),
and start to first paint.

Each figure is measured in a child process on a display (this one, or one private Xvfb
for the whole run and one at 1920x1080 for presenter mode), next to a baseline measured
the same way: a bare pyqtgraph GLViewWidget with the same surface mesh and one line
updated per frame (for presenter mode: the whole window, normal and presenting, on one
screen). Start is
measured through ``gdstudio.gui.app.launch``, the app's own path: the window opens the
default scene, then shows, so its first frame is the scene; the time until the surface
and the runs' first steps are on screen is shown too (the same frame unless the scene
takes longer than ``launch.SHOW_BY_MS``). Children cache byte-code in a private folder, as an
installed app has it compiled, and each start is measured after one to warm the caches.
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

from benchmarks.common import Result

SECONDS = 3.0
RUNS = 8
STARTS = 5
PYCACHE = os.path.join(tempfile.gettempdir(), "gdstudio-bench-pycache")

CHILD = textwrap.dedent("""
    import json, math, sys, time
    T_START = time.time()
    import os
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    mode, n = sys.argv[1], int(sys.argv[2])
    from gdstudio.gui.app.launch import create_app
    app = create_app()
    from PySide6.QtCore import QTimer

    def scene(runs):
        opts = ["sgd", "adam", "rmsprop", "adagrad", "nadam", "adamax", "radam", "adamw"]
        return {"title": "bench", "surface": {"builtin": "rosenbrock"},
                "run": [{"label": f"r{i}", "optimizer": opts[i % 8], "lr": 0.0005,
                         "steps": 200000, "start": [-1.5 + 0.1 * i, 2.0]}
                        for i in range(runs)]}

    out = {}
    if mode == "first_paint":
        from gdstudio.gui.app.launch import launch
        w = launch()
        w.offer_recovery = lambda ask=None: False
        def frame():
            out.setdefault("t", time.time())
            view = w.surface_view
            heads = view._items["head"].pos if view._items else None
            if view.surface is not None and heads is not None and len(heads) \
                    and "scene" not in out:
                out["scene"] = time.time()         # the surface and the runs' markers
                QTimer.singleShot(0, app.quit)
        w.surface_view.view.frameSwapped.connect(frame)
    elif mode == "first_paint_bare":
        import pyqtgraph.opengl as gl
        v = gl.GLViewWidget()
        v.resize(1560, 960)
        def first():
            out["t"] = time.time()
            app.quit()
        v.frameSwapped.connect(first)
        v.show()
    elif mode == "fps":
        from gdstudio.core.scene import scene_from_dict
        from gdstudio.gui.state.playback import Playback
        from gdstudio.gui.views.surface_view import SurfaceView
        from gdstudio.gui.state.model import SceneModel
        model = SceneModel()
        pb = Playback()
        view = SurfaceView(pb, grid_n=n)
        view.resize(900, 700)
        model.surfaceChanged.connect(view.set_surface)
        model.sceneChanged.connect(pb.load)
        model.load_dict(scene(int(sys.argv[3])))
        view.show()
        frames = []
        view.view.frameSwapped.connect(lambda: frames.append(time.perf_counter()))
        pb.set_speed(600.0)
        orbit = QTimer()
        orbit.setInterval(16)
        orbit.timeout.connect(lambda: view.view.orbit(0.7, 0))
        def start():
            frames.clear()
            pb.play()
            if sys.argv[5:] == ["orbit"]:
                orbit.start()
            QTimer.singleShot(int(float(sys.argv[4]) * 1000), stop)
        def stop():
            orbit.stop()
            out["fps"] = (len(frames) - 1) / (frames[-1] - frames[0]) if len(frames) > 1 else 0
            out["steps"] = pb.cursor
            pb.shutdown()
            app.quit()
        QTimer.singleShot(500, start)
    elif mode in ("fps_window", "fps_presenter"):
        from PySide6.QtCore import QRect
        from gdstudio.gui.app.main_window import MainWindow
        w = MainWindow(gl_ok=True, grid_n=n)
        w.discard_on_close = True
        if mode == "fps_window":
            w.resize(1560, 960)
        w.model.load_dict(scene(int(sys.argv[3])))
        w.show()
        if mode == "fps_presenter":
            w.presenter.fit_rect = QRect(0, 0, 1920, 1080)
            w.presenter.toggle_action.trigger()
        marks = sys.argv[5] if len(sys.argv) > 5 else "off"
        if marks in ("marks", "all"):
            w.hints.arrows_action.trigger()
            w.hints.step.panel_action.trigger()
        if marks == "all":
            w.hints.step.all_action.trigger()
        frames, painted = [], [0]
        w.surface_view.view.frameSwapped.connect(lambda: frames.append(time.perf_counter()))
        paint_gl = w.surface_view.view.paintGL
        def counted():
            painted[0] += 1
            paint_gl()
        w.surface_view.view.paintGL = counted
        pb = w.playback
        pb.set_speed(600.0)
        def start():
            frames.clear()
            painted[0] = 0
            out["cpu"] = time.thread_time()
            pb.play()
            QTimer.singleShot(int(float(sys.argv[4]) * 1000), stop)
        def stop():
            out["fps"] = (len(frames) - 1) / (frames[-1] - frames[0]) if len(frames) > 1 else 0
            out["cpu_ms"] = 1000 * (time.thread_time() - out.pop("cpu")) / max(painted[0], 1)
            out["drawn"] = painted[0] / (frames[-1] - frames[0]) if len(frames) > 1 else 0
            out["steps"] = pb.cursor
            out["panel"] = w.hints.step.panel.isVisible()
            out["size"] = [w.surface_view.view.width(), w.surface_view.view.height()]
            pb.shutdown()
            w.close()
            app.quit()
        QTimer.singleShot(1000, start)
    elif mode == "fps_bare":
        import numpy as np
        import pyqtgraph as pg
        import pyqtgraph.opengl as gl
        from gdstudio.core.surfaces import builtin_surface
        s = builtin_surface("rosenbrock")
        xs, ys, Z = s.grid(n)
        u = np.log1p(Z - Z.min()); u = u / u.max()
        v = gl.GLViewWidget(); v.resize(900, 700)
        colors = pg.colormap.get("viridis").map(u.ravel(), mode="float")
        v.addItem(gl.GLSurfacePlotItem(x=np.linspace(-1, 1, n), y=np.linspace(-1, 1, n),
                                       z=(u * 0.8).astype(np.float32), colors=colors,
                                       shader="shaded", computeNormals=True))
        line = gl.GLLinePlotItem(pos=np.zeros((2, 3)), width=2)
        v.addItem(line)
        v.setCameraPosition(distance=3.9, elevation=40, azimuth=-55)
        v.show()
        frames = []
        v.frameSwapped.connect(lambda: frames.append(time.perf_counter()))
        k = [0]
        def tick():
            k[0] += 1
            if sys.argv[5:] == ["orbit"]:
                v.orbit(0.7, 0)
            t = np.linspace(0, k[0] / 50, 200)
            line.setData(pos=np.column_stack([np.cos(t), np.sin(t), np.full_like(t, 0.5)]))
        timer = QTimer(); timer.setInterval(16); timer.timeout.connect(tick)
        def start():
            frames.clear(); timer.start()
            QTimer.singleShot(int(float(sys.argv[4]) * 1000), stop)
        def stop():
            timer.stop()
            out["fps"] = (len(frames) - 1) / (frames[-1] - frames[0]) if len(frames) > 1 else 0
            app.quit()
        QTimer.singleShot(500, start)
    app.exec()
    print("RESULT " + json.dumps(out))
""")


@contextlib.contextmanager
def display(size: str = "1600x1000"):
    """This display, or one private Xvfb of ``size`` for every child of the run (so no
    child pays for starting a server)."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    if shutil.which("Xvfb") is None:
        raise RuntimeError("no display and no Xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               f"{size}x24", "-nolisten", "tcp"], pass_fds=(write,),
                              stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


def _child(screen: str, *args: str) -> tuple[dict, float]:
    cmd = [sys.executable, "-c", CHILD, *args]
    # byte-code cached as in an installed app (a checkout may run with it turned off)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=screen, PYTHONPYCACHEPREFIX=PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # the real window keeps its settings and autosave in a private HOME
    with tempfile.TemporaryDirectory(prefix="gdstudio-bench-") as home:
        if args[0] in ("fps_window", "fps_presenter"):
            env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
                       XDG_DATA_HOME=os.path.join(home, "data"))
        t0 = time.time()
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:]), t0
    raise RuntimeError(f"benchmark child failed: {p.stderr[-2000:]}")


def _first_paint(screen: str) -> tuple[float, float, float]:
    """Best of ``STARTS`` after one of each to warm the caches, the window and the bare
    widget taking turns (a load on the machine weighs on both): start to the first
    painted frame, start to the first frame with the surface and the runs' first steps
    drawn, and the bare GLViewWidget's start to its first frame."""
    _child(screen, "first_paint", "0")
    _child(screen, "first_paint_bare", "0")
    best, scene, bare = float("inf"), float("inf"), float("inf")
    for _ in range(STARTS):
        out, t0 = _child(screen, "first_paint", "0")
        best = min(best, out["t"] - t0)
        scene = min(scene, out.get("scene", out["t"]) - t0)
        out, t0 = _child(screen, "first_paint_bare", "0")
        bare = min(bare, out["t"] - t0)
    return best, scene, bare


def run() -> list[Result]:
    with display() as screen:
        return _run(screen)


def _run(screen: str) -> list[Result]:
    results = []
    ours, scene, bare = _first_paint(screen)
    results.append(Result("gui: start to first painted frame (default scene)",
                          f"{ours:.2f} s", f"{bare:.2f} s (bare GLViewWidget)", ours / bare,
                          "<= 1.0 s", ours <= 1.0))
    results.append(Result("gui: start to the surface and runs on screen (default scene)",
                          f"{scene:.2f} s", f"{bare:.2f} s (bare GLViewWidget)", scene / bare,
                          "<= 1.6x", scene <= 1.6 * bare))
    for n, target, how in ((200, 50.0, "still"), (400, 30.0, "still"), (400, 30.0, "orbit")):
        extra = ["orbit"] if how == "orbit" else []
        ours_fps = _child(screen, "fps", str(n), str(RUNS), str(SECONDS), *extra)[0]["fps"]
        bare_fps = _child(screen, "fps_bare", str(n), "1", str(SECONDS), *extra)[0]["fps"]
        camera = ", camera orbiting" if how == "orbit" else ""
        results.append(Result(f"gui: 3D view fps, {n}x{n} surface, {RUNS} live runs{camera}",
                              f"{ours_fps:.1f} fps", f"{bare_fps:.1f} fps (bare pyqtgraph)",
                              ours_fps / bare_fps if bare_fps else None,
                              f">= {target:.0f} fps", ours_fps >= target))
    results += step_marks_fps(screen)
    with display("1920x1080") as large:
        window = _child(large, "fps_window", "200", str(RUNS), str(SECONDS))[0]
        shown = _child(large, "fps_presenter", "200", str(RUNS), str(SECONDS))[0]
    results.append(Result(f"gui: presenter mode at 1920x1080, 3D fps, 200x200 surface, "
                          f"{RUNS} live runs", _fps(shown),
                          f"{_fps(window)} (normal window, same screen)",
                          shown["drawn"] / window["drawn"] if window["drawn"] else None,
                          ">= 50 fps", shown["drawn"] >= 50.0))
    return results


def step_marks_fps(screen: str) -> list[Result]:
    """The whole window playing 8 runs on a 200x200 surface with View > Gradient arrows
    (the selected run's) and the Step panel on, then with Step marks of all runs too
    (the optimizer state recomputed for every run as the cursor moves), each against the
    same window with them off. Also the GUI thread's CPU time per 3D frame, what a
    frame costs (the frame rate also depends on whatever else the machine runs)."""
    def best(how: str) -> dict:          # best of two: other load on the machine only
        runs = [_child(screen, "fps_window", "200", str(RUNS), str(SECONDS), how)[0]  # slows
                for _ in range(2)]
        return max(runs, key=lambda r: r["drawn"])

    off = best("plain")
    out = []
    for how, what in (("marks", "step arrows + Step panel"),
                      ("all", "step arrows of all runs + Step panel")):
        on = best(how)
        if not on.get("panel"):
            raise RuntimeError("the Step panel did not show")
        target = how == "marks"
        out.append(Result(f"gui: window fps, 200x200 surface, {RUNS} runs, {what}",
                          _fps(on), f"{_fps(off)} with them off",
                          on["drawn"] / off["drawn"] if off["drawn"] else None,
                          ">= 50 fps" if target else "-",
                          on["drawn"] >= 50.0 if target else True))
    return out


def _fps(r: dict) -> str:
    """The 3D frames drawn a second in the window, with the GUI thread's CPU time per 3D
    frame (its Python, the panes' paints and the 3D view's, everything the window does
    between two frames)."""
    return f"{r['drawn']:.1f} fps ({r['cpu_ms']:.1f} ms GUI-thread CPU a frame)"


if __name__ == "__main__":
    for r in run():
        print(r.line())
