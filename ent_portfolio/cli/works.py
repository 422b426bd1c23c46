"""``ent-portfolio works``: one line per work, ``UUID<TAB>Thai title``."""

from __future__ import annotations

from ..i18n import register as register_messages
from . import add_command, add_portfolio_argument, echo, open_portfolio

register_messages({
    "cli.help.works": ("แสดงรายการผลงาน: UUID และชื่อผลงานภาษาไทย", "list the works: UUID and Thai title"),
})


def register(sub) -> None:
    parser = add_command(sub, "works", "cli.help.works")
    add_portfolio_argument(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    # The light rows, not the services: listing works must not load the
    # layers that make dossiers and read photos.
    from ..storage.work_list import work_list_rows

    with open_portfolio(args, read_only=True) as portfolio:
        for work in work_list_rows(portfolio):
            echo(f"{work.id}\t{work.title_th}")
    return 0
