"""The promotion dossier (PDF) and the verifiable evidence package (zip).

Pure core, no Qt::

    from ent_portfolio.dossier import DossierConfig, build_dossier, build_package, verify_package

    result = build_dossier(portfolio, DossierConfig(language="th"), "dossier.pdf",
                           progress=lambda done, total: ..., cancel=token)
    result.pages, result.size, result.photo_count

    build_package(portfolio, DossierConfig(strip_gps=True), "dossier.zip")
    report = verify_package("dossier.zip")     # VerifyReport
    report.ok, report.missing, report.extra, report.changed, report.unreadable, report.duplicates

Modules: :mod:`.collect` (what goes in, numbering, privacy), :mod:`.images`
(photos and scans for print), :mod:`.builder` (the PDF), :mod:`.chart`
(indicator charts), :mod:`.richtext` (section HTML), :mod:`.package`
(zip, manifest.json, verification of packages from anyone).  ReportLab keeps module-level state:
make one dossier at a time.
"""

from .builder import build_dossier
from .model import Citation, DossierConfig, DossierResult, EvidenceEntry
from .package import PackageResult, VerifyReport, build_package, verify_package

__all__ = [
    "Citation",
    "DossierConfig",
    "DossierResult",
    "EvidenceEntry",
    "PackageResult",
    "VerifyReport",
    "build_dossier",
    "build_package",
    "verify_package",
]
