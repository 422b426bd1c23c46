"""How long the faculty report takes on a large faculty database: reading
its numbers (``gather_report``), the PDF and the workbook, on SQLite and on
PostgreSQL, at several sizes, to see how it grows.

``time_report(url, out_dir)`` times the three on a database already loaded
(the load benchmark calls it after loading its archives).  Run alone, this
fills a database straight with rows shaped like a real load's (each work
with ten evidence items, four indicators of three measurements, four
activities, two testimonials, two partners and three SDG ticks) — the
report reads rows, not archives, so how they got there does not change its
time — and prints seconds per step:

    python -m benchmarks faculty_report_timing -- [--lecturers 50 500] [--works 10] [--no-postgres]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from ent_portfolio.domain import models as m  # noqa: E402
from ent_portfolio.faculty.database import open_faculty_database  # noqa: E402
from ent_portfolio.faculty.models import FacultyLecturer, FacultyWork  # noqa: E402
from ent_portfolio.faculty.report_data import gather_report  # noqa: E402
from ent_portfolio.faculty.report_pdf import write_report_pdf  # noqa: E402
from ent_portfolio.faculty.report_xlsx import write_report_xlsx  # noqa: E402

PROVINCES = ["น่าน", "เชียงใหม่", "ลำพูน", "ขอนแก่น", "สงขลา", "ภูเก็ต", "อุดรธานี", "", "พะเยา", "แพร่"]
TYPES = ["geographic_community", "school", "local_government", "ngo", "business", "government"]
PRINCIPLES = ["partnership", "mutual_benefit", "knowledge", "impact"]
SDG = ["1", "2", "2.4", "3", "4", "4.7", "6", "11", "12", "17"]


def time_report(url: str, out_dir: Path, year_be: int | None = None) -> dict[str, float]:
    """Seconds to gather the numbers, write the PDF and write the workbook."""
    engine = open_faculty_database(url)
    try:
        started = time.perf_counter()
        report = gather_report(engine, year_be)
        gathered = time.perf_counter()
    finally:
        engine.dispose()
    pages = write_report_pdf(report, out_dir / "report.pdf")
    pdf_done = time.perf_counter()
    write_report_xlsx(report, out_dir / "report.xlsx")
    xlsx_done = time.perf_counter()
    return {"works": report.works, "pages": pages, "gather_s": gathered - started, "pdf_s": pdf_done - gathered,
            "xlsx_s": xlsx_done - pdf_done}


def _ids(n: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(n)]


def fill(url: str, lecturers: int, works_per: int, seed: int = 1) -> None:
    """``lecturers`` × ``works_per`` works straight into the database at ``url``."""
    rng = random.Random(seed)
    now = datetime(2025, 1, 1)
    engine = open_faculty_database(url)
    rows: dict[type, list[dict]] = {t: [] for t in (m.Profile, m.Work, m.Partner, m.WorkPartner, m.Activity,
                                                     m.Indicator, m.Measurement, m.Evidence, m.Testimonial,
                                                     m.WorkFramework, FacultyLecturer, FacultyWork)}
    for n in range(lecturers):
        key, profile = str(uuid.uuid4()), str(uuid.uuid4())
        rows[m.Profile].append({"id": profile, "name_th": f"อาจารย์ทดสอบ {n}"})
        rows[FacultyLecturer].append({"id": key, "profile_id": profile, "name_th": f"อาจารย์ทดสอบ {n}",
                                      "faculty": "คณะตัวอย่าง", "department": f"ภาควิชา {n % 7}",
                                      "university": "มหาวิทยาลัยตัวอย่าง", "archive_sha256": "0" * 64,
                                      "archive_exported_at": now, "loaded_at": now, "works_count": works_per})
        partners = _ids(2)
        for pid in partners:
            rows[m.Partner].append({"id": pid, "name_th": "ภาคี", "partner_type": rng.choice(TYPES),
                                    "province": rng.choice(PROVINCES)})
        for w in range(works_per):
            work = str(uuid.uuid4())
            start = date(2021, 1, 1) + timedelta(days=rng.randrange(1500))
            rows[m.Work].append({"id": work, "title_th": f"ผลงาน {n}-{w}", "start_date": start,
                                 "end_date": start + timedelta(days=rng.randrange(60, 700)),
                                 "status": rng.choice(["planned", "ongoing", "completed"]),
                                 "claimed_level": rng.choice([None, "good", "very_good", "excellent"])})
            rows[FacultyWork].append({"work_id": work, "lecturer_id": key, "ready_for_promotion": rng.random() < 0.3})
            rows[m.WorkPartner] += [{"work_id": work, "partner_id": pid} for pid in partners]
            rows[m.WorkFramework] += [{"work_id": work, "framework": "sdg", "code": c} for c in rng.sample(SDG, 3)]
            rows[m.Activity] += [{"work_id": work, "date": start, "participants_total": 30,
                                  "participant_groups": {"female": 18, "male": 12}} for _ in range(4)]
            rows[m.Evidence] += [{"work_id": work, "sha256": f"{rng.getrandbits(256):064x}",
                                  "principles": rng.sample(PRINCIPLES, 2)} for _ in range(10)]
            rows[m.Testimonial] += [{"work_id": work, "principle": rng.choice(PRINCIPLES), "consent": True}
                                    for _ in range(2)]
            for indicator in _ids(4):
                rows[m.Indicator].append({"id": indicator, "work_id": work, "baseline_value": 10})
                rows[m.Measurement] += [{"indicator_id": indicator, "date": start + timedelta(days=90 * k),
                                         "value": rng.choice([5, 15, 25])} for k in range(3)]
    with engine.begin() as db:
        for model, values in rows.items():
            for first in range(0, len(values), 5000):
                db.execute(insert(model), values[first:first + 5000])
    engine.dispose()


def _runs(args) -> list[tuple[str, int]]:
    dialects = ["sqlite"] + ([] if args.no_postgres else ["postgresql"])
    return [(dialect, n) for n in args.lecturers for dialect in dialects]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lecturers", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--works", type=int, default=10)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    cluster = None
    if not args.no_postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "faculty"))
        from postgres_server import start_cluster

        cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory(prefix="ent-faculty-report-") as tmp:
            for dialect, lecturers in _runs(args):
                name = f"r{lecturers}"
                url = cluster.create_database(name) if dialect == "postgresql" else str(Path(tmp) / f"{name}.sqlite3")
                started = time.perf_counter()
                fill(url, lecturers, args.works)
                filled = time.perf_counter() - started
                out = Path(tmp) / f"{dialect}-{name}"
                out.mkdir()
                t = time_report(url, out)
                print(f"{dialect:10} {lecturers:4} lecturers × {args.works} works = {t['works']:,} works "
                      f"(filled in {filled:.1f} s): gather {t['gather_s']:.2f} s, PDF {t['pdf_s']:.2f} s "
                      f"({t['pages']} pages), xlsx {t['xlsx_s']:.2f} s, total "
                      f"{t['gather_s'] + t['pdf_s'] + t['xlsx_s']:.2f} s", flush=True)
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
