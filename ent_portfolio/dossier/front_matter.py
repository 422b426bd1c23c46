"""What a committee reads first: the cover (saying whether the dossier is
a draft and what blocks it, or the final version; which works are still
in progress), the contents, the applicant summary and the table of every
work."""

from __future__ import annotations

from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from .. import __version__
from ..domain.enums import Position, Route, WorkStatus
from ..typeset import REGULAR, ThaiParagraph, escape, format_date, format_period, format_year
from .composer import Composer
from .draft import word
from .flowables import Anchor, Context, Heading, Rule
from .forms import claimed_level_label
from .languages import cover_line
from .layout import DRAFT_INK, FRAME_W, NAVY, enum_label, grid_table, kv_table
from .navigation import page_range


def draft_box(comp: Composer) -> list[Flowable]:
    """A draft's cover says so first, and what blocks it: each blocking
    finding of the readiness check as its sentence, numbered."""
    rows = [[comp.p(word("draft_mark", comp.lang), "draft_title")],
            [comp.p(word("draft_blocking", comp.lang, n=len(comp.plan.blocking)), "draft_intro")]]
    rows += [[ThaiParagraph(f"{k}.\u00a0{escape(finding.sentence(comp.lang))}", comp.st["draft_item"])]
             for k, finding in enumerate(comp.plan.blocking, 1)]
    box = Table(rows, colWidths=[FRAME_W], hAlign="CENTER")
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ("BOX", (0, 0), (-1, -1), 1.2, DRAFT_INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
    ]))
    return [box]


def ongoing_line(comp: Composer) -> list[Flowable]:
    """Works still being carried out are said to be so on the cover: a
    committee judges a finished change differently from one under way."""
    ongoing = [wd for wd in comp.plan.works if wd.work.status == WorkStatus.ONGOING.value]
    if not ongoing:
        return []
    works = ", ".join(comp.tr("work_n", n=wd.index) for wd in ongoing)
    return [comp.p(word("ongoing_works", comp.lang, works=works), "cover_line")]


def cover(comp: Composer) -> list[Flowable]:
    plan, prof, lang = comp.plan, comp.plan.profile, comp.lang
    draft = plan.is_draft
    # a draft's box takes the room of the cover's air: the cover stays one page for a few findings
    top, middle, bottom = (18, 28, 24) if draft else (96, 70, 80)
    out: list[Flowable] = [Spacer(1, top)]
    if draft:
        out += draft_box(comp) + [Spacer(1, 20)]
    out += [comp.p(comp.tr("doc_kicker"), "cover_kicker"), Spacer(1, 8),
            comp.p(comp.tr("doc_title"), "cover_title")]
    if plan.config.final and not draft:
        out.append(comp.p(word("final_mark", comp.lang), "cover_final"))
    out += [comp.p(comp.tr("position_line", position=comp.position_label), "cover_big"),
            Spacer(1, 4),
            comp.p(comp.tr("work_type"), "cover_line"),
            comp.p(comp.tr("route_line", route=enum_label(Route, plan.route, lang)), "cover_line")]
    if prof.field_of_study:
        field = prof.field_of_study + (" " + comp.tr("field_code", code=prof.field_code) if prof.field_code else "")
        out.append(comp.p(comp.tr("field_line", field=field), "cover_line"))
    out += [Spacer(1, middle), Rule(FRAME_W, NAVY, 1.2, 4), Spacer(1, 18),
            comp.p(comp.applicant_full, "cover_big")]
    if lang == "th" and prof.name_en:
        out.append(comp.p(prof.name_en, "cover_line"))
    for line in (prof.department, prof.faculty, prof.university):
        if line:
            out.append(comp.p(line, "cover_line"))
    # The earliest start and the latest end, each as precisely as its work knows it.
    starts = sorted((w.work.start_date, w.work.start_precision) for w in plan.works if w.work.start_date)
    ends = sorted((w.work.end_date, w.work.end_precision) for w in plan.works if w.work.end_date)
    first, last = starts[0] if starts else (None, "day"), ends[-1] if ends else (None, "day")
    period = format_period(first[0], last[0], lang, "month_year", start_precision=first[1], end_precision=last[1])
    out += [Spacer(1, 18)]
    if period:
        out.append(comp.p(comp.tr("period_line", n=len(plan.works), period=period), "cover_line"))
    out += ongoing_line(comp)
    thai_only = cover_line(plan)
    if thai_only:
        out += [Spacer(1, 6), comp.p(thai_only, "cover_note")]
    out += [Spacer(1, bottom), comp.p(comp.tr("made_on", date=format_date(date.today(), lang), version=__version__),
                                  "cover_small"),
            Anchor(["cover"], comp.state), NextPageTemplate("body"), PageBreak()]
    return out



def contents(comp: Composer) -> list[Flowable]:
    out: list[Flowable] = [Context(comp.state, comp.tr("toc")),
                           Heading(comp.tr("toc"), comp.st["h1"], "toc", comp.state, outline=(comp.tr("toc"), 0))]
    rows = []
    styles_ = []
    for k, (level, title, key) in enumerate(comp.toc):
        st_t = comp.st[("toc0", "toc1", "toc2")[min(level, 2)]]
        st_p = comp.st["toc_page0" if level == 0 else "toc_page1"]
        # an appendix part gives every page it spans: each of them is listed
        rows.append([ThaiParagraph(f'<a href="#{key}">{escape(title)}</a>', st_t),
                     ThaiParagraph(f'<a href="#{key}">{page_range(comp, key)}</a>', st_p)])
        if level == 0 and k > 0:
            styles_.append(("TOPPADDING", (0, k), (-1, k), 9))
    table = Table(rows, colWidths=[FRAME_W - 58, 58], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        *styles_,
    ]))
    out += [table, PageBreak()]
    return out



def applicant_part(comp: Composer) -> list[Flowable]:
    prof, lang = comp.plan.profile, comp.lang
    out: list[Flowable] = [Context(comp.state, comp.tr("applicant")),
                           comp.heading(comp.tr("applicant"), 0, "applicant")]
    current = prof.academic_title or enum_label(Position, prof.current_position, lang)
    affiliation = " ".join(x for x in (prof.department, prof.faculty, prof.university) if x)
    rows: list[tuple[str, object]] = [(comp.tr("name"), comp.applicant_full)]
    if lang == "th" and prof.name_en:
        rows.append((comp.tr("name_en"), prof.name_en))
    rows += [
        (comp.tr("current_position"),
         enum_label(Position, prof.current_position, lang) if prof.current_position else current),
        (comp.tr("target_position"), comp.position_label),
        (comp.tr("route"), enum_label(Route, comp.plan.route, lang)),
        (comp.tr("field"), prof.field_of_study + (f" ({prof.field_code})" if prof.field_code else "")),
        (comp.tr("affiliation"), affiliation),
    ]
    if prof.appointment_date:
        rows.append((comp.tr("appointed"), format_date(prof.appointment_date, lang)))
    if prof.current_position_date:
        rows.append((comp.tr("in_position_since"), format_date(prof.current_position_date, lang)))
    if prof.orcid:
        rows.append((comp.tr("orcid"), prof.orcid))
    contact = " · ".join(x for x in (prof.email, prof.phone) if x)
    if contact:
        rows.append((comp.tr("contact"), contact))
    out.append(kv_table([(k, v) for k, v in rows if v], comp.st))
    if prof.degrees:
        out.append(comp.heading(comp.tr("degrees"), 1, "degrees", toc=False))
        rows2 = [[comp.tr("degree_level"), comp.tr("degree_name"), comp.tr("institution"), comp.tr("year")]]
        for d in sorted(prof.degrees, key=lambda d: d.year or 0):
            inst = d.institution + (f" ({d.country})" if d.country else "")
            rows2.append([d.level, d.name, inst, format_year(d.year, lang)])
        out.append(grid_table(rows2, [64, 176, 168, 60]))
    if prof.appointments:
        out.append(comp.heading(comp.tr("appointments"), 1, "appointments", toc=False))
        rows3 = [[comp.tr("position"), comp.tr("organisation"), comp.tr("period")]]
        for a in sorted(prof.appointments, key=lambda a: a.start_date or date.min):
            rows3.append([a.position, a.organisation, format_period(a.start_date, a.end_date, lang, "month_year")])
        out.append(grid_table(rows3, [150, 180, 138]))
    return out



def works_summary(comp: Composer) -> list[Flowable]:
    lang = comp.lang
    out: list[Flowable] = [CondPageBreak(220), Context(comp.state, comp.tr("works_summary")),
                           comp.heading(comp.tr("works_summary"), 0, "summary")]
    center = ParagraphStyle("hc", comp.st["table_header"], alignment=TA_CENTER)
    rows = [[ThaiParagraph(escape(x), center if k != 1 else comp.st["table_header"]) for k, x in enumerate((
        comp.tr("no"), comp.tr("work_title"), comp.tr("period"), comp.tr("status"), comp.tr("claimed_level_short"),
        comp.tr("counts"), comp.tr("page")))]]
    for wd in comp.plan.works:
        w = wd.work
        area = " ".join(x for x in (w.subdistrict and ("ต." + w.subdistrict if lang == "th" else w.subdistrict),
                                    w.province and ("จ." + w.province if lang == "th" else w.province)) if x)
        title = f'<a href="#w{wd.index}">{escape(comp.work_title(wd))}</a>'
        if area:
            title += f"<br/>{escape(area)}"
        if w.is_main_work:
            title += f"<br/><b>{escape(comp.tr('main_work'))}</b>"
        n_partners = len({link.partner_id for link in w.partner_links})
        # a committee must see at a glance which works are not finished
        status = comp.tr("in_progress") if w.status == WorkStatus.ONGOING else enum_label(WorkStatus, w.status, lang)
        rows.append([
            ThaiParagraph(str(wd.index), comp.st["cell_center"]),
            ThaiParagraph(title, comp.st["cell"]),
            format_period(w.start_date, w.end_date, lang, "month_year",
                          start_precision=w.start_precision, end_precision=w.end_precision),
            status,
            ThaiParagraph(escape(claimed_level_label(comp, w)), comp.st["cell_center"]),
            ThaiParagraph(f"{n_partners} / {len(w.indicators)} / {len(wd.evidence)}", comp.st["cell_center"]),
            ThaiParagraph(f'<a href="#w{wd.index}">{comp.page_of(f"w{wd.index}")}</a>',
                          comp.st["cell_center"]),
        ])
    # the three counts share a column: the claimed level needs the room
    out.append(grid_table(rows, [22, 140, 86, 64, 50, 76, 30], extra=[
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    return out
