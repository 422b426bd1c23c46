"""The small things a lecturer trips over in the first hour (issue 14, item 10):
words beside a check box that do not tick it, a clipped percentage, file names
whose underscores vanish, and a dossier named by the wrong calendar."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from ent_portfolio.ui.context import AppContext

SHOTS = Path("/tmp/shots14")


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


# --------------------------------------------------------- dossier file name

@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_default_dossier_name_is_dated_in_the_calendar_of_the_language(qtbot, portfolio, lang):
    from ent_portfolio.ui.views.dossier import DossierView

    context = AppContext(portfolio, synchronous_jobs=True)
    context.language = lang
    view = DossierView(context)
    qtbot.addWidget(view)
    today = _dt.date.today()
    name = Path(view.out_edit.text()).name
    if lang == "th":
        assert name == f"แฟ้มผลงาน-{today.year + 543}-{today:%m-%d}.pdf"
    else:
        assert name == f"EnT-dossier-{today.isoformat()}.pdf"


# ------------------------------------------------------ progress percentage

LONG_THAI = ("กำลังสร้างแฟ้มเสนอขอ รวมภาพถ่าย หนังสือรับรอง และหลักฐานทั้งหมดของผลงานบริการวิชาการแก่สังคม"
             "ที่เลือกไว้ทั้งสิบสองเรื่อง ตรวจความยินยอมของภาคีเครือข่าย และลบตำแหน่งที่ถ่ายภาพออก โปรดรอสักครู่")


@pytest.fixture
def app_font_and_style(qapp):
    """Set the application's font size and style for one test, and put them back."""
    from ent_portfolio.ui.app import create_application

    create_application()  # the app's Thai font
    font, style = qapp.font(), qapp.style().name()

    def use(points: int, style_name: str) -> None:
        bigger = qapp.font()
        bigger.setPointSize(points)
        qapp.setFont(bigger)
        qapp.setStyle(style_name)

    yield use
    qapp.setFont(font)
    qapp.setStyle(style)


@pytest.mark.parametrize("style", ["Fusion", "Windows"])  # Windows draws the percentage beside the bar
@pytest.mark.parametrize("points", [9, 12, 18, 26])
@pytest.mark.parametrize("text", [LONG_THAI, "Building the dossier…", "กำลังสร้างแฟ้มเสนอขอ…"])
def test_the_progress_percentage_shows_whole(qtbot, app_font_and_style, style, points, text):
    from ent_portfolio.ui.jobs import Job
    from ent_portfolio.ui.qt import QFontMetrics, QGuiApplication, QProgressBar, QStyle, QStyleOptionProgressBar
    from ent_portfolio.ui.qt import QWidget as Parent
    from ent_portfolio.ui.widgets.job_progress import follow_job

    app_font_and_style(points, style)
    parent = Parent()
    qtbot.addWidget(parent)
    job = Job()
    dialog = follow_job(job, parent, text, "ส่งออก", "ยกเลิก", minimum_duration=0)
    job.progress.emit(100, 100)
    dialog.show()
    qtbot.waitExposed(dialog)
    bar = dialog.findChild(QProgressBar)
    assert bar.text() == "100%"
    option = QStyleOptionProgressBar()
    bar.initStyleOption(option)
    text_rect = bar.style().subElementRect(QStyle.SubElement.SE_ProgressBarLabel, option, bar) \
        .intersected(bar.contentsRect())
    metrics = QFontMetrics(bar.font())
    assert metrics.horizontalAdvance(bar.text()) <= text_rect.width()
    assert metrics.height() <= text_rect.height()
    # The bar lies whole inside the dialog, and the dialog fits the screen.
    assert dialog.rect().contains(bar.geometry())
    assert dialog.width() <= QGuiApplication.primaryScreen().availableGeometry().width()
    if text == LONG_THAI and points == 18 and style == "Windows":
        _shot(dialog, "progress-long-thai-18pt-windows-style")
    if text == LONG_THAI and points == 12 and style == "Fusion":
        _shot(dialog, "progress-long-thai-12pt")
    job.finished.emit()
