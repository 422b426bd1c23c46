"""The evidence as the dossier numbers it: E-1, E-2, … across the works in
dossier order, each with its stored file found and the way the appendix
shows it (a photo, a scan, a testimonial's letter, or a file listed in the
manifest only)."""

from __future__ import annotations

from pathlib import Path

from ..domain import models as m
from ..errors import UserError
from .model import EvidenceEntry
from .plan import WorkData, is_picture


def _shown_as(ev: m.Evidence, work: m.Work, testimonials_by_id: dict[str, m.Testimonial]) -> str:
    if not is_picture(ev):
        return "file"
    if ev.kind == "photo":
        return "photo"
    letters = {t.letter_evidence_id for t in work.testimonials if t.letter_evidence_id}
    # a picture that is a testimonial's letter, or a scan linked to its writer
    return "letter" if ev.id in letters or testimonials_by_id.get(ev.testimonial_id) is not None else "scan"


def number_evidence(wd: WorkData, items: list[m.Evidence], first: int, store,
                    testimonials_by_id: dict[str, m.Testimonial], file_names: dict[str, str]) -> list[Path]:
    """Append to ``wd.evidence`` one entry per item, numbered from ``first``;
    returns the stored file of each.  ``file_names``: each item's file name
    as stored, before names were withheld (a name that changed named a
    person who did not consent)."""
    work = wd.work
    paths = []
    for n, ev in enumerate(items, first):
        path = store.path_for(ev.sha256)
        if not path.is_file():
            raise UserError("dossier.evidence_missing", name=ev.original_name or ev.caption or ev.id)
        size = ev.size or path.stat().st_size
        wd.evidence.append(EvidenceEntry(
            ref=f"E-{n}", number=n, evidence_id=ev.id, work_id=work.id, work_index=wd.index,
            kind=ev.kind, media_type=ev.media_type, original_name=ev.original_name or f"{ev.id}",
            caption=ev.caption or "", stored_sha256=ev.sha256, size=size,
            sha256=ev.sha256, packaged_size=size, shown_as=_shown_as(ev, work, testimonials_by_id),
            work_title=work.title_th, name_withheld=ev.original_name != file_names.get(ev.id, ev.original_name),
        ))
        paths.append(path)
    return paths
