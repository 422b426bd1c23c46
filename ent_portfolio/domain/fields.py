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
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Column, Date, DateTime, Integer, Numeric
from sqlalchemy.orm import Mapper

from ..errors import ValidationError
from ..i18n import register
from . import enums
from .models import Record

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
    ("work", "prior_quality_level"): enums.QualityLevel,
    ("partner", "partner_type"): enums.PartnerType,
    ("work_partner", "role"): enums.PartnerRole,
    ("activity", "kind"): enums.ActivityKind,
    ("indicator", "level"): enums.IndicatorLevel,
    ("indicator", "direction"): enums.Direction,
    ("testimonial", "kind"): enums.TestimonialKind,
    ("testimonial", "principle"): enums.Principle,
    ("evidence", "kind"): enums.EvidenceKind,
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


def parse_date(value: Any, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(field=field, detail=f"{_shown(value)} (YYYY-MM-DD)") from None


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
        raise TypeError(f"{table}.{field}: a JSON column needs a vocabulary or a declared shape")
    return parse_text(value, field, getattr(kind, "length", None))
