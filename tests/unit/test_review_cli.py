"""``ent-portfolio review``: the verdict and the works, the form exported
and signed, in Thai and English; errors are one sentence."""

from __future__ import annotations

import pytest
from review_cases import LECTURER, REVIEWER, review_case, rewrite_zip

from ent_portfolio.cli import main
from ent_portfolio.review import Review, Reviewer, open_for_review, save_review
from tests.pdftools import pdftotext


@pytest.fixture(scope="module")
def case(demo_template, tmp_path_factory):
    return review_case(demo_template, tmp_path_factory)


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang, ok, work", [("th", "ลายมือชื่อถูกต้อง", "ผลงานที่ 1:"),
                                            ("en", "signature holds", "Work 1:")])
def test_verify_only_prints_the_verdict_and_the_works(case, capsys, lang, ok, work):
    before = case.package.read_bytes()
    code, out, err = _run(capsys, "--lang", lang, "review", str(case.package), "--verify-only")
    assert code == 0, err
    assert ok in out and work in out and LECTURER in out
    assert case.package.read_bytes() == before


def test_a_tampered_package_fails_with_its_works_listed(case, capsys, tmp_path):
    tampered = rewrite_zip(case.package, tmp_path / "t.zip",
                           lambda name, data: data + b"x" if name.startswith("evidence/E-2_") else data)
    code, out, err = _run(capsys, "--lang", "en", "review", str(tampered), "--verify-only")
    assert code == 1 and "NOT intact" in err and "Work 3:" in out and "Traceback" not in err


def test_export_writes_the_signed_thai_form(case, capsys, tmp_path):
    package = open_for_review(case.package)
    review = Review.new(package, Reviewer(REVIEWER, show_name=True))
    for work in package.works:
        review.work(work.id).level = "very_good"
    path = save_review(review, tmp_path / "mine.entreview", package)
    out = tmp_path / "form.pdf"
    code, stdout, err = _run(capsys, "review", str(case.package), "--export", str(path), "--out", str(out),
                             "--sign", str(case.reviewer_p12), "--passphrase-file", str(case.passphrase_file))
    assert code == 0, err
    assert "เขียนแบบประเมินแล้ว" in stdout and "ลงนามดิจิทัลโดย" in stdout
    assert "ระดับคุณภาพที่ให้: ดีมาก" in pdftotext(out)


@pytest.mark.parametrize("lang, words", [("th", "ไม่ใช่ไฟล์ผลการประเมิน"), ("en", "is not an EnT Portfolio review")])
def test_a_hostile_review_file_is_one_sentence_in_either_language(case, capsys, tmp_path, lang, words):
    bad = tmp_path / "bad.entreview"
    bad.write_text("{\"format\": 1}", encoding="utf-8")
    code, _out, err = _run(capsys, "--lang", lang, "review", str(case.package), "--export", str(bad), "--out",
                           str(tmp_path / "f.pdf"))
    assert code == 1 and words in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "f.pdf").exists()


def test_export_without_out_is_refused(case, capsys, tmp_path):
    code, _out, err = _run(capsys, "--lang", "en", "review", str(case.package), "--export", str(tmp_path / "r"))
    assert code == 1 and "--out" in err
