"""The dossier and readiness use cases the windows and the command line
both call: the same function with the same configuration, so the same
choices give the same dossier and the same findings whichever door the
lecturer used.

:func:`export_dossier` reads the portfolio once into a plan and renders
the PDF (and the package holding that same PDF) from it; see
:mod:`ent_portfolio.dossier.export`."""

from __future__ import annotations

from pathlib import Path

from ..dossier import DossierConfig, ExportResult
from ..dossier.export import export, removed_on_failure
from ..jobs import CancelToken, Progress
from ..signing.identity import Identity
from ..storage.portfolio import Portfolio
from .readiness import check_readiness

__all__ = ["DossierConfig", "ExportResult", "check_readiness", "export_dossier", "removed_on_failure"]


def export_dossier(portfolio: Portfolio, config: DossierConfig, out_pdf: Path | str,
                   package: Path | str | None = None, progress: Progress | None = None,
                   cancel: CancelToken | None = None, sign_with: Identity | None = None) -> ExportResult:
    """The dossier PDF at ``out_pdf`` and, with ``package``, the evidence
    package holding that same PDF.  Both targets are checked before anything
    is made; a failed or cancelled export leaves no new file.  With
    ``sign_with`` the PDF is archival and signed, and the package's manifest
    signed by the same identity."""
    return export(portfolio, config, out_pdf, package=package, progress=progress, cancel=cancel,
                  sign_with=sign_with)
