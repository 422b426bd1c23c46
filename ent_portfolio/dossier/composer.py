"""What every part of the dossier writes with: the plan, the language, the
styles, the pass state and the prepared pictures, and the small makers
(a paragraph, a heading that enters the contents, a citation of an evidence
item).  The parts (:mod:`.front_matter`, :mod:`.work_pages`,
:mod:`.indicators`, :mod:`.contribution`, :mod:`.appendices`) are functions
of a :class:`Composer`; :mod:`.document` puts them in reading order."""

from __future__ import annotations

from reportlab.platypus import Flowable, Image, Spacer

from ..domain.enums import Position
from ..typeset import ThaiParagraph, escape
from .flowables import Heading, PassState
from .images import PreparedImage
from .layout import dossier_styles, enum_label, excerpt
from .model import Citation, EvidenceEntry
from .plan import Plan, WorkData
from .texts import t


class Composer:
    """The state of one dossier being laid out, and the makers its parts share."""

    def __init__(self, plan: Plan, state: PassState, images: dict[str, PreparedImage]) -> None:
        self.plan = plan
        self.lang = plan.lang
        self.state = state
        self.images = images
        self.st = dossier_styles()
        prof = plan.profile
        self.applicant = (prof.name_en if self.lang == "en" and prof.name_en else prof.name_th) or prof.name_en or ""
        self.applicant_full = f"{prof.academic_title}{self.applicant}" if self.lang == "th" and prof.academic_title \
            and not self.applicant.startswith(prof.academic_title) else self.applicant
        self.position_label = enum_label(Position, plan.position, self.lang)
        self.toc: list[tuple[int, str, str]] = []  # (level, title, key)
        self._citation_counter: dict[int, int] = {}

    def start_pass(self) -> None:
        """Forget what the previous pass listed: every pass makes the
        contents and the citations afresh."""
        self.toc = []
        self._citation_counter = {}
        for e in self.plan.evidence:
            e.citations = []

    # -- small makers
    def tr(self, key: str, **params) -> str:
        return t(key, self.lang, **params)

    def p(self, text: str, style: str = "body", markup: bool = False) -> ThaiParagraph:
        return ThaiParagraph(text, self.st[style], markup=markup)

    def heading(self, text: str, level: int, key: str, outline_level: int | None = None,
                toc: bool = True, outline_title: str | None = None) -> Heading:
        style = {0: "h1", 1: "h2", 2: "h3"}[level]
        ol = outline_level if outline_level is not None else level
        title = outline_title or text
        if toc and ol <= 1:
            self.toc.append((ol, title, key))
        return Heading(text, self.st[style], key, self.state, outline=(title, ol))

    def ev_link(self, entry: EvidenceEntry, text: str | None = None) -> str:
        return f'<a href="#ev-{entry.number}">{escape(text or entry.ref)}</a>'

    def cite(self, entry: EvidenceEntry, place: str, work_index: int | None) -> str:
        """A new citation of ``entry``: its anchor name (recorded for the manifest)."""
        k = self._citation_counter.get(entry.number, 0) + 1
        self._citation_counter[entry.number] = k
        anchor = f"c{entry.number}-{k}"
        entry.citations.append(Citation(anchor, place, work_index))
        return anchor

    def evidence_lines(self, items: list[EvidenceEntry]) -> list[str]:
        """One line per item with a short caption; many items as a compact list of references."""
        if len(items) > 8:
            return [", ".join(self.ev_link(e) for e in items)]
        return [f"{self.ev_link(e)} {escape(excerpt(e.caption, 48))}" for e in items]

    def work_title(self, wd: WorkData) -> str:
        return wd.title(self.lang)

    def page_of(self, key: str) -> str:
        """The page ``key`` landed on in the previous pass; on the first pass a
        placeholder of the same width, so that the layout does not change."""
        if self.state.total is None:
            return "00"
        page = self.state.prev.get(key)
        return str(page) if page else "–"

    def image(self, img: PreparedImage) -> Flowable:
        """The picture; on the first pass (which only measures) a box of its size."""
        if self.state.total is None:
            box = Spacer(img.draw_w, img.draw_h)
        else:
            box = Image(str(img.path), width=img.draw_w, height=img.draw_h)
        box.hAlign = "CENTER"
        return box

