"""``ent-portfolio works``: one line per work, ``UUID<TAB>Thai title``."""

from __future__ import annotations

from . import add_portfolio_argument, echo, open_portfolio


def register(sub) -> None:
    parser = sub.add_parser("works", help="list the works: UUID and Thai title")
    add_portfolio_argument(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services import Services

    with open_portfolio(args, read_only=True) as portfolio:
        for work in Services(portfolio).works.list():
            echo(f"{work.id}\t{work.title_th}")
    return 0
