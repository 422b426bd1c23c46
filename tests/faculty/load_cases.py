"""What the faculty load tests build: a lecturer's portfolio filled through
the services with everything the privacy rules are about, the strings that
must never enter a faculty database, and the photos they use."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image

from ent_portfolio.archive import export_archive
from ent_portfolio.demo.photos import photo_exif
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio

#: What the privacy case's archive holds that must never enter the faculty
#: database: the name, position, words and contact of a testimonial's giver
#: and of a partner's contact person, neither of whom consented.
WITHHELD = ("ปกปิด", "มิดชิด", "ผู้ใหญ่บ้านหมู่ลับ", "ถ้อยคำลับเฉพาะ", "0823456789",
            "ลับลวง", "พรางตา", "0812345678", "secret.contact@example.org", "secretline99",
            # the photo's position
            "18.7883", "98.9853")
#: The consenting contact stays, with the contact details they agreed to give.
KEPT = ("เปิดเผย", "0899999999")
PHOTO_GPS = (18.78831, 98.98532)


def photo(path: Path, seed: int, gps: tuple[float, float] | None = None) -> Path:
    rng = random.Random(seed)
    cells = Image.new("RGB", (4, 3))
    cells.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(12)])
    picture = cells.resize((320, 240), Image.Resampling.BICUBIC)
    if gps is None:
        picture.save(path, "JPEG", quality=88)
    else:
        exif = photo_exif(datetime(2024, 1, 10, 9, 30), gps[0], gps[1], "Apple", "iPhone 13")
        picture.save(path, "JPEG", quality=88, exif=exif.tobytes())
    return path


@dataclass
class Lecturer:
    """A lecturer's portfolio on disk, to change and export again."""

    folder: Path
    scratch: Path
    number: int = 0

    def export(self, name: str | None = None) -> Path:
        self.number += 1
        target = self.scratch / (name or f"{self.folder.name}-{self.number}.entp")
        with Portfolio.open(self.folder, backup_on_open=False) as portfolio:
            return export_archive(portfolio, target)

    def services(self):
        return _Opened(self.folder)


class _Opened:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> Services:
        self.portfolio = Portfolio.open(self.folder, backup_on_open=False)
        return Services(self.portfolio)

    def __exit__(self, *exc) -> None:
        self.portfolio.close()


def fill_lecturer(s: Services, scratch: Path, name: str, works: int = 2) -> None:
    """A lecturer with ``works`` works and, in the first, everything the
    privacy rules are about."""
    profile = s.profile.current()
    s.profile.update(profile.id, name_th=name, name_en="Test Lecturer", faculty="คณะเกษตรศาสตร์",
                     university="มหาวิทยาลัยเชียงใหม่", target_position="assistant_professor")
    partner = s.partners.create(name_th="วิสาหกิจชุมชนบ้านแม่ลาน", partner_type="community_of_interest",
                                province="เชียงใหม่")
    s.contacts.create(partner_id=partner.id, name="นางลับลวง พรางตา", position="ประธานกลุ่ม", phone="0812345678",
                      email="secret.contact@example.org", line_id="secretline99", consent=False)
    s.contacts.create(partner_id=partner.id, name="นายเปิดเผย ยินดี", phone="0899999999", consent=True)
    for index in range(works):
        work = s.works.create(title_th=f"ผลงานที่ {index + 1} ของ{name}", province="เชียงใหม่",
                              missions=["academic_service"], start_date="2023-05-01", end_date="2024-04-30",
                              latitude="18.5000", longitude="99.0000")
        s.work_partners.create(work_id=work.id, partner_id=partner.id, role="co_designer")
        activity = s.activities.create(work_id=work.id, date="2023-06-01", title="ประชุมกลุ่ม",
                                       participants_total=35, participant_groups={"female": 21, "male": 14})
        indicator = s.indicators.create(work_id=work.id, name_th="รายได้ครัวเรือน", baseline_value="12000",
                                        target_value="18000")
        if index:
            continue
        s.works.set_section(work.id, "knowledge", "<p>นายปกปิด มิดชิด เล่าว่าชุมชนเปลี่ยนไปมาก</p>")
        s.measurements.create(indicator_id=indicator.id, date="2024-01-01", value="15000",
                              measured_by="นายปกปิด มิดชิด")
        field = s.evidence.add_file(work.id, photo(scratch / f"field-{name}.jpg", 1, PHOTO_GPS), kind="photo",
                                    caption="กลุ่มแม่บ้านกับนายปกปิด มิดชิด", activity_id=activity.id,
                                    latitude=str(PHOTO_GPS[0]), longitude=str(PHOTO_GPS[1]),
                                    people_consent="unknown",
                                    face_boxes=[{"x": 0.25, "y": 0.25, "w": 0.25, "h": 0.3, "by": "lecturer"}],
                                    findings_explained={"plausibility.gps_far": "ถ่ายที่บ้านนางลับลวง พรางตา"})
        scan = s.evidence.add_file(work.id, photo(scratch / f"letter-{name}.jpg", 2), kind="scan")
        s.testimonials.create(work_id=work.id, partner_id=partner.id, person_name="นายปกปิด มิดชิด",
                              person_position="ผู้ใหญ่บ้านหมู่ลับ", quote="ถ้อยคำลับเฉพาะที่ไม่ให้เผยแพร่",
                              contact="0823456789", contactable=True, consent=False,
                              kind="certification", letter_evidence_id=scan.id)
        assert field.id and scan.id
