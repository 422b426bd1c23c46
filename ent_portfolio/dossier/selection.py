"""Which evidence of a work goes into the dossier, under the privacy rules.

The lecturer's choice (or the items marked "include in the dossier"),
less what a person did not consent to show: a letter whose writer did not
agree, a photo of a person without consent, a scan linked to such a
person.  What is left is put in the order reviewers read it."""

from __future__ import annotations

from .. import privacy
from ..domain import models as m
from ..errors import UserError

#: Photos first, then scans, then other files.
_KIND_RANK = {"photo": 0, "scan": 1}


def chosen_evidence(work: m.Work, chosen_ids: list[str] | None) -> list[m.Evidence]:
    """The items asked for, each once; by default those marked for the dossier."""
    if chosen_ids is None:
        return [e for e in work.evidence if e.include_in_dossier]
    by_id = {e.id: e for e in work.evidence}
    for eid in chosen_ids:
        if eid not in by_id:
            raise UserError("dossier.unknown_evidence", ident=eid, work=work.title_th)
    return [by_id[eid] for eid in dict.fromkeys(chosen_ids)]


def _may_show(ev: m.Evidence, person: m.Testimonial | None, letter_of: m.Testimonial | None) -> bool:
    if letter_of is not None and not privacy.may_show_letter_scan(letter_of):
        return False
    if ev.kind == "photo" and ev.testimonial_id and not privacy.may_show_photo_of_person(ev, person):
        return False
    # a scan linked to a person who did not consent
    return ev.kind == "photo" or person is None or letter_of is not None or privacy.has_consent(person)


def select_evidence(work: m.Work, chosen_ids: list[str] | None,
                    testimonials_by_id: dict[str, m.Testimonial]) -> tuple[list[m.Evidence], int]:
    """(the items shown, in reading order; how many were withheld)."""
    letters = {t.letter_evidence_id: t for t in work.testimonials if t.letter_evidence_id}
    kept, withheld = [], 0
    for ev in chosen_evidence(work, chosen_ids):
        person = testimonials_by_id.get(ev.testimonial_id) if ev.testimonial_id else None
        if _may_show(ev, person, letters.get(ev.id)):
            kept.append(ev)
        else:
            withheld += 1
    # photos first by date, then scans and other files: the order reviewers read them
    kept.sort(key=lambda e: (_KIND_RANK.get(e.kind, 2), e.date_taken is None, e.date_taken or 0, e.original_name))
    return kept, withheld
