"""The contribution declaration of a work: who did what (the ก.พ.อ. roles),
their shares and their signatures, kept on one page with the signature
lines.

Where the work's signed contribution form is among its evidence, the
signature lines point to that form's page (linked) instead of standing
blank: a blank line beside a form already signed reads as a signature
still missing."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.enums import ContributionRole, ContributorStatus, SignatureStatus
from ..typeset import REGULAR, ThaiParagraph, escape, format_date
from .chart import number
from .composer import Composer
from .flowables import Check, Marked
from .layout import FRAME_W, enum_label, grid_table
from .plan import WorkData


def contribution(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w, i = comp.lang, wd.work, wd.index
    head_ = comp.heading(comp.tr("contribution"), 1, f"w{i}-contrib")
    if not w.contributors:
        return [head_, comp.p(comp.tr("no_contributors"), "note")]
    out: list[Flowable] = [head_]
    legend = "<br/>".join(escape(r.label(lang)) for r in ContributionRole)
    out += [comp.p(comp.tr("contribution_intro"), "note"), ThaiParagraph(legend, comp.st["cell_muted"]),
            Spacer(1, 6)]
    letters = [r.letter if lang == "th" else r.en.split(".")[0] for r in ContributionRole]
    show_share = any(c.percentage is not None for c in w.contributors)
    head = [comp.tr("contributor"), *letters] + ([comp.tr("share")] if show_share else []) + [comp.tr("signature")]
    rows: list[list] = [[ThaiParagraph(escape(x), comp.st["table_header"] if k == 0 else
                                       ParagraphStyle("hc", comp.st["table_header"], alignment=TA_CENTER))
                         for k, x in enumerate(head)]]
    for c in sorted(w.contributors, key=lambda c: c.sort_order):
        who = f"<b>{escape(c.name)}</b>" + (f" {escape(comp.tr('applicant_mark'))}" if c.is_applicant else "")
        who += f"<br/>{escape(enum_label(ContributorStatus, c.status, lang))}"
        if c.affiliation:
            who += f"<br/>{escape(c.affiliation)}"
        if c.role_other and "other" in (c.roles or []):
            who += f"<br/>{escape(letters[-1])}: {escape(c.role_other)}"
        marks = [Check() if r.value in (c.roles or []) else "" for r in ContributionRole]
        share = [ThaiParagraph(number(c.percentage) if c.percentage is not None else "–",
                               comp.st["cell_center"])] if show_share else []
        if c.signature_status == "signed":
            sign = comp.tr("signed_on", date=format_date(c.signed_date, lang, "short")) if c.signed_date \
                else enum_label(SignatureStatus, c.signature_status, lang)
        else:
            sign = enum_label(SignatureStatus, c.signature_status, lang)
        rows.append([ThaiParagraph(who, comp.st["cell_small"]), *marks, *share,
                     ThaiParagraph(sign if c.signed_date and c.signature_status == "signed" else escape(sign),
                                   comp.st["cell_small"])])
    role_w = 24
    share_w = 50 if show_share else 0
    name_w = FRAME_W - 7 * role_w - share_w - 82
    widths = [name_w] + [role_w] * 7 + ([share_w] if show_share else []) + [82]
    out.append(grid_table(rows, widths, extra=[("VALIGN", (1, 1), (7, -1), "MIDDLE")]))
    # signature lines, two per row
    forms = [e for e in wd.evidence if e.kind == "contribution_form"]
    blocks = []
    for c in sorted(w.contributors, key=lambda c: c.sort_order):
        person = [ThaiParagraph(f"({escape(c.name)})", comp.st["cell_center"]),
                  ThaiParagraph(escape(enum_label(ContributorStatus, c.status, lang)), ParagraphStyle(
                      "sc", comp.st["cell_muted"], alignment=TA_CENTER))]
        if forms:
            blocks.append([Spacer(1, 10), *signed_form_pointers(comp, wd, forms), *person])
            continue
        blocks.append([
            Spacer(1, 26),
            ThaiParagraph(f"{escape(comp.tr('sign_here'))} " + "." * 58, comp.st["cell"]),
            *person,
            ThaiParagraph(f"{escape(comp.tr('sign_date'))} " + "." * 40, comp.st["cell_center"]),
        ])
    grid = [blocks[k:k + 2] + ([""] if len(blocks[k:k + 2]) == 1 else []) for k in range(0, len(blocks), 2)]
    sig = Table(grid, colWidths=[FRAME_W / 2] * 2, hAlign="LEFT")
    sig.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 10), ("FONT", (0, 0), (-1, -1), REGULAR, 9)]))
    out.append(sig)
    return [KeepTogether(out)]


def signed_form_pointers(comp: Composer, wd: WorkData, forms: list) -> list[Flowable]:
    """"ลงนามแล้ว — ดูหลักฐาน E-n หน้า p", one line per signed form of the
    work, each a link to the form and a citation the manifest lists."""
    style = ParagraphStyle("sf", comp.st["cell"], alignment=TA_CENTER)
    lines: list[Flowable] = []
    for form in forms:
        anchor = comp.cite(form, comp.tr("place_contribution", n=wd.index), wd.index)
        text = comp.tr("signed_see", ref=form.ref, page=comp.page_of(f"ev-{form.number}"))
        lines.append(Marked(comp.ev_link(form, text), style, [anchor], comp.state))
    return lines
