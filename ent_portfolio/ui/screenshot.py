"""One view of the main window rendered to a PNG, offscreen: what the README
shows and the tests look at.  The command line's ``screenshot`` calls this."""

from __future__ import annotations

from pathlib import Path

from ..i18n import register

WIDTH, HEIGHT = 1280, 800

register({
    "cli.screenshot.failed": ("บันทึกภาพหน้าจอไม่สำเร็จ: {path}", "Could not save the screenshot to {path}"),
})


def render(folder: Path | None, view: str, lang: str, out: Path) -> Path:
    """Open the main window on ``folder``, show ``view`` and save it."""
    from ..errors import UserError
    from .app import create_application
    from .context import AppContext
    from .language import apply_language
    from .mainwindow import MainWindow

    app = create_application()
    context = AppContext(synchronous_jobs=True)
    apply_language(lang, context)
    window = MainWindow(context)
    window.resize(WIDTH, HEIGHT)
    try:
        if folder is not None:
            from ..storage.portfolio import Portfolio

            context.set_portfolio(Portfolio.open(folder))
        window.show()
        key = "readiness" if view == "check" else ("works" if view == "work" else view)
        if context.portfolio is not None:
            widget = window.show_page(key)
            if view == "work":
                rows = getattr(widget, "model", None)
                if rows is not None and rows.rows:
                    first = widget.proxy.mapToSource(widget.proxy.index(0, 0)).row()
                    widget.open_work(rows.rows[first].id)
        for _ in range(3):  # let layouts settle and queued jobs deliver
            app.processEvents()
        image = window.grab()
        if image.width() != WIDTH or image.height() != HEIGHT:
            image = image.scaled(WIDTH, HEIGHT)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise UserError("cli.screenshot.failed", path=str(out))
        return out
    finally:
        window.close()
        context.shut_down()
        window.deleteLater()
        app.processEvents()
