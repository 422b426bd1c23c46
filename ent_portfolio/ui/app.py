"""Starting the windows: ``ent-portfolio`` without a command calls
:func:`run_app`."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from .. import i18n
from .. import services as _services  # noqa: F401 - see below
from ..resources import resource_path

# The core (services, storage, SQLAlchemy) is imported before Qt: once
# PySide6 is loaded it reads the source of every module imported after it.
from .qt import (
    QApplication,
    QCoreApplication,
    QFont,
    QFontDatabase,
    QIcon,
    QSettings,
    QTimer,
)

ORGANISATION = "EnT Portfolio"
APPLICATION = "EnT Portfolio"
FONT_POINT_SIZE = 11

_font_family: str | None = None


def register_fonts() -> str | None:
    """Add the Sarabun faces shipped with the app (the same as the PDF's);
    returns the family name (``None`` if Qt refused every face)."""
    global _font_family
    if _font_family is not None:
        return _font_family
    import fontpkg_sarabun

    families: set[str] = set()
    for path in sorted((Path(fontpkg_sarabun.ROOT) / "files").glob("Sarabun-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    _font_family = "Sarabun" if "Sarabun" in families else (sorted(families)[0] if families else None)
    return _font_family


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names for QSettings, the Thai font and style."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    family = register_fonts()
    if family:
        font = QFont(family, FONT_POINT_SIZE)
        app.setFont(font)
    icon = resource_path("icons", "app.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    # Lets Linux desktops match windows to the installed .desktop file.
    app.setDesktopFileName("org.entportfolio.EnTPortfolio")
    return app


def initial_language(lang: str | None) -> str:
    if lang in i18n.LANGUAGES:
        return lang
    saved = QSettings().value("language")
    if saved in i18n.LANGUAGES:
        return saved
    return i18n.detect_language()


def _install_excepthook(window) -> None:
    """Errors nobody caught reach the user as one sentence, never a traceback
    (the traceback goes to stderr for a bug report)."""
    from .common import show_error

    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        show_error(window, exc, i18n.current_language())

    sys.excepthook = hook


def build_main_window(portfolio: Path | None, lang: str | None, synchronous_jobs: bool = False):
    """Application, context and main window, with ``portfolio`` opened (or the
    last one used); returns (app, context, window) without entering the loop."""
    from .context import AppContext
    from .language import apply_language
    from .mainwindow import MainWindow, recent_portfolios

    app = create_application()
    context = AppContext(synchronous_jobs=synchronous_jobs)
    apply_language(initial_language(lang), context)
    window = MainWindow(context)
    window.restore_state()
    folder = Path(portfolio) if portfolio else None
    if folder is None:
        last = [Path(p) for p in recent_portfolios() if (Path(p) / "portfolio.sqlite3").exists()]
        folder = last[0] if last else None
    if folder is not None:
        window.open_folder(folder, create=portfolio is not None and not folder.exists())
    return app, context, window


def run_app(portfolio: Path | None = None, lang: str | None = None) -> int:
    """Open the main window; with no portfolio given and none used before,
    the window offers the demo, a new portfolio or an existing folder.

    Where Qt would abort (no display, a missing system library) this raises
    the reason as a :class:`UserError` before Qt starts."""
    from .display import display_problem

    problem = display_problem()
    if problem is not None:
        raise problem
    from . import start_up_work

    start_up_work.hold_until_first_paint()  # the segmenter and the search index wait for the window
    try:
        app, context, window = build_main_window(portfolio, lang)
    except BaseException:
        start_up_work.stop_holding()
        raise
    _install_excepthook(window)
    window.show()
    # Packaging smoke tests start the real app and need it to leave cleanly.
    quit_after = os.environ.get("ENT_PORTFOLIO_QUIT_AFTER_MS")
    if quit_after and quit_after.isdigit():
        QTimer.singleShot(int(quit_after), window.close)
    if os.environ.get("ENT_PORTFOLIO_EXIT_AFTER_FIRST_PAINT"):  # the scale benchmark's start-up figure
        from .first_paint import exit_after_first_paint

        exit_after_first_paint(window)
    try:
        return app.exec()
    finally:
        start_up_work.stop_holding()  # closed before its first paint: nothing stays held
        window.save_now()
        context.shut_down()


def run_review_window(package: Path, lang: str | None = None) -> int:
    """Open ``package`` in the reviewer's window and run until it closes.

    Where Qt would abort (no display) this raises the reason as a
    :class:`~ent_portfolio.errors.UserError` before Qt starts."""
    from .context import AppContext
    from .display import display_problem
    from .language import apply_language
    from .review.window import ReviewWindow

    problem = display_problem()
    if problem is not None:
        raise problem
    app = create_application()
    context = AppContext()
    apply_language(initial_language(lang), context)
    window = ReviewWindow(Path(package), context)
    _install_excepthook(window)
    window.show()
    quit_after = os.environ.get("ENT_PORTFOLIO_QUIT_AFTER_MS")
    if quit_after and quit_after.isdigit():  # packaging smoke tests start the window and need it to leave
        QTimer.singleShot(int(quit_after), window.close)
    code = app.exec()
    context.shut_down()
    return code
