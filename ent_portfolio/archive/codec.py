"""Records to JSON values and back.  One codec for every model, driven by the
column types, so a new column travels in archives without extra code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Numeric

from ..domain.fields import coerce, parse_datetime
from ..domain.models import Record


def encode_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Normalised so 1500.0000 and 1500 read the same in every archive.
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_encoder(columns: list) -> Callable[[Any], dict[str, Any]]:
    """A database row (the values of ``columns``, in order) as an archive row,
    keys in sorted order.  Only dates, times and decimals need encoding; the
    other columns' values are JSON already, so they are not looked at (a
    faculty's export encodes some three million values)."""
    order = sorted(range(len(columns)), key=lambda index: columns[index].key)
    plan = [(columns[index].key, index, isinstance(columns[index].type, (DateTime, Date, Numeric)))
            for index in order]

    def encode(row: Any) -> dict[str, Any]:
        return {key: encode_value(row[index]) if needs and row[index] is not None else row[index]
                for key, index, needs in plan}
    return encode


def record_to_dict(record: Record) -> dict[str, Any]:
    return {column.key: encode_value(getattr(record, column.key)) for column in type(record).__table__.columns}


def dict_to_values(model: type[Record], data: dict[str, Any]) -> dict[str, Any]:
    """Column values for ``model`` from an archive row; unknown keys are an error
    of the archive (caught by the schema check before this runs)."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.key not in data:
            continue
        raw = data[column.key]
        if column.key in ("id",) or (column.foreign_keys and raw is not None):
            values[column.key] = str(raw)
        elif column.key in ("created_at", "updated_at"):
            values[column.key] = parse_datetime(raw, column.key)
        else:
            values[column.key] = coerce(model, column.key, raw)
    return values


def column_kinds(model: type[Record]) -> dict[str, str]:
    """A JSON-schema-friendly description of each column (used to build the schema)."""
    kinds = {}
    for column in model.__table__.columns:
        t = column.type
        if isinstance(t, DateTime):
            kind = "datetime"
        elif isinstance(t, Date):
            kind = "date"
        elif isinstance(t, Numeric):
            kind = "decimal"
        elif isinstance(t, JSON):
            kind = "json"
        else:
            kind = t.python_type.__name__
        kinds[column.key] = kind
    return kinds
