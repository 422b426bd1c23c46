"""Readiness for people: the command-line report and a plain summary the
dossier may print as an (optional) appendix.

The two are read by different people.  The report (``ent-portfolio check``,
the readiness view) is the lecturer's own, on their machine: a testimonial
is named by who gave it (position, organisation, date) so that they can find
the one to fix.  The appendix goes out with the dossier: there a person who
did not consent is the label the testimonial appendix gives them
("ผู้ให้ข้อมูล ก"), with no position, organisation or date beside it, and no
withheld name is left in any finding (see :func:`summarise`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..domain.enums import Position, QualityLevel, Route
from ..i18n import register, tr
from ..storage.portfolio import Portfolio
from .all_checks import CHECKS
from .model import Finding, PortfolioReadiness, ReadinessStatus, Severity
from .rules import RuleSet, load_rules

if TYPE_CHECKING:
    from ..privacy import Anonymiser

register({
    "readiness.header": ("ความพร้อมก่อนยื่นขอตำแหน่ง{position} ({route})", "Readiness for {position} ({route})"),
    "readiness.overall": ("ผลรวม: {status}", "Overall: {status}"),
    "readiness.count.blocking": ("ต้องแก้ไข {n}", "must fix {n}"),
    "readiness.count.warning": ("ควรแก้ไข {n}", "should fix {n}"),
    "readiness.count.suggestion": ("ข้อแนะนำ {n}", "suggestions {n}"),
    "readiness.status": ("สถานะ: {status}", "Status: {status}"),
    "readiness.works_line": ("ผลงาน {total} เรื่อง: {parts}", "{total} work(s): {parts}"),
    "readiness.requirement": ("ผลงานอย่างน้อย {min_works} เรื่อง ระดับคุณภาพ{quality}",
                              "at least {min_works} work(s), quality level {quality}"),
    "readiness.ruleset": ("เกณฑ์ {name} รุ่น {version}", "Rule set {name}, version {version}"),
    "readiness.hashes_checked": ("ไฟล์หลักฐาน: ตรวจค่าแฮชครบทุกไฟล์แล้ว", "Evidence files: every hash verified"),
    "readiness.hashes_not_checked": ("ไฟล์หลักฐาน: ตรวจว่ามีครบ (ใส่ --verify เพื่อตรวจค่าแฮชด้วย)",
                                     "Evidence files: checked for presence (add --verify to check their hashes)"),
    "readiness.general": ("ภาพรวมแฟ้ม", "The portfolio as a whole"),
    "readiness.work": ("ผลงานที่ {n}: {title}", "Work {n}: {title}"),
    "readiness.fix": ("วิธีแก้: {text}", "How to fix: {text}"),
    "readiness.why": ("เหตุผล: {text}", "Why: {text}"),
    "readiness.more": ("…และอีก {n} รายการในลักษณะเดียวกัน", "…and {n} more like this"),
    "readiness.no_works": ("ยังไม่มีผลงานในแฟ้ม", "The portfolio has no work yet."),
    "readiness.all_ready": ("ไม่พบสิ่งที่ต้องแก้ไข", "Nothing to fix."),
    "readiness.placeholders": ("ค่าที่ใส่ในข้อความได้: {names}", "Placeholders: {names}"),
    "readiness.hint_why": ("ใส่ --why เพื่อดูว่าทำไมกรรมการจึงดูแต่ละข้อ", "Add --why to see why reviewers look at each point."),
})

#: How many findings of one rule a work lists before summing up the rest.
MAX_PER_RULE = 3


def _counts_text(counts: dict[str, int], lang: str) -> str:
    """“ต้องแก้ไข 1 · ควรแก้ไข 2”: the severities that occur, in order."""
    parts = [tr(f"readiness.count.{s.value}", lang, n=counts[s.value]) for s in Severity if counts.get(s.value)]
    return " · ".join(parts)


def _quality_text(codes, lang: str) -> str:
    labels = []
    for code in codes or []:
        try:
            labels.append(QualityLevel(code).label(lang))
        except ValueError:
            labels.append(str(code))
    return (" " if lang == "th" else "") + " / ".join(labels) if labels else ""


def _position_label(code: str, lang: str) -> str:
    try:
        return Position(code).label(lang)
    except ValueError:
        return code


def _route_label(code: str, lang: str) -> str:
    try:
        return Route(code).label(lang)
    except ValueError:
        return code


def _finding_lines(findings: list[Finding], lang: str, why: bool, indent: str = "  ") -> list[str]:
    lines: list[str] = []
    groups: list[list[Finding]] = []
    for f in findings:  # already sorted by severity, then rule order
        if groups and groups[-1][0].rule == f.rule:
            groups[-1].append(f)
        else:
            groups.append([f])
    for group in groups:
        first = group[0]
        tag = f"[{first.severity.label(lang)}]"
        for f in group[:MAX_PER_RULE]:
            lines.append(f"{indent}{tag} {f.message(lang)}")
        if len(group) > MAX_PER_RULE:
            lines.append(f"{indent}{' ' * (len(tag) + 1)}{tr('readiness.more', lang, n=len(group) - MAX_PER_RULE)}")
        pad = indent + "    "
        lines.append(pad + "→ " + tr("readiness.fix", lang, text=first.fix_text(lang)))
        if why:
            lines.append(pad + "  " + tr("readiness.why", lang, text=first.why_text(lang)))
    return lines


def format_report(result: PortfolioReadiness, lang: str = "th", why: bool = False) -> str:
    """The report the command line prints: overall status first, then the
    portfolio-level findings, then each work with its status and findings
    (what is wrong, and how to fix it, once per rule)."""
    overall = tr("readiness.overall", lang, status=result.status.label(lang))
    if result.findings:
        overall += " — " + _counts_text(result.counts, lang)
    lines = [
        tr("readiness.header", lang, position=_position_label(result.position, lang),
           route=_route_label(result.route, lang)),
        overall,
    ]
    if result.works:
        by_status: dict = {}
        for w in result.works:
            by_status[w.status] = by_status.get(w.status, 0) + 1
        parts = " · ".join(f"{st.label(lang)} {by_status[st]}" for st in ReadinessStatus if st in by_status)
        lines.append(tr("readiness.works_line", lang, total=len(result.works), parts=parts))
    ruleset = tr("readiness.ruleset", lang, name=result.ruleset, version=result.ruleset_version)
    req = result.requirement
    if req:
        ruleset += ": " + tr("readiness.requirement", lang, min_works=req.get("min_works", "?"),
                             quality=_quality_text(req.get("quality_level"), lang))
    lines.append(ruleset)
    lines.append(tr("readiness.hashes_checked" if result.hashes_verified else "readiness.hashes_not_checked", lang))
    if result.general:
        lines += ["", tr("readiness.general", lang)]
        lines += _finding_lines(result.general, lang, why)
    if not result.works:
        lines += ["", tr("readiness.no_works", lang)]
    for n, work in enumerate(result.works, start=1):
        lines.append("")
        head = tr("readiness.work", lang, n=n, title=work.title(lang))
        status = work.status.label(lang)
        if work.findings:
            status += f" ({_counts_text(work.counts, lang)})"
        lines.append(head)
        lines.append("  " + tr("readiness.status", lang, status=status))
        lines += _finding_lines(work.findings, lang, why)
    if not why and result.findings:
        lines += ["", tr("readiness.hint_why", lang)]
    return "\n".join(lines)


def rules_listing(rules, position: str, route: str, lang: str = "th") -> str:
    """The rule set as it applies to ``position`` and ``route``, for review."""
    lines = [
        rules.title.get(lang) + f" — {rules.name} v{rules.version}",
        tr("readiness.header", lang, position=_position_label(position, lang), route=_route_label(route, lang)),
    ]
    if rules.note.get(lang):
        lines.append(rules.note.get(lang))
    for rule in rules.active(position, route):
        lines.append("")
        lines.append(f"{rule.id}  [{rule.severity.label(lang)}]  {rules.heading(rule.serves).get(lang)}")
        if rule.thresholds:
            values = ", ".join(f"{k} = {v}" for k, v in rule.thresholds.items())
            lines.append(f"    {values}")
        lines.append("    " + rule.texts["what"][lang])
        offered = list(CHECKS[rule.id].params) + list(rule.thresholds)
        if offered:
            lines.append("    " + tr("readiness.placeholders", lang, names=" ".join("{" + n + "}" for n in offered)))
    return "\n".join(lines)


# --- the dossier appendix ----------------------------------------------------

@dataclass(frozen=True)
class SummaryFinding:
    rule: str
    severity: str         # blocking / warning / suggestion
    severity_label: str   # in the language asked for
    message: str
    fix: str


@dataclass(frozen=True)
class SummaryEntry:
    """One row of the readiness appendix: a work (or, with ``work_id`` None,
    the portfolio as a whole) with its status and findings."""

    title: str
    status: str           # label in the language asked for, e.g. "พร้อมยื่น"
    status_code: str      # ready / improve / must_fix / not_checked
    findings: list[SummaryFinding] = field(default_factory=list)
    work_id: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def __iter__(self):  # (title, status, findings), as the dossier unpacks it
        return iter((self.title, self.status, self.findings))


#: Parameters a check fills from a testimonial's author (see ``checks._source``).
_PERSON_PARAMS = ("source", "person")


def _summary_findings(findings: list[Finding], lang: str, anonymiser: Anonymiser | None = None,
                      active: dict | None = None) -> list[SummaryFinding]:
    out = []
    for f in findings:
        message, fix = f.message(lang), f.fix_text(lang)
        if anonymiser is not None:
            label = anonymiser.label_of(f.target.id or "", lang) if f.target.kind == "testimonial" else None
            rule = (active or {}).get(f.rule)
            if label is not None and rule is not None:
                texts = rule.render({**f.params, **{k: label for k in _PERSON_PARAMS if k in f.params}})
                message, fix = texts["what"][lang], texts["fix"][lang]
            elif label is not None:  # a rule this run cannot render again: say no more than the label
                message = label
            message, fix = anonymiser.anonymise(message, lang), anonymiser.anonymise(fix, lang)
        out.append(SummaryFinding(f.rule, f.severity.value, f.severity.label(lang), message, fix))
    return out


def summarise(result: PortfolioReadiness, lang: str = "th", anonymiser: Anonymiser | None = None,
              rules: RuleSet | None = None) -> list[SummaryEntry]:
    """The appendix's entries.  With ``anonymiser`` (the dossier's), a
    finding about a testimonial whose author did not consent is written
    again with that person's label in place of who they are, and every text
    has the withheld names taken out; ``rules`` is the rule set the result
    was checked with (the shipped one by default)."""
    active = None
    if anonymiser is not None:
        active = {r.id: r for r in (rules or load_rules()).active(result.position, result.route)}

    def title(text: str) -> str:
        return anonymiser.anonymise(text, lang) if anonymiser is not None else text

    entries: list[SummaryEntry] = []
    if result.general:
        from .model import status_of

        status = status_of(result.general)
        entries.append(SummaryEntry(
            tr("readiness.general", lang), status.label(lang), status.value,
            _summary_findings(result.general, lang, anonymiser, active), None,
            {s.value: sum(1 for f in result.general if f.severity == s) for s in Severity},
        ))
    for w in result.works:
        entries.append(SummaryEntry(
            title(w.title(lang)), w.status.label(lang), w.status.value,
            _summary_findings(w.findings, lang, anonymiser, active), w.work_id, w.counts,
        ))
    return entries


def readiness_summary(portfolio: Portfolio, lang: str = "th", anonymiser: Anonymiser | None = None,
                      **options) -> list[SummaryEntry]:
    """Plain data for the dossier's optional readiness appendix: one entry per
    work (title, status label, findings), preceded by an entry for the
    portfolio as a whole when it has findings.  ``anonymiser``: the
    dossier's (see :func:`summarise`).  ``options`` go to
    :func:`~ent_portfolio.readiness.check_readiness` (e.g. ``verify_hashes``)."""
    from .engine import check_readiness

    rules = options.setdefault("rules", None) or load_rules()
    options["rules"] = rules
    return summarise(check_readiness(portfolio, **options), lang, anonymiser, rules)
