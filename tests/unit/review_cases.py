"""The packages the reviewer-mode tests open: the demo's dossier signed by
the lecturer's identity, made once per test run (an export takes seconds)
and shared by the review test files; tests copy what they change.

Hostile variants are made from it in the tests themselves (a byte of an
evidence file changed, the manifest edited, the PDF replaced)."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

LECTURER = "กนกวรรณ ศรีวงศ์"
REVIEWER = "ศาสตราจารย์ ดร.วิชัย ประเมินดี"
PASSPHRASE = b"pass phrase of the review tests"


@dataclass(frozen=True)
class ReviewCase:
    folder: Path
    package: Path
    lecturer_p12: Path
    reviewer_p12: Path
    passphrase_file: Path
    portfolio: Path


_built: dict[str, ReviewCase] = {}


def review_case(demo_template: Path, tmp_path_factory) -> ReviewCase:
    if "case" in _built:
        return _built["case"]
    from ent_portfolio.dossier import DossierConfig
    from ent_portfolio.services.dossier import export_dossier
    from ent_portfolio.signing.identity import create_identity
    from ent_portfolio.storage.portfolio import Portfolio

    root = tmp_path_factory.mktemp("review")
    portfolio = root / "demo"
    shutil.copytree(demo_template, portfolio)
    lecturer = create_identity(LECTURER, PASSPHRASE, root / "lecturer.p12")
    create_identity(REVIEWER, PASSPHRASE, root / "reviewer.p12")
    secret = root / "passphrase.txt"
    secret.write_bytes(PASSPHRASE + b"\n")
    received = root / "received"
    received.mkdir()
    with Portfolio.open(portfolio, read_only=True) as opened:
        export_dossier(opened, DossierConfig(), None, package=received / "dossier-package.zip", sign_with=lecturer)
    _built["case"] = ReviewCase(received, received / "dossier-package.zip", root / "lecturer.p12",
                                root / "reviewer.p12", secret, portfolio)
    return _built["case"]


def rewrite_zip(source: Path, target: Path, change) -> Path:
    """A copy of the zip ``source`` at ``target`` with ``change(name, data)``
    deciding each member's new bytes (None drops it)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return target
