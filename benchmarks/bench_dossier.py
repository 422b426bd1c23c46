"""Dossier benchmark: the demo portfolio plus 60 twelve-megapixel phone photos.

Builds the demo portfolio in a temporary folder, exports its dossier once
as it is (the baseline), imports 60 generated 4000×3000 JPEG photos (with
EXIF orientation and GPS, ~4–5 MB each, the generator of
``bench_import.py``) into its first work with the import service, and
exports the dossier again.  Prints the export time, peak memory (maxrss),
PDF size and the size each photo adds; then the evidence package time.

Run: ``python benchmarks/bench_dossier.py [--photos 60] [--no-package]``.
Targets: export in seconds, ≤ 350 KB per photo."""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import photos  # noqa: E402

from ent_portfolio.demo import create_demo_portfolio  # noqa: E402
from ent_portfolio.dossier import DossierConfig, build_dossier, build_package  # noqa: E402
from ent_portfolio.services import Services  # noqa: E402
from ent_portfolio.services.importer import import_evidence  # noqa: E402
from ent_portfolio.storage.portfolio import Portfolio  # noqa: E402
from ent_portfolio.typeset import preload  # noqa: E402


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--no-package", action="store_true", help="skip the evidence package")
    args = parser.parse_args()

    t0 = time.perf_counter()
    paths = photos(args.photos)
    print(f"photos: {len(paths)} × 4000×3000, {sum(p.stat().st_size for p in paths) / 2**20:.0f} MB "
          f"(generated or cached in {time.perf_counter() - t0:.1f} s)")
    print(f"segmenter preload: {preload():.1f} s (once per process, not counted below)")

    with tempfile.TemporaryDirectory(prefix="bench-dossier-") as tmp:
        tmp = Path(tmp)
        create_demo_portfolio(tmp / "demo")
        with Portfolio.open(tmp / "demo") as portfolio:
            base = build_dossier(portfolio, DossierConfig(), tmp / "base.pdf")
            print(f"demo dossier: {base.pages} pages, {base.size / 2**20:.2f} MB, {base.photo_count} photos, "
                  f"{base.seconds:.1f} s")

            work = Services(portfolio).works.list()[0]
            t = time.perf_counter()
            imported = import_evidence(portfolio, work.id, paths)
            assert len(imported.stored) == len(paths), imported.summary("en")
            print(f"import of {len(paths)} photos: {time.perf_counter() - t:.1f} s")

            rss_before = peak_rss_mb()
            result = build_dossier(portfolio, DossierConfig(), tmp / "big.pdf")
            added = result.size - base.size
            print(f"dossier with {result.photo_count} photos: {result.pages} pages, "
                  f"{result.size / 2**20:.2f} MB, export {result.seconds:.1f} s")
            print(f"  size per photo: {added / len(paths) / 1024:.0f} KB added to the PDF per new photo; "
                  f"{result.bytes_per_photo / 1024:.0f} KB average image stream")
            print(f"  peak memory (maxrss): {peak_rss_mb():.0f} MB (before the export: {rss_before:.0f} MB)")
            again = build_dossier(portfolio, DossierConfig(), tmp / "again.pdf")
            print(f"  export again (pictures from the print cache): {again.seconds:.1f} s")
            if not args.no_package:
                t = time.perf_counter()
                package = build_package(portfolio, DossierConfig(strip_gps=True), tmp / "big.zip")
                print(f"evidence package (GPS stripped): {package.file_count} files, "
                      f"{package.size / 2**20:.0f} MB, {time.perf_counter() - t:.1f} s")
                print(f"  peak memory (maxrss): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
