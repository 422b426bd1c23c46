"""The dossier as plain data: what :func:`~.collect.collect` read from the
portfolio and everything the PDF and the package are made from.

A :class:`Plan` holds detached records (copies, never written back) with
the names of people who did not consent already taken out, the evidence
numbered in dossier order, the testimonials linked to their letters, the
stored files' paths and, when asked for, the readiness appendix.  The
renderer receives a plan, never a portfolio."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import privacy
from ..domain import models as m
from .model import DossierConfig, EvidenceEntry

_IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/tiff", "image/heic", "image/heif",
                "image/bmp", "image/gif", "image/avif")


def is_picture(ev: m.Evidence) -> bool:
    return (ev.media_type or "").lower() in _IMAGE_TYPES


@dataclass
class TestimonialEntry:
    ref: str
    number: int
    testimonial: m.Testimonial
    work_index: int
    letter: EvidenceEntry | None = None
    partner_name: str = ""


@dataclass
class WorkData:
    index: int
    work: m.Work
    sections: list[tuple[m.SectionTemplate, str]]
    evidence: list[EvidenceEntry] = field(default_factory=list)
    testimonials: list[TestimonialEntry] = field(default_factory=list)

    def title(self, lang: str) -> str:
        if lang == "en" and self.work.title_en:
            return self.work.title_en
        return self.work.title_th or self.work.title_en


@dataclass
class Plan:
    config: DossierConfig
    lang: str
    profile: m.Profile
    position: str
    route: str
    works: list[WorkData]
    evidence: list[EvidenceEntry]
    testimonials: list[TestimonialEntry]
    anonymiser: privacy.Anonymiser
    withheld: int
    records: dict[str, m.Evidence]   # evidence id -> record
    paths: dict[str, Path]           # evidence id -> stored file
    #: Evidence id -> the file as it leaves the app when it is not the stored
    #: one (without GPS, faces blurred): the PDF's picture and the packaged
    #: file are both made from it, so the hash the PDF prints is the package's.
    copies: dict[str, Path] = field(default_factory=dict)
    #: The readiness appendix (``readiness.SummaryEntry``), when the config asks for it.
    readiness: list = field(default_factory=list)
    #: What readiness finds blocking (``draft.BlockingFinding``): while any, the dossier is a draft.
    blocking: list = field(default_factory=list)

    def leaving(self, evidence_id: str) -> Path:
        """The file of ``evidence_id`` as it leaves the app."""
        return self.copies.get(evidence_id) or self.paths[evidence_id]

    @property
    def is_draft(self) -> bool:
        return bool(self.blocking)
