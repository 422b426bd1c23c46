"""``ent-portfolio letter``: a testimonial's letter (its kind decides which)
or an activity's consent form, written outside the portfolio; every refusal
is one sentence, exit 1, and the portfolio stays as it was."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from ent_portfolio.cli import main
from ent_portfolio.domain import models as m
from ent_portfolio.storage.portfolio import Portfolio


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _ids(folder: Path) -> tuple[str, str, str]:
    with Portfolio.open(folder, read_only=True) as p, p.reader() as s:
        cert = s.query(m.Testimonial).filter_by(person_name="นายเกรียงไกร สุวรรณคำ").one().id
        plain = s.query(m.Testimonial).filter_by(kind="testimonial").first().id
        activity = s.query(m.Activity).first().id
    return cert, plain, activity


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _squeezed_text(pdf: Path) -> str:
    return "".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                  text=True).stdout.split())


def test_a_certification_letter_from_the_command_line(capsys, demo_dir, tmp_path):
    cert, _plain, _activity = _ids(demo_dir)
    out = tmp_path / "cert.pdf"
    code, printed, err = run(capsys, "letter", "--portfolio", str(demo_dir), "--testimonial", cert,
                             "--out", str(out), "--thai-digits", "--lang", "th")
    assert (code, err) == (0, "")
    assert "พิมพ์จดหมายแล้ว 1 หน้า" in printed and f"certification-{cert[:8]}-" in printed
    assert str(out.resolve()) in printed
    text = _squeezed_text(out)
    assert "หนังสือรับรองการใช้ประโยชน์" in text and "นายเกรียงไกรสุวรรณคำ" in text
    assert "พ.ศ." in text


def test_the_testimonial_kind_and_the_consent_form_in_english(capsys, demo_dir, tmp_path):
    _cert, plain, activity = _ids(demo_dir)
    code, printed, _ = run(capsys, "letter", "--portfolio", str(demo_dir), "--testimonial", plain,
                           "--out", str(tmp_path / "t.pdf"))
    assert code == 0 and f"testimonial-{plain[:8]}-" in printed
    code, printed, _ = run(capsys, "--lang", "en", "letter", "--portfolio", str(demo_dir), "--activity", activity,
                           "--out", str(tmp_path / "c.pdf"), "--lang", "en")
    assert code == 0 and printed.startswith("Letter written: 1 page(s), document code consent-")
    assert "ConsenttotheUseofPhotographs" in _squeezed_text(tmp_path / "c.pdf")


@pytest.mark.parametrize("make_args, sentence", [
    (lambda d, t, ids: ["--testimonial", "00000000-0000-0000-0000-000000000000", "--out", str(t / "x.pdf")],
     "ไม่พบคำรับรองรหัส"),
    (lambda d, t, ids: ["--activity", "\u202eevil\x1b", "--out", str(t / "x.pdf")], "ไม่พบกิจกรรมรหัส"),
    (lambda d, t, ids: ["--testimonial", ids[0], "--out", str(d / "database.pdf")], "ในโฟลเดอร์แฟ้มผลงานไม่ได้"),
    (lambda d, t, ids: ["--testimonial", ids[0], "--out", str(d)], "เป็นโฟลเดอร์"),
    (lambda d, t, ids: ["--testimonial", ids[0], "--out", str(t)], "เป็นโฟลเดอร์"),
    (lambda d, t, ids: ["--testimonial", ids[0], "--out", str(t / "missing" / "x.pdf")], "ไม่พบโฟลเดอร์"),
])
def test_refusals_are_one_sentence_and_change_nothing(capsys, demo_dir, tmp_path, make_args, sentence):
    ids = _ids(demo_dir)
    before = _tree_digest(demo_dir)
    outside = tmp_path / "out"
    outside.mkdir()
    code, printed, err = run(capsys, "letter", "--portfolio", str(demo_dir), *make_args(demo_dir, outside, ids))
    assert code == 1 and printed == ""
    assert sentence in err and "Traceback" not in err
    assert err.strip().endswith("ไม่มีการเปลี่ยนแปลงใด ๆ") and len(err.strip().splitlines()) == 1
    assert list(outside.iterdir()) == []
    assert _tree_digest(demo_dir) == before


def test_a_testimonial_and_an_activity_together_is_a_usage_error(capsys, demo_dir, tmp_path):
    cert, _plain, activity = _ids(demo_dir)
    with pytest.raises(SystemExit) as stop:
        main(["letter", "--portfolio", str(demo_dir), "--testimonial", cert, "--activity", activity,
              "--out", str(tmp_path / "x.pdf")])
    assert stop.value.code == 2
    assert "ใช้ร่วมกับ" in capsys.readouterr().err
