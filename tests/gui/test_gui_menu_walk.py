"""Every entry of every menu, triggered the way a user picks it, on the real window.

File dialogs are answered with paths in a temporary folder, parameter dialogs accepted
with their defaults, message boxes dismissed. The walk fails on any exception (strict_gui
records sys.excepthook and stderr), an export that writes no file, an analysis that
changes nothing on screen, or an error box other than one naming a missing extra. It runs
with every optional package and again with imageio and h5py unimportable.
"""

import hashlib
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
import shiboken6
import tomli_w
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from gdstudio.gui.app.language_switch import WindowHost
from gdstudio.gui.app.main_window import MainWindow
from gdstudio.resources import resource_path
from tests.gui.test_gui_i18n import interface_language
from tests.gui.user_path import ModalAnswerer, plain, press

EXTRAS = {"video": 'pip install "gdstudio[video]"', "landscape": "gdstudio[landscape]"}
ANALYSIS_TIMEOUT_MS = 240_000


def _tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + p.read_bytes())
    return h.hexdigest()


WALK_STEPS = 60


class Files:
    """Answers for QFileDialog: a new path to save to (suffix from the first pattern of
    the filter), or an existing file of the asked type to open. The scene to open (the
    walk's first entry, File > Open) is the default one cut to WALK_STEPS steps, so that
    the exports and analyses after it are quick."""

    def __init__(self, folder: Path, have_h5py: bool):
        self.folder = folder
        self.handed: list[Path] = []
        self.scene = folder / "walk-scene.toml"
        scene = tomllib.loads(resource_path("scenes", "default.toml").read_text("utf-8"))
        scene["defaults"]["steps"] = WALK_STEPS
        self.scene.write_text(tomli_w.dumps(scene), encoding="utf-8")
        self.h5 = folder / "walk-surface.h5"
        if have_h5py:
            from tests.core.test_landscape import write_reference_h5

            x = y = np.linspace(-1, 1, 21)
            write_reference_h5(self.h5, x, y, lambda a, b: 0.5 + a * a + 2 * b * b)
        else:
            self.h5.write_bytes(b"\x89HDF\r\n\x1a\n")

    @staticmethod
    def _suffix(filters: str) -> str:
        m = re.search(r"\*(\.\w+)", filters or "")
        return m[1] if m else ".txt"

    def save(self, _parent=None, _caption="", _dir="", filters="", *a, **k):
        path = self.folder / f"walk-{len(self.handed)}{self._suffix(filters)}"
        self.handed.append(path)
        return str(path), ""

    def open(self, _parent=None, _caption="", _dir="", filters="", *a, **k):
        path = self.h5 if self._suffix(filters) in (".h5", ".hdf5") else self.scene
        return str(path), ""


def answer(seen_files: Files):
    """Accept every dialog with what it shows; a non-static QFileDialog gets a path."""

    def respond(dlg):
        if isinstance(dlg, QFileDialog):
            save = dlg.acceptMode() == QFileDialog.AcceptMode.AcceptSave
            path, _ = (seen_files.save if save else seen_files.open)(
                None, "", "", ";;".join(dlg.nameFilters()))
            dlg.selectFile(path)
            dlg.accept()
        else:
            press(dlg)

    return respond


def leaves(menu, path=()):
    """(menu path, action) of every entry, depth first, submenus included; entries a menu
    rebuilt meanwhile (Open recent) are skipped."""
    for a in list(menu.actions()):
        if not shiboken6.isValid(a) or a.isSeparator():
            continue
        here = (*path, plain(a.text()))
        if a.menu() is not None:
            yield from leaves(a.menu(), here)
        else:
            yield here, a


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.slow
@pytest.mark.parametrize("extras", ["all extras", "without imageio and h5py"])
def test_every_menu_entry_works(extras, qtbot, qapp, make_window, finish, default_scene,
                                tmp_path, monkeypatch, without_modules):
    blocked = extras != "all extras"
    if blocked:
        without_modules("imageio", "imageio_ffmpeg", "h5py")
    bundled = _tree_digest(resource_path())
    files = Files(tmp_path, have_h5py=not blocked)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", files.save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", files.open)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([files.open(*a, **k)[0]], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))

    with interface_language(qapp, "en"):
        w = make_window(default_scene, replaceable=True)
        answers = ModalAnswerer(answer(files))
        problems: list[str] = []
        try:
            _walk(w, qtbot, finish, files, answers, blocked, problems)
            w = _switch_languages(w, qtbot, tmp_path)
            w.quit_action.trigger()
            qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
        finally:
            answers.stop()
            for other in QApplication.topLevelWidgets():
                if isinstance(other, MainWindow) and other.isVisible():
                    other.discard_on_close = True
                    other.close()
                    other.playback.shutdown()
            _flush_deletes()

    for kind, title, text in answers.seen:
        if kind != "QMessageBox":
            continue
        if any(cmd in text for cmd in EXTRAS.values()):
            if not blocked:
                problems.append(f"asked to install an extra that is installed: {text}")
        elif title not in ("gdstudio help",):
            problems.append(f"message box {title!r}: {text}")
    assert not problems, "\n".join(problems)
    assert _tree_digest(resource_path()) == bundled, "a bundled file was written"


def _walk(w, qtbot, finish, files, answers, blocked, problems) -> None:
    skip = {w.quit_action, *w.lessons.language_actions.values()}
    walked = []
    for path, action in leaves(w.menuBar()):
        if action in skip or not action.isEnabled():
            continue
        walked.append(path)
        where = " > ".join(path)
        analysis = path[0] == "Analyze"
        export = path[:2] == ("File", "Export")
        if analysis:
            if action is not w.analysis.critical_action and "Clear" in path[-1]:
                w.analysis.critical_action.setChecked(False)
                w.analysis.critical_action.trigger()      # something to clear
            finish(w)
            before = w.grab().toImage()
        handed, boxes = len(files.handed), len(answers.seen)
        action.trigger()
        qtbot.waitUntil(lambda: w.analysis.task is None, timeout=ANALYSIS_TIMEOUT_MS)
        qtbot.wait(50)
        new_boxes = [s for s in answers.seen[boxes:] if s[0] == "QMessageBox"]
        named_extra = any(any(c in s[2] for c in EXTRAS.values()) for s in new_boxes)
        if export and not (blocked and named_extra):
            written = files.handed[handed:]
            if not written or not all(p.is_file() and p.stat().st_size > 0
                                      for p in written):
                problems.append(f"{where}: no file written ({written})")
        if analysis and not named_extra:
            finish(w)
            if w.grab().toImage() == before:
                problems.append(f"{where}: nothing changed on screen")
    from gdstudio.core.lessons import list_lessons

    assert len([p for p in walked if p[0] == "Lessons"]) >= len(list_lessons())
    for entry in (("File", "Export", "Run as GIF or MP4..."), ("Analyze", "Basins of "
                  "attraction..."), ("Lessons", "Previous lesson"), ("Help", "Help")):
        assert entry in walked, f"{entry} was not walked: {walked}"


def _switch_languages(w, qtbot, tmp_path):
    """Lessons > Language > 中文 rebuilds the window; back to English the same way."""
    for code in ("zh", "en"):
        w.lessons.language_actions[code].trigger()
        new = WindowHost.of().window
        assert new is not None and new is not w and new.isVisible()
        new.discard_on_close = True
        new.autosave_file = tmp_path / "autosave.json"
        qtbot.waitExposed(new)
        _flush_deletes()
        w = new
    return w
