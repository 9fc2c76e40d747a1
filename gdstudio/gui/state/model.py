"""The scene model: the plain scene dict the dock edits, validated by the core.

Views subscribe to its signals; nobody else holds a "current scene". An edit that does
not validate, or would not fit in memory when run, keeps the last good scene (and surface)
on screen and reports the problems, in the interface language (the command line's own
lines in English).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from gdstudio.core.budget import check_budget
from gdstudio.core.errors import GdError, SceneError
from gdstudio.gui.text.core_text import localize, localize_error


@dataclass
class LoadedScene:
    """A scene file read, validated and its surface built (None if that failed: the
    model then reports the error as a problem, as for an edit)."""

    scene: Any
    raw: dict[str, Any]
    surface: Any


def read_scene(path: str | Path) -> LoadedScene:
    """Read, validate and build a scene file: no Qt, so it may run on a worker thread.
    Raises what ``load_scene`` raises (``SceneError`` for a scene that does not validate)."""
    from gdstudio.core.scene import build_surface, load_scene, scene_to_dict

    scene = load_scene(Path(path))
    check_budget(scene, consumer="window")
    try:
        surface = build_surface(scene)
    except GdError:
        surface = None
    return LoadedScene(scene, scene_to_dict(scene), surface)


def surface_key(raw: dict[str, Any], scene) -> tuple[str, str]:
    """What the surface depends on: the model rebuilds it only when this changes."""
    return repr(sorted(raw.get("surface", {}).items())), str(scene.base_dir)


class SceneModel(QObject):
    sceneChanged = Signal(object)      # a valid Scene (runs or surface changed)
    surfaceChanged = Signal(object)    # a Surface, only when the surface itself changed
    problemsChanged = Signal(list)     # the problems as shown; the warnings when it validates
    dirtyChanged = Signal(bool)
    pathChanged = Signal(object)       # Path | None
    selectedChanged = Signal(int)      # index of the selected [[run]]
    hiddenChanged = Signal(object)     # set of [[run]] indices the views do not draw
    loaded = Signal()                  # a whole scene replaced the old one (a new history)
    saved = Signal()                   # the scene as shown is the one in the file

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.raw: dict[str, Any] = {}
        self.scene = None
        self.surface = None
        self.problems: list[str] = []
        self.warnings: list[str] = []     # what `gdstudio check` warns about the surface
        self.path: Path | None = None
        self.dirty = False
        self.selected = 0
        self.hidden: set[int] = set()
        self.scratch_dir: Path | None = None
        """Where the window keeps grid files it computed (a network landscape) until the
        scene is saved: :meth:`save` copies such a file next to the scene."""
        self._surface_key: Any = None

    # -- loading -------------------------------------------------------------------
    def load(self, path: str | Path) -> None:
        """Load a scene file; raises SceneError (nothing changes) if it does not validate."""
        self.apply_loaded(read_scene(path))

    def apply_loaded(self, loaded: LoadedScene) -> None:
        """Show a scene :func:`read_scene` read (on any thread): the GUI-thread half of
        :meth:`load`."""
        scene = loaded.scene
        self.path = scene.path
        self.selected = 0
        self.hidden = set()
        self.hiddenChanged.emit(set())
        self._apply(loaded.raw, scene, loaded.surface)
        self._set_dirty(False)
        self.pathChanged.emit(self.path)
        self.loaded.emit()

    def load_dict(self, raw: dict[str, Any], path: Path | None = None,
                  dirty: bool = False) -> None:
        from gdstudio.core.scene import scene_from_dict

        scene = scene_from_dict(copy.deepcopy(raw), path=path)
        check_budget(scene, consumer="window")
        self.path = path
        self._apply(copy.deepcopy(raw), scene)
        self._set_dirty(dirty)
        self.pathChanged.emit(self.path)
        self.loaded.emit()

    def save(self, path: str | Path) -> None:
        """Write the scene to ``path``: its file paths rewritten relative to the new folder,
        a grid file from :attr:`scratch_dir` copied next to it first."""
        from gdstudio.core.scene import rebase_paths, save_scene, scene_from_dict

        path = Path(path).resolve()
        old_dir = self.path.parent if self.path is not None else Path.cwd()
        raw = self._keep_scratch_grid(rebase_paths(self.raw, old_dir, path.parent), path)
        scene = scene_from_dict(copy.deepcopy(raw), path=path)
        save_scene(scene, path)
        self.raw, self.scene = raw, scene
        self._surface_key = surface_key(raw, scene)
        self.path = path
        self._set_dirty(False)
        self.pathChanged.emit(self.path)
        self.saved.emit()

    def _keep_scratch_grid(self, raw: dict[str, Any], path: Path) -> dict[str, Any]:
        """``raw`` with a ``[surface] grid`` file that lives in :attr:`scratch_dir` copied
        to ``SCENE-landscape.h5`` beside the scene at ``path`` (another free name if a
        different file has that one) and named by that copy."""
        surface = raw.get("surface")
        grid = surface.get("grid") if isinstance(surface, dict) else None
        if self.scratch_dir is None or not isinstance(grid, str):
            return raw
        src = (path.parent / Path(grid).expanduser()).resolve()
        if src.parent != Path(self.scratch_dir).resolve() or not src.is_file():
            return raw
        data = src.read_bytes()
        n = 1
        while True:
            target = path.with_name(f"{path.stem}-landscape{'' if n == 1 else f'-{n}'}"
                                    f"{src.suffix}")
            if not target.exists() or (target.is_file() and target.read_bytes() == data):
                break
            n += 1
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        out = copy.deepcopy(raw)
        out["surface"]["grid"] = target.name
        return out

    # -- editing ---------------------------------------------------------------------
    def edit(self, raw: dict[str, Any]) -> bool:
        """Replace the edited dict; True if it validates (and the views now show it)."""
        from gdstudio.core.scene import scene_from_dict

        self.raw = copy.deepcopy(raw)
        self._set_dirty(True)
        try:
            scene = scene_from_dict(copy.deepcopy(self.raw), path=self.path)
            check_budget(scene, consumer="window")
        except SceneError as e:
            self._set_problems([localize(p) for p in e.problems])
            return False
        except GdError as e:
            self._set_problems([localize_error(e)])
            return False
        self._apply(self.raw, scene)
        return True

    def runs_raw(self) -> list[dict[str, Any]]:
        return self.raw.setdefault("run", [])

    def select(self, index: int) -> None:
        n = len(self.raw.get("run", []))
        index = max(0, min(index, n - 1)) if n else 0
        if index != self.selected:
            self.selected = index
        self.selectedChanged.emit(index)

    def set_hidden(self, index: int, hidden: bool) -> None:
        """Hide or show a run in the views (a view setting, not part of the scene)."""
        changed = (index in self.hidden) != hidden
        (self.hidden.add if hidden else self.hidden.discard)(index)
        if changed:
            self.hiddenChanged.emit(set(self.hidden))

    # -- internals -------------------------------------------------------------------
    def _apply(self, raw: dict[str, Any], scene, built=None) -> None:
        """``built``: the scene's surface if already built (off the GUI thread)."""
        from gdstudio.core.scene import build_surface, scene_warnings

        self.raw = raw
        key = surface_key(raw, scene)
        surface_changed = key != self._surface_key or self.surface is None
        if surface_changed:
            try:
                surface = built if built is not None else build_surface(scene)
                self.warnings = [localize(w) for w in scene_warnings(scene, surface)]
            except GdError as e:
                self._set_problems([localize_error(e)])
                return
        self.scene = scene
        self._set_problems(list(self.warnings))
        if surface_changed:
            self.surface = surface
            self._surface_key = key
            self.surfaceChanged.emit(surface)
        n = len(scene.runs)
        if self.selected >= n:
            self.selected = max(0, n - 1)
        self.sceneChanged.emit(scene)

    def _set_problems(self, problems: list[str]) -> None:
        self.problems = problems
        self.problemsChanged.emit(problems)

    def set_dirty(self, dirty: bool) -> None:
        """Mark the scene unsaved or saved (the session does, as the history moves)."""
        self._set_dirty(dirty)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirtyChanged.emit(dirty)
