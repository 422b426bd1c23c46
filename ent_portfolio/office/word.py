"""The write-up as an editable Word file: what a committee asks for when it
wants a .docx, and what co-workers and faculties paste into their own
templates.

It is made from the dossier's plan (:func:`~ent_portfolio.dossier.collect.collect`),
never from the database, so the names of people who did not consent are
already out of every text, as in the PDF.  Per work: the title (Heading 1),
the claim, the write-up sections under the template's headings (Heading 2)
with their rich text as real Word runs, lists and hyperlinks, then the
indicator table, partners, activities, dissemination, testimonials and the
contribution declaration, and with ``photos`` the evidence photos as the
PDF prints them (downscaled, GPS out, faces blurred where they must be).
How the Thai survives Word and LibreOffice is :mod:`.word_xml`."""

from __future__ import annotations

import io
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt

from .. import privacy
from ..domain.enums import (
    ActivityKind,
    ContributionRole,
    ContributorStatus,
    DisseminationKind,
    IndicatorLevel,
    PartnerRole,
    PartnerType,
    SignatureStatus,
    TestimonialKind,
)
from ..domain.indicators import indicator_change
from ..dossier.chart import number
from ..dossier.collect import collect
from ..dossier.faces import blur_face_copies
from ..dossier.forms import claimed_level_label
from ..dossier.gps import strip_gps_copies
from ..dossier.images import ImageJob, prepare_image
from ..dossier.layout import PHOTO_BOX, enum_label
from ..dossier.model import DossierConfig
from ..dossier.plan import Plan, WorkData
from ..dossier.richtext import html_blocks
from ..dossier.texts import GROUPS, t
from ..errors import UserError
from ..jobs import CancelToken, Progress
from ..storage.files import atomic_write
from ..storage.paths import ensure_outside_portfolio, ensure_writable_target
from ..storage.portfolio import Portfolio
from ..typeset.dates import format_date, format_period
from ..typeset.markup import MarkupError, parse, safe_text
from .word_xml import (
    MARGINS_CM,
    PAGE_W_CM,
    TABLE_TEXT,
    ListNumbering,
    add_hyperlink,
    add_markup,
    add_run,
    repeat_header,
    set_page,
    set_styles,
)

#: Width a photo is placed at (the PDF's two-column photo box, in points).
PHOTO_WIDTH_PT = PHOTO_BOX[0]

#: Words of the Word file that the PDF does not print as headings of their own.
_WORDS = {
    "testimonials": ("คำรับรอง", "Testimonials"),
    "photos": ("ภาพถ่ายหลักฐาน", "Evidence photographs"),
}


@dataclass
class WordResult:
    path: Path
    works: int
    headings: int
    tables: int
    photos: int
    seconds: float


def _word(key: str, lang: str, **params) -> str:
    th, en = _WORDS[key]
    text = th if lang == "th" else en
    return text.format(**params) if params else text


class _Writer:
    """One Word file being written from one plan."""

    def __init__(self, plan: Plan, photos: dict[str, Path] | None) -> None:
        self.plan = plan
        self.lang = plan.lang
        self.doc = Document()
        self.photos = photos
        self.headings = 0
        self.tables = 0
        self.placed_photos = 0
        set_page(self.doc)
        set_styles(self.doc, self.lang)
        self.cell_style = self.doc.styles[TABLE_TEXT].style_id

    def tr(self, key: str, **params) -> str:
        return t(key, self.lang, **params)

    def heading(self, text: str, level: int) -> None:
        add_run(self.doc.add_heading(level=level), text)
        self.headings += 1

    def para(self, text: str = "", style: str | None = None, *, bold: bool = False, italic: bool = False):
        p = self.doc.add_paragraph(style=style)
        if text:
            add_run(p, text, bold=bold, italic=italic)
        return p

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] = ()) -> None:
        """A grid whose header repeats on every page; ``widths`` are shares
        of the text width (equal columns without them)."""
        grid = self.doc.add_table(rows=1, cols=len(header))
        grid.style = self.doc.styles["Table Grid"]
        for cell, text in zip(grid.rows[0].cells, header):
            cell.paragraphs[0]._p.style = self.cell_style  # by id: python-docx looks a name up each time
            add_run(cell.paragraphs[0], text, bold=True)
        repeat_header(grid.rows[0])
        for row in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row):
                cell.paragraphs[0]._p.style = self.cell_style
                add_run(cell.paragraphs[0], str(text))
        if widths:
            grid.autofit = False
            text_cm = PAGE_W_CM - MARGINS_CM["left"] - MARGINS_CM["right"]
            # Word reads the cells' widths, LibreOffice the grid's: both are set
            for column, grid_column, share in zip(grid.columns, grid._tbl.tblGrid.gridCol_lst, widths):
                width = Cm(text_cm * share / sum(widths))
                grid_column.w = width
                for cell in column.cells:
                    cell.width = width
        self.tables += 1
        self.para()  # Word joins two tables that touch into one

    # -- the parts of a work, in the PDF's order
    def work(self, wd: WorkData) -> None:
        lang, w = self.lang, wd.work
        self.heading(wd.title(lang), 1)
        other = w.title_en if lang == "th" else (w.title_th if w.title_en else "")
        if other:
            self.para(other, "Subtitle", italic=True)
        self.claim(wd)
        for k, (tpl, content) in enumerate(wd.sections, 1):
            name = (tpl.title_en if lang == "en" and tpl.title_en else tpl.title_th) or tpl.key
            self.heading(f"{k}. {name}", 2)
            self.section(content, name, wd.title(lang))
        self.indicators(wd)
        self.partners(wd)
        self.activities(wd)
        self.disseminations(wd)
        self.testimonials(wd)
        self.contribution(wd)
        if self.photos is not None:
            self.photo_part(wd)

    def claim(self, wd: WorkData) -> None:
        w = wd.work
        if w.claimed_level:
            p = self.para()
            add_run(p, self.tr("claimed_level", level=claimed_level_label(_Tr(self.lang), w)), bold=True)
            if w.is_main_work:
                add_run(p, f" · {self.tr('main_work_long')}")
        summary = w.impact_summary_en if self.lang == "en" and w.impact_summary_en else w.impact_summary
        if summary and summary.strip():
            self.para(self.tr("impact_summary"), bold=True)
            for line in summary.split("\n"):
                if line.strip():
                    self.para(" ".join(line.split()))

    def section(self, content: str, name: str, title: str) -> None:
        blocks = html_blocks(content, self.lang)
        if not blocks:
            self.para(self.tr("empty_section"), italic=True)
        numbering = ListNumbering(self.doc)
        for b in blocks:
            try:
                if b.kind == "li":
                    depth = min(b.level, 2)
                    style = ("List Number" if b.number else "List Bullet") + (f" {depth + 1}" if depth else "")
                    p = self.doc.add_paragraph(style=style)
                    if b.number == 1:
                        numbering.restart(p, style)
                    elif b.number:
                        numbering.continue_(p, style)
                    add_markup(p, b.markup)
                elif b.kind == "h":
                    self.heading(parse(b.markup).text, 3)
                else:
                    add_markup(self.doc.add_paragraph(), b.markup)
            except MarkupError as exc:
                raise UserError("dossier.markup", section=name, work=title, detail=str(exc)) from exc

    def indicators(self, wd: WorkData) -> None:
        lang, w = self.lang, wd.work
        self.heading(self.tr("indicators"), 2)
        if not w.indicators:
            self.para(self.tr("no_indicators"), italic=True)
            return
        rows = []
        for ind in w.indicators:
            ch = indicator_change(ind, list(ind.measurements))
            name = ind.name_en if lang == "en" and ind.name_en else ind.name_th
            about = " · ".join(x for x in (self.tr("unit", unit=ind.unit) if ind.unit else "",
                                           enum_label(IndicatorLevel, ind.level, lang)) if x)
            change = "–"
            if ch.change is not None:
                sign = "+" if ch.change > 0 else ""
                change = f"{sign}{number(ch.change)}"
                if ch.change_percent is not None:
                    change += f" ({sign}{number(ch.change_percent)}%)"
                verdict = []
                if ch.improved is not None:
                    verdict.append(self.tr("improved") if ch.improved else self.tr("worsened"))
                if ch.target_reached is not None:
                    verdict.append(self.tr("reached") if ch.target_reached else self.tr("not_reached"))
                change += "\n" + " · ".join(verdict + [self.tr("measurements", n=ch.measurement_count)])
            sources = "\n".join(self.provenance(mm) for mm in sorted(ind.measurements, key=lambda x: x.date))
            rows.append([
                name + (f"\n{about}" if about else ""),
                _with_date(number(ch.baseline), ind.baseline_date, lang),
                _with_date(number(ch.target), ind.target_date, lang),
                _with_date(number(ch.latest), ch.latest_date, lang),
                change,
                sources or self.tr("not_stated"),
            ])
        self.table([self.tr("indicator"), self.tr("baseline"), self.tr("target"), self.tr("latest"),
                    self.tr("change"), self.tr("source").capitalize()], rows, (4, 2, 2, 2, 2.6, 4))

    def provenance(self, mm) -> str:
        def given(text: str | None) -> str:
            return text.strip() if text and text.strip() else self.tr("not_stated")

        parts = [f"{self.tr(key)} {given(getattr(mm, field))}"
                 for key, field in (("source", "source"), ("method", "method"), ("measured_by", "measured_by"))]
        return f"{format_date(mm.date, self.lang, 'short')}: {number(mm.value)} — " + " · ".join(parts)

    def partners(self, wd: WorkData) -> None:
        lang = self.lang
        self.heading(self.tr("partners"), 2)
        grouped: dict[str, list] = {}
        for link in wd.work.partner_links:
            grouped.setdefault(link.partner_id, []).append(link)
        if not grouped:
            self.para(self.tr("no_partners"), italic=True)
            return
        rows = []
        for links in grouped.values():
            partner = links[0].partner
            name = (partner.name_en if lang == "en" and partner.name_en else partner.name_th) if partner else ""
            kind = enum_label(PartnerType, partner.partner_type, lang) if partner else ""
            roles = ", ".join(dict.fromkeys(enum_label(PartnerRole, link.role, lang) for link in links))
            detail = " ".join(link.description for link in links if link.description)
            rows.append([f"{name}\n{kind}" if kind else name, roles, detail or "–"])
        self.table([self.tr("partner"), self.tr("role"), self.tr("role_detail")], rows, (4, 3, 5))

    def activities(self, wd: WorkData) -> None:
        lang = self.lang
        self.heading(self.tr("activities"), 2)
        if not wd.work.activities:
            self.para(self.tr("no_activities"), italic=True)
            return
        rows = []
        for a in sorted(wd.work.activities, key=lambda a: a.date):
            when = format_period(a.date, a.end_date, lang, "short") if a.end_date else format_date(a.date, lang,
                                                                                                   "short")
            people = self.tr("people", n=f"{a.participants_total:,}") if a.participants_total is not None else ""
            if a.participant_groups:
                parts = [f"{(GROUPS.get(k) or (k, k))[0 if lang == 'th' else 1]} {v:,}"
                         for k, v in a.participant_groups.items()]
                people += ("\n" if people else "") + ", ".join(parts)
            rows.append([when, f"{enum_label(ActivityKind, a.kind, lang)}\n{a.title}", a.place or "–",
                         people or "–"])
        self.table([self.tr("date"), self.tr("activity"), self.tr("place"), self.tr("participants")], rows,
                   (2.4, 5, 3, 3))

    def disseminations(self, wd: WorkData) -> None:
        lang = self.lang
        self.heading(self.tr("dissemination"), 2)
        if not wd.work.disseminations:
            self.para(self.tr("no_dissemination"), italic=True)
            return
        numbering = ListNumbering(self.doc)
        for k, d in enumerate(wd.work.disseminations, 1):
            p = self.doc.add_paragraph(style="List Number")
            (numbering.restart if k == 1 else numbering.continue_)(p, "List Number")
            add_run(p, f"[{enum_label(DisseminationKind, d.kind, lang)}] ", bold=True)
            add_run(p, d.citation)
            if d.date:
                add_run(p, f" ({format_date(d.date, lang)})")
            url = (d.doi if d.doi.startswith("http") else f"https://doi.org/{d.doi}") if d.doi else d.url
            if url and url.startswith(("http://", "https://")):
                add_run(p, " ")
                add_hyperlink(p, url, d.doi or url, bold=False, italic=False)

    def testimonials(self, wd: WorkData) -> None:
        if not wd.testimonials:
            return
        lang, anonymiser = self.lang, self.plan.anonymiser
        self.heading(_word("testimonials", lang), 2)
        for te in wd.testimonials:
            tm = te.testimonial
            who = privacy.person_label(tm, lang, anonymiser)
            position = privacy.person_position(tm)
            kind = enum_label(TestimonialKind, tm.kind, lang)
            p = self.para()
            add_run(p, f"{te.ref} {kind}: ", bold=True)
            add_run(p, who + (f", {position}" if position else ""))
            if tm.date:
                add_run(p, f" ({format_date(tm.date, lang)})")
            if privacy.may_show_quote(tm):
                self.para(f"“{privacy.quote_text(tm, lang, anonymiser)}”", "Quote", italic=True)
            if not privacy.has_consent(tm):
                self.para(self.tr("pdpa_note"), italic=True)

    def contribution(self, wd: WorkData) -> None:
        lang, w = self.lang, wd.work
        self.heading(self.tr("contribution"), 2)
        if not w.contributors:
            self.para(self.tr("no_contributors"), italic=True)
            return
        for role in ContributionRole:
            self.para(role.label(lang), TABLE_TEXT)
        letters = [r.letter if lang == "th" else r.en.split(".")[0] for r in ContributionRole]
        show_share = any(c.percentage is not None for c in w.contributors)
        header = [self.tr("contributor"), *letters] + ([self.tr("share")] if show_share else []) \
            + [self.tr("signature")]
        rows = []
        for c in sorted(w.contributors, key=lambda c: c.sort_order):
            who = c.name + (f" {self.tr('applicant_mark')}" if c.is_applicant else "")
            who += f"\n{enum_label(ContributorStatus, c.status, lang)}"
            if c.affiliation:
                who += f"\n{c.affiliation}"
            if c.role_other and "other" in (c.roles or []):
                who += f"\n{letters[-1]}: {c.role_other}"
            marks = ["√" if r.value in (c.roles or []) else "" for r in ContributionRole]
            share = [number(c.percentage) if c.percentage is not None else "–"] if show_share else []
            sign = enum_label(SignatureStatus, c.signature_status, lang)
            if c.signature_status == "signed" and c.signed_date:
                sign += f"\n{format_date(c.signed_date, lang, 'short')}"
            rows.append([who, *marks, *share, sign])
        self.table(header, rows, (5, *[1] * len(letters), *([1.6] if show_share else []), 2.6))

    def photo_part(self, wd: WorkData) -> None:
        entries = [e for e in wd.evidence if e.evidence_id in self.photos]
        if not entries:
            return
        self.heading(_word("photos", self.lang), 2)
        for e in entries:
            self.doc.add_picture(str(self.photos[e.evidence_id]), width=Pt(PHOTO_WIDTH_PT))
            self.para(f"{e.ref} {e.caption}".strip(), "Caption")
            self.placed_photos += 1

    def core_properties(self) -> None:
        prof = self.plan.profile
        name = (prof.name_en if self.lang == "en" and prof.name_en else prof.name_th) or prof.name_en or ""
        name = safe_text(name)
        props = self.doc.core_properties
        props.title = f"{self.tr('doc_title')} — {name}" if name else self.tr("doc_title")
        props.author = name
        props.last_modified_by = name
        props.language = "th-TH" if self.lang == "th" else "en-GB"
        props.subject = self.tr("work_type")


class _Tr:
    """What :func:`~ent_portfolio.dossier.forms.claimed_level_label` asks of
    a composer: its language and its words."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def tr(self, key: str, **params) -> str:
        return t(key, self.lang, **params)


def _with_date(value: str, when, lang: str) -> str:
    return value + (f"\n{format_date(when, lang, 'short')}" if when else "")


# -- photos -----------------------------------------------------------------

def _photo_files(plan: Plan, scratch: Path, cancel: CancelToken | None) -> dict[str, Path]:
    """Evidence id -> the photo as the PDF prints it: from the copy that
    leaves the app (GPS out; faces blurred where the people did not all
    consent), fitted to the PDF's photo box at its resolution."""
    strip_gps_copies(plan, scratch)
    blur_face_copies(plan, scratch, cancel)
    out: dict[str, Path] = {}
    for e in plan.evidence:
        if cancel is not None:
            cancel.raise_if_cancelled()
        if e.shown_as != "photo":
            continue
        pixels = e.sha256 if e.faces_blurred else e.stored_sha256
        job = ImageJob(e.ref, plan.leaving(e.evidence_id), PHOTO_BOX[0], PHOTO_BOX[1], sha256=pixels)
        try:
            out[e.evidence_id] = prepare_image(job, scratch).path
        except (OSError, ValueError) as exc:
            raise UserError("dossier.bad_image", name=e.original_name, detail=str(exc)[:200]) from exc
    return out


# -- the file ---------------------------------------------------------------

def write_docx(portfolio: Portfolio, out: Path | str, *, work_ids: Sequence[str] | None = None, lang: str = "th",
               photos: bool = False, progress: Progress | Callable[[int, int], None] | None = None,
               cancel: CancelToken | None = None) -> WordResult:
    """The write-up of the works (``work_ids`` in that order, else all) in
    ``lang`` as a Word file at ``out``, written whole or not at all.
    ``progress(done, total)`` after each work; ``cancel`` stops between
    works and photos, leaving no file."""
    started = time.perf_counter()
    out = ensure_outside_portfolio(portfolio.folder, ensure_writable_target(out))
    plan = collect(portfolio, DossierConfig(work_ids=list(work_ids) if work_ids else None, language=lang))
    total = len(plan.works) + 2
    if progress is not None:
        progress(1, total)
    scratch = Path(tempfile.mkdtemp(prefix="ent-word-"))
    try:
        files = _photo_files(plan, scratch, cancel) if photos else None
        writer = _Writer(plan, files)
        for k, wd in enumerate(plan.works, 2):
            if cancel is not None:
                cancel.raise_if_cancelled()
            if k > 2:
                writer.doc.add_page_break()
            writer.work(wd)
            if progress is not None:
                progress(k, total)
        writer.core_properties()
        data = io.BytesIO()
        writer.doc.save(data)
        if cancel is not None:
            cancel.raise_if_cancelled()
        with atomic_write(out) as handle:
            handle.write(data.getvalue())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if progress is not None:
        progress(total, total)
    return WordResult(path=out, works=len(plan.works), headings=writer.headings, tables=writer.tables,
                      photos=writer.placed_photos, seconds=time.perf_counter() - started)
