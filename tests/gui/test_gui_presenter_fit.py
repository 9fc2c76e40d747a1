"""Presenter mode and the normal window on projector and laptop screens (issue 14).

Each screen size is a rect presenter mode is told to fill (``Presenter.fit_rect``, what
a projector of that resolution gives it); presenter mode itself is entered and left with
its keys (F5, Esc) as a teacher does. What is checked is what the back row sees: every
widget inside the screen, no label over another (widgets and the plots' tick labels as
pyqtgraph draws them), text about 1/40 of the screen height and lines 3+ px at 1080p.
"""

import itertools

import pyqtgraph as pg
import pytest
from PySide6 import QtGui
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import (
    QFontMetrics,
    QImage,
    QKeySequence,
    QPainter,
    QTextDocument,
    QVector3D,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    QWidget,
)

from tests.gui.test_gui_i18n import interface_language

SCREENS = [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160)]
TEXT_WIDGETS = (QLabel, QAbstractButton, QComboBox)
LINES = (pg.PlotDataItem, pg.PlotCurveItem)   # what a plot draws lines with (a run: a curve)


@pytest.fixture(params=["en", "zh"])
def language(request, qapp):
    with interface_language(qapp, request.param):
        yield request.param


def press(qtbot, w, key) -> None:
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.keyClick(w, key)


def global_rect(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(w.rect().topLeft()), w.size())


def shown_widgets(window) -> list[QWidget]:
    """Visible widgets that are not scrolled content (a scroll area clips those)."""
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.isWindow() or w.size().width() <= 1 or w.size().height() <= 1:
            continue
        p = w.parentWidget()
        scrolled = False
        while p is not None and p is not window:
            if isinstance(p.parentWidget(), QAbstractScrollArea) \
                    and p is p.parentWidget().viewport() and w is not p:
                scrolled = True
                break
            p = p.parentWidget()
        if not scrolled:
            out.append(w)
    return out


def outside(window, screen: QRect) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r} {global_rect(w)}"
            for w in shown_widgets(window) if not screen.contains(global_rect(w))]


def overlapping(window) -> list[str]:
    """Sibling text widgets (labels, buttons, boxes) drawn over one another."""
    bad = []
    widgets = [w for w in shown_widgets(window) if isinstance(w, TEXT_WIDGETS)]
    by_parent: dict = {}
    for w in widgets:
        by_parent.setdefault(id(w.parentWidget()), []).append(w)
    for group in by_parent.values():
        for a, b in itertools.combinations(group, 2):
            if a.geometry().intersects(b.geometry()):
                bad.append(f"{a.objectName() or type(a).__name__} {a.geometry()} / "
                           f"{b.objectName() or type(b).__name__} {b.geometry()}")
    return bad


def text_width(w: QWidget, text: str) -> float:
    """How wide ``text`` is drawn in ``w``'s font (rich text laid out as a QLabel does)."""
    if QtGui.Qt.mightBeRichText(text):   # a QtGui function, not in QtCore's Qt
        doc = QTextDocument()
        doc.setDefaultFont(w.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        return doc.idealWidth()
    return max(w.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))


def cut_off(window) -> list[str]:
    """Visible text that its widget cannot show whole: a label narrower or lower than
    its text, a button narrower than its text and icon, a combo box narrower
    than its current entry."""
    bad = []
    for w in shown_widgets(window):
        if isinstance(w, QLabel) and w.text():
            room = w.contentsRect()
            if w.wordWrap():
                if w.heightForWidth(w.width()) > w.height() + 1:
                    bad.append(f"label {w.text()[:40]!r} needs {w.heightForWidth(w.width())} "
                               f"px of height, has {w.height()}")
            elif text_width(w, w.text()) > room.width() - 2 * w.margin() + 1:
                bad.append(f"label {w.text()[:40]!r} is {text_width(w, w.text()):.0f} px "
                           f"wide in {room.width()} px")
            elif w.minimumSizeHint().height() > w.height() + 1:
                bad.append(f"label {w.text()[:40]!r} is squeezed to {w.height()} px high "
                           f"(needs {w.minimumSizeHint().height()})")
        elif isinstance(w, QPushButton) and w.text():
            icon = w.iconSize().width() + 4 if not w.icon().isNull() else 0
            need = w.fontMetrics().horizontalAdvance(w.text().replace("&", "")) + icon + 6
            if need > w.width():
                bad.append(f"button {w.text()!r} needs {need} px, has {w.width()}")
        elif isinstance(w, QAbstractButton) and w.text() and not isinstance(w, QPushButton):
            if w.sizeHint().width() > w.width():
                bad.append(f"{type(w).__name__} {w.text()!r} needs {w.sizeHint().width()} px, "
                           f"has {w.width()}")
        elif isinstance(w, QComboBox) and w.currentText():
            need = w.fontMetrics().horizontalAdvance(w.currentText()) + 24
            if need > w.width():
                bad.append(f"combo box {w.currentText()!r} needs {need} px, has {w.width()}")
    return bad


def tick_labels(axis) -> list[tuple[QRectF, str]]:
    """The tick labels' rects as pyqtgraph draws them (in the axis' coordinates)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    p = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(p)
    finally:
        p.end()
    return [] if specs is None else [(rect, text) for rect, _flags, text in specs[2]]


def plot_axes(w):
    plots = [w.contour_view.plot, w.plots_view.loss_plot, w.plots_view.lr_plot]
    axes = [p.getAxis(side) for p in plots for side in ("left", "bottom")]
    return plots, [*axes, w.contour_view.colorbar.axis]


def check_plots(w, text_px: float, line_px: float) -> list[str]:
    bad = []
    plots, axes = plot_axes(w)
    for ax in axes:
        labels = tick_labels(ax)
        assert labels, f"{ax.orientation} axis draws no tick labels"
        for (r1, t1), (r2, t2) in itertools.combinations(labels, 2):
            if r1.intersects(r2):
                bad.append(f"tick labels {t1!r} and {t2!r} overlap on a {ax.orientation} axis")
        box = ax.boundingRect()
        for r, t in labels:
            if not box.adjusted(-2, -2, 2, 2).contains(r):
                bad.append(f"tick label {t!r} {r} leaves its axis {box}")
        if QFontMetrics(ax.style["tickFont"]).height() < text_px:
            bad.append(f"{ax.orientation} tick font "
                       f"{QFontMetrics(ax.style['tickFont']).height()} px < {text_px:.0f}")
    for plot in plots:
        for item in plot.getPlotItem().listDataItems():
            pen = item.opts.get("pen") if isinstance(item, LINES) else None
            if pen is not None and pg.mkPen(pen).widthF() < line_px:
                bad.append(f"a plotted line is {pg.mkPen(pen).widthF()} px wide < {line_px}")
    for legend in (w.contour_view.legend, w.plots_view.loss_legend):
        for _sample, label in legend.items:
            if legend.isVisible() and label.item.boundingRect().height() < text_px:
                bad.append(f"legend entry {label.text!r} is "
                           f"{label.item.boundingRect().height():.0f} px high")
    return bad


def check_3d(w, text_px: float) -> list[str]:
    """The whole box (floor, top and the loss label) inside the 3D view, labels large."""
    from gdstudio.gui.views.surface_view import FLOOR, HEIGHT

    sv = w.surface_view
    view = sv.view
    vw, vh = view.width(), view.height()
    m = view.projectionMatrix((0, 0, vw, vh), (0, 0, vw, vh)) * view.viewMatrix()
    bad = []
    corners = [(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (FLOOR, HEIGHT + 0.16)]
    for c in corners:
        p = m.map(QVector3D(*c))
        px, py = (p.x() + 1) / 2 * vw, (1 - p.y()) / 2 * vh
        if not (0 <= px <= vw and text_px <= py <= vh):
            bad.append(f"3D box corner {c} drawn at ({px:.0f}, {py:.0f}) in a {vw}x{vh} view")
    for lab in sv.axis_labels.labels:
        if QFontMetrics(lab.font).height() < text_px:
            bad.append(f"3D label {lab.text!r} is {QFontMetrics(lab.font).height()} px high")
    return bad


def check_text(w, text_px: float) -> list[str]:
    return [f"{type(x).__name__} {getattr(x, 'text', lambda: '')()!r} "
            f"{x.fontMetrics().height()} px high"
            for x in shown_widgets(w)
            if isinstance(x, TEXT_WIDGETS) and x.fontMetrics().height() < text_px]


def present(qtbot, make_window, scene, size) -> object:
    w = make_window(scene)
    w.presenter.fit_rect = QRect(0, 0, *size)
    press(qtbot, w, Qt.Key.Key_F5)
    assert w.presenter.active
    qtbot.waitUntil(lambda: w.geometry() == QRect(0, 0, *size), timeout=5000)
    qtbot.wait(200)
    return w


@pytest.mark.parametrize("size", SCREENS, ids=[f"{a}x{b}" for a, b in SCREENS])
def test_presenter_mode_fits_the_screen_and_reads_from_the_back(
        qtbot, make_window, default_scene, finish, language, size):
    w = present(qtbot, make_window, default_scene, size)
    finish(w)
    screen = QRect(0, 0, *size)
    text_px = size[1] / 40 * 0.95          # the font's line height, not its cap height
    line_px = max(3.0, 3 * size[1] / 1080)
    problems = (outside(w, screen) + overlapping(w) + check_text(w, text_px)
                + check_plots(w, text_px, line_px) + check_3d(w, text_px))
    assert not problems, "\n".join(problems)
    ratio = w.plots_view.lr_plot.height() / size[1]
    assert ratio > 0.2, f"the LR plot is {w.plots_view.lr_plot.height()} px high"


def legends_inside(w) -> list[str]:
    """Each legend drawn whole inside its plot (not cut at the plot's edge)."""
    bad = []
    for plot, legend in ((w.contour_view.plot, w.contour_view.legend),
                         (w.plots_view.loss_plot, w.plots_view.loss_legend)):
        if not legend.isVisible() or not legend.items:
            continue
        shown = plot.mapToScene(plot.viewport().rect()).boundingRect()
        box = legend.sceneBoundingRect()
        if not shown.adjusted(-1, -1, 1, 1).contains(box):
            bad.append(f"legend {box} is cut at the edge of its plot {shown}")
        for _sample, label in legend.items:
            if label.sceneBoundingRect().right() > box.right() + 1 \
                    or label.sceneBoundingRect().left() < box.left() - 1:
                bad.append(f"legend entry {label.text!r} sticks out of its legend")
    return bad


@pytest.mark.parametrize("scene", ["default", "lesson 3"])
@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)], ids=["1366x768", "1280x720"])
def test_presenter_mode_with_the_step_panel_fits(qtbot, make_window, finish, language, size,
                                                 scene):
    """View > Step panel opened while presenting (lesson 3 opens it itself): the panes,
    the legend and the run status rows still fit beside it, nothing cut off."""
    w = make_window()
    open_scene(qtbot, w, scene)
    w.presenter.fit_rect = QRect(0, 0, *size)
    press(qtbot, w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: w.geometry() == QRect(0, 0, *size), timeout=5000)
    if not w.hints.step.panel_action.isChecked():
        w.hints.step.panel_action.trigger()
    qtbot.waitUntil(w.hints.step.panel.isVisible, timeout=2000)
    finish(w)
    qtbot.wait(200)
    screen = QRect(0, 0, *size)
    problems = outside(w, screen) + overlapping(w) + cut_off(w) + legends_inside(w)
    if w.transport.slider.width() < 200:
        problems.append(f"the timeline is a {w.transport.slider.width()} px stub")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_reaches_the_3d_and_contour_panes(qtbot, make_window, default_scene, theme):
    w = present(qtbot, make_window, default_scene, (1366, 768))
    if w.presenter.theme != theme:
        press(qtbot, w, Qt.Key.Key_T)
    assert w.presenter.theme == theme
    qtbot.wait(200)
    want = (255, 255, 255) if theme == "light" else (0, 0, 0)
    frame = w.surface_view.view.grabFramebuffer()
    corner = frame.pixelColor(3, frame.height() - 3)
    assert (corner.red(), corner.green(), corner.blue()) == want
    contour = w.contour_view.plot.grab().toImage()
    c = contour.pixelColor(2, 2)
    assert (c.red(), c.green(), c.blue()) == want
    axis = w.contour_view.plot.getAxis("left").textPen().color()
    assert (axis.red(), axis.green(), axis.blue()) == tuple(255 - v for v in want)


def test_dock_in_presenter_mode_scrolls_to_the_learning_rate(qtbot, make_window,
                                                            default_scene):
    w = present(qtbot, make_window, default_scene, (1280, 720))
    press(qtbot, w, Qt.Key.Key_D)
    qtbot.waitUntil(w.dock.isVisible, timeout=2000)
    qtbot.wait(100)
    screen = QRect(0, 0, 1280, 720)
    assert screen.contains(global_rect(w.dock))
    assert not outside(w, screen)
    lr = w.dock.lr
    scroll = w.dock.widget()
    scroll.ensureWidgetVisible(lr)
    qtbot.wait(50)
    assert global_rect(scroll.viewport()).contains(global_rect(lr)), \
        "the learning rate cannot be scrolled into view"


def test_esc_restores_the_exact_layout(qtbot, make_window, default_scene):
    """The panes, fonts, axes and the 3D camera (presenter mode frames the box for its
    own pane shape) are as they were before F5 once Esc is pressed."""
    w = make_window(default_scene)
    w.split.setSizes([500, 300])
    qtbot.wait(100)

    def camera():
        c = w.surface_view.view.cameraParams()
        return (tuple(c["center"].toTuple()), c["distance"], c["elevation"], c["azimuth"])

    def axis_limits():      # a bottom axis free to span its plot, a left one its height
        plots = (w.contour_view.plot, w.plots_view.loss_plot, w.plots_view.lr_plot)
        return [(p.getAxis("bottom").maximumWidth(), p.getAxis("left").maximumHeight())
                for p in plots]

    before = {"geometry": w.geometry(), "splits": (w.split.sizes(), w.top_split.sizes()),
              "dock": (w.dock.isVisible(), w.dock.geometry()),
              "style": w.styleSheet(), "font": w.transport.play_button.font().toString(),
              "tick": w.plots_view.lr_plot.getAxis("left").style["tickFont"].toString(),
              "legend": w.surface_view.legend.styleSheet(),
              "label": w.surface_view.axis_labels.labels[0].font.toString(),
              "axes": axis_limits(), "camera": camera()}

    def now():
        return {"geometry": w.geometry(), "splits": (w.split.sizes(), w.top_split.sizes()),
                "dock": (w.dock.isVisible(), w.dock.geometry()),
                "style": w.styleSheet(), "font": w.transport.play_button.font().toString(),
                "tick": w.plots_view.lr_plot.getAxis("left").style["tickFont"].toString(),
                "legend": w.surface_view.legend.styleSheet(),
                "label": w.surface_view.axis_labels.labels[0].font.toString(),
                "axes": axis_limits(), "camera": camera()}

    w.presenter.fit_rect = QRect(0, 0, 1280, 720)
    press(qtbot, w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: w.geometry() == QRect(0, 0, 1280, 720), timeout=5000)
    press(qtbot, w, Qt.Key.Key_D)
    qtbot.wait(100)
    assert now() != before
    press(qtbot, w, Qt.Key.Key_Escape)
    assert not w.presenter.active
    qtbot.waitUntil(lambda: now() == before, timeout=5000)


def test_normal_window_opens_at_nine_tenths_of_the_screen(make_window):
    w = make_window()
    area = w.screen().availableGeometry()
    assert abs(w.width() - 0.9 * area.width()) <= 2
    assert abs(w.height() - 0.9 * area.height()) <= 2
    assert area.contains(w.geometry())


def open_scene(qtbot, w, scene) -> None:
    """The default scene, or lesson N (``"lesson N"``) from the Lessons menu."""
    from gdstudio.resources import resource_path

    if scene == "default":
        assert w.open_scene(resource_path("scenes", "default.toml"))
    else:
        w.lessons.lesson_actions[int(scene.split()[1]) - 1].trigger()
        qtbot.waitUntil(lambda: w.model.scene is not None
                        and w.model.scene.lesson is not None, timeout=5000)


SCENES = ["default", "lesson 3", "lesson 13", "lesson 16", "lesson 17"]


@pytest.mark.parametrize("scene", SCENES)
def test_normal_window_fits_1366x768(qtbot, make_window, finish, language, scene):
    """Maximised on a 1366x768 screen, and at the 90 % a first start opens it at there:
    nothing clipped, cut off or off the screen, the timeline long enough to scrub."""
    w = make_window()
    open_scene(qtbot, w, scene)
    finish(w)
    problems = []
    for size in [(1366, 768), (1229, 691)]:
        w.setGeometry(0, 0, *size)
        qtbot.waitUntil(lambda s=size: w.geometry() == QRect(0, 0, *s), timeout=5000)
        qtbot.wait(100)
        if w.geometry() != QRect(0, 0, *size):
            problems.append(f"the window grew past {size}: {w.geometry()}")
        problems += [f"{size}: {p}" for p in outside(w, QRect(0, 0, *size)) + overlapping(w)
                     + cut_off(w)]
        if w.transport.slider.width() < 200:
            problems.append(f"{size}: the timeline is a {w.transport.slider.width()} px stub")
    assert not problems, "\n".join(problems)


def test_f1_lists_every_menu_shortcut(qtbot, make_window, language):
    from gdstudio.gui.features.help import HelpDialog, action_name

    w = make_window()
    press(qtbot, w, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: w.findChild(HelpDialog) is not None
                    and w.findChild(HelpDialog).isVisible(), timeout=3000)
    text = w.findChild(HelpDialog).browser.toPlainText()
    keyed = []

    def walk(menu):
        for a in menu.actions():
            if a.menu() is not None:
                walk(a.menu())
            elif not a.shortcut().isEmpty():
                keyed.append(a)

    for a in w.menuBar().actions():
        if a.menu() is not None:
            walk(a.menu())
    assert len(keyed) >= 12
    for a in keyed:
        key = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert key in text, key
        assert action_name(a) in text, action_name(a)
    for key in ("Esc", "PgDown", "T", "D"):           # presenter mode's own keys too
        assert QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) in text
    assert ("Lessons" if language == "en" else "课程") in text
    QApplication.instance().processEvents()


def thin_lines(w, line_px: float) -> list[str]:
    plots, _axes = plot_axes(w)
    return [f"a line of {type(plot).__name__} is {pg.mkPen(item.opts['pen']).widthF()} px"
            for plot in plots for item in plot.getPlotItem().listDataItems()
            if isinstance(item, LINES) and item.opts.get("pen") is not None
            and pg.mkPen(item.opts["pen"]).widthF() < line_px]


def test_lines_drawn_anew_while_paused_are_presenter_thick(qtbot, make_window, default_scene,
                                                          finish):
    """Presenting a finished run set (no frame plays): View > Gradient arrows and View >
    Step marks of all runs make the contour pane draw its runs anew; the new lines are as
    thick as presenter mode's others at once, not only once a frame plays, and get their
    own widths back when presenter mode ends."""
    from tests.gui.test_gui_lesson_hints import view_action

    w = make_window(default_scene)
    finish(w)
    own = [pg.mkPen(it["line"].opts["pen"]).widthF() for it in w.contour_view._run_items]
    w.presenter.fit_rect = QRect(0, 0, 2560, 1440)
    press(qtbot, w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: w.geometry() == QRect(0, 0, 2560, 1440), timeout=5000)
    line_px = w.presenter.line_px()
    assert line_px > min(own)
    assert not thin_lines(w, line_px)
    for text in ("Gradient arrows", "Step marks of all runs"):
        before = [it["line"] for it in w.contour_view._run_items]
        view_action(w, text).trigger()
        assert [it["line"] for it in w.contour_view._run_items] != before, "drawn anew"
        qtbot.wait(100)
        assert not thin_lines(w, line_px), text
    press(qtbot, w, Qt.Key.Key_Escape)
    assert not w.presenter.active
    assert [pg.mkPen(it["line"].opts["pen"]).widthF()
            for it in w.contour_view._run_items] == own
