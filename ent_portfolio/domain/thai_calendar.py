"""The calendar words Thai and English dates are written with, and how
precise a date is.

They live on the domain floor because two floors need them: reading what a
person typed (``domain.fields``) and writing dates for people
(``typeset.dates``, which re-exports them).  Pure Python: importing this
loads neither SQLAlchemy nor anything else."""

from __future__ import annotations

import calendar
import datetime as _dt

__all__ = [
    "BE_OFFSET", "BUDDHIST_ERA_FROM", "common_era",
    "THAI_MONTHS", "THAI_MONTHS_SHORT", "ENGLISH_MONTHS", "ENGLISH_MONTHS_SHORT",
    "DAY", "MONTH", "YEAR", "PRECISIONS", "coarsest", "start_of", "end_of",
]

#: Buddhist era = Common era + 543.
BE_OFFSET = 543
#: A four-digit year above this is a Buddhist-era year: 2400 BE is 1857 CE,
#: before anything a portfolio records, and 2401 CE after it.
BUDDHIST_ERA_FROM = 2400

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
ENGLISH_MONTHS_SHORT = tuple(m[:3] for m in ENGLISH_MONTHS)

def common_era(year: int) -> int:
    """A year that may have been written in either era, in the common era."""
    return year - BE_OFFSET if year > BUDDHIST_ERA_FROM else year


#: How much of a date was given: the day, only its month, or only its year.
DAY, MONTH, YEAR = "day", "month", "year"
#: Finest first.
PRECISIONS = (DAY, MONTH, YEAR)


def coarsest(*precisions: str) -> str:
    """The least precise of ``precisions`` (a year beats a month beats a day)."""
    return max(precisions, key=PRECISIONS.index)


def start_of(day: _dt.date, precision: str) -> _dt.date:
    """The first day of the month or year ``day`` falls in, at ``precision``."""
    if precision == YEAR:
        return day.replace(month=1, day=1)
    if precision == MONTH:
        return day.replace(day=1)
    return day


def end_of(day: _dt.date, precision: str) -> _dt.date:
    """The last day of the month or year ``day`` falls in, at ``precision``:
    a period that ends "in May" runs to 31 May, so nothing done in May lies
    outside it."""
    if precision == YEAR:
        return day.replace(month=12, day=31)
    if precision == MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day
