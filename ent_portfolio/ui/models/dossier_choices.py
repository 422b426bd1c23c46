"""What the lecturer chose on the dossier page, as plain data, and the job
that exports it.  The choices are the core's own
:class:`~ent_portfolio.dossier.DossierConfig` (what the command line builds
from its options too) plus where the files go; the job calls the one
export path, :func:`ent_portfolio.services.dossier.export_dossier`.  No
widgets here: the job runs in a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...services.dossier import DossierConfig, ExportResult, export_dossier, removed_on_failure


@dataclass
class DossierChoices:
    config: DossierConfig = field(default_factory=DossierConfig)
    build_package: bool = False
    out_pdf: Path | None = None
    #: An unlocked signing identity: the export signs the PDF (and the package) with it.
    sign_with: object | None = None

    @property
    def package_path(self) -> Path | None:
        return self.out_pdf.with_suffix(".zip") if self.out_pdf and self.build_package else None


def run_export(portfolio, choices: DossierChoices, export: Callable = export_dossier, progress=None,
               cancel=None) -> ExportResult:
    """Export the chosen dossier (and package) into the chosen folder, made
    if missing.  ``export`` is the service (a test may pass another); should
    it fail or be cancelled, no file that was not there before is left."""
    out = Path(choices.out_pdf)
    out.parent.mkdir(parents=True, exist_ok=True)
    package = choices.package_path
    # Only a signed export names the identity: the plain one calls the service as it always did.
    signing = {"sign_with": choices.sign_with} if choices.sign_with is not None else {}
    with removed_on_failure(out, package):
        return export(portfolio, choices.config, out, package=package, progress=progress, cancel=cancel,
                      **signing)
