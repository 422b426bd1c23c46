"""Promotion readiness: what a committee would find missing, found first.

The rules are data (``resources/rules/readiness.toml``, see :mod:`.rules`);
the checks are code (:mod:`.checks`); the results are plain dataclasses
(:mod:`.model`) a Qt model, the command line and the dossier all use.

Typical use::

    from ent_portfolio.readiness import check_readiness
    result = check_readiness(portfolio)            # PortfolioReadiness
    result.status.label("th")                      # "ต้องแก้ไขก่อนยื่น"
    for work in result.works:                      # WorkReadiness
        for f in work.findings:                    # Finding
            f.rule, f.severity, f.target, f.message("th"), f.fix_text("th")
"""

from .engine import check_readiness, check_work
from .model import Finding, PortfolioReadiness, ReadinessStatus, Severity, Target, Text, WorkReadiness
from .report import SummaryEntry, SummaryFinding, format_report, readiness_summary
from .rules import RuleSet, RuleSetError, default_rules_path, load_rules

__all__ = [
    "check_readiness",
    "check_work",
    "Finding",
    "PortfolioReadiness",
    "ReadinessStatus",
    "Severity",
    "Target",
    "Text",
    "WorkReadiness",
    "SummaryEntry",
    "SummaryFinding",
    "format_report",
    "readiness_summary",
    "RuleSet",
    "RuleSetError",
    "default_rules_path",
    "load_rules",
]
