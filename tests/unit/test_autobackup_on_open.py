"""The automatic backup on open copies the database only when it may have
changed since the newest backup, and never skips one that a change needs.

The record beside the newest backup is trusted only when the database's last
write was older than the copy by more than a timestamp tick; tests that need
a trusted record say "the copy began ten seconds later" by moving the file
system clock the module reads, never by weakening the rule."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.services import Services
from ent_portfolio.storage import autobackup
from ent_portfolio.storage.autobackup import AUTO, STATE_NAME, list_backups, maybe_backup
from ent_portfolio.storage.portfolio import Portfolio


@pytest.fixture
def copies(monkeypatch):
    """How many times the database was copied into a backup."""
    made: list[Path] = []
    original = Portfolio.backup_database

    def counting(self, reason="backup"):
        path = original(self, reason=reason)
        made.append(path)
        return path

    monkeypatch.setattr(Portfolio, "backup_database", counting)
    return made


@pytest.fixture
def later_clock(monkeypatch):
    """The copy begins ten seconds after the database's last write."""
    real = autobackup._file_system_now_ns
    monkeypatch.setattr(autobackup, "_file_system_now_ns", lambda p: real(p) + 10 * 10**9)


def _autos(folder: Path) -> list[Path]:
    return [b.path for b in list_backups(folder) if b.reason == AUTO]


def _works_in(backup: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro&immutable=1", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT title_th FROM work"))
    finally:
        conn.close()


def _reopen(folder: Path) -> None:
    Portfolio.open(folder).close()


def test_an_unchanged_portfolio_is_opened_again_without_copying_its_database(portfolio, copies, later_clock):
    folder = portfolio.folder
    Services(portfolio).works.create(title_th="ผลงานก่อนปิด")
    portfolio.close()
    _reopen(folder)                       # the database changed: copied
    assert len(copies) == 1 and (folder / "backups" / STATE_NAME).is_file()
    autos = _autos(folder)
    for _ in range(3):
        _reopen(folder)
    assert len(copies) == 1               # three opens, no copy
    assert _autos(folder) == autos
    assert _works_in(autos[0]) == ["ผลงานก่อนปิด"]


def test_a_change_after_the_newest_backup_is_backed_up_on_the_next_open(portfolio, copies, later_clock):
    folder = portfolio.folder
    portfolio.close()
    _reopen(folder)
    with Portfolio.open(folder, backup_on_open=False) as p:
        Services(p).works.create(title_th="งานใหม่หลังสำรอง")
    _reopen(folder)
    assert _works_in(_autos(folder)[0]) == ["งานใหม่หลังสำรอง"]


def test_a_commit_in_the_same_tick_as_the_copy_is_never_vouched_for(portfolio, copies):
    """Without the later clock the database was written just now: no record
    is kept, and the next backup copies and compares, finding the change."""
    services = Services(portfolio)
    services.works.create(title_th="หนึ่ง")
    assert maybe_backup(portfolio, min_interval=0) is not None
    assert not (portfolio.backup_dir / STATE_NAME).exists()
    services.works.create(title_th="สอง")
    newest = maybe_backup(portfolio, min_interval=0)
    assert newest is not None and _works_in(newest) == ["สอง", "หนึ่ง"]


def test_a_commit_during_the_copy_leaves_no_record(portfolio, copies, later_clock, monkeypatch):
    services = Services(portfolio)
    original = Portfolio.backup_database

    def copy_then_commit(self, reason="backup"):
        path = original(self, reason=reason)
        services.works.create(title_th="ระหว่างคัดลอก")
        return path

    # On a slow machine the open itself may already have vouched for its
    # backup (its last write was 3 s old by then): start without a record,
    # so that this backup copies.
    (portfolio.backup_dir / STATE_NAME).unlink(missing_ok=True)
    monkeypatch.setattr(Portfolio, "backup_database", copy_then_commit)
    maybe_backup(portfolio, min_interval=0)
    assert not (portfolio.backup_dir / STATE_NAME).exists()
    monkeypatch.setattr(Portfolio, "backup_database", original)
    newest = maybe_backup(portfolio, min_interval=0)
    assert newest is not None and _works_in(newest) == ["ระหว่างคัดลอก"]


def test_a_damaged_newest_backup_never_stands_in_for_a_good_copy(portfolio, later_clock):
    """Same size, other bytes: the record's digest matches the new copy, so
    the newest backup is hashed too, found different, and the copy is kept."""
    Services(portfolio).works.create(title_th="ต้องอยู่รอด")
    first = maybe_backup(portfolio, min_interval=0)
    assert (portfolio.backup_dir / STATE_NAME).is_file()
    data = bytearray(first.read_bytes())
    data[-100] ^= 0xFF
    first.write_bytes(bytes(data))
    os.utime(portfolio.database_path)       # the database "touched", its content the same
    again = maybe_backup(portfolio, min_interval=0)
    assert again is not None and again != first and _works_in(again) == ["ต้องอยู่รอด"]


def test_a_checkpoint_alone_makes_no_second_backup(portfolio, later_clock):
    Services(portfolio).works.create(title_th="เหมือนเดิม")
    assert maybe_backup(portfolio, min_interval=0) is not None
    autos = _autos(portfolio.folder)
    os.utime(portfolio.database_path)       # what a checkpoint does to the file, without new records
    assert maybe_backup(portfolio, min_interval=0) is None
    assert _autos(portfolio.folder) == autos


def _hostile_records(name: str, size: int) -> list[object]:
    return [
        b"\xff\xfe not json", b"", b"[]", b"null", b'{"backup": 1}', b"{" * 5000,
        json.dumps({"backup": name, "size": size}).encode(),                       # no digest, no fingerprint
        json.dumps({"backup": name, "size": size + 1, "sha256": "0" * 64, "database": []}).encode(),
        json.dumps({"backup": "auto-19990101T000000000000Z.sqlite3", "size": size, "sha256": "0" * 64,
                    "database": []}).encode(),
        json.dumps({"backup": name, "size": size, "sha256": 7, "database": [[1, 2, 3, 4], None]}).encode(),
        json.dumps({"backup": name, "size": size, "sha256": "0" * 64, "database": "everything"}).encode(),
        b"x" * (200 * 1024),
        "link",
        "folder",
    ]


@pytest.mark.parametrize("case", range(len(_hostile_records("", 0))))
def test_a_hostile_record_never_stops_a_backup_a_change_needs(portfolio, later_clock, tmp_path, case):
    services = Services(portfolio)
    services.works.create(title_th="ก่อน")
    newest = maybe_backup(portfolio, min_interval=0)
    record = _hostile_records(newest.name, newest.stat().st_size)[case]
    state = portfolio.backup_dir / STATE_NAME
    state.unlink()
    victim = tmp_path / "elsewhere.json"
    victim.write_bytes(b"keep me")
    if record == "link":
        state.symlink_to(victim)
    elif record == "folder":
        state.mkdir()
    else:
        state.write_bytes(record)
    services.works.create(title_th="หลัง")
    made = maybe_backup(portfolio, min_interval=0)
    assert made is not None and _works_in(made) == ["ก่อน", "หลัง"]
    assert victim.read_bytes() == b"keep me"


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.dictionaries(st.sampled_from(["backup", "size", "sha256", "database", "other"]), json_values,
                             max_size=5))
def test_property_no_record_hides_a_change(portfolio, later_clock, extra):
    services = Services(portfolio)
    title = f"งาน {len(services.works.list())}"
    newest = maybe_backup(portfolio, min_interval=0) or _autos(portfolio.folder)[0]
    record = {"backup": newest.name, "size": newest.stat().st_size, **extra}
    (portfolio.backup_dir / STATE_NAME).write_text(json.dumps(record), encoding="utf-8")
    services.works.create(title_th=title)
    made = maybe_backup(portfolio, min_interval=0)
    assert made is not None and title in _works_in(made)


def test_a_commit_within_one_tick_of_the_clock_still_changes_the_fingerprint(tmp_path):
    """The kernel stamps files from a coarse clock: a commit that leaves the
    sizes and the times as they were is still seen, by the log's content and
    the database header's change counter."""
    from ent_portfolio.storage.autobackup import database_fingerprint

    database = tmp_path / "portfolio.sqlite3"
    log = tmp_path / "portfolio.sqlite3-wal"
    database.write_bytes(b"SQLite format 3\x00" + bytes(8) + (1).to_bytes(4, "big") + bytes(4068))
    log.write_bytes(b"frame-one" * 100)
    stamps = {p: os.stat(p).st_mtime_ns for p in (database, log)}
    first = database_fingerprint(database)

    log.write_bytes(b"frame-two" * 100)  # same size, other content
    for path, ns in stamps.items():
        os.utime(path, ns=(ns, ns))
    assert database_fingerprint(database) != first

    log.write_bytes(b"frame-one" * 100)
    data = bytearray(database.read_bytes())
    data[24:28] = (2).to_bytes(4, "big")  # a commit in rollback-journal mode
    database.write_bytes(bytes(data))
    for path, ns in stamps.items():
        os.utime(path, ns=(ns, ns))
    assert database_fingerprint(database) != first
