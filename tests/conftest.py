"""Shared fixtures: an empty portfolio and the demo portfolio are built once
per test run and copied for each test that needs one."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ENT_PORTFOLIO_LANG", "th")
# The app's per-user data (and PyThaiNLP's, kept in it) go to a folder of this
# run, never to the real home of whoever runs the tests.
_RUN_DATA = tempfile.mkdtemp(prefix="ent-portfolio-test-data-")
atexit.register(shutil.rmtree, _RUN_DATA, True)
os.environ["XDG_DATA_HOME"] = _RUN_DATA
for _variable in ("PYTHAINLP_DATA", "PYTHAINLP_DATA_DIR"):
    os.environ.pop(_variable, None)

from ent_portfolio.services import Services  # noqa: E402
from ent_portfolio.storage.portfolio import Portfolio  # noqa: E402


def _copy_portfolio(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "empty"
    Portfolio.create(folder).close()
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from ent_portfolio.demo import create_demo_portfolio

    folder = tmp_path_factory.mktemp("template") / "demo"
    create_demo_portfolio(folder)
    return folder


@pytest.fixture
def portfolio(empty_template, tmp_path):
    p = Portfolio.open(_copy_portfolio(empty_template, tmp_path / "portfolio"))
    yield p
    p.close()


@pytest.fixture
def services(portfolio) -> Services:
    return Services(portfolio)


@pytest.fixture
def demo_dir(demo_template, tmp_path) -> Path:
    return _copy_portfolio(demo_template, tmp_path / "demo")


@pytest.fixture
def demo(demo_dir):
    p = Portfolio.open(demo_dir)
    yield p
    p.close()


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL cluster for the run (the faculty's database and
    the schema on PostgreSQL); ``create_database(name)`` gives each test its
    own database.  Skipped with the reason where the server is not
    installed, failed under CI, where the test command installs it."""
    from tests.faculty.postgres_server import start_cluster
    from tests.pdftools import in_ci

    try:
        cluster = start_cluster()
    except Exception as exc:  # noqa: BLE001 - any reason the server cannot start is the same skip
        if in_ci():
            pytest.fail(f"PostgreSQL is needed under CI (make system-tools installs it): {exc}")
        pytest.skip(f"no PostgreSQL server to test against: {exc}")
    yield cluster
    cluster.stop()
