"""Every readiness check, loaded: the general ones (:mod:`.checks`) and the
ก.พ.อ. file's (:mod:`.promotion_file`).  What reads the registry imports it
from here, so no rule is missing because its module was never imported."""

from __future__ import annotations

from . import promotion_file  # noqa: F401 - registers its checks
from .checks import CHECKS, VOCABULARIES, PortfolioContext, WorkContext

__all__ = ["CHECKS", "VOCABULARIES", "PortfolioContext", "WorkContext"]
