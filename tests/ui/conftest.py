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


#: A message box nobody answers for this long is one the test did not expect
#: (an export that failed, say): it is closed and the test fails naming it.
#: Without this the run would wait on it for ever — Python's own timeouts do
#: not fire while Qt's modal loop runs.
UNANSWERED_BOX_S = 20


@pytest.fixture(autouse=True)
def _no_unanswered_message_box(request):
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        yield
        return
    from PySide6.QtCore import QElapsedTimer, QTimer

    seen: dict[int, QElapsedTimer] = {}
    stuck: list[str] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if not (isinstance(widget, QMessageBox) and widget.isVisible()):
                continue
            clock = seen.setdefault(id(widget), QElapsedTimer())
            if not clock.isValid():
                clock.start()
            elif clock.elapsed() > UNANSWERED_BOX_S * 1000:
                stuck.append(f"{widget.windowTitle()}: {widget.text()}")
                widget.reject()

    timer = QTimer()
    timer.setInterval(1000)
    timer.timeout.connect(look)
    timer.start()
    yield
    timer.stop()
    if stuck:
        pytest.fail("a message box nobody answered: " + " | ".join(stuck), pytrace=False)


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
