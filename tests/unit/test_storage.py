"""The portfolio folder: pragmas, migrations, and refusing what is too new."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys

import pytest

from ent_portfolio.errors import NotAPortfolioError, SchemaTooNewError, UserError
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio, head_revision


def test_new_portfolio_is_migrated_from_empty_to_head(tmp_path):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p, p.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
    for sub in ("evidence", "thumbnails", "tmp", "backups"):
        assert (folder / sub).is_dir()


def test_migrations_build_exactly_the_models(tmp_path):
    """Upgrading an empty database gives the schema the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ent_portfolio.domain.models import Base

    with Portfolio.create(tmp_path / "p") as p, p.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_opening_a_folder_that_is_not_a_portfolio(tmp_path):
    with pytest.raises(NotAPortfolioError) as caught:
        Portfolio.open(tmp_path)
    assert str(tmp_path) in caught.value.message("th")


def test_create_refuses_a_folder_with_other_files(tmp_path):
    (tmp_path / "thesis.docx").write_bytes(b"x")
    with pytest.raises(UserError):
        Portfolio.create(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.docx"]


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_newer_schema_is_refused_untouched(tmp_path):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    db = folder / DATABASE_NAME
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.execute("UPDATE portfolio_meta SET value='7.0.0' WHERE key='app_version'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(folder)
    with pytest.raises(SchemaTooNewError) as caught:
        Portfolio.open(folder)
    assert "7.0.0" in caught.value.message("th") and "7.0.0" in caught.value.message("en")
    assert _digest(folder) == before


def test_older_schema_is_backed_up_then_migrated(tmp_path, monkeypatch):
    """Open a portfolio at revision 0001 with an app that knows a later one."""
    import shutil

    from ent_portfolio.storage import schema as schema_module

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        from ent_portfolio.services import Services

        Services(p).works.create(title_th="ผลงานเดิม")
    old_head = head_revision()
    migrations = tmp_path / "migrations"
    shutil.copytree(schema_module.MIGRATIONS, migrations)
    (migrations / "versions" / "9001_test_column.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '9001'\ndown_revision = {old_head!r}\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    with op.batch_alter_table('work') as batch:\n"
        "        batch.add_column(sa.Column('test_note', sa.Text(), nullable=True))\n"
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(schema_module, "MIGRATIONS", migrations)
    with Portfolio.open(folder) as p, p.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "9001"
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(work)")]
        assert "test_note" in columns
        assert conn.exec_driver_sql("SELECT title_th FROM work").scalar() == "ผลงานเดิม"
    backups = list((folder / "backups").glob("before-migration-*.sqlite3"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old_head
    assert old.execute("SELECT title_th FROM work").fetchone()[0] == "ผลงานเดิม"
    old.close()


def test_corrupt_database_gives_a_clear_message(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / DATABASE_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(UserError) as caught:
        Portfolio.open(folder)
    assert "เสียหาย" in caught.value.message("th")


def test_core_never_imports_qt():
    """Import every core module (found on disk: walking packages would import
    ``ui`` itself) in a fresh interpreter and check Qt stayed out."""
    code = (
        "import sys, importlib, pathlib, ent_portfolio\n"
        "root = pathlib.Path(ent_portfolio.__file__).parent\n"
        "for path in sorted(root.rglob('*.py')):\n"
        "    rel = path.relative_to(root.parent).with_suffix('')\n"
        "    name = '.'.join(rel.parts).removesuffix('.__init__')\n"
        "    if name.startswith('ent_portfolio.ui') or '.migrations' in name or name.endswith('__main__'):\n"
        "        continue\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
