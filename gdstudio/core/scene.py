"""Scenes: TOML files that describe a surface and the runs on it (scene-format.md, section 1).

``load_scene`` reads and validates a scene and reports every problem at once, each naming
the file, the table and the key; a scene never runs half-validated. ``dump_scene``
writes a scene back as TOML (tomli-w) so that loading it again gives the same scene.
"""

from __future__ import annotations

import copy
import difflib
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import tomli_w

from gdstudio.core import fileio
from gdstudio.core.errors import DataError, FormulaError, GdError, Indented, Msg, SceneError
from gdstudio.core.lesson_schema import LESSON_KEYS, lesson_problems
from gdstudio.core.values import expected_string, expected_table, show, span_problem
from gdstudio.core.values import is_finite as _is_finite
from gdstudio.core.values import is_int as _is_int
from gdstudio.core.values import is_real as _is_number

if TYPE_CHECKING:
    from gdstudio.core.landscape import GridSurface
    from gdstudio.core.surfaces import Surface

TOP_KEYS = ("title", "notes", "lesson", "surface", "defaults", "run")
SURFACE_KEYS = ("builtin", "expr", "grid", "dataset", "bounds", "params", "data")
RUN_KEYS = ("label", "optimizer", "start", "steps", "batch_size", "seed", "color",
            "schedule", "stop", "swa", "clip", "change")
CLIP_KEYS = ("norm", "norm_type", "value")
STOP_KEYS = ("patience", "min_delta", "min_lr")
SWA_KEYS = ("start", "every", "lr")
DEFAULT_STEPS = 100
MAX_STEPS = 10_000_000
MAX_SWARM = 1_000_000
MAX_SCENE_BYTES = 64 * 2**20
MAX_NESTING = 32
NAMED_COLORS = ("black", "white", "gray", "grey", "red", "green", "blue", "orange", "purple",
                "yellow", "cyan", "magenta", "brown", "pink", "olive", "navy", "teal")
_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass
class SurfaceSpec:
    """The ``[surface]`` table as written (paths as written, relative to the scene)."""

    builtin: str | None = None
    expr: str | None = None
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None
    params: tuple[str, str] | None = None
    data: str | None = None
    grid: str | None = None
    dataset: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.builtin is not None:
            out["builtin"] = self.builtin
        if self.expr is not None:
            out["expr"] = self.expr
        if self.grid is not None:
            out["grid"] = self.grid
        if self.dataset is not None:
            out["dataset"] = self.dataset
        if self.bounds is not None:
            out["bounds"] = [list(self.bounds[0]), list(self.bounds[1])]
        if self.params is not None:
            out["params"] = list(self.params)
        if self.data is not None:
            out["data"] = self.data
        return out


@dataclass(frozen=True)
class Change:
    """One ``[[run.change]]``: from step ``at + 1`` on, the hyperparameters ``hyper`` are
    set in the optimizer's param group (its state kept) or, with ``optimizer``, a fresh
    optimizer of that name with ``hyper`` over its defaults takes over (its state empty)."""

    at: int
    optimizer: str | None
    hyper: dict[str, Any]


@dataclass
class RunSpec:
    """One ``[[run]]`` after inheriting ``[defaults]``: a single start or a swarm."""

    label: str
    optimizer: str
    hyper: dict[str, Any]
    starts: np.ndarray
    swarm: bool
    steps: int
    batch_size: int | None = None
    seed: int = 0
    color: str | None = None
    schedule: dict[str, Any] | None = None
    stop: dict[str, Any] | None = None
    swa: dict[str, Any] | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    clip: dict[str, Any] | None = None
    changes: tuple[Change, ...] = ()

    @property
    def size(self) -> int:
        return len(self.starts)

    def member_labels(self) -> list[str]:
        if not self.swarm:
            return [self.label]
        return [f"{self.label}[{i}]" for i in range(self.size)]


@dataclass
class Scene:
    title: str
    notes: str
    surface: SurfaceSpec
    defaults: dict[str, Any]
    runs: list[RunSpec]
    path: Path | None = None
    lesson: dict[str, Any] | None = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    @property
    def source_name(self) -> str:
        return str(self.path) if self.path is not None else "<scene>"

    def data_path(self) -> Path | None:
        if self.surface.data is None:
            return None
        p = Path(self.surface.data).expanduser()
        return p if p.is_absolute() else self.base_dir / p

    def grid_path(self) -> Path | None:
        """The grid surface file (``[surface] grid``), relative paths against the scene's
        folder."""
        if self.surface.grid is None:
            return None
        p = Path(self.surface.grid).expanduser()
        return p if p.is_absolute() else self.base_dir / p

    def with_steps(self, steps: int) -> Scene:
        """The same scene with every run's steps set to ``steps`` (``--steps``), revalidated.

        ``steps`` obeys the scene's own limit (0 to :data:`MAX_STEPS`)."""
        if not _is_int(steps) or not 0 <= steps <= MAX_STEPS:
            raise SceneError(Msg("{file}: steps: expected a whole number from 0 to {most:,}, "
                                 "got {value}", file=self.source_name, most=MAX_STEPS,
                                 value=show(steps)))
        return scene_from_dict(scene_to_dict(self), path=self.path, steps_override=steps)


# ---------------------------------------------------------------------------------------
# loading


def load_scene(source: str | Path) -> Scene:
    """Load a scene from a path, or from TOML text (anything with a newline or ``=``)."""
    path: Path | None
    if isinstance(source, Path) or ("\n" not in source and "=" not in source):
        path = Path(source)
        name = str(path)
        text = read_scene_text(path)
        path = path.resolve()
    else:
        path, name, text = None, "<scene>", source
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SceneError(Msg("{file}: not valid TOML: {error}", file=name,
                             error=toml_problem(e))) from None
    except RecursionError:
        raise SceneError(too_deep(name, text)) from None
    return scene_from_dict(raw, path=path, source_name=name)


def read_scene_text(path: str | Path) -> str:
    """The text of the scene file ``path``; SceneError naming the file if it is missing,
    a folder, a named pipe or a device, larger than MAX_SCENE_BYTES or not UTF-8."""
    name = str(path)
    try:
        return fileio.read_bytes(path, MAX_SCENE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise SceneError(Msg("{file}: no such file", file=name)) from None
    except IsADirectoryError:
        raise SceneError(Msg("{file}: is a folder, not a scene file", file=name)) from None
    except UnicodeDecodeError:
        raise SceneError(Msg("{file}: not a text file (expected UTF-8 TOML)",
                             file=name)) from None
    except (fileio.FileKindError, fileio.FileSizeError) as e:
        raise SceneError(e.args[0]) from None
    except OSError as e:
        raise SceneError(Msg("{file}: cannot be read: {reason}", file=name,
                             reason=e.strerror or str(e))) from None


def too_deep(name: str, text: str) -> Msg:
    """The message for TOML that nests arrays or inline tables deeper than tomllib can
    parse: the line where the nesting passes MAX_NESTING, its table and its key."""
    table: str = Msg("top level")
    depth, line, key, value = 0, 1, "", False
    i, n = 0, len(text)
    while i < n and depth <= MAX_NESTING:
        c = text[i]
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                line += text[i] == "\n"
                i += 2 if text[i] == "\\" and c == '"' else 1
            i += len(quote)
            continue
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c == "\n":
            line += 1
            value = value and depth > 0
        elif c == "[" and depth == 0 and not value:
            end = text.find("\n", i)
            end = n if end < 0 else end
            table = text[i:end].split("#")[0].strip()
            i = end
            continue
        elif c == "=" and depth == 0:
            key = text[text.rfind("\n", 0, i) + 1:i].strip()
            value = True
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    if depth > MAX_NESTING:
        return Msg("{file}, line {line}: {table} '{key}': arrays or tables nested more than "
                   "{most} deep", file=name, line=line, table=table, key=key[:60],
                   most=MAX_NESTING)
    return Msg("{file}: arrays or tables nested more than {most} deep", file=name,
               most=MAX_NESTING)


_TOML_AT = re.compile(r"(.*) \(at (?:line (\d+), column (\d+)|end of document)\)", re.S)
_TOML_FIXED = {str(m): m for m in (
    Msg("Invalid statement"), Msg("Invalid value"),
    Msg("Expected newline or end of document after a statement"),
    Msg("Cannot overwrite a value"), Msg("Expected ']' at the end of a table declaration"),
    Msg("Expected ']]' at the end of an array declaration"),
    Msg("Expected '=' after a key in a key/value pair"),
    Msg("Invalid initial character for a key part"), Msg("Unclosed array"),
    Msg("Unclosed inline table"), Msg("Unescaped '\\' in a string"), Msg("Invalid hex value"),
    Msg("Escaped character is not a Unicode scalar value"), Msg("Unterminated string"),
    Msg("Invalid date or datetime"))}
_TOML_PATTERNS = (
    (re.compile(r"Expected (.+)"), lambda s: Msg("Expected {what}", what=s)),
    (re.compile(r"Found invalid character (.+)"),
     lambda s: Msg("Found invalid character {char}", char=s)),
    (re.compile(r"Illegal character (.+)"), lambda s: Msg("Illegal character {char}", char=s)),
    (re.compile(r"Cannot declare (.+) twice"),
     lambda s: Msg("Cannot declare {key} twice", key=s)),
    (re.compile(r"Cannot mutate immutable namespace (.+)"),
     lambda s: Msg("Cannot mutate immutable namespace {key}", key=s)),
    (re.compile(r"Cannot redefine namespace (.+)"),
     lambda s: Msg("Cannot redefine namespace {key}", key=s)),
    (re.compile(r"Duplicate inline table key (.+)"),
     lambda s: Msg("Duplicate inline table key {key}", key=s)),
)


def toml_problem(err: tomllib.TOMLDecodeError) -> str:
    """tomllib's message for ``err`` (what is wrong, and where), as a Msg when it is one
    of those tomllib is known to give."""
    text = str(err)
    m = _TOML_AT.fullmatch(text)
    if m is None:
        return text
    problem = m[1]
    what: str | None = _TOML_FIXED.get(problem)
    if what is None:
        what = problem
        for pattern, make in _TOML_PATTERNS:
            found = pattern.fullmatch(problem)
            if found is not None:
                what = make(found[1])
                break
    if m[2] is None:
        return Msg("{problem} (at end of document)", problem=what)
    return Msg("{problem} (at line {line}, column {column})", problem=what,
               line=int(m[2]), column=int(m[3]))


def scene_from_dict(raw: dict[str, Any], path: Path | None = None,
                    source_name: str | None = None,
                    steps_override: int | None = None) -> Scene:
    """Validate a scene given as a plain dict (parsed TOML, or what the GUI edits)."""
    if steps_override is not None and not (_is_int(steps_override)
                                           and 0 <= steps_override <= MAX_STEPS):
        raise SceneError(Msg("steps: expected a whole number from 0 to {most:,}, got {value}",
                             most=MAX_STEPS, value=show(steps_override)))
    name = source_name or (str(path) if path else "<scene>")
    deep = _too_deep_key(raw)
    if deep is not None:
        raise SceneError(Msg("{file}: '{key}': arrays or tables nested more than {most} deep",
                             file=name, key=deep, most=MAX_NESTING))
    v = _Validator(name, path.parent if path else Path.cwd(), steps_override)
    scene = v.scene(raw, path)
    if v.problems:
        raise SceneError(v.problems)
    return scene


def _too_deep_key(raw: Any) -> str | None:
    """The dotted key (``run.lr``) of a value nested more than MAX_NESTING arrays or
    tables deep (None if there is none); iterative, so any depth is safe to look at."""
    stack: list[tuple[Any, str, int]] = [(raw, "", 0)]
    while stack:
        value, key, depth = stack.pop()
        if depth > MAX_NESTING:
            return key or "top level"
        if isinstance(value, dict):
            stack.extend((v, f"{key}.{k}" if key else str(k), depth + 1)
                         for k, v in value.items())
        elif isinstance(value, list | tuple):
            stack.extend((v, key, depth + 1) for v in value)
    return None


class _Validator:
    def __init__(self, name: str, base_dir: Path, steps_override: int | None):
        self.name = name
        self.base_dir = base_dir
        self.steps_override = steps_override
        self.problems: list[str] = []

    def bad(self, where: str, key: str | None, msg: str | GdError) -> None:
        if key:
            self.problems.append(Msg("{file}: {where} '{key}': {problem}", file=self.name,
                                     where=where, key=key, problem=msg))
        else:
            self.problems.append(Msg("{file}: {where}: {problem}", file=self.name,
                                     where=where, problem=msg))

    def unknown(self, where: str, table: dict, allowed: tuple[str, ...] | list[str]) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                if close:
                    msg = Msg("unknown key (did you mean '{close}'?); allowed: {allowed}",
                              close=close[0], allowed=", ".join(allowed))
                else:
                    msg = Msg("unknown key; allowed: {allowed}", allowed=", ".join(allowed))
                self.bad(where, key, msg)

    # -- top level -------------------------------------------------------------------
    def scene(self, raw: Any, path: Path | None) -> Scene:
        top = Msg("top level")
        if not isinstance(raw, dict):
            self.bad(top, None, Msg("a scene must be a TOML table"))
            raw = {}
        self.unknown(top, raw, TOP_KEYS)
        title = raw.get("title", path.stem if path else "Untitled scene")
        if not isinstance(title, str):
            self.bad(top, "title", expected_string(title))
            title = ""
        notes = raw.get("notes", "")
        if not isinstance(notes, str):
            self.bad(top, "notes", expected_string(notes))
            notes = ""
        lesson = self.lesson(raw["lesson"]) if "lesson" in raw else None
        surface = self.surface(raw.get("surface"))
        defaults = raw.get("defaults", {})
        if not isinstance(defaults, dict):
            self.bad("[defaults]", None, expected_table(defaults))
            defaults = {}
        self.check_defaults(defaults)
        runs_raw = raw.get("run", [])
        if isinstance(runs_raw, dict):
            runs_raw = [runs_raw]
        if not isinstance(runs_raw, list):
            self.bad(top, "run", Msg("expected [[run]] tables"))
            runs_raw = []
        runs: list[RunSpec] = []
        for i, r in enumerate(runs_raw, start=1):
            spec = self.run(i, r, defaults)
            if spec is not None:
                runs.append(spec)
        seen: dict[str, int] = {}
        for i, spec in enumerate(runs, start=1):
            if spec.label in seen:
                self.bad(f"[[run]] {i}", "label",
                         Msg("{label} is already the label of run {run}; give each run a "
                             "unique label", label=show(spec.label), run=seen[spec.label]))
            seen.setdefault(spec.label, i)
        return Scene(title=title, notes=notes, surface=surface, defaults=defaults, runs=runs,
                     path=path, lesson=lesson)

    # -- [lesson] --------------------------------------------------------------------
    def lesson(self, t: Any) -> dict[str, Any] | None:
        where = "[lesson]"
        if not isinstance(t, dict):
            self.bad(where, None, expected_table(t))
            return None
        n_before = len(self.problems)
        self.unknown(where, t, LESSON_KEYS)
        for key, problem in lesson_problems(t):
            self.bad(where, key, problem)
        return copy.deepcopy(t) if len(self.problems) == n_before else None

    # -- [surface] -------------------------------------------------------------------
    def surface(self, s: Any) -> SurfaceSpec:
        where = "[surface]"
        if s is None:
            self.bad(where, None, Msg("missing: give builtin = \"name\", expr = \"...\" "
                                      "with bounds, or grid = \"file.h5\""))
            return SurfaceSpec()
        if not isinstance(s, dict):
            self.bad(where, None, expected_table(s))
            return SurfaceSpec()
        n_before = len(self.problems)
        self.unknown(where, s, SURFACE_KEYS)
        spec = SurfaceSpec()
        builtin, expr, grid = s.get("builtin"), s.get("expr"), s.get("grid")
        if builtin is not None and expr is not None:
            self.bad(where, "expr", Msg("give either builtin or expr, not both"))
        elif builtin is None and expr is None and grid is None:
            self.bad(where, None, Msg("give builtin = \"name\", expr = \"...\" with bounds, "
                                      "or grid = \"file.h5\""))
        if grid is not None:
            self.grid(s, spec)
        elif "dataset" in s:
            self.bad(where, "dataset", Msg("only allowed with grid = \"file.h5\""))
        if builtin is not None:
            if not isinstance(builtin, str):
                self.bad(where, "builtin", Msg("expected a surface name, got {value}",
                                               value=show(builtin)))
            else:
                from gdstudio.core.surfaces import BUILTINS

                if builtin not in BUILTINS:
                    close = difflib.get_close_matches(builtin, list(BUILTINS), n=3)
                    if close:
                        msg = Msg("unknown surface {name} (did you mean {close}?); "
                                  "`gdstudio surfaces` lists them", name=show(builtin),
                                  close=", ".join(show(c) for c in close))
                    else:
                        msg = Msg("unknown surface {name}; `gdstudio surfaces` lists them",
                                  name=show(builtin))
                    self.bad(where, "builtin", msg)
                else:
                    spec.builtin = builtin
            for key in ("params", "data"):
                if key in s:
                    self.bad(where, key, Msg("only allowed with expr (a built-in surface has "
                                             "its own parameters and data)"))
        if expr is not None:
            if not isinstance(expr, str):
                self.bad(where, "expr", Msg("expected a formula string, got {value}",
                                            value=show(expr)))
            else:
                spec.expr = expr
            if "bounds" not in s:
                self.bad(where, "bounds", Msg("required with expr: [[xmin, xmax], [ymin, ymax]]"))
        if "bounds" in s:
            spec.bounds = self.bounds(where, s["bounds"])
        if "params" in s and expr is not None:
            p = s["params"]
            if (not isinstance(p, list) or len(p) != 2
                    or not all(isinstance(n, str) and n.isidentifier() for n in p)):
                self.bad(where, "params", Msg("expected two names like [\"w\", \"b\"], got "
                                              "{value}", value=show(p)))
            elif p[0] == p[1]:
                self.bad(where, "params", Msg("the two parameter names must differ"))
            else:
                spec.params = (p[0], p[1])
        if "data" in s and expr is not None:
            d = s["data"]
            if not isinstance(d, str) or not d:
                self.bad(where, "data", Msg("expected a CSV file path, got {value}",
                                            value=show(d)))
            else:
                spec.data = d
        if spec.expr is not None and len(self.problems) == n_before:
            self.check_formula(spec.expr, spec)
        if spec.grid is not None and len(self.problems) == n_before:
            self.check_grid(spec.grid, spec.dataset)
        return spec

    def grid(self, s: dict, spec: SurfaceSpec) -> None:
        """``grid = "file.h5"`` (with optional ``dataset``): alone, or with ``bounds``."""
        where = "[surface]"
        other = [k for k in ("builtin", "expr") if k in s]
        if other:
            self.bad(where, "grid", Msg("give grid or {other}, not both: a grid surface is "
                                        "the values stored in its file", other=other[0]))
        for key in ("params", "data"):
            if key in s and not other:
                self.bad(where, key, Msg("only allowed with expr (a grid surface has its own "
                                         "parameters alpha and beta)"))
        g = s["grid"]
        if not isinstance(g, str) or not g.strip():
            self.bad(where, "grid", Msg("expected the path of an .h5 or .npz surface file, got "
                                        "{value}", value=show(g)))
        elif not other:
            spec.grid = g
        if "dataset" in s:
            d = s["dataset"]
            if not isinstance(d, str) or not d:
                self.bad(where, "dataset", Msg("expected a dataset name like \"train_loss\", "
                                               "got {value}", value=show(d)))
            else:
                spec.dataset = d

    def check_grid(self, grid: str, dataset: str | None) -> None:
        """The grid file ``grid`` exists, is a regular file, and holds a surface in
        ``dataset`` (None: the default, ``train_loss``)."""
        from gdstudio.core.landscape import GRID_SUFFIXES, load_grid_surface

        where = "[surface]"
        p = Path(grid).expanduser()
        p = p if p.is_absolute() else self.base_dir / p
        try:
            if not p.exists():
                self.bad(where, "grid", Msg("{file}: no such file", file=str(p)))
                return
            if not p.is_file():
                self.bad(where, "grid", Msg("{file}: not a regular file", file=str(p)))
                return
        except OSError as e:
            self.bad(where, "grid", Msg("{file}: cannot be read: {reason}", file=str(p),
                                        reason=e.strerror or str(e)))
            return
        if p.suffix.lower() not in GRID_SUFFIXES:
            self.bad(where, "grid", Msg("{file}: expected an .h5, .hdf5 or .npz surface file",
                                        file=str(p)))
            return
        try:
            load_grid_surface(p, dataset or "train_loss")
        except GdError as e:
            key = "dataset" if dataset is not None and show(dataset) in str(e) else "grid"
            self.bad(where, key, e)

    def bounds(self, where: str, b: Any):
        ok = (isinstance(b, list) and len(b) == 2
              and all(isinstance(r, list) and len(r) == 2 and all(_is_number(v) for v in r)
                      for r in b))
        if not ok:
            self.bad(where, "bounds", Msg("expected [[xmin, xmax], [ymin, ymax]], got {value}",
                                          value=show(b)))
            return None
        out = []
        for axis, (lo, hi) in zip("xy", b, strict=True):
            problem = span_problem(float(lo), float(hi))
            if problem is not None:
                self.bad(where, "bounds", Msg("{axis} bounds: {problem}", axis=axis,
                                              problem=problem))
                return None
            out.append((float(lo), float(hi)))
        return (out[0], out[1])

    def check_formula(self, expr: str, spec: SurfaceSpec) -> None:
        from gdstudio.core.surfaces import formula_surface, load_csv

        data = None
        if spec.data is not None:
            p = Path(spec.data).expanduser()
            p = p if p.is_absolute() else self.base_dir / p
            try:
                data = load_csv(p)
            except DataError as e:
                self.bad("[surface]", "data", e)
                return
        try:
            formula_surface(expr, spec.bounds or ((-1.0, 1.0), (-1.0, 1.0)),
                            params=spec.params or ("x", "y"), data=data)
        except FormulaError as e:
            self.bad("[surface]", "expr", Indented(e))
        except GdError as e:
            self.bad("[surface]", "expr", e)

    # -- [defaults] and [[run]] -------------------------------------------------------
    def check_defaults(self, d: dict) -> None:
        from gdstudio.core.optimizers import OPTIMIZERS

        hyper_keys = sorted({k for o in OPTIMIZERS.values() for k in o.defaults})
        allowed = list(RUN_KEYS) + hyper_keys
        self.unknown("[defaults]", d, allowed)
        if "label" in d:
            self.bad("[defaults]", "label", Msg("each run needs its own label"))
        if "change" in d:
            self.bad("[defaults]", "change", Msg("a change belongs to one run: write it as "
                                                 "[[run.change]] under that run"))

    def run(self, i: int, r: Any, defaults: dict) -> RunSpec | None:
        from gdstudio.core.optimizers import OPTIMIZERS, check_hyper, make_optimizer
        from gdstudio.core.schedules import SCHEDULES, check_schedule

        if not isinstance(r, dict):
            self.bad(f"[[run]] {i}", None, expected_table(r))
            return None
        label = r.get("label")
        where = f"[[run]] {i}" + (f" ({show(label)})" if isinstance(label, str) else "")
        n_before = len(self.problems)

        opt_name = r.get("optimizer", defaults.get("optimizer"))
        if opt_name is None:
            self.bad(where, "optimizer", Msg("required; one of {names}",
                                             names=", ".join(OPTIMIZERS)))
            return None
        if not isinstance(opt_name, str) or opt_name not in OPTIMIZERS:
            close = difflib.get_close_matches(str(opt_name), list(OPTIMIZERS), n=1)
            if close:
                msg = Msg("unknown optimizer {value} (did you mean {close}?); one of {names}",
                          value=show(opt_name), close=show(close[0]),
                          names=", ".join(OPTIMIZERS))
            else:
                msg = Msg("unknown optimizer {value}; one of {names}", value=show(opt_name),
                          names=", ".join(OPTIMIZERS))
            self.bad(where, "optimizer", msg)
            return None
        opt_keys = tuple(OPTIMIZERS[opt_name].defaults)
        self.unknown(where, r, RUN_KEYS + opt_keys)

        if label is None:
            label = opt_name
        elif not isinstance(label, str) or not label.strip():
            self.bad(where, "label", Msg("expected a non-empty string, got {value}",
                                         value=show(label)))
            label = f"run {i}"

        merged = {k: v for k, v in defaults.items() if k in RUN_KEYS or k in opt_keys}
        merged.update(r)
        hyper = {k: merged[k] for k in opt_keys if k in merged}
        for key, problem in check_hyper(opt_name, hyper):
            self.bad(where, key, problem)

        steps = merged.get("steps", DEFAULT_STEPS)
        if not _is_int(steps) or not 0 <= steps <= MAX_STEPS:
            self.bad(where, "steps", Msg("expected a whole number from 0 to {most:,}, got "
                                         "{value}", most=MAX_STEPS, value=show(steps)))
            steps = 0
        changeable = len(self.problems) == n_before
        written_steps = steps
        if self.steps_override is not None:
            steps = self.steps_override

        starts, swarm = self.start(where, merged.get("start"))

        batch_size = merged.get("batch_size")
        if batch_size is not None and (not _is_int(batch_size) or batch_size < 1):
            self.bad(where, "batch_size", Msg("expected a whole number >= 1, got {value}",
                                              value=show(batch_size)))
            batch_size = None
        seed = merged.get("seed", 0)
        if not _is_int(seed) or seed < 0:
            self.bad(where, "seed", Msg("expected a whole number >= 0, got {value}",
                                        value=show(seed)))
            seed = 0
        color = merged.get("color")
        if color is not None and not (isinstance(color, str)
                                      and (_HEX_COLOR.match(color) or color in NAMED_COLORS)):
            self.bad(where, "color", Msg("expected \"#rrggbb\" or one of {names}, got {value}",
                                         names=", ".join(NAMED_COLORS), value=show(color)))
            color = None

        stop = self.table(where, merged, "stop", STOP_KEYS)
        if stop is not None:
            self.check_stop(where, stop)
        swa = self.table(where, merged, "swa", SWA_KEYS)
        if swa is not None:
            swa = self.check_swa(where, swa)

        clip = self.table(where, merged, "clip", CLIP_KEYS)
        if clip is not None:
            self.check_clip(where, clip)

        schedule = self.table(where, merged, "schedule", None)
        if schedule is not None and len(self.problems) == n_before:
            optimizer = make_optimizer(opt_name, **hyper)
            sched_where = _sub("schedule", where)
            if "kind" not in schedule:
                self.bad(sched_where, "kind", Msg("required ({names})",
                                                  names=", ".join(SCHEDULES)))
            else:
                for key, problem in check_schedule(schedule, base_lr=optimizer.hp["lr"],
                                                   steps=steps, optimizer=optimizer):
                    self.bad(sched_where, key, problem)

        changes: tuple[Change, ...] = ()
        if "change" in r and changeable:
            changes = self.changes(where, r["change"], opt_name, hyper, written_steps, schedule)

        if len(self.problems) != n_before or starts is None:
            return None
        return RunSpec(label=label, optimizer=opt_name, hyper=hyper, starts=starts, swarm=swarm,
                       steps=int(steps), batch_size=batch_size, seed=int(seed), color=color,
                       schedule=schedule, stop=stop, swa=swa, raw=copy.deepcopy(r),
                       changes=changes, clip=clip)

    def changes(self, where: str, raw: Any, opt_name: str, hyper: dict[str, Any], steps: int,
                schedule: dict[str, Any] | None) -> tuple[Change, ...]:
        """The run's ``[[run.change]]`` tables, each checked against the optimizer in use
        at its step (see :func:`change_problems`); called once the run's optimizer,
        hyperparameters and steps are valid."""
        tables = [raw] if isinstance(raw, dict) else raw
        if not isinstance(tables, list):
            self.bad(where, "change", Msg("expected [[run.change]] tables, got {value}",
                                          value=show(raw)))
            return ()
        out: list[Change] = []
        for j, t in enumerate(tables, start=1):
            sub = Msg("[[run.change]] {n} of {where}", n=j, where=where)
            if not isinstance(t, dict):
                self.bad(sub, None, expected_table(t))
                continue
            problems = change_problems(t, out, opt_name, hyper, steps, schedule)
            for key, msg in problems:
                self.bad(sub, key, msg)
            if not problems:
                hp = {k: v for k, v in t.items() if k not in ("at", "optimizer")}
                out.append(Change(at=int(t["at"]), optimizer=t.get("optimizer"), hyper=hp))
        return tuple(out)

    def table(self, where: str, merged: dict, key: str, allowed) -> dict | None:
        t = merged.get(key)
        if t is None:
            return None
        sub = _sub(key, where)
        if not isinstance(t, dict):
            self.bad(where, key, Msg("expected a table [run.{key}], got {value}", key=key,
                                     value=show(t)))
            return None
        if allowed is not None:
            self.unknown(sub, t, allowed)
        return dict(t)

    def check_stop(self, where: str, stop: dict) -> None:
        sub = _sub("stop", where)
        if "patience" in stop and (not _is_int(stop["patience"]) or stop["patience"] < 1):
            self.bad(sub, "patience", Msg("expected a whole number >= 1, got {value}",
                                          value=show(stop["patience"])))
        for key in ("min_delta", "min_lr"):
            if key in stop and (not _is_number(stop[key]) or not stop[key] >= 0
                                or not math.isfinite(stop[key])):
                self.bad(sub, key, Msg("expected a number >= 0, got {value}",
                                       value=show(stop[key])))
        if "min_delta" in stop and "patience" not in stop:
            self.bad(sub, "min_delta", Msg("has no effect without patience"))

    def check_clip(self, where: str, clip: dict) -> None:
        """``[run.clip]``: ``norm`` (clip_grad_norm_'s max_norm, with ``norm_type``) or
        ``value`` (clip_grad_value_'s clip_value), one of the two."""
        sub = _sub("clip", where)
        if ("norm" in clip) == ("value" in clip):
            self.bad(sub, None, Msg("give either norm = MAX (clip_grad_norm_) or value = V "
                                    "(clip_grad_value_)"))
        for key in ("norm", "value"):
            if key not in clip:
                continue
            v = clip[key]
            if not _is_number(v) or not v >= 0 or not math.isfinite(v):
                self.bad(sub, key, Msg("expected a finite number >= 0, got {value}",
                                       value=show(v)))
        if "norm_type" in clip:
            v = clip["norm_type"]
            if "norm" not in clip:
                self.bad(sub, "norm_type", Msg("only used with norm = MAX"))
            elif not _is_number(v) or math.isnan(v):
                self.bad(sub, "norm_type", Msg("expected a number (inf for the largest "
                                               "component), got {value}", value=show(v)))

    def check_swa(self, where: str, swa: dict) -> dict | None:
        sub = _sub("swa", where)
        ok = True
        if "start" not in swa:
            self.bad(sub, "start", Msg("required: the first step whose weights are averaged"))
            ok = False
        elif not _is_int(swa["start"]) or swa["start"] < 1:
            self.bad(sub, "start", Msg("expected a step number >= 1, got {value}",
                                       value=show(swa["start"])))
            ok = False
        if "every" in swa and (not _is_int(swa["every"]) or swa["every"] < 1):
            self.bad(sub, "every", Msg("expected a whole number >= 1, got {value}",
                                       value=show(swa["every"])))
            ok = False
        if "lr" in swa and (not _is_number(swa["lr"]) or not swa["lr"] >= 0
                            or not math.isfinite(swa["lr"])):
            self.bad(sub, "lr", Msg("expected a learning rate >= 0, got {value}",
                                    value=show(swa["lr"])))
            ok = False
        return swa if ok else None

    def start(self, where: str, s: Any) -> tuple[np.ndarray | None, bool]:
        if s is None:
            self.bad(where, "start", Msg("required: a point [x, y], or a swarm "
                                         "{{grid = [[x0, x1], [y0, y1]], n = [nx, ny]}} or "
                                         "{{points = [[x, y], ...]}}"))
            return None, False
        if isinstance(s, list):
            if len(s) == 2 and all(_is_finite(v) for v in s):
                return np.array([[float(s[0]), float(s[1])]]), False
            self.bad(where, "start", Msg("expected a point [x, y] of two finite numbers, got "
                                         "{value}", value=show(s)))
            return None, False
        if not isinstance(s, dict):
            self.bad(where, "start", Msg("expected [x, y] or a swarm table, got {value}",
                                         value=show(s)))
            return None, False
        keys = set(s)
        if keys == {"points"}:
            pts = s["points"]
            if (isinstance(pts, list) and pts and all(
                    isinstance(p, list) and len(p) == 2 and all(_is_finite(v) for v in p)
                    for p in pts)):
                if len(pts) > MAX_SWARM:
                    self.bad(where, "start", Msg("at most {most:,} points", most=MAX_SWARM))
                    return None, False
                return np.array(pts, dtype=float), True
            self.bad(where, "start", Msg("points must be a non-empty list of [x, y] pairs of "
                                         "finite numbers"))
            return None, False
        if keys == {"grid", "n"}:
            g, n = s["grid"], s["n"]
            ok = (isinstance(g, list) and len(g) == 2 and all(
                isinstance(r, list) and len(r) == 2 and all(_is_finite(v) for v in r)
                for r in g))
            if not ok:
                self.bad(where, "start", Msg("grid must be [[x0, x1], [y0, y1]] of finite "
                                             "numbers (an integer beyond 2**53 written as a "
                                             "float, like 1e30), got {value}",
                                             value=show(g)))
                return None, False
            if not all(math.isfinite(float(r[1]) - float(r[0])) for r in g):
                self.bad(where, "start", Msg("grid spans must be finite in float64, got {value}",
                                             value=show(g)))
                return None, False
            if not (isinstance(n, list) and len(n) == 2 and all(_is_int(v) and v >= 1 for v in n)):
                self.bad(where, "start", Msg("n must be [nx, ny], whole numbers >= 1, got "
                                             "{value}", value=show(n)))
                return None, False
            if n[0] * n[1] > MAX_SWARM:
                self.bad(where, "start", Msg("a swarm of at most {most:,} starts, got {nx} x "
                                             "{ny}", most=MAX_SWARM, nx=n[0], ny=n[1]))
                return None, False
            xs = np.linspace(float(g[0][0]), float(g[0][1]), n[0])
            ys = np.linspace(float(g[1][0]), float(g[1][1]), n[1])
            gx, gy = np.meshgrid(xs, ys, indexing="xy")
            return np.column_stack([gx.ravel(), gy.ravel()]), True
        if keys:
            msg = Msg("a swarm table has either points = [...] or grid = [...] with n = "
                      "[nx, ny]; got keys {keys}", keys=", ".join(sorted(keys)))
        else:
            msg = Msg("a swarm table has either points = [...] or grid = [...] with n = "
                      "[nx, ny]; got keys none")
        self.bad(where, "start", msg)
        return None, False


# ---------------------------------------------------------------------------------------
# changes

# Switches torch reads from the optimizer's state, which holds the tensor only when the
# switch was on as the state was made (its first step): turning one on later fails in torch.
_STATE_SWITCHES = {
    ("rmsprop", "momentum"): ("momentum_buffer", lambda v: v > 0),
    ("rmsprop", "centered"): ("grad_avg", bool),
    ("adam", "amsgrad"): ("max_exp_avg_sq", bool),
    ("adamw", "amsgrad"): ("max_exp_avg_sq", bool),
}


_SCHEDULED_LR = Msg("this run has a schedule, which sets the learning rate; change the "
                    "schedule instead")


def change_problems(t: dict[str, Any], before: list[Change], opt_name: str,
                    hyper: dict[str, Any], steps: int,
                    schedule: dict[str, Any] | None) -> list[tuple[str | None, str]]:
    """Every problem of the change table ``t`` of a run with optimizer ``opt_name``,
    hyperparameters ``hyper``, ``steps`` steps and ``schedule``, after the valid changes
    ``before``, as (key, message).

    ``at`` must be a whole number, 0 <= at < steps, above the previous change's. The
    other keys are hyperparameters of the optimizer in use at that step (or, with
    ``optimizer``, of the new one), and the values they make must be ones torch's
    constructor accepts. Refused as well: ``lr`` in a run with a schedule (a switch keeps
    the schedule, which goes on setting the learning rate), ``momentum`` or ``betas`` and
    switches when the schedule cycles momentum (it would overwrite the one and cannot
    carry over to the other), and turning on a switch whose state tensor torch did not
    create (RMSprop's momentum and centered, Adam's amsgrad) after the optimizer's first
    step, and a new ``history_size`` for L-BFGS then.
    """
    from gdstudio.core.optimizers import OPTIMIZERS, check_hyper

    problems: list[tuple[str | None, str]] = []
    at = t.get("at")
    if at is None:
        problems.append(("at", Msg("required: the step after which the change applies "
                                   "(step at + 1 is the first to use it)")))
    elif not _is_int(at) or not 0 <= at < steps:
        problems.append(("at", Msg("expected a whole number from 0 to {most} (the run has "
                                   "{steps} steps), got {value}", most=steps - 1, steps=steps,
                                   value=show(at))))
    elif before and at <= before[-1].at:
        problems.append(("at", Msg("changes must come in increasing steps: this one is at "
                                   "{value}, the one before at {prev}", value=at,
                                   prev=before[-1].at)))
    name, given, start, created = opt_name, dict(hyper), 0, dict(hyper)
    for c in before:
        if c.optimizer is not None:
            name, given, start = c.optimizer, dict(c.hyper), c.at
        else:
            given.update(c.hyper)
        if c.at == start:
            created = dict(given)
    hp = {k: v for k, v in t.items() if k not in ("at", "optimizer")}
    cycles = (schedule is not None and schedule.get("kind") in ("cyclic", "onecycle")
              and schedule.get("cycle_momentum") is True)
    if "optimizer" in t:
        new = t["optimizer"]
        if cycles:
            problems.append(("optimizer", Msg("this run's schedule cycles momentum "
                                              "(cycle_momentum), which it cannot carry over "
                                              "to a new optimizer; turn cycle_momentum off "
                                              "or start a new run")))
        if schedule is not None and "lr" in hp:
            problems.append(("lr", _SCHEDULED_LR))
        for key, msg in check_hyper(new, hp):
            problems.append((key, msg))
        return problems
    if not hp:
        problems.append((None, Msg("changes nothing: give hyperparameters of {name}, or "
                                   "optimizer = NAME to switch", name=name)))
    if schedule is not None and "lr" in hp:
        problems.append(("lr", _SCHEDULED_LR))
    if cycles:
        momentum = OPTIMIZERS[name].momentum_key
        if momentum is not None and momentum in hp:
            problems.append((momentum, Msg("this run's schedule cycles {key} "
                                           "(cycle_momentum); change the schedule instead",
                                           key=momentum)))
    own = check_hyper(name, {**given, **hp})
    problems += own
    if own or at is None or not (_is_int(at) and at > start):
        return problems
    for key, value in hp.items():
        if (name, key) == ("lbfgs", "history_size"):
            problems.append((key, Msg("torch's LBFGS fixes the size of its memory in its "
                                      "first step (a smaller history_size later is never "
                                      "applied, a larger one fails); set it from the "
                                      "start (at = {start}) or switch optimizer",
                                      start=start)))
            continue
        switch = _STATE_SWITCHES.get((name, key))
        if switch is None:
            continue
        tensor, on = switch
        if on(value) and not on(created.get(key, OPTIMIZERS[name].defaults[key])):
            problems.append((key, Msg("torch's {torch} made its state at its first "
                                      "step without '{tensor}', so turning {key} on "
                                      "later fails there; set it from the start "
                                      "(at = {start}) or switch optimizer",
                                      torch=OPTIMIZERS[name].torch_name, tensor=tensor,
                                      key=key, start=start)))
    return problems


# ---------------------------------------------------------------------------------------
# saving


def scene_to_dict(scene: Scene) -> dict[str, Any]:
    """The scene as plain TOML-ready data: what was written, with defaults kept apart."""
    out: dict[str, Any] = {"title": scene.title}
    if scene.notes:
        out["notes"] = scene.notes
    if scene.lesson is not None:
        out["lesson"] = copy.deepcopy(scene.lesson)
    out["surface"] = scene.surface.to_dict()
    if scene.defaults:
        out["defaults"] = copy.deepcopy(scene.defaults)
    if scene.runs:
        out["run"] = [copy.deepcopy(r.raw) for r in scene.runs]
    return out


def dump_scene(scene: Scene) -> str:
    return tomli_w.dumps(scene_to_dict(scene), multiline_strings=True)


def save_scene(scene: Scene, path: str | Path) -> None:
    """Write atomically: a failed save never leaves a half-written scene behind, and a
    symbolic link stays a link (see :mod:`gdstudio.core.fileio`)."""
    fileio.write_text(path, dump_scene(scene))


def build_surface(scene: Scene) -> Surface | GridSurface:
    """The Surface a scene describes (bounds from the scene override a built-in's or a
    grid file's)."""
    from gdstudio.core.surfaces import builtin_surface, formula_surface

    s = scene.surface
    grid = scene.grid_path()
    surface: Surface | GridSurface
    if grid is not None:
        from gdstudio.core.landscape import load_grid_surface

        surface = load_grid_surface(grid, s.dataset or "train_loss")
    elif s.builtin is not None:
        surface = builtin_surface(s.builtin)
    else:
        assert s.expr is not None and s.bounds is not None, "a valid scene's formula has bounds"
        data = scene.data_path()
        return formula_surface(s.expr, s.bounds, params=s.params or ("x", "y"),
                               data=str(data) if data else None)
    if s.bounds is not None:
        surface = surface.with_bounds(s.bounds)
    return surface


def scene_warnings(scene: Scene, surface=None) -> list[str]:
    """What is legal but almost certainly not meant, for ``check`` and the window: a
    formula that is not finite anywhere in the plotted range (an overflow such as
    ``exp(exp(...))``, or a range outside its domain such as ``log(-1 - x**2)``).

    ``surface`` is the scene's surface if already built."""
    s = scene.surface
    if s.expr is None:
        return []
    if surface is None:
        surface = build_surface(scene)
    n = 41 if surface.n_samples is None else 11
    with np.errstate(all="ignore"):
        z = surface.grid(n)[2]
    if np.isfinite(z).any():
        return []
    (x0, x1), (y0, y1) = surface.bounds
    p, q = surface.params
    return [Msg("{file}: [surface] 'expr': the formula {expr} is not finite at any of "
                "{n} x {n} points of the plotted range ({p} from {x0:g} to {x1:g}, {q} from "
                "{y0:g} to {y1:g}): it overflows or the range is outside its domain",
                file=scene.source_name, expr=show(s.expr), n=n, p=p, q=q, x0=x0, x1=x1, y0=y0,
                y1=y1)]


def rebase_paths(raw: dict[str, Any], old_dir: Path, new_dir: Path) -> dict[str, Any]:
    """A copy of the scene dict ``raw`` with its file paths (``[surface] data`` and
    ``grid``), written relative to ``old_dir``, made relative to ``new_dir``: what a scene
    saved into another folder must say to name the same files. A path with no relative
    form (another drive) becomes absolute."""
    out = copy.deepcopy(raw)
    surface = out.get("surface")
    if not isinstance(surface, dict):
        return out
    for key in ("data", "grid"):
        value = surface.get(key)
        if not isinstance(value, str) or not value:
            continue
        p = Path(value).expanduser()
        p = p if p.is_absolute() else Path(old_dir) / p
        try:
            surface[key] = Path(os.path.relpath(p, new_dir)).as_posix()
        except ValueError:
            surface[key] = str(p)
    return out


# ---------------------------------------------------------------------------------------


def _sub(key: str, where: str) -> Msg:
    """Where a sub-table of a run is: ``[run.stop] of [[run]] 2 ('sgd')``."""
    return Msg("[run.{key}] of {where}", key=key, where=where)
