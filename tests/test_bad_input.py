"""The bad-input corpus (tests/data/bad and inputs made here that cannot be files in a
repository): ``gdstudio check`` and ``gdstudio run`` exit 2 at once with a message
naming the file, table and key; never a traceback, never a hang."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from gdstudio.core import scene as scene_format
from gdstudio.core.lesson_schema import LESSON_KEYS
from gdstudio.core.optimizers import OPTIMIZERS
from gdstudio.core.schedules import SCHEDULES
from gdstudio.resources import resource_path

BAD = Path(__file__).parent / "data" / "bad"
DEFAULT = resource_path("scenes", "default.toml")
TIME_LIMIT = 60

CORPUS = {
    "lesson_topic_list.toml": "[lesson] 'topic': unknown topic []",
    "lesson_topic_table.toml": "[lesson] 'topic': unknown topic a table",
    "swarm_grid_huge_int.toml": "[[run]] 1 'start': grid must be [[x0, x1], [y0, y1]] of finite "
                                "numbers (an integer beyond 2**53 written as a float",
    "nested_array_5000.toml": "line 7: [[run]] 'lr': arrays or tables nested more than 32 deep",
    "nested_table_5000.toml": "line 7: [[run]] 'lr': arrays or tables nested more than 32 deep",
    "bounds_span_infinite.toml": "[surface] 'bounds': x bounds: the span 1e+308 - (-1e+308) is "
                                 "too large for float64",
    "bounds_grid_not_distinct.toml": "[surface] 'bounds': x bounds: [1e+16, 1.0000000000000002e+16]"
                                     " is too narrow for its size",
    "data_etc_passwd.toml": "[surface] 'data': /etc/passwd, line 1: not a numeric CSV with a "
                            "header",
    "data_nul.toml": "nul.csv, line 1: a NUL byte; this is a binary file",
    "data_not_finite.toml": "not_finite.csv, line 3, column \"v\": \"nan\" is not a finite "
                            "number",
    "run_unknown_optimizer.toml": "[[run]] 1 (\"快速\") 'optimizer': unknown optimizer "
                                  "\"sgdd\" (did you mean \"sgd\"?)",
    "run_unknown_schedule.toml": "[run.schedule] of [[run]] 1 (\"decay\") 'kind': unknown "
                                 "schedule \"cosinee\" (did you mean \"cosine\"",
    "run_duplicate_label.toml": "[[run]] 2 'label': \"twin\" is already the label of run 1",
    "surface_unknown_builtin.toml": "[surface] 'builtin': unknown surface \"rosenbrok\" (did "
                                    "you mean \"rosenbrock\"?)",
    "lesson_unknown_hint.toml": "[lesson] 'show': unknown hint \"sparkles\"",
}

DATA_SCENE = ('[surface]\nexpr = "(w*u - v)**2"\nparams = ["w", "b"]\n'
              'bounds = [[-2, 2], [-2, 2]]\ndata = "{data}"\n\n'
              '[[run]]\noptimizer = "sgd"\nlr = 0.1\nstart = [1, 1]\n')


def gdstudio(*args, stdin=subprocess.DEVNULL):
    p = subprocess.run([sys.executable, "-m", "gdstudio", *map(str, args)], stdin=stdin,
                       capture_output=True, text=True, timeout=TIME_LIMIT)
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr, p.stderr
    return p


def assert_refused(p, needle):
    assert p.returncode == 2, p.stderr
    assert p.stdout == ""
    assert needle in p.stderr, p.stderr


def test_the_corpus_is_complete():
    assert sorted(p.name for p in BAD.glob("*.toml")) == sorted(CORPUS)


@pytest.mark.parametrize("command", ["check", "run"])
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_scenes_exit_2_naming_file_table_and_key(command, name):
    p = gdstudio(command, BAD / name)
    assert_refused(p, CORPUS[name])
    assert f"{BAD / name}" in p.stderr


KEY_NAMES = {*scene_format.TOP_KEYS, *scene_format.SURFACE_KEYS, *scene_format.RUN_KEYS,
             *scene_format.CLIP_KEYS, *scene_format.STOP_KEYS, *scene_format.SWA_KEYS,
             *LESSON_KEYS, *(k for o in OPTIMIZERS.values() for k in o.defaults),
             *(k for s in SCHEDULES.values() for k in s.kinds)}
SINGLE_QUOTED = re.compile(r"(?<!\w)'([^'\n]*)'(?!\w)")


def _strings(value):
    """Every string value in a parsed TOML document (not its keys)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_messages_quote_values_as_toml_does(name):
    """What the user wrote comes back quoted as TOML writes it ("sgdd"), never as Python's
    repr ('sgdd'); only key names stand in single quotes ([surface] 'builtin')."""
    p = gdstudio("check", BAD / name)
    assert p.returncode == 2, p.stderr
    try:
        raw = tomllib.loads((BAD / name).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, RecursionError):
        raw = {}
    keys = KEY_NAMES | set(_keys(raw))
    problems = p.stderr.splitlines()
    for line in problems:
        for value in _strings(raw):
            assert f"'{value}'" not in line, line
        for quoted in SINGLE_QUOTED.findall(line):
            assert quoted in keys, f"{quoted!r} is quoted like a Python value in: {line}"


def _made(tmp_path, kind):
    """(scene path, what the message must say) for inputs that are made, not stored."""
    if kind == "fifo_scene":
        path = tmp_path / "pipe.toml"
        os.mkfifo(path)
        return path, f"{path}: is a named pipe (FIFO), not a regular file"
    if kind == "folder_scene":
        path = tmp_path / "scenes.toml"
        path.mkdir()
        return path, f"{path}: is a folder, not a scene file"
    if kind == "huge_scene":
        path = tmp_path / "huge.toml"
        with open(path, "wb") as f:
            f.truncate(2 * 2**30)
        return path, f"{path}: is 2.0 GiB, more than the 64.0 MiB that can be read"
    scene = tmp_path / "scene.toml"
    if kind == "fifo_data":
        data = tmp_path / "pipe.csv"
        os.mkfifo(data)
        needle = f"[surface] 'data': {data}: is a named pipe (FIFO)"
    elif kind == "stdin_data":
        data = "/dev/stdin"
        needle = "[surface] 'data': /dev/stdin: is a named pipe (FIFO)"
    elif kind == "huge_data":
        data = tmp_path / "zeros.csv"
        with open(data, "wb") as f:
            f.truncate(2 * 2**30)
        needle = f"[surface] 'data': {data}: is 2.0 GiB, more than the 32.0 MiB"
    else:
        data = tmp_path / "long.csv"
        data.write_text("u,v\n" + "1" * 140_000 + ",2\n", encoding="utf-8")
        needle = f"[surface] 'data': {data}, line 2: a value longer than 131,072 characters"
    scene.write_text(DATA_SCENE.format(data=data), encoding="utf-8")
    return scene, needle


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/stdin are POSIX")
@pytest.mark.parametrize("command", ["check", "run"])
@pytest.mark.parametrize("kind", ["fifo_scene", "folder_scene", "huge_scene", "fifo_data",
                                  "stdin_data", "huge_data", "long_field"])
def test_made_inputs_exit_2_without_blocking(command, kind, tmp_path):
    scene, needle = _made(tmp_path, kind)
    assert_refused(gdstudio(command, scene, stdin=subprocess.PIPE), needle)


@pytest.mark.parametrize("option, low", [("--every", 1), ("--steps", 0)])
@pytest.mark.parametrize("value", ["99999999999999999999999", "-99999999999999999999999",
                                   "1e9"])
def test_huge_counts_are_argument_errors(option, low, value):
    p = gdstudio("run", DEFAULT, option, value)
    assert p.returncode == 2 and p.stdout == ""
    assert f"argument {option}: expected a whole number" in p.stderr
