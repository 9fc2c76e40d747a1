"""Languages: every visible string of the interface has a Simplified Chinese translation.

resources/i18n/gdstudio_zh_CN.ts is the source (scripts/i18n.sh update), the checked-in
.qm its compiled form (scripts/i18n.sh compile). With zh_CN loaded, the real window's
menus, actions, docks, group boxes, buttons and labels show no untranslated English.

GDSTUDIO_SCREENSHOTS=1 also writes docs/screenshots/ui_zh.png.
"""

import contextlib
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "gdstudio_zh_CN.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
SOURCES = sorted((ROOT / "gdstudio" / "gui").rglob("*.py"))

sys.path.insert(0, str(ROOT / "scripts"))
import extract_core_messages  # noqa: E402

# English words that may stay as they are in the Chinese interface: names, keywords,
# abbreviations, key names, file types and the language's own name in the language menu.
ALLOWED_WORDS = {
    "gdstudio", "lr", "min_lr", "base_lr", "max_lr", "patience", "start", "every", "SWA",
    "PCA", "Hessian", "OpenGL", "PNG", "SVG", "GIF", "MP4", "CSV", "JSON", "h5", "hdf5",
    "toml", "Home", "End", "Page", "Up", "Down", "Space", "Shift", "Ctrl", "Esc",
    "English", "e", "x", "y", "w", "b", "pi", "Iris", "MLP", "SGD", "Adam",
    # the mathematicians the built-in test functions are named after
    "Rosenbrock", "Himmelblau", "Beale", "Booth", "Rastrigin", "Ackley", "Goldstein",
    "Price", "Matyas", "Levi", "N", "Styblinski", "Tang", "McCormick", "Easom",
}
# Labels that show scene content (a scene's own notes and title, parse errors quoting the
# formula), not interface text.
CONTENT_LABELS = {"notes", "problems", "formulaError"}


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"{name} is not installed")
        path = Path(found)
    return path


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            out[(name, m.findtext("source") or "")] = m.find("translation")
    return out


def test_every_message_has_a_finished_translation():
    messages = _messages(TS)
    assert len(messages) > 150
    bad = [src for (_, src), t in messages.items()
           if t is None or t.get("type") in ("unfinished", "obsolete", "vanished")
           or not (t.text or "").strip()]
    assert not bad, f"untranslated: {bad}"
    for (ctx, src), t in messages.items():
        assert sorted(re.findall(r"%\d", src)) == sorted(re.findall(r"%\d", t.text)), (ctx, src)
        assert ("&" in src.replace("&&", "")) <= ("&" in t.text), ("lost accelerator", src)
        words = re.sub(r"\{[^{}]*\}", "", src) if ctx == "core" else src  # {placeholders}
        if re.search(r"[A-Za-z]{3}", words) and src.strip() not in ("SWA",):
            assert re.search(r"[\u4e00-\u9fff]", t.text), ("not Chinese", src, t.text)


def test_every_tr_string_and_core_template_in_the_source_is_in_the_ts(tmp_path):
    """What ``scripts/i18n.sh update`` makes from the code alone is what is checked in:
    the window's tr() strings and the core's Msg templates (context "core")."""
    fresh = tmp_path / "fresh.ts"
    core = tmp_path / "core_messages.py"
    assert extract_core_messages.main([str(core)]) == 0
    subprocess.run([str(_tool("pyside6-lupdate")), *map(str, SOURCES), str(core),
                    "-ts", str(fresh)], check=True, capture_output=True)
    scanned, checked_in = set(_messages(fresh)), set(_messages(TS))
    assert scanned - checked_in == set(), "run scripts/i18n.sh update and translate"
    assert checked_in - scanned == set(), "stale messages: run scripts/i18n.sh update"


def test_qm_is_compiled_from_the_ts(tmp_path):
    out = tmp_path / "fresh.qm"
    subprocess.run([str(_tool("pyside6-lrelease")), str(TS), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run scripts/i18n.sh compile"


def test_builtin_surface_descriptions_are_marked_and_translated(zh):
    from PySide6.QtCore import QCoreApplication

    from gdstudio.core.surfaces import BUILTINS
    from gdstudio.gui.text.core_text import SURFACE_DESCRIPTIONS

    descriptions = {s.description for s in BUILTINS.values()}
    assert descriptions == set(SURFACE_DESCRIPTIONS), "update gdstudio/gui/text/core_text.py"
    for text in descriptions:
        assert QCoreApplication.translate("surfaces", text) != text, text


def test_translator_loads_and_translates(zh):
    from PySide6.QtCore import QCoreApplication

    from gdstudio.gui.text import i18n

    assert i18n.ui_language() == "zh"
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("Transport", "step %1 / %2") == "第 %1 / %2 步"


@contextlib.contextmanager
def interface_language(app, language: str):
    """The interface in ``language`` (setting and translators) for the block; afterwards
    English translators and the setting as it was."""
    from PySide6.QtCore import QSettings

    from gdstudio.gui.state import settings
    from gdstudio.gui.text import i18n

    before = QSettings().value("language", None)
    settings.set_language(language)
    try:
        yield i18n.install(app, language)
    finally:
        i18n.install(app, "en")
        if before is None:
            QSettings().remove("language")
        else:
            QSettings().setValue("language", before)


@pytest.fixture
def zh(qapp):
    """The zh_CN translators installed (as create_app does for a Chinese locale)."""
    with interface_language(qapp, "zh") as translators:
        yield translators


def _allowed_words() -> set[str]:
    from gdstudio.core.formula import ALLOWED_FUNCTIONS
    from gdstudio.core.optimizers import OPTIMIZERS
    from gdstudio.core.schedules import SCHEDULES

    words = {w.lower() for w in ALLOWED_WORDS} | set(SCHEDULES) | set(OPTIMIZERS)
    for opt in OPTIMIZERS.values():
        words |= set(opt.defaults)
    for schedule in SCHEDULES.values():      # torch's keyword names and choices: the labels
        words |= {k.lower() for k in schedule.kinds}      # of the schedule fields
        words |= {c for kind in schedule.kinds.values() if isinstance(kind, tuple) for c in kind}
    words |= {"torch", "min_delta", "true", "false"}    # and TOML's switches
    words |= set(ALLOWED_FUNCTIONS) | {"a", "b"}   # formula syntax: min(a, b)
    return words | {"rmsprop", "sgdr", "nesterov", "triangular", "triangular2"}


def _english(text: str) -> list[str]:
    """The English words in ``text`` not on the allowed list (markup, accelerators removed)."""
    text = re.sub(r"\(&.\)|<[^>]+>", " ", text).replace("&", "")
    allowed = _allowed_words()
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_0-9]*", text) if w.lower() not in allowed]


def _visible_texts(w) -> list[tuple[str, str]]:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QDockWidget,
        QGroupBox,
        QLabel,
        QMenu,
        QWidget,
    )

    from gdstudio.core.optimizers import OPTIMIZERS
    from gdstudio.core.schedules import SCHEDULES
    from gdstudio.core.surfaces import BUILTINS

    names = set(OPTIMIZERS) | set(SCHEDULES) | set(BUILTINS)
    scene = w.model.scene
    labels = {r.label for r in scene.runs} if scene is not None else set()
    recent = {a.text() for a in w.recent_menu.actions()}
    out = []

    def add(kind, text):
        if text and text not in names and text not in labels and text not in recent:
            out.append((kind, text))

    for a in w.findChildren(QAction):
        if not a.isSeparator():
            add("action", a.text())
    for m in w.findChildren(QMenu):
        add("menu", m.title())
    for d in w.findChildren(QDockWidget):
        add("dock", d.windowTitle())
    for g in w.findChildren(QGroupBox):
        add("group", g.title())
    for widget in w.findChildren(QWidget):
        if isinstance(widget, QLabel) and widget.objectName() not in CONTENT_LABELS:
            add("label", widget.text())
        elif isinstance(widget, QAbstractButton):
            add("button", widget.text())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add("combo", widget.itemText(i))
        if widget.toolTip() and not isinstance(widget, QComboBox):
            add("tooltip", widget.toolTip())
    for run in labels:   # run labels may carry a status suffix: check only the rest
        out = [(k, t.replace(run, "")) for k, t in out]
    return out


def test_window_in_chinese_has_no_english_left(zh, make_window, default_scene, qtbot):
    w = make_window(default_scene)
    w.lessons.open(0)
    w.playback.step(3)
    qtbot.wait(100)
    texts = _visible_texts(w)
    assert any("文件" in t for _, t in texts)
    left = [(kind, text) for kind, text in texts if _english(text)]
    assert not left, f"untranslated: {left}"
    if os.environ.get("GDSTUDIO_SCREENSHOTS"):
        w.resize(1560, 960)
        w.lessons.dock.hide()
        w.playback.step(30)
        qtbot.wait(300)
        assert w.grab().save(str(ROOT / "docs" / "screenshots" / "ui_zh.png"))
    combo = w.dock.surface_combo
    combo.setCurrentIndex(combo.findData("rosenbrock"))
    qtbot.waitUntil(lambda: "Rosenbrock" in w.dock.description.text(), timeout=5000)
    assert "香蕉" in w.dock.description.text()
    left = [(kind, text) for kind, text in _visible_texts(w) if _english(text)]
    assert not left, f"untranslated: {left}"



def test_3d_view_labels_are_in_chinese(zh, make_window, qtbot):
    w = make_window({"surface": {"builtin": "sphere"},
                     "run": [{"label": "big", "optimizer": "sgd", "lr": 1.5, "steps": 1500,
                              "start": [1.0, 1.0]}]})
    w.playback.run_to_end()
    qtbot.waitUntil(lambda: w.playback.state == "finished", timeout=20_000)
    sv = w.surface_view
    texts = [lab.text for lab in sv.axis_labels.labels + sv.run_labels.labels if lab.text]
    assert any("损失" in t for t in texts)
    diverged = [t for t in texts if t.startswith("big: ")]
    assert diverged and "发散" in diverged[0]
    numbers = r"[-+]?\d[\d.]*e[-+]?\d+"             # tick values like 3.971e-05
    left = [t for t in texts if _english(re.sub(numbers, "", t.removeprefix("big: ")))]
    assert not left, f"untranslated: {left}"


def test_an_overflowing_value_reads_in_chinese(zh):
    from gdstudio.gui.draw.display import format_value

    assert format_value(float("inf")) == "溢出"
    assert format_value(float("-inf")) == "-溢出"
    assert format_value(2.5) == "2.5"
