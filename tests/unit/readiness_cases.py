"""What the readiness tests share: a portfolio with one complete work that
passes every rule, built once per test module, and a fresh copy of it for
each test to break."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import media_fixtures as mf

from ent_portfolio.readiness import check_readiness
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio

PARAGRAPH = (
    "ชุมชนบ้านป่าแดดร่วมกับคณะสาธารณสุขศาสตร์สำรวจแหล่งน้ำดื่มทุกครัวเรือน "
    "วางแผนการจัดการน้ำร่วมกันในเวทีประชาคมหมู่บ้าน และติดตามคุณภาพน้ำทุกไตรมาส "
)
LONG = "<p>" + PARAGRAPH * 8 + "</p>"   # ~ 1,000 characters: substantial for every position
BENEFIT = "ครัวเรือนมีน้ำดื่มสะอาดตลอดปี ค่าใช้จ่ายซื้อน้ำลดลงเดือนละประมาณสามร้อยบาท และเยาวชนดูแลระบบกรองน้ำได้เอง"
UNI_BENEFIT = "นักศึกษาสาธารณสุขศาสตร์ 45 คนใช้พื้นที่เป็นห้องเรียนในรายวิชาอนามัยสิ่งแวดล้อม และเกิดงานวิจัยต่อยอดเรื่องตัวกรองน้ำต้นทุนต่ำ"
KNOWLEDGE = (
    "ใช้ความรู้ด้านอนามัยสิ่งแวดล้อมและการตรวจคุณภาพน้ำอย่างง่าย ร่วมกับภูมิปัญญาชาวบ้านเรื่องการเลือกแหล่งน้ำ "
    "เกิดคู่มือการดูแลตัวกรองน้ำที่ชุมชนเขียนร่วมกับอาจารย์ และนำไปสอนในรายวิชาของคณะ"
)

IMPACT_SUMMARY = "ครัวเรือน 120 หลังมีน้ำดื่มผ่านเกณฑ์จากร้อยละ 20 เป็น 82 วัดจากการตรวจน้ำทุกไตรมาสของเทศบาล"


def build_ready(portfolio: Portfolio, files: Path) -> dict[str, str]:
    """One complete work; returns the ids of what the tests break."""
    s = Services(portfolio)
    files.mkdir(parents=True, exist_ok=True)
    photo = _meeting_photo(files / "meeting.jpg")
    scan = mf.scanned_pdf(files / "letter.pdf", pages=1)

    profile = s.profile.current()
    s.profile.update(profile.id, name_th="ดร.สมหญิง ใจดี", name_en="Dr Somying Jaidee", faculty="คณะสาธารณสุขศาสตร์",
                     university="มหาวิทยาลัยนเรศวร", field_of_study="อนามัยสิ่งแวดล้อม",
                     target_position="assistant_professor", route="society_track")
    work = s.works.create(
        title_th="น้ำสะอาดบ้านป่าแดด", title_en="Clean water in Ban Pa Daet", status="completed",
        start_date="2023-01-01", end_date="2025-06-30", missions=["research", "teaching"],
        benefit_community_text=BENEFIT, benefit_university_text=UNI_BENEFIT, knowledge_text=KNOWLEDGE,
        is_main_work=True, claimed_level="good", impact_summary=IMPACT_SUMMARY,
    )
    for template in s.section_templates.list():
        s.works.set_section(work.id, template.key, LONG)
    partner = s.partners.create(name_th="เทศบาลตำบลป่าแดด", name_en="Pa Daet municipality",
                                partner_type="local_government", mou_date="2023-01-10")
    link = s.work_partners.create(work_id=work.id, partner_id=partner.id, role="co_designer")
    coplan = s.activities.create(work_id=work.id, date="2023-02-01", kind="co_planning",
                                 title="เวทีประชาคมวางแผนน้ำ", participants_total=40)
    s.activities.create(work_id=work.id, date="2024-03-01", kind="workshop", title="อบรมดูแลตัวกรอง",
                        participants_total=25)
    indicator = s.indicators.create(work_id=work.id, name_th="ครัวเรือนที่มีน้ำดื่มผ่านเกณฑ์", unit="ร้อยละ",
                                    baseline_value="20", baseline_date="2023-01-15", target_value="80")
    first = s.measurements.create(indicator_id=indicator.id, date="2024-01-15", value="55")
    s.measurements.create(indicator_id=indicator.id, date="2025-03-15", value="82")
    letter = s.evidence.add_file(work.id, scan, kind="scan", caption="หนังสือรับรองการใช้ประโยชน์",
                                 principles=["impact"], document_date="2025-03-28")
    cert = s.testimonials.create(work_id=work.id, partner_id=partner.id, kind="certification",
                                 person_name="นายสมชาย ป่าแดด", organisation="เทศบาลตำบลป่าแดด",
                                 letter_evidence_id=letter.id, signed=True, consent=True,
                                 consent_date="2025-04-01", principle="impact")
    photo_ev = s.evidence.add_file(work.id, photo, kind="photo", caption="ประชุมวางแผนร่วม",
                                   principles=["partnership", "mutual_benefit", "knowledge", "impact"],
                                   people_consent="given", date_taken="2023-02-01T10:00:00")
    s.disseminations.create(work_id=work.id, kind="journal_article", citation="สมหญิง ใจดี. (2568). น้ำสะอาด.",
                            date="2025-05-01")
    applicant = s.contributors.create(work_id=work.id, name="ดร.สมหญิง ใจดี", is_applicant=True,
                                      status="main_author", roles=["idea", "design", "writing"], sort_order=0)
    coworker = s.contributors.create(work_id=work.id, name="นายวิชัย ร่วมงาน", status="co_worker",
                                     roles=["data"], signature_status="signed", signed_date="2025-05-10",
                                     sort_order=1)
    return {
        "profile": profile.id, "work": work.id, "partner": partner.id, "link": link.id, "coplan": coplan.id,
        "indicator": indicator.id, "measurement": first.id, "letter": letter.id, "cert": cert.id,
        "photo": photo_ev.id, "applicant": applicant.id, "coworker": coworker.id,
        "photo_sha": photo_ev.sha256,
    }


def make_ready_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The ready portfolio, built once per run (the ``ready_template`` fixture of tests/unit/conftest.py)."""
    folder = tmp_path_factory.mktemp("readiness") / "ready"
    with Portfolio.create(folder) as p:
        ids = build_ready(p, folder.parent / "files")
    return folder, ids


@contextmanager
def open_ready_copy(ready_template, tmp_path):
    """A fresh copy of the ready portfolio for one test to break (its ``ready`` fixture)."""
    template, ids = ready_template
    folder = tmp_path / "ready"
    shutil.copytree(template, folder)
    p = Portfolio.open(folder)
    yield p, Services(p), ids
    p.close()


def rule_ids(portfolio, **options) -> list[str]:
    return [f.rule for f in check_readiness(portfolio, **options).findings]


def _meeting_photo(path: Path) -> Path:
    """The co-planning meeting's photo: a real JPEG (every stored file passes
    the importer's check), the same bytes each time, so a restore matches its hash."""
    return mf.photo(path, seed=3)
