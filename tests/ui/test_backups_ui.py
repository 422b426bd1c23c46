"""Automatic backups while the window is open, and what a failed one says."""

from __future__ import annotations


def test_timer_backup_runs_in_a_job_and_a_failure_is_shown_not_raised(make_window, demo_dir, qtbot, monkeypatch):
    from ent_portfolio.errors import StorageError
    from ent_portfolio.storage import backups

    window = make_window(demo_dir, "th")
    before = {p.name for p in (demo_dir / "backups").iterdir()}
    # Pretend the last backup is old, so the timer's call makes a new one.
    for path in (demo_dir / "backups").iterdir():
        import os

        os.utime(path, (0, 0))
    window.context.services.works.update(window.context.services.works.list()[0].id, courses="รายวิชาใหม่")
    window.backup_in_background()
    qtbot.waitUntil(lambda: bool({p.name for p in (demo_dir / "backups").iterdir()} - before), timeout=5000)

    def full_disk(portfolio, min_interval):
        raise StorageError("error.disk_full")

    monkeypatch.setattr(backups, "maybe_backup", full_disk)
    window.backup_in_background()
    qtbot.waitUntil(lambda: "สำรองข้อมูลอัตโนมัติไม่สำเร็จ" in window.statusBar().currentMessage(), timeout=5000)
    assert "ดิสก์เต็ม" in window.statusBar().currentMessage()
