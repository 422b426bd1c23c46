"""Photos without their GPS position, made once per export.

With ``strip_gps`` every picture the dossier cites is copied without its
position into the export's scratch folder before the PDF is made: the
PDF's manifest prints the hashes of those copies, and the package holds
those very copies (``Plan.copies``), so the two can never disagree.  A picture whose
position cannot be removed completely stops the export: nothing claiming
it was removed is made."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import privacy
from ..errors import UserError
from ..i18n import register
from .plan import Plan, is_picture

register({
    "dossier.gps_remains": (
        ("ลบตำแหน่ง GPS ออกจากภาพ “{name}” ไม่ได้ทั้งหมด จึงไม่สร้างแฟ้มที่ระบุว่าลบตำแหน่งแล้ว "
         "โปรดเอาภาพนี้ออกจากแฟ้มเสนอขอ หรือนำเข้าภาพฉบับที่ไม่มีตำแหน่งแทน — ไม่มีการเปลี่ยนแปลงใด ๆ"),
        ("The GPS position could not be removed completely from the picture “{name}”, so no dossier claiming "
         "it was is made; leave this picture out of the dossier or import a copy without a position. "
         "Nothing was changed."),
    ),
})


def strip_gps_copies(plan: Plan, folder: Path) -> dict[str, Path]:
    """Put in ``plan.copies`` the copy in ``folder`` of each picture that
    carried a position; its entry's ``sha256``, ``packaged_size`` and
    ``gps_stripped`` then describe that copy.  Gives ``plan.copies``."""
    copies = plan.copies
    for entry in plan.evidence:
        if not is_picture(plan.records[entry.evidence_id]):
            continue
        path = plan.leaving(entry.evidence_id)
        data = privacy.strip_gps(path)
        if privacy.has_gps(data):  # the manifest would claim what is not so
            raise UserError("dossier.gps_remains", name=entry.original_name)
        if data == path.read_bytes():
            continue
        copy = folder / f"gps-stripped-{entry.number}"
        copy.write_bytes(data)
        entry.sha256 = hashlib.sha256(data).hexdigest()
        entry.packaged_size = len(data)
        entry.gps_stripped = True
        copies[entry.evidence_id] = copy
    return copies
