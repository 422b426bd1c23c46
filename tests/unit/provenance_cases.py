"""A small portfolio made for the provenance and privacy tests: a work whose
measurements say where they came from, a letter scanned long after it was
dated, a signed contribution form, an MOU, and four photos, one per answer
to "did the people in it consent?", the first carrying a GPS position."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PIL import Image

from ent_portfolio.services import Services
from tests.unit.media_fixtures import NAN_RURAL, photo

LETTER_DATED = date(2023, 10, 15)          # ลงวันที่ 15 ต.ค. 2566
LETTER_SCANNED = datetime(2024, 1, 20, 9, 30)  # สแกนเมื่อ 20 ม.ค. 2567
CONSENTS = ("unknown", "given", "not_given", "no_people")
MEASUREMENTS = (
    # date, value, source, method, measured by
    (date(2023, 6, 1), "41", "แบบสำรวจครัวเรือนบ้านแม่กำปอง (120 ครัวเรือน)", "สัมภาษณ์ตามแบบสำรวจ",
     "อสม. บ้านแม่กำปอง"),
    (date(2024, 6, 1), "58.5", "ทะเบียนผู้เข้าร่วมของวิสาหกิจชุมชน", "นับจากทะเบียน", ""),
)


@dataclass
class Case:
    folder: Path
    work_id: str
    ids: dict[str, str]


def _scan(path: Path, shade: int) -> Path:
    Image.new("L", (620, 877), shade).save(path, "JPEG", quality=85)
    return path


def build(services: Services, tmp: Path) -> Case:
    s = services
    profile = s.profile.current()
    s.profile.update(profile.id, name_th="อาจารย์ ทดสอบ ระบบ")
    work = s.works.create(title_th="การจัดการน้ำชุมชนบ้านแม่กำปอง", status="completed")
    s.contributors.create(work_id=work.id, name="อาจารย์ ทดสอบ ระบบ", is_applicant=True, roles=["idea", "design"],
                          percentage=Decimal("60"), signature_status="signed", sort_order=0)
    s.contributors.create(work_id=work.id, name="นางสาวมะลิ ทองดี", roles=["data"], percentage=Decimal("40"),
                          signature_status="signed", sort_order=1)
    ind = s.indicators.create(work_id=work.id, name_th="ครัวเรือนที่มีน้ำใช้ตลอดปี", unit="ร้อยละ",
                              baseline_value=Decimal("30"), baseline_date=date(2023, 1, 1),
                              target_value=Decimal("60"), target_date=date(2024, 12, 31))
    for when, value, source, method, who in MEASUREMENTS:
        s.measurements.create(indicator_id=ind.id, date=when, value=Decimal(value), source=source, method=method,
                              measured_by=who)
    ids: dict[str, str] = {}
    letter = s.evidence.add_file(work.id, _scan(tmp / "letter.jpg", 235), kind="scan", media_type="image/jpeg",
                                 caption="หนังสือขอบคุณจากเทศบาล", include_in_dossier=True)
    s.evidence.update(letter.id, document_date=LETTER_DATED, date_taken=LETTER_SCANNED)
    ids["letter"] = letter.id
    form = s.evidence.add_file(work.id, _scan(tmp / "form.jpg", 225), kind="contribution_form",
                               media_type="image/jpeg", caption="แบบแสดงการมีส่วนร่วมที่ลงนามครบ",
                               include_in_dossier=True)
    ids["form"] = form.id
    mou = s.evidence.add_file(work.id, _scan(tmp / "mou.jpg", 215), kind="mou", media_type="image/jpeg",
                              caption="บันทึกข้อตกลงกับเทศบาล", include_in_dossier=True)
    s.evidence.update(mou.id, document_date=date(2023, 3, 2))
    ids["mou"] = mou.id
    for k, consent in enumerate(CONSENTS):
        source = photo(tmp / f"photo-{consent}.jpg", taken=datetime(2024, 2, 1 + k, 10, 0),
                       gps=NAN_RURAL if k == 0 else None, seed=k + 1)
        item = s.evidence.add_file(work.id, source, kind="photo", media_type="image/jpeg",
                                   caption=f"ภาพกิจกรรมที่ {k + 1}", include_in_dossier=True,
                                   people_consent=consent)
        ids[consent] = item.id
    return Case(s.portfolio.folder, work.id, ids)
