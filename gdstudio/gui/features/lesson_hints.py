"""A lesson's ``[lesson] show`` hints and ``test_shift``, carried out by the views.

Each hint turns on a checkable action of the window while a scene that asks for it is
open: View > Gradient arrows (``gradient_arrows``: with the optimizer state, see
gui/views/step_panel.py), View > Step panel (``step_panel``), View > Curvature axes
(``curvature_axes``), View > SWA average (``swa_point``; on by default: the average is
part of a run's result),
Analyze > Stochastic view (``sample_contours``, with the first mini-batch run selected
so its batch's contours are the ones drawn). A toggle a hint turned on is turned off
again when a scene without that hint opens; one the user turned on stays on.
(``critical_points`` is carried out by the Analyze menu itself.) A ``test_shift`` gives
the contour pane the test surface's isolines and the loss plot each run's test loss.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from gdstudio.core.lessons import test_surface


class LessonHints(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        views = [v for v in (window.surface_view, window.contour_view) if v is not None]
        self.views = views
        menu = self._view_menu()
        self.arrows_action = self._toggle(menu, self.tr("Gradient arrows"),
                                          lambda on: [v.set_marks(arrows=on) for v in views])
        self.swa_action = self._toggle(menu, self.tr("Averaged points (SWA, ASGD)"),
                                       lambda on: [v.set_marks(swa=on) for v in views])
        self.swa_action.setChecked(True)
        from gdstudio.gui.views.step_panel import StepControls

        self.step = StepControls(window, menu, views)
        self.actions = {"gradient_arrows": self.arrows_action, "swa_point": self.swa_action,
                        "sample_contours": window.analysis.stochastic_action,
                        "step_panel": self.step.panel_action,
                        "curvature_axes": self.step.curvature_action}
        self._forced: set[str] = set()
        self._key = None
        self._test_key = None
        window.model.sceneChanged.connect(self.show_scene)

    def _view_menu(self) -> QMenu:
        bar = self.w.menuBar()
        for a in bar.actions():
            if a.menu() is not None and a.menu().objectName() == "viewMenu":
                return a.menu()
        menu = QMenu(self.tr("&View"), bar)
        menu.setObjectName("viewMenu")
        help_menu = next((a for a in bar.actions()
                          if a.menu() is not None and a.menu().objectName() == "helpMenu"), None)
        bar.insertMenu(help_menu, menu) if help_menu is not None else bar.addMenu(menu)
        return menu

    def _toggle(self, menu: QMenu, text: str, slot) -> QAction:
        a = QAction(text, self.w)
        a.setCheckable(True)
        a.toggled.connect(slot)
        menu.addAction(a)
        return a

    def show_scene(self, scene) -> None:
        """Carry out ``scene``'s hints (a new scene, or a window built on a session in
        use: a hint already on stays as it is)."""
        lesson = scene.lesson or {}
        show = set(lesson.get("show", ()))
        key = (str(self.w.model.path), tuple(sorted(show)))
        if key != self._key:
            self._key = key
            for hint in list(self._forced - show):
                self._forced.discard(hint)
                if self.actions[hint].isChecked():
                    self.actions[hint].trigger()
            for hint in sorted(show & set(self.actions)):
                if not self.actions[hint].isChecked():
                    if hint == "sample_contours":
                        self._select_minibatch_run(scene)
                    self.actions[hint].trigger()
                    self._forced.add(hint)
        surface = self.w.contour_view.surface
        test_key = (id(surface), tuple(lesson.get("test_shift") or ()))
        if test_key != self._test_key:
            self._test_key = test_key
            test = test_surface(scene, surface) if surface is not None else None
            self.w.contour_view.set_test_surface(test)
            self.w.plots_view.set_test_surface(test)

    def _select_minibatch_run(self, scene) -> None:
        n = getattr(self.w.model.surface, "n_samples", None)
        for g, spec in enumerate(scene.runs):
            if n is not None and spec.batch_size is not None and spec.batch_size < n:
                self.w.model.select(g)
                return
