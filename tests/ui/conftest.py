"""Fixtures of the window tests: QSettings kept out of the user's real
settings, translations compiled once, a main window over a portfolio."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory):
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QCoreApplication.setOrganizationName("EnT Portfolio Tests")
    QCoreApplication.setApplicationName("EnT Portfolio Tests")
    yield folder


@pytest.fixture(scope="session")
def compiled_translations():
    from ent_portfolio.ui import translations

    return translations.compile_all()


@pytest.fixture
def make_window(qapp, qtbot, compiled_translations):
    """Build a main window over a portfolio folder, in a given language."""
    from ent_portfolio.ui.app import create_application
    from ent_portfolio.ui.context import AppContext
    from ent_portfolio.ui.language import apply_language
    from ent_portfolio.ui.mainwindow import MainWindow

    made = []

    def make(folder=None, lang="th", threaded=False):
        """``threaded``: background jobs run on worker threads, as in the
        program (default: inline, for deterministic tests)."""
        create_application()
        context = AppContext(synchronous_jobs=not threaded)
        apply_language(lang, context)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        if folder is not None:
            assert window.open_folder(folder)
        window.show()
        made.append(context)
        return window

    yield make
    for context in made:
        context.jobs.cancel_all()
        context.jobs.wait(30000)
        if context.portfolio is not None:
            context.portfolio.close()
    from ent_portfolio.ui.language import apply_language as reset

    reset("th")
