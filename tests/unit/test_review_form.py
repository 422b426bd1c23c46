"""The assessment form: its Thai text as pdftotext and python-docx read it,
the reviewer's signature validated by pyHanko, the name only with consent."""

from __future__ import annotations

import re
from datetime import date

import pytest
from docx import Document
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from review_cases import PASSPHRASE, REVIEWER, review_case

from ent_portfolio.errors import UserError
from ent_portfolio.review import Review, Reviewer, criteria_for, open_for_review
from ent_portfolio.review.form import write_assessment
from ent_portfolio.signing.identity import load_identity
from tests.pdftools import pdftotext

DAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def case(demo_template, tmp_path_factory):
    return review_case(demo_template, tmp_path_factory)


@pytest.fixture(scope="module")
def package(case):
    return open_for_review(case.package)


def _review(package, show_name=True) -> Review:
    review = Review.new(package, Reviewer(REVIEWER, "ศาสตราจารย์ ประจำคณะสังคมศาสตร์", show_name=show_name))
    for work, level in zip(package.works, ("excellent", "very_good", "good"), strict=True):
        assessment = review.work(work.id)
        assessment.level = level
        assessment.criteria = {"principle.partnership": f"ชุมชนร่วมคิดร่วมทำตั้งแต่ต้นในผลงานที่ {work.index}",
                               "section.evaluation": "ตัวชี้วัดมีค่าฐานและค่าเป้าหมายชัดเจน"}
        assessment.overall = f"ความเห็นรวมของผลงานที่ {work.index}"
    return review


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_pdf_form_reads_back_in_thai_and_is_signed_by_the_reviewer(case, package, tmp_path):
    before = case.package.read_bytes()
    identity = load_identity(case.reviewer_p12, PASSPHRASE)
    out = write_assessment(_review(package), package, tmp_path / "form.pdf", sign_with=identity, today=DAY)
    text = _squash(pdftotext(out))
    for expected in ("แบบประเมินผลงานทางวิชาการ(ผลงานรับใช้ท้องถิ่นและสังคม)", "ระดับคุณภาพที่ให้:ดีเด่น",
                     "ระดับคุณภาพที่ให้:ดีมาก", "ชุมชนร่วมคิดร่วมทำตั้งแต่ต้นในผลงานที่2", "ความเห็นรวมของผลงานที่3",
                     _squash(criteria_for(package)[0].title_th), "กนกวรรณศรีวงศ์", "ผู้ช่วยศาสตราจารย์",
                     _squash(REVIEWER), "1ธันวาคม2569", _squash(package.works[0].title)[:40]):
        assert expected in text, expected
    with open(out, "rb") as handle:
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives import serialization

        root = asn1_x509.Certificate.load(identity.chain[-1].public_bytes(serialization.Encoding.DER))
        status = validate_pdf_signature(PdfFileReader(handle, strict=False).embedded_signatures[0],
                                        ValidationContext(trust_roots=[root], allow_fetching=False))
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert case.package.read_bytes() == before


def test_without_consent_the_form_names_no_reviewer(package, tmp_path):
    out = write_assessment(_review(package, show_name=False), package, tmp_path / "anon.pdf", today=DAY)
    text = _squash(pdftotext(out))
    assert "ผู้ทรงคุณวุฒิ(ไม่เปิดเผยชื่อ)" in text
    assert _squash(REVIEWER) not in text and "ประจำคณะสังคมศาสตร์" not in text


def test_the_word_form_holds_the_same_thai_text_with_thai_styles(package, tmp_path):
    out = write_assessment(_review(package), package, tmp_path / "form.docx", today=DAY)
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.startswith("แบบประเมินผลงานทางวิชาการ (ผลงานรับใช้ท้องถิ่นและสังคม)")
    assert "ระดับคุณภาพที่ให้: ดีเด่น" in text and "วันที่ประเมิน: 1 ธันวาคม 2569" in text
    assert REVIEWER in text
    fonts = doc.styles["Normal"].element.xpath(".//w:rFonts/@w:cs")
    assert fonts == ["Sarabun"]


@pytest.mark.parametrize("name, key", [("form.txt", "review.form.suffix"), ("form.docx", "review.form.docx_unsigned")])
def test_refused_forms_write_nothing(case, package, tmp_path, name, key):
    identity = load_identity(case.reviewer_p12, PASSPHRASE)
    with pytest.raises(UserError) as caught:
        write_assessment(_review(package), package, tmp_path / name, sign_with=identity)
    assert caught.value.key == key and not (tmp_path / name).exists()


def test_the_form_is_never_written_into_a_portfolio(case, package):
    target = case.portfolio / "form.pdf"
    with pytest.raises(UserError) as caught:
        write_assessment(_review(package), package, target)
    assert caught.value.key == "error.output_inside_portfolio" and not target.exists()
