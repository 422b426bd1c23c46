"""Letters that come back by themselves: the app's own letter is printed,
rendered to a picture, turned, blurred and noised as a scan or a phone
photo is, imported, and filed on the record its QR code names — or, when
filing would undo the lecturer's own choice or cross a work or a portfolio,
left as it is with a sentence saying why."""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import text

from ent_portfolio.cli import main
from ent_portfolio.domain import models as m
from ent_portfolio.dossier.letters import letter_for, write_letter
from ent_portfolio.jobs import CancelToken
from ent_portfolio.media.qr import LetterCode, encode_letter_code
from ent_portfolio.services.importer import import_evidence
from ent_portfolio.services.letter_filing import Outcome, file_letters
from tests.pdftools import render_pages
from tests.unit.test_qr import Distortion, distorted, letter_page

#: The demo's testimonial letter without a scanned letter yet.
LETTERLESS = "นางบัวผัน ใจปิน"
#: The demo's certification whose scanned letter the lecturer filed by hand.
HAND_FILED = "นายอุดม ปัญญาวงศ์"
SCAN_LIKE = Distortion("scanned", dpi=200, angle=4, blur=0.8, noise=8, gradient=0.3, quality=75)


def _testimonial(portfolio, person: str) -> m.Testimonial:
    with portfolio.reader() as s:
        return s.query(m.Testimonial).filter_by(person_name=person).one()


def _evidence(portfolio, evidence_id: str) -> m.Evidence:
    with portfolio.reader() as s:
        return s.get(m.Evidence, evidence_id)


#: Scans already made, by what they are of: every test's demo is a copy of
#: one, with the same ids and words, so a letter printed once is the same letter.
_SCANS: dict[tuple, bytes] = {}


def _printed_scan(portfolio, kind: str, record_id: str, tmp_path: Path, name: str = "scan.jpg",
                  distortion: Distortion = SCAN_LIKE, seed: int = 0) -> Path:
    """The app's letter, printed, signed and scanned (a JPEG of its page)."""
    key = (kind, record_id, distortion, seed)
    if key not in _SCANS:
        pdf = tmp_path / f"{name}.pdf"
        write_letter(portfolio, kind, record_id, pdf)
        page = Image.open(render_pages(pdf, tmp_path / f"{name}-pages", dpi=distortion.dpi)[0]).convert("RGB")
        out = io.BytesIO()
        distorted(page, distortion, seed=seed).save(out, "JPEG", quality=distortion.quality)
        _SCANS[key] = out.getvalue()
    path = tmp_path / name
    path.write_bytes(_SCANS[key])
    return path


def _import(portfolio, work_id: str, path: Path, **links) -> str:
    result = import_evidence(portfolio, work_id, [path], **links)
    assert not result.refused, [o.reason("en") for o in result.refused]
    return result.evidence_ids[0]


def _records(portfolio) -> str:
    """Every row filing could touch, as stored (the database file itself
    may still hold a commit in its write-ahead log)."""
    rows = []
    with portfolio.reader() as s:
        for table in ("evidence", "testimonial", "activity"):
            rows += [(table, *row) for row in s.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_a_scanned_letter_lands_on_its_testimonial(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    scan = _printed_scan(demo, t.kind, t.id, tmp_path)
    evidence_id = _import(demo, t.work_id, scan)
    result = file_letters(demo, [evidence_id])
    assert [(f.evidence_id, f.record_id, f.wording_changed) for f in result.filed] == [(evidence_id, t.id, False)]
    assert not result.not_filed and not result.unknown
    assert _testimonial(demo, LETTERLESS).letter_evidence_id == evidence_id
    evidence = _evidence(demo, evidence_id)
    assert (evidence.testimonial_id, evidence.kind) == (t.id, "scan")  # a photographed letter is a document
    thai, english = result.filed[0].message("th"), result.filed[0].message("en")
    assert thai.startswith("แนบ “scan.jpg” เป็นหนังสือของคำรับรองจากนางบัวผัน ใจปินแล้ว")
    assert "ข้อความในหนังสือเปลี่ยนไปหลังพิมพ์" not in thai
    assert english.startswith("“scan.jpg” filed as the letter of the testimonial from นางบัวผัน ใจปิน")
    assert result.summary("en") == "1 scanned letter(s) filed by their QR code, 0 not filed"


# A certification prints what the partner certifies (the claim); a
# testimonial letter prints the partner's own words (the quote).
@pytest.mark.parametrize("person,field", [(HAND_FILED, "claim"), (LETTERLESS, "quote")])
def test_wording_edited_after_printing_is_told_and_the_scan_still_filed(demo, tmp_path, person, field):
    t = _testimonial(demo, person)
    with demo.session() as s:
        s.get(m.Testimonial, t.id).letter_evidence_id = None  # a certification still to be signed
    scan = _printed_scan(demo, t.kind, t.id, tmp_path)
    with demo.session() as s:
        setattr(s.get(m.Testimonial, t.id), field, "ยืนยันว่ามีนักท่องเที่ยวเพิ่มขึ้นสามเท่า")
    result = file_letters(demo, [_import(demo, t.work_id, scan)])
    assert [f.wording_changed for f in result.filed] == [True]
    assert "ข้อความในหนังสือเปลี่ยนไปหลังพิมพ์" in result.filed[0].message("th")
    assert "wording changed after it was printed" in result.filed[0].message("en")
    assert _testimonial(demo, person).letter_evidence_id == result.filed[0].evidence_id


def test_a_letter_whose_kind_changed_after_printing_is_a_changed_wording(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    scan = _printed_scan(demo, t.kind, t.id, tmp_path)
    with demo.session() as s:
        s.get(m.Testimonial, t.id).kind = "certification"
    result = file_letters(demo, [_import(demo, t.work_id, scan)])
    assert [f.wording_changed for f in result.filed] == [True]


def test_a_scan_without_a_code_imports_as_today(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    plain = tmp_path / "plain.jpg"
    letter_page(None, dpi=150).save(plain, "JPEG", quality=80)
    evidence_id = _import(demo, t.work_id, plain)
    before = _records(demo)
    result = file_letters(demo, [evidence_id])
    assert result.letters == [] and result.messages("th") == []
    assert _records(demo) == before
    evidence = _evidence(demo, evidence_id)
    assert (evidence.kind, evidence.testimonial_id) == ("photo", None)


def test_a_consent_form_lands_on_its_activity(demo, tmp_path):
    with demo.reader() as s:
        activity = s.query(m.Activity).order_by(m.Activity.date).first()
    scan = _printed_scan(demo, "consent", activity.id, tmp_path, "consent.jpg")
    evidence_id = _import(demo, activity.work_id, scan)
    result = file_letters(demo, [evidence_id])
    assert [(f.kind, f.record_id, f.wording_changed) for f in result.filed] == [("consent", activity.id, False)]
    evidence = _evidence(demo, evidence_id)
    assert (evidence.activity_id, evidence.kind, evidence.testimonial_id) == (activity.id, "consent_form", None)
    assert activity.title in result.filed[0].message("th")


def test_a_scanners_pdf_is_filed_and_stays_a_pdf(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    page = Image.open(_printed_scan(demo, t.kind, t.id, tmp_path))
    pdf = tmp_path / "from-the-scanner.pdf"
    page.save(pdf, "PDF", resolution=200)
    evidence_id = _import(demo, t.work_id, pdf)
    result = file_letters(demo, [evidence_id])
    assert [f.evidence_id for f in result.filed] == [evidence_id]
    assert _evidence(demo, evidence_id).kind == "pdf"


def test_a_letter_the_lecturer_chose_is_kept(demo, tmp_path):
    t = _testimonial(demo, HAND_FILED)
    chosen = t.letter_evidence_id
    assert chosen is not None
    evidence_id = _import(demo, t.work_id, _printed_scan(demo, t.kind, t.id, tmp_path))
    before = _records(demo)
    result = file_letters(demo, [evidence_id])
    assert [f.outcome for f in result.not_filed] == [Outcome.HAS_LETTER] and not result.filed
    assert _testimonial(demo, HAND_FILED).letter_evidence_id == chosen
    assert _records(demo) == before
    assert "มีหนังสือที่เลือกไว้แล้ว" in result.not_filed[0].message("th")
    assert "already has the letter you chose" in result.not_filed[0].message("en")


def test_a_newer_scan_replaces_one_filed_by_its_code(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    first = _import(demo, t.work_id, _printed_scan(demo, t.kind, t.id, tmp_path, "first.jpg"))
    assert [f.evidence_id for f in file_letters(demo, [first]).filed] == [first]
    second = _import(demo, t.work_id, _printed_scan(demo, t.kind, t.id, tmp_path, "second.jpg", seed=5))
    result = file_letters(demo, [second])
    assert [f.evidence_id for f in result.filed] == [second]
    assert "first.jpg" in result.filed[0].message("th")
    assert _testimonial(demo, LETTERLESS).letter_evidence_id == second
    assert _evidence(demo, first).testimonial_id == t.id  # the earlier scan stays the testimonial's evidence


def test_the_same_scan_imported_again_says_nothing_more(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    scan = _printed_scan(demo, t.kind, t.id, tmp_path)
    assert len(file_letters(demo, [_import(demo, t.work_id, scan)]).filed) == 1
    again = import_evidence(demo, t.work_id, [scan])
    assert [o.status.value for o in again.outcomes] == ["already_present"]
    before = _records(demo)
    assert file_letters(demo, again.evidence_ids).letters == []
    assert _records(demo) == before


def test_a_letter_of_another_work_is_not_filed_there(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    with demo.reader() as s:
        other = s.query(m.Work).filter(m.Work.id != t.work_id).first()
    evidence_id = _import(demo, other.id, _printed_scan(demo, t.kind, t.id, tmp_path))
    before = _records(demo)
    result = file_letters(demo, [evidence_id])
    assert [f.outcome for f in result.not_filed] == [Outcome.OTHER_WORK]
    assert _records(demo) == before
    with demo.reader() as s:
        work = s.get(m.Work, t.work_id)
    assert work.title_th in result.not_filed[0].message("th")
    assert (work.title_en or work.title_th) in result.not_filed[0].message("en")


def test_a_file_the_lecturer_linked_elsewhere_keeps_its_link(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    with demo.reader() as s:
        sibling = s.query(m.Testimonial).filter(m.Testimonial.work_id == t.work_id,
                                                m.Testimonial.id != t.id).first()
    evidence_id = _import(demo, t.work_id, _printed_scan(demo, t.kind, t.id, tmp_path), testimonial_id=sibling.id)
    result = file_letters(demo, [evidence_id])
    assert [f.outcome for f in result.not_filed] == [Outcome.LINKED_ELSEWHERE]
    assert _evidence(demo, evidence_id).testimonial_id == sibling.id
    assert _testimonial(demo, LETTERLESS).letter_evidence_id is None
    assert "เชื่อมกับคำรับรองอื่นไว้แล้ว" in result.not_filed[0].message("th")


def test_a_code_of_another_portfolio_is_reported_never_linked(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    stranger = LetterCode("certification", str(uuid.uuid4()), "0123456789abcdef")
    scan = tmp_path / "stranger.png"
    letter_page(encode_letter_code(stranger), dpi=150).save(scan)
    evidence_id = _import(demo, t.work_id, scan)
    before = _records(demo)
    result = file_letters(demo, [evidence_id])
    assert [f.record_id for f in result.unknown] == [stranger.record_id] and not result.filed
    assert _records(demo) == before
    assert "ไม่ได้พิมพ์จากแฟ้มผลงานนี้" in result.unknown[0].message("th")
    assert stranger.record_id[:8] in result.unknown[0].message("en")


def test_a_cancelled_search_links_nothing(demo, tmp_path):
    t = _testimonial(demo, LETTERLESS)
    evidence_id = _import(demo, t.work_id, _printed_scan(demo, t.kind, t.id, tmp_path))
    token = CancelToken()
    token.cancel()
    before = _records(demo)
    result = file_letters(demo, [evidence_id], cancel=token)
    assert result.cancelled and result.letters == []
    assert _records(demo) == before


def test_records_that_are_not_scans_or_do_not_exist_are_skipped(demo):
    with demo.reader() as s:
        ids = [e.id for e in s.query(m.Evidence).filter(m.Evidence.kind.notin_(("photo", "scan", "pdf")))]
    assert file_letters(demo, [*ids, "no-such-id", "' OR 1=1 --"]).letters == []


@pytest.mark.parametrize("lang,filed", [("th", "เป็นหนังสือของคำรับรองจาก"), ("en", "filed as the letter of")])
def test_evidence_add_files_the_letter_and_says_so(capsys, demo, demo_dir, tmp_path, lang, filed):
    t = _testimonial(demo, LETTERLESS)
    scan = _printed_scan(demo, t.kind, t.id, tmp_path, "signed.jpg")
    plain = tmp_path / "plain.jpg"
    letter_page(None, dpi=150).save(plain, "JPEG", quality=80)
    demo.close()
    code = main(["--lang", lang, "evidence", "add", "--portfolio", str(demo_dir), "--work", t.work_id,
                 str(scan), str(plain)])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert sum(filed in line for line in lines) == 1 and "signed.jpg" in next(x for x in lines if filed in x)
    assert not any("plain.jpg" in line and filed in line for line in lines)
    reopened = type(demo).open(demo_dir)
    try:
        letter = _testimonial(reopened, LETTERLESS).letter_evidence_id
        assert _evidence(reopened, letter).original_name == "signed.jpg"
    finally:
        reopened.close()


def test_the_letter_code_is_the_one_letter_for_gives(demo):
    # What the scan is compared with is what the letter module prints today.
    t = _testimonial(demo, LETTERLESS)
    assert letter_for(demo, t.kind, t.id).code.record_id == t.id
