"""Promotion readiness: each rule found when broken on purpose and gone when
fixed, the summary and the report, and the demo portfolio. The rule file is
tested in test_readiness_rule_file.py, the command line in
test_readiness_cli.py."""

from __future__ import annotations

import pytest
from readiness_cases import (
    BENEFIT,
    KNOWLEDGE,
    LONG,
    UNI_BENEFIT,
    _meeting_photo,
    rule_ids,
)

from ent_portfolio.i18n import set_language
from ent_portfolio.readiness import (
    ReadinessStatus,
    Severity,
    check_readiness,
    check_work,
    format_report,
    load_rules,
    readiness_summary,
)
from ent_portfolio.readiness.checks import CHECKS, plain_text, text_length
from ent_portfolio.readiness.plausibility import PLAUSIBILITY_RULES
from ent_portfolio.services import Services


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    set_language(None)


# --- a portfolio that passes every rule --------------------------------------

def test_the_complete_portfolio_has_no_findings(ready):
    p, _s, ids = ready
    result = check_readiness(p, verify_hashes=True)
    assert [f.rule for f in result.findings] == []
    assert result.status == ReadinessStatus.READY
    assert not result.has_blocking
    assert result.works[0].work_id == ids["work"]
    assert result.works[0].status == ReadinessStatus.READY


# --- one test per rule: break it, see the rule; fix it, see it go -----------

def _store_path(p, s, ids):
    return p.store.path_for(s.evidence.get(ids["photo"]).sha256)


def _set_section(key, html):
    return lambda p, s, ids: s.works.set_section(ids["work"], key, html)


def _update(service, key, **fields):
    return lambda p, s, ids: getattr(s, service).update(ids[key], **fields)


def _remove_later_measurements(p, s, ids):
    for x in s.indicators.measurements(ids["indicator"]):
        s.measurements.delete(x.id)


def _restore_measurements(p, s, ids):
    s.measurements.create(indicator_id=ids["indicator"], date="2024-01-15", value="55")


def _delete_cert(p, s, ids):
    s.testimonials.delete(ids["cert"])


def _add_signed_partner_testimonial(p, s, ids):
    s.testimonials.create(work_id=ids["work"], partner_id=ids["partner"], kind="testimonial",
                          person_name="นางบัวผัน", signed=True, consent=True)


def _unlink_letter(p, s, ids):
    s.testimonials.update(ids["cert"], letter_evidence_id=None)


def _attach_letter_from_evidence(p, s, ids):
    s.evidence.update(ids["letter"], testimonial_id=ids["cert"])


def _drop_partner(p, s, ids):
    s.work_partners.delete(ids["link"])


def _relink_partner(p, s, ids):
    s.work_partners.create(work_id=ids["work"], partner_id=ids["partner"], role="co_implementer")


def _delete_file(p, s, ids):
    _store_path(p, s, ids).unlink()


def _restore_file(p, s, ids):
    assert p.store.add_file(_meeting_photo(p.folder.parent / "again.jpg"))[0] == ids["photo_sha"]


def _corrupt_file(p, s, ids):
    path = _store_path(p, s, ids)
    path.chmod(0o644)
    path.write_bytes(b"tampered")


def _uncorrupt_file(p, s, ids):
    path = _store_path(p, s, ids)
    path.write_bytes(_meeting_photo(p.folder.parent / "again.jpg").read_bytes())


def _drop_principle_evidence(p, s, ids):
    s.evidence.update(ids["photo"], principles=["partnership", "mutual_benefit", "impact"])


def _testimonial_for_knowledge(p, s, ids):
    s.testimonials.create(work_id=ids["work"], person_name="ครูสมศรี", principle="knowledge", consent=True)


def _too_few_works(p, s, ids):
    s.works.update(ids["work"], status="planned")


CASES = {
    # rule id: (break it, fix it)
    "section.missing": (_set_section("process", "<p> </p>"), _set_section("process", LONG)),
    "section.too_short": (_set_section("evaluation", "<p><b>ค่าฐาน</b> 20 ค่าล่าสุด 82</p>"),
                          _set_section("evaluation", LONG)),
    "partnership.no_partner": (_drop_partner, _relink_partner),
    "partnership.no_codesigner": (_update("work_partners", "link", role="beneficiary"),
                                  _update("work_partners", "link", role="co_designer")),
    "partnership.no_coplanning": (_update("activities", "coplan", kind="meeting"),
                                  _update("activities", "coplan", kind="co_planning")),
    "partnership.no_mou": (_update("partners", "partner", mou_date=None),
                           _update("partners", "partner", mou_note="หนังสือความร่วมมือ ลงวันที่ 10 ม.ค. 2566")),
    "benefit.community_missing": (_update("works", "work", benefit_community_text="ชุมชนได้ประโยชน์"),
                                  _update("works", "work", benefit_community_text=BENEFIT)),
    "benefit.university_missing": (_update("works", "work", benefit_university_text=""),
                                   _update("works", "work", benefit_university_text=UNI_BENEFIT)),
    "knowledge.not_described": (
        lambda p, s, ids: (s.works.update(ids["work"], knowledge_text=""),
                           s.works.set_section(ids["work"], "knowledge", "")),
        _update("works", "work", knowledge_text=KNOWLEDGE),
    ),
    "knowledge.no_dissemination": (
        lambda p, s, ids: [s.disseminations.delete(d.id) for d in s.disseminations.list(work_id=ids["work"])],
        lambda p, s, ids: s.disseminations.create(work_id=ids["work"], citation="คู่มือดูแลตัวกรองน้ำ", kind="manual"),
    ),
    "impact.no_indicator": (
        lambda p, s, ids: s.indicators.delete(ids["indicator"]),
        lambda p, s, ids: s.indicators.create(work_id=ids["work"], name_th="ร้อยละครัวเรือน", baseline_value="1",
                                              baseline_date="2023-01-20", target_value="5"),
    ),
    "impact.no_baseline": (_update("indicators", "indicator", baseline_date=None),
                           _update("indicators", "indicator", baseline_date="2023-01-15")),
    "impact.no_target": (_update("indicators", "indicator", target_value=None),
                         _update("indicators", "indicator", target_value="80")),
    "impact.no_measurement": (_remove_later_measurements, _restore_measurements),
    "impact.not_improved": (_update("indicators", "indicator", baseline_value="90"),
                            _update("indicators", "indicator", baseline_value="20")),
    "impact.no_reach": (
        lambda p, s, ids: [s.activities.update(a.id, participants_total=None)
                           for a in s.activities.list(work_id=ids["work"])],
        _update("activities", "coplan", participants_total=40),
    ),
    "certification.missing": (_delete_cert, _add_signed_partner_testimonial),
    "certification.only_testimonials": (
        lambda p, s, ids: (_add_signed_partner_testimonial(p, s, ids), _delete_cert(p, s, ids)),
        lambda p, s, ids: s.testimonials.create(work_id=ids["work"], partner_id=ids["partner"], kind="certification",
                                                person_name="นายสมชาย ป่าแดด", signed=True, consent=True,
                                                letter_evidence_id=ids["letter"]),
    ),
    # fixed the other way a scan can be attached: the evidence names the testimonial
    "certification.no_letter": (_unlink_letter, _attach_letter_from_evidence),
    "testimonial.no_consent": (_update("testimonials", "cert", consent=False),
                               _update("testimonials", "cert", consent=True)),
    "evidence.principle_uncovered": (_drop_principle_evidence, _testimonial_for_knowledge),
    "evidence.file_missing": (_delete_file, _restore_file),
    "evidence.hash_mismatch": (_corrupt_file, _uncorrupt_file),
    "contributors.no_roles": (_update("contributors", "coworker", roles=["other"]),
                              _update("contributors", "coworker", role_other="ประสานงานกับผู้นำชุมชน")),
    "contributors.unsigned": (_update("contributors", "coworker", signature_status="pending"),
                              _update("contributors", "coworker", signature_status="signed")),
    "contributors.percentage_sum": (
        lambda p, s, ids: (s.contributors.update(ids["applicant"], percentage="60"),
                           s.contributors.update(ids["coworker"], percentage="30")),
        _update("contributors", "coworker", percentage="40"),
    ),
    "dates.work_period_missing": (_update("works", "work", end_date=None),
                                  _update("works", "work", end_date="2025-06-30")),
    "dates.activity_outside_period": (_update("activities", "coplan", date="2022-11-20"),
                                      _update("activities", "coplan", date="2023-02-01")),
    "dates.measurement_before_baseline": (_update("measurements", "measurement", date="2023-01-10"),
                                          _update("measurements", "measurement", date="2024-01-15")),
    "work.prior_use": (_update("works", "work", prior_use_year=2565, prior_quality_level="good"),
                       _update("works", "work", prior_use_year=None, prior_quality_level=None)),
    "work.no_missions": (_update("works", "work", missions=[]),
                         _update("works", "work", missions=["academic_service"])),
    "portfolio.too_few_works": (_too_few_works, _update("works", "work", status="ongoing")),
    "profile.incomplete": (_update("profile", "profile", faculty=""),
                           _update("profile", "profile", faculty="คณะสาธารณสุขศาสตร์")),
}
# Rules that hold only over longer follow-up or higher positions are tested below.
SEPARATE = {"impact.short_follow_up"}
# The rules of the ก.พ.อ. file's claim, ethics and consent: tests/unit/test_readiness_issue15.py.
SEPARATE |= {"claim.no_main_work", "claim.no_level", "claim.no_impact_summary", "ethics.approval_missing",
             "privacy.photo_no_consent", "privacy.photo_consent_unknown", "evidence.letter_undated"}
# The photos' plausibility rules: tests/unit/test_plausibility.py.
SEPARATE |= set(PLAUSIBILITY_RULES)


def test_every_check_has_a_rule_and_a_test():
    rules = {r.id for r in load_rules().rules}
    assert rules == set(CHECKS)
    assert set(CASES) | SEPARATE == set(CHECKS)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_appears_when_broken_and_goes_when_fixed(ready, rule_id):
    p, s, ids = ready
    breaker, fixer = CASES[rule_id]
    verify = rule_id == "evidence.hash_mismatch"
    assert rule_id not in rule_ids(p, verify_hashes=verify)
    breaker(p, s, ids)
    result = check_readiness(p, verify_hashes=verify)
    found = [f for f in result.findings if f.rule == rule_id]
    assert found, [f.rule for f in result.findings]
    finding = found[0]
    assert finding.severity == load_rules().rule(rule_id).severity
    assert finding.message("th") and finding.message("en") and finding.fix_text("th")
    assert "{" not in finding.message("th") + finding.message("en")
    if rule_id.startswith(("portfolio.", "profile.")):
        assert finding.work_id is None
    else:
        assert finding.work_id == ids["work"]
    fixer(p, s, ids)
    assert rule_id not in rule_ids(p, verify_hashes=verify)


def test_findings_point_at_the_record_to_fix(ready):
    p, s, ids = ready
    s.works.set_section(ids["work"], "process", "")
    s.contributors.update(ids["coworker"], signature_status="declined")
    s.indicators.update(ids["indicator"], target_value=None)
    s.testimonials.update(ids["cert"], consent=False)
    s.activities.update(ids["coplan"], date="2022-12-01")
    s.measurements.update(ids["measurement"], date="2023-01-15")
    by_rule = {f.rule: f for f in check_readiness(p).findings}
    assert by_rule["section.missing"].target == ("work", ids["work"], "section:process")
    assert by_rule["contributors.unsigned"].target == ("contributor", ids["coworker"], "field:signature_status")
    assert "ปฏิเสธการลงนาม" in by_rule["contributors.unsigned"].message("th")
    assert "Declined" in by_rule["contributors.unsigned"].message("en")
    assert by_rule["impact.no_target"].target == ("indicator", ids["indicator"], "field:target_value")
    assert by_rule["testimonial.no_consent"].target == ("testimonial", ids["cert"], "field:consent")
    # Said without the name: it may be printed in the dossier's appendix.
    assert "นายสมชาย" not in by_rule["testimonial.no_consent"].message("th")
    assert "เทศบาลตำบลป่าแดด" in by_rule["testimonial.no_consent"].message("th")
    assert by_rule["dates.activity_outside_period"].target.kind == "activity"
    # Thai dates in the Buddhist era, English in the common era.
    assert "1 ธ.ค. 2565" in by_rule["dates.activity_outside_period"].message("th")
    assert "1 Dec 2022" in by_rule["dates.activity_outside_period"].message("en")
    assert by_rule["dates.measurement_before_baseline"].target == (
        "indicator", ids["indicator"], f"measurement:{ids['measurement']}")


def test_a_measurement_on_the_baseline_date_is_not_a_follow_up(ready):
    p, s, ids = ready
    for x in s.indicators.measurements(ids["indicator"]):
        s.measurements.update(x.id, date="2023-01-15")
    found = rule_ids(p)
    assert "impact.no_measurement" in found and "dates.measurement_before_baseline" in found


def test_short_follow_up_depends_on_the_target_position(ready):
    p, s, ids = ready
    # Follow-up: 2023-01-15 → 2025-03-15, about 2.2 years.
    assert "impact.short_follow_up" not in rule_ids(p, position="associate_professor")
    result = check_readiness(p, position="professor")
    finding = next(f for f in result.findings if f.rule == "impact.short_follow_up")
    assert finding.severity == Severity.WARNING  # a suggestion for lower positions, a warning for professor
    assert "2.2" in finding.message("th") and "3" in finding.message("th")
    s.measurements.create(indicator_id=ids["indicator"], date="2026-02-01", value="85")
    assert "impact.short_follow_up" not in rule_ids(p, position="professor")


def test_requirements_vary_by_position_and_route(ready):
    p, s, ids = ready
    assert "portfolio.too_few_works" not in rule_ids(p, position="associate_professor", route="regular")
    result = check_readiness(p, position="associate_professor", route="society_track")
    finding = next(f for f in result.findings if f.rule == "portfolio.too_few_works")
    assert "รองศาสตราจารย์" in finding.message("th") and "2" in finding.message("th")
    assert result.requirement["min_works"] == 2 and result.requirement["quality_level"] == ["very_good"]
    # The profile's own target position is used when none is given.
    s.profile.update(ids["profile"], target_position="associate_professor")
    assert "portfolio.too_few_works" in rule_ids(p)
    # Higher positions also ask for more dissemination.
    assert "knowledge.no_dissemination" in rule_ids(p)


def test_section_length_counts_what_a_reader_sees():
    html = "<p>ค่า&nbsp;ฐาน <b>20</b></p>\n\n<ul><li>หนึ่ง</li><li>สอง</li></ul>"
    assert plain_text(html) == "ค่า ฐาน 20 หนึ่ง สอง"  # a no-break space is a space too
    assert text_length("<p>   </p><br/>") == 0
    assert text_length("<p>" + "ก" * 10 + "</p>" + "<span style='x'></span>") == 10


def test_planned_works_are_listed_but_not_checked(ready):
    p, s, ids = ready
    plan = s.works.create(title_th="งานที่ยังวางแผน", status="planned")
    result = check_readiness(p)
    entry = result.work(plan.id)
    assert entry.status == ReadinessStatus.NOT_CHECKED and entry.findings == []
    assert result.status == ReadinessStatus.READY


def test_check_work_refreshes_one_work(ready):
    p, s, ids = ready
    s.indicators.update(ids["indicator"], baseline_value=None)
    one = check_work(p, ids["work"])
    assert one.status == ReadinessStatus.MUST_FIX
    assert [f.rule for f in one.findings] == ["impact.no_baseline"]
    assert one.counts == {"blocking": 1, "warning": 0, "suggestion": 0}


def test_status_follows_the_worst_severity(ready):
    p, s, ids = ready
    s.works.update(ids["work"], missions=[])           # a suggestion only
    assert check_readiness(p).status == ReadinessStatus.READY
    s.indicators.update(ids["indicator"], target_value=None)  # a warning
    assert check_readiness(p).status == ReadinessStatus.IMPROVE
    s.indicators.update(ids["indicator"], baseline_value=None)  # blocking
    result = check_readiness(p)
    assert result.status == ReadinessStatus.MUST_FIX and result.has_blocking
    assert result.status.label("th") == "ต้องแก้ไขก่อนยื่น"


def test_hash_verification_reports_progress_and_can_be_cancelled(ready):
    from ent_portfolio.jobs import Cancelled, CancelToken

    p, s, ids = ready
    seen = []
    check_readiness(p, verify_hashes=True, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        check_readiness(p, verify_hashes=True, cancel=token)


# --- the summary for the dossier, the report ---------------------------------

def test_readiness_summary_is_plain_data(ready):
    p, s, ids = ready
    s.profile.update(ids["profile"], university="")
    s.contributors.update(ids["coworker"], signature_status="pending")
    entries = readiness_summary(p, "th")
    assert [e.work_id for e in entries] == [None, ids["work"]]
    title, status, findings = entries[1]
    assert title == "น้ำสะอาดบ้านป่าแดด" and status == "ต้องแก้ไขก่อนยื่น"
    assert [(f.rule, f.severity) for f in findings] == [("contributors.unsigned", "blocking")]
    assert "นายวิชัย ร่วมงาน" in findings[0].message
    english = readiness_summary(p, "en")
    assert english[1].title == "Clean water in Ban Pa Daet" and english[1].status.startswith("Must be fixed")


def test_report_groups_by_work_and_lists_the_fix_once_per_rule(ready):
    p, s, ids = ready
    for key in ("abstract", "process", "evaluation", "sustaining", "references"):
        s.works.set_section(ids["work"], key, "")
    text = format_report(check_readiness(p), "th")
    assert "ผลงานที่ 1: น้ำสะอาดบ้านป่าแดด" in text
    assert "ต้องแก้ไขก่อนยื่น" in text
    assert text.count("ยังไม่ได้เขียนหัวข้อ") == 3  # three shown, the rest summed up
    assert "และอีก 2 รายการ" in text
    assert text.count("วิธีแก้:") == 1


# --- the demo portfolio ------------------------------------------------------

def _demo_work(services: Services, province: str):
    return next(w for w in services.works.list() if w.province == province)


def test_the_demo_is_mostly_ready_with_honest_findings(demo):
    result = check_readiness(demo, verify_hashes=True)
    rules = sorted(f.rule for f in result.findings)
    # The demo's lecturer still waits for one co-worker's signature and for
    # the number of the ongoing work's ethics approval, has not yet asked the
    # youth in one photo, and one farmer did not consent to his words being
    # published: exactly that.
    assert rules == ["contributors.unsigned", "ethics.approval_missing", "privacy.photo_consent_unknown",
                     "testimonial.no_consent"], rules
    assert result.status == ReadinessStatus.MUST_FIX
    statuses = sorted(w.status.value for w in result.works)
    assert statuses == ["improve", "must_fix", "ready"]
    unsigned = next(f for f in result.findings if f.rule == "contributors.unsigned")
    assert unsigned.target.kind == "contributor" and "รอลงนาม" in unsigned.message("th")
    # Short enough to read at a glance.
    text = format_report(result, "th")
    assert len(text.splitlines()) < 25


def test_removing_a_demo_works_certifications_or_measurements_is_named_by_rule(demo):
    s = Services(demo)
    nan = _demo_work(s, "น่าน")
    assert check_work(demo, nan.id).findings == []
    for t in s.testimonials.list(work_id=nan.id, kind="certification"):
        s.testimonials.delete(t.id)
    assert [f.rule for f in check_work(demo, nan.id).findings] == ["certification.only_testimonials"]
    for t in s.testimonials.list(work_id=nan.id):
        s.testimonials.delete(t.id)
    found = [f.rule for f in check_work(demo, nan.id).findings]
    assert "certification.missing" in found
    indicators = s.indicators.list(work_id=nan.id)
    for x in s.indicators.measurements(indicators[0].id):
        s.measurements.delete(x.id)
    missing = [f for f in check_work(demo, nan.id).findings if f.rule == "impact.no_measurement"]
    assert [f.target for f in missing] == [("indicator", indicators[0].id, "measurements")]
    assert indicators[0].name_th in missing[0].message("th")
