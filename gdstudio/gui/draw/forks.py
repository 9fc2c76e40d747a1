"""What the views draw of a run's ``[[run.change]]`` forks: the ghost of the path a forked
run would have taken (:attr:`gdstudio.gui.state.playback.Playback.ghosts`) and a marker
per change at its step, with a tooltip saying what changed there."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

from gdstudio.core.scene import hyper_at

GHOST_ALPHA = 170           # of 255: fainter than a live path
GHOST_POINTS = 4000         # a longer ghost is drawn through every k-th row


@dataclass
class ChangeMark:
    """One change of run group ``group`` at step ``at`` and the text saying what it did."""

    group: int
    at: int
    text: str


def ghost_paths(pb) -> dict[int, list[np.ndarray]]:
    """Run group -> the ghost paths ``(k, 3)`` (x, y, loss) of its members."""
    out: dict[int, list[np.ndarray]] = {}
    for i, path in sorted(pb.ghosts.items()):
        if i < len(pb.runs) and len(path) > 1:
            step = max(1, -(-len(path) // GHOST_POINTS))
            thin = path[::step] if step > 1 else path
            if step > 1 and (len(path) - 1) % step:
                thin = np.vstack([thin, path[-1:]])
            out.setdefault(pb.runs[i].group, []).append(thin)
    return out


def _value(v) -> str:
    return f"{v:.6g}" if isinstance(v, float) else str(v)


def change_marks(scene) -> list[ChangeMark]:
    """Every ``[[run.change]]`` of ``scene``, with a tooltip such as
    ``Adam, after step 40: lr 0.05 -> 0.01``."""
    from gdstudio.core.optimizers import OPTIMIZERS

    marks = []
    if scene is None:
        return marks
    for g, spec in enumerate(scene.runs):
        for c in spec.changes:
            name, hyper = hyper_at(spec, c.at - 1) if c.at > 0 else (spec.optimizer,
                                                                      dict(spec.hyper))
            defaults = OPTIMIZERS[name].defaults
            if c.optimizer is None:
                what = ", ".join(f"{k} {_value(hyper.get(k, defaults.get(k)))} → {_value(v)}"
                                 for k, v in c.hyper.items())
            else:
                what = f"{name} → {c.optimizer}"
                if c.hyper:
                    what += " (" + ", ".join(f"{k} = {_value(v)}"
                                             for k, v in c.hyper.items()) + ")"
            text = QCoreApplication.translate("Forks", "%1, after step %2: %3") \
                .replace("%1", spec.label).replace("%2", str(c.at)).replace("%3", what)
            marks.append(ChangeMark(g, c.at, text))
    return marks
