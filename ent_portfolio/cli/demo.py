"""``ent-portfolio demo``: create the demo portfolio."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import UserError
from ..i18n import register as register_messages, tr
from . import add_portfolio_argument, echo

register_messages({
    "cli.demo.done": ("สร้างแฟ้มผลงานตัวอย่างแล้วที่ {path}", "Demo portfolio created in {path}"),
})


def register(sub) -> None:
    parser = sub.add_parser("demo", help="create the demo portfolio in an empty or new folder")
    add_portfolio_argument(parser)
    parser.set_defaults(handler=run)


def create_demo_portfolio(folder: Path) -> None:
    """Build the demo beside ``folder`` and move it into place at the end, so
    an interrupted build leaves no half-made portfolio behind."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise UserError("error.folder_not_empty", path=str(folder))
    from ..demo import build_demo
    from ..storage.portfolio import Portfolio

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.building"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with Portfolio.create(staging) as portfolio:
            build_demo(portfolio)
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run(args) -> int:
    from ..storage.portfolio import default_portfolio_dir

    folder = args.portfolio or default_portfolio_dir()
    create_demo_portfolio(folder)
    echo(tr("cli.demo.done", path=str(folder)))
    return 0
