"""The session: the state of one window, without widgets.

It owns the scene model (the scene dict, its validated scene and surface, the path and
whether it is saved), the playback (the runs' rows, cursor and worker), the selected run,
the hidden runs, the history of edits, the analyses (results and the computation under
way), the lesson shown and its caption, presenter mode, and what the user set in the
views (camera, zoom, text typed and not yet taken) as plain data. Views subscribe to it
and draw; the window composes views and wires actions. A window built on a session that
already holds all this (a language switch) shows it as it is: nothing is recomputed.

Every scene edit is a command: a pure function of :mod:`gdstudio.core.scene_edits`
makes the new dict, :meth:`Session.apply` pushes it on the undo stack with the dict it
replaces, so Undo / Redo step through the edits and undoing back to the saved scene makes
it unmodified again. Loading a scene starts a new history; hiding a run is a view setting
and stays out of it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from gdstudio.gui.state.analysis import AnalysisState
from gdstudio.gui.state.model import SceneModel
from gdstudio.gui.state.playback import Playback
from gdstudio.gui.text.i18n import Phrase

MERGE_ID = 1


class EditCommand(QUndoCommand):
    """One scene edit: the dict before and after, and the run selected with each."""

    def __init__(self, session: Session, show: Callable[[dict[str, Any], int | None], bool],
                 text: str, before: dict[str, Any],
                 after: dict[str, Any], selected: int, select: int | None,
                 merge: Hashable | None = None):
        super().__init__(text)
        self.name = text
        self.session = session
        self.show = show
        self.before, self.after = before, after
        self.selected_before, self.selected_after = selected, select
        self.merge = merge
        self.valid = True

    def redo(self) -> None:
        self.valid = self.show(self.after, self.selected_after)
        if self.selected_after is None:
            self.selected_after = self.session.selected

    def undo(self) -> None:
        self.show(self.before, self.selected_before)

    def id(self) -> int:
        return MERGE_ID if self.merge is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Edits that share a merge key (the text typed in one field until it is left)
        are one step of the history."""
        if not isinstance(other, EditCommand) or other.merge != self.merge:
            return False
        self.after, self.selected_after = other.after, other.selected_after
        return True


class Session(QObject):
    """The scene, the runs, the edit history, the analyses, the lesson and presenter mode
    of one window."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.model = SceneModel(self)
        self.playback = Playback(self)
        self.analysis = AnalysisState(self.model, self)
        self.undo_stack = QUndoStack(self)
        self.restoring = False      # an undo or redo is being shown (not a fresh edit)
        self.lesson = -1            # index of the lesson shown (-1: a plain scene)
        self.caption = True         # the lesson's caption is shown
        self.presenting = False     # presenter mode
        self.view_state: dict[str, Any] = {}
        """What each view keeps of the user's settings (camera, zoom, typed text), by view
        name, saved by a window that is replaced and restored by the next one."""
        self._pushing = False
        self.model.loaded.connect(self._on_loaded)
        self.model.saved.connect(self.undo_stack.setClean)
        self.undo_stack.indexChanged.connect(self._sync_dirty)

    # -- selection and hidden runs ----------------------------------------------------
    @property
    def selected(self) -> int:
        return self.model.selected

    @property
    def hidden(self) -> set[int]:
        return self.model.hidden

    def select(self, index: int) -> None:
        self.model.select(index)

    def set_hidden(self, index: int, hidden: bool) -> None:
        self.model.set_hidden(index, hidden)

    # -- lesson and presenter mode ------------------------------------------------------
    def set_lesson(self, index: int) -> None:
        self.lesson = index

    def set_caption(self, on: bool) -> None:
        self.caption = on

    def set_presenting(self, on: bool) -> None:
        self.presenting = on

    def shutdown(self) -> None:
        """Stop the runs' worker and an analysis under way (the last window closes)."""
        self.playback.shutdown()
        self.analysis.shutdown()

    # -- edits -------------------------------------------------------------------------
    def apply(self, text: str, raw: dict[str, Any], select: int | None = None,
              merge: Hashable | None = None) -> bool:
        """Show ``raw`` as the scene, one undoable step called ``text``; select run
        ``select`` (None: keep the selection). True if the new scene validates. A dict
        equal to the current one makes no step."""
        if raw == self.model.raw:
            if select is not None:
                self.model.select(select)
            return not self._invalid()
        command = EditCommand(self, self._show, text, copy.deepcopy(self.model.raw),
                              copy.deepcopy(raw), self.model.selected, select, merge)
        self._pushing = True
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing = False
        return command.valid

    def edit(self, text: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Apply a core edit ``fn(raw, *args, **kwargs)`` returning the new dict, or the
        new dict and the index of the run to select. Raises what ``fn`` raises
        (``scene_edits.EditError``: nothing changes)."""
        out = fn(self.model.raw, *args, **kwargs)
        raw, select = out if isinstance(out, tuple) else (out, None)
        return self.apply(text, raw, select)

    def retranslate(self) -> None:
        """Name the edits in the history in the language installed now (the Edit menu's
        Undo / Redo texts; a language switch)."""
        for i in range(self.undo_stack.count()):
            command = self.undo_stack.command(i)
            if isinstance(command, EditCommand) and isinstance(command.name, Phrase):
                command.name = command.name.again()
                command.setText(command.name)

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    # -- internals -----------------------------------------------------------------------
    def _show(self, raw: dict[str, Any], select: int | None) -> bool:
        self.restoring = not self._pushing
        try:
            ok = self.model.edit(raw)
            self.model.select(self.model.selected if select is None else select)
        finally:
            self.restoring = False
        return ok

    def _invalid(self) -> bool:
        return bool(self.model.problems) and self.model.problems != self.model.warnings

    def _on_loaded(self) -> None:
        """A scene read from a file (or recovered, or made by an analysis) starts a new
        history; a recovered scene stays unsaved whatever is undone."""
        self._pushing = True
        try:
            self.undo_stack.clear()
        finally:
            self._pushing = False
        if self.model.dirty:
            self.undo_stack.resetClean()

    def _sync_dirty(self, _index: int) -> None:
        if not (self._pushing and self.undo_stack.count() == 0):
            self.model.set_dirty(not self.undo_stack.isClean())
