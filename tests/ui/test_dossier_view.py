"""The dossier page: the choices reach the export use case as the core's
own DossierConfig, export runs as a job with progress, cancel leaves no
file, and the first pages are previewed."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from ent_portfolio.dossier import DossierConfig
from ent_portfolio.ui.context import AppContext


@pytest.fixture
def works(services, tmp_path):
    first = services.works.create(title_th="ธนาคารขยะชุมชน", status="completed")
    second = services.works.create(title_th="น้ำสะอาดเพื่อโรงเรียน", status="completed")
    planned = services.works.create(title_th="โครงการที่ยังวางแผน", status="planned")
    photo = tmp_path / "a.jpg"
    Image.new("RGB", (40, 30), (10, 100, 10)).save(photo)
    e1 = services.evidence.add_file(first.id, photo, kind="photo", caption="ภาพหนึ่ง")
    scan = tmp_path / "b.png"
    Image.new("RGB", (40, 30), (100, 10, 10)).save(scan)
    e2 = services.evidence.add_file(first.id, scan, kind="scan", caption="หนังสือรับรอง")
    return {"first": first, "second": second, "planned": planned, "e1": e1, "e2": e2}


class FakeExport:
    """Stands in for ``services.dossier.export_dossier``: writes a small real
    PDF page by page, honouring progress and cancel."""

    def __init__(self, pages: int = 3, atomic: bool = True):
        self.pages = pages
        self.atomic = atomic
        self.configs = []

    def __call__(self, portfolio, config, out_pdf, package=None, progress=None, cancel=None):
        from reportlab.pdfgen import canvas

        self.configs.append(config)
        target = Path(out_pdf).with_suffix(".part") if self.atomic else Path(out_pdf)
        c = canvas.Canvas(str(target))
        try:
            for page in range(self.pages):
                if progress:
                    progress(page, self.pages)
                if cancel is not None:
                    cancel.raise_if_cancelled()
                c.setFont("Helvetica", 40)
                c.drawString(100, 700, f"Page {page + 1}")
                c.showPage()
                if not self.atomic and page == 0:
                    c.save()  # a careless builder that already wrote part of the file
                    c = canvas.Canvas(str(target))
            c.save()
        except BaseException:
            if self.atomic:  # a careful builder removes its temp file
                target.unlink(missing_ok=True)
            raise
        if self.atomic:
            target.replace(out_pdf)
        if progress:
            progress(self.pages, self.pages)
        return SimpleNamespace(pdf=Path(out_pdf), pages=self.pages, package=None)


def make_view(qtbot, portfolio, exporter, **kwargs):
    from ent_portfolio.ui.views.dossier import DossierView

    context = AppContext(portfolio, synchronous_jobs=True)
    view = DossierView(context, exporter=exporter, **kwargs)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    return context, view


def test_choices_reach_the_export_in_the_chosen_order(qtbot, portfolio, services, works, tmp_path):
    builder = FakeExport()
    _context, view = make_view(qtbot, portfolio, builder)
    ids = [view.works_list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(view.works_list.count())]
    assert set(ids) == {works["first"].id, works["second"].id, works["planned"].id}
    # A planned work starts unticked.
    planned_row = ids.index(works["planned"].id)
    assert view.works_list.item(planned_row).checkState() == Qt.CheckState.Unchecked

    # Put the second work first with the arrow button.
    view.works_list.setCurrentRow(ids.index(works["second"].id))
    for _ in range(view.works_list.currentRow()):
        view.up_button.click()
    assert view.works_list.currentRow() == 0 and not view.up_button.isEnabled()
    # Leave one evidence item of the first work out.
    view.works_list.setCurrentRow([view.works_list.item(i).data(Qt.ItemDataRole.UserRole + 1)
                                   for i in range(view.works_list.count())].index(works["first"].id))
    assert view.evidence_list.count() == 2
    for i in range(view.evidence_list.count()):
        item = view.evidence_list.item(i)
        if item.data(Qt.ItemDataRole.UserRole + 1) == works["e2"].id:
            item.setCheckState(Qt.CheckState.Unchecked)
    assert services.evidence.get(works["e2"].id).include_in_dossier is False
    view.readiness_box.setChecked(True)
    view.language_combo.setCurrentIndex(view.language_combo.findData("en"))
    view.position_combo.setCurrentIndex(view.position_combo.findData("associate_professor"))
    view.out_edit.setText(str(tmp_path / "out" / "dossier.pdf"))

    job = view.export()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    assert job.error is None
    config = builder.configs[-1]
    assert isinstance(config, DossierConfig)  # the command line's configuration type, no name guessing
    assert config.work_ids == [works["second"].id, works["first"].id]
    assert config.evidence_ids[works["first"].id] == [works["e1"].id]
    assert config.include_readiness_appendix is True and config.language == "en"
    assert config.target_position == "associate_professor"
    assert config.strip_gps is True  # photos lose their GPS unless the lecturer keeps it
    assert (tmp_path / "out" / "dossier.pdf").is_file()
    assert view.last_pdf == tmp_path / "out" / "dossier.pdf"


@pytest.mark.parametrize("atomic", [True, False], ids=["builder-writes-temp", "builder-writes-in-place"])
def test_cancel_leaves_no_file(qtbot, portfolio, works, tmp_path, atomic):
    builder = FakeExport(pages=5, atomic=atomic)
    _context, view = make_view(qtbot, portfolio, builder)
    out = tmp_path / "dossier.pdf"
    view.out_edit.setText(str(out))
    job = view.export()
    assert job is not None and not view.export_button.isEnabled()  # one export at a time
    job.progress.connect(lambda done, total: view.cancel_export() if done >= 1 else None)
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    from ent_portfolio.jobs import Cancelled

    assert isinstance(job.error, Cancelled)
    assert not out.exists()
    assert list(tmp_path.glob("dossier*")) == []
    assert view.export_button.isEnabled()
    assert view.export_job is None and view.last_pdf is None


def test_export_shows_page_previews(qtbot, portfolio, works, tmp_path):
    from ent_portfolio.ui.widgets.dossier_preview import pdftoppm

    _context, view = make_view(qtbot, portfolio, FakeExport(pages=3))
    view.out_edit.setText(str(tmp_path / "d.pdf"))
    job = view.export()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    if pdftoppm() is None:
        from tests.pdftools import require_tool

        require_tool("pdftoppm")  # skips here, fails under CI
    qtbot.waitUntil(lambda: view.preview.page_count() == 3, timeout=20000)
    icon = view.preview.item(0).icon()
    assert not icon.pixmap(100, 140).isNull()
    assert view.open_pdf_button.isEnabled()


def test_without_pdftoppm_the_preview_lists_the_contents(qtbot, portfolio, works, tmp_path, monkeypatch):
    from ent_portfolio.ui.views import dossier

    monkeypatch.setattr(dossier, "pdftoppm", lambda: None)
    _context, view = make_view(qtbot, portfolio, FakeExport(pages=1))
    view.out_edit.setText(str(tmp_path / "d.pdf"))
    job = view.export()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    lines = [view.preview.item(i).text() for i in range(view.preview.count())]
    assert any("ธนาคารขยะชุมชน" in line for line in lines)
    assert view.preview.page_count() == 0


def test_nothing_ticked_means_no_export(qtbot, portfolio, works):
    builder = FakeExport()
    _context, view = make_view(qtbot, portfolio, builder)
    for i in range(view.works_list.count()):
        view.works_list.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert not view.export_button.isEnabled()
    assert view.export() is None and builder.configs == []


def test_builder_errors_are_reported(qtbot, portfolio, works, tmp_path):
    from ent_portfolio.errors import UserError

    def broken(portfolio, config, out_pdf, package=None, progress=None, cancel=None):
        raise UserError("error.disk_full")

    context, view = make_view(qtbot, portfolio, broken)
    reported = []
    context.report_error = reported.append
    view.out_edit.setText(str(tmp_path / "d.pdf"))
    job = view.export()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    assert reported and "ดิสก์" in view.status_label.text()
    assert not (tmp_path / "d.pdf").exists()


def test_real_export_in_a_worker_thread_with_package(qtbot, portfolio, services, works, tmp_path):
    """The core's builder, run for real in a worker thread: PDF and package."""
    from ent_portfolio.dossier import verify_package
    from ent_portfolio.ui.views.dossier import DossierView

    services.profile.update(services.profile.current().id, name_th="ดร.สมศรี ใจดี")
    context = AppContext(portfolio, synchronous_jobs=False)
    view = DossierView(context)
    qtbot.addWidget(view)
    out = tmp_path / "real" / "dossier.pdf"
    view.out_edit.setText(str(out))
    view.package_box.setChecked(True)
    job = view.export()
    qtbot.waitUntil(lambda: job.done, timeout=120000)
    assert job.error is None, job.error
    assert out.read_bytes().startswith(b"%PDF")
    assert job.result.pages and job.result.pages >= 3
    assert verify_package(out.with_suffix(".zip")).ok
    assert str(job.result.pages) in view.status_label.text()


def test_the_progress_dialogs_cancel_button_stops_a_running_export(qtbot, portfolio, works, tmp_path):
    """Threaded for real: the builder runs in a worker until Cancel is pressed."""
    import threading

    from ent_portfolio.jobs import Cancelled
    from ent_portfolio.ui.views.dossier import DossierView

    started = threading.Event()

    def slow_builder(portfolio, config, out_pdf, package=None, progress=None, cancel=None):
        Path(out_pdf).write_bytes(b"%PDF-1.4 partial")  # careless: writes in place
        started.set()
        for step in range(500):
            progress(step, 500)
            cancel.raise_if_cancelled()
            threading.Event().wait(0.01)
        return out_pdf

    context = AppContext(portfolio, synchronous_jobs=False)
    view = DossierView(context, exporter=slow_builder)
    qtbot.addWidget(view)
    out = tmp_path / "slow.pdf"
    view.out_edit.setText(str(out))
    job = view.export()
    qtbot.waitUntil(started.is_set, timeout=5000)
    from PySide6.QtWidgets import QPushButton

    view.progress_dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    assert isinstance(job.error, Cancelled)
    assert not out.exists()
    assert view.export_button.isEnabled() and view.progress_dialog is None


def test_the_last_export_is_shown_again_when_the_page_reopens(qtbot, portfolio, works, tmp_path):
    from ent_portfolio.ui.views.dossier import DossierView

    context, view = make_view(qtbot, portfolio, FakeExport(pages=2))
    out = tmp_path / "kept.pdf"
    view.out_edit.setText(str(out))
    job = view.export()
    qtbot.waitUntil(lambda: job.done, timeout=10000)

    again = DossierView(context, exporter=FakeExport())
    qtbot.addWidget(again)
    assert again.last_pdf == out and again.out_edit.text() == str(out)
    assert again.open_pdf_button.isEnabled()
    out.unlink()  # gone: nothing stale is offered
    third = DossierView(context, exporter=FakeExport())
    qtbot.addWidget(third)
    assert third.last_pdf is None and not third.open_pdf_button.isEnabled()


def test_a_final_version_is_refused_while_readiness_blocks_and_nothing_is_written(qtbot, portfolio, works, tmp_path,
                                                                                    monkeypatch):
    """The window's 'final' choice is the command line's --final: the real
    export refuses it, naming what blocks, in the window's language."""
    from ent_portfolio.ui.views.dossier import DossierView

    context = AppContext(portfolio, synchronous_jobs=True)
    monkeypatch.setattr(context, "report_error", lambda exc: None)  # the status line says it
    view = DossierView(context)
    qtbot.addWidget(view)
    out = tmp_path / "final" / "dossier.pdf"
    view.out_edit.setText(str(out))
    view.final_box.setChecked(True)
    assert view.choices().config.final is True
    job = view.export()
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert getattr(job.error, "key", None) == "dossier.not_final", job.error
    assert not out.exists() and (not out.parent.exists() or list(out.parent.iterdir()) == [])
    assert "ยังจัดทำแฟ้มฉบับสมบูรณ์ไม่ได้" in view.status_label.text()
