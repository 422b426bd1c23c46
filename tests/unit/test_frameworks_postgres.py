"""Revision 0006 on PostgreSQL: the lecturer schema's whole chain up, 0006 down and up
again, and the ticks' table as the models describe it (a throwaway cluster; skipped
with the reason where PostgreSQL is not installed, failed under CI)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError


@pytest.fixture
def cluster(postgres_cluster):
    return postgres_cluster  # the run's throwaway cluster (tests/conftest.py)


def _alembic(engine, action: str, revision: str) -> None:
    from alembic import command

    from ent_portfolio.storage import schema

    cfg = schema._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)


def test_0006_runs_up_down_and_up_on_postgresql_and_matches_the_models(cluster):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ent_portfolio.domain import models as m

    engine = create_engine(cluster.create_database(f"frameworks_{uuid.uuid4().hex[:10]}"))
    try:
        _alembic(engine, "upgrade", "0005")
        assert "work_framework" not in inspect(engine).get_table_names()
        _alembic(engine, "upgrade", "0006")
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), m.Base.metadata)
        assert [d for d in diff if "work_framework" in repr(d)] == []
        with engine.begin() as conn:  # the models' own defaults fill the rest of each row
            conn.execute(m.Work.__table__.insert().values(id="w1", title_th="ผลงาน"))
            conn.execute(m.Work.__table__.insert().values(id="w2", title_th="ผลงานที่สอง"))
            conn.execute(m.WorkFramework.__table__.insert(), [
                {"id": "t1", "work_id": "w1", "framework": "sdg", "code": "4"},
                {"id": "t2", "work_id": "w2", "framework": "sdg", "code": "4"}])
        with pytest.raises(IntegrityError), engine.begin() as conn:  # the same tick twice
            conn.execute(m.WorkFramework.__table__.insert().values(id="t3", work_id="w1", framework="sdg", code="4"))
        with engine.begin() as conn:  # a work's ticks go with it
            conn.execute(text("DELETE FROM work WHERE id = 'w1'"))
            assert conn.execute(text("SELECT id FROM work_framework")).scalars().all() == ["t2"]
        _alembic(engine, "downgrade", "0005")
        assert "work_framework" not in inspect(engine).get_table_names()
        _alembic(engine, "upgrade", "head")
        assert "work_framework" in inspect(engine).get_table_names()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT id, title_th FROM work")).all() == [("w2", "ผลงานที่สอง")]
    finally:
        engine.dispose()
