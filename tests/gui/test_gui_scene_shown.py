"""Opening a scene shows it whole: the runs' starts come with the surface, and the
contour pane's isolines lie on the losses its colour bar names."""

import numpy as np
import pytest


def test_an_opened_scene_shows_its_runs_with_the_surface(make_window, default_scene):
    """No wait for the worker thread: when opening returns, the views already draw the
    runs' starts on the new surface."""
    w = make_window(default_scene)
    assert w.playback.rows >= 1
    heads = w.surface_view._items["head"].pos
    assert heads is not None and len(heads) == len(w.playback.runs)
    for items in w.contour_view._run_items:
        assert len(items["head"].data) == 1


@pytest.mark.parametrize("builtin", ["rosenbrock", "himmelblau"])
def test_the_contour_isolines_lie_on_their_losses(make_window, builtin):
    w = make_window({"surface": {"builtin": builtin},
                     "run": [{"optimizer": "sgd", "lr": 0.001, "start": [0.5, 0.5]}]})
    cv = w.contour_view
    surface = w.model.surface
    levels = cv.level_values()
    assert len(cv.isolines) == len(levels)
    (x0, x1), (y0, y1) = surface.bounds
    for iso, level in zip(cv.isolines, levels, strict=True):
        path = iso.path if iso.path is not None else (iso.generatePath() or iso.path)
        pts = np.array([[path.elementAt(k).x, path.elementAt(k).y]
                        for k in range(path.elementCount())])
        assert len(pts) > 10
        mapped = np.array([[iso.transform().map(*p)[0], iso.transform().map(*p)[1]]
                           for p in pts])
        assert (mapped[:, 0] >= x0 - 1e-9).all() and (mapped[:, 0] <= x1 + 1e-9).all()
        assert (mapped[:, 1] >= y0 - 1e-9).all() and (mapped[:, 1] <= y1 + 1e-9).all()
        # on the colour scale, each line stays well inside its own band
        u = cv.zmap.norm(surface.loss(mapped[:, 0], mapped[:, 1]))
        assert np.abs(u - cv.zmap.norm(np.array([level]))[0]).max() < 0.25 / len(levels)
