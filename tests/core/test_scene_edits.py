"""Scene edits are pure: each returns a new scene dict that validates, leaving its input as
it was, and every way of adding a run makes labels unique by the same rule."""

import copy

import pytest

from gdstudio.core import scene_edits as ed
from gdstudio.core.scene import load_scene, scene_from_dict, scene_to_dict
from gdstudio.resources import resource_path


@pytest.fixture
def raw():
    return scene_to_dict(load_scene(resource_path("scenes", "default.toml")))


def labels(raw):
    return [r.label for r in scene_from_dict(copy.deepcopy(raw)).runs]


def test_edits_leave_their_input_untouched(raw):
    before = copy.deepcopy(raw)
    ed.set_run_keys(raw, 0, lr=0.5, momentum=None)
    ed.set_optimizer(raw, 0, "adam")
    ed.move_start(raw, 1, (0.5, 0.25))
    ed.add_run(raw)
    ed.duplicate_run(raw, 0)
    ed.add_run_at(raw, (1.0, 1.0), like=2)
    ed.remove_run(raw, 0)
    ed.set_surface(raw, {"builtin": "himmelblau"})
    ed.set_bounds(raw, [[-1, 1], [-2, 2]])
    assert raw == before


def test_set_run_keys_sets_and_removes(raw):
    out = ed.set_run_keys(raw, 0, lr=0.25, steps=None)
    assert out["run"][0]["lr"] == 0.25 and "steps" not in out["run"][0]
    assert scene_from_dict(out).runs[0].hyper["lr"] == 0.25


def test_switching_optimizer_drops_what_the_new_one_does_not_take():
    raw = {"surface": {"builtin": "sphere"}, "run": [
        {"label": "M", "optimizer": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True}],
        "defaults": {"start": [1, 1]}}
    out = ed.set_optimizer(raw, 0, "adam")
    assert out["run"][0] == {"label": "M", "optimizer": "adam", "lr": 0.1}
    scene_from_dict(out)


def test_added_and_duplicated_runs_get_unique_labels(raw):
    out, i = ed.add_run(raw)
    out, j = ed.add_run(out)
    assert (out["run"][i]["label"], out["run"][j]["label"]) == ("SGD 2", "SGD 3")
    out, k = ed.duplicate_run(out, 3)
    assert k == 4 and out["run"][k]["label"] == "Adam 2" and "color" not in out["run"][k]
    out, m = ed.add_run_at(out, (0.5, -0.5), like=3)
    assert out["run"][m]["label"] == "Adam 3" and out["run"][m]["start"] == [0.5, -0.5]
    got = labels(out)
    assert len(got) == len(set(got))


def test_a_numbered_label_counts_on_from_its_number(raw):
    out, i = ed.duplicate_run(raw, 3)
    out, j = ed.duplicate_run(out, i)
    assert [out["run"][k]["label"] for k in (i, j)] == ["Adam 2", "Adam 3"]
    out, k = ed.add_run(out, {"label": "Run 7", "optimizer": "sgd"})
    assert out["run"][k]["label"] == "Run 7"
    out, m = ed.add_run(out, {"label": "Run 7", "optimizer": "sgd"})
    assert out["run"][m]["label"] == "Run 8"


def test_a_label_taken_by_an_unlabelled_run_counts():
    raw = {"surface": {"builtin": "sphere"}, "defaults": {"start": [1, 1]},
           "run": [{"optimizer": "adam"}]}
    out, i = ed.add_run(raw, {"optimizer": "adam"})
    assert out["run"][i]["label"] == "adam 2"
    assert labels(out) == ["adam", "adam 2"]


def test_the_last_run_cannot_be_removed():
    raw = {"surface": {"builtin": "sphere"}, "run": [{"optimizer": "sgd"}]}
    with pytest.raises(ed.EditError, match="at least one run"):
        ed.remove_run(raw, 0)


def test_a_run_that_is_not_there_is_an_edit_error(raw):
    with pytest.raises(ed.EditError, match="no run 9"):
        ed.set_run_keys(raw, 9, lr=1.0)


def test_surface_and_bounds(raw):
    out = ed.set_bounds(ed.set_surface(raw, {"expr": "x**2 + y**2", "bounds": [[-1, 1]] * 2}),
                        [[-3, 3], [-2, 2]])
    scene = scene_from_dict(out)
    assert scene.surface.expr == "x**2 + y**2"
    assert out["surface"]["bounds"] == [[-3.0, 3.0], [-2.0, 2.0]]


FORKED = {"surface": {"builtin": "sphere"}, "run": [
    {"label": "M", "optimizer": "sgd", "lr": 0.1, "momentum": 0.9, "start": [1, 1],
     "steps": 50},
    {"label": "A", "optimizer": "adam", "lr": 0.05, "start": [-1, 1], "steps": 50}]}


def test_fork_run_adds_a_change_at_the_step_in_step_order():
    out = ed.fork_run(FORKED, 0, 30, lr=0.01)
    out = ed.fork_run(out, 0, 10, momentum=0.5)
    assert out["run"][0]["change"] == [{"at": 10, "momentum": 0.5}, {"at": 30, "lr": 0.01}]
    assert "change" not in FORKED["run"][0] and "change" not in out["run"][1]
    spec = scene_from_dict(out).runs[0]
    assert [(c.at, c.hyper) for c in spec.changes] == [(10, {"momentum": 0.5}),
                                                      (30, {"lr": 0.01})]


def test_editing_a_key_again_earlier_replaces_its_later_changes_only():
    out = ed.fork_run(FORKED, 0, 30, lr=0.01, momentum=0.5)
    out = ed.fork_run(out, 0, 40, lr=0.02)
    out = ed.fork_run(out, 0, 20, lr=0.03)
    assert out["run"][0]["change"] == [{"at": 20, "lr": 0.03}, {"at": 30, "momentum": 0.5}]
    out = ed.fork_run(out, 0, 20, lr=0.04)
    assert out["run"][0]["change"] == [{"at": 20, "lr": 0.04}, {"at": 30, "momentum": 0.5}]
    scene_from_dict(out)


def test_fork_optimizer_drops_the_changes_it_replaces():
    out = ed.fork_run(FORKED, 0, 10, lr=0.05)
    out = ed.fork_run(out, 0, 30, momentum=0.5)
    out = ed.fork_optimizer(out, 0, 20, "adam", lr=0.01)
    assert out["run"][0]["change"] == [{"at": 10, "lr": 0.05},
                                       {"at": 20, "optimizer": "adam", "lr": 0.01}]
    assert scene_from_dict(out).runs[0].changes[1].optimizer == "adam"


def test_fork_steps_names_the_runs_a_change_edit_touches_and_where():
    base = scene_from_dict(copy.deepcopy(FORKED))
    one = scene_from_dict(ed.fork_run(FORKED, 0, 30, lr=0.01))
    two = scene_from_dict(ed.fork_run(ed.fork_run(FORKED, 0, 30, lr=0.01), 0, 40, lr=0.5))
    assert ed.fork_steps(base, one) == {0: 30}
    assert ed.fork_steps(one, base) == {0: 30}
    assert ed.fork_steps(one, two) == {0: 40}
    assert ed.fork_steps(base, base) == {}
    assert ed.fork_steps(base, scene_from_dict(ed.set_run_keys(FORKED, 1, lr=0.5))) is None
    assert ed.fork_steps(base, scene_from_dict(ed.set_run_keys(FORKED, 0, lr=0.5))) is None


def test_a_forked_scene_keeps_every_row_before_the_fork():
    import gdstudio

    old = gdstudio.run_scene(scene_from_dict(copy.deepcopy(FORKED)))
    new = gdstudio.run_scene(scene_from_dict(ed.fork_run(FORKED, 0, 30, lr=0.01)))
    assert (old.runs[0].x[:31] == new.runs[0].x[:31]).all()
    assert not (old.runs[0].x[31:] == new.runs[0].x[31:]).all()
    assert (old.runs[1].x == new.runs[1].x).all() and (old.runs[1].y == new.runs[1].y).all()
