"""The evidence grid's model: one row per evidence record, thumbnails loaded
lazily off the UI thread.

Rows are plain data copied from the services (never ORM objects kept on a
widget).  A thumbnail is asked for the first time a view paints its row; a
small loader reads it in a worker thread — from the core's thumbnail cache
(:mod:`ent_portfolio.media`) when that is available, otherwise by decoding the
stored file at a reduced size with ``QImageReader`` — and hands a ``QImage``
back to the main thread by signal, where it becomes a ``QPixmap``.

The plausibility findings of the shown photos (readiness's
:func:`photo_findings`) are asked for once per reload and again for a work
whose evidence changed, never while painting: the grid badges every
flagged photo, and a tile's tooltip says what was found.
"""

from __future__ import annotations

import datetime as _dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ...errors import UserError
from ...privacy import faces_must_be_hidden
from ...typeset.dates import format_date
from ..qt import (
    QAbstractListModel,
    QColor,
    QFont,
    QImage,
    QImageReader,
    QModelIndex,
    QObject,
    QPainter,
    QPersistentModelIndex,
    QPixmap,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from ..thaiwrap import wrap_hints
from . import NO_PARENT

THUMB_SIZE = QSize(184, 138)

#: Roles beyond Qt's own.
RecordIdRole = Qt.ItemDataRole.UserRole + 1
DateTextRole = Qt.ItemDataRole.UserRole + 2
PlaceRole = Qt.ItemDataRole.UserRole + 3
ThumbnailReadyRole = Qt.ItemDataRole.UserRole + 4
KindRole = Qt.ItemDataRole.UserRole + 5
WorkIdRole = Qt.ItemDataRole.UserRole + 6
#: The texts of a photo's open plausibility findings, in the interface's language.
FindingsRole = Qt.ItemDataRole.UserRole + 7
#: How many faces the dossier's copy of the photo blurs (0: none, or not a photo).
FacesBlurredRole = Qt.ItemDataRole.UserRole + 8


@dataclass(frozen=True)
class EvidenceRow:
    id: str
    work_id: str
    sha256: str
    kind: str
    media_type: str
    original_name: str
    caption: str
    date_taken: _dt.datetime | None
    place: str
    principles: tuple[str, ...] = field(default_factory=tuple)
    #: Face boxes on the photo; None while the detector has not looked.
    faces: int | None = None
    people_consent: str = ""

    @classmethod
    def of(cls, record) -> EvidenceRow:
        return cls(
            id=record.id,
            work_id=record.work_id,
            sha256=record.sha256,
            kind=record.kind or "other",
            media_type=record.media_type or "",
            original_name=record.original_name or "",
            caption=record.caption or "",
            date_taken=record.date_taken,
            place=record.place or "",
            principles=tuple(record.principles or ()),
            faces=None if record.face_boxes is None else len(record.face_boxes),
            people_consent=record.people_consent or "",
        )

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/") or self.kind in ("photo", "scan")


def faces_blurred_at_export(box_count: int, consent: str | None, keep_consented_faces: bool = True) -> int:
    """How many boxes the dossier's copy blurs (the rule of
    ``DossierConfig.keep_consented_faces``): all of them unless everyone
    in the photo consented and the lecturer keeps consented faces."""
    return box_count if faces_must_be_hidden(consent, keep_consented_faces) else 0


# --- loading thumbnails ------------------------------------------------------

def _core_thumbnail(portfolio, sha: str) -> Path | None:
    """The core's cached thumbnail (None when the file cannot be read)."""
    from ...media.thumbs import thumbnail_path

    try:
        path = thumbnail_path(portfolio, sha, create=True)
    except Exception:  # an unreadable file: fall back to decoding it here
        return None
    return Path(path) if path and Path(path).is_file() else None


def read_scaled_image(path: Path, box: QSize) -> QImage:
    """Decode ``path`` at no more than ``box`` (EXIF orientation applied).
    Safe in a worker thread: ``QImage`` is not a GUI-thread object."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        # JPEG decoders scale while decoding: far faster than decode + scale.
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return image
    if image.width() > box.width() or image.height() > box.height():
        image = image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return image


def read_with_pillow(path: Path, box: QSize) -> QImage:
    """Pictures Qt cannot decode (HEIC/HEIF from phones, some TIFFs): decode
    with Pillow, as the core does, upright and at most ``box``."""
    try:
        from PIL import Image, ImageOps

        from ...media import probe  # noqa: F401 - registers the HEIF opener

        with Image.open(path) as image:
            image.draft("RGB", (box.width(), box.height()))
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((box.width(), box.height()))
            data = image.tobytes()
            result = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888)
            return result.copy()  # own the pixels: ``data`` goes away
    except Exception:
        return QImage()


def load_thumbnail(portfolio, sha: str, is_image: bool, box: QSize = THUMB_SIZE) -> QImage:
    cached = _core_thumbnail(portfolio, sha)
    if cached is not None:
        image = read_scaled_image(cached, box)
        if not image.isNull():
            return image
    if not is_image:
        return QImage()
    path = portfolio.store.path_for(sha)
    image = read_scaled_image(path, box)
    if image.isNull() and path.is_file():
        image = read_with_pillow(path, box)
    return image


class _Emitter(QObject):
    loaded = Signal(str, QImage)


class ThumbnailLoader(QObject):
    """Reads thumbnails in worker threads, one request per file at a time."""

    loaded = Signal(str, QImage)  # sha256, image (null when none could be made)

    def __init__(self, parent: QObject | None = None, synchronous: bool = False, threads: int = 2) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ent-thumb")
        self._pending: set[str] = set()
        self._emitter = _Emitter()
        self._emitter.loaded.connect(self._deliver)
        # Queued thumbnails must not hold up quitting the program.
        from ..qt import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def request(self, portfolio, sha: str, is_image: bool) -> None:
        if sha in self._pending or portfolio is None:
            return
        self._pending.add(sha)
        if self.synchronous:
            QTimer.singleShot(0, lambda: self._work(portfolio, sha, is_image))
        else:
            self._pool.submit(self._work, portfolio, sha, is_image)

    def _work(self, portfolio, sha: str, is_image: bool) -> None:
        try:
            image = load_thumbnail(portfolio, sha, is_image)
        except Exception:
            image = QImage()
        self._emitter.loaded.emit(sha, image)

    def _deliver(self, sha: str, image: QImage) -> None:
        self._pending.discard(sha)
        self.loaded.emit(sha, image)

    def forget(self) -> None:
        self._pending.clear()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# --- placeholders ------------------------------------------------------------

_KIND_BADGE = {
    "photo": ("IMG", "#5b7fa6"),
    "scan": ("SCAN", "#6d7f99"),
    "pdf": ("PDF", "#b5473a"),
    "document": ("DOC", "#2f6db5"),
    "audio": ("AUDIO", "#7a5aa6"),
    "video": ("VIDEO", "#a65a7a"),
    "other": ("FILE", "#6b6b6b"),
}


def placeholder_pixmap(kind: str, loading: bool = False, size: QSize = THUMB_SIZE) -> QPixmap:
    """A tile for files with no picture (or while the picture loads)."""
    label, colour = _KIND_BADGE.get(kind, _KIND_BADGE["other"])
    pixmap = QPixmap(size)
    pixmap.fill(QColor("#eef1f5"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if not loading:
        w, h = size.width(), size.height()
        page = QRectF(w / 2 - 30, h / 2 - 40, 60, 80)
        painter.setPen(QColor("#b8c2cf"))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(page, 4, 4)
        badge = QRectF(w / 2 - 34, h / 2 + 4, 68, 22)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(badge, 4, 4)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(12)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return pixmap


# --- the model -----------------------------------------------------------------

class EvidenceListModel(QAbstractListModel):
    """Evidence records of one work (or all works) for a grid view."""

    def __init__(self, context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.language
        self.work_id: str | None = None
        self._rows: list[EvidenceRow] = []
        self._pixmaps: dict[str, QPixmap] = {}
        self._no_picture: set[str] = set()
        self._placeholders: dict[tuple[str, bool], QPixmap] = {}
        #: evidence id -> its open plausibility findings (readiness ``Finding``s).
        self._findings: dict[str, list] = {}
        self.loader = ThumbnailLoader(self, synchronous=context.jobs.synchronous)
        self.loader.loaded.connect(self._thumbnail_loaded)

    # loading -----------------------------------------------------------------
    def set_work(self, work_id: str | None) -> None:
        self.work_id = work_id
        self.reload()

    def reload(self) -> None:
        services = self.context.services
        self.beginResetModel()
        if services is None:
            self._rows = []
        else:
            records = services.evidence.list(work_id=self.work_id) if self.work_id else services.evidence.list()
            self._rows = [EvidenceRow.of(r) for r in records]
        self._findings = self._findings_of({row.work_id for row in self._rows})
        self.endResetModel()

    def _findings_of(self, work_ids: set[str]) -> dict[str, list]:
        from ...readiness.photo_findings import photo_findings

        found: dict[str, list] = {}
        for work_id in sorted(work_ids):
            try:
                found.update(photo_findings(self.context.portfolio, work_id))
            except UserError as exc:  # e.g. a faculty's rules file with a mistake: said once, no badges
                self.context.report_error(exc)
                return {}
        return found

    def refresh_findings(self, work_id: str) -> None:
        """Ask again for the findings of one work's photos (a date, a place
        or an explanation changed; a duplicate involves its pair too)."""
        for evidence_id in [i for i, r in self._by_id().items() if r.work_id == work_id]:
            self._findings.pop(evidence_id, None)
        self._findings.update(self._findings_of({work_id}))
        for i, row in enumerate(self._rows):
            if row.work_id == work_id:
                index = self.index(i)
                self.dataChanged.emit(index, index, [FindingsRole, Qt.ItemDataRole.ToolTipRole])

    def _by_id(self) -> dict[str, EvidenceRow]:
        return {row.id: row for row in self._rows}

    def clear_cache(self) -> None:
        """Forget thumbnails (another portfolio was opened)."""
        self._pixmaps.clear()
        self._no_picture.clear()
        self.loader.forget()

    def refresh_row(self, evidence_id: str) -> bool:
        """Reread one record after an edit; False if it is not shown."""
        for i, row in enumerate(self._rows):
            if row.id == evidence_id:
                record = self.context.services.evidence.find(evidence_id)
                if record is None:
                    self.reload()
                    return True
                self._rows[i] = EvidenceRow.of(record)
                index = self.index(i)
                self.dataChanged.emit(index, index)
                self.refresh_findings(record.work_id)
                return True
        return False

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    # access ------------------------------------------------------------------
    def row_at(self, row: int) -> EvidenceRow:
        return self._rows[row]

    def rows(self) -> list[EvidenceRow]:
        return list(self._rows)

    def row_of(self, evidence_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == evidence_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Display only (Thai wrap hints): the record is in rows() / RecordIdRole.
            return wrap_hints(row.caption or row.original_name)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [row.caption, row.original_name, self._date_text(row), row.place]
            parts += [f"⚠ {text}" for text in self.finding_texts(row.id)]
            if blurred := self.faces_blurred(row):
                parts.append(self.tr("%n face(s) will be blurred in the dossier", "", blurred))
            return wrap_hints("\n".join(p for p in parts if p))
        if role == FindingsRole:
            return self.finding_texts(row.id)
        if role == FacesBlurredRole:
            return self.faces_blurred(row)
        if role == DateTextRole:
            return self._date_text(row)
        if role == PlaceRole:
            return row.place
        if role == RecordIdRole:
            return row.id
        if role == WorkIdRole:
            return row.work_id
        if role == KindRole:
            return row.kind
        if role == ThumbnailReadyRole:
            return row.sha256 in self._pixmaps or row.sha256 in self._no_picture
        return None

    def findings(self, evidence_id: str) -> list:
        return list(self._findings.get(evidence_id, ()))

    def finding_texts(self, evidence_id: str) -> list[str]:
        return [finding.message(self.lang) for finding in self._findings.get(evidence_id, ())]

    @staticmethod
    def faces_blurred(row: EvidenceRow) -> int:
        return faces_blurred_at_export(row.faces or 0, row.people_consent) if row.kind == "photo" else 0

    def _date_text(self, row: EvidenceRow) -> str:
        return format_date(row.date_taken, self.lang, "short") if row.date_taken else ""

    def _placeholder(self, kind: str, loading: bool) -> QPixmap:
        key = (kind, loading)
        if key not in self._placeholders:
            self._placeholders[key] = placeholder_pixmap(kind, loading)
        return self._placeholders[key]

    def _pixmap(self, row: EvidenceRow) -> QPixmap:
        pixmap = self._pixmaps.get(row.sha256)
        if pixmap is not None:
            return pixmap
        if row.sha256 in self._no_picture:
            return self._placeholder(row.kind, False)
        self.loader.request(self.context.portfolio, row.sha256, row.is_image)
        return self._placeholder(row.kind, True)

    def _thumbnail_loaded(self, sha: str, image: QImage) -> None:
        if image.isNull():
            self._no_picture.add(sha)
        else:
            self._pixmaps[sha] = QPixmap.fromImage(image)
        for i, row in enumerate(self._rows):
            if row.sha256 == sha:
                index = self.index(i)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, ThumbnailReadyRole])


def gps_text(latitude: Decimal | None, longitude: Decimal | None) -> str:
    if latitude is None or longitude is None:
        return ""
    ns = "N" if latitude >= 0 else "S"
    ew = "E" if longitude >= 0 else "W"
    return f"{abs(float(latitude)):.5f}° {ns}, {abs(float(longitude)):.5f}° {ew}"


def size_text(size: int | None) -> str:
    if not size:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return ""
