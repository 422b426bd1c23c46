"""Issue 17's "done when", walked end to end on the demo: a handful of photos
added as a lecturer adds them (one on each wrong side of each check, a
re-encoded copy of a demo photo, a plausible control, and a real photo with
a face whose consent nobody asked), analysed, checked, exported.

The readiness check must name exactly the implausible ones, and the
dossier's evidence package must carry the face blurred."""

from __future__ import annotations

import importlib.resources
import io
import json
import math
import random
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from media_fixtures import make_exif
from PIL import Image, ImageDraw

from ent_portfolio.demo import work_nan
from ent_portfolio.domain import models as m
from ent_portfolio.readiness import check_readiness
from ent_portfolio.readiness.plausibility import PLAUSIBILITY_RULES
from ent_portfolio.services import Services
from ent_portfolio.services.importer import import_evidence
from ent_portfolio.services.photos import analyse_photos

ASTRONAUT = importlib.resources.files("skimage") / "data" / "astronaut.png"
#: The Nan work's own coordinates, and a point in Phayao about 120 km west.
AREA = (work_nan.LAT, work_nan.LON)
FAR = (19.16, 100.02)
TODAY = date(2026, 6, 1)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _field_photo(path: Path, seed: int, taken: datetime | None, gps: tuple[float, float] | None) -> Path:
    """A photo of its own content (blocks placed by the seed), so that no two
    of these hash alike, with the EXIF a phone writes."""
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(600), rng.randrange(440)
        draw.rectangle((x, y, x + rng.randrange(40, 300), y + rng.randrange(40, 240)),
                       fill=tuple(rng.randrange(256) for _ in range(3)))
    image.save(path, "JPEG", quality=90, exif=make_exif(taken, gps, make="Samsung", model="Galaxy A54 5G"))
    return path


def _reencoded(source: Path, path: Path) -> Path:
    """What a chat app makes of a photo: smaller, recompressed, EXIF kept."""
    with Image.open(source) as image:
        exif = image.info.get("exif", b"")
        smaller = image.resize((image.width * 3 // 5, image.height * 3 // 5), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        smaller.save(buffer, "JPEG", quality=70, exif=exif)
    path.write_bytes(buffer.getvalue())
    return path


def _import(portfolio, work_id: str, files: list[Path], activity_id: str | None = None) -> dict[str, str]:
    result = import_evidence(portfolio, work_id, files, activity_id=activity_id)
    assert not result.refused, [o.message("en") for o in result.refused]
    return {o.path.name: o.evidence_id for o in result.outcomes}


@pytest.fixture
def walked(demo, tmp_path):
    services = Services(demo)
    work = next(w for w in services.works.list() if w.title_th == work_nan.WORK["title_th"])
    activities = {a.date.isoformat(): a for a in services.activities.list(work_id=work.id)}
    iodine = activities["2023-08-22"]  # 22–23 August 2023
    assert (iodine.end_date, work.end_date) == (date(2023, 8, 23), date(2024, 9, 30))
    demo_photo = next(e for e in services.evidence.list(work_id=work.id) if e.kind == "photo")

    files = tmp_path / "added"
    files.mkdir()
    near = (AREA[0] + 0.004, AREA[1] - 0.003)
    linked = [
        _field_photo(files / "off_activity.jpg", 1, datetime(2023, 8, 26, 10, 5), near),  # 3 days after its end
        _field_photo(files / "control.jpg", 2, datetime(2023, 8, 23, 15, 30), near),
    ]
    loose = [
        _field_photo(files / "off_period.jpg", 3, datetime(2024, 10, 20, 9, 0), near),  # 20 days after the period
        _field_photo(files / "far.jpg", 4, datetime(2024, 2, 2, 11, 0), FAR),
        _field_photo(files / "no_date.jpg", 5, None, near),
        _field_photo(files / "future.jpg", 6, datetime(2035, 1, 10, 10, 0), near),
        _reencoded(demo.store.path_for(demo_photo.sha256), files / "resent.jpg"),
    ]
    astronaut = files / "astronaut.png"
    with importlib.resources.as_file(ASTRONAUT) as source:
        shutil.copyfile(source, astronaut)
    loose.append(astronaut)
    ids = {**_import(demo, work.id, linked, iodine.id), **_import(demo, work.id, loose)}
    analysis = analyse_photos(demo)
    return dict(portfolio=demo, services=services, work=work, ids=ids, demo_photo=demo_photo, analysis=analysis)


def test_the_check_names_exactly_the_implausible_photos(walked):
    assert 115 < _km(AREA, FAR) < 125
    ids = walked["ids"]
    analysis = walked["analysis"]
    assert not analysis.failed and analysis.looked >= len(ids)
    report = check_readiness(walked["portfolio"], today=TODAY)
    names = {evidence_id: name for name, evidence_id in ids.items()}
    found = {(f.rule, names.get(f.target.id, f.target.id)) for f in report.findings if f.rule in PLAUSIBILITY_RULES}
    expected = {
        ("evidence.date_vs_activity", "off_activity.jpg"),
        ("evidence.date_vs_period", "off_period.jpg"),
        ("evidence.place_vs_area", "far.jpg"),
        ("evidence.no_capture_date", "no_date.jpg"),
        ("evidence.no_capture_date", "astronaut.png"),  # a picture from a package carries no EXIF
        ("evidence.implausible_date", "future.jpg"),
        ("evidence.date_vs_period", "future.jpg"),  # 2035 is also long after the work's period
        ("evidence.probable_duplicate", "resent.jpg"),
    }
    assert found == expected


def test_the_unconsented_face_is_found_and_blurred_in_the_package(walked, tmp_path):
    from ent_portfolio.dossier import DossierConfig
    from ent_portfolio.dossier.export import export

    portfolio, ids = walked["portfolio"], walked["ids"]
    with portfolio.reader() as session:
        astronaut = session.get(m.Evidence, ids["astronaut.png"])
        assert astronaut.people_consent == "unknown" and len(astronaut.face_boxes) >= 1
        consented_without_faces = {e.sha256 for e in session.query(m.Evidence)
                                   if e.kind == "photo" and e.people_consent == "given" and e.face_boxes == []}
    assert consented_without_faces
    export(portfolio, DossierConfig(work_ids=[walked["work"].id]), tmp_path / "d.pdf", package=tmp_path / "d.zip")
    with zipfile.ZipFile(tmp_path / "d.zip") as zf:
        files = json.loads(zf.read("manifest.json"))["files"]
    by_original = {f["stored_sha256"]: f for f in files}
    blurred = by_original[astronaut.sha256]
    assert blurred["faces_blurred"] >= 1 and blurred["sha256"] != astronaut.sha256
    kept = [f for sha, f in by_original.items() if sha in consented_without_faces]
    assert kept and all(f["faces_blurred"] == 0 for f in kept)
    with portfolio.reader() as session:  # the original in the store never changes
        assert portfolio.store.verify(session.get(m.Evidence, ids["astronaut.png"]).sha256)
