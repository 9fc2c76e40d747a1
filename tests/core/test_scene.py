import textwrap

import numpy as np
import pytest

from gdstudio.core.errors import SceneError
from gdstudio.core.scene import dump_scene, load_scene, save_scene, scene_from_dict

GOOD = """
title = "t"
notes = "n"

[surface]
builtin = "rosenbrock"

[defaults]
start = [-1.5, 2.0]
steps = 30
lr = 0.001

[[run]]
label = "SGD"
optimizer = "sgd"
momentum = 0.9

[[run]]
label = "Adam"
optimizer = "adam"
lr = 0.05
betas = [0.8, 0.99]

[run.schedule]
kind = "cyclic"
base_lr = 0.001
max_lr = 0.05
step_size_up = 10
mode = "triangular2"

[run.stop]
patience = 5
min_delta = 0.0

[run.swa]
start = 10
every = 2
"""


def problems_of(text, tmp_path=None, name="scene.toml"):
    if tmp_path is not None:
        p = tmp_path / name
        p.write_text(textwrap.dedent(text), encoding="utf-8")
        source = p
    else:
        source = textwrap.dedent(text)
    with pytest.raises(SceneError) as info:
        load_scene(source)
    return info.value.problems


def test_good_scene_inherits_defaults():
    scene = load_scene(GOOD)
    sgd, adam = scene.runs
    assert sgd.hyper == {"lr": 0.001, "momentum": 0.9}
    assert adam.hyper["lr"] == 0.05 and adam.hyper["betas"] == [0.8, 0.99]
    assert sgd.steps == 30 and adam.steps == 30
    assert np.array_equal(sgd.starts, [[-1.5, 2.0]]) and not sgd.swarm
    assert adam.schedule["mode"] == "triangular2"
    assert adam.stop == {"patience": 5, "min_delta": 0.0}
    assert adam.swa == {"start": 10, "every": 2}


def test_defaults_apply_only_keys_the_optimizer_accepts():
    scene = load_scene("""
[surface]
builtin = "sphere"
[defaults]
start = [1.0, 1.0]
momentum = 0.9
[[run]]
optimizer = "sgd"
[[run]]
optimizer = "adam"
""")
    assert scene.runs[0].hyper == {"momentum": 0.9}
    assert scene.runs[1].hyper == {}
    assert [r.label for r in scene.runs] == ["sgd", "adam"]


def test_round_trip_through_toml(tmp_path):
    scene = load_scene(GOOD)
    path = tmp_path / "again.toml"
    save_scene(scene, path)
    again = load_scene(path)
    assert dump_scene(again) == dump_scene(scene)
    assert again.title == scene.title and again.notes == scene.notes
    assert again.surface == scene.surface and again.defaults == scene.defaults
    for a, b in zip(again.runs, scene.runs, strict=True):
        assert a.label == b.label and a.hyper == b.hyper and a.schedule == b.schedule
        assert a.stop == b.stop and a.swa == b.swa and a.steps == b.steps
        assert np.array_equal(a.starts, b.starts)


def test_grid_swarm_x_varies_fastest():
    scene = load_scene("""
[surface]
builtin = "sphere"
[[run]]
label = "S"
optimizer = "sgd"
start = { grid = [[0.0, 1.0], [10.0, 12.0]], n = [2, 3] }
""")
    run = scene.runs[0]
    assert run.swarm and run.size == 6
    assert run.starts.tolist() == [[0, 10], [1, 10], [0, 11], [1, 11], [0, 12], [1, 12]]
    assert run.member_labels()[:2] == ["S[0]", "S[1]"]


def test_points_swarm():
    scene = load_scene("""
[surface]
builtin = "sphere"
[[run]]
optimizer = "adam"
start = { points = [[1, 2], [3, 4.5]] }
""")
    assert scene.runs[0].starts.tolist() == [[1.0, 2.0], [3.0, 4.5]]


def test_every_problem_is_reported_with_file_table_and_key(tmp_path):
    problems = problems_of("""
    title = 3
    colour = "red"
    [surface]
    builtin = "rosenbrok"
    [[run]]
    label = "a"
    optimizer = "adam"
    lr = -1
    betas = [0.9, 1.5]
    start = [0, 0]
    steps = -3
    batch_size = 0
    [[run]]
    label = "b"
    optimizer = "sgd"
    nesterov = true
    start = [0]
    lrr = 0.1
    """, tmp_path)
    text = "\n".join(problems)
    assert all(p.startswith(str(tmp_path / "scene.toml")) for p in problems)
    for needle in ("'title'", "'colour'", "rosenbrock", "[[run]] 1 (\"a\") 'lr'",
                   "[[run]] 1 (\"a\") 'betas'", "'steps'", "'batch_size'",
                   "[[run]] 2 (\"b\") 'nesterov'", "[[run]] 2 (\"b\") 'start'",
                   "'lrr'", "did you mean 'lr'"):
        assert needle in text, needle


@pytest.mark.parametrize("body, needle", [
    ('[surface]\nexpr = "x**2"\n', "'bounds': required with expr"),
    ('[surface]\nexpr = "x**2"\nbounds = [[1, 0], [0, 1]]\n', "min < max"),
    ('[surface]\nexpr = "x**2 +"\nbounds = [[0, 1], [0, 1]]\n', "'expr'"),
    ('[surface]\nexpr = "__import__(\'os\')"\nbounds = [[0, 1], [0, 1]]\n', "'expr'"),
    ('[surface]\nexpr = "x*z"\nbounds = [[0, 1], [0, 1]]\ndata = "nope.csv"\n', "'data'"),
    ('[surface]\nbuiltin = "sphere"\nexpr = "x"\nbounds = [[0, 1], [0, 1]]\n', "not both"),
    ('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\n', "'start': required"),
    ('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgdd"\nstart = [0, 0]\n',
     "did you mean \"sgd\""),
    ('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\nstart = [0, 0]\n'
     '[[run]]\noptimizer = "sgd"\nstart = [1, 0]\n', "unique label"),
    ('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\nstart = [0, 0]\n'
     '[run.schedule]\nkind = "onecycle"\nmax_lr = 0.1\ntotal_steps = 10\n', "total_steps"),
    ('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\nstart = [0, 0]\n'
     '[run.stop]\npatience = 0\n', "'patience'"),
    ('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\nstart = [0, 0]\n'
     '[run.swa]\nevery = 2\n', "'start': required"),
    ('[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\n'
     'start = { grid = [[0, 1], [0, 1]], n = [2, 0] }\n', "'start'"),
    ('[surface\nbuiltin = "sphere"\n', "not valid TOML"),
])
def test_bad_scenes_name_the_key(body, needle, tmp_path):
    problems = problems_of(body, tmp_path)
    assert any(needle in p for p in problems), problems


def test_missing_file_and_relative_data(tmp_path):
    with pytest.raises(SceneError, match="no such file"):
        load_scene(tmp_path / "missing.toml")
    (tmp_path / "d.csv").write_text("# made by hand\nu,v\n1,2\n3,4\n", encoding="utf-8")
    sub = tmp_path / "elsewhere"
    sub.mkdir()
    scene_path = tmp_path / "s.toml"
    scene_path.write_text('[surface]\nexpr = "(x*u - v)**2 + y**2"\nbounds = [[-1, 1], [-1, 1]]\n'
                          'data = "d.csv"\n', encoding="utf-8")
    scene = load_scene(scene_path)
    assert scene.data_path() == tmp_path / "d.csv"


def test_with_steps_revalidates_onecycle():
    scene = load_scene("""
[surface]
builtin = "sphere"
[[run]]
optimizer = "sgd"
start = [1, 1]
steps = 10
[run.schedule]
kind = "onecycle"
max_lr = 0.1
total_steps = 10
""")
    assert scene.with_steps(5).runs[0].steps == 5
    with pytest.raises(SceneError, match="total_steps"):
        scene.with_steps(20)


def test_scene_from_dict_matches_load():
    import tomllib

    raw = tomllib.loads(GOOD)
    assert dump_scene(scene_from_dict(raw)) == dump_scene(load_scene(GOOD))


SPHERE_RUN = '[surface]\nbuiltin = "sphere"\n[[run]]\noptimizer = "sgd"\nlr = 0.1\n'


@pytest.mark.parametrize("topic", ["[]", "{}", "[\"swa\"]", "{ a = 1 }", "3"])
def test_a_lesson_topic_that_is_not_a_name_is_a_scene_error(topic, tmp_path):
    problems = problems_of(f'[lesson]\nid = "x"\ntopic = {topic}\n{SPHERE_RUN}start = [0, 0]\n',
                           tmp_path)
    assert any("[lesson] 'topic': unknown topic" in p for p in problems), problems


def test_huge_integers_in_a_swarm_grid_and_in_numbers(tmp_path):
    scene = load_scene(f"{SPHERE_RUN}start = {{ grid = [[-5, 5], [1e30, 5]], n = [2, 2] }}\n")
    assert scene.runs[0].starts[:, 1].tolist() == [1e30, 1e30, 5.0, 5.0]
    huge, beyond = "1" + "0" * 30, "1" + "0" * 400
    for body in (f"start = {{ grid = [[-5, 5], [{huge}, 5]], n = [2, 2] }}\n",
                 f"start = [{beyond}, 0]\n",
                 f"start = {{ grid = [[-5, 5], [{beyond}, 5]], n = [2, 2] }}\n",
                 f"start = [0, 0]\nmomentum = {beyond}\n"):
        problems = problems_of(SPHERE_RUN.replace("lr = 0.1\n", "lr = 0.1\n" + body), tmp_path)
        assert any("'start'" in p or "'momentum'" in p for p in problems), problems
    problems = problems_of(f"{SPHERE_RUN}start = {{ grid = [[-1e308, 1e308], [0, 1]], "
                           "n = [2, 2] }\n", tmp_path)
    assert any("'start': grid spans must be finite" in p for p in problems), problems


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "{a=" * 5000 + "1" + "}" * 5000,
                                   "[" * 200 + "]" * 200])
def test_values_nested_thousands_deep_are_a_scene_error(value, tmp_path):
    problems = problems_of(f"{SPHERE_RUN}start = [0, 0]\nmomentum = {value}\n", tmp_path)
    assert len(problems) == 1
    assert "momentum': arrays or tables nested more than 32 deep" in problems[0], problems
    assert problems[0].startswith(str(tmp_path / "scene.toml"))
    with pytest.raises(SceneError, match="nested more than 32 deep"):
        load_scene(f"{SPHERE_RUN}start = [0, 0]\n[[run.x]]\ny = {value}\n")


@pytest.mark.parametrize("bounds, needle", [
    ("[[-1e308, 1e308], [-1, 1]]", "x bounds: the span 1e+308 - (-1e+308) is too large"),
    ("[[-1, 1], [-1.7e308, 1.7e308]]", "y bounds: the span"),
    ("[[1e16, 1.0000000000000002e16], [-1, 1]]", "too narrow for its size"),
    ("[[0, 1], [0, " + "9" * 400 + "]]", "'bounds'"),
])
def test_bounds_whose_span_or_grid_is_not_finite_are_rejected(bounds, needle, tmp_path):
    for surface in ('expr = "x**2 + y**2"', 'builtin = "sphere"'):
        body = f"[surface]\n{surface}\nbounds = {bounds}\n"
        problems = problems_of(body + SPHERE_RUN.split("\n", 2)[2] + "start = [0, 0]\n",
                               tmp_path)
        assert any("[surface] 'bounds'" in p and needle in p for p in problems), problems


def test_huge_steps_override_is_a_scene_error():
    scene = load_scene(f"{SPHERE_RUN}start = [0, 0]\n")
    for steps in (10**23, 10_000_001, -1):
        with pytest.raises(SceneError, match="steps: expected a whole number from 0 to "
                                             "10,000,000"):
            scene.with_steps(steps)


def test_save_scene_writes_through_a_link(tmp_path):
    scene = load_scene(GOOD)
    target = tmp_path / "kept.toml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    save_scene(scene, link)
    assert link.is_symlink() and load_scene(target).title == "t"
