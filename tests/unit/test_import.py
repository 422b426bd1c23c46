"""Evidence import: files land once, whole, with what they know; bad files
are refused by name; the originals are never touched."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import media_fixtures as mf
import pytest
from import_cases import TAKEN, assert_clean, create_work, store_files
from PIL import Image

from ent_portfolio.cli import main as cli_main
from ent_portfolio.errors import NotFoundError, ValidationError
from ent_portfolio.jobs import CancelToken
from ent_portfolio.media.thumbs import prune_thumbnails, thumbnail_path
from ent_portfolio.services.importer import (
    Status,
    apply_suggestions,
    collect_files,
    import_evidence,
)


@pytest.fixture
def work(services):
    return create_work(services)


@pytest.fixture
def field_folder(tmp_path) -> Path:
    """A phone's camera folder: three photos, one in a sub-folder, plus litter."""
    folder = tmp_path / "field" / "DCIM"
    mf.photo(folder / "IMG_0001.jpg", taken=TAKEN, gps=mf.NAN_TOWN, orientation=6, seed=1)
    mf.photo(folder / "IMG_0002.jpg", taken=datetime(2025, 3, 15, 9, 0), gps=mf.NAN_RURAL, seed=2,
             make="SAMSUNG", model="SM-A546E")
    mf.photo(folder / "scans" / "screen.png", fmt="PNG", make="", model="", seed=3)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "IMG_E0001.AAE").write_text('<?xml version="1.0"?><plist/>', encoding="utf-8")
    (folder / "~$minutes.docx").write_bytes(b"lock")
    return folder


# -- photos ---------------------------------------------------------------------

def test_folder_import_stores_every_photo_with_its_hash_and_exif(portfolio, services, work, field_folder):
    result = import_evidence(portfolio, work.id, [field_folder])

    assert [o.status for o in result.outcomes] == [Status.STORED] * 3
    assert [o.name for o in result.outcomes] == [
        str(field_folder / "IMG_0001.jpg"), str(field_folder / "IMG_0002.jpg"),
        str(field_folder / "scans" / "screen.png")]
    records = {e.original_name: e for e in services.evidence.list(work_id=work.id)}
    assert set(records) == {"IMG_0001.jpg", "IMG_0002.jpg", "screen.png"}
    for outcome in result.outcomes:
        record = services.evidence.get(outcome.evidence_id)
        assert record.sha256 == mf.sha256(outcome.path) == outcome.sha256
        stored = portfolio.store.path_for(record.sha256)
        assert stored.read_bytes() == outcome.path.read_bytes()
        assert record.size == outcome.path.stat().st_size
    first = records["IMG_0001.jpg"]
    assert (first.kind, first.media_type) == ("photo", "image/jpeg")
    assert first.date_taken == TAKEN
    assert first.latitude == pytest.approx(Decimal(str(mf.NAN_TOWN[0])), abs=Decimal("0.00001"))
    assert first.longitude == pytest.approx(Decimal(str(mf.NAN_TOWN[1])), abs=Decimal("0.00001"))
    assert first.camera == "Apple iPhone 13"
    assert first.orientation == 6
    assert (first.width, first.height) == (300, 400)  # as a person sees it: upright
    assert first.place == "อ.เมืองน่าน จ.น่าน"
    second = records["IMG_0002.jpg"]
    assert second.camera == "SAMSUNG SM-A546E"
    assert second.place == "จ.น่าน"
    assert (second.width, second.height, second.orientation) == (400, 300, None)
    screen = records["screen.png"]
    assert (screen.media_type, screen.date_taken, screen.place, screen.camera) == ("image/png", None, "", "")
    assert sorted(store_files(portfolio)) == sorted(o.sha256 for o in result.outcomes)
    assert_clean(portfolio)


def test_thumbnail_is_small_and_upright(portfolio, work, tmp_path):
    # Stored sideways (400×300) with Orientation 6: the camera was held upright.
    source = mf.photo(tmp_path / "portrait.jpg", orientation=6, taken=TAKEN)
    outcome = import_evidence(portfolio, work.id, [source]).outcomes[0]

    path = thumbnail_path(portfolio, outcome.sha256, create=False)
    assert path == portfolio.thumbnail_dir / f"{outcome.sha256}.jpg"
    with Image.open(path) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.size == (240, 320)  # portrait, 320 on the long side
        rgb = thumb.convert("RGB")
        # Rotating 90° clockwise puts the red top-left quadrant at the top right.
        top_right = rgb.getpixel((thumb.width - 20, 20))
        top_left = rgb.getpixel((20, 20))
    assert top_right[0] > 180 and top_right[2] < 100, top_right
    assert top_left[2] > 150 and top_left[0] < 100, top_left


def test_thumbnail_path_remakes_a_missing_thumbnail_and_prunes_stale_ones(portfolio, services, work, tmp_path):
    photo = mf.photo(tmp_path / "a.jpg", size=(1000, 500))
    note = tmp_path / "notes.txt"
    note.write_text("บันทึกการประชุม", encoding="utf-8")
    result = import_evidence(portfolio, work.id, [photo, note])
    photo_sha, note_sha = (o.sha256 for o in result.outcomes)

    cached = thumbnail_path(portfolio, photo_sha, create=False)
    cached.unlink()
    assert thumbnail_path(portfolio, photo_sha, create=False) is None
    remade = thumbnail_path(portfolio, photo_sha)
    assert remade == cached and Image.open(remade).size == (320, 160)
    assert thumbnail_path(portfolio, note_sha) is None  # text has no picture
    assert portfolio.store.stray_temp_files() == []

    services.evidence.delete(result.outcomes[0].evidence_id)  # the file leaves the store
    assert prune_thumbnails(portfolio) == [cached]
    assert not cached.exists()


def test_heic_photo_from_a_phone(portfolio, services, work, tmp_path):
    source = mf.photo(tmp_path / "IMG_4001.HEIC", fmt="HEIF", taken=TAKEN, gps=mf.NAN_TOWN, size=(320, 240))
    outcome = import_evidence(portfolio, work.id, [source]).outcomes[0]

    assert outcome.status is Status.STORED
    record = services.evidence.get(outcome.evidence_id)
    assert (record.kind, record.media_type) == ("photo", "image/heic")
    assert record.date_taken == TAKEN
    assert record.place == "อ.เมืองน่าน จ.น่าน"
    assert (record.width, record.height) == (320, 240)
    assert thumbnail_path(portfolio, record.sha256, create=False) is not None


def test_pdfs_documents_and_audio_are_attachments(portfolio, services, work, tmp_path):
    folder = tmp_path / "letters"
    mf.scanned_pdf(folder / "certificate.pdf", pages=2)
    mf.text_pdf(folder / "report.pdf")
    mf.docx(folder / "minutes.docx")
    mf.mp3(folder / "interview.mp3")
    (folder / "list.csv").write_text("ชื่อ,จำนวน\nบ้านหนองบัว,35\n", encoding="utf-8")
    result = import_evidence(portfolio, work.id, [folder])

    assert [o.status for o in result.outcomes] == [Status.STORED] * 5
    got = {o.path.name: services.evidence.get(o.evidence_id) for o in result.outcomes}
    scan, report = got["certificate.pdf"], got["report.pdf"]
    assert (scan.kind, scan.media_type, scan.page_count) == ("pdf", "application/pdf", 2)
    assert (report.kind, report.page_count) == ("pdf", 1)
    # A scanned page is its own picture: a thumbnail; a typeset page has none.
    with Image.open(thumbnail_path(portfolio, scan.sha256, create=False)) as thumb:
        assert thumb.height == 320 and thumb.width < thumb.height
        red = thumb.convert("RGB").getpixel((10, 10))
        assert red[0] > 180 and red[2] < 100, red  # the page's top-left, upright
    assert thumbnail_path(portfolio, report.sha256) is None
    assert got["minutes.docx"].kind == "document"
    assert got["minutes.docx"].media_type.endswith("wordprocessingml.document")
    assert (got["interview.mp3"].kind, got["interview.mp3"].media_type) == ("audio", "audio/mpeg")
    assert (got["list.csv"].kind, got["list.csv"].media_type) == ("document", "text/csv")


# -- duplicates --------------------------------------------------------------------

def test_duplicates_are_stored_once_and_reimport_adds_nothing(portfolio, services, work, field_folder, tmp_path,
                                                              monkeypatch):
    copy = tmp_path / "copy-from-line" / "IMG_0001 (1).jpg"
    copy.parent.mkdir()
    copy.write_bytes((field_folder / "IMG_0001.jpg").read_bytes())
    first = import_evidence(portfolio, work.id, [field_folder, copy])

    assert [o.status for o in first.outcomes] == [Status.STORED] * 3 + [Status.ALREADY_PRESENT]
    assert first.outcomes[3].evidence_id == first.outcomes[0].evidence_id
    assert len(store_files(portfolio)) == 3
    assert services.evidence.count() == 3
    before = {p: p.stat().st_mtime_ns for p in portfolio.store.root.rglob("*") if p.is_file()}

    def no_copy(path):
        raise AssertionError(f"{path} was copied again")

    monkeypatch.setattr(portfolio.store, "add_file", no_copy)
    again = import_evidence(portfolio, work.id, [field_folder, copy])
    assert [o.status for o in again.outcomes] == [Status.ALREADY_PRESENT] * 4
    assert again.evidence_ids == first.evidence_ids
    assert again.outcomes[0].line("en") == f"already present: {first.outcomes[0].name}"
    assert services.evidence.count() == 3
    assert {p: p.stat().st_mtime_ns for p in portfolio.store.root.rglob("*") if p.is_file()} == before
    assert_clean(portfolio)


def test_a_file_of_another_work_is_linked_not_copied(portfolio, services, work, field_folder):
    other = services.works.create(title_th="โรงเรียนผู้สูงอายุ")
    first = import_evidence(portfolio, work.id, [field_folder / "IMG_0001.jpg"]).outcomes[0]
    linked = import_evidence(portfolio, other.id, [field_folder / "IMG_0001.jpg"]).outcomes[0]

    assert linked.status is Status.LINKED
    assert linked.evidence_id != first.evidence_id and linked.sha256 == first.sha256
    record = services.evidence.get(linked.evidence_id)
    assert (record.work_id, record.date_taken, record.place, record.camera) == (
        other.id, TAKEN, "อ.เมืองน่าน จ.น่าน", "Apple iPhone 13")
    assert len(store_files(portfolio)) == 1
    # Deleting one work's record keeps the file the other still uses.
    services.evidence.delete(first.evidence_id)
    assert portfolio.store.contains(first.sha256)
    assert_clean(portfolio)


def test_sources_are_never_modified(portfolio, work, field_folder):
    root = field_folder.parent
    before = mf.snapshot(root)
    import_evidence(portfolio, work.id, [root])
    import_evidence(portfolio, work.id, [root])
    assert mf.snapshot(root) == before


def test_collect_files_skips_litter_and_the_portfolio_itself(portfolio, field_folder, tmp_path):
    names = [e.path.name for e in collect_files([field_folder, field_folder / "IMG_0001.jpg"])]
    assert names == ["IMG_0001.jpg", "IMG_0002.jpg", "screen.png"]
    assert collect_files([portfolio.folder], exclude=portfolio.folder) == []


# -- activities and targets -----------------------------------------------------------

def test_photos_are_suggested_for_the_activity_of_their_day(portfolio, services, work, field_folder):
    workshop = services.activities.create(work_id=work.id, date=date(2025, 3, 14), end_date=date(2025, 3, 15),
                                          kind="workshop", title="อบรมการย้อมสีธรรมชาติ")
    visit = services.activities.create(work_id=work.id, date=date(2025, 3, 15), kind="field_visit",
                                       title="ลงพื้นที่")
    result = import_evidence(portfolio, work.id, [field_folder])

    by_name = {o.path.name: o for o in result.outcomes}
    assert by_name["IMG_0001.jpg"].suggested_activity_ids == [workshop.id]
    # On the 15th both match; the one-day visit is the closer fit.
    assert by_name["IMG_0002.jpg"].suggested_activity_ids == [visit.id, workshop.id]
    assert by_name["screen.png"].suggested_activity_ids == []
    assert all(services.evidence.get(o.evidence_id).activity_id is None for o in result.outcomes)

    assert apply_suggestions(portfolio, result.suggestions) == 2
    assert services.evidence.get(by_name["IMG_0001.jpg"].evidence_id).activity_id == workshop.id
    assert services.evidence.get(by_name["IMG_0002.jpg"].evidence_id).activity_id == visit.id


def test_assign_activities_links_while_importing(portfolio, services, work, field_folder):
    workshop = services.activities.create(work_id=work.id, date=date(2025, 3, 14), kind="workshop", title="อบรม")
    result = import_evidence(portfolio, work.id, [field_folder], assign_activities=True)
    by_name = {o.path.name: o for o in result.outcomes}
    assert by_name["IMG_0001.jpg"].activity_id == workshop.id
    assert services.evidence.get(by_name["IMG_0001.jpg"].evidence_id).activity_id == workshop.id
    assert services.evidence.get(by_name["IMG_0002.jpg"].evidence_id).activity_id is None


def test_explicit_targets_and_filling_links_on_reimport(portfolio, services, work, field_folder):
    indicator = services.indicators.create(work_id=work.id, name_th="รายได้ครัวเรือน")
    testimonial = services.testimonials.create(work_id=work.id, person_name="นางบัวคำ")
    activity = services.activities.create(work_id=work.id, date=date(2024, 1, 5), title="ประชุม")
    first = import_evidence(portfolio, work.id, [field_folder / "IMG_0001.jpg"], indicator_id=indicator.id)
    record = services.evidence.get(first.outcomes[0].evidence_id)
    assert (record.indicator_id, record.testimonial_id, record.activity_id) == (indicator.id, None, None)

    again = import_evidence(portfolio, work.id, [field_folder / "IMG_0001.jpg"],
                            testimonial_id=testimonial.id, activity_id=activity.id)
    assert again.outcomes[0].status is Status.ALREADY_PRESENT
    record = services.evidence.get(first.outcomes[0].evidence_id)
    assert ((record.indicator_id, record.testimonial_id, record.activity_id)
            == (indicator.id, testimonial.id, activity.id))
    assert services.evidence.count() == 1


def test_targets_are_checked_before_anything_is_stored(portfolio, services, work, field_folder):
    other = services.works.create(title_th="อีกผลงานหนึ่ง")
    foreign = services.activities.create(work_id=other.id, date=date(2025, 3, 14), title="ประชุม")
    with pytest.raises(ValidationError) as raised:
        import_evidence(portfolio, work.id, [field_folder], activity_id=foreign.id)
    assert raised.value.message("th") == "กิจกรรมที่เลือกไม่ได้อยู่ในผลงานนี้"
    assert raised.value.message("en") == "The chosen activity does not belong to this work."
    with pytest.raises(NotFoundError):
        import_evidence(portfolio, "no-such-work", [field_folder])
    assert store_files(portfolio) == [] and services.evidence.count() == 0


# -- progress, cancelling, failures ------------------------------------------------------

def test_progress_reaches_the_total(portfolio, work, field_folder):
    calls = []
    import_evidence(portfolio, work.id, [field_folder], progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_cancelled_import_keeps_what_it_finished_and_leaves_the_portfolio_clean(portfolio, services, work, tmp_path):
    folder = tmp_path / "many"
    for i in range(16):
        mf.photo(folder / f"IMG_{i:04d}.jpg", size=(640, 480), taken=TAKEN, seed=i + 1)
    token = CancelToken()

    def progress(done, total):
        if done == 2:
            token.cancel()

    result = import_evidence(portfolio, work.id, [folder], progress=progress, cancel=token, workers=2)

    assert result.cancelled
    assert result.not_processed, "the cancel came early: files must be left over"
    assert len(result.outcomes) + len(result.not_processed) == 16
    assert [o.status for o in result.outcomes] == [Status.STORED] * len(result.outcomes), [
        o.message("en") for o in result.outcomes]
    assert services.evidence.count() == len(result.outcomes)
    assert sorted(store_files(portfolio)) == sorted(o.sha256 for o in result.outcomes)
    assert "ยกเลิก" in result.summary("th")
    assert_clean(portfolio)
    # Importing again picks up the rest and nothing twice.
    rest = import_evidence(portfolio, work.id, [folder])
    assert len(rest.stored) == len(result.not_processed)
    assert services.evidence.count() == 16


def test_a_failed_transaction_leaves_no_file_behind(portfolio, services, work, field_folder, monkeypatch):
    from contextlib import contextmanager

    from sqlalchemy.exc import OperationalError

    @contextmanager
    def broken_session():
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        yield  # pragma: no cover

    monkeypatch.setattr(portfolio, "session", broken_session)
    result = import_evidence(portfolio, work.id, [field_folder])
    monkeypatch.undo()

    assert [o.status for o in result.outcomes] == [Status.REFUSED] * 3
    assert all(o.reason_key == "import.storage" for o in result.outcomes)
    assert "disk is full" in result.outcomes[0].reason("en")
    assert services.evidence.count() == 0
    assert store_files(portfolio) == []
    assert list(portfolio.thumbnail_dir.iterdir()) == []
    assert_clean(portfolio)


# -- command line ---------------------------------------------------------------------------

@pytest.fixture
def restore_language():
    from ent_portfolio import i18n

    before = i18n._current
    yield
    i18n.set_language(before)  # ``--lang`` sets it for the whole process


def test_cli_prints_one_line_per_file_and_exit_codes(portfolio, services, work, field_folder, tmp_path, capsys,
                                                     restore_language):
    folder_arg = str(portfolio.folder)
    portfolio.close()
    code = cli_main(["--lang", "en", "evidence", "add", "--portfolio", folder_arg, "--work", work.id,
                     str(field_folder)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[:3] == [f"stored: {field_folder / 'IMG_0001.jpg'}", f"stored: {field_folder / 'IMG_0002.jpg'}",
                       f"stored: {field_folder / 'scans' / 'screen.png'}"]
    assert out[3] == "3 stored, 0 already present, 0 refused"

    mf.empty(tmp_path / "blank.jpg")
    code = cli_main(["--lang", "en", "--portfolio", folder_arg, "evidence", "add", "--work", work.id,
                     str(field_folder / "IMG_0001.jpg"), str(tmp_path / "blank.jpg"),
                     str(mf.docx(tmp_path / "m.docx"))])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out == [f"already present: {field_folder / 'IMG_0001.jpg'}",
                   f"refused: “{tmp_path / 'blank.jpg'}” is empty (0 bytes)",
                   f"stored: {tmp_path / 'm.docx'}",
                   "1 stored, 1 already present, 1 refused"]
    assert services.evidence.count() == 4  # the good files stayed imported

    code = cli_main(["--lang", "th", "evidence", "add", "--portfolio", folder_arg, "--work", "nope", str(field_folder)])
    assert code == 1
    assert "ไม่พบ" in capsys.readouterr().err


# -- on the demo portfolio --------------------------------------------------------------------

def test_importing_into_the_demo_links_and_dedups(demo, tmp_path):
    from ent_portfolio.services import Services

    services = Services(demo)
    works = services.works.list()
    records = [e for e in services.evidence.list() if e.kind == "photo"] or services.evidence.list()
    assert len(works) >= 2 and records, "the demo has works and evidence"
    known = records[0]
    other = next(w for w in works if w.id != known.work_id)
    copy = tmp_path / known.original_name
    copy.write_bytes(demo.store.path_for(known.sha256).read_bytes())
    fresh = mf.photo(tmp_path / "new" / "IMG_9001.jpg", taken=TAKEN, gps=mf.NAN_TOWN)
    files_before = len(store_files(demo))

    same = import_evidence(demo, known.work_id, [copy, fresh])
    assert [o.status for o in same.outcomes] == [Status.ALREADY_PRESENT, Status.STORED]
    assert same.outcomes[0].evidence_id == known.id
    linked = import_evidence(demo, other.id, [copy])
    assert linked.outcomes[0].status is Status.LINKED
    assert len(store_files(demo)) == files_before + 1
    assert_clean(demo)


def test_cancelled_before_the_start_imports_nothing(portfolio, work, field_folder):
    token = CancelToken()
    token.cancel()
    result = import_evidence(portfolio, work.id, [field_folder], cancel=token)
    assert result.cancelled and result.outcomes == []
    assert [p.name for p in result.not_processed] == ["IMG_0001.jpg", "IMG_0002.jpg", "screen.png"]
    assert store_files(portfolio) == []
    assert_clean(portfolio)


def test_an_interrupted_import_records_what_it_stored(portfolio, services, work, tmp_path):
    folder = tmp_path / "many"
    for i in range(10):
        mf.photo(folder / f"IMG_{i:04d}.jpg", size=(640, 480), seed=i + 1)

    def progress(done, total):
        if done == 2:
            raise KeyboardInterrupt  # Ctrl-C on the command line

    with pytest.raises(KeyboardInterrupt):
        import_evidence(portfolio, work.id, [folder], progress=progress, workers=2)
    stored = store_files(portfolio)
    assert 2 <= len(stored) < 10
    assert sorted(e.sha256 for e in services.evidence.list()) == sorted(stored)  # no orphan, no dangling record
    assert_clean(portfolio)
