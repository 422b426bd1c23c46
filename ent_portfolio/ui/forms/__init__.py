"""Forms declared once: a record's fields as a list of :class:`FieldSpec`,
each of a kind (:mod:`.kinds`) that knows how to make its widget, show a
value, read it back and tell when the person edited it; and the autosave
timing every self-saving form shares (:mod:`.autosave`)."""

from .autosave import AUTOSAVE_MS, Autosave
from .kinds import (
    FieldSpec,
    connect_changed,
    field_label,
    make_field,
    read_field_value,
    refill_choices,
    relabel_field,
    set_field_value,
)

__all__ = [
    "AUTOSAVE_MS", "Autosave", "FieldSpec", "connect_changed", "field_label", "make_field", "read_field_value",
    "refill_choices", "relabel_field", "set_field_value",
]
