"""The window's side of signed dossiers: making and choosing a signing
identity on the dossier page, a signed export through the page's one export
path, and a reviewer's "open a package" with its verdict banner.

Only the lecturer (or the reviewer) is played by the test: text is typed
into the dialogs, the file pickers are answered, and every file — the
identity, the dossier, the packages and the tampered ones — is made here
by the real core, in a temporary folder."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, Qt

from ent_portfolio.i18n import MESSAGES
from ent_portfolio.i18n import tr as message
from ent_portfolio.ui.dialogs import asking
from ent_portfolio.ui.thaiwrap import strip_hints
from ent_portfolio.ui.widgets import signing_box
from tests.ui.test_lecturer_journey import type_text

SHOTS = Path("/tmp/shots14")
PASSPHRASE = "ลับเฉพาะ 2568"
NAME = "สมหญิง ใจดี"


@pytest.fixture(autouse=True)
def _no_identity_remembered():
    settings = QSettings()
    for key in (signing_box.PATH_KEY, signing_box.NAME_KEY, signing_box.FINGERPRINT_KEY):
        settings.remove(key)
    yield
    for key in (signing_box.PATH_KEY, signing_box.NAME_KEY, signing_box.FINGERPRINT_KEY):
        settings.remove(key)


class Picks(list):
    """The file pickers' answers, in order, and the sentences told in boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.told: list[str] = []

    def pick(self, _parent, _title, _start, *_rest):
        return self.pop(0) if self else None


@pytest.fixture
def picks(monkeypatch):
    answers = Picks()
    monkeypatch.setattr(asking, "choose_open_path", answers.pick)
    monkeypatch.setattr(asking, "choose_save_path", answers.pick)
    monkeypatch.setattr(asking, "run_box", lambda box: answers.told.append(strip_hints(box.text())) or None)
    return answers


def _dossier_page(window):
    return window.show_page("dossier")


def _only_first_work(view) -> None:
    """One work only: the export stays quick, and is a real one."""
    for i in range(view.works_list.count()):
        view.works_list.item(i).setCheckState(Qt.CheckState.Checked if i == 0 else Qt.CheckState.Unchecked)


def _type(qtbot, field, text: str) -> None:
    field.clear()
    type_text(qtbot, field, text)  # Thai as a Thai keyboard sends it


def _settle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)


def _key_of(sentence: str, lang: str = "th") -> str | None:
    """The registered message key whose sentence (parameters filled in) this is."""
    import re

    for key, pair in MESSAGES.items():
        template = pair[0 if lang == "th" else 1]
        if re.fullmatch(re.sub(r"\\\{[a-z_]+\\\}", ".*", re.escape(template)), sentence, re.DOTALL):
            return key
    return None


def _create_through_dialog(qtbot, box, target: Path, again: str = PASSPHRASE):
    dialog = box.create_identity()
    assert dialog is not None
    _type(qtbot, dialog.name_edit, NAME)
    _type(qtbot, dialog.email_edit, "somying@example.ac.th")
    _type(qtbot, dialog.passphrase_edit, PASSPHRASE)
    _type(qtbot, dialog.again_edit, again)
    _type(qtbot, dialog.path_edit, str(target))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    return dialog


# --- the identity -----------------------------------------------------------------

def test_an_identity_made_through_the_dialog_is_remembered_with_its_fingerprint(make_window, demo_dir, qtbot,
                                                                                tmp_path):
    from ent_portfolio.services.signing import load_identity

    window = make_window(demo_dir, "th")
    view = _dossier_page(window)
    box = view.signing_box
    assert not box.export_button.isEnabled()  # nothing to sign with yet
    target = tmp_path / "keys" / "ตัวตน.p12"
    target.parent.mkdir()
    dialog = _create_through_dialog(qtbot, box, target)
    assert dialog.identity is not None and dialog.result() == dialog.DialogCode.Accepted
    assert target.is_file()
    identity = load_identity(target, PASSPHRASE.encode("utf-8"))
    assert identity.name == NAME and identity.fingerprint == dialog.identity.fingerprint
    assert identity.fingerprint in box.who_label.text() and NAME in box.who_label.text()
    assert QSettings().value(signing_box.PATH_KEY) == str(target)
    assert PASSPHRASE not in "\n".join(str(QSettings().value(k)) for k in QSettings().allKeys())
    assert box.export_button.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    box.grab().save(str(SHOTS / "signing-box-th.png"))


def test_the_dialog_prefills_the_profiles_name(make_window, demo_dir, qtbot):
    window = make_window(demo_dir, "th")
    box = _dossier_page(window).signing_box
    profile = window.context.services.profile.current()
    dialog = box.create_identity()
    assert dialog.name_edit.text() == profile.name_th and profile.name_th
    dialog.reject()


def test_two_different_passphrases_are_said_inline_and_nothing_is_written(make_window, demo_dir, qtbot, tmp_path):
    window = make_window(demo_dir, "th")
    box = _dossier_page(window).signing_box
    target = tmp_path / "me.p12"
    dialog = _create_through_dialog(qtbot, box, target, again=PASSPHRASE + "x")
    assert dialog.isVisible() and dialog.identity is None
    assert _key_of(dialog.error_text()) == "ui.identity.mismatch"
    assert not target.exists() and QSettings().value(signing_box.PATH_KEY) is None


def test_a_key_file_inside_the_portfolio_is_refused_inline_and_the_portfolio_is_unchanged(make_window, demo_dir,
                                                                                         qtbot):
    from tests.unit.storage_cases import DERIVED_FILES, folder_digest

    window = make_window(demo_dir, "th")
    box = _dossier_page(window).signing_box
    window.save_now()
    before = folder_digest(demo_dir / "evidence")
    names_before = sorted(p.name for p in demo_dir.iterdir() if p.name not in DERIVED_FILES)
    dialog = _create_through_dialog(qtbot, box, demo_dir / "evidence" / "กุญแจ.p12")
    assert dialog.isVisible() and dialog.identity is None
    assert _key_of(dialog.error_text()) == "error.output_inside_portfolio"
    assert folder_digest(demo_dir / "evidence") == before
    assert sorted(p.name for p in demo_dir.iterdir() if p.name not in DERIVED_FILES) == names_before


@pytest.fixture(scope="module")
def made_identity(tmp_path_factory):
    from ent_portfolio.services.signing import create_identity

    path = tmp_path_factory.mktemp("identity") / "lecturer.p12"
    return path, create_identity(NAME, PASSPHRASE.encode("utf-8"), path, email="somying@example.ac.th")


def test_choosing_a_file_asks_its_passphrase_and_a_wrong_one_is_said_inline(make_window, demo_dir, qtbot, picks,
                                                                           made_identity):
    path, identity = made_identity
    window = make_window(demo_dir, "th")
    box = _dossier_page(window).signing_box
    picks.append(path)
    dialog = box.choose_identity()
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Password
    _type(qtbot, dialog.passphrase_edit, "ผิด")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    assert dialog.isVisible() and _key_of(dialog.error_text()) == "identity.wrong_passphrase"
    assert dialog.passphrase_edit.text() == ""  # cleared for another try
    assert QSettings().value(signing_box.PATH_KEY) is None  # not remembered before it unlocked
    _type(qtbot, dialog.passphrase_edit, PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    assert not dialog.isVisible() and dialog.identity.fingerprint == identity.fingerprint
    assert QSettings().value(signing_box.PATH_KEY) == str(path)
    assert identity.fingerprint in box.who_label.text()


@pytest.mark.parametrize("content", [b"", b"not a key", b"\x30\x82\x01\x00" + bytes(300)],
                         ids=["empty", "text", "truncated-der"])
def test_a_file_that_is_no_identity_is_said_inline(make_window, demo_dir, qtbot, picks, tmp_path, content):
    hostile = tmp_path / "university.p12"
    hostile.write_bytes(content)
    window = make_window(demo_dir, "th")
    box = _dossier_page(window).signing_box
    picks.append(hostile)
    dialog = box.choose_identity()
    _type(qtbot, dialog.passphrase_edit, PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    key = _key_of(dialog.error_text())
    assert dialog.isVisible() and key is not None and key.startswith("identity.")
    assert QSettings().value(signing_box.PATH_KEY) is None


# --- the signed export ----------------------------------------------------------------

def _signed_export(qtbot, view, identity_path: Path, out_pdf: Path, package: bool = True):
    QSettings().setValue(signing_box.PATH_KEY, str(identity_path))
    view.signing_box.retranslate()
    _only_first_work(view)
    view.package_box.setChecked(package)
    view.out_edit.setText(str(out_pdf))
    assert view.signing_box.export_button.isEnabled()
    qtbot.mouseClick(view.signing_box.export_button, Qt.MouseButton.LeftButton)
    dialog = view.signing_box.dialog
    assert dialog is not None
    _type(qtbot, dialog.passphrase_edit, "ผิด")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    assert view.export_job is None and not out_pdf.exists()  # a wrong passphrase exports nothing
    assert _key_of(dialog.error_text()) == "identity.wrong_passphrase"
    _type(qtbot, dialog.passphrase_edit, PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, dialog)
    job = view.export_job
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=180000)
    assert job.error is None, job.error
    return job.result


def test_a_signed_export_from_the_page_makes_a_pdf_whose_signature_holds(make_window, demo_dir, qtbot, tmp_path,
                                                                        made_identity):
    from ent_portfolio.signing.pdf import check_pdf_signature

    path, identity = made_identity
    window = make_window(demo_dir, "th")
    view = _dossier_page(window)
    out = tmp_path / "out" / "แฟ้ม.pdf"
    result = _signed_export(qtbot, view, path, out, package=False)
    assert Path(result.pdf) == out and out.is_file()
    check = check_pdf_signature(out, [identity.chain[-1] if identity.chain else identity.certificate])
    assert check.present and check.intact and check.covers_whole_file, check
    assert check.signer_name == NAME and check.fingerprint == identity.fingerprint


# --- opening a package ------------------------------------------------------------------

@pytest.fixture(scope="module")
def packages(tmp_path_factory, demo_template, made_identity):
    """A signed and an unsigned package of the demo's first work, made by the core."""
    import shutil

    from ent_portfolio.dossier import DossierConfig
    from ent_portfolio.services import Services
    from ent_portfolio.services.dossier import export_dossier
    from ent_portfolio.storage.portfolio import Portfolio

    _path, identity = made_identity
    root = tmp_path_factory.mktemp("packages")
    shutil.copytree(demo_template, root / "demo")
    portfolio = Portfolio.open(root / "demo")
    try:
        first = Services(portfolio).works.list()[0].id
        config = DossierConfig(work_ids=[first])
        export_dossier(portfolio, config, root / "signed.pdf", package=root / "signed.zip", sign_with=identity)
        export_dossier(portfolio, config, root / "plain.pdf", package=root / "plain.zip")
    finally:
        portfolio.close()
    return {"signed": root / "signed.zip", "unsigned": root / "plain.zip"}


def _rewrite(source: Path, target: Path, change) -> None:
    """A copy of the zip with ``change(name, data) -> data`` applied to each member."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, change(info.filename, zin.read(info)))


def _first_evidence(package: Path) -> str:
    with zipfile.ZipFile(package) as zf:
        return next(n for n in zf.namelist() if n.startswith("evidence/"))


def _flip_one_byte(name_to_change: str):
    def change(name: str, data: bytes) -> bytes:
        if name != name_to_change:
            return data
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]

    return change


def _open(qtbot, window, picks, package: Path):
    actions = window.file_actions
    actions.verdict_dialog = None
    picks.append(package)
    job = actions.open_package()
    assert job is not None
    qtbot.waitUntil(lambda: job.done and actions.job is None, timeout=120000)
    return actions.verdict_dialog


def _shoot(dialog, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / f"{name}.png"))


def test_an_untouched_signed_package_shows_the_green_banner_and_its_pages(make_window, qtbot, picks, packages,
                                                                         made_identity, tmp_path):
    _path, identity = made_identity
    window = make_window(None, "th")  # a reviewer: no portfolio open
    before = hashlib.sha256(packages["signed"].read_bytes()).hexdigest()
    dialog = _open(qtbot, window, picks, packages["signed"])
    assert dialog is not None and dialog.state == "intact"
    banner = dialog.banner.text()
    assert banner == message("ui.review.intact", "th", name=NAME, fingerprint=identity.fingerprint)
    assert dialog.finding_lines()  # the core's own sentences, each a line
    from ent_portfolio.ui.widgets.dossier_preview import pdftoppm

    if pdftoppm() is not None:
        assert dialog.pages.page_count() > 0
        drawn_in = Path(dialog._work_dir.name)
        assert drawn_in.is_relative_to(Path(__import__("tempfile").gettempdir()))
    _shoot(dialog, "package-verdict-green-th")
    dialog.reject()
    assert hashlib.sha256(packages["signed"].read_bytes()).hexdigest() == before  # checking changes nothing
    if pdftoppm() is not None:
        assert not drawn_in.exists()  # the pages drawn go with the window


def test_a_signed_package_with_one_evidence_byte_flipped_shows_the_red_banner_naming_the_file(
        make_window, qtbot, picks, packages, tmp_path):
    tampered = tmp_path / "tampered.zip"
    victim = _first_evidence(packages["signed"])
    _rewrite(packages["signed"], tampered, _flip_one_byte(victim))
    window = make_window(None, "th")
    dialog = _open(qtbot, window, picks, tampered)
    assert dialog is not None and dialog.state == "changed"
    assert victim in dialog.banner.text()
    assert any(victim in line for line in dialog.finding_lines())
    _shoot(dialog, "package-verdict-red-th")


def test_an_unsigned_intact_package_shows_the_amber_banner(make_window, qtbot, picks, packages):
    window = make_window(None, "th")
    dialog = _open(qtbot, window, picks, packages["unsigned"])
    assert dialog is not None and dialog.state == "unsigned"
    assert dialog.banner.text() == message("ui.review.unsigned", "th")
    _shoot(dialog, "package-verdict-amber-th")


def test_the_verdict_speaks_english_in_the_english_window(make_window, qtbot, picks, packages, tmp_path):
    window = make_window(None, "en")
    assert window.file_actions.act_open_package.text() == "Open a package to check…"
    tampered = tmp_path / "tampered.zip"
    victim = _first_evidence(packages["signed"])
    _rewrite(packages["signed"], tampered, _flip_one_byte(victim))
    dialog = _open(qtbot, window, picks, tampered)
    assert dialog.banner.text().startswith("This package is not as its maker sent it:")
    assert victim in dialog.banner.text()
    dialog.reject()
    dialog = _open(qtbot, window, picks, packages["unsigned"])
    assert dialog.banner.text() == message("ui.review.unsigned", "en")


def test_the_menu_entry_is_there_in_thai(make_window, demo_dir):
    window = make_window(demo_dir, "th")
    names = [a.text() for a in window.menu_file.actions() if not a.isSeparator()]
    assert "เปิดชุดหลักฐานเพื่อตรวจสอบ…" in names and names[-1] == window.act_quit.text()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damaged_package_is_a_sentence_or_a_red_banner_never_a_traceback(make_window, qtbot, picks, packages,
                                                                            tmp_path_factory, data):
    """Bytes overwritten anywhere in a signed package, or the package cut
    short: the reviewer gets the core's sentence or the red banner."""
    window = getattr(test_any_damaged_package_is_a_sentence_or_a_red_banner_never_a_traceback, "window", None)
    if window is None or not window.isVisible():
        window = make_window(None, "th")
        test_any_damaged_package_is_a_sentence_or_a_red_banner_never_a_traceback.window = window
    original = packages["signed"].read_bytes()
    if data.draw(st.booleans(), label="cut short"):
        damaged = original[:data.draw(st.integers(0, len(original) - 1), label="kept")]
    else:
        at = data.draw(st.integers(0, len(original) - 1), label="at")
        junk = data.draw(st.binary(min_size=1, max_size=64), label="junk")
        damaged = original[:at] + junk + original[at + len(junk):]
    target = tmp_path_factory.mktemp("damaged") / "package.zip"
    target.write_bytes(damaged)
    picks.told.clear()
    dialog = _open(qtbot, window, picks, target)
    if dialog is None:
        assert len(picks.told) == 1
        key = _key_of(picks.told[0])
        assert key is not None and key != "ui.file.cancelled", picks.told
    else:
        # A change the zip format itself ignores (a comment, padding) may leave every file intact.
        assert dialog.state in ("changed", "intact")
        if dialog.state == "intact":
            assert damaged != original and _unchanged_members(original, damaged)
        dialog.reject()


def _unchanged_members(original: bytes, damaged: bytes) -> bool:
    import io

    with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(io.BytesIO(damaged)) as b:
        return all(a.read(n) == b.read(n) for n in a.namelist()) and sorted(a.namelist()) == sorted(b.namelist())


def test_the_signing_group_speaks_the_language_in_use_and_follows_a_switch(make_window, demo_dir, qtbot):
    from ent_portfolio.ui.language import apply_language

    window = make_window(demo_dir, "en")
    view = _dossier_page(window)
    box = view.signing_box
    assert (box.title(), box.create_button.text(), box.choose_button.text(), box.export_button.text()) == (
        "Digital signature", "Create a signing identity…", "Choose an identity file…", "Export signed dossier")
    assert box.file_label.text() == message("ui.signing.none", "en")
    apply_language("th", window.context)
    assert (box.title(), box.create_button.text(), box.choose_button.text(), box.export_button.text()) == (
        "ลงนามดิจิทัล", "สร้างตัวตนสำหรับลงนาม…", "เลือกไฟล์ตัวตน…", "ส่งออกแฟ้มที่ลงนามแล้ว")
    qtbot.wait(200)  # the switch's layout passes run from the event loop
    assert view.export_button.width() >= view.export_button.sizeHint().width()
    assert box.export_button.width() >= box.export_button.sizeHint().width()
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "dossier-page-signing-th.png"))
