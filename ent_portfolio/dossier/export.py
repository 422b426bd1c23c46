"""One export: the dossier PDF and, when asked, the evidence package
holding that same PDF, made from one reading of the portfolio.

:func:`export` is the only path from a portfolio to a dossier: the
windows and the command line reach it through
:func:`ent_portfolio.services.dossier.export_dossier` with the same
:class:`~.model.DossierConfig`, so the same choices give the same dossier.
Its steps: check where the files go (both, before anything is made), read
the portfolio into a plan (:func:`~.collect.collect`), strip GPS once
(:mod:`.gps`), blur the faces that may not leave sharp (:mod:`.faces`),
render the PDF from the plan (:mod:`.render`), when a signing identity is
given make it PDF/A and sign it (:mod:`ent_portfolio.signing.pdf`), and zip
it with the files (:mod:`.package`).  A failed or cancelled export leaves no
file that was not there before."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from sqlalchemy import select

from ..domain import models as m
from ..jobs import CancelToken, Progress
from ..signing.identity import Identity
from ..signing.pdf import document_info, make_pdfa, sign_pdf
from ..storage.files import atomic_write
from ..storage.paths import ensure_distinct, ensure_outside_portfolio, ensure_writable_target
from ..storage.portfolio import Portfolio
from ..typeset.segmentation import extra_words
from .collect import collect
from .draft import blocking_findings, refuse_unless_final
from .faces import blur_face_copies
from .gps import strip_gps_copies
from .images import prune_cache
from .layout import BOTTOM, LEFT, PAGE_W, RIGHT
from .model import DossierConfig, DossierResult
from .own_words import own_words
from .package import PDF_NAME, PackageResult, write_package
from .plan import Plan
from .render import render_dossier
from .texts import t

#: Folder under the portfolio's thumbnails that caches pictures prepared for print.
PRINT_CACHE = "print"
#: Where the signature field sits on the declaration page: across the frame,
#: just above the running footer, below the signature block (the
#: declaration is a fixed text that ends half-way down its page).
SIGNATURE_BOX = (LEFT, BOTTOM + 12, PAGE_W - RIGHT, BOTTOM + 12 + 58)


@dataclass
class ExportResult:
    """What one export made: the PDF and, when asked, the package holding it."""

    dossier: DossierResult
    package: PackageResult | None = None

    @property
    def pdf(self) -> Path:
        return self.dossier.path

    @property
    def pages(self) -> int:
        return self.dossier.pages


@contextmanager
def removed_on_failure(*targets: Path | None) -> Iterator[None]:
    """Should the block fail or be cancelled, the targets that were not
    there before it are removed (the files themselves are written
    temp-then-rename; this also covers a pair of which one was written)."""
    new = [Path(p) for p in targets if p is not None and not Path(p).exists()]
    try:
        yield
    except BaseException:
        for path in new:
            if path.is_file():
                path.unlink()
        raise


def _checked_targets(folder: Path, pdf, package) -> tuple[Path, Path | None]:
    """Both outputs checked before the PDF is made: a package refused after
    it would leave the PDF written and the export failed."""
    pdf = ensure_outside_portfolio(folder, ensure_writable_target(pdf))
    if package is not None:
        package = ensure_outside_portfolio(folder, ensure_writable_target(package))
        ensure_distinct(pdf, package)
    return pdf, package


def _print_cache(portfolio: Portfolio, plan: Plan) -> Path | None:
    """``thumbnails/print/``: pictures prepared for print, kept between exports
    (a cache: deleting it only makes the next export slower), pruned of
    pictures no evidence uses.  Entries are written temp-then-rename and never
    touch the database, so a portfolio opened read-only (the command line
    beside a running app) uses it too."""
    folder = portfolio.thumbnail_dir / PRINT_CACHE
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    with portfolio.reader() as session:
        stored = set(session.scalars(select(m.Evidence.sha256)))
    # a blurred copy's print is keyed by the copy's own hash (render.image_jobs)
    prune_cache(folder, {e.stored_sha256 for e in plan.evidence} | stored
                | {e.sha256 for e in plan.evidence if e.faces_blurred})
    return folder


def _scratch(portfolio: Portfolio) -> Path:
    # The portfolio decides: tmp/ for a writer, the system temp folder for a
    # read-only opener (a writer opening meanwhile cleans tmp/).
    try:
        return portfolio.scratch_dir(".tmp-dossier-")
    except OSError:
        return Path(tempfile.mkdtemp(prefix="ent-dossier-"))


def export(portfolio: Portfolio, config: DossierConfig | None, out_pdf: Path | str | None,
           package: Path | str | None = None, progress: Progress | None = None,
           cancel: CancelToken | None = None, sign_with: Identity | None = None) -> ExportResult:
    """Write the dossier of ``portfolio`` to ``out_pdf`` and, with
    ``package``, the evidence package holding that same PDF (both
    atomically).  ``out_pdf`` may be None when only the package is wanted.
    With ``sign_with`` the PDF is archival PDF/A-2b and signed on its
    declaration page, and the package holds that signed file.

    ``progress(done, total)`` rises to its total once; ``cancel`` stops the
    export between any two steps (:class:`~ent_portfolio.jobs.Cancelled`)."""
    config = config or DossierConfig()
    if out_pdf is not None:
        out_pdf, package = _checked_targets(portfolio.folder, out_pdf, package)
    else:
        package = ensure_outside_portfolio(portfolio.folder, ensure_writable_target(package))
    plan = collect(portfolio, config)
    plan.blocking = blocking_findings(portfolio, plan)
    refuse_unless_final(plan)
    scratch = _scratch(portfolio)
    try:
        with removed_on_failure(out_pdf, package), extra_words(own_words(plan)):
            if config.strip_gps:
                strip_gps_copies(plan, scratch)
            blur_face_copies(plan, scratch, cancel)
            packaged = plan.copies
            cache = _print_cache(portfolio, plan)
            if package is None and sign_with is None:
                return ExportResult(render_dossier(plan, out_pdf, work_dir=scratch, cache_dir=cache,
                                                   progress=progress, cancel=cancel))
            return _export_with_package(plan, out_pdf, package, packaged, scratch, cache, progress, cancel,
                                        sign_with)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def declaration_page(pdf: Path, lang: str) -> int:
    """The 0-based page the declaration of academic ethics starts on, as
    the PDF's own outline points to it (the first page should it be missing)."""
    title = t("ethics_decl", lang)
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:
        pages = {page.objgen: k for k, page in enumerate(doc.pages)}
        for item in outline.root:
            destination = item.destination
            if item.title.startswith(title) and isinstance(destination, pikepdf.Array) and len(destination):
                return pages.get(destination[0].objgen, 0)
    return 0


def _signed(plan: Plan, dossier: DossierResult, made: Path, scratch: Path, identity: Identity,
            cancel: CancelToken | None) -> Path:
    """``made`` as PDF/A-2b, signed on its declaration page, in the scratch
    folder; the result describes the signed file from now on."""
    if cancel is not None:
        cancel.raise_if_cancelled()
    title, author, lang_tag = document_info(made)
    archival = scratch / "dossier-pdfa.pdf"
    make_pdfa(made, archival, title=title, author=author, lang=lang_tag)
    if cancel is not None:
        cancel.raise_if_cancelled()
    signed = scratch / "dossier-signed.pdf"
    sign_pdf(archival, signed, identity, page=declaration_page(archival, plan.lang), box=SIGNATURE_BOX,
             lang=plan.lang)
    data = signed.read_bytes()
    dossier.size, dossier.sha256 = len(data), hashlib.sha256(data).hexdigest()
    return signed


def _export_with_package(plan: Plan, out_pdf: Path | None, package: Path | None, packaged: dict[str, Path],
                         scratch: Path, cache: Path | None, progress: Progress | None,
                         cancel: CancelToken | None, sign_with: Identity | None = None) -> ExportResult:
    """The PDF made once, in the scratch folder (and signed there); zipped
    first, then put in its place: the PDF beside the package is the very
    file inside it."""
    pdf_total = 1

    def pdf_progress(done: int, total: int) -> None:
        nonlocal pdf_total
        pdf_total = total
        if progress is not None:
            progress(done, total * 2)

    def files_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(pdf_total + round(done / max(1, total) * (pdf_total - 1)), pdf_total * 2)

    made = scratch / PDF_NAME
    dossier = render_dossier(plan, made, work_dir=scratch, cache_dir=cache, progress=pdf_progress, cancel=cancel)
    if sign_with is not None:
        made = _signed(plan, dossier, made, scratch, sign_with, cancel)
    result = None
    if package is not None:
        result = write_package(plan, dossier, made, package, packaged, progress=files_progress, cancel=cancel,
                               sign_with=sign_with, pdf_signed=sign_with is not None)
    if out_pdf is not None:
        if cancel is not None:
            cancel.raise_if_cancelled()
        with atomic_write(out_pdf) as handle, open(made, "rb") as source:
            shutil.copyfileobj(source, handle, 1 << 20)
        dossier.path = out_pdf
    if progress is not None:
        progress(pdf_total * 2, pdf_total * 2)
    return ExportResult(dossier, result)


def build_dossier(portfolio: Portfolio, config: DossierConfig | None, out_pdf, progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> DossierResult:
    """The dossier PDF alone (see :func:`export`)."""
    return export(portfolio, config, out_pdf, progress=progress, cancel=cancel).dossier


def build_package(portfolio: Portfolio, config: DossierConfig | None, out_zip, progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> PackageResult:
    """The evidence package alone, its PDF inside it (see :func:`export`)."""
    return export(portfolio, config, None, package=out_zip, progress=progress, cancel=cancel).package
