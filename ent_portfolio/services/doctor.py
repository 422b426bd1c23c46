"""Health check and repair of a portfolio: database integrity, foreign keys,
and that the evidence store and the records agree.

**Problems** (the portfolio is not healthy, ``doctor`` exits 1) are what loses
or falsifies evidence: a damaged database, a record pointing to a missing
record, an evidence file that is missing or whose bytes changed, a foreign
file inside the store.

**Notices** (healthy, exit 0, listed) are what loses nothing yet but may be
the trace of a loss.  The one a crash can leave is an *orphan*: a file copied
into the store whose record was never committed (a kill between "file
stored" and "row committed"), or a file whose record was deleted but whose
removal was interrupted.  Before calling a file an orphan the check also asks
the database backups: a file that a backup's records use, or a database with
fewer records than a backup, may be the trace of lost commits (a write-ahead
log deleted after a crash drops them silently), so the notice names the
newest backup that still knows more and how to restore it.

``doctor --repair`` never erases a stored file: orphans older than the current
open leave the store for ``deleted/``, where they wait under the rules of
:func:`ent_portfolio.storage.backups.prune_deleted` (a grace period, and for
as long as any backup refers to them) so that an undo or a restore brings
them back.

:func:`repair_portfolio` fixes what needs no guessing — content-addressing
makes "is this the right file?" a hash comparison — and reports the rest by
record, caption and work so the lecturer knows what to re-import.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from ..domain import models as m
from ..errors import UserError
from ..i18n import current_language, register, tr
from ..jobs import CancelToken, Progress
from ..media import prune_thumbnails, thumbnail_path
from ..storage.backups import (
    DELETED_GRACE_DAYS,
    BackupInfo,
    backup_references,
    count_records,
    database_references,
    list_backups,
    prune_deleted,
)
from ..storage.files import is_link
from ..storage.lock import local_time_text
from ..storage.portfolio import DAMAGED_DIR, Portfolio
from ..storage.references import unreferenced
from ..storage.store import SHA256_RE, sha256_of_file
from .search import rebuild_index

__all__ = ["HealthReport", "Problem", "RepairReport", "backup_references", "check_portfolio", "repair_portfolio"]

register({
    "doctor.integrity": ("ฐานข้อมูลเสียหาย: {detail}", "Database integrity check failed: {detail}"),
    "doctor.foreign_key": (
        "ข้อมูลอ้างถึงรายการที่ไม่มีอยู่: ตาราง {table} แถว {row} → {parent}",
        "A record points to a missing record: table {table}, row {row} → {parent}",
    ),
    "doctor.file_missing": ("ไม่พบไฟล์ของหลักฐาน “{name}” ({sha})", "The file of evidence “{name}” is missing ({sha})"),
    "doctor.evidence_missing": (
        "ไม่พบไฟล์ของหลักฐาน “{name}” (คำอธิบาย: “{caption}”) ในผลงาน “{work}” — โปรดนำเข้าไฟล์นี้อีกครั้ง ({sha})",
        "The file of evidence “{name}” (caption: “{caption}”) in the work “{work}” is missing; "
        "please import it again ({sha}).",
    ),
    "doctor.file_changed": (
        "ไฟล์ของหลักฐาน “{name}” ถูกแก้ไขหรือเสียหาย (ค่าแฮชไม่ตรง {sha})",
        "The file of evidence “{name}” was altered or damaged (hash mismatch, {sha})",
    ),
    "doctor.orphan_file": (
        "มีไฟล์ในคลังหลักฐานที่ไม่มีรายการใดอ้างถึง: {sha}",
        "The evidence store holds a file no record uses: {sha}",
    ),
    "doctor.stray_name": ("มีไฟล์แปลกปลอมในคลังหลักฐาน: {name}", "The evidence store holds an unexpected file: {name}"),
    "doctor.temp_files": (
        "มีไฟล์ชั่วคราว {count} ไฟล์ค้างจากการบันทึกที่ถูกขัดจังหวะ (ลบเมื่อเปิดแฟ้มผลงานครั้งถัดไปหรือด้วย --repair)",
        "{count} temporary file(s) remain from an interrupted write (removed on the next open or by --repair).",
    ),
    "doctor.healthy": (
        "แฟ้มผลงานสมบูรณ์ดี ({records} รายการ, ไฟล์หลักฐาน {files} ไฟล์)",
        "The portfolio is healthy ({records} records, {files} evidence files).",
    ),
    "doctor.profile_photo": ("รูปประจำตัวผู้ขอ", "applicant's photo"),
    "doctor.notice": ("หมายเหตุ: {text}", "Note: {text}"),
    # What --repair did.
    "doctor.fixed.relinked": (
        "นำไฟล์ของหลักฐาน “{name}” กลับเข้าคลังแล้ว (พบที่ {source})",
        "Put the file of evidence “{name}” back into the store (found at {source}).",
    ),
    "doctor.fixed.damaged_kept": (
        "ย้ายไฟล์ที่เสียหาย {sha} ไปไว้ที่ {path}",
        "Moved the damaged file {sha} to {path}.",
    ),
    "doctor.fixed.temp_removed": (
        "ลบไฟล์ชั่วคราวที่ค้างอยู่ {count} ไฟล์",
        "Removed {count} leftover temporary file(s).",
    ),
    "doctor.fixed.stray_renamed": (
        "ตั้งชื่อไฟล์ “{name}” ในคลังใหม่ตามค่าแฮช {sha}",
        "Renamed the store file “{name}” to its hash {sha}.",
    ),
    "doctor.fixed.stray_duplicate": (
        "ลบไฟล์ “{name}” ในคลังที่ซ้ำกับไฟล์ {sha} ที่มีอยู่แล้ว",
        "Removed the store file “{name}”, a duplicate of the stored {sha}.",
    ),
    "doctor.orphan_in_backup": (
        "มีไฟล์ในคลังหลักฐานที่ไม่มีรายการใดอ้างถึง แต่ไฟล์สำรองฐานข้อมูลเมื่อ {when} ยังอ้างถึง: {sha} "
        "(รายการของไฟล์นี้อาจสูญหาย กู้คืนไฟล์สำรองนั้นแล้วรายการจะกลับมา)",
        "The evidence store holds a file no record uses but the database backup of {when} does: {sha} "
        "(its record may have been lost; restoring that backup brings it back).",
    ),
    "doctor.fewer_than_backup": (
        "ฐานข้อมูลมี {records} รายการ น้อยกว่าไฟล์สำรองเมื่อ {when} ซึ่งมี {backup_records} รายการ "
        "การแก้ไขครั้งล่าสุดอาจสูญหาย หากไม่ได้ลบเอง กู้คืนได้ด้วยคำสั่ง "
        "ent-portfolio restore --portfolio \"{folder}\" \"{backup}\"",
        "The database has {records} records, fewer than the {backup_records} of the backup of {when}; the last "
        "changes may have been lost. If you did not delete them yourself, restore it with "
        "ent-portfolio restore --portfolio \"{folder}\" \"{backup}\"",
    ),
    "doctor.fixed.orphans_moved": (
        "ย้ายไฟล์ที่ไม่มีรายการใดอ้างถึง {count} ไฟล์ออกจากคลังไปไว้ใน deleted/ (ไม่ได้ลบ: เก็บไว้อย่างน้อย {days} วัน "
        "และตราบที่ไฟล์สำรองฐานข้อมูลยังอ้างถึง การกู้คืนไฟล์สำรองจะนำไฟล์กลับมา)",
        "Moved {count} file(s) no record uses out of the store to deleted/ (not erased: kept for at least {days} "
        "days and for as long as a database backup refers to them; restoring a backup brings them back).",
    ),
    "doctor.fixed.thumbnails": ("สร้างภาพย่อใหม่ {count} ภาพ", "Rebuilt {count} thumbnail(s)."),
    "doctor.fixed.thumbnails_pruned": (
        "ลบภาพย่อที่ไม่มีไฟล์ต้นฉบับแล้ว {count} ภาพ",
        "Removed {count} thumbnail(s) of files no longer stored.",
    ),
    "doctor.fixed.search_index": ("สร้างดัชนีค้นหาใหม่แล้ว", "Rebuilt the search index."),
    "doctor.thumbnail_failed": (
        "สร้างภาพย่อของ “{name}” ไม่ได้: {detail}",
        "Could not make the thumbnail of “{name}”: {detail}",
    ),
    "doctor.nothing_to_fix": ("ไม่มีอะไรต้องซ่อม", "Nothing needed repair."),
    "doctor.cannot_fix": ("ซ่อมเองไม่ได้:", "Could not be repaired automatically:"),
})


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        params = dict(self.params)
        if "when_iso" in params:  # a backup's time, read in the reader's calendar
            lang = lang or current_language()
            params["when"] = local_time_text(params.pop("when_iso"), buddhist_era=(lang == "th"))
        return tr(self.key, lang, **params)


#: What :func:`repair_portfolio` can do something about.  Damage to the
#: database itself (integrity, broken links between records) and a database
#: with fewer records than a backup need a restore, not a repair.
REPAIRABLE = frozenset({
    "doctor.evidence_missing", "doctor.file_changed", "doctor.stray_name",
    "doctor.temp_files", "doctor.orphan_file", "doctor.orphan_in_backup",
})
NEEDS_RESTORE = frozenset({"doctor.integrity", "doctor.foreign_key", "doctor.fewer_than_backup"})


@dataclass
class HealthReport:
    problems: list[Problem]
    record_count: int
    file_count: int
    #: Not damage: listed by ``doctor`` but the portfolio is healthy.
    notices: list[Problem] = field(default_factory=list)
    #: Store files no record uses (see the module docstring).
    orphans: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        """True when :func:`repair_portfolio` can put something found right."""
        return any(item.key in REPAIRABLE for item in self.problems + self.notices)

    @property
    def needs_restore(self) -> bool:
        """True when only a backup can help (the database itself is damaged)."""
        return any(item.key in NEEDS_RESTORE for item in self.problems + self.notices)


class _FileUse:
    """Who uses one stored file, for messages: (name, caption, work) of each
    record, made into message parameters only when a message needs them
    (a faculty's portfolio has 50,000 and a healthy one needs none)."""

    __slots__ = ("sha", "records", "sizes")

    def __init__(self, sha: str) -> None:
        self.sha = sha
        self.records: list[tuple[str, str, str]] = []
        #: The sizes its records give (a record of an older app may give none).
        self.sizes: set[int] = set()

    @property
    def users(self) -> list[dict]:
        return [{"name": name, "caption": caption, "work": work} for name, caption, work in self.records]

    @property
    def name(self) -> str:
        return self.records[0][0] if self.records else self.sha


def _file_uses(portfolio: Portfolio) -> dict[str, _FileUse]:
    uses: dict[str, _FileUse] = {}
    with portfolio.reader() as session:
        query = (
            select(m.Evidence.sha256, m.Evidence.original_name, m.Evidence.caption, m.Work.title_th,
                   m.Evidence.size)
            .join(m.Work, m.Work.id == m.Evidence.work_id, isouter=True)
            .order_by(m.Evidence.created_at)
        )
        for sha, name, caption, work, size in session.execute(query):
            use = uses.get(sha)
            if use is None:
                use = uses[sha] = _FileUse(sha)
            use.records.append((name or sha[:12], caption or "—", work or "—"))
            if size:
                use.sizes.add(size)
        for sha in session.scalars(select(m.Profile.photo_sha256)):
            if sha:
                label = tr("doctor.profile_photo")
                uses.setdefault(sha, _FileUse(sha)).records.append((label, label, "—"))
    return uses


def check_portfolio(portfolio: Portfolio, verify_hashes: bool = True) -> HealthReport:
    """The health of the portfolio.  With ``verify_hashes`` (``doctor --full``,
    ``--repair``, the File menu's check) the whole check: SQLite's
    ``integrity_check`` and every stored file read again against its hash.
    Without (plain ``doctor``) the quick check: ``quick_check`` (every page
    and record readable; not whether each index agrees with its table) and
    every file present with the size its record gives, no file read —
    seconds on a faculty's 50,000 files, where re-reading them takes
    minutes.  Everything else is the same."""
    problems: list[Problem] = []
    notices: list[Problem] = []
    with portfolio.engine.connect() as conn:
        pragma = "integrity_check" if verify_hashes else "quick_check"
        rows = conn.exec_driver_sql(f"PRAGMA {pragma}").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            problems.extend(Problem("doctor.integrity", {"detail": r[0]}) for r in rows[:20])
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()[:50]:
            problems.append(Problem("doctor.foreign_key", {"table": table, "row": rowid, "parent": parent}))
    record_count = 0
    with portfolio.reader() as session:
        for model in m.RECORD_MODELS:
            record_count += session.scalar(select(func.count()).select_from(model)) or 0
    uses = _file_uses(portfolio)
    listing = _store_listing(portfolio)
    missing = [sha for sha in sorted(uses) if sha not in listing.present]
    if missing:
        # A writer in another process may have deleted the record (and then
        # moved its file away) since the records were read: ask again.
        still_used = set(_file_uses(portfolio))
        missing = [sha for sha in missing
                   if sha in still_used and not (SHA256_RE.match(sha) and portfolio.store.contains(sha))]
    for sha in missing:
        for user in uses[sha].users:
            problems.append(Problem("doctor.evidence_missing", {**user, "sha": sha}))
    problems.extend(_changed_files(portfolio, uses, listing, set(missing), verify_hashes))
    orphans = [sha for sha in listing.stored if sha not in uses and portfolio.store.contains(sha)]
    # The backups' references are read only when there is an orphan to name
    # (each backup of a faculty's portfolio holds 50,000 of them).
    backups = _readable_backups(portfolio, with_references=bool(orphans))
    for item in orphans:
        known = next((b for b, refs, _ in backups if item in refs), None)
        if known is None:
            notices.append(Problem("doctor.orphan_file", {"sha": item}))
        else:
            notices.append(Problem("doctor.orphan_in_backup", {"sha": item, "when_iso": known.made_at.isoformat()}))
    # Not only the newest backup: the open after a loss backs the loss up too.
    richer = next(((b, counted) for b, _, counted in backups if counted > record_count), None)
    if richer is not None:
        newest, counted = richer
        notices.append(Problem("doctor.fewer_than_backup", {
            "records": record_count, "backup_records": counted, "when_iso": newest.made_at.isoformat(),
            "folder": str(portfolio.folder), "backup": str(newest.path)}))
    for path in listing.strays:
        problems.append(Problem("doctor.stray_name", {"name": str(path.relative_to(portfolio.store.root))}))
    temp = portfolio.store.stray_temp_files() + [p for p in _temp_entries(portfolio) if p.is_dir()]
    if temp:
        notices.append(Problem("doctor.temp_files", {"count": len(temp)}))
    return HealthReport(problems, record_count, len(uses), notices, orphans)


def _changed_files(portfolio: Portfolio, uses: dict[str, _FileUse], listing: _StoreListing, gone: set[str],
                   verify_hashes: bool) -> list[Problem]:
    """The stored files whose bytes are not what their records say: read
    against their hash, or in the quick check by their size alone (no file
    is read, but one cut short or grown shows)."""
    changed = []
    for sha, use in sorted(uses.items()):
        if sha in gone or sha not in listing.present:
            continue
        if verify_hashes:
            differs = portfolio.store.path_for(sha).is_file() and not portfolio.store.verify(sha)
        else:
            differs = bool(use.sizes) and _entry_says(listing.entries[sha], "size") not in use.sizes | {None}
        if differs:
            changed.append(Problem("doctor.file_changed", {"name": use.name, "sha": sha}))
    return changed


def _readable_backups(portfolio: Portfolio, with_references: bool = True) -> list[tuple[BackupInfo, set[str], int]]:
    """The database backups that can be read, newest first, with the file
    hashes their records use (when asked for) and how many records they hold."""
    found = []
    for backup in list_backups(portfolio):
        counted = count_records(backup.path)
        if counted is not None:
            found.append((backup, database_references(backup.path) if with_references else set(), counted))
    return found


def _temp_entries(portfolio: Portfolio) -> list[Path]:
    if not portfolio.temp_dir.is_dir() or is_link(portfolio.temp_dir):  # never list a folder elsewhere
        return []
    return sorted(portfolio.temp_dir.iterdir())


@dataclass
class _StoreListing:
    #: Files named by their hash in their own shard, in the order listed.
    stored: list[str] = field(default_factory=list)
    #: Files that iter_hashes() does not see or that sit in the wrong shard
    #: (files at its top level, named by a hash of another shard, in folders below a shard).
    strays: list[Path] = field(default_factory=list)
    #: ``stored`` as a set, to look hashes up in.
    present: set[str] = field(default_factory=set)
    #: The directory entry of each stored file (its size without a path look-up).
    entries: dict[str, os.DirEntry] = field(default_factory=dict)


def _store_listing(portfolio: Portfolio) -> _StoreListing:
    """The store, listed once: one directory listing per shard instead of a
    look-up per file.  An entry counts as a file as ``Path.is_file`` counts
    it (a link to a file does)."""
    root = portfolio.store.root
    listing = _StoreListing()
    if not root.is_dir():
        return listing
    for entry in sorted(root.iterdir()):
        if entry.is_file():
            listing.strays.append(entry)
        elif entry.is_dir():
            with os.scandir(entry) as items:
                named = sorted(items, key=lambda item: item.name)
            for item in named:
                if _entry_says(item, "is_file"):
                    if SHA256_RE.match(item.name) and item.name[:2] == entry.name:
                        listing.stored.append(item.name)
                        listing.entries[item.name] = item
                    else:
                        listing.strays.append(Path(item.path))
                elif _entry_says(item, "is_dir"):
                    listing.strays.extend(p for p in sorted(Path(item.path).rglob("*")) if p.is_file())
    listing.present = set(listing.stored)
    return listing


def _entry_says(entry: os.DirEntry, question: str):
    """``entry.is_file()``, ``is_dir()`` or ``stat().st_size``; False or None
    for an entry gone since it was listed (the next check says so)."""
    try:
        return entry.stat().st_size if question == "size" else getattr(entry, question)()
    except OSError:
        return None if question == "size" else False


# --- repair --------------------------------------------------------------------------

@dataclass
class RepairReport:
    fixed: list[Problem]
    #: The check after repairing: its problems are what could not be fixed.
    after: HealthReport


def repair_portfolio(
    portfolio: Portfolio,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> RepairReport:
    """Fix what can be fixed without guessing; return what was done and the
    check afterwards (whose problems are what the lecturer must handle)."""
    if portfolio.read_only:
        raise UserError("error.read_only")
    before = check_portfolio(portfolio)
    uses = _file_uses(portfolio)
    steps = 7
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if cancel:
            cancel.raise_if_cancelled()
        if progress:
            progress(done, steps)

    # Wanted bytes: referenced files that are missing or damaged.
    wanted = {p.params["sha"] for p in before.problems if p.key in ("doctor.evidence_missing", "doctor.file_changed")}
    fixed = _undelete_wanted(portfolio, wanted, uses)
    # Candidates: what sits in the store under a wrong name or place, and tmp/.
    strays = _store_listing(portfolio).strays
    candidates = list(strays)
    if wanted and _temp_entries(portfolio):  # (never a tmp/ that is a link)
        candidates += [p for p in sorted(portfolio.temp_dir.rglob("*")) if p.is_file()]
    step()
    hashed, relinked = _relink_candidates(portfolio, candidates, wanted, uses)
    fixed += relinked
    step()
    fixed += _settle_strays(portfolio, strays, hashed)
    step()
    fixed += _remove_old_temp_files(portfolio)
    step()
    fixed += _move_old_orphans(portfolio)
    prune_deleted(portfolio)
    step()
    # Thumbnails and the search index, when those modules exist.
    fixed += _rebuild_thumbnails(portfolio)
    fixed += _rebuild_search_index(portfolio)
    step()
    after = check_portfolio(portfolio)
    step()
    return RepairReport(fixed, after)


def _relinked(sha: str, uses: dict[str, _FileUse], source: str) -> Problem:
    use = uses.get(sha)
    return Problem("doctor.fixed.relinked", {"name": use.name if use else sha, "source": source})


def _undelete_wanted(portfolio: Portfolio, wanted: set[str], uses: dict[str, _FileUse]) -> list[Problem]:
    """deleted/ keeps files by name: check and put back.  Takes each hash put
    back out of ``wanted``."""
    fixed = []
    for sha in sorted(wanted):
        if not portfolio.store.contains(sha) and portfolio.store.undelete(sha):
            wanted.discard(sha)
            fixed.append(_relinked(sha, uses, "deleted/"))
    return fixed


def _relink_candidates(
    portfolio: Portfolio, candidates: list[Path], wanted: set[str], uses: dict[str, _FileUse]
) -> tuple[dict[Path, str], list[Problem]]:
    """Hash every candidate; one whose bytes are wanted goes into the store
    (and out of ``wanted``).  Returns the hashes, for the strays' step."""
    store = portfolio.store
    fixed: list[Problem] = []
    hashed: dict[Path, str] = {}
    for path in candidates:
        try:
            hashed[path] = sha256_of_file(path)
        except OSError:
            continue
        sha = hashed[path]
        if sha in wanted:
            target = store.path_for(sha)
            if target.exists():  # damaged: keep it aside, never delete bytes
                kept = portfolio.folder / DAMAGED_DIR / f"{sha}"
                kept.parent.mkdir(exist_ok=True)
                os.replace(target, kept)
                fixed.append(Problem("doctor.fixed.damaged_kept", {"sha": sha, "path": str(kept)}))
            store.add_verified(path, sha)
            wanted.discard(sha)
            fixed.append(_relinked(sha, uses, str(path.relative_to(portfolio.folder))))
    return hashed, fixed


def _settle_strays(portfolio: Portfolio, strays: list[Path], hashed: dict[Path, str]) -> list[Problem]:
    """Strays left in the store: rename to their hash, or drop a duplicate."""
    store = portfolio.store
    fixed = []
    for path in strays:
        if not path.exists():
            continue
        sha = hashed.get(path)
        if sha is None:
            continue
        name = str(path.relative_to(store.root))
        if store.contains(sha) and store.path_for(sha) != path:
            path.unlink()
            fixed.append(Problem("doctor.fixed.stray_duplicate", {"name": name, "sha": sha}))
        elif not store.contains(sha):
            store.add_verified(path, sha)
            path.unlink()
            fixed.append(Problem("doctor.fixed.stray_renamed", {"name": name, "sha": sha}))
    return fixed


def _remove_old_temp_files(portfolio: Portfolio) -> list[Problem]:
    """Temporary files: nothing committed depends on them (a file is renamed
    into the store before its record commits).  Only entries older than this
    open: a write of this process may be under way in another thread."""
    removed = 0
    for entry in _temp_entries(portfolio):
        try:
            if entry.lstat().st_mtime >= portfolio.opened_at:
                continue
            if entry.is_dir() and not is_link(entry):  # a link is removed itself, never what it leads to
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed += 1
        except OSError:
            pass
    return [Problem("doctor.fixed.temp_removed", {"count": removed})] if removed else []


def _move_old_orphans(portfolio: Portfolio) -> list[Problem]:
    """Orphans older than this open (newer ones may be a write in flight)
    leave the store for deleted/, never erased here: prune_deleted erases
    what waited there past its grace period and no backup needs."""
    store = portfolio.store
    check = check_portfolio(portfolio, verify_hashes=False)
    old_orphans = []
    for sha in check.orphans:
        try:
            if store.path_for(sha).stat().st_mtime < portfolio.opened_at:
                old_orphans.append(sha)
        except OSError:
            pass
    if not old_orphans:
        return []
    # Re-read the references just before moving (the check above is not a lock).
    with portfolio.reader() as session:
        old_orphans = sorted(unreferenced(session, set(old_orphans)))
    store.remove(old_orphans)
    moved = [sha for sha in old_orphans if not store.contains(sha)]
    if not moved:
        return []
    return [Problem("doctor.fixed.orphans_moved", {"count": len(moved), "days": DELETED_GRACE_DAYS})]


def _rebuild_thumbnails(portfolio: Portfolio) -> list[Problem]:
    made = 0
    out: list[Problem] = []
    pruned = prune_thumbnails(portfolio)
    if pruned:
        out.append(Problem("doctor.fixed.thumbnails_pruned", {"count": len(pruned)}))
    with portfolio.reader() as session:
        rows = session.execute(select(m.Evidence.sha256, m.Evidence.original_name, m.Evidence.media_type)).all()
    seen: set[str] = set()
    for sha, name, media_type in rows:
        if sha in seen or not _has_thumbnail(media_type) or not portfolio.store.contains(sha):
            continue
        seen.add(sha)
        try:
            existed = _thumbnail_exists(thumbnail_path, portfolio, sha)
            made_path = thumbnail_path(portfolio, sha, create=True)
            if not existed and made_path is not None:
                made += 1
        except Exception as exc:  # noqa: BLE001 - one bad photo must not stop the repair
            out.append(Problem("doctor.thumbnail_failed", {"name": name, "detail": str(exc)[:200]}))
    if made:
        out.insert(0, Problem("doctor.fixed.thumbnails", {"count": made}))
    return out


def _has_thumbnail(media_type: str | None) -> bool:
    return bool(media_type) and (media_type.startswith("image/") or media_type == "application/pdf")


def _thumbnail_exists(thumbnail_path, portfolio: Portfolio, sha: str) -> bool:
    try:
        path = thumbnail_path(portfolio, sha, create=False)
    except Exception:  # noqa: BLE001
        return False
    return bool(path) and Path(path).is_file()


def _rebuild_search_index(portfolio: Portfolio) -> list[Problem]:
    rebuild_index(portfolio)
    return [Problem("doctor.fixed.search_index")]

