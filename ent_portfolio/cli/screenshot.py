"""``ent-portfolio screenshot``: render one view at 1280×800 offscreen and
save it as PNG (for the tests and the README)."""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n import register as register_messages
from ..i18n import tr
from . import add_command, add_portfolio_argument, echo

# The views the window can show; the rendering itself is in ui/screenshot.py
# (only ui/ imports Qt, and --help must not start it).
VIEWS = ("works", "work", "partners", "testimonials", "evidence", "indicators", "dossier", "check")

register_messages({
    "cli.screenshot.done": ("บันทึกภาพหน้าจอแล้วที่ {path}", "Screenshot saved to {path}"),
    "cli.help.screenshot": ("บันทึกภาพของหน้าต่างหนึ่งหน้าเป็นไฟล์ PNG (1280×800 โดยไม่เปิดหน้าต่างบนจอ)",
                            "render one view of the window to a PNG (1280×800, offscreen)"),
    "cli.help.screenshot.view": ("หน้าที่จะบันทึกภาพ", "the view to render"),
    "cli.help.screenshot.lang": ("ภาษาของหน้าต่าง th (ไทย) หรือ en (อังกฤษ) (ค่าเริ่มต้น: ไทย)",
                                 "language of the window (default: Thai)"),
    "cli.help.screenshot.out": ("ไฟล์ PNG ที่จะเขียน", "the PNG file to write"),
})


def register(sub) -> None:
    parser = add_command(sub, "screenshot", "cli.help.screenshot")
    add_portfolio_argument(parser)
    parser.add_argument("--view", choices=VIEWS, required=True, help=tr("cli.help.screenshot.view"))
    parser.add_argument("--lang", dest="ui_lang", choices=["th", "en"], default="th",
                        help=tr("cli.help.screenshot.lang"))
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.png", help=tr("cli.help.screenshot.out"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..ui.screenshot import render

    out = render(getattr(args, "portfolio", None), args.view, args.ui_lang, args.out)
    echo(tr("cli.screenshot.done", path=str(out)))
    return 0
