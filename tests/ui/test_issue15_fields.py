"""Where the lecturer fills in what the ก.พ.อ. file needs (issue 15): the
work's claim (main work, claimed level, impact summary), its earlier use and
its research-ethics approval in the work editor; who measured in the
measurement dialog; a document's own date and the consent of the people in a
photo in the evidence detail.  Typed as a lecturer types them, stored,
undoable, in Thai and in English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

SHOTS = Path("/tmp/shots14")


def _keys(qtbot, widget, text: str) -> None:
    """Type ``text`` into ``widget`` as key presses (Thai too)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _type_date(qtbot, edit, text: str) -> None:
    """A typed date or year: the text, then Enter."""
    edit.text_edit.selectAll()
    _keys(qtbot, edit.text_edit, text)
    qtbot.keyClick(edit.text_edit, Qt.Key.Key_Return)


def _editor(window, work_id):
    view = window.show_page("works")
    view.open_work(work_id)
    return view.editor


@pytest.fixture
def chiang_mai(make_window, demo_dir):
    window = make_window(demo_dir, "th")
    services = window.context.services
    work = next(w for w in services.works.list() if w.province == "เชียงใหม่")
    return window, services, work


def test_the_claim_the_prior_use_and_the_ethics_approval_are_typed_stored_and_undone(chiang_mai, qtbot):
    window, services, work = chiang_mai
    editor = _editor(window, work.id)
    fields = editor.fields
    assert not fields["is_main_work"].isChecked() and fields["claimed_level"].currentText() == "—"
    assert fields["ethics_required"].isChecked() and fields["ethics_number"].isEnabled()

    fields["is_main_work"].click()
    level = fields["claimed_level"]
    level.setCurrentIndex(level.findText("ดีมาก"))
    _keys(qtbot, fields["impact_summary"], "ผู้สูงอายุ 150 คนรู้ทันฝุ่น")
    _keys(qtbot, fields["impact_summary_en"], "150 older people read the dust level")
    _type_date(qtbot, fields["prior_use_year"], "2565")
    prior_level = fields["prior_quality_level"]
    prior_level.setCurrentIndex(prior_level.findData("good"))
    _keys(qtbot, fields["ethics_number"], "NHU-REC 2567/112")
    qtbot.keyClick(fields["ethics_number"], Qt.Key.Key_Return)
    _type_date(qtbot, fields["ethics_date"], "15/10/2566")
    editor.save_now()

    stored = services.works.get(work.id)
    assert (stored.is_main_work, stored.claimed_level) == (True, "very_good")
    assert (stored.impact_summary, stored.impact_summary_en) == ("ผู้สูงอายุ 150 คนรู้ทันฝุ่น",
                                                                 "150 older people read the dust level")
    assert (stored.prior_use_year, stored.prior_quality_level) == (2022, "good")
    assert (stored.ethics_number, stored.ethics_date) == ("NHU-REC 2567/112", dt.date(2023, 10, 15))
    assert fields["ethics_date"].text_edit.text() == "15 ต.ค. 2566"

    # Unticking "people studied" keeps what was typed, greyed out, for ticking back.
    fields["ethics_required"].click()
    editor.save_now()
    assert services.works.get(work.id).ethics_required is False
    assert not fields["ethics_number"].isEnabled() and fields["ethics_number"].text() == "NHU-REC 2567/112"
    window.act_undo.trigger()
    assert services.works.get(work.id).ethics_required is True and fields["ethics_number"].isEnabled()

    SHOTS.mkdir(parents=True, exist_ok=True)
    editor.tabs.setCurrentIndex(0)
    scroll = editor.tabs.widget(0)
    scroll.ensureWidgetVisible(fields["is_main_work"])
    qtbot.wait(50)
    editor.tabs.grab().save(str(SHOTS / "issue15_work_claim_th.png"))
    scroll.ensureWidgetVisible(editor.ethics_box)
    qtbot.wait(50)
    editor.tabs.grab().save(str(SHOTS / "issue15_work_fields_th.png"))
    texts = {key: label.text() for key, label in editor.form_labels.items()}
    assert texts["main"] == "ผลงานหลัก" and texts["claimed_level"] == "ระดับคุณภาพที่ขอ"
    assert texts["impact_summary"] == "สรุปผลกระทบ (ภาษาไทย)" and texts["prior"] == "ใช้ในการขอตำแหน่งครั้งก่อน"
    assert editor.ethics_box.title() == "จริยธรรมการวิจัยในมนุษย์"
    assert fields["ethics_required"].text().startswith("มีการศึกษาในมนุษย์")

    window.act_english.trigger()
    qtbot.wait(50)
    assert editor.form_labels["claimed_level"].text() == "Quality level claimed"
    assert level.currentText() == "Very good" and editor.ethics_box.title() == "Research ethics (human subjects)"
    assert fields["ethics_date"].text_edit.text() == "15 Oct 2023" and editor.prior_hint.text().startswith("leave")
    editor.tabs.grab().save(str(SHOTS / "issue15_work_fields_en.png"))


def test_emptying_the_claimed_level_stores_none(chiang_mai, qtbot):
    window, services, work = chiang_mai
    services.works.update(work.id, is_main_work=True, claimed_level="good")
    editor = _editor(window, work.id)
    level = editor.fields["claimed_level"]
    assert level.currentData() == "good"
    level.setCurrentIndex(level.findText("—"))
    editor.save_now()
    assert services.works.get(work.id).claimed_level is None


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_measurement_dialog_asks_who_measured(qtbot, lang, compiled_translations):
    from ent_portfolio.ui.dialogs.indicator_dialogs import MeasurementDialog
    from ent_portfolio.ui.language import apply_language

    apply_language(lang)
    try:
        dialog = MeasurementDialog(lang, "คน")
        qtbot.addWidget(dialog)
        _keys(qtbot, dialog.value_edit, "42")
        _keys(qtbot, dialog.measured_by_edit, "อสม. ตำบลยางเนิ้ง")
        assert dialog.fields()["measured_by"] == "อสม. ตำบลยางเนิ้ง"
        assert [label.text() for label in dialog.labels][4] == {"th": "ผู้วัด", "en": "Measured by"}[lang]
    finally:
        apply_language("th")


def test_a_measurement_added_in_the_window_keeps_who_measured(chiang_mai, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from ent_portfolio.ui.dialogs import indicator_dialogs

    window, services, work = chiang_mai
    view = window.show_page("indicators")
    view.open_target(("work", work.id))
    indicator = services.indicators.list(work_id=work.id)[0]
    view.open_target(("indicator", indicator.id))
    before = len(services.indicators.measurements(indicator.id))

    def fill_and_accept(dialog):
        dialog.value_edit.setText("55")
        dialog.measured_by_edit.setText("ผู้วิจัยและ อสม.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(indicator_dialogs.MeasurementDialog, "exec", fill_and_accept)
    assert view.add_measurement() is not None
    stored = services.indicators.measurements(indicator.id)
    assert len(stored) == before + 1 and "ผู้วิจัยและ อสม." in {m.measured_by for m in stored}


def _dialog(window, qtbot, evidence_id):
    from ent_portfolio.ui.dialogs.evidence_detail import EvidenceDetailDialog

    dialog = EvidenceDetailDialog(window.context, evidence_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_letters_own_date_is_typed_in_the_evidence_detail(chiang_mai, qtbot):
    window, services, work = chiang_mai
    letter = next(e for e in services.evidence.list(work_id=work.id) if e.kind == "scan")
    dialog = _dialog(window, qtbot, letter.id)
    assert dialog.document_date_edit.isVisible() and not dialog.consent_combo.isVisible()
    assert {"contribution_form", "mou", "ethics_declaration", "ethics_approval"} <= {
        dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())}
    assert dialog.document_date_label.text() == "ลงวันที่ในเอกสาร"
    _type_date(qtbot, dialog.document_date_edit, "31/02/2566")  # no such day: said, nothing saved
    assert not dialog.save() and "ไม่มีวันที่ 31" in dialog.document_date_edit.problem_text()
    assert services.evidence.get(letter.id).document_date == letter.document_date
    _type_date(qtbot, dialog.document_date_edit, "15/10/2566")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("mou"))
    assert dialog.save()
    stored = services.evidence.get(letter.id)
    assert (stored.document_date, stored.kind) == (dt.date(2023, 10, 15), "mou")
    assert stored.date_taken == letter.date_taken  # when it was scanned is another date
    window.act_undo.trigger()
    assert services.evidence.get(letter.id).document_date == letter.document_date


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_photos_consent_is_chosen_in_the_evidence_detail(make_window, demo_dir, qtbot, lang):
    window = make_window(demo_dir, lang)
    services = window.context.services
    photo = next(e for e in services.evidence.list() if e.kind == "photo" and e.people_consent == "unknown")
    dialog = _dialog(window, qtbot, photo.id)
    assert dialog.consent_combo.isVisible() and not dialog.document_date_edit.isVisible()
    assert dialog.consent_combo.currentText() == {"th": "ไม่ทราบ", "en": "Unknown"}[lang]
    assert dialog.consent_label.text() == {"th": "ความยินยอมของบุคคลในภาพ",
                                           "en": "Consent of the people in the photo"}[lang]
    dialog.consent_combo.setCurrentIndex(dialog.consent_combo.findData("not_given"))
    assert dialog.save()
    assert services.evidence.get(photo.id).people_consent == "not_given"
    if lang == "th":
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "issue15_photo_consent_th.png"))
    # A photo whose kind is changed to a scan asks for its date instead.
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("scan"))
    assert dialog.document_date_edit.isVisible() and not dialog.consent_combo.isVisible()
