"""The promotion dossier (PDF) and the verifiable evidence package (zip).

Pure core, no Qt.  The windows and the command line export through
:func:`ent_portfolio.services.dossier.export_dossier`, which is
:func:`.export.export`::

    from ent_portfolio.dossier import DossierConfig, build_dossier, build_package, verify_package

    # from ent_portfolio.dossier.export import export
    result = export(portfolio, DossierConfig(language="th"), "dossier.pdf", package="dossier.zip",
                    progress=lambda done, total: ..., cancel=token)
    result.dossier.pages, result.dossier.photo_count, result.package.file_count
    build_dossier(portfolio, DossierConfig(), "dossier.pdf")   # the PDF alone
    build_package(portfolio, DossierConfig(strip_gps=True), "dossier.zip")   # the package alone
    report = verify_package("dossier.zip")     # VerifyReport
    report.ok, report.missing, report.extra, report.changed, report.unreadable, report.duplicates

Where things are, by what a reader of the PDF sees:

* reading the portfolio into a plan: :mod:`.collect` (with :mod:`.withholding`
  — names of people who did not consent —, :mod:`.selection` — evidence under
  the privacy rules —, :mod:`.numbering`, :mod:`.linking` — testimonials), the
  plan itself in :mod:`.plan`, GPS stripping in :mod:`.gps`;
* the PDF machinery: :mod:`.render` (entry point), :mod:`.document` (template,
  page decoration, passes), :mod:`.flowables`, :mod:`.composer`,
  :mod:`.layout` (geometry, styles), :mod:`.images` (pictures for print),
  :mod:`.richtext` (section HTML), :mod:`.texts` (the dossier's words);
* the parts: :mod:`.front_matter` (cover, contents, applicant, summary),
  :mod:`.work_pages`, :mod:`.indicators` (with :mod:`.chart`),
  :mod:`.contribution`, :mod:`.appendices`;
* the package: :mod:`.package` (zip, manifest.json, verification of packages
  from anyone).

ReportLab keeps module-level state: make one dossier at a time.

Importing the package is cheap: a name is imported from its module on first
access, so a module that needs one part (the letters, the plan) does not
load the whole export (ReportLab, pikepdf, the signing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_names import lazy_names

#: Each name of the package and the module that defines it.
_EXPORTS = {
    # Not the function ``export``: once its module is loaded, the package's
    # ``export`` is that module, and the name would mean one or the other by
    # import order (import it from ``.export``).
    "ExportResult": "export", "build_dossier": "export", "build_package": "export",
    "Citation": "model", "DossierConfig": "model", "DossierResult": "model", "EvidenceEntry": "model",
    "PackageResult": "package",
    "VerifyReport": "verification", "verify_package": "verification",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_names(__name__, globals(), _EXPORTS)


if TYPE_CHECKING:  # pragma: no cover - for type checkers; "x as x" marks a re-export
    from .export import ExportResult as ExportResult
    from .export import build_dossier as build_dossier
    from .export import build_package as build_package
    from .export import export as export
    from .model import Citation as Citation
    from .model import DossierConfig as DossierConfig
    from .model import DossierResult as DossierResult
    from .model import EvidenceEntry as EvidenceEntry
    from .package import PackageResult as PackageResult
    from .verification import VerifyReport as VerifyReport
    from .verification import verify_package as verify_package
