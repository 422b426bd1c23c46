"""Alembic environment of the faculty tables: run on the connection that
:func:`ent_portfolio.faculty.database.open_faculty_database` hands over,
with their own version table beside the lecturer schema's."""

from alembic import context

from ent_portfolio.faculty.models import FACULTY_VERSION_TABLE, FacultyBase

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by running alembic by hand
    raise RuntimeError("open the database with ent_portfolio.faculty.database; alembic is driven from there")

context.configure(
    connection=connection,
    target_metadata=FacultyBase.metadata,
    version_table=FACULTY_VERSION_TABLE,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
