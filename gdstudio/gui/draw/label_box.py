"""A word-wrapped label whose new text does not lay the window out again (a label
that changes each frame: the Step panel's title and stability gauge)."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

_DIGITS = re.compile(r"[0-9]")


class LabelBox(QWidget):
    """Holds a word-wrapped ``label`` whose new text (:meth:`set_text`) lays the window
    out again only when it needs another height.

    A QLabel's new text asks its parent's layout for a new geometry; a layout passes that
    up to the main window, and the window laid out again is repainted once more. The box
    has no layout, so the request stops at it; it asks the layout it sits in only when the
    label needs another height. It takes any width (a panel beside the views fits a
    1280 px window) and is as high as its label's text at that width.

    The label is measured as its text is set (measuring lays a rich text out anew and
    repaints it: after the window's update of the frame, that would cost another), and
    only when more than its digits changed: digits are all as wide in the interface's
    fonts, so a step's new numbers wrap as the ones before."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self._measured: tuple = ()          # what the label was last measured for
        self._need = -1                     # and the height it needed

    def set_text(self, text: str) -> None:
        if self.label.text() != text:
            self.label.setText(text)
            self._fit()

    def _fit(self) -> None:
        """Ask the layout for another height if the label needs one."""
        lab = self.label
        shape = (_DIGITS.sub("0", lab.text()), self.width(), lab.font(), lab.styleSheet())
        if shape == self._measured:
            return
        self._measured = shape
        need = self.heightForWidth(self.width())
        if need != self._need:
            self._need = need
            self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        self._fit()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:     # the label's font or style
            self._fit()
        return super().event(event)
