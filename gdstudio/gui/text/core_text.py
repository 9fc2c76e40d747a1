"""Text from gdstudio.core shown in the interface, marked for translation here (core has
no Qt): the built-in surfaces' one-line descriptions (tests/gui/test_gui_i18n.py checks
that this list matches gdstudio.core.surfaces.BUILTINS), and the core's messages
(:class:`~gdstudio.core.errors.Msg`, context "core", which scripts/i18n.sh update
lists for lupdate from the code).

``localize`` and ``localize_error`` give a message or an error in the interface
language; in English they give exactly what the command line prints.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gdstudio.core.errors import GdError, Msg

SURFACE_DESCRIPTIONS = (
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Sphere: the simplest round convex bowl; every method finds its one minimum."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Rosenbrock's banana: a curved, flat-bottomed valley, easy to reach, slow to follow."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Himmelblau's function: four equally deep minima; the start decides which one you "
        "reach."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Beale's function: flat valleys between walls that rise like y**6 at the corners."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Booth's function: a tilted elongated quadratic bowl (condition number 9)."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Rastrigin's function: a bowl under an egg crate of regularly spaced local minima."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Ackley's function: a bumpy, nearly flat plateau around a deep funnel, with a kink at"
        " the minimum."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Goldstein-Price function: values spanning six orders of magnitude, several local "
        "minima."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Six-hump camel: six local minima, two of them global, mirror images through the "
        "origin."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Three-hump camel: a global minimum at the origin between two shallower local ones."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Matyas function: a nearly flat quadratic valley along y = x (condition number 25)."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Levi function N.13: a rippled valley full of local minima around the global one."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Styblinski-Tang function: four basins, one per quadrant; the deepest is at the lower"
        " left."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "McCormick function: a tilted trough with a sine ripple; minimum at (1/2 - pi/3, -1/2"
        " - pi/3)."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Easom function: flat almost everywhere (usually searched on [-100, 100]) with one "
        "narrow well at (pi, pi)."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Ravine: an elongated quadratic, curvature 1 along x and 50 along y (condition number"
        " 50); minimum 0 at (0, 0)."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Saddle: x**2 - y**2 has a saddle point at (0, 0), a minimum along x and a maximum "
        "along y; no minimum."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Monkey saddle: a flat saddle point at (0, 0) (zero gradient and zero curvature) with"
        " three valleys; no minimum."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Local vs global: a gentle bowl with a shallow local minimum (lower left) beside a "
        "deeper global one (upper right)."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Flat vs sharp: a wide flat minimum (left) beside a narrow sharp one (right) that is "
        "slightly deeper."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Linear regression: mean squared error of the line w*x + b over 80 noisy points; a "
        "convex quadratic bowl."),
    QT_TRANSLATE_NOOP(
        "surfaces",
        "Logistic regression (no bias): mean log-loss of 100 labelled points; convex and "
        "smooth, flat far out."),
)


def surface_description(text: str) -> str:
    """A surface's description in the interface language (a formula's, empty, unchanged)."""
    if isinstance(text, Msg):
        return localize(text)
    return QCoreApplication.translate("surfaces", text) if text else text


def _translate(template: str) -> str:
    return QCoreApplication.translate("core", template)


def localize(value: Any) -> Any:
    """A core message in the interface language: a Msg with its template and those of its
    arguments translated (a translation that does not format gives the English); anything
    else, a plain string or a number, as it is. Never raises."""
    if not isinstance(value, Msg):
        return value
    try:
        return value.render(_translate)
    except Exception:  # noqa: BLE001 - a message must always show, in English at worst
        return str(value)


def localize_error(err: BaseException) -> str:
    """An error's message in the interface language, as ``str(err)`` lays it out: a
    SceneError's problems one per line; a FormulaError's message, the formula with its
    caret line and the hint; any other error its message. Never raises."""
    try:
        if isinstance(err, GdError):
            return err.render_text(_translate)
        if len(err.args) == 1 and isinstance(err.args[0], Msg):
            return localize(err.args[0])
    except Exception:  # noqa: BLE001 - a message must always show, in English at worst
        pass
    return str(err)
