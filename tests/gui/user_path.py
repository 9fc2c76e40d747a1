"""Driving the window the way a user does: menu entries found by their text, modal dialogs
answered through their own buttons from a timer while ``exec()`` blocks."""


from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
)


def plain(text: str) -> str:
    """A menu text without its ``&`` mnemonic marks."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_action(window, *path: str) -> QAction:
    """The action at ``path`` in the menu bar, each part matched against the start of the
    entry's text: ``menu_action(w, "File", "Export", "Run as GIF")``."""
    actions = window.menuBar().actions()
    for i, part in enumerate(path):
        found = [a for a in actions if plain(a.text()).startswith(part)]
        assert found, f"no menu entry {part!r} in {[plain(a.text()) for a in actions]}"
        if i == len(path) - 1:
            return found[0]
        assert found[0].menu() is not None, f"{part!r} is not a menu"
        actions = found[0].menu().actions()
    raise AssertionError("empty menu path")


def press(dialog: QDialog, which=QDialogButtonBox.StandardButton.Ok) -> None:
    """Click a dialog's button (OK by default) with the mouse."""
    box = dialog.findChild(QDialogButtonBox)
    button = box.button(which) if box is not None else None
    if isinstance(dialog, QMessageBox):
        button = dialog.defaultButton() or dialog.escapeButton() or dialog.buttons()[0]
    assert button is not None, f"{type(dialog).__name__} {dialog.windowTitle()!r} has no button"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


class ModalAnswerer:
    """Hands each modal dialog that opens (progress dialogs aside) to ``answer(dialog)``,
    which fills it in and presses a button. ``seen`` lists (type name, title, text)."""

    def __init__(self, answer=press, interval_ms: int = 20):
        self.answer = answer
        self.seen: list[tuple[str, str, str]] = []
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._check)
        self.timer.start()

    def _check(self) -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QDialog) or isinstance(dlg, QProgressDialog) \
                or not dlg.isVisible() or dlg.property("answeredByTest"):
            return
        dlg.setProperty("answeredByTest", True)
        text = dlg.text() if isinstance(dlg, QMessageBox) else ""
        self.seen.append((type(dlg).__name__, dlg.windowTitle(), text))
        self.answer(dlg)

    def stop(self) -> None:
        self.timer.stop()


def answer_modals(answer=press) -> ModalAnswerer:
    """Start answering modal dialogs; call ``.stop()`` when done."""
    return ModalAnswerer(answer)


def choose(qtbot, combo, data=None, *, text: str | None = None) -> None:
    """Open ``combo``'s list with the mouse and click the entry whose data is ``data`` (or
    whose text is ``text``), as a user picks it; waits until the list has closed and the
    combo shows that entry."""
    row = combo.findText(text) if text is not None else combo.findData(data)
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    qtbot.wait(QApplication.doubleClickInterval() + 50)   # Qt ignores a release that quick
    index = combo.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: combo.currentText() == text if text is not None
                    else combo.currentData() == data, timeout=3000)


def set_form_fields(dlg, values: dict) -> None:
    """Set the number fields of ``dlg``'s form by their labels (every one must be found)."""
    form = dlg.findChild(QFormLayout)
    filled = set()
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        name = label.widget().text() if label is not None else None
        if name in values:
            field.widget().setValue(values[name])
            filled.add(name)
    assert filled == set(values), f"{dlg.windowTitle()}: missing {set(values) - filled}"


def retype(qtbot, widget, text: str) -> None:
    """Click into a field, replace what is there with ``text`` and press Enter."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
