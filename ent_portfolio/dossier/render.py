"""The dossier PDF made from a plan: the file a promotion committee reads.

:func:`render_dossier` prepares the pictures for print in parallel
(:mod:`.images`), lays the parts out (:mod:`.document`) and writes the PDF
to a temporary file beside the target, renamed over it at the end: a
cancelled or failed export leaves no partial file.  It receives a
:class:`~.plan.Plan`, never a portfolio: everything it prints was read
before (:func:`~.collect.collect`).

Navigation: every heading is a named destination and an outline entry
(work → its sections); every evidence reference (``E-12``) links to the
item in the appendix, and the manifest links back to each citation.
ReportLab keeps module-level state: make one dossier at a time."""

from __future__ import annotations

import copy
import hashlib
import time
from pathlib import Path

from reportlab import rl_config

from .. import __version__
from ..errors import UserError
from ..jobs import CancelToken, Progress
from ..storage.files import atomic_write
from .composer import Composer
from .document import lay_out
from .flowables import PassState
from .images import SCAN_DPI, ImageJob, PreparedImage, prepare_images
from .layout import PHOTO_BOX, SCAN_BOX
from .model import DossierResult
from .plan import Plan
from .richtext import is_cut
from .texts import t


def image_jobs(plan: Plan) -> list[ImageJob]:
    """The pictures the appendices print, each fitted to its box, made from
    the file as it leaves the app (``Plan.copies``): the PDF never shows a
    face the packaged file has blurred."""
    jobs = []
    for e in plan.evidence:
        path = plan.leaving(e.evidence_id)
        # The print cache is keyed by the pixels' source: a GPS-free copy has
        # the stored file's pixels, a blurred one its own (so a sharp print is
        # never served for a blurred copy, nor the reverse).
        pixels = e.sha256 if e.faces_blurred else e.stored_sha256
        if e.shown_as == "photo":
            jobs.append(ImageJob(e.ref, path, PHOTO_BOX[0], PHOTO_BOX[1], sha256=pixels))
        elif e.shown_as in ("scan", "letter"):
            jobs.append(ImageJob(e.ref, path, SCAN_BOX[0], SCAN_BOX[1], gray=True, dpi=SCAN_DPI, sha256=pixels))
    return jobs


def _prepare(plan: Plan, jobs: list[ImageJob], work_dir: Path, cache_dir: Path | None, progress,
             cancel) -> dict[str, PreparedImage]:
    try:
        return prepare_images(jobs, work_dir, cache_dir=cache_dir, progress=progress,
                              cancelled=(lambda: cancel.cancelled) if cancel is not None else None)
    except ValueError as exc:
        ref = str(exc).split(":", 1)[0]
        entry = next((e for e in plan.evidence if e.ref == ref), None)
        raise UserError("dossier.bad_image", name=entry.original_name if entry else ref,
                        detail=str(exc).split(":", 1)[-1].strip()) from exc


def _metadata(comp: Composer) -> dict:
    lang = comp.lang
    return dict(
        title=f"{t('doc_title', lang)} — {comp.applicant_full}",
        author=comp.applicant_full,
        subject=t("subject", lang, position=comp.position_label),
        keywords=t("keywords", lang),
        creator=f"EnT Portfolio {__version__}",
        lang="th-TH" if lang == "th" else "en-GB",
    )


def render_dossier(plan: Plan, out_pdf, *, work_dir: Path, cache_dir: Path | None = None,
                   progress: Progress | None = None, cancel: CancelToken | None = None) -> DossierResult:
    """Write the dossier of ``plan`` to ``out_pdf`` (atomically).

    ``work_dir``: a scratch folder for the pictures prepared for print;
    ``cache_dir``: where prepared pictures are kept between exports.
    ``progress(done, total)`` is called as pictures are prepared and as each
    layout pass ends; ``cancel`` stops the export between any two steps
    (:class:`~ent_portfolio.jobs.Cancelled`), leaving no file behind."""
    started = time.perf_counter()
    out_pdf = Path(out_pdf)
    jobs = image_jobs(plan)
    total_steps = len(jobs) + 4
    done = 1  # reading the portfolio

    def report(n: int) -> None:
        if progress is not None:
            progress(min(n, total_steps), total_steps)

    report(done)
    if cancel is not None:
        cancel.raise_if_cancelled()
    images = _prepare(plan, jobs, work_dir, cache_dir, (lambda k: report(done + k)) if progress else None, cancel)
    done += len(jobs)
    if cancel is not None:
        cancel.raise_if_cancelled()

    state = PassState()
    state.cancel = cancel
    comp = Composer(plan, state, images)

    def tick() -> None:
        nonlocal done
        done += 1
        report(done)

    # binary streams: ASCII85 (ReportLab's default) makes images 25 % larger
    # and its pure-Python encoder is the slowest step of a photo-heavy export
    saved_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        data, pages = lay_out(comp, _metadata(comp), tick, cancel)
    finally:
        rl_config.useA85 = saved_a85
    with atomic_write(out_pdf) as handle:
        handle.write(data)
    report(total_steps)
    return _result(plan, state, images, out_pdf, data, pages, time.perf_counter() - started)


def _result(plan: Plan, state: PassState, images: dict[str, PreparedImage], out_pdf: Path, data: bytes,
            pages: int, seconds: float) -> DossierResult:
    final = state.pages
    for e in plan.evidence:
        e.page = final.get(f"ev-{e.number}")
        for c in e.citations:
            c.page = final.get(c.anchor)
    lang = plan.lang
    return DossierResult(
        path=out_pdf, pages=pages, size=len(data),
        photo_count=sum(1 for e in plan.evidence if e.shown_as == "photo" and e.ref in images),
        scan_count=sum(1 for e in plan.evidence if e.shown_as in ("scan", "letter") and e.ref in images),
        evidence_count=len(plan.evidence), withheld_count=plan.withheld,
        seconds=seconds, sha256=hashlib.sha256(data).hexdigest(), language=lang,
        evidence=plan.evidence, config=copy.deepcopy(plan.config),
        shortened_sections=[
            (wd.title(lang), (tpl.title_en if lang == "en" and tpl.title_en else tpl.title_th) or tpl.key)
            for wd in plan.works for tpl, content in wd.sections if is_cut(content)],
        image_bytes=sum(img.bytes for ref, img in images.items()
                        if any(e.ref == ref and e.shown_as == "photo" for e in plan.evidence)),
    )
