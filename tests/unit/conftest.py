"""Fixtures the unit tests of several files share: the ready portfolio of the
readiness tests, built once per run and copied for each test that uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from readiness_cases import make_ready_template, open_ready_copy


@pytest.fixture(scope="session")
def ready_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    return make_ready_template(tmp_path_factory)


@pytest.fixture
def ready(ready_template, tmp_path):
    with open_ready_copy(ready_template, tmp_path) as opened:
        yield opened
