"""Fill an empty portfolio with the demo: a lecturer's three years of
community-engagement work, written through the services API only.

The content lives in the data modules (:mod:`.people_th`, :mod:`.work_nan`,
:mod:`.work_lamphun`, :mod:`.work_chiangmai`); the evidence files are drawn
by :mod:`.photos` and :mod:`.letters` into a temporary folder and added like
any imported file, then analysed (faces, perceptual hash) as an import
is.  Everything is seeded, so two builds hold the same text
and the same file hashes (record ids and creation times differ, as they
must)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import UserError
from ..i18n import register
from ..services import Services
from ..services.frameworks import set_work_frameworks
from ..services.photos import analyse_photos
from ..storage.layout import check_folder_path
from ..storage.portfolio import Portfolio
from . import people_th, work_chiangmai, work_lamphun, work_nan
from .drawing import seeded
from .letters import LetterSpec, render_letter
from .photos import PhotoSpec, render_photo

register({
    "demo.not_a_folder": (
        "“{path}” เป็นไฟล์ ไม่ใช่โฟลเดอร์ โปรดระบุโฟลเดอร์ว่างหรือชื่อโฟลเดอร์ใหม่สำหรับแฟ้มผลงานตัวอย่าง — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is a file, not a folder: name an empty or new folder for the demo portfolio. Nothing was changed.",
    ),
    "error.demo_not_empty": (
        "สร้างข้อมูลตัวอย่างได้เฉพาะในแฟ้มผลงานใหม่ที่ยังไม่มีผลงาน",
        "The demo can only be built into a new portfolio that has no works yet.",
    ),
})

#: The works in the order the dossier lists them.
WORK_MODULES: tuple[ModuleType, ...] = (work_nan, work_lamphun, work_chiangmai)


def create_demo_portfolio(folder: Path) -> None:
    """A new portfolio in ``folder`` (empty or new) holding the demo.

    Built beside ``folder`` and moved into place at the end, so an
    interrupted build leaves no half-made portfolio behind."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError("demo.not_a_folder", path=str(folder))
    check_folder_path(folder)  # before any folder is made for it
    if folder.exists() and any(folder.iterdir()):
        raise UserError("error.folder_not_empty", path=str(folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.building"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with Portfolio.create(staging) as portfolio:
            build_demo(portfolio)
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build_demo(portfolio: Portfolio) -> None:
    """Fill ``portfolio`` (freshly created, no works yet) with the demo."""
    services = Services(portfolio)
    if services.works.count():
        raise UserError("error.demo_not_empty")
    _profile(services)
    partner_ids = _partners(services)
    with tempfile.TemporaryDirectory(prefix="ent-demo-") as tmp:
        for order, module in enumerate(WORK_MODULES):
            _work(services, module, order, partner_ids, Path(tmp))
    # As after a lecturer's import: the photos' faces and hashes are known,
    # so the demo's dossier blurs and its readiness compares as a real one does.
    analyse_photos(portfolio)


# --- profile and partners -------------------------------------------------------

def _profile(s: Services) -> None:
    profile = s.profile.current()
    s.profile.update(profile.id, **people_th.PROFILE)
    for degree in people_th.DEGREES:
        s.degrees.create(profile_id=profile.id, **degree)
    for appointment in people_th.APPOINTMENTS:
        s.appointments.create(profile_id=profile.id, **appointment)


def _partners(s: Services) -> dict[str, str]:
    ids: dict[str, str] = {}
    for key, data in people_th.PARTNERS.items():
        fields = dict(data)
        contacts = fields.pop("contacts", [])
        partner = s.partners.create(**fields)
        for contact in contacts:
            s.contacts.create(partner_id=partner.id, **contact)
        ids[key] = partner.id
    return ids


# --- one work ----------------------------------------------------------------------

def section_html(paragraphs: list[str]) -> str:
    """The stored rich text of a section: one ``<p>`` per paragraph."""
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def _work(s: Services, mod: ModuleType, order: int, partner_ids: dict[str, str], tmp: Path) -> None:
    work = s.works.create(sort_order=order, **mod.WORK)
    for key, paragraphs in mod.SECTIONS.items():
        s.works.set_section(work.id, key, section_html(paragraphs))
    for funding in mod.FUNDINGS:
        s.fundings.create(work_id=work.id, **funding)
    for partner, role, description in mod.PARTNER_LINKS:
        s.work_partners.create(work_id=work.id, partner_id=partner_ids[partner], role=role, description=description)
    for framework_id, codes in mod.FRAMEWORKS.items():
        set_work_frameworks(s.portfolio, work.id, framework_id, codes)

    activity_ids: dict[str, str] = {}
    for data in mod.ACTIVITIES:
        fields = dict(data)
        key = fields.pop("key")
        activity_ids[key] = s.activities.create(work_id=work.id, **fields).id

    indicator_ids: dict[str, str] = {}
    for sort_order, data in enumerate(mod.INDICATORS, start=1):
        fields = dict(data)
        key = fields.pop("key")
        measurements = fields.pop("measurements")
        measured_by = fields.pop("measured_by", "")
        indicator = s.indicators.create(work_id=work.id, sort_order=sort_order, **fields)
        indicator_ids[key] = indicator.id
        for measurement in measurements:
            s.measurements.create(indicator_id=indicator.id, **{"measured_by": measured_by, **measurement})

    for number, photo in enumerate(mod.PHOTOS):
        _photo(s, mod, work.id, photo, number, activity_ids, indicator_ids, tmp)

    letter_ids: dict[str, str] = {}  # testimonial key -> evidence id of its scanned letter
    for letter in mod.LETTERS:
        letter_ids[letter["testimonial"]] = _letter(s, work.id, letter, tmp)

    for data in mod.TESTIMONIALS:
        fields = dict(data)
        key = fields.pop("key")
        partner = fields.pop("partner", None)
        letter_id = letter_ids.get(key)
        testimonial = s.testimonials.create(
            work_id=work.id, partner_id=partner_ids[partner] if partner else None,
            letter_evidence_id=letter_id, **fields,
        )
        if letter_id:  # the scan points back at the letter it is
            s.evidence.update(letter_id, testimonial_id=testimonial.id)

    for data in mod.DISSEMINATIONS:
        s.disseminations.create(work_id=work.id, **data)
    for sort_order, data in enumerate(mod.CONTRIBUTORS):
        s.contributors.create(work_id=work.id, sort_order=sort_order, **data)


# --- evidence files ------------------------------------------------------------------

def camera_name(make: str, model: str) -> str:
    return model if model.lower().startswith(make.lower()) else f"{make} {model}"


def phone_file_name(make: str, taken: datetime, number: int) -> str:
    """The name a phone of that make gives a photo, as lecturers' files have."""
    if make == "Apple":
        return f"IMG_{4210 + number * 7:04d}.JPG"
    if make == "OPPO":
        return taken.strftime("IMG%Y%m%d%H%M%S.jpg")
    if make == "Xiaomi":
        return taken.strftime("IMG_%Y%m%d_%H%M%S.jpg")
    return taken.strftime("%Y%m%d_%H%M%S.jpg")


def _photo(s: Services, mod: ModuleType, work_id: str, data: dict[str, Any], number: int,
           activity_ids: dict[str, str], indicator_ids: dict[str, str], tmp: Path) -> str:
    rng = seeded("gps", data["key"])
    # Within a few hundred metres of the work's area, as a phone records it.
    lat = round(mod.LAT + rng.uniform(-0.003, 0.003), 6)
    lon = round(mod.LON + rng.uniform(-0.003, 0.003), 6)
    taken = datetime.fromisoformat(data["taken"])
    make = data.get("make", "Samsung")
    model = data.get("model", "Galaxy A54 5G")
    orientation = data.get("orientation", 1)
    spec = PhotoSpec(key=data["key"], scene=data["scene"], taken=taken, latitude=lat, longitude=lon,
                     banner=data.get("banner", []), make=make, model=model, orientation=orientation)
    path = tmp / phone_file_name(make, taken, number)
    width, height = render_photo(spec, path)
    evidence = s.evidence.add_file(
        work_id, path,
        caption=data["caption"], kind="photo", media_type="image/jpeg", date_taken=taken,
        place=data["place"], latitude=f"{lat:.6f}", longitude=f"{lon:.6f}",
        camera=camera_name(make, model), orientation=orientation, width=width, height=height,
        principles=data.get("principles", []), people_consent=data.get("people_consent", "unknown"),
        activity_id=activity_ids[data["activity"]] if data.get("activity") else None,
        indicator_id=indicator_ids[data["indicator"]] if data.get("indicator") else None,
    )
    path.unlink()
    return evidence.id


def _letter(s: Services, work_id: str, data: dict[str, Any], tmp: Path) -> str:
    letter = dict(data["letter"])
    letter["date"] = date.fromisoformat(letter["date"])
    spec = LetterSpec(key=data["key"], **letter)
    path = tmp / data["file_name"]
    width, height = render_letter(spec, path)
    evidence = s.evidence.add_file(
        work_id, path,
        caption=data["caption"], kind="scan", media_type="image/jpeg",
        date_taken=datetime.fromisoformat(data["taken"]), place=data["place"],
        document_date=letter["date"],  # the date written on the letter, days before it was scanned
        width=width, height=height, principles=data.get("principles", []),
    )
    path.unlink()
    return evidence.id
