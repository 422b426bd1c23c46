"""A testimonial with two scans linked to its writer (the letter, and an
earlier or later copy — what filing a newly printed letter leaves): the
dossier shows one as the letter and the other as a scan, and every citation
leads somewhere.  Before, both counted as the letter, the testimonial's page
drew one, and the export stopped on a link to nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageDraw

from ent_portfolio.domain import models as m
from ent_portfolio.dossier.export import export
from ent_portfolio.dossier.model import DossierConfig
from ent_portfolio.services import Services
from ent_portfolio.services.importer import import_evidence


def _scan(path: Path, text: str) -> Path:
    page = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(page).text((80, 80), text, fill="black")
    page.save(path, "JPEG", quality=85)
    return path


def test_a_second_scan_of_a_testimonials_writer_is_shown_as_a_scan(demo, tmp_path):
    with demo.session() as s:
        t = s.query(m.Testimonial).filter(m.Testimonial.letter_evidence_id.isnot(None)).first()
        testimonial_id, work_id, letter_id = t.id, t.work_id, t.letter_evidence_id
    added = import_evidence(demo, work_id, [_scan(tmp_path / "copy-of-letter.jpg", "second copy")]).evidence_ids
    Services(demo).evidence.update(added[0], testimonial_id=testimonial_id, kind="scan")

    out = tmp_path / "dossier.pdf"
    result = export(demo, DossierConfig(), out, package=tmp_path / "package.zip")

    shown = {e.evidence_id: e.shown_as for e in result.dossier.evidence}
    assert shown[letter_id] == "letter"
    assert shown[added[0]] == "scan"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "copy-of-letter.jpg" in text
