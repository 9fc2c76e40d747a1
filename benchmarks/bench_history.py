"""The window playing a big swarm: memory grows with the rows it keeps, and the event loop
never stalls.

A child process opens the real main window on a display (this one, or a private Xvfb
through ``xvfb-run``) with a swarm of ``SIDE`` x ``SIDE`` SGD starts on the sphere for
``STEPS`` steps, waits until the views have drawn it, and plays it once "as fast as
possible" to the end. Memory: ``VmRSS`` of /proc/self/status just before playing (the
peak is reset there through /proc/self/clear_refs), ``VmHWM`` at the end: the growth is
their difference, the target a ratio to the bytes of the rows the playback keeps
(``Playback.kept`` rows x runs x ``ROW_BYTES``). Stalls: a ``TICK_MS`` PreciseTimer on
the GUI thread records the gaps between its timeouts from the moment Play is pressed
until the last frame; the longest is the stall.

The baseline, in the same run: the same window and swarm paused for as long as the play
took (the same views and timers, nothing computed, nothing drawn).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap

from benchmarks.common import Result

SIDE = 100
STEPS = 1000
TICK_MS = 2
STALL_MS = 33.0
GROWTH = 1.2

CHILD = textwrap.dedent("""
    import json, math, sys, time
    mode, side, steps, tick_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    from gdstudio.gui.app.launch import create_app
    app = create_app()
    from PySide6.QtCore import Qt, QTimer
    from gdstudio.gui.app.main_window import MainWindow
    from gdstudio.gui.state.playback import ROW_BYTES

    def status(key):
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
        return 0

    scene = {"title": "history", "surface": {"builtin": "sphere"},
             "run": [{"label": "swarm", "optimizer": "sgd", "lr": 0.001, "steps": steps,
                      "start": {"grid": [[-4.0, 4.0], [-4.0, 4.0]], "n": [side, side]}}]}
    win = MainWindow()
    win.discard_on_close = True
    win.autosave_file = __import__("pathlib").Path(sys.argv[5]) / "autosave.json"
    win.show()
    win.model.load_dict(scene)
    pb = win.playback
    ticks, out = [], {}
    stall = QTimer()
    stall.setTimerType(Qt.TimerType.PreciseTimer)
    stall.setInterval(tick_ms)
    stall.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def start():
        out["rss0"] = status("VmRSS")
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")                  # VmHWM from here on
        ticks.append(time.perf_counter())
        stall.start()
        if mode == "play":
            pb.set_speed(math.inf)
            pb.stateChanged.connect(lambda s: s == "finished" and QTimer.singleShot(100, stop))
            pb.play()
        else:
            QTimer.singleShot(int(float(sys.argv[6]) * 1000), stop)

    def stop():
        stall.stop()
        gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:])] or [0.0]
        out.update(hwm=status("VmHWM"), rss=status("VmRSS"), stall_ms=max(gaps),
                   over=sum(g > 33 for g in gaps), seconds=ticks[-1] - ticks[0],
                   kept_bytes=pb.kept * len(pb.runs) * ROW_BYTES, kept=pb.kept,
                   thin=pb.thin, runs=len(pb.runs), cursor=pb.cursor)
        pb.shutdown()
        win.close()
        print("RESULT " + json.dumps(out), flush=True)
        app.quit()

    QTimer.singleShot(2000, start)
    app.exec()
""")


def _child(mode: str, seconds: float = 0.0) -> dict:
    cmd = [sys.executable, "-c", CHILD, mode, str(SIDE), str(STEPS), str(TICK_MS),
           tempfile.mkdtemp(prefix="gdstudio-bench-"), str(seconds)]
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYQTGRAPH_QT_LIB="PySide6")
    if not os.environ.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            raise RuntimeError("no display and no xvfb-run")
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *cmd]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"benchmark child failed: {p.stderr[-2000:]}")


def run() -> list[Result]:
    ours = _child("play")
    idle = _child("idle", ours["seconds"])
    growth = ours["hwm"] - ours["rss0"]
    kept = ours["kept_bytes"]
    mb = 1 << 20
    size = f"{ours['runs']:,} starts x {STEPS:,} steps"
    kept_text = f"{ours['kept']:,} rows kept" + (
        f", thinned to one step in {ours['thin'][0]} before step {ours['thin'][1]}"
        if ours["thin"] else "")
    return [
        Result(f"history: window RSS growth playing {size} ({kept_text})",
               f"{growth / mb:,.0f} MiB (peak)",
               f"{kept / mb:,.0f} MiB of rows kept; {(idle['hwm'] - idle['rss0']) / mb:+.0f} MiB "
               f"paused", growth / kept, f"<= {GROWTH}x the rows kept",
               growth <= GROWTH * kept),
        Result(f"history: longest GUI event-loop stall playing {size} "
               f"({ours['seconds']:.1f} s to the end)",
               f"{ours['stall_ms']:.0f} ms ({ours['over']} gaps > 33 ms)",
               f"{idle['stall_ms']:.0f} ms paused", ours["stall_ms"] / idle["stall_ms"],
               f"<= {STALL_MS:.0f} ms", ours["stall_ms"] <= STALL_MS),
    ]


if __name__ == "__main__":
    for r in run():
        print(r.line())
