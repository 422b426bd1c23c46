"""Every readiness check, loaded: the general ones (:mod:`.checks`), the
ก.พ.อ. file's (:mod:`.promotion_file`) and the photos' plausibility
(:mod:`.plausibility`).  What reads the registry imports it
from here, so no rule is missing because its module was never imported."""

from __future__ import annotations

from . import plausibility, promotion_file  # noqa: F401 - registers their checks
from .checks import CHECKS, VOCABULARIES, PortfolioContext, WorkContext

__all__ = ["CHECKS", "VOCABULARIES", "PortfolioContext", "WorkContext"]
