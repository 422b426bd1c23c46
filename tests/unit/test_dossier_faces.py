"""Faces blurred in what leaves the app (issue 17, item 3): a real photo of
a face (the public-domain astronaut shipped inside scikit-image's wheel),
imported as a JPEG with its capture date, comes out of the dossier PDF and
the evidence package with its face blurred beyond recognition unless its
people all consented, while the rest of the photo stays sharp, the stored
original keeps its bytes and the package still verifies."""

from __future__ import annotations

import hashlib
import importlib.resources
import io
import json
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw

from ent_portfolio.cli import main
from ent_portfolio.domain import models as m
from ent_portfolio.dossier import DossierConfig, verify_package
from ent_portfolio.errors import UserError
from ent_portfolio.jobs import Cancelled, CancelToken
from ent_portfolio.media.faces import detect_faces
from ent_portfolio.privacy import has_gps
from ent_portfolio.services import Services
from ent_portfolio.services.dossier import export_dossier
from ent_portfolio.services.importer import import_evidence
from ent_portfolio.storage.portfolio import Portfolio
from tests.pdftools import pdftotext
from tests.unit.media_fixtures import NAN_RURAL, make_exif

ASTRONAUT = importlib.resources.files("skimage") / "data" / "astronaut.png"
#: Where the astronaut's face is (pixels of the 512×512 picture) and a part
#: of the picture far from it, full of detail (the flag and the suit's patch).
FACE = (170, 60, 280, 170)
AWAY = (330, 300, 500, 500)
#: How much sharper the face must be in the original than in the copy.
BLUR_FACTOR = 10
#: A corner square whose colour tells the test photos apart in the PDF.
MARK = (0, 0, 24, 24)

# name -> (people_consent, face_boxes as stored: "keep" = as the detector found, None, or a list)
PHOTOS = {
    "unknown": ("unknown", None),
    "not_given": ("not_given", "keep"),
    "given": ("given", "keep"),
    "removed": ("not_given", []),
    "no_people": ("no_people", "keep"),
    "rotated": ("unknown", None),
}
COLOURS = {name: ((k * 53 + 40) % 256, (k * 97 + 10) % 256, (k * 29 + 200) % 256)
           for k, name in enumerate(PHOTOS)}
NOTE = "ถ่ายเมื่อเย็นวันก่อนการอบรม ระหว่างเตรียมสถานที่"


def _astronaut(name: str) -> Image.Image:
    with Image.open(ASTRONAUT) as image:
        picture = image.convert("RGB")
    ImageDraw.Draw(picture).rectangle(MARK, fill=COLOURS[name])
    return picture


def _photo_file(folder: Path, name: str, day: int) -> Path:
    picture, exif = _astronaut(name), make_exif(datetime(2024, 3, day, 9, 30), NAN_RURAL, make="Canon")
    if name == "rotated":  # stored lying on its side, upright only by its EXIF orientation
        picture = picture.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    path = folder / f"{name}.jpg"
    picture.save(path, "JPEG", quality=95, exif=exif)
    return path


def _laplacian_variance(grey: np.ndarray) -> float:
    g = grey.astype(np.float64)
    lap = g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1] - 4 * g[1:-1, 1:-1]
    return float(lap.var())


def _sharpness(picture: Image.Image, box) -> float:
    scale = picture.width / 512
    region = tuple(round(v * scale) for v in box)
    return _laplacian_variance(np.asarray(picture.convert("L").crop(region)))


def _which(picture: Image.Image) -> str | None:
    """The test photo ``picture`` is, by its corner mark."""
    scale = picture.width / 512
    r, g, b = picture.convert("RGB").getpixel((round(12 * scale), round(12 * scale)))
    for name, colour in COLOURS.items():
        if max(abs(r - colour[0]), abs(g - colour[1]), abs(b - colour[2])) < 24:
            return name
    return None


def _pdf_photos(pdf: Path) -> dict[str, Image.Image]:
    """The test photos embedded in the PDF, by name."""
    found = {}
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for image in page.get_images().values():
                picture = pikepdf.PdfImage(image).as_pil_image()
                if picture.width == picture.height:
                    name = _which(picture)
                    if name:
                        found[name] = picture.convert("RGB")
    return found


def _zip_photos(package: Path) -> tuple[dict, dict[str, bytes], dict[str, dict]]:
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        by_name, entries = {}, {}
        for entry in manifest["files"]:
            data = zf.read(entry["path"])
            with Image.open(io.BytesIO(data)) as image:
                name = _which(image.convert("RGB"))
            if name:
                by_name[name], entries[name] = data, entry
    return manifest, by_name, entries


def _build(folder: Path, sources: Path) -> dict[str, str]:
    ids = {}
    with Portfolio.open(folder) as portfolio:
        s = Services(portfolio)
        work = s.works.create(title_th="ลานกิจกรรมชุมชนบ้านแม่กำปอง", status="completed")
        for day, (name, (consent, boxes)) in enumerate(PHOTOS.items(), 1):
            result = import_evidence(portfolio, work.id, [_photo_file(sources, name, day)])
            (evidence_id,) = result.evidence_ids
            ids[name] = evidence_id
            fields = {"people_consent": consent, "include_in_dossier": True, "kind": "photo",
                      "caption": f"ภาพ {name}"}
            if boxes == "keep":
                fields["face_boxes"] = [b.as_dict() for b in detect_faces(s.evidence.file_path(evidence_id))]
            elif boxes is not None:
                fields["face_boxes"] = boxes
            if name == "unknown":
                fields["findings_explained"] = {"evidence.date_vs_activity": NOTE}
            s.evidence.update(evidence_id, **fields)
        with portfolio.session() as session:  # the detector has not looked at these yet
            for name, (_consent, boxes) in PHOTOS.items():
                if boxes is None:
                    session.get(m.Evidence, ids[name]).face_boxes = None
    return ids


def _stored(folder: Path, ids: dict[str, str]) -> dict[str, bytes]:
    with Portfolio.open(folder, read_only=True) as portfolio:
        s = Services(portfolio)
        return {name: s.evidence.file_path(ident).read_bytes() for name, ident in ids.items()}


@pytest.fixture(scope="module")
def exported(empty_template, tmp_path_factory):
    root = tmp_path_factory.mktemp("faces")
    folder = root / "portfolio"
    shutil.copytree(empty_template, folder)
    (root / "sources").mkdir()
    ids = _build(folder, root / "sources")
    before = _stored(folder, ids)
    with Portfolio.open(folder, read_only=True) as portfolio:
        default = export_dossier(portfolio, DossierConfig(), root / "dossier.pdf", package=root / "package.zip")
        everyone = export_dossier(portfolio, DossierConfig(keep_consented_faces=False), root / "all.pdf",
                                  package=root / "all.zip")
    return {"root": root, "folder": folder, "ids": ids, "before": before, "default": default,
            "everyone": everyone, "pdf": _pdf_photos(root / "dossier.pdf"), "zip": _zip_photos(root / "package.zip"),
            "all_pdf": _pdf_photos(root / "all.pdf"), "all_zip": _zip_photos(root / "all.zip")}


@pytest.fixture(scope="module")
def original() -> Image.Image:
    with Image.open(ASTRONAUT) as image:
        return image.convert("RGB")


def _blurred(picture: Image.Image, original: Image.Image) -> bool:
    reference = original.resize(picture.size, Image.Resampling.LANCZOS)
    return _sharpness(reference, FACE) >= BLUR_FACTOR * _sharpness(picture, FACE)


def test_every_test_photo_is_in_the_pdf_and_the_package(exported):
    assert set(exported["pdf"]) == set(PHOTOS)
    assert set(exported["zip"][1]) == set(PHOTOS)


@pytest.mark.parametrize("name", ["unknown", "not_given", "no_people", "rotated"])
def test_a_face_without_consent_is_blurred_in_the_pdf_and_the_rest_stays_sharp(exported, original, name):
    picture = exported["pdf"][name]
    reference = original.resize(picture.size, Image.Resampling.LANCZOS)
    face, face_before = _sharpness(picture, FACE), _sharpness(reference, FACE)
    away, away_before = _sharpness(picture, AWAY), _sharpness(reference, AWAY)
    assert face_before >= BLUR_FACTOR * face, (name, face_before, face)
    assert away >= 0.5 * away_before, (name, away_before, away)


@pytest.mark.parametrize("name", ["unknown", "not_given", "no_people", "rotated"])
def test_the_packaged_copy_is_blurred_the_same_way_and_listed_as_it_is(exported, original, name):
    manifest, files, entries = exported["zip"]
    data, entry = files[name], entries[name]
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (512, 512)  # upright, the rotated one too
        assert 0x0112 not in image.getexif() and not image.getexif().get_ifd(0x8825)
        assert image.getexif().get_ifd(0x8769)[0x9003].startswith("2024:03:")  # the capture date kept
        assert _blurred(image.convert("RGB"), original)
        assert _sharpness(image.convert("RGB"), AWAY) >= 0.5 * _sharpness(original, AWAY)
    assert not has_gps(data) and entry["gps_stripped"] is True
    assert entry["faces_blurred"] >= 1
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry["stored_sha256"] == hashlib.sha256(exported["before"][name]).hexdigest() != entry["sha256"]
    printed = {e.ref: e for e in exported["default"].dossier.evidence}[entry["ref"]]
    assert printed.sha256 == entry["sha256"] and printed.faces_blurred == entry["faces_blurred"]


def test_the_pdf_prints_the_hash_of_the_packaged_blurred_file(exported):
    _manifest, _files, entries = exported["zip"]
    text = "".join(pdftotext(exported["root"] / "dossier.pdf").split())
    for name in ("unknown", "not_given"):
        digest = entries[name]["sha256"]
        assert digest in text
        assert entries[name]["stored_sha256"] not in text


@pytest.mark.parametrize("name", ["given", "removed"])
def test_consent_or_no_face_left_keeps_the_photo_sharp(exported, original, name):
    picture = exported["pdf"][name]
    reference = original.resize(picture.size, Image.Resampling.LANCZOS)
    assert _sharpness(picture, FACE) >= 0.5 * _sharpness(reference, FACE)
    _manifest, files, entries = exported["zip"]
    assert entries[name]["faces_blurred"] == 0
    with Image.open(io.BytesIO(files[name])) as image:
        assert _sharpness(image.convert("RGB"), FACE) >= 0.8 * _sharpness(original, FACE)


def test_blurring_consented_photos_too_blurs_the_consented_one(exported, original):
    assert _blurred(exported["all_pdf"]["given"], original)
    _manifest, files, entries = exported["all_zip"]
    assert entries["given"]["faces_blurred"] >= 1
    with Image.open(io.BytesIO(files["given"])) as image:
        assert _blurred(image.convert("RGB"), original)
    # the lecturer's "no face here" still holds
    assert entries["removed"]["faces_blurred"] == 0


def test_the_stored_originals_and_their_records_never_change(exported):
    assert _stored(exported["folder"], exported["ids"]) == exported["before"]
    with Portfolio.open(exported["folder"], read_only=True) as portfolio, portfolio.reader() as session:
        for name, (_consent, boxes) in PHOTOS.items():
            if boxes is None:  # looked at for the export only, never written back
                assert session.get(m.Evidence, exported["ids"][name]).face_boxes is None


@pytest.mark.parametrize("which", ["package.zip", "all.zip"])
def test_the_packages_verify_intact(exported, capsys, which):
    assert verify_package(exported["root"] / which).ok
    code = main(["--lang", "en", "verify", str(exported["root"] / which)])
    out, _err = capsys.readouterr()
    assert code == 0 and "intact" in out


def test_an_explained_finding_shows_in_the_manifest_and_the_pdf(exported):
    _manifest, _files, entries = exported["zip"]
    assert entries["unknown"]["explained"] == {"evidence.date_vs_activity": NOTE}
    assert entries["not_given"]["explained"] == {}
    text = "".join(pdftotext(exported["root"] / "dossier.pdf").split())
    assert "".join(NOTE.split()) in text
    assert "ใบหน้าเบลอแล้ว" in text



class _CancelAtBlurring(CancelToken):
    """Cancels at the third photo the blurring looks at (no step before it asks)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def raise_if_cancelled(self) -> None:
        self.asked += 1
        if self.asked == 3:
            self.cancel()
        super().raise_if_cancelled()


def test_a_cancel_between_photos_leaves_no_file(exported, tmp_path):
    cancel = _CancelAtBlurring()
    with Portfolio.open(exported["folder"], read_only=True) as portfolio, pytest.raises(Cancelled):
        export_dossier(portfolio, DossierConfig(), tmp_path / "d.pdf", package=tmp_path / "d.zip", cancel=cancel)
    assert list(tmp_path.iterdir()) == []
    assert _stored(exported["folder"], exported["ids"]) == exported["before"]


@pytest.mark.parametrize("damage", ["truncated", "not_a_picture"])
def test_a_photo_that_cannot_be_read_stops_the_export_with_a_sentence(exported, tmp_path, damage):
    # it cannot be shown free of faces, so it never leaves sharp
    folder = tmp_path / "portfolio"
    shutil.copytree(exported["folder"], folder)
    with Portfolio.open(folder, read_only=True) as portfolio:
        stored = Services(portfolio).evidence.file_path(exported["ids"]["unknown"])
    data = stored.read_bytes()
    stored.chmod(0o644)
    stored.write_bytes(data[: len(data) // 3] if damage == "truncated" else b"\xff\xd8\xff" + b"\x00" * 4000)
    out = tmp_path / "out"
    out.mkdir()
    with Portfolio.open(folder, read_only=True) as portfolio, pytest.raises(UserError) as caught:
        export_dossier(portfolio, DossierConfig(), out / "d.pdf", package=out / "d.zip")
    assert caught.value.key == "dossier.bad_image"
    assert "unknown.jpg" in caught.value.message("th") and "\n" not in caught.value.message("th")
    assert list(out.iterdir()) == []
