"""Switching the interface language at run time.

Installing or removing a QTranslator makes Qt send ``QEvent.LanguageChange``
to every widget; each view's ``changeEvent`` then calls ``retranslateUi()``.
The core's own messages (errors) follow :func:`ent_portfolio.i18n.set_language`.
"""

from __future__ import annotations

from pathlib import Path

from .. import i18n
from . import translations
from .qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []


def _qt_catalogue(lang: str) -> Path | None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for name in (f"qtbase_{lang}.qm", f"qt_{lang}.qm"):
        if (folder / name).exists():
            return folder / name
    return None


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
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
        # English too: the source text is English, but its catalogue holds
        # the plural forms ("1 work", "3 works").
        for path in (translations.qm_path(lang), _qt_catalogue(lang)):
            if path is None:
                continue
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                _installed.append(translator)
    if context is not None:
        context.language_changed.emit(lang)
