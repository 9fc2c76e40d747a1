"""The core's messages in the interface language (gdstudio/gui/text/core_text.py).

gdstudio.core builds its messages as Msg (English text that keeps its template and
values); scripts/extract_core_messages.py lists the templates in build/i18n/
core_messages.py for pyside6-lupdate (context "core"). With zh_CN installed, bad input
fed through the real window (the dock's live validation, the formula editor, the Analyze
menu) shows Chinese; in English the window shows exactly what the command line prints.
"""

import ast
import contextlib
import copy
import io
import re
import string

import pytest
import tomli_w
from test_gui_dock import FORMULA_SCENE, type_formula
from test_gui_i18n import (  # noqa: F401 (zh: a fixture)
    TS,
    _english,
    _messages,
    extract_core_messages,
    zh,
)

from gdstudio.core.errors import FormulaError, GdError, Msg, SceneError
from gdstudio.core.formula import compile_formula
from gdstudio.core.scene import scene_from_dict
from gdstudio.gui.features.analysis import fill
from gdstudio.gui.text import core_text
from gdstudio.gui.text.core_text import localize, localize_error

BAD_SCENE = {
    "titel": "typo",
    "surface": {"builtin": "rosenbrok"},
    "run": [
        {"label": "GD", "optimizer": "adamm", "start": [0.0, 0.0]},
        {"label": "GD2", "optimizer": "sgd", "lr": -1, "momentum": "x", "start": [1, "a"],
         "stop": {"patience": 0, "min_delta": 1}, "color": "#12"},
        {"label": "GD3", "optimizer": "adam", "betas": [1.0, 0.5], "steps": -1,
         "start": {"grid": [[0, 1], [0, 1]], "n": [0, 2]}},
    ],
}
BAD_CSV = "x,y\n1,2\n3\n"


def _han(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def _english_runs(text: str) -> list[str]:
    """Runs of three or more English words (outside quoted values) that the interface's
    allowed list does not explain: untranslated prose."""
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`", " ", text)
    runs = re.findall(r"[A-Za-z][\w.]*(?: +[A-Za-z][\w.]*){2,}", text)
    return [r for r in runs if _english(r)]


def assert_chinese(text: str) -> None:
    assert text and _han(text), text
    assert not _english_runs(text), (_english_runs(text), text)


def _fields(template: str) -> list[tuple]:
    return sorted((f, c, s) for _, f, s, c in string.Formatter().parse(template)
                  if f is not None)


def _bad_csv_scene(tmp_path) -> dict:
    path = tmp_path / "points.csv"
    path.write_text(BAD_CSV)
    return {"title": "fit", "surface": {"expr": "(w*x + b - y)**2", "bounds": [[-2, 2], [-2, 2]],
                                        "params": ["w", "b"], "data": str(path)},
            "run": [{"label": "GD", "optimizer": "sgd", "start": [0.0, 0.0]}]}


# -- the template list and the translations ---------------------------------------------

def test_the_generated_list_for_lupdate_holds_every_template_as_written(tmp_path):
    """build/i18n/core_messages.py gives lupdate each template exactly, however long."""
    templates, problems = extract_core_messages.scan()
    assert problems == []
    assert len(templates) > 300
    out = tmp_path / "core_messages.py"
    assert extract_core_messages.main([str(out)]) == 0
    calls = [n for n in ast.walk(ast.parse(out.read_text(encoding="utf-8")))
             if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "QT_TRANSLATE_NOOP"]
    assert [ast.literal_eval(c.args[1]) for c in calls] == templates
    assert {ast.literal_eval(c.args[0]) for c in calls} == {"core"}


def test_every_msg_call_has_a_literal_template(tmp_path):
    assert extract_core_messages.scan()[1] == []
    bad = tmp_path / "bad.py"
    bad.write_text("t = 'a'\nMsg(t)\nerrors.Msg(f'{t}')\nMsg('ok {a}', a=1)\nMsg()\n")
    templates, problems = extract_core_messages.scan([bad])
    assert templates == ["ok {a}"]
    assert [p.rsplit(":", 2)[1] for p in problems] == ["2", "3", "5"]


def test_every_core_template_has_a_finished_chinese_translation():
    core = {src: t for (ctx, src), t in _messages(TS).items() if ctx == "core"}
    templates = extract_core_messages.scan()[0]
    assert set(core) == set(templates), "run scripts/i18n.sh update and translate"
    for src, t in core.items():
        assert t is not None and t.get("type") is None and (t.text or "").strip(), src
        assert _fields(t.text) == _fields(src), (src, t.text)   # also: no lone brace
        if re.search(r"[A-Za-z]{3}", re.sub(r"\{[^{}]*\}", "", src)):
            assert _han(t.text), (src, t.text)


def test_localize_is_english_without_translator_and_never_raises(monkeypatch):
    e = pytest.raises(FormulaError, compile_formula, "foo(x)").value
    msg = Msg("{file}: {where}: {problem}", file="a.toml", where=Msg("top level"),
              problem=e.message)
    assert localize(msg) == msg and type(localize(msg)) is str
    assert localize_error(e) == str(e)
    assert localize("plain") == "plain" and localize(3) == 3
    assert localize_error(ValueError(Msg("learning rates must be > 0"))) == (
        "learning rates must be > 0")
    assert localize_error(OSError(2, "No such file")) == "[Errno 2] No such file"
    for broken in ("{", "}", "{nope}", "{0}", "{file:d}", "{problem!x}"):
        monkeypatch.setattr(core_text, "_translate", lambda t, b=broken: b)
        assert localize(msg) == msg
        assert localize_error(e) == str(e)
    monkeypatch.setattr(core_text, "_translate", lambda t: 1 / 0)
    assert localize(msg) == msg and localize_error(e) == str(e)


# -- Chinese through the real window ------------------------------------------------------

@pytest.mark.usefixtures("zh")
def test_dock_shows_scene_problems_in_chinese(make_window, default_scene, tmp_path):
    w = make_window(default_scene)
    dock = w.dock
    edit = dock.hyper_edits["momentum"]                 # typed in the dock
    edit.setText("-1")
    edit.editingFinished.emit()
    assert_chinese(dock.problems.text())
    assert "'momentum'" in dock.problems.text()
    assert_chinese(w.statusBar().currentMessage())

    assert not w.model.edit(copy.deepcopy(BAD_SCENE))
    with pytest.raises(SceneError) as err:
        scene_from_dict(copy.deepcopy(BAD_SCENE), path=w.model.path)
    lines = dock.problems.text().splitlines()
    assert len(lines) == len(err.value.problems) >= 8
    for line in lines:
        assert_chinese(line)
    assert '"rosenbrok"' in dock.problems.text() and "'titel'" in dock.problems.text()

    assert not w.model.edit(_bad_csv_scene(tmp_path))   # a CSV the formula cannot use
    text = dock.problems.text()
    assert_chinese(text)
    assert "points.csv" in text and "第 3 行" in text


@pytest.mark.usefixtures("zh")
def test_formula_editor_shows_errors_in_chinese(qtbot, make_window):
    w = make_window(FORMULA_SCENE)
    dock = w.dock
    for formula, caret in (("x**", 3), ("foo(x)", 0), ("x + sine(y)", 4)):
        type_formula(qtbot, dock, formula)
        assert dock.formula_error.isVisible()
        lines = dock.formula_error.text().splitlines()
        assert_chinese(lines[0])
        assert lines[1:] == ["  " + formula, "  " + " " * caret + "^"]
        assert_chinese(dock.formula_error.toolTip())
    assert "未知名称 'foo'" in localize_error(pytest.raises(FormulaError, compile_formula,
                                                              "foo(x)").value)


@pytest.mark.usefixtures("zh")
def test_analysis_messages_in_chinese(qtbot, make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(
        (title, text)))
    w = make_window({"title": "h", "surface": {"builtin": "himmelblau"},
                     "run": [{"label": "GD", "optimizer": "sgd", "lr": 0.005,
                              "start": [0.0, 0.0], "steps": 50}]})
    w.analysis.show_critical_points()
    assert_chinese(w.statusBar().currentMessage())
    bad = tmp_path / "notes.h5"
    bad.write_text("not hdf5")
    pytest.importorskip("h5py")
    assert not w.analysis.import_h5(bad)
    (title, text), = shown
    assert _han(title) and _han(text) and str(bad) in text
    w.analysis.start_sweep(1e-3, 0.5, 6, 40)
    qtbot.waitUntil(lambda: w.analysis.task is None, timeout=30000)
    assert_chinese(w.analysis.sweep_dock.summary.text())


# -- English: exactly the command line's text ---------------------------------------------

def test_english_dock_shows_the_cli_text(make_window, default_scene, qtbot, tmp_path):
    from gdstudio.cli import main

    path = (tmp_path / "scene.toml").resolve()
    path.write_text(default_scene.read_text(encoding="utf-8"), encoding="utf-8")
    w = make_window(path)
    for raw in (BAD_SCENE, _bad_csv_scene(tmp_path)):
        assert not w.model.edit(copy.deepcopy(raw))
        path.write_text(tomli_w.dumps(raw), encoding="utf-8")
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            assert main(["check", str(path)]) == 2
        cli = err.getvalue().splitlines()[:-1]                   # without "N problems found"
        assert w.dock.problems.text().splitlines() == cli

    w2 = make_window(FORMULA_SCENE)
    for formula in ("x**", "foo(x)"):
        type_formula(qtbot, w2.dock, formula)
        e = pytest.raises(GdError, compile_formula, formula).value
        assert w2.dock.formula_error.text().splitlines() == str(e).splitlines()[:3]
        assert w2.dock.formula_error.toolTip() == e.hint == str(e).splitlines()[-1]


def test_fill_replaces_placeholders_in_one_pass():
    assert fill("%2 and %1 (%2)", "a%2", "b") == "b and a%2 (b)"
