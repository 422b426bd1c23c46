"""The windows and the command line make the same dossier for the same
choices: both call ``services.dossier.export_dossier`` with a
``DossierConfig``, and this checks what a reviewer receives — the PDF's
pages and text, and the package's manifest — from each door."""

from __future__ import annotations

import json
import zipfile

from PySide6.QtCore import Qt

from ent_portfolio.cli import main
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui.context import AppContext
from tests.pdftools import pdftotext, require_tool

IdRole = Qt.ItemDataRole.UserRole + 1


def _manifest(package) -> dict:
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        manifest["members"] = sorted(zf.namelist())
    del manifest["created"]
    # the two PDFs differ in their creation time only: their hash and size are compared as text and pages
    del manifest["dossier"]["sha256"], manifest["dossier"]["size"]
    return manifest


def test_the_window_and_the_command_line_make_the_same_dossier(qtbot, demo_dir, tmp_path):
    require_tool("pdftotext")
    from ent_portfolio.ui.views.dossier import DossierView

    portfolio = Portfolio.open(demo_dir)
    try:
        view = DossierView(AppContext(portfolio, synchronous_jobs=True))
        qtbot.addWidget(view)
        # choices a lecturer makes: the last work first, one photo of it left out,
        # English, a target position, the readiness appendix, the package (without GPS, the default)
        view.works_list.setCurrentRow(view.works_list.count() - 1)
        while view.works_list.currentRow() > 0:
            view.up_button.click()
        view.evidence_list.item(0).setCheckState(Qt.CheckState.Unchecked)
        view.language_combo.setCurrentIndex(view.language_combo.findData("en"))
        view.position_combo.setCurrentIndex(view.position_combo.findData("associate_professor"))
        view.readiness_box.setChecked(True)
        view.package_box.setChecked(True)
        window_pdf = tmp_path / "window" / "dossier.pdf"
        view.out_edit.setText(str(window_pdf))
        ticked = [view.works_list.item(i).data(IdRole) for i in range(view.works_list.count())
                  if view.works_list.item(i).checkState() == Qt.CheckState.Checked]
        job = view.export()
        qtbot.waitUntil(lambda: job.done, timeout=120000)
        assert job.error is None, job.error
    finally:
        portfolio.close()

    cli_pdf, cli_zip = tmp_path / "cli.pdf", tmp_path / "cli.zip"
    argv = ["dossier", "--portfolio", str(demo_dir), "--out", str(cli_pdf), "--package", str(cli_zip),
            "--lang", "en", "--position", "associate_professor", "--readiness"]
    for wid in ticked:
        argv += ["--work", wid]
    assert main(argv) == 0

    window_text, cli_text = pdftotext(window_pdf), pdftotext(cli_pdf)
    assert "Associate Professor" in window_text and "Appendix D" in window_text  # the choices took effect
    assert window_text == cli_text
    assert job.result.pages == window_text.count("\f") == cli_text.count("\f")
    window_manifest = _manifest(window_pdf.with_suffix(".zip"))
    assert window_manifest == _manifest(cli_zip)
    assert any(f["gps_stripped"] for f in window_manifest["files"])
    # the PDF beside each package is the very file inside it
    for pdf, package in ((window_pdf, window_pdf.with_suffix(".zip")), (cli_pdf, cli_zip)):
        with zipfile.ZipFile(package) as zf:
            assert zf.read("dossier.pdf") == pdf.read_bytes()
