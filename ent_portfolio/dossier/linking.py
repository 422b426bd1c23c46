"""The testimonials as the dossier numbers them (T-1, …), each linked to
the evidence entry of its signed letter and to its partner organisation."""

from __future__ import annotations

from ..domain import models as m
from .plan import TestimonialEntry, WorkData


def _letter_of(t: m.Testimonial, wd: WorkData, records: dict[str, m.Evidence]):
    if t.letter_evidence_id:
        entry = next((e for e in wd.evidence if e.evidence_id == t.letter_evidence_id), None)
        if entry is not None:
            return entry
    # a scan linked to its writer stands for the letter
    return next((e for e in wd.evidence
                 if e.shown_as == "letter" and records[e.evidence_id].testimonial_id == t.id), None)


def link_testimonials(wd: WorkData, first: int, records: dict[str, m.Evidence]) -> None:
    """Append to ``wd.testimonials`` one entry per testimonial, numbered from ``first``."""
    partners = {link.partner_id: link.partner for link in wd.work.partner_links if link.partner is not None}
    for k, t in enumerate(wd.work.testimonials, first):
        partner = partners.get(t.partner_id) if t.partner_id else None
        wd.testimonials.append(TestimonialEntry(f"T-{k}", k, t, wd.index, _letter_of(t, wd, records),
                                                partner.name_th if partner is not None else ""))
