"""Letters that come back by themselves, in the real window: the lecturer
prints a letter, it is "signed" (its page rendered, turned 3°, noised and
blurred, saved as a phone's JPEG), dropped on the evidence page, and found
filed to its testimonial, its text searchable in the window's search and
carried (invisibly) by the dossier's scan page.  Also: the summary warns
when the record changed after printing, a picture with no code is
imported as before, and without Tesseract the page says what to install."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image, ImageFilter
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ent_portfolio.domain import models as m
from ent_portfolio.i18n import tr
from ent_portfolio.media import ocr
from ent_portfolio.ui.thaiwrap import strip_hints
from tests.pdftools import in_ci

SHOTS = Path("/tmp/shots19")
#: The certification whose letter the walk prints again (its own scan is unlinked first).
CERTIFIED_BY = "นายเกรียงไกร สุวรรณคำ"


def need_tesseract() -> None:
    """Skip without Tesseract and its Thai model; FAIL under CI."""
    reason = ocr.missing_reason()
    if reason is None:
        return
    message = f"Tesseract with the Thai model is needed ({reason})"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def signed_scan(pdf: Path, out: Path, *, seed: int = 3) -> Path:
    """The printed letter as it comes back: its page rendered at 200 dpi,
    turned 3°, speckled, a little blurred, saved as a JPEG."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0].render(scale=200 / 72).to_pil().convert("L")
    finally:
        document.close()
    page = page.rotate(3, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=245)
    rng = random.Random(seed)
    pixels = page.load()
    width, height = page.size
    for _ in range(width * height // 80):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((60, 130, 200))
    page.filter(ImageFilter.GaussianBlur(0.6)).convert("RGB").save(out, "JPEG", quality=82)
    return out


def drop(widget, paths: list[Path]) -> None:
    """What the file manager's drop does."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    assert event.isAccepted()


def find_testimonial(portfolio, person: str) -> m.Testimonial:
    with portfolio.reader() as s:
        return s.query(m.Testimonial).filter_by(person_name=person).one()


def print_letter(qtbot, window, testimonial_id: str, out: Path):
    view = window.show_page("testimonials")
    assert view.select(testimonial_id)
    qtbot.mouseClick(view.print_letter_button, Qt.MouseButton.LeftButton)
    dialog = view.letter_dialog
    dialog.out_edit.setText(str(out))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert dialog.last_error is None, dialog.last_error
    return dialog


def import_on_evidence_page(qtbot, window, work_id: str, paths: list[Path]):
    view = window.show_page("evidence")
    view.work_combo.setCurrentIndex(view.work_combo.findData(work_id))
    view.last_summary = view.last_filing = view.last_scan_text = None
    drop(view.grid, paths)
    qtbot.waitUntil(lambda: view.scan_text_job is not None and view.scan_text_job.done
                    and view.last_summary is not None, timeout=180000)
    assert view.filing_job.error is None and view.scan_text_job.error is None
    return view


def test_done_when_a_printed_letter_comes_back_filed_searchable_and_in_the_dossier(make_window, demo_dir, qtbot,
                                                                                  tmp_path):
    need_tesseract()
    from ent_portfolio.dossier.model import DossierConfig
    from ent_portfolio.services.dossier import export_dossier
    from tests.pdftools import pdftotext

    window = make_window(demo_dir, "th")
    services = window.context.services
    testimonial = find_testimonial(window.context.portfolio, CERTIFIED_BY)
    assert testimonial.kind == "certification"
    # A certification with no letter yet: its scan unlinked from it altogether.  (Only unlinking it as
    # the letter leaves a second scan of the testimonial, which the dossier export cannot lay out yet.)
    services.evidence.update(testimonial.letter_evidence_id, testimonial_id=None)
    services.testimonials.update(testimonial.id, letter_evidence_id=None)

    dialog = print_letter(qtbot, window, testimonial.id, tmp_path / "letter.pdf")
    scan = signed_scan(dialog.last_result.path, tmp_path / "signed-letter.jpg")
    dialog.close()

    view = import_on_evidence_page(qtbot, window, testimonial.work_id, [scan])
    (evidence_id,) = view.last_summary.evidence_ids
    # Read back through the core: the scan is the testimonial's letter.
    assert services.testimonials.get(testimonial.id).letter_evidence_id == evidence_id
    stored = services.evidence.get(evidence_id)
    assert stored.testimonial_id == testimonial.id and stored.kind == "scan"
    (filed,) = view.last_filing.filed
    assert not filed.wording_changed
    summary = view.summary_dialog
    assert summary is not None and summary.isVisible() and summary.letters_box is not None
    assert "file(s)" not in summary.headline.text()  # the summary's own words stay Thai
    texts = summary.letters_box.texts()
    assert strip_hints(texts[1]) == "✓ " + filed.message("th") and "แนบ" in texts[1]
    SHOTS.mkdir(exist_ok=True)
    summary.grab().save(str(SHOTS / "import-summary-filed.png"))
    summary.accept()

    # The scan's text was read, and the window's search finds a Thai word of the letter in it.
    assert view.last_scan_text.read == 1 and view.scan_text_label.isVisible()
    recognised = services.evidence.get(evidence_id).ocr_text
    assert "ขอความอนุเคราะห์" in recognised  # a word of the letter's subject line, as OCR read it
    window.show_search()
    search = window._search
    search.query.setText("ขอความอนุเคราะห์")
    search.run_search()
    qtbot.waitUntil(lambda: search.results.topLevelItemCount() > 0, timeout=20000)
    hits = [search.results.topLevelItem(g).child(c) for g in range(search.results.topLevelItemCount())
            for c in range(search.results.topLevelItem(g).childCount())]
    ours = [h for h in hits if tuple(h.data(0, Qt.ItemDataRole.UserRole)) == ("evidence", evidence_id)]
    assert ours and ours[0].text(0).endswith(tr("search.in_scan_text", "th"))
    search.resize(760, 420)
    search.grab().save(str(SHOTS / "search-hit-in-scan.png"))

    # The dossier's scan page carries the recognised text: pdftotext finds the word.
    out = tmp_path / "dossier.pdf"
    export_dossier(window.context.portfolio, DossierConfig(), out)
    assert "ขอความอนุเคราะห์" in pdftotext(out)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_summary_warns_when_the_record_changed_after_printing(make_window, demo_dir, qtbot, tmp_path,
                                                                  monkeypatch, lang):
    monkeypatch.setattr(ocr, "missing_reason", lambda: "ocr.missing_tesseract")  # no OCR needed here
    window = make_window(demo_dir, lang)
    services = window.context.services
    testimonial = find_testimonial(window.context.portfolio, "นางบัวผัน ใจปิน")
    dialog = print_letter(qtbot, window, testimonial.id, tmp_path / "letter.pdf")
    scan = signed_scan(dialog.last_result.path, tmp_path / "letter-photo.jpg")
    dialog.close()
    services.testimonials.update(testimonial.id, quote="ข้อความที่แก้ไขหลังพิมพ์หนังสือแล้ว")  # what a testimonial letter prints

    view = import_on_evidence_page(qtbot, window, testimonial.work_id, [scan])
    (filed,) = view.last_filing.filed
    assert filed.wording_changed and filed.record_id == testimonial.id
    line = strip_hints(view.summary_dialog.letters_box.lines[0].text())
    assert line.startswith("⚠ ") and tr("letter_filing.wording_changed", lang) in line
    assert "color" in view.summary_dialog.letters_box.lines[0].styleSheet()
    # Without Tesseract: imported and filed all the same, and one note says what to install.
    assert view.last_scan_text.unavailable == "ocr.missing_tesseract"
    assert strip_hints(view.scan_text_label.text()) == tr("ocr.missing_tesseract", lang)
    assert services.evidence.get(filed.evidence_id).ocr_text is None


def test_a_picture_without_a_code_imports_as_before(make_window, demo_dir, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "missing_reason", lambda: "ocr.missing_tesseract")
    window = make_window(demo_dir, "th")
    with window.context.portfolio.reader() as s:
        work_id = s.query(m.Work).first().id
    photo = tmp_path / "field.jpg"
    Image.effect_noise((640, 480), 60).convert("RGB").save(photo, "JPEG")
    view = import_on_evidence_page(qtbot, window, work_id, [photo])
    assert view.last_summary.stored == 1 and view.last_filing.letters == []
    assert view.summary_dialog is None  # nothing refused, nothing filed: no summary to read
    assert window.context.services.evidence.get(view.last_summary.evidence_ids[0]).kind == "photo"
    assert not view.scan_text_label.isVisible()  # a photo is not a scan: nothing to read, nothing to say


def test_cancelling_the_search_for_codes_files_nothing_and_says_so(make_window, demo_dir, qtbot, tmp_path,
                                                                   monkeypatch):
    from ent_portfolio.services import letter_filing

    monkeypatch.setattr(ocr, "missing_reason", lambda: "ocr.missing_tesseract")
    window = make_window(demo_dir, "en")
    testimonial = find_testimonial(window.context.portfolio, "นายธนากร ศรีสุข")
    dialog = print_letter(qtbot, window, testimonial.id, tmp_path / "letter.pdf")
    scan = signed_scan(dialog.last_result.path, tmp_path / "scan.jpg")
    dialog.close()
    real = letter_filing.file_letters

    def cancelled_at_once(portfolio, ids, *, progress=None, cancel=None):
        cancel.cancel()  # as the progress dialog's Cancel does
        return real(portfolio, ids, progress=progress, cancel=cancel)

    monkeypatch.setattr(letter_filing, "file_letters", cancelled_at_once)
    view = import_on_evidence_page(qtbot, window, testimonial.work_id, [scan])
    assert view.last_filing.cancelled and not view.last_filing.filed
    assert window.context.services.testimonials.get(testimonial.id).letter_evidence_id is None
    box = view.summary_dialog.letters_box
    assert box.cancelled_label.isVisibleTo(box)
    assert box.cancelled_label.text().startswith("You stopped the search")
    # The next steps still ran: the photo analysis and the (missing) OCR's note.
    assert view.analysis_job.done and view.last_scan_text is not None
