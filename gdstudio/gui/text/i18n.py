"""Interface language: Qt translators for gdstudio's own strings and Qt's.

Translations are Qt Linguist files: ``resources/i18n/gdstudio_zh_CN.ts`` (the source,
updated with ``scripts/i18n.sh update``) compiled to ``gdstudio_zh_CN.qm`` (checked in;
``scripts/i18n.sh compile`` or ``make translations`` rebuilds it). English is the source
language, so "en" needs no translator.

The language (``settings.language()``: the user's choice, else the system locale) is
installed when the application starts. Widgets take their text from ``tr()`` when they are
built, so installing other translators changes only what is built afterwards: choosing
another language in the app (Lessons > Language) installs them and rebuilds the main
window, keeping what the user has (:mod:`gdstudio.gui.app.language_switch`).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QTranslator

# settings' language code -> Qt locale name of the translation files
LOCALES = {"zh": "zh_CN"}
_PROPERTY = "gdstudioUiLanguage"

# pyqtgraph's own visible strings (it translates them with these contexts): the plots'
# right-click menu.
THIRD_PARTY = (QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),)


def qm_path(language: str) -> Path | None:
    from gdstudio.resources import resource_path

    locale = LOCALES.get(language)
    return resource_path("i18n", f"gdstudio_{locale}.qm") if locale else None


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language`` on ``app`` and return them (they stay
    alive as children of ``app``). Idempotent per language."""
    for old in app.findChildren(QTranslator, "gdstudioTranslator"):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    app.setProperty(_PROPERTY, language)
    locale = LOCALES.get(language)
    if locale is None:
        return []
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_" + locale, qt_dir), ("gdstudio_" + locale, None)):
        tr = QTranslator(app)
        tr.setObjectName("gdstudioTranslator")
        path = str(qm_path(language)) if folder is None else str(Path(folder) / f"{name}.qm")
        if Path(path).is_file() and tr.load(path) and QCoreApplication.installTranslator(tr):
            installed.append(tr)
        else:
            tr.deleteLater()
    return installed


def ui_language() -> str:
    """The language the interface was built in (what install() applied), default "en"."""
    app = QCoreApplication.instance()
    value = app.property(_PROPERTY) if app is not None else None
    return str(value) if value else "en"


class Phrase(str):
    """A text in the interface language that can be said again in another one: it keeps
    its source string, translation context and the values put in for ``%1``, ``%2``, ...
    The names of the edits in the undo history are phrases, so the Edit menu names an
    edit made before a language switch in the new language."""

    context: str
    source: str
    args: tuple[str, ...]

    def __new__(cls, context: str, source: str, *args: object) -> Phrase:
        values = [str(v) for v in args]
        text = re.sub(r"%(\d)", lambda m: values[int(m[1]) - 1] if 0 < int(m[1]) <= len(values)
                      else m[0], QCoreApplication.translate(context, source))
        phrase = super().__new__(cls, text)
        phrase.context, phrase.source, phrase.args = context, source, tuple(values)
        return phrase

    def again(self) -> Phrase:
        """The same phrase in the language installed now."""
        return Phrase(self.context, self.source, *self.args)
