"""What the evidence-import tests share: the work they import into, a photo's
time, the checks that the store holds what it should and nothing else, and
that a refusal is one printable sentence naming the file."""

from __future__ import annotations

from datetime import datetime

from ent_portfolio.i18n import MESSAGES
from ent_portfolio.services.doctor import check_portfolio
from ent_portfolio.services.importer import Status

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


def assert_sentence(outcome, name_part: str | None = None) -> None:
    """A refusal reads as a sentence in both languages, names the file, and
    can be printed and stored (no lone surrogate)."""
    assert outcome.status is Status.REFUSED
    assert outcome.reason_key in MESSAGES, outcome.reason_key
    for lang in ("th", "en"):
        text = outcome.line(lang)
        text.encode("utf-8")  # raises on a lone surrogate
        assert outcome.reason_key not in text
    if name_part is not None:
        assert name_part in outcome.reason("th") and name_part in outcome.reason("en")
