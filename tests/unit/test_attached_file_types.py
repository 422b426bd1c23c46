"""A file attached by hand (a testimonial's letter, photographed by a phone)
is recorded as what its content is, so the dossier treats it as a picture:
its GPS position is stripped in the package like any photo's.  It was kept
as "some bytes" (application/octet-stream) and left as it was."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import date, datetime

from PIL import Image

from ent_portfolio.domain import models as m
from ent_portfolio.dossier import DossierConfig, build_package
from ent_portfolio.dossier.plan import is_picture
from ent_portfolio.privacy import has_gps
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from tests.unit.media_fixtures import NAN_RURAL, photo


def test_a_letter_attached_without_a_type_is_recorded_as_its_content_and_leaves_without_gps(empty_template,
                                                                                             tmp_path):
    folder = tmp_path / "portfolio"
    shutil.copytree(empty_template, folder)
    letter_photo = photo(tmp_path / "letter.jpg", taken=datetime(2024, 3, 1, 9, 0), gps=NAN_RURAL, seed=7)
    assert has_gps(letter_photo.read_bytes())
    with Portfolio.open(folder) as portfolio:
        s = Services(portfolio)
        work = s.works.create(title_th="งานทดสอบจดหมาย", status="completed")
        testimonial = s.testimonials.create(work_id=work.id, person_name="นายทดสอบ ใจดี", quote="ขอบคุณ",
                                            date=date(2024, 3, 1), consent=True, consent_date=date(2024, 3, 1))
        # As the testimonial page attaches a letter: a kind, no media type.
        letter = s.evidence.add_file(work.id, letter_photo, kind="scan", testimonial_id=testimonial.id,
                                     caption="หนังสือรับรอง", include_in_dossier=True)
        s.testimonials.update(testimonial.id, letter_evidence_id=letter.id)
        stored = s.evidence.get(letter.id)
        assert stored.media_type == "image/jpeg" and stored.kind == "scan" and is_picture(stored)
        package = tmp_path / "package.zip"
        build_package(portfolio, DossierConfig(strip_gps=True), package)
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        entry = next(f for f in manifest["files"] if f.get("original_name") == "letter.jpg")
        packaged = zf.read(entry["path"])
    assert entry["gps_stripped"] is True
    assert not has_gps(packaged)
    with Image.open(io.BytesIO(packaged)) as image:
        assert image.size[0] > 0


def test_a_letter_recorded_untyped_by_an_earlier_version_still_leaves_without_gps(empty_template, tmp_path):
    folder = tmp_path / "portfolio"
    shutil.copytree(empty_template, folder)
    letter_photo = photo(tmp_path / "old-letter.jpg", taken=datetime(2023, 5, 1, 9, 0), gps=NAN_RURAL, seed=11)
    with Portfolio.open(folder) as portfolio:
        s = Services(portfolio)
        work = s.works.create(title_th="งานที่บันทึกด้วยรุ่นก่อน", status="completed")
        testimonial = s.testimonials.create(work_id=work.id, person_name="นางทดสอบ มีสุข", quote="ดีมาก",
                                            date=date(2023, 5, 1), consent=True, consent_date=date(2023, 5, 1))
        letter = s.evidence.add_file(work.id, letter_photo, kind="scan", testimonial_id=testimonial.id,
                                     include_in_dossier=True)
        s.testimonials.update(testimonial.id, letter_evidence_id=letter.id)
        # What the earlier version stored for a letter attached by hand.
        with portfolio.session() as session:
            session.get(m.Evidence, letter.id).media_type = "application/octet-stream"
        package = tmp_path / "package.zip"
        build_package(portfolio, DossierConfig(strip_gps=True), package)
        assert s.evidence.get(letter.id).media_type == "application/octet-stream"  # the record is left as it is
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        entry = next(f for f in manifest["files"] if f.get("original_name") == "old-letter.jpg")
        packaged = zf.read(entry["path"])
    assert entry["gps_stripped"] is True and not has_gps(packaged)
