"""The scale benchmark's portfolios are built as one version-2 archive
(benchmarks/scale_portfolio.py writes it member by member, as the export
does): the archive it writes must be one the app's restore takes whole, with
every work's records and distinct photos."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import scale_portfolio  # noqa: E402

from ent_portfolio.archive import read_archive_document, stream  # noqa: E402
from ent_portfolio.services.backup import restore_archive  # noqa: E402
from ent_portfolio.services.doctor import check_portfolio  # noqa: E402
from ent_portfolio.storage.portfolio import Portfolio  # noqa: E402


def test_the_benchmark_builds_a_portfolio_of_n_works_through_one_streamed_archive(tmp_path):
    seed = scale_portfolio._seed_document(tmp_path / "seed")
    archive = tmp_path / "three.entp"
    scale_portfolio.write_archive(seed, 3, archive, log=lambda line: None)
    with zipfile.ZipFile(archive) as z:
        assert stream.MANIFEST_NAME in z.namelist()
    document = read_archive_document(archive)
    works = document["records"]["work"]
    assert len(works) == 3 and len({w["id"] for w in works}) == 3
    photos = [e["sha256"] for e in document["records"]["evidence"]]
    assert len(photos) == 3 * scale_portfolio.PHOTOS_PER_WORK == len(set(photos))
    restore_archive(archive, tmp_path / "built")
    with Portfolio.open(tmp_path / "built", backup_on_open=False) as portfolio:
        assert check_portfolio(portfolio).healthy
        with portfolio.reader() as session:
            from ent_portfolio.domain import models as m

            assert session.query(m.Work).count() == 3
            per_work = scale_portfolio.INDICATORS_PER_WORK * scale_portfolio.MEASUREMENTS_PER_INDICATOR
            assert session.query(m.Measurement).count() == 3 * per_work
