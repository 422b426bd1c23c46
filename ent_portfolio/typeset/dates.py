"""Dates for people: Thai (Buddhist era, Thai month names) and English.

Pure Python, no third-party imports, safe to use from the UI (the month
names come from :mod:`ent_portfolio.domain.thai_calendar`, which imports
nothing either).  Data keeps
ISO dates; these functions only format them.

>>> import datetime as dt
>>> format_date(dt.date(2026, 11, 24))
'24 พฤศจิกายน 2569'
>>> format_date(dt.date(2026, 11, 24), style="short")
'24 พ.ย. 2569'
>>> format_date(dt.date(2026, 11, 24), lang="en")
'24 November 2026'

``None`` (an unknown date) formats as ``""``; :func:`format_period` shows
an open end as ``ปัจจุบัน`` / ``present``.  Strings in ISO form
(``"2026-11-24"``, or a datetime ``"2026-11-24T10:00:00"``) are accepted
wherever a date is.
"""

from __future__ import annotations

import datetime as _dt

# The calendar's words live one floor down, where reading typed dates needs
# them too; they are re-exported here, their usual address.
from ..domain.thai_calendar import (
    BE_OFFSET,
    DAY,
    ENGLISH_MONTHS,
    ENGLISH_MONTHS_SHORT,
    MONTH,
    PRECISIONS,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    YEAR,
    coarsest,
    common_era,
)

__all__ = [
    "BE_OFFSET",
    "THAI_MONTHS",
    "THAI_MONTHS_SHORT",
    "ENGLISH_MONTHS",
    "ENGLISH_MONTHS_SHORT",
    "buddhist_year",
    "format_date",
    "format_at",
    "format_period",
    "format_year",
    "format_fiscal_year",
]

STYLES = ("long", "short", "month_year", "year")
#: How precise each style is: what it shows of a date at most.
_STYLE_PRECISION = {"long": DAY, "short": DAY, "month_year": MONTH, "year": YEAR}
_PRESENT = {"th": "ปัจจุบัน", "en": "present"}
_DASH = "\u2013"  # en dash between the ends of a period


def _as_date(d) -> _dt.date | None:
    if d is None or d == "":
        return None
    if isinstance(d, _dt.datetime):
        return d.date()
    if isinstance(d, _dt.date):
        return d
    if isinstance(d, str):
        s = d.strip()
        try:
            return _dt.date.fromisoformat(s[:10])
        except ValueError:
            raise ValueError(f"not an ISO date: {d!r}") from None
    raise TypeError(f"expected a date, got {type(d).__name__}")


def _check_lang(lang: str) -> str:
    if lang not in ("th", "en"):
        raise ValueError(f"unknown language {lang!r} (use 'th' or 'en')")
    return lang


def buddhist_year(d) -> int | None:
    """The Buddhist-era year of ``d`` (CE + 543), or ``None`` for ``None``.

    An ``int`` is taken as a CE year.
    """
    if isinstance(d, int) and not isinstance(d, bool):
        return d + BE_OFFSET
    date = _as_date(d)
    return None if date is None else date.year + BE_OFFSET


def format_year(year: int | None, lang: str = "th") -> str:
    """A CE year as people write it: ``2569`` in Thai, ``2026`` in English."""
    _check_lang(lang)
    if year is None:
        return ""
    return str(year + BE_OFFSET if lang == "th" else year)


def format_fiscal_year(year: int | None, lang: str = "th") -> str:
    """A Thai government fiscal year (1 October to 30 September, named by
    the year it ends in), typed in either era: ``ปีงบประมาณ 2566`` in Thai;
    in English ``FY 2023 (B.E. 2566)``, the common-era name a foreign
    reader knows with the year every Thai grant letter prints.

    >>> format_fiscal_year(2566, "en")
    'FY 2023 (B.E. 2566)'
    >>> format_fiscal_year(2023, "th")
    'ปีงบประมาณ 2566'
    """
    _check_lang(lang)
    if year is None:
        return ""
    ce = common_era(year)
    if lang == "th":
        return f"ปีงบประมาณ {ce + BE_OFFSET}"
    return f"FY {ce} (B.E. {ce + BE_OFFSET})"


def format_date(d, lang: str = "th", style: str = "long") -> str:
    """Format a date for people.

    ==============  ======================  ==================
    style           ``lang="th"``           ``lang="en"``
    ==============  ======================  ==================
    ``long``        ``24 พฤศจิกายน 2569``     ``24 November 2026``
    ``short``       ``24 พ.ย. 2569``          ``24 Nov 2026``
    ``month_year``  ``พฤศจิกายน 2569``        ``November 2026``
    ``year``        ``2569``                ``2026``
    ==============  ======================  ==================

    Thai uses the Buddhist era.  ``None`` gives ``""``.
    """
    _check_lang(lang)
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r} (one of {', '.join(STYLES)})")
    date = _as_date(d)
    if date is None:
        return ""
    m = date.month - 1
    if lang == "th":
        year = date.year + BE_OFFSET
        long_month, short_month = THAI_MONTHS[m], THAI_MONTHS_SHORT[m]
    else:
        year = date.year
        long_month, short_month = ENGLISH_MONTHS[m], ENGLISH_MONTHS_SHORT[m]
    if style == "long":
        return f"{date.day} {long_month} {year}"
    if style == "short":
        return f"{date.day} {short_month} {year}"
    if style == "month_year":
        return f"{long_month} {year}"
    return str(year)


def _month_name(month: int, lang: str, style: str) -> str:
    if lang == "th":
        return (THAI_MONTHS_SHORT if style == "short" else THAI_MONTHS)[month - 1]
    return (ENGLISH_MONTHS_SHORT if style == "short" else ENGLISH_MONTHS)[month - 1]


def _precision(style: str, precision: str) -> str:
    if precision not in PRECISIONS:
        raise ValueError(f"unknown date precision {precision!r} (one of {', '.join(PRECISIONS)})")
    return coarsest(precision, _STYLE_PRECISION[style])


def format_at(d, precision: str = DAY, lang: str = "th", style: str = "short") -> str:
    """``d`` written only as precisely as it is known.

    ==============  ===================  ==================
    ``precision``   ``lang="th"``        ``lang="en"``
    ==============  ===================  ==================
    ``day``         ``15 ต.ค. 2566``      ``15 Oct 2023``
    ``month``       ``ต.ค. 2566``         ``Oct 2023``
    ``year``        ``2566``             ``2023``
    ==============  ===================  ==================

    (``style="long"`` writes the months in full.)  Each form is one that
    :func:`ent_portfolio.domain.fields.parse_thai_date` reads back."""
    _check_lang(lang)
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r} (one of {', '.join(STYLES)})")
    precision = _precision(style, precision)
    date = _as_date(d)
    if date is None:
        return ""
    if precision == DAY:
        return format_date(date, lang, style)
    year = date.year + BE_OFFSET if lang == "th" else date.year
    if precision == MONTH:
        return f"{_month_name(date.month, lang, style)} {year}"
    return str(year)


def format_period(start, end, lang: str = "th", style: str = "long",
                  start_precision: str = DAY, end_precision: str = DAY) -> str:
    """Format the period from ``start`` to ``end``, each end only as precisely
    as it is known (see :func:`format_at`) and at most as precisely as
    ``style`` writes (``month_year`` months, ``year`` years).

    ``24 พฤศจิกายน 2569 – 3 มกราคม 2570``; ``มิ.ย. 2566 – พ.ค. 2567`` for months;
    an open end (``end`` is ``None``) reads ``… – ปัจจุบัน`` / ``… – present``;
    an unknown start gives just the end (``– 3 มกราคม 2570``); both ``None``
    give ``""``.  Ends that read the same give one date.  Months within one
    year are written ``มกราคม – มีนาคม 2569`` / ``January – March 2026``.
    """
    _check_lang(lang)
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r} (one of {', '.join(STYLES)})")
    a, b = _as_date(start), _as_date(end)
    first, last = _precision(style, start_precision), _precision(style, end_precision)
    month_style = "long" if style == "month_year" else style
    if a is None and b is None:
        return ""
    if a is None:
        return f"{_DASH} {format_at(b, last, lang, month_style)}"
    if b is None:
        return f"{format_at(a, first, lang, month_style)} {_DASH} {_PRESENT[lang]}"
    shown_a, shown_b = format_at(a, first, lang, month_style), format_at(b, last, lang, month_style)
    if shown_a == shown_b:
        return shown_a
    if first == last == MONTH and a.year == b.year:
        return f"{_month_name(a.month, lang, month_style)} {_DASH} {shown_b}"
    return f"{shown_a} {_DASH} {shown_b}"
