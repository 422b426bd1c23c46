"""A new portfolio from a name and a place: names typed as people type them
(Thai, an academic year with a slash, pasted text with tabs and hidden
marks) and hostile ones; places that are missing, read-only, links, or
inside another portfolio.

Every hostile input is made here.  Each refusal is checked by its sentence's
key, and the place (and whatever a link points to) is checked byte-for-byte
as it was; each success by the folder that exists afterwards."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from storage_cases import folder_digest

from ent_portfolio.errors import UserError
from ent_portfolio.i18n import tr
from ent_portfolio.storage import new_portfolio as new
from ent_portfolio.storage.new_portfolio import (
    MAX_NAME_BYTES,
    create_named_portfolio,
    default_parent,
    folder_name_for,
    plan_new_portfolio,
)
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio, is_portfolio

NOTHING_CHANGED = ("ไม่มีการเปลี่ยนแปลงใด ๆ", "Nothing was changed.")


def refusal(name: str, parent: Path) -> UserError:
    with pytest.raises(UserError) as caught:
        create_named_portfolio(name, parent)
    error = caught.value
    thai, english = error.message("th"), error.message("en")
    assert thai.endswith(NOTHING_CHANGED[0]) and english.endswith(NOTHING_CHANGED[1]), (thai, english)
    assert "{" not in thai and "{" not in english  # every parameter filled
    return error


def create(name: str, parent: Path) -> Path:
    portfolio = create_named_portfolio(name, parent)
    try:
        return portfolio.folder
    finally:
        portfolio.close()


# --- names ----------------------------------------------------------------------------

NAMES = [
    ("แฟ้มผลงาน อ.สมชาย", "แฟ้มผลงาน อ.สมชาย"),
    ("ผลงานรับใช้สังคม 2566/2567", "ผลงานรับใช้สังคม 2566-2567"),
    ("  ผลงาน\tชุมชน\nน่าน  ", "ผลงาน ชุมชน น่าน"),
    ("../../etc/passwd", "etc-passwd"),
    ("..", None),
    (".hidden", "hidden"),
    ("C:\\Users\\somchai", "C -Users-somchai"),
    ('a<b>c:d"e|f?g*h', "a b c d e f g h"),
    ("ชื่อ\x00ซ่อน\x1b[31m", "ชื่อซ่อน[31m"),
    ("\u202eexe.ผลงาน", "exe.ผลงาน"),
    ("ผล\u200bงาน", "ผลงาน"),
    ("name. . .", "name"),
    ("CON", "CON_"),
    ("con.2566", "con_.2566"),
    ("LPT9", "LPT9_"),
    ("COM¹", "COM¹_"),
    ("CONSOLE", "CONSOLE"),
    ("-rf", "rf"),
    ("\ud800ผลงาน", "ผลงาน"),
    ("e\u0301cole", "\u00e9cole"),
]


@pytest.mark.parametrize(("typed", "expected"), NAMES)
def test_a_typed_name_becomes_a_folder_name_every_system_holds(typed, expected, tmp_path):
    if expected is None:
        assert refusal(typed, tmp_path).key == "error.new_portfolio.name_unusable"
        assert list(tmp_path.iterdir()) == []
        return
    assert folder_name_for(typed) == expected
    folder = create(typed, tmp_path)
    assert folder == tmp_path / expected
    assert os.listdir(tmp_path) == [expected]
    assert is_portfolio(folder)


@pytest.mark.parametrize("typed", ["", " ", "\t\n", "\u3000", "   \r\n  "])
def test_a_blank_name_is_refused(typed, tmp_path):
    assert refusal(typed, tmp_path).key == "error.new_portfolio.name_blank"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("typed", ["...", "///", '<>:"|?*', "\x00\x01", "\u200b\u200d", " - . - "])
def test_a_name_of_only_forbidden_marks_is_refused(typed, tmp_path):
    assert refusal(typed, tmp_path).key == "error.new_portfolio.name_unusable"
    assert list(tmp_path.iterdir()) == []


def test_a_long_thai_name_is_cut_between_letters_not_through_a_vowel(tmp_path):
    typed = "โครงการพัฒนาคุณภาพชีวิตผู้สูงอายุในชุมชนบ้านแม่ริมอย่างยั่งยืนด้วยภูมิปัญญาท้องถิ่น" * 2
    name = folder_name_for(typed)
    assert typed.startswith(name)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert not unicodedata.category(typed[len(name)]).startswith("M")
    assert create(typed, tmp_path).name == name


# --- places ---------------------------------------------------------------------------

def test_a_folder_that_holds_files_is_refused_and_left_as_it_was(tmp_path):
    target = tmp_path / "ผลงาน"
    target.mkdir()
    (target / "บันทึก.docx").write_bytes(b"a year of notes")
    before = folder_digest(tmp_path)
    assert refusal("ผลงาน", tmp_path).key == "error.new_portfolio.target_not_empty"
    assert folder_digest(tmp_path) == before


def test_an_existing_empty_folder_of_that_name_is_used(tmp_path):
    (tmp_path / "ผลงาน").mkdir()
    (tmp_path / "ผลงาน" / ".DS_Store").write_bytes(b"\0")
    assert plan_new_portfolio("ผลงาน", tmp_path).folder_exists
    assert is_portfolio(create("ผลงาน", tmp_path))


def test_a_file_of_that_name_is_refused(tmp_path):
    (tmp_path / "ผลงาน").write_bytes(b"not a folder")
    before = folder_digest(tmp_path)
    assert refusal("ผลงาน", tmp_path).key == "error.new_portfolio.target_is_file"
    assert folder_digest(tmp_path) == before


def test_a_missing_place_is_refused_and_not_made(tmp_path):
    assert refusal("ผลงาน", tmp_path / "ไม่มี" / "ที่นี่").key == "error.new_portfolio.place_missing"
    assert list(tmp_path.iterdir()) == []


def test_a_file_as_the_place_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    assert refusal("ผลงาน", tmp_path / "notes.txt").key == "error.new_portfolio.place_not_folder"
    assert os.listdir(tmp_path) == ["notes.txt"]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="permission bits bind no one as root")
def test_an_unwritable_place_is_refused(tmp_path):
    place = tmp_path / "locked"
    place.mkdir()
    place.chmod(0o500)
    try:
        assert refusal("ผลงาน", place).key == "error.new_portfolio.place_unwritable"
        assert list(place.iterdir()) == []
    finally:
        place.chmod(0o700)


def test_a_read_only_drive_is_found_by_trying_not_by_permission_bits(tmp_path, monkeypatch):
    place = tmp_path / "stick"
    place.mkdir()
    real_mkdir = os.mkdir

    def read_only_drive(path, *args, **kwargs):
        if Path(path).parent == place:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", read_only_drive)
    assert os.access(place, os.W_OK)  # the bits say yes
    assert refusal("ผลงาน", place).key == "error.new_portfolio.place_unwritable"
    assert list(place.iterdir()) == []


def _elsewhere(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep me")
    return elsewhere


def test_a_place_that_is_a_link_is_refused(tmp_path):
    elsewhere = _elsewhere(tmp_path)
    (tmp_path / "Documents").symlink_to(elsewhere, target_is_directory=True)
    before = folder_digest(tmp_path)
    assert refusal("ผลงาน", tmp_path / "Documents").key == "error.new_portfolio.link"
    assert folder_digest(tmp_path) == before


@pytest.mark.parametrize("points_to", ["empty folder", "missing", "file"])
def test_a_target_that_is_a_link_is_refused(tmp_path, points_to):
    elsewhere = _elsewhere(tmp_path)
    place = tmp_path / "place"
    place.mkdir()
    pointed = elsewhere / "empty"
    if points_to == "empty folder":
        pointed.mkdir()
    elif points_to == "file":
        pointed.write_text("x")
    (place / "ผลงาน").symlink_to(pointed)
    before = folder_digest(tmp_path)
    assert refusal("ผลงาน", place).key == "error.new_portfolio.link"
    assert folder_digest(tmp_path) == before


@pytest.mark.parametrize("where", [".", "evidence", "backups", "some/deeper/folder", "via link"])
def test_a_place_inside_another_portfolio_is_refused(tmp_path, empty_template, where):
    outer = tmp_path / "outer"
    shutil.copytree(empty_template, outer)
    if where == "via link":
        # The place's own name is a real folder; a folder above it is a
        # link from outside into the portfolio.
        (outer / "inner" / "deeper").mkdir(parents=True)
        (tmp_path / "shortcut").symlink_to(outer / "inner", target_is_directory=True)
        place = tmp_path / "shortcut" / "deeper"
    else:
        place = outer / where
        place.mkdir(parents=True, exist_ok=True)
    before = folder_digest(outer)
    error = refusal("ผลงาน", place)
    assert error.key == "error.new_portfolio.inside_portfolio"
    assert error.params["folder"] == os.path.realpath(outer)
    assert folder_digest(outer) == before


def test_a_portfolio_whose_database_is_lost_still_counts_by_its_identity(tmp_path, empty_template):
    damaged = tmp_path / "damaged"
    shutil.copytree(empty_template, damaged)
    (damaged / DATABASE_NAME).unlink()
    assert refusal("ผลงาน", damaged / "evidence").key == "error.new_portfolio.inside_portfolio"


def test_the_lecturer_s_own_evidence_and_backups_folders_do_not_make_home_a_portfolio(tmp_path):
    home = tmp_path / "home"
    (home / "evidence").mkdir(parents=True)
    (home / "evidence" / "IMG_0001.jpg").write_bytes(b"\xff\xd8 a photo")
    (home / "backups").mkdir()
    (home / "backups" / "phone.sqlite3").write_bytes(b"SQLite format 3\0")
    (home / "Documents").mkdir()
    assert is_portfolio(create("ผลงาน", home / "Documents"))


# --- failures after the first write ---------------------------------------------------

def _fail_while_seeding(monkeypatch, exc: BaseException) -> None:
    from ent_portfolio.storage import portfolio as portfolio_module

    def fail(_portfolio):
        raise exc

    monkeypatch.setattr(portfolio_module, "seed_new_portfolio", fail)


def test_a_full_disk_while_creating_leaves_no_half_made_folder(tmp_path, monkeypatch):
    _fail_while_seeding(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(UserError) as caught:
        create_named_portfolio("ผลงาน", tmp_path)
    assert caught.value.key == "error.disk_full"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_create_in_an_existing_empty_folder_empties_it_again(tmp_path, monkeypatch):
    target = tmp_path / "ผลงาน"
    target.mkdir()
    (target / "Thumbs.db").write_bytes(b"\0")
    _fail_while_seeding(monkeypatch, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(UserError) as caught:
        create_named_portfolio("ผลงาน", tmp_path)
    assert caught.value.key == "error.io"
    assert os.listdir(target) == ["Thumbs.db"]


def test_a_folder_made_by_someone_else_meanwhile_is_judged_afresh(tmp_path, monkeypatch):
    real_plan = new.plan_new_portfolio

    def plan_then_someone_writes(name, parent):
        plan = real_plan(name, parent)
        plan.folder.mkdir()
        (plan.folder / "theirs.txt").write_text("someone else's")
        return plan

    monkeypatch.setattr(new, "plan_new_portfolio", plan_then_someone_writes)
    with pytest.raises(UserError) as caught:
        create_named_portfolio("ผลงาน", tmp_path)
    assert caught.value.key == "error.new_portfolio.target_not_empty"
    assert os.listdir(tmp_path / "ผลงาน") == ["theirs.txt"]


def test_the_created_portfolio_opens_again(tmp_path):
    folder = create("แฟ้มผลงานของฉัน", tmp_path)
    with Portfolio.open(folder) as reopened:
        assert reopened.identity
    assert (folder / DATABASE_NAME).is_file()


# --- the default place ------------------------------------------------------------------

def test_the_default_place_is_documents_else_home(tmp_path, monkeypatch):
    documents = tmp_path / "home" / "เอกสาร"
    documents.mkdir(parents=True)
    monkeypatch.setattr(new, "user_documents_path", lambda: documents)
    assert default_parent() == Path(os.path.realpath(documents))
    monkeypatch.setattr(new, "user_documents_path", lambda: tmp_path / "nowhere")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "home"))
    assert default_parent() == Path(os.path.realpath(tmp_path / "home"))


def test_a_linked_documents_folder_is_offered_as_the_real_folder(tmp_path, monkeypatch):
    real = tmp_path / "disk2" / "Documents"
    real.mkdir(parents=True)
    (tmp_path / "Documents").symlink_to(real, target_is_directory=True)
    monkeypatch.setattr(new, "user_documents_path", lambda: tmp_path / "Documents")
    assert default_parent() == Path(os.path.realpath(real))
    assert is_portfolio(create("ผลงาน", default_parent()))


def test_every_sentence_has_thai_and_english():
    keys = [
        "error.new_portfolio.name_blank", "error.new_portfolio.name_unusable",
        "error.new_portfolio.place_missing", "error.new_portfolio.place_not_folder",
        "error.new_portfolio.place_unwritable", "error.new_portfolio.link",
        "error.new_portfolio.target_not_empty", "error.new_portfolio.target_is_file",
        "error.new_portfolio.inside_portfolio"]
    for key in keys:
        thai, english = tr(key, "th"), tr(key, "en")
        assert thai != key and english != key and thai != english
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai)


# --- properties -------------------------------------------------------------------------

HOSTILE_PIECES = ["..", ".", "/", "\\", "\x00", "\n", "CON", "nul", " ", "-", ":", "*", "\u202e", "\u200b",
                  "ผลงาน", "แม่ฮ่องสอน", "่", "ั", "2566/2567", "~", "$HOME", "%APPDATA%", "\ud83d\ude00",
                  "\ufeff", "\u3000"]
typed_names = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12)), max_size=8).map("".join)


@settings(max_examples=200, deadline=None)
@given(typed_names)
def test_a_folder_name_is_stable_short_and_holds_nothing_forbidden(typed):
    try:
        name = folder_name_for(typed)
    except UserError as exc:
        assert exc.key in ("error.new_portfolio.name_blank", "error.new_portfolio.name_unusable")
        return
    assert name == folder_name_for(name)  # the name the folder has reads back as itself
    assert not set(name) & set('<>:"/\\|?*')
    assert all(unicodedata.category(ch)[0] != "C" for ch in name)
    assert name == name.strip() and not name.startswith((".", "-")) and not name.endswith(".")
    assert len(name) <= new.MAX_NAME_CHARS + 1 and len(name.encode("utf-8")) <= MAX_NAME_BYTES + 1
    assert name.split(".")[0].strip().upper() not in new._RESERVED


@settings(max_examples=40, deadline=None)
@given(typed_names)
def test_any_typed_name_makes_a_portfolio_strictly_inside_the_place_or_is_refused(typed):
    with tempfile.TemporaryDirectory() as sandbox:
        sandbox = Path(sandbox)
        place = sandbox / "place"
        place.mkdir()
        (sandbox / "beside.txt").write_text("untouched")
        try:
            portfolio = create_named_portfolio(typed, place)
        except UserError as exc:
            assert exc.key in ("error.new_portfolio.name_blank", "error.new_portfolio.name_unusable")
            assert os.listdir(place) == []
        else:
            portfolio.close()
            assert portfolio.folder.parent == place
            assert os.listdir(place) == [folder_name_for(typed)] == [portfolio.folder.name]
            assert is_portfolio(portfolio.folder)
        assert sorted(os.listdir(sandbox)) == ["beside.txt", "place"]
        assert (sandbox / "beside.txt").read_text() == "untouched"
