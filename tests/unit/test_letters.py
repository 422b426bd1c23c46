"""The letters the app prints for a partner to sign: pre-filled from the
records in Thai (Buddhist-era date, Thai digits on request), Sarabun only,
and a QR code on every page whose payload names the record and hashes the
printed wording, so the scan files itself and an edit after printing shows.
Templates are data, and a template with an unknown placeholder is refused
by name; hostile record texts (huge, control characters, nothing at all)
still print a letter."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.domain import models as m
from ent_portfolio.dossier.letter_templates import default_template_path, parse_letter_template
from ent_portfolio.dossier.letters import (
    BLANK,
    letter_for,
    letter_kind_for_testimonial,
    wording_hash,
    wording_matches,
    write_letter,
)
from ent_portfolio.errors import UserError
from ent_portfolio.media.qr import encode_letter_code, find_letter_codes, parse_letter_code

SIGNER = "นายเกรียงไกร สุวรรณคำ"  # the demo's certification of use from Yang Noeng
DAY = dt.date(2026, 11, 24)


def _testimonial(portfolio, person: str = SIGNER) -> m.Testimonial:
    with portfolio.reader() as s:
        return s.query(m.Testimonial).filter_by(person_name=person).one()


def _edit(portfolio, testimonial_id: str, **values) -> None:
    with portfolio.session() as s:
        t = s.get(m.Testimonial, testimonial_id)
        for name, value in values.items():
            setattr(t, name, value)


def _text(pdf: Path, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    """What the QR on each page says, read back from the page rendered at 200 dpi
    by the reader the filing uses (OpenCV's plain detector alone missed some
    codes, depending on the record ids they carry)."""
    prefix = tmp_path / f"page-{pdf.stem}"
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(prefix)], check=True)
    found = []
    for png in sorted(tmp_path.glob(f"{prefix.name}-*.png")):
        codes = find_letter_codes(png)
        found.append(encode_letter_code(codes[0]) if codes else "")
    return found


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the certification of use -------------------------------------------------

def test_the_certification_prints_the_records_in_thai_on_one_page(demo, tmp_path):
    t = _testimonial(demo)
    assert t.kind == "certification"
    out = tmp_path / "letter.pdf"
    result = write_letter(demo, "certification", t.id, out, today=DAY)
    assert result.pages == 1 and result.path == out
    text = _squeezed(_text(out))
    for value in (t.person_name, t.claim, t.organisation, "หนังสือรับรองการใช้ประโยชน์",
                  "มหาวิทยาลัยนครหริภุญชัย", "24พฤศจิกายน2569", "ยินยอมให้เปิดเผยชื่อ", "ยินดีให้ผู้ทรงคุณวุฒิติดต่อ"):
        assert _squeezed(value) in text, value
    with demo.reader() as s:
        work = s.get(m.Work, t.work_id)
        assert _squeezed(work.title_th) in text
        indicator = sorted(work.indicators, key=lambda i: i.sort_order)[0]
        assert _squeezed(indicator.name_th) in text
    assert _squeezed("เรียน นายกเทศมนตรีตำบลยางเนิ้ง เทศบาลตำบลยางเนิ้ง") in text


def test_a_position_that_names_its_organisation_is_not_followed_by_it_again(demo):
    t = _testimonial(demo, "นายอุดม ปัญญาวงศ์")
    assert t.organisation in t.person_position
    letter = letter_for(demo, "certification", t.id)
    assert f"เรียน {t.person_position}" in letter.blocks
    assert f"{t.person_position} {t.organisation}" not in letter.wording


def test_only_sarabun_is_in_the_file_and_embedded(demo, tmp_path):
    out = tmp_path / "letter.pdf"
    write_letter(demo, "certification", _testimonial(demo).id, out)
    rows = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert rows, "no font listed"
    for row in rows:
        assert "Sarabun" in row.split()[0] and " yes " in row, row


def test_thai_digits_throughout_on_request(demo, tmp_path):
    t = _testimonial(demo)
    out = tmp_path / "letter.pdf"
    write_letter(demo, "certification", t.id, out, today=DAY, thai_digits=True)
    text = _squeezed(_text(out))
    assert "๒๔พฤศจิกายน๒๕๖๙" in text
    body = text.split("รหัสเอกสาร")[0]  # the document code under the QR stays as the machine reads it
    assert not any(ch.isascii() and ch.isdigit() for ch in body)
    plain = _squeezed(_text(write_letter(demo, "certification", t.id, tmp_path / "p.pdf", today=DAY).path))
    assert "2569" in plain and "๒๕๖๙" not in plain


def test_the_qr_code_reads_back_as_the_record_and_the_printed_wording(demo, tmp_path):
    t = _testimonial(demo)
    out = tmp_path / "letter.pdf"
    result = write_letter(demo, "certification", t.id, out)
    letter = letter_for(demo, "certification", t.id)
    codes = _qr_codes(out, tmp_path)
    assert len(codes) == 1
    code = parse_letter_code(codes[0])
    assert code is not None and code == result.code
    assert (code.kind, code.record_id) == ("certification", t.id)
    assert code.wording_hash == wording_hash(letter.wording)
    assert letter.wording == "\n".join([letter.title, *letter.blocks])
    assert _squeezed(f"รหัสเอกสาร certification-{t.id[:8]}-{code.wording_hash}") in _squeezed(_text(out))


def test_a_claim_edited_after_printing_changes_the_hash(demo):
    t = _testimonial(demo)
    before = letter_for(demo, "certification", t.id).code.wording_hash
    assert wording_matches(demo, "certification", t.id, before)
    assert letter_for(demo, "certification", t.id).code.wording_hash == before  # the same records, the same hash
    _edit(demo, t.id, claim=t.claim + " และขยายผลไปยังตำบลข้างเคียง")
    after = letter_for(demo, "certification", t.id).code.wording_hash
    assert after != before
    assert not wording_matches(demo, "certification", t.id, before)


def test_the_day_of_printing_is_not_part_of_the_wording(demo, tmp_path):
    t = _testimonial(demo)
    first = write_letter(demo, "certification", t.id, tmp_path / "a.pdf", today=dt.date(2026, 1, 5))
    second = write_letter(demo, "certification", t.id, tmp_path / "b.pdf", today=dt.date(2026, 3, 9))
    assert first.code == second.code


def test_an_english_or_thai_digit_letter_still_matches_its_record(demo):
    t = _testimonial(demo)
    for lang, digits in (("en", False), ("th", True), ("en", True)):
        digest = letter_for(demo, "certification", t.id, lang=lang, thai_digits=digits).code.wording_hash
        assert wording_matches(demo, "certification", t.id, digest)


def test_a_testimonial_prints_a_testimonial_letter(demo, tmp_path):
    t = _testimonial(demo, "นางจันทร์ฟอง วงค์ษา")
    assert letter_kind_for_testimonial(demo, t.id) == "testimonial"
    out = tmp_path / "t.pdf"
    result = write_letter(demo, "testimonial", t.id, out)
    assert result.code.kind == "testimonial"
    assert _squeezed(t.quote) in _squeezed(_text(out))
    with pytest.raises(UserError) as refused:
        letter_for(demo, "certification", t.id)
    assert refused.value.key == "letter.kind_mismatch"


# --- the consent form -------------------------------------------------------------

def test_the_consent_form_of_an_activity(demo, tmp_path):
    with demo.reader() as s:
        activity = s.query(m.Activity).order_by(m.Activity.date).first()
        title = activity.title
    out = tmp_path / "consent.pdf"
    result = write_letter(demo, "consent", activity.id, out, thai_digits=True)
    assert result.pages == 1
    text = _squeezed(_text(out))
    for value in (title, "ชื่อ–นามสกุล", "ไม่ยินยอม", "ลายมือชื่อ", "๑๐"):
        assert _squeezed(value) in text, value
    code = parse_letter_code(_qr_codes(out, tmp_path)[0])
    assert code == result.code and code.kind == "consent" and code.record_id == activity.id


# --- refusals -----------------------------------------------------------------------

@pytest.mark.parametrize("kind, ident, key", [
    ("certification", "00000000-0000-0000-0000-000000000000", "letter.unknown_testimonial"),
    ("consent", "not-a-uuid\x00\u202e", "letter.unknown_activity"),
    ("testimonial", "' OR 1=1 --", "letter.unknown_testimonial"),
    ("memo", "x", "letter.unknown_kind"),
])
def test_an_unknown_record_or_kind_is_one_sentence_and_nothing_is_written(demo, demo_dir, tmp_path, kind, ident,
                                                                            key):
    out = tmp_path / "letter.pdf"
    with pytest.raises(UserError) as refused:
        write_letter(demo, kind, ident, out)
    assert refused.value.key == key
    assert refused.value.message("th").endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")
    assert not out.exists()


def test_a_letter_inside_the_portfolio_is_refused_and_the_folder_unchanged(demo, demo_dir):
    t = _testimonial(demo)
    before = _tree_digest(demo_dir)
    for target in (demo_dir / "letter.pdf", demo_dir / "evidence" / "x.pdf"):
        with pytest.raises(UserError) as refused:
            write_letter(demo, "certification", t.id, target)
        assert refused.value.key == "error.output_inside_portfolio"
    assert _tree_digest(demo_dir) == before


def _shipped(kind: str) -> dict:
    return tomllib.loads(default_template_path(kind).read_text(encoding="utf-8"))


def test_every_shipped_template_loads():
    for kind in ("certification", "testimonial", "consent"):
        template = parse_letter_template(kind, _shipped(kind), default_template_path(kind))
        assert set(template.wording) == {"th", "en"}


def _broken(kind: str, lang: str, part: str, value) -> dict:
    data = _shipped(kind)
    data[lang][part] = value
    return data


@pytest.mark.parametrize("kind, data, key, detail", [
    ("certification", _broken("certification", "th", "to", "เรียน {orgnisation}"), "th.to", "{orgnisation}"),
    ("certification", _broken("certification", "en", "body", ["{claim.__class__}"]), "en.body", "{claim.__class__}"),
    ("certification", _broken("certification", "th", "indicator", "{claim}"), "th.indicator", "{claim}"),
    ("consent", _broken("consent", "th", "body", ["{claim}"]), "th.body", "{claim}"),
    ("testimonial", _broken("testimonial", "th", "closing", "{claim:>99999999}"), "th.closing", "{claim}"),
    ("testimonial", _broken("testimonial", "th", "closing", "{recipient!r}"), "th.closing", "{recipient}"),
    ("testimonial", _broken("testimonial", "th", "subject", "เรื่อง {"), "th.subject", "braces"),
    ("testimonial", _broken("testimonial", "th", "questions", [["only one"]]), "th.questions", "two or more"),
    ("testimonial", _broken("testimonial", "th", "questions", [["{claim}", "no"]]), "th.questions", "{claim}"),
    ("consent", _broken("consent", "th", "rows", 10_000), "th.rows", "30"),
    ("consent", _broken("consent", "en", "colour", "red"), "en.colour", "unknown key"),
    ("certification", {**_shipped("certification"), "kind": "consent"}, "kind", "certification"),
    ("certification", {**_shipped("certification"), "format": 2}, "format", "1"),
    ("certification", {k: v for k, v in _shipped("certification").items() if k != "en"}, "en", "missing"),
])
def test_a_template_that_is_not_valid_is_refused_naming_the_key(kind, data, key, detail):
    with pytest.raises(UserError) as refused:
        parse_letter_template(kind, data, "letters/mine.toml")
    assert refused.value.key == "letter.template_invalid"
    assert refused.value.params["part"] == key
    assert detail in refused.value.params["detail"]
    assert "letters/mine.toml" in refused.value.message("th")


def test_a_missing_part_is_refused():
    data = _shipped("certification")
    del data["th"]["closing"]
    with pytest.raises(UserError) as refused:
        parse_letter_template("certification", data)
    assert refused.value.params["part"] == "th.closing"


# --- hostile records ------------------------------------------------------------------

def test_a_huge_claim_flows_on_and_every_page_carries_the_code(demo, tmp_path):
    t = _testimonial(demo)
    claim = " ".join(f"ชุมชนนำผลงานไปใช้ในหมู่บ้านที่{n}" for n in range(1, 400))
    _edit(demo, t.id, claim=claim)
    out = tmp_path / "long.pdf"
    result = write_letter(demo, "certification", t.id, out)
    assert result.pages >= 2
    codes = _qr_codes(out, tmp_path)
    assert len(codes) == result.pages
    assert all(parse_letter_code(c) == result.code for c in codes)
    text = _squeezed(_text(out))
    assert _squeezed("หมู่บ้านที่399") in text and f"หน้า{result.pages}/{result.pages}" in text
    assert _squeezed("(นายเกรียงไกร สุวรรณคำ)") in _squeezed(_text(out, result.pages))  # signature at the end


def test_control_characters_print_as_replacement_marks(demo, tmp_path):
    t = _testimonial(demo)
    _edit(demo, t.id, claim="ใช้\x00จริง\x1b[31m\u202eแดง\ufeff", person_name="นาย\x07ทดสอบ\nสองบรรทัด")
    out = tmp_path / "controls.pdf"
    result = write_letter(demo, "certification", t.id, out)
    letter = letter_for(demo, "certification", t.id)
    assert not any(ch in letter.wording for ch in "\x00\x1b\x07\u202e")
    assert result.code.wording_hash == wording_hash(letter.wording)
    text = _text(out)
    assert "\x00" not in text and "\x1b" not in text
    assert _squeezed("นาย\ufffdทดสอบ สองบรรทัด") in _squeezed(text)


def test_a_missing_partner_leaves_lines_to_write_on(demo, tmp_path):
    t = _testimonial(demo)
    _edit(demo, t.id, person_name="", person_position="", organisation="", partner_id=None, claim="")
    letter = letter_for(demo, "certification", t.id)
    to = next(b for b in letter.blocks if b.startswith("เรียน"))
    assert to == f"เรียน {BLANK}"
    assert f"({BLANK})" in letter.blocks
    result = write_letter(demo, "certification", t.id, tmp_path / "blank.pdf")
    assert parse_letter_code(_qr_codes(result.path, tmp_path)[0]) == result.code


def test_an_empty_portfolio_profile_and_work_still_print(portfolio, services, tmp_path):
    with portfolio.session() as s:
        work = m.Work(title_th="")
        s.add(work)
        s.flush()
        t = m.Testimonial(work_id=work.id, kind="certification")
        s.add(t)
        s.flush()
        ident = t.id
    result = write_letter(portfolio, "certification", ident, tmp_path / "empty.pdf")
    assert result.pages == 1
    assert BLANK in _text(result.path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claim=st.text(max_size=300), position=st.text(max_size=60))
def test_any_record_text_makes_a_letter_whose_hash_is_its_wording(demo, claim, position):
    t = _testimonial(demo)
    _edit(demo, t.id, claim=claim, person_position=position)
    letter = letter_for(demo, "certification", t.id)
    assert letter.code.wording_hash == wording_hash(letter.wording)
    assert parse_letter_code(encode_letter_code(letter.code)) == letter.code
    if "{" not in claim + position:  # no placeholder left unfilled
        assert re.search(r"\{[a-z_]+\}", letter.wording) is None


@settings(max_examples=50, deadline=None)
@given(words=st.lists(st.text(alphabet="กขคงabc๑2", min_size=1, max_size=6), min_size=1, max_size=8),
       gaps=st.lists(st.sampled_from([" ", "  ", "\n", "\t", " \n "]), min_size=8, max_size=8))
def test_the_hash_ignores_how_the_words_are_spaced(words, gaps):
    spaced = "".join(w + gaps[i] for i, w in enumerate(words))
    assert wording_hash("\n" + spaced) == wording_hash(" ".join(words))
    assert len(wording_hash(spaced)) == 16
