"""``ent-portfolio doctor``: is the portfolio healthy?"""

from __future__ import annotations

from ..i18n import tr
from . import add_portfolio_argument, echo, open_portfolio


def register(sub) -> None:
    parser = sub.add_parser("doctor", help="check the database and the evidence files")
    add_portfolio_argument(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.doctor import check_portfolio

    with open_portfolio(args) as portfolio:
        report = check_portfolio(portfolio)
    if report.healthy:
        echo(tr("doctor.healthy", records=report.record_count, files=report.file_count))
        return 0
    for problem in report.problems:
        echo(f"- {problem.message()}")
    return 1
