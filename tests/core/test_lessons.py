"""The lesson library: every bundled lesson runs, is described in both languages, and
shows on the numbers what its caption says it shows."""

import json
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import numpy as np
import pytest

from gdstudio.cli import main
from gdstudio.core.errors import GdError, SceneError
from gdstudio.core.lessons import SHOW_HINTS, TOPICS, find_lesson, list_lessons
from gdstudio.core.lessons import test_surface as shifted_test_surface
from gdstudio.core.runner import run_scene, swa_average
from gdstudio.core.scene import (
    build_surface,
    dump_scene,
    load_scene,
    scene_from_dict,
    scene_to_dict,
)
from gdstudio.core.stability import curvature, gauge

MAX_EN, MAX_ZH = 350, 150
LESSONS = list_lessons()
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def ran():
    """id -> (scene, surface, {label: RunResult}), each lesson run once."""
    cache = {}

    def get(lesson_id):
        if lesson_id not in cache:
            scene = load_scene(find_lesson(lesson_id).path)
            result = run_scene(scene)
            cache[lesson_id] = (scene, build_surface(scene), {r.label: r for r in result.runs})
        return cache[lesson_id]

    return get


def minimum(surface, kind):
    return next(m for m in surface.minima if m.kind == kind)


def ends_at(run, m, tol=1e-3):
    return (np.hypot(run.x[-1] - m.point[0], run.y[-1] - m.point[1]) < tol
            and abs(run.loss[-1] - m.value) < tol)


# ---------------------------------------------------------------------------------------
# the library as a whole


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda le: le.id)
def test_every_lesson_runs_headless(lesson, tmp_path):
    out = tmp_path / "out.json"
    assert main(["run", str(lesson.path), "--output", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["runs"]
    scene = load_scene(lesson.path)
    for run, spec_steps in zip(data["runs"], [r.steps for r in scene.runs for _ in
                                              range(r.size)], strict=True):
        assert run["status"] in ("max_steps", "early_stopped", "min_lr", "diverged")
        assert spec_steps <= 600, "a lesson shows its effect within a few hundred steps"


def test_file_names_ids_and_order():
    assert len(LESSONS) >= 17
    ids = [le.id for le in LESSONS]
    assert len(set(ids)) == len(ids)
    for le in LESSONS:
        assert le.path.name == f"{le.order:02d}_{le.id}.toml"
    orders = [le.order for le in LESSONS]
    assert orders == sorted(set(orders))


def test_every_topic_has_a_lesson_and_topics_are_named_in_both_languages():
    covered = {le.topic for le in LESSONS}
    assert covered == set(TOPICS)
    for en, zh in TOPICS.values():
        assert en and _CJK.search(zh)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda le: le.id)
def test_captions_in_both_languages_fit_the_panel(lesson):
    assert lesson.title and lesson.title_zh and _CJK.search(lesson.title_zh)
    assert 80 <= len(lesson.notes) <= MAX_EN, len(lesson.notes)
    assert 40 <= len(lesson.notes_zh) <= MAX_ZH, len(lesson.notes_zh)
    assert _CJK.search(lesson.notes_zh) and not _CJK.search(lesson.notes)
    assert "  " not in lesson.notes and "\n" not in lesson.notes


def test_every_display_hint_is_used_by_a_lesson():
    assert {h for le in LESSONS for h in le.show} == set(SHOW_HINTS)
    assert "floor_shadow" not in SHOW_HINTS, "the 3D view always draws the floor shadow"


def test_find_lesson_suggests_close_ids():
    assert find_lesson("sgdr").path.name == "15_sgdr.toml"
    with pytest.raises(GdError, match="did you mean sgdr"):
        find_lesson("sgd")


def test_lesson_table_round_trips_through_save_and_load(tmp_path):
    scene = load_scene(find_lesson("flat-sharp").path)
    assert scene.lesson["test_shift"] == [0.3, 0.1]
    again = scene_from_dict(scene_to_dict(scene))
    assert again.lesson == scene.lesson
    p = tmp_path / "copy.toml"
    p.write_text(dump_scene(scene), encoding="utf-8")
    assert load_scene(p).lesson == scene.lesson
    assert scene.with_steps(5).lesson == scene.lesson
    assert load_scene(find_lesson("update-rule").path).with_steps(3).lesson["show"] == [
        "gradient_arrows", "step_panel"]


def test_a_scene_without_lesson_table_has_none():
    scene = scene_from_dict({"surface": {"builtin": "sphere"},
                             "run": [{"optimizer": "sgd", "start": [1.0, 1.0]}]})
    assert scene.lesson is None
    assert "lesson" not in scene_to_dict(scene)


@pytest.mark.parametrize("table, needle", [
    ('id = "a"\ntopic = "swa"\ncolour = 1', "[lesson] 'colour': unknown key"),
    ('topic = "swa"', "[lesson] 'id': required"),
    ('id = "a"', "[lesson] 'topic': required"),
    ('id = "Not Kebab"\ntopic = "swa"', "[lesson] 'id': expected a kebab-case name"),
    ('id = "a"\ntopic = "sw"', "[lesson] 'topic': unknown topic \"sw\" (did you mean \"swa\"?)"),
    ('id = "a"\ntopic = "swa"\nnotes_zh = 3', "[lesson] 'notes_zh': expected a string"),
    ('id = "a"\ntopic = "swa"\ntitle_zh = ["x"]', "[lesson] 'title_zh': expected a string"),
    ('id = "a"\ntopic = "swa"\ntest_shift = [1.0]', "[lesson] 'test_shift': expected [dx, dy]"),
    ('id = "a"\ntopic = "swa"\nshow = "swa_point"', "[lesson] 'show': expected a list"),
    ('id = "a"\ntopic = "swa"\nshow = ["sparkles"]', "[lesson] 'show': unknown hint \"sparkles\""),
    ('id = "a"\ntopic = "swa"\nshow = ["floor_shadow"]',
     "[lesson] 'show': unknown hint \"floor_shadow\""),
    ('id = "a"\ntopic = "swa"\nloss_axis = "ln"',
     "[lesson] 'loss_axis': expected one of linear, log, got \"ln\""),
    ('id = "a"\ntopic = "swa"\nlr_axis = 1', "[lesson] 'lr_axis': expected one of linear, log"),
])
def test_bad_lesson_tables_name_the_key(table, needle, tmp_path):
    text = f'title = "t"\n[lesson]\n{table}\n[surface]\nbuiltin = "sphere"\n' \
           '[[run]]\noptimizer = "sgd"\nstart = [1.0, 1.0]\n'
    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(SceneError) as info:
        load_scene(p)
    assert any(needle in problem and "bad.toml" in problem for problem in info.value.problems), \
        info.value.problems


def test_lesson_must_be_a_table():
    with pytest.raises(SceneError, match=r"\[lesson\]: expected a table"):
        load_scene(textwrap.dedent("""
            lesson = 3
            [surface]
            builtin = "sphere"
            """))


# ---------------------------------------------------------------------------------------
# each lesson's claim, on the numbers


def test_convex_bowl_every_start_reaches_the_one_minimum(ran):
    _, _, runs = ran("convex-bowl")
    assert len(runs) == 8
    for r in runs.values():
        assert np.all(np.diff(r.loss) <= 0)
        assert np.hypot(r.x[-1], r.y[-1]) < 1e-2


def test_update_rule_is_w_minus_lr_times_gradient(ran):
    scene, surface, runs = ran("update-rule")
    (r,) = runs.values()
    lr = scene.runs[0].hyper["lr"]
    assert len(r.step) - 1 <= 20
    gx, gy = surface.grad(r.x[:-1], r.y[:-1])
    np.testing.assert_allclose(r.x[1:], r.x[:-1] - lr * gx, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(r.y[1:], r.y[:-1] - lr * gy, rtol=1e-12, atol=1e-14)
    steps = np.hypot(np.diff(r.x), np.diff(r.y))
    width = surface.bounds[0][1] - surface.bounds[0][0]
    assert steps[0] > 0.05 * width, "the first steps are visible"
    assert np.all(np.diff(steps) < 0), "same lr, smaller gradient, smaller steps"
    assert np.all(np.diff(r.loss) < 0)


def test_lr_too_large_converges_below_the_gauge_bound_and_diverges_above(ran):
    scene, surface, runs = ran("lr-too-large")
    good, below, above = runs.values()
    assert [r.hyper["lr"] for r in scene.runs] == [0.1, 0.24, 0.26]
    assert np.all(np.diff(good.loss) < 0) and good.loss[-1] < 1e-6
    assert below.loss[-1] < 0.01 * below.loss[0], "lr 0.24 converges"
    assert np.all(below.y[1:] * below.y[:-1] < 0), "bouncing between the walls"
    assert np.all(np.diff(np.abs(below.y)) < 0), "each bounce lower"
    assert np.all(np.diff(np.abs(above.y)) > 0), "each bounce higher: lr 0.26 diverges"
    assert above.loss[-1] > 100 * above.loss[0]
    curv = curvature(surface, scene.runs[1].starts[0])
    assert list(curv.eigenvalues) == [2.0, 8.0]
    gauges = [gauge("sgd", s.hyper, s.hyper["lr"], curv) for s in scene.runs]
    assert [g.value for g in gauges] == pytest.approx([0.8, 1.92, 2.08], abs=1e-12)
    assert [g.crossed for g in gauges] == [False, False, True]
    assert "1.92" in scene.notes and "2.08" in scene.notes
    assert "1.92" in scene.lesson["notes_zh"] and "2.08" in scene.lesson["notes_zh"]


def test_lr_too_small_is_still_far_when_the_good_run_has_converged(ran):
    _, _, runs = ran("lr-too-small")
    good, small = runs.values()
    k = int(np.argmax(good.loss < 1e-3 * good.loss[0]))
    assert 0 < k < len(good.loss) // 2
    assert small.loss[k] > 0.5 * small.loss[0]
    assert small.loss[-1] > 0.1 * small.loss[0] and small.loss[-1] > 1e6 * good.loss[-1]
    assert np.all(np.diff(small.loss) < 0), "it does go the right way, only slowly"


def test_weight_plane_the_height_follows_from_the_weights(ran):
    _, surface, runs = ran("weight-plane")
    (r,) = runs.values()
    np.testing.assert_array_equal(r.loss, surface.loss(r.x, r.y))
    assert any(ends_at(r, m) for m in surface.minima)


def test_early_stopping_stops_early_at_practically_the_same_loss(ran):
    scene, _, runs = ran("early-stopping")
    full, early = runs["all 300 steps"], runs["early stopping"]
    steps = scene.runs[1].steps
    assert full.status == "max_steps" and full.step[-1] == steps
    assert early.status == "early_stopped"
    assert early.step[-1] < steps / 2
    assert abs(early.loss[-1] - full.loss[-1]) < 1e-3 * full.loss[-1]
    stop = scene.runs[1].stop
    best_before = early.loss[1:-stop["patience"]].min()
    assert early.loss[-stop["patience"]:].min() >= best_before - stop["min_delta"]


def test_lr_decay_schedules_settle_closer_than_constant(ran):
    _, surface, runs = ran("lr-decay")
    best = surface.minima[0].value
    const = runs["constant"]
    assert np.all(const.lr[1:] == 0.05)
    step, expo, cos = runs["step decay"], runs["exponential"], runs["cosine"]
    np.testing.assert_allclose(step.lr[[100, 101, 201]], [0.05, 0.01, 0.002])
    np.testing.assert_allclose(expo.lr[2:] / expo.lr[1:-1], 0.99)
    assert np.all(np.diff(cos.lr[1:]) < 0) and cos.lr[-1] < 1e-4
    for r in (step, expo, cos):
        assert r.loss[-1] - best < 0.5 * (const.loss[-1] - best), r.label
        assert np.std(r.loss[-50:]) < 0.1 * np.std(const.loss[-50:]), r.label


def test_warmup_cosine_and_clipping_on_a_cliff(ran):
    scene, surface, runs = ran("warmup-clipping")
    plain, clipped, warm = runs["SGD"], runs["SGD, clipped"], runs["warmup + cosine, clipped"]
    (x0, x1), (y0, y1) = surface.bounds
    lr = scene.runs[0].hyper["lr"]
    norm = scene.runs[1].clip["norm"]
    assert scene.runs[0].clip is None and scene.runs[1].hyper == scene.runs[0].hyper

    def steps(r):
        return np.hypot(np.diff(r.x), np.diff(r.y))

    gx, gy = surface.grad(plain.x, plain.y)
    assert np.hypot(gx, gy).max() > 20, "the cliff face is steep"
    k = int(np.argmax(steps(plain)))
    assert steps(plain)[k] > x1 - x0, "one step longer than the window is wide"
    assert plain.x[k + 1] > x1 + 5, "thrown far out of the window"
    assert plain.loss[k + 1] > plain.loss[0], "further from the minimum than at the start"
    assert clipped.x[k] == plain.x[k] and clipped.y[k] == plain.y[k], "same path up to there"
    for r in (clipped, warm):
        assert steps(r).max() <= lr * norm, r.label
        assert x0 <= r.x.min() and r.x.max() <= x1 and y0 <= r.y.min() and r.y.max() <= y1
        assert np.hypot(r.x[-1], r.y[-1]) < 0.01, r.label

    sched = scene.runs[2].schedule
    assert sched["kind"] == "sequential"
    (warmup, cosine), (milestone,) = sched["schedules"], sched["milestones"]
    ramp = warm.lr[1:milestone + 1]
    assert ramp[0] == pytest.approx(lr * warmup["start_factor"], rel=1e-12)
    np.testing.assert_allclose(np.diff(ramp), np.diff(ramp)[0], rtol=1e-9)
    assert np.diff(ramp)[0] > 0, "a linear warmup"
    decay = warm.lr[milestone + 1:]
    assert decay[0] == pytest.approx(lr, rel=1e-12), "the cosine starts from the full lr"
    t = np.arange(len(decay))
    np.testing.assert_allclose(decay, lr * (1 + np.cos(np.pi * t / cosine["T_max"])) / 2,
                               rtol=1e-9)
    assert decay[-1] < 0.01 * lr
    assert scene.lesson["lr_axis"] == "linear", "a straight ramp, then the cosine's arch"


def test_reduce_on_plateau_stops_below_the_lr_floor(ran):
    scene, surface, runs = ran("reduce-on-plateau")
    (r,) = runs.values()
    spec = scene.runs[0]
    floor, factor = spec.stop["min_lr"], spec.schedule["factor"]
    assert r.status == "min_lr" and r.step[-1] < spec.steps
    lrs = r.lr[1:]
    assert np.all(np.diff(lrs) <= 0)
    halvings = np.round(np.log(lrs / lrs[0]) / np.log(factor), 9)
    np.testing.assert_array_equal(halvings, np.round(halvings))
    assert lrs[-1] >= floor > lrs[-1] * factor, "the next lr would be below the floor"
    assert r.loss[-1] < surface.minima[0].value * 1.01


def test_local_minimum_traps_one_start_and_not_the_other(ran):
    _, surface, runs = ran("local-minimum")
    assert ends_at(runs["trapped"], minimum(surface, "local"))
    assert ends_at(runs["global"], minimum(surface, "global"))


def test_saddle_batch_gd_stalls_and_sgd_escapes(ran):
    _, surface, runs = ran("saddle-point")
    assert surface.n_samples >= 256
    batch, sgd = runs["batch GD"], runs["SGD, batch 1"]
    saddle_value = float(surface.loss(0.0, 0.0))
    assert np.all(batch.y == 0.0), "the full gradient has no y part on the ridge"
    assert abs(batch.x[-1]) < 1e-3 and abs(batch.loss[-1] - saddle_value) < 1e-6
    gx, gy = surface.grad(batch.x, batch.y)
    assert np.all(gy == 0.0)
    per_sample = np.array([surface.batch_grad(np.array([1.0]), np.array([0.0]),
                                              np.array([i]))[1][0] for i in range(8)])
    assert np.any(per_sample != 0.0), "each single sample does tilt y"
    assert abs(sgd.y[1]) < 0.1 and np.abs(sgd.y[-50:]).min() > 0.5
    assert sgd.loss[-1] < saddle_value - 0.2


def test_newton_runs_into_the_saddle_while_gd_and_sgd_leave_it(ran):
    scene, surface, runs = ran("newton-saddle")
    newton, gd, sgd = runs["Newton"], runs["GD"], runs["SGD, batch 1"]
    assert scene.runs[0].optimizer == "newton" and scene.runs[1].optimizer == "sgd"
    assert (newton.x[0], newton.y[0]) == (gd.x[0], gd.y[0]) and newton.y[0] != 0.0
    assert sgd.y[0] == 0.0 and scene.runs[2].batch_size == 1, "SGD starts on the ridge"
    saddle_value = float(surface.loss(0.0, 0.0))
    saddle = curvature(surface, (0.0, 0.0))
    assert saddle.eigenvalues[0] < 0 < saddle.eigenvalues[1], "(0, 0) is a saddle"
    assert abs(newton.x[1]) < 1e-12, "x is quadratic: one Newton step lands on its flat point"
    assert np.hypot(newton.x[5], newton.y[5]) < 1e-9, "Newton reaches the saddle"
    assert np.hypot(newton.x[-1], newton.y[-1]) < 1e-12 and newton.status == "max_steps"
    assert newton.loss[-1] == pytest.approx(saddle_value, abs=1e-12)
    assert surface.loss(0.0, newton.y[-1]) > surface.loss(0.0, newton.y[0]), "uphill in y"
    for run in (gd, sgd):
        assert abs(run.y[-1]) > 0.7 and abs(run.x[-1]) < 0.1, run.label
        assert run.loss[-1] < saddle_value - 0.4, run.label
    assert abs(gd.y[-1]) == pytest.approx(1.0, abs=1e-3), "GD settles in a valley floor"


def test_one_sample_sgd_is_noisy_but_gets_close(ran):
    _, surface, runs = ran("one-sample-sgd")
    full, one = runs["full batch"], runs["one sample"]
    best = surface.minima[0].value
    assert np.all(np.diff(full.loss) <= 0)
    assert np.sum(np.diff(one.loss) > 0) >= 20
    assert one.loss[-1] < 1.1 * best


def test_larger_batches_give_smoother_paths(ran):
    _, surface, runs = ran("batch-sizes")
    assert surface.n_samples >= 256
    noise = [np.var(np.diff(runs[f"batch {b}"].loss[50:])) for b in (1, 16, 128)]
    assert noise[0] > 10 * noise[1] > 10 * noise[2] / 2
    assert noise[0] > noise[1] > noise[2]


def test_flat_minimum_has_the_smaller_generalisation_gap(ran):
    scene, surface, runs = ran("flat-sharp")
    test = shifted_test_surface(scene, surface)
    dx, dy = scene.lesson["test_shift"]
    pts = np.array([-1.0, 0.5, 2.0])
    np.testing.assert_allclose(test.loss(pts + dx, pts + dy), surface.loss(pts, pts),
                               rtol=1e-12, atol=1e-15)
    flat, sharp = runs["ends flat"], runs["ends sharp"]
    assert ends_at(flat, minimum(surface, "local"))
    assert ends_at(sharp, minimum(surface, "global"))
    gap = {r.label: float(test.loss(r.x[-1], r.y[-1]) - r.loss[-1]) for r in (flat, sharp)}
    assert gap["ends sharp"] > 5 * gap["ends flat"] > 0
    assert sharp.loss[-1] < flat.loss[-1], "the sharp minimum is the better training loss"
    assert test.loss(sharp.x[-1], sharp.y[-1]) > test.loss(flat.x[-1], flat.y[-1])


def test_cyclic_triangular2_halves_its_amplitude(ran):
    scene, _, runs = ran("cyclic-lr")
    sched = scene.runs[0].schedule
    base, period = sched["base_lr"], 2 * sched["step_size_up"]
    for label, ratio in (("triangular", 1.0), ("triangular2", 0.5)):
        lr = runs[label].lr[1:]
        amps = [lr[c * period:(c + 1) * period].max() - base for c in range(len(lr) // period)]
        assert len(amps) >= 3
        np.testing.assert_allclose(np.array(amps[1:]) / amps[:-1], ratio, rtol=1e-9)
        turns = np.abs(np.diff(lr, 2)) > 1e-12
        assert turns.sum() <= 2 * len(amps) + 1, "straight lines between the turning points"
    lrs = np.concatenate([runs[label].lr[1:] for label in runs])
    assert lrs.max() > 20 * lrs.min(), "the automatic rule would draw this lr on a log axis"
    assert scene.lesson["lr_axis"] == "linear", "... where the straight lines become arches"


def test_sgdr_jumps_back_up_at_restarts_and_escapes(ran):
    scene, surface, runs = ran("sgdr")
    sched = scene.runs[0].schedule
    t0, mult = sched["T_0"], sched["T_mult"]
    r = runs["SGDR"]
    lr = r.lr
    jumps = [t for t in range(2, len(lr)) if lr[t] > lr[t - 1]]
    assert jumps == [t0 + 1, t0 + t0 * mult + 1]
    assert all(lr[t] == scene.runs[0].hyper["lr"] for t in jumps)
    assert ends_at(r, minimum(surface, "global"))
    assert ends_at(runs["constant lr 0.5"], minimum(surface, "local"))


def test_swa_average_beats_the_last_iterate(ran):
    scene, surface, runs = ran("swa")
    (r,) = runs.values()
    m = surface.minima[0].point
    assert r.swa is not None and r.swa.n == scene.runs[0].steps - scene.runs[0].swa["start"] + 1
    avg, n = swa_average(np.column_stack([r.x, r.y]), scene.runs[0].swa["start"])
    assert n == r.swa.n
    np.testing.assert_allclose(avg, [r.swa.x, r.swa.y], rtol=1e-12)
    avg, n = swa_average(np.column_stack([r.x, r.y])[:100], 100)
    assert n == 0 and np.isnan(avg).all()
    assert r.swa.loss < r.loss[-1]
    assert np.hypot(r.swa.x - m[0], r.swa.y - m[1]) < 0.2 * np.hypot(r.x[-1] - m[0],
                                                                      r.y[-1] - m[1])


def test_momentum_rmsprop_adam_beat_plain_gd_in_the_ravine(ran):
    scene, _, runs = ran("momentum-adam")
    gd = runs["GD"].loss[-1]
    for label in ("momentum", "RMSProp", "Adam"):
        assert runs[label].loss[-1] < 0.01 * gd, label
    assert gd < 0.01 * runs["GD"].loss[0], "on a linear axis all four look done ..."
    assert scene.lesson["loss_axis"] == "log", "... so the lesson plots the loss on a log axis"


def test_fair_race_ranks_the_optimizers_differently_from_one_lr_for_all(ran):
    from gdstudio.core.race import DEFAULT_LRS, fair_race

    scene, _, runs = ran("fair-race")
    names = ("GD", "momentum", "Adam")
    unfair = {n: runs[f"{n} (lr=0.01)"].loss[-1] for n in names}
    assert sorted(names, key=unfair.get) == ["momentum", "GD", "Adam"]
    one_lr = scene_to_dict(scene)
    one_lr["run"] = one_lr["run"][:3]
    race = fair_race(scene_from_dict(one_lr), DEFAULT_LRS, amount=150)
    assert "26 from 0.0001 to 10" in race.note and "150 steps" in race.note
    fair = {}
    for n, c in zip(names, race.contestants, strict=True):
        tuned = next(r for label, r in runs.items() if label.startswith(f"{n} tuned"))
        assert tuned.label == f"{n} tuned (lr={c.lr:.3g})"
        assert tuned.lr[1] == c.lr and len(tuned.loss) == 151
        assert tuned.loss[-1] == pytest.approx(c.final_loss, rel=1e-9)
        fair[n] = tuned.loss[-1]
    assert sorted(names, key=fair.get) == ["momentum", "Adam", "GD"]
    assert unfair["GD"] < unfair["Adam"] and fair["Adam"] < 1e-3 * fair["GD"]



def test_newton_lands_on_a_quadratics_minimum_in_one_step(ran):
    _, surface, runs = ran("newton-one-step")
    newton, lbfgs, gd = runs["Newton"], runs["L-BFGS"], runs["GD"]
    assert newton.loss[1] == 0.0 and newton.x[1] == 0.0 and newton.y[1] == 0.0
    reached = np.flatnonzero(lbfgs.loss < 1e-8)
    assert reached[0] == 9 and lbfgs.evals[9] == 18, "the caption's numbers"
    assert gd.loss[-1] > 1e-4 and abs(gd.x[-1]) > 1e-2, "still creeping along"
    assert 0.07 < 2 / 25 < 0.07 * 1.2, "GD's lr just below the steep side's bound"
    assert runs["momentum"].loss[-1] < gd.loss[-1]


def test_second_order_methods_reach_rosenbrocks_minimum_first_order_ones_do_not(ran):
    _, surface, runs = ran("first-second-order")
    m = minimum(surface, "global")
    newton, lbfgs = runs["Newton"], runs["L-BFGS"]
    assert newton.loss[5] < 1e-10 < 1e-3 < newton.loss[4], "Newton needs its 5 steps"
    reached = np.flatnonzero(lbfgs.loss < 1e-8)
    assert reached[0] == 34 and lbfgs.evals[34] == 76, "the caption's numbers"
    assert ends_at(lbfgs, m, tol=1e-4) and ends_at(newton, m)
    for label, floor in (("GD", 1.0), ("momentum", 1e-3)):
        r = runs[label]
        assert r.loss[-1] > floor and not ends_at(r, m, tol=0.05), label
        assert lbfgs.evals[34] < r.evals[-1] / 3, "fewer evaluations, not only fewer steps"

# ---------------------------------------------------------------------------------------
# command line


def test_cli_lessons_json(capsys):
    assert main(["lessons", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["id"] for i in items] == [le.id for le in LESSONS]
    for item, le in zip(items, LESSONS, strict=True):
        assert set(item) == {"id", "title", "title_zh", "topic", "topic_title", "path"}
        assert item["topic_title"] == TOPICS[le.topic][0]
        assert item["path"] == str(le.path) and le.path.is_file()


def test_cli_lessons_text(capsys):
    assert main(["lessons"]) == 0
    out = capsys.readouterr().out
    for le in LESSONS:
        assert le.id in out and le.title in out and str(le.path) in out


def test_cli_unknown_lesson_exits_2(capsys):
    assert main(["lesson", "nope"]) == 2
    captured = capsys.readouterr()
    assert "no lesson \"nope\"" in captured.err and captured.out == ""


def test_cli_lesson_opens_the_window_on_the_lesson_file(monkeypatch):
    opened = []
    fake = types.ModuleType("gdstudio.gui.app.launch")
    fake.main = lambda path, safe_mode=False: opened.append((path, safe_mode)) or 0
    monkeypatch.setitem(sys.modules, "gdstudio.gui.app.launch", fake)
    assert main(["lesson", "saddle-point", "--safe-mode"]) == 0
    assert opened == [(str(find_lesson("saddle-point").path), True)]


def test_lesson_data_files_match_their_generator():
    script = Path(__file__).resolve().parents[2] / "scripts" / "make_lesson_data.py"
    out = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
