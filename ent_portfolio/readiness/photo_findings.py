"""The plausibility findings of one work's photos, by photo, for the evidence
grid's badges.

The grid asks on every refresh, so only the plausibility rules run (the rest
of the rule set is not evaluated) and nothing is read but the database and
the files' presence.  The answer is the readiness check's own: a photo is
badged exactly when the readiness report names it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..storage.portfolio import Portfolio
from .engine import check_work
from .model import Finding
from .plausibility import PLAUSIBILITY_RULES
from .rules import RuleSet, default_rules_path, load_rules


def plausibility_rules(rules: RuleSet | None = None) -> RuleSet:
    """The rule set cut down to its plausibility rules (thresholds, texts,
    severities and variations as the file gives them)."""
    if rules is None:
        path = default_rules_path()
        try:
            stat = Path(path).stat()
        except OSError:
            return plausibility_rules(load_rules(path))  # says in a sentence why it cannot be read
        return _shipped_plausibility_rules(str(path), stat.st_mtime_ns, stat.st_size)
    return replace(rules, rules=tuple(r for r in rules.rules if r.id in PLAUSIBILITY_RULES))


@lru_cache(maxsize=2)
def _shipped_plausibility_rules(path: str, mtime_ns: int, size: int) -> RuleSet:
    # Reading and validating the rule file costs more than the check itself,
    # and the grid asks on every refresh; a changed file has another key.
    return plausibility_rules(load_rules(path))


def photo_findings(portfolio: Portfolio, work_id: str, *, rules: RuleSet | None = None,
                   today: date | None = None) -> dict[str, list[Finding]]:
    """Evidence id -> its open plausibility findings, for the work ``work_id``
    (photos without any are left out)."""
    result = check_work(portfolio, work_id, rules=plausibility_rules(rules), today=today)
    by_photo: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if finding.rule in PLAUSIBILITY_RULES and finding.target.kind == "evidence" and finding.target.id:
            by_photo.setdefault(finding.target.id, []).append(finding)
    return by_photo
