"""Turning what a form or a command line gives into column values.

One place decides how a date, an amount or a vocabulary code is read, so the
windows, the command line and the archive all accept the same input."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Integer, Numeric
from sqlalchemy.orm import Mapper

from ..domain import enums
from ..domain.models import Record
from ..errors import ValidationError

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
        raise ValidationError(field=field, detail=f"{value!r} (YYYY-MM-DD)") from None


def parse_datetime(value: Any, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone().replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    try:
        return datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(field=field, detail=f"{value!r} (YYYY-MM-DDTHH:MM:SS)") from None


def parse_decimal(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)  # never let binary fractions into the data
    try:
        result = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError(field=field, detail=repr(value)) from None
    if not result.is_finite():
        raise ValidationError(field=field, detail=repr(value))
    return result


def parse_int(value: Any, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(field=field, detail=repr(value))
    try:
        return int(str(value).replace(",", "").strip())
    except ValueError:
        raise ValidationError(field=field, detail=repr(value)) from None


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
        vocabulary = VOCABULARIES[(table, field)]
        if value == "" and column.nullable:
            return None
        if str(value) not in vocabulary.values():
            raise ValidationError(field=field, detail=f"{value!r} ∉ {', '.join(vocabulary.values())}")
        return str(value)
    if (table, field) in LIST_VOCABULARIES:
        vocabulary = LIST_VOCABULARIES[(table, field)]
        items = [value] if isinstance(value, str) else list(value)
        bad = [v for v in items if v not in vocabulary.values()]
        if bad:
            raise ValidationError(field=field, detail=f"{bad!r} ∉ {', '.join(vocabulary.values())}")
        # Keep the vocabulary's order: the dossier lists them that way.
        return [v for v in vocabulary.values() if v in items]
    if isinstance(kind, DateTime):
        return parse_datetime(value, field)
    if isinstance(kind, Date):
        return parse_date(value, field)
    if isinstance(kind, Numeric):
        return parse_decimal(value, field)
    if isinstance(kind, (Integer, BigInteger)):
        return parse_int(value, field)
    if isinstance(kind, Boolean):
        return parse_bool(value, field)
    if isinstance(kind, JSON):
        return value
    text = str(value)
    length = getattr(kind, "length", None)
    if length and len(text) > length:
        raise ValidationError(field=field, detail=f"> {length}")
    return text
