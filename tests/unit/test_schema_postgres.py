"""The lecturer schema's whole migration chain on PostgreSQL (a faculty's
database) ends where the models say, foreign keys included — the two that
testimonials and evidence hold on each other too (a throwaway cluster;
skipped with the reason where PostgreSQL is not installed, failed under CI)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import IntegrityError

from tests.unit.test_frameworks_postgres import _alembic


@pytest.fixture
def cluster(postgres_cluster):
    return postgres_cluster  # the run's throwaway cluster (tests/conftest.py)


def test_the_whole_chain_on_postgresql_equals_the_models(cluster):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ent_portfolio.domain import models as m

    engine = create_engine(cluster.create_database(f"schema_{uuid.uuid4().hex[:10]}"))
    try:
        _alembic(engine, "upgrade", "head")
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), m.Base.metadata)
        assert [d for d in diff if d[0] in ("add_fk", "remove_fk", "add_table", "remove_table")] == []
        keys = {fk["name"] for fk in inspect(engine).get_foreign_keys("evidence")}
        keys |= {fk["name"] for fk in inspect(engine).get_foreign_keys("testimonial")}
        assert {"fk_evidence_testimonial_id_testimonial", "fk_testimonial_letter_evidence_id_evidence"} <= keys
        with pytest.raises(IntegrityError), engine.begin() as conn:  # the key is enforced, not only listed
            conn.execute(m.Work.__table__.insert().values(id="w", title_th="ผลงาน"))
            conn.execute(m.Testimonial.__table__.insert().values(id="t", work_id="w", letter_evidence_id="missing"))
        _alembic(engine, "downgrade", "base")
        assert [name for name in inspect(engine).get_table_names() if name != "alembic_version"] == []
    finally:
        engine.dispose()
