"""The archive schema's record and file checks, compiled to plain Python.

A general JSON Schema validator walks its keyword tables for every value of
every record; at a faculty's size (a quarter of a million records) that
alone took longer than the rest of an import.  The schema of a record is
small and flat — each column has one JSON type (or that type or null), a
string may have a pattern, an integer a minimum, no other properties are
allowed, some are required — so each table's check is compiled once into a
list of (name, test) pairs.

The compiler reads the committed schema itself, not the models, and refuses
any keyword it does not know: a future schema that says more than these
keywords cannot be checked more loosely here by mistake.  A property test
holds the compiled checks equal to the ``jsonschema`` package on generated
rows.  When a row fails, ``jsonschema`` is asked for the wording of the
first error, so a refused archive is described as before.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from ..resources import resource_path

Test = Callable[[Any], bool]

_KNOWN_PROPERTY_KEYS = {"type", "pattern", "anyOf", "minimum"}
_KNOWN_OBJECT_KEYS = {"type", "properties", "required", "additionalProperties"}


def _is_integer(value: Any) -> bool:
    # JSON Schema counts 3.0 as an integer and true as no number at all.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPE_TESTS: dict[str, Test] = {
    "string": lambda value: isinstance(value, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
}


def _compile_property(schema: dict[str, Any]) -> Test:
    unknown = set(schema) - _KNOWN_PROPERTY_KEYS
    if unknown:
        raise ValueError(f"the archive schema uses {sorted(unknown)}, which the compiled check does not know")
    if "anyOf" in schema:
        if set(schema) != {"anyOf"}:
            raise ValueError("anyOf beside other keywords is not compiled")
        nulls = [choice for choice in schema["anyOf"] if choice == {"type": "null"}]
        others = [_compile_property(choice) for choice in schema["anyOf"] if choice != {"type": "null"}]
        if nulls and len(others) == 1:
            # The common case, "this or null", without a loop.
            only = others[0]
            return lambda value: value is None or only(value)
        choices = others + ([_TYPE_TESTS["null"]] if nulls else [])
        return lambda value: any(choice(value) for choice in choices)
    tests: list[Test] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        type_tests = [_TYPE_TESTS[name] for name in names]
        if len(type_tests) == 1:
            tests.append(type_tests[0])
        else:
            tests.append(lambda value: any(test(value) for test in type_tests))
    if "pattern" in schema:
        # re.search, as JSON Schema says: a pattern is not anchored unless it says so.
        search = re.compile(schema["pattern"]).search
        if schema.get("type") == "string":
            tests = [lambda value: isinstance(value, str) and search(value) is not None]
        else:
            tests.append(lambda value: not isinstance(value, str) or search(value) is not None)
    if "minimum" in schema:
        least = schema["minimum"]
        tests.append(lambda value: not _is_number(value) or value >= least)
    if not tests:
        return lambda value: True
    if len(tests) == 1:
        return tests[0]
    return lambda value: all(test(value) for test in tests)


class CompiledObject:
    """The check of one flat object schema (a record of one table, or an
    entry of the file list)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        unknown = set(schema) - _KNOWN_OBJECT_KEYS
        if unknown or schema.get("type") != "object" or schema.get("additionalProperties", True) is not False:
            raise ValueError(f"the archive schema's object is not one the compiled check knows: {sorted(schema)}")
        self.schema = schema
        self.tests = {name: _compile_property(sub) for name, sub in schema.get("properties", {}).items()}
        self.required = tuple(schema.get("required", ()))
        self._validator = None

    def _reference(self):
        if self._validator is None:
            import jsonschema  # only to word an error (loading it costs a quarter second)

            self._validator = jsonschema.validators.validator_for(self.schema)(self.schema)
        return self._validator

    def valid(self, value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        tests = self.tests
        for name, item in value.items():
            test = tests.get(name)
            if test is None or not test(item):
                return False
        return all(name in value for name in self.required)

    def first_error(self, value: Any) -> str:
        """The first error in ``jsonschema``'s words, as ``path: message``."""
        error = next(iter(self._reference().iter_errors(value)), None)
        if error is None:  # pragma: no cover - valid() and jsonschema agree (property test)
            return "not valid"
        where = "/".join(str(part) for part in error.absolute_path)
        return f"{where}: {error.message}" if where else error.message


@functools.lru_cache(maxsize=1)
def committed_schema() -> dict[str, Any]:
    return json.loads(resource_path("schema", "archive-v1.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def record_checks() -> dict[str, CompiledObject]:
    """Table name -> the compiled check of its records."""
    tables = committed_schema()["properties"]["records"]["properties"]
    return {table: CompiledObject(schema["items"]) for table, schema in tables.items()}


@functools.lru_cache(maxsize=1)
def file_check() -> CompiledObject:
    return CompiledObject(committed_schema()["properties"]["files"]["items"])
