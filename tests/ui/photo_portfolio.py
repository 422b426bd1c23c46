"""A portfolio for the photo tests of the windows (issue 17), built on the
spot: one work with one activity and photos made here with the EXIF dates
each test needs — one taken on the activity's day, one two weeks later, one
with no capture date (as a chat app leaves it) — imported as a lecturer
imports them."""

from __future__ import annotations

import importlib.resources
import shutil
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw

from ent_portfolio.services import Services
from ent_portfolio.services.importer import import_evidence
from ent_portfolio.storage.portfolio import Portfolio

ACTIVITY_DAY = "2024-03-04"
#: name -> capture date written into the photo's EXIF (None: none at all).
PHOTOS = {
    "on_day": datetime(2024, 3, 4, 10, 15),
    "late": datetime(2024, 3, 20, 10, 15),
    "undated": None,
}
ASTRONAUT = importlib.resources.files("skimage") / "data" / "astronaut.png"


def make_photo(path: Path, taken: datetime | None, seed: int, size=(960, 720)) -> Path:
    """A JPEG whose pixels differ by ``seed`` (no two hash alike) with ``taken`` as its EXIF date."""
    image = Image.new("RGB", size, (60 + seed * 40, 110, 160 - seed * 30))
    draw = ImageDraw.Draw(image)
    for n in range(6):
        left = (seed * 97 + n * 151) % (size[0] - 120)
        top = (seed * 53 + n * 89) % (size[1] - 120)
        draw.rectangle((left, top, left + 110, top + 90), fill=((n * 70 + seed * 30) % 256, 200 - n * 20, n * 40))
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    image.save(path, "JPEG", exif=exif, quality=90)
    return path


def copy_astronaut(folder: Path) -> Path:
    """A public-domain photo with one frontal face, shipped inside a package."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "astronaut.png"
    with importlib.resources.as_file(ASTRONAUT) as source:
        shutil.copyfile(source, target)
    return target


def build_field_portfolio(template: Path, folder: Path, files: Path) -> tuple[Path, str, dict[str, str]]:
    """(folder, work id, photo name -> evidence id); the photos said to be
    taken at the activity are linked to it."""
    shutil.copytree(template, folder)
    files.mkdir(parents=True, exist_ok=True)
    portfolio = Portfolio.open(folder)
    try:
        services = Services(portfolio)
        work = services.works.create(title_th="ตรวจน้ำบ้านหนองบัว", title_en="Water checks at Ban Nong Bua",
                                     start_date="2024-01-01", end_date="2024-12-31")
        activity = services.activities.create(work_id=work.id, date=ACTIVITY_DAY, title="เวทีประชาคม")
        paths = [make_photo(files / f"{name}.jpg", taken, seed) for seed, (name, taken) in enumerate(PHOTOS.items())]
        result = import_evidence(portfolio, work.id, paths)
        ids = dict(zip(PHOTOS, result.evidence_ids))
        for name in ("on_day", "late"):
            services.evidence.update(ids[name], activity_id=activity.id)
    finally:
        portfolio.close()
    return folder, work.id, ids
