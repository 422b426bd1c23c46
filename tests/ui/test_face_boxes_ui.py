"""The face boxes of a photo in its detail dialog (issue 17): drawn over the
faces at any zoom; added, moved, resized and removed with the mouse and the
Delete key, as a lecturer does it; saved through the core and read back
from it, undone by Edit ▸ Undo; a line beside the consent says what the
export will do to them, in Thai and English; "detect again" runs the
detector in a job.  Random gestures, inside the picture and far outside it,
always leave boxes the core accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from photo_portfolio import build_field_portfolio, copy_astronaut
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from ent_portfolio.domain.photo_facts import DETECTOR, LECTURER, MIN_SIDE, FaceBox, parse_face_boxes
from ent_portfolio.services.photos import set_face_boxes
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui.widgets.face_boxes import BLURRED_COLOUR, FaceBoxEditor

SHOTS = Path("/tmp/shots17")
LEFT, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
TWO_FACES = [FaceBox(0.10, 0.15, 0.20, 0.25, LECTURER), FaceBox(0.55, 0.20, 0.15, 0.20, LECTURER)]
LINES = {
    "blurred": {"th": "ใบหน้า {n} คนจะถูกเบลอในแฟ้มเสนอขอ", "en": "{n} face{s} will be blurred in the dossier"},
    "kept": {"th": "ไม่เบลอ — ทุกคนในภาพยินยอมแล้ว", "en": "Not blurred — everyone in the photo consented."},
    "none": {"th": "ไม่มีกรอบใบหน้า จึงไม่มีส่วนใดถูกเบลอ", "en": "No face marked: nothing will be blurred."},
}


def blurred_line(lang: str, n: int) -> str:
    return LINES["blurred"][lang].format(n=n, s="" if n == 1 else "s")


@pytest.fixture
def field(empty_template, tmp_path):
    folder, work_id, ids = build_field_portfolio(empty_template, tmp_path / "portfolio", tmp_path / "files")
    portfolio = Portfolio.open(folder)
    try:
        set_face_boxes(portfolio, ids["on_day"], TWO_FACES)
    finally:
        portfolio.close()
    return folder, work_id, ids


def _dialog(make_window, folder, qtbot, evidence_id, lang="th"):
    window = make_window(folder, lang)
    view = window.show_page("evidence")
    view.select_evidence(evidence_id)
    dialog = view.open_details()
    qtbot.waitExposed(dialog)
    return window, dialog


def _at(editor, fx: float, fy: float) -> QPoint:
    """The viewport point over the picture's fraction (fx, fy)."""
    picture = editor.picture_rect()
    return editor.mapFromScene(QPointF(fx * picture.width(), fy * picture.height()))


def _drag(editor, start: QPoint, end: QPoint, steps: int = 4) -> None:
    viewport = editor.viewport()
    QTest.mousePress(viewport, LEFT, NO_KEYS, start)
    for n in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * (n / steps))
    QTest.mouseRelease(viewport, LEFT, NO_KEYS, end)


def _close(box: FaceBox, x, y, w, h, tolerance=0.015) -> bool:
    return all(abs(a - b) <= tolerance for a, b in ((box.x, x), (box.y, y), (box.w, w), (box.h, h)))


def _near(colour: QColor, wanted: QColor, tolerance: int = 30) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], wanted.getRgb()[:3]))


def _stored(window, evidence_id) -> list[FaceBox]:
    return [FaceBox(**b) for b in window.context.services.evidence.get(evidence_id).face_boxes]


def test_the_boxes_are_drawn_on_the_faces_at_any_zoom(make_window, field, qtbot):
    folder, _work_id, ids = field
    _window, dialog = _dialog(make_window, folder, qtbot, ids["on_day"])
    editor = dialog.viewer
    assert [(b.x, b.y, b.w, b.h) for b in editor.boxes()] == [(b.x, b.y, b.w, b.h) for b in TWO_FACES]
    for zoom in (None, 1.0, 2.5, 0.3):
        if zoom is None:
            editor.fit()
        else:
            editor.set_zoom(zoom)
        for index, box in enumerate(TWO_FACES):
            centre = editor.box_rect(box).center()
            editor.centerOn(centre)
            point = editor.mapFromScene(centre)
            assert editor.box_at(editor.mapToScene(point)) == index, zoom
            # The edge of the box is painted in the colour of "will be blurred".
            edge = editor.mapFromScene(QPointF(editor.box_rect(box).left(), centre.y()))
            if not editor.viewport().rect().adjusted(3, 0, -3, 0).contains(edge):
                assert zoom == 2.5  # the box is larger than the window there: only its middle is in view
                continue
            image = editor.viewport().grab().toImage()
            seen = [image.pixelColor(edge.x() + dx, edge.y()) for dx in range(-2, 3)]
            assert any(_near(colour, BLURRED_COLOUR) for colour in seen), (zoom, [c.name() for c in seen])
    editor.fit()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "face-boxes-dialog-th.png"))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_lecturer_adds_moves_resizes_and_removes_boxes_then_saves_and_undoes(make_window, field, qtbot, lang):
    folder, _work_id, ids = field
    window, dialog = _dialog(make_window, folder, qtbot, ids["on_day"], lang)
    editor = dialog.viewer
    before = window.context.services.evidence.get(ids["on_day"]).face_boxes
    assert dialog.blur_line.text() == blurred_line(lang, 2)

    _drag(editor, _at(editor, 0.40, 0.60), _at(editor, 0.52, 0.78))  # a face the detector missed
    assert len(editor.boxes()) == 3 and editor.selected() == 2
    assert _close(editor.boxes()[2], 0.40, 0.60, 0.12, 0.18)
    assert dialog.blur_line.text() == blurred_line(lang, 3)

    _drag(editor, _at(editor, 0.20, 0.27), _at(editor, 0.25, 0.37))  # the first box, moved by its middle
    assert _close(editor.boxes()[0], 0.15, 0.25, 0.20, 0.25) and editor.selected() == 0

    corner = _at(editor, 0.70, 0.40)  # the second box, made larger by its bottom-right corner
    QTest.mouseClick(editor.viewport(), LEFT, NO_KEYS, _at(editor, 0.62, 0.30))
    assert editor.selected() == 1
    _drag(editor, corner, _at(editor, 0.80, 0.50))
    assert _close(editor.boxes()[1], 0.55, 0.20, 0.25, 0.30)

    QTest.mouseClick(editor.viewport(), LEFT, NO_KEYS, _at(editor, 0.45, 0.65))  # the new one, removed
    assert dialog.remove_box_button.isEnabled()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    assert len(editor.boxes()) == 2 and editor.selected() == -1
    assert not dialog.remove_box_button.isEnabled()
    assert not dialog.detect_button.isEnabled()  # unsaved boxes: saved first
    if lang == "th":
        SHOTS.mkdir(parents=True, exist_ok=True)
        QTest.mouseClick(editor.viewport(), LEFT, NO_KEYS, _at(editor, 0.62, 0.30))
        dialog.grab().save(str(SHOTS / "face-boxes-edited-th.png"))

    assert dialog.save()
    stored = _stored(window, ids["on_day"])
    assert len(stored) == 2 and all(b.by == LECTURER for b in stored)
    assert _close(stored[0], 0.15, 0.25, 0.20, 0.25) and _close(stored[1], 0.55, 0.20, 0.25, 0.30)
    assert not dialog.detect_button.isEnabled()  # the lecturer's boxes are never redetected

    window.act_undo.trigger()  # back to the two boxes as they were
    assert window.context.services.evidence.get(ids["on_day"]).face_boxes == before == [
        b.as_dict() for b in TWO_FACES]
    assert [(b.x, b.y) for b in editor.boxes()] == [(b.x, b.y) for b in TWO_FACES]
    window.act_redo.trigger()
    assert _close(_stored(window, ids["on_day"])[0], 0.15, 0.25, 0.20, 0.25)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_line_beside_the_consent_says_what_the_export_does(make_window, field, qtbot, lang):
    folder, _work_id, ids = field
    window, dialog = _dialog(make_window, folder, qtbot, ids["on_day"], lang)
    combo = dialog.consent_combo
    combo.setCurrentIndex(combo.findData("given"))
    assert dialog.blur_line.text() == LINES["kept"][lang]
    assert not dialog.viewer.blurred  # drawn in the colour of "kept as taken"
    combo.setCurrentIndex(combo.findData("not_given"))
    assert dialog.blur_line.text() == blurred_line(lang, 2) and dialog.viewer.blurred
    dialog.viewer.select(0)
    dialog.remove_box_button.click()
    assert dialog.blur_line.text() == blurred_line(lang, 1)
    dialog.viewer.select(0)
    dialog.remove_box_button.click()
    assert dialog.blur_line.text() == LINES["none"][lang]
    assert dialog.save()
    stored = window.context.services.evidence.get(ids["on_day"])
    assert stored.face_boxes == [] and stored.people_consent == "not_given"
    # Not looked at yet: the export looks, and says so.
    other = type(dialog)(window.context, ids["late"], window)
    qtbot.addWidget(other)
    assert window.context.services.evidence.get(ids["late"]).face_boxes is None
    assert other.blur_line.text() == {
        "th": "ยังไม่ได้ตรวจหาใบหน้า เมื่อส่งออกแฟ้ม โปรแกรมจะตรวจหาและเบลอใบหน้า เว้นแต่ทุกคนในภาพยินยอมแล้ว",
        "en": "Faces not looked for yet: the export looks for them and blurs them unless everyone in the photo "
              "consented."}[lang]


def test_detect_again_runs_the_detector_in_a_job(make_window, field, qtbot, tmp_path):
    folder, work_id, _ids = field
    window = make_window(folder, "th")
    view = window.show_page("evidence")
    view.import_paths([copy_astronaut(tmp_path / "face")], work_id)
    qtbot.waitUntil(lambda: view.analysis_job is not None and view.analysis_job.done, timeout=60000)
    services = window.context.services
    astronaut = next(e for e in services.evidence.list(work_id=work_id) if e.original_name == "astronaut.png")
    found = astronaut.face_boxes
    assert found and all(b["by"] == DETECTOR for b in found)
    view.select_evidence(astronaut.id)
    dialog = view.open_details()
    qtbot.waitExposed(dialog)
    assert dialog.detect_button.isEnabled()
    while dialog.viewer.boxes():  # the lecturer takes them all away ...
        dialog.viewer.select(0)
        QTest.keyClick(dialog.viewer, Qt.Key.Key_Delete)
    assert dialog.save() and services.evidence.get(astronaut.id).face_boxes == []
    job = dialog.detect_again()  # ... and asks the detector again
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert job.error is None
    again = services.evidence.get(astronaut.id).face_boxes
    assert [(b["x"], b["y"]) for b in again] == [(b["x"], b["y"]) for b in found]
    assert len(dialog.viewer.boxes()) == len(found)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "face-detected-again-th.png"))


def _standalone_editor(qtbot) -> FaceBoxEditor:
    editor = FaceBoxEditor()
    qtbot.addWidget(editor)
    editor.resize(640, 480)
    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    image.fill(QColor("#808890"))
    editor.set_image(image)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


points = st.tuples(st.integers(-400, 1100), st.integers(-400, 900))
gestures = st.lists(st.one_of(st.tuples(st.just("drag"), points, points),
                              st.tuples(st.just("click"), points, points),
                              st.tuples(st.just("delete"), points, points),
                              st.tuples(st.just("zoom"), st.tuples(st.integers(1, 40), st.just(0)), points)),
                    min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=gestures)
def test_any_gesture_leaves_boxes_the_core_accepts(qtbot, steps):
    editor = _standalone_editor(qtbot)
    editor.set_boxes(TWO_FACES)
    for kind, a, b in steps:
        if kind == "drag":
            _drag(editor, QPoint(*a), QPoint(*b), steps=3)
        elif kind == "click":
            QTest.mouseClick(editor.viewport(), LEFT, NO_KEYS, QPoint(*a))
        elif kind == "delete":
            QTest.keyClick(editor, Qt.Key.Key_Delete)
        else:
            editor.set_zoom(a[0] / 10)
    boxes = editor.boxes()
    for box in boxes:
        assert box.x >= 0 and box.y >= 0 and box.x + box.w <= 1.000001 and box.y + box.h <= 1.000001
        assert box.w >= MIN_SIDE and box.h >= MIN_SIDE
    assert len(parse_face_boxes([b.as_dict() for b in boxes], "face_boxes")) == len(boxes)
    assert -1 <= editor.selected() < len(boxes)


def test_a_scan_has_no_face_tools_and_a_drag_pans_instead_of_drawing(make_window, field, qtbot):
    folder, _work_id, ids = field
    _window, dialog = _dialog(make_window, folder, qtbot, ids["late"], "en")
    assert dialog.face_tools.isVisible() and dialog.viewer.editable
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("scan"))
    assert not dialog.face_tools.isVisible() and not dialog.viewer.editable
    assert dialog.viewer.dragMode() == dialog.viewer.DragMode.ScrollHandDrag
    _drag(dialog.viewer, _at(dialog.viewer, 0.2, 0.2), _at(dialog.viewer, 0.5, 0.5))
    assert dialog.viewer.boxes() == [] and not dialog.viewer.edited
    assert dialog.save()
    assert dialog.context.services.evidence.get(ids["late"]).face_boxes is None  # nothing stored about faces
