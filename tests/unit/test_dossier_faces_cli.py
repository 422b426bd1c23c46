"""The command line's way to blur consented photos too, and ``verify`` on
the photo fields of a package's manifest (issue 17, item 3): a rewritten
``faces_blurred`` or ``explained`` is caught, a value of the wrong shape
is refused with one sentence, never a traceback.

The packages are made here: a real one by ``ent-portfolio dossier`` from
a portfolio holding the astronaut photo of the face tests, and small
synthetic ones from verify_cases.py."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from verify_cases import PHOTO, _cli, _manifest, _members, _not_intact, _package, _refused, _sha

from ent_portfolio.cli import main
from ent_portfolio.dossier.verification import verify_package
from ent_portfolio.errors import UserError
from ent_portfolio.i18n import tr
from ent_portfolio.services import Services
from ent_portfolio.services.importer import import_evidence
from ent_portfolio.storage.portfolio import Portfolio
from tests.unit.test_dossier_faces import ASTRONAUT, BLUR_FACTOR, FACE, _photo_file, _sharpness, _which

NOTE = "ภาพนี้ถ่ายก่อนวันกิจกรรมหนึ่งวัน ขณะเตรียมสถานที่"


@pytest.fixture(scope="module")
def made(empty_template, tmp_path_factory):
    root = tmp_path_factory.mktemp("faces-cli")
    folder = root / "portfolio"
    shutil.copytree(empty_template, folder)
    (root / "sources").mkdir()
    with Portfolio.open(folder) as portfolio:
        s = Services(portfolio)
        work = s.works.create(title_th="ลานกิจกรรมชุมชน", status="completed")
        (evidence_id,) = import_evidence(portfolio, work.id, [_photo_file(root / "sources", "given", 1)]).evidence_ids
        s.evidence.update(evidence_id, people_consent="given", include_in_dossier=True, kind="photo",
                          face_boxes=[{"x": 170 / 512, "y": 60 / 512, "w": 110 / 512, "h": 110 / 512,
                                       "by": "lecturer"}],
                          findings_explained={"evidence.date_vs_activity": NOTE})
    return root, folder


def _export(capsys, root: Path, folder: Path, name: str, *flags: str) -> Path:
    package = root / f"{name}.zip"
    code = main(["dossier", "--portfolio", str(folder), "--out", str(root / f"{name}.pdf"),
                 "--package", str(package), *flags])
    out, err = capsys.readouterr()
    assert code == 0, err
    return package


def _photo_entry(package: Path) -> tuple[dict, Image.Image]:
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        entry = manifest["files"][0]
        with zf.open(entry["path"]) as handle, Image.open(handle) as image:
            return entry, image.convert("RGB")


def test_the_flag_blurs_a_consented_photo_and_without_it_it_stays_sharp(made, capsys):
    root, folder = made
    with Image.open(ASTRONAUT) as image:
        original = _sharpness(image.convert("RGB"), FACE)
    kept, kept_photo = _photo_entry(_export(capsys, root, folder, "kept"))
    blurred, blurred_photo = _photo_entry(_export(capsys, root, folder, "blurred", "--blur-consented-faces"))
    assert kept["faces_blurred"] == 0 and _sharpness(kept_photo, FACE) >= 0.8 * original
    assert blurred["faces_blurred"] == 1 and original >= BLUR_FACTOR * _sharpness(blurred_photo, FACE)
    assert _which(blurred_photo) == "given"
    assert blurred["stored_sha256"] == kept["stored_sha256"] != blurred["sha256"]
    assert blurred["explained"] == kept["explained"] == {"evidence.date_vs_activity": NOTE}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_flag_is_explained_in_the_lecturers_language(capsys, lang):
    with pytest.raises(SystemExit):
        main(["--lang", lang, "dossier", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--blur-consented-faces" in out
    assert " ".join(tr("cli.help.dossier.blur_consented", lang).split())[:30] in out


def _rewritten(package: Path, target: Path, change) -> Path:
    """``package`` with its manifest changed by ``change``, every other member as it was."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                change(manifest["files"][0])
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            out.writestr(info, data)
    return target


TAMPERINGS = {
    "faces_blurred_zero": lambda f: f.update(faces_blurred=0),
    "faces_blurred_more": lambda f: f.update(faces_blurred=f["faces_blurred"] + 1),
    "note_changed": lambda f: f["explained"].update({"evidence.date_vs_activity": "ถ่ายในวันกิจกรรม"}),
    "note_removed": lambda f: f.update(explained={}),
}


@pytest.mark.parametrize("how", sorted(TAMPERINGS))
def test_a_rewritten_photo_field_in_a_real_package_is_caught(made, capsys, tmp_path, how):
    root, folder = made
    package = root / "blurred.zip"
    if not package.exists():
        _export(capsys, root, folder, "blurred", "--blur-consented-faces")
    assert verify_package(package).ok
    report = _not_intact(capsys, _rewritten(package, tmp_path / "tampered.zip", TAMPERINGS[how]))
    assert report.sums_disagree == ["manifest.json"]


def test_claiming_blurred_faces_with_the_originals_hash_is_refused(tmp_path, capsys):
    members = _members()
    manifest = _manifest(members)
    manifest["files"][0].update(stored_sha256=_sha(members[PHOTO]), faces_blurred=2)
    _refused(capsys, _package(tmp_path / "p.zip", manifest, members), "package.manifest_invalid")


def test_a_package_with_valid_photo_fields_verifies(tmp_path):
    members = _members()
    manifest = _manifest(members)
    manifest["files"][0].update(stored_sha256="0" * 64, faces_blurred=3, explained={"evidence.no_capture_date": NOTE})
    assert verify_package(_package(tmp_path / "p.zip", manifest, members)).ok


_values = (st.none() | st.booleans() | st.integers(-5, 300) | st.floats(allow_nan=False) | st.text(max_size=8)
           | st.lists(st.integers(), max_size=2)
           | st.dictionaries(st.text(max_size=6), st.none() | st.text(max_size=6) | st.integers(), max_size=3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["faces_blurred", "explained"]), value=_values)
def test_any_photo_field_value_is_refused_or_verified_never_a_traceback(tmp_path, capsys, field, value):
    members = _members()
    manifest = _manifest(members)
    manifest["files"][0]["stored_sha256"] = "0" * 64
    manifest["files"][0][field] = value
    path = _package(tmp_path / "p.zip", manifest, members)
    well_formed = (field == "faces_blurred" and type(value) is int and 0 <= value <= 200) or (
        field == "explained" and isinstance(value, dict)
        and all(isinstance(n, str) and n for n in value.values()))
    try:
        report = verify_package(path)
    except UserError as exc:
        assert not well_formed and exc.key == "package.manifest_invalid"
        assert exc.params["entry"] == f"files[0].{field}"
    else:
        assert well_formed and report.ok
    code, _out, err = _cli(capsys, path)
    assert "Traceback" not in err and code == (0 if well_formed else 1)
