"""``ent-portfolio screenshot``: render one view at 1280×800 offscreen and
save it as PNG (for the tests and the README)."""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n import register as register_messages, tr
from . import add_portfolio_argument, echo

VIEWS = ("works", "work", "partners", "testimonials", "evidence", "indicators", "dossier", "check")
WIDTH, HEIGHT = 1280, 800

register_messages({
    "cli.screenshot.done": ("บันทึกภาพหน้าจอแล้วที่ {path}", "Screenshot saved to {path}"),
    "cli.screenshot.failed": ("บันทึกภาพหน้าจอไม่สำเร็จ: {path}", "Could not save the screenshot to {path}"),
})


def register(sub) -> None:
    parser = sub.add_parser("screenshot", help="render one view of the window to a PNG (1280×800, offscreen)")
    add_portfolio_argument(parser)
    parser.add_argument("--view", choices=VIEWS, required=True)
    parser.add_argument("--lang", dest="ui_lang", choices=["th", "en"], default="th")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.png")
    parser.set_defaults(handler=run)


def render(folder: Path | None, view: str, lang: str, out: Path) -> Path:
    """Open the main window on ``folder``, show ``view`` and save it."""
    from PySide6.QtWidgets import QApplication

    from ..errors import UserError
    from ..ui.app import create_application
    from ..ui.context import AppContext
    from ..ui.language import apply_language
    from ..ui.mainwindow import MainWindow

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
        context.jobs.cancel_all()
        context.jobs.wait(5000)
        if context.portfolio is not None:
            context.portfolio.close()
        window.deleteLater()
        app.processEvents()


def run(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = render(getattr(args, "portfolio", None), args.view, args.ui_lang, args.out)
    echo(tr("cli.screenshot.done", path=str(out)))
    return 0
