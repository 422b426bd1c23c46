"""The photos' plausibility rules: records made with dates and positions on
both sides of every threshold, each test naming exactly which rule fires for
exactly which photo; explanations silencing exactly their rule; periods given
by month or year; works without area or period; the by-photo answer the
evidence grid badges from; and the demo, which has nothing implausible."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.domain import models as m
from ent_portfolio.media import geo
from ent_portfolio.readiness import check_readiness, load_rules
from ent_portfolio.readiness.checks import WorkContext
from ent_portfolio.readiness.photo_findings import photo_findings, plausibility_rules
from ent_portfolio.readiness.plausibility import (
    PLAUSIBILITY_RULES,
    date_vs_activity,
    province_seat,
    time_outside,
)
from ent_portfolio.services import Services

TODAY = date(2026, 12, 1)
NAN_SEAT = (18.7756, 100.7730)
BANGKOK_SEAT = (13.7563, 100.5018)
_sha = count(1)


def _point_north(origin: tuple[float, float], km: float) -> tuple[float, float]:
    """A point ``km`` due north of ``origin`` (a meridian is a great circle)."""
    return origin[0] + math.degrees(km / geo.EARTH_RADIUS_KM), origin[1]


def _photo(s: Services, work_id: str, caption: str, **fields) -> str:
    fields.setdefault("kind", "photo")
    fields.setdefault("date_taken", "2024-06-10T10:00:00")  # inside every period the tests give, unless said
    return s.evidence.create(work_id=work_id, sha256=f"{next(_sha):064x}", caption=caption, **fields).id


def _fired(portfolio, today: date = TODAY) -> set[tuple[str, str]]:
    """(rule, evidence id) of every plausibility finding."""
    result = check_readiness(portfolio, rules=plausibility_rules(), today=today)
    out = set()
    for f in result.findings:
        assert f.rule in PLAUSIBILITY_RULES and f.target.kind == "evidence"
        out.add((f.rule, f.target.id))
    return out


def _findings(portfolio, rule: str) -> list:
    result = check_readiness(portfolio, rules=plausibility_rules(), today=TODAY)
    return [f for f in result.findings if f.rule == rule]


@pytest.fixture
def s(services) -> Services:
    return services


# --- the rule file ---------------------------------------------------------------

def test_the_rule_file_holds_every_plausibility_rule_with_its_threshold():
    rules = load_rules()
    expected = {
        "evidence.date_vs_activity": ("warning", {"max_days": 1}),
        "evidence.date_vs_period": ("warning", {"max_days": 7}),
        "evidence.place_vs_area": ("warning", {"max_km": 50}),
        "evidence.no_capture_date": ("suggestion", {}),
        "evidence.implausible_date": ("warning", {"earliest_year": 2000}),
        "evidence.probable_duplicate": ("suggestion", {"max_distance": 5}),
    }
    assert set(expected) == set(PLAUSIBILITY_RULES)
    for rule_id, (severity, thresholds) in expected.items():
        rule = rules.rule(rule_id)
        assert rule.severity.value == severity, rule_id
        assert rule.thresholds == thresholds, rule_id
        for key in ("what", "why", "fix"):
            assert rule.texts[key]["th"] and rule.texts[key]["en"]


# --- the activity's day(s) ----------------------------------------------------------

def test_date_vs_activity_fires_beyond_one_day_on_either_side(s, portfolio):
    work = s.works.create(title_th="ผลงาน", start_date="2024-01-01", end_date="2024-12-31")
    one_day = s.activities.create(work_id=work.id, date="2024-06-10", title="เวทีประชาคม")
    three_days = s.activities.create(work_id=work.id, date="2024-07-01", end_date="2024-07-03", title="ค่ายอาสา")
    ids = {
        "23h_after": _photo(s, work.id, "a", activity_id=one_day.id, date_taken="2024-06-11T23:00:00"),
        "49h_after": _photo(s, work.id, "b", activity_id=one_day.id, date_taken="2024-06-13T01:00:00"),
        "23h_before": _photo(s, work.id, "c", activity_id=one_day.id, date_taken="2024-06-09T01:00:00"),
        "25h_before": _photo(s, work.id, "d", activity_id=one_day.id, date_taken="2024-06-08T23:00:00"),
        "last_day": _photo(s, work.id, "e", activity_id=three_days.id, date_taken="2024-07-03T18:00:00"),
        "12h_after_span": _photo(s, work.id, "f", activity_id=three_days.id, date_taken="2024-07-04T12:00:00"),
        "28h_before_span": _photo(s, work.id, "g", activity_id=three_days.id, date_taken="2024-06-29T20:00:00"),
        # not filed under an activity: far from both, inside the period
        "no_activity": _photo(s, work.id, "h", date_taken="2024-09-15T10:00:00"),
    }
    fired = _fired(portfolio)
    assert fired == {("evidence.date_vs_activity", ids[k]) for k in ("49h_after", "25h_before", "28h_before_span")}


def test_date_vs_activity_says_the_dates_in_both_eras_and_the_gap(s, portfolio):
    work = s.works.create(title_th="ผลงาน")
    activity = s.activities.create(work_id=work.id, date="2024-06-10", title="เวทีประชาคม")
    photo = _photo(s, work.id, "ประชุมหมู่บ้าน", activity_id=activity.id, date_taken="2024-06-13T09:00:00")
    [finding] = _findings(portfolio, "evidence.date_vs_activity")
    assert finding.target == ("evidence", photo, "field:date_taken")
    assert finding.severity.value == "warning"
    th, en = finding.message("th"), finding.message("en")
    assert "ประชุมหมู่บ้าน" in th and "13 มิ.ย. 2567" in th and "10 มิ.ย. 2567" in th and "3 วัน" in th
    assert "13 Jun 2024" in en and "10 Jun 2024" in en and "3 day" in en and "เวทีประชาคม" in en
    assert "{" not in th + en + finding.fix_text("th") + finding.fix_text("en")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minutes=st.integers(min_value=-5 * 24 * 60, max_value=7 * 24 * 60),
       span_days=st.integers(min_value=0, max_value=2), max_days=st.integers(min_value=0, max_value=3))
def test_date_vs_activity_fires_iff_the_gap_exceeds_max_days(minutes, span_days, max_days):
    first = date(2024, 6, 10)
    last = first + timedelta(days=span_days)
    taken = datetime(2024, 6, 10) + timedelta(minutes=minutes)
    start, end = datetime(2024, 6, 10), datetime.combine(last + timedelta(days=1), datetime.min.time())
    gap = max(start - taken, taken - end, timedelta(0))
    activity = m.Activity(id="a", date=first, end_date=last if span_days else None, title="x")
    photo = m.Evidence(id="e", kind="photo", include_in_dossier=True, findings_explained={}, activity_id="a",
                       date_taken=taken, caption="p", sha256="0" * 64)
    work = m.Work(id="w", title_th="w")
    work.activities = [activity]
    work.evidence = [photo]
    rule = load_rules().rule("evidence.date_vs_activity").resolve("assistant_professor", "society_track")
    rule = type(rule)(**{**rule.__dict__, "thresholds": {"max_days": max_days}})
    hits = list(date_vs_activity(WorkContext(work, [], {}, TODAY), rule))
    assert bool(hits) == (gap > timedelta(days=max_days))
    assert time_outside(taken, first, last) == gap


# --- the work's period ----------------------------------------------------------------

def test_date_vs_period_fires_beyond_seven_days_either_side(s, portfolio):
    work = s.works.create(title_th="ผลงาน", start_date="2024-01-01", end_date="2024-12-31")
    ids = {
        "6d_before": _photo(s, work.id, "a", date_taken="2023-12-25T10:00:00"),
        "8d_before": _photo(s, work.id, "b", date_taken="2023-12-23T10:00:00"),
        "6d_after": _photo(s, work.id, "c", date_taken="2025-01-06T23:00:00"),
        "8d_after": _photo(s, work.id, "d", date_taken="2025-01-09T10:00:00"),
        "inside": _photo(s, work.id, "e", date_taken="2024-05-05T10:00:00"),
    }
    assert _fired(portfolio) == {("evidence.date_vs_period", ids["8d_before"]),
                                 ("evidence.date_vs_period", ids["8d_after"])}
    [after] = [f for f in _findings(portfolio, "evidence.date_vs_period") if f.target.id == ids["8d_after"]]
    assert "9 ม.ค. 2568" in after.message("th") and "31 ธ.ค. 2567" in after.message("th")
    assert "9 day" in after.message("en") and "31 Dec 2024" in after.message("en")


@pytest.mark.parametrize(("precision", "stored_end", "taken", "fires"), [
    # a month-precise end is its month's last day, however it was stored
    ("month", "2024-05-01", "2024-06-05T10:00:00", False),
    ("month", "2024-05-31", "2024-06-05T10:00:00", False),
    ("month", "2024-05-01", "2024-06-09T10:00:00", True),
    ("year", "2024-01-01", "2025-01-05T10:00:00", False),
    ("year", "2024-01-01", "2025-01-10T10:00:00", True),
    ("day", "2024-05-01", "2024-05-09T10:00:00", True),
])
def test_a_period_given_by_month_or_year_runs_to_its_last_day(s, portfolio, precision, stored_end, taken, fires):
    work = s.works.create(title_th="ผลงาน", start_date="2024-01-01", start_precision=precision,
                          end_date=stored_end, end_precision=precision)
    photo = _photo(s, work.id, "a", date_taken=taken)
    assert _fired(portfolio) == ({("evidence.date_vs_period", photo)} if fires else set())


def test_a_month_precise_start_is_its_first_day(s, portfolio):
    work = s.works.create(title_th="ผลงาน", start_date="2024-03-20", start_precision="month")
    inside = _photo(s, work.id, "a", date_taken="2024-02-24T10:00:00")  # 6 days before 1 March
    outside = _photo(s, work.id, "b", date_taken="2024-02-20T10:00:00")  # 10 days before
    assert _fired(portfolio) == {("evidence.date_vs_period", outside)}
    assert inside


def test_an_ongoing_work_without_end_has_no_upper_bound(s, portfolio):
    work = s.works.create(title_th="ผลงาน", status="ongoing", start_date="2024-01-01")
    _photo(s, work.id, "a", date_taken="2026-11-20T10:00:00")
    assert _fired(portfolio) == set()


# --- the place -------------------------------------------------------------------------

def test_place_vs_area_measures_from_the_works_own_coordinates(s, portfolio):
    centre = (18.70, 99.04)
    work = s.works.create(title_th="ผลงาน", province="น่าน", latitude=f"{centre[0]:.6f}",
                          longitude=f"{centre[1]:.6f}")
    near = _photo(s, work.id, "a", latitude=f"{_point_north(centre, 45)[0]:.6f}", longitude="99.040000")
    far = _photo(s, work.id, "b", latitude=f"{_point_north(centre, 55)[0]:.6f}", longitude="99.040000")
    _photo(s, work.id, "no gps")
    assert _fired(portfolio) == {("evidence.place_vs_area", far)}
    assert near
    [finding] = _findings(portfolio, "evidence.place_vs_area")
    assert finding.target == ("evidence", far, "field:latitude")
    assert "55 กม." in finding.message("th") and "55 km" in finding.message("en")


@pytest.mark.parametrize("province", ["กรุงเทพมหานคร", "กรุงเทพฯ", "กทม.", "Bangkok", "จังหวัดกรุงเทพมหานคร"])
def test_place_vs_area_measures_from_the_province_seat(s, portfolio, province):
    work = s.works.create(title_th="ผลงาน", province=province)
    near_point, far_point = _point_north(BANGKOK_SEAT, 45), _point_north(BANGKOK_SEAT, 55)
    # 55 km north of central Bangkok is nearer another province's town: outside the area
    assert geo.nearest_place(*far_point).seat.province_code != geo.BANGKOK
    near = _photo(s, work.id, "a", latitude=f"{near_point[0]:.6f}", longitude=f"{near_point[1]:.6f}")
    far = _photo(s, work.id, "b", latitude=f"{far_point[0]:.6f}", longitude=f"{far_point[1]:.6f}")
    assert _fired(portfolio) == {("evidence.place_vs_area", far)}
    assert near
    [finding] = _findings(portfolio, "evidence.place_vs_area")
    assert "กรุงเทพมหานคร" in finding.message("th") and "Bangkok" in finding.message("en")


def test_a_photo_in_the_province_but_far_from_its_town_is_in_the_area(s, portfolio):
    # Bo Kluea lies some 60 km from Nan town, still nearer it than any other province's town.
    work = s.works.create(title_th="ผลงาน", province="จ.น่าน")
    bo_kluea = (19.1459, 101.1536)
    assert geo.distance_km(*bo_kluea, *NAN_SEAT) > 50
    chiang_mai = (18.79, 98.98)
    _photo(s, work.id, "a", latitude=f"{bo_kluea[0]:.6f}", longitude=f"{bo_kluea[1]:.6f}")
    elsewhere = _photo(s, work.id, "b", latitude=f"{chiang_mai[0]:.6f}", longitude=f"{chiang_mai[1]:.6f}")
    assert _fired(portfolio) == {("evidence.place_vs_area", elsewhere)}
    [finding] = _findings(portfolio, "evidence.place_vs_area")
    assert "ตัวเมือง จ.น่าน" in finding.message("th") and "the town of Nan" in finding.message("en")


@pytest.mark.parametrize(("province", "area_code", "code"), [
    ("น่าน", "", "55"), ("จ.น่าน", "", "55"), ("จังหวัด น่าน", "", "55"), ("Nan", "", "55"),
    (" nan province ", "", "55"), ("ลำพูน", "", "51"), ("", "510201", "51"), ("ไม่มีจังหวัดนี้", "5503", "55"),
    ("กทม", "", "10"),
])
def test_the_province_is_found_by_any_of_its_names_or_its_area_code(province, area_code, code):
    assert province_seat(province, area_code).province_code == code


@pytest.mark.parametrize(("province", "area_code"), [("", ""), ("Atlantis", ""), ("", "xx"), ("จ.", "")])
def test_no_area_known_means_the_place_rule_does_not_apply(s, portfolio, province, area_code):
    assert province_seat(province, area_code) is None
    work = s.works.create(title_th="ผลงาน", province=province, area_code=area_code)
    _photo(s, work.id, "a", latitude="51.500000", longitude="-0.120000")
    assert _fired(portfolio) == set()


# --- the camera's clock ---------------------------------------------------------------

def test_implausible_and_missing_dates_in_a_work_without_area_or_period(s, portfolio):
    work = s.works.create(title_th="ผลงาน")
    tomorrow = TODAY + timedelta(days=1)
    ids = {
        "1999-12-31": _photo(s, work.id, "a", date_taken="1999-12-31T10:00:00"),
        "unset clock": _photo(s, work.id, "b", date_taken="2000-01-01T00:00:00"),
        "1970": _photo(s, work.id, "c", date_taken="1970-01-01T00:00:00"),
        "2000-01-02": _photo(s, work.id, "d", date_taken="2000-01-02T10:00:00"),
        "tomorrow": _photo(s, work.id, "e", date_taken=f"{tomorrow.isoformat()}T23:59:00"),
        "tomorrow+2": _photo(s, work.id, "f", date_taken=f"{(TODAY + timedelta(days=3)).isoformat()}T00:10:00"),
        "no date": _photo(s, work.id, "g", date_taken=None),
    }
    assert _fired(portfolio) == {
        ("evidence.implausible_date", ids["1999-12-31"]), ("evidence.implausible_date", ids["unset clock"]),
        ("evidence.implausible_date", ids["1970"]), ("evidence.implausible_date", ids["tomorrow+2"]),
        ("evidence.no_capture_date", ids["no date"]),
    }
    by_rule = {f.target.id: f for f in _findings(portfolio, "evidence.implausible_date")}
    assert "31 ธ.ค. 2542" in by_rule[ids["1999-12-31"]].message("th")
    assert "31 Dec 1999" in by_rule[ids["1999-12-31"]].message("en")
    [missing] = _findings(portfolio, "evidence.no_capture_date")
    assert missing.severity.value == "suggestion"
    assert "ต้นฉบับ" in missing.fix_text("th") and "original" in missing.fix_text("en")


def test_only_photos_bound_for_the_dossier_are_checked(s, portfolio):
    work = s.works.create(title_th="ผลงาน", start_date="2024-01-01", end_date="2024-12-31")
    _photo(s, work.id, "left out", date_taken="1990-01-01T10:00:00", include_in_dossier=False)
    _photo(s, work.id, "left out too", include_in_dossier=False, date_taken=None)
    s.evidence.create(work_id=work.id, sha256=f"{next(_sha):064x}", kind="scan", caption="scan")  # no date: fine
    assert _fired(portfolio) == set()


# --- explanations ---------------------------------------------------------------------

def test_an_explanation_silences_exactly_its_rule(s, portfolio):
    work = s.works.create(title_th="ผลงาน", start_date="2024-01-01", end_date="2024-12-31", province="น่าน")
    activity = s.activities.create(work_id=work.id, date="2024-06-10", title="เวที")
    # taken on a study visit in Bangkok, a week after the forum: two findings
    photo = _photo(s, work.id, "a", activity_id=activity.id, date_taken="2024-06-17T10:00:00",
                   latitude=f"{BANGKOK_SEAT[0]:.6f}", longitude=f"{BANGKOK_SEAT[1]:.6f}")
    assert _fired(portfolio) == {("evidence.date_vs_activity", photo), ("evidence.place_vs_area", photo)}
    s.evidence.update(photo, findings_explained={"evidence.place_vs_area": "ศึกษาดูงานที่กรุงเทพฯ"})
    assert _fired(portfolio) == {("evidence.date_vs_activity", photo)}
    s.evidence.update(photo, findings_explained={"evidence.place_vs_area": "ศึกษาดูงาน",
                                                 "evidence.date_vs_activity": "ถ่ายหลังเวทีหนึ่งสัปดาห์"})
    assert _fired(portfolio) == set()
    s.evidence.update(photo, findings_explained={})
    assert len(_fired(portfolio)) == 2


# --- duplicates ------------------------------------------------------------------------

def _flip(hex_hash: str, bits: int) -> str:
    value = int(hex_hash, 16)
    for bit in range(bits):
        value ^= 1 << (bit * 7 % 64)
    return f"{value:016x}"


def test_probable_duplicates_are_named_once_on_the_later_photo(s, portfolio):
    work = s.works.create(title_th="ผลงาน")
    base = "9c3a5e71d2b48f06"
    original = _photo(s, work.id, "ต้นฉบับ", image_hash=base)
    resized = _photo(s, work.id, "ย่อขนาด", image_hash=_flip(base, 5))
    different = _photo(s, work.id, "อีกภาพ", image_hash=_flip(base, 12))
    _photo(s, work.id, "ยังไม่คำนวณ")  # no hash yet
    assert _fired(portfolio) == {("evidence.probable_duplicate", resized)}
    [finding] = _findings(portfolio, "evidence.probable_duplicate")
    assert "ย่อขนาด" in finding.message("th") and "ต้นฉบับ" in finding.message("th")
    assert finding.target == ("evidence", resized, "field:image_hash")
    s.evidence.update(resized, findings_explained={"evidence.probable_duplicate": "คนละมุม"})
    assert _fired(portfolio) == set()
    assert original and different


def test_three_copies_give_one_finding_each_naming_the_first(s, portfolio):
    work = s.works.create(title_th="ผลงาน")
    base = "9c3a5e71d2b48f06"
    first = _photo(s, work.id, "หนึ่ง", image_hash=base)
    second = _photo(s, work.id, "สอง", image_hash=_flip(base, 2))
    third = _photo(s, work.id, "สาม", image_hash=_flip(base, 3))
    fired = _findings(portfolio, "evidence.probable_duplicate")
    assert sorted(f.target.id for f in fired) == sorted([second, third])
    assert all("หนึ่ง" in f.message("th") for f in fired)
    assert first


def test_the_same_file_twice_and_flat_pictures_are_not_duplicates(s, portfolio):
    work = s.works.create(title_th="ผลงาน")
    other = s.works.create(title_th="อีกผลงาน")
    base = "9c3a5e71d2b48f06"
    shared = f"{next(_sha):064x}"
    s.evidence.create(work_id=work.id, sha256=shared, kind="photo", caption="a", image_hash=base,
                      date_taken="2024-06-10T10:00:00")
    s.evidence.create(work_id=work.id, sha256=shared, kind="photo", caption="b", image_hash=base,
                      date_taken="2024-06-10T10:00:00")
    for caption in ("dark", "darker"):  # near-flat pictures hash alike without being alike
        _photo(s, work.id, caption, image_hash="0000000000000000")
    _photo(s, other.id, "another work's copy", image_hash=base)
    assert _fired(portfolio) == set()


# --- what the evidence grid badges --------------------------------------------------------

def test_photo_findings_maps_each_flagged_photo_to_its_findings(s, portfolio):
    work = s.works.create(title_th="ผลงาน", start_date="2024-01-01", end_date="2024-12-31")
    other = s.works.create(title_th="อีกผลงาน")
    activity = s.activities.create(work_id=work.id, date="2024-06-10", title="เวที")
    both = _photo(s, work.id, "a", activity_id=activity.id, date_taken="2023-06-10T10:00:00")
    undated = _photo(s, work.id, "b", date_taken=None)
    _photo(s, work.id, "fine", date_taken="2024-06-10T10:00:00", activity_id=activity.id)
    _photo(s, other.id, "other work", date_taken="1980-01-01T10:00:00")
    # every other rule of the set is broken too (no partner, no sections): none of them is listed
    answer = photo_findings(portfolio, work.id, today=TODAY)
    assert set(answer) == {both, undated}
    assert sorted(f.rule for f in answer[both]) == ["evidence.date_vs_activity", "evidence.date_vs_period"]
    assert [f.rule for f in answer[undated]] == ["evidence.no_capture_date"]
    assert answer[both][0].message("en") and answer[both][0].fix_text("th")
    assert set(photo_findings(portfolio, other.id, today=TODAY)) == {s.evidence.list(work_id=other.id)[0].id}


def test_the_full_check_names_the_same_photos(s, portfolio):
    work = s.works.create(title_th="ผลงาน", start_date="2024-01-01", end_date="2024-12-31")
    flagged = _photo(s, work.id, "a", date_taken="2025-03-01T10:00:00")
    full = check_readiness(portfolio, today=TODAY)
    named = {f.target.id for f in full.findings if f.rule in PLAUSIBILITY_RULES}
    assert named == {flagged} == set(photo_findings(portfolio, work.id, today=TODAY))


# --- the demo ------------------------------------------------------------------------------

def test_the_demo_has_no_plausibility_findings(demo):
    result = check_readiness(demo, today=TODAY)
    assert [f.message("en") for f in result.findings if f.rule in PLAUSIBILITY_RULES] == []
    with demo.reader() as session:
        photos = session.query(m.Evidence).filter(m.Evidence.kind == "photo").all()
        # what the rules had to look at: every demo photo has a date, a position and its work an area
        assert photos and all(p.date_taken and p.latitude is not None for p in photos)


# --- hostile records: whatever a record or a rule file holds, a check answers ---------------

_DAYS = st.dates(min_value=date.min, max_value=date.max)
_MOMENTS = st.one_of(st.none(), st.datetimes(min_value=datetime.min, max_value=datetime.max))
_COORD = st.one_of(st.none(), st.decimals(min_value=-90, max_value=90, places=6, allow_nan=False))
_NAMES = st.one_of(st.sampled_from(["น่าน", "จ.", "กทม.", "Bangkok", "", " จังหวัด "]), st.text(max_size=30))
_HASHES = st.one_of(st.sampled_from(["", "0" * 16, "f" * 16, "9c3a5e71d2b48f06", "zzzzzzzzzzzzzzzz", "9c3a"]),
                    st.text(max_size=20))


@settings(max_examples=50, deadline=None)
@given(start=st.one_of(st.none(), _DAYS), end=st.one_of(st.none(), _DAYS),
       precision=st.sampled_from(["day", "month", "year"]), activity_day=_DAYS,
       activity_end=st.one_of(st.none(), _DAYS), taken=st.lists(_MOMENTS, min_size=1, max_size=4),
       lat=_COORD, lon=_COORD, province=_NAMES, area_code=st.text(max_size=8),
       hashes=st.lists(_HASHES, min_size=4, max_size=4), explained=st.sets(st.sampled_from(PLAUSIBILITY_RULES)),
       big=st.integers(min_value=0, max_value=10**12), today=_DAYS)
def test_no_record_or_threshold_makes_a_check_fail(start, end, precision, activity_day, activity_end, taken, lat,
                                                   lon, province, area_code, hashes, explained, big, today):
    from ent_portfolio.readiness.checks import CHECKS

    work = m.Work(id="w", title_th="w", start_date=start, end_date=end, start_precision=precision,
                  end_precision=precision, province=province, area_code=area_code, latitude=lat, longitude=lon)
    work.activities = [m.Activity(id="a", date=activity_day, end_date=activity_end, title="x")]
    work.evidence = [
        m.Evidence(id=f"e{n}", kind="photo", include_in_dossier=True, sha256=f"{n:064x}", caption=f"p{n}",
                   activity_id="a", date_taken=moment, latitude=lat, longitude=lon, image_hash=hashes[n % 4],
                   findings_explained=dict.fromkeys(explained, "note"), created_at=datetime(2024, 1, 1))
        for n, moment in enumerate(taken)
    ]
    ctx = WorkContext(work, [], {}, today)
    rules = load_rules()
    for rule_id in PLAUSIBILITY_RULES:
        active = rules.rule(rule_id).resolve("assistant_professor", "society_track")
        stretched = {k: big for k in active.thresholds}
        for thresholds in (active.thresholds, stretched):
            rule = type(active)(**{**active.__dict__, "thresholds": thresholds})
            for target, params in CHECKS[rule_id].func(ctx, rule):
                assert rule_id not in explained
                assert target.kind == "evidence" and target.id.startswith("e")
                texts = rule.render(params)
                assert texts["what"]["th"] and texts["what"]["en"]


def test_the_grid_sees_a_changed_rule_file(s, portfolio, tmp_path, monkeypatch):
    """The grid's rule set is read once, and again when the file changes."""
    import ent_portfolio.readiness.photo_findings as module

    work = s.works.create(title_th="ผลงาน", start_date="2024-01-01", end_date="2024-12-31")
    photo = _photo(s, work.id, "a", date_taken="2025-01-05T10:00:00")  # 4 days after the end
    rules_file = tmp_path / "readiness.toml"
    shipped = load_rules().path.read_text(encoding="utf-8")
    rules_file.write_text(shipped, encoding="utf-8")
    monkeypatch.setattr(module, "default_rules_path", lambda: rules_file)
    assert photo_findings(portfolio, work.id, today=TODAY) == {}
    stricter = shipped.replace("# Days before the start or after the end of the work still accepted.\nmax_days = 7",
                               "max_days = 2")
    assert stricter != shipped
    rules_file.write_text(stricter, encoding="utf-8")
    assert [f.rule for f in photo_findings(portfolio, work.id, today=TODAY)[photo]] == ["evidence.date_vs_period"]
    rules_file.unlink()
    from ent_portfolio.errors import UserError

    with pytest.raises(UserError) as raised:
        photo_findings(portfolio, work.id, today=TODAY)
    assert raised.value.key == "readiness.rules_unreadable"
