"""Alembic environment: migrations always run on a connection that the
portfolio opener hands over (see ``ent_portfolio.storage.portfolio``)."""

from alembic import context

from ent_portfolio.domain.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by running alembic by hand
    raise RuntimeError("open a portfolio with ent_portfolio.storage.portfolio; alembic is driven from there")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
