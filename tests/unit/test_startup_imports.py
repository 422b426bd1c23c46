"""The command line starts light: building the parser imports no heavy
library, ``--help`` wraps its Thai without the segmenter, and ``works``
lists the works without Qt, the dossier's PDF libraries, image decoding,
the Thai segmenter, SQLAlchemy or Alembic.  Each check runs in a fresh
interpreter, since this test process has long imported everything."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

#: What no command needs merely to start: the window, the PDF and image
#: libraries, the segmenter, and the ORM (the parser must not open anything).
HEAVY = ("PySide6", "shiboken6", "cv2", "reportlab", "pythainlp", "PIL", "pikepdf", "pyhanko", "numpy", "docx",
         "openpyxl", "pypdfium2", "sqlalchemy", "alembic", "geothai")


def _modules_after(code: str) -> set[str]:
    """Top-level packages, and every module of the app, imported by ``code``
    run in a new interpreter."""
    script = code + ("\nimport json, sys\nprint('MODULES', json.dumps(sorted({m if m.startswith('ent_portfolio.') "
                     "else m.split('.')[0] for m in sys.modules})))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    line = [x for x in done.stdout.splitlines() if x.startswith("MODULES ")][-1]
    return set(json.loads(line[len("MODULES "):]))


def test_building_the_parser_imports_nothing_heavy():
    loaded = _modules_after("import ent_portfolio.cli as cli\ncli.build_parser()")
    assert "argparse" in loaded  # the check can see what was imported
    assert loaded & set(HEAVY) == set()


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["import", "sheet", "--help"]])
def test_help_imports_nothing_heavy(argv):
    code = (f"from ent_portfolio.cli import main\ntry:\n    main(['--lang', 'th', *{argv!r}])\n"
            "except SystemExit:\n    pass")
    loaded = _modules_after(code)
    assert "ent_portfolio.cli.help_break_table" in loaded  # it did print the help
    assert loaded & set(HEAVY) == set()


def test_an_older_database_is_still_backed_up_and_migrated_by_a_command_that_only_reads(
        tmp_path, monkeypatch, capsys):
    """``works`` on a database one revision behind the app (a migration
    added after it was made): backed up, migrated, then listed."""
    import shutil
    import sqlite3

    from ent_portfolio.cli import main
    from ent_portfolio.services import Services
    from ent_portfolio.storage import schema
    from ent_portfolio.storage.portfolio import Portfolio, head_revision

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        work = Services(p).works.create(title_th="ผลงานก่อนปรับรุ่น")
    old_head = head_revision()
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations)
    (migrations / "versions" / "9001_test_column.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision: str = '9001'\ndown_revision: str | None = {old_head!r}  # after the app's newest\n"
        "def upgrade():\n    op.add_column('work', sa.Column('test_note', sa.Text(), nullable=True))\n",
        encoding="utf-8")
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    assert head_revision() == "9001"
    assert main(["--portfolio", str(folder), "works"]) == 0
    assert capsys.readouterr().out == f"{work.id}\tผลงานก่อนปรับรุ่น\n"
    conn = sqlite3.connect(folder / "portfolio.sqlite3")
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9001"
    conn.close()
    backups = list((folder / "backups").glob(f"before-migration-{old_head}-*.sqlite3"))
    assert len(backups) == 1


@pytest.mark.parametrize("lang", ["th", "en"])
def test_works_lists_without_the_window_the_dossier_or_the_photos(demo_dir, lang):
    code = (f"from ent_portfolio.cli import main\n"
            f"assert main(['--lang', '{lang}', '--portfolio', {str(demo_dir)!r}, 'works']) == 0")
    loaded = _modules_after(code)
    assert {"sqlite3", "ent_portfolio.storage.work_list"} <= loaded  # it did read the portfolio
    # ... with plain SQLite: neither SQLAlchemy, the models nor Alembic (the database is at the newest schema)
    assert loaded & set(HEAVY) == set()
    assert "ent_portfolio.domain.models" not in loaded
    assert {m for m in loaded if m.startswith(("ent_portfolio.services", "ent_portfolio.media",
                                               "ent_portfolio.dossier", "ent_portfolio.ui"))} == set()


def test_works_prints_what_the_services_list_in_their_order(portfolio, services, capsys):
    from ent_portfolio.cli import main

    for title, start, order in [("ข", dt.date(2020, 1, 1), 0), ("ก", dt.date(2020, 1, 1), 0),
                                ("ค", None, 0), ("ง", dt.date(2019, 5, 1), 1), ("จ", dt.date(2018, 1, 1), 0)]:
        work = services.works.create(title_th=title, start_date=start)
        services.works.update(work.id, sort_order=order)
    expected = [f"{w.id}\t{w.title_th}" for w in services.works.list()]
    portfolio.close()
    assert main(["--portfolio", str(portfolio.folder), "works"]) == 0
    assert capsys.readouterr().out.splitlines() == expected


def test_the_light_rows_are_the_work_tables_columns_read_as_the_models_read_them(portfolio, services):
    from ent_portfolio.domain import models as m
    from ent_portfolio.storage.work_list import LIST_COLUMNS, LIST_ORDER, work_list_rows

    assert set(LIST_COLUMNS) | set(LIST_ORDER) <= set(m.Work.__table__.columns.keys())
    work = services.works.create(title_th="ผลงาน", title_en="A work", start_date=dt.date(2024, 3, 1),
                                 province="น่าน")
    (row,) = work_list_rows(portfolio)
    stored = services.works.get(work.id)
    assert row == tuple(getattr(stored, name) for name in LIST_COLUMNS)
    assert isinstance(row.start_date, dt.date) and isinstance(row.updated_at, dt.datetime)


@pytest.mark.parametrize("damage", ["2024-13-45", "", "yesterday", "\x00\x01", "2024-02-30 25:61:00"])
def test_a_damaged_date_does_not_stop_the_list(portfolio, services, damage, capsys):
    import sqlite3

    from ent_portfolio.cli import main
    from ent_portfolio.storage.work_list import work_list_rows

    work = services.works.create(title_th="ผลงานที่วันที่เสีย", start_date=dt.date(2024, 3, 1))
    conn = sqlite3.connect(portfolio.database_path)
    conn.execute("UPDATE work SET start_date=?, updated_at=? WHERE id=?", (damage, damage, work.id))
    conn.commit()
    conn.close()
    (row,) = work_list_rows(portfolio)
    assert (row.id, row.start_date, row.updated_at) == (work.id, None, None)
    portfolio.close()
    assert main(["--portfolio", str(portfolio.folder), "works"]) == 0
    assert capsys.readouterr().out == f"{work.id}\tผลงานที่วันที่เสีย\n"
