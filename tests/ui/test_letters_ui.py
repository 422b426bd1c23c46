"""Printing a letter to sign from the window: the testimonial page's button
and the work's activities' consent form, in the real main window over the
demo portfolio; the file is the core's letter (its QR code read back), a
refused place is the core's sentence and no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from ent_portfolio.domain import models as m
from ent_portfolio.i18n import tr
from ent_portfolio.media.qr import find_letter_codes
from ent_portfolio.ui.dialogs import letter_dialog
from ent_portfolio.ui.dialogs.letter_dialog import LetterDialog, default_letter_name
from tests.unit.storage_cases import DERIVED_FILES

SHOTS = Path("/tmp/shots19")


def _testimonial(window, person: str) -> m.Testimonial:
    with window.context.portfolio.reader() as s:
        return s.query(m.Testimonial).filter_by(person_name=person).one()


def _letter_dialog(qtbot, window, person: str) -> LetterDialog:
    view = window.show_page("testimonials")
    assert view.select(_testimonial(window, person).id)
    assert view.print_letter_button.isEnabled()
    qtbot.mouseClick(view.print_letter_button, Qt.MouseButton.LeftButton)
    dialog = view.letter_dialog
    assert isinstance(dialog, LetterDialog) and dialog.isVisible()
    return dialog


def _write(qtbot, dialog: LetterDialog, out: Path) -> None:
    dialog.out_edit.setText(str(out))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_testimonial_page_prints_the_letter_its_kind_asks_for(make_window, demo_dir, qtbot, tmp_path,
                                                                  monkeypatch, lang):
    window = make_window(demo_dir, lang)
    testimonial = _testimonial(window, "นายอุดม ปัญญาวงศ์")
    dialog = _letter_dialog(qtbot, window, testimonial.person_name)
    assert dialog.kind == "certification" == testimonial.kind
    assert dialog.heading.text().startswith("หนังสือรับรองการใช้ประโยชน์")  # the letter is Thai by default
    assert "องค์การบริหารส่วนตำบลบ่อเกลือใต้" in dialog.preview.toPlainText()
    assert dialog.print_button.text() == ("บันทึกหนังสือ" if lang == "th" else "Save the letter")
    assert not dialog.open_file_button.isEnabled()
    if lang == "th":
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "letter-dialog.png"))

    out = tmp_path / "out" / "letter.pdf"
    out.parent.mkdir()
    _write(qtbot, dialog, out)
    assert dialog.last_error is None, dialog.last_error
    assert out.read_bytes().startswith(b"%PDF")
    assert dialog.last_result.code.record_id == testimonial.id
    status = dialog.status_label.text()
    assert str(out) in status and dialog.last_result.code.wording_hash in status
    assert ("บันทึกแล้ว" if lang == "th" else "Saved:") in status and "%n" not in status and "%1" not in status

    opened = []
    monkeypatch.setattr(letter_dialog.opener, "system_open", lambda path: opened.append(Path(path)) or True)
    assert dialog.open_file_button.isEnabled() and dialog.open_folder_button.isEnabled()
    qtbot.mouseClick(dialog.open_file_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [out, out.parent]


def test_english_and_thai_digits_change_what_prints(make_window, demo_dir, qtbot, tmp_path):
    window = make_window(demo_dir, "th")
    dialog = _letter_dialog(qtbot, window, "นางบัวผัน ใจปิน")
    assert dialog.kind == "testimonial"
    thai = dialog.preview.toPlainText()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    english = dialog.preview.toPlainText()
    assert english != thai and not any("\u0e01" <= ch <= "\u0e2e" for ch in dialog.heading.text().split("—")[0])
    assert Path(dialog.out_edit.text()).name.startswith("testimonial-letter-")  # the name follows the language
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("th"))
    dialog.thai_digits_box.setChecked(True)
    assert any(ch in dialog.preview.toPlainText() for ch in "๐๑๒๓๔๕๖๗๘๙")
    out = tmp_path / "letter-thai-digits.pdf"
    _write(qtbot, dialog, out)
    assert dialog.last_error is None, dialog.last_error
    from tests.pdftools import pdftotext

    assert any(ch in pdftotext(out) for ch in "๐๑๒๓๔๕๖๗๘๙")


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("inside", ["portfolio_folder", "evidence_store"])
def test_a_letter_aimed_inside_the_portfolio_is_the_cores_sentence_and_no_file(make_window, demo_dir, qtbot,
                                                                               lang, inside):
    window = make_window(demo_dir, lang)
    def entries():  # the derived search index follows the database on its own
        return sorted(p.relative_to(demo_dir) for p in demo_dir.rglob("*")
                      if "backups" not in p.parts and p.name not in DERIVED_FILES)

    before = entries()
    dialog = _letter_dialog(qtbot, window, "นายอุดม ปัญญาวงศ์")
    target = demo_dir / "letter.pdf" if inside == "portfolio_folder" else demo_dir / "evidence" / "letter.pdf"
    _write(qtbot, dialog, target)
    assert dialog.last_error is not None and dialog.last_result is None
    assert dialog.status_label.text() == dialog.last_error.message(lang)
    assert "Traceback" not in dialog.status_label.text()
    assert not target.exists()
    assert entries() == before
    assert not dialog.open_file_button.isEnabled()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_activities_table_prints_the_selected_activitys_consent_form(make_window, demo_dir, qtbot, tmp_path,
                                                                         lang):
    window = make_window(demo_dir, lang)
    with window.context.portfolio.reader() as s:
        activity = s.query(m.Activity).order_by(m.Activity.date).first()
        work_id = activity.work_id
    window.navigate(("work", work_id))
    qtbot.waitUntil(lambda: window.findChild(letter_dialog.ConsentFormButton, "consentFormButton") is not None,
                    timeout=5000)
    button = window.findChild(letter_dialog.ConsentFormButton, "consentFormButton")
    table = button.table
    qtbot.waitUntil(lambda: table.parent_id == work_id and bool(table.records), timeout=5000)
    table.table.clearSelection()
    assert not button.isEnabled()  # no activity chosen: nothing to print
    row = [r.id for r in table.records].index(activity.id)
    table.table.selectRow(row)
    assert button.isEnabled()
    assert button.text() == ("พิมพ์แบบยินยอมของบุคคลในภาพ…" if lang == "th" else "Print the photo consent form…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.dialog
    assert dialog is not None and dialog.kind == "consent" and activity.title in dialog.heading.text()
    out = tmp_path / "consent.pdf"
    _write(qtbot, dialog, out)
    assert dialog.last_error is None, dialog.last_error
    from tests.pdftools import render_pages

    page = render_pages(out, tmp_path / "pages", dpi=150)[0]
    codes = find_letter_codes(page)
    assert [(c.kind, c.record_id) for c in codes] == [("consent", activity.id)]


def test_a_testimonial_deleted_while_its_dialog_is_open_prints_nothing(make_window, demo_dir, qtbot, tmp_path):
    window = make_window(demo_dir, "th")
    testimonial = _testimonial(window, "นายธนากร ศรีสุข")
    dialog = _letter_dialog(qtbot, window, testimonial.person_name)
    out = tmp_path / "not-written.pdf"
    dialog.out_edit.setText(str(out))
    window.context.services.testimonials.delete(testimonial.id)
    dialog.thai_digits_box.setChecked(True)  # the preview is read again
    assert not dialog.print_button.isEnabled()
    assert dialog.status_label.text() == tr("letter.unknown_testimonial", "th", ident=testimonial.id)
    assert dialog.write() is None and not out.exists()


@settings(max_examples=40, deadline=None)
@given(about=st.text(max_size=120), lang=st.sampled_from(["th", "en"]),
       kind=st.sampled_from(["certification", "testimonial", "consent"]))
def test_a_suggested_file_name_is_one_safe_name_whatever_the_record_says(about, lang, kind):
    name = default_letter_name(kind, about, lang)
    assert name.endswith(".pdf") and len(name) < 120
    assert not any(ch in name for ch in '/\\:*?"<>|') and all(ch >= " " for ch in name)
    assert Path(name).name == name and name not in (".pdf", "..pdf")
