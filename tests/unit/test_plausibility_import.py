"""Real photos through the importer, then the readiness check: JPEGs made here
with EXIF DateTimeOriginal and a GPS IFD, a copy a chat app stripped, a
camera whose clock was never set, one taken in another province — the check
names exactly the implausible ones, and the evidence grid's answer agrees."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import media_fixtures as mf
import pytest
from PIL import Image

from ent_portfolio.readiness import check_readiness
from ent_portfolio.readiness.photo_findings import photo_findings
from ent_portfolio.readiness.plausibility import PLAUSIBILITY_RULES
from ent_portfolio.services.importer import import_evidence

TODAY = date(2026, 12, 1)
BANGKOK = (13.7563, 100.5018)


def _import(portfolio, work_id: str, folder: Path, **options) -> dict[str, str]:
    """File name -> evidence id of what was imported from ``folder``."""
    result = import_evidence(portfolio, work_id, [folder], **options)
    assert len(result.stored) == len(list(folder.iterdir()))
    return {o.path.name: o.evidence_id for o in result.stored}


def _plausibility(portfolio) -> set[tuple[str, str]]:
    result = check_readiness(portfolio, today=TODAY)
    return {(f.rule, f.target.id) for f in result.findings if f.rule in PLAUSIBILITY_RULES}


def test_the_check_names_exactly_the_implausible_imported_photos(portfolio, services, tmp_path):
    s = services
    work = s.works.create(title_th="น้ำสะอาดบ้านป่าแดด", start_date="2024-01-01", end_date="2024-12-31",
                          province="จ.น่าน")
    forum = s.activities.create(work_id=work.id, date="2024-06-10", title="เวทีประชาคม")

    at_forum = tmp_path / "forum"
    mf.photo(at_forum / "town.jpg", taken=datetime(2024, 6, 10, 10, 0), gps=mf.NAN_TOWN, seed=1)
    # far from Nan town, still in Nan: the work's area
    mf.photo(at_forum / "rural.jpg", taken=datetime(2024, 6, 10, 14, 0), gps=mf.NAN_RURAL, seed=2)
    mf.photo(at_forum / "next_day.jpg", taken=datetime(2024, 6, 11, 20, 0), gps=mf.NAN_TOWN, seed=3)
    mf.photo(at_forum / "four_days_later.jpg", taken=datetime(2024, 6, 14, 9, 0), gps=mf.NAN_TOWN, seed=4)
    mf.photo(at_forum / "bangkok.jpg", taken=datetime(2024, 6, 10, 11, 0), gps=BANGKOK, seed=5)
    mf.photo(at_forum / "clock_unset.jpg", taken=datetime(2000, 1, 1, 0, 3), seed=6)
    chat = at_forum / "line_copy.jpg"  # what a chat app saves: the pixels, no EXIF
    Image.open(mf.photo(tmp_path / "camera.jpg", taken=datetime(2024, 6, 10, 9, 0), seed=7)).save(chat, quality=70)
    forum_ids = _import(portfolio, work.id, at_forum, activity_id=forum.id)

    unfiled = tmp_path / "unfiled"
    mf.photo(unfiled / "after_the_work.jpg", taken=datetime(2025, 3, 1, 9, 0), gps=mf.NAN_TOWN, seed=8)
    mf.photo(unfiled / "tomorrow_plus_two.jpg", taken=datetime(2026, 12, 4, 9, 0), gps=mf.NAN_TOWN, seed=9)
    mf.photo(unfiled / "in_period.jpg", taken=datetime(2024, 9, 1, 9, 0), gps=mf.NAN_TOWN, seed=10)
    ids = {**forum_ids, **_import(portfolio, work.id, unfiled)}

    assert s.evidence.get(ids["line_copy.jpg"]).date_taken is None
    assert s.evidence.get(ids["clock_unset.jpg"]).date_taken == datetime(2000, 1, 1, 0, 3)
    expected = {
        ("evidence.date_vs_activity", ids["four_days_later.jpg"]),
        ("evidence.place_vs_area", ids["bangkok.jpg"]),
        ("evidence.implausible_date", ids["clock_unset.jpg"]),
        ("evidence.date_vs_activity", ids["clock_unset.jpg"]),
        ("evidence.date_vs_period", ids["clock_unset.jpg"]),
        ("evidence.no_capture_date", ids["line_copy.jpg"]),
        ("evidence.date_vs_period", ids["after_the_work.jpg"]),
        ("evidence.implausible_date", ids["tomorrow_plus_two.jpg"]),
        ("evidence.date_vs_period", ids["tomorrow_plus_two.jpg"]),
    }
    assert _plausibility(portfolio) == expected
    badged = photo_findings(portfolio, work.id, today=TODAY)
    assert {(f.rule, eid) for eid, found in badged.items() for f in found} == expected
    for name in ("town.jpg", "rural.jpg", "next_day.jpg", "in_period.jpg"):
        assert ids[name] not in badged, name


def test_a_resized_copy_is_offered_as_a_probable_duplicate(portfolio, services, tmp_path):
    pytest.importorskip("ent_portfolio.media.image_hash")  # the perceptual hash, and the service that stores it
    photos = pytest.importorskip("ent_portfolio.services.photos")
    s = services
    work = s.works.create(title_th="ผลงาน", province="น่าน")
    folder = tmp_path / "photos"
    original = mf.photo(folder / "original.jpg", size=(800, 600), taken=datetime(2024, 6, 10, 10, 0),
                        gps=mf.NAN_TOWN, seed=11)
    with Image.open(original) as image:
        exif = image.getexif()
        image.resize((400, 300)).save(folder / "resized.jpg", quality=60, exif=exif)
    other = Image.new("RGB", (800, 600), (240, 230, 40))  # another scene: light, a dark band down the right
    other.paste((30, 30, 30), (560, 0, 800, 600))
    other.save(folder / "other.jpg", quality=90,
               exif=mf.make_exif(datetime(2024, 6, 10, 10, 5), mf.NAN_TOWN, make="Apple", model="iPhone 13"))
    ids = {}
    for name in ("original.jpg", "resized.jpg", "other.jpg"):  # one at a time: the import order is known
        one = tmp_path / name.removesuffix(".jpg")
        one.mkdir()
        (one / name).write_bytes((folder / name).read_bytes())
        ids.update(_import(portfolio, work.id, one))
    photos.analyse_photos(portfolio)
    assert all(s.evidence.get(i).image_hash for i in ids.values())
    assert _plausibility(portfolio) == {("evidence.probable_duplicate", ids["resized.jpg"])}
