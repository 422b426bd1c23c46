"""Create, read, update and delete for one kind of record, each call one
transaction.  The specific services (works, partners, …) build on this."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.fields import PROTECTED, coerce
from ..domain.models import Record
from ..errors import NotFoundError, ValidationError
from ..storage.portfolio import Portfolio

T = TypeVar("T", bound=Record)


def apply_fields(record: Record, fields: dict[str, Any]) -> None:
    model = type(record)
    for name, value in fields.items():
        if name in PROTECTED:
            raise ValidationError("error.unknown_field", field=name, kind=model.kind_en)
        setattr(record, name, coerce(model, name, value))


def get_or_raise(session: Session, model: type[T], record_id: str) -> T:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(kind=model.kind_th, ident=record_id)
    return record


class RecordService(Generic[T]):
    model: type[T]
    #: Columns that must be given on create.
    required: tuple[str, ...] = ()
    #: Default ordering of list().
    order_by: tuple[str, ...] = ("created_at",)

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio

    # Hooks a subclass may override; they run inside the transaction.
    def validate(self, session: Session, record: T) -> None:
        for name in self.required:
            value = getattr(record, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                raise ValidationError("error.required", field=name)

    def before_delete(self, session: Session, record: T) -> None:
        pass

    def after_delete(self, removed_hashes: set[str]) -> None:
        pass

    # The API.
    def create(self, **fields: Any) -> T:
        with self.portfolio.session() as session:
            record = self.model()
            apply_fields(record, fields)
            self._fill_defaults(record)
            self.validate(session, record)
            session.add(record)
            session.flush()
            return record

    def restore(self, record_id: str, created_at=None, **fields: Any) -> T:
        """Put back a record that was deleted (undo), under its own id, so
        whatever still refers to that id — other undo steps, an open editor —
        finds it again."""
        with self.portfolio.session() as session:
            if session.get(self.model, record_id) is not None:
                raise ValidationError(field="id", detail=f"{record_id} exists")
            record = self.model(id=record_id)
            apply_fields(record, fields)
            self._fill_defaults(record)
            if created_at is not None:
                record.created_at = created_at
            self.validate(session, record)
            session.add(record)
            session.flush()
            return record

    def get(self, record_id: str) -> T:
        with self.portfolio.reader() as session:
            return get_or_raise(session, self.model, record_id)

    def find(self, record_id: str) -> T | None:
        with self.portfolio.reader() as session:
            return session.get(self.model, record_id)

    def update(self, record_id: str, **fields: Any) -> T:
        with self.portfolio.session() as session:
            record = get_or_raise(session, self.model, record_id)
            apply_fields(record, fields)
            self.validate(session, record)
            session.flush()
            return record

    def delete(self, record_id: str) -> None:
        with self.portfolio.session() as session:
            record = get_or_raise(session, self.model, record_id)
            self.before_delete(session, record)
            hashes = self._evidence_hashes(session, record)
            session.delete(record)
        self.after_delete(hashes)

    def list(self, **filters: Any) -> list[T]:
        with self.portfolio.reader() as session:
            query = select(self.model)
            for name, value in filters.items():
                query = query.where(getattr(self.model, name) == value)
            query = query.order_by(*(getattr(self.model, o) for o in self.order_by))
            return list(session.scalars(query))

    def count(self) -> int:
        from sqlalchemy import func

        with self.portfolio.reader() as session:
            return session.scalar(select(func.count()).select_from(self.model)) or 0

    # Helpers.
    def _fill_defaults(self, record: T) -> None:
        # Defaults apply at flush; filling them now lets validate() see them.
        for column in self.model.__table__.columns:
            if getattr(record, column.key, None) is None and column.default is not None:
                arg = column.default.arg
                setattr(record, column.key, arg(None) if column.default.is_callable else arg)

    def _evidence_hashes(self, session: Session, record: Record) -> set[str]:
        return set()


def ids(records: Iterable[Record]) -> list[str]:
    return [r.id for r in records]
