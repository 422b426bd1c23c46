"""Privacy at the boundary: what a dossier would withhold never enters the
faculty database — checked in every column of every table, whatever its
type — and evidence files leave only when asked, as a dossier's would."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image
from sqlalchemy import MetaData, select

from ent_portfolio import privacy
from ent_portfolio.domain import models as m
from ent_portfolio.faculty.database import open_faculty_database
from ent_portfolio.faculty.load import LOADED, load_archives
from tests.faculty.load_cases import KEPT, PHOTO_GPS, WITHHELD


def every_value(url: str) -> list[tuple[str, str, str]]:
    """(table, column, value as text) of every cell of the database."""
    engine = open_faculty_database(url)
    found = []
    try:
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as connection:
            for table in tables.tables.values():
                for row in connection.execute(select(table)):
                    for column, value in zip(table.columns, row, strict=True):
                        if value is not None:
                            found.append((table.name, column.name, str(value)))
    finally:
        engine.dispose()
    return found


def test_nothing_withheld_enters_any_table(faculty_url, make_lecturer, tmp_path):
    archive = make_lecturer("ดร.แปด ทดสอบ", works=1).export()
    assert [o.outcome for o in load_archives(faculty_url, [archive]).outcomes] == [LOADED]
    cells = every_value(faculty_url)
    assert len({table for table, _c, _v in cells}) > 10
    leaks = [(table, column, value[:80]) for table, column, value in cells
             for secret in WITHHELD if secret in value]
    assert leaks == []
    # What may stay does: the consenting contact, the labels of the others, the work's own place.
    text = "\n".join(value for _t, _c, value in cells)
    for kept in KEPT:
        assert kept in text
    assert "ผู้ให้ข้อมูล ก" in text and "ผู้ประสานงาน" in text
    assert "18.5" in text  # the work's area (not an evidence position) stays


def test_no_evidence_coordinates(faculty_url, make_lecturer):
    archive = make_lecturer("ดร.เก้า ทดสอบ", works=1).export()
    load_archives(faculty_url, [archive])
    engine = open_faculty_database(faculty_url)
    try:
        with engine.connect() as connection:
            positions = connection.execute(select(m.Evidence.latitude, m.Evidence.longitude)).all()
    finally:
        engine.dispose()
    assert len(positions) == 2 and set(positions) == {(None, None)}


def test_files_are_not_copied_unless_asked(make_lecturer, tmp_path):
    archive = make_lecturer("ดร.สิบ ทดสอบ", works=1).export()
    load_archives(str(tmp_path / "faculty.sqlite3"), [archive])
    assert not (tmp_path / "faculty-files").exists()
    assert {p.name for p in tmp_path.iterdir() if p.name.startswith("faculty")} <= \
        {"faculty.sqlite3", "faculty.sqlite3-shm", "faculty.sqlite3-wal"}


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_with_files_pictures_leave_without_gps_and_with_faces_blurred(dialect, make_lecturer, tmp_path, request):
    lecturer = make_lecturer("ดร.สิบเอ็ด ทดสอบ", works=1)
    archive = lecturer.export()
    files = tmp_path / "files-here"
    if dialect == "sqlite":
        url = str(tmp_path / "faculty.sqlite3")
        summary = load_archives(url, [archive], with_files=True)
        files = tmp_path / "faculty-files"
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database(f"files_{tmp_path.name[-8:].lower()}")
        summary = load_archives(url, [archive], with_files=True, files_dir=files)
    assert summary.outcomes[0].outcome == LOADED
    copies = sorted(files.iterdir())
    # The field photo only: the letter scan is of a person who did not consent.
    assert len(copies) == 1 and summary.outcomes[0].files == 1
    data = copies[0].read_bytes()
    assert copies[0].name == hashlib.sha256(data).hexdigest() + ".jpg"
    assert not privacy.has_gps(data)
    engine = open_faculty_database(url)
    try:
        with engine.connect() as connection:
            evidence = {row.kind: row for row in connection.execute(select(m.Evidence))}
    finally:
        engine.dispose()
    assert evidence["photo"].sha256 == hashlib.sha256(data).hexdigest() and evidence["photo"].size == len(data)
    # The face the lecturer marked is blurred: its pixels are a coarse mosaic, unlike the original's there.
    with lecturer.services() as s:
        original_path = s.evidence.file_path(next(e.id for e in s.evidence.list() if e.kind == "photo"))
        original = Image.open(original_path).convert("RGB")
    assert privacy.has_gps(original_path.read_bytes()) and PHOTO_GPS
    copy = Image.open(io.BytesIO(data)).convert("RGB")
    box = (int(0.3 * 320), int(0.3 * 240), int(0.45 * 320), int(0.5 * 240))
    outside = (250, 200, 310, 235)
    assert _difference(original.crop(box), copy.crop(box)) > 3 * _difference(original.crop(outside),
                                                                             copy.crop(outside))


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean difference of the channels, per pixel (plus a little, so an exact copy is not 0)."""
    pairs = zip(a.tobytes(), b.tobytes(), strict=True)
    return sum(abs(x - y) for x, y in pairs) / (a.width * a.height) + 0.01
