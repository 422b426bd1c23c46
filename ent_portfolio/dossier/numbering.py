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


def _letters(items: list[m.Evidence], work: m.Work, testimonials_by_id: dict[str, m.Testimonial]) -> set[str]:
    """The one picture per testimonial the appendix shows as its letter: the
    letter it names, else the first scan linked to its writer.  Another scan
    linked to the same writer is a scan like any other: the testimonial's
    page shows one letter, so a second one called a letter was cited where
    nothing is drawn."""
    named = {t.letter_evidence_id for t in work.testimonials if t.letter_evidence_id}
    letters = {ev.id for ev in items if ev.id in named and is_picture(ev) and ev.kind != "photo"}
    standing_in: set[str] = set()
    for ev in items:
        t = testimonials_by_id.get(ev.testimonial_id) if ev.testimonial_id else None
        if t is None or ev.kind == "photo" or not is_picture(ev) or ev.id in letters:
            continue
        if t.letter_evidence_id in letters or t.id in standing_in:
            continue
        letters.add(ev.id)
        standing_in.add(t.id)
    return letters


def _shown_as(ev: m.Evidence, letters: set[str]) -> str:
    if not is_picture(ev):
        return "file"
    if ev.kind == "photo":
        return "photo"
    return "letter" if ev.id in letters else "scan"


def number_evidence(wd: WorkData, items: list[m.Evidence], first: int, store,
                    testimonials_by_id: dict[str, m.Testimonial], file_names: dict[str, str]) -> list[Path]:
    """Append to ``wd.evidence`` one entry per item, numbered from ``first``;
    returns the stored file of each.  ``file_names``: each item's file name
    as stored, before names were withheld (a name that changed named a
    person who did not consent)."""
    work = wd.work
    letters = _letters(items, work, testimonials_by_id)
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
            sha256=ev.sha256, packaged_size=size, shown_as=_shown_as(ev, letters),
            work_title=work.title_th, name_withheld=ev.original_name != file_names.get(ev.id, ev.original_name),
        ))
        paths.append(path)
    return paths
