"""Gradient Descent Studio: watch gradient-descent optimizers move over loss surfaces.

The small public API for notebooks and scripts::

    import gdstudio
    scene = gdstudio.load_scene("scene.toml")      # a path, or the TOML text itself
    result = gdstudio.run_scene(scene, steps=None, every=1, state=False)
    result.runs[0].x, result.runs[0].loss, result.runs[0].status
    result.runs[0].state["exp_avg"]      # with state=True: torch's optimizer.state per row
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from gdstudio.core.runner import SceneResult
    from gdstudio.core.scene import Scene

__version__ = "0.1.0"

__all__ = ["__version__", "load_scene", "run_scene"]


def load_scene(source: str | Path) -> Scene:
    """Load and validate a scene from a path or from TOML text (raises SceneError)."""
    from gdstudio.core.scene import load_scene as _load

    return _load(source)


def run_scene(scene: Scene, steps: int | None = None, every: int = 1,
              state: bool = False) -> SceneResult:
    """Run every run of a scene headless; returns a SceneResult with per-run numpy arrays.

    With ``state=True`` each run's ``state`` maps torch's names of the optimizer state
    (``momentum_buffer``, ``exp_avg``, ``exp_avg_sq``, ``step``, ...) to its value after
    each recorded step: ``(rows, 2)`` arrays for tensors, ``(rows,)`` for numbers, NaN at
    row 0 and where the optimizer has no such state."""
    from gdstudio.core.runner import run_scene as _run

    return _run(scene, steps=steps, every=every, state=state)
