"""Fixed vocabularies of the domain, with Thai and English labels.

Values are stored as the short English codes; labels are for people.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Thai and an English label."""

    def __new__(cls, value: str, th: str, en: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.th = th
        member.en = en
        return member

    def label(self, lang: str = "th") -> str:
        return self.th if lang == "th" else self.en

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class DatePrecision(LabelledEnum):
    """How much of a date is known: the day, only the month, or only the year
    (the codes of :mod:`ent_portfolio.domain.thai_calendar`)."""

    DAY = "day", "วัน", "Day"
    MONTH = "month", "เดือน", "Month"
    YEAR = "year", "ปี", "Year"


class Position(LabelledEnum):
    LECTURER = "lecturer", "อาจารย์", "Lecturer"
    ASSISTANT_PROFESSOR = "assistant_professor", "ผู้ช่วยศาสตราจารย์", "Assistant Professor"
    ASSOCIATE_PROFESSOR = "associate_professor", "รองศาสตราจารย์", "Associate Professor"
    PROFESSOR = "professor", "ศาสตราจารย์", "Professor"


class Route(LabelledEnum):
    REGULAR = "regular", "วิธีปกติ", "Regular route"
    SOCIETY_TRACK = "society_track", "ด้านรับใช้ท้องถิ่นและสังคม", "Specialised track: serving locality and society"


class WorkStatus(LabelledEnum):
    PLANNED = "planned", "วางแผน", "Planned"
    ONGOING = "ongoing", "กำลังดำเนินการ", "Ongoing"
    COMPLETED = "completed", "เสร็จสิ้น", "Completed"


class QualityLevel(LabelledEnum):
    GOOD = "good", "ดี", "Good"
    VERY_GOOD = "very_good", "ดีมาก", "Very good"
    EXCELLENT = "excellent", "ดีเด่น", "Excellent"


class Mission(LabelledEnum):
    TEACHING = "teaching", "การเรียนการสอน", "Teaching"
    RESEARCH = "research", "การวิจัย", "Research"
    ACADEMIC_SERVICE = "academic_service", "การบริการวิชาการ", "Academic service"
    ARTS_CULTURE = "arts_culture", "การทำนุบำรุงศิลปวัฒนธรรม", "Arts and culture"


class Principle(LabelledEnum):
    PARTNERSHIP = "partnership", "ร่วมคิดร่วมทำแบบพันธมิตรและหุ้นส่วน", "Partnership"
    MUTUAL_BENEFIT = "mutual_benefit", "เกิดประโยชน์ร่วมกันแก่ผู้เกี่ยวข้องทุกฝ่าย", "Mutual benefit"
    KNOWLEDGE = "knowledge", "เกิดการเรียนรู้ร่วมกันและเกิดผลงานวิชาการ", "Knowledge sharing and scholarship"
    IMPACT = "impact", "เกิดผลกระทบต่อสังคมที่ประเมินได้", "Measurable social impact"


class PartnerType(LabelledEnum):
    GEOGRAPHIC_COMMUNITY = "geographic_community", "ชุมชนเชิงพื้นที่", "Geographic community"
    COMMUNITY_OF_INTEREST = ("community_of_interest", "ชุมชนที่มีความสนใจหรือการปฏิบัติร่วมกัน",
                             "Community of interest or practice")
    WORKPLACE = "workplace", "สถานประกอบการ", "Workplace"
    BUSINESS = "business", "ภาคธุรกิจและอุตสาหกรรม", "Business and industry"
    PROFESSIONAL_ASSOCIATION = "professional_association", "สมาคมวิชาชีพ", "Professional association"
    SCHOOL = "school", "โรงเรียน", "School"
    GOVERNMENT = "government", "หน่วยงานภาครัฐ", "Government agency"
    LOCAL_GOVERNMENT = "local_government", "องค์กรปกครองส่วนท้องถิ่น", "Local government"
    ALUMNI = "alumni", "ศิษย์เก่า", "Alumni"
    INDIGENOUS_COMMUNITY = "indigenous_community", "ชุมชนชาติพันธุ์", "Indigenous community"
    NGO = "ngo", "องค์กรพัฒนาเอกชน", "Non-governmental organisation"
    OTHER = "other", "อื่น ๆ", "Other"


class PartnerRole(LabelledEnum):
    CO_DESIGNER = "co_designer", "ร่วมออกแบบ", "Co-designer"
    CO_IMPLEMENTER = "co_implementer", "ร่วมดำเนินการ", "Co-implementer"
    FUNDER = "funder", "ผู้สนับสนุนทุน", "Funder"
    BENEFICIARY = "beneficiary", "ผู้ได้รับประโยชน์", "Beneficiary"
    ADVISOR = "advisor", "ที่ปรึกษา", "Advisor"
    OTHER = "other", "อื่น ๆ", "Other"


class ActivityKind(LabelledEnum):
    CO_PLANNING = "co_planning", "ประชุมวางแผนร่วม", "Co-planning meeting"
    MEETING = "meeting", "ประชุม", "Meeting"
    WORKSHOP = "workshop", "ประชุมเชิงปฏิบัติการ", "Workshop"
    FIELD_VISIT = "field_visit", "ลงพื้นที่", "Field visit"
    TRAINING = "training", "อบรม", "Training"
    EVALUATION = "evaluation", "ประเมินผล", "Evaluation"
    DISSEMINATION = "dissemination", "เผยแพร่ผลงาน", "Dissemination event"
    OTHER = "other", "อื่น ๆ", "Other"


class IndicatorLevel(LabelledEnum):
    OUTPUT = "output", "ผลผลิต", "Output"
    OUTCOME = "outcome", "ผลลัพธ์", "Outcome"
    IMPACT = "impact", "ผลกระทบ", "Impact"


class Direction(LabelledEnum):
    HIGHER = "higher", "ยิ่งสูงยิ่งดี", "Higher is better"
    LOWER = "lower", "ยิ่งต่ำยิ่งดี", "Lower is better"


class TestimonialKind(LabelledEnum):
    TESTIMONIAL = "testimonial", "คำรับรอง / ข้อคิดเห็นของภาคี", "Testimonial"
    CERTIFICATION = "certification", "หนังสือรับรองการใช้ประโยชน์", "Certification of use"


class EvidenceKind(LabelledEnum):
    PHOTO = "photo", "ภาพถ่าย", "Photo"
    SCAN = "scan", "เอกสารสแกน", "Scan"
    PDF = "pdf", "เอกสาร PDF", "PDF document"
    DOCUMENT = "document", "เอกสาร", "Document"
    AUDIO = "audio", "เสียง", "Audio"
    VIDEO = "video", "วิดีโอ", "Video"
    CONTRIBUTION_FORM = ("contribution_form", "แบบแสดงหลักฐานการมีส่วนร่วมที่ลงนามแล้ว",
                         "Signed contribution form")
    MOU = "mou", "บันทึกข้อตกลงความร่วมมือ (MOU)", "Memorandum of understanding"
    ETHICS_DECLARATION = ("ethics_declaration", "แบบรับรองจริยธรรมและจรรยาบรรณทางวิชาการที่ลงนามแล้ว",
                          "Signed declaration of academic ethics")
    ETHICS_APPROVAL = "ethics_approval", "เอกสารรับรองจริยธรรมการวิจัยในมนุษย์", "Research ethics approval"
    CONSENT_FORM = "consent_form", "แบบแสดงความยินยอมของบุคคลในภาพ", "Photo consent form"
    OTHER = "other", "อื่น ๆ", "Other"


class PeopleConsent(LabelledEnum):
    """Whether the identifiable people in a photo agreed to appear in it."""

    UNKNOWN = "unknown", "ไม่ทราบ", "Unknown"
    GIVEN = "given", "ได้รับความยินยอม", "Consent given"
    NOT_GIVEN = "not_given", "ไม่ได้รับความยินยอม", "No consent"
    NO_PEOPLE = "no_people", "ไม่มีบุคคลที่ระบุตัวได้", "No identifiable people"


class DisseminationKind(LabelledEnum):
    JOURNAL_ARTICLE = "journal_article", "บทความวารสาร", "Journal article"
    BOOK = "book", "หนังสือ / ตำรา", "Book"
    MANUAL = "manual", "คู่มือ", "Manual"
    CONFERENCE = "conference", "การนำเสนอในที่ประชุมวิชาการ", "Conference presentation"
    COMMUNITY_MEDIA = "community_media", "สื่อชุมชน", "Community media"
    POLICY_BRIEF = "policy_brief", "ข้อเสนอเชิงนโยบาย", "Policy brief"
    OTHER = "other", "อื่น ๆ", "Other"


class ContributorStatus(LabelledEnum):
    FIRST_AUTHOR = "first_author", "ผู้ประพันธ์อันดับแรก", "First author"
    MAIN_AUTHOR = "main_author", "ผู้ดำเนินการหลัก", "Main author"
    ESSENTIAL_CONTRIBUTOR = "essential_contributor", "ผู้มีส่วนสำคัญทางปัญญา", "Essential intellectual contributor"
    CORRESPONDING_AUTHOR = "corresponding_author", "ผู้ประพันธ์บรรณกิจ", "Corresponding author"
    CO_WORKER = "co_worker", "ผู้ร่วมงาน", "Co-worker"


class ContributionRole(LabelledEnum):
    """Roles of the contribution form, ก to ช."""

    IDEA = "idea", "ก. ริเริ่มความคิดหรือตั้งสมมติฐาน", "a. Idea or hypothesis"
    DESIGN = "design", "ข. ออกแบบและสร้างเครื่องมือ", "b. Design and instruments"
    DATA = "data", "ค. เก็บและวิเคราะห์ข้อมูล", "c. Data collection and analysis"
    CRITIQUE = "critique", "ง. วิพากษ์เทียบกับองค์ความรู้เดิม", "d. Critique against existing knowledge"
    WRITING = "writing", "จ. เขียนผลงาน", "e. Writing"
    SUPPORT = "support", "ฉ. สนับสนุนทุนหรืออุปกรณ์", "f. Support: funding or equipment"
    OTHER = "other", "ช. อื่น ๆ", "g. Other"

    @property
    def letter(self) -> str:
        return self.th.split(".", 1)[0]


class SignatureStatus(LabelledEnum):
    PENDING = "pending", "รอลงนาม", "Awaiting signature"
    SIGNED = "signed", "ลงนามแล้ว", "Signed"
    DECLINED = "declined", "ปฏิเสธการลงนาม", "Declined"
