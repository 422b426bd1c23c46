"""The readiness rules of the ก.พ.อ. file (issue 15): a main work and its
claimed level, its impact summary, the research-ethics approval, the consent
of the people in the photos and the date of a letter.

Each rule is broken on the ready portfolio (which passes every rule), found
with its severity, target and sentence, and gone once fixed; the consent
rules are also checked over generated sets of photos."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from readiness_cases import rule_ids

from ent_portfolio.domain import enums
from ent_portfolio.domain import models as m
from ent_portfolio.readiness import Severity, check_readiness, load_rules
from ent_portfolio.readiness.checks import CHECKS, WorkContext

ISSUE15_RULES = {"claim.no_main_work", "claim.no_level", "claim.no_impact_summary", "ethics.approval_missing",
                 "privacy.photo_no_consent", "privacy.photo_consent_unknown", "evidence.letter_undated"}


def _update(service, key, **fields):
    return lambda s, ids: getattr(s, service).update(ids[key], **fields)


def _add_ethics(s, ids, **fields):
    s.works.update(ids["work"], ethics_required=True, **fields)


CASES = {
    # rule id: (break it, fix it, expected target (kind, key of ids, place))
    "claim.no_main_work": (_update("works", "work", is_main_work=False), _update("works", "work", is_main_work=True),
                           ("portfolio", None, "works")),
    "claim.no_level": (_update("works", "work", claimed_level=""), _update("works", "work", claimed_level="excellent"),
                       ("work", "work", "field:claimed_level")),
    "claim.no_impact_summary": (_update("works", "work", impact_summary="  \n "),
                                _update("works", "work", impact_summary="ครัวเรือน 120 หลังมีน้ำดื่มสะอาด"),
                                ("work", "work", "field:impact_summary")),
    "ethics.approval_missing": (
        lambda s, ids: _add_ethics(s, ids, ethics_committee="คณะกรรมการจริยธรรมการวิจัยในมนุษย์",
                                   ethics_date="2023-01-05"),
        _update("works", "work", ethics_number="REC 66/001"),
        ("work", "work", "field:ethics_number"),
    ),
    "privacy.photo_no_consent": (_update("evidence", "photo", people_consent="not_given"),
                                 _update("evidence", "photo", include_in_dossier=False),  # left out of the dossier
                                 ("evidence", "photo", "field:people_consent")),
    "privacy.photo_consent_unknown": (_update("evidence", "photo", people_consent="unknown"),
                                      _update("evidence", "photo", people_consent="no_people"),
                                      ("evidence", "photo", "field:people_consent")),
    "evidence.letter_undated": (_update("evidence", "letter", document_date=None),
                                _update("evidence", "letter", document_date="15/10/2566"),
                                ("evidence", "letter", "field:document_date")),
}


def test_every_new_rule_has_its_check_its_text_and_a_case_here():
    rules = {r.id: r for r in load_rules().rules}
    assert set(CHECKS) >= ISSUE15_RULES and set(rules) >= ISSUE15_RULES
    assert set(CASES) == ISSUE15_RULES
    severities = {rule: rules[rule].severity for rule in ISSUE15_RULES}
    assert {r for r, sev in severities.items() if sev == Severity.BLOCKING} == {
        "claim.no_main_work", "claim.no_level", "ethics.approval_missing", "privacy.photo_no_consent"}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_a_new_rule_appears_when_broken_and_goes_when_fixed(ready, rule_id):
    p, s, ids = ready
    breaker, fixer, (kind, key, place) = CASES[rule_id]
    assert rule_id not in rule_ids(p)
    breaker(s, ids)
    found = [f for f in check_readiness(p).findings if f.rule == rule_id]
    assert len(found) == 1, [f.rule for f in check_readiness(p).findings]
    finding = found[0]
    assert finding.severity == load_rules().rule(rule_id).severity
    assert tuple(finding.target) == (kind, ids[key] if key else None, place)
    for lang in ("th", "en"):
        assert finding.message(lang) and finding.fix_text(lang) and finding.why_text(lang)
        assert "{" not in finding.message(lang) + finding.fix_text(lang)
    assert finding.work_id == (None if rule_id == "claim.no_main_work" else ids["work"])
    fixer(s, ids)
    assert rule_id not in rule_ids(p)


def test_a_work_that_is_not_a_main_work_needs_no_level_nor_summary(ready):
    p, s, ids = ready
    second = s.works.create(title_th="งานที่สองที่ไม่ได้เสนอเป็นผลงานหลัก", status="ongoing")
    found = {f.rule for f in check_readiness(p).findings if f.work_id == second.id}
    assert not found & {"claim.no_level", "claim.no_impact_summary"}
    s.works.update(second.id, is_main_work=True)
    found = {f.rule for f in check_readiness(p).findings if f.work_id == second.id}
    assert {"claim.no_level", "claim.no_impact_summary"} <= found


def test_a_planned_main_work_does_not_count_as_the_main_work(ready):
    p, s, ids = ready
    s.works.update(ids["work"], is_main_work=False)
    s.works.create(title_th="งานที่ยังวางแผน", status="planned", is_main_work=True)
    assert "claim.no_main_work" in rule_ids(p)


def test_the_ethics_finding_names_every_missing_part(ready):
    p, s, ids = ready
    s.works.update(ids["work"], ethics_required=True)
    [finding] = [f for f in check_readiness(p).findings if f.rule == "ethics.approval_missing"]
    assert finding.target.place == "field:ethics_committee"
    for words in ("คณะกรรมการที่รับรอง", "เลขที่หนังสือรับรอง", "วันที่รับรอง"):
        assert words in finding.message("th")
    assert "the approval number" in finding.message("en")
    s.works.update(ids["work"], ethics_required=False)  # no people studied: nothing to approve
    assert "ethics.approval_missing" not in rule_ids(p)


def test_a_letter_attached_from_the_evidence_side_needs_its_date_too(ready):
    p, s, ids = ready
    s.testimonials.update(ids["cert"], letter_evidence_id=None)
    s.evidence.update(ids["letter"], testimonial_id=ids["cert"], document_date=None)
    assert [f.target.id for f in check_readiness(p).findings if f.rule == "evidence.letter_undated"] == [ids["letter"]]


# --- the consent rules over generated photos ---------------------------------------

_PHOTO = st.tuples(st.sampled_from(enums.EvidenceKind.values()), st.booleans(),
                   st.sampled_from(enums.PeopleConsent.values()))


def _context(items: list[tuple[str, bool, str]]) -> WorkContext:
    work = m.Work(id="w", title_th="ผลงาน")
    work.evidence = [m.Evidence(id=f"e{n}", work_id="w", sha256=f"{n:064d}", kind=kind, include_in_dossier=shown,
                                people_consent=consent, caption=f"ภาพที่ {n}")
                     for n, (kind, shown, consent) in enumerate(items)]
    return WorkContext(work, [], {}, date(2026, 1, 1))


def _hits(rule_id: str, ctx: WorkContext) -> list:
    rule = next(r for r in load_rules().active("assistant_professor", "society_track") if r.id == rule_id)
    return list(CHECKS[rule_id].func(ctx, rule))


@settings(max_examples=60, deadline=None)
@given(st.lists(_PHOTO, max_size=8))
def test_consent_findings_over_any_set_of_photos(items):
    ctx = _context(items)
    in_dossier = [(f"e{n}", consent) for n, (kind, shown, consent) in enumerate(items) if kind == "photo" and shown]
    refused = [target.id for target, _ in _hits("privacy.photo_no_consent", ctx)]
    assert refused == [ident for ident, consent in in_dossier if consent == "not_given"]
    unknown = [ident for ident, consent in in_dossier if consent == "unknown"]
    hits = _hits("privacy.photo_consent_unknown", ctx)
    if unknown:  # once per work, counting every photo, pointing at the first
        [(target, params)] = hits
        assert params["count"] == len(unknown) and target.id == unknown[0]
    else:
        assert hits == []
