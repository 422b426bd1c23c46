"""Scans you can search (issue 19, item 3): the text of scanned evidence is
read once and kept (services.ocr.recognise_scans), search finds words in it
and says where it found them, and the dossier's scan pages carry it
invisibly — found by pdftotext, the page unchanged to the eye, the names of
people who did not consent withheld as everywhere else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from ent_portfolio.domain import models as m
from ent_portfolio.jobs import CancelToken
from ent_portfolio.media import ocr
from ent_portfolio.services import ocr as ocr_service
from ent_portfolio.services.ocr import recognise_scans
from ent_portfolio.services.search import search
from tests.unit.test_ocr import DISTINCTIVE, need_tesseract, page_image


def _texts(portfolio) -> dict[str, str | None]:
    with portfolio.reader() as session:
        return dict(session.execute(select(m.Evidence.id, m.Evidence.ocr_text)).all())


def _set(portfolio, evidence_id: str, **values) -> None:
    with portfolio.session() as session:
        session.execute(update(m.Evidence).where(m.Evidence.id == evidence_id).values(**values))


def _scans(portfolio) -> list[m.Evidence]:
    with portfolio.reader() as session:
        return list(session.scalars(select(m.Evidence).where(m.Evidence.kind == "scan")
                                    .order_by(m.Evidence.original_name)))


@pytest.fixture
def fake_reader(monkeypatch):
    """Tesseract replaced by a function of the file (the logic of the run, not OCR, is tested)."""
    calls: list[str] = []

    def fake(path, *, name=None, cancelled=None, **_):
        calls.append(name)
        return f"ข้อความจากไฟล์ {name}"

    monkeypatch.setattr(ocr, "missing_reason", lambda: None)
    monkeypatch.setattr(ocr, "recognise", fake)
    return calls


def hit_in_scan(portfolio, query: str):
    return [h for g in search(portfolio, query) for h in g.hits if h.in_scan_text]


# -- reading the scans once -------------------------------------------------------------------

def test_only_unread_scans_and_letters_are_read(demo, fake_reader):
    scans = _scans(demo)
    assert len(scans) >= 3
    _set(demo, scans[0].id, ocr_text="")  # read before: nothing was found
    with demo.reader() as session:
        photo = session.scalars(select(m.Evidence).where(m.Evidence.kind == "photo")).first()
        testimonial = session.scalars(select(m.Testimonial).where(m.Testimonial.letter_evidence_id.is_(None))).first()
    # A photographed letter linked as the testimonial's letter is read, whatever its kind.
    _set(demo, photo.id, kind="photo")
    with demo.session() as session:
        session.execute(update(m.Testimonial).where(m.Testimonial.id == testimonial.id)
                        .values(letter_evidence_id=photo.id))
    before = _texts(demo)
    result = recognise_scans(demo)
    after = _texts(demo)
    assert result.read == len(scans) - 1 + 1 and not result.failed and not result.cancelled
    assert after[scans[0].id] == ""  # never read again
    for scan in scans[1:]:
        assert after[scan.id] == f"ข้อความจากไฟล์ {scan.original_name}"
    assert after[photo.id].startswith("ข้อความจากไฟล์")
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {s.id for s in scans[1:]} | {photo.id}  # no other photo, no other record
    assert recognise_scans(demo).idle  # a second run finds nothing left


def test_text_stored_meanwhile_is_never_replaced(demo, monkeypatch):
    scan = _scans(demo)[0]

    def slow(path, *, name=None, cancelled=None, **_):
        _set(demo, scan.id, ocr_text="ข้อความที่บันทึกไว้ก่อน")  # another run finished first
        return "ข้อความใหม่"

    monkeypatch.setattr(ocr, "missing_reason", lambda: None)
    monkeypatch.setattr(ocr, "recognise", slow)
    recognise_scans(demo, [scan.id])
    assert _texts(demo)[scan.id] == "ข้อความที่บันทึกไว้ก่อน"


def test_a_missing_file_is_named_and_stays_unread(demo, fake_reader):
    scan = _scans(demo)[0]
    demo.store.path_for(scan.sha256).unlink()
    result = recognise_scans(demo)
    assert [e.key for e in result.failed] == ["ocr.missing_file"]
    assert scan.original_name in result.failed_lines("th")[0] and scan.original_name in result.failed_lines("en")[0]
    assert _texts(demo)[scan.id] is None
    assert "1" in result.summary("en")


def test_without_tesseract_nothing_is_read_and_the_sentence_says_what_to_install(demo, monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    before = _texts(demo)
    result = recognise_scans(demo)
    assert result.unavailable == "ocr.missing_tesseract" and not result.idle
    assert "tesseract-ocr-tha" in result.summary("th") and "Tesseract" in result.summary("en")
    assert _texts(demo) == before


def test_cancel_keeps_what_was_read(demo, monkeypatch):
    token = CancelToken()
    scans = _scans(demo)

    def reader(path, *, name=None, cancelled=None, **_):
        token.cancel()  # the lecturer cancels while the first scan is read
        return "อ่านแล้ว"

    monkeypatch.setattr(ocr, "missing_reason", lambda: None)
    monkeypatch.setattr(ocr, "recognise", reader)
    result = recognise_scans(demo, cancel=token, workers=1)
    texts = _texts(demo)
    assert result.cancelled and result.read == 1
    assert sum(texts[s.id] == "อ่านแล้ว" for s in scans) == 1
    assert sum(texts[s.id] is None for s in scans) == len(scans) - 1
    assert "Cancelled" in result.summary("en") and "ยกเลิก" in result.summary("th")


def test_progress_is_reported_per_file(demo, fake_reader):
    seen = []
    recognise_scans(demo, progress=lambda done, total: seen.append((done, total)))
    total = len(_scans(demo))
    assert seen[0] == (0, total) and seen[-1] == (total, total)


# -- search ---------------------------------------------------------------------------------------

def test_search_finds_a_word_only_in_the_scan_and_says_so(demo):
    scan = _scans(demo)[0]
    _set(demo, scan.id, ocr_text="ที่ นน 0901/235\nขอรับรองว่าวิสาหกิจชุมชนโรงต้มเกลือ\nภูเขาได้ใช้ประโยชน์จริง")
    hits = hit_in_scan(demo, "โรงต้มเกลือภูเขา")  # cut by the scan's line break
    assert [h.id for h in hits] == [scan.id]
    assert "โรงต้มเกลือภูเขา" in hits[0].snippet.replace(" ", "")
    assert hits[0].where_found("th").startswith("พบในข้อความที่อ่านได้จากภาพสแกน")
    assert hits[0].where_found("en").startswith("found in the text read from the scan")
    # A word of the caption is found there, not "in the scan".
    caption_word = scan.caption.split()[0]
    typed = [h for g in search(demo, caption_word) for h in g.hits if h.id == scan.id]
    assert typed and not typed[0].in_scan_text and typed[0].where_found() == ""


def test_a_second_reading_is_seen_by_the_next_search(demo):
    scan = _scans(demo)[0]
    assert not hit_in_scan(demo, "ปุ๋ยหมักมูลไส้เดือน")
    _set(demo, scan.id, ocr_text="การทำปุ๋ยหมักมูลไส้เดือน")
    assert [h.id for h in hit_in_scan(demo, "ปุ๋ยหมักมูลไส้เดือน")] == [scan.id]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาำิีึืุูเแโใไ่้๊๋็์ 0123456789\n")),
                    min_size=3, max_size=120),
       data=st.data())
def test_any_piece_of_a_scans_text_is_found_in_it(demo, text, data):
    """Whatever the OCR stored, three or more of its characters (as
    normalised, without blanks) find the scan."""
    scan = _scans(demo)[0]
    stored = ocr.normalise_text(text)
    indexed = "".join(stored.split())
    if len(indexed) < 3:
        return
    start = data.draw(st.integers(0, len(indexed) - 3))
    piece = indexed[start:start + data.draw(st.integers(3, min(12, len(indexed) - start)))]
    _set(demo, scan.id, ocr_text=stored)
    found = [h for g in search(demo, piece) for h in g.hits if h.id == scan.id]
    in_thai_only = all("\u0e00" <= ch <= "\u0e7f" for ch in stored.replace("\n", ""))
    if in_thai_only:  # a scan's Thai line breaks are joined; other blanks stay blanks
        assert found, (stored, piece)


# -- the real thing: a page read by Tesseract, then found ---------------------------------------

def test_a_thai_word_of_a_scanned_letter_is_found_after_ocr(demo, tmp_path):
    need_tesseract()
    from ent_portfolio.services.importer import import_evidence

    with demo.reader() as session:
        work = session.scalars(select(m.Work)).first()
    page = page_image(tmp_path, 200, turn=1.5, noisy=True, paragraphs=[
        "องค์การบริหารส่วนตำบลบ่อเกลือใต้ขอรับรองว่าได้นำคู่มือการต้อนรับนักท่องเที่ยวไปใช้ประโยชน์จริง",
        "โดยเฉพาะเรื่องเล่าของโรงต้มเกลือโบราณกลางหมู่บ้าน"])
    imported = import_evidence(demo, work.id, [page])
    evidence_id, = imported.evidence_ids
    _set(demo, evidence_id, kind="scan")  # as filing by its code, or the lecturer, makes it
    assert not hit_in_scan(demo, "โรงต้มเกลือโบราณ")
    result = recognise_scans(demo, [evidence_id])
    assert result.read == 1 and result.with_text == 1
    assert [h.id for h in hit_in_scan(demo, "โรงต้มเกลือโบราณ")] == [evidence_id]
    assert [h.id for h in hit_in_scan(demo, DISTINCTIVE)] == [evidence_id]


# -- the dossier's hidden text layer ---------------------------------------------------------------

@pytest.fixture(scope="module")
def dossiers(demo_template, tmp_path_factory):
    """The demo's dossier twice: its scans unread, then with text that names
    a person who did not consent."""
    import shutil

    from ent_portfolio.dossier import DossierConfig
    from ent_portfolio.services.dossier import export_dossier
    from ent_portfolio.storage.portfolio import Portfolio

    root = tmp_path_factory.mktemp("scan-text")
    folder = shutil.copytree(demo_template, root / "demo")
    with Portfolio.open(folder) as portfolio:
        with portfolio.reader() as session:
            withheld = session.scalars(select(m.Testimonial).where(m.Testimonial.consent.is_(False))).first()
            letter_ids = set(session.scalars(select(m.Testimonial.letter_evidence_id)))
            scan = session.scalars(select(m.Evidence).where(m.Evidence.kind == "scan")
                                   .order_by(m.Evidence.original_name)).first()
        plain = root / "plain.pdf"
        export_dossier(portfolio, DossierConfig(language="th"), plain)
        hidden = f"หนังสือฉบับนี้ลงนามโดยผู้อำนวยการโรงเรียนบ้านโป่งน้ำร้อน\nผู้ประสานงาน {withheld.person_name} โทร 081"
        _set(portfolio, scan.id, ocr_text=hidden)
        with_text = root / "with-text.pdf"
        export_dossier(portfolio, DossierConfig(language="th"), with_text)
    return plain, with_text, withheld.person_name, scan.id in letter_ids


def test_pdftotext_finds_the_scans_words_and_not_the_withheld_name(dossiers):
    from tests.pdftools import pdftotext

    plain, with_text, withheld_name, _ = dossiers
    before, after = pdftotext(plain), pdftotext(with_text)
    assert "โรงเรียนบ้านโป่งน้ำร้อน" not in before
    assert "โรงเรียนบ้านโป่งน้ำร้อน" in after.replace(" ", "")
    first, *_rest, last = withheld_name.split()
    for part in (first, last):
        assert part not in after.replace(" ", "").replace("\n", ""), part
    # the name gave way to the person's label, in the hidden line itself
    assert "ผู้ประสานงานผู้ให้ข้อมูล" in after.replace(" ", "")


def test_the_hidden_text_does_not_change_the_page_seen(dossiers, tmp_path):
    from PIL import Image, ImageChops

    from tests.pdftools import pdftotext, render_pages

    plain, with_text, _, _ = dossiers
    pages = pdftotext(with_text).split("\f")
    page = next(k + 1 for k, p in enumerate(pages) if "โรงเรียนบ้านโป่งน้ำร้อน" in p.replace(" ", ""))
    seen_before, = render_pages(plain, tmp_path / "a", first=page, last=page, dpi=60)
    seen_after, = render_pages(with_text, tmp_path / "b", first=page, last=page, dpi=60)
    a, b = Image.open(seen_before).convert("RGB"), Image.open(seen_after).convert("RGB")
    assert a.size == b.size
    assert ImageChops.difference(a, b).getbbox() is None
    # and the page is the scan's: it holds a picture, not only text
    assert len(set(a.convert("L").get_flattened_data())) > 50


def test_at_most_two_scans_are_read_at_once_on_a_big_machine(demo, fake_reader, monkeypatch):
    """OCR keeps a core busy per page: never more than two at once."""
    seen = []
    original = ocr_service.ThreadPoolExecutor

    class Counting(original):
        def __init__(self, max_workers=None, **kwargs):
            seen.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(ocr_service, "ThreadPoolExecutor", Counting)
    monkeypatch.setattr(ocr_service.os, "cpu_count", lambda: 64)
    recognise_scans(demo)
    assert seen == [2]
