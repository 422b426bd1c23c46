"""Reliability: crashes, two writers, full disks, newer files, backups, repair.

The crash test runs this file as a *driver* in a child process
(``python test_reliability.py --driver ...``) that imports evidence, edits
records, imports and exports archives and makes backups in a loop, kills it
with SIGKILL at random moments, and after every kill opens the portfolio and
checks that nothing is lost or half-written.  ``benchmarks/soak_kills.py``
runs the same loop for much longer.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve()
PAIR_SECTION = "abstract"
BATCH_SIZE = 3


# --- the child: a lecturer's working day, with no end --------------------------------

def driver_main(folder: Path, work_dir: Path, seed: int) -> None:  # noqa: C901 - a branch per operation of the day, read as one list
    from sqlalchemy import select

    from ent_portfolio.archive import export_archive, import_archive
    from ent_portfolio.domain import models as m
    from ent_portfolio.services import Services
    from ent_portfolio.storage.backups import list_backups, maybe_backup, restore_database_backup
    from ent_portfolio.storage.portfolio import Portfolio

    rng = random.Random(seed)
    log = open(work_dir / f"driver-{seed}.log", "w", buffering=1)  # noqa: SIM115 - open until the parent kills us
    portfolio = Portfolio.open(folder)
    services = Services(portfolio)
    work_id = json.loads((work_dir / "setup.json").read_text())["work_id"]
    archives = sorted((work_dir / "archives").glob("*.entp"))
    importer = _importer()
    log.write("ready\n")
    ops = ["add_file"] * 4 + ["batch"] * 3 + ["pair"] * 3 + ["delete"] * 2 + ["export", "import", "backup", "restore"]
    if importer is not None:
        ops += ["importer"] * 3
    src_dir = work_dir / "src"
    src_dir.mkdir(exist_ok=True)
    for i in range(10**9):
        op = rng.choice(ops)
        tag = f"{seed}-{i}"
        log.write(f"{op}\n")
        if op == "add_file":
            source = src_dir / f"evidence-{tag}.bin"
            source.write_bytes(f"evidence {tag} ".encode() * rng.randint(1, 8000))
            services.evidence.add_file(work_id, source, caption=f"cap-{tag}")
        elif op == "batch":  # records written together: all or none
            with portfolio.session() as s:
                for k in range(BATCH_SIZE):
                    s.add(m.Activity(work_id=work_id, date=date(2024, 1, 1), title=f"batch-{tag}", notes=str(k)))
        elif op == "pair":  # two rows edited in one transaction must agree
            with portfolio.session() as s:
                work = s.get(m.Work, work_id)
                section = s.scalars(select(m.WorkSection).where(
                    m.WorkSection.work_id == work_id, m.WorkSection.key == PAIR_SECTION)).one()
                work.title_th = f"pair-{tag}"
                section.content = f"<p>pair-{tag}</p>"
        elif op == "delete":
            rows = services.evidence.list(work_id=work_id)
            if len(rows) > 6:
                services.evidence.delete(rng.choice(rows).id)
        elif op == "export":
            export_archive(portfolio, work_dir / "out" / "export.entp")
        elif op == "import" and archives:
            import_archive(portfolio, archives[i % len(archives)])
        elif op == "backup":
            maybe_backup(portfolio, min_interval=0)
        elif op == "restore":  # back to a random earlier state, files and all
            backups = [b for b in list_backups(portfolio) if b.reason == "auto"]
            if backups:
                restore_database_backup(portfolio, rng.choice(backups).path)
        elif op == "importer":
            source = src_dir / f"batch-{tag}"
            source.mkdir(exist_ok=True)
            for k in range(rng.randint(1, 4)):
                (source / f"scan-{k}.txt").write_bytes(f"imported {tag} {k} ".encode() * rng.randint(1, 5000))
            importer(portfolio, work_id, sorted(source.iterdir()))
        log.write("done\n")


def _importer():
    """The import service of issue 6, when it exists: a callable
    (portfolio, work_id, paths) that imports files in one go."""
    try:
        from ent_portfolio.services import importer as module
    except ImportError:
        return None
    fn = getattr(module, "import_evidence", None)
    if not callable(fn):
        return None
    return lambda portfolio, work_id, paths: fn(portfolio, work_id, paths, workers=2, batch_size=2)


# --- the parent: prepare, kill, check --------------------------------------------

def prepare(root: Path, archives: int = 3) -> tuple[Path, Path, dict]:
    """A portfolio with one work to hammer, and archives of other portfolios to import."""
    from ent_portfolio.archive import export_archive
    from ent_portfolio.services import Services
    from ent_portfolio.storage.portfolio import Portfolio

    folder, work_dir = root / "portfolio", root / "work"
    (work_dir / "archives").mkdir(parents=True)
    (work_dir / "out").mkdir()
    expected: dict[str, list[str]] = {}
    for k in range(archives):
        with Portfolio.create(root / f"source-{k}") as other:
            svc = Services(other)
            w = svc.works.create(title_th=f"ผลงานจากเครื่องอื่น {k}")
            ids = [w.id]
            for j in range(3):
                f = root / f"arch-{k}-{j}.bin"
                f.write_bytes(f"archive {k} file {j} ".encode() * (2000 * (j + 1)))
                ids.append(svc.evidence.add_file(w.id, f, caption=f"arch {k}.{j}").id)
                ids.append(svc.activities.create(work_id=w.id, date="2024-02-01", title=f"arch {k}.{j}").id)
            path = export_archive(other, work_dir / "archives" / f"arch-{k}.entp")
            expected[path.name] = ids
    with Portfolio.create(folder) as portfolio:
        svc = Services(portfolio)
        work = svc.works.create(title_th="pair-start")
        svc.works.set_section(work.id, PAIR_SECTION, "<p>pair-start</p>")
        for j in range(4):
            f = root / f"first-{j}.bin"
            f.write_bytes(f"first file {j}".encode() * 100)
            svc.evidence.add_file(work.id, f, caption=f"first {j}")
    (work_dir / "setup.json").write_text(json.dumps({"work_id": work.id, "archives": expected}))
    return folder, work_dir, expected


@dataclass
class KillStats:
    kills: int = 0
    ops_started: int = 0
    ops_done: int = 0
    killed_during: dict[str, int] = field(default_factory=dict)
    orphans_seen: set = field(default_factory=set)
    repairs: int = 0
    temp_cleaned: int = 0


def run_driver_once(folder: Path, work_dir: Path, seed: int, rng: random.Random, stats: KillStats,
                    max_delay: float = 0.5) -> None:
    """Start the driver, let it work for a random moment, SIGKILL it."""
    log = work_dir / f"driver-{seed}.log"
    log.unlink(missing_ok=True)
    errors = work_dir / f"driver-{seed}.err"
    # The child holds its own copy of the descriptor; the parent's is closed at once.
    with open(errors, "w") as child_stderr:
        child = subprocess.Popen(
            [sys.executable, str(HERE), "--driver", str(folder), str(work_dir), str(seed)],
            stdout=subprocess.DEVNULL, stderr=child_stderr,
        )
    try:
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0.3, 1.2))  # sometimes while it is still opening
        else:
            deadline = time.monotonic() + 60
            while not (log.exists() and "ready" in log.read_text()):
                if child.poll() is not None:
                    raise AssertionError(f"driver died by itself: {errors.read_text()[-3000:]}")
                if time.monotonic() > deadline:
                    raise AssertionError("driver never became ready")
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, max_delay))
        if child.poll() is not None:
            raise AssertionError(f"driver stopped: {errors.read_text()[-3000:]}")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    stats.kills += 1
    lines = log.read_text().split() if log.exists() else []
    ops = [line for line in lines if line not in ("ready", "done")]
    stats.ops_started += len(ops)
    stats.ops_done += lines.count("done")
    if lines and lines[-1] not in ("done", "ready"):
        stats.killed_during[lines[-1]] = stats.killed_during.get(lines[-1], 0) + 1
    elif not lines or lines[-1] == "ready" or "ready" not in lines:
        key = "open" if "ready" not in lines else "between"
        stats.killed_during[key] = stats.killed_during.get(key, 0) + 1


def check_after_kill(folder: Path, work_dir: Path, expected: dict[str, list[str]], stats: KillStats,
                     repair: bool = False) -> None:
    """Everything a kill must never break.  Raises AssertionError with details."""
    from sqlalchemy import func, select

    from ent_portfolio.domain import models as m
    from ent_portfolio.services.doctor import backup_references, check_portfolio, repair_portfolio
    from ent_portfolio.storage.portfolio import TEMP_PREFIXES, Portfolio

    temp_before = [p.name for p in (folder / "tmp").iterdir()] if (folder / "tmp").is_dir() else []
    stats.temp_cleaned += len(temp_before)
    with Portfolio.open(folder, backup_on_open=False) as portfolio:  # the dead child's lock is taken over
        left = [p.name for p in portfolio.temp_dir.iterdir() if p.name.startswith(TEMP_PREFIXES)]
        assert left == [], f"temp files survived the open: {left}"
        report = check_portfolio(portfolio)
        assert report.healthy, [p.message("en") for p in report.problems]
        stats.orphans_seen.update(report.orphans)
        with portfolio.reader() as s:
            # Records written in one transaction: all or none.
            batches = s.execute(
                select(m.Activity.title, func.count())
                .where(m.Activity.title.like("batch-%"))
                .group_by(m.Activity.title)
            ).all()
            assert all(n == BATCH_SIZE for _, n in batches), [b for b in batches if b[1] != BATCH_SIZE]
            work_id = json.loads((work_dir / "setup.json").read_text())["work_id"]
            title = s.get(m.Work, work_id).title_th
            section = s.scalars(select(m.WorkSection.content).where(
                m.WorkSection.work_id == work_id, m.WorkSection.key == PAIR_SECTION)).one()
            assert section == f"<p>{title}</p>", (title, section)
            # Each imported archive: all of its records or none.
            for name, ids in expected.items():
                present = set()
                for model in (m.Work, m.Evidence, m.Activity):
                    present |= set(s.scalars(select(model.id).where(model.id.in_(ids))))
                assert len(present) in (0, len(ids)), f"{name}: {len(present)} of {len(ids)} records"
            # Each evidence row's file exists with the right hash (the doctor checked the hash).
            for sha in s.scalars(select(m.Evidence.sha256)):
                assert portfolio.store.contains(sha)
        # An export is either absent, the previous one or complete and correct.
        exported = work_dir / "out" / "export.entp"
        if exported.exists():
            _assert_archive_complete(exported)
        # Every backup is a whole database.
        for backup in portfolio.backup_dir.glob("*.sqlite3"):
            conn = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro&immutable=1", uri=True)
            try:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", backup.name
            finally:
                conn.close()
        if repair:
            time.sleep(0.01)
            result = repair_portfolio(portfolio)
            stats.repairs += 1
            assert result.after.healthy, [p.message("en") for p in result.after.problems]
            assert result.after.orphans == []
            # what waits in deleted/ is what some backup may bring back, or what is still in its grace period
            from ent_portfolio.storage.backups import DELETED_GRACE_DAYS

            recent = {sha for sha in portfolio.store.deleted_hashes()
                      if portfolio.store.deleted_since(sha) > time.time() - DELETED_GRACE_DAYS * 86400}
            assert set(portfolio.store.deleted_hashes()) <= backup_references(portfolio) | _live(portfolio) | recent


def _live(portfolio) -> set:
    from sqlalchemy import select

    from ent_portfolio.domain import models as m

    with portfolio.reader() as s:
        return set(s.scalars(select(m.Evidence.sha256)))


def _assert_archive_complete(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("portfolio.json"))
        for item in document["files"]:
            data = archive.read("files/" + item["sha256"])
            assert hashlib.sha256(data).hexdigest() == item["sha256"]


def kill_loop(root: Path, kills: int, seed: int = 1, max_delay: float = 0.5,
              repair_every: int = 10, on_round=None) -> KillStats:
    rng = random.Random(seed)
    folder, work_dir, expected = prepare(root)
    stats = KillStats()
    for round_ in range(kills):
        run_driver_once(folder, work_dir, seed * 100_000 + round_, rng, stats, max_delay)
        check_after_kill(folder, work_dir, expected, stats, repair=(round_ + 1) % repair_every == 0)
        if on_round:
            on_round(round_, stats)
    return stats


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "--driver":
    driver_main(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
    sys.exit(0)


# --- tests ---------------------------------------------------------------------------

import pytest  # noqa: E402  (the driver above must not need pytest)

from ent_portfolio.errors import SchemaTooNewError, StorageError, UserError  # noqa: E402
from ent_portfolio.services import Services  # noqa: E402
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio  # noqa: E402

needs_posix_signals = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


@pytest.fixture(autouse=True)
def _default_language():
    """``main(["--lang", …])`` sets the process language; give it back."""
    from ent_portfolio.i18n import set_language

    yield
    set_language(None)


@needs_posix_signals
def test_random_kills_never_lose_or_corrupt_anything(tmp_path):
    kills = int(os.environ.get("ENT_KILLS", "36"))
    stats = kill_loop(tmp_path, kills=kills, seed=int(os.environ.get("ENT_KILL_SEED", "7")), repair_every=8)
    print(f"kills survived: {stats.kills}, ops started: {stats.ops_started}, completed: {stats.ops_done}, "
          f"killed during: {stats.killed_during}, orphans seen: {len(stats.orphans_seen)}, repairs: {stats.repairs}")
    # The kills must have landed inside writes, not only between them.
    assert sum(v for k, v in stats.killed_during.items() if k not in ("open", "between")) >= kills // 3
    assert stats.ops_done > kills


# --- one writer at a time ------------------------------------------------------------

_HOLD = (
    "import sys, time\n"
    "from ent_portfolio.storage.portfolio import Portfolio\n"
    "p = Portfolio.open(sys.argv[1])\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def _hold_in_child(folder: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", _HOLD, str(folder)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


@needs_posix_signals
def test_second_writer_is_refused_with_host_and_time_then_stale_lock_is_taken_over(tmp_path):
    import socket

    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    child = _hold_in_child(folder)
    try:
        with pytest.raises(UserError) as caught:
            Portfolio.open(folder)
        th, en = caught.value.message("th"), caught.value.message("en")
        assert "open in another window or program" in en and socket.gethostname() in en
        assert str(child.pid) in en and "เปิดอยู่ในหน้าต่างหรือโปรแกรมอื่น" in th
        # Thai shows the lock time in the Buddhist era, English in the common era.
        assert str(time.localtime().tm_year + 543) in th and str(time.localtime().tm_year) in en
        assert str(time.localtime().tm_year + 543) not in en
        # Reading beside the writer is fine.
        with Portfolio.open(folder, read_only=True) as reader:
            assert Services(reader).works.count() == 0
            with pytest.raises(UserError) as refused:
                Services(reader).works.create(title_th="ไม่ควรบันทึกได้")
            assert refused.value.key == "error.read_only"
    finally:
        child.kill()  # a crash: the OS releases its lock
        child.wait()
        child.stdout.close()
    assert json.loads((folder / "portfolio.lock").read_text())["pid"] == child.pid  # stale text stays
    with Portfolio.open(folder) as p:
        Services(p).works.create(title_th="หลังโปรแกรมเดิมล่ม")
        info = json.loads((folder / "portfolio.lock").read_text())
        assert info["pid"] == os.getpid()


def test_cli_command_is_refused_while_the_app_has_the_portfolio(tmp_path):
    folder = tmp_path / "p"
    with Portfolio.create(folder):
        # the app (this process) holds it; a command is another process
        out = subprocess.run([sys.executable, "-m", "ent_portfolio", "--lang", "en", "archive", "import",
                              "--portfolio", str(folder), str(tmp_path / "x.entp")],
                             capture_output=True, text=True)
        assert out.returncode == 1
        assert "open in another window or program" in out.stderr and "Traceback" not in out.stderr
        # commands that only read work beside it
        for command in (["doctor"], ["works"], ["check", "--json"], ["archive", "export"]):
            argv = [sys.executable, "-m", "ent_portfolio", *command, "--portfolio", str(folder)]
            if command[0] == "archive":
                argv.append(str(tmp_path / "beside.entp"))
            out = subprocess.run(argv, capture_output=True, text=True)
            assert out.returncode in (0, 1) and "Traceback" not in out.stderr, (command, out.stderr)
            assert "open in another" not in out.stderr and "เปิดอยู่" not in out.stderr, (command, out.stderr)
        assert (tmp_path / "beside.entp").is_file()


def test_same_process_reopen_shares_then_releases(tmp_path):
    folder = tmp_path / "p"
    first = Portfolio.create(folder)
    second = Portfolio.open(folder)  # e.g. the window reopening it before closing the old handle
    first.close()
    Services(second).works.create(title_th="ยังเขียนได้")
    second.close()
    second.close()  # closing twice is harmless
    code = ("import sys\nfrom ent_portfolio.storage.portfolio import Portfolio\n"
            "Portfolio.open(sys.argv[1]).close()\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


_CREATE = (
    "import os, signal, sys\n"
    "from ent_portfolio.storage import portfolio\n"
    "from ent_portfolio.storage.portfolio import Portfolio\n"
    "if sys.argv[2] == 'die-before-seed':\n"
    "    portfolio.seed_new_portfolio = lambda p: os.kill(os.getpid(), signal.SIGKILL)\n"
    "Portfolio.create(sys.argv[1])\n"
)


@needs_posix_signals
def test_a_create_killed_at_any_moment_opens_as_a_complete_portfolio(tmp_path):
    runs = [("die-before-seed", None)] + [("random", delay) for delay in (0.4, 0.6, 0.8, 1.0)]
    for i, (mode, delay) in enumerate(runs):
        folder = tmp_path / f"p{i}"
        child = subprocess.Popen([sys.executable, "-c", _CREATE, str(folder), mode])
        if delay is not None:
            time.sleep(delay)
            child.kill()
        child.wait()
        if mode == "die-before-seed":
            assert child.returncode == -signal.SIGKILL
        if not (folder / DATABASE_NAME).exists():
            continue  # killed before the database existed: nothing to open
        with Portfolio.open(folder) as p:
            svc = Services(p)
            assert len(svc.section_templates.list()) == 9, mode
            assert svc.profile.count() == 1, mode


def test_scratch_dirs_of_readers_stay_out_of_the_portfolio(tmp_path):
    import shutil

    folder = tmp_path / "p"
    with Portfolio.create(folder) as writer:
        mine = writer.scratch_dir()
        assert mine.parent == writer.temp_dir and mine.name.startswith(".tmp-")
        with Portfolio.open(folder, read_only=True) as reader:
            theirs = reader.scratch_dir()
            assert folder not in theirs.parents
        shutil.rmtree(mine)
        shutil.rmtree(theirs)


def test_opening_removes_temp_files_of_dead_writers_but_not_other_files(tmp_path):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    (folder / "tmp" / ".tmp-abc.part").write_bytes(b"half a photo")
    (folder / "tmp" / ".import-xyz").mkdir()
    (folder / "tmp" / ".import-xyz" / "f").write_bytes(b"staged")
    (folder / "tmp" / "keep-me.jpg").write_bytes(b"not ours: left for doctor --repair")
    with Portfolio.open(folder):
        assert sorted(p.name for p in (folder / "tmp").iterdir()) == ["keep-me.jpg"]


# --- disk full -----------------------------------------------------------------------

def _state(portfolio):
    from ent_portfolio.archive.exchange import build_document

    doc = build_document(portfolio)
    doc.pop("exported_at")
    return doc, sorted(portfolio.store.iter_hashes())


def test_disk_full_while_storing_a_file(services, portfolio, tmp_path, monkeypatch):
    work = services.works.create(title_th="ผลงาน")
    source = tmp_path / "big.bin"
    source.write_bytes(b"x" * 300_000)
    before = _state(portfolio)
    real_fdopen = os.fdopen

    def full_fdopen(fd, mode="r", *a, **k):
        handle = real_fdopen(fd, mode, *a, **k)
        if "w" in mode:
            def write(_data):
                raise OSError(errno.ENOSPC, "No space left on device")
            handle.write = write
        return handle

    monkeypatch.setattr(os, "fdopen", full_fdopen)
    with pytest.raises(StorageError) as caught:
        services.evidence.add_file(work.id, source)
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert caught.value.message("th") == "พื้นที่ดิสก์เต็ม บันทึกไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ"
    assert "disk is full" in caught.value.message("en")
    assert _state(portfolio) == before
    assert list(portfolio.temp_dir.iterdir()) == []


def test_disk_full_on_rename_into_the_store(services, portfolio, tmp_path, monkeypatch):
    work = services.works.create(title_th="ผลงาน")
    source = tmp_path / "scan.bin"
    source.write_bytes(b"a scanned letter")
    before = _state(portfolio)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StorageError) as caught:
        services.evidence.add_file(work.id, source)
    monkeypatch.undo()
    assert caught.value.key == "error.disk_full"
    assert _state(portfolio) == before
    assert list(portfolio.temp_dir.iterdir()) == []


def test_sqlite_disk_full_during_commit_is_a_plain_message(services, portfolio):
    from sqlalchemy import event

    work = services.works.create(title_th="ผลงานเดิม")
    portfolio.engine.dispose()

    @event.listens_for(portfolio.engine, "connect")
    def _tiny(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    with pytest.raises(StorageError) as caught:
        # under the section limit, over what the capped database can still take
        services.works.set_section(work.id, "abstract", "<p>" + "ก" * 45_000 + "</p>")
    assert caught.value.key == "error.disk_full"
    event.remove(portfolio.engine, "connect", _tiny)
    portfolio.engine.dispose()
    assert services.works.get(work.id).title_th == "ผลงานเดิม"
    assert dict((t.key, c) for t, c in services.works.sections(work.id))["abstract"] in ("", None)


def test_disk_full_while_exporting_keeps_the_previous_archive(services, portfolio, tmp_path, monkeypatch):
    from ent_portfolio.archive import export_archive

    services.works.create(title_th="ผลงาน")
    target = tmp_path / "backup.entp"
    export_archive(portfolio, target)
    previous = target.read_bytes()
    real_fsync = os.fsync

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError) as caught:
        export_archive(portfolio, target)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert caught.value.key == "error.disk_full"
    assert target.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")) == []


def test_disk_full_backup_does_not_keep_the_lecturer_out(tmp_path, monkeypatch):
    from ent_portfolio.storage import portfolio as portfolio_module

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        Services(p).works.create(title_th="ผลงาน")

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(portfolio_module, "copy_database", full)
    with Portfolio.open(folder) as p:
        assert p.backup_error is not None and p.backup_error.key == "error.disk_full"
        assert Services(p).works.count() == 1
    assert not list((folder / "tmp").iterdir())


def test_unplugged_drive_says_so(tmp_path):
    from ent_portfolio.errors import NotAPortfolioError

    with pytest.raises(NotAPortfolioError) as caught:
        Portfolio.open(tmp_path / "USB-STICK" / "EnT Portfolio")
    assert caught.value.key == "error.folder_missing"
    assert "แฟลชไดรฟ์" in caught.value.message("th") and "USB stick" in caught.value.message("en")


def test_io_error_while_writing_a_file_is_plain_and_changes_nothing(services, portfolio, tmp_path, monkeypatch):
    work = services.works.create(title_th="ผลงาน")
    source = tmp_path / "scan.bin"
    source.write_bytes(b"scan" * 1000)
    before = _state(portfolio)

    def unplugged(_fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", unplugged)
    with pytest.raises(StorageError) as caught:
        services.evidence.add_file(work.id, source)
    monkeypatch.undo()
    assert caught.value.key == "error.io"
    assert "Input/output error" in caught.value.message("en") and "ข้อมูลเดิมยังอยู่ครบ" in caught.value.message("th")
    assert _state(portfolio) == before and list(portfolio.temp_dir.iterdir()) == []


def test_sqlite_io_error_in_a_session_is_plain_and_rolled_back(services, portfolio):
    from sqlalchemy.exc import OperationalError

    from ent_portfolio.domain import models as m

    work = services.works.create(title_th="เดิม")
    with pytest.raises(StorageError) as caught, portfolio.session() as s:
        s.get(m.Work, work.id).title_th = "ใหม่"
        s.flush()
        raise OperationalError("COMMIT", {}, sqlite3.OperationalError("disk I/O error"))
    assert caught.value.key == "error.io" and "Traceback" not in caught.value.message("en")
    assert services.works.get(work.id).title_th == "เดิม"


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                         capture_output=True, text=True)
    return out.returncode == 0


def test_a_really_full_small_disk(tmp_path):
    """A 2 MB tmpfs filled by imports: every failure is the plain message and
    the portfolio stays healthy.  Needs root and mount; skipped elsewhere
    (the injected-ENOSPC tests above always run)."""
    from ent_portfolio.services.doctor import check_portfolio

    mount_point = tmp_path / "stick"
    if not _mount_tmpfs(mount_point, "3m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        folder = mount_point / "p"
        with Portfolio.create(folder) as p:
            svc = Services(p)
            work = svc.works.create(title_th="ผลงานบนแฟลชไดรฟ์")
            failures = []
            causes: set = set()
            stored = 0
            for i in range(40):
                source = tmp_path / f"photo-{i}.bin"
                source.write_bytes(os.urandom(200_000))
                try:
                    svc.evidence.add_file(work.id, source, caption=f"ภาพ {i}")
                    stored += 1
                except UserError as exc:
                    failures.append(exc.key)
                    causes.add(type(exc.__cause__).__name__)
                try:
                    svc.activities.create(work_id=work.id, date="2024-01-01", title="บันทึก", notes="บันทึก" * 20000)
                except UserError as exc:
                    failures.append(exc.key)
                    causes.add(type(exc.__cause__).__name__)
            assert failures and set(failures) <= {"error.disk_full"}, failures
            # both the file system's ENOSPC and SQLite's "database or disk is full"
            assert "OperationalError" in causes, causes
            assert stored > 0
            report = check_portfolio(p)
            assert report.healthy, [x.message("en") for x in report.problems]
            assert svc.evidence.count() == stored
            assert list(p.temp_dir.iterdir()) == []
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


# --- versions ------------------------------------------------------------------------

def _untouched_digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _make_newer(folder: Path) -> None:
    conn = sqlite3.connect(folder / DATABASE_NAME)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.execute("UPDATE portfolio_meta SET value='7.2.0' WHERE key='app_version'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_newer_database_is_refused_untouched_by_every_opener(tmp_path, read_only):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    _make_newer(folder)
    before = _untouched_digest(folder)
    with pytest.raises(SchemaTooNewError) as caught:
        Portfolio.open(folder, read_only=read_only)
    assert "7.2.0" in caught.value.message("en") and "Nothing was changed" in caught.value.message("en")
    assert _untouched_digest(folder) == before


def test_newer_database_backup_is_refused_by_restore(tmp_path):
    from ent_portfolio.storage.backups import restore_database_backup

    newer = tmp_path / "newer"
    Portfolio.create(newer).close()
    _make_newer(newer)
    with Portfolio.create(tmp_path / "p") as p:
        Services(p).works.create(title_th="ของเดิม")
        with pytest.raises(SchemaTooNewError) as caught:
            restore_database_backup(p, newer / DATABASE_NAME)
        assert "7.2.0" in caught.value.message("th")
        assert [w.title_th for w in Services(p).works.list()] == ["ของเดิม"]


def test_newer_archive_is_refused_with_the_version_needed(services, portfolio, tmp_path):
    from ent_portfolio.archive import export_archive, import_archive

    services.works.create(title_th="ผลงาน")
    good = export_archive(portfolio, tmp_path / "a.entp")
    newer = tmp_path / "newer.entp"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(newer, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "portfolio.json":
                doc = json.loads(data)
                doc["schema_revision"] = "9999_from_the_future"
                doc["app_version"] = "7.2.0"
                data = json.dumps(doc).encode()
            dst.writestr(info, data)
    with Portfolio.create(tmp_path / "target") as target:
        before = _state(target)
        with pytest.raises(UserError) as caught:
            import_archive(target, newer)
        assert "7.2.0" in caught.value.message("th") and "7.2.0" in caught.value.message("en")
        assert _state(target) == before


# --- backups and restore -------------------------------------------------------------

def test_backups_rotate_to_the_configured_count_and_skip_unchanged(portfolio, services):
    from ent_portfolio.storage.backups import backup_keep, list_backups, maybe_backup, set_backup_keep

    assert backup_keep(portfolio) == 10
    set_backup_keep(portfolio, 3)
    assert backup_keep(portfolio) == 3
    with pytest.raises(UserError):
        set_backup_keep(portfolio, 0)
    made = []
    for i in range(6):
        services.works.create(title_th=f"ผลงาน {i}")
        made.append(maybe_backup(portfolio, min_interval=0))
    assert all(made)
    autos = [b for b in list_backups(portfolio) if b.reason == "auto"]
    assert [b.path for b in autos] == list(reversed(made[-3:]))
    assert maybe_backup(portfolio, min_interval=0) is None  # nothing changed
    services.works.create(title_th="อีกเรื่อง")
    assert maybe_backup(portfolio, min_interval=3600) is None  # too soon
    newest = maybe_backup(portfolio, min_interval=0)
    conn = sqlite3.connect(f"file:{newest.as_posix()}?mode=ro&immutable=1", uri=True)
    assert conn.execute("SELECT count(*) FROM work").fetchone()[0] == 7
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    conn.close()


def test_restore_a_database_backup_backs_up_first_and_brings_files_back(portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import check_portfolio
    from ent_portfolio.storage.backups import maybe_backup, restore_database_backup

    work = services.works.create(title_th="ก่อนพลาด")
    photo = tmp_path / "p.bin"
    photo.write_bytes(b"a photo that must survive")
    services.evidence.add_file(work.id, photo, caption="ภาพงาน")
    good = maybe_backup(portfolio, min_interval=0)
    services.works.update(work.id, title_th="หลังพลาด")
    services.activities.create(work_id=work.id, date="2024-05-01", title="กิจกรรมใหม่")
    result = restore_database_backup(portfolio, good)
    assert services.works.get(work.id).title_th == "ก่อนพลาด"
    assert services.activities.count() == 0
    assert result.missing_files == []
    assert check_portfolio(portfolio).healthy
    # and the state before the restore is itself a backup that restores
    restore_database_backup(portfolio, result.safety_backup)
    assert services.works.get(work.id).title_th == "หลังพลาด"
    assert services.activities.count() == 1


def test_restore_refuses_a_damaged_backup_and_changes_nothing(portfolio, services, tmp_path):
    from ent_portfolio.storage.backups import maybe_backup, restore_database_backup

    services.works.create(title_th="ของจริง")
    good = maybe_backup(portfolio, min_interval=0)
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    for offset in range(len(data) // 2, len(data) // 2 + 4096):
        data[offset] ^= 0x5A
    damaged.write_bytes(bytes(data))
    original = damaged.read_bytes()
    for bad in (damaged, tmp_path / "notes.txt"):
        if bad.suffix == ".txt":
            bad.write_text("hello")
        with pytest.raises(UserError) as caught:
            restore_database_backup(portfolio, bad)
        assert caught.value.key in ("backup.bad_file", "error.database_corrupt"), caught.value.key
        assert str(bad) in caught.value.message("en")
    assert damaged.read_bytes() == original  # the chosen file is only read
    assert [w.title_th for w in services.works.list()] == ["ของจริง"]
    assert list(portfolio.temp_dir.iterdir()) == []


def test_restore_over_a_database_too_damaged_to_open(tmp_path):
    from ent_portfolio.storage.backups import restore_database_backup

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        Services(p).works.create(title_th="ปลอดภัย")
        good = p.backup_database(reason="manual")
    (folder / DATABASE_NAME).write_bytes(b"garbage" * 1000)
    result = restore_database_backup(folder, good)
    assert result.safety_backup.read_bytes().startswith(b"garbage")
    with Portfolio.open(folder) as p:
        assert [w.title_th for w in Services(p).works.list()] == ["ปลอดภัย"]


def test_cli_backup_and_restore(tmp_path, capsys):
    from ent_portfolio.cli import main

    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        svc = Services(p)
        work = svc.works.create(title_th="ผลงานสำรอง")
        photo = tmp_path / "x.jpg"
        from PIL import Image

        Image.new("RGB", (64, 48), (200, 120, 40)).save(photo, "JPEG")  # a whole JPEG: archive import checks files
        svc.evidence.add_file(work.id, photo)
    out = tmp_path / "all.entp"
    assert main(["backup", "--portfolio", str(folder), "--out", str(out)]) == 0
    assert out.is_file()
    new = tmp_path / "elsewhere"
    assert main(["restore", "--portfolio", str(new), str(out)]) == 0
    with Portfolio.open(new) as p:
        assert [w.title_th for w in Services(p).works.list()] == ["ผลงานสำรอง"]
        assert Services(p).evidence.count() == 1
    capsys.readouterr()
    # an .entp is not restored over an existing portfolio (that is archive import's merge)
    assert main(["--lang", "en", "restore", "--portfolio", str(folder), str(out)]) == 1
    assert "archive import" in capsys.readouterr().err
    # a database backup
    with Portfolio.open(folder) as p:
        db_backup = p.backup_database(reason="manual")
        Services(p).works.update(work.id, title_th="แก้แล้ว")
    assert main(["restore", "--portfolio", str(folder), str(db_backup)]) == 0
    with Portfolio.open(folder) as p:
        assert Services(p).works.get(work.id).title_th == "ผลงานสำรอง"
    assert main(["--lang", "en", "backup", "--portfolio", str(folder), "--list"]) == 0
    listed = capsys.readouterr().out
    assert "before-restore" in listed and "manual" in listed


# --- repair --------------------------------------------------------------------------

def test_doctor_treats_orphans_as_notices_and_repair_moves_them_to_deleted(portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import check_portfolio, repair_portfolio

    orphan_sha, _ = portfolio.store.add_bytes(b"stored, then the app died before the record")
    past = time.time() - 60
    os.utime(portfolio.store.path_for(orphan_sha), (past, past))
    report = check_portfolio(portfolio)
    assert report.healthy and report.orphans == [orphan_sha]
    assert any(orphan_sha in n.message("en") for n in report.notices)
    result = repair_portfolio(portfolio)
    assert not portfolio.store.contains(orphan_sha)
    assert result.after.healthy and result.after.orphans == []
    # moved, never erased: it may be the file of a commit a lost log dropped
    assert orphan_sha in portfolio.store.deleted_hashes()
    assert any(p.key == "doctor.fixed.orphans_moved" for p in result.fixed)


def test_repair_keeps_orphans_a_backup_still_needs_and_new_ones(portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import repair_portfolio
    from ent_portfolio.storage.backups import maybe_backup

    work = services.works.create(title_th="ผลงาน")
    photo = tmp_path / "p.bin"
    photo.write_bytes(b"photo later deleted")
    evidence = services.evidence.add_file(work.id, photo)
    maybe_backup(portfolio, min_interval=0)
    # a kill between the delete's commit and the file's removal
    from ent_portfolio.domain import models as m

    with portfolio.session() as s:
        s.delete(s.get(m.Evidence, evidence.id))
    past = time.time() - 60  # as if the process that deleted it died before this open
    os.utime(portfolio.store.path_for(evidence.sha256), (past, past))
    fresh_sha, _ = portfolio.store.add_bytes(b"stored a moment ago by this process")
    result = repair_portfolio(portfolio)
    assert not portfolio.store.contains(evidence.sha256)
    assert evidence.sha256 in portfolio.store.deleted_hashes(), "a backup refers to it: kept aside"
    assert portfolio.store.contains(fresh_sha), "newer than the open: may be a write in flight"
    assert any(p.key == "doctor.fixed.orphans_moved" for p in result.fixed)
    # restoring the backup brings the record and its file back
    from ent_portfolio.storage.backups import list_backups, restore_database_backup

    backup = [b for b in list_backups(portfolio) if b.reason == "auto"][0].path
    outcome = restore_database_backup(portfolio, backup)
    assert outcome.missing_files == [] and portfolio.store.verify(evidence.sha256)


def test_deleted_evidence_comes_back_with_a_backup_and_is_erased_when_no_backup_needs_it(
        portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import check_portfolio
    from ent_portfolio.storage.backups import maybe_backup, restore_database_backup, set_backup_keep

    work = services.works.create(title_th="ผลงาน")
    photo = tmp_path / "only-copy.bin"
    photo.write_bytes(b"the only photo of the opening day")
    kept = services.evidence.add_file(work.id, photo, caption="วันเปิดงาน")
    photo2 = tmp_path / "never-backed-up.bin"
    photo2.write_bytes(b"added and deleted between two backups")
    good = maybe_backup(portfolio, min_interval=0)
    gone = services.evidence.add_file(work.id, photo2)
    services.evidence.delete(gone.id)
    services.evidence.delete(kept.id)  # by mistake
    assert not portfolio.store.contains(kept.sha256)
    assert check_portfolio(portfolio).healthy
    result = restore_database_backup(portfolio, good)
    assert result.missing_files == []
    assert services.evidence.get(kept.id).caption == "วันเปิดงาน"
    assert portfolio.store.verify(kept.sha256)
    # rotation erases what no backup and no record needs, once its grace period is over
    set_backup_keep(portfolio, 1)
    assert gone.sha256 in portfolio.store.deleted_hashes(), "an undo may still want it"
    long_ago = time.time() - 31 * 86400
    os.utime(portfolio.store.deleted_dir / gone.sha256, (long_ago, long_ago))
    set_backup_keep(portfolio, 1)
    assert gone.sha256 not in portfolio.store.deleted_hashes()


def test_repair_relinks_misplaced_files_and_names_what_it_cannot_fix(portfolio, services, tmp_path, capsys):
    from ent_portfolio.cli import main

    work = services.works.create(title_th="ผลงานแม่น้ำ")
    files = []
    for i, caption in enumerate(["ภาพประชุม", "หนังสือรับรอง", "ภาพแปลงผัก"]):
        f = tmp_path / f"f{i}.bin"
        f.write_bytes(f"content {i}".encode() * 50)
        files.append(services.evidence.add_file(work.id, f, caption=caption))
    store = portfolio.store
    # 1: renamed inside the store; 2: found in tmp/; 3: gone for good
    os.replace(store.path_for(files[0].sha256), store.root / "IMG_0001.JPG")
    os.replace(store.path_for(files[1].sha256), portfolio.temp_dir / "recovered.bin")
    store.path_for(files[2].sha256).unlink()
    # a damaged copy whose good bytes are elsewhere is also put right
    portfolio.close()
    folder = portfolio.folder
    code = main(["--lang", "en", "doctor", "--portfolio", str(folder)])
    out = capsys.readouterr().out
    assert code == 1 and "ภาพแปลงผัก" in out and "ผลงานแม่น้ำ" in out and "import it again" in out
    code = main(["--lang", "en", "doctor", "--repair", "--portfolio", str(folder)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("back into the store") == 2
    assert "Could not be repaired" in out and "ภาพแปลงผัก" in out and "ภาพประชุม" not in out.split("Could not")[1]
    with Portfolio.open(folder) as p:
        assert p.store.verify(files[0].sha256) and p.store.verify(files[1].sha256)
        assert not (p.store.root / "IMG_0001.JPG").exists()
        assert list(p.temp_dir.iterdir()) == []


def test_repair_puts_damaged_bytes_aside_and_restores_good_ones(portfolio, services, tmp_path):
    from ent_portfolio.services.doctor import repair_portfolio

    work = services.works.create(title_th="ผลงาน")
    f = tmp_path / "scan.bin"
    f.write_bytes(b"the real scan" * 100)
    ev = services.evidence.add_file(work.id, f)
    path = portfolio.store.path_for(ev.sha256)
    good = path.read_bytes()
    (portfolio.temp_dir / "copy-from-usb").write_bytes(good)
    path.write_bytes(b"bit rot")
    result = repair_portfolio(portfolio)
    assert result.after.healthy
    assert path.read_bytes() == good
    assert (portfolio.folder / "damaged" / ev.sha256).read_bytes() == b"bit rot"


def test_repair_needs_the_write_lock(tmp_path):
    from ent_portfolio.services.doctor import repair_portfolio

    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    with Portfolio.open(folder, read_only=True) as p, pytest.raises(UserError):
        repair_portfolio(p)


def test_repair_calls_the_thumbnail_and_search_rebuilders(portfolio, services, tmp_path, monkeypatch):
    from ent_portfolio.services import doctor

    calls = {"thumbs": [], "search": 0}

    def thumbnail_path(p, sha, create=False):
        target = p.thumbnail_dir / f"{sha}.jpg"
        if create and not target.exists():
            target.write_bytes(b"thumb")
            calls["thumbs"].append(sha)
        return target

    def rebuild_index(p):
        calls["search"] += 1

    def prune_thumbnails(p):
        stale = p.thumbnail_dir / ("f" * 64 + ".jpg")
        return [stale] if stale.exists() and not stale.unlink() else []

    monkeypatch.setattr(doctor, "thumbnail_path", thumbnail_path)
    monkeypatch.setattr(doctor, "prune_thumbnails", prune_thumbnails)
    monkeypatch.setattr(doctor, "rebuild_index", rebuild_index)
    work = services.works.create(title_th="ผลงาน")
    from PIL import Image

    f = tmp_path / "a.jpg"
    Image.new("RGB", (40, 30), (10, 90, 200)).save(f, "JPEG")
    ev = services.evidence.add_file(work.id, f, media_type="image/jpeg")
    (portfolio.thumbnail_dir / ("f" * 64 + ".jpg")).write_bytes(b"stale")
    result = doctor.repair_portfolio(portfolio)
    assert calls["thumbs"] == [ev.sha256] and calls["search"] == 1
    keys = [p.key for p in result.fixed]
    assert {"doctor.fixed.thumbnails", "doctor.fixed.thumbnails_pruned", "doctor.fixed.search_index"} <= set(keys)
    assert not (portfolio.thumbnail_dir / ("f" * 64 + ".jpg")).exists()


def test_repair_rebuilds_real_thumbnails(portfolio, services, tmp_path):
    from PIL import Image

    from ent_portfolio.services.doctor import repair_portfolio

    work = services.works.create(title_th="ผลงาน")
    photo = tmp_path / "field.jpg"
    Image.new("RGB", (640, 480), (30, 120, 60)).save(photo, "JPEG")
    ev = services.evidence.add_file(work.id, photo, media_type="image/jpeg")
    for thumb in portfolio.thumbnail_dir.iterdir():
        thumb.unlink()
    result = repair_portfolio(portfolio)
    assert any(p.key == "doctor.fixed.thumbnails" for p in result.fixed)
    thumbs = list(portfolio.thumbnail_dir.iterdir())
    assert len(thumbs) == 1 and ev.sha256 in thumbs[0].name

