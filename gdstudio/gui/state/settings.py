"""What the window remembers between sessions, behind one small API over QSettings.

Keys: ``language`` ("en" | "zh"; default from the system locale), ``theme`` ("dark" |
"light"), ``window/geometry`` and ``window/state`` (a first start fits the window to
the screen instead). Recent scenes stay under ``recentFiles`` (main_window reads them).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QLocale, QPoint, QSettings, QSize
from PySide6.QtGui import QGuiApplication

LANGUAGES = ("en", "zh")
THEMES = ("dark", "light")


def system_language() -> str:
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def _get(key: str, default):
    return QSettings().value(key, default)


def language() -> str:
    value = str(_get("language", "") or "")
    return value if value in LANGUAGES else system_language()


def set_language(value: str) -> None:
    if value not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {value!r}")
    QSettings().setValue("language", value)


def theme() -> str:
    value = str(_get("theme", "dark") or "dark")
    return value if value in THEMES else "dark"


def set_theme(value: str) -> None:
    if value not in THEMES:
        raise ValueError(f"theme must be one of {THEMES}, not {value!r}")
    QSettings().setValue("theme", value)


def recent_files() -> list[str]:
    value = _get("recentFiles", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def fit_to_screen(window, fraction: float = 0.9) -> None:
    """Size ``window`` to ``fraction`` of its screen's available area, centred on it: the
    first start's size, before anything is remembered."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    size = QSize(round(area.width() * fraction), round(area.height() * fraction))
    window.resize(size)
    window.move(area.center() - QPoint(size.width() // 2, size.height() // 2))


def save_window(window) -> None:
    s = QSettings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())


def restore_window(window) -> bool:
    geometry, state = _get("window/geometry", None), _get("window/state", None)
    ok = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    return bool(ok)
