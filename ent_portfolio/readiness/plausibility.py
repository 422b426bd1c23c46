"""Readiness rules that ask whether a photo can be what it claims to be.

A photo filed under an activity is the committee's proof that the activity
happened there and then, so its own record — the camera's clock
(``date_taken``, local camera time) and its GPS position — must agree with
the activity's days, the work's period and the work's area.  A photo with no
capture date has usually passed through a chat app that strips EXIF; a
camera whose clock was never set dates its photos at its epoch; a photo
re-encoded or resized by a chat app looks like a second piece of evidence
when it is the same one.

The checks read only what the importer stored (no file is opened), so the
evidence grid can ask for them on every refresh.  Only photos that go into
the dossier are checked, as the privacy rules do, and a photo whose
``findings_explained`` holds a rule's id is not checked by that rule: the
lecturer's note travels to the manifest instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..domain import enums
from ..domain import models as m
from ..domain.thai_calendar import end_of, start_of
from ..media import geo
from ..media.image_hash import is_informative
from .checks import Hit, WorkContext, check, day_text, evidence_name
from .model import Target, Text

DATE_VS_ACTIVITY = "evidence.date_vs_activity"
DATE_VS_PERIOD = "evidence.date_vs_period"
PLACE_VS_AREA = "evidence.place_vs_area"
NO_CAPTURE_DATE = "evidence.no_capture_date"
IMPLAUSIBLE_DATE = "evidence.implausible_date"
PROBABLE_DUPLICATE = "evidence.probable_duplicate"

PLAUSIBILITY_RULES: tuple[str, ...] = (
    DATE_VS_ACTIVITY, DATE_VS_PERIOD, PLACE_VS_AREA, NO_CAPTURE_DATE, IMPLAUSIBLE_DATE, PROBABLE_DUPLICATE,
)

ONE_DAY = timedelta(days=1)
#: A tolerance past this many days is no tolerance (and a rule file's larger
#: number must not overflow the calendar).
LONGEST_TOLERANCE_DAYS = 100 * 366


def tolerance(days: int) -> timedelta:
    return timedelta(days=min(days, LONGEST_TOLERANCE_DAYS))


def photos_to_check(ctx: WorkContext, rule_id: str) -> list[m.Evidence]:
    """The work's photos bound for the dossier that the lecturer has not
    explained for ``rule_id``."""
    return [e for e in ctx.work.evidence
            if e.kind == enums.EvidenceKind.PHOTO and e.include_in_dossier
            and rule_id not in (e.findings_explained or {})]


def time_outside(moment: datetime, first_day: date | None, last_day: date | None) -> timedelta:
    """How far ``moment`` lies outside the whole days ``first_day`` ..
    ``last_day`` (either end may be open); zero inside.  Whole days because
    a camera keeps local time and an activity is known by its date only."""
    if first_day is not None and moment < datetime.combine(first_day, datetime.min.time()):
        return datetime.combine(first_day, datetime.min.time()) - moment
    if last_day is not None and last_day < date.max:
        after = datetime.combine(last_day + ONE_DAY, datetime.min.time())
        if moment >= after:
            return moment - after
    return timedelta(0)


def days_apart(day: date, first_day: date | None, last_day: date | None) -> int:
    """Calendar days between ``day`` and the nearest day of the span, as a
    lecturer counts them on a calendar."""
    if first_day is not None and day < first_day:
        return (first_day - day).days
    if last_day is not None and day > last_day:
        return (day - last_day).days
    return 0


@check(DATE_VS_ACTIVITY, params=("name", "taken", "activity", "activity_date", "days"),
       thresholds={"max_days": "int"})
def date_vs_activity(ctx: WorkContext, rule) -> Iterator[Hit]:
    allowed = tolerance(rule.thresholds["max_days"])
    activities = {a.id: a for a in ctx.work.activities}
    for e in photos_to_check(ctx, DATE_VS_ACTIVITY):
        activity = activities.get(e.activity_id) if e.activity_id else None
        if activity is None or e.date_taken is None:
            continue
        last = activity.end_date or activity.date
        if time_outside(e.date_taken, activity.date, last) > allowed:
            shown = day_text(activity.date)
            if activity.end_date and activity.end_date != activity.date:
                end = day_text(activity.end_date)
                shown = Text(f"{shown.th} – {end.th}", f"{shown.en} – {end.en}")
            yield Target("evidence", e.id, "field:date_taken"), {
                "name": evidence_name(e), "taken": day_text(e.date_taken.date()),
                "activity": Text(activity.title or "-", activity.title or "-"), "activity_date": shown,
                "days": f"{days_apart(e.date_taken.date(), activity.date, last):,}",
            }


def work_period(work: m.Work) -> tuple[date | None, date | None]:
    """The work's first and last day, each end widened to the whole month or
    year it was given in (an end "in May" runs to 31 May)."""
    first = start_of(work.start_date, work.start_precision or "day") if work.start_date else None
    last = end_of(work.end_date, work.end_precision or "day") if work.end_date else None
    return first, last


def period_text(first: date | None, last: date | None) -> Text:
    start = day_text(first) if first else Text("-", "-")
    end = day_text(last) if last else Text("ปัจจุบัน", "present")
    return Text(f"{start.th} – {end.th}", f"{start.en} – {end.en}")


@check(DATE_VS_PERIOD, params=("name", "taken", "period", "days"), thresholds={"max_days": "int"})
def date_vs_period(ctx: WorkContext, rule) -> Iterator[Hit]:
    first, last = work_period(ctx.work)
    if first is None and last is None:
        return  # no period to compare with: dates.work_period_missing asks for it
    allowed = tolerance(rule.thresholds["max_days"])
    for e in photos_to_check(ctx, DATE_VS_PERIOD):
        if e.date_taken is None:
            continue
        if time_outside(e.date_taken, first, last) > allowed:
            yield Target("evidence", e.id, "field:date_taken"), {
                "name": evidence_name(e), "taken": day_text(e.date_taken.date()),
                "period": period_text(first, last), "days": f"{days_apart(e.date_taken.date(), first, last):,}",
            }


# --- the place ----------------------------------------------------------------

_PROVINCE_PREFIX = re.compile(r"^\s*(จังหวัด|จ\s*\.)\s*")
_PROVINCE_SUFFIX = re.compile(r"\s+province\s*$", re.IGNORECASE)
#: Names Bangkok is written by besides the seat list's own.
_BANGKOK_NAMES = {"กรุงเทพ", "กรุงเทพฯ", "กทม", "กทม.", "กรุงเทพมหานคร", "bangkok", "krung thep",
                  "bangkok metropolis", "krung thep maha nakhon"}


def _plain_name(name: str) -> str:
    name = _PROVINCE_SUFFIX.sub("", _PROVINCE_PREFIX.sub("", name or ""))
    return " ".join(name.split()).casefold()


@lru_cache(maxsize=1024)
def province_seat(province: str, area_code: str = "") -> geo.Seat | None:
    """The seat of the province a work names (Thai or English, with or
    without “จ.”/“จังหวัด”), else of the province its area code falls in
    (an administrative code starts with its province's two digits)."""
    wanted = _plain_name(province)
    if wanted:
        if wanted in _BANGKOK_NAMES:
            wanted = geo.BANGKOK
        for seat in geo.seats():
            if wanted in (seat.province_code, seat.province_th.casefold(), seat.province_en.casefold()):
                return seat
    code = (area_code or "").strip()[:2]
    if code.isdigit():
        for seat in geo.seats():
            if seat.province_code == code:
                return seat
    return None


def _seat_name(seat: geo.Seat) -> Text:
    if seat.province_code == geo.BANGKOK:
        return Text("ใจกลางกรุงเทพมหานคร", "central Bangkok")
    return Text(f"ตัวเมือง จ.{seat.province_th}", f"the town of {seat.province_en}")


def _own_place_name(work: m.Work) -> Text:
    names = [n.strip() for n in (work.village, work.subdistrict, work.district, work.province) if n and n.strip()]
    if not names:
        return Text("พิกัดพื้นที่ของผลงาน", "the work's own location")
    listed = " ".join(names)
    return Text(f"พิกัดพื้นที่ของผลงาน ({listed})", f"the work's own location ({listed})")


@check(PLACE_VS_AREA, params=("name", "km", "area"), thresholds={"max_km": "number"})
def place_vs_area(ctx: WorkContext, rule) -> Iterator[Hit]:
    """The work's own coordinates when it has them; otherwise its province's
    seat, the finest place data the app carries offline (the bundled area
    names have no coordinates).  A seat stands for a whole province, so a
    photo whose nearest seat is that province's still counts as inside the
    area, however far from the town it was taken."""
    work = ctx.work
    seat: geo.Seat | None = None
    if work.latitude is not None and work.longitude is not None:
        centre = (float(work.latitude), float(work.longitude))
        area = _own_place_name(work)
    else:
        seat = province_seat(work.province, work.area_code)
        if seat is None:
            return  # no area known: nothing to compare with
        centre = (seat.latitude, seat.longitude)
        area = _seat_name(seat)
    limit = float(rule.thresholds["max_km"])
    for e in photos_to_check(ctx, PLACE_VS_AREA):
        if e.latitude is None or e.longitude is None:
            continue
        lat, lon = float(e.latitude), float(e.longitude)
        km = geo.distance_km(lat, lon, *centre)
        if km <= limit:
            continue
        if seat is not None:
            nearest = geo.nearest_place(lat, lon)
            if nearest is not None and nearest.seat.province_code == seat.province_code:
                continue
        yield Target("evidence", e.id, "field:latitude"), {
            "name": evidence_name(e), "km": f"{km:,.0f}", "area": area,
        }


# --- the camera's clock -------------------------------------------------------

@check(NO_CAPTURE_DATE, params=("name",))
def no_capture_date(ctx: WorkContext, rule) -> Iterator[Hit]:
    for e in photos_to_check(ctx, NO_CAPTURE_DATE):
        if e.date_taken is None:
            yield Target("evidence", e.id, "field:date_taken"), {"name": evidence_name(e)}


@check(IMPLAUSIBLE_DATE, params=("name", "taken"), thresholds={"earliest_year": "int"})
def implausible_date(ctx: WorkContext, rule) -> Iterator[Hit]:
    # A clock never set starts at 1 January of its epoch year (2000 on most
    # cameras), so that day itself is as doubtful as the years before it.
    first_plausible = date(min(max(rule.thresholds["earliest_year"], 1), date.max.year), 1, 2)
    # Cameras keep local time: a photo taken "tomorrow" may be a time zone away.
    last_plausible = ctx.today + ONE_DAY if ctx.today < date.max else date.max
    for e in photos_to_check(ctx, IMPLAUSIBLE_DATE):
        if e.date_taken is None:
            continue
        day = e.date_taken.date()
        if day < first_plausible or day > last_plausible:
            yield Target("evidence", e.id, "field:date_taken"), {
                "name": evidence_name(e), "taken": day_text(day),
            }


# --- the same picture twice ---------------------------------------------------

#: A stored hash as the hasher writes it; anything else (an archive from
#: elsewhere, a hand edit) is treated as not computed rather than compared.
_HASH = re.compile(r"^[0-9a-fA-F]{16}$")

#: Up to this many bits apart, photos are found through bands of their hash
#: (see :func:`probable_duplicate`); a rule file's larger limit compares
#: every pair, as any limit could.
BANDED_UP_TO_BITS = 15
#: Photos of one work compared pair by pair up to this many.
PAIRWISE_UP_TO_PHOTOS = 24


def hash_bands(limit: int) -> list[tuple[int, int]] | None:
    """(shift, mask) of ``limit + 1`` bands of the 64 bits, as even as they
    go, or None past :data:`BANDED_UP_TO_BITS`.  Two hashes at most
    ``limit`` bits apart agree on at least one whole band (``limit`` differing
    bits cannot touch ``limit + 1`` bands), so only photos that share a band
    need comparing."""
    if limit > BANDED_UP_TO_BITS:
        return None
    count = limit + 1
    bands, shift = [], 0
    for n in range(count):
        width = 64 // count + (1 if n < 64 % count else 0)
        bands.append((shift, (1 << width) - 1))
        shift += width
    return bands


@check(PROBABLE_DUPLICATE, params=("name", "other", "bits"), thresholds={"max_distance": "int"})
def probable_duplicate(ctx: WorkContext, rule) -> Iterator[Hit]:
    """Each photo that looks like one imported before it, once, naming the
    earliest it looks like.  Identical bytes are one stored file already, so
    only different files are compared.  A work of 600 photos would be
    180,000 comparisons pair by pair; through the bands of the hash each
    photo is compared with the few that share one, earliest first — the
    same answer."""
    limit = rule.thresholds["max_distance"]
    in_dossier = [e for e in ctx.work.evidence
                  if e.kind == enums.EvidenceKind.PHOTO and e.include_in_dossier
                  and _HASH.match(e.image_hash or "") and is_informative(e.image_hash)]
    in_dossier.sort(key=lambda e: (e.created_at or datetime.min, e.id))
    unexplained = {e.id for e in photos_to_check(ctx, PROBABLE_DUPLICATE)}
    # media.image_hash.hash_distance's measure, on numbers read once per photo.
    numbers = [int(e.image_hash, 16) for e in in_dossier]
    # A camera roll's few photos are compared pair by pair: bands pay from a few dozen.
    bands = hash_bands(limit) if len(in_dossier) > PAIRWISE_UP_TO_PHOTOS else None
    seen: list[dict[int, list[int]]] = [{} for _ in bands or ()]
    for n, later in enumerate(in_dossier):
        number = numbers[n]
        keys = [(number >> shift) & mask for shift, mask in bands] if bands is not None else []
        if later.id in unexplained:
            if bands is None:
                earlier_ones: Iterable[int] = range(n)
            else:
                earlier_ones = sorted({j for band, key in zip(seen, keys) for j in band.get(key, ())})
            for j in earlier_ones:
                earlier = in_dossier[j]
                if earlier.sha256 == later.sha256:
                    continue
                bits = (numbers[j] ^ number).bit_count()
                if bits <= limit:
                    yield Target("evidence", later.id, "field:image_hash"), {
                        "name": evidence_name(later), "other": evidence_name(earlier), "bits": bits,
                    }
                    break
        for band, key in zip(seen, keys):
            band.setdefault(key, []).append(n)
