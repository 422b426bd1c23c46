"""What of a lecturer's portfolio may enter the faculty's database: the
dossier's own rules, applied once at the boundary.

A faculty office is a third party to the people in a lecturer's work, so
the same consent that decides what a committee reads decides what the
office keeps: the names of people who did not consent are replaced by
their labels in every text (:func:`ent_portfolio.dossier.withholding.withhold_names`,
the dossier's pass), their positions and words are left out, contact
details go only where the person agreed to be contacted, and no position
of an evidence item (its coordinates) is kept.  The records are read from a
scratch portfolio the archive was imported into; nothing is written there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from .. import privacy
from ..domain import models as m
from ..dossier.withholding import anonymiser_for, withhold_names
from ..i18n import register, tr
from ..storage.portfolio import Portfolio
from ..storage.queries import full_works_query

#: The write-up's headings are the app's template, not the lecturer's data,
#: and their keys are unique across the whole database: every lecturer's
#: sections name their heading by key, so the template is not copied.
NOT_COPIED = (m.SectionTemplate,)
#: The language labels of withheld people are written in (the office's reports are Thai).
LABEL_LANGUAGE = "th"
_CONTACT_FIELDS = ("phone", "email", "line_id")

register({
    "faculty.contact_withheld": ("ผู้ประสานงาน (ไม่เปิดเผยชื่อ)", "Contact (name withheld)"),
})


@dataclass
class LecturerRows:
    """A lecturer's records as column values, privacy applied, ids as in the archive."""

    #: The profile's row (the same dict as in ``rows``), {} if the portfolio has none.
    profile: dict[str, Any]
    rows: dict[type[m.Record], list[dict[str, Any]]]
    #: Evidence ids whose file may leave at all (not a scan or photo of a person who did not consent).
    files_allowed: set[str] = field(default_factory=set)


def _values(record: m.Record) -> dict[str, Any]:
    return {column.key: getattr(record, column.key) for column in type(record).__table__.columns}


def _testimonial(values: dict[str, Any], record: m.Testimonial, anonymiser: privacy.Anonymiser) -> None:
    if not privacy.has_consent(record):
        # The position can name the person too, and their words are theirs to give.
        values["person_name"] = anonymiser.label(record, LABEL_LANGUAGE)
        values["person_position"] = ""
        values["quote"] = ""
    if not privacy.contact_visible(record):
        values["contact"] = ""
        values["contactable"] = False


def _contact(values: dict[str, Any], record: m.ContactPerson, original_name: str) -> None:
    if not privacy.has_consent(record):
        if values["name"] == original_name and original_name.strip():
            # A name too short for the anonymiser to look for stays out whole.
            values["name"] = tr("faculty.contact_withheld", LABEL_LANGUAGE)
        values["position"] = ""
    if not privacy.contact_visible(record):
        for name in _CONTACT_FIELDS:
            values[name] = ""


def _evidence(values: dict[str, Any], anonymiser: privacy.Anonymiser) -> None:
    values["latitude"] = None
    values["longitude"] = None
    # A JSON column, so not among the texts withhold_names cleans (as in the dossier).
    notes = values.get("findings_explained") or {}
    values["findings_explained"] = {rule: anonymiser.anonymise(note, LABEL_LANGUAGE) for rule, note in notes.items()}


def lecturer_rows(portfolio: Portfolio) -> LecturerRows:
    """Every record of ``portfolio`` but the heading template, as the
    dossier would let it leave."""
    with portfolio.reader() as session:
        loaded = {model: list(session.scalars(select(model))) for model in m.RECORD_MODELS if model not in NOT_COPIED}
        works = list(session.scalars(full_works_query()))  # the same records, their lists loaded
        profiles = loaded[m.Profile]
        session.expunge_all()
    profile = profiles[0] if profiles else m.Profile()
    anonymiser = anonymiser_for(profile, works, loaded[m.ContactPerson])
    contact_names = {c.id: c.name or "" for c in loaded[m.ContactPerson]}
    every = [record for records in loaded.values() for record in records]
    withhold_names(every, anonymiser, LABEL_LANGUAGE)

    testimonials = {t.id: t for t in loaded[m.Testimonial]}
    files_allowed: set[str] = set()
    scans_withheld = {t.letter_evidence_id for t in loaded[m.Testimonial]
                      if t.letter_evidence_id and not privacy.may_show_letter_scan(t)}
    rows: dict[type[m.Record], list[dict[str, Any]]] = {}
    for model, records in loaded.items():
        out = rows.setdefault(model, [])
        for record in records:
            values = _values(record)
            if isinstance(record, m.Testimonial):
                _testimonial(values, record, anonymiser)
            elif isinstance(record, m.ContactPerson):
                _contact(values, record, contact_names[record.id])
            elif isinstance(record, m.Evidence):
                _evidence(values, anonymiser)
                person = testimonials.get(record.testimonial_id) if record.testimonial_id else None
                if record.id not in scans_withheld and privacy.may_show_photo_of_person(record, person):
                    files_allowed.add(record.id)
            out.append(values)
    # The profile's row itself, so what is changed in one is changed in the other.
    return LecturerRows(rows[m.Profile][0] if profiles else {}, rows, files_allowed)
