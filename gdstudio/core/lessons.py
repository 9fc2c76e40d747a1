"""The lesson library: bundled scenes that walk through the gradient-descent article.

Each lesson is a scene file ``resources/lessons/NN_id.toml`` (``NN`` is its place in the
teaching order) with a top-level ``[lesson]`` table: ``id`` (kebab-case, unique),
``topic`` (a key of ``TOPICS``), ``title_zh`` and ``notes_zh`` (the Chinese title and
caption; the scene's ``title`` and ``notes`` are the English ones), and optionally
``test_shift = [dx, dy]`` (the test loss is the training loss shifted by this; the
window draws its contours and each run's test loss), ``show = [...]`` (display hints from
``SHOW_HINTS`` for the views) and ``loss_axis`` / ``lr_axis`` (``"linear"`` or ``"log"``:
the scale of the loss and learning-rate plots, where the caption's claim needs one).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from gdstudio.core.errors import GdError, Msg
from gdstudio.core.lesson_schema import AXIS_SCALES, SHOW_HINTS, TOPICS
from gdstudio.core.scene import build_surface, load_scene
from gdstudio.core.surfaces import Minimum
from gdstudio.core.values import show as _show
from gdstudio.resources import resource_path

__all__ = ["AXIS_SCALES", "SHOW_HINTS", "TOPICS", "Lesson", "ShiftedSurface", "find_lesson",
           "list_lessons", "test_surface"]

_FILE = re.compile(r"^(\d+)_([a-z0-9-]+)\.toml$")


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    title_zh: str
    topic: str
    path: Path
    notes: str
    notes_zh: str
    order: int
    test_shift: tuple[float, float] | None = None
    show: tuple[str, ...] = field(default_factory=tuple)

    @property
    def topic_title(self) -> str:
        return TOPICS[self.topic][0]

    @property
    def topic_title_zh(self) -> str:
        return TOPICS[self.topic][1]


def lessons_dir() -> Path:
    return resource_path("lessons")


def list_lessons(validate: bool = True) -> list[Lesson]:
    """The bundled lessons in teaching order (raises SceneError for a broken file).

    ``validate=False`` reads only the files' titles, notes and [lesson] tables, without
    validating the scenes (which compiles their formulas): the window lists the lessons
    before its first paint, and opening one validates it then."""
    out = []
    for path in sorted(lessons_dir().glob("*.toml")):
        m = _FILE.match(path.name)
        if m is None:
            continue
        title, notes, meta = _read_lesson(path, validate)
        if (not isinstance(meta, dict) or "id" not in meta
                or not isinstance(meta.get("topic"), str) or meta["topic"] not in TOPICS):
            raise GdError(Msg("{file}: a lesson file needs a [lesson] table", file=str(path)))
        shift = meta.get("test_shift")
        out.append(Lesson(
            id=meta["id"], title=title, title_zh=meta.get("title_zh", ""),
            topic=meta["topic"], path=path, notes=notes.strip(),
            notes_zh=meta.get("notes_zh", "").strip(), order=int(m.group(1)),
            test_shift=(float(shift[0]), float(shift[1])) if shift else None,
            show=tuple(meta.get("show", ())),
        ))
    return out


def _read_lesson(path: Path, validate: bool) -> tuple[str, str, Any]:
    """(title, notes, [lesson] table) of a lesson file."""
    if validate:
        scene = load_scene(path)
        return scene.title, scene.notes, scene.lesson
    import tomllib

    with open(path, "rb") as f:
        raw = tomllib.load(f)
    return str(raw.get("title", "")), str(raw.get("notes", "")), raw.get("lesson")


def find_lesson(lesson_id: str) -> Lesson:
    """The bundled lesson ``lesson_id``; GdError naming close matches if there is none."""
    lessons = list_lessons()
    for lesson in lessons:
        if lesson.id == lesson_id:
            return lesson
    ids = [lesson.id for lesson in lessons]
    close = difflib.get_close_matches(lesson_id, ids, n=3)
    if close:
        raise GdError(Msg("no lesson {id} (did you mean {close}?); `gdstudio lessons` lists "
                          "them", id=_show(lesson_id), close=", ".join(close)))
    raise GdError(Msg("no lesson {id}; `gdstudio lessons` lists them", id=_show(lesson_id)))


class ShiftedSurface:
    """A surface moved by ``(dx, dy)``: its loss at ``(x, y)`` is the base's at
    ``(x - dx, y - dy)``. Used as the test loss of a lesson with ``test_shift``."""

    def __init__(self, base, shift: tuple[float, float]):
        self.base = base
        self.shift = (float(shift[0]), float(shift[1]))
        self.params = base.params
        self.bounds = base.bounds
        dx, dy = self.shift
        self.minima = tuple(Minimum((m.point[0] + dx, m.point[1] + dy), m.value, m.kind)
                            for m in base.minima)

    def _moved(self, x, y):
        dx, dy = self.shift
        return np.asarray(x, dtype=np.float64) - dx, np.asarray(y, dtype=np.float64) - dy

    def loss(self, x, y) -> np.ndarray:
        return self.base.loss(*self._moved(x, y))

    def grad(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        return self.base.grad(*self._moved(x, y))

    def grid(self, n: int = 200, bounds=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        (x0, x1), (y0, y1) = bounds if bounds is not None else self.bounds
        xs, ys = np.linspace(x0, x1, int(n)), np.linspace(y0, y1, int(n))
        gx, gy = np.meshgrid(xs, ys, indexing="ij")
        return xs, ys, self.loss(gx, gy)


def test_surface(scene, surface=None) -> ShiftedSurface | None:
    """The test surface of a scene whose ``[lesson]`` has ``test_shift`` (else None).

    ``surface`` is the scene's training surface if already built."""
    shift = (scene.lesson or {}).get("test_shift")
    if shift is None:
        return None
    if surface is None:
        surface = build_surface(scene)
    return ShiftedSurface(surface, shift)
