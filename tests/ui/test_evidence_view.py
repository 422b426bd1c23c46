"""The evidence page: thumbnails, editing, drag-and-drop import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ent_portfolio.ui.context import AppContext
from ent_portfolio.ui.models.evidence_model import ThumbnailReadyRole
from ent_portfolio.ui.thaiwrap import strip_hints

COLOURS = {"red": (220, 30, 30), "green": (30, 200, 60), "blue": (30, 60, 220)}


def make_photo(path: Path, colour: tuple[int, int, int], size=(800, 600)) -> Path:
    Image.new("RGB", size, colour).save(path, "JPEG", quality=90)
    return path


@pytest.fixture
def work(services):
    return services.works.create(title_th="โครงการน้ำสะอาดบ้านหนองบัว", title_en="Clean water for Ban Nong Bua")


@pytest.fixture
def photos(services, work, tmp_path):
    ids = {}
    for name, colour in COLOURS.items():
        path = make_photo(tmp_path / f"{name}.jpg", colour)
        record = services.evidence.add_file(work.id, path, kind="photo", media_type="image/jpeg",
                                            caption=f"ภาพ {name}", place="บ้านหนองบัว")
        ids[name] = record.id
    return ids


def stored_work_id(services, evidence_id):
    return services.evidence.get(evidence_id).work_id


def make_view(qtbot, portfolio, synchronous=True):
    from ent_portfolio.ui.views.evidence import EvidenceView

    context = AppContext(portfolio, synchronous_jobs=synchronous)
    view = EvidenceView(context)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    return context, view


def wait_for_thumbnails(qtbot, model):
    for row in range(model.rowCount()):  # asking for a picture starts its loading
        model.data(model.index(row), Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: all(model.data(model.index(r), ThumbnailReadyRole) for r in range(model.rowCount())),
                    timeout=10000)


@pytest.mark.parametrize("synchronous", [True, False], ids=["inline", "threaded"])
def test_grid_shows_a_thumbnail_of_each_photo(qtbot, portfolio, photos, synchronous):
    _context, view = make_view(qtbot, portfolio, synchronous)
    model = view.model
    assert model.rowCount() == 3
    wait_for_thumbnails(qtbot, model)
    for row in range(3):
        index = model.index(row)
        pixmap = model.data(index, Qt.ItemDataRole.DecorationRole)
        assert not pixmap.isNull()
        assert pixmap.width() <= 184 and pixmap.height() <= 138
        # The thumbnail is the photo itself, not a placeholder: its colour.
        centre = pixmap.toImage().pixelColor(pixmap.width() // 2, pixmap.height() // 2)
        expected = COLOURS[strip_hints(model.data(index)).split()[-1]]
        assert abs(centre.red() - expected[0]) < 30 and abs(centre.blue() - expected[2]) < 30
        assert strip_hints(model.data(index, Qt.ItemDataRole.DisplayRole)).startswith("ภาพ")
    view.show()
    image = view.grid.viewport().grab().toImage()
    assert image.pixelColor(10, 10).isValid()


def test_dates_under_thumbnails_use_the_buddhist_era(qtbot, portfolio, services, photos):
    import datetime as dt

    from ent_portfolio.ui.models.evidence_model import DateTextRole

    services.evidence.update(photos["red"], date_taken=dt.datetime(2025, 3, 12, 9, 30))
    context, view = make_view(qtbot, portfolio)
    row = view.model.row_of(photos["red"])
    assert view.model.data(view.model.index(row), DateTextRole) == "12 มี.ค. 2568"
    context.language = "en"
    view.retranslateUi()
    assert view.model.data(view.model.index(row), DateTextRole) == "12 Mar 2025"


def test_filter_by_work(qtbot, portfolio, services, photos, tmp_path):
    other = services.works.create(title_th="งานที่สอง")
    services.evidence.add_file(other.id, make_photo(tmp_path / "other.jpg", (0, 0, 0)), kind="photo")
    _context, view = make_view(qtbot, portfolio)
    assert view.model.rowCount() == 4
    view.work_combo.setCurrentIndex(view.work_combo.findData(other.id))
    assert view.model.rowCount() == 1
    view.open_target(("evidence", photos["blue"]))
    assert view.model.rowCount() == 3
    assert view.model.row_at(view.selected_rows()[0]).id == photos["blue"]


def test_editing_caption_date_place_and_principles_persists(qtbot, portfolio, services, photos):
    from ent_portfolio.ui.dialogs.evidence_detail import EvidenceDetailDialog

    context, view = make_view(qtbot, portfolio)
    dialog = EvidenceDetailDialog(context, photos["green"], view)
    qtbot.addWidget(dialog)
    assert dialog.viewer.has_image()
    dialog.caption_edit.setPlainText("ชาวบ้านร่วมกันตรวจคุณภาพน้ำ")
    dialog.place_edit.setText("ศาลาประชาคมบ้านหนองบัว")
    dialog.date_known.setChecked(True)
    from PySide6.QtCore import QDate

    dialog.date_edit.setDate(QDate(2025, 6, 1))
    assert dialog.date_thai.text() == "1 มิถุนายน 2568"
    dialog.principle_boxes["partnership"].setChecked(True)
    dialog.principle_boxes["impact"].setChecked(True)
    activity = services.activities.create(work_id=stored_work_id(services, photos["green"]),
                                          date=dt.date(2025, 6, 1), title="ตรวจคุณภาพน้ำร่วมกัน")
    dialog._fill_activities()
    assert dialog.activity_combo.currentData() is None
    dialog.activity_combo.setCurrentIndex(dialog.activity_combo.findData(activity.id))
    assert "1 มิ.ย. 2568" in dialog.activity_combo.currentText()
    assert dialog.save()

    stored = services.evidence.get(photos["green"])
    assert stored.caption == "ชาวบ้านร่วมกันตรวจคุณภาพน้ำ"
    assert stored.place == "ศาลาประชาคมบ้านหนองบัว"
    assert stored.date_taken.date().isoformat() == "2025-06-01"
    assert sorted(stored.principles) == ["impact", "partnership"]
    assert stored.activity_id == activity.id
    # The grid follows without a reload of everything.
    row = view.model.row_of(photos["green"])
    assert strip_hints(view.model.data(view.model.index(row))) == "ชาวบ้านร่วมกันตรวจคุณภาพน้ำ"  # display: with wrap hints


def test_viewer_zooms(qtbot, portfolio, photos):
    from ent_portfolio.ui.dialogs.evidence_detail import EvidenceDetailDialog

    context, view = make_view(qtbot, portfolio)
    dialog = EvidenceDetailDialog(context, photos["red"], view)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.viewer.actual_size()
    assert dialog.viewer.zoom == pytest.approx(1.0)
    dialog.zoom_in_button.click()
    assert dialog.viewer.zoom == pytest.approx(1.25)
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert dialog.viewer.zoom == pytest.approx(0.8)
    assert dialog.file_values["pixels"].text() in ("—", "800 × 600")


def _drop(widget, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return event


def test_dropping_a_folder_imports_it_and_names_refused_files(qtbot, portfolio, services, work, tmp_path):
    folder = tmp_path / "field-trip"
    (folder / "day2").mkdir(parents=True)
    make_photo(folder / "meeting.jpg", (200, 200, 0))
    make_photo(folder / "day2" / "workshop.jpg", (0, 200, 200))
    (folder / "empty.jpg").write_bytes(b"")

    _context, view = make_view(qtbot, portfolio)
    assert view.model.rowCount() == 0
    event = _drop(view.grid, [folder])
    assert event.isAccepted()
    qtbot.waitUntil(lambda: view.last_summary is not None, timeout=10000)
    summary = view.last_summary
    assert summary.stored == 2
    assert [name for name, _reason in summary.refused] == ["field-trip/empty.jpg"]
    assert summary.refused[0][1]  # a reason, in words
    assert view.summary_dialog is not None and view.summary_dialog.refused_names() == ["field-trip/empty.jpg"]
    assert view.model.rowCount() == 2
    assert len(services.evidence.list(work_id=work.id)) == 2

    # Dropping the same folder again adds nothing new.
    view.last_summary = None
    _drop(view.grid, [folder])
    qtbot.waitUntil(lambda: view.last_summary is not None, timeout=10000)
    assert view.last_summary.stored == 0 and view.last_summary.present == 2
    assert len(services.evidence.list(work_id=work.id)) == 2


def test_drag_enter_accepts_files_only(qtbot, portfolio, work):
    from PySide6.QtGui import QDragEnterEvent

    _context, view = make_view(qtbot, portfolio)
    text = QMimeData()
    text.setText("hello")
    event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, text, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    view.grid.dragEnterEvent(event)
    assert not event.isAccepted()
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile("/tmp/x.jpg")])
    event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, files, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    view.grid.dragEnterEvent(event)
    assert event.isAccepted()


def test_cancelling_an_import_keeps_what_was_imported_and_leaves_nothing_half_written(
        qtbot, portfolio, services, work, tmp_path):
    from ent_portfolio.services.doctor import check_portfolio

    files = [make_photo(tmp_path / f"p{i:02d}.jpg", (i * 6, 0, 0), size=(64, 48)) for i in range(40)]
    _context, view = make_view(qtbot, portfolio)
    job = view.import_paths(files, work_id=work.id)
    job.progress.connect(lambda done, total: job.cancel() if done >= 2 else None)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    summary = view.last_summary
    assert summary.cancelled and summary.not_processed > 0
    kept = services.evidence.list(work_id=work.id)
    assert 0 < len(kept) < 40 and len(kept) == summary.stored
    assert view.model.rowCount() == len(kept)
    assert view.summary_dialog is not None and "%n" not in view.summary_dialog.headline.text()
    report = check_portfolio(portfolio)
    assert report.healthy, [p.message("en") for p in report.problems]


def test_demo_portfolio_grid_has_a_thumbnail_for_every_picture(qtbot, demo):
    _context, view = make_view(qtbot, demo, synchronous=False)
    model = view.model
    assert model.rowCount() >= 10
    wait_for_thumbnails(qtbot, model)
    pictures = [r for r in range(model.rowCount()) if model.row_at(r).is_image]
    assert pictures
    for row in pictures:
        pixmap = model.data(model.index(row), Qt.ItemDataRole.DecorationRole)
        assert not pixmap.isNull() and max(pixmap.width(), pixmap.height()) >= 120
        # A real picture has many colours; a placeholder tile has a handful.
        image = pixmap.toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, model.row_at(row).original_name


def test_photos_taken_during_an_activity_can_be_linked_to_it(qtbot, portfolio, services, work, tmp_path):
    import datetime as dt

    activity = services.activities.create(work_id=work.id, date=dt.date(2025, 3, 12), title="ประชุมวางแผนร่วม")
    photo = tmp_path / "meeting.jpg"
    image = Image.new("RGB", (320, 240), (120, 80, 40))
    exif = image.getexif()
    exif[0x0132] = "2025:03:12 10:30:00"  # DateTime
    image.save(photo, "JPEG", exif=exif)

    _context, view = make_view(qtbot, portfolio)
    _drop(view.grid, [photo])
    qtbot.waitUntil(lambda: view.last_summary is not None, timeout=10000)
    dialog = view.summary_dialog
    assert dialog is not None and dialog.link_button.isVisibleTo(dialog)
    evidence_id = view.last_summary.evidence_ids[0]
    assert services.evidence.get(evidence_id).activity_id is None
    dialog.link_button.click()
    assert services.evidence.get(evidence_id).activity_id == activity.id
    assert dialog.linked == 1 and not dialog.link_button.isEnabled()


def test_a_saved_description_can_be_undone(qtbot, portfolio, services, photos):
    from ent_portfolio.ui.dialogs.evidence_detail import EvidenceDetailDialog

    context, view = make_view(qtbot, portfolio)
    dialog = EvidenceDetailDialog(context, photos["red"], view)
    qtbot.addWidget(dialog)
    dialog.caption_edit.setPlainText("คำบรรยายใหม่")
    dialog.principle_boxes["knowledge"].setChecked(True)
    assert dialog.save()
    assert services.evidence.get(photos["red"]).caption == "คำบรรยายใหม่"
    context.undo_stack.undo()
    restored = services.evidence.get(photos["red"])
    assert restored.caption == "ภาพ red" and restored.principles == []
    assert strip_hints(view.model.data(view.model.index(view.model.row_of(photos["red"])))) == "ภาพ red"
    context.undo_stack.redo()
    assert services.evidence.get(photos["red"]).caption == "คำบรรยายใหม่"


def test_the_progress_dialogs_cancel_button_stops_a_threaded_import(qtbot, portfolio, services, work, tmp_path):
    from PySide6.QtWidgets import QPushButton

    from ent_portfolio.services.doctor import check_portfolio

    files = [make_photo(tmp_path / f"q{i:03d}.jpg", (i % 250, 10, 10), size=(640, 480)) for i in range(150)]
    _context, view = make_view(qtbot, portfolio, synchronous=False)
    job = view.import_paths(files, work_id=work.id)
    progressed = []
    job.progress.connect(lambda done, total: progressed.append(done))
    qtbot.waitUntil(lambda: bool(progressed) and progressed[-1] >= 3, timeout=10000)
    view.progress_dialog.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert job.error is None and view.last_summary.cancelled
    kept = services.evidence.list(work_id=work.id)
    assert len(kept) < 150 and len(kept) == view.last_summary.stored
    assert check_portfolio(portfolio).healthy


def test_a_phone_heic_photo_shows_in_the_grid_and_the_viewer(qtbot, portfolio, services, work, tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    from ent_portfolio.ui.dialogs.evidence_detail import EvidenceDetailDialog

    pillow_heif.register_heif_opener()
    photo = tmp_path / "IMG_0001.heic"
    Image.new("RGB", (1600, 1200), (30, 160, 40)).save(photo)
    context, view = make_view(qtbot, portfolio)
    job = view.import_paths([photo], work_id=work.id)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert view.last_summary.stored == 1, view.last_summary.refused
    wait_for_thumbnails(qtbot, view.model)
    pixmap = view.model.data(view.model.index(0), Qt.ItemDataRole.DecorationRole)
    centre = pixmap.toImage().pixelColor(pixmap.width() // 2, pixmap.height() // 2)
    assert centre.green() > 120 and centre.red() < 80
    dialog = EvidenceDetailDialog(context, view.model.row_at(0).id, view)
    qtbot.addWidget(dialog)
    shown = dialog.viewer._item.pixmap()
    assert shown.width() == 1600  # the photo itself, not the small thumbnail
