"""Reliability: crashes, two writers, full disks, newer files, backups, repair.
Full disks are tested in test_reliability_disk.py; newer files, backups and
repair in test_reliability_recovery.py.

The crash test runs this file as a *driver* in a child process
(``python test_reliability.py --driver ...``) that imports evidence, edits
records, imports and exports archives and makes backups in a loop, kills it
with SIGKILL at random moments, and after every kill opens the portfolio and
checks that nothing is lost or half-written.  ``benchmarks/soak_kills.py``
runs the same loop for much longer.
"""

from __future__ import annotations

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
    """The import service as the kill loop drives it: (portfolio, work_id,
    paths), two workers, batches of two."""
    from ent_portfolio.services.importer import import_evidence

    return lambda portfolio, work_id, paths: import_evidence(portfolio, work_id, paths, workers=2, batch_size=2)


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
    from ent_portfolio.archive import read_archive_document

    document = read_archive_document(path)
    with zipfile.ZipFile(path) as archive:
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

from ent_portfolio.errors import UserError  # noqa: E402
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
