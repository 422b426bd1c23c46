"""The schema's revisions are read from the migration files without Alembic
(storage/schema.py), so that opening a portfolio at the newest schema never
imports it.  What is read must be what Alembic itself reads: for the app's
own migrations folder (whatever revisions it holds today) and for folders
written in every way a revision file may name its revision."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.storage import schema


def _alembic_reading(migrations: Path) -> tuple[str, set[str]]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    script = ScriptDirectory.from_config(cfg)
    return script.get_current_head(), {rev.revision for rev in script.walk_revisions()}


def test_the_apps_migrations_read_as_alembic_reads_them():
    head, known = _alembic_reading(schema.MIGRATIONS)
    assert schema.head_revision() == head
    assert schema.known_revisions() == known
    assert len(known) == len(list((schema.MIGRATIONS / "versions").glob("[0-9]*.py")))


def _folder_with(tmp_path: Path, files: dict[str, str]) -> Path:
    migrations = tmp_path / "migrations"
    if migrations.exists():
        shutil.rmtree(migrations)
    shutil.copytree(schema.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    for name, text in files.items():
        (migrations / "versions" / name).write_text(text, encoding="utf-8")
    return migrations


def test_a_merge_revision_and_annotated_names_read_as_alembic_reads_them(tmp_path, monkeypatch):
    head = schema.head_revision()
    migrations = _folder_with(tmp_path, {
        "9001_a.py": f'revision: str = "9001"\ndown_revision: str | None = {head!r}\n',
        "9002_b.py": f"revision = '9002'  # a branch\ndown_revision = {head!r}\nbranch_labels = None\n",
        "9003_merge.py": "'''merge'''\nrevision = '9003'\ndown_revision = ('9001', '9002')\n",
    })
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    assert (schema.head_revision(), schema.known_revisions()) == _alembic_reading(migrations)
    assert schema.head_revision() == "9003"


def test_two_heads_are_refused_as_alembic_refuses_them(tmp_path, monkeypatch):
    head = schema.head_revision()
    migrations = _folder_with(tmp_path, {
        "9001_a.py": f"revision = '9001'\ndown_revision = {head!r}\n",
        "9002_b.py": f"revision = '9002'\ndown_revision = {head!r}\n",
    })
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    with pytest.raises(RuntimeError, match="2 heads"):
        schema.head_revision()
    with pytest.raises(Exception, match="(?i)multiple heads"):
        _alembic_reading(migrations)


revision_ids = st.text(alphabet="0123456789abcdefXYZ_", min_size=4, max_size=12)


@settings(max_examples=15, deadline=None)
@given(st.lists(revision_ids, min_size=1, max_size=4, unique=True),
       st.lists(st.sampled_from(["plain", "annotated", "double", "comment"]), min_size=4, max_size=4))
def test_a_chain_of_new_revisions_in_any_spelling_reads_as_alembic_reads_it(tmp_path_factory, ids, styles):
    tmp_path = tmp_path_factory.mktemp("chain")
    before = schema.head_revision()
    files = {}
    for n, (revision, style) in enumerate(zip(ids, styles)):
        quote = '"' if style == "double" else "'"
        annotation = ": str" if style == "annotated" else ""
        comment = "  # the next step" if style == "comment" else ""
        files[f"9{n:03d}_{revision}.py"] = (f'"""step {n}"""\n'
                                           f"revision{annotation} = {quote}{revision}{quote}{comment}\n"
                                           f"down_revision{annotation} = {before!r}\n")
        before = revision
    migrations = _folder_with(tmp_path, files)
    saved = schema.MIGRATIONS
    schema.MIGRATIONS = migrations
    try:
        assert (schema.head_revision(), schema.known_revisions()) == _alembic_reading(migrations)
    finally:
        schema.MIGRATIONS = saved


def test_opening_a_portfolio_at_the_newest_schema_imports_no_alembic(tmp_path):
    from ent_portfolio.storage.portfolio import Portfolio

    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    code = ("import sys\nfrom ent_portfolio.storage.portfolio import Portfolio\n"
            f"with Portfolio.open({str(folder)!r}) as p, p.session() as s:\n"
            "    s.connection().exec_driver_sql('SELECT 1 FROM work')\n"
            "assert 'sqlalchemy' in sys.modules\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
