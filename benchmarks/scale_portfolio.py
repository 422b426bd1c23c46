"""Portfolios of N works for the scale benchmark, built the way a faculty's
would arrive: through the archive format and the app's own import.

One work is made through the services (nine sections, four indicators with
measurements, activities, a partner, a testimonial, ten photos with EXIF),
exported as an archive document, and replicated N times with fresh ids and
fresh photos — each photo distinct (its own pixels, hash and EXIF date), so
checks that compare photos see a real faculty's variety, not one picture
50,000 times.  All N works go into one archive of format version 2, written
table by table as the export writes it (each work's ids are derived from its
number, so a table's rows are made again for each member without keeping
the others), and the app's own restore imports it.

Built portfolios are kept under the system temp folder, keyed by size, app
version and schema revision, so the second run of the benchmark starts at
once; :func:`working_copy` gives each run its own copy to open and change.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PHOTOS_PER_WORK = 10
INDICATORS_PER_WORK = 4
MEASUREMENTS_PER_INDICATOR = 3
ACTIVITIES_PER_WORK = 4
PHOTO_SIZE = (480, 360)
#: Bumped when what a built portfolio holds changes, so old caches are not reused.
LAYOUT = 1
READY_MARK = "built.json"

# Tables whose rows belong to one work and are replicated per work; the rest
# (profile, headings, the partner) are shared by every work.
WORK_TABLES = ("work", "work_section", "funding", "work_partner", "activity", "indicator", "measurement",
               "testimonial", "evidence", "dissemination", "contributor")

PARAGRAPH = ("ชุมชนร่วมวางแผนการจัดการน้ำกับคณะทำงานของมหาวิทยาลัย เก็บข้อมูลปริมาณน้ำและคุณภาพน้ำทุกไตรมาส "
             "แล้วนำผลมาพิจารณาร่วมกันในเวทีประชาคมหมู่บ้าน เพื่อปรับกติกาการใช้น้ำให้เป็นธรรมกับทุกครัวเรือน")


def cache_root() -> Path:
    return Path(tempfile.gettempdir()) / "ent-portfolio-bench-scale"


def cache_folder(works: int) -> Path:
    from ent_portfolio import __version__
    from ent_portfolio.storage.portfolio import head_revision

    return cache_root() / f"{works}-works-v{__version__}-{head_revision()}-layout{LAYOUT}"


# --- photos -------------------------------------------------------------------

def photo_bytes(rng: random.Random, taken: datetime, lat: float, lon: float) -> bytes:
    """A small smooth picture (a few random colours blown up, so it compresses
    like a photo and its perceptual hash differs from every other) with the
    EXIF a phone writes."""
    from PIL import Image

    from ent_portfolio.demo.photos import photo_exif

    cells = Image.new("RGB", (4, 3))
    cells.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(12)])
    picture = cells.resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=80, exif=photo_exif(taken, lat, lon, "Samsung", "Galaxy A54 5G"))
    return out.getvalue()


# --- the seed work ----------------------------------------------------------------

def _seed_document(folder: Path) -> dict:
    """The archive document of a portfolio holding one complete work."""
    from ent_portfolio.archive.exchange import build_document
    from ent_portfolio.domain import models as m
    from ent_portfolio.services import Services
    from ent_portfolio.storage.portfolio import Portfolio

    with Portfolio.create(folder) as portfolio:
        s = Services(portfolio)
        s.profile.update(s.profile.current().id, name_th="สมศรี ใจดี", name_en="Somsri Jaidee",
                         faculty="คณะสังคมศาสตร์", university="มหาวิทยาลัยตัวอย่าง")
        partner = s.partners.create(name_th="วิสาหกิจชุมชนบ้านหนองบัว", province="น่าน", mou_date=date(2021, 5, 1))
        s.contacts.create(partner_id=partner.id, name="นายสมชาย ใจงาม", position="ประธานวิสาหกิจ", consent=True)
        work = s.works.create(
            title_th="การจัดการน้ำโดยชุมชนบ้านหนองบัว", title_en="Community water management at Ban Nong Bua",
            status="completed", start_date=date(2021, 6, 1), end_date=date(2023, 5, 31), province="น่าน",
            district="เมืองน่าน", subdistrict="ในเวียง", village="บ้านหนองบัว", missions=["teaching", "research"],
            students_count=24, problem_statement=PARAGRAPH, problem_co_designed=True, partnership_text=PARAGRAPH,
            benefit_community_text=PARAGRAPH, benefit_university_text=PARAGRAPH, knowledge_text=PARAGRAPH,
            impact_text=PARAGRAPH, impact_summary=PARAGRAPH)
        with portfolio.reader() as session:
            keys = [t.key for t in session.query(m.SectionTemplate).order_by(m.SectionTemplate.position)]
        for key in keys:
            s.works.set_section(work.id, key, f"<p>{PARAGRAPH}</p>\n<p>{PARAGRAPH}</p>")
        s.fundings.create(work_id=work.id, source="กองทุนส่งเสริมวิทยาศาสตร์ วิจัยและนวัตกรรม",
                          amount_satang=35_000_000, fiscal_year=2564)
        s.work_partners.create(work_id=work.id, partner_id=partner.id, role="co_designer",
                               description="ร่วมกำหนดโจทย์และเก็บข้อมูล")
        activities = [s.activities.create(work_id=work.id, date=date(2021, 6, 15) + timedelta(days=90 * a),
                                          kind="co_planning" if a == 0 else "workshop",
                                          title=f"เวทีประชาคมครั้งที่ {a + 1}", place="ศาลาหมู่บ้าน",
                                          participants_total=30 + a).id
                      for a in range(ACTIVITIES_PER_WORK)]
        indicators = []
        for i in range(INDICATORS_PER_WORK):
            indicator = s.indicators.create(work_id=work.id, sort_order=i + 1, name_th=f"ครัวเรือนที่ใช้น้ำตามกติกา {i + 1}",
                                            unit="ครัวเรือน", level="outcome", baseline_value=10 + i,
                                            baseline_date=date(2021, 6, 1), target_value=40 + i,
                                            target_date=date(2023, 5, 31))
            indicators.append(indicator.id)
            for k in range(MEASUREMENTS_PER_INDICATOR):
                s.measurements.create(indicator_id=indicator.id, date=date(2022, 1, 1) + timedelta(days=150 * k),
                                      value=15 + i + 10 * k, source="ทะเบียนผู้ใช้น้ำ", method="นับจากทะเบียน")
        rng = random.Random("seed")
        with tempfile.TemporaryDirectory() as tmp:
            for n in range(PHOTOS_PER_WORK):
                taken = datetime(2022, 3, 1, 9, 0) + timedelta(days=7 * n)
                path = Path(tmp) / taken.strftime(f"%Y%m%d_%H%M%S_{n}.jpg")
                path.write_bytes(photo_bytes(rng, taken, 18.78, 100.77))
                s.evidence.add_file(work.id, path, kind="photo", media_type="image/jpeg", date_taken=taken,
                                    caption=f"ชาวบ้านร่วมสำรวจแหล่งน้ำ ภาพที่ {n + 1}", place="บ้านหนองบัว",
                                    latitude="18.780000", longitude="100.770000", camera="Galaxy A54 5G",
                                    width=PHOTO_SIZE[0], height=PHOTO_SIZE[1], people_consent="given",
                                    principles=["partnership", "impact"], activity_id=activities[n % len(activities)],
                                    indicator_id=indicators[n % len(indicators)])
        s.testimonials.create(work_id=work.id, partner_id=partner.id, kind="testimonial", person_name="นายสมชาย ใจงาม",
                              organisation="วิสาหกิจชุมชนบ้านหนองบัว", date=date(2023, 6, 1), quote=PARAGRAPH,
                              claim="ชุมชนใช้กติกาการใช้น้ำต่อเอง", consent=True, consent_date=date(2023, 6, 1))
        s.disseminations.create(work_id=work.id, kind="journal_article", date=date(2023, 9, 1),
                                citation="สมศรี ใจดี. (2566). การจัดการน้ำโดยชุมชน. วารสารบริการวิชาการ, 12(2), 1–15.")
        s.contributors.create(work_id=work.id, name="สมศรี ใจดี", is_applicant=True, status="main_author",
                              roles=["idea", "design", "writing"], signature_status="signed")
        return build_document(portfolio)


_IDS = uuid.UUID("5b0c1d2e-3f40-4a51-8b62-7c8d9e0fa1b2")


def _work_rows(seed: dict, table: str, number: int, photos: list[dict]) -> Iterator[dict]:
    """The rows of ``table`` for work ``number``: the seed work's under ids
    derived from the number (the same in every table's pass)."""
    records = seed["records"]
    seed_ids = seed["_work_ids"]
    shift = timedelta(days=number % 700)
    evidence = iter(photos)
    for row in records.get(table, []):
        new = {key: (str(uuid.uuid5(_IDS, f"{number}/{value}")) if value in seed_ids else value)
               if isinstance(value, str) else value for key, value in row.items()}
        if table == "work":
            new["title_th"] = f"{row['title_th']} ระยะที่ {number + 1}"
            new["title_en"] = f"{row['title_en']}, phase {number + 1}"
            new["sort_order"] = number
        if table == "evidence":
            photo = next(evidence)
            taken = datetime.fromisoformat(row["date_taken"]) + shift
            new.update(sha256=photo["sha256"], size=photo["size"], date_taken=taken.isoformat(),
                       original_name=taken.strftime("%Y%m%d_%H%M%S.jpg"), face_boxes=[],
                       image_hash=photo["image_hash"])
        yield new


def _work_photos(seed: dict, number: int) -> Iterator[tuple[bytes, dict]]:
    """Work ``number``'s photos: the bytes, and what its evidence rows say of them."""
    from PIL import Image

    from ent_portfolio.media.image_hash import image_hash_of

    rng = random.Random(f"work-{number}")
    shift = timedelta(days=number % 700)
    for row in seed["records"].get("evidence", []):
        taken = datetime.fromisoformat(row["date_taken"]) + shift
        data = photo_bytes(rng, taken, 18.78, 100.77)
        yield data, {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                     "image_hash": image_hash_of(Image.open(io.BytesIO(data)))}


def write_archive(seed: dict, works: int, target: Path, log=print) -> None:
    """An archive (format version 2) of ``works`` copies of the seed work,
    written member by member: the photos first (what each work's evidence
    rows need of them is kept, a few numbers a photo), then each table."""
    from ent_portfolio.archive import stream
    from ent_portfolio.archive.members import FILES_PREFIX

    seed = dict(seed, _work_ids={row["id"] for table in WORK_TABLES for row in seed["records"].get(table, [])})
    started = time.perf_counter()
    photos: list[list[dict]] = []
    counts: dict[str, int] = {}
    with zipfile.ZipFile(target, "w") as archive:
        for number in range(works):
            made = []
            for data, facts in _work_photos(seed, number):
                archive.writestr(FILES_PREFIX + facts["sha256"], data)
                made.append(facts)
            photos.append(made)
            if (number + 1) % 500 == 0:
                log(f"  photos of {number + 1:,} / {works:,} works ({time.perf_counter() - started:.0f} s)")
        for table, rows in seed["records"].items():
            lines = 0
            info = zipfile.ZipInfo(stream.table_member(table), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as out:
                if table not in WORK_TABLES:
                    made_rows: Iterator[dict] = iter(rows)
                else:
                    made_rows = (row for number in range(works)
                                 for row in _work_rows(seed, table, number, photos[number]))
                for row in made_rows:
                    out.write((json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
                    lines += 1
            counts[table] = lines
        listed = sorted({(p["sha256"], p["size"]) for made in photos for p in made}
                        | {(f["sha256"], f["size"]) for f in seed["files"]
                           if f["sha256"] not in {r["sha256"] for r in seed["records"]["evidence"]}})
        archive.writestr(stream.FILE_LIST_NAME, "".join(
            json.dumps({"sha256": sha, "size": size}) + "\n" for sha, size in listed))
        manifest = {key: seed[key] for key in ("format", "app_version", "schema_revision", "exported_at")}
        manifest.update(format_version=stream.FORMAT_VERSION, records=counts, files=len(listed))
        archive.writestr(stream.MANIFEST_NAME, json.dumps(manifest))


def build(works: int, folder: Path, log=print) -> dict:
    """A portfolio of ``works`` works in ``folder`` (which must not exist),
    through one archive and the app's restore."""
    from ent_portfolio.services.backup import restore_archive

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ent-scale-build-") as tmp:
        seed = _seed_document(Path(tmp) / "seed")
        archive = Path(tmp) / "portfolio.entp"
        write_archive(seed, works, archive, log)
        written = time.perf_counter()
        log(f"  archive of {works:,} works written ({written - started:.0f} s, "
            f"{archive.stat().st_size / 2**20:.0f} MB); importing")
        restore_archive(archive, folder)
        log(f"  imported ({time.perf_counter() - written:.0f} s)")
    return {"works": works, "photos": works * PHOTOS_PER_WORK, "build_seconds": round(time.perf_counter() - started, 1),
            "import_seconds": round(time.perf_counter() - written, 1)}


def cached(works: int, log=print) -> tuple[Path, dict]:
    """The cached portfolio of ``works`` works (built first if missing or
    half-built) and what its build recorded."""
    root = cache_folder(works)
    mark = root / READY_MARK
    if mark.exists():
        return root / "portfolio", json.loads(mark.read_text(encoding="utf-8"))
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    log(f"building a portfolio of {works:,} works in {root} (once; later runs reuse it)")
    facts = build(works, root / "portfolio", log)
    mark.write_text(json.dumps(facts), encoding="utf-8")
    return root / "portfolio", facts


def working_copy(source: Path, target: Path) -> Path:
    """A copy of the portfolio at ``source`` that a run may open for writing
    (backups, indexes) without changing the cache.  Stored evidence files
    never change once written, so they are hard-linked where the disk allows."""
    def link_or_copy(src: str, dst: str) -> None:
        if "/evidence/" in src.replace(os.sep, "/"):
            try:
                os.link(src, dst)
                return
            except OSError:
                pass
        shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link_or_copy)
    return target


def main(argv: list[str] | None = None) -> int:
    """``python benchmarks/scale_portfolio.py N``: the cached portfolio of N
    works (built if needed); its last line is JSON naming the folder and the
    build's facts.  The benchmark calls it as a separate process so its own
    memory stays small: a child process starts with its parent's peak resident
    size on Linux, which would hide every figure below it."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("works", type=int)
    args = parser.parse_args(argv)
    folder, facts = cached(max(args.works, 1), log=lambda line: print(line, file=sys.stderr, flush=True))
    print(json.dumps({"folder": str(folder), **facts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
