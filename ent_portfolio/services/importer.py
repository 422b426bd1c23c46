"""Evidence import: files and folders from the field into one work.

Use :func:`import_evidence`; the windows run it in a worker thread and the
command line (``ent-portfolio evidence add``) calls it directly.  What happens
to each file, in order:

1. **checked** — a regular, readable, non-empty file within
   :attr:`ImportLimits.max_file_bytes`; its content is what its extension says
   (judged from the bytes, :mod:`ent_portfolio.media.sniff`); pictures open and
   decode to the end (a truncated download or a decompression bomb is caught
   here); PDFs end with ``%%EOF`` and parse; Office and OpenDocument files
   are judged from their ZIP directory, never inflated; a program is refused
   by its name or its first bytes, even when it also passes for a PDF.  A
   file that fails is *refused* with its name and the reason; the rest of
   the batch goes on.  :func:`check_evidence_file` makes these checks alone,
   for files that arrive another way (an archive).
   A name that is not UTF-8 (TIS-620 from an old Windows machine) is shown
   and recorded decoded (:func:`readable_name`); the file is opened by the
   bytes it really has.
2. **stored** — copied into the content-addressed store by
   ``portfolio.store.add_file`` (temp file, fsync, rename); a content already
   there is not stored twice.  Its thumbnail is cached under the hash.  A
   file whose size changed between the check and the copy (still being
   written) is refused, and its copy taken out again.
3. **recorded** — an :class:`~ent_portfolio.domain.models.Evidence` row,
   written only after the file is in place, in batched transactions.

The source files are only ever opened for reading.  Hashing, decoding and
copying run on a small thread pool (hashlib, zlib and Pillow's decoders
release the GIL); the database is written from the calling thread only.

Crash safety (what a kill leaves at each point): during a copy, a
``tmp/.tmp-*.part`` file and nothing else; between a file's rename into the
store and its batch's commit, a store file no record uses (``doctor`` reports
it as an orphan; importing the same files again records it without copying,
which heals it); during a thumbnail write, a temp file in ``tmp/``; a
thumbnail without a record is only a cache entry.  A database commit is
atomic, so a record never points to a missing file.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from ..domain import models as m
from ..errors import NotFoundError, UserError, ValidationError
from ..i18n import register, tr
from ..jobs import CancelToken, Progress
from ..media.acceptance import EvidenceRefused as EvidenceRefused  # the services' API for the windows and CLI
from ..media.acceptance import ImportLimits, checked_size, readable_name, refusal_of
from ..media.acceptance import check_evidence_file as check_evidence_file
from ..media.geo import place_name
from ..media.probe import Probe, Refused, probe_file
from ..media.thumbs import cache_path, write_thumbnail
from ..storage.portfolio import Portfolio
from ..storage.references import unreferenced
from ..storage.store import sha256_of_file

register({
    # One line per file (command line, summary dialog).
    "import.line.stored": ("นำเข้าแล้ว: {name}", "stored: {name}"),
    "import.line.linked": ("นำเข้าแล้ว (ใช้ไฟล์เดิมที่มีในแฟ้มผลงาน ไม่คัดลอกซ้ำ): {name}",
                           "stored (same file already in the portfolio, not copied again): {name}"),
    "import.line.already_present": ("มีอยู่แล้วในผลงานนี้: {name}", "already present: {name}"),
    "import.line.refused": ("ไม่นำเข้า: {reason}", "refused: {reason}"),
    "import.summary": (
        "นำเข้า {stored} ไฟล์ มีอยู่แล้ว {present} ไฟล์ ไม่นำเข้า {refused} ไฟล์",
        "{stored} stored, {present} already present, {refused} refused",
    ),
    "import.summary_cancelled": (
        "ยกเลิกแล้ว: ยังไม่ได้นำเข้าอีก {remaining} ไฟล์ (ไฟล์ที่นำเข้าแล้วยังอยู่ครบ)",
        "Cancelled: {remaining} file(s) were not imported (those already imported are kept).",
    ),
    "import.wrong_work": (
        "{kind_th}ที่เลือกไม่ได้อยู่ในผลงานนี้",
        "The chosen {kind_en} does not belong to this work.",
    ),
})

#: Names skipped while walking a folder (system litter, editors' lock files).
JUNK_NAMES = {"thumbs.db", "desktop.ini", ".ds_store", "icon\r"}
#: Camera and phone side files skipped while walking a folder: iPhone edit
#: records (.AAE), camera preview thumbnails (.THM), action-cam proxies (.LRV).
JUNK_SUFFIXES = (".aae", ".thm", ".lrv")


class Status(StrEnum):
    STORED = "stored"                    # content new to the portfolio: copied into the store, new record
    LINKED = "linked"                    # content another work already has: not copied, new record
    ALREADY_PRESENT = "already_present"  # this work already has a record of this content
    REFUSED = "refused"                  # not imported; see reason


@dataclass
class FileOutcome:
    """What happened to one file."""

    path: Path
    #: The file as the user knows it: the folder they chose (as they gave it) joined with the
    #: path inside it, or the file as given.
    name: str
    status: Status
    evidence_id: str | None = None
    sha256: str | None = None
    size: int = 0
    kind: str = ""
    media_type: str = ""
    date_taken: datetime | None = None
    place: str = ""
    #: The activity the record is linked to after the import (or None).
    activity_id: str | None = None
    #: Activities of the work whose dates contain ``date_taken``, best first
    #: (only for records without an activity).
    suggested_activity_ids: list[str] = field(default_factory=list)
    reason_key: str = ""
    reason_params: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status is not Status.REFUSED

    def reason(self, lang: str | None = None) -> str:
        return tr(self.reason_key, lang, **self.reason_params) if self.reason_key else ""

    def message(self, lang: str | None = None) -> str:
        """The reason when refused, else the one-line outcome."""
        return self.reason(lang) if self.status is Status.REFUSED else self.line(lang)

    def line(self, lang: str | None = None) -> str:
        if self.status is Status.REFUSED:
            return tr("import.line.refused", lang, reason=self.reason(lang))
        return tr(f"import.line.{self.status.value}", lang, name=self.name)


@dataclass
class ImportResult:
    work_id: str
    outcomes: list[FileOutcome]
    #: True when a CancelToken stopped the import; files already imported stay.
    cancelled: bool = False
    #: Files never looked at because of the cancellation.
    not_processed: list[Path] = field(default_factory=list)

    def _with(self, *statuses: Status) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status in statuses]

    @property
    def stored(self) -> list[FileOutcome]:
        """New records (whether the bytes were copied or already in the store)."""
        return self._with(Status.STORED, Status.LINKED)

    @property
    def already_present(self) -> list[FileOutcome]:
        return self._with(Status.ALREADY_PRESENT)

    @property
    def refused(self) -> list[FileOutcome]:
        return self._with(Status.REFUSED)

    @property
    def evidence_ids(self) -> list[str]:
        """Records this import created or found, in file order, without repeats."""
        seen: dict[str, None] = {}
        for o in self.outcomes:
            if o.evidence_id:
                seen.setdefault(o.evidence_id)
        return list(seen)

    @property
    def suggestions(self) -> dict[str, str]:
        """evidence id → best-matching activity id, for records without an activity."""
        return {o.evidence_id: o.suggested_activity_ids[0]
                for o in self.outcomes if o.evidence_id and o.suggested_activity_ids and not o.activity_id}

    def summary(self, lang: str | None = None) -> str:
        text = tr("import.summary", lang, stored=len(self.stored), present=len(self.already_present),
                  refused=len(self.refused))
        if self.cancelled:
            text += "\n" + tr("import.summary_cancelled", lang, remaining=len(self.not_processed))
        return text


# -- collecting files ---------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    path: Path
    name: str
    #: Refused while listing (a link to a folder, a folder that cannot be opened).
    refusal: Refused | None = None


def _is_junk(name: str) -> bool:
    lower = name.lower()
    return name.startswith((".", "~$")) or lower in JUNK_NAMES or lower.endswith(JUNK_SUFFIXES)


def collect_files(sources: Iterable[Path | str], exclude: Path | None = None) -> list[_Entry]:
    """The files to import: each file as given, and every file under each
    folder (recursively, sorted, skipping hidden and system files and the
    ``exclude`` folder — the portfolio itself).  A path that does not exist is
    kept, so that it is refused by name.  Each file appears once.

    Links to folders inside a folder are not followed (the walk stays inside
    what was chosen and cannot loop); they, and sub-folders that cannot be
    opened, are listed as refused, so that no file is left out unsaid."""
    entries: list[_Entry] = []
    seen: set[str] = set()
    excluded = os.path.realpath(exclude) if exclude else None

    def add(path: Path, refusal_key: str | None = None, **params: object) -> None:
        key = str(path)
        if refusal_key is None:
            try:
                key = os.path.realpath(path)
            except ValueError:  # a NUL or a lone surrogate: no such file, refused by name later
                pass
        if key not in seen:
            seen.add(key)
            name = readable_name(str(path))
            refusal = Refused(refusal_key, name=name, **params) if refusal_key else None
            entries.append(_Entry(path, name, refusal))

    def unreadable_folder(error: OSError) -> None:
        add(Path(error.filename or "?"), "import.unreadable_folder", detail=error.strerror or str(error))

    for source in sources:
        source = Path(source)
        if source.is_dir():
            for folder, dirnames, filenames in os.walk(source, onerror=unreadable_folder):
                if excluded and os.path.realpath(folder) == excluded:
                    dirnames[:] = []
                    continue
                kept = sorted(d for d in dirnames if not _is_junk(d) and d != "__MACOSX")
                dirnames[:] = [d for d in kept if not os.path.islink(os.path.join(folder, d))]
                for linked in sorted(set(kept) - set(dirnames)):
                    add(Path(folder) / linked, "import.folder_link")
                for filename in sorted(filenames):
                    if not _is_junk(filename):
                        add(Path(folder) / filename)
        else:
            add(source)
    return entries


# -- the per-file work (runs on the pool) ------------------------------------

@dataclass
class _Done:
    """A file checked and in the store (or refused)."""

    refusal: Refused | None = None
    sha256: str | None = None
    size: int = 0
    newly_added: bool = False
    probe: Probe | None = None  # None when the content was already known
    skipped: bool = False  # cancelled before it was started


class _Worker:
    def __init__(self, portfolio: Portfolio, limits: ImportLimits, known_sizes: set[int],
                 known_hashes: set[str], cancel: CancelToken | None) -> None:
        self.portfolio = portfolio
        self.cancel = cancel
        self.limits = limits
        self.known_sizes = known_sizes
        self.known_hashes = known_hashes

    def __call__(self, entry: _Entry) -> _Done:
        if self.cancel is not None and self.cancel.cancelled:
            return _Done(skipped=True)  # queued when the user cancelled: not started
        if entry.refusal is not None:
            return _Done(refusal=entry.refusal)
        try:
            return self._process(entry)
        except Exception as exc:
            return _Done(refusal=refusal_of(exc, entry.name))

    def _process(self, entry: _Entry) -> _Done:
        path, name = entry.path, entry.name
        size = checked_size(path, name, self.limits)
        store = self.portfolio.store
        if size in self.known_sizes:
            # Probably a file imported before: hash it first (one read, no
            # write) and skip the copy and the decoding if the content is known.
            try:
                sha = sha256_of_file(path)
            except OSError as exc:
                raise Refused("import.unreadable", name=name, detail=exc.strerror or str(exc)) from exc
            if sha in self.known_hashes and store.contains(sha):
                return _Done(sha256=sha, size=size)
        probe = probe_file(path, name, size, self.limits.max_pixels)
        sha, stored_size, added = store.add_file(path)
        if stored_size != size:
            # What was checked is not what was copied: a file still being
            # written.  Its copy is taken out again once the batch is recorded.
            return _Done(refusal=Refused("import.changed", name=name), sha256=sha, newly_added=added)
        if probe.thumbnail and not cache_path(self.portfolio, sha).is_file():
            try:
                write_thumbnail(self.portfolio, sha, probe.thumbnail)
            except UserError:
                pass  # a thumbnail is a cache: it is made again when first shown
        probe.thumbnail = None  # free the bytes early
        return _Done(sha256=sha, size=stored_size, newly_added=added, probe=probe)


_META_FIELDS = ("media_type", "kind", "date_taken", "place", "latitude", "longitude", "camera",
                "orientation", "width", "height", "page_count")


@dataclass
class _Activity:
    id: str
    start: date
    end: date


def _check_target(session, model: type[m.Record], record_id: str | None, work_id: str) -> None:
    if record_id is None:
        return
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(kind=model.kind_th, ident=record_id)
    if record.work_id != work_id:
        raise ValidationError("import.wrong_work", kind_th=model.kind_th, kind_en=model.kind_en)


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.6f}")


def import_evidence(  # noqa: C901 - the importer's main loop: staging, checks and one transaction, tested end to end
    portfolio: Portfolio,
    work_id: str,
    sources: Sequence[Path | str],
    *,
    activity_id: str | None = None,
    indicator_id: str | None = None,
    testimonial_id: str | None = None,
    assign_activities: bool = False,
    fill_place: bool = True,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    batch_size: int = 32,
    batch_seconds: float = 0.5,
) -> ImportResult:
    """Import ``sources`` (files and/or folders, recursively) as evidence of a work.

    - ``activity_id`` / ``indicator_id`` / ``testimonial_id``: link every
      imported record to it (it must belong to the work).  A file the work
      already has keeps its record; an empty link on it is filled in.
    - ``assign_activities``: link photos without an explicit activity to the
      work's activity whose dates (``date`` … ``end_date``) contain the EXIF
      date taken.  Either way the matches are reported in
      :attr:`FileOutcome.suggested_activity_ids` / :attr:`ImportResult.suggestions`,
      and :func:`apply_suggestions` applies them later.
    - ``fill_place``: name the place of photos with GPS (``"จ.น่าน"``), offline.
    - ``limits``: largest file and picture accepted (:class:`ImportLimits`).
    - ``progress(done, total)`` is called from the calling thread after each
      file (``total`` = files found); ``cancel`` stops the import between
      files: files already stored are recorded and kept, the rest are listed in
      :attr:`ImportResult.not_processed`, and ``cancelled`` is set (no exception).
    - ``workers``: threads for hashing, decoding and copying (default: up to 4).

    Raises :class:`~ent_portfolio.errors.UserError` before touching anything
    when the work (or a linked record) does not exist; every per-file problem
    is an outcome with status ``refused`` instead.  Returns the outcomes in
    the order the files were found.
    """
    limits = limits or ImportLimits()
    # Threads wait on disk flushes as much as they decode: twice the cores, at most 4.
    workers = workers or max(2, min(4, 2 * (os.cpu_count() or 1)))

    # What the portfolio already holds: one read before any work.
    with portfolio.reader() as session:
        if session.get(m.Work, work_id) is None:
            raise NotFoundError(kind=m.Work.kind_th, ident=work_id)
        _check_target(session, m.Activity, activity_id, work_id)
        _check_target(session, m.Indicator, indicator_id, work_id)
        _check_target(session, m.Testimonial, testimonial_id, work_id)
        known: dict[str, dict] = {}
        in_work: dict[str, dict] = {}
        known_sizes: set[int] = set()
        columns = [m.Evidence.id, m.Evidence.work_id, m.Evidence.sha256, m.Evidence.size, m.Evidence.activity_id,
                   m.Evidence.indicator_id, m.Evidence.testimonial_id] + [getattr(m.Evidence, f) for f in _META_FIELDS]
        for row in session.execute(select(*columns).order_by(m.Evidence.created_at)):
            data = row._asdict()
            known_sizes.add(data["size"])
            known.setdefault(data["sha256"], data)
            if data["work_id"] == work_id:
                in_work.setdefault(data["sha256"], data)
        activities = [
            _Activity(a.id, a.date, a.end_date or a.date)
            for a in session.scalars(select(m.Activity).where(m.Activity.work_id == work_id))
            if a.date is not None
        ]

    entries = collect_files(sources, exclude=portfolio.folder)
    total = len(entries)
    outcomes: list[FileOutcome] = []
    pending_new: list[tuple[m.Evidence, FileOutcome]] = []
    added_here: set[str] = set()  # contents this import put into the store
    changed_copies: set[str] = set()  # stored, then refused: the file changed while being copied
    pending_links: dict[str, dict] = {}  # evidence id → fields to fill on an existing record
    worker = _Worker(portfolio, limits, known_sizes, set(known), cancel)
    not_processed: list[Path] = []
    last_flush = time.monotonic()
    cancelled = False

    def report() -> None:
        if progress:
            progress(len(outcomes), total)

    def suggest(taken: datetime | None) -> list[str]:
        if taken is None:
            return []
        day = taken.date()
        matches = [a for a in activities if a.start <= day <= a.end]
        matches.sort(key=lambda a: ((a.end - a.start).days, -a.start.toordinal()))
        return [a.id for a in matches]

    def handle(entry: _Entry, done: _Done) -> None:
        if done.skipped:
            not_processed.append(entry.path)
            return
        if done.refusal is not None:
            if done.newly_added:
                changed_copies.add(done.sha256)
            r = done.refusal
            outcomes.append(FileOutcome(entry.path, entry.name, Status.REFUSED, reason_key=r.key,
                                        reason_params=r.params))
            return
        sha = done.sha256
        if done.newly_added:
            added_here.add(sha)
        existing = in_work.get(sha)
        if existing is not None:
            outcome = FileOutcome(entry.path, entry.name, Status.ALREADY_PRESENT, existing["id"], sha, done.size,
                                  existing["kind"], existing["media_type"], existing["date_taken"], existing["place"])
            links = {k: v for k, v in (("activity_id", activity_id), ("indicator_id", indicator_id),
                                       ("testimonial_id", testimonial_id)) if v and not existing.get(k)}
            if not existing.get("activity_id") and not activity_id:
                outcome.suggested_activity_ids = suggest(existing["date_taken"])
                if assign_activities and outcome.suggested_activity_ids:
                    links["activity_id"] = outcome.suggested_activity_ids[0]
            if links:
                existing.update(links)
                pending_links.setdefault(existing["id"], {}).update(links)
            outcome.activity_id = existing.get("activity_id")
            outcomes.append(outcome)
            return
        if done.probe is not None:
            p = done.probe
            meta = dict(media_type=p.media_type, kind=p.kind, date_taken=p.date_taken,
                        latitude=_decimal(p.latitude), longitude=_decimal(p.longitude), camera=p.camera,
                        orientation=p.orientation, width=p.width, height=p.height, page_count=p.page_count,
                        place=place_name(p.latitude, p.longitude) if fill_place else "")
        else:  # content known from another work: take what was read then
            meta = {f: known[sha][f] for f in _META_FIELDS}
        suggestions = [] if activity_id else suggest(meta["date_taken"])
        chosen = activity_id or (suggestions[0] if assign_activities and suggestions else None)
        row = m.Evidence(id=m.new_uuid(), work_id=work_id, sha256=sha, size=done.size,
                         original_name=readable_name(entry.path.name), activity_id=chosen,
                         indicator_id=indicator_id, testimonial_id=testimonial_id, **meta)
        # Two copies of one new file may race to the store: which worker wins
        # must not decide the status, so "linked" means "recorded before".
        status = Status.LINKED if sha in known else Status.STORED
        outcome = FileOutcome(entry.path, entry.name, status, row.id, sha, done.size, meta["kind"],
                              meta["media_type"], meta["date_taken"], meta["place"], chosen,
                              suggestions if not chosen else [])
        outcomes.append(outcome)
        pending_new.append((row, outcome))
        in_work[sha] = dict(id=row.id, activity_id=chosen, indicator_id=indicator_id,
                            testimonial_id=testimonial_id, **meta)

    def flush() -> None:
        nonlocal last_flush
        last_flush = time.monotonic()
        if not pending_new and not pending_links:
            return
        batch, links = list(pending_new), dict(pending_links)
        pending_new.clear()
        pending_links.clear()
        try:
            with portfolio.session() as session:
                session.add_all([row for row, _ in batch])
                for evidence_id, fields in links.items():
                    record = session.get(m.Evidence, evidence_id)
                    if record is not None:
                        for key, value in fields.items():
                            if getattr(record, key) is None:
                                setattr(record, key, value)
        except Exception as exc:
            detail = exc.message() if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"[:200]
            _undo_batch(portfolio, batch, detail, in_work, added_here)

    window = workers * 2
    queue = iter(entries)
    inflight: deque[tuple[_Entry, Future]] = deque()
    report()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="evidence-import") as pool:

        def fill() -> None:
            while len(inflight) < window and not cancelled:
                entry = next(queue, None)
                if entry is None:
                    return
                inflight.append((entry, pool.submit(worker, entry)))

        try:
            fill()
            while inflight:
                entry, future = inflight.popleft()
                handle(entry, future.result())
                report()
                if len(pending_new) >= batch_size or time.monotonic() - last_flush >= batch_seconds:
                    flush()
                if cancel is not None and cancel.cancelled:
                    # Stop submitting; files being copied finish and are
                    # recorded, queued ones are skipped (not_processed).
                    cancelled = True
                fill()
        except BaseException:
            # Interrupted (Ctrl-C) or a bug: record what is already in the store
            # so that nothing is left without its record, then let it through.
            for _, future in inflight:
                future.cancel()
            for entry, future in inflight:
                if not future.cancelled():
                    try:
                        handle(entry, future.result())
                    except BaseException:
                        pass
            flush()
            _remove_unused(portfolio, changed_copies)
            raise
        flush()
    _remove_unused(portfolio, changed_copies)
    if cancel is not None and cancel.cancelled:
        cancelled = True
        not_processed.extend(e.path for e in queue)
    return ImportResult(work_id, outcomes, cancelled, not_processed)


def _undo_batch(portfolio: Portfolio, batch: list, detail: str, in_work: dict, added_here: set[str]) -> None:
    """A batch's transaction failed: its records were not written.  Files this
    import added to the store that nothing uses are removed again, and the
    batch's outcomes become refusals."""
    _remove_unused(portfolio, {row.sha256 for row, _ in batch} & added_here)
    for row, outcome in batch:
        in_work.pop(row.sha256, None)
        outcome.status = Status.REFUSED
        outcome.evidence_id = None
        outcome.reason_key = "import.storage"
        outcome.reason_params = {"name": outcome.name, "detail": detail}


def _remove_unused(portfolio: Portfolio, added: set[str]) -> None:
    """Take out of the store the files this import added that no record uses."""
    if not added:
        return
    try:
        with portfolio.reader() as session:
            orphaned = unreferenced(session, added)
    except Exception:
        orphaned = set()  # doctor reports them; never guess a file unused
    portfolio.store.remove(orphaned)
    for sha in orphaned:
        cache_path(portfolio, sha).unlink(missing_ok=True)


def apply_suggestions(portfolio: Portfolio, suggestions: dict[str, str]) -> int:
    """Link evidence records to activities (``{evidence_id: activity_id}``,
    e.g. :attr:`ImportResult.suggestions` after the user agreed), in one
    transaction; a record that already has an activity keeps it.  Returns how
    many records changed."""
    changed = 0
    with portfolio.session() as session:
        for evidence_id, activity_id in suggestions.items():
            record = session.get(m.Evidence, evidence_id)
            activity = session.get(m.Activity, activity_id)
            if record is None or activity is None or activity.work_id != record.work_id:
                continue
            if record.activity_id is None:
                record.activity_id = activity_id
                changed += 1
    return changed
