"""The fair race: every run at its own best learning rate under one budget, and the tuned
scene that replays it."""

import numpy as np
import pytest

from gdstudio.core.analysis import log_lrs, lr_sweep
from gdstudio.core.errors import GdError
from gdstudio.core.race import fair_race, parse_lrs, scale_lrs
from gdstudio.core.runner import run_scene
from gdstudio.core.scene import build_surface, scene_from_dict

RAVINE = {"surface": {"builtin": "ravine"},
          "defaults": {"start": [-9.0, 2.5], "steps": 150},
          "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.01},
                  {"label": "Adam", "optimizer": "adam", "lr": 0.01},
                  {"label": "Newton", "optimizer": "newton"}]}


def scene_of(raw):
    return scene_from_dict({"title": "race", **raw})


def finals(raw):
    return {r.label: float(r.loss[-1]) for r in run_scene(scene_from_dict(raw)).runs}


def test_tuned_scene_replays_the_race_with_each_lr_in_its_label():
    race = fair_race(scene_of(RAVINE), (1e-4, 10.0, 26))
    tuned = race.scene
    assert tuned["title"] == "Fair race: race"
    assert "same budget of 150 steps" in tuned["notes"]
    assert "26 from 0.0001 to 10" in tuned["notes"]
    replay = finals(tuned)
    for c, run in zip(race.contestants, tuned["run"], strict=True):
        assert run["lr"] == c.lr and run["steps"] == 150
        assert run["label"] == f"{c.label} (lr={c.lr:.3g})"
        assert replay[run["label"]] == pytest.approx(c.final_loss, rel=1e-9, abs=1e-300)
        assert c.final_loss == np.min(c.sweep.final_loss)
    # Newton reaches the bowl's bottom in one step at lr 1; many lrs tie at zero loss,
    # and the tie goes to the one that got there first
    assert race.contestants[2].lr == 1.0


def test_evaluation_budget_gives_newton_half_the_steps():
    race = fair_race(scene_of(RAVINE), (1e-3, 3.0, 8), budget="evals", amount=40)
    steps = {c.label: c.steps for c in race.contestants}
    assert steps == {"GD": 40, "Adam": 40, "Newton": 20}
    for c in race.contestants:
        assert c.sweep.evals[c.best] == 40
    assert [r["steps"] for r in race.scene["run"]] == [40, 40, 20]
    assert "40 evaluations" in race.scene["notes"] and "Newton step costs 2" in race.note
    with pytest.raises(GdError, match="buys no step of newton"):
        fair_race(scene_of(RAVINE), (1e-3, 3.0, 8), budget="evals", amount=1)


@pytest.mark.parametrize("schedule", [None, {"kind": "cosine"}])
def test_a_line_search_run_ends_where_its_next_step_would_pass_the_budget(schedule):
    # L-BFGS with a line search calls the loss several times a step: under a budget of
    # 30 evaluations each copy stops at its last row with at most 30, as the run shows
    run = {"optimizer": "lbfgs", "line_search_fn": "strong_wolfe", "max_iter": 3, "lr": 1.0,
           "start": [-1.2, 1.0], "steps": 30, **({"schedule": schedule} if schedule else {})}
    scene = scene_of({"surface": {"builtin": "rosenbrock"}, "run": [run]})
    lrs = np.array([0.3, 1.0])
    sweep = lr_sweep(build_surface(scene), scene.runs[0], lrs, evals=30)
    assert (sweep.used < 30).all()
    for k, lr in enumerate(lrs):
        table = scale_lrs(scene.runs[0], lr)
        one = run_scene(scene_of({"surface": {"builtin": "rosenbrock"}, "run": [table]})).runs[0]
        last = int(np.flatnonzero(one.evals <= 30)[-1])
        assert one.evals[last + 1] > 30
        assert sweep.used[k] == last and sweep.evals[k] == one.evals[last]
        assert sweep.final[k] == pytest.approx([one.x[last], one.y[last]], rel=1e-9)
    race = fair_race(scene, lrs, budget="evals", amount=30)
    c = race.contestants[0]
    tuned = race.scene["run"][0]
    assert c.steps == 30 and tuned["steps"] == c.sweep.used[c.best] < 30
    if schedule is not None:
        assert tuned["schedule"]["T_max"] == 30      # the curve of the race's 30 steps
    one = run_scene(scene_from_dict(race.scene)).runs[0]
    assert one.evals[-1] <= 30
    assert one.loss[-1] == pytest.approx(c.final_loss, rel=1e-9)


def test_the_tuned_lr_of_a_scheduled_run_scales_its_whole_schedule():
    run = {"optimizer": "sgd", "lr": 0.01, "start": [-9.0, 2.5], "steps": 80,
           "schedule": {"kind": "sequential", "milestones": [10],
                        "schedules": [{"kind": "linear", "start_factor": 0.1,
                                       "total_iters": 10},
                                      {"kind": "cosine", "T_max": 70, "eta_min": 0.001}]},
           "stop": {"min_lr": 1e-9}, "swa": {"start": 60, "lr": 0.002}}
    scene = scene_of({"surface": {"builtin": "ravine"}, "run": [run]})
    lrs = np.array([0.004, 0.02])
    sweep = lr_sweep(build_surface(scene), scene.runs[0], lrs)
    for k, lr in enumerate(lrs):
        table = scale_lrs(scene.runs[0], lr / 0.01)
        assert table["schedule"]["schedules"][1]["eta_min"] == pytest.approx(0.1 * lr)
        assert table["swa"]["lr"] == pytest.approx(0.2 * lr)
        one = run_scene(scene_of({"surface": {"builtin": "ravine"}, "run": [table]})).runs[0]
        assert sweep.final[k] == pytest.approx([one.x[-1], one.y[-1]], rel=1e-9)


def test_the_same_lr_for_all_and_the_fair_race_rank_differently():
    same = {**RAVINE, "run": [{**r, "lr": 0.01} for r in RAVINE["run"][:2]]}
    unfair = finals(same)
    assert unfair["GD"] < unfair["Adam"]
    race = fair_race(scene_of(same), (1e-4, 10.0, 26))
    fair = {c.label: c.final_loss for c in race.contestants}
    assert fair["Adam"] < fair["GD"]


def test_a_target_loss_picks_the_lr_that_gets_there_first():
    # a stretched bowl: lr 0.9 ends lowest, but 0.3 gets the loss to 0.1 in two steps
    scene = scene_of({"surface": {"expr": "x**2 + 0.01*y**2",
                                  "bounds": [[-3.0, 3.0], [-3.0, 3.0]]},
                      "run": [{"optimizer": "sgd", "lr": 0.1, "start": [1.0, 2.0],
                               "steps": 100}]})
    lrs = [0.03, 0.1, 0.3, 0.9]
    assert fair_race(scene, lrs).contestants[0].lr == 0.9
    race = fair_race(scene, lrs, target=0.1)
    assert race.contestants[0].lr == 0.3
    assert race.contestants[0].sweep.reached.tolist() == [23, 7, 2, 7]
    assert "fewest steps to a loss of 0.1" in race.scene["notes"]


def test_a_run_that_diverges_at_every_lr_keeps_its_own_and_says_so():
    scene = scene_of({"surface": {"builtin": "sphere"},
                      "run": [{"label": "wild", "optimizer": "sgd", "lr": 5.0,
                               "start": [3.0, -2.0], "steps": 50}]})
    race = fair_race(scene, log_lrs(2.0, 10.0, 4))
    assert race.contestants[0].best is None
    assert race.scene["run"][0]["label"] == "wild (every lr diverged)"
    assert race.scene["run"][0]["lr"] == 5.0


@pytest.mark.parametrize(("text", "needle"), [
    ("1:0:5", "> 0"), ("10:1:5", "below HI"), ("abc", "expected LO:HI:N"),
    ("1e-3:1:1", "from 2 to 1000"), ("0:1:5", "> 0"), ("1e-3:x:5", "must be numbers"),
    ("1e-3:1:2.5", "whole number"), ("1e-3:inf:5", "finite"),
])
def test_bad_lr_grids_say_what_is_wrong(text, needle):
    with pytest.raises(GdError, match=needle):
        parse_lrs(text)


def test_parse_lrs_reads_a_grid():
    assert parse_lrs("1e-4:10:26") == (1e-4, 10.0, 26)


@pytest.mark.parametrize("schedule", [None, {"kind": "cosine", "eta_min": 0.001}])
def test_the_tuned_lr_of_a_forked_run_scales_its_changes(schedule):
    # a change of lr and a switch to adam (without an lr: adam's default, scaled too,
    # unless a schedule sets every lr)
    changes = [{"at": 10, "momentum": 0.5}, {"at": 20, "optimizer": "adam"}]
    if schedule is None:
        changes[0]["lr"] = 0.005
    run = {"optimizer": "sgd", "lr": 0.01, "momentum": 0.9, "start": [-9.0, 2.5],
           "steps": 40, "change": changes, **({"schedule": schedule} if schedule else {})}
    scene = scene_of({"surface": {"builtin": "ravine"}, "run": [run]})
    lrs = np.array([0.003, 0.03])
    sweep = lr_sweep(build_surface(scene), scene.runs[0], lrs)
    for k, lr in enumerate(lrs):
        table = scale_lrs(scene.runs[0], lr / 0.01)
        if schedule is None:
            assert [c.get("lr") for c in table["change"]] == pytest.approx(
                [0.5 * lr, 0.1 * lr])
        else:
            assert all("lr" not in c for c in table["change"])
        one = run_scene(scene_of({"surface": {"builtin": "ravine"}, "run": [table]})).runs[0]
        assert sweep.final[k] == pytest.approx([one.x[-1], one.y[-1]], rel=1e-9)
    race = fair_race(scene, lrs, amount=15)
    assert [c["at"] for c in race.scene["run"][0]["change"]] == [10]
