"""The faculty's own tables, beside the lecturer schema in the same database.

Their own ``MetaData`` and Alembic history (``faculty/migrations``, version
table ``faculty_alembic_version``), and no foreign key into the lecturer
tables: the lecturer schema migrates on its own, and a faculty table never
stops it.  Which rows a lecturer's archive brought is kept in
``faculty_record``, so replacing a lecturer deletes exactly theirs."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..domain.models import NAMING_CONVENTION

#: Ids of a lecturer's rows in the faculty database are
#: ``uuid5(FACULTY_NAMESPACE, f"{lecturer_key}:{original_id}")``: two
#: lecturers whose archives share ids (one demo copied twice) never collide,
#: and the same archive loaded again gives the same ids.
FACULTY_NAMESPACE = uuid.UUID("6f3c1a52-8d0e-5b7a-9c41-2e5d7f90b1c3")

#: The Alembic version table of the faculty tables (the lecturer schema keeps ``alembic_version``).
FACULTY_VERSION_TABLE = "faculty_alembic_version"


def faculty_id(lecturer_key: str, original_id: str) -> str:
    """The id in the faculty database of a lecturer's record ``original_id``."""
    return str(uuid.uuid5(FACULTY_NAMESPACE, f"{lecturer_key}:{original_id}"))


class FacultyBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class FacultyLecturer(FacultyBase):
    """One lecturer whose archive is loaded: keyed by the archive's profile id
    as the lecturer's app wrote it, so a later archive of theirs replaces it."""

    __tablename__ = "faculty_lecturer"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: The profile row's id in this database (remapped).
    profile_id: Mapped[str] = mapped_column(String(36))
    name_th: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    faculty: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    university: Mapped[str] = mapped_column(String(200), default="")
    archive_sha256: Mapped[str] = mapped_column(String(64))
    #: When the lecturer's app wrote the archive (UTC, naive): a later one replaces this.
    archive_exported_at: Mapped[datetime] = mapped_column(DateTime)
    app_version: Mapped[str] = mapped_column(String(40), default="")
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    works_count: Mapped[int] = mapped_column(Integer, default=0)


class FacultyRecord(FacultyBase):
    """A row of the lecturer schema and whose archive brought it."""

    __tablename__ = "faculty_record"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    lecturer_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("faculty_lecturer.id", ondelete="CASCADE"), index=True)


class FacultyWork(FacultyBase):
    """A work's promotion readiness, by the app's own rules, as it stood when loaded."""

    __tablename__ = "faculty_work"

    work_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    lecturer_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("faculty_lecturer.id", ondelete="CASCADE"), index=True)
    #: No blocking finding of the readiness rules for this work.
    ready_for_promotion: Mapped[bool] = mapped_column(Boolean, default=False)
    blocking_findings: Mapped[int] = mapped_column(Integer, default=0)
    findings: Mapped[int] = mapped_column(Integer, default=0)


FACULTY_MODELS = (FacultyLecturer, FacultyRecord, FacultyWork)
