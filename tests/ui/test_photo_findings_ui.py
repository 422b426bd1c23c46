"""The plausibility of photos in the window (issue 17): the evidence grid
badges each photo the check doubts and each photo whose faces the dossier
blurs, its tooltip says why in the interface's language; the detail dialog
lists the findings with their fixes, takes a note that explains one (stored
through the core, undone by Edit ▸ Undo, edited, removed); photos imported
in the window are analysed in a job afterwards; the dossier page's face
option reaches the export's configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from photo_portfolio import build_field_portfolio, copy_astronaut, make_photo
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from ent_portfolio.domain.photo_facts import FaceBox
from ent_portfolio.readiness.photo_findings import photo_findings
from ent_portfolio.services.photos import set_face_boxes
from ent_portfolio.ui.models.evidence_model import FacesBlurredRole, FindingsRole, ThumbnailReadyRole
from ent_portfolio.ui.thaiwrap import strip_hints
from ent_portfolio.ui.widgets.photo_findings_panel import rule_name

SHOTS = Path("/tmp/shots17")
LATE = "evidence.date_vs_activity"
UNDATED = "evidence.no_capture_date"
BLUR_LINE = {"th": "ใบหน้า 2 คนจะถูกเบลอในแฟ้มเสนอขอ", "en": "2 faces will be blurred in the dossier"}


@pytest.fixture
def field(empty_template, tmp_path):
    return build_field_portfolio(empty_template, tmp_path / "portfolio", tmp_path / "files")


def _evidence_page(make_window, folder, lang):
    window = make_window(folder, lang)
    return window, window.show_page("evidence")


def _row_of(view, evidence_id):
    return view.model.index(view.model.row_of(evidence_id))


def _open_dialog(view, qtbot, evidence_id):
    view.select_evidence(evidence_id)
    dialog = view.open_details()
    qtbot.waitExposed(dialog)
    return dialog


def _badge_colour_on(view, evidence_id) -> QColor:
    """The colour at the middle of the warning badge of the tile (top right of its picture)."""
    rect = view.grid.visualRect(_row_of(view, evidence_id))
    image = view.grid.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    box_right, box_top = rect.left() + 3 + 5 + 184, rect.top() + 3 + 5
    point = QPoint(box_right - 15, box_top + 19)
    return image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_grid_badges_exactly_the_doubted_photos_and_says_why(make_window, field, qtbot, lang):
    folder, work_id, ids = field
    window, view = _evidence_page(make_window, folder, lang)
    portfolio = window.context.portfolio
    expected = photo_findings(portfolio, work_id)
    assert set(expected) == {ids["late"], ids["undated"]}  # the check's own answer, to compare with
    for name, evidence_id in ids.items():
        index = _row_of(view, evidence_id)
        texts = index.data(FindingsRole)
        assert texts == [f.message(lang) for f in expected.get(evidence_id, [])], name
        tooltip = strip_hints(index.data(Qt.ItemDataRole.ToolTipRole))
        for text in texts:
            assert text in tooltip
    assert "16" in _row_of(view, ids["late"]).data(FindingsRole)[0]
    view.grid.viewport().repaint()
    badge = _badge_colour_on(view, ids["late"])
    plain = _badge_colour_on(view, ids["on_day"])
    assert badge.red() > 200 and 120 < badge.green() < 200 and badge.blue() < 60, badge.name()
    assert plain.name() != badge.name()

    # Faces on a photo nobody consented for: a second badge, counted, and said in the tooltip.
    set_face_boxes(portfolio, ids["on_day"], [FaceBox(0.1, 0.1, 0.2, 0.2), FaceBox(0.5, 0.2, 0.2, 0.25)])
    window.context.notify("evidence", ids["on_day"])
    index = _row_of(view, ids["on_day"])
    assert index.data(FacesBlurredRole) == 2 and index.data(FindingsRole) == []
    assert BLUR_LINE[lang] in strip_hints(index.data(Qt.ItemDataRole.ToolTipRole))
    window.context.services.evidence.update(ids["on_day"], people_consent="given")
    window.context.notify("evidence", ids["on_day"])
    assert _row_of(view, ids["on_day"]).data(FacesBlurredRole) == 0
    window.context.services.evidence.update(ids["on_day"], people_consent="not_given")
    window.context.notify("evidence", ids["on_day"])
    if lang == "th":
        model = view.model
        for row in range(model.rowCount()):  # asking for a picture starts its loading
            model.data(model.index(row), Qt.ItemDataRole.DecorationRole)
        qtbot.waitUntil(lambda: all(model.data(model.index(r), ThumbnailReadyRole) for r in range(model.rowCount())),
                        timeout=10000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        view.grid.grab().save(str(SHOTS / "grid-badges-th.png"))


def test_a_badge_goes_when_the_photo_is_fixed_and_comes_when_it_is_doubted(make_window, field, qtbot):
    folder, _work_id, ids = field
    window, view = _evidence_page(make_window, folder, "th")
    services = window.context.services
    services.evidence.update(ids["late"], activity_id=None)  # no longer claimed for that day
    window.context.notify("evidence", ids["late"])
    assert _row_of(view, ids["late"]).data(FindingsRole) == []
    services.evidence.update(ids["on_day"], date_taken="2024-03-30T09:00:00")
    window.context.notify("evidence", ids["on_day"])
    assert len(_row_of(view, ids["on_day"]).data(FindingsRole)) == 1


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_finding_is_explained_with_a_note_undone_edited_and_removed(make_window, field, qtbot, lang):
    folder, _work_id, ids = field
    window, view = _evidence_page(make_window, folder, lang)
    services = window.context.services
    dialog = _open_dialog(view, qtbot, ids["late"])
    panel = dialog.findings_panel
    assert panel.isVisible() and set(panel.explain_buttons) == {LATE}
    finding = dialog.findings()[0]
    shown_label = panel.finding_labels[LATE]
    shown = strip_hints(shown_label.text())
    assert finding.message(lang) in shown
    assert {"th": "อธิบาย…", "en": "Explain…"}[lang] == panel.explain_buttons[LATE].text()
    assert finding.fix_text(lang) in {strip_hints(label.text()) for label in panel.findChildren(type(shown_label))
                                      if label.isVisible()}
    if lang == "th":
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "dialog-findings-th.png"))
    panel.explain_buttons[LATE].click()
    asking = dialog.note_dialog
    assert asking.isVisible() and finding.message(lang) in asking.labelText()
    note = "ถ่ายตอนเตรียมสถานที่ก่อนวันงาน กล้องตั้งเวลาผิด"
    asking.setTextValue(note)
    asking.accept()
    assert services.evidence.get(ids["late"]).findings_explained == {LATE: note}
    assert set(panel.explain_buttons) == set() and set(panel.note_labels) == {LATE}
    assert note in strip_hints(panel.note_labels[LATE].text())
    assert strip_hints(panel.explained_labels[LATE].text()) == {"th": "อธิบายแล้ว: ", "en": "Explained: "}[lang] + {
        "th": "ถ่ายคนละวันกับกิจกรรม", "en": "Taken on another day than its activity"}[lang] == (
        {"th": "อธิบายแล้ว: ", "en": "Explained: "}[lang] + rule_name(LATE))
    assert _row_of(view, ids["late"]).data(FindingsRole) == []  # explained: no badge
    if lang == "th":
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "dialog-findings-explained-th.png"))

    window.act_undo.trigger()  # the note goes, the finding and its badge come back
    assert services.evidence.get(ids["late"]).findings_explained == {}
    assert set(panel.explain_buttons) == {LATE} and len(_row_of(view, ids["late"]).data(FindingsRole)) == 1
    window.act_redo.trigger()
    assert services.evidence.get(ids["late"]).findings_explained == {LATE: note}

    panel.edit_buttons[LATE].click()  # edited: the note so far is offered
    assert dialog.note_dialog.textValue() == note
    dialog.note_dialog.setTextValue("  นาฬิกากล้อง   ตั้งผิด  ")
    dialog.note_dialog.accept()
    assert services.evidence.get(ids["late"]).findings_explained == {LATE: "นาฬิกากล้อง ตั้งผิด"}
    panel.remove_buttons[LATE].click()
    assert services.evidence.get(ids["late"]).findings_explained == {}
    assert set(panel.explain_buttons) == {LATE}


def test_a_note_cancelled_or_left_empty_changes_nothing(make_window, field, qtbot):
    folder, _work_id, ids = field
    window, view = _evidence_page(make_window, folder, "th")
    services = window.context.services
    dialog = _open_dialog(view, qtbot, ids["undated"])
    steps = window.context.undo_stack.count()
    dialog.findings_panel.explain_buttons[UNDATED].click()
    dialog.note_dialog.setTextValue("ไม่ได้บันทึก")
    dialog.note_dialog.reject()
    dialog.findings_panel.explain_buttons[UNDATED].click()
    dialog.note_dialog.setTextValue("   \n ")
    dialog.note_dialog.accept()
    assert services.evidence.get(ids["undated"]).findings_explained == {}
    assert window.context.undo_stack.count() == steps


def test_a_photo_without_findings_shows_no_findings_panel(make_window, field, qtbot):
    folder, _work_id, ids = field
    _window, view = _evidence_page(make_window, folder, "en")
    dialog = _open_dialog(view, qtbot, ids["on_day"])
    assert not dialog.findings_panel.isVisible()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_photos_imported_in_the_window_are_analysed_in_a_job(make_window, field, qtbot, tmp_path, lang):
    folder, work_id, _ids = field
    window, view = _evidence_page(make_window, folder, lang)
    astronaut = copy_astronaut(tmp_path / "new")
    plain = make_photo(tmp_path / "new" / "field.jpg", None, seed=4)
    view.import_paths([astronaut, plain], work_id)
    qtbot.waitUntil(lambda: view.analysis_job is not None and view.analysis_job.done, timeout=60000)
    assert view.analysis_job.error is None
    analysis = view.last_analysis
    assert analysis.looked == 2 and not analysis.failed
    services = window.context.services
    stored = {e.original_name: e for e in services.evidence.list(work_id=work_id)}
    assert len(stored["astronaut.png"].face_boxes) >= 1 and stored["field.jpg"].face_boxes == []
    assert stored["astronaut.png"].image_hash and stored["field.jpg"].image_hash
    assert view.analysis_label.text() == analysis.summary(lang)
    # The grid followed: the astronaut's face, consent unknown, will be blurred.
    assert _row_of(view, stored["astronaut.png"].id).data(FacesBlurredRole) == len(stored["astronaut.png"].face_boxes)


def test_the_analysis_after_an_import_can_be_cancelled(make_window, field, qtbot, tmp_path):
    folder, work_id, _ids = field
    window, view = _evidence_page(make_window, folder, "th")
    (tmp_path / "many").mkdir()
    paths = [make_photo(tmp_path / "many" / f"p{n}.jpg", None, seed=n) for n in range(10, 16)]  # none like the others
    import_job = view.import_paths(paths, work_id)
    qtbot.waitUntil(lambda: import_job.done and view.analysis_job is not None, timeout=30000)
    view.analysis_job.cancel()  # as the progress dialog's Cancel does
    qtbot.waitUntil(lambda: view.analysis_job.done, timeout=30000)
    assert view.analysis_job.error is None and view.last_analysis.cancelled
    imported = view.last_summary.evidence_ids
    assert view.last_summary.stored == 6 and len(imported) == 6, view.last_summary
    faces = [window.context.services.evidence.get(i).face_boxes for i in imported]
    assert None in faces  # the rest waits for the next run, nothing half-written


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_dossier_option_blurs_consented_faces_too_only_when_ticked(make_window, field, lang):
    folder, _work_id, _ids = field
    window = make_window(folder, lang)
    view = window.show_page("dossier")
    option = view.face_blur
    assert option.box.text() == {"th": "เบลอใบหน้าในภาพที่ทุกคนยินยอมแล้วด้วย",
                                 "en": "Blur faces also in photos where everyone consented"}[lang]
    assert {"th": "เบลอเสมอ", "en": "always blurred"}[lang] in strip_hints(option.note.text())
    assert not option.box.isChecked() and view.choices().config.keep_consented_faces is True
    option.box.setChecked(True)
    assert view.choices().config.keep_consented_faces is False
    if lang == "th":
        SHOTS.mkdir(parents=True, exist_ok=True)
        view.options_box.grab().save(str(SHOTS / "dossier-face-option-th.png"))


@pytest.mark.parametrize("note", ["ก" * 2001, "x" * 5000 + "\n" * 50, "\u0000" + "y" * 2100],
                         ids=["thai-too-long", "long-with-lines", "nul-and-too-long"])
def test_a_note_the_core_refuses_is_one_sentence_and_changes_nothing(make_window, field, qtbot, monkeypatch, note):
    from PySide6.QtWidgets import QMessageBox

    folder, _work_id, ids = field
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window, view = _evidence_page(make_window, folder, "th")
    services = window.context.services
    before = services.evidence.get(ids["late"])
    steps = window.context.undo_stack.count()
    dialog = _open_dialog(view, qtbot, ids["late"])
    dialog.findings_panel.explain_buttons[LATE].click()
    dialog.note_dialog.setTextValue(note)
    dialog.note_dialog.accept()
    after = services.evidence.get(ids["late"])
    assert after.findings_explained == {} and after.updated_at == before.updated_at
    assert window.context.undo_stack.count() == steps
    assert len(shown) == 1 and "ไม่มีการเปลี่ยนแปลงใด ๆ" in shown[0] and "Traceback" not in shown[0]
    assert set(dialog.findings_panel.explain_buttons) == {LATE}  # still open, still explainable
