"""The plain data a readiness check produces: findings, per-work and overall
readiness.  No database objects leak out of here, so a Qt model, the command
line and the dossier can hold these as long as they like."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..domain.enums import LabelledEnum


class Severity(LabelledEnum):
    BLOCKING = "blocking", "ต้องแก้ไข", "Must fix"
    WARNING = "warning", "ควรแก้ไข", "Should fix"
    SUGGESTION = "suggestion", "ข้อแนะนำ", "Suggestion"

    @property
    def rank(self) -> int:
        return {"blocking": 0, "warning": 1, "suggestion": 2}[self.value]


class ReadinessStatus(LabelledEnum):
    READY = "ready", "พร้อมยื่น", "Ready to submit"
    IMPROVE = "improve", "ควรปรับปรุง", "Ready, but could be stronger"
    MUST_FIX = "must_fix", "ต้องแก้ไขก่อนยื่น", "Must be fixed before submitting"
    NOT_CHECKED = "not_checked", "ยังไม่ตรวจ (อยู่ระหว่างวางแผน)", "Not checked (still being planned)"


class Text(NamedTuple):
    """A value shown to people, in both languages (a section title, a name)."""

    th: str
    en: str

    def get(self, lang: str) -> str:
        return self.th if lang == "th" else (self.en or self.th)


class Target(NamedTuple):
    """Where a finding is fixed: the kind of record, its id, and a place in it.

    Kinds: ``work``, ``indicator``, ``activity``, ``testimonial``,
    ``evidence``, ``contributor``, ``partner``, ``profile``, ``portfolio``.
    Places (optional): ``section:<key>``, ``field:<column>``, ``partners``,
    ``activities``, ``indicators``, ``testimonials``, ``evidence``,
    ``disseminations``, ``contributors``, ``principle:<code>``,
    ``measurement:<id>``, ``works``."""

    kind: str
    id: str | None
    place: str | None = None


@dataclass(frozen=True, eq=False)
class Finding:
    """One thing a committee would find missing or wrong."""

    rule: str
    severity: Severity
    work_id: str | None
    target: Target
    serves: str
    #: The texts of the rule, already filled in: {"th": ..., "en": ...}.
    what: dict[str, str]
    why: dict[str, str]
    fix: dict[str, str]
    #: Plain parameters the texts were filled with (numbers, names), for tools.
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Stable identity across re-checks (keeps a view's selection)."""
        return "|".join((self.rule, self.target.kind, self.target.id or "", self.target.place or ""))

    def message(self, lang: str = "th") -> str:
        return self.what.get(lang) or self.what["th"]

    def why_text(self, lang: str = "th") -> str:
        return self.why.get(lang) or self.why["th"]

    def fix_text(self, lang: str = "th") -> str:
        return self.fix.get(lang) or self.fix["th"]

    def to_dict(self, lang: str = "th") -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "work": self.work_id,
            "message": self.message(lang),
            "fix": self.fix_text(lang),
            "why": self.why_text(lang),
            "serves": self.serves,
            "target": {"kind": self.target.kind, "id": self.target.id, "place": self.target.place},
        }


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def status_of(findings: list[Finding]) -> ReadinessStatus:
    counts = count_by_severity(findings)
    if counts["blocking"]:
        return ReadinessStatus.MUST_FIX
    if counts["warning"]:
        return ReadinessStatus.IMPROVE
    return ReadinessStatus.READY


def _sorted(findings: list[Finding], rule_order: dict[str, int]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.severity.rank, rule_order.get(f.rule, 999)))


@dataclass
class WorkReadiness:
    work_id: str
    title_th: str
    title_en: str
    status: ReadinessStatus
    findings: list[Finding]

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    def title(self, lang: str = "th") -> str:
        return self.title_th if lang == "th" or not self.title_en else self.title_en


@dataclass
class PortfolioReadiness:
    """The whole check: portfolio-level findings, then one entry per work."""

    position: str
    route: str
    ruleset: str
    ruleset_version: int
    #: Findings about the portfolio as a whole (profile, number of works).
    general: list[Finding]
    works: list[WorkReadiness]
    #: What the rule set asks of this position and route (for the header).
    requirement: dict[str, Any] = field(default_factory=dict)
    hashes_verified: bool = False

    @property
    def findings(self) -> list[Finding]:
        out = list(self.general)
        for w in self.works:
            out.extend(w.findings)
        return out

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    @property
    def status(self) -> ReadinessStatus:
        return status_of(self.findings)

    @property
    def has_blocking(self) -> bool:
        return self.counts["blocking"] > 0

    def work(self, work_id: str) -> WorkReadiness | None:
        return next((w for w in self.works if w.work_id == work_id), None)
