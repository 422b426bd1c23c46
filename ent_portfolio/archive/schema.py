"""The JSON Schema of the archive document, derived from the models.

The committed copy in ``resources/schema/archive-v1.schema.json`` is what
import validates against; a test keeps it equal to :func:`build_schema`."""

from __future__ import annotations

import json
from typing import Any

from ..domain import models as m
from .codec import column_kinds

_TYPES: dict[str, dict[str, Any]] = {
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "bool": {"type": "boolean"},
    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "datetime": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$"},
    "decimal": {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"},
    "json": {"type": ["array", "object"]},
}


def _record_schema(model: type[m.Record]) -> dict[str, Any]:
    properties = {}
    required = ["id", "created_at", "updated_at"]
    for column in model.__table__.columns:
        kind = dict(_TYPES[column_kinds(model)[column.key]])
        if column.nullable:
            kind = {"anyOf": [kind, {"type": "null"}]}
        properties[column.key] = kind
    properties["id"] = {"type": "string", "pattern": "^[0-9a-f-]{36}$"}
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def build_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "ent-portfolio-archive-v1",
        "title": "EnT Portfolio archive document (portfolio.json), format version 1",
        "type": "object",
        "required": ["format", "format_version", "app_version", "schema_revision", "exported_at", "records", "files"],
        "properties": {
            "format": {"const": "ent-portfolio-archive"},
            "format_version": {"const": 1},
            "app_version": {"type": "string"},
            "schema_revision": {"type": "string"},
            "exported_at": {"type": "string"},
            "records": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    model.__tablename__: {"type": "array", "items": _record_schema(model)} for model in m.RECORD_MODELS
                },
            },
            "files": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["sha256", "size"],
                    "additionalProperties": False,
                    "properties": {
                        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                        "size": {"type": "integer", "minimum": 0},
                    },
                },
            },
        },
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
