"""What the evidence-import tests share: the work they import into, a photo's
time, and the checks that the store holds what it should and nothing else."""

from __future__ import annotations

from datetime import datetime

from ent_portfolio.services.doctor import check_portfolio

TAKEN = datetime(2025, 3, 14, 10, 22, 5)


def create_work(services):
    """The work every import test brings its files into (each file's ``work`` fixture)."""
    return services.works.create(title_th="ผ้าทอบ้านหนองบัว", province="น่าน")


def store_files(portfolio) -> list[str]:
    return list(portfolio.store.iter_hashes())


def assert_clean(portfolio) -> None:
    report = check_portfolio(portfolio)
    assert report.healthy, [p.message("en") for p in report.problems]
    assert portfolio.store.stray_temp_files() == []
    assert [p for p in portfolio.thumbnail_dir.iterdir() if not p.name.endswith(".jpg")] == []
