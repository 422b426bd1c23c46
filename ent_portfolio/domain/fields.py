"""Turning what a form or a command line gives into column values.

One place decides how a date, an amount or a vocabulary code is read, so the
windows, the command line and the archive all accept the same input, and so
nothing is stored that cannot be read back as it was given: numbers are
checked against what their column keeps exactly (SQLite stores a Numeric
column as an 8-byte float and an integer in 64 bits, and neither refuses
what does not fit: it rounds, or becomes Infinity), and the ranges a column
declares in its ``info`` (``min``, ``max``) are enforced here."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Column, Date, DateTime, Integer, Numeric
from sqlalchemy.orm import Mapper

from ..errors import ValidationError
from ..i18n import register
from . import enums
from .models import Record
from .photo_facts import JSON_SHAPES
from .thai_calendar import (
    BE_OFFSET,
    BUDDHIST_ERA_FROM,
    DAY,
    ENGLISH_MONTHS,
    MONTH,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    YEAR,
)

register({
    "error.number_not_a_number": (
        "“{field}” ต้องเป็นตัวเลข เช่น 1234.5 หรือ 1,234.5 (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must be a number such as 1234.5 or 1,234.5 (got {value}). Nothing was changed.",
    ),
    "error.number_exponent": (
        "“{field}” ต้องเขียนตัวเลขเต็ม ไม่ใช้รูปเลขยกกำลังแบบ 1e5 (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must be written out in full, not as a power of ten like 1e5 (got {value}). Nothing was changed.",
    ),
    "error.number_not_finite": (
        "“{field}” ต้องเป็นตัวเลขจริง ไม่ใช่ค่าอนันต์หรือค่าที่ไม่ใช่ตัวเลข (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must be an actual number, not infinity or “not a number” (got {value}). Nothing was changed.",
    ),
    "error.number_not_whole": (
        "“{field}” ต้องเป็นจำนวนเต็ม ไม่มีทศนิยม (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must be a whole number (got {value}). Nothing was changed.",
    ),
    "error.number_too_many_decimals": (
        "“{field}” เก็บทศนิยมได้ไม่เกิน {scale} ตำแหน่ง โปรดปัดเศษก่อนบันทึก (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” keeps at most {scale} decimal places; round it before saving (got {value}). Nothing was changed.",
    ),
    "error.number_too_many_digits": (
        "“{field}” เก็บตัวเลขหน้าจุดทศนิยมได้ไม่เกิน {digits} หลัก (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” keeps at most {digits} digits before the decimal point (got {value}). Nothing was changed.",
    ),
    "error.number_too_many_digits_total": (
        "“{field}” ยาวเกิน {digits} หลัก (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” has more than {digits} digits (got {value}). Nothing was changed.",
    ),
    "error.number_out_of_range": (
        "“{field}” ต้องอยู่ระหว่าง {minimum} ถึง {maximum} (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must lie between {minimum} and {maximum} (got {value}). Nothing was changed.",
    ),
    "error.number_below_minimum": (
        "“{field}” ต้องไม่น้อยกว่า {minimum} (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must not be less than {minimum} (got {value}). Nothing was changed.",
    ),
    "error.number_above_maximum": (
        "“{field}” ต้องไม่เกิน {maximum} (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must not be more than {maximum} (got {value}). Nothing was changed.",
    ),
    "error.text_damaged": (
        "ข้อความใน “{field}” มีอักขระที่เสียหาย (รหัสอักขระไม่สมบูรณ์) จึงบันทึกไม่ได้ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The text of “{field}” holds a damaged character (a broken character code) and cannot be saved. "
        "Nothing was changed.",
    ),
    "error.counts_expected": (
        "“{field}” ต้องเป็นรายการชื่อกลุ่มกับจำนวนคน เช่น หญิง 12 ชาย 10 (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must be a list of group names with a number of people each (got {value}). Nothing was changed.",
    ),
    "error.date_not_understood": (
        "อ่าน “{value}” เป็นวันที่ไม่ได้ โปรดพิมพ์แบบ 15/10/2566, 15 ต.ค. 2566, ต.ค. 2566 หรือ 2566 "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{value}” cannot be read as a date; type it like 15/10/2023, 15 Oct 2023, Oct 2023 or 2023. "
        "Nothing was changed.",
    ),
    "error.date_field": ("ช่อง “{field}”: {reason_th}", "“{field}”: {reason_en}"),
    "error.date_no_such_day": (
        "ไม่มีวันที่ {day} ใน{month_th} {year_th} — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "{month_en} {year_en} has no day {day}. Nothing was changed.",
    ),
    "error.date_no_such_month": (
        "ไม่มีเดือนที่ {month} ในหนึ่งปี (เดือนมี 1 ถึง 12) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "There is no month {month} (months run from 1 to 12). Nothing was changed.",
    ),
    "error.date_year_out_of_range": (
        "ปี {value} อยู่นอกช่วงที่บันทึกได้ (พ.ศ. {first_be} ถึง {last_be} หรือ ค.ศ. {first} ถึง {last}) "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The year {value} is outside the years that can be kept ({first} to {last}, "
        "or {first_be} to {last_be} in the Buddhist era). Nothing was changed.",
    ),
    "error.date_year_two_digits": (
        "โปรดพิมพ์ปีให้ครบสี่หลัก เช่น 2023 (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Please type the year in full, such as 2023 (got {value}). Nothing was changed.",
    ),
    "error.date_needs_day": (
        "“{field}” ต้องระบุวันด้วย เช่น 15/10/2566 (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” needs the day as well, such as 15/10/2023 (got {value}). Nothing was changed.",
    ),
    "error.codes_expected": (
        "“{field}” ต้องเป็นรายการรหัสที่เลือกได้ (ที่ได้รับคือ {value}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{field}” must be a list of the codes offered (got {value}). Nothing was changed.",
    ),
})

#: What SQLite keeps in an INTEGER: a signed 64-bit number.
SQLITE_INTEGER_MIN, SQLITE_INTEGER_MAX = -(2**63), 2**63 - 1
#: Significant decimal digits an 8-byte float always gives back unchanged
#: (C's DBL_DIG): the widest Numeric column SQLite can keep exactly.
EXACT_FLOAT_DIGITS = 15
#: A number converted before it is stored (baht to satang) has no column to
#: say its limits: it may have this many digits in all.
MAX_DECIMAL_DIGITS = 18
#: Longer text is not a number any column keeps (and is not worth parsing).
MAX_NUMBER_TEXT = 40
#: A group name in a participant breakdown.
MAX_GROUP_NAME = 100

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+")
_EXPONENT = re.compile(r"\d[eE]|[eE][+-]?\d")
_NOT_FINITE = re.compile(r"[+-]?(nan|snan|inf|infinity)", re.IGNORECASE)

# Which vocabulary each coded column draws from.
VOCABULARIES: dict[tuple[str, str], type[enums.LabelledEnum]] = {
    ("profile", "current_position"): enums.Position,
    ("profile", "target_position"): enums.Position,
    ("profile", "route"): enums.Route,
    ("work", "status"): enums.WorkStatus,
    ("work", "start_precision"): enums.DatePrecision,
    ("work", "end_precision"): enums.DatePrecision,
    ("work", "prior_quality_level"): enums.QualityLevel,
    ("work", "claimed_level"): enums.QualityLevel,
    ("partner", "partner_type"): enums.PartnerType,
    ("work_partner", "role"): enums.PartnerRole,
    ("activity", "kind"): enums.ActivityKind,
    ("indicator", "level"): enums.IndicatorLevel,
    ("indicator", "direction"): enums.Direction,
    ("testimonial", "kind"): enums.TestimonialKind,
    ("testimonial", "principle"): enums.Principle,
    ("evidence", "kind"): enums.EvidenceKind,
    ("evidence", "people_consent"): enums.PeopleConsent,
    ("dissemination", "kind"): enums.DisseminationKind,
    ("contributor", "status"): enums.ContributorStatus,
    ("contributor", "signature_status"): enums.SignatureStatus,
}
LIST_VOCABULARIES: dict[tuple[str, str], type[enums.LabelledEnum]] = {
    ("work", "missions"): enums.Mission,
    ("evidence", "principles"): enums.Principle,
    ("contributor", "roles"): enums.ContributionRole,
}
# Columns a person never sets directly.
PROTECTED = {"id", "created_at", "updated_at"}


#: The years (CE) a typed date may fall in: wide enough for any degree or
#: appointment a lecturer lists, narrow enough to catch a slip of the keys.
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: Longer text is not a date anyone typed (and is not worth reading).
MAX_DATE_TEXT = 60

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Words people put around a date that say nothing about it.
_FILLER = re.compile(r"วันที่|เดือน|ปี(?=\s*(?:พ|ค|[0-9]))|,")
_ERA_BE = re.compile(r"พ\.?\s?ศ\.?|(?<![a-z])b\.?\s?e\.?(?![a-z])")
_ERA_CE = re.compile(r"ค\.?\s?ศ\.?|(?<![a-z])(?:c\.?\s?e\.?|a\.?\s?d\.?)(?![a-z])")
_NUMERIC_DAY = re.compile(r"([0-9]{1,4})([/.\-])([0-9]{1,2})\2([0-9]{1,4})")
_NUMERIC_MONTH = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,4})|([0-9]{4})-([0-9]{1,2})")
_YEAR_ONLY = re.compile(r"[0-9]{1,4}")
_WORD_MONTH = re.compile(r"(?:([0-9]{1,2})\s*)?([^0-9]+?)\s*([0-9]{1,4})")
_WORD_MONTH_FIRST = re.compile(r"([^0-9]+?)\s*([0-9]{1,2})\s+([0-9]{4})")


def _month_key(word: str) -> str:
    return re.sub(r"[.\s]", "", word).lower()


#: Every way a month is written that is read back: Thai in full and short
#: (with or without its dots), English in full and in three letters.
_MONTH_WORDS: dict[str, int] = {
    _month_key(name): number
    for names in (THAI_MONTHS, THAI_MONTHS_SHORT, ENGLISH_MONTHS, tuple(m[:3] for m in ENGLISH_MONTHS))
    for number, name in enumerate(names, start=1)
} | {"sept": 9}


def _year(text: str, era: str | None, lang: str, shown: str) -> int:
    """The CE year ``text`` stands for.  A two-digit year is read as Thai
    people write it (66 is 2566) in the Thai interface; in English, where it
    could be either era's, it is refused rather than guessed."""
    number = int(text)
    if len(text) == 2:
        if era == "ce" or (era is None and lang != "th"):
            raise ValidationError("error.date_year_two_digits", value=shown)
        year = 2500 + number - BE_OFFSET
    elif len(text) == 4 and (era == "be" or (era is None and number > BUDDHIST_ERA_FROM)):
        year = number - BE_OFFSET
    else:
        year = number
    if len(text) not in (2, 4) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError("error.date_year_out_of_range", value=text, first=FIRST_YEAR, last=LAST_YEAR,
                              first_be=FIRST_YEAR + BE_OFFSET, last_be=LAST_YEAR + BE_OFFSET)
    return year


def _day(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise ValidationError("error.date_no_such_month", month=month)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError("error.date_no_such_day", day=day, month_th=f"เดือน{THAI_MONTHS[month - 1]}",
                              month_en=ENGLISH_MONTHS[month - 1], year_th=year + BE_OFFSET, year_en=year) from None


def parse_thai_date(text: str, field: str = "", lang: str = "th") -> tuple[date, str]:
    """A date as a person types it, and how precise it is (``day``,
    ``month`` or ``year``); a month or a year alone gives its first day.

    Read: ``15/10/2566`` (also with ``-`` or ``.``, and ``15/10/66``),
    ``15 ต.ค. 2566``, ``15 ตุลาคม 2566``, ``ต.ค. 2566``, ``10/2566``, ``2566``,
    ``2023-10-15``, ``2023-10``, ``15 Oct 2023``, ``October 15, 2023``; Thai
    digits as well, and ``พ.ศ.`` / ``ค.ศ.`` (``BE`` / ``CE``, ``AD``) before
    or after the year.  A four-digit year above 2400 is Buddhist era (what
    the Thai interface shows), otherwise common era (what the English one
    shows), unless the era is written.  A two-digit year is Buddhist era
    (``66`` is 2566) where ``lang`` is Thai, and refused in English.

    Anything else — a day the month does not have, month 13, year 0, words —
    is a ValidationError whose sentence says what to type."""
    shown = _shown(text)
    if not isinstance(text, str) or len(text) > MAX_DATE_TEXT:
        raise ValidationError("error.date_not_understood", field=field, value=shown)
    clean = " ".join(unicodedata.normalize("NFC", text).translate(_THAI_DIGITS).lower().split())
    clean = _FILLER.sub(" ", clean)
    era = None
    for name, pattern in (("be", _ERA_BE), ("ce", _ERA_CE)):
        if pattern.search(clean):
            if era is not None or len(pattern.findall(clean)) > 1:
                raise ValidationError("error.date_not_understood", field=field, value=shown)
            era, clean = name, pattern.sub(" ", clean)
    clean = " ".join(clean.split())
    if match := _NUMERIC_DAY.fullmatch(clean):
        first, _sep, month, last = match.groups()
        if len(first) == 4 and len(last) <= 2:  # 2023-10-15: year first
            return _day(_year(first, era, lang, shown), int(month), int(last)), DAY
        if len(first) <= 2:
            return _day(_year(last, era, lang, shown), int(month), int(first)), DAY
    elif match := _NUMERIC_MONTH.fullmatch(clean):
        month, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        return _day(_year(year, era, lang, shown), int(month), 1), MONTH
    elif _YEAR_ONLY.fullmatch(clean):
        return date(_year(clean, era, lang, shown), 1, 1), YEAR
    elif (match := _WORD_MONTH.fullmatch(clean)) and _month_key(match[2]) in _MONTH_WORDS:
        day, word, year = match.groups()
        month = _MONTH_WORDS[_month_key(word)]
        if day is None:
            return _day(_year(year, era, lang, shown), month, 1), MONTH
        return _day(_year(year, era, lang, shown), month, int(day)), DAY
    elif (match := _WORD_MONTH_FIRST.fullmatch(clean)) and _month_key(match[1]) in _MONTH_WORDS:
        word, day, year = match.groups()
        return _day(_year(year, era, lang, shown), _MONTH_WORDS[_month_key(word)], int(day)), DAY
    raise ValidationError("error.date_not_understood", field=field, value=shown)


def parse_date(value: Any, field: str) -> date | None:
    """A day: ISO (``2023-10-15``) or as a person types it (see
    :func:`parse_thai_date`); a month or a year alone is refused, since the
    column keeps a day and inventing one would be a guess."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValidationError("error.date_not_understood", field=field, value=_shown(value))
    try:
        iso = date.fromisoformat(value.strip())
    except ValueError:
        pass
    else:
        if iso.year <= BUDDHIST_ERA_FROM:  # 2566-10-15 is a Buddhist-era year, read below
            return iso
    try:
        day, precision = parse_thai_date(value, field)
    except ValidationError as reason:
        # A record's date, from a form, the command line or an archive: say which one.
        raise ValidationError("error.date_field", field=field, reason_th=reason.message("th"),
                              reason_en=reason.message("en")) from None
    if precision != DAY:
        raise ValidationError("error.date_needs_day", field=field, value=_shown(value))
    return day


def parse_datetime(value: Any, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone().replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(field=field, detail=f"{_shown(value)} (YYYY-MM-DDTHH:MM:SS)") from None
    return parse_datetime(parsed, field)


def _shown(value: Any) -> str:
    """The value as a message quotes it: short, and printable on any console."""
    text = value if isinstance(value, str) else str(value) if isinstance(value, (int, float, Decimal)) else repr(value)
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 40 else text[:39] + "…"


def _number_text(value: str, field: str) -> str:
    """``value`` stripped of spaces and thousands separators, or a ValidationError."""
    text = value.strip()
    if len(text) > MAX_NUMBER_TEXT:
        raise ValidationError("error.number_too_many_digits_total", field=field, value=_shown(value),
                              digits=MAX_NUMBER_TEXT)
    if _EXPONENT.search(text) and not _NOT_FINITE.fullmatch(text):
        raise ValidationError("error.number_exponent", field=field, value=_shown(value))
    if _NOT_FINITE.fullmatch(text):
        raise ValidationError("error.number_not_finite", field=field, value=_shown(value))
    whole = text.lstrip("+-").split(".", 1)[0]
    # A comma is a thousands separator only where it groups three digits:
    # "1,5" (a decimal comma) must not silently become fifteen.
    if "," in whole and not _GROUPED.fullmatch(whole):
        raise ValidationError("error.number_not_a_number", field=field, value=_shown(value))
    plain = text.replace(",", "") if "," in whole else text
    if not _DECIMAL.fullmatch(plain):
        raise ValidationError("error.number_not_a_number", field=field, value=_shown(value))
    return plain


def _limits(column: Column | None) -> tuple[Any, Any]:
    info = column.info if column is not None else {}
    return info.get("min"), info.get("max")


def _check_range(number: Decimal | int, field: str, value: Any, minimum: Any, maximum: Any) -> None:
    if minimum is not None and maximum is not None:
        if not minimum <= number <= maximum:
            raise ValidationError("error.number_out_of_range", field=field, value=_shown(value),
                                  minimum=f"{minimum:,}", maximum=f"{maximum:,}")
    elif minimum is not None and number < minimum:
        raise ValidationError("error.number_below_minimum", field=field, value=_shown(value), minimum=f"{minimum:,}")
    elif maximum is not None and number > maximum:
        raise ValidationError("error.number_above_maximum", field=field, value=_shown(value), maximum=f"{maximum:,}")


def decimal_limits(column: Column) -> tuple[int, int]:
    """(digits before the point, digits after it) a Numeric column keeps exactly."""
    precision, scale = column.type.precision, column.type.scale
    if precision is None or scale is None or precision > EXACT_FLOAT_DIGITS:
        # SQLite keeps these as 8-byte floats: a wider column would round
        # silently, so a model must not declare one.
        raise TypeError(f"{column}: Numeric columns need a precision of at most {EXACT_FLOAT_DIGITS}")
    return precision - scale, scale


def _digit_counts(number: Decimal) -> tuple[int, int]:
    """(digits before the point, digits after it) of ``number`` written in
    full without trailing zeros — counted exactly, not in a context of 28
    digits that would round a longer number first."""
    if number.is_zero():
        return 0, 0
    _sign, digits, exponent = number.as_tuple()
    coefficient = "".join(map(str, digits))
    if exponent < 0:
        zeros = min(len(coefficient) - len(coefficient.rstrip("0")), -exponent)
        coefficient = coefficient[:len(coefficient) - zeros]
        exponent += zeros
    return max(len(coefficient) + exponent, 0), max(-exponent, 0)


def parse_decimal(value: Any, field: str, column: Column | None = None) -> Decimal | None:
    """A Decimal that ``column`` stores exactly, or a ValidationError.

    Without a column (an amount that is converted before it is stored) the
    number must still be finite, written out in full, and of at most
    :data:`MAX_DECIMAL_DIGITS` digits."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError("error.number_not_a_number", field=field, value=_shown(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError("error.number_not_finite", field=field, value=_shown(value))
        result = Decimal(repr(value))  # the shortest text that reads back as this float, not its binary expansion
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError("error.number_not_finite", field=field, value=_shown(value))
        result = value
    elif isinstance(value, str):
        result = Decimal(_number_text(value, field))
    else:
        raise ValidationError("error.number_not_a_number", field=field, value=_shown(value))
    if column is not None:
        whole_digits, scale = decimal_limits(column)
    else:
        whole_digits, scale = MAX_DECIMAL_DIGITS, MAX_DECIMAL_DIGITS
    if result.is_zero():
        result = Decimal(0)  # 0E-30 and -0 are zero: nothing to lose
    integer_digits, decimals = _digit_counts(result)
    if decimals > scale:
        raise ValidationError("error.number_too_many_decimals", field=field, value=_shown(value), scale=scale)
    if integer_digits > whole_digits:
        raise ValidationError("error.number_too_many_digits", field=field, value=_shown(value), digits=whole_digits)
    if column is None and integer_digits + decimals > MAX_DECIMAL_DIGITS:
        raise ValidationError("error.number_too_many_digits_total", field=field, value=_shown(value),
                              digits=MAX_DECIMAL_DIGITS)
    _check_range(result, field, value, *_limits(column))
    return result


def parse_int(value: Any, field: str, column: Column | None = None) -> int | None:
    """An integer SQLite keeps (64 bits) within the column's declared range."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError("error.number_not_a_number", field=field, value=_shown(value))
    if isinstance(value, int):
        result = value
    elif isinstance(value, (float, Decimal)):
        if isinstance(value, float):
            finite = math.isfinite(value)
            value = Decimal(repr(value))  # the number as it is shown, as parse_decimal reads a float
        else:
            finite = value.is_finite()
        if not finite:
            raise ValidationError("error.number_not_finite", field=field, value=_shown(value))
        # Out of range, judged without arithmetic (which overflows a Decimal
        # of a huge exponent) and without expanding it into a huge int.
        if value.adjusted() > 19:
            result = SQLITE_INTEGER_MAX + 1 if value > 0 else SQLITE_INTEGER_MIN - 1
        elif value != int(value):
            raise ValidationError("error.number_not_whole", field=field, value=_shown(value))
        else:
            result = int(value)
    elif isinstance(value, str):
        number = Decimal(_number_text(value, field))
        if number != number.to_integral_value():
            raise ValidationError("error.number_not_whole", field=field, value=_shown(value))
        result = int(number)
    else:
        raise ValidationError("error.number_not_a_number", field=field, value=_shown(value))
    minimum, maximum = _limits(column)
    if not SQLITE_INTEGER_MIN <= result <= SQLITE_INTEGER_MAX:
        _check_range(result, field, value, SQLITE_INTEGER_MIN if minimum is None else minimum,
                     SQLITE_INTEGER_MAX if maximum is None else maximum)
    _check_range(result, field, value, minimum, maximum)
    return result


def parse_bool(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int,)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y", "ใช่"):
        return True
    if text in ("0", "false", "no", "n", "ไม่ใช่", ""):
        return False
    raise ValidationError(field=field, detail=repr(value))


def parse_text(value: Any, field: str, length: int | None = None) -> str:
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate: SQLite cannot store it, and an archive or a PDF
        # holding it could not be written later.
        raise ValidationError("error.text_damaged", field=field) from None
    if length and len(text) > length:
        raise ValidationError(field=field, detail=f"> {length}")
    return text


def parse_code(value: Any, field: str, vocabulary: type[enums.LabelledEnum], nullable: bool) -> str | None:
    """One code of ``vocabulary``; an emptied choice is None where the column allows it."""
    if value == "" and nullable:
        return None
    if not isinstance(value, str) or value not in vocabulary.values():
        raise ValidationError(field=field, detail=f"{_shown(value)} ∉ {', '.join(vocabulary.values())}")
    return str(value)


def parse_codes(value: Any, field: str, vocabulary: type[enums.LabelledEnum]) -> list[str]:
    """Codes of ``vocabulary``, in its order, each once."""
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        raise ValidationError("error.codes_expected", field=field, value=_shown(value))
    offered = vocabulary.values()
    bad = [v for v in items if not isinstance(v, str) or v not in offered]
    if bad:
        raise ValidationError(field=field, detail=f"{_shown(bad)} ∉ {', '.join(offered)}")
    # Keep the vocabulary's order: the dossier lists them that way.
    return [v for v in offered if v in items]


def parse_counts(value: Any, field: str, column: Column) -> dict[str, int]:
    """A breakdown such as ``{"female": 21, "male": 14}``; an emptied count
    (None) drops its group."""
    if not isinstance(value, dict):
        raise ValidationError("error.counts_expected", field=field, value=_shown(value))
    counts: dict[str, int] = {}
    for group, count in value.items():
        name = parse_text(group, field, MAX_GROUP_NAME) if isinstance(group, str) else None
        if not name:
            raise ValidationError("error.counts_expected", field=field, value=_shown(group))
        number = parse_int(count, f"{field}.{name}", column)
        if number is not None:
            counts[name] = number
    return counts


def coerce(model: type[Record], field: str, value: Any) -> Any:
    """The value to store in ``model.field``, or a ValidationError."""
    mapper: Mapper = model.__mapper__
    if field not in mapper.columns:
        raise ValidationError("error.unknown_field", field=field, kind=model.kind_en)
    column = mapper.columns[field]
    table = model.__tablename__
    if value is None:
        if column.nullable or column.foreign_keys:
            return None
        if column.default is None:
            raise ValidationError("error.required", field=field)
        # SQLAlchemy wraps callable defaults to take an execution context.
        return column.default.arg(None) if column.default.is_callable else column.default.arg
    kind = column.type
    if (table, field) in VOCABULARIES:
        return parse_code(value, field, VOCABULARIES[(table, field)], column.nullable)
    if (table, field) in LIST_VOCABULARIES:
        return parse_codes(value, field, LIST_VOCABULARIES[(table, field)])
    if isinstance(kind, DateTime):
        return parse_datetime(value, field)
    if isinstance(kind, Date):
        return parse_date(value, field)
    if isinstance(kind, Numeric):
        return parse_decimal(value, field, column)
    if isinstance(kind, (Integer, BigInteger)):
        return parse_int(value, field, column)
    if isinstance(kind, Boolean):
        return parse_bool(value, field)
    if isinstance(kind, JSON):
        if column.info.get("json") == "counts":
            return parse_counts(value, field, column)
        if column.info.get("json") in JSON_SHAPES:
            return JSON_SHAPES[column.info["json"]](value, field)
        raise TypeError(f"{table}.{field}: a JSON column needs a vocabulary or a declared shape")
    return parse_text(value, field, getattr(kind, "length", None))
