"""Faces blurred in the copies of photos that leave the app.

A partner who did not say yes must not be recognisable in the dossier or
in the evidence package.  Before the PDF is made, every photo whose people
did not all consent (``people_consent`` other than ``given``; every photo
when the lecturer turns ``keep_consented_faces`` off) and that has faces is
copied, upright, with each face blurred (:func:`ent_portfolio.media.faces.blur_faces`),
into the export's scratch folder.  The copy goes into ``Plan.copies``: the
PDF's picture and the packaged file are both made from it, so the hash the
PDF's manifest prints is the packaged file's, and the stored original is
only read.

A photo the detector has not looked at yet (``face_boxes`` None) is looked
at here, for this export only: nothing is written back to the portfolio
(the export may run beside the app, on a portfolio opened read-only).  A
photo that cannot be read cannot be shown free of faces, so it stops the
export with a sentence instead of leaving sharp.

The copy is a JPEG of high quality without any EXIF but the capture date:
no GPS position, no orientation (the pixels are upright), and no EXIF
thumbnail, a small sharp picture of the very faces blurred in the large one."""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from .. import privacy
from ..domain.photo_facts import FaceBox, face_boxes_of
from ..errors import UserError
from ..jobs import CancelToken
from ..media.faces import blur_faces, detect_faces_in, open_upright
from .model import EvidenceEntry
from .plan import Plan, is_picture

#: High enough that the blurred copy shows the rest of the photo as taken.
BLURRED_QUALITY = 92
#: No upright photo is this long: the picture is opened at its full size.
_FULL_SIZE = 1 << 20
#: EXIF tags of the capture date (in the EXIF directory), kept in the copy:
#: the plausibility of the date is what a reviewer checks.
_EXIF_IFD = 0x8769
_DATE_TAGS = (0x9003, 0x9004, 0x9010, 0x9011)  # DateTimeOriginal, Digitized, their time offsets
_DATE_TIME = 0x0132


def must_hide_faces(plan: Plan, entry: EvidenceEntry) -> bool:
    """Whether the faces of ``entry`` may not leave sharp: a photo whose
    people did not all consent, or any photo with ``keep_consented_faces`` off."""
    record = plan.records[entry.evidence_id]
    if entry.shown_as != "photo" or not is_picture(record):
        return False
    return privacy.faces_must_be_hidden(record.people_consent, plan.config.keep_consented_faces)


def boxes_to_blur(plan: Plan, entry: EvidenceEntry, upright: Image.Image) -> list[FaceBox]:
    """The stored boxes of ``entry`` (the lecturer's word wins, ``[]``
    included), or, when the detector has not looked yet, what it finds in
    ``upright`` now."""
    record = plan.records[entry.evidence_id]
    if record.face_boxes is None:
        return detect_faces_in(upright)
    return face_boxes_of(record.face_boxes)


def _capture_date_exif(source) -> Image.Exif:
    """A fresh EXIF block holding only the source's capture date."""
    kept = Image.Exif()
    try:
        with Image.open(source) as image:
            exif = image.getexif()
            if _DATE_TIME in exif:
                kept[_DATE_TIME] = exif[_DATE_TIME]
            found = {tag: value for tag, value in exif.get_ifd(_EXIF_IFD).items() if tag in _DATE_TAGS}
    except Exception:  # noqa: BLE001 - a damaged EXIF block: the copy goes without a date
        return Image.Exif()
    if found:
        kept.get_ifd(_EXIF_IFD).update(found)
    return kept


def _encode(picture: Image.Image, exif: Image.Exif) -> bytes:
    clean = picture.copy()
    clean.info = {}  # nothing of the source's metadata (XMP may hold a position) rides along
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=BLURRED_QUALITY, subsampling=0, optimize=True, exif=exif.tobytes())
    return out.getvalue()


def _blurred_copy(plan: Plan, entry: EvidenceEntry) -> tuple[bytes, int] | None:
    """The JPEG bytes of the blurred copy and how many faces it blurs, or
    None when the photo leaves as it is."""
    if not must_hide_faces(plan, entry) or plan.records[entry.evidence_id].face_boxes == []:
        return None
    source = plan.leaving(entry.evidence_id)
    try:
        upright = open_upright(source, _FULL_SIZE)
        boxes = boxes_to_blur(plan, entry, upright)
        if not boxes:
            return None
        blurred = blur_faces(upright, boxes)
    except (OSError, ValueError) as exc:
        raise UserError("dossier.bad_image", name=entry.original_name, detail=str(exc)[:200]) from exc
    data = _encode(blurred, _capture_date_exif(source))
    if privacy.has_gps(data):  # the date tags alone cannot carry one; never claim what is not so
        raise UserError("dossier.gps_remains", name=entry.original_name)
    return data, len(boxes)


def blur_face_copies(plan: Plan, folder, cancel: CancelToken | None = None) -> int:
    """Put in ``plan.copies`` a copy in ``folder``, faces blurred, of each
    photo whose faces must not leave sharp (starting from its GPS-free copy
    when there is one); its entry's ``sha256``, ``packaged_size`` and
    ``faces_blurred`` then describe that copy.  Gives how many photos.
    ``cancel`` is honoured between photos."""
    made = 0
    for entry in plan.evidence:
        if cancel is not None:
            cancel.raise_if_cancelled()
        stored = plan.paths[entry.evidence_id]
        result = _blurred_copy(plan, entry)
        if result is None:
            continue
        data, faces = result
        copy = folder / f"faces-blurred-{entry.number}.jpg"
        copy.write_bytes(data)
        entry.sha256 = hashlib.sha256(data).hexdigest()
        entry.packaged_size = len(data)
        entry.faces_blurred = faces
        # the copy carries no position whatever the lecturer chose: say so when the original had one
        entry.gps_stripped = entry.gps_stripped or privacy.has_gps(stored.read_bytes())
        plan.copies[entry.evidence_id] = copy
        made += 1
    return made
