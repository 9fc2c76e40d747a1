"""A scene mutator over the bundled scenes and lessons: whatever a mutated scene holds,
``load_scene`` returns a scene or raises SceneError, and ``gdstudio check`` exits 0 or 2
with no traceback and no internal error, each scene within a time limit.

The default run is short; ``HYPOTHESIS_PROFILE=thorough`` runs thousands of scenes.
"""

import contextlib
import copy
import io
import os
import signal
import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdstudio.cli import main
from gdstudio.core.errors import GdError
from gdstudio.core.scene import load_scene
from gdstudio.resources import resource_path

SCENES = sorted([*resource_path("scenes").glob("*.toml"), *resource_path("lessons").glob("*.toml")])
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
FUZZ = settings(max_examples=5000 if THOROUGH else 60, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
TIME_LIMIT = 60


def _nested(depth, table):
    value = 1
    for _ in range(depth):
        value = {"a": value} if table else [value]
    return value


VALUES = st.one_of(
    st.sampled_from([10**30, -10**30, 10**400, -10**400, 2**63, 2**53 + 1, -1, 0, 1, 3,
                     -1e308, 1e308, 1e-320, float("inf"), float("-inf"), float("nan"),
                     True, False, "", "x", "=cmd|' /C calc'!A0", "/etc/passwd", "/dev/stdin",
                     "../../../etc", "sgd", "adam", "sphere", "x**2 + y**2", "\0", "é" * 300,
                     [], {}, [[]], [{}], [1], [1, 2, 3], [[1e308, -1e308], [0, 1]],
                     [[0, 1], [1, 0]], {"grid": [[0, 1], [0, 1]], "n": [10**6, 10**6]},
                     {"points": []}, ["a", "b"]]),
    st.integers(), st.floats(), st.text(max_size=20),
    st.builds(_nested, st.integers(1, 60), st.booleans()),
).map(copy.deepcopy)
KEYS = st.sampled_from(["zzz", "__class__", "lr", "steps", "start", "kind", "topic", "data",
                        "bounds", "run", "schedule", "", "a.b", "é"])


def _places(tree, out):
    """Every (container, key) in a parsed scene, tables and arrays alike."""
    items = tree.items() if isinstance(tree, dict) else enumerate(tree)
    for k, v in items:
        out.append((tree, k))
        if isinstance(v, dict | list):
            _places(v, out)
    return out


@st.composite
def mutated_scenes(draw):
    path = draw(st.sampled_from(SCENES))
    tree = tomllib.loads(path.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        places = _places(tree, [(None, None)])
        container, key = draw(st.sampled_from(places))
        if container is None:
            container, key = tree, draw(KEYS)
        op = draw(st.sampled_from(["set", "set", "set", "delete", "add_key", "wrap", "empty"]))
        value = container[key] if key in container or isinstance(container, list) else None
        if op == "delete" and isinstance(container, dict) and key in container:
            del container[key]
        elif op == "add_key" and isinstance(value, dict):
            value[draw(KEYS)] = draw(VALUES)
        elif op == "wrap" and value is not None:
            container[key] = [copy.deepcopy(value)]
        elif op == "empty" and isinstance(value, dict | list):
            value.clear()
        else:
            container[key] = draw(VALUES)
    try:
        return path, tomli_w.dumps(tree)
    except (TypeError, ValueError, RecursionError):
        return path, None


class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds):
    def alarm(signum, frame):
        raise Hang(f"still busy after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory(prefix="gdstudio-fuzz-") as d:
        for sub in ("scenes", "lessons"):
            (Path(d) / sub).mkdir()
            (Path(d) / sub / "data").symlink_to(resource_path(sub) / "data")
        yield Path(d)


@FUZZ
@given(case=mutated_scenes())
def test_mutated_scenes_load_or_fail_with_a_scene_error(folder, case):
    source, text = case
    if text is None:
        return
    path = folder / source.parent.name / "mutated.toml"
    path.write_text(text, encoding="utf-8")
    with time_limit(TIME_LIMIT):
        try:
            load_scene(path)
        except GdError as e:
            assert str(e) and "Traceback" not in str(e)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", str(path)])
    assert code in (0, 2), err.getvalue()
    assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue()
