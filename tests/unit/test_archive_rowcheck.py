"""The compiled record checks of the archive (archive/rowcheck.py) say
exactly what the ``jsonschema`` package says of the committed schema: the
same rows pass, the same rows fail.  Rows are generated from each table's
own columns, their values near and far from what the schema wants (dates
one digit short, integers as 3.0, booleans as numbers, text with a line
end after a date, nested lists), with keys missing and keys unknown."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.archive import rowcheck

SCHEMAS = rowcheck.record_checks()
TABLE_NAMES = sorted(SCHEMAS)

near_strings = st.sampled_from([
    "2024-01-31", "2024-1-31", "2024-01-31\n", "x2024-01-31", "2024-01-31T08:30:00", "2024-01-31T08:30:00.123456",
    "2024-01-31T08:30", "2024-01-31 08:30:00", "1500", "1500.5", "-3.25", "1.", ".5", "1e3", "+1", "",
    "0f2d6c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f", "0F2D6C3E-1A2B-4C5D-8E9F-0A1B2C3D4E5F", "g" * 36, "-" * 36,
    "a" * 64, "ชุมชน", "\u0000",
])
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, 3.0, -1.0, 1e20, 0.5]),
    near_strings, st.text(max_size=12),
)
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                           st.dictionaries(st.text(max_size=4), inner, max_size=3)),
                           max_leaves=8)


@st.composite
def rows(draw):
    table = draw(st.sampled_from(TABLE_NAMES))
    check = SCHEMAS[table]
    row = {}
    for name in check.tests:
        if draw(st.integers(0, 9)) == 0:
            continue  # a key left out (required or not)
        row[name] = draw(json_values)
    if draw(st.integers(0, 7)) == 0:
        row[draw(st.text(min_size=1, max_size=8))] = draw(scalars)
    return table, row


@st.composite
def nearly_valid_rows(draw):
    """A valid row with one value changed: most generated rows fail early,
    these fail (or pass) on one column."""
    table = draw(st.sampled_from(TABLE_NAMES))
    check = SCHEMAS[table]
    row = {}
    for name, schema in check.schema["properties"].items():
        row[name] = _valid_value(schema)
    name = draw(st.sampled_from(sorted(row)))
    row[name] = draw(json_values)
    return table, row


def _valid_value(schema):
    if "anyOf" in schema:
        return _valid_value(schema["anyOf"][0])
    kind = schema["type"][0] if isinstance(schema["type"], list) else schema["type"]
    pattern = schema.get("pattern", "")
    if kind == "string":
        if "T" in pattern:
            return "2024-01-31T08:30:00"
        if r"\d{4}" in pattern:
            return "2024-01-31"
        if "0-9a-f-" in pattern:
            return "0f2d6c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f"
        if r"\." in pattern:
            return "15.5"
        return "ข้อความ"
    return {"integer": 3, "boolean": True, "array": [], "object": {}}[kind]


def _reference(table: str):
    schema = SCHEMAS[table].schema
    return jsonschema.validators.validator_for(schema)(schema)


REFERENCES = {table: _reference(table) for table in TABLE_NAMES}


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows())
def test_the_compiled_check_agrees_with_jsonschema(case):
    table, row = case
    assert SCHEMAS[table].valid(row) == REFERENCES[table].is_valid(row), (table, row)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nearly_valid_rows())
def test_the_compiled_check_agrees_on_rows_one_value_off(case):
    table, row = case
    assert SCHEMAS[table].valid(row) == REFERENCES[table].is_valid(row), (table, row)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_what_is_no_object_fails_both(value):
    for table in ("work", "evidence"):
        assert SCHEMAS[table].valid(value) == REFERENCES[table].is_valid(value)


def test_the_file_list_check_agrees_on_its_edges():
    check = rowcheck.file_check()
    reference = jsonschema.validators.validator_for(check.schema)(check.schema)
    for entry in [{"sha256": "a" * 64, "size": 0}, {"sha256": "a" * 64, "size": -1}, {"sha256": "a" * 64},
                  {"sha256": "A" * 64, "size": 1}, {"sha256": "a" * 64, "size": 1.0}, {"sha256": "a" * 64,
                  "size": True}, {"sha256": "a" * 64, "size": 1, "name": "x"}, {"sha256": "a" * 64 + "\n", "size": 1}]:
        assert check.valid(entry) == reference.is_valid(entry), entry


def test_a_valid_row_of_every_table_passes_and_the_error_reads_as_jsonschema_says():
    for table in TABLE_NAMES:
        check = SCHEMAS[table]
        row = {name: _valid_value(schema) for name, schema in check.schema["properties"].items()}
        assert check.valid(row), table
        row["id"] = "not an id"
        assert not check.valid(row)
        assert check.first_error(row).startswith("id: 'not an id' does not match")


@pytest.mark.parametrize("schema", [
    {"type": "object", "additionalProperties": False, "properties": {"a": {"type": "string", "format": "date"}}},
    {"type": "object", "properties": {"a": {"type": "string"}}},
    {"type": "object", "additionalProperties": False, "properties": {"a": {"anyOf": [{"type": "null"}],
                                                                             "pattern": "x"}}},
])
def test_a_schema_the_compiler_does_not_know_is_refused_not_checked_loosely(schema):
    with pytest.raises(ValueError):
        rowcheck.CompiledObject(schema)
