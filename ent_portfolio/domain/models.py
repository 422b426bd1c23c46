"""The records a lecturer keeps, as SQLAlchemy typed models.

Every record has a UUID primary key that never changes (archives merge by it)
and created/updated times in UTC.  Enumerated fields hold the codes of
:mod:`ent_portfolio.domain.enums`; money is whole satang; measured values are
``Decimal``; calendar days are ``date``.

Deletion policy (enforced by the database's foreign keys, mirrored by the ORM):
a work owns its sections, partner links, activities, indicators (and their
measurements), testimonials, evidence records, dissemination items,
contributors and funding lines — deleting the work deletes them.  Partners are
shared between works: deleting a partner still linked to a work is refused by
the services; its contact persons go with it.  Links *to* optional records
(an evidence item's activity, indicator or testimonial; a testimonial's
partner or scanned letter) are cleared, not cascaded.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    # Stored naive in UTC: SQLite has no time zones and comparisons must be exact.
    return datetime.now(UTC).replace(tzinfo=None)


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Amount = Numeric(14, 4, asdecimal=True)
# Ranges a column's values must keep to, read by domain.fields (the one
# parsing place) from each column's ``info``.
COUNT = {"min": 0}
LATITUDE = {"min": -90, "max": 90}
LONGITUDE = {"min": -180, "max": 180}
PERCENT = {"min": 0, "max": 100}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        dict[str, int]: JSON,
    }


class Record(Base):
    """Columns every record shares."""

    __abstract__ = True
    #: Thai and English names of the record kind, for messages.
    kind_th: str = "ระเบียน"
    kind_en: str = "record"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


def _fk(target: str, ondelete: str, nullable: bool = False) -> Any:
    return mapped_column(String(36), ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


class PortfolioMeta(Base):
    """Facts about the portfolio itself (which app versions wrote it)."""

    __tablename__ = "portfolio_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


# --- profile -----------------------------------------------------------------

class Profile(Record):
    __tablename__ = "profile"
    kind_th, kind_en = "ข้อมูลผู้ขอ", "profile"

    name_th: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    academic_title: Mapped[str] = mapped_column(String(100), default="")
    current_position: Mapped[str] = mapped_column(String(40), default="lecturer")
    target_position: Mapped[str] = mapped_column(String(40), default="assistant_professor")
    route: Mapped[str] = mapped_column(String(40), default="society_track")
    faculty: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    university: Mapped[str] = mapped_column(String(200), default="")
    field_of_study: Mapped[str] = mapped_column(String(200), default="")
    field_code: Mapped[str] = mapped_column(String(20), default="")
    appointment_date: Mapped[date | None] = mapped_column(Date)
    current_position_date: Mapped[date | None] = mapped_column(Date)
    orcid: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    photo_sha256: Mapped[str | None] = mapped_column(String(64))

    degrees: Mapped[list[Degree]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", passive_deletes=True, order_by="Degree.year"
    )
    appointments: Mapped[list[Appointment]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", passive_deletes=True, order_by="Appointment.start_date"
    )


class Degree(Record):
    __tablename__ = "degree"
    kind_th, kind_en = "วุฒิการศึกษา", "degree"

    profile_id: Mapped[str] = _fk("profile.id", "CASCADE")
    level: Mapped[str] = mapped_column(String(40), default="")  # ปริญญาตรี / โท / เอก
    name: Mapped[str] = mapped_column(String(300), default="")
    institution: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    year: Mapped[int | None] = mapped_column(Integer)

    profile: Mapped[Profile] = relationship(back_populates="degrees")


class Appointment(Record):
    __tablename__ = "appointment"
    kind_th, kind_en = "ประวัติการดำรงตำแหน่ง", "appointment"

    profile_id: Mapped[str] = _fk("profile.id", "CASCADE")
    position: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    profile: Mapped[Profile] = relationship(back_populates="appointments")


# --- write-up template ------------------------------------------------------

class SectionTemplate(Record):
    """One heading of the work write-up.  The default template holds the nine
    headings of DESIGN.md; a faculty may change it without a code change."""

    __tablename__ = "section_template"
    kind_th, kind_en = "หัวข้อการเขียนผลงาน", "section heading"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title_th: Mapped[str] = mapped_column(String(300), default="")
    title_en: Mapped[str] = mapped_column(String(300), default="")
    guidance_th: Mapped[str] = mapped_column(Text, default="")
    guidance_en: Mapped[str] = mapped_column(Text, default="")


# --- works -------------------------------------------------------------------

class Work(Record):
    __tablename__ = "work"
    kind_th, kind_en = "ผลงาน", "work"

    title_th: Mapped[str] = mapped_column(String(500), default="")
    title_en: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default="ongoing", index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    # How much of each end is known (day, month or year: enums.DatePrecision);
    # a month is kept as its first day at the start and its last at the end.
    start_precision: Mapped[str] = mapped_column(String(10), default="day")
    end_precision: Mapped[str] = mapped_column(String(10), default="day")
    # Area: names as the lecturer picked them (geothai codes kept when known).
    province: Mapped[str] = mapped_column(String(100), default="", index=True)
    district: Mapped[str] = mapped_column(String(100), default="")
    subdistrict: Mapped[str] = mapped_column(String(100), default="")
    village: Mapped[str] = mapped_column(String(200), default="")
    area_code: Mapped[str] = mapped_column(String(20), default="")
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6), info=LATITUDE)
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6), info=LONGITUDE)
    missions: Mapped[list[str]] = mapped_column(JSON, default=list)
    courses: Mapped[str] = mapped_column(Text, default="")
    students_count: Mapped[int | None] = mapped_column(Integer, info=COUNT)
    # The four EnT principle narratives (mutual benefit told for both sides).
    partnership_text: Mapped[str] = mapped_column(Text, default="")
    benefit_community_text: Mapped[str] = mapped_column(Text, default="")
    benefit_university_text: Mapped[str] = mapped_column(Text, default="")
    knowledge_text: Mapped[str] = mapped_column(Text, default="")
    impact_text: Mapped[str] = mapped_column(Text, default="")
    problem_statement: Mapped[str] = mapped_column(Text, default="")
    problem_co_designed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Used in an earlier promotion?
    prior_use_year: Mapped[int | None] = mapped_column(Integer)
    prior_quality_level: Mapped[str | None] = mapped_column(String(20))
    # The claim of the ก.พ.อ. file: a main work (ผลงานหลัก) is submitted for
    # the quality level it claims (enums.QualityLevel), and says in a few
    # lines what changed, for whom, how many and how that is known.
    is_main_work: Mapped[bool] = mapped_column(Boolean, default=False)
    claimed_level: Mapped[str | None] = mapped_column(String(20))
    impact_summary: Mapped[str] = mapped_column(Text, default="")
    impact_summary_en: Mapped[str] = mapped_column(Text, default="")
    # People were studied, so the work needs a research-ethics approval.
    ethics_required: Mapped[bool] = mapped_column(Boolean, default=False)
    ethics_committee: Mapped[str] = mapped_column(String(300), default="")
    ethics_number: Mapped[str] = mapped_column(String(100), default="")
    ethics_date: Mapped[date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    sections: Mapped[list[WorkSection]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True
    )
    fundings: Mapped[list[Funding]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True, order_by="Funding.fiscal_year"
    )
    partner_links: Mapped[list[WorkPartner]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True
    )
    activities: Mapped[list[Activity]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True, order_by="Activity.date"
    )
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True, order_by="Indicator.sort_order"
    )
    testimonials: Mapped[list[Testimonial]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True, order_by="Testimonial.date"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True, order_by="Evidence.date_taken"
    )
    disseminations: Mapped[list[Dissemination]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True, order_by="Dissemination.date"
    )
    contributors: Mapped[list[Contributor]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True, order_by="Contributor.sort_order"
    )
    framework_links: Mapped[list[WorkFramework]] = relationship(
        back_populates="work", cascade="all, delete-orphan", passive_deletes=True
    )


class WorkSection(Record):
    """The text of one write-up heading of a work (rich text as simple HTML)."""

    __tablename__ = "work_section"
    __table_args__ = (UniqueConstraint("work_id", "key"),)
    kind_th, kind_en = "เนื้อหาหัวข้อ", "section"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    key: Mapped[str] = mapped_column(String(60))
    content: Mapped[str] = mapped_column(Text, default="")

    work: Mapped[Work] = relationship(back_populates="sections")


class Funding(Record):
    __tablename__ = "funding"
    kind_th, kind_en = "แหล่งทุน", "funding"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    source: Mapped[str] = mapped_column(String(300), default="")
    amount_satang: Mapped[int] = mapped_column(BigInteger, default=0, info=COUNT)
    fiscal_year: Mapped[int | None] = mapped_column(Integer)  # พ.ศ. as the grant letter says it

    work: Mapped[Work] = relationship(back_populates="fundings")

    @property
    def amount_baht(self) -> Decimal:
        return Decimal(self.amount_satang) / 100


# --- partners ----------------------------------------------------------------

class Partner(Record):
    __tablename__ = "partner"
    kind_th, kind_en = "ภาคีเครือข่าย", "partner"

    name_th: Mapped[str] = mapped_column(String(300), default="")
    name_en: Mapped[str] = mapped_column(String(300), default="")
    partner_type: Mapped[str] = mapped_column(String(40), default="geographic_community", index=True)
    province: Mapped[str] = mapped_column(String(100), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    subdistrict: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(100), default="ประเทศไทย")
    mou_date: Mapped[date | None] = mapped_column(Date)
    mou_note: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    contacts: Mapped[list[ContactPerson]] = relationship(
        back_populates="partner", cascade="all, delete-orphan", passive_deletes=True
    )
    work_links: Mapped[list[WorkPartner]] = relationship(back_populates="partner", passive_deletes=True)


class ContactPerson(Record):
    __tablename__ = "contact_person"
    kind_th, kind_en = "ผู้ประสานงาน", "contact person"

    partner_id: Mapped[str] = _fk("partner.id", "CASCADE")
    name: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    line_id: Mapped[str] = mapped_column(String(100), default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False)

    partner: Mapped[Partner] = relationship(back_populates="contacts")


class WorkPartner(Record):
    __tablename__ = "work_partner"
    __table_args__ = (UniqueConstraint("work_id", "partner_id", "role"),)
    kind_th, kind_en = "บทบาทของภาคี", "partner role"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    # RESTRICT: the services refuse to delete a partner that still has works.
    partner_id: Mapped[str] = _fk("partner.id", "RESTRICT")
    role: Mapped[str] = mapped_column(String(40), default="co_implementer")
    description: Mapped[str] = mapped_column(Text, default="")

    work: Mapped[Work] = relationship(back_populates="partner_links")
    partner: Mapped[Partner] = relationship(back_populates="work_links")


# --- activities and indicators ----------------------------------------------

class Activity(Record):
    __tablename__ = "activity"
    kind_th, kind_en = "กิจกรรม", "activity"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40), default="meeting")
    title: Mapped[str] = mapped_column(String(500), default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    participants_total: Mapped[int | None] = mapped_column(Integer, info=COUNT)
    # Optional breakdown, e.g. {"female": 21, "male": 14, "youth": 6}.
    participant_groups: Mapped[dict[str, int]] = mapped_column(JSON, default=dict, info={"json": "counts", **COUNT})
    notes: Mapped[str] = mapped_column(Text, default="")

    work: Mapped[Work] = relationship(back_populates="activities")


class Indicator(Record):
    __tablename__ = "indicator"
    kind_th, kind_en = "ตัวชี้วัด", "indicator"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    name_th: Mapped[str] = mapped_column(String(500), default="")
    name_en: Mapped[str] = mapped_column(String(500), default="")
    unit: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[str] = mapped_column(String(20), default="outcome")
    direction: Mapped[str] = mapped_column(String(10), default="higher")
    baseline_value: Mapped[Decimal | None] = mapped_column(Amount)
    baseline_date: Mapped[date | None] = mapped_column(Date)
    target_value: Mapped[Decimal | None] = mapped_column(Amount)
    target_date: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    work: Mapped[Work] = relationship(back_populates="indicators")
    measurements: Mapped[list[Measurement]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", passive_deletes=True, order_by="Measurement.date"
    )


class Measurement(Record):
    __tablename__ = "measurement"
    kind_th, kind_en = "ผลการวัด", "measurement"

    indicator_id: Mapped[str] = _fk("indicator.id", "CASCADE")
    date: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Amount)
    source: Mapped[str] = mapped_column(String(300), default="")
    method: Mapped[str] = mapped_column(String(300), default="")
    measured_by: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    indicator: Mapped[Indicator] = relationship(back_populates="measurements")


# --- testimonials and evidence ----------------------------------------------

class Testimonial(Record):
    __tablename__ = "testimonial"
    kind_th, kind_en = "คำรับรอง", "testimonial"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    partner_id: Mapped[str | None] = _fk("partner.id", "SET NULL", nullable=True)
    kind: Mapped[str] = mapped_column(String(20), default="testimonial")
    person_name: Mapped[str] = mapped_column(String(200), default="")
    person_position: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    date: Mapped[date | None] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text, default="")
    claim: Mapped[str] = mapped_column(Text, default="")  # what it corroborates
    principle: Mapped[str | None] = mapped_column(String(30))
    letter_evidence_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("evidence.id", ondelete="SET NULL", use_alter=True), index=True
    )
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    # PDPA: the person agreed that their name and words appear in the dossier.
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[date | None] = mapped_column(Date)
    contactable: Mapped[bool] = mapped_column(Boolean, default=False)
    contact: Mapped[str] = mapped_column(String(300), default="")

    work: Mapped[Work] = relationship(back_populates="testimonials")
    partner: Mapped[Partner | None] = relationship()
    letter: Mapped[Evidence | None] = relationship(foreign_keys=[letter_evidence_id])


class Evidence(Record):
    """A file kept as evidence.  The bytes live once in the store under their
    SHA-256; several records (in different works) may share one file."""

    __tablename__ = "evidence"
    kind_th, kind_en = "หลักฐาน", "evidence"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    activity_id: Mapped[str | None] = _fk("activity.id", "SET NULL", nullable=True)
    indicator_id: Mapped[str | None] = _fk("indicator.id", "SET NULL", nullable=True)
    testimonial_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("testimonial.id", ondelete="SET NULL", use_alter=True), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger, default=0, info=COUNT)
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    kind: Mapped[str] = mapped_column(String(20), default="other")
    original_name: Mapped[str] = mapped_column(String(500), default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    date_taken: Mapped[datetime | None] = mapped_column(DateTime)
    # The date written on the document itself (a letter's date), which is
    # not when it was photographed or scanned (``date_taken``).
    document_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6), info=LATITUDE)
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6), info=LONGITUDE)
    camera: Mapped[str] = mapped_column(String(200), default="")
    orientation: Mapped[int | None] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer, info=COUNT)
    height: Mapped[int | None] = mapped_column(Integer, info=COUNT)
    page_count: Mapped[int | None] = mapped_column(Integer, info=COUNT)
    # Which EnT principles this item proves (codes of enums.Principle).
    principles: Mapped[list[str]] = mapped_column(JSON, default=list)
    include_in_dossier: Mapped[bool] = mapped_column(Boolean, default=True)
    # Whether the identifiable people in a photo agreed to appear in it
    # (enums.PeopleConsent); unknown until the lecturer says.
    people_consent: Mapped[str] = mapped_column(String(20), default="unknown")
    # The faces in a photo (domain.photo_facts.FaceBox as dicts, fractions
    # of the upright picture): None until the detector has looked, then what
    # it found as the lecturer corrected it.  Blurred at export unless consented.
    face_boxes: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, info={"json": "face_boxes"})
    # A perceptual hash of the picture (64-bit dHash, hex): the same photo
    # re-encoded or resized hashes alike.  "" until computed.
    image_hash: Mapped[str] = mapped_column(String(16), default="")
    # Plausibility findings the lecturer explained: rule id -> the note the
    # dossier's manifest prints beside the item.
    findings_explained: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, info={"json": "explanations"})
    # The text recognised in a scanned letter or document (Thai OCR), for
    # search and the dossier's invisible text layer; None until recognised.
    # Machine-read with errors: it never fills a field.
    ocr_text: Mapped[str | None] = mapped_column(Text)

    work: Mapped[Work] = relationship(back_populates="evidence")
    activity: Mapped[Activity | None] = relationship()
    indicator: Mapped[Indicator | None] = relationship()
    testimonial: Mapped[Testimonial | None] = relationship(foreign_keys=[testimonial_id])


class Dissemination(Record):
    __tablename__ = "dissemination"
    kind_th, kind_en = "การเผยแพร่", "dissemination"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    kind: Mapped[str] = mapped_column(String(30), default="journal_article")
    citation: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[date | None] = mapped_column(Date)
    doi: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(String(1000), default="")

    work: Mapped[Work] = relationship(back_populates="disseminations")


class Contributor(Record):
    __tablename__ = "contributor"
    kind_th, kind_en = "ผู้ร่วมงาน", "contributor"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    name: Mapped[str] = mapped_column(String(200), default="")
    affiliation: Mapped[str] = mapped_column(String(300), default="")
    is_applicant: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(30), default="co_worker")
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)  # codes of ContributionRole
    role_other: Mapped[str] = mapped_column(String(300), default="")
    percentage: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), info=PERCENT)
    signature_status: Mapped[str] = mapped_column(String(20), default="pending")
    signed_date: Mapped[date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    work: Mapped[Work] = relationship(back_populates="contributors")


class WorkFramework(Record):
    """One goal or target of a framework (domain.frameworks) a work serves, as ticked."""

    __tablename__ = "work_framework"
    __table_args__ = (UniqueConstraint("work_id", "framework", "code"),)
    kind_th, kind_en = "การจับคู่กับกรอบเป้าหมาย", "framework mapping"

    work_id: Mapped[str] = _fk("work.id", "CASCADE")
    framework: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(20))

    work: Mapped[Work] = relationship(back_populates="framework_links")


#: Every record model, parents before children (the order archives import in).
RECORD_MODELS: tuple[type[Record], ...] = (
    Profile,
    Degree,
    Appointment,
    SectionTemplate,
    Partner,
    ContactPerson,
    Work,
    WorkSection,
    Funding,
    WorkPartner,
    Activity,
    Indicator,
    Measurement,
    Evidence,
    Testimonial,
    Dissemination,
    Contributor,
    WorkFramework,
)
