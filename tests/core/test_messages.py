"""The core's messages are Msg: the same English text as always, plus the template and
the values it was made from, so the interface can translate them (gdstudio/gui/text/core_text)."""

import copy
import pickle
import re
import string

import pytest

from gdstudio.core.errors import (
    DataError,
    FormulaError,
    GdError,
    Indented,
    Msg,
    SceneError,
    render,
)
from gdstudio.core.formula import compile_formula, describe_allowed
from gdstudio.core.optimizers import check_hyper
from gdstudio.core.runner import run_scene
from gdstudio.core.scene import load_scene, scene_from_dict
from gdstudio.core.schedules import check_schedule
from gdstudio.core.surfaces import builtin_surface, formula_surface, load_csv

BAD_SCENE = {
    "titel": "typo",
    "surface": {"builtin": "rosenbrok"},
    "defaults": {"label": "all"},
    "run": [
        {"optimizer": "adamm", "start": [0, 0]},
        {"label": "b", "optimizer": "sgd", "lr": -1, "momentum": "x", "start": [1, "a"],
         "stop": {"patience": 0, "min_delta": 1}, "swa": {"every": 0}, "color": "#12"},
        {"label": "c", "optimizer": "adam", "betas": [1.0, 0.5], "start": {"grid": 1, "n": 2},
         "steps": -1},
        {"label": "d", "optimizer": "sgd", "start": [0, 0],
         "schedule": {"kind": "onecycle", "max_lr": 1, "total_steps": 5, "epochs": 3}},
    ],
}


def _problems(raw, **kw) -> list[str]:
    with pytest.raises(SceneError) as err:
        scene_from_dict(raw, source_name="bad.toml", **kw)
    return err.value.problems


def _error(fn, *args, **kw) -> GdError:
    with pytest.raises(GdError) as err:
        fn(*args, **kw)
    return err.value


_FIELDS = string.Formatter()


def _shout(template: str) -> str:
    """A stand-in translation: the template's own words in capitals, its fields kept."""
    out = []
    for literal, field, spec, conv in _FIELDS.parse(template):
        out.append(literal.upper().replace("{", "{{").replace("}", "}}"))
        if field is not None:
            out.append("{" + field + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "")
                       + "}")
    return "".join(out)


def _lowercase_runs(text: str) -> list[str]:
    """Runs of lowercase English words left after the stand-in translation: words of
    a template that reached the message as a plain string (its Msg was lost). Quoted
    values, lists after "one of"/"allowed:"/"takes" and function lists are values."""
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`", "", text)
    text = re.sub(r"(ONE OF|ALLOWED:|TAKES|FUNCTIONS|ARE:) [^;\n]*", "", text)
    return re.findall(r"\b[a-z]{2,}(?: [a-z]{2,})+\b", text)


def test_msg_is_the_formatted_english_and_keeps_its_template():
    inner = Msg("unknown key {key!r}", key="lrr")
    m = Msg("{file}: {where}: {problem} ({n:,} of {most:,})", file="a.toml", where="top",
            problem=inner, n=12345, most=10_000_000)
    assert m == "a.toml: top: unknown key 'lrr' (12,345 of 10,000,000)"
    assert isinstance(m, str) and type(str(m)) is str
    assert m.template == "{file}: {where}: {problem} ({n:,} of {most:,})"
    assert m.args["problem"] is inner and m.args["n"] == 12345
    assert Msg("a {{literal}} brace") == "a {literal} brace"
    for copied in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m), copy.copy(m)):
        assert copied == m and copied.template == m.template
        assert isinstance(copied.args["problem"], Msg)


def test_render_translates_templates_and_arguments_and_falls_back_to_english():
    m = Msg("{where}: expected {what}, got {value!r}", where=Msg("top level"),
            what=Msg("a number"), value="x")
    assert render(m, str) == m
    assert render(m, _shout) == "TOP LEVEL: EXPECTED A NUMBER, GOT 'x'"
    broken = {"{where}: expected {what}, got {value!r}": "{where} {missing}",
              "top level": "{", "a number": "{what:d}"}
    assert render(m, lambda t: broken.get(t, t)) == m      # every template falls back
    assert render(5, _shout) == 5 and render("plain", _shout) == "plain"


def test_errors_render_as_str_gives_them():
    e = _error(compile_formula, "x**")
    assert isinstance(e, FormulaError)
    assert e.render_text(str) == str(e) == e.render()
    shouted = e.render_text(_shout)
    assert shouted.splitlines()[1:3] == str(e).splitlines()[1:3]      # formula and caret
    assert shouted.splitlines()[0] == e.message.upper()
    problems = _problems(BAD_SCENE)
    err = SceneError(problems)
    assert err.render_text(str) == str(err) == "\n".join(problems)
    block = Indented(e)
    assert block == "\n" + "\n".join("    " + line for line in str(e).splitlines())
    assert render(block, _shout).splitlines()[1] == "    " + e.message.upper()


def test_a_sample_of_messages_are_msg_with_their_values_as_arguments():
    problems = _problems(BAD_SCENE)
    assert len(problems) >= 10
    for p in problems:
        assert isinstance(p, Msg) and p.template.startswith("{file}: {where}")
        assert isinstance(p.args["problem"], Msg)
    first = problems[0]
    assert first == ("bad.toml: top level 'titel': unknown key (did you mean 'title'?); "
                     "allowed: title, notes, lesson, surface, defaults, run")
    assert first.args["key"] == "titel" and first.args["file"] == "bad.toml"
    assert first.args["where"].template == "top level"
    assert "titel" not in first.args["problem"].template

    e = _error(compile_formula, "foo(x) + y")
    assert e.message.template == "unknown name '{name}'" and e.message.args == {"name": "foo"}
    assert e.hint.template.startswith("Allowed: numbers, the parameters {params}")
    assert describe_allowed(("w", "b"), ("x", "y")).args["columns"].template == (
        "{names} and {last}")

    (key, msg), = check_hyper("sgd", {"lr": -1})
    assert key == "lr" and msg.template == "expected a number >= 0 ({why}), got {value}"
    assert msg.args["why"].template == "a learning rate cannot be negative"
    (key, msg), = check_schedule({"kind": "cosinee"}, base_lr=0.1, steps=10, optimizer=None)
    assert msg.template.startswith("unknown schedule {value} (did you mean {guess}, ")
    e = _error(builtin_surface, "rosenbrok")
    assert e.args[0].template.startswith("unknown surface {name}; did you mean {a}?")
    e = _error(run_scene, load_scene(BAD_SCENE_OK), steps=-1)
    assert e.args[0].template == "steps must be a whole number >= 0, got {value}"


BAD_SCENE_OK = """
[surface]
builtin = "sphere"
[[run]]
optimizer = "sgd"
start = [1.0, 1.0]
"""


@pytest.fixture
def bad_csv(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("x,y\n1,2\n3\n")
    return p


def test_data_errors_are_msg(bad_csv, tmp_path):
    e = _error(load_csv, bad_csv)
    assert isinstance(e, DataError)
    assert str(e) == f"{bad_csv}, line 3: 1 value, but the header (line 1) names 2 columns (x, y)"
    m = e.args[0]
    assert m.args["where"].template == "{file}, line {line}" and m.args["m"] == 2
    problems = _problems({"surface": {"expr": "x + y", "bounds": [[0, 1], [0, 1]],
                                      "params": ["w", "b"], "data": str(bad_csv)},
                          "run": [{"optimizer": "sgd", "start": [0, 0]}]})
    assert problems[0].args["problem"] is not None
    assert render(problems[0], _shout).endswith(render(m, _shout))


def _corpus(tmp_path) -> list[GdError]:
    (tmp_path / "short.csv").write_text("x,y\n1\n")
    (tmp_path / "text.csv").write_text("x,y\n1,abc\n")
    (tmp_path / "head.csv").write_text("1,2\n")
    errors = []
    for fn, args in [
        (scene_from_dict, (BAD_SCENE,)),
        (load_scene, ("title = \n",)),
        (load_scene, (tmp_path / "missing.toml",)),
        (compile_formula, ("x**",)), (compile_formula, ("foo(x)",)),
        (compile_formula, ("sine(x) + y^2",)), (compile_formula, ("x y",)),
        (compile_formula, ("(x]",)), (compile_formula, ("1/0 + x",)),
        (compile_formula, ("",)), (compile_formula, ("sin(x, y)",)),
        (load_csv, (tmp_path / "short.csv",)), (load_csv, (tmp_path / "text.csv",)),
        (load_csv, (tmp_path / "head.csv",)),
        (formula_surface, ("x + w", ((0, 1), (0, 1))), ),
        (builtin_surface, ("qqqqqqq",)),
    ]:
        errors.append(_error(fn, *args))
    errors.append(_error(formula_surface, "x + y", ((0, 1), (0, 1)),
                         data={"x": [1.0, 2.0]}))
    for schedule in ({"kind": "cyclic", "base_lr": -1, "max_lr": 1, "mode": "exp_range",
                      "gamma": 2, "scale_mode": "cycle", "cycle_momentum": True},
                     {"kind": "onecycle", "max_lr": 1, "pct_start": 1.0, "total_steps": 10},
                     {"kind": "onecycle", "max_lr": 1, "pct_start": 0.1, "total_steps": 10},
                     {"kind": "constant", "factor": 0, "total_iters": 5}):
        errors.append(_error(scene_from_dict, {
            "surface": {"builtin": "sphere"},
            "run": [{"optimizer": "rmsprop", "start": [0, 0], "steps": 10,
                     "schedule": schedule}]}))
    return errors


def test_no_message_loses_its_template_on_the_way(tmp_path):
    """Rendered with a stand-in translation, no words of a template are left in English
    (a plain-string concatenation on the way would keep them)."""
    for e in _corpus(tmp_path):
        assert e.render_text(str) == str(e)
        shouted = e.render_text(_shout)
        assert shouted != str(e)
        left = _lowercase_runs(shouted)
        assert not left, (str(e), left)
