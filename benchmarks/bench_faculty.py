"""A faculty's load: 50 and 500 lecturers' archives of 10 works each into a
faculty database, on SQLite and on PostgreSQL (a throwaway cluster), and
how the time grows (issue 22, part 4).

The lecturers' archives are made from the demo portfolio the way real ones
differ: its three works copied to ten, every id fresh per lecturer (the
same remapping idea as the loader's, so no two lecturers share a record),
a name of their own; the demo's photos are made smaller (a few tens of kB,
like a phone's "reduced" share) so 500 archives fit a temporary folder.
Each archive is written by the app's own export.  They are kept under the
system temp folder, keyed by app version and schema revision, so a second
run starts at once.

    python -m benchmarks faculty -- [--lecturers 50,500] [--dialects sqlite,postgresql]

:func:`load_faculty` is the timed step; :func:`loaded_databases` yields
each loaded database, for the report's timing beside it."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

WORKS_PER_LECTURER = 10
LAYOUT = 1
PHOTO_LONG_SIDE = 640
_LECTURER_IDS = uuid.UUID("0e6b2f4a-9c1d-5e37-8a40-b1c2d3e4f5a6")
# Tables whose rows belong to one work and are copied with it; the rest
# (profile, headings, partners and their contacts) the copies share.
WORK_TABLES = ("work", "work_section", "funding", "work_partner", "activity", "indicator", "measurement",
               "testimonial", "evidence", "dissemination", "contributor", "work_framework")


def cache_root() -> Path:
    from ent_portfolio import __version__
    from ent_portfolio.storage.portfolio import head_revision

    return Path(tempfile.gettempdir()) / "ent-portfolio-bench-faculty" / \
        f"v{__version__}-{head_revision()}-layout{LAYOUT}"


def _columns() -> dict[str, tuple[list[str], dict[str, str]]]:
    """table -> (its columns, its foreign-key columns -> the table they point at)."""
    from ent_portfolio.domain import models as m

    found = {}
    for model in m.RECORD_MODELS:
        table = model.__table__
        keys = {c.name: next(iter(c.foreign_keys)).column.table.name for c in table.columns if c.foreign_keys}
        found[table.name] = ([c.name for c in table.columns], keys)
    return found


def _remap_everything(database: Path, remap) -> None:
    """Every id and every reference of the portfolio's records through ``remap``."""
    connection = sqlite3.connect(database)
    connection.create_function("remap", 1, remap, deterministic=True)
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        with connection:
            for table, (_columns_of, keys) in _columns().items():
                assignments = ", ".join(f"{name} = remap({name})" for name in ["id", *keys])
                connection.execute(f"UPDATE {table} SET {assignments}")  # noqa: S608 - our own table names
    finally:
        connection.close()


def _smaller_photos(folder: Path) -> None:
    """Each evidence picture replaced in the store by a smaller JPEG (its
    records follow), so hundreds of archives fit on a disk."""
    from PIL import Image

    from ent_portfolio.storage.portfolio import Portfolio

    with Portfolio.open(folder, backup_on_open=False) as portfolio:
        connection = sqlite3.connect(portfolio.database_path)
        try:
            with connection:
                for (sha,) in connection.execute("SELECT DISTINCT sha256 FROM evidence").fetchall():
                    path = portfolio.store.path_for(sha)
                    try:
                        with Image.open(path) as picture:
                            exif = picture.getexif()
                            picture.thumbnail((PHOTO_LONG_SIDE, PHOTO_LONG_SIDE))
                            out = io.BytesIO()
                            picture.convert("RGB").save(out, "JPEG", quality=80, exif=exif.tobytes())
                            size = picture.size
                    except OSError:
                        continue  # a PDF or other document stays as it is
                    scratch = portfolio.temp_dir / "smaller.jpg"
                    scratch.write_bytes(out.getvalue())
                    new_sha, new_size, _added = portfolio.store.add_file(scratch)
                    scratch.unlink()
                    connection.execute("UPDATE evidence SET sha256 = ?, size = ?, width = ?, height = ?, "
                                       "media_type = 'image/jpeg' WHERE sha256 = ?",
                                       (new_sha, new_size, size[0], size[1], sha))
                    path.unlink()
        finally:
            connection.close()


def _ten_works(database: Path) -> None:
    """The demo's works copied (fresh ids, same partners and files) until there are ten."""
    columns = _columns()
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("BEGIN")
        # Evidence and testimonials point at each other: checked at the commit.
        connection.execute("PRAGMA defer_foreign_keys=ON")
        works = [row[0] for row in connection.execute("SELECT id FROM work ORDER BY sort_order, id")]
        originals = {table: connection.execute(
            f"SELECT {', '.join(columns[table][0])} FROM {table}").fetchall() for table in WORK_TABLES}  # noqa: S608
        copy = 0
        while len(works) * (copy + 1) < WORKS_PER_LECTURER:
            copy += 1

            def fresh(value, copy=copy):
                return None if value is None else str(uuid.uuid5(_LECTURER_IDS, f"copy{copy}:{value}"))

            for table in WORK_TABLES:
                names, keys = columns[table]
                moved = []
                for row in originals[table]:
                    values = dict(zip(names, row, strict=True))
                    values["id"] = fresh(values["id"])
                    for name, target in keys.items():
                        if target in WORK_TABLES:
                            values[name] = fresh(values[name])
                    if table == "work":
                        values["title_th"] = f"{values['title_th']} (ชุดที่ {copy + 1})"
                    moved.append(tuple(values[n] for n in names))
                connection.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", moved)
        every = [row[0] for row in connection.execute("SELECT id FROM work ORDER BY title_th, id")]
        for extra in every[WORKS_PER_LECTURER:]:
            connection.execute("DELETE FROM work WHERE id = ?", (extra,))
        connection.execute("COMMIT")
    finally:
        connection.close()


def demo_portfolio(log=print) -> Path:
    """The demo portfolio, built once (renamed into place when whole)."""
    demo = cache_root() / "demo"
    if not demo.exists():
        from ent_portfolio.demo import create_demo_portfolio

        started = time.perf_counter()
        building = cache_root() / "demo-building"
        shutil.rmtree(building, ignore_errors=True)
        create_demo_portfolio(building)
        building.rename(demo)
        log(f"demo portfolio built in {time.perf_counter() - started:.0f} s")
    return demo


def seed_portfolio(log=print) -> Path:
    """The demo with ten works and smaller photos: what each lecturer's copy starts from."""
    root = cache_root()
    seed = root / "seed"
    if (seed / "ready").exists():
        return seed
    root.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(seed, ignore_errors=True)
    started = time.perf_counter()
    building = root / "seed-building"
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(demo_portfolio(log), building)
    _smaller_photos(building)
    _ten_works(building / "portfolio.sqlite3")
    (building / "ready").write_text("ok")
    building.rename(seed)
    log(f"seed portfolio (demo, {WORKS_PER_LECTURER} works) built in {time.perf_counter() - started:.0f} s")
    return seed


def lecturer_archives(count: int, log=print) -> list[Path]:
    """``count`` lecturers' archives (made once, kept for the next run)."""
    from ent_portfolio.archive import export_archive
    from ent_portfolio.storage.portfolio import Portfolio

    seed = seed_portfolio(log)
    folder = cache_root() / "archives"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = [folder / f"lecturer-{n:04d}.entp" for n in range(1, count + 1)]
    missing = [path for path in wanted if not path.exists()]
    started = time.perf_counter()
    for path in missing:
        number = int(path.stem.rsplit("-", 1)[1])
        work = cache_root() / f"making-{number}"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(seed, work, copy_function=os.link)  # files only read: linked, not copied
        (work / "portfolio.sqlite3").unlink()
        shutil.copy2(seed / "portfolio.sqlite3", work / "portfolio.sqlite3")
        for companion in ("portfolio.sqlite3-wal", "portfolio.sqlite3-shm"):
            (work / companion).unlink(missing_ok=True)
        _remap_everything(work / "portfolio.sqlite3",
                          lambda value, n=number: None if value is None else
                          str(uuid.uuid5(_LECTURER_IDS, f"lecturer{n}:{value}")))
        connection = sqlite3.connect(work / "portfolio.sqlite3")
        with connection:
            connection.execute("UPDATE profile SET name_th = ?, name_en = ?",
                               (f"อาจารย์ทดสอบ คนที่ {number}", f"Test Lecturer {number}"))
        connection.close()
        with Portfolio.open(work, backup_on_open=False) as portfolio:
            export_archive(portfolio, path.with_suffix(".partial"))
        path.with_suffix(".partial").rename(path)
        shutil.rmtree(work, ignore_errors=True)
    if missing:
        log(f"{len(missing)} lecturers' archives made in {time.perf_counter() - started:.0f} s "
            f"({sum(p.stat().st_size for p in wanted) / 2**20:.0f} MB for {count})")
    return wanted


def load_faculty(url: str, archives: list[Path], workers: int | None = None) -> dict[str, float]:
    """Load ``archives`` into the (new) database ``url`` as the command does
    (``workers`` processes reading, default as the command's): seconds,
    this process's CPU seconds (the workers' not included) and outcomes."""
    from ent_portfolio.faculty.load import LOADED, default_workers, load_archives

    started = time.perf_counter()
    cpu = time.process_time()
    summary = load_archives(url, archives, workers=workers or default_workers())
    seconds = time.perf_counter() - started
    if summary.count(LOADED) != len(archives):
        raise SystemExit(f"not every archive loaded: {[(o.path.name, o.message) for o in summary.refused][:3]}")
    started_again = time.perf_counter()
    again = load_archives(url, archives)  # every one unchanged: what a second run of the office costs
    return {"seconds": seconds, "cpu": time.process_time() - cpu, "per_lecturer": seconds / len(archives),
            "unchanged_seconds": time.perf_counter() - started_again, "loaded": summary.count(LOADED),
            "unchanged": again.count("unchanged")}


def write_growth(url: str, archive: Path, lecturers: int, block: int = 50) -> list[float]:
    """The database's own part of a load as it fills: one archive read once,
    then written ``lecturers`` times as that many lecturers (its rows under
    each one's key, exactly as the loader writes them); seconds a lecturer
    of each ``block`` written."""
    import dataclasses

    from ent_portfolio.faculty import load
    from ent_portfolio.faculty.database import open_faculty_database
    from ent_portfolio.storage.portfolio import Portfolio

    engine = open_faculty_database(url)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-faculty-write-") as scratch:
            template = Path(scratch) / "template"
            Portfolio.create(template).close()
            prepared = load._prepare(engine, archive)
            lecturer = load._read(archive, template, Path(scratch) / "read", None)
        times = []
        started = time.perf_counter()
        for n in range(lecturers):
            key = str(uuid.uuid5(_LECTURER_IDS, f"write{n}"))
            as_other = dataclasses.replace(lecturer, key=key)  # its rows are copied as they are written
            stamp = dataclasses.replace(prepared.stamp, lecturer_key=key)
            load._write(engine, archive, dataclasses.replace(prepared, sha=f"{n:064x}", stamp=stamp), as_other)
            if (n + 1) % block == 0:
                times.append((time.perf_counter() - started) / block)
                started = time.perf_counter()
        return times
    finally:
        engine.dispose()


def _count_rows(url: str) -> int:
    from sqlalchemy import func, select

    from ent_portfolio.faculty.database import open_faculty_database
    from ent_portfolio.faculty.models import FacultyRecord

    engine = open_faculty_database(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(FacultyRecord.__table__))
    finally:
        engine.dispose()


def loaded_databases(sizes: list[int], dialects: list[str], log=print) -> Iterator[tuple[str, int, str, dict]]:
    """(dialect, lecturers, url, load figures) for each size on each dialect, each database new;
    the smaller sizes first (their archives are made first, too)."""
    cluster = None
    with tempfile.TemporaryDirectory(prefix="bench-faculty-") as scratch:
        try:
            for size in sizes:
                archives = lecturer_archives(size, log)
                for dialect in dialects:
                    if dialect == "sqlite":
                        url = str(Path(scratch) / f"faculty-{size}.sqlite3")
                    else:
                        if cluster is None:
                            from tests.faculty.postgres_server import start_cluster

                            cluster = start_cluster()
                        url = cluster.create_database(f"faculty_{size}")
                    figures = load_faculty(url, archives[:size])
                    figures["rows"] = _count_rows(url)
                    yield dialect, size, url, figures
        finally:
            if cluster is not None:
                cluster.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_faculty", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lecturers", default="50,500", help="sizes, comma-separated (default 50,500)")
    parser.add_argument("--dialects", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--no-report", action="store_true", help="time the load only, not the report after it")
    parser.add_argument("--write-growth", type=int, metavar="N",
                        help="only the database's part: one archive written as N lecturers, per 50 (both dialects)")
    args = parser.parse_args(argv)
    sizes = sorted(int(n) for n in args.lecturers.split(","))
    dialects = [d.strip() for d in args.dialects.split(",") if d.strip()]
    print(f"faculty load: {WORKS_PER_LECTURER} works a lecturer, sizes {sizes}, {dialects}")
    if args.write_growth:
        return _print_write_growth(args.write_growth, dialects)
    results = {}
    for dialect, size, url, figures in loaded_databases(sizes, dialects):
        results[(dialect, size)] = figures
        print(f"{dialect:>10} {size:>4} lecturers ({size * WORKS_PER_LECTURER:>5} works, {figures['rows']:>6} rows): "
              f"load {figures['seconds']:7.1f} s ({figures['per_lecturer']:.2f} s a lecturer, "
              f"CPU {figures['cpu']:.0f} s); again, all unchanged: {figures['unchanged_seconds']:.1f} s",
              flush=True)
        if not args.no_report:
            from faculty_report_timing import time_report

            with tempfile.TemporaryDirectory(prefix="bench-faculty-report-") as out:
                report = time_report(url, Path(out))
            print(f"{'':>10} report of {report['works']} works: numbers {report['gather_s']:.1f} s, "
                  f"PDF {report['pdf_s']:.1f} s ({report['pages']} pages), workbook {report['xlsx_s']:.1f} s",
                  flush=True)
    for dialect in dialects:
        small, large = (results.get((dialect, n)) for n in (sizes[0], sizes[-1]))
        if small and large and sizes[-1] != sizes[0]:
            growth = (large["seconds"] / small["seconds"]) / (sizes[-1] / sizes[0])
            print(f"{dialect:>10} growth {sizes[0]} → {sizes[-1]}: time ×{large['seconds'] / small['seconds']:.1f} "
                  f"for ×{sizes[-1] / sizes[0]:g} lecturers (per lecturer ×{growth:.2f}: 1.00 is linear)")
    return 0


def _print_write_growth(lecturers: int, dialects: list[str]) -> int:
    archive = lecturer_archives(1)[0]
    with tempfile.TemporaryDirectory(prefix="bench-faculty-") as scratch:
        for dialect in dialects:
            cluster = None
            try:
                if dialect == "sqlite":
                    url = str(Path(scratch) / "growth.sqlite3")
                else:
                    from tests.faculty.postgres_server import start_cluster

                    cluster = start_cluster()
                    url = cluster.create_database("growth")
                times = write_growth(url, archive, lecturers)
            finally:
                if cluster is not None:
                    cluster.stop()
            blocks = ", ".join(f"{t * 1000:.0f}" for t in times)
            print(f"{dialect:>10} writing a lecturer ({WORKS_PER_LECTURER} works), ms, per 50 up to {lecturers}: "
                  f"{blocks}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
