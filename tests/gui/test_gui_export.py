"""File > Export: pictures, videos and trajectories read back and compared."""

import tomllib
import xml.etree.ElementTree as ET

import imageio.v3 as iio
import numpy as np
import tomli_w

from gdstudio.cli import main as cli
from gdstudio.core.lessons import list_lessons
from gdstudio.gui.features import export


def _small(a: np.ndarray, k: int = 8) -> np.ndarray:
    h, w = (a.shape[0] // k) * k, (a.shape[1] // k) * k
    return a[:h, :w, :3].astype(float).reshape(h // k, k, w // k, k, 3).mean(axis=(1, 3))


def test_pictures_and_videos_open_and_match_the_view(make_window, finish, qtbot, tmp_path):
    scene = tomllib.loads(list_lessons()[0].path.read_text(encoding="utf-8"))
    scene["run"][0]["steps"] = 30       # the bowl's run still converges; fewer frames to write
    path = tmp_path / "bowl.toml"
    path.write_text(tomli_w.dumps(scene), encoding="utf-8")
    w = make_window(path, gl_ok=True, grid_n=60)
    w.resize(1280, 800)
    finish(w)

    png, svg = tmp_path / "contour.png", tmp_path / "contour.svg"
    export.export_plot(w.contour_view.plot, png, width=1200)
    export.export_plot(w.plots_view.loss_plot, svg)
    assert iio.imread(png).shape[1] == 1200
    assert ET.parse(svg).getroot().tag.endswith("svg")

    big = export.render_3d(w.surface_view, (1024, 576))
    assert big.shape == (576, 1024, 3)
    assert big.std() > 10        # the surface is drawn, not a blank frame
    export.save_png(big, tmp_path / "3d.png")
    assert iio.imread(tmp_path / "3d.png").shape == (576, 1024, 3)

    mp4, gif = tmp_path / "run.mp4", tmp_path / "run.gif"
    n = w.exporter.video(mp4, view="contour", fps=20)
    assert n == w.playback.last_row + 1
    frames = iio.imread(mp4, index=None)
    assert frames.shape[0] == n
    view = export.even(export.grab_contour(w.contour_view))
    assert frames.shape[1:3] == view.shape[:2]
    diff = np.abs(_small(frames[-1]) - _small(view)).mean()
    assert diff < 6, diff
    assert np.abs(_small(frames[0]) - _small(view)).mean() > diff   # the run moved

    n3 = w.exporter.video(gif, view="3d", fps=20)
    gif_frames = iio.imread(gif, index=None)
    assert n3 == n
    assert 1 < gif_frames.shape[0] <= n   # Pillow merges identical frames (converged run)
    assert gif_frames.shape[1:3] == export.VIDEO_SIZE[::-1]
    still = export.decorate(export.render_3d(w.surface_view, export.VIDEO_SIZE),
                            w.model.scene.title, export.run_legend(w.playback),
                            f"step {w.playback.cursor} / {w.playback.total}")
    assert np.abs(_small(gif_frames[-1]) - _small(still)).mean() < 12


def test_cancelled_video_leaves_no_file(make_window, finish, tmp_path):
    w = make_window(list_lessons()[0].path, gl_ok=False)
    finish(w)
    path = tmp_path / "cut.mp4"
    n = export.write_video(w.playback, lambda: export.grab_contour(w.contour_view),
                           w.contour_view.redraw, path, progress=lambda i, n: i < 3)
    assert n == 3 and not path.exists()


def test_trajectories_equal_gdstudio_run(make_window, tmp_path):
    lesson = list_lessons()[1]
    w = make_window(lesson.path, gl_ok=False)
    for fmt in ("csv", "json"):
        ours, theirs = tmp_path / f"ours.{fmt}", tmp_path / f"cli.{fmt}"
        export.export_trajectories(w.model.scene, ours)
        assert cli(["run", str(lesson.path), "-o", str(theirs)]) == 0
        assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")
