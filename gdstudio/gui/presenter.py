"""Presenter mode: full screen, large fonts, thick lines, high-contrast themes, keyboard.

Keys while presenting: Space play/pause, Right step (the Run menu's shortcuts), R reset,
+/- speed, PageUp/PageDown previous/next lesson (what a presentation clicker sends),
D shows/hides the parameter dock, T switches light/dark, F11 full screen, Esc leaves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QMenu

from gdstudio.gui import settings

THEMES = {
    "dark": {"bg": "#000000", "fg": "#ffffff", "panel": "#101014", "accent": "#ffd166",
             "button": "#202028", "plot": "#000000", "axis": "#ffffff"},
    "light": {"bg": "#ffffff", "fg": "#000000", "panel": "#f2f2f2", "accent": "#7a2e00",
              "button": "#e0e0e0", "plot": "#ffffff", "axis": "#000000"},
}
LINE_SCALE = 2.0
TICK_PT = 15


def stylesheet(theme: str, pt: int) -> str:
    c = THEMES[theme]
    return f"""
QMainWindow, QWidget {{ background: {c['bg']}; color: {c['fg']}; font-size: {pt}pt; }}
QDockWidget, #lessonCaption {{ background: {c['panel']}; }}
#lessonTitle {{ color: {c['accent']}; }}
#lessonText {{ color: {c['fg']}; }}
QPushButton, QComboBox {{ background: {c['button']}; color: {c['fg']};
    border: 2px solid {c['fg']}; border-radius: 4px; padding: 4px 10px; }}
QPushButton:disabled {{ color: #808080; border-color: #808080; }}
QMenuBar, QMenu {{ background: {c['panel']}; color: {c['fg']}; }}
#stepLabel {{ font-weight: bold; }}
QCheckBox::indicator {{ width: 18px; height: 18px; border: 2px solid {c['fg']};
    background: {c['bg']}; }}
QCheckBox::indicator:checked {{ background: {c['accent']}; }}
"""


class Presenter(QObject):
    """Adds presenter mode to a MainWindow (View menu, F5) and its keys."""

    def __init__(self, window, tour=None):
        super().__init__(window)
        self.window = window
        self.tour = tour
        self.active = False
        self.theme = settings.theme()
        self.font_pt = settings.presenter_font_pt()
        self._saved: dict = {}
        bar = window.menuBar()
        view = next((a.menu() for a in bar.actions()
                     if a.menu() is not None and a.menu().objectName() == "viewMenu"), None)
        if view is None:
            view = QMenu(self.tr("&View"), window)
            view.setObjectName("viewMenu")
            help_menu = next((a for a in bar.actions()
                              if a.menu() is not None
                              and a.menu().objectName() == "helpMenu"), None)
            if help_menu is not None:
                bar.insertMenu(help_menu, view)
            else:
                bar.addMenu(view)
        view.addSeparator()
        self.toggle_action = self._action(view, self.tr("&Presenter mode"), "F5", self.toggle)
        self.toggle_action.setCheckable(True)
        self.theme_action = self._action(view, self.tr("&Light theme"), "T", self.switch_theme)
        self.theme_action.setCheckable(True)
        self.theme_action.setChecked(self.theme == "light")
        self.full_action = self._action(view, self.tr("&Full screen"), "F11",
                                        self.toggle_full_screen)
        self.dock_action = self._action(view, self.tr("Show parameter &dock"), "D",
                                        self.toggle_dock)
        self.reset_action = self._action(None, self.tr("Reset"), "R", self._reset)
        self.faster_action = self._action(None, self.tr("Faster"), "+", lambda: self.speed(1))
        self.slower_action = self._action(None, self.tr("Slower"), "-", lambda: self.speed(-1))
        self.leave_action = self._action(None, self.tr("Leave presenter mode"), "Esc",
                                         self.leave)
        self.faster_eq = self._action(None, self.tr("Faster"), "=", lambda: self.speed(1))
        self._presenter_only = (self.theme_action, self.dock_action, self.reset_action,
                                self.faster_action, self.slower_action, self.leave_action,
                                self.faster_eq)
        for a in self._presenter_only:
            a.setEnabled(False)
        # Menu actions must keep working with the menu bar hidden: give them to the window.
        for a in _menu_actions(bar):
            if not a.shortcut().isEmpty() and a not in window.actions():
                window.addAction(a)
        window.playback.reset.connect(self._thicken)
        window.installEventFilter(self)

    def _action(self, menu, text: str, key: str, slot) -> QAction:
        a = QAction(text, self.window)
        a.setShortcut(QKeySequence(key))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        if menu is not None:
            menu.addAction(a)
        self.window.addAction(a)
        return a

    # -- mode ----------------------------------------------------------------------------
    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self, full_screen: bool = True) -> None:
        if self.active:
            return
        w = self.window
        self.active = True
        self._saved = {"style": w.styleSheet(), "geometry": w.saveGeometry(),
                       "dock": w.dock.isVisible() if w.dock is not None else False,
                       "max": w.isMaximized()}
        for a in self._presenter_only:
            a.setEnabled(True)
        self.toggle_action.setChecked(True)
        if w.dock is not None:
            w.dock.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        self.apply_theme()
        if self.tour is not None:
            self.tour.panel.set_base_pt(self.font_pt + 4)
        if full_screen:
            w.showFullScreen()
        w.activateWindow()

    def leave(self) -> None:
        if not self.active:
            return
        w = self.window
        self.active = False
        for a in self._presenter_only:
            a.setEnabled(False)
        self.toggle_action.setChecked(False)
        w.setStyleSheet(self._saved.get("style", ""))
        self._plot_colors(None)
        self._thicken()
        w.menuBar().show()
        w.statusBar().show()
        if w.dock is not None and self._saved.get("dock"):
            w.dock.show()
        if self.tour is not None:
            self.tour.panel.set_base_pt(13)
        if w.isFullScreen():
            w.showMaximized() if self._saved.get("max") else w.showNormal()

    def snapshot(self) -> dict:
        """What another window needs to present the same way (a language switch)."""
        w = self.window
        return {"active": self.active,
                "dock": w.dock.isVisible() if w.dock is not None else False,
                "saved": {k: v for k, v in self._saved.items() if k in ("dock", "max")}}

    def restore(self, snapshot: dict, full_screen: bool = True) -> None:
        """Present as the window ``snapshot`` was taken from did (this window shown)."""
        if not snapshot.get("active"):
            return
        self.enter(full_screen=full_screen)
        self._saved.update(snapshot.get("saved", {}))
        if self.window.dock is not None:
            self.window.dock.setVisible(bool(snapshot.get("dock")))

    def toggle_full_screen(self) -> None:
        w = self.window
        w.showNormal() if w.isFullScreen() else w.showFullScreen()

    def toggle_dock(self) -> None:
        dock = self.window.dock
        if dock is not None:
            dock.setVisible(not dock.isVisible())

    def switch_theme(self) -> None:
        self.set_theme("light" if self.theme == "dark" else "dark")

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        settings.set_theme(theme)
        self.theme_action.setChecked(theme == "light")
        if self.active:
            self.apply_theme()

    def apply_theme(self) -> None:
        self.window.setStyleSheet(stylesheet(self.theme, self.font_pt))
        self._plot_colors(THEMES[self.theme])
        self._thicken()

    # -- transport keys --------------------------------------------------------------------
    def _reset(self) -> None:
        self.window.playback.rewind()

    def speed(self, delta: int) -> None:
        box = self.window.transport.speed
        box.setCurrentIndex(max(0, min(box.count() - 1, box.currentIndex() + delta)))

    # -- the plots -------------------------------------------------------------------------
    def _plots(self):
        w = self.window
        return [w.contour_view.plot, w.plots_view.loss_plot, w.plots_view.lr_plot]

    def _plot_colors(self, colors: dict | None) -> None:
        self.window.contour_view.colorbar.axis.setTickFont(
            QFont("DejaVu Sans", TICK_PT - 2 if colors else 10))
        bg = colors["plot"] if colors else "#16161d"
        axis = colors["axis"] if colors else "#e0e0e8"
        for i, plot in enumerate(self._plots()):
            if i > 0:   # the contour pane keeps its dark frame: the colour map needs it
                plot.setBackground(bg)
            for side in ("left", "bottom"):
                ax = plot.getAxis(side)
                ax.setTickFont(QFont("DejaVu Sans", TICK_PT if colors else 11 - min(i, 1)))
                ax.setTextPen(axis if i > 0 else "#e0e0e8")
                ax.setPen(axis if i > 0 else "#a0a0b0")

    def _thicken(self) -> None:
        """Scale the line widths of the 2D plots while presenting (restore otherwise)."""
        import pyqtgraph as pg

        for plot in self._plots():
            for item in plot.getPlotItem().listDataItems():
                if not isinstance(item, pg.PlotDataItem):
                    continue
                pen = pg.mkPen(item.opts.get("pen"))
                base = getattr(item, "_gd_base_width", None) or pen.widthF() or 1.0
                item._gd_base_width = base
                pen.setWidthF(base * (LINE_SCALE if self.active else 1.0))
                item.setPen(pen)

    # -- remembering ---------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close and not self.active:
            settings.save_window(self.window)
        return False


def _menu_actions(menu) -> list[QAction]:
    out = []
    for a in menu.actions():
        if a.menu() is not None:
            out.extend(_menu_actions(a.menu()))
        elif not a.isSeparator():
            out.append(a)
    return out
