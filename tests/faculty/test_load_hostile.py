"""Bad input to the faculty loader: databases it must not write into, URLs
of other kinds, archives damaged every way, and the command line's
sentences and exit codes.  Whatever arrives, the answer is a sentence, and
a refused archive leaves the database as it was."""

from __future__ import annotations

import random
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from ent_portfolio.cli import main
from ent_portfolio.errors import UserError
from ent_portfolio.faculty.database import open_faculty_database
from ent_portfolio.faculty.load import COPIED_MODELS, LOADED, REFUSED, load_archives
from ent_portfolio.faculty.models import FACULTY_VERSION_TABLE, FacultyLecturer, FacultyRecord


def lecturers_and_rows(url: str) -> tuple[int, int, int]:
    engine = open_faculty_database(url)
    try:
        with engine.connect() as connection:
            lecturers = connection.scalar(select(func.count()).select_from(FacultyLecturer.__table__))
            listed = connection.scalar(select(func.count()).select_from(FacultyRecord.__table__))
            held = sum(connection.scalar(select(func.count()).select_from(model.__table__))
                       for model in COPIED_MODELS)
            return lecturers, listed, held
    finally:
        engine.dispose()


@pytest.mark.parametrize("url", ["mysql://user@host/db", "sqlite://", "sqlite:///:memory:", "http://example.org/x",
                                 "postgresql+asyncpg://u@127.0.0.1/x", "oracle+cx_oracle://u:secret@h/x", "://"])
def test_urls_of_other_kinds_are_refused(url):
    with pytest.raises(UserError) as caught:
        open_faculty_database(url)
    assert caught.value.key == "faculty.db_unsupported"
    assert "secret" not in caught.value.message("en")


def test_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(UserError) as caught:
        open_faculty_database(str(tmp_path / "nowhere" / "faculty.sqlite3"))
    assert caught.value.key == "faculty.db_folder_missing"


def test_an_unreachable_server_is_one_sentence():
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(UserError) as caught:
        open_faculty_database(f"postgresql+psycopg://nobody:hunter2@127.0.0.1:{port}/faculty")
    assert caught.value.key == "faculty.db_unreachable"
    assert "hunter2" not in caught.value.message("th")


def test_a_lecturers_portfolio_or_another_programs_database_is_not_written(lecturer_template, tmp_path):
    portfolio_db = lecturer_template / "portfolio.sqlite3"
    before = portfolio_db.read_bytes()
    with pytest.raises(UserError) as caught:
        open_faculty_database(str(portfolio_db))
    assert caught.value.key == "faculty.db_not_faculty"
    assert portfolio_db.read_bytes() == before
    other = tmp_path / "inventory.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE stock (item TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(UserError) as caught:
        open_faculty_database(str(other))
    assert caught.value.key == "faculty.db_not_faculty"


@pytest.mark.parametrize("table, revision", [(FACULTY_VERSION_TABLE, "f9999"), ("alembic_version", "9999")])
def test_a_database_a_newer_app_wrote_is_refused(faculty_url, table, revision):
    open_faculty_database(faculty_url).dispose()
    engine = open_faculty_database(faculty_url)
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {table} SET version_num = :r"), {"r": revision})
    engine.dispose()
    with pytest.raises(UserError) as caught:
        open_faculty_database(faculty_url)
    assert caught.value.key == "faculty.db_newer" and revision in caught.value.message("en")


def hostile_archives(good: Path, folder: Path) -> list[Path]:
    """Damaged copies of ``good``: cut short, bytes changed, members
    dropped or added, not a zip at all, empty, a folder."""
    data = good.read_bytes()
    rng = random.Random(22)
    made = []

    def write(name: str, content: bytes) -> None:
        path = folder / name
        path.write_bytes(content)
        made.append(path)

    for fraction in (0.0, 0.1, 0.5, 0.9, 0.999):
        write(f"cut-{fraction}.entp", data[: int(len(data) * fraction)])
    for n in range(4):
        changed = bytearray(data)
        for _ in range(8):
            changed[rng.randrange(len(changed))] ^= 0xFF
        write(f"flipped-{n}.entp", bytes(changed))
    write("text.entp", "สวัสดี ไม่ใช่แฟ้มสำรอง\n".encode() * 100)
    with zipfile.ZipFile(good) as source:
        names = source.namelist()
        for dropped in names[:1] + [n for n in names if n.startswith("files/")][:1]:
            target = folder / f"without-{dropped.replace('/', '_')}.entp"
            with zipfile.ZipFile(target, "w") as out:
                for name in names:
                    if name != dropped:
                        out.writestr(name, source.read(name))
            made.append(target)
        target = folder / "extra-member.entp"
        with zipfile.ZipFile(target, "w") as out:
            for name in names:
                out.writestr(name, source.read(name))
            out.writestr("../../escape.txt", b"x")
        made.append(target)
    directory = folder / "a-folder.entp"
    directory.mkdir()
    made.append(directory)
    return made


def test_hostile_archives_are_refused_and_the_good_one_loads(faculty_url, make_lecturer, tmp_path):
    good = make_lecturer("ดร.สิบสอง ทดสอบ", works=1).export()
    (tmp_path / "bad").mkdir()
    bad = hostile_archives(good, tmp_path / "bad")
    summary = load_archives(faculty_url, [*bad, good])
    outcomes = {o.path.name: o for o in summary.outcomes}
    assert outcomes[good.name].outcome == LOADED
    refused = [o for o in summary.outcomes if o.path != good]
    assert all(o.outcome == REFUSED and o.message for o in refused), [(o.path.name, o.outcome) for o in refused]
    lecturers, listed, held = lecturers_and_rows(faculty_url)
    assert lecturers == 1 and listed == held > 0


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=6))
def test_a_changed_archive_is_loaded_whole_or_refused(good_archive, flips):
    data = bytearray(good_archive.read_bytes())
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "changed.entp"
        archive.write_bytes(bytes(data))
        url = str(Path(folder) / "faculty.sqlite3")
        [outcome] = load_archives(url, [archive]).outcomes
        lecturers, listed, held = lecturers_and_rows(url)
    assert outcome.outcome in (LOADED, REFUSED)
    assert lecturers == (1 if outcome.outcome == LOADED else 0)
    assert listed == held and (held > 0) == (outcome.outcome == LOADED)


@pytest.fixture
def good_archive(make_lecturer):
    return make_lecturer("ดร.สิบสาม ทดสอบ", works=1).export()


def test_the_command_line_says_a_line_per_archive_and_fails_if_any_was_refused(make_lecturer, tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    good = make_lecturer("ดร.สิบสี่ ทดสอบ", works=1).export()
    good.rename(folder / "a-good.entp")
    (folder / "b-bad.entp").write_bytes(b"PK\x03\x04 not really")
    (folder / "notes.txt").write_text("not an archive, not looked at")
    database = tmp_path / "faculty.sqlite3"
    assert main(["faculty", "load", "--db", str(database), str(folder), "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("[1/2] loaded “a-good.entp”: ดร.สิบสี่ ทดสอบ, 1 works")
    assert out[1].startswith("[2/2] refused “b-bad.entp”: ")
    assert out[2] == "Done: 1 loaded, 0 replaced, 0 unchanged, 1 refused."
    assert main(["faculty", "load", "--db", str(database), str(folder / "a-good.entp")]) == 0
    assert "ไม่เปลี่ยนแปลง" in capsys.readouterr().out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["faculty", "load", "--db", str(database), str(empty), "--lang", "en"]) == 1
    assert "No .entp files" in capsys.readouterr().err
    assert main(["faculty", "load", "--db", "postgresql+psycopg://u@127.0.0.1:1/x", "--with-files",
                 str(folder / "a-good.entp"), "--lang", "en"]) == 1
    assert "--files-dir" in capsys.readouterr().err
