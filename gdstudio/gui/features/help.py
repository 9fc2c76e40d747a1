"""Help > Help (F1): the keyboard shortcuts, a tour of the panes and where lessons live.

The shortcut table is read from the window's QActions each time the dialog opens, so a
new or changed shortcut appears without anyone editing a help text.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout


def shortcut_actions(window) -> list[QAction]:
    """Every action of ``window`` with a shortcut, menu order first, each once."""
    seen: set[int] = set()
    out: list[QAction] = []

    def walk(actions) -> None:
        for a in actions:
            if a.menu() is not None:
                walk(a.menu().actions())
            elif not a.isSeparator() and not a.shortcut().isEmpty() and id(a) not in seen:
                seen.add(id(a))
                out.append(a)

    walk(window.menuBar().actions())
    walk(window.actions())
    return out


def action_name(action: QAction) -> str:
    """An action's text as the user reads it (no & mnemonics, no trailing dots)."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def key_text(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                     for k in action.shortcuts())


class HelpDialog(QDialog):
    """The help window: non-modal, so the keys can be tried while it stays open."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("gdstudio help"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        area = window.screen().availableGeometry()
        self.resize(min(760, area.width() * 9 // 10), min(820, area.height() * 9 // 10))

    def refresh(self) -> None:
        from gdstudio.core.lessons import lessons_dir

        keys: dict[str, list[str]] = {}      # one row per command, all of its keys
        for a in shortcut_actions(self.parentWidget()):
            keys.setdefault(action_name(a), []).append(key_text(a))
        rows = "".join(
            f"<tr><td style='padding-right:18px'><b>{html.escape(', '.join(k))}</b></td>"
            f"<td>{html.escape(name)}</td></tr>" for name, k in keys.items())
        self.browser.setHtml(
            "<h2>" + self.tr("Gradient Descent Studio") + "</h2>"
            + "<h3>" + self.tr("The panes") + "</h3><ul>"
            + "<li>" + self.tr("<b>3D view</b> (top left): the loss surface with each run lifted "
                               "onto it; drag to rotate, scroll to zoom, <b>Reset view</b> puts "
                               "the camera back.") + "</li>"
            + "<li>" + self.tr("<b>Contour pane</b> (top right): the same surface from above. "
                               "Hover for the loss and gradient; click to move the selected "
                               "run's start, shift-click to add a run there.") + "</li>"
            + "<li>" + self.tr("<b>Loss and learning-rate plots</b> (bottom): each run's loss "
                               "and learning rate per step.") + "</li>"
            + "<li>" + self.tr("<b>Transport</b> (bottom row): play, step, reset, run to end, "
                               "the speed, the timeline and each run's status.") + "</li>"
            + "<li>" + self.tr("<b>Scene dock</b> (right): the surface, the runs and the selected "
                               "run's optimizer, learning rate and schedule.") + "</li></ul>"
            + "<h3>" + self.tr("Lessons") + "</h3><p>"
            + self.tr("The <b>Lessons</b> menu opens the guided lessons in order; Page Up and "
                      "Page Down go to the previous and next one, and presenter mode (F5) "
                      "shows them full screen for a class. The lesson files are scenes in "
                      "%1: open one with File > Open and save your changes elsewhere.")
            .replace("%1", "<code>" + html.escape(str(lessons_dir())) + "</code>") + "</p>"
            + "<h3>" + self.tr("Keyboard shortcuts") + "</h3>"
            + f"<table cellspacing='2'>{rows}</table>")

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)


def show_help(window) -> HelpDialog:
    """Open (or raise) ``window``'s help dialog."""
    dialog = window.findChild(HelpDialog)
    if dialog is None:
        dialog = HelpDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
