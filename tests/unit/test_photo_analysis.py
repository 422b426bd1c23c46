"""Photo analysis fills in faces and hashes without ever overwriting the
lecturer, names every file it cannot read, and the lecturer's corrections
(face boxes, notes on findings) are validated sentences, never tracebacks."""

from __future__ import annotations

import importlib.resources
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from media_fixtures import NAN_TOWN, photo, scanned_pdf

from ent_portfolio.domain import models as m
from ent_portfolio.domain.photo_facts import DETECTOR, LECTURER, FaceBox
from ent_portfolio.errors import NotFoundError, UserError, ValidationError
from ent_portfolio.jobs import CancelToken
from ent_portfolio.services import photos as photo_service
from ent_portfolio.services.importer import import_evidence
from ent_portfolio.services.photos import PhotoAnalysis, analyse_photos, explain_finding, set_face_boxes
from ent_portfolio.storage.portfolio import Portfolio

ASTRONAUT = importlib.resources.files("skimage") / "data" / "astronaut.png"
COFFEE = importlib.resources.files("skimage") / "data" / "coffee.png"


@pytest.fixture
def work(services):
    return services.works.create(title_th="งานทดสอบภาพถ่าย", start_date="2024-01-01", end_date="2024-12-31")


def _import(portfolio: Portfolio, work_id: str, *paths: Path) -> list[str]:
    result = import_evidence(portfolio, work_id, list(paths))
    assert not result.refused, [o.message("en") for o in result.refused]
    return result.evidence_ids


def _copy(resource, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / resource.name
    with importlib.resources.as_file(resource) as source:
        shutil.copyfile(source, target)
    return target


def _row(portfolio: Portfolio, evidence_id: str) -> m.Evidence:
    with portfolio.reader() as session:
        return session.get(m.Evidence, evidence_id)


def _columns(portfolio: Portfolio) -> dict[str, tuple]:
    """Every record's analysis columns, to compare before and after."""
    with portfolio.reader() as session:
        return {e.id: (e.face_boxes, e.image_hash, e.findings_explained, e.updated_at)
                for e in session.query(m.Evidence)}


@pytest.fixture
def photos(portfolio, work, tmp_path):
    """Three photos (one with a face) and a scanned PDF, imported."""
    files = tmp_path / "field"
    astronaut = _copy(ASTRONAUT, files)
    coffee = _copy(COFFEE, files)
    plain = photo(files / "IMG_0001.JPG", taken=datetime(2024, 3, 4, 10), gps=NAN_TOWN, seed=3)
    pdf = scanned_pdf(files / "letter.pdf", pages=1)
    ids = _import(portfolio, work.id, astronaut, coffee, plain, pdf)
    return dict(zip(("astronaut", "coffee", "plain", "pdf"), ids, strict=True))


def test_analysis_fills_faces_and_hashes_of_photos_only(portfolio, photos):
    assert all(_row(portfolio, i).face_boxes is None for i in photos.values())
    result = analyse_photos(portfolio)
    assert isinstance(result, PhotoAnalysis)
    assert result.looked == 3 and not result.failed and not result.cancelled
    astronaut = _row(portfolio, photos["astronaut"])
    assert len(astronaut.face_boxes) >= 1 and all(b["by"] == DETECTOR for b in astronaut.face_boxes)
    assert result.faces >= len(astronaut.face_boxes)
    for key in ("astronaut", "coffee", "plain"):
        digest = _row(portfolio, photos[key]).image_hash
        assert len(digest) == 16 and int(digest, 16) >= 0
    assert _row(portfolio, photos["coffee"]).face_boxes == []
    pdf = _row(portfolio, photos["pdf"])
    assert pdf.face_boxes is None and pdf.image_hash == ""
    # Nothing is left to do: a second run looks at nothing and changes nothing.
    before = _columns(portfolio)
    again = analyse_photos(portfolio)
    assert (again.looked, again.faces, again.failed) == (0, 0, [])
    assert _columns(portfolio) == before


def test_only_the_chosen_records_are_analysed(portfolio, photos):
    result = analyse_photos(portfolio, [photos["coffee"], photos["pdf"]])
    assert result.looked == 1
    assert _row(portfolio, photos["coffee"]).image_hash
    assert _row(portfolio, photos["astronaut"]).face_boxes is None
    assert _row(portfolio, photos["plain"]).image_hash == ""


def test_a_lecturers_edit_made_during_the_analysis_wins(portfolio, photos, monkeypatch):
    """The lecturer draws a box while the detector is still looking at that
    photo: the detector's result, which arrives later, must not replace it."""
    mine = FaceBox(0.1, 0.1, 0.2, 0.2)
    real_look = photo_service._look

    def look_while_the_lecturer_edits(path, faces, hashed):
        looked = real_look(path, faces, hashed)
        set_face_boxes(portfolio, photos["astronaut"], [mine])  # saved before the detector's result is
        return looked

    monkeypatch.setattr(photo_service, "_look", look_while_the_lecturer_edits)
    analyse_photos(portfolio, [photos["astronaut"]])
    astronaut = _row(portfolio, photos["astronaut"])
    assert astronaut.face_boxes == [{**mine.as_dict(), "by": LECTURER}]
    assert astronaut.image_hash  # what the lecturer did not touch is still filled in


def test_redetect_replaces_the_detectors_boxes_and_never_the_lecturers(portfolio, photos):
    stale = [FaceBox(0.5, 0.5, 0.1, 0.1).as_dict()]
    mine = FaceBox(0.0, 0.0, 0.3, 0.3)
    with portfolio.session() as session:
        session.get(m.Evidence, photos["astronaut"]).face_boxes = stale
        session.get(m.Evidence, photos["coffee"]).face_boxes = stale
    set_face_boxes(portfolio, photos["plain"], [mine])
    analyse_photos(portfolio)  # fills the hashes; the boxes stay as they are
    assert _row(portfolio, photos["coffee"]).face_boxes == stale
    result = analyse_photos(portfolio, redetect=True)
    assert result.looked == 2
    assert _row(portfolio, photos["coffee"]).face_boxes == []
    assert _row(portfolio, photos["astronaut"]).face_boxes not in (stale, None)
    assert _row(portfolio, photos["plain"]).face_boxes == [{**mine.as_dict(), "by": LECTURER}]


def test_json_null_counts_as_not_looked_at(portfolio, photos):
    from sqlalchemy import text

    with portfolio.session() as session:
        session.execute(text("UPDATE evidence SET face_boxes = 'null' WHERE id = :id"), {"id": photos["coffee"]})
    analyse_photos(portfolio, [photos["coffee"]])
    assert _row(portfolio, photos["coffee"]).face_boxes == []


def test_one_file_in_two_works_is_read_once_and_fills_both(portfolio, services, work, tmp_path, monkeypatch):
    other = services.works.create(title_th="งานที่สอง")
    picture = _copy(ASTRONAUT, tmp_path / "in")
    first = _import(portfolio, work.id, picture)[0]
    second = _import(portfolio, other.id, picture)[0]
    calls = []
    real_look = photo_service._look
    monkeypatch.setattr(photo_service, "_look", lambda *a: calls.append(a) or real_look(*a))
    result = analyse_photos(portfolio)
    assert len(calls) == 1 and result.looked == 2
    assert _row(portfolio, first).face_boxes == _row(portfolio, second).face_boxes != []


def _damage(path: Path, how: str) -> None:
    os.chmod(path, 0o644)
    data = path.read_bytes()
    if how == "missing":
        path.unlink()
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif how == "garbage":
        path.write_bytes(bytes(range(256)) * 40)
    elif how == "text":
        path.write_text("นี่ไม่ใช่ภาพ " * 100, encoding="utf-8")
    elif how == "header_only":
        path.write_bytes(data[:600])
    elif how == "bomb":  # a PNG that declares 100000 × 100000 pixels
        import struct
        import zlib

        ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
        chunk = b"IHDR" + ihdr
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk
                         + struct.pack(">I", zlib.crc32(chunk)) + b"\x00" * 64)
    elif how == "folder":
        path.unlink()
        path.mkdir()


@pytest.mark.parametrize("how", ["missing", "empty", "truncated", "garbage", "text", "header_only", "bomb", "folder"])
def test_an_unreadable_stored_file_is_named_never_a_traceback(portfolio, photos, how):
    victim = _row(portfolio, photos["plain"])
    _damage(portfolio.store.path_for(victim.sha256), how)
    result = analyse_photos(portfolio)
    assert result.failed == ["IMG_0001.JPG"]
    assert result.looked == 2  # the others are still analysed
    after = _row(portfolio, photos["plain"])
    assert after.face_boxes is None and after.image_hash == ""  # still "not looked at": the export looks again


def test_progress_reaches_the_end(portfolio, photos):
    seen = []
    analyse_photos(portfolio, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_cancel_before_the_start_changes_nothing(portfolio, photos):
    token = CancelToken()
    before = _columns(portfolio)
    result = analyse_photos(portfolio, progress=lambda done, total: token.cancel(), cancel=token)
    assert result.cancelled and result.looked == 0
    assert _columns(portfolio) == before


def test_a_cancel_keeps_what_was_analysed_and_the_next_run_finishes(portfolio, photos, monkeypatch):
    token = CancelToken()
    real_look = photo_service._look

    def look_then_cancel(*args):
        token.cancel()  # the user presses Cancel while the first photo is looked at
        return real_look(*args)

    monkeypatch.setattr(photo_service, "_look", look_then_cancel)
    result = analyse_photos(portfolio, cancel=token, workers=1)
    assert result.cancelled and result.looked == 1
    assert "ยกเลิก" in result.summary("th") and "Cancelled" in result.summary("en")
    looked_at = [i for k, i in photos.items() if k != "pdf" and _row(portfolio, i).face_boxes is not None]
    assert len(looked_at) == 1 and _row(portfolio, looked_at[0]).image_hash
    monkeypatch.setattr(photo_service, "_look", real_look)
    finished = analyse_photos(portfolio)
    assert not finished.cancelled and finished.looked == 2


def test_summary_speaks_both_languages():
    result = PhotoAnalysis(looked=3, faces=2, failed=["a.jpg"], seconds=1.25)
    assert result.summary("th") == "ตรวจภาพถ่ายแล้ว 3 ภาพ พบใบหน้า 2 ใบหน้า อ่านภาพไม่ได้ 1 ภาพ (ใช้เวลา 1.2 วินาที)"
    assert result.summary("en") == "3 photo(s) analysed, 2 face(s) found, 1 unreadable (1.2 s)"


# -- the lecturer's corrections ------------------------------------------------

def test_set_face_boxes_stores_them_as_the_lecturers(portfolio, photos):
    boxes = [FaceBox(0.1, 0.2, 0.3, 0.25), FaceBox(0.6, 0.1, 0.2, 0.2, by=DETECTOR)]
    set_face_boxes(portfolio, photos["coffee"], boxes)
    assert _row(portfolio, photos["coffee"]).face_boxes == [{**b.as_dict(), "by": LECTURER} for b in boxes]
    set_face_boxes(portfolio, photos["coffee"], [])
    assert _row(portfolio, photos["coffee"]).face_boxes == []


def test_redetect_may_look_again_at_a_photo_the_lecturer_emptied(portfolio, photos):
    """An empty list holds no lecturer's box, so ``redetect`` (asked for by
    name) may look again: it errs towards blurring a face, never towards
    showing one.  Boxes the lecturer placed are never replaced."""
    set_face_boxes(portfolio, photos["astronaut"], [])
    analyse_photos(portfolio, [photos["astronaut"]], redetect=True)
    assert len(_row(portfolio, photos["astronaut"]).face_boxes) >= 1


def test_corrections_of_what_is_not_a_photo_are_sentences(portfolio, photos):
    before = _columns(portfolio)
    with pytest.raises(UserError) as error:
        set_face_boxes(portfolio, photos["pdf"], [FaceBox(0.1, 0.1, 0.2, 0.2)])
    assert error.value.key == "photo_analysis.not_a_photo"
    assert "letter.pdf" in error.value.message("th") and "ไม่มีการเปลี่ยนแปลงใด ๆ" in error.value.message("th")
    assert "Nothing was changed." in error.value.message("en")
    with pytest.raises(UserError) as error:
        explain_finding(portfolio, photos["pdf"], "evidence.no_capture_date", "สแกนจากจดหมาย")
    assert error.value.key == "photo_analysis.not_a_photo"
    with pytest.raises(NotFoundError):
        set_face_boxes(portfolio, "no-such-id", [])
    with pytest.raises(NotFoundError):
        explain_finding(portfolio, "no-such-id", "evidence.no_capture_date", "x")
    assert _columns(portfolio) == before


def test_explain_finding_adds_and_takes_away_a_note(portfolio, photos):
    explain_finding(portfolio, photos["plain"], "evidence.date_vs_activity", "  ถ่ายตอนเตรียมงาน\nเย็นวันก่อน  ")
    explain_finding(portfolio, photos["plain"], "evidence.place_vs_area", "ประชุมที่ตัวจังหวัด")
    assert _row(portfolio, photos["plain"]).findings_explained == {
        "evidence.date_vs_activity": "ถ่ายตอนเตรียมงาน เย็นวันก่อน", "evidence.place_vs_area": "ประชุมที่ตัวจังหวัด"}
    explain_finding(portfolio, photos["plain"], "evidence.date_vs_activity", "   ")
    assert _row(portfolio, photos["plain"]).findings_explained == {"evidence.place_vs_area": "ประชุมที่ตัวจังหวัด"}


@pytest.mark.parametrize("rule", ["evidence.unknown_rule", "works.title", "", "evidence.date_vs_activity\n", "💥"])
def test_explaining_a_rule_that_is_no_photo_finding_is_refused(portfolio, photos, rule):
    before = _columns(portfolio)
    with pytest.raises(UserError) as error:
        explain_finding(portfolio, photos["plain"], rule, "note")
    assert error.value.key == "photo_analysis.unknown_rule"
    assert "ไม่มีการเปลี่ยนแปลงใด ๆ" in error.value.message("th")
    assert _columns(portfolio) == before


_numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5), st.booleans(),
                     st.none(), st.text(max_size=3))
_box_dicts = st.dictionaries(st.sampled_from(["x", "y", "w", "h", "by", "z"]), _numbers, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(boxes=st.one_of(st.lists(st.one_of(_box_dicts, _numbers, st.lists(st.integers(), max_size=2)), max_size=4),
                       _numbers))
def test_any_box_is_stored_inside_the_picture_or_refused_unchanged(portfolio, photos, boxes):
    before = _row(portfolio, photos["coffee"]).face_boxes
    try:
        set_face_boxes(portfolio, photos["coffee"], boxes)
    except ValidationError as error:
        assert error.key == "error.face_box"
        assert _row(portfolio, photos["coffee"]).face_boxes == before
        return
    stored = _row(portfolio, photos["coffee"]).face_boxes
    assert isinstance(boxes, list) and len(stored) == len(boxes)
    for box in stored:
        assert box["by"] == LECTURER
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["w"] <= 1.00001 and box["y"] + box["h"] <= 1.00001


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.one_of(st.text(max_size=60), st.text(min_size=2001, max_size=2100), st.integers(), st.none()))
def test_any_note_is_stored_tidied_or_refused_unchanged(portfolio, photos, note):
    rule = "evidence.no_capture_date"
    before = _row(portfolio, photos["plain"]).findings_explained
    try:
        explain_finding(portfolio, photos["plain"], rule, note)
    except ValidationError as error:
        assert error.key == "error.explanations"
        assert _row(portfolio, photos["plain"]).findings_explained == before
        return
    stored = _row(portfolio, photos["plain"]).findings_explained
    tidy = " ".join(note.split()) if isinstance(note, str) else ""
    assert stored.get(rule, "") == tidy
