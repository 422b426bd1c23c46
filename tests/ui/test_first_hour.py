"""The lecturer's first hour (issue 14's "Done when"), walked in Thai from a
machine with no portfolio at all, by clicks and typing only.

A new portfolio from the welcome screen, the profile, a work whose period is
typed in months and whose area is found by typing, two sections of its
write-up, a partner made from the work's partner tab, an activity, an
indicator with two measurements, a testimonial with consent, four photos,
readiness, the dossier, English and back; then the portfolio is opened again
with the core and every typed value is read back exactly.

Thai is typed as the key events a Thai keyboard layout sends (the
character as the event's text); dates and numbers with key clicks.  Every
dialog the app opens is answered by finding it as the active modal window
and typing into it; only the operating system's file pickers are patched to
return a path.  Combo boxes are opened and their entry clicked.  Background
work runs on worker threads, as in the program.  A screenshot is taken at
each step (``ENT_JOURNEY_SHOTS=DIR`` keeps them)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QWidget,
)
from test_lecturer_journey import click, click_item, click_sidebar, type_text
from test_lecturer_journey import shots as journey_shots
from test_thai_everywhere import ALLOWED
from visible_texts import latin_left, texts_of, thai_left

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui.qt import Qt

PORTFOLIO_NAME = "แฟ้มผลงานรับใช้สังคม อ.พิมพ์ชนก"
PROFILE = {
    "name_th": "ดร.พิมพ์ชนก ศรีสุข",
    "academic_title": "อาจารย์",
    "university": "มหาวิทยาลัยเชียงใหม่",
    "faculty": "คณะพยาบาลศาสตร์",
    "department": "ภาควิชาการพยาบาลชุมชน",
}
WORK_TITLE = "การจัดการขยะอินทรีย์ของชุมชนบ้านยางเนิ้ง"
AREA = ("เชียงใหม่", "สารภี", "ยางเนิ้ง")
SECTIONS = {
    "situation_before": "ชุมชนบ้านยางเนิ้งมีขยะอินทรีย์จากตลาดสดวันละประมาณ 300 กิโลกรัม และเผาทิ้งในที่โล่ง",
    "process": "ร่วมกับวิสาหกิจชุมชนจัดเวทีประชาคม ออกแบบถังหมักร่วมกัน และอบรมอาสาสมัคร 20 คน",
}
PARTNER = "วิสาหกิจชุมชนปุ๋ยหมักบ้านยางเนิ้ง"
PARTNER_ROLE = ("co_designer", "ร่วมออกแบบ")
ACTIVITY = {"date": "15/10/2566", "kind": "ลงพื้นที่", "title": "ลงพื้นที่สำรวจจุดทิ้งขยะร่วมกับชุมชน",
            "place": "ตลาดสดบ้านยางเนิ้ง", "participants": "35"}
INDICATOR = {"name_th": "ปริมาณขยะอินทรีย์ที่ถูกเผา", "unit": "กิโลกรัมต่อวัน", "baseline": "300",
             "baseline_date": "10/06/2566", "target": "50", "target_date": "20/05/2567"}
MEASUREMENTS = (("15/12/2566", "180", "ชั่งน้ำหนักขยะที่ตลาด รอบที่ 1"),
                ("15/03/2567", "90", "ชั่งน้ำหนักขยะที่ตลาด รอบที่ 2"))
TESTIMONIAL = {"person_name": "นายบุญมา ใจงาม", "organisation": PARTNER,
               "quote": "ชุมชนเลิกเผาขยะในตลาดแล้ว และได้ปุ๋ยหมักไปใช้ในแปลงผักของสมาชิก",
               "consent_date": "20/03/2567"}
#: Two photos taken on the activity's day (EXIF), two without a date.
PHOTOS = (("ลงพื้นที่_01.jpg", "2023:10:15 09:30:00"), ("ลงพื้นที่_02.jpg", "2023:10:15 10:05:00"),
          ("ถังหมัก.jpg", None), ("เวทีประชาคม.jpg", None))

TAG_DATETIME_ORIGINAL, IFD_EXIF = 0x9003, 0x8769

#: A screenshot per step (the journey's fixture, under its name here).
shots = journey_shots


# --- driving the window as a person does ------------------------------------------

class DialogAnswers:
    """Answers the app's modal dialogs as they open.  ``expect(fill)`` waits
    for the next modal dialog not answered yet and calls ``fill(dialog)``
    on it; ``fill`` types and presses the dialog's button.  A failing
    ``fill`` closes its dialog (no hanging test) and the failure is raised
    by :meth:`check` once ``exec`` has returned."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.waiting: list[tuple[str, Callable[[QDialog], None]]] = []
        self.answered: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def expect(self, name: str, fill: Callable[[QDialog], None]) -> None:
        self.waiting.append((name, fill))

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not self.waiting or dialog is None or dialog.property("answered") or not dialog.isVisible():
            return
        dialog.setProperty("answered", True)
        name, fill = self.waiting.pop(0)
        self.answered.append(name)
        # Outside this timer's slot: Qt does not fire a timer again while its
        # slot runs, and a dialog may open another one to answer.
        QTimer.singleShot(0, lambda: self._fill(dialog, fill))

    def _fill(self, dialog: QDialog, fill: Callable[[QDialog], None]) -> None:
        try:
            fill(dialog)
        except BaseException as exc:  # noqa: BLE001 - raised again by check()
            self.errors.append(exc)
            if dialog.isVisible():
                dialog.reject()

    def check(self, *names: str) -> None:
        if self.errors:
            raise self.errors[0]
        assert not self.waiting, f"dialogs that never opened: {[n for n, _ in self.waiting]}"
        for name in names:
            assert name in self.answered, (name, self.answered)

    def stop(self) -> None:
        self._timer.stop()


def press(qtbot, dialog: QDialog, button=QDialogButtonBox.StandardButton.Ok) -> None:
    box = dialog.findChild(QDialogButtonBox)
    click(qtbot, box.button(button))


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Open the combo's list and click the entry that reads ``text``."""
    index = combo.findText(text)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    entry = view.model().index(index, combo.modelColumn(), view.rootIndex())
    view.scrollTo(entry)
    click_item(qtbot, view, view.visualRect(entry))
    if view.isVisible():  # released where the list had opened: the click picks it
        qtbot.waitUntil(lambda: not view.isVisible(), timeout=3000)


def type_to_find(qtbot, combo: QComboBox, text: str) -> None:
    """In a combo that filters as one types: type ``text``, then click the
    entry the list offers."""
    line = combo.lineEdit()
    line.setFocus()
    line.selectAll()
    type_text(qtbot, line, text)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    model = popup.model()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert text in rows, rows
    entry = model.index(rows.index(text), 0)
    popup.scrollTo(entry)
    click_item(qtbot, popup, popup.visualRect(entry))
    qtbot.waitUntil(lambda: combo.currentText() == text and not popup.isVisible(), timeout=3000)


def type_line(qtbot, line: QLineEdit, text: str, finish=Qt.Key.Key_Return) -> None:
    """Type into a line and finish with Enter (a typed date is taken then);
    in a dialog with Tab, as Enter there presses the dialog's Save."""
    line.setFocus()
    line.selectAll()
    type_text(qtbot, line, text)
    qtbot.keyClick(line, finish)


def type_over(qtbot, widget: QWidget, text: str) -> None:
    """Select what the field holds (Ctrl+A) and type over it: a date editor
    or a number box, as a person replaces its value."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, widget, text)


def click_tab(qtbot, tabs, title: str) -> None:
    bar = tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def wait_saved(qtbot, window, pending: Callable[[], bool]) -> None:
    """The autosave has written what was typed, and the status bar says so."""
    qtbot.waitUntil(lambda: not pending(), timeout=10000)
    qtbot.waitUntil(lambda: "บันทึกแล้ว" in window.save_label.text(), timeout=10000)


def make_photos(folder: Path) -> list[Path]:
    folder.mkdir()
    made = []
    for n, (name, taken) in enumerate(PHOTOS):
        image = Image.new("RGB", (640, 480), (90 + 30 * n, 140, 80))
        draw = ImageDraw.Draw(image)
        draw.ellipse((200 + 20 * n, 120, 440, 360), fill=(200, 170 - 20 * n, 60))
        exif = Image.Exif()
        if taken:
            exif.get_ifd(IFD_EXIF)[TAG_DATETIME_ORIGINAL] = taken
        path = folder / name
        image.save(path, "JPEG", quality=88, exif=exif.tobytes())
        made.append(path)
    return made


def has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


# --- the walk ---------------------------------------------------------------------------

def test_the_first_hour_in_thai_from_no_portfolio_to_the_dossier(make_window, qtbot, monkeypatch, tmp_path, shots):
    home = tmp_path / "home"
    documents = home / "Documents"
    documents.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    photos = make_photos(tmp_path / "รูปจากกล้อง")
    answers = DialogAnswers()
    try:
        _walk(make_window, qtbot, monkeypatch, tmp_path, shots, documents, photos, answers)
    finally:
        answers.stop()


def _walk(make_window, qtbot, monkeypatch, tmp_path, shots, documents, photos, answers):
    # --- 1. the welcome screen; a new portfolio named in Thai, in Documents
    window = make_window(lang="th", threaded=True)
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.welcome
    assert has_thai(window.welcome.new_button.text())
    shots(window, "welcome")

    def new_portfolio(dialog):
        assert dialog.place_edit.text() == str(documents)
        type_text(qtbot, dialog.name_edit, PORTFOLIO_NAME)
        qtbot.waitUntil(dialog.create_button.isEnabled, timeout=5000)
        qtbot.waitUntil(lambda: str(documents / PORTFOLIO_NAME) in dialog.preview_label.text(), timeout=5000)
        shots(dialog, "new-portfolio-dialog")
        click(qtbot, dialog.create_button)

    answers.expect("new portfolio", new_portfolio)
    click(qtbot, window.welcome.new_button)
    answers.check("new portfolio")
    folder = documents / PORTFOLIO_NAME
    context = window.context
    assert context.portfolio is not None and Path(context.portfolio.folder) == folder
    assert window.stack.currentWidget() is not window.welcome
    qtbot.waitUntil(lambda: context.jobs.running() == 0, timeout=30000)
    shots(window, "portfolio-opened")

    # --- 2. the profile, saved as typed
    profile = click_sidebar(qtbot, window, "profile")
    for name in ("name_th", "academic_title"):
        type_text(qtbot, profile.widgets[name], PROFILE[name])
    choose(qtbot, profile.widgets["current_position"], "อาจารย์")
    choose(qtbot, profile.widgets["target_position"], "ผู้ช่วยศาสตราจารย์")
    choose(qtbot, profile.widgets["route"], "ด้านรับใช้ท้องถิ่นและสังคม")
    for name in ("university", "faculty", "department"):
        type_text(qtbot, profile.widgets[name], PROFILE[name])
    wait_saved(qtbot, window, lambda: any(form.autosave.pending for form in profile.forms))
    qtbot.waitUntil(lambda: "บันทึก" in profile.state_label.text(), timeout=5000)
    shots(window, "profile-saved")

    # --- 3. a new work: its title asked in a box, its period in months, its area found by typing
    works = click_sidebar(qtbot, window, "works")
    assert works.empty_state.isVisible()

    def work_title(dialog):
        assert isinstance(dialog, QInputDialog)
        type_text(qtbot, dialog.findChild(QLineEdit), WORK_TITLE)
        shots(dialog, "new-work-title")
        press(qtbot, dialog)

    answers.expect("new work", work_title)
    click(qtbot, works.empty_state.button)
    answers.check("new work")
    editor = works.editor
    assert works.stack.currentWidget() is editor and editor.work_id
    work_id = editor.work_id
    assert editor.title_th.text() == WORK_TITLE
    start, end = editor.fields["start_date"], editor.fields["end_date"]
    type_line(qtbot, start.text_edit, "มิ.ย. 2566")
    type_line(qtbot, end.text_edit, "พ.ค. 2567")
    assert start.problem_text() == "" and end.problem_text() == ""
    assert start.precision_box.currentText() == "เดือน" and end.precision_box.currentText() == "เดือน"
    area = editor.fields["area"]
    type_to_find(qtbot, area.province, AREA[0])
    type_to_find(qtbot, area.district, AREA[1])
    type_to_find(qtbot, area.subdistrict, AREA[2])
    wait_saved(qtbot, window, editor.has_pending)
    assert start.text_edit.text() == "มิ.ย. 2566" and end.text_edit.text() == "พ.ค. 2567"
    shots(window, "work-overview")

    # --- 4. two sections of the write-up
    click_tab(qtbot, editor.tabs, "เนื้อหาผลงาน")
    pane = editor.sections
    for key, text in SECTIONS.items():
        row = [t.key for t in pane.templates].index(key)
        click_item(qtbot, pane.list, pane.list.visualItemRect(pane.list.item(row)))
        assert pane.current_key == key
        type_text(qtbot, pane.text.editor, text)
        wait_saved(qtbot, window, editor.has_pending)
    shots(window, "work-sections")

    # --- 5. the partner tab: a partner that does not exist yet, made from the link dialog
    click_tab(qtbot, editor.tabs, "ภาคีเครือข่าย")
    partners_tab = editor.tables["partners"]

    def new_partner(dialog):
        assert dialog.objectName() == "newPartnerDialog"
        type_text(qtbot, dialog.widgets["name_th"], PARTNER)
        shots(dialog, "new-partner-dialog")
        press(qtbot, dialog)

    def link_partner(dialog):
        combo = dialog.widgets["partner_id"]
        assert [combo.itemText(i) for i in range(combo.count())] == ["ภาคีใหม่…"]
        answers.expect("new partner", new_partner)
        choose(qtbot, combo, "ภาคีใหม่…")
        assert combo.currentText() == PARTNER
        choose(qtbot, dialog.widgets["role"], PARTNER_ROLE[1])
        shots(dialog, "link-partner-dialog")
        press(qtbot, dialog)

    answers.expect("link partner", link_partner)
    click(qtbot, partners_tab.add_button)
    answers.check("link partner", "new partner")
    assert partners_tab.table.rowCount() == 1 and partners_tab.table.item(0, 0).text() == PARTNER
    shots(window, "work-partner-linked")

    # --- 6. an activity with a typed date
    click_tab(qtbot, editor.tabs, "กิจกรรม")
    activities = editor.tables["activities"]

    def new_activity(dialog):
        type_line(qtbot, dialog.widgets["date"].text_edit, ACTIVITY["date"], finish=Qt.Key.Key_Tab)
        assert dialog.widgets["date"].problem_text() == "" and dialog.message.text() == ""
        choose(qtbot, dialog.widgets["kind"], ACTIVITY["kind"])
        type_text(qtbot, dialog.widgets["title"], ACTIVITY["title"])
        type_text(qtbot, dialog.widgets["place"], ACTIVITY["place"])
        type_over(qtbot, dialog.widgets["participants_total"], ACTIVITY["participants"])
        shots(dialog, "activity-dialog")
        press(qtbot, dialog)

    answers.expect("new activity", new_activity)
    click(qtbot, activities.add_button)
    answers.check("new activity")
    assert activities.table.rowCount() == 1
    assert activities.table.item(0, 0).text() == "15 ต.ค. 2566"
    shots(window, "work-activity")

    indicator_id = _indicator(qtbot, window, shots, answers, work_id)

    # --- 8. a testimonial about the work, from the partner, with consent
    testimonials = click_sidebar(qtbot, window, "testimonials")

    def new_testimonial(dialog):
        work_choice = dialog.widgets["work_id"]
        if work_choice.currentText() != WORK_TITLE:
            choose(qtbot, work_choice, WORK_TITLE)
        type_text(qtbot, dialog.widgets["person_name"], TESTIMONIAL["person_name"])
        type_text(qtbot, dialog.widgets["organisation"], TESTIMONIAL["organisation"])
        choose(qtbot, dialog.widgets["partner_id"], PARTNER)
        shots(dialog, "testimonial-dialog")
        press(qtbot, dialog)

    answers.expect("new testimonial", new_testimonial)
    click(qtbot, testimonials.empty_state.button if testimonials.empty_state.isVisible()
          else testimonials.new_button)
    answers.check("new testimonial")
    testimonial_id = testimonials.current_id()
    assert testimonial_id
    form = testimonials.form
    # Typed in two goes with a pause between, as a person stops to think: the
    # autosave in the pause must not move the cursor away from the end.
    first_part, rest = TESTIMONIAL["quote"].split(" ", 1)
    type_text(qtbot, form.widgets["quote"], first_part)
    wait_saved(qtbot, window, lambda: form.autosave.pending)
    qtbot.waitUntil(lambda: context.services.testimonials.get(testimonial_id).quote == first_part, timeout=5000)
    type_text(qtbot, form.widgets["quote"], " " + rest)
    click(qtbot, form.widgets["consent"])
    type_line(qtbot, form.widgets["consent_date"].text_edit, TESTIMONIAL["consent_date"])
    wait_saved(qtbot, window, lambda: form.autosave.pending)
    shots(window, "testimonial")

    # --- 9. four photos through the evidence page's own import (only the OS file picker is patched)
    evidence = click_sidebar(qtbot, window, "evidence")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in photos], ""))
    click(qtbot, evidence.add_button)
    job = evidence.import_job
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert job.error is None, job.error
    qtbot.waitUntil(lambda: evidence.summary_dialog is not None and evidence.summary_dialog.isVisible(),
                    timeout=10000)
    summary = evidence.summary_dialog
    assert summary.summary.stored == 4 and len(summary.summary.suggestions) == 2
    assert summary.link_button.isVisible()
    shots(summary, "import-summary")
    click(qtbot, summary.link_button)
    assert summary.linked == 2
    press(qtbot, summary)
    qtbot.waitUntil(lambda: evidence.model.rowCount() == 4, timeout=10000)
    shots(window, "evidence")

    _readiness(qtbot, window, shots, works, work_id)

    # --- 11. the dossier, by the real exporter in a worker, to the place it offers
    dossier = click_sidebar(qtbot, window, "dossier")
    out_pdf = Path(dossier.out_edit.text())
    assert out_pdf.parent == documents, out_pdf
    assert out_pdf.name.startswith("แฟ้มผลงาน-")
    shots(window, "dossier")
    click(qtbot, dossier.export_button)
    export = dossier.export_job
    assert export is not None
    qtbot.waitUntil(lambda: export.done, timeout=300000)
    assert export.error is None, export.error
    assert out_pdf.read_bytes().startswith(b"%PDF")
    assert "บันทึกแล้ว" in dossier.status_label.text()
    text = subprocess.run(["pdftotext", "-layout", str(out_pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    flat = " ".join(text.split())
    for expected in (WORK_TITLE, PARTNER, "มิ.ย. 2566", INDICATOR["name_th"]):
        assert expected in flat or expected.replace(" ", "") in flat.replace(" ", ""), expected
    assert "Traceback" not in flat
    assert "ช่วงเวลา มิ.ย. 2566 – พ.ค. 2567" in flat
    for day_precise in ("1 มิถุนายน 2566", "31 พฤษภาคม 2567", "1 มิ.ย. 2566", "31 พ.ค. 2567"):
        assert day_precise not in flat  # the period is printed as the months typed, never as days
    qtbot.waitUntil(lambda: context.jobs.running() == 0, timeout=60000)  # page previews
    shots(window, "dossier-exported")

    # --- 12. English, then Thai again
    window.act_english.trigger()
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "Works", timeout=5000)
    # The pages drawn are relabelled, not drawn again, and the status is said in English.
    assert dossier.preview_job is None and dossier.preview.item(0).text() == "Page 1"
    assert dossier.status_label.text().startswith("Saved")
    user_data = {WORK_TITLE, PARTNER, PORTFOLIO_NAME, str(folder), str(out_pdf), out_pdf.name,
                 *PROFILE.values(), *SECTIONS.values(), *AREA, INDICATOR["name_th"], INDICATOR["unit"],
                 TESTIMONIAL["person_name"], TESTIMONIAL["quote"], ACTIVITY["title"], ACTIVITY["place"],
                 *(m[2] for m in MEASUREMENTS), *(p.name for p in photos), "ไทย",
                 # a path is cut where it has a space (visible_texts.plain): the name's words are the user's too
                 *PORTFOLIO_NAME.split()}
    # Thai left in English is collected here and failed at the very end, so
    # that the rest of the walk (back to Thai, the stored values) still runs.
    thai_in_english = sorted(set(thai_left(texts_of(window), user_data, set())))
    shots(window, "english")
    works_en = click_sidebar(qtbot, window, "works")
    assert works_en.heading.text() == "Works"
    thai_in_english = sorted({*thai_in_english, *thai_left(texts_of(window), user_data, set())})
    shots(window, "english-works")
    window.act_thai.trigger()
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "ผลงาน", timeout=5000)
    assert has_thai(works_en.heading.text())
    assert latin_left(texts_of(window), user_data, ALLOWED) == []
    shots(window, "thai-again")

    # --- 13. closed, opened again with the core: everything as typed
    qtbot.waitUntil(lambda: context.jobs.running() == 0, timeout=60000)
    window.close()
    context.jobs.wait(30000)
    context.portfolio.close()
    context.portfolio = None
    context.services = None
    _check_stored(folder, work_id, indicator_id, testimonial_id, photos)
    assert thai_in_english == [], thai_in_english


def _indicator(qtbot, window, shots, answers, work_id) -> str:
    # --- 7. an indicator with its baseline and target, and two measurements
    indicators = click_sidebar(qtbot, window, "indicators")
    assert indicators.current_work_id() == work_id

    def new_indicator(dialog):
        type_text(qtbot, dialog.name_th, INDICATOR["name_th"])
        type_text(qtbot, dialog.unit, INDICATOR["unit"])
        choose(qtbot, dialog.direction, "ยิ่งต่ำยิ่งดี")
        type_text(qtbot, dialog.baseline_value, INDICATOR["baseline"])
        click(qtbot, dialog.baseline_date.known)
        type_over(qtbot, dialog.baseline_date.edit, INDICATOR["baseline_date"])
        type_text(qtbot, dialog.target_value, INDICATOR["target"])
        click(qtbot, dialog.target_date.known)
        type_over(qtbot, dialog.target_date.edit, INDICATOR["target_date"])
        shots(dialog, "indicator-dialog")
        press(qtbot, dialog)

    answers.expect("new indicator", new_indicator)
    click(qtbot, indicators.empty_state.button if indicators.empty_state.isVisible()
          else indicators.add_indicator_button)
    answers.check("new indicator")
    indicator_id = indicators.current_indicator_id()
    assert indicator_id

    for n, (when, value, source) in enumerate(MEASUREMENTS):
        def measurement(dialog, when=when, value=value, source=source, n=n):
            type_over(qtbot, dialog.date.edit, when)
            type_text(qtbot, dialog.value_edit, value)
            type_text(qtbot, dialog.source_edit, source)
            shots(dialog, f"measurement-dialog-{n + 1}")
            press(qtbot, dialog)

        answers.expect(f"measurement {n + 1}", measurement)
        click(qtbot, indicators.add_measurement_button)
        answers.check(f"measurement {n + 1}")
    assert indicators.measurement_model.rowCount() == 2
    shots(window, "indicator-measured")

    return indicator_id

def _readiness(qtbot, window, shots, works, work_id) -> None:
    editor = works.editor
    # --- 10. readiness: findings as Thai sentences, no rule ids; one "go to fix"
    readiness = click_sidebar(qtbot, window, "readiness")
    qtbot.waitUntil(lambda: readiness.check_job is None and readiness.result is not None, timeout=60000)
    findings = readiness.visible_findings()
    assert findings
    rule_ids = {f.rule for f in findings}
    shown = [readiness.tree.topLevelItem(i).child(j).text(0)
             for i in range(readiness.tree.topLevelItemCount())
             for j in range(readiness.tree.topLevelItem(i).childCount())]
    assert shown and all(has_thai(text) for text in shown), shown
    detail = readiness.detail.toPlainText()
    visible = shown + [detail, readiness.status_label.text(), readiness.counts_label.text()]
    assert not [(rule, text) for rule in rule_ids for text in visible if rule in text]
    shots(window, "readiness")
    first = readiness.tree.topLevelItem(0).child(0)
    click_item(qtbot, readiness.tree, readiness.tree.visualItemRect(first))
    finding = readiness.current_finding()
    assert finding is not None
    click(qtbot, readiness.fix_button)
    assert window.current_key() != "readiness", finding.rule
    if finding.rule.startswith("section."):  # the work's write-up, at the heading to write
        assert window.current_key() == "works" and works.stack.currentWidget() is editor
        assert editor.tabs.currentWidget() is editor.sections and finding.work_id == work_id
        place = str(finding.target[2])
        assert place.startswith("section:") and editor.sections.current_key == place.split(":", 1)[1]
    shots(window, "go-to-fix")

def _check_stored(folder, work_id, indicator_id, testimonial_id, photos):
    with Portfolio.open(folder) as reopened:
        s = Services(reopened)
        profile = s.profile.current()
        for name, value in PROFILE.items():
            assert getattr(profile, name) == value, name
        assert (profile.current_position, profile.target_position, profile.route) == \
            ("lecturer", "assistant_professor", "society_track")

        [work] = s.works.list()
        assert work.id == work_id and work.title_th == WORK_TITLE
        assert (work.start_date, work.start_precision) == (dt.date(2023, 6, 1), "month")
        assert (work.end_date, work.end_precision) == (dt.date(2024, 5, 31), "month")
        assert (work.province, work.district, work.subdistrict) == AREA
        assert work.area_code
        sections = {t.key: content for t, content in s.works.sections(work_id)}
        for key, text in SECTIONS.items():
            assert text in sections[key], key
        assert [k for k, content in sections.items() if content] == list(SECTIONS)

        [partner] = s.partners.list()
        assert partner.name_th == PARTNER
        [link] = s.work_partners.list(work_id=work_id)
        assert (link.partner_id, link.role) == (partner.id, PARTNER_ROLE[0])

        [activity] = s.activities.list(work_id=work_id)
        assert activity.date == dt.date(2023, 10, 15)
        assert (activity.kind, activity.title, activity.place, activity.participants_total) == \
            ("field_visit", ACTIVITY["title"], ACTIVITY["place"], 35)

        [indicator] = s.indicators.list(work_id=work_id)
        assert indicator.id == indicator_id
        assert (indicator.name_th, indicator.unit, indicator.direction) == \
            (INDICATOR["name_th"], INDICATOR["unit"], "lower")
        assert (indicator.baseline_value, indicator.baseline_date) == (Decimal("300"), dt.date(2023, 6, 10))
        assert (indicator.target_value, indicator.target_date) == (Decimal("50"), dt.date(2024, 5, 20))
        measured = [(m.date, m.value, m.source) for m in s.indicators.measurements(indicator_id)]
        assert measured == [(dt.date(2023, 12, 15), Decimal("180"), MEASUREMENTS[0][2]),
                            (dt.date(2024, 3, 15), Decimal("90"), MEASUREMENTS[1][2])]

        t = s.testimonials.get(testimonial_id)
        assert (t.work_id, t.partner_id, t.person_name, t.organisation) == \
            (work_id, partner.id, TESTIMONIAL["person_name"], TESTIMONIAL["organisation"])
        assert t.quote == TESTIMONIAL["quote"] and t.consent and t.consent_date == dt.date(2024, 3, 20)

        stored = s.evidence.list(work_id=work_id)
        assert sorted(e.sha256 for e in stored) == sorted(hashlib.sha256(p.read_bytes()).hexdigest()
                                                         for p in photos)
        by_name = {e.original_name: e for e in stored}
        assert set(by_name) == {p.name for p in photos}
        for name, taken in PHOTOS:
            assert (by_name[name].activity_id == activity.id) == bool(taken), name
        for e in stored:
            assert hashlib.sha256(s.evidence.file_path(e.id).read_bytes()).hexdigest() == e.sha256
    assert os.listdir(folder)  # the folder the dialog made holds the portfolio


@pytest.mark.parametrize("arrive", ["ctrl+a", "tab", "click"])
def test_a_date_typed_whole_into_a_dialog_date_field_is_taken(qtbot, arrive):
    """The indicator and measurement dialogs' date field, typed into as a
    person does (not into its inner line): Qt's editor took typed digits
    section by section, so 01/06/2566 became a year of 1 and was refused."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QVBoxLayout

    from ent_portfolio.ui.widgets.evidence_date import EraDateEdit

    holder = QWidget()
    layout = QVBoxLayout(holder)
    before, edit = QLineEdit(), EraDateEdit("th")
    layout.addWidget(before)
    layout.addWidget(edit)
    qtbot.addWidget(holder)
    holder.show()
    edit.setDate(QDate(2026, 5, 4))
    if arrive == "ctrl+a":
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    elif arrive == "tab":
        before.setFocus()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
    else:
        qtbot.mouseClick(edit.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit, "01/06/2566")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.date() == QDate(2023, 6, 1) and edit.text() == "01/06/2566" and edit.problem == ""
    # a slip corrected with Backspace, then a day the month lacks: said, and the date kept
    qtbot.keyClicks(edit, "15/10/2567")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, "6")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.date() == QDate(2023, 10, 15)
    qtbot.keyClicks(edit, "31/02/2566")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "ไม่มีวันที่ 31" in edit.problem and edit.date() == QDate(2023, 10, 15)
