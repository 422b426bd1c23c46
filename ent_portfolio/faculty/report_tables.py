"""The faculty report's tables and words, once for the PDF and the workbook,
so a number on a page and a cell in a sheet are the same number.

A table is its title, its column headings, how each column shows (text, a
count, a share of a whole) and its rows of plain values; the PDF prints
the rows and draws bars of the first count column, the workbook writes them
as they are (counts as numbers, shares as fractions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..typeset.dates import format_date, format_fiscal_year
from .report_data import CountTable, FacultyReport

WORDS: dict[str, tuple[str, str]] = {
    "title": ("รายงานผลงานบริการวิชาการแก่สังคมของคณะ", "Faculty engagement report"),
    "subtitle": ("ผลงานรับใช้ท้องถิ่นและสังคมของอาจารย์ ตามหลักการ EnT และเป้าหมายการพัฒนาที่ยั่งยืน",
                 "Lecturers' work serving locality and society, by the EnT principles and the SDGs"),
    "all_years": ("ทุกปี (ไม่ได้เลือกปี)", "All years (no year chosen)"),
    "fiscal_rule": ("ปีงบประมาณตั้งแต่ 1 ตุลาคมถึง 30 กันยายน นับผลงานที่ช่วงเวลาดำเนินงานคาบเกี่ยวกับปีงบประมาณนี้ "
                    "ผลงานที่ไม่มีทั้งวันเริ่มและวันสิ้นสุดไม่นับเข้าปีใด",
                    "A fiscal year runs from 1 October to 30 September; a work counts when its period overlaps "
                    "it. A work with neither a start nor an end date counts in no year."),
    "period": ("{fiscal} ({first} – {last})", "{fiscal} ({first} – {last})"),
    "generated": ("จัดทำเมื่อ {when}", "Made on {when}"),
    "at_a_glance": ("โดยสรุป", "At a glance"),
    # the command stays on one line (no-break spaces): a reader types it as printed
    "empty_db": ("ฐานข้อมูลคณะนี้ยังไม่มีผลงานของอาจารย์ โปรดนำเข้าแฟ้มสำรองของอาจารย์ด้วยคำสั่ง "
                 "ent-portfolio\u00a0faculty\u00a0load ก่อน",
                 "This faculty database holds no lecturer's works yet: load their archives with "
                 "ent-portfolio\u00a0faculty\u00a0load first."),
    "empty_year": ("ไม่มีผลงานที่ดำเนินการในช่วง{period} จากอาจารย์ {lecturers} คนในฐานข้อมูล",
                   "No work of the {lecturers} lecturers in the database ran during {period}."),
    "item": ("รายการ", "Item"),
    "number": ("จำนวน", "Number"),
    "lecturers_loaded": ("อาจารย์ในฐานข้อมูล (คน)", "Lecturers in the database"),
    "lecturers_counted": ("อาจารย์ที่มีผลงานในรายงาน (คน)", "Lecturers with works in the report"),
    "works": ("ผลงาน (เรื่อง)", "Works"),
    "partners": ("ภาคีเครือข่าย", "Partners"),
    "activities": ("กิจกรรม", "Activities"),
    "reached_total": ("ผู้เข้าร่วมกิจกรรม (คน-ครั้ง)", "Participants (attendances)"),
    "sdg_mapped": ("ผลงานที่ระบุเป้าหมาย SDG", "Works mapped to an SDG"),
    "ready_works": ("ผลงานที่พร้อมเสนอขอกำหนดตำแหน่ง", "Works ready for promotion"),
    "share_works": ("ร้อยละของผลงาน", "Share of works"),
    "share_indicators": ("ร้อยละของตัวชี้วัด", "Share of indicators"),
    "principles": ("ผลงานตามหลักการ EnT", "Works by EnT principle"),
    "principles_note": ("ผลงานแสดงหลักการเมื่อมีหลักฐานในแฟ้มเสนอขอที่ระบุว่าพิสูจน์หลักการนั้น "
                        "หรือมีคำรับรองที่ได้รับความยินยอมสนับสนุนหลักการนั้น (เกณฑ์เดียวกับการตรวจความพร้อม) "
                        "ผลงานหนึ่งเรื่องแสดงได้หลายหลักการ",
                        "A work shows a principle when evidence in its dossier is marked as proving it or a "
                        "consenting testimonial supports it (the readiness check's rule); a work may show several."),
    "principle": ("หลักการ EnT", "EnT principle"),
    "sdg": ("ผลงานตามเป้าหมายการพัฒนาที่ยั่งยืน (SDGs)", "Works by Sustainable Development Goal"),
    "sdg_note": ("นับผลงานที่อาจารย์ระบุเป้าหมายหรือเป้าหมายย่อยของเป้าหมายนั้น ผลงานหนึ่งเรื่องนับครั้งเดียวต่อเป้าหมาย",
                 "A work counts under a goal when the lecturer ticked the goal or one of its targets; once per goal."),
    "goal": ("เป้าหมาย", "Goal"),
    "partner_types": ("ภาคีเครือข่ายตามประเภท", "Partners by type"),
    "partner_provinces": ("ภาคีเครือข่ายตามจังหวัด", "Partners by province"),
    "partners_note": ("นับภาคีของผลงานในรายงาน ภาคีละครั้ง ภาคีเดียวกันที่ทำงานกับอาจารย์สองคนนับเป็นภาคีของแต่ละคน",
                      "Partners of the works counted, each once; an organisation working with two lecturers is "
                      "counted for each."),
    "partner_type": ("ประเภทภาคี", "Partner type"),
    "province": ("จังหวัด", "Province"),
    "partner_count": ("จำนวนภาคี", "Partners"),
    "top_provinces": ("{n} จังหวัดแรก", "top {n} provinces"),
    "reached": ("ผู้เข้าร่วมกิจกรรมตามกลุ่ม", "People reached by group"),
    "reached_note": ("จากบันทึกกิจกรรม ผู้เข้าร่วมหลายกิจกรรมนับทุกครั้ง และกลุ่มอาจซ้อนกัน (เช่น หญิงและเยาวชน) "
                     "จึงรวมกลุ่มได้ไม่เท่ากับจำนวนรวม",
                     "From the activity log: a person at several activities counts at each, and groups may "
                     "overlap (women and youth), so the groups need not add up to the total."),
    "group": ("กลุ่ม", "Group"),
    "people": ("จำนวนผู้เข้าร่วม", "Participants"),
    "reached_all": ("รวมทุกกิจกรรม (จำนวนรวมที่บันทึก)", "All activities (recorded totals)"),
    "indicators": ("ตัวชี้วัดที่ดีขึ้นและไม่ดีขึ้น", "Indicators improved and not"),
    "indicators_note": ("เทียบค่าฐานกับผลการวัดครั้งล่าสุด ตามทิศทางที่ดีของตัวชี้วัด (วิธีเดียวกับในแฟ้มเสนอขอ)",
                        "The latest measurement against the baseline, in the indicator's good direction (as the "
                        "dossier computes it)."),
    "indicator_result": ("ผลของตัวชี้วัด", "Indicator"),
    "indicator_count": ("จำนวนตัวชี้วัด", "Indicators"),
    "statuses": ("ผลงานตามสถานะ", "Works by status"),
    "status": ("สถานะ", "Status"),
    "quality_levels": ("ผลงานตามระดับคุณภาพที่เสนอขอ", "Works by claimed quality level"),
    "quality_level": ("ระดับคุณภาพที่เสนอขอ", "Claimed level"),
    "work_count": ("จำนวนผลงาน", "Works"),
    "ready": ("อาจารย์ที่มีผลงานพร้อมเสนอขอกำหนดตำแหน่ง", "Lecturers with works ready for promotion"),
    "ready_note": ("ผลงานพร้อมเมื่อไม่มีข้อที่ต้องแก้ก่อนยื่นตามเกณฑ์ตรวจความพร้อมของโปรแกรม ณ วันที่นำเข้าแฟ้ม",
                   "A work is ready when the app's readiness rules found nothing blocking, as of its loading."),
    "none_ready": ("ยังไม่มีอาจารย์ที่มีผลงานพร้อมเสนอขอในรายงานนี้", "No lecturer has a ready work in this report."),
    "lecturer": ("อาจารย์", "Lecturer"),
    "department": ("ภาควิชา / สาขา", "Department"),
    "works_counted": ("ผลงานในรายงาน", "Works counted"),
    "works_ready": ("ผลงานพร้อมเสนอขอ", "Ready works"),
    "sheet_glance": ("สรุป", "Summary"),
    "sheet_principles": ("หลักการ EnT", "EnT principles"),
    "sheet_sdg": ("SDGs", "SDGs"),
    "sheet_partner_types": ("ภาคีตามประเภท", "Partners by type"),
    "sheet_partner_provinces": ("ภาคีตามจังหวัด", "Partners by province"),
    "sheet_reached": ("ผู้เข้าร่วมตามกลุ่ม", "People reached"),
    "sheet_indicators": ("ตัวชี้วัด", "Indicators"),
    "sheet_statuses": ("สถานะผลงาน", "Works by status"),
    "sheet_quality_levels": ("ระดับคุณภาพ", "Claimed levels"),
    "sheet_ready": ("อาจารย์ที่พร้อมเสนอขอ", "Ready lecturers"),
    "page": ("หน้า {page} / {total}", "Page {page} / {total}"),
    "year_row": ("ปีของรายงาน", "Year of the report"),
    "year_rule_row": ("การนับปี", "How years count"),
}


def word(key: str, lang: str, **params) -> str:
    th, en = WORDS[key]
    text = th if lang == "th" else en
    return text.format(**params) if params else text


@dataclass(frozen=True)
class ReportTable:
    key: str
    title: str
    note: str
    columns: list[str]
    #: Per column: "text", "int" or "share" (a fraction of a whole).
    kinds: list[str]
    rows: list[list] = field(default_factory=list)
    #: Rows after the data (a total), printed in bold and left out of the chart.
    totals: list[list] = field(default_factory=list)


def period_text(report: FacultyReport, lang: str) -> str:
    if report.period is None:
        return word("all_years", lang)
    first, last = report.period
    return word("period", lang, fiscal=format_fiscal_year(report.year_be, lang),
                first=format_date(first, lang), last=format_date(last, lang))


def _heading_case(label: str, lang: str) -> str:
    """An English row name starts with a capital (the vocabularies' words are
    written for the middle of a sentence: "women", "improved")."""
    return label[:1].upper() + label[1:] if lang == "en" else label


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _counts(key: str, table: CountTable, lang: str, heading: str, count_heading: str, *, note: str = "",
            whole: int | None = None, share_heading: str = "") -> ReportTable:
    columns, kinds = [word(heading, lang), word(count_heading, lang)], ["text", "int"]
    if whole is not None:
        columns.append(word(share_heading, lang))
        kinds.append("share")
    rows = [[_heading_case(c.label(lang), lang), c.value] + ([_share(c.value, whole)] if whole is not None else [])
            for c in table.counts]
    return ReportTable(key, word(key, lang), word(note, lang) if note else "", columns, kinds, rows)


def summary_rows(report: FacultyReport, lang: str) -> list[list]:
    return [[word(k, lang), v] for k, v in (
        ("lecturers_loaded", report.lecturers_loaded), ("lecturers_counted", report.lecturers),
        ("works", report.works), ("partners", report.partners), ("activities", report.activities),
        ("reached_total", report.reached_total), ("sdg_mapped", report.sdg_mapped_works),
        ("ready_works", report.ready_works))]


def report_tables(report: FacultyReport, lang: str) -> list[ReportTable]:
    """Every table of the report, in the order the PDF prints them."""
    indicators_whole = report.indicators.total
    reached = _counts("reached", report.reached, lang, "group", "people", note="reached_note")
    reached = ReportTable(reached.key, reached.title, reached.note, reached.columns, reached.kinds, reached.rows,
                          [[word("reached_all", lang), report.reached_total]])
    ready = ReportTable("ready", word("ready", lang), word("ready_note", lang),
                        [word(k, lang) for k in ("lecturer", "department", "works_counted", "works_ready")],
                        ["text", "text", "int", "int"],
                        [[r.name(lang), r.department, r.works, r.ready_works] for r in report.ready_lecturers])
    return [
        _counts("principles", report.principles, lang, "principle", "work_count", note="principles_note",
                whole=report.works, share_heading="share_works"),
        _counts("sdg", report.sdg_goals, lang, "goal", "work_count", note="sdg_note", whole=report.works,
                share_heading="share_works"),
        _counts("partner_types", report.partner_types, lang, "partner_type", "partner_count", note="partners_note"),
        _counts("partner_provinces", report.partner_provinces, lang, "province", "partner_count"),
        reached,
        _counts("indicators", report.indicators, lang, "indicator_result", "indicator_count",
                note="indicators_note", whole=indicators_whole, share_heading="share_indicators"),
        _counts("statuses", report.statuses, lang, "status", "work_count"),
        _counts("quality_levels", report.quality_levels, lang, "quality_level", "work_count"),
        ready,
    ]
