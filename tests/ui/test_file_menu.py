"""File menu: back up, restore, move to another computer, check the portfolio;
Open PDF without a PDF viewer; Help ▸ User's guide.

Every action runs end to end on real files in a temporary folder: only the
lecturer is played by the test (the ``person`` fixture answers the file
pickers and the message boxes, and keeps what they said).  Cancelling half
way leaves no file and the portfolio as it was; hostile archives are built
here, never committed."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.archive import read_archive_document
from ent_portfolio.i18n import tr
from ent_portfolio.services import Services
from ent_portfolio.services.backup import backup_to_archive
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui import guide, open_file
from ent_portfolio.ui.dialogs import asking
from ent_portfolio.ui.qt import QPushButton, Qt
from ent_portfolio.ui.thaiwrap import strip_hints
from tests.unit.storage_cases import folder_digest, make_portfolio, records_dump

SHOTS = Path("/tmp/shots14")


@dataclass
class Said:
    text: str
    detail: str
    buttons: list[str]
    selectable: bool


@dataclass
class Person:
    """The lecturer: answers pickers from ``paths`` and questions from
    ``answers`` (True: the button that does it), and remembers every box."""

    paths: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    said: list = field(default_factory=list)
    asked_for: list = field(default_factory=list)  # (title, suggested or start)
    shoot: str | None = None

    def run_box(self, box):
        flags = box.textInteractionFlags()
        self.said.append(Said(strip_hints(box.text()), strip_hints(box.informativeText()),
                              [b.text() for b in box.buttons()],
                              bool(flags & Qt.TextInteractionFlag.TextSelectableByKeyboard)))
        if self.shoot:
            SHOTS.mkdir(exist_ok=True)
            box.show()
            box.grab().save(str(SHOTS / f"{self.shoot}.png"))
            box.hide()
            self.shoot = None
        names = {b.objectName(): b for b in box.buttons()}
        if "yes" in names:
            return names["yes"] if self.answers.pop(0) else names["no"]
        return names.get("close")

    def pick(self, _parent, title, start, *_rest):
        self.asked_for.append((title, Path(start)))
        return self.paths.pop(0)

    @property
    def last(self) -> Said:
        return self.said[-1]

    def all_text(self) -> str:
        return "\n".join(f"{s.text}\n{s.detail}" for s in self.said)


@pytest.fixture
def person(monkeypatch):
    someone = Person()
    monkeypatch.setattr(asking, "run_box", someone.run_box)
    monkeypatch.setattr(asking, "choose_save_path", lambda parent, title, suggested, _f, suffix:
                        someone.pick(parent, title, suggested))
    monkeypatch.setattr(asking, "choose_open_path", someone.pick)
    monkeypatch.setattr(asking, "choose_folder", someone.pick)
    return someone


def _finish(qtbot, actions, job):
    assert job is not None
    qtbot.waitUntil(lambda: job.done and actions.job is None, timeout=60000)
    return job


def _state(folder: Path) -> tuple[list[str], dict[str, str]]:
    """The records and the stored evidence files, byte for byte."""
    return records_dump(folder), folder_digest(folder / "evidence")


def registered_key(sentence: str, lang: str = "th") -> str | None:
    """The message key whose sentence this is (its parameters filled in), if any."""
    from ent_portfolio.i18n import MESSAGES

    for key, pair in MESSAGES.items():
        template = pair[0 if lang == "th" else 1]
        pattern = re.sub(r"\\\{[a-z_]+\\\}", ".*", re.escape(template))
        if re.fullmatch(pattern, sentence, re.DOTALL):
            return key
    return None


def _cancel_at_first_progress(actions, job):
    """Press the progress dialog's Cancel as soon as the work reports it has begun."""
    dialog = actions.progress_dialog

    def press(_done, _total):
        if not job.cancel_token.cancelled:
            dialog.findChild(QPushButton).click()

    job.progress.connect(press)


# --- the menu ---------------------------------------------------------------------

def test_file_and_help_menus_name_every_action_in_thai_and_english(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    names = [a.text() for a in window.menu_file.actions() if not a.isSeparator()]
    for thai in ("สำรองข้อมูล…", "กู้คืนจากไฟล์สำรอง…", "ส่งออกแฟ้มย้ายเครื่อง…", "นำเข้าแฟ้มย้ายเครื่อง…",
                 "ตรวจสุขภาพแฟ้ม…"):
        assert thai in names
    assert names[-1] == window.act_quit.text()  # Quit stays last
    assert window.menu_help.actions()[0].text() == "คู่มือการใช้งาน"
    SHOTS.mkdir(exist_ok=True)
    window.menu_file.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitUntil(window.menu_file.isVisible)
    window.menu_file.grab().save(str(SHOTS / "file-menu-th.png"))
    window.menu_file.hide()
    window.set_language("en")
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File")  # Qt's language change is an event
    names = [a.text() for a in window.menu_file.actions() if not a.isSeparator()]
    assert {"Back up…", "Restore from a backup…", "Export for a new computer…", "Import from another computer…",
            "Check the portfolio…"} <= set(names)
    assert not [n for n in names if re.search("[\u0e00-\u0e7f]", n)]
    assert window.menu_help.actions()[0].text() == "User's guide"


def test_actions_on_the_open_portfolio_wait_for_one(make_window):
    window = make_window(None, "th")
    actions = window.file_actions
    assert not actions.act_backup.isEnabled() and not actions.act_doctor.isEnabled()
    assert actions.act_restore.isEnabled() and actions.act_import_move.isEnabled()


# --- back up and export -------------------------------------------------------------

@pytest.mark.parametrize("action, name", [("backup", "EnT-สำรองข้อมูล"), ("export_for_move", "EnT-ย้ายเครื่อง")])
def test_backup_and_export_write_the_whole_portfolio(make_window, demo_dir, tmp_path, qtbot, person, action, name):
    window = make_window(demo_dir, "th")
    target = tmp_path / "usb" / "สำรอง ชุด_1.entp"
    target.parent.mkdir()
    person.paths = [target]
    _finish(qtbot, window.file_actions, getattr(window.file_actions, action)())
    _title, suggested = person.asked_for[0]
    today = _dt.date.today()
    assert suggested.name == f"{name}-{today.year + 543}-{today.month:02d}-{today.day:02d}.entp"
    with Portfolio.open(demo_dir, read_only=True) as p:
        shas = {e.sha256 for e in Services(p).evidence.list()}
    assert {f["sha256"] for f in read_archive_document(target)["files"]} == shas
    assert str(target) in person.last.text and f"{len(shas)} ไฟล์หลักฐาน" in person.last.text
    assert person.last.selectable  # the path can be copied
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_the_default_name_counts_years_as_its_reader_does():
    from ent_portfolio.ui.file_actions import default_archive_name

    day = _dt.date(2024, 6, 1)
    assert default_archive_name("ui.file.backup_name", "th", day) == "EnT-สำรองข้อมูล-2567-06-01.entp"
    assert default_archive_name("ui.file.move_name", "en", day) == "EnT-move-2024-06-01.entp"


@pytest.mark.parametrize("action", ["backup", "export_for_move"])
def test_cancel_half_way_leaves_no_file_and_the_portfolio_as_it_was(make_window, demo_dir, tmp_path, qtbot,
                                                                       person, action):
    window = make_window(demo_dir, "th")
    before = _state(demo_dir)
    target = tmp_path / "out" / "backup.entp"
    target.parent.mkdir()
    person.paths = [target]
    actions = window.file_actions
    job = getattr(actions, action)()
    _cancel_at_first_progress(actions, job)
    _finish(qtbot, actions, job)
    assert job.cancel_token.cancelled and job.error is not None
    assert list(target.parent.iterdir()) == []  # neither the file nor a temporary one
    assert person.last.text == tr("ui.file.cancelled", "th")
    assert _state(demo_dir) == before


def _inside(folder: Path, tmp: Path) -> Path:
    return folder / "สำรอง.entp"


def _in_backups(folder: Path, tmp: Path) -> Path:
    return folder / "backups" / "x.entp"


def _a_folder(folder: Path, tmp: Path) -> Path:
    (tmp / "folder.entp").mkdir()
    return tmp / "folder.entp"


def _missing_parent(folder: Path, tmp: Path) -> Path:
    return tmp / "no such folder" / "x.entp"


def _through_a_link(folder: Path, tmp: Path) -> Path:
    (tmp / "link").symlink_to(folder)
    return tmp / "link" / "x.entp"


@pytest.mark.parametrize("where, key", [
    (_inside, "error.output_inside_portfolio"), (_in_backups, "error.output_inside_portfolio"),
    (_through_a_link, "error.output_inside_portfolio"),
    (_a_folder, "error.output_is_folder"), (_missing_parent, "error.output_folder_missing"),
])
def test_a_backup_where_it_must_not_go_is_refused_in_one_sentence(make_window, demo_dir, tmp_path, qtbot, person,
                                                                 where, key):
    window = make_window(demo_dir, "th")
    before_folder = folder_digest(demo_dir / "evidence"), sorted(p.name for p in (demo_dir / "backups").iterdir())
    target = where(demo_dir, tmp_path)
    person.paths = [target]
    _finish(qtbot, window.file_actions, window.file_actions.backup())
    sentence = person.last.text
    assert "Traceback" not in sentence and "\n" not in sentence.strip()
    expected_start = tr(key, "th", path="\0", folder="\0", name="\0").split("\0")[0]
    assert sentence.startswith(expected_start), sentence
    assert sentence.endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")
    assert not (target.exists() and target.is_file())
    assert (folder_digest(demo_dir / "evidence"), sorted(p.name for p in (demo_dir / "backups").iterdir())) \
        == before_folder


# --- restore ----------------------------------------------------------------------

def _backup_then_change(folder: Path) -> Path:
    """A database backup, then a new work made after it."""
    with Portfolio.open(folder, backup_on_open=False) as p:
        backup = p.backup_database("manual")
        Services(p).works.create(title_th="ผลงานหลังสำรอง")
    return backup


def _titles(window) -> set[str]:
    return {w.title_th for w in window.context.services.works.list()}


def test_restore_a_database_backup_asks_then_replaces_and_the_views_reload(make_window, demo_dir, qtbot, person):
    backup = _backup_then_change(demo_dir)
    window = make_window(demo_dir, "th")
    works_view = window.show_page("works")
    assert "ผลงานหลังสำรอง" in _titles(window)
    rows_before = works_view.model.rowCount()
    person.paths = [backup]
    person.answers = [True]
    _finish(qtbot, window.file_actions, window.file_actions.restore())
    question = person.said[0]
    assert question.text == tr("ui.file.restore_confirm", "th", name=backup.name)
    assert "จะสำรองข้อมูลปัจจุบัน" in question.detail and question.buttons == ["กู้คืน", "ไม่กู้คืน"]
    assert "ผลงานหลังสำรอง" not in _titles(window)
    assert person.last.text.startswith("กู้คืนแล้ว ข้อมูลก่อนกู้คืนถูกสำรองไว้ที่:")
    safety = Path(person.last.text.split(": ", 1)[1])
    assert safety.is_file() and safety.parent == demo_dir / "backups"
    assert window.context.undo_stack.count() == 0
    assert works_view.model.rowCount() == rows_before - 1  # the page reloaded


def test_restore_refused_at_the_question_changes_nothing(make_window, demo_dir, qtbot, person):
    backup = _backup_then_change(demo_dir)
    window = make_window(demo_dir, "th")
    before = _state(demo_dir)
    backups_before = sorted(p.name for p in (demo_dir / "backups").iterdir())
    person.paths = [backup]
    person.answers = [False]
    assert window.file_actions.restore() is None
    assert _state(demo_dir) == before
    assert sorted(p.name for p in (demo_dir / "backups").iterdir()) == backups_before


@pytest.mark.parametrize("confirmed", [False, True])
def test_a_backup_of_another_portfolio_is_restored_only_if_confirmed(make_window, demo_dir, tmp_path, qtbot, person,
                                                                      confirmed):
    make_portfolio(tmp_path / "other")
    theirs = sorted((tmp_path / "other" / "backups").iterdir())[-1]
    window = make_window(demo_dir, "th")
    before = _state(demo_dir)
    person.paths = [theirs]
    person.answers = [True, confirmed]
    _finish(qtbot, window.file_actions, window.file_actions.restore())
    second = person.said[1]
    assert second.text == tr("backup.other_portfolio", "th", path=str(theirs))
    assert second.buttons == ["กู้คืนทับ", "ไม่กู้คืน"]
    if confirmed:
        qtbot.waitUntil(lambda: window.file_actions.job is None, timeout=30000)
        assert _titles(window) == {"ผลงานริมน้ำ"}
        assert person.last.text.startswith("กู้คืนแล้ว")
    else:
        assert len(person.said) == 2  # nothing more to say: nothing happened
        assert _state(demo_dir) == before


def test_restore_of_a_full_archive_makes_a_new_portfolio_and_opens_it(make_window, demo_dir, tmp_path, qtbot,
                                                                       person, empty_template):
    archive = tmp_path / "full.entp"
    with Portfolio.open(demo_dir, read_only=True) as p:
        backup_to_archive(p, archive)
        titles = {w.title_th for w in Services(p).works.list()}
    current = shutil.copytree(empty_template, tmp_path / "current")
    window = make_window(current, "th")
    before = _state(current)
    new_folder = tmp_path / "restored"
    new_folder.mkdir()
    person.paths = [archive, new_folder]
    person.answers = [True]
    _finish(qtbot, window.file_actions, window.file_actions.restore())
    assert "แฟ้มผลงานที่เปิดอยู่จะไม่ถูกแตะต้อง" in person.said[0].text
    assert Path(window.context.portfolio.folder) == new_folder
    assert _titles(window) == titles
    assert person.last.text.startswith(f"กู้คืนแฟ้มผลงานแล้วที่ {new_folder}")
    assert _state(current) == before


def test_restore_of_a_full_archive_into_a_folder_in_use_is_refused(make_window, demo_dir, tmp_path, qtbot, person):
    archive = tmp_path / "full.entp"
    with Portfolio.open(demo_dir, read_only=True) as p:
        backup_to_archive(p, archive)
    window = make_window(demo_dir, "th")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("งานของฉัน", encoding="utf-8")
    person.paths = [archive, busy]
    person.answers = [True]
    _finish(qtbot, window.file_actions, window.file_actions.restore())
    assert person.last.text.endswith("ไม่มีการเปลี่ยนแปลงใด ๆ") or "ว่าง" in person.last.text
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt"]
    assert Path(window.context.portfolio.folder) == demo_dir


# --- import for a move ------------------------------------------------------------------

@pytest.fixture
def other_archive(tmp_path):
    make_portfolio(tmp_path / "laptop", files=3)
    archive = tmp_path / "move.entp"
    with Portfolio.open(tmp_path / "laptop", read_only=True) as p:
        backup_to_archive(p, archive)
    return archive


def test_import_merges_and_says_what_was_added(make_window, empty_template, tmp_path, qtbot, person, other_archive):
    folder = shutil.copytree(empty_template, tmp_path / "mine")
    window = make_window(folder, "th")
    works_view = window.show_page("works")
    assert works_view.model.rowCount() == 0
    person.paths = [other_archive]
    person.answers = [True]
    _finish(qtbot, window.file_actions, window.file_actions.import_for_move())
    assert person.said[0].buttons == ["นำเข้า", "ไม่นำเข้า"] and "ไม่มีรายการใดถูกลบ" in person.said[0].detail
    assert person.last.text.startswith("นำเข้าแล้ว: เพิ่ม")
    assert "ไฟล์หลักฐานใหม่ 3 ไฟล์" in person.last.text
    assert "ผลงาน 1" in person.last.detail and "หลักฐาน 3" in person.last.detail and "กิจกรรม 1" in person.last.detail
    assert _titles(window) == {"ผลงานริมน้ำ"}
    assert works_view.model.rowCount() == 1  # the page reloaded
    # Again: everything is already here.
    person.paths = [other_archive]
    person.answers = [True]
    _finish(qtbot, window.file_actions, window.file_actions.import_for_move())
    assert person.last.text == tr("ui.file.import_nothing", "th")


def test_import_with_nothing_open_makes_the_portfolio_on_the_new_computer(make_window, tmp_path, qtbot, person,
                                                                          other_archive):
    window = make_window(None, "th")
    new_folder = tmp_path / "แฟ้มผลงานของฉัน"
    new_folder.mkdir()
    person.paths = [other_archive, new_folder]
    person.answers = [True]
    _finish(qtbot, window.file_actions, window.file_actions.import_for_move())
    assert Path(window.context.portfolio.folder) == new_folder
    assert _titles(window) == {"ผลงานริมน้ำ"}


def test_import_cancelled_half_way_leaves_the_portfolio_as_it_was(make_window, demo_dir, qtbot, person,
                                                                   other_archive):
    window = make_window(demo_dir, "th")
    before = _state(demo_dir)
    person.paths = [other_archive]
    person.answers = [True]
    actions = window.file_actions
    job = actions.import_for_move()
    _cancel_at_first_progress(actions, job)
    _finish(qtbot, actions, job)
    assert job.cancel_token.cancelled and job.error is not None
    assert person.last.text == tr("ui.file.cancelled", "th")
    assert _state(demo_dir) == before


def _not_a_zip(path: Path, good: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)


def _cut_short(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])


def _foreign_member(path: Path, good: Path) -> None:
    shutil.copy(good, path)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("../../escape.txt", b"x")


def _no_document(path: Path, good: Path) -> None:
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as z:
        for info in source.infolist():
            if info.filename.startswith("files/"):
                z.writestr(info, source.read(info))


def _a_file_changed(path: Path, good: Path) -> None:
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as z:
        first = next(info.filename for info in source.infolist() if info.filename.startswith("files/"))
        for info in source.infolist():
            data = source.read(info)
            z.writestr(info, data[:-1] + b"!" if info.filename == first else data)


@pytest.mark.parametrize("spoil", [_not_a_zip, _cut_short, _foreign_member, _no_document, _a_file_changed])
def test_a_spoilt_archive_is_refused_in_one_sentence_and_nothing_changes(make_window, demo_dir, tmp_path, qtbot,
                                                                       person, other_archive, spoil):
    window = make_window(demo_dir, "th")
    before = _state(demo_dir)
    bad = tmp_path / "spoilt.entp"
    spoil(bad, other_archive)
    person.paths = [bad]
    person.answers = [True]
    _finish(qtbot, window.file_actions, window.file_actions.import_for_move())
    sentence = person.last.text
    key = registered_key(sentence)
    assert key is not None and key.startswith("archive."), sentence  # the archive's own sentence, no traceback
    assert _state(demo_dir) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=400), as_zip=st.booleans())
def test_any_bytes_given_as_an_archive_are_one_sentence(make_window, empty_template, tmp_path, qtbot, person,
                                                        junk, as_zip):
    # One window for every example (fixtures are not re-run between examples).
    if not hasattr(person, "window"):
        folder = shutil.copytree(empty_template, tmp_path / "p")
        person.window, person.before = make_window(folder, "th"), _state(folder)
    window = person.window
    folder = Path(window.context.portfolio.folder)
    bad = tmp_path / "junk.entp"
    if as_zip:
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("portfolio.json", junk)
    else:
        bad.write_bytes(junk)
    person.paths = [bad]
    person.answers = [True]
    _finish(qtbot, window.file_actions, window.file_actions.import_for_move())
    key = registered_key(person.last.text)
    assert key is not None and key.startswith("archive."), person.last.text
    assert _state(folder) == person.before


# --- check and repair -------------------------------------------------------------------

def _misplace_a_stored_file(folder: Path) -> tuple[str, Path]:
    """An evidence file moved to a wrong name inside the store (as a careless
    copy or a sync tool might): its record finds nothing; repair can put it back."""
    with Portfolio.open(folder, read_only=True) as p:
        sha = Services(p).evidence.list()[0].sha256
        stored = p.store.path_for(sha)
    stray = stored.parent / "IMG_0001 (copy).jpg"
    stored.rename(stray)
    return sha, stored


def test_check_shows_the_damage_in_sentences_and_repair_puts_it_right(make_window, demo_dir, qtbot, person):
    sha, stored = _misplace_a_stored_file(demo_dir)
    window = make_window(demo_dir, "th")
    actions = window.file_actions
    _finish(qtbot, actions, actions.check_health())
    dialog = actions.doctor_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.findings_text()
    assert "พบปัญหา 2 รายการ" in text and "ไม่พบไฟล์ของหลักฐาน" in text and "IMG_0001 (copy).jpg" in text
    assert "doctor." not in text  # sentences, never message keys
    assert not dialog.repair_button.isHidden()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "doctor-th.png"))
    dialog.repair_button.click()
    qtbot.waitUntil(lambda: actions.job is None, timeout=60000)
    text = dialog.findings_text()
    assert "ซ่อมแล้ว:" in text and "แฟ้มผลงานสมบูรณ์ดี" in text
    dialog.grab().save(str(SHOTS / "doctor-repaired-th.png"))
    assert stored.is_file() and hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    assert dialog.repair_button.isHidden()


def test_a_healthy_portfolio_offers_no_repair(make_window, demo_dir, qtbot, person):
    window = make_window(demo_dir, "en")
    actions = window.file_actions
    _finish(qtbot, actions, actions.check_health())
    dialog = actions.doctor_dialog
    assert dialog.findings_text().startswith("The portfolio is healthy")
    assert dialog.repair_button.isHidden()
    assert not re.search("[\u0e00-\u0e7f]", dialog.findings_text() + dialog.windowTitle()
                         + dialog.close_button.text())


def test_cancelling_the_check_shows_nothing_and_changes_nothing(make_window, demo_dir, qtbot, person):
    window = make_window(demo_dir, "th")
    before = _state(demo_dir)
    actions = window.file_actions
    job = actions.check_health()
    actions.progress_dialog.findChild(QPushButton).click()
    _finish(qtbot, actions, job)
    assert actions.doctor_dialog is None
    assert window.statusBar().currentMessage() == tr("ui.file.check_cancelled", "th")
    assert _state(demo_dir) == before


def test_repair_cancelled_half_way_says_so(make_window, demo_dir, qtbot, person):
    _misplace_a_stored_file(demo_dir)
    window = make_window(demo_dir, "th")
    actions = window.file_actions
    _finish(qtbot, actions, actions.check_health())
    dialog = actions.doctor_dialog
    job = actions.repair()
    _cancel_at_first_progress(actions, job)
    _finish(qtbot, actions, job)
    assert tr("ui.doctor.repair_stopped", "th") in dialog.findings_text()
    assert dialog.repair_button.isEnabled()


# --- Open PDF ---------------------------------------------------------------------------

@pytest.fixture
def no_programs(monkeypatch):
    """A fresh machine: nothing opens a PDF, and (optionally) not even a folder."""
    opened = []
    works = {"folder": True}

    def system_open(path):
        opened.append(Path(path))
        return Path(path).is_dir() and works["folder"]

    monkeypatch.setattr(open_file, "system_open", system_open)
    return opened, works


def _dossier_with_a_pdf(make_window, demo_dir, tmp_path, lang):
    window = make_window(demo_dir, lang)
    view = window.show_page("dossier")
    pdf = tmp_path / "out" / "EnT dossier_2567.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    view.last_pdf = pdf
    view._update_state()
    return view, pdf


def test_open_pdf_without_a_viewer_says_where_and_opens_the_folder(make_window, demo_dir, tmp_path, person,
                                                                    no_programs):
    opened, _ = no_programs
    view, pdf = _dossier_with_a_pdf(make_window, demo_dir, tmp_path, "th")
    person.answers = [True]
    person.shoot = "no-pdf-viewer-th"
    view.open_pdf_button.click()
    said = person.said[0]
    assert said.text.startswith("เปิดไฟล์ PDF ไม่ได้") and str(pdf) in said.text and said.selectable
    assert said.buttons == ["เปิดโฟลเดอร์", "ปิด"]
    assert opened == [pdf, pdf.parent]
    assert len(person.said) == 1


def test_when_the_folder_cannot_open_either_the_path_is_given_to_copy(make_window, demo_dir, tmp_path, person,
                                                                       no_programs):
    opened, works = no_programs
    works["folder"] = False
    view, pdf = _dossier_with_a_pdf(make_window, demo_dir, tmp_path, "en")
    person.answers = [True]
    assert view.open_pdf() is False
    assert person.said[0].buttons == ["Open folder", "Close"]
    last = person.last
    assert last.text.startswith("The folder cannot be opened either") and str(pdf) in last.text
    assert last.selectable and last.buttons == ["Close"]
    assert not re.search("[\u0e00-\u0e7f]", person.all_text())


def test_open_pdf_with_a_viewer_says_nothing(make_window, demo_dir, tmp_path, person, monkeypatch):
    opened = []
    monkeypatch.setattr(open_file, "system_open", lambda path: opened.append(path) or True)
    view, pdf = _dossier_with_a_pdf(make_window, demo_dir, tmp_path, "th")
    assert view.open_pdf() is True
    assert opened == [pdf] and person.said == []


# --- the guide --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_guide_ships_links_only_to_its_own_headings(lang):
    html = guide.guide_file(lang).read_text(encoding="utf-8")
    assert not re.search(r"https?://|www\.|<img|<script|src=", html, re.IGNORECASE)
    links = re.findall(r'href="([^"]*)"', html)
    anchors = set(re.findall(r'<a name="([^"]+)"', html))
    assert len(links) == 15 and all(link.startswith("#") for link in links)
    assert {link[1:] for link in links} == anchors


def test_the_thai_guide_names_the_menus_and_pages_as_the_app_shows_them(make_window, demo_dir):
    from ent_portfolio.ui.common import translate
    from ent_portfolio.ui.views import PAGES

    window = make_window(demo_dir, "th")
    text = guide.guide_file("th").read_text(encoding="utf-8")
    for action in (window.file_actions.act_backup, window.file_actions.act_restore,
                   window.file_actions.act_export_move, window.file_actions.act_import_move,
                   window.file_actions.act_doctor, window.act_open_demo, window.act_new_portfolio):
        assert action.text() in text, action.text()
    for spec in PAGES:
        assert f"“{translate('Pages', spec.title)}”" in text, spec.title
    assert f"{window.menu_view.title()} ▸ {window.menu_language.title()} ▸ English" in text
    assert window.menu_file.title() == "แฟ้ม" and f"{window.menu_file.title()} ▸ {window.menu_recent.title()}" in text


def test_help_opens_the_guide_in_the_window_language_and_follows_a_switch(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    window.act_guide.trigger()
    shown = window.act_guide.guide
    qtbot.waitUntil(shown.isVisible)
    text = shown.browser.toPlainText()
    assert shown.windowTitle() == "คู่มือการใช้งาน EnT Portfolio"
    assert "สร้างแฟ้มผลงานใหม่" in text and "ย้ายไปเครื่องใหม่" in text
    SHOTS.mkdir(exist_ok=True)
    shown.grab().save(str(SHOTS / "guide-th.png"))
    window.set_language("en")
    assert shown.windowTitle() == "EnT Portfolio user's guide"
    assert "Move to a new computer" in shown.browser.toPlainText()
    assert not re.search("[\u0e00-\u0e7f]", shown.windowTitle() + shown.close_button.text())
    window.act_guide.trigger()
    assert window.act_guide.guide is shown  # one guide window


def test_in_english_every_box_of_a_restore_and_a_backup_is_english(make_window, demo_dir, tmp_path, qtbot, person):
    backup = _backup_then_change(demo_dir)
    window = make_window(demo_dir, "en")
    actions = window.file_actions
    person.paths = [backup, tmp_path / "backup.entp"]
    person.answers = [True]
    _finish(qtbot, actions, actions.restore())
    _finish(qtbot, actions, actions.backup())
    assert person.said[0].buttons == ["Restore", "Don't restore"]
    assert person.said[1].text.startswith("Restored. The records as they were are kept at:")
    assert person.said[2].text.startswith("Backed up (")
    assert person.asked_for[1][1].name.startswith("EnT-backup-")
    assert not re.search("[\u0e00-\u0e7f]", person.all_text()), person.all_text()


def test_a_thai_box_breaks_its_lines_between_words_and_a_path_to_copy_stays_clean(qtbot):
    sentence = "ตรวจสุขภาพแฟ้มผลงานอีกครั้งหลังซ่อมแซม"
    box = asking.make_box(None, "t", sentence, detail=sentence)
    qtbot.addWidget(box)
    assert strip_hints(box.text()) == sentence and strip_hints(box.informativeText()) == sentence
    assert box.text().startswith("ตรวจ\u200bสุขภาพ\u200bแฟ้ม")  # Qt may break there, and only there
    path = "/home/lecturer/เอกสาร/แฟ้มผลงาน.pdf"
    copyable = asking.make_box(None, "t", path, selectable=True)
    qtbot.addWidget(copyable)
    assert copyable.text() == path
