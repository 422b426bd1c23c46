"""The readiness check the windows and the command line both call (see
:mod:`.dossier`, which offers it beside the dossier's export).  Kept apart
from the export so that ``check`` loads the rules and the portfolio, not
the PDF, signing and typesetting libraries it never uses."""

from __future__ import annotations

from datetime import date

from ..jobs import CancelToken, Progress
from ..readiness import PortfolioReadiness, RuleSet
from ..readiness import check_readiness as _run_checks
from ..storage.portfolio import Portfolio

__all__ = ["check_readiness"]


def check_readiness(portfolio: Portfolio, *, rules: RuleSet | None = None, position: str | None = None,
                    route: str | None = None, verify_hashes: bool = False, progress: Progress | None = None,
                    cancel: CancelToken | None = None, today: date | None = None) -> PortfolioReadiness:
    """What a committee would find missing, for the profile's target
    position and route unless given; nothing is written."""
    return _run_checks(portfolio, rules=rules, position=position, route=route, verify_hashes=verify_hashes,
                       progress=progress, cancel=cancel, today=today)
