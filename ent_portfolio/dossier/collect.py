"""Everything the dossier shows, read once from the portfolio into plain
objects (detached records) before any page is drawn: which works, which
evidence (numbered E-1, E-2, … in dossier order), which testimonials
(T-1, …), what privacy hides, and where each evidence item is cited.

Names of people who did not consent are taken out here, once, from every
text of those detached copies (:func:`_withhold_names`): whatever the PDF,
its outline, the manifest or the package's file names print afterwards
comes from texts that no longer hold them.  The portfolio itself is never
written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import String, select
from sqlalchemy import inspect as inspect_record
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from .. import privacy
from ..domain import models as m
from ..errors import UserError
from ..i18n import register
from ..services.catalogue import Services
from ..storage.portfolio import Portfolio
from .model import DossierConfig, EvidenceEntry

register({
    "dossier.gps_remains": (
        ("ลบตำแหน่ง GPS ออกจากภาพ “{name}” ไม่ได้ทั้งหมด จึงไม่สร้างแฟ้มที่ระบุว่าลบตำแหน่งแล้ว "
         "โปรดเอาภาพนี้ออกจากแฟ้มเสนอขอ หรือนำเข้าภาพฉบับที่ไม่มีตำแหน่งแทน — ไม่มีการเปลี่ยนแปลงใด ๆ"),
        ("The GPS position could not be removed completely from the picture “{name}”, so no dossier claiming "
         "it was is made; leave this picture out of the dossier or import a copy without a position. "
         "Nothing was changed."),
    ),
})

#: Columns of at most this many characters hold codes, keys and hashes
#: ("photo", "co_implementer", a SHA-256), never a name or a sentence.
_CODE_LENGTH = 64
#: Columns that hold rich text (HTML from the section editor).
_RICH_TEXT = {(m.WorkSection, "content")}

_IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/tiff", "image/heic", "image/heif",
                "image/bmp", "image/gif", "image/avif")


def is_picture(ev: m.Evidence) -> bool:
    return (ev.media_type or "").lower() in _IMAGE_TYPES


@dataclass
class TestimonialEntry:
    ref: str
    number: int
    testimonial: m.Testimonial
    work_index: int
    letter: EvidenceEntry | None = None
    partner_name: str = ""


@dataclass
class WorkData:
    index: int
    work: m.Work
    sections: list[tuple[m.SectionTemplate, str]]
    evidence: list[EvidenceEntry] = field(default_factory=list)
    testimonials: list[TestimonialEntry] = field(default_factory=list)

    def title(self, lang: str) -> str:
        if lang == "en" and self.work.title_en:
            return self.work.title_en
        return self.work.title_th or self.work.title_en


@dataclass
class Plan:
    config: DossierConfig
    lang: str
    profile: m.Profile
    position: str
    route: str
    works: list[WorkData]
    evidence: list[EvidenceEntry]
    testimonials: list[TestimonialEntry]
    anonymiser: privacy.Anonymiser
    withheld: int
    records: dict[str, m.Evidence]   # evidence id -> record
    paths: dict[str, Path]           # evidence id -> stored file

    def entry(self, evidence_id: str) -> EvidenceEntry | None:
        return next((e for e in self.evidence if e.evidence_id == evidence_id), None)


def _profile(portfolio: Portfolio) -> m.Profile:
    with portfolio.reader() as session:
        profile = session.scalars(
            select(m.Profile).options(selectinload(m.Profile.degrees), selectinload(m.Profile.appointments))
        ).first()
        return profile if profile is not None else m.Profile(degrees=[], appointments=[])


def _is_prose(column) -> bool:
    return (isinstance(column.type, String) and not column.primary_key and not column.foreign_keys
            and (column.type.length is None or column.type.length > _CODE_LENGTH))


def _withhold_names(records, anonymiser: privacy.Anonymiser, lang: str) -> None:
    """Replace the names the anonymiser withholds in every text of
    ``records`` and of the records loaded with them (a work's sections,
    activities, evidence, partners…).

    The records are detached copies read for this dossier; the values are
    set as if loaded (no pending change), so nothing could write them back
    even if a record were attached to a session later."""
    seen: set[int] = set()
    stack = list(records)
    while stack:
        record = stack.pop()
        if record is None or id(record) in seen:
            continue
        seen.add(id(record))
        state = inspect_record(record)
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)
            if not isinstance(value, str) or not value or not _is_prose(attr.columns[0]):
                continue
            if (type(record), attr.key) in _RICH_TEXT:
                clean = anonymiser.anonymise_markup(value, lang)
            else:
                clean = anonymiser.anonymise(value, lang)
            if clean != value:
                set_committed_value(record, attr.key, clean)
        for rel in state.mapper.relationships:
            loaded = state.dict.get(rel.key)  # only what was loaded: a detached record cannot load more
            if isinstance(loaded, list):
                stack.extend(loaded)
            elif loaded is not None:
                stack.append(loaded)


def _contacts(portfolio: Portfolio, works: list[WorkData]) -> list[m.ContactPerson]:
    partner_ids = {link.partner_id for wd in works for link in wd.work.partner_links}
    if not partner_ids:
        return []
    with portfolio.reader() as session:
        return list(session.scalars(select(m.ContactPerson).where(m.ContactPerson.partner_id.in_(partner_ids))))


def collect(portfolio: Portfolio, config: DossierConfig) -> Plan:
    lang = config.language or "th"
    if lang not in ("th", "en"):
        raise UserError("dossier.bad_language", value=lang)
    if (config.paper or "A4").upper() != "A4":
        raise UserError("dossier.bad_paper", paper=config.paper)
    s = Services(portfolio)
    profile = _profile(portfolio)
    all_works = s.works.list()
    if config.work_ids:
        known = {w.id for w in all_works}
        for wid in config.work_ids:
            if wid not in known:
                raise UserError("dossier.unknown_work", ident=wid)
        order = list(dict.fromkeys(config.work_ids))
    else:
        order = [w.id for w in all_works]
    if not order:
        raise UserError("dossier.no_works")

    works: list[WorkData] = []
    for index, wid in enumerate(order, 1):
        full = s.works.load_full(wid)
        works.append(WorkData(index, full, s.works.sections(wid)))

    every_testimonial = [t for wd in works for t in wd.work.testimonials]
    # the applicant and the co-workers are named by the dossier itself
    named = [profile.name_th, profile.name_en] + [c.name for wd in works for c in wd.work.contributors]
    anonymiser = privacy.Anonymiser(every_testimonial, _contacts(portfolio, works), [n for n in named if n])
    file_names = {ev.id: ev.original_name for wd in works for ev in wd.work.evidence}
    _withhold_names([wd.work for wd in works] + [tpl for wd in works for tpl, _ in wd.sections], anonymiser, lang)
    for wd in works:
        wd.sections = [(tpl, anonymiser.anonymise_markup(content, lang)) for tpl, content in wd.sections]
    testimonials_by_id = {t.id: t for t in every_testimonial}

    evidence: list[EvidenceEntry] = []
    testimonials: list[TestimonialEntry] = []
    records: dict[str, m.Evidence] = {}
    paths: dict[str, Path] = {}
    withheld = 0
    for wd in works:
        work = wd.work
        chosen = (config.evidence_ids or {}).get(work.id)
        by_id = {e.id: e for e in work.evidence}
        if chosen is not None:
            for eid in chosen:
                if eid not in by_id:
                    raise UserError("dossier.unknown_evidence", ident=eid, work=work.title_th)
            items = [by_id[eid] for eid in dict.fromkeys(chosen)]
        else:
            items = [e for e in work.evidence if e.include_in_dossier]
        letters = {t.letter_evidence_id: t for t in work.testimonials if t.letter_evidence_id}
        kept = []
        for ev in items:
            person = testimonials_by_id.get(ev.testimonial_id) if ev.testimonial_id else None
            letter_of = letters.get(ev.id)
            if letter_of is not None and not privacy.may_show_letter_scan(letter_of):
                withheld += 1
                continue
            if ev.kind == "photo" and ev.testimonial_id and not privacy.may_show_photo_of_person(ev, person):
                withheld += 1
                continue
            if ev.kind != "photo" and person is not None and letter_of is None and not privacy.has_consent(person):
                withheld += 1  # a scan linked to a person who did not consent
                continue
            kept.append(ev)
        # photos first by date, then scans and other files: the order reviewers read them
        rank = {"photo": 0, "scan": 1}
        kept.sort(key=lambda e: (rank.get(e.kind, 2), e.date_taken is None, e.date_taken or 0, e.original_name))
        for ev in kept:
            n = len(evidence) + 1
            path = portfolio.store.path_for(ev.sha256)
            if not path.is_file():
                raise UserError("dossier.evidence_missing", name=ev.original_name or ev.caption or ev.id)
            letter_of = letters.get(ev.id) or (testimonials_by_id.get(ev.testimonial_id) if ev.kind != "photo" else None)
            if letter_of is not None and ev.kind == "photo":
                letter_of = None
            if is_picture(ev):
                shown = "letter" if letter_of is not None else ("photo" if ev.kind == "photo" else "scan")
            else:
                shown = "file"
            entry = EvidenceEntry(
                ref=f"E-{n}", number=n, evidence_id=ev.id, work_id=work.id, work_index=wd.index,
                kind=ev.kind, media_type=ev.media_type, original_name=ev.original_name or f"{ev.id}",
                caption=ev.caption or "", stored_sha256=ev.sha256, size=ev.size or path.stat().st_size,
                sha256=ev.sha256, packaged_size=ev.size or path.stat().st_size, shown_as=shown,
                work_title=work.title_th, name_withheld=ev.original_name != file_names.get(ev.id, ev.original_name),
            )
            if config.strip_gps and is_picture(ev):
                data = privacy.strip_gps(path)
                if privacy.has_gps(data):  # the manifest would claim what is not so
                    raise UserError("dossier.gps_remains", name=entry.original_name)
                if data != path.read_bytes():
                    entry.sha256 = hashlib.sha256(data).hexdigest()
                    entry.packaged_size = len(data)
                    entry.gps_stripped = True
            evidence.append(entry)
            wd.evidence.append(entry)
            records[ev.id] = ev
            paths[ev.id] = path
        partners = {link.partner_id: link.partner for link in work.partner_links if link.partner is not None}
        for t in work.testimonials:
            k = len(testimonials) + 1
            letter_entry = None
            if t.letter_evidence_id:
                letter_entry = next((e for e in wd.evidence if e.evidence_id == t.letter_evidence_id), None)
            if letter_entry is None:
                letter_entry = next((e for e in wd.evidence if e.shown_as == "letter"
                                     and records[e.evidence_id].testimonial_id == t.id), None)
            partner = partners.get(t.partner_id) if t.partner_id else None
            entry = TestimonialEntry(f"T-{k}", k, t, wd.index, letter_entry,
                                     partner.name_th if partner is not None else "")
            testimonials.append(entry)
            wd.testimonials.append(entry)

    return Plan(
        config=config, lang=lang, profile=profile,
        position=config.target_position or profile.target_position or "assistant_professor",
        route=config.route or profile.route or "society_track",
        works=works, evidence=evidence, testimonials=testimonials, anonymiser=anonymiser,
        withheld=withheld, records=records, paths=paths,
    )
