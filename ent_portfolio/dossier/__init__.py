"""The promotion dossier (PDF) and the verifiable evidence package (zip).

Pure core, no Qt.  The windows and the command line export through
:func:`ent_portfolio.services.dossier.export_dossier`, which is
:func:`.export.export`::

    from ent_portfolio.dossier import DossierConfig, build_dossier, build_package, verify_package

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
"""

from .export import ExportResult, build_dossier, build_package, export
from .model import Citation, DossierConfig, DossierResult, EvidenceEntry
from .package import PackageResult
from .verification import VerifyReport, verify_package

__all__ = [
    "Citation",
    "DossierConfig",
    "DossierResult",
    "EvidenceEntry",
    "ExportResult",
    "PackageResult",
    "VerifyReport",
    "build_dossier",
    "build_package",
    "export",
    "verify_package",
]
