"""Health check of a portfolio: database integrity, foreign keys, and that
the evidence store and the records agree."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..domain import models as m
from ..i18n import register, tr
from ..storage.portfolio import Portfolio

register({
    "doctor.integrity": ("ฐานข้อมูลเสียหาย: {detail}", "Database integrity check failed: {detail}"),
    "doctor.foreign_key": ("ข้อมูลอ้างถึงรายการที่ไม่มีอยู่: ตาราง {table} แถว {row} → {parent}", "A record points to a missing record: table {table}, row {row} → {parent}"),
    "doctor.file_missing": ("ไม่พบไฟล์ของหลักฐาน “{name}” ({sha})", "The file of evidence “{name}” is missing ({sha})"),
    "doctor.file_changed": ("ไฟล์ของหลักฐาน “{name}” ถูกแก้ไขหรือเสียหาย (ค่าแฮชไม่ตรง {sha})", "The file of evidence “{name}” was altered or damaged (hash mismatch, {sha})"),
    "doctor.orphan_file": ("มีไฟล์ในคลังหลักฐานที่ไม่มีรายการใดอ้างถึง: {sha}", "The evidence store holds a file no record uses: {sha}"),
    "doctor.stray_name": ("มีไฟล์แปลกปลอมในคลังหลักฐาน: {name}", "The evidence store holds an unexpected file: {name}"),
    "doctor.healthy": ("แฟ้มผลงานสมบูรณ์ดี ({records} รายการ, ไฟล์หลักฐาน {files} ไฟล์)", "The portfolio is healthy ({records} records, {files} evidence files)."),
})


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return tr(self.key, lang, **self.params)


@dataclass
class HealthReport:
    problems: list[Problem]
    record_count: int
    file_count: int

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_portfolio(portfolio: Portfolio, verify_hashes: bool = True) -> HealthReport:
    problems: list[Problem] = []
    with portfolio.engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            problems.extend(Problem("doctor.integrity", {"detail": r[0]}) for r in rows[:20])
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()[:50]:
            problems.append(Problem("doctor.foreign_key", {"table": table, "row": rowid, "parent": parent}))
    record_count = 0
    with portfolio.reader() as session:
        for model in m.RECORD_MODELS:
            record_count += len(session.scalars(select(model.id)).all())
        files: dict[str, str] = {}
        for sha, name in session.execute(select(m.Evidence.sha256, m.Evidence.original_name)):
            files.setdefault(sha, name)
        for sha in session.scalars(select(m.Profile.photo_sha256)):
            if sha:
                files.setdefault(sha, "profile photo")
    for sha, name in sorted(files.items()):
        path = portfolio.store.path_for(sha)
        if not path.is_file():
            problems.append(Problem("doctor.file_missing", {"name": name, "sha": sha}))
        elif verify_hashes and not portfolio.store.verify(sha):
            problems.append(Problem("doctor.file_changed", {"name": name, "sha": sha}))
    for item in portfolio.store.iter_hashes():
        if not _looks_like_hash(item):
            problems.append(Problem("doctor.stray_name", {"name": item}))
        elif item not in files:
            problems.append(Problem("doctor.orphan_file", {"sha": item}))
    return HealthReport(problems, record_count, len(files))


def _looks_like_hash(name: str) -> bool:
    from ..storage.store import SHA256_RE

    return bool(SHA256_RE.match(name))
