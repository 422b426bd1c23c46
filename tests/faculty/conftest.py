"""Fixtures of the faculty tests: a faculty database on each dialect (an
SQLite file, and a new database of a throwaway PostgreSQL cluster started
once per run), and lecturers' archives built through the app's services
(:mod:`tests.faculty.load_cases`).

Without PostgreSQL's server binaries the PostgreSQL half is skipped with the
reason, except under CI, where it fails: the test command installs them."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ent_portfolio.storage.portfolio import Portfolio  # noqa: E402
from tests.faculty.load_cases import Lecturer, fill_lecturer  # noqa: E402

DIALECTS = ["sqlite", "postgresql"]


@pytest.fixture(params=DIALECTS)
def faculty_url(request, tmp_path) -> str:
    """A new, empty faculty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "faculty.sqlite3")
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"faculty_{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session")
def lecturer_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("faculty-template") / "empty"
    Portfolio.create(folder).close()
    return folder


@pytest.fixture
def make_lecturer(lecturer_template, tmp_path):
    """``make_lecturer(name, works=2)``: a new lecturer's portfolio, filled."""
    made = []

    def make(name: str, works: int = 2) -> Lecturer:
        folder = tmp_path / f"lecturer{len(made) + 1}"
        shutil.copytree(lecturer_template, folder)
        # A copy of one new portfolio: give each its own profile id, as two
        # lecturers' apps would have.
        connection = sqlite3.connect(folder / "portfolio.sqlite3")
        with connection:
            connection.execute("UPDATE profile SET id = ?", (str(uuid.uuid4()),))
        connection.close()
        lecturer = Lecturer(folder, tmp_path)
        with lecturer.services() as s:
            fill_lecturer(s, tmp_path, name, works)
        made.append(lecturer)
        return lecturer

    return make
