"""Presenter mode: full screen, large fonts, thick lines, high-contrast themes, keyboard.

Text and lines are sized from the screen presenter mode fills (``metrics``), so the back
row of a lecture hall reads the same on a 1280x720 projector as on a 4K one; leaving
puts the window's geometry, splitters, docks, fonts and plot styles back as they were.

Keys while presenting: Space play/pause, Right step (the Run menu's shortcuts), R reset,
+/- speed, PageUp/PageDown previous/next lesson (what a presentation clicker sends),
D shows/hides the parameter dock, T switches light/dark, F11 full screen, Esc leaves.
"""

from __future__ import annotations

import re
import weakref

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QScrollArea, QSplitter

from gdstudio.gui.draw.legend import fit_legend
from gdstudio.gui.state import settings

THEMES = {
    "dark": {"bg": "#000000", "fg": "#ffffff", "panel": "#101014", "accent": "#ffd166",
             "button": "#202028", "plot": "#000000", "axis": "#ffffff", "grid": "#505058"},
    "light": {"bg": "#ffffff", "fg": "#000000", "panel": "#f2f2f2", "accent": "#7a2e00",
              "button": "#e0e0e0", "plot": "#ffffff", "axis": "#000000", "grid": "#b0b0b0"},
}
TEXT_FRACTION = 40      # text is 1/40 of the screen height: readable 15 m from a projector
LINE_FRACTION = 360     # lines are 1/360 of it (3 px at 1080p), never under 3 px
PLOTS_SHARE = 0.36      # of the views' height, for the loss and learning-rate plots
_FONT_SIZE = re.compile(r"font-size:\s*[0-9.]+\s*(pt|px)")


def metrics(height: int) -> tuple[int, int]:
    """Text height and line width in pixels for a screen ``height`` pixels high."""
    return max(12, round(height / TEXT_FRACTION)), max(3, round(height / LINE_FRACTION))


def stylesheet(theme: str, px: int) -> str:
    c = THEMES[theme]
    pad, border = max(2, px // 5), max(2, px // 9)
    box = max(14, round(px * 0.9))
    return f"""
QMainWindow, QWidget {{ background: {c['bg']}; color: {c['fg']}; font-size: {px}px; }}
QDockWidget, #lessonCaption {{ background: {c['panel']}; }}
#lessonTitle {{ color: {c['accent']}; }}
#lessonText {{ color: {c['fg']}; }}
QPushButton, QComboBox, QToolButton {{ background: {c['button']}; color: {c['fg']};
    border: {border}px solid {c['fg']}; border-radius: 4px; padding: {pad}px {2 * pad}px; }}
QPushButton:disabled {{ color: #808080; border-color: #808080; }}
QMenuBar, QMenu {{ background: {c['panel']}; color: {c['fg']}; }}
#stepLabel {{ font-weight: bold; }}
QCheckBox::indicator {{ width: {box}px; height: {box}px; border: {border}px solid {c['fg']};
    background: {c['bg']}; }}
QCheckBox::indicator:checked {{ background: {c['accent']}; }}
QScrollBar:vertical {{ width: {px}px; }}
"""


class Presenter(QObject):
    """Adds presenter mode to a MainWindow (View menu, F5) and its keys."""

    def __init__(self, window, tour=None):
        super().__init__(window)
        self.window = window
        self.tour = tour
        self.active = False
        self.theme = settings.theme()
        self.fit_rect: QRect | None = None   # present in this rect instead of full screen
        self._saved: dict = {}
        self.base_widths: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # lines widened
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
        self._seen: weakref.WeakSet = weakref.WeakSet()   # lines thickened or checked
        self._check_pending = False
        window.playback.reset.connect(self._thicken)
        window.model.selectedChanged.connect(self._thicken)
        for plot in self._plots():      # held weakly: the window's plots never keep it
            plot.getPlotItem().vb.childGroup.itemsChangedListeners.append(self)
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

    def screen_rect(self) -> QRect:
        """The rect presenter mode fills: ``fit_rect`` when set, else the whole screen."""
        if self.fit_rect is not None:
            return QRect(self.fit_rect)
        return self.window.screen().geometry()

    def enter(self, full_screen: bool = True) -> None:
        if self.active:
            return
        w = self.window
        self.active = True
        w.session.set_presenting(True)
        self._saved = {"style": w.styleSheet(), "geometry": w.saveGeometry(),
                       "state": w.saveState(), "window_state": w.windowState(),
                       "dock": w.dock.isVisible() if w.dock is not None else False,
                       "max": w.isMaximized(), "splits": self._split_sizes(),
                       "labels": {lab: lab.styleSheet() for lab in self._styled_labels()},
                       "plots": self._plot_look()}
        if w.surface_view is not None:      # presenter mode frames the box for its pane
            self._saved["camera"] = w.surface_view.view_state()
        for a in self._presenter_only:
            a.setEnabled(True)
        self.toggle_action.setChecked(True)
        if w.dock is not None:
            w.dock.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        if self.fit_rect is not None:
            w.showNormal()
            w.setGeometry(self.fit_rect)
        elif full_screen:
            w.showFullScreen()
        self.apply_theme()
        self._arrange()
        QTimer.singleShot(0, self, self._arrange)
        w.activateWindow()

    def leave(self) -> None:
        if not self.active:
            return
        w = self.window
        self.active = False
        w.session.set_presenting(False)
        saved = self._saved
        for a in self._presenter_only:
            a.setEnabled(False)
        self.toggle_action.setChecked(False)
        w.setStyleSheet(saved.get("style", ""))
        for lab, style in saved.get("labels", {}).items():
            lab.setStyleSheet(style)
        self._restore_plots(saved.get("plots"))
        self._thicken()
        if w.surface_view is not None:
            w.surface_view.present(None)
            if "camera" in saved:
                w.surface_view.restore_view_state(saved["camera"])
        w.menuBar().show()
        w.statusBar().show()
        if self.tour is not None:
            self.tour.panel.set_base_pt(13)
        if w.isFullScreen():
            w.showNormal()
        if "geometry" in saved:
            w.restoreGeometry(saved["geometry"])
            w.restoreState(saved["state"])
            w.setWindowState(saved["window_state"])
        if w.dock is not None:
            w.dock.setVisible(bool(saved.get("dock")))
        self._restore_splits()
        QTimer.singleShot(0, self, self._restore_splits)

    # -- the layout ------------------------------------------------------------------------
    def _splitters(self) -> list[QSplitter]:
        return [self.window.split, self.window.top_split]

    def _split_sizes(self) -> list[list[int]]:
        return [sp.sizes() for sp in self._splitters()]

    def _restore_splits(self) -> None:
        sizes = self._saved.get("splits")
        if self.active or not sizes:
            return
        self.window.layout().activate()
        self.window.centralWidget().layout().activate()
        for sp, s in zip(self._splitters(), sizes, strict=True):
            sp.setSizes(s)

    def _arrange(self) -> None:
        """The views share the screen: the 3D and contour panes side by side, the loss and
        learning-rate plots below them tall enough to read, an open panel (Step) as wide
        as its text."""
        if not self.active:
            return
        split, top = self._splitters()
        total = max(sum(split.sizes()), 1)
        plots = round(total * PLOTS_SHARE)
        split.setSizes([total - plots, plots])
        wide = max(sum(top.sizes()), 1)
        top.setSizes([wide // 2, wide - wide // 2])
        w = self.window
        panels = [d for d in w.findChildren(QDockWidget)
                  if d is not w.dock and d.isVisible() and not d.isFloating()]
        if panels:                  # as wide as their larger text needs (the Step panel)
            w.resizeDocks(panels, [d.sizeHint().width() for d in panels],
                          Qt.Orientation.Horizontal)
        if self.window.surface_view is not None:
            self.window.surface_view.reset_camera()

    def _styled_labels(self) -> list[QLabel]:
        """Labels whose own style sheet sets a font size (it beats the window's)."""
        return [lab for lab in self.window.findChildren(QLabel)
                if _FONT_SIZE.search(lab.styleSheet())]

    def snapshot(self) -> dict:
        """The window layout another window needs to present the same way (a language
        switch): whether the dock is shown, and what leaving presenter mode restores."""
        w = self.window
        return {"dock": w.dock.isVisible() if w.dock is not None else False,
                "saved": {k: v for k, v in self._saved.items() if k in ("dock", "max")}}

    def restore(self, snapshot: dict, full_screen: bool = True) -> None:
        """Present (this window shown) if the session is in presenter mode, laid out as
        the window ``snapshot`` was taken from."""
        if not self.window.session.presenting:
            return
        self.enter(full_screen=full_screen)
        self._saved.update(snapshot.get("saved", {}))
        if self.window.dock is not None:
            self.window.dock.setVisible(bool(snapshot.get("dock")))

    def toggle_full_screen(self) -> None:
        w = self.window
        w.showNormal() if w.isFullScreen() else w.showFullScreen()

    def toggle_dock(self) -> None:
        """Show or hide the parameter dock; shown while presenting, it is as wide as its
        large-font fields need (up to half the screen) and scrolls up and down."""
        dock = self.window.dock
        if dock is None:
            return
        dock.setVisible(not dock.isVisible())
        QTimer.singleShot(0, self, self._widen_dock)

    def _widen_dock(self) -> None:
        dock = self.window.dock
        scroll = dock.widget() if dock is not None else None
        if self.active and dock.isVisible() and isinstance(scroll, QScrollArea):
            need = (scroll.widget().minimumSizeHint().width() + 2 * scroll.frameWidth()
                    + scroll.verticalScrollBar().sizeHint().width() + 8)
            self.window.resizeDocks([dock], [min(need, self.screen_rect().width() // 2)],
                                    Qt.Orientation.Horizontal)

    def switch_theme(self) -> None:
        self.set_theme("light" if self.theme == "dark" else "dark")

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        settings.set_theme(theme)
        self.theme_action.setChecked(theme == "light")
        if self.active:
            self.apply_theme()

    def apply_theme(self) -> None:
        """Fonts, lines and colours for the screen presenter mode fills."""
        w = self.window
        px, line = metrics(self.screen_rect().height())
        c = THEMES[self.theme]
        w.setStyleSheet(stylesheet(self.theme, px))
        for lab, style in self._saved.get("labels", {}).items():
            lab.setStyleSheet(_FONT_SIZE.sub(f"font-size: {px}px", style))
        if self.tour is not None:
            dpi = max(w.logicalDpiY(), 1)
            self.tour.panel.set_base_pt(max(8, round(px * 72 / dpi)))
        if w.surface_view is not None:
            w.surface_view.present(px, c["plot"], c["axis"])
        self._plot_colors(c, px, line)
        self._thicken()

    def text_px(self) -> int:
        return metrics(self.screen_rect().height())[0]

    def line_px(self) -> int:
        return metrics(self.screen_rect().height())[1]

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

    def _axes(self) -> list:
        w = self.window
        axes = [p.getAxis(side) for p in self._plots() for side in ("left", "bottom")]
        return [*axes, w.contour_view.colorbar.axis]

    def _legends(self) -> list:
        return [self.window.contour_view.legend, self.window.plots_view.loss_legend]

    def _plot_look(self) -> dict:
        """What presenter mode changes in the plots, to put back when it ends."""
        return {"axes": [(QFont(ax.style["tickFont"] or ax.font()), ax.textPen(), ax.pen(),
                          ax.fixedWidth, ax.fixedHeight, dict(ax.labelStyle))
                         for ax in self._axes()],
                "backgrounds": [p.backgroundBrush() for p in self._plots()],
                "legends": [lg.opts["labelTextSize"] for lg in self._legends()]}

    def _restore_plots(self, look: dict | None) -> None:
        if not look:
            return
        for ax, (font, text, pen, width, height, label) in zip(self._axes(), look["axes"],
                                                               strict=True):
            ax.setTickFont(font)
            ax.setTextPen(text)
            ax.setPen(pen)
            if ax.orientation in ("left", "right"):     # the size presenter mode set:
                ax.setWidth(width)                      # pyqtgraph's setWidth on a bottom
            else:                                       # axis fixes its length too
                ax.setHeight(height)
            ax.setLabel(ax.labelText, ax.labelUnits, **label)
        for plot, brush in zip(self._plots(), look["backgrounds"], strict=True):
            plot.setBackground(brush)
        for legend, size in zip(self._legends(), look["legends"], strict=True):
            _legend_text_size(legend, size)

    def _plot_colors(self, c: dict, px: int, line: int) -> None:
        import pyqtgraph as pg

        font = QFont("DejaVu Sans")
        font.setPixelSize(px)
        for plot in self._plots():
            plot.setBackground(c["plot"])
        for ax in self._axes():
            ax.setTickFont(font)
            ax.setTextPen(c["axis"])
            ax.setPen(pg.mkPen(c["axis"], width=max(1, line // 2)))
            ax.setLabel(ax.labelText, ax.labelUnits,
                        **{**ax.labelStyle, "color": c["axis"], "font-size": f"{px}px"})
            if ax.orientation in ("left", "right"):
                ax.setWidth(round(px * (5.5 if ax.label.isVisible() else 4.2)))
            else:
                ax.setHeight(round(px * (3.2 if ax.label.isVisible() else 2.0)))
        for legend in self._legends():
            _legend_text_size(legend, f"{px}px")

    def _thicken(self, *_args) -> None:
        """Lines of the 2D plots at least ``line_px`` wide while presenting; each gets its
        own width back afterwards. Views restyle their lines when the selected run changes
        (this runs then) and draw new ones when the runs or the marks change (the new
        ones are widened as they come, :meth:`itemsChanged`); a frame restyles nothing, so
        this never runs for one."""
        self._widen(item for plot in self._plots()
                    for item in plot.getPlotItem().listDataItems())

    def _widen(self, items) -> None:
        import pyqtgraph as pg

        kinds = (pg.PlotDataItem, pg.PlotCurveItem)     # a run's curve: PlotCurveItem
        line = self.line_px()
        for item in items:
            self._seen.add(item)
            if not isinstance(item, kinds) or item.opts.get("pen") is None:
                continue
            pen = pg.mkPen(item.opts["pen"])
            base = self.base_widths.get(item)
            if self.active and pen.widthF() < line:
                self.base_widths[item] = pen.widthF()
                pen.setWidthF(line)
                item.setPen(pen)
            elif not self.active and base is not None:
                del self.base_widths[item]
                pen.setWidthF(base)
                item.setPen(pen)

    def itemsChanged(self) -> None:
        """Items came into or left a plot (pyqtgraph calls its view box's listeners):
        once the view that added them has styled them (after its slot returns), widen the
        lines not seen before (a frame that adds a label, as a divergence's in the contour
        pane, finds none)."""
        if self.active and not self._check_pending:
            self._check_pending = True
            QTimer.singleShot(0, self, self._widen_new)

    def _widen_new(self) -> None:
        self._check_pending = False
        if self.active:
            self._widen([item for plot in self._plots()
                         for item in plot.getPlotItem().listDataItems()
                         if item not in self._seen])

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


def _legend_text_size(legend, size: str) -> None:
    """pyqtgraph's setLabelTextSize only stores the size: the labels shown are redrawn
    here (entries added later take it from the legend)."""
    legend.setLabelTextSize(size)
    for _sample, label in legend.items:
        label.setText(label.text)
    fit_legend(legend)
