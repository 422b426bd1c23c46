"""``ent-portfolio demo``: create the demo portfolio."""

from __future__ import annotations

from ..i18n import register as register_messages
from ..i18n import tr
from . import add_command, add_portfolio_argument, echo

register_messages({
    "cli.demo.done": ("สร้างแฟ้มผลงานตัวอย่างแล้วที่ {path}", "Demo portfolio created in {path}"),
    "cli.help.demo": ("สร้างแฟ้มผลงานตัวอย่างในโฟลเดอร์ว่างหรือโฟลเดอร์ใหม่",
                      "create the demo portfolio in an empty or new folder"),
})


def register(sub) -> None:
    parser = add_command(sub, "demo", "cli.help.demo")
    add_portfolio_argument(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..demo import create_demo_portfolio
    from ..storage.portfolio import default_portfolio_dir

    folder = args.portfolio or default_portfolio_dir()
    create_demo_portfolio(folder)
    echo(tr("cli.demo.done", path=str(folder)))
    return 0
