"""Undo for what the windows change: field edits and deletes of records that
can be re-created.  Every command is one service call each way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain.fields import PROTECTED
from .qt import QUndoCommand

_MERGE_ID = 7301


def snapshot(record) -> dict[str, Any]:
    """The columns of ``record`` a person could set (no id or timestamps)."""
    return {c.key: getattr(record, c.key) for c in type(record).__table__.columns if c.key not in PROTECTED}


class FieldEditCommand(QUndoCommand):
    """Fields of one record changed from ``old`` to ``new``.  Pushed *after*
    the save happened, so the first redo does nothing.  Consecutive edits of
    the same fields of the same record merge into one step."""

    def __init__(self, context, service: str, kind: str, record_id: str,
                 old: dict[str, Any], new: dict[str, Any], text: str,
                 apply: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(text)
        self.context, self.service, self.kind, self.record_id = context, service, kind, record_id
        self.old, self.new = dict(old), dict(new)
        self.apply_fn = apply
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _MERGE_ID

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, FieldEditCommand):
            return False
        if (other.service, other.record_id) != (self.service, self.record_id) or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        return True

    def _apply(self, values: dict[str, Any]) -> None:
        if self.apply_fn is not None:
            self.apply_fn(values)
        else:
            getattr(self.context.services, self.service).update(self.record_id, **values)
        self.context.notify(self.kind, self.record_id)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class DeleteCommand(QUndoCommand):
    """Delete a record; undo puts it back under its own id (links that other
    records had to it were cleared by the delete and are not restored).
    ``children`` are (service name, field pointing to the parent, snapshots)
    re-created too."""

    def __init__(self, context, service: str, kind: str, record, text: str,
                 children: list[tuple[str, str, list[dict[str, Any]]]] | None = None) -> None:
        super().__init__(text)
        self.context, self.service, self.kind = context, service, kind
        self.record_id = record.id
        self.created_at = getattr(record, "created_at", None)
        self.fields = snapshot(record)
        self.children = children or []
        self._skip = False

    def perform(self) -> None:
        getattr(self.context.services, self.service).delete(self.record_id)
        self.context.notify(self.kind, self.record_id)

    def redo(self) -> None:
        if self._skip:  # already done by push_delete
            self._skip = False
            return
        getattr(self.context.services, self.service).delete(self.record_id)
        self.context.notify(self.kind, self.record_id)

    def undo(self) -> None:
        created = getattr(self.context.services, self.service).restore(
            self.record_id, created_at=self.created_at, **self.fields)
        for service, parent_field, rows in self.children:
            for row in rows:
                getattr(self.context.services, service).create(**{**row, parent_field: created.id})
        self.context.notify(self.kind, self.record_id)


def push_delete(context, service: str, kind: str, record, text: str, children=None) -> bool:
    """Delete through the undo stack; errors (e.g. a partner still in use) are
    shown and nothing is pushed.  Returns whether the record was deleted."""
    command = DeleteCommand(context, service, kind, record, text, children)
    try:
        command.perform()
    except Exception as exc:
        context.report_error(exc)
        return False
    command._skip = True
    context.undo_stack.push(command)
    return True


def push_edit(context, service: str, kind: str, record_id: str, old: dict, new: dict, text: str) -> None:
    """Record a saved edit on the undo stack (Edit ▸ Undo restores ``old``)."""
    context.undo_stack.push(FieldEditCommand(context, service, kind, record_id, old, new, text))


def push_delete_by_id(context, service: str, kind: str, record_id: str, text: str, children=None) -> bool:
    """:func:`push_delete` for a record known by its id."""
    try:
        record = getattr(context.services, service).get(record_id)
    except Exception as exc:  # e.g. deleted meanwhile in another window
        context.report_error(exc)
        return False
    return push_delete(context, service, kind, record, text, children)
