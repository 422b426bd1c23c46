"""Reviewer mode's window (issue 20): a committee member opens a signed
package, reads it page by page with its outline, opens its evidence,
assesses each work (autosaved to the ``.entreview`` beside the package),
compares reviews and exports the form.

Every package — the signed one, the tampered ones — is made here by the
real core from the demo portfolio; the reviewer is played by typing into
the window and answering its file pickers."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from ent_portfolio.i18n import tr as message
from ent_portfolio.ui.dialogs import asking
from ent_portfolio.ui.thaiwrap import strip_hints
from tests.ui.test_lecturer_journey import type_text

SHOTS = Path("/tmp/shots20")
NAME = "ผศ.ดร.สมหญิง ใจงาม"
PASSPHRASE = "ลับเฉพาะ 2568"


class Picks(list):
    """The file pickers' answers, in order, and the sentences told in boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.told: list[str] = []

    def pick(self, *_args):
        return self.pop(0) if self else None


@pytest.fixture
def picks(monkeypatch):
    from ent_portfolio.ui.review import compare, evidence

    answers = Picks()
    monkeypatch.setattr(asking, "choose_open_path", answers.pick)
    monkeypatch.setattr(asking, "choose_save_path", answers.pick)
    monkeypatch.setattr(asking, "run_box", lambda box: answers.told.append(strip_hints(box.text())) or None)
    monkeypatch.setattr(compare, "choose_review_files", answers.pick)
    answers.viewed = []
    monkeypatch.setattr(evidence, "system_open", lambda path: answers.viewed.append(Path(path)) or True)
    return answers


@pytest.fixture(autouse=True)
def _review_windows_closed():
    """Every reviewer window a test left open is closed (it deletes itself)."""
    yield
    from ent_portfolio.ui.qt import QApplication, isValid
    from ent_portfolio.ui.review.window import ReviewWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ReviewWindow) and isValid(widget):
            widget.close()


@pytest.fixture(scope="module")
def identity(tmp_path_factory):
    from ent_portfolio.services.signing import create_identity

    path = tmp_path_factory.mktemp("identity") / "lecturer.p12"
    return path, create_identity(NAME, PASSPHRASE.encode("utf-8"), path)


@pytest.fixture(scope="module")
def made(tmp_path_factory, demo_template, identity):
    """The demo's signed package (its first two works), made by the core."""
    from ent_portfolio.dossier import DossierConfig
    from ent_portfolio.services import Services
    from ent_portfolio.services.dossier import export_dossier
    from ent_portfolio.storage.portfolio import Portfolio

    root = tmp_path_factory.mktemp("review-packages")
    shutil.copytree(demo_template, root / "demo")
    with Portfolio.open(root / "demo") as portfolio:
        works = [w.id for w in Services(portfolio).works.list()[:2]]
        export_dossier(portfolio, DossierConfig(work_ids=works), root / "signed.pdf", package=root / "signed.zip",
                       sign_with=identity[1])
    return root / "signed.zip"


@pytest.fixture
def package(made, tmp_path) -> Path:
    """A copy of the signed package in a folder of the test's own."""
    folder = tmp_path / "received"
    folder.mkdir()
    return Path(shutil.copy2(made, folder / "dossier-package.zip"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open(qtbot, make_window, package: Path, lang: str = "th", picks=None):
    window = make_window(None, lang)
    if picks is not None:
        picks.append(package)
        review = window.review_entry.action.trigger() or window.review_entry.windows[-1]
    else:
        review = window.review_entry.open(package)
    qtbot.waitUntil(lambda: not review.busy(), timeout=120000)
    return window, review


def _settled(qtbot, review) -> None:
    qtbot.waitUntil(lambda: not review.busy(), timeout=60000)


def _shoot(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def _rewrite(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, change(info.filename, zin.read(info)))
    return target


def _flip_in(name_to_change: str):
    def change(name: str, data: bytes) -> bytes:
        if name != name_to_change:
            return data
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]

    return change


# --- opening ----------------------------------------------------------------------------

def test_the_signed_package_opens_green_with_its_pages_outline_and_works(make_window, qtbot, package, picks,
                                                                         identity):
    before = _digest(package)
    listing = sorted(p.name for p in package.parent.iterdir())
    window, review = _open(qtbot, make_window, package, picks=picks)
    assert review.state == "intact"
    assert review.banner.text() == message("ui.review.intact", "th", name=NAME, fingerprint=identity[1].fingerprint)
    assert review.pages.page_count > 1 and review.pages.shown_page() == 0
    pixmap = review.pages.picture.pixmap()
    assert pixmap.width() > 400  # drawn at screen resolution, not a thumbnail
    works = review.package.works
    assert len(works) == 2 and review.assessment.works_list.count() == 2
    assert all(w.title in review.assessment.works_list.item(k).text() for k, w in enumerate(works))
    # the evidence files, per work, each from its citation
    assert review.evidence.file_items() and all(i.data(0, Qt.ItemDataRole.UserRole) for i in
                                                review.evidence.file_items())
    # pages, outline and assessment on screen together
    form = review.assessment.forms[works[0].id]
    form.level_combo.setCurrentIndex(form.level_combo.findData("very_good"))
    _shoot(review, "review-window-green-th")
    review.close()
    assert _digest(package) == before  # nothing in the package changed
    # the change went beside it, never into it
    assert sorted(p.name for p in package.parent.iterdir()) == sorted(listing + ["dossier-package.entreview"])


def test_an_outline_click_turns_to_its_page_and_zoom_redraws(make_window, qtbot, package):
    _window, review = _open(qtbot, make_window, package)
    entries = [item for item in review.pages.outline_items() if item.data(0, Qt.ItemDataRole.UserRole) > 0]
    assert entries, "the dossier's outline points past its first page"
    target = entries[-1]
    page = target.data(0, Qt.ItemDataRole.UserRole)
    review.pages.outline.itemClicked.emit(target, 0)
    _settled(qtbot, review)
    assert review.pages.current == page and review.pages.shown_page() == page
    assert f"{page + 1}" in review.pages.page_label.text()
    width = review.pages.picture.pixmap().width()
    qtbot.mouseClick(review.pages.zoom_in_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, review)
    assert review.pages.picture.pixmap().width() > width
    qtbot.mouseClick(review.pages.previous_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, review)
    assert review.pages.shown_page() == page - 1


def test_an_evidence_file_turns_to_its_page_and_opens_as_a_read_only_copy(make_window, qtbot, package, picks):
    before = _digest(package)
    _window, review = _open(qtbot, make_window, package)
    cited = [i for i in review.evidence.file_items() if i.data(0, Qt.ItemDataRole.UserRole + 1) >= 0]
    assert cited
    item = cited[0]
    review.evidence.tree.setCurrentItem(item)
    _settled(qtbot, review)
    assert review.pages.current == item.data(0, Qt.ItemDataRole.UserRole + 1)
    assert item.font(0).bold()  # cited on the page on screen
    qtbot.mouseClick(review.evidence.open_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, review)
    assert len(picks.viewed) == 1
    copy = picks.viewed[0]
    ref = item.data(0, Qt.ItemDataRole.UserRole)
    assert copy.read_bytes() == review.package.evidence_bytes(ref)
    assert not copy.stat().st_mode & 0o222  # read-only
    assert package.parent not in copy.parents
    review.close()
    assert not copy.exists()  # the copies go with the window
    assert _digest(package) == before


# --- the assessment -------------------------------------------------------------------------

def test_levels_and_notes_typed_are_autosaved_beside_the_package(make_window, qtbot, package):
    from ent_portfolio.review import load_review

    _window, review = _open(qtbot, make_window, package)
    type_text(qtbot, review.assessment.name_edit, "รศ.ดร.ประเมิน ตรงไปตรงมา")
    type_text(qtbot, review.assessment.position_edit, "รองศาสตราจารย์")
    levels = ["excellent", "good"]
    for k, work in enumerate(review.package.works):
        form = review.assessment.show_work(work.id)
        form.level_combo.setCurrentIndex(form.level_combo.findData(levels[k]))
        first = form.criteria[0]
        type_text(qtbot, form.notes[first.key], f"ชุมชนร่วมคิดตั้งแต่ต้น {k}")
        type_text(qtbot, form.overall, "ผลกระทบชัดเจน")
    saved = package.with_suffix(".entreview")
    qtbot.waitUntil(saved.exists, timeout=5000)
    qtbot.waitUntil(lambda: not review._autosave.isActive(), timeout=5000)
    back = load_review(saved, review.package)
    assert back.reviewer.name == "รศ.ดร.ประเมิน ตรงไปตรงมา" and back.reviewer.position == "รองศาสตราจารย์"
    assert back.reviewer.show_name is False  # named only where the reviewer agrees
    for k, work in enumerate(review.package.works):
        assessed = back.work(work.id)
        assert assessed.level == levels[k] and assessed.overall == "ผลกระทบชัดเจน"
        assert assessed.criteria[review.opened.criteria[0].key] == f"ชุมชนร่วมคิดตั้งแต่ต้น {k}"
    assert "ดีเด่น" in review.assessment.works_list.item(0).text()
    review.assessment.show_name_box.click()
    review.save_now()
    assert load_review(saved).reviewer.show_name is True
    review.close()
    # opened again, the review is taken up where it was left
    _window, again = _open(qtbot, make_window, package)
    form = again.assessment.forms[again.package.works[0].id]
    assert form.level_combo.currentData() == "excellent"
    assert again.assessment.name_edit.text() == "รศ.ดร.ประเมิน ตรงไปตรงมา"
    assert again.assessment.show_name_box.isChecked()


def test_a_file_beside_the_package_that_is_no_review_of_it_is_never_written_over(make_window, qtbot, package,
                                                                                   picks, tmp_path):
    beside = package.with_suffix(".entreview")
    beside.write_text('{"format": "something else"}', encoding="utf-8")
    original = beside.read_bytes()
    _window, review = _open(qtbot, make_window, package)
    assert review.review_path is None
    assert message("review.file_not_review", "th", path=str(beside)) in review.save_label.text()
    form = review.assessment.forms[review.package.works[0].id]
    form.level_combo.setCurrentIndex(form.level_combo.findData("good"))
    assert review.save_now() is False
    assert beside.read_bytes() == original
    elsewhere = tmp_path / "mine" / "my-review.entreview"
    elsewhere.parent.mkdir()
    picks.append(elsewhere)
    assert review.choose_review_path() == elsewhere
    from ent_portfolio.review import load_review

    assert load_review(elsewhere, review.package).work(review.package.works[0].id).level == "good"
    assert beside.read_bytes() == original


def test_a_read_only_folder_asks_where_to_keep_the_review(make_window, qtbot, package, picks, tmp_path,
                                                          monkeypatch):
    import os

    from ent_portfolio.ui.review import window as review_window

    package.parent.chmod(0o555)
    if os.access(package.parent, os.W_OK):  # root writes anywhere: the folder is said to be read-only
        real_access = os.access
        monkeypatch.setattr(review_window.os, "access",
                            lambda path, mode, *rest, **named: False if Path(path) == package.parent
                            else real_access(path, mode, *rest, **named))
    try:
        _window, review = _open(qtbot, make_window, package)
        assert review.review_path is None
        assert message("review.ui.folder_read_only", "th", folder=str(package.parent)) in review.save_label.text()
        form = review.assessment.forms[review.package.works[0].id]
        form.level_combo.setCurrentIndex(form.level_combo.findData("excellent"))
        assert review.save_now() is False
        target = tmp_path / "elsewhere.entreview"
        picks.append(target)
        assert review.choose_review_path() == target
        from ent_portfolio.review import load_review

        assert load_review(target, review.package).work(review.package.works[0].id).level == "excellent"
    finally:
        package.parent.chmod(0o755)
    assert sorted(p.name for p in package.parent.iterdir()) == ["dossier-package.zip"]


# --- a tampered package -------------------------------------------------------------------------

def test_a_tampered_package_opens_red_naming_the_file_and_its_works_are_still_listed(make_window, qtbot, package,
                                                                                    tmp_path):
    with zipfile.ZipFile(package) as zf:
        victim = next(n for n in zf.namelist() if n.startswith("evidence/"))
    tampered = _rewrite(package, tmp_path / "tampered.zip", _flip_in(victim))
    _window, review = _open(qtbot, make_window, tampered)
    assert review.state == "changed"
    assert review.banner.text().startswith(message("ui.review.changed", "th", what=""))
    assert victim in review.banner.text()
    assert review.assessment.works_list.count() == 2
    assert review.pages.shown_page() == 0  # still readable
    broken = [i for i in review.evidence.file_items() if "ไม่ตรงกับที่ลงนามไว้" in i.text(0)]
    assert len(broken) == 1  # the changed file, and only it, is marked in the list
    _shoot(review, "review-window-red-th")


def test_a_file_that_is_no_package_is_a_red_sentence_not_a_traceback(make_window, qtbot, tmp_path):
    not_a_zip = tmp_path / "ไม่ใช่ชุดหลักฐาน.zip"
    not_a_zip.write_bytes(b"%PDF-1.7 not a zip at all")
    _window, review = _open(qtbot, make_window, not_a_zip)
    assert review.state == "changed" and review.review is None
    assert review.banner.text() == message("review.package_not_zip", "th", path=str(not_a_zip))
    assert not review.export_button.isEnabled() and not review.compare_button.isEnabled()
    review.close()
    assert not (tmp_path / "ไม่ใช่ชุดหลักฐาน.entreview").exists()


@pytest.fixture(scope="module")
def members(made) -> list[tuple[str, int]]:
    with zipfile.ZipFile(made) as zf:
        return [(info.filename, info.file_size) for info in zf.infolist() if info.file_size]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damaged_package_opens_with_a_banner_never_a_traceback(make_window, qtbot, made, members,
                                                                   tmp_path_factory, data):
    """A byte flipped in any member, or the zip cut short: the window opens
    with a red banner (or the sentence why it cannot), never an error box."""
    name, size = data.draw(st.sampled_from(members))
    target = tmp_path_factory.mktemp("damaged") / "package.zip"
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, size - 1))

        def change(member, blob):
            return blob[:at] + bytes([blob[at] ^ 0xFF]) + blob[at + 1:] if member == name else blob

        _rewrite(made, target, change)
    else:
        raw = made.read_bytes()
        target.write_bytes(raw[:data.draw(st.integers(1, len(raw) - 1))])
    before = _digest(target)
    window = make_window(None, "th")
    review = window.review_entry.open(target)
    qtbot.waitUntil(lambda: not review.busy(), timeout=120000)
    assert review.state == "changed" and review.banner.text()
    if review.review is not None:
        assert review.assessment.works_list.count() == len(review.package.works)
    review.close()
    assert _digest(target) == before


# --- several reviewers --------------------------------------------------------------------------

def _review_file(package, path: Path, name: str, levels: dict[str, str], show: bool) -> Path:
    from ent_portfolio.review import Review, Reviewer, open_for_review, save_review

    opened = open_for_review(package)
    review = Review.new(opened, Reviewer(name, "ศาสตราจารย์", show))
    for work_id, level in levels.items():
        review.work(work_id).level = level
    return save_review(review, path, opened)


def test_two_other_reviews_compared_mark_where_the_levels_differ(make_window, qtbot, package, picks, tmp_path):
    from ent_portfolio.review import open_for_review

    works = [w.id for w in open_for_review(package).works]
    second = _review_file(package, tmp_path / "b.entreview", "ศ.ดร.สอง", {works[0]: "good", works[1]: "good"}, True)
    third = _review_file(package, tmp_path / "c.entreview", "ศ.ดร.สาม", {works[0]: "good", works[1]: "excellent"},
                         False)
    stranger = tmp_path / "other.entreview"
    stranger.write_text(json.dumps({"format": "ent-portfolio-review", "format_version": 1,
                                    "package_sha256": "0" * 64, "reviewer": {"show_name": False},
                                    "works": [], "created": "2025-01-01T00:00:00+00:00",
                                    "updated": "2025-01-01T00:00:00+00:00"}), encoding="utf-8")
    _window, review = _open(qtbot, make_window, package)
    for work_id in works:
        form = review.assessment.forms[work_id]
        form.level_combo.setCurrentIndex(form.level_combo.findData("good"))
    picks.append([second, third, stranger])
    dialog = review.compare_with_others()
    assert dialog is not None and dialog.table.rowCount() == 2
    assert dialog.table.columnCount() == 5  # work, three reviewers, agreement
    header = [dialog.table.horizontalHeaderItem(c).text() for c in range(5)]
    assert header[2] == "ศ.ดร.สอง" and header[3] == message("review.reviewer_n", "th", n=3)  # name withheld
    assert dialog.cell(0, 4) == "ตรงกัน" and dialog.cell(1, 4) == "ต่างกัน"
    assert dialog.cell(1, 3) == "ดีเด่น" and dialog.disagreeing_rows() == [1]
    assert message("review.file_other_package", "th", path=str(stranger), package=package.name) \
        in dialog.refused.text()
    _shoot(dialog, "review-compare-th")


# --- the form -----------------------------------------------------------------------------------

def _pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")


def test_the_form_is_exported_as_a_thai_pdf_and_as_word(make_window, qtbot, package, picks, tmp_path):
    _window, review = _open(qtbot, make_window, package)
    work = review.package.works[0]
    form = review.assessment.show_work(work.id)
    form.level_combo.setCurrentIndex(form.level_combo.findData("very_good"))
    type_text(qtbot, form.overall, "ผลงานมีคุณภาพระดับดีมาก")
    dialog = review.export_assessment()
    out = tmp_path / "forms" / "แบบประเมิน.pdf"
    out.parent.mkdir()
    picks.append(out)
    job = dialog.export()
    assert job is not None
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert dialog.written == out and out.exists(), dialog.status.text()
    text = _pdftotext(out)
    assert "ดีมาก" in text and "ผลงานมีคุณภาพระดับดีมาก" in text
    dialog.word_button.setChecked(True)
    assert not dialog.signing_box.export_button.isEnabled()  # only a PDF is signed
    docx = tmp_path / "forms" / "แบบประเมิน.docx"
    picks.append(docx)
    dialog.export()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert dialog.written == docx and zipfile.is_zipfile(docx)
    with zipfile.ZipFile(docx) as zf:
        assert "ผลงานมีคุณภาพระดับดีมาก" in zf.read("word/document.xml").decode("utf-8")
    _shoot(dialog, "review-export-th")


def test_the_form_signed_with_the_reviewers_identity(make_window, qtbot, package, picks, tmp_path, monkeypatch,
                                                     identity):
    from PySide6.QtCore import QSettings

    from ent_portfolio.signing.pdf import check_pdf_signature
    from ent_portfolio.ui.widgets import signing_box

    path, made_identity = identity
    QSettings().setValue(signing_box.PATH_KEY, str(path))
    try:
        _window, review = _open(qtbot, make_window, package)
        dialog = review.export_assessment()
        assert dialog.signing_box.export_button.isEnabled()
        passphrase = dialog.signing_box.export_signed()
        type_text(qtbot, passphrase.passphrase_edit, PASSPHRASE)
        out = tmp_path / "signed-form.pdf"
        picks.append(out)
        qtbot.mouseClick(passphrase.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.written is not None, timeout=120000)
        assert dialog.written == out, dialog.status.text()
        check = check_pdf_signature(out, [])
        assert check.present and check.intact and check.signer_name == NAME
    finally:
        for key in (signing_box.PATH_KEY, signing_box.NAME_KEY, signing_box.FINGERPRINT_KEY):
            QSettings().remove(key)


# --- English and the way in ------------------------------------------------------------------------

def test_the_reviewer_window_speaks_english(make_window, qtbot, package, tmp_path):
    window, review = _open(qtbot, make_window, package, lang="en")
    assert window.review_entry.action.text() == "Open a package for review…"
    assert review.banner.text().startswith("Checked: nothing has changed. Signed by")
    assert review.compare_button.text() == "Compare with other reviews…"
    assert review.export_button.text() == "Export the assessment…"
    assert review.tabs.tabText(0) == "Assessment" and review.tabs.tabText(1) == "Evidence files"
    form = review.assessment.forms[review.package.works[0].id]
    assert [form.level_combo.itemText(k) for k in range(1, 4)] == ["Good", "Very good", "Excellent"]
    assert form.criterion_labels[form.criteria[0].key].text() == form.criteria[0].title_en
    assert "Page 1 of" in review.pages.page_label.text()
    assert review.evidence.open_button.text() == "Open file"
    _shoot(review, "review-window-en")


def test_the_thai_window_is_thai(make_window, qtbot, package):
    window, review = _open(qtbot, make_window, package, lang="th")
    assert window.review_entry.action.text() == "เปิดแฟ้มเพื่อประเมิน…"
    assert review.compare_button.text() == "เปรียบเทียบกับผลการประเมินอื่น…"
    assert review.export_button.text() == "ส่งออกแบบประเมิน…"
    assert "หน้า 1 จาก" in review.pages.page_label.text()
    form = review.assessment.forms[review.package.works[0].id]
    assert form.criterion_labels[form.criteria[0].key].text() == form.criteria[0].title_th
    assert window.review_entry.action in window.menu_file.actions()
    assert window.review_entry.start_button.text().endswith("เปิดแฟ้มเพื่อประเมิน…")
    _shoot(window, "start-screen-th")


def test_the_command_line_opens_the_reviewer_window_and_leaves_the_package_as_it_was(package, tmp_path):
    import os
    import sys

    before = _digest(package)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ENT_PORTFOLIO_QUIT_AFTER_MS="4000",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    run = subprocess.run([sys.executable, "-m", "ent_portfolio", "--lang", "th", "review", str(package)],
                         capture_output=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in run.stderr
    assert _digest(package) == before
    assert sorted(p.name for p in package.parent.iterdir()) == ["dossier-package.zip"]  # nothing typed, nothing kept


@settings(max_examples=60, deadline=None)
@given(entries=st.lists(st.tuples(st.text(max_size=30), st.one_of(st.none(), st.integers(-5, 80)),
                                  st.integers(-3, 50)), max_size=40),
       page_count=st.integers(0, 60))
def test_any_outline_becomes_a_tree_whose_entries_go_to_pages_that_exist(entries, page_count):
    """A hostile outline (levels jumping, negative, pages past the end or
    none): every entry is at most one deeper than the one before, and goes
    to a page of the document or nowhere."""
    from ent_portfolio.review import OutlineItem
    from ent_portfolio.ui.review.pages import MAX_OUTLINE_DEPTH, outline_tree

    shown = outline_tree([OutlineItem(title, page, level) for title, page, level in entries], page_count)
    assert len(shown) == len(entries)
    depth_before = -1
    for depth, title, page in shown:
        assert 0 <= depth <= min(depth_before + 1, MAX_OUTLINE_DEPTH)
        assert page is None or 0 <= page < page_count
        assert "\n" not in title
        depth_before = depth
