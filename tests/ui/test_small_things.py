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


# ------------------------------------------------ underscores on the cards

def _card(caption: str):
    """One evidence card as the grid paints it, on a white image."""
    from ent_portfolio.ui.app import create_application
    from ent_portfolio.ui.models.evidence_model import DateTextRole, PlaceRole
    from ent_portfolio.ui.qt import QColor, QImage, QPainter, QStandardItem, QStandardItemModel, QStyleOptionViewItem
    from ent_portfolio.ui.qt import QWidget as Host
    from ent_portfolio.ui.widgets.evidence_grid import TILE, EvidenceDelegate

    create_application()
    model = QStandardItemModel()
    item = QStandardItem(caption)
    item.setData("15 ต.ค. 2566", DateTextRole)
    item.setData("บ้านแม่ฮ่องสอน", PlaceRole)
    model.appendRow(item)
    host = Host()
    option = QStyleOptionViewItem()
    option.initFrom(host)
    option.rect = host.rect().adjusted(0, 0, TILE.width() - host.width(), TILE.height() - host.height())
    image = QImage(TILE, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    EvidenceDelegate().paint(painter, option, model.index(0, 0))
    painter.end()
    return image


def _dark_pixels(image, rows: range, columns: range) -> int:
    return sum(1 for y in rows for x in columns if image.pixelColor(x, y).lightness() < 128)


@pytest.mark.parametrize("name,plain", [("รูป_กิจกรรม_01.jpg", "รูป กิจกรรม 01.jpg"),
                                        ("photo_2566_01.jpg", "photo 2566 01.jpg"),
                                        ("ภาพ__ชุมชน.png", "ภาพ  ชุมชน.png")])
def test_underscores_in_a_file_name_are_drawn_on_its_card(qapp, name, plain):
    from ent_portfolio.ui.qt import QFontMetrics
    from ent_portfolio.ui.widgets.evidence_grid import TILE

    with_underscores, with_spaces = _card(name), _card(plain)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with_underscores.save(str(SHOTS / f"evidence-card-{len(name)}.png"))
    # The only difference between the two names is the underscores: the cards must differ, below the
    # caption's baseline, where the underscores are.
    metrics = QFontMetrics(qapp.font())
    differing_rows = {y for y in range(TILE.height()) for x in range(TILE.width())
                      if with_underscores.pixelColor(x, y) != with_spaces.pixelColor(x, y)}
    assert differing_rows, "the underscores were not drawn"
    underscore_ink = metrics.tightBoundingRect("_")
    assert underscore_ink.top() > 0  # below the baseline: the rows a clipped line loses
    lowest = max(differing_rows)
    band = range(lowest - underscore_ink.height() - 1, lowest + 1)
    assert _dark_pixels(with_underscores, band, range(TILE.width())) > _dark_pixels(with_spaces, band,
                                                                                    range(TILE.width()))


# ---------------------------------------------------- check boxes' words

def _click_the_words(qtbot, box) -> None:
    """Click the middle of the check box's text, not its square."""
    from ent_portfolio.ui.qt import QPoint, QStyle, QStyleOptionButton, Qt

    option = QStyleOptionButton()
    box.initStyleOption(option)
    words = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert words.width() > 20 and not words.intersects(indicator)
    # The middle of the words themselves (the box may be wider than its text).
    middle = QPoint(words.left() + min(box.fontMetrics().horizontalAdvance(box.text()), words.width()) // 2,
                    words.center().y())
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=middle)


def _toggles_by_its_words_and_the_keyboard(qtbot, box) -> None:
    from ent_portfolio.ui.qt import Qt

    before = box.isChecked()
    _click_the_words(qtbot, box)
    assert box.isChecked() is not before
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() is before


def _contact_specs():
    from ent_portfolio.ui.forms import FieldSpec

    return [FieldSpec("name", "Name", required=True), FieldSpec("consent", "Agreed to be contacted", "bool")]


@pytest.mark.parametrize("lang,words", [("th", "ยินยอมให้ติดต่อ"), ("en", "Agreed to be contacted")])
def test_a_yes_no_field_of_a_record_dialog_is_ticked_by_its_words(make_window, qtbot, lang, words):
    from ent_portfolio.ui.dialogs.record_form import RecordFormDialog
    from ent_portfolio.ui.qt import QLabel

    window = make_window(lang=lang)
    dialog = RecordFormDialog("contact", _contact_specs(), {"consent": False}, lang, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.widgets["consent"]
    assert box.text() == words
    assert words not in [label.text() for label in dialog.findChildren(QLabel)]  # no label beside the box
    _toggles_by_its_words_and_the_keyboard(qtbot, box)
    _click_the_words(qtbot, box)
    assert dialog.values()["consent"] is True
    if lang == "th":
        _shot(dialog, "record-dialog-checkbox-th")


def test_a_yes_no_field_of_a_saving_form_is_ticked_by_its_words_and_follows_the_language(make_window, qtbot, demo_dir):
    from ent_portfolio.ui.language import apply_language
    from ent_portfolio.ui.qt import QLabel
    from ent_portfolio.ui.widgets.autoform import AutoForm

    window = make_window(demo_dir, lang="th")
    for labels_above in (False, True):
        form = AutoForm(window.context, "partners", "partner", _contact_specs(), labels_above=labels_above)
        qtbot.addWidget(form)
        form.setEnabled(True)
        form.show()
        qtbot.waitExposed(form)
        box = form.widgets["consent"]
        assert box.text() == "ยินยอมให้ติดต่อ" and "consent" not in form.labels
        assert "ยินยอมให้ติดต่อ" not in [label.text() for label in form.findChildren(QLabel)]
        _toggles_by_its_words_and_the_keyboard(qtbot, box)
    apply_language("en", window.context)
    qtbot.waitUntil(lambda: box.text() == "Agreed to be contacted")  # Qt posts the language change
    assert form.labels["name"].text() == "Name *"


@pytest.mark.parametrize("lang,words", [("th", "ทราบ"), ("en", "known")])
def test_an_indicators_optional_date_is_ticked_by_its_words(make_window, qtbot, lang, words):
    from ent_portfolio.ui.dialogs.indicator_dialogs import IndicatorDialog

    window = make_window(lang=lang)
    dialog = IndicatorDialog(lang, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.baseline_date.known
    assert box.text() == words
    was = box.isChecked()
    _click_the_words(qtbot, box)
    assert box.isChecked() is not was and dialog.baseline_date.edit.isEnabled() is box.isChecked()


def test_the_save_state_is_never_blanked_or_squeezed_by_a_long_folder(make_window, qtbot, tmp_path):
    from ent_portfolio.storage.portfolio import Portfolio

    folder = tmp_path.joinpath(*["แฟ้มผลงานที่มีชื่อยาวมากเพื่อทดสอบแถบสถานะ"] * 2)
    folder.parent.mkdir(parents=True)
    Portfolio.create(folder).close()
    window = make_window(folder, lang="th")
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    window.context.save_state.emit("saved")
    saved = window.save_label.text()
    assert saved.startswith("บันทึกแล้ว ") and saved[-5:-2].endswith(":")  # "บันทึกแล้ว 14:14"
    window.context.save_state.emit("pending")  # an edit that may turn out to change nothing
    assert window.save_label.text() == saved
    qtbot.wait(20)
    label = window.save_label
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())  # drawn whole
    assert window.folder_label.toolTip() == str(folder)
