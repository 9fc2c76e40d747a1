"""Schedules against torch.optim.lr_scheduler (golden data), their checks and previews.

tests/data/schedules_reference.json is written by scripts/record_schedule_reference.py
(torch 2.13, float64): for each case, ``param_groups[0]["lr"]`` (and, with
cycle_momentum, the momentum or ``betas[0]``) before every step and after the last.
"""

import json
import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.schedules import (
    SCHEDULES,
    PlateauState,
    ScalarState,
    check_schedule,
    lr_preview,
    make_schedule,
)

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "schedules_reference.json"
CASES = json.loads(REFERENCE.read_text(encoding="utf-8"))["cases"]
RTOL = 1e-12

SGD = make_optimizer("sgd", lr=0.1, momentum=0.9)
ADAM = make_optimizer("adam", lr=0.01)
ADAGRAD = make_optimizer("adagrad", lr=0.1)


def build(case):
    opt = make_optimizer(case["optimizer"], **case["hyper"])
    sched = make_schedule(case["schedule"], base_lr=opt.hp["lr"], steps=case["steps"],
                          optimizer=opt)
    return opt, sched


def replay(case):
    """lr (N, steps + 1) and momentum (steps + 1) as our schedule sets them."""
    _, sched = build(case)
    n = len(case["lr"])
    losses = np.array(case["losses"], dtype=float) if case["losses"] else None
    state = sched.init(n)
    lrs, moms = [], []
    for t in range(case["steps"] + 1):
        lr = sched.lr(state)
        if case["schedule"]["kind"] == "plateau":
            assert isinstance(lr, np.ndarray) and lr.shape == (n,)
        else:
            assert type(lr) is float
        lrs.append(np.broadcast_to(lr, (n,)))
        moms.append(sched.momentum(state))
        if t < case["steps"]:
            state = sched.step(state, None if losses is None else losses[:, t])
    return np.array(lrs).T, moms


def rel_err(got, ref):
    got, ref = np.asarray(got, dtype=float), np.asarray(ref, dtype=float)
    scale = np.maximum(np.abs(ref), np.finfo(float).tiny)
    return float(np.max(np.abs(got - ref) / scale))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_matches_torch(case):
    lr, mom = replay(case)
    assert rel_err(lr, case["lr"]) <= RTOL
    if case["momentum"] is None:
        assert all(m is None for m in mom)
    else:
        assert all(type(m) is float for m in mom)
        assert rel_err(mom, case["momentum"]) <= RTOL


def test_reference_covers_every_kind_and_mode():
    kinds = {c["schedule"]["kind"] for c in CASES}
    assert kinds == set(SCHEDULES)
    sched = [c["schedule"] for c in CASES]
    assert {s.get("mode", "triangular") for s in sched if s["kind"] == "cyclic"} == \
        {"triangular", "triangular2", "exp_range"}
    assert any(s.get("three_phase") for s in sched)
    assert any(s.get("anneal_strategy") == "linear" for s in sched)
    assert {c["optimizer"] for c in CASES if c["momentum"] is not None} >= {"sgd", "adam"}
    plateau = [c for c in CASES if c["schedule"]["kind"] == "plateau"]
    assert {c["schedule"].get("mode", "min") for c in plateau} == {"min", "max"}
    assert {c["schedule"].get("threshold_mode", "rel") for c in plateau} == {"rel", "abs"}
    assert all(len(c["losses"]) >= 4 for c in plateau)


def test_plateau_members_are_independent():
    """A swarm's members each run their own ReduceLROnPlateau, whatever the others see."""
    case = next(c for c in CASES if c["id"] == "plateau-cooldown-min-lr")
    together, _ = replay(case)
    for i, seq in enumerate(case["losses"]):
        alone, _ = replay({**case, "losses": [seq], "lr": [case["lr"][i]]})
        assert np.array_equal(alone[0], together[i])
    assert len({tuple(row) for row in together}) > 1


def test_plateau_step_is_pure_and_vectorised():
    sched = make_schedule({"kind": "plateau", "patience": 0, "factor": 0.5}, base_lr=1.0,
                          steps=10, optimizer=SGD)
    s0 = sched.init(3)
    assert isinstance(s0, PlateauState) and np.all(s0.best == np.inf)
    s1 = sched.step(s0, np.array([3.0, 3.0, np.nan]))
    s2 = sched.step(s1, np.array([2.0, 4.0, np.nan]))
    assert np.all(s0.lr == 1.0) and np.all(s0.num_bad_epochs == 0)
    assert s1.lr.tolist() == [1.0, 1.0, 0.5]
    assert s2.lr.tolist() == [1.0, 0.5, 0.25]
    assert sched.momentum(s2) is None
    big = sched.init(10_000)
    big = sched.step(big, np.linspace(0.0, 1.0, 10_000))
    assert sched.lr(big).shape == (10_000,)


def test_initial_values_are_torchs_constructor_step():
    def first(params, opt=SGD, base_lr=0.1):
        s = make_schedule(params, base_lr=base_lr, steps=100, optimizer=opt)
        state = s.init(1)
        return s.lr(state), s.momentum(state)

    assert first({"kind": "linear"}) == (0.1 * (1.0 / 3), None)
    assert first({"kind": "constant"}) == (0.1, None)
    assert first({"kind": "cyclic", "base_lr": 0.01, "max_lr": 0.2}) == (0.01, None)
    assert first({"kind": "cyclic", "base_lr": 0.01, "max_lr": 0.2, "cycle_momentum": True},
                 opt=ADAM) == (0.01, 0.9)
    lr, m = first({"kind": "onecycle", "max_lr": 0.5, "cycle_momentum": True})
    assert lr == pytest.approx(0.5 / 25, rel=1e-15) and m == pytest.approx(0.95, rel=1e-15)
    assert first({"kind": "multistep", "milestones": [0, 5]}) == (0.1 * 0.1, None)


def test_non_plateau_state_is_scalar():
    s = make_schedule({"kind": "exponential", "gamma": 0.5}, base_lr=1.0, steps=3,
                      optimizer=SGD)
    state = s.init(10_000)
    assert isinstance(state, ScalarState)
    assert s.lr(s.step(s.step(state, np.zeros(10_000)), None)) == 0.25


def test_onecycle_refuses_to_step_past_total_steps():
    s = make_schedule({"kind": "onecycle", "max_lr": 0.1}, base_lr=0.1, steps=3, optimizer=SGD)
    state = s.init()
    for _ in range(3):
        state = s.step(state)
    with pytest.raises(ValueError, match="total steps is 3"):
        s.step(state)


# -- lr_preview -----------------------------------------------------------------------------

@pytest.mark.parametrize("case", [c for c in CASES if c["schedule"]["kind"] != "plateau"],
                         ids=lambda c: c["id"])
def test_preview_is_the_lr_of_steps_1_to_steps(case):
    opt, _ = build(case)
    lr = lr_preview(case["schedule"], base_lr=opt.hp["lr"], steps=case["steps"], optimizer=opt)
    assert lr.shape == (case["steps"],) and lr.dtype == np.float64
    assert rel_err(lr, case["lr"][0][:-1]) <= RTOL


@pytest.mark.parametrize("case", [c for c in CASES if c["schedule"]["kind"] in (
    "constant", "step", "multistep", "exponential", "cosine", "linear")], ids=lambda c: c["id"])
def test_long_previews_use_the_closed_form_torch_aims_at(case, monkeypatch):
    """Past PREVIEW_EXACT steps a preview is one numpy call, not a Python loop per step,
    and still matches torch's lr (to round-off)."""
    from gdstudio.core import schedules

    opt, _ = build(case)
    monkeypatch.setattr(schedules, "PREVIEW_EXACT", 0)
    monkeypatch.setattr(schedules._Chainable, "step", None)    # never stepped
    lr = lr_preview(case["schedule"], base_lr=opt.hp["lr"], steps=case["steps"], optimizer=opt)
    assert lr.shape == (case["steps"],)
    assert rel_err(lr, case["lr"][0][:-1]) <= 1e-9


def test_preview_of_plateau_invalid_and_empty():
    lr = lr_preview({"kind": "plateau"}, base_lr=0.05, steps=7, optimizer=SGD)
    assert lr.tolist() == [0.05] * 7
    assert lr_preview({"kind": "step"}, base_lr=0.1, steps=5, optimizer=SGD) is None
    assert lr_preview({"kind": "cosine"}, base_lr=0.1, steps=0, optimizer=SGD).shape == (0,)


# -- checks ---------------------------------------------------------------------------------

BAD = [
    # (params, steps, optimizer, key, needle)
    ({}, 100, SGD, "kind", "required"),
    ({"kind": 3}, 100, SGD, "kind", "expected the name"),
    ({"kind": "StepLR"}, 100, SGD, "kind", "did you mean \"step\""),
    ({"kind": "CosineAnnealingWarmRestarts"}, 100, SGD, "kind", '"cosine_restarts"'),
    ({"kind": "cosin"}, 100, SGD, "kind", "did you mean \"cosine\""),
    ({"kind": "cosine", "Tmax": 5}, 100, SGD, "Tmax", "did you mean 'T_max'"),
    ({"kind": "cosine", "gamma": 0.5}, 100, SGD, "gamma", "cosine takes T_max, eta_min"),
    ({"kind": "cosine", "last_epoch": 3}, 100, SGD, "last_epoch", "step 0"),
    ({"kind": "onecycle", "max_lr": 0.1, "epochs": 3}, 100, SGD, "epochs", "total_steps"),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "scale_fn": "x"}, 100, SGD, "scale_fn",
     "mode"),
    ({"kind": "step"}, 100, SGD, "step_size", "required"),
    ({"kind": "step", "step_size": 2.5}, 100, SGD, "step_size", "whole number"),
    ({"kind": "step", "step_size": True}, 100, SGD, "step_size", "whole number"),
    ({"kind": "step", "step_size": 0}, 100, SGD, "step_size", ">= 1"),
    ({"kind": "step", "step_size": 10, "gamma": "x"}, 100, SGD, "gamma", "a number"),
    ({"kind": "exponential", "gamma": math.nan}, 100, SGD, "gamma", "finite"),
    ({"kind": "exponential", "gamma": -0.5}, 100, SGD, "gamma", ">= 0"),
    ({"kind": "multistep", "milestones": [1.5]}, 100, SGD, "milestones", "whole numbers"),
    ({"kind": "multistep", "milestones": [-1, 3]}, 100, SGD, "milestones", ">= 0"),
    ({"kind": "multistep", "milestones": 5}, 100, SGD, "milestones", "list"),
    ({"kind": "constant", "factor": 1.5}, 100, SGD, "factor", "[0, 1]"),
    ({"kind": "constant", "factor": 0.0, "total_iters": 5}, 100, SGD, "factor",
     "ZeroDivisionError"),
    ({"kind": "constant", "total_iters": -1}, 100, SGD, "total_iters", ">= 0"),
    ({"kind": "linear", "start_factor": 0}, 100, SGD, "start_factor", "(0, 1]"),
    ({"kind": "linear", "end_factor": 1.5}, 100, SGD, "end_factor", "[0, 1]"),
    ({"kind": "cosine", "T_max": 0}, 100, SGD, "T_max", ">= 1"),
    ({"kind": "cosine", "eta_min": -0.1}, 100, SGD, "eta_min", ">= 0"),
    ({"kind": "cosine_restarts", "T_0": 0}, 100, SGD, "T_0", "positive integer T_0"),
    ({"kind": "cosine_restarts", "T_0": 2.0}, 100, SGD, "T_0", "whole number"),
    ({"kind": "cosine_restarts", "T_0": 5, "T_mult": 0}, 100, SGD, "T_mult", "T_mult >= 1"),
    ({"kind": "cosine_restarts", "T_0": 5, "T_mult": 1.5}, 100, SGD, "T_mult", "whole number"),
    ({"kind": "cyclic", "base_lr": 0.1}, 100, SGD, "max_lr", "required"),
    ({"kind": "cyclic", "base_lr": -0.1, "max_lr": 1.0}, 100, SGD, "base_lr", ">= 0"),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "mode": "triangle"}, 100, SGD, "mode",
     "\"triangular2\""),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "step_size_up": 0}, 100, SGD,
     "step_size_up", ">= 1"),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "scale_mode": "iterations"}, 100, SGD,
     "scale_mode", "ignores"),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "scale_mode": "epochs"}, 100, SGD,
     "scale_mode", "\"iterations\""),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "mode": "exp_range", "gamma": 1.5}, 100,
     SGD, "gamma", "[0, 1]"),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "cycle_momentum": True}, 100, ADAGRAD,
     "cycle_momentum", "optimizer must support momentum or beta1"),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "cycle_momentum": "yes"}, 100, SGD,
     "cycle_momentum", "true or false"),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "cycle_momentum": True,
      "max_momentum": 1.0}, 100, ADAM, "max_momentum", "[0, 1)"),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "base_momentum": -0.1}, 100, SGD,
     "base_momentum", ">= 0"),
    ({"kind": "onecycle", "max_lr": 0.1, "cycle_momentum": True}, 100, ADAGRAD,
     "cycle_momentum", "neither momentum nor betas"),
    ({"kind": "onecycle", "max_lr": 0.1, "total_steps": 50}, 100, SGD, "total_steps",
     "at least the run's steps (100)"),
    ({"kind": "onecycle", "max_lr": 0.1, "total_steps": 0}, 0, SGD, "total_steps",
     "positive integer"),
    ({"kind": "onecycle", "max_lr": 0.1, "pct_start": 1.5}, 100, SGD, "pct_start", "[0, 1]"),
    ({"kind": "onecycle", "max_lr": 0.1, "anneal_strategy": "cosine"}, 100, SGD,
     "anneal_strategy", "\"linear\""),
    ({"kind": "onecycle", "max_lr": 0.1, "pct_start": 0.01}, 100, SGD, "pct_start",
     "divides by zero in its constructor"),
    ({"kind": "onecycle", "max_lr": 0.1, "pct_start": 1.0}, 100, SGD, "pct_start",
     "after step 100"),
    ({"kind": "onecycle", "max_lr": 0.1, "pct_start": 0.505, "three_phase": True}, 100, SGD,
     "pct_start", "third phase"),
    ({"kind": "onecycle", "max_lr": 0.1, "div_factor": 0}, 100, SGD, "div_factor", "> 0"),
    ({"kind": "onecycle", "max_lr": 0.1, "three_phase": 1}, 100, SGD, "three_phase",
     "true or false"),
    ({"kind": "plateau", "factor": 1.0}, 100, SGD, "factor", "< 1.0"),
    ({"kind": "plateau", "mode": "minimum"}, 100, SGD, "mode", "\"min\""),
    ({"kind": "plateau", "threshold_mode": "relative"}, 100, SGD, "threshold_mode", "\"abs\""),
    ({"kind": "plateau", "patience": -1}, 100, SGD, "patience", ">= 0"),
    ({"kind": "plateau", "cooldown": 1.5}, 100, SGD, "cooldown", "whole number"),
    ({"kind": "plateau", "min_lr": [0.1]}, 100, SGD, "min_lr", "a number"),
    ({"kind": "plateau", "min_lr": -1e-3}, 100, SGD, "min_lr", ">= 0"),
    ({"kind": "plateau", "eps": math.inf}, 100, SGD, "eps", "finite"),
]


@pytest.mark.parametrize("params, steps, opt, key, needle", BAD,
                         ids=[f"{b[0].get('kind', 'none')}-{b[3]}-{i}" for i, b in
                              enumerate(BAD)])
def test_check_names_the_key(params, steps, opt, key, needle):
    problems = check_schedule(params, base_lr=0.1, steps=steps, optimizer=opt)
    assert any(k == key and needle in msg for k, msg in problems), problems
    with pytest.raises(ValueError, match=key):
        make_schedule(params, base_lr=0.1, steps=steps, optimizer=opt)


GOOD = [
    ({"kind": "constant", "factor": 0.0, "total_iters": 500}, 100, SGD),
    ({"kind": "onecycle", "max_lr": 0.1, "pct_start": 1.0, "total_steps": 101}, 100, SGD),
    ({"kind": "onecycle", "max_lr": 0.1, "pct_start": 0.505, "three_phase": True}, 99, SGD),
    ({"kind": "onecycle", "max_lr": 0.1, "pct_start": 0}, 100, SGD),
    ({"kind": "onecycle", "max_lr": 0.1, "total_steps": 100}, 100, SGD),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "mode": "exp_range", "gamma": 0.99,
      "scale_mode": "iterations"}, 100, SGD),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "cycle_momentum": True}, 100,
     make_optimizer("rmsprop")),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "cycle_momentum": True}, 100,
     SimpleNamespace(name="sgd", hp={"lr": 0.1})),
    ({"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0, "cycle_momentum": True}, 100, None),
    ({"kind": "cosine"}, 0, SGD),
    ({"kind": "multistep", "milestones": []}, 100, SGD),
    ({"kind": "plateau", "factor": 0, "threshold": 2}, 100, ADAGRAD),
]


@pytest.mark.parametrize("params, steps, opt", GOOD)
def test_check_accepts(params, steps, opt):
    assert check_schedule(params, base_lr=0.1, steps=steps, optimizer=opt) == []
    make_schedule(params, base_lr=0.1, steps=steps, optimizer=opt).init(2)


def test_every_problem_is_reported_at_once():
    problems = check_schedule({"kind": "cyclic", "max_lr": -1, "mode": "x", "speed": 2},
                              base_lr=0.1, steps=10, optimizer=SGD)
    assert {k for k, _ in problems} == {"base_lr", "max_lr", "mode", "speed"}


def test_registry():
    assert list(SCHEDULES) == ["constant", "step", "multistep", "exponential", "cosine",
                               "cosine_restarts", "cyclic", "onecycle", "linear", "plateau",
                               "polynomial", "multiplicative", "sequential", "chained"]
    for d in SCHEDULES.values():
        assert d.torch_name in d.doc.splitlines()[0]
        assert set(d.defaults) | set(d.required) == set(d.kinds)
        assert not set(d.defaults) & set(d.required)
    assert SCHEDULES["constant"].defaults["factor"] == 1.0
    assert SCHEDULES["cyclic"].defaults["cycle_momentum"] is False
    assert SCHEDULES["onecycle"].defaults["cycle_momentum"] is False
    assert SCHEDULES["linear"].defaults["start_factor"] == 1.0 / 3
    assert SCHEDULES["cyclic"].required == ("base_lr", "max_lr")
    assert SCHEDULES["plateau"].kinds["mode"] == ("min", "max")


def test_chain_problems_name_the_inner_key():
    table = {"kind": "sequential", "milestones": [5, -1],
             "schedules": [{"kind": "linear", "start_factor": 2.0},
                           {"kind": "cosine", "T_max": 0}, {"kind": "plateau"},
                           {"kind": "cyclic", "base_lr": 0.1, "max_lr": 1.0},
                           {"kind": "cosin"}]}
    problems = dict(check_schedule(table, base_lr=0.1, steps=50, optimizer=SGD))
    assert set(problems) == {"milestones", "schedules[0].start_factor", "schedules[1].T_max",
                             "schedules[2].kind", "schedules[3].kind", "schedules[4].kind"}
    assert "did you mean \"cosine\"" in problems["schedules[4].kind"]
    assert "ReduceLROnPlateau" in problems["schedules[2].kind"]
    chained = {"kind": "chained", "schedules": [{"kind": "exponential"}], "milestones": [1]}
    assert {k for k, _ in check_schedule(chained, base_lr=0.1, steps=50, optimizer=SGD)} == \
        {"milestones", "schedules[0].gamma"}
    short = {"kind": "sequential", "milestones": [3, 9],
             "schedules": [{"kind": "constant"}, {"kind": "polynomial", "total_iters": 0}]}
    assert "one milestone fewer" in dict(check_schedule(short, base_lr=0.1, steps=50,
                                                        optimizer=SGD))["milestones"]


def test_preview_shows_the_whole_chain():
    table = {"kind": "sequential", "milestones": [10],
             "schedules": [{"kind": "linear", "start_factor": 0.1, "total_iters": 10},
                           {"kind": "cosine", "T_max": 30}]}
    lr = lr_preview(table, base_lr=1.0, steps=40, optimizer=SGD)
    np.testing.assert_allclose(lr[:11], np.linspace(0.1, 1.0, 11))
    assert lr[11] < 1.0 and lr[40 - 1] == pytest.approx(0.5 * (1 + math.cos(math.pi * 29 / 30)))


def test_derived_defaults_follow_the_run():
    cos = make_schedule({"kind": "cosine"}, base_lr=1.0, steps=40, optimizer=SGD)
    assert cos.params["T_max"] == 40
    one = make_schedule({"kind": "onecycle", "max_lr": 1.0}, base_lr=1.0, steps=40,
                        optimizer=SGD)
    assert one.params["total_steps"] == 40
    cyc = make_schedule({"kind": "cyclic", "base_lr": 0.0, "max_lr": 1.0, "step_size_up": 3,
                         "mode": "exp_range"}, base_lr=1.0, steps=40, optimizer=SGD)
    assert cyc.params["step_size_down"] == 3 and cyc.params["scale_mode"] == "iterations"


def test_multistep_milestones_count_like_torchs_counter():
    """torch keeps milestones in a Counter: order is free, a repeat applies gamma twice."""
    params = {"kind": "multistep", "milestones": [5, 3, 5], "gamma": 0.5}
    lrs = lr_preview(params, base_lr=1.0, steps=8, optimizer=None)
    assert lrs.tolist() == [1.0, 1.0, 1.0, 0.5, 0.5, 0.125, 0.125, 0.125]
