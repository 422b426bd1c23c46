"""A work's pages: at its head the claim (the quality level asked for and
the impact summary, framed) and, where people were studied, the
research-ethics approval (:mod:`.forms`); its overview, the write-up
sections, the EnT matrix that
ties principles to evidence, partners, activities and dissemination; its
indicators (:mod:`.indicators`) and contribution declaration
(:mod:`.contribution`) follow in that order."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Spacer,
    TableStyle,
)

from .. import privacy
from ..domain.enums import (
    ActivityKind,
    DisseminationKind,
    Mission,
    PartnerRole,
    PartnerType,
    Principle,
    QualityLevel,
    WorkStatus,
)
from ..domain.frameworks import frameworks
from ..domain.thai_calendar import common_era
from ..errors import UserError
from ..typeset import ThaiParagraph, escape, format_date, format_period, format_year
from ..typeset.dates import format_fiscal_year
from ..typeset.flowables import ThaiTable
from .composer import Composer
from .contribution import contribution
from .flowables import Context, Marked
from .forms import claimed_level_label, ethics_box
from .indicators import indicators
from .languages import heading_mark, thai_only_narratives, written_in_thai
from .layout import FRAME_W, NAVY, RULE, SOFT, enum_label, excerpt, grid_table, kv_table
from .plan import WorkData
from .richtext import html_blocks
from .texts import GROUPS

SHORT_PRINCIPLE = {
    "partnership": ("ร่วมคิดร่วมทำ", "partnership"),
    "mutual_benefit": ("ประโยชน์ร่วมกัน", "mutual benefit"),
    "knowledge": ("การเรียนรู้และผลงานวิชาการ", "knowledge"),
    "impact": ("ผลกระทบต่อสังคม", "impact"),
}

def work_part(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w, i = comp.lang, wd.work, wd.index
    title = comp.work_title(wd)
    out: list[Flowable] = [PageBreak(), Context(comp.state, f"{comp.tr('work_n', n=i)}: {title}"),
                           comp.p(comp.tr("work_n", n=i).upper(), "note"),
                           comp.heading(title, 0, f"w{i}", outline_title=f"{comp.tr('work_n', n=i)}: {title}")]
    if lang == "th" and w.title_en:
        out.append(comp.p(w.title_en, "sub"))
    elif lang == "en" and w.title_th and w.title_en:
        out.append(comp.p(w.title_th, "sub"))
    out += claim(comp, wd)
    out += ethics_box(comp, wd)
    out += overview(comp, wd)
    for k, (tpl, content) in enumerate(wd.sections, 1):
        name = (tpl.title_en if lang == "en" and tpl.title_en else tpl.title_th) or tpl.key
        in_thai_only = heading_mark(lang, written_in_thai(content))
        out.append(comp.heading(f"{k}. {name}{in_thai_only}", 1, f"w{i}-s-{tpl.key}"))
        blocks = html_blocks(content, lang)
        if not blocks:
            out.append(comp.p(comp.tr("empty_section"), "note"))
        for b in blocks:
            try:
                if b.kind == "li":
                    mark = f"{b.number}." if b.number else "•"
                    st = ParagraphStyle("li", comp.st["bullet"], leftIndent=18 + 14 * b.level)
                    out.append(ThaiParagraph(f"{mark}\u00a0{b.markup}", st))
                elif b.kind == "h":
                    out.append(ThaiParagraph(f"<b>{b.markup}</b>", comp.st["body"]))
                else:
                    out.append(ThaiParagraph(b.markup, comp.st["body"]))
            except ValueError as exc:  # MarkupError
                raise UserError("dossier.markup", section=name, work=title, detail=str(exc)) from exc
        if tpl.key == "evaluation" and w.indicators:
            out.append(ThaiParagraph(
                f'{escape(comp.tr("see_indicators"))} <a href="#w{i}-ind">{escape(comp.tr("indicators"))}</a>',
                comp.st["note"]))
    out += matrix(comp, wd)
    out += partners(comp, wd)
    out += activities(comp, wd)
    out += indicators(comp, wd)
    out += disseminations(comp, wd)
    out += contribution(comp, wd)
    return out



def claim(comp: Composer, wd: WorkData) -> list[Flowable]:
    """What the lecturer claims for the work, framed under its title: the
    quality level asked for (and whether it is a main work) and the short
    summary of its reach and significance — what a committee reads first."""
    lang, w = comp.lang, wd.work
    level = f"<b>{escape(comp.tr('claimed_level', level=claimed_level_label(comp, w)))}</b>"
    if w.is_main_work:
        level += f"\u00a0\u00a0·\u00a0\u00a0{escape(comp.tr('main_work_long'))}"
    summary, note = w.impact_summary_en if lang == "en" else w.impact_summary, ""
    if lang == "en" and not summary and w.impact_summary:
        summary, note = w.impact_summary, comp.tr("thai_only")
    heading = f"<b>{escape(comp.tr('impact_summary'))}</b>" + (f" {escape(note)}" if note else "")
    rows = [[ThaiParagraph(level, comp.st["cell"])], [ThaiParagraph(heading, comp.st["cell_small"])]]
    # one row per paragraph: a long summary breaks between paragraphs, never inside the frame's edge
    paragraphs = [" ".join(line.split()) for line in (summary or "").split("\n") if line.strip()]
    rows += [[ThaiParagraph(escape(text), comp.st["cell"])] for text in paragraphs] or \
        [[comp.p(comp.tr("no_impact_summary"), "cell_muted")]]
    box = ThaiTable(rows, colWidths=[FRAME_W], hAlign="LEFT", splitInRow=1)
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, NAVY), ("BACKGROUND", (0, 0), (-1, -1), SOFT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 5), ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("TOPPADDING", (0, 1), (-1, 1), 5), ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
    ]))
    return [Spacer(1, 4), box]



def overview(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w = comp.lang, wd.work
    rows: list[tuple[str, object]] = [
        (comp.tr("period"), format_period(w.start_date, w.end_date, lang, "short",
                                          start_precision=w.start_precision, end_precision=w.end_precision)),
        (comp.tr("status"), enum_label(WorkStatus, w.status, lang)),
    ]
    if lang == "th":
        area = " ".join(x for x in (w.village, w.subdistrict and "ตำบล" + w.subdistrict,
                                    w.district and "อำเภอ" + w.district, w.province and "จังหวัด" + w.province) if x)
    else:
        area = ", ".join(x for x in (w.village, w.subdistrict, w.district, w.province) if x)
    if area:
        rows.append((comp.tr("area"), area))
    if w.missions:
        rows.append((comp.tr("missions"), ", ".join(enum_label(Mission, code, lang) for code in w.missions)))
    rows.extend(framework_rows(w, lang))
    students = comp.tr("students", n=w.students_count) if w.students_count else ""
    teaching = " ".join(x for x in (w.courses, students) if x)
    if teaching:
        rows.append((comp.tr("teaching"), teaching))
    if w.fundings:
        lines = []
        for f in w.fundings:
            amount = comp.tr("baht", amount=f"{f.amount_baht:,.2f}".replace(".00", ""))
            year = format_fiscal_year(f.fiscal_year, lang)
            lines.append(" ".join(x for x in (f.source, amount, year) if x))
        rows.append((comp.tr("funding"), "\n".join(lines)))
    if w.prior_use_year:
        # The window keeps it in common era; the command line may have been given either.
        rows.append((comp.tr("prior_use"), comp.tr("prior_use_value",
                                                   year=format_year(common_era(w.prior_use_year), lang),
                                                   level=enum_label(QualityLevel, w.prior_quality_level, lang))))
    return [Spacer(1, 4), kv_table([(k, v) for k, v in rows if v], comp.st, 130)]



def framework_rows(w, lang: str) -> list[tuple[str, str]]:
    """“สอดคล้องกับ SDGs” and the goals the work serves, one row per framework ticked."""
    ticked: dict[str, list[str]] = {}
    for link in w.framework_links:
        ticked.setdefault(link.framework, []).append(link.code)
    rows = []
    for framework_id, known in frameworks().items():  # a framework no longer shipped is left out
        line = known.summary(ticked.get(framework_id, []), lang)
        if line:
            rows.append((f"สอดคล้องกับ {known.short_th}" if lang == "th" else f"Aligned with the {known.short_en}",
                         line))
    return rows


def matrix(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w, i = comp.lang, wd.work, wd.index
    out: list[Flowable] = [CondPageBreak(160),
                           comp.heading(comp.tr("ent") + heading_mark(lang, thai_only_narratives(wd)), 1, f"w{i}-ent"),
                           comp.p(comp.tr("ent_intro"), "note")]
    narratives = {
        "partnership": w.partnership_text or w.problem_statement,
        "mutual_benefit": None,
        "knowledge": w.knowledge_text,
        "impact": w.impact_text,
    }
    records = comp.plan.records
    cited: set[int] = set()
    rows = [[comp.tr("principle"), comp.tr("narrative"), comp.tr("evidence")]]
    for principle in Principle:
        if principle.value == "mutual_benefit":
            parts = []
            if w.benefit_community_text:
                parts.append(f"<b>{escape(comp.tr('for_community'))}:</b> "
                             f"{escape(excerpt(w.benefit_community_text, 150))}")
            if w.benefit_university_text:
                parts.append(f"<b>{escape(comp.tr('for_university'))}:</b> "
                             f"{escape(excerpt(w.benefit_university_text, 150))}")
            narrative = ThaiParagraph("<br/>".join(parts) or escape(comp.tr("no_narrative")), comp.st["cell"])
        else:
            text = narratives[principle.value]
            narrative = ThaiParagraph(escape(excerpt(text)) if text else escape(comp.tr("no_narrative")),
                                      comp.st["cell"])
        items = [e for e in wd.evidence if principle.value in (records[e.evidence_id].principles or [])]
        lines, anchors = [], []
        short = SHORT_PRINCIPLE[principle.value][0 if lang == "th" else 1]
        for e in items:
            anchors.append(comp.cite(e, comp.tr("place_ent", n=i, principle=short), i))
            cited.add(e.number)
        lines = comp.evidence_lines(items)
        for te in wd.testimonials:
            if te.testimonial.principle == principle.value:
                who = privacy.person_label(te.testimonial, lang, comp.plan.anonymiser)
                lines.append(f'<a href="#tm-{te.number}">{te.ref}</a> {escape(comp.tr("testimonial_by", who=who))}')
        cell = Marked("<br/>".join(lines) or escape(comp.tr("none")), comp.st["cell_small"], anchors, comp.state)
        rows.append([ThaiParagraph(f"<b>{escape(principle.label(lang))}</b>", comp.st["cell"]), narrative, cell])
    # evidence that no principle, activity, indicator or letter cites still gets a row
    rest = [e for e in wd.evidence if e.number not in cited and not records[e.evidence_id].activity_id
            and not records[e.evidence_id].indicator_id and e.shown_as != "letter"]
    if rest:
        anchors = [comp.cite(e, comp.tr("place_other", n=i), i) for e in rest]
        lines = comp.evidence_lines(rest)
        rows.append([ThaiParagraph(f"<b>{escape(comp.tr('other_evidence'))}</b>", comp.st["cell"]),
                     ThaiParagraph("", comp.st["cell"]),
                     Marked("<br/>".join(lines), comp.st["cell_small"], anchors, comp.state)])
    out.append(grid_table(rows, [112, 206, 150]))
    return out



def partners(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w, i = comp.lang, wd.work, wd.index
    out: list[Flowable] = [CondPageBreak(120), comp.heading(comp.tr("partners"), 1, f"w{i}-partners")]
    grouped: dict[str, list] = {}
    for link in w.partner_links:
        grouped.setdefault(link.partner_id, []).append(link)
    if not grouped:
        return out + [comp.p(comp.tr("no_partners"), "note")]
    rows = [[comp.tr("partner"), comp.tr("role"), comp.tr("role_detail")]]
    for links in grouped.values():
        partner = links[0].partner
        name = (partner.name_en if lang == "en" and partner.name_en else partner.name_th) if partner else ""
        kind = enum_label(PartnerType, partner.partner_type, lang) if partner else ""
        mou = comp.tr("mou", date=format_date(partner.mou_date, lang)) if partner and partner.mou_date else ""
        first = f"<b>{escape(name)}</b><br/>{escape(kind)}" + (f"<br/>{escape(mou)}" if mou else "")
        roles = ", ".join(dict.fromkeys(enum_label(PartnerRole, link.role, lang) for link in links))
        detail = " ".join(link.description for link in links if link.description)
        rows.append([ThaiParagraph(first, comp.st["cell"]), roles, detail or "–"])
    out.append(grid_table(rows, [170, 100, 198]))
    return out



def activities(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w, i = comp.lang, wd.work, wd.index
    out: list[Flowable] = [CondPageBreak(120), comp.heading(comp.tr("activities"), 1, f"w{i}-activities")]
    if not w.activities:
        return out + [comp.p(comp.tr("no_activities"), "note")]
    records = comp.plan.records
    rows = [[comp.tr("date"), comp.tr("activity"), comp.tr("place"), comp.tr("participants"), comp.tr("evidence")]]
    for a in sorted(w.activities, key=lambda a: a.date):
        when = format_period(a.date, a.end_date, lang, "short") if a.end_date else format_date(a.date, lang, "short")
        what = f"<b>{escape(enum_label(ActivityKind, a.kind, lang))}</b><br/>{escape(a.title)}"
        people = ""
        if a.participants_total is not None:
            people = comp.tr("people", n=f"{a.participants_total:,}")
        if a.participant_groups:
            parts = [f"{(GROUPS.get(k) or (k, k))[0 if lang == 'th' else 1]} {v:,}"
                     for k, v in a.participant_groups.items()]
            people += ("\n" if people else "") + ", ".join(parts)
        items = [e for e in wd.evidence if records[e.evidence_id].activity_id == a.id]
        anchors = [comp.cite(e, comp.tr("place_activity", n=i, date=format_date(a.date, lang, "short")), i)
                   for e in items]
        ev_cell = Marked(", ".join(comp.ev_link(e) for e in items) or "–", comp.st["cell_small"], anchors, comp.state)
        rows.append([when, ThaiParagraph(what, comp.st["cell"]), a.place or "–", people or "–", ev_cell])
    out.append(grid_table(rows, [72, 164, 92, 96, 44]))
    return out



def disseminations(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w, i = comp.lang, wd.work, wd.index
    out: list[Flowable] = [CondPageBreak(100), comp.heading(comp.tr("dissemination"), 1, f"w{i}-dis")]
    if not w.disseminations:
        return out + [comp.p(comp.tr("no_dissemination"), "note")]
    for k, d in enumerate(w.disseminations, 1):
        text = f"{k}.\u00a0<b>[{escape(enum_label(DisseminationKind, d.kind, lang))}]</b> {escape(d.citation)}"
        if d.date and str(format_year(d.date.year, lang)) not in d.citation:
            text += f" ({escape(format_date(d.date, lang))})"
        if d.doi:
            doi = d.doi if d.doi.startswith("http") else f"https://doi.org/{d.doi}"
            text += f' DOI: <a href="{escape(doi)}">{escape(d.doi)}</a>'
        elif d.url:
            text += f' <a href="{escape(d.url)}">{escape(d.url)}</a>'
        out.append(ThaiParagraph(text, comp.st["bullet"]))
    return out
