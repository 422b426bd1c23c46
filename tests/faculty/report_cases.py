"""Lecturers' archives for the faculty report's tests, and the report's
numbers counted straight from those archives' JSON.

Each archive is a real lecturer's portfolio made through the services
(so it passes every check a faculty load makes), with seeded variety:
works whose periods sit on both sides of the fiscal-year boundaries, every
status and claimed level, partners of many types and provinces (and none),
activities with participant groups, indicators that improved, did not, or
cannot tell, evidence and testimonials proving principles with and without
consent, SDG goals and targets.  :func:`expected_counts` knows nothing of
the report's code: it reads the archive documents and counts."""

from __future__ import annotations

import random
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PIL import Image

from ent_portfolio.archive import export_archive, read_archive_document
from ent_portfolio.readiness import ReadinessStatus, check_readiness
from ent_portfolio.services import Services
from ent_portfolio.services.frameworks import set_work_frameworks
from ent_portfolio.storage.portfolio import Portfolio

# Last on the path, so that this folder's own modules (its conftest) are still the ones found first.
sys.path.append(str(Path(__file__).resolve().parents[1] / "unit"))
from readiness_cases import build_ready  # noqa: E402 - the readiness tests' complete work, reused

PROVINCES = ["น่าน", "เชียงใหม่", "ขอนแก่น", "", "ลำพูน", "สงขลา"]
PARTNER_TYPES = ["geographic_community", "school", "local_government", "ngo", "business", "government"]
GROUP_KEYS = ["female", "male", "youth", "elderly", "farmers"]
PRINCIPLES = ["partnership", "mutual_benefit", "knowledge", "impact"]
SDG_CODES = ["1", "2", "2.4", "3", "3.8", "4", "4.7", "6", "6.1", "11", "12", "17", "17.17"]
#: Periods around fiscal years 2567 (2023-10-01 – 2024-09-30) and 2568.
PERIODS = [
    (date(2023, 10, 1), date(2024, 9, 30)),   # exactly fiscal 2567
    (date(2024, 10, 1), date(2025, 3, 31)),   # inside fiscal 2568, from its first day
    (date(2022, 1, 1), date(2023, 9, 30)),    # ends the day before fiscal 2567
    (None, None),                             # no dates: in no year
    (date(2024, 9, 30), None),                # from fiscal 2567's last day, still going
    (None, date(2023, 10, 1)),                # only an end: fiscal 2567's first day
    (date(2025, 10, 1), date(2026, 2, 1)),    # fiscal 2569
]
LECTURERS = [
    ("ดร.สมหญิง รักถิ่น", "Somying Rakthin", "ภาควิชาพืชศาสตร์"),
    ("สมชาย ใจกว้าง", "Somchai Jaikwang", "ภาควิชาสังคมวิทยา"),
    ("อรทัย ศรีสุข", "Orathai Srisuk", ""),
    ("ประเสริฐ บุญมา", "Prasert Boonma", "ภาควิชาสาธารณสุขศาสตร์"),
]


def _photo(path: Path, rng: random.Random) -> Path:
    Image.new("RGB", (64, 48), tuple(rng.randrange(256) for _ in range(3))).save(path, "JPEG", quality=90)
    return path


def make_archive(folder: Path, number: int, works: int = 4) -> tuple[Path, dict]:
    """One lecturer's archive (``LECTURERS[number % 4]``) and what the app's
    readiness said of their works (work id → ready), checked before export."""
    rng = random.Random(f"lecturer-{number}")
    name_th, name_en, department = LECTURERS[number % len(LECTURERS)]
    folder.mkdir(parents=True, exist_ok=True)
    with Portfolio.create(folder / "portfolio") as portfolio:
        s = Services(portfolio)
        if number % 2 == 0:  # half the lecturers have a work that passes every readiness rule
            build_ready(portfolio, folder / "ready-files")
        profile = s.profile.current()
        s.profile.update(profile.id, name_th=name_th, name_en=name_en, department=department,
                         faculty="คณะเกษตรศาสตร์" if number % 2 else "คณะสังคมศาสตร์",
                         university="มหาวิทยาลัยตัวอย่าง", academic_title="อาจารย์" if number % 3 else "")
        partners = [s.partners.create(name_th=f"ภาคี {number}-{k}", partner_type=rng.choice(PARTNER_TYPES),
                                      province=rng.choice(PROVINCES)) for k in range(3)]
        for k in range(works):
            start, end = PERIODS[(number + k * 3) % len(PERIODS)]
            level = rng.choice([None, "good", "very_good", "excellent"])
            work = s.works.create(title_th=f"ผลงานที่ {k + 1} ของอาจารย์ {number}", start_date=start, end_date=end,
                                  status=rng.choice(["planned", "ongoing", "completed"]), province="น่าน",
                                  is_main_work=level is not None, claimed_level=level,
                                  impact_summary="ชุมชนมีรายได้เพิ่มขึ้น" if level else "")
            for partner in rng.sample(partners, rng.randint(0, 2)):
                s.work_partners.create(work_id=work.id, partner_id=partner.id, role="co_designer")
            for a in range(rng.randint(0, 3)):
                groups = {g: rng.randint(0, 30) for g in rng.sample(GROUP_KEYS, rng.randint(0, 3))}
                total = rng.choice([None, sum(groups.values()) + rng.randint(0, 10)])
                s.activities.create(work_id=work.id, date=date(2024, 1, 1) + timedelta(days=40 * a),
                                    title=f"เวทีครั้งที่ {a + 1}", participants_total=total, participant_groups=groups)
            for i in range(rng.randint(0, 3)):
                baseline = rng.choice([None, 10, 20])
                indicator = s.indicators.create(work_id=work.id, name_th=f"ตัวชี้วัด {i + 1}", sort_order=i,
                                                baseline_value=baseline, direction=rng.choice(["higher", "lower"]),
                                                target_value=rng.choice([None, 15, 25]))
                for n in range(rng.randint(0, 3)):
                    s.measurements.create(indicator_id=indicator.id, date=date(2024, 2, 1) + timedelta(days=60 * n),
                                          value=rng.choice([5, 10, 20, 30]))
            for e in range(rng.randint(0, 3)):
                photo = _photo(folder / f"w{k}-{e}.jpg", rng)
                s.evidence.add_file(work.id, photo, kind="photo", people_consent="no_people",
                                    principles=rng.sample(PRINCIPLES, rng.randint(0, 2)),
                                    include_in_dossier=rng.random() < 0.75)
            for t in range(rng.randint(0, 2)):
                s.testimonials.create(work_id=work.id, person_name=f"นางสาวทดสอบ ผู้ให้ข้อมูล{t}",
                                      quote="ชุมชนได้ประโยชน์", principle=rng.choice([None] + PRINCIPLES),
                                      consent=rng.random() < 0.5)
            codes = rng.sample(SDG_CODES, rng.randint(0, 3))
            if codes:
                set_work_frameworks(portfolio, work.id, "sdg", codes)
        readiness = check_readiness(portfolio)
        ready = {w.work_id: w.status in (ReadinessStatus.READY, ReadinessStatus.IMPROVE) for w in readiness.works}
        archive = export_archive(portfolio, folder / f"lecturer-{number}.entp")
    return archive, ready


def _in_fiscal_year(row: dict, year_be: int | None) -> bool:
    if year_be is None:
        return True
    first, last = date(year_be - 544, 10, 1), date(year_be - 543, 9, 30)
    start = date.fromisoformat(row["start_date"]) if row["start_date"] else None
    end = date.fromisoformat(row["end_date"]) if row["end_date"] else None
    if start is None and end is None:
        return False
    return (start is None or start <= last) and (end is None or end >= first)


def _improved(indicator: dict, measurements: list[dict]) -> bool | None:
    if indicator["baseline_value"] is None or not measurements:
        return None
    latest = Decimal(max(measurements, key=lambda x: x["date"])["value"])
    change = latest - Decimal(indicator["baseline_value"])
    return change < 0 if indicator["direction"] == "lower" else change > 0


def _principles_shown(records: dict, work_id: str) -> set[str]:
    shown = set()
    for e in records["evidence"]:
        if e["work_id"] == work_id and e["include_in_dossier"]:
            shown.update(e["principles"])
    for t in records["testimonial"]:
        if t["work_id"] == work_id and t["principle"] and t["consent"]:
            shown.add(t["principle"])
    return shown


def _count_works(out: dict, records: dict, works: list[dict]) -> None:
    for w in works:
        out["statuses"][w["status"]] += 1
        out["levels"][w["claimed_level"] or ""] += 1
        out["principles"].update(_principles_shown(records, w["id"]))
    ids = {w["id"] for w in works}
    goals = defaultdict(set)
    for link in records.get("work_framework", []):
        if link["work_id"] in ids and link["framework"] == "sdg":
            goals[link["work_id"]].add(link["code"].split(".")[0])
    for found in goals.values():
        out["sdg"].update(found)
    out["sdg_mapped"] += len(goals)


def _count_records(out: dict, records: dict, ids: set[str]) -> None:
    linked = {p["partner_id"] for p in records["work_partner"] if p["work_id"] in ids}
    for p in records["partner"]:
        if p["id"] in linked:
            out["partners"] += 1
            out["types"][p["partner_type"]] += 1
            out["provinces"][p["province"].strip()] += 1
    for a in records["activity"]:
        if a["work_id"] in ids:
            out["activities"] += 1
            out["reached_total"] += a["participants_total"] or 0
            out["groups"].update(a["participant_groups"])
    for ind in records["indicator"]:
        if ind["work_id"] in ids:
            measured = [mm for mm in records["measurement"] if mm["indicator_id"] == ind["id"]]
            result = _improved(ind, measured)
            out["indicators"]["unknown" if result is None else "improved" if result else "not_improved"] += 1


def expected_counts(archives: list[tuple[Path, dict]], year_be: int | None) -> dict:
    """The report's numbers, counted from the archives' documents alone."""
    out: dict = {k: Counter() for k in ("principles", "sdg", "types", "provinces", "groups", "indicators",
                                          "statuses", "levels")}
    out.update(works=0, partners=0, activities=0, reached_total=0, sdg_mapped=0, ready={}, lecturers=0)
    for path, ready in archives:
        records = read_archive_document(path)["records"]
        works = [w for w in records["work"] if _in_fiscal_year(w, year_be)]
        out["works"] += len(works)
        out["lecturers"] += bool(works)
        _count_works(out, records, works)
        _count_records(out, records, {w["id"] for w in works})
        ready_here = sum(1 for w in works if ready[w["id"]])
        if ready_here:
            out["ready"][records["profile"][0]["name_th"]] = (len(works), ready_here)
    return out
