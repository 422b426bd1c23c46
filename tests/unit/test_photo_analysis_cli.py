"""``ent-portfolio evidence analyse`` and the analysis ``evidence add`` runs
after an import: counts in Thai or English, a sentence and exit 1 for what
cannot be done, never a traceback."""

from __future__ import annotations

import importlib.resources
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from media_fixtures import NAN_TOWN, photo, scanned_pdf

from ent_portfolio.cli import main
from ent_portfolio.domain import models as m
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio

ASTRONAUT = importlib.resources.files("skimage") / "data" / "astronaut.png"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(empty_template, tmp_path) -> Path:
    """A portfolio with two works, closed (the command line opens it itself)."""
    target = shutil.copytree(empty_template, tmp_path / "portfolio")
    with Portfolio.open(target) as portfolio:
        services = Services(portfolio)
        services.works.create(title_th="งานที่หนึ่ง")
        services.works.create(title_th="งานที่สอง")
    return target


def _works(folder: Path) -> list[str]:
    with Portfolio.open(folder) as portfolio:
        return [w.id for w in Services(portfolio).works.list()]


def _evidence(folder: Path) -> dict[str, m.Evidence]:
    with Portfolio.open(folder) as portfolio, portfolio.reader() as session:
        return {e.original_name: e for e in session.query(m.Evidence)}


@pytest.fixture
def field_photos(tmp_path) -> Path:
    files = tmp_path / "field"
    files.mkdir()
    with importlib.resources.as_file(ASTRONAUT) as source:
        shutil.copyfile(source, files / "astronaut.png")
    photo(files / "IMG_0002.JPG", taken=datetime(2024, 5, 1, 9), gps=NAN_TOWN, seed=5)
    return files


def test_add_analyses_what_it_imported_and_says_so_in_thai(capsys, folder, field_photos):
    work = _works(folder)[0]
    code, out, err = run(capsys, "--lang", "th", "evidence", "add", "--portfolio", str(folder), "--work", work,
                         str(field_photos))
    assert code == 0, err
    assert "ตรวจภาพถ่ายแล้ว 2 ภาพ" in out and "พบใบหน้า" in out
    records = _evidence(folder)
    assert len(records["astronaut.png"].face_boxes) >= 1
    assert records["IMG_0002.JPG"].face_boxes is not None and len(records["IMG_0002.JPG"].image_hash) == 16


def test_add_with_no_faces_leaves_the_photos_for_later(capsys, folder, field_photos):
    work = _works(folder)[0]
    code, out, err = run(capsys, "--lang", "en", "evidence", "add", "--no-faces", "--portfolio", str(folder),
                         "--work", work, str(field_photos))
    assert code == 0, err
    assert "analysed" not in out
    assert all(e.face_boxes is None and e.image_hash == "" for e in _evidence(folder).values())
    code, out, err = run(capsys, "--lang", "en", "evidence", "analyse", "--portfolio", str(folder))
    assert code == 0, err
    assert "2 photo(s) analysed" in out and "0 unreadable" in out
    code, out, _ = run(capsys, "--lang", "en", "evidence", "analyse", "--portfolio", str(folder))
    assert code == 0 and "0 photo(s) analysed" in out


def test_adding_documents_only_prints_no_analysis(capsys, folder, tmp_path):
    work = _works(folder)[0]
    pdf = scanned_pdf(tmp_path / "letter.pdf", pages=1)
    code, out, err = run(capsys, "--lang", "en", "evidence", "add", "--portfolio", str(folder), "--work", work,
                         str(pdf))
    assert code == 0, err
    assert "analysed" not in out and "1 stored" in out


def test_analyse_one_work_leaves_the_others(capsys, folder, field_photos):
    first, second = _works(folder)
    run(capsys, "evidence", "add", "--no-faces", "--portfolio", str(folder), "--work", first,
        str(field_photos / "astronaut.png"))
    run(capsys, "evidence", "add", "--no-faces", "--portfolio", str(folder), "--work", second,
        str(field_photos / "IMG_0002.JPG"))
    code, out, err = run(capsys, "--lang", "en", "evidence", "analyse", "--portfolio", str(folder), "--work", second)
    assert code == 0, err
    assert "1 photo(s) analysed" in out
    records = _evidence(folder)
    assert records["astronaut.png"].face_boxes is None
    assert records["IMG_0002.JPG"].face_boxes == []


def test_redetect_keeps_the_lecturers_boxes(capsys, folder, field_photos):
    from ent_portfolio.domain.photo_facts import FaceBox
    from ent_portfolio.services.photos import set_face_boxes

    work = _works(folder)[0]
    run(capsys, "evidence", "add", "--portfolio", str(folder), "--work", work, str(field_photos))
    astronaut = _evidence(folder)["astronaut.png"]
    with Portfolio.open(folder) as portfolio:
        set_face_boxes(portfolio, astronaut.id, [FaceBox(0.1, 0.1, 0.1, 0.1)])
    code, out, err = run(capsys, "--lang", "en", "evidence", "analyse", "--redetect", "--portfolio", str(folder))
    assert code == 0, err
    assert "1 photo(s) analysed" in out  # the other photo; the lecturer's is left alone
    assert _evidence(folder)["astronaut.png"].face_boxes == [FaceBox(0.1, 0.1, 0.1, 0.1, "lecturer").as_dict()]


@pytest.mark.parametrize("lang, words", [("th", "ไม่พบผลงาน"), ("en", "No ")])
def test_an_unknown_work_is_one_sentence(capsys, folder, lang, words):
    code, out, err = run(capsys, "--lang", lang, "evidence", "analyse", "--portfolio", str(folder),
                         "--work", "00000000-0000-0000-0000-000000000000")
    assert code == 1 and out == ""
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("lang, words", [("th", "อ่านภาพไม่ได้"), ("en", "could not read the picture")])
def test_a_damaged_stored_photo_is_named_and_exit_1(capsys, folder, field_photos, lang, words):
    work = _works(folder)[0]
    run(capsys, "evidence", "add", "--no-faces", "--portfolio", str(folder), "--work", work, str(field_photos))
    stored = Path(folder) / "evidence"
    victim = _evidence(folder)["IMG_0002.JPG"].sha256
    path = stored / victim[:2] / victim
    os.chmod(path, 0o644)
    path.write_bytes(path.read_bytes()[:500])
    code, out, err = run(capsys, "--lang", lang, "evidence", "analyse", "--portfolio", str(folder))
    assert code == 1 and "Traceback" not in err
    assert f"{words}" in out and "IMG_0002.JPG" in out
    assert _evidence(folder)["astronaut.png"].face_boxes  # the other photo is analysed all the same
