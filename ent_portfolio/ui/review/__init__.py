"""Reviewer mode's windows: a committee member's reading and assessment of
an evidence package (issue 20), over the core's :mod:`ent_portfolio.review`.

:func:`run_review` is what ``ent-portfolio review PACKAGE.zip`` starts: the
reviewer's window alone, as the main command starts the main window."""

from __future__ import annotations

from pathlib import Path


def run_review(package: Path, lang: str | None = None) -> int:
    """Open ``package`` in the reviewer's window and run until it closes.

    Where Qt would abort (no display) this raises the reason as a
    :class:`~ent_portfolio.errors.UserError` before Qt starts."""
    import os

    from ..app import _install_excepthook, create_application, initial_language
    from ..context import AppContext
    from ..display import display_problem
    from ..language import apply_language
    from .window import ReviewWindow

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
    if quit_after and quit_after.isdigit():
        from ..qt import QTimer

        QTimer.singleShot(int(quit_after), window.close)
    code = app.exec()
    context.shut_down()
    return code
