"""Switching the interface language at run time.

Installing or removing a QTranslator makes Qt send ``QEvent.LanguageChange``
to every widget; each view's ``changeEvent`` then calls ``retranslateUi()``.
The core's own messages (errors) follow :func:`ent_portfolio.i18n.set_language`.

Qt's own words (file dialogs, standard buttons, text fields' menus) have no
Thai catalogue from Qt; :mod:`.qt_strings` supplies it.  On Linux the app
uses Qt's own dialogs rather than the desktop's, so they speak the app's
language instead of the desktop's; on Windows and macOS the system's
dialogs stay, in the language the lecturer chose for the computer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n
from . import translations
from .qt import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from .qt_strings import QtStringsTranslator, ThaiFileDialogs

_installed: list[QTranslator] = []
_file_dialogs: list[ThaiFileDialogs] = []


def _qt_catalogue(lang: str) -> Path | None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for name in (f"qtbase_{lang}.qm", f"qt_{lang}.qm"):
        if (folder / name).exists():
            return folder / name
    return None


def uses_system_dialogs() -> bool:
    return sys.platform in ("win32", "darwin")


def apply_language(lang: str, context=None) -> None:
    """Make ``lang`` ("th" or "en") the language of every window."""
    if lang not in i18n.LANGUAGES:
        raise ValueError(lang)
    app = QCoreApplication.instance()
    i18n.set_language(lang)
    QLocale.setDefault(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand) if lang == "th"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if context is not None:
        context.language = lang
    if app is not None:
        if not uses_system_dialogs():
            app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
        for watcher in _file_dialogs:
            app.removeEventFilter(watcher)
        _file_dialogs.clear()
        # English too: the source text is English, but its catalogue holds
        # the plural forms ("1 work", "3 works").
        for path in (translations.qm_path(lang), _qt_catalogue(lang)):
            if path is None:
                continue
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                _installed.append(translator)
        if lang == "th":
            # Installed last, so asked first; it answers only Qt's contexts.
            qt_words = QtStringsTranslator(app)
            app.installTranslator(qt_words)
            _installed.append(qt_words)
            watcher = ThaiFileDialogs(app)
            app.installEventFilter(watcher)
            _file_dialogs.append(watcher)
    if context is not None:
        context.language_changed.emit(lang)
