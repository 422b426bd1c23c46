"""The services for every kind of record, and the operations that are more
than create/update/delete.  The windows and the command line call only these."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..domain import models as m
from ..domain.fields import parse_text
from ..domain.indicators import IndicatorChange, indicator_change
from ..domain.limits import SECTION_MARKUP_LIMIT, SECTION_TEXT_LIMIT, section_text_length
from ..errors import InUseError, ValidationError
from ..i18n import register
from ..storage.portfolio import Portfolio
from ..storage.queries import full_works_query
from ..storage.references import unreferenced
from ..storage.store import SHA256_RE
from .records import RecordService, get_or_raise

register({
    "work.section_too_long": (
        "หัวข้อ “{section_th}” ยาว {length:,} ตัวอักษร เกินที่หัวข้อหนึ่งเก็บได้ ({limit:,} ตัวอักษร ราว 15 หน้า) "
        "โปรดย่อหรือแบ่งบางส่วนไปเป็นเอกสารแนบ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The section “{section_en}” is {length:,} characters long, more than a section can hold "
        "({limit:,} characters, about 15 pages); shorten it or move part of it into an attachment. "
        "Nothing was changed.",
    ),
    "work.section_markup_too_long": (
        "หัวข้อ “{section_th}” มีรูปแบบตัวอักษรและป้ายกำกับมากเกินไป ({length:,} ตัวอักษรเมื่อรวมรูปแบบ "
        "เกิน {limit:,}) โปรดวางข้อความแบบไม่มีรูปแบบแล้วจัดรูปแบบใหม่ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The section “{section_en}” carries too much formatting ({length:,} characters with its formatting, "
        "more than {limit:,}); paste it as plain text and format it again. Nothing was changed.",
    ),
})


class _OwnsEvidence:
    """Deleting these records deletes evidence rows; files nothing else uses
    are then removed from the store (after the commit, so a failed delete
    never loses a file)."""

    portfolio: Portfolio

    def after_delete(self, removed_hashes: set[str]) -> None:
        if not removed_hashes:
            return
        with self.portfolio.reader() as session:
            orphaned = unreferenced(session, removed_hashes)
        self.portfolio.store.remove(orphaned)


class ProfileService(RecordService[m.Profile]):
    model = m.Profile

    def current(self) -> m.Profile:
        """The applicant's profile (a portfolio has exactly one)."""
        with self.portfolio.session() as session:
            profile = session.scalars(
                select(m.Profile).options(selectinload(m.Profile.degrees), selectinload(m.Profile.appointments))
            ).first()
            if profile is None:
                profile = m.Profile()
                session.add(profile)
                session.flush()
            return profile


class DegreeService(RecordService[m.Degree]):
    model = m.Degree
    order_by = ("year",)


class AppointmentService(RecordService[m.Appointment]):
    model = m.Appointment
    order_by = ("start_date",)


class SectionTemplateService(RecordService[m.SectionTemplate]):
    model = m.SectionTemplate
    required = ("key", "title_th")
    order_by = ("position",)


class WorkService(_OwnsEvidence, RecordService[m.Work]):
    model = m.Work
    required = ("title_th",)
    order_by = ("sort_order", "start_date", "title_th")

    def validate(self, session: Session, record: m.Work) -> None:
        super().validate(session, record)
        if record.start_date and record.end_date and record.end_date < record.start_date:
            raise ValidationError(field="end_date", detail="end_date < start_date")

    def _evidence_hashes(self, session: Session, record: m.Work) -> set[str]:
        return set(session.scalars(select(m.Evidence.sha256).where(m.Evidence.work_id == record.id)))

    def sections(self, work_id: str) -> list[tuple[m.SectionTemplate, str]]:
        """The write-up in template order: (heading, content) pairs."""
        with self.portfolio.reader() as session:
            get_or_raise(session, m.Work, work_id)
            templates = list(session.scalars(select(m.SectionTemplate).order_by(m.SectionTemplate.position)))
            texts = {
                s.key: s.content
                for s in session.scalars(select(m.WorkSection).where(m.WorkSection.work_id == work_id))
            }
            return [(t, texts.get(t.key, "")) for t in templates]

    def set_section(self, work_id: str, key: str, content: str) -> None:
        with self.portfolio.session() as session:
            get_or_raise(session, m.Work, work_id)
            template = session.scalars(select(m.SectionTemplate).where(m.SectionTemplate.key == key)).first()
            if template is None:
                raise ValidationError(field="key", detail=repr(key))
            if content is not None:
                content = parse_text(content, template.title_th or key)
            _check_section_length(template, content)
            section = session.scalars(
                select(m.WorkSection).where(m.WorkSection.work_id == work_id, m.WorkSection.key == key)
            ).first()
            if section is None:
                session.add(m.WorkSection(work_id=work_id, key=key, content=content))
            elif section.content != content:
                section.content = content
            work = session.get(m.Work, work_id)
            work.updated_at = m.utcnow()

    def load_full(self, work_id: str) -> m.Work:
        """A work with every related list loaded, for views and the dossier."""
        with self.portfolio.reader() as session:
            work = session.scalars(full_works_query().where(m.Work.id == work_id)).first()
            if work is None:
                get_or_raise(session, m.Work, work_id)
            return work


def _check_section_length(template: m.SectionTemplate, content: str | None) -> None:
    """Refuse a section a dossier could not print in full (the markup is
    measured first: counting the text of a 10 MB paste would itself be slow)."""
    names = {"section_th": template.title_th or template.key,
             "section_en": template.title_en or template.title_th or template.key}
    if content and len(content) > SECTION_MARKUP_LIMIT:
        length = section_text_length(content[:SECTION_MARKUP_LIMIT + 1])
        if length > SECTION_TEXT_LIMIT:
            raise ValidationError("work.section_too_long", length=section_text_length(content),
                                  limit=SECTION_TEXT_LIMIT, **names)
        raise ValidationError("work.section_markup_too_long", length=len(content),
                              limit=SECTION_MARKUP_LIMIT, **names)
    length = section_text_length(content)
    if length > SECTION_TEXT_LIMIT:
        raise ValidationError("work.section_too_long", length=length, limit=SECTION_TEXT_LIMIT, **names)


class FundingService(RecordService[m.Funding]):
    model = m.Funding
    required = ("work_id", "source")
    order_by = ("fiscal_year",)

    def create(self, **fields: Any) -> m.Funding:
        if "amount_baht" in fields:
            fields["amount_satang"] = baht_to_satang(fields.pop("amount_baht"))
        return super().create(**fields)

    def update(self, record_id: str, **fields: Any) -> m.Funding:
        if "amount_baht" in fields:
            fields["amount_satang"] = baht_to_satang(fields.pop("amount_baht"))
        return super().update(record_id, **fields)


def baht_to_satang(value: Any) -> int:
    from ..domain.fields import parse_decimal

    amount = parse_decimal(value, "amount_baht") or Decimal(0)
    satang = amount * 100
    if satang != satang.to_integral_value():
        raise ValidationError(field="amount_baht", detail=f"{value} (≤ 2 decimals)")
    return int(satang)


class PartnerService(RecordService[m.Partner]):
    model = m.Partner
    required = ("name_th",)
    order_by = ("name_th",)

    def before_delete(self, session: Session, record: m.Partner) -> None:
        works = session.scalar(
            select(func.count(func.distinct(m.WorkPartner.work_id))).where(m.WorkPartner.partner_id == record.id)
        )
        if works:
            raise InUseError(name=record.name_th, count=works)

    def works_of(self, partner_id: str) -> list[tuple[m.Work, m.WorkPartner]]:
        with self.portfolio.reader() as session:
            rows = session.execute(
                select(m.Work, m.WorkPartner)
                .join(m.WorkPartner, m.WorkPartner.work_id == m.Work.id)
                .where(m.WorkPartner.partner_id == partner_id)
                .order_by(m.Work.start_date)
            )
            return [(w, link) for w, link in rows]


class ContactPersonService(RecordService[m.ContactPerson]):
    model = m.ContactPerson
    required = ("partner_id", "name")
    order_by = ("name",)


class WorkPartnerService(RecordService[m.WorkPartner]):
    model = m.WorkPartner
    required = ("work_id", "partner_id", "role")

    def partners_of(self, work_id: str) -> list[tuple[m.Partner, m.WorkPartner]]:
        with self.portfolio.reader() as session:
            rows = session.execute(
                select(m.Partner, m.WorkPartner)
                .join(m.WorkPartner, m.WorkPartner.partner_id == m.Partner.id)
                .where(m.WorkPartner.work_id == work_id)
                .order_by(m.Partner.name_th)
            )
            return [(p, link) for p, link in rows]


class ActivityService(RecordService[m.Activity]):
    model = m.Activity
    required = ("work_id", "date", "title")
    order_by = ("date",)

    def validate(self, session: Session, record: m.Activity) -> None:
        super().validate(session, record)
        if record.end_date and record.date and record.end_date < record.date:
            raise ValidationError(field="end_date", detail="end_date < date")
        for group, count in (record.participant_groups or {}).items():
            if not isinstance(count, int) or count < 0:
                raise ValidationError(field=f"participant_groups.{group}", detail=repr(count))
        if record.participants_total is not None and record.participants_total < 0:
            raise ValidationError(field="participants_total", detail=str(record.participants_total))


class IndicatorService(RecordService[m.Indicator]):
    model = m.Indicator
    required = ("work_id", "name_th")
    order_by = ("sort_order", "created_at")

    def change(self, indicator_id: str) -> IndicatorChange:
        with self.portfolio.reader() as session:
            indicator = get_or_raise(session, m.Indicator, indicator_id)
            return indicator_change(indicator, list(indicator.measurements))

    def measurements(self, indicator_id: str) -> list[m.Measurement]:
        with self.portfolio.reader() as session:
            return list(
                session.scalars(
                    select(m.Measurement).where(m.Measurement.indicator_id == indicator_id).order_by(m.Measurement.date)
                )
            )


class MeasurementService(RecordService[m.Measurement]):
    model = m.Measurement
    required = ("indicator_id", "date", "value")
    order_by = ("date",)


class TestimonialService(RecordService[m.Testimonial]):
    model = m.Testimonial
    required = ("work_id", "person_name")
    order_by = ("date",)


class EvidenceService(_OwnsEvidence, RecordService[m.Evidence]):
    model = m.Evidence
    required = ("work_id", "sha256")
    order_by = ("date_taken", "created_at")

    def _evidence_hashes(self, session: Session, record: m.Evidence) -> set[str]:
        return {record.sha256}

    def add_file(self, work_id: str, source: Path, **fields: Any) -> m.Evidence:
        """Copy a file into the store and record it (the plain path; the import
        service adds metadata, thumbnails and batching on top of this).  The
        file must pass the same checks as an imported one (a program named
        ``letter.pdf`` is refused here too)."""
        source = Path(source)
        with self.portfolio.reader() as session:
            get_or_raise(session, m.Work, work_id)
        from ..media.acceptance import check_evidence_file  # here: Pillow and pypdf load when a file comes in

        probe = check_evidence_file(source, fields.get("original_name") or source.name)
        sha, size, added = self.portfolio.store.add_file(source)
        fields.setdefault("original_name", source.name)
        # What the file is, as its content says: the dossier strips GPS and
        # blurs faces by the recorded type, so a letter photographed by a
        # phone must not be kept as "some bytes" (application/octet-stream).
        fields.setdefault("media_type", probe.media_type)
        fields.setdefault("kind", probe.kind)
        try:
            return self.create(work_id=work_id, sha256=sha, size=size, **fields)
        except BaseException:
            if added:  # nothing else can be using a file that was new a moment ago
                with self.portfolio.reader() as session:
                    if unreferenced(session, {sha}):
                        self.portfolio.store.remove({sha})
            raise

    def restore(self, record_id: str, created_at=None, **fields: Any) -> m.Evidence:
        # Undo of a delete: the file waits in deleted/ (storage.backups.prune_deleted
        # keeps it there for a grace period); it goes back before the record does.
        if isinstance(fields.get("sha256"), str) and SHA256_RE.match(fields["sha256"]):
            self.portfolio.store.undelete(fields["sha256"])
        return super().restore(record_id, created_at=created_at, **fields)

    def file_path(self, evidence_id: str) -> Path:
        return self.portfolio.store.path_for(self.get(evidence_id).sha256)


class DisseminationService(RecordService[m.Dissemination]):
    model = m.Dissemination
    required = ("work_id", "citation")
    order_by = ("date",)


class ContributorService(RecordService[m.Contributor]):
    model = m.Contributor
    required = ("work_id", "name")
    order_by = ("sort_order", "created_at")

    def validate(self, session: Session, record: m.Contributor) -> None:
        super().validate(session, record)
        if record.percentage is not None and not (0 <= record.percentage <= 100):
            raise ValidationError(field="percentage", detail=str(record.percentage))


class Services:
    """Every service of one open portfolio."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.profile = ProfileService(portfolio)
        self.degrees = DegreeService(portfolio)
        self.appointments = AppointmentService(portfolio)
        self.section_templates = SectionTemplateService(portfolio)
        self.works = WorkService(portfolio)
        self.fundings = FundingService(portfolio)
        self.partners = PartnerService(portfolio)
        self.contacts = ContactPersonService(portfolio)
        self.work_partners = WorkPartnerService(portfolio)
        self.activities = ActivityService(portfolio)
        self.indicators = IndicatorService(portfolio)
        self.measurements = MeasurementService(portfolio)
        self.testimonials = TestimonialService(portfolio)
        self.evidence = EvidenceService(portfolio)
        self.disseminations = DisseminationService(portfolio)
        self.contributors = ContributorService(portfolio)
