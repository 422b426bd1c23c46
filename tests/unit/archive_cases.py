"""What the hostile archive tests share: a small portfolio that uses every
kind of record and its good export, the target they import into, a snapshot
that hashes every file of a folder, and the pieces hostile archives are
built from."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import media_fixtures

from ent_portfolio.archive import exchange, export_archive, read_archive_document
from ent_portfolio.archive.validate import TABLES
from ent_portfolio.services import Services
from ent_portfolio.services.frameworks import set_work_frameworks
from ent_portfolio.storage.portfolio import Portfolio


def fill(s: Services, scratch: Path) -> None:
    """Every table gets rows, every foreign key a value (the hostile cases
    below change them one by one)."""
    profile = s.profile.current()
    s.profile.update(profile.id, name_th="ดร.สมหญิง รักถิ่น", name_en="Somying Rakthin", academic_title="อาจารย์",
                     faculty="คณะเกษตรศาสตร์", university="มหาวิทยาลัยขอนแก่น", orcid="0000-0002-1825-0097")
    s.degrees.create(profile_id=profile.id, level="ปริญญาเอก", name="ปร.ด. (พืชไร่)", institution="มข.", year=2014)
    s.appointments.create(profile_id=profile.id, position="อาจารย์", organisation="คณะเกษตรศาสตร์",
                          start_date="2015-06-01")
    portrait = media_fixtures.photo(scratch / "portrait.jpg", size=(120, 160))
    sha, _size, _new = s.portfolio.store.add_file(portrait)
    s.profile.update(profile.id, photo_sha256=sha)
    heading = s.section_templates.list()[0]
    s.section_templates.update(heading.id, title_th="บทคัดย่อ (ฉบับคณะ)")
    work = s.works.create(title_th="ผักปลอดภัยบ้านโนนสวรรค์", province="ขอนแก่น", missions=["research"],
                          start_date="2023-05-01", latitude="16.4419", longitude="102.8360", students_count=12)
    s.works.set_section(work.id, heading.key, "<p>บทคัดย่อ</p>")
    partner = s.partners.create(name_th="วิสาหกิจชุมชนผักปลอดภัย", partner_type="community_of_interest")
    s.contacts.create(partner_id=partner.id, name="นางสมใจ ใจดี", consent=True)
    s.work_partners.create(work_id=work.id, partner_id=partner.id, role="co_designer")
    activity = s.activities.create(work_id=work.id, date="2023-06-01", title="ประชุมกลุ่ม", participants_total=35,
                                   participant_groups={"female": 21, "male": 14})
    indicator = s.indicators.create(work_id=work.id, name_th="รายได้", baseline_value="12000.50", target_value="18000")
    s.measurements.create(indicator_id=indicator.id, date="2024-01-01", value="15000")
    s.fundings.create(work_id=work.id, source="สกสว.", amount_baht="250000", fiscal_year=2566)
    field_photo = media_fixtures.photo(scratch / "field.jpg")
    letter = media_fixtures.noisy_png(scratch / "letter.png")
    photo_ev = s.evidence.add_file(work.id, field_photo, kind="photo", caption="แปลงผัก", activity_id=activity.id,
                                   indicator_id=indicator.id, latitude="16.4419", longitude="102.836")
    scan = s.evidence.add_file(work.id, letter, kind="scan")
    t = s.testimonials.create(work_id=work.id, partner_id=partner.id, person_name="นายสมชาย",
                              kind="certification", letter_evidence_id=scan.id, consent=True)
    s.evidence.update(scan.id, testimonial_id=t.id)  # a cycle between the two tables
    s.evidence.update(photo_ev.id, testimonial_id=t.id)
    s.disseminations.create(work_id=work.id, citation="รายงานฉบับสมบูรณ์", date="2024-03-01")
    s.contributors.create(work_id=work.id, name="ดร.สมหญิง รักถิ่น", is_applicant=True, percentage="60")
    set_work_frameworks(s.portfolio, work.id, "sdg", ["2", "2.4"])


def export_good_archive(tmp_path_factory) -> Path:
    """The small portfolio's export, made once per test module (its ``good`` fixture)."""
    folder = tmp_path_factory.mktemp("source")
    with Portfolio.create(folder / "portfolio") as portfolio:
        fill(Services(portfolio), folder)
        # Version 1: the hostile cases edit its one document.
        archive = export_archive(portfolio, folder / "good.entp", format_version=1)
    records = read_archive_document(archive)["records"]
    assert all(records[table] for table in TABLES), "every table has a row to make hostile"
    return archive


def create_empty_portfolio(tmp_path_factory) -> Path:
    """A new portfolio to copy, made once per test module (its ``empty_copy_source`` fixture)."""
    folder = tmp_path_factory.mktemp("empty") / "portfolio"
    Portfolio.create(folder).close()
    return folder


@contextmanager
def open_target(empty_copy_source, tmp_path):
    """A copy of the new portfolio with one work of its own, open to import into (its ``target`` fixture)."""
    folder = shutil.copytree(empty_copy_source, tmp_path / "target")
    with Portfolio.open(folder) as portfolio:
        Services(portfolio).works.create(title_th="ผลงานที่มีอยู่ก่อน")
        yield portfolio


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``: its bytes' hash, or "folder"."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            found[os.path.relpath(os.path.join(root, name), folder) + "/"] = "folder"
        for name in files:
            path = os.path.join(root, name)
            if name.endswith("-shm"):
                found[os.path.relpath(path, folder)] = "present"
                continue
            with open(path, "rb") as handle:
                found[os.path.relpath(path, folder)] = hashlib.sha256(handle.read()).hexdigest()
    return found


def read_parts(archive: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(archive) as z:
        document = json.loads(z.read(exchange.DOCUMENT_NAME))
        files = {n[len(exchange.FILES_PREFIX):]: z.read(n) for n in z.namelist() if n.startswith(exchange.FILES_PREFIX)}
    return document, files


def write_zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]],
              compression: int = zipfile.ZIP_DEFLATED) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": on purpose
        with zipfile.ZipFile(path, "w", compression=compression) as z:
            for name, data in entries:
                z.writestr(name, data)
    return path


def document_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def from_parts(path: Path, document: dict | bytes, files: dict[str, bytes]) -> Path:
    data = document if isinstance(document, bytes) else document_bytes(document)
    return write_zip(path, [(exchange.DOCUMENT_NAME, data)] +
                     [(exchange.FILES_PREFIX + sha, blob) for sha, blob in files.items()])


Edit = Callable[[dict, dict[str, bytes]], "bytes | None"]


def edited(edit: Edit) -> Callable[[Path, Path], Path]:
    """A builder that changes the document (and files) of the good archive;
    ``edit`` may return raw document bytes instead of changing the dict."""
    def build(good: Path, out: Path) -> Path:
        document, files = read_parts(good)
        raw = edit(document, files)
        return from_parts(out, raw if raw is not None else document, files)
    return build


def patched_member(
    good: Path, out: Path, member: str, patch: Callable[[bytearray, zipfile.ZipInfo, int], None]
) -> Path:
    """The good archive with bytes of one member's headers changed in place:
    ``patch(data, info, central_offset)``."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(member)
        end = data.rfind(b"PK\x05\x06")
        central = struct.unpack("<I", data[end + 16:end + 20])[0]
        # Find this member's central directory entry.
        offset = central
        while data[offset:offset + 4] == b"PK\x01\x02":
            name_len, extra_len, comment_len = struct.unpack("<HHH", data[offset + 28:offset + 34])
            if data[offset + 46:offset + 46 + name_len].decode() == member:
                break
            offset += 46 + name_len + extra_len + comment_len
    patch(data, info, offset)
    out.write_bytes(bytes(data))
    return out


def compression_method(method: int) -> Callable[[Path, Path], Path]:
    def build(good: Path, out: Path) -> Path:
        def patch(data, info, central):
            data[info.header_offset + 8:info.header_offset + 10] = struct.pack("<H", method)
            data[central + 10:central + 12] = struct.pack("<H", method)
        return patched_member(good, out, exchange.DOCUMENT_NAME, patch)
    return build
