"""``doctor`` and ``doctor --repair`` when the database lost what the store
still holds: a write-ahead log deleted or damaged after a crash, records that
vanished without the app deleting them.  The check compares the store with
the records *and with the backups* before it calls a file an orphan, and
repair moves files, never erases them: every photo ever imported is still
somewhere in the folder, byte for byte."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import main
from ent_portfolio.services import Services
from ent_portfolio.services.doctor import check_portfolio, repair_portfolio
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio

needs_posix = pytest.mark.skipif(os.name == "nt", reason="a killed writer is simulated with os._exit")


@pytest.fixture(autouse=True)
def _default_language():
    from ent_portfolio.i18n import set_language

    yield
    set_language(None)


#: A writer that commits in WAL mode and dies before any checkpoint.
_WRITER = """
import os, sys
from pathlib import Path
from sqlalchemy import event
from ent_portfolio.services import Services
from ent_portfolio.storage.backups import maybe_backup
from ent_portfolio.storage.portfolio import Portfolio

folder, sources, mode = Path(sys.argv[1]), sys.argv[2].split(os.pathsep), sys.argv[3]
p = Portfolio.open(folder, backup_on_open=False)
p.engine.dispose()

@event.listens_for(p.engine, "connect")
def _never_checkpoint(dbapi_connection, _record):
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")

svc = Services(p)
work = svc.works.list()[0]
for source in sources:
    svc.evidence.add_file(work.id, Path(source), caption="lost " + Path(source).name)
svc.activities.create(work_id=work.id, date="2024-06-01", title="a meeting the log held")
if mode == "backup-after":
    maybe_backup(p, min_interval=0)  # the timer ran once before the crash
print("committed", flush=True)
os._exit(0)  # killed: no close, no checkpoint
"""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _everywhere(folder: Path) -> set[str]:
    """The hashes of every file anywhere in the portfolio folder."""
    return {_sha(p) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def _jpeg(path: Path, seed: int) -> Path:
    """A small real JPEG, different for each seed (the importer checks what a file is)."""
    from PIL import Image

    colour = ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256)
    Image.new("RGB", (32 + seed % 97, 24 + seed % 13), colour).save(path, "JPEG")
    return path


def _portfolio_with_one_photo(folder: Path) -> None:
    with Portfolio.create(folder) as p:
        svc = Services(p)
        work = svc.works.create(title_th="ผลงานก่อนไฟดับ")
        first = _jpeg(folder.parent / "first.jpg", 1)  # committed and checkpointed
        svc.evidence.add_file(work.id, first, caption="ภาพแรก")


def _crash_writer(folder: Path, sources: list[Path], mode: str) -> None:
    out = subprocess.run([sys.executable, "-c", _WRITER, str(folder), os.pathsep.join(map(str, sources)), mode],
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "committed", out.stderr
    wal = folder / (DATABASE_NAME + "-wal")
    assert wal.is_file() and wal.stat().st_size > 0, "the commits must be in the log only"


def _lose_log(folder: Path, how: str) -> None:
    wal = folder / (DATABASE_NAME + "-wal")
    if how == "deleted":
        wal.unlink()
    else:  # damaged: frames whose checksums fail are dropped by SQLite
        data = bytearray(wal.read_bytes())
        for offset in range(32, len(data), 97):
            data[offset] ^= 0xFF
        wal.write_bytes(bytes(data))


@needs_posix
@pytest.mark.parametrize("how", ["deleted", "damaged"])
@pytest.mark.parametrize("mode", ["no-backup", "backup-after"])
def test_a_lost_write_ahead_log_is_reported_and_repair_keeps_every_photo(tmp_path, capsys, how, mode):
    folder = tmp_path / "p"
    _portfolio_with_one_photo(folder)
    photos = []
    for i in range(3):
        photos.append(_jpeg(tmp_path / f"imported-{i}.jpg", 100 + i))  # committed to the log only
    _crash_writer(folder, photos, mode)
    _lose_log(folder, how)
    wanted = {_sha(p) for p in photos}

    code = main(["--lang", "en", "doctor", "--portfolio", str(folder)])
    out = capsys.readouterr().out
    assert code == 0  # every record that survived has its file: healthy, with notices
    with Portfolio.open(folder) as p:
        report = check_portfolio(p)
        assert set(report.orphans) == wanted
        keys = [n.key for n in report.notices]
        if mode == "backup-after":
            assert keys.count("doctor.orphan_in_backup") == 3
            fewer = next(n for n in report.notices if n.key == "doctor.fewer_than_backup")
            assert "restore --portfolio" in fewer.message("en") and "may have been lost" in fewer.message("en")
            assert "ไฟล์สำรอง" in fewer.message("th")
            assert "may have been lost" in out
        else:
            assert keys.count("doctor.orphan_file") == 3
        result = repair_portfolio(p)
        assert result.after.healthy
        assert wanted <= set(p.store.deleted_hashes()), "repair moved them aside, never erased them"
    assert wanted <= _everywhere(folder)
    code = main(["--lang", "en", "doctor", "--repair", "--portfolio", str(folder)])
    capsys.readouterr()
    assert code == 0 and wanted <= _everywhere(folder), "a second repair erases nothing either"

    if mode == "backup-after":  # and the backup the notice names brings the records back
        with Portfolio.open(folder) as p:
            from ent_portfolio.storage.backups import list_backups, restore_database_backup

            knowing = next(b.path for b in list_backups(p) if _knows(b.path, wanted))
            outcome = restore_database_backup(p, knowing)
            assert outcome.missing_files == []
            assert all(p.store.verify(sha) for sha in wanted)
            assert check_portfolio(p).healthy
            assert {e.caption for e in Services(p).evidence.list()} >= {f"lost {x.name}" for x in photos}


def _knows(backup: Path, hashes: set[str]) -> bool:
    from ent_portfolio.storage.backups import database_references

    return hashes <= database_references(backup)


# --- repair moves, never erases: a property over random histories ------------------

_OPS = st.lists(st.sampled_from(["add", "delete", "lose", "backup", "repair", "rotate"]), min_size=3, max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS, keep=st.integers(min_value=1, max_value=3))
def test_property_no_history_of_adds_deletes_losses_backups_and_repairs_erases_a_file(
        empty_template, tmp_path_factory, ops, keep):
    """Whatever happens — deletes through the app, records vanishing behind
    its back, backups, rotations, repairs — every file ever imported is in the
    store or in deleted/ with its bytes (the grace period has not passed),
    and the store holds every file a record uses."""
    import shutil

    from ent_portfolio.domain import models as m
    from ent_portfolio.storage.backups import maybe_backup, rotate_backups, set_backup_keep

    root = tmp_path_factory.mktemp("history")
    folder = root / "p"
    shutil.copytree(empty_template, folder)
    imported: set[str] = set()
    with Portfolio.open(folder) as p:
        svc = Services(p)
        set_backup_keep(p, keep)
        work = svc.works.create(title_th="ผลงาน")
        for step, op in enumerate(ops):
            rows = svc.evidence.list(work_id=work.id)
            if op == "add":
                source = _jpeg(root / f"f{step}.jpg", 200 + step)
                imported.add(svc.evidence.add_file(work.id, source).sha256)
            elif op == "delete" and rows:
                svc.evidence.delete(rows[0].id)
            elif op == "lose" and rows:  # the record vanishes, its file stays (a lost log)
                with p.session() as s:
                    s.delete(s.get(m.Evidence, rows[-1].id))
                past = time.time() - 60
                os.utime(p.store.path_for(rows[-1].sha256), (past, past))
                p.opened_at = time.time()
            elif op == "backup":
                maybe_backup(p, min_interval=0)
            elif op == "rotate":
                rotate_backups(p)
            elif op == "repair":
                assert repair_portfolio(p).after.healthy
        for sha in imported:
            assert p.store.verify(sha) or (sha in p.store.deleted_hashes()
                                           and _sha(p.store.deleted_dir / sha) == sha), sha
        for row in svc.evidence.list():
            assert p.store.verify(row.sha256)


def test_repair_leaves_a_file_whose_move_fails_in_the_store(portfolio, services, tmp_path, monkeypatch):
    """A move that fails (a viewer holding the file on Windows, a full
    ``deleted/``) leaves the orphan where it is: never a fallback erase."""
    orphan, _ = portfolio.store.add_bytes(b"an orphan that cannot be moved")
    past = time.time() - 60
    os.utime(portfolio.store.path_for(orphan), (past, past))
    real_replace = os.replace

    def refuse(src, dst, *a, **k):
        if Path(dst).parent == portfolio.store.deleted_dir:
            raise PermissionError(13, "in use")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", refuse)
    repair_portfolio(portfolio)
    monkeypatch.undo()
    assert portfolio.store.verify(orphan)


def test_the_report_says_whether_a_repair_or_only_a_backup_can_help(tmp_path):
    folder = tmp_path / "p"
    _portfolio_with_one_photo(folder)
    with Portfolio.open(folder) as p:
        healthy = check_portfolio(p)
    assert healthy.healthy and not healthy.repairable and not healthy.needs_restore
    [stored] = [f for f in (folder / "evidence").rglob("*") if f.is_file()]
    stored.unlink()  # a photo gone from the store: the repair can say so and clean up
    with Portfolio.open(folder) as p:
        damaged = check_portfolio(p)
    assert not damaged.healthy and damaged.repairable and not damaged.needs_restore
    assert {x.key for x in damaged.problems} == {"doctor.evidence_missing"}
