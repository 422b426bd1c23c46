"""The portfolio's numbers as an Excel workbook a faculty can sort, filter,
sum and paste into its own reports.

One sheet each for the works, the indicators with their measurements, the
activities with their participants by group (and a totals row), the
partners, the testimonials and the evidence, and a last sheet that says what
every column holds.  Everything comes from the dossier's plan
(:func:`~ent_portfolio.dossier.collect.collect`), never from the database
directly: the plan has already taken out the names of people who did not
consent, chosen the evidence the privacy rules allow, and numbered works,
evidence (E-1…) and testimonials (T-1…) as the PDF prints them, so a row
here and a line in the dossier say the same thing.

Numbers are numbers and dates are dates (Excel's own serial dates, shown in
the Buddhist era in a Thai workbook), so a committee's formulas work on
them.  Text is stored as text whatever it begins with: a caption a partner
typed as ``=HYPERLINK(…)`` stays a caption, never a formula."""

from __future__ import annotations

import io
import math
import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import privacy
from ..domain.enums import (
    ActivityKind,
    Direction,
    EvidenceKind,
    IndicatorLevel,
    PartnerRole,
    PartnerType,
    Principle,
    QualityLevel,
    TestimonialKind,
    WorkStatus,
)
from ..domain.indicators import indicator_change
from ..domain.thai_calendar import DAY, MONTH, YEAR
from ..dossier.collect import collect
from ..dossier.layout import enum_label
from ..dossier.model import DossierConfig
from ..dossier.plan import Plan
from ..dossier.texts import GROUPS
from ..errors import UserError
from ..storage.files import atomic_write
from ..storage.paths import ensure_outside_portfolio, ensure_writable_target
from ..storage.portfolio import Portfolio
from ..typeset.columns import column_width

# --- what a cell may hold ------------------------------------------------------------------

#: Characters an .xlsx cannot hold (outside XML 1.0; openpyxl refuses some,
#: the XML writer the rest), removed rather than failing the whole export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What a spreadsheet (or a CSV saved from it) may read as the start of a
#: formula: such text is stored as text and marked so that editing the cell
#: in Excel keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t")
#: Excel's limit on the characters of one cell.
MAX_CELL_CHARS = 32767


def cell_text(value: str) -> str:
    """``value`` as a cell can hold it: characters no .xlsx can carry
    removed, line ends made ``\\n``, cut to Excel's cell limit."""
    text = _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return text[:MAX_CELL_CHARS]


# --- the words of the workbook (document text, not messages) --------------------------------

_T: dict[str, tuple[str, str]] = {
    "yes": ("ใช่", "yes"),
    "no": ("ไม่", "no"),
    "total": ("รวม", "Total"),
    "letter_withheld": ("ไม่แสดง (ไม่ได้รับความยินยอม)", "not shown (no consent)"),
    "whole_file": ("(ทั้งไฟล์)", "(whole file)"),
    "note_names": ("ชื่อของบุคคลที่ไม่ได้ให้ความยินยอมถูกแทนด้วยป้ายกำกับ เช่น “ผู้ให้ข้อมูล ก” ทุกแผ่นงาน "
                   "ตามกฎหมายคุ้มครองข้อมูลส่วนบุคคล เช่นเดียวกับในแฟ้มเสนอขอ",
                   "People who did not consent are named by a label such as “Informant A” on every sheet "
                   "(Thailand's PDPA), as in the dossier."),
    "note_dates": ("วันที่เป็นวันที่จริงของโปรแกรมตารางคำนวณ แสดงเป็นปีพุทธศักราช จึงเรียงลำดับและคำนวณได้",
                   "Dates are real spreadsheet dates (shown as year-month-day), so they sort and calculate."),
    "note_numbers": ("ตัวเลขเป็นตัวเลขจริง รวมและคำนวณได้ ร้อยละเก็บเป็นสัดส่วน (0.25 แสดงเป็น 25%)",
                     "Numbers are real numbers that sum; percentages are stored as fractions (0.25 shows as 25%)."),
    "note_evidence": ("แผ่นงานหลักฐานแสดงเฉพาะหลักฐานที่อยู่ในแฟ้มเสนอขอ โดยใช้รหัส E-… เดียวกับในแฟ้ม",
                      "The evidence sheet lists the items in the dossier, under the same E-… references."),
    "guide_sheet": ("แผ่นงาน", "Sheet"),
    "guide_column": ("คอลัมน์", "Column"),
    "guide_meaning": ("ความหมาย", "What it holds"),
}


def _t(key: str, lang: str) -> str:
    th, en = _T[key]
    return th if lang == "th" else en


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its heading, what the guide sheet says of it,
    and how its cells are shown."""

    heading: tuple[str, str]
    meaning: tuple[str, str]
    #: "text", "long" (wrapped), "int", "number", "money", "percent", "date" or "code"
    kind: str = "text"

    def title(self, lang: str) -> str:
        return self.heading[0 if lang == "th" else 1]

    def explained(self, lang: str) -> str:
        return self.meaning[0 if lang == "th" else 1]


def _col(th: str, en: str, meaning_th: str, meaning_en: str, kind: str = "text") -> Column:
    return Column((th, en), (meaning_th, meaning_en), kind)


WORK_NO = _col("ผลงานที่", "Work no.", "ลำดับของผลงานในแฟ้มเสนอขอ ใช้เชื่อมแถวในแผ่นงานอื่นกับผลงาน",
               "The work's number in the dossier; rows of the other sheets refer to it.", "int")

WORK_COLUMNS = [
    WORK_NO,
    _col("ชื่อผลงาน (ภาษาไทย)", "Title (Thai)", "ชื่อผลงานภาษาไทย", "The work's Thai title."),
    _col("ชื่อผลงาน (ภาษาอังกฤษ)", "Title (English)", "ชื่อผลงานภาษาอังกฤษ (ว่าง = ไม่ได้กรอก)",
         "The work's English title (empty when none was given)."),
    _col("สถานะ", "Status", "วางแผน กำลังดำเนินการ หรือเสร็จสิ้น", "Planned, ongoing or completed."),
    _col("วันเริ่ม", "Start", "วันที่เริ่มผลงาน ถ้าทราบเพียงเดือนหรือปีจะแสดงเท่าที่ทราบ",
         "When the work started; only the month or the year when that is all that is known.", "date"),
    _col("วันสิ้นสุด", "End", "วันที่สิ้นสุดผลงาน (ว่าง = ยังดำเนินการอยู่หรือไม่ได้กรอก)",
         "When the work ended (empty while it goes on or when not given).", "date"),
    _col("จังหวัด", "Province", "จังหวัดของพื้นที่ดำเนินการ", "Province of the area where the work took place."),
    _col("อำเภอ/เขต", "District", "อำเภอหรือเขตของพื้นที่ดำเนินการ", "District of the area."),
    _col("ตำบล/แขวง", "Sub-district", "ตำบลหรือแขวงของพื้นที่ดำเนินการ", "Sub-district of the area."),
    _col("หมู่บ้าน/ชุมชน", "Village", "หมู่บ้านหรือชุมชนของพื้นที่ดำเนินการ", "Village or community of the area."),
    _col("ผลงานหลัก", "Main work", "ใช่ = เสนอเป็นผลงานหลักในการขอกำหนดตำแหน่ง",
         "yes = submitted as a main work of the application."),
    _col("ระดับคุณภาพที่ขอ", "Level claimed", "ระดับคุณภาพที่ขอให้คณะกรรมการพิจารณา (ดี ดีมาก ดีเด่น)",
         "The quality level claimed for the work (good, very good, excellent)."),
    _col("งบประมาณรวม (บาท)", "Funding (baht)", "ผลรวมของทุนทุกแหล่งของผลงาน เป็นบาท",
         "All funding lines of the work added up, in baht.", "money"),
    _col("นักศึกษาที่เกี่ยวข้อง (คน)", "Students", "จำนวนนักศึกษาที่ได้เรียนรู้จากผลงาน (ว่าง = ไม่ได้กรอก)",
         "Students who took part or learnt from the work (empty when not given).", "int"),
    _col("จำนวนกิจกรรม", "Activities", "จำนวนกิจกรรมที่บันทึกไว้ (ดูแผ่นงานกิจกรรม)",
         "Activities recorded (see the activities sheet).", "int"),
    _col("ผู้เข้าร่วมรวม (คน)", "Participants", "ผลรวมผู้เข้าร่วมทั้งหมดของทุกกิจกรรม เท่ากับแถวรวมในแผ่นงานกิจกรรม",
         "Participants of all activities added up; the same as the activities sheet's total row.", "int"),
    _col("จำนวนตัวชี้วัด", "Indicators", "จำนวนตัวชี้วัดของผลงาน", "Indicators of the work.", "int"),
    _col("จำนวนหลักฐานในแฟ้ม", "Evidence items", "จำนวนหลักฐานของผลงานที่อยู่ในแฟ้มเสนอขอ",
         "Evidence items of the work in the dossier.", "int"),
    _col("สรุปผลกระทบ", "Impact summary", "สรุปสั้น ๆ ว่าอะไรเปลี่ยน สำหรับใคร กี่คน และทราบได้อย่างไร",
         "In a few lines: what changed, for whom, how many and how that is known.", "long"),
    _col("รหัสผลงาน", "Work id", "รหัสประจำผลงานในโปรแกรม ใช้เมื่อนำเข้าข้อมูลจากตารางให้ผลงานนี้",
         "The work's id in the app, to give when importing a sheet into this work.", "code"),
]

INDICATOR_COLUMNS = [
    WORK_NO,
    _col("ตัวชี้วัด", "Indicator", "ชื่อตัวชี้วัด", "The indicator's name."),
    _col("หน่วย", "Unit", "หน่วยของค่าที่วัด", "The unit its values are in."),
    _col("ระดับ", "Level", "ผลผลิต ผลลัพธ์ หรือผลกระทบ", "Output, outcome or impact."),
    _col("ทิศทางที่ดี", "Better when", "ค่ามากขึ้นดีขึ้น หรือค่าน้อยลงดีขึ้น", "Whether higher or lower is better."),
    _col("ค่าฐาน", "Baseline", "ค่าก่อนเริ่มผลงาน", "The value before the work.", "number"),
    _col("วันที่ของค่าฐาน", "Baseline date", "วันที่วัดค่าฐาน", "When the baseline was measured.", "date"),
    _col("ค่าเป้าหมาย", "Target", "ค่าที่ตั้งเป้าไว้", "The value aimed for.", "number"),
    _col("วันที่ของค่าเป้าหมาย", "Target date", "วันที่ตั้งเป้าว่าจะถึงค่าเป้าหมาย", "When the target is to be reached.",
         "date"),
    _col("วันที่วัด", "Measured on", "วันที่ของผลการวัดในแถวนี้ (ว่าง = ยังไม่มีผลการวัด)",
         "When this row's measurement was taken (empty: no measurement yet).", "date"),
    _col("ค่าที่วัดได้", "Value", "ค่าที่วัดได้ในวันนั้น", "The value measured that day.", "number"),
    _col("เปลี่ยนแปลงจากค่าฐาน", "Change", "ค่าที่วัดได้ลบค่าฐาน คำนวณโดยโปรแกรม ไม่ได้พิมพ์",
         "The value less the baseline, computed by the app, never typed.", "number"),
    _col("เปลี่ยนแปลง (%)", "Change (%)", "การเปลี่ยนแปลงเทียบกับค่าฐาน เป็นร้อยละ (ว่าง เมื่อค่าฐานเป็นศูนย์)",
         "The change relative to the baseline, as a percentage (empty when the baseline is zero).", "percent"),
    _col("แหล่งข้อมูล", "Source", "ค่านี้มาจากที่ใด", "Where the value comes from."),
    _col("วิธีวัด", "Method", "วัดอย่างไร", "How it was measured."),
    _col("ผู้วัด", "Measured by", "ผู้ที่วัดหรือรวบรวมค่านี้", "Who measured or collected it."),
    _col("หมายเหตุ", "Note", "หมายเหตุของผลการวัด", "The measurement's note.", "long"),
]

ACTIVITY_COLUMNS = [
    WORK_NO,
    _col("วันที่", "Date", "วันที่จัดกิจกรรม", "When the activity took place.", "date"),
    _col("ถึงวันที่", "Until", "วันสุดท้าย เมื่อกิจกรรมมีหลายวัน", "The last day, when it took several days.", "date"),
    _col("ประเภท", "Kind", "ประชุม อบรม ลงพื้นที่ ฯลฯ", "Meeting, workshop, field visit, training…"),
    _col("ชื่อกิจกรรม", "Activity", "ชื่อหรือหัวข้อของกิจกรรม", "The activity's title."),
    _col("สถานที่", "Place", "สถานที่จัดกิจกรรม", "Where it took place."),
    _col("ผู้เข้าร่วมทั้งหมด (คน)", "Participants", "จำนวนผู้เข้าร่วมทั้งหมด (ว่าง = ไม่ได้บันทึก)",
         "Everyone who took part (empty when not recorded).", "int"),
]
ACTIVITY_NOTES = _col("บันทึก", "Notes", "บันทึกของกิจกรรม", "The activity's notes.", "long")

PARTNER_COLUMNS = [
    WORK_NO,
    _col("ภาคีเครือข่าย (ภาษาไทย)", "Partner (Thai)", "ชื่อองค์กรหรือชุมชนภาษาไทย",
         "The organisation's or community's Thai name."),
    _col("ภาคีเครือข่าย (ภาษาอังกฤษ)", "Partner (English)", "ชื่อภาษาอังกฤษ (ว่าง = ไม่ได้กรอก)",
         "Its English name (empty when none was given)."),
    _col("ประเภทภาคี", "Partner type", "ชุมชน หน่วยงานรัฐ องค์กรปกครองส่วนท้องถิ่น โรงเรียน ฯลฯ",
         "Community, government, local government, school…"),
    _col("บทบาทในผลงาน", "Role", "ร่วมออกแบบ ร่วมดำเนินการ ผู้ให้ทุน หรือผู้รับประโยชน์",
         "Co-designer, co-implementer, funder or beneficiary."),
    _col("รายละเอียดบทบาท", "What they did", "ภาคีทำอะไรในผลงานนี้", "What the partner did in this work.", "long"),
    _col("จังหวัด", "Province", "จังหวัดที่ตั้งของภาคี", "The partner's province."),
    _col("อำเภอ/เขต", "District", "อำเภอหรือเขตที่ตั้งของภาคี", "The partner's district."),
    _col("ตำบล/แขวง", "Sub-district", "ตำบลหรือแขวงที่ตั้งของภาคี", "The partner's sub-district."),
    _col("ประเทศ", "Country", "ประเทศของภาคี", "The partner's country."),
    _col("วันที่ลงนาม MOU", "MOU signed", "วันที่ลงนามบันทึกข้อตกลงความร่วมมือ (ว่าง = ไม่มี)",
         "When the memorandum of understanding was signed (empty: none).", "date"),
]

TESTIMONIAL_COLUMNS = [
    _col("รหัส", "Ref.", "รหัสคำรับรอง T-… เดียวกับภาคผนวกของแฟ้มเสนอขอ",
         "The testimonial's T-… reference, as in the dossier's appendix.", "code"),
    WORK_NO,
    _col("ประเภท", "Kind", "คำรับรอง หรือหนังสือรับรองการใช้ประโยชน์", "Testimonial or certification of use."),
    _col("ผู้ให้คำรับรอง", "Given by", "ชื่อผู้ให้คำรับรองเมื่อได้รับความยินยอม มิฉะนั้นเป็นป้ายกำกับ เช่น “ผู้ให้ข้อมูล ก”",
         "The person's name with their consent; otherwise a label such as “Informant A”."),
    _col("ตำแหน่ง", "Position", "ตำแหน่งของผู้ให้คำรับรอง แสดงเมื่อได้รับความยินยอมเท่านั้น",
         "Their position, shown only with their consent."),
    _col("หน่วยงาน", "Organisation", "องค์กรหรือชุมชนของผู้ให้คำรับรอง", "Their organisation or community."),
    _col("วันที่", "Date", "วันที่ของคำรับรอง", "The testimonial's date.", "date"),
    _col("หลัก EnT ที่สนับสนุน", "EnT principle", "หลัก EnT ที่คำรับรองนี้เป็นหลักฐาน",
         "The EnT principle it is evidence for."),
    _col("สิ่งที่ยืนยัน", "Claim", "ข้อความในผลงานที่คำรับรองนี้ยืนยัน", "What in the work it corroborates.", "long"),
    _col("ถ้อยคำ", "Quote", "ถ้อยคำของผู้ให้คำรับรอง โดยไม่มีชื่อผู้ที่ไม่ได้ให้ความยินยอม",
         "Their words, without the names of people who did not consent.", "long"),
    _col("ยินยอมให้เปิดเผยชื่อ", "Consent", "ใช่ = ผู้ให้คำรับรองยินยอมให้ระบุชื่อและถ้อยคำในแฟ้ม",
         "yes = the person agreed to be named and quoted in the dossier."),
    _col("ช่องทางติดต่อ", "Contact", "ช่องทางติดต่อ แสดงเมื่อยินยอมและยินดีให้ผู้ประเมินติดต่อเท่านั้น",
         "How to reach them, shown only when they consented and agreed to be contacted."),
    _col("หนังสือรับรอง", "Signed letter", "รหัสหลักฐาน E-… ของหนังสือที่ลงนาม (ถ้ามีและแสดงได้)",
         "The E-… reference of the signed letter, when there is one that may be shown."),
]

EVIDENCE_COLUMNS = [
    _col("รหัส", "Ref.", "รหัสหลักฐาน E-… เดียวกับในแฟ้มเสนอขอ", "The item's E-… reference, as in the dossier.", "code"),
    WORK_NO,
    _col("ประเภท", "Kind", "ภาพถ่าย เอกสารสแกน หนังสือ ฯลฯ", "Photo, scan, letter…"),
    _col("คำอธิบาย", "Caption", "คำอธิบายหลักฐาน", "The item's caption.", "long"),
    _col("วันที่ถ่ายหรือสแกน", "Taken on", "วันที่ถ่ายภาพหรือสแกน", "When it was photographed or scanned.", "date"),
    _col("วันที่ในเอกสาร", "Document date", "วันที่ที่เขียนไว้ในเอกสาร เช่น วันที่ของหนังสือ",
         "The date written on the document itself, such as a letter's.", "date"),
    _col("สถานที่", "Place", "สถานที่ถ่ายหรือได้มา", "Where it was taken."),
    _col("ชื่อไฟล์", "File name", "ชื่อไฟล์ตามที่แฟ้มเสนอขอแสดง", "The file's name as the dossier prints it."),
    _col("ชนิดไฟล์", "File type", "ชนิดของไฟล์ (MIME)", "The file's type (MIME)."),
    _col("ขนาด (ไบต์)", "Size (bytes)", "ขนาดของไฟล์ที่เก็บไว้", "The stored file's size.", "int"),
    _col("SHA-256", "SHA-256", "ลายนิ้วมือของไฟล์ที่เก็บในแฟ้มผลงาน ใช้ตรวจว่าไฟล์ไม่ถูกแก้ไข "
                               "(ภาพที่ลบพิกัด GPS ในชุดหลักฐานจะมีค่าใหม่ตามบัญชีของชุดนั้น)",
         "The fingerprint of the file as stored in the portfolio, to check nothing changed (a photo whose "
         "GPS position the evidence package removes has the package manifest's new value).", "code"),
]

SHEET_TITLES: dict[str, tuple[str, str]] = {
    "works": ("ผลงาน", "Works"),
    "indicators": ("ตัวชี้วัดและผลการวัด", "Indicators"),
    "activities": ("กิจกรรมและผู้เข้าร่วม", "Activities"),
    "partners": ("ภาคีเครือข่าย", "Partners"),
    "testimonials": ("คำรับรอง", "Testimonials"),
    "evidence": ("หลักฐาน", "Evidence"),
    "guide": ("คำอธิบายคอลัมน์", "Column guide"),
}

_NUMBER_FORMATS = {"int": "#,##0", "money": "#,##0.00", "percent": "0.0%", "number": "General"}
#: Excel's locale code for Thai (041E) in the Thai Buddhist calendar (07)
#: with Western digits (1): Excel and LibreOffice both show 5 มีนาคม 2569.
_BUDDHIST = "[$-107041E]"
_DATE_FORMATS = {
    "th": {DAY: _BUDDHIST + "d mmmm yyyy", MONTH: _BUDDHIST + "mmmm yyyy", YEAR: _BUDDHIST + "yyyy"},
    "en": {DAY: "yyyy-mm-dd", MONTH: "yyyy-mm", YEAR: "yyyy"},
}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")  # a number beside wrapped text reads on its first line
#: Column widths in characters: wide enough for a short heading, long text wraps beyond the cap.
_MIN_WIDTH, _TEXT_WIDTH, _LONG_WIDTH, _HEADING_WIDTH = 8, 40, 60, 24
#: Points per wrapped line (room for Thai marks above and below), and Excel's tallest row.
_LINE_HEIGHT, _MAX_ROW_HEIGHT = 17, 409


@dataclass(frozen=True)
class Dated:
    """A date known to the day, the month or only the year."""

    day: date | None
    precision: str = DAY


@dataclass
class WorkbookResult:
    path: Path
    #: Sheet title -> data rows (the header and the totals row not counted).
    sheets: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


# --- cell values ---------------------------------------------------------------------------

def _number(value):
    """An int, a float or None: Decimals as exact as a spreadsheet holds them."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value if isinstance(value, (int, float)) else None


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value if isinstance(value, date) else None


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _yes_no(flag: bool, lang: str) -> str:
    return _t("yes" if flag else "no", lang)


def write_cell(ws, row: int, col: int, value, column: Column, lang: str):
    """Put ``value`` in a cell as ``column`` shows it: numbers as numbers,
    dates as dates (in the Buddhist era in Thai), anything else as text that
    can never become a formula."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Dated) or column.kind == "date":
        dated = value if isinstance(value, Dated) else Dated(_day(value))
        if dated.day is not None:
            cell.value, cell.alignment = dated.day, _TOP
            cell.number_format = _DATE_FORMATS[lang].get(dated.precision, _DATE_FORMATS[lang][DAY])
        return cell
    if column.kind in _NUMBER_FORMATS:
        number = _number(value)
        if number is not None:
            cell.value, cell.number_format, cell.alignment = number, _NUMBER_FORMATS[column.kind], _TOP
            return cell
    if value is None or value == "":
        return cell
    text = cell_text(str(value))
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever the text begins with
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True
    cell.alignment = _WRAP  # a title longer than its column shows whole, on more lines
    return cell


def _shown_width(value, column: Column, lang: str) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, Dated) or column.kind == "date":
        return 10 if lang == "en" else 18  # "30 กันยายน 2569"
    number = _number(value) if column.kind in _NUMBER_FORMATS else None
    if number is not None:
        return len(f"{number:,}") + (3 if column.kind in ("money", "percent") else 0)
    return column_width(cell_text(str(value)))


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    text = cell_text(text)
    return sum(max(1, math.ceil(column_width(line) / max(width, 1))) for line in text.split("\n"))


def _fill_sheet(ws, columns: list[Column], rows: list[list], lang: str, totals: list | None = None) -> None:
    """Header, rows and an optional totals row (not in the filter's range,
    so sorting the data leaves it at the bottom)."""
    for c, column in enumerate(columns, 1):
        cell = ws.cell(row=1, column=c, value=cell_text(column.title(lang)))
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
    for r, values in enumerate(rows, 2):
        for c, (column, value) in enumerate(zip(columns, values), 1):
            write_cell(ws, r, c, value, column, lang)
    if totals is not None:
        row = len(rows) + 2
        for c, (column, value) in enumerate(zip(columns, totals), 1):
            write_cell(ws, row, c, value, column, lang).font = _HEADER_FONT
    last = get_column_letter(len(columns))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    widths = []
    for c, column in enumerate(columns, 1):
        cap = _LONG_WIDTH if column.kind == "long" else _TEXT_WIDTH
        widest = max([_shown_width(v[c - 1], column, lang) for v in rows + ([totals] if totals else [])],
                     default=0)
        heading = min(column_width(column.title(lang)), _HEADING_WIDTH)
        widths.append(max(_MIN_WIDTH, min(cap, max(widest, heading)) + 2))
        ws.column_dimensions[get_column_letter(c)].width = widths[-1]
    # not every program grows a row to its wrapped text on opening: say how tall each is
    for r, values in enumerate([[c.title(lang) for c in columns]] + rows, 1):
        lines = max([_lines(v, width - 2) for v, width in zip(values, widths) if isinstance(v, str)], default=1)
        if lines > 1:
            ws.row_dimensions[r].height = min(_LINE_HEIGHT * lines, _MAX_ROW_HEIGHT)
    # printed for a committee: landscape A4, one page wide, the header on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


# --- the sheets' rows, from the plan --------------------------------------------------------

def _works(plan: Plan, lang: str) -> list[list]:
    evidence_per_work: dict[int, int] = {}
    for entry in plan.evidence:
        evidence_per_work[entry.work_index] = evidence_per_work.get(entry.work_index, 0) + 1
    rows = []
    for wd in plan.works:
        w = wd.work
        funding = sum((f.amount_baht for f in w.fundings), Decimal(0))
        participants = sum(_count(a.participants_total) or 0 for a in w.activities)
        summary = (w.impact_summary_en if lang == "en" and w.impact_summary_en else w.impact_summary)
        rows.append([
            wd.index, w.title_th, w.title_en, enum_label(WorkStatus, w.status, lang),
            Dated(w.start_date, w.start_precision or DAY), Dated(w.end_date, w.end_precision or DAY),
            w.province, w.district, w.subdistrict, w.village, _yes_no(w.is_main_work, lang),
            enum_label(QualityLevel, w.claimed_level, lang), funding, _count(w.students_count),
            len(w.activities), participants, len(w.indicators), evidence_per_work.get(wd.index, 0), summary, w.id,
        ])
    return rows


def _indicators(plan: Plan, lang: str) -> list[list]:
    rows = []
    for wd in plan.works:
        for ind in wd.work.indicators:
            name = ind.name_en if lang == "en" and ind.name_en else ind.name_th
            first = [wd.index, name, ind.unit, enum_label(IndicatorLevel, ind.level, lang),
                     enum_label(Direction, ind.direction, lang), ind.baseline_value, ind.baseline_date,
                     ind.target_value, ind.target_date]
            measurements = sorted(ind.measurements, key=lambda x: x.date)
            if not measurements:
                rows.append(first + [None] * 8)
            for mm in measurements:
                # the change each measurement shows, by the same rule as the dossier's latest change
                ch = indicator_change(ind, [mm])
                percent = ch.change_percent / 100 if ch.change_percent is not None else None
                rows.append(first + [mm.date, mm.value, ch.change, percent, mm.source, mm.method,
                                     mm.measured_by, mm.note])
    return rows


def _groups(plan: Plan) -> list[str]:
    """Every participant group found across the activities: the known ones
    in their usual order, then the others by name."""
    found = {str(k) for wd in plan.works for a in wd.work.activities for k in (a.participant_groups or {})}
    return [k for k in GROUPS if k in found] + sorted(found - set(GROUPS))


def _group_column(key: str) -> Column:
    th, en = GROUPS.get(key, (key, key))
    return _col(f"ผู้เข้าร่วม: {th}", f"Participants: {en}", f"จำนวนผู้เข้าร่วมกลุ่ม{th} (ว่าง = ไม่ได้บันทึก)",
                f"Participants counted as {en} (empty when not recorded).", "int")


def _activities(plan: Plan, lang: str, groups: list[str]) -> tuple[list[list], list]:
    rows = []
    for wd in plan.works:
        for a in sorted(wd.work.activities, key=lambda a: a.date):
            counts = {str(k): _count(v) for k, v in (a.participant_groups or {}).items()}
            rows.append([wd.index, a.date, a.end_date, enum_label(ActivityKind, a.kind, lang), a.title, a.place,
                         _count(a.participants_total)] + [counts.get(g) for g in groups] + [a.notes])
    # sums of what is there: the total a committee gets with SUM() over the column
    totals = [_t("total", lang), None, None, None, None, None]
    for k in range(6, 7 + len(groups)):
        totals.append(sum(row[k] for row in rows if row[k] is not None))
    return rows, totals + [None]


def _partners(plan: Plan, lang: str) -> list[list]:
    rows = []
    for wd in plan.works:
        for link in wd.work.partner_links:
            p = link.partner
            if p is None:
                continue
            rows.append([wd.index, p.name_th, p.name_en, enum_label(PartnerType, p.partner_type, lang),
                         enum_label(PartnerRole, link.role, lang), link.description, p.province, p.district,
                         p.subdistrict, p.country, p.mou_date])
    return rows


def _testimonials(plan: Plan, lang: str) -> list[list]:
    rows = []
    for te in plan.testimonials:
        tm = te.testimonial
        quote = privacy.quote_text(tm, lang, plan.anonymiser) if privacy.may_show_quote(tm) else ""
        if te.letter is not None:
            letter = te.letter.ref
        elif tm.letter_evidence_id and not privacy.may_show_letter_scan(tm):
            letter = _t("letter_withheld", lang)
        else:
            letter = ""
        rows.append([
            te.ref, te.work_index, enum_label(TestimonialKind, tm.kind, lang),
            privacy.person_label(tm, lang, plan.anonymiser), privacy.person_position(tm),
            tm.organisation or te.partner_name, tm.date, enum_label(Principle, tm.principle, lang),
            plan.anonymiser.anonymise(tm.claim or "", lang), quote, _yes_no(privacy.has_consent(tm), lang),
            tm.contact if privacy.contact_visible(tm) else "", letter,
        ])
    return rows


def _evidence(plan: Plan, lang: str) -> list[list]:
    rows = []
    for entry in plan.evidence:
        ev = plan.records[entry.evidence_id]
        rows.append([entry.ref, entry.work_index, enum_label(EvidenceKind, entry.kind, lang), entry.caption,
                     ev.date_taken, ev.document_date, ev.place, entry.original_name, entry.media_type,
                     entry.size, entry.stored_sha256])
    return rows


def _guide(lang: str, sheets: list[tuple[str, list[Column]]]) -> list[list]:
    rows = [[title, column.title(lang), column.explained(lang)] for title, columns in sheets for column in columns]
    whole = _t("whole_file", lang)
    return rows + [[whole, "", _t(key, lang)] for key in ("note_names", "note_dates", "note_numbers",
                                                           "note_evidence")]


def _plan(portfolio: Portfolio, lang: str) -> Plan | None:
    """The dossier's plan of every work; None for a portfolio without works
    (its workbook still opens, with the headings and the guide)."""
    try:
        return collect(portfolio, DossierConfig(language=lang))
    except UserError as exc:
        if exc.key == "dossier.no_works":
            return None
        raise


def write_xlsx(portfolio: Portfolio, out: Path | str, *, lang: str = "th") -> WorkbookResult:
    """Write the workbook to ``out`` (outside the portfolio folder, in one
    step: a failure leaves any file already there as it was)."""
    started = time.monotonic()
    out = ensure_writable_target(ensure_outside_portfolio(portfolio.folder, out))
    plan = _plan(portfolio, lang)  # refuses a language other than th or en, as the dossier does
    empty = plan is None
    groups = [] if empty else _groups(plan)
    activity_columns = ACTIVITY_COLUMNS + [_group_column(g) for g in groups] + [ACTIVITY_NOTES]
    activity_rows, totals = ([], None) if empty else _activities(plan, lang, groups)
    sheets: list[tuple[str, list[Column], list[list], list | None]] = [
        ("works", WORK_COLUMNS, [] if empty else _works(plan, lang), None),
        ("indicators", INDICATOR_COLUMNS, [] if empty else _indicators(plan, lang), None),
        ("activities", activity_columns, activity_rows, totals),
        ("partners", PARTNER_COLUMNS, [] if empty else _partners(plan, lang), None),
        ("testimonials", TESTIMONIAL_COLUMNS, [] if empty else _testimonials(plan, lang), None),
        ("evidence", EVIDENCE_COLUMNS, [] if empty else _evidence(plan, lang), None),
    ]
    titled = [(SHEET_TITLES[key][0 if lang == "th" else 1], columns, rows, total)
              for key, columns, rows, total in sheets]
    guide_title = SHEET_TITLES["guide"][0 if lang == "th" else 1]
    guide_columns = [_col(*_T["guide_sheet"], "", ""), _col(*_T["guide_column"], "", ""),
                     _col(*_T["guide_meaning"], "", "", "long")]
    titled.append((guide_title, guide_columns, _guide(lang, [(t, c) for t, c, _, _ in titled]), None))

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "EnT Portfolio"
    counts: dict[str, int] = {}
    for title, columns, rows, total in titled:
        ws = wb.create_sheet(title)
        _fill_sheet(ws, columns, rows, lang, total)
        counts[title] = len(rows)
    buffer = io.BytesIO()
    wb.save(buffer)
    with atomic_write(out) as handle:
        handle.write(buffer.getvalue())
    return WorkbookResult(path=out, sheets=counts, seconds=time.monotonic() - started)
