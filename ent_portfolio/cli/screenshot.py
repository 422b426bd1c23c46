"""``ent-portfolio screenshot``: render one view at 1280×800 offscreen and
save it as PNG (for the tests and the README)."""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n import register as register_messages
from ..i18n import tr
from . import add_portfolio_argument, echo

# The views the window can show; the rendering itself is in ui/screenshot.py
# (only ui/ imports Qt, and --help must not start it).
VIEWS = ("works", "work", "partners", "testimonials", "evidence", "indicators", "dossier", "check")

register_messages({
    "cli.screenshot.done": ("บันทึกภาพหน้าจอแล้วที่ {path}", "Screenshot saved to {path}"),
})


def register(sub) -> None:
    parser = sub.add_parser("screenshot", help="render one view of the window to a PNG (1280×800, offscreen)")
    add_portfolio_argument(parser)
    parser.add_argument("--view", choices=VIEWS, required=True)
    parser.add_argument("--lang", dest="ui_lang", choices=["th", "en"], default="th")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.png")
    parser.set_defaults(handler=run)


def run(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..ui.screenshot import render

    out = render(getattr(args, "portfolio", None), args.view, args.ui_lang, args.out)
    echo(tr("cli.screenshot.done", path=str(out)))
    return 0
