"""Evidence import benchmark: 60 twelve-megapixel phone photos.

Compares (a) the bare minimum any import must do — read each file, SHA-256 it,
decode a draft-mode (1/8 scale) thumbnail — with (b) the full import into a
fresh portfolio (checks, EXIF, copy into the store with fsync, thumbnail
cache, database rows).  Target: (b) ≤ 2.5 × (a).

Run: ``python benchmarks/bench_import.py [--photos 60] [--repeat 3] [--workers N]``.
The photos (4000×3000 JPEG with EXIF, textured like real ones, ~4–5 MB each)
are generated once and cached in the temp folder."""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageChops, ImageDraw  # noqa: E402

from ent_portfolio.services.importer import import_evidence  # noqa: E402
from ent_portfolio.storage.portfolio import Portfolio  # noqa: E402

WIDTH, HEIGHT = 4000, 3000
CACHE = Path(tempfile.gettempdir()) / "ent-portfolio-bench-photos-v1"


def _scene(seed: int) -> Image.Image:
    """Sky-to-ground gradient, coloured figures, and noise at three scales
    (foliage, texture, sensor grain): compresses like a real phone photo."""
    rnd = random.Random(seed)
    ramp = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    tint = [(rnd.randrange(60, 120), 0.5), (rnd.randrange(110, 170), 0.35), (rnd.randrange(200, 250), -0.3)]
    base = Image.merge("RGB", [ramp.point(lambda v, a=a, k=k: int(a + v * k)) for a, k in tint])
    draw = ImageDraw.Draw(base)
    for _ in range(25):
        x, y, s = rnd.randrange(WIDTH), rnd.randrange(HEIGHT // 3, HEIGHT), rnd.randrange(60, 400)
        draw.ellipse((x, y, x + s, y + 2 * s), fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    layers = [
        Image.effect_noise((WIDTH // 16, HEIGHT // 16), 50).resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC),
        Image.effect_noise((WIDTH // 4, HEIGHT // 4), 30).resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR),
        Image.effect_noise((WIDTH, HEIGHT), 6),
    ]
    channels = []
    for channel in base.split():
        for layer in layers:
            channel = ImageChops.add(channel, layer, 1.0, -128)
        channels.append(channel)
    return Image.merge("RGB", channels)


def _exif(index: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 13"
    exif[0x0112] = 6 if index % 5 == 0 else 1  # some taken upright
    taken = datetime(2025, 3, 14, 9, 0) + timedelta(minutes=7 * index)
    exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (18.0, 46.0, 30.0 + index / 10), "E", (100.0, 46.0, 20.0)
    return exif


def photos(count: int) -> list[Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = CACHE / f"IMG_{i:04d}.jpg"
        if not path.is_file():
            tmp = path.with_suffix(".part")
            _scene(i).save(tmp, "JPEG", quality=88, exif=_exif(i))
            os.replace(tmp, path)
        paths.append(path)
    return paths


def bare_minimum_one(path: Path) -> None:
    data = path.read_bytes()
    hashlib.sha256(data).hexdigest()
    with Image.open(path) as image:
        image.draft("RGB", (320, 320))
        image.thumbnail((320, 320))


def bare_minimum(paths: list[Path], workers: int) -> float:
    start = time.perf_counter()
    if workers <= 1:
        for path in paths:
            bare_minimum_one(path)
    else:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(bare_minimum_one, paths))
    return time.perf_counter() - start


def full_import(paths: list[Path], folder: Path, workers: int | None) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    portfolio = Portfolio.create(folder)
    try:
        with portfolio.session() as session:
            from ent_portfolio.domain import models as m

            work = m.Work(title_th="ผ้าทอบ้านหนองบัว")
            session.add(work)
        start = time.perf_counter()
        result = import_evidence(portfolio, work.id, [paths[0].parent], workers=workers)
        elapsed = time.perf_counter() - start
        assert len(result.stored) == len(paths) and not result.refused, result.summary("en")
    finally:
        portfolio.close()
    return elapsed


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="import threads (default: the importer's)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    paths = photos(args.photos)
    total_mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"photos: {len(paths)} × {WIDTH}×{HEIGHT} JPEG, {total_mb:.0f} MB "
          f"(avg {total_mb / len(paths):.1f} MB; ready in {time.perf_counter() - t0:.1f} s, cached in {CACHE})")
    workers = args.workers or max(2, min(4, 2 * (os.cpu_count() or 1)))
    print(f"cpus: {os.cpu_count()}, import workers: {workers}")
    for path in paths:  # warm the page cache: both sides read from memory
        path.read_bytes()
    rss_before = peak_rss_mb()

    # Interleaved, so that a busy machine slows both sides alike.
    seq, par, full = [], [], []
    work_dir = Path(tempfile.mkdtemp(prefix="ent-bench-import-"))
    try:
        for _ in range(args.repeat):
            seq.append(bare_minimum(paths, 1))
            par.append(bare_minimum(paths, workers))
            full.append(full_import(paths, work_dir / "portfolio", args.workers))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    a_seq, a_par, b = statistics.median(seq), statistics.median(par), statistics.median(full)
    print(f"(a) bare minimum, 1 thread:        {a_seq:6.2f} s  (runs: {', '.join(f'{x:.2f}' for x in seq)})")
    print(f"(a) bare minimum, {workers} threads:       {a_par:6.2f} s  (runs: {', '.join(f'{x:.2f}' for x in par)})")
    print(f"(b) full import:                   {b:6.2f} s  (runs: {', '.join(f'{x:.2f}' for x in full)}; "
          f"{len(paths) / b:.1f} photos/s)")
    print(f"ratio (b)/(a, {workers} threads): {b / a_par:.2f}×   "
          f"ratio (b)/(a, 1 thread): {b / a_seq:.2f}×   target ≤ 2.5×")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (before the runs: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
