"""Privacy by default (issue 15, item 7): the photos in the evidence package
go without their GPS position unless the lecturer asks to keep it
(``--keep-gps``, the window's box), the package still verifies either way,
and each photo page says whether the people in it consented (unknown shown
as unknown, never left out)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import pytest
from PIL import Image

from ent_portfolio.cli import main
from ent_portfolio.domain.enums import PeopleConsent
from ent_portfolio.dossier import DossierConfig, texts, verify_package
from ent_portfolio.privacy import has_gps
from ent_portfolio.services import Services
from ent_portfolio.services.dossier import export_dossier
from ent_portfolio.storage.portfolio import Portfolio
from tests.pdftools import pdftotext, require_tool
from tests.unit.provenance_cases import CONSENTS, build

GPS_IFD = 0x8825


@pytest.fixture(scope="module")
def case(empty_template, tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy-default")
    folder = root / "portfolio"
    shutil.copytree(empty_template, folder)
    with Portfolio.open(folder) as portfolio:
        made = build(Services(portfolio), root)
    return made, root


def _packaged_photo(package, name_part: str) -> tuple[bytes, dict]:
    """The bytes of the packaged photo whose manifest entry names ``name_part``, and its entry."""
    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        entry = next(f for f in manifest["files"] if name_part in json.dumps(f, ensure_ascii=False))
        return zf.read(entry["path"]), entry


def _exif_gps(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(GPS_IFD))


def _stored_bytes(folder, evidence_id) -> bytes:
    with Portfolio.open(folder, read_only=True) as portfolio:
        return Services(portfolio).evidence.file_path(evidence_id).read_bytes()


def _portfolio_bytes(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "thumbnails" not in p.parts and not p.name.endswith(("-wal", "-shm"))}


def test_the_default_configuration_strips_gps():
    assert DossierConfig().strip_gps is True


def test_the_command_line_strips_gps_unless_asked_to_keep_it(case, tmp_path, capsys):
    made, _root = case
    stored = _stored_bytes(made.folder, made.ids["unknown"])
    assert _exif_gps(stored), "the photo made for the test carries a position"
    before = _portfolio_bytes(made.folder)
    default, kept = tmp_path / "default.zip", tmp_path / "kept.zip"
    assert main(["dossier", "--portfolio", str(made.folder), "--out", str(tmp_path / "d.pdf"),
                 "--package", str(default)]) == 0
    assert main(["dossier", "--portfolio", str(made.folder), "--out", str(tmp_path / "k.pdf"),
                 "--package", str(kept), "--keep-gps"]) == 0
    capsys.readouterr()

    stripped, entry = _packaged_photo(default, "photo-unknown")
    assert _exif_gps(stripped) == {} and not has_gps(stripped)  # read back with Pillow: no position
    assert entry["gps_stripped"] is True
    with Image.open(io.BytesIO(stripped)) as a, Image.open(io.BytesIO(stored)) as b:
        assert a.tobytes() == b.tobytes()  # the picture itself untouched

    as_stored, entry = _packaged_photo(kept, "photo-unknown")
    assert as_stored == stored and _exif_gps(as_stored)  # kept, byte for byte
    assert entry["gps_stripped"] is False

    for package in (default, kept):  # the manifest's hashes hold either way
        report = verify_package(package)
        assert report.ok and report.checked >= 8, report.lines("en")
        assert main(["verify", str(package)]) == 0
    assert _portfolio_bytes(made.folder) == before  # the lecturer's files untouched


def _lines_with_positions(pdf, page: int) -> list[tuple[float, float, str]]:
    """(left, top, text) of every line pdftotext finds on ``page``: which
    photo's column a line is in, as a reader sees it."""
    import subprocess
    import xml.etree.ElementTree as ET

    html = subprocess.run([require_tool("pdftotext"), "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], capture_output=True, check=True).stdout.decode("utf-8")
    root = ET.fromstring(html[html.index("<doc"):html.index("</doc>") + 6].replace("&nbsp;", " "))
    out = []
    for line in root.iter("line"):
        words = [w.text or "" for w in line.iter("word")]
        out.append((float(line.get("xMin")), float(line.get("yMin")), " ".join(" ".join(words).split())))
    return out


@pytest.mark.parametrize("lang", ["th", "en"])
def test_each_photo_page_says_whether_its_people_consented(case, tmp_path, lang):
    require_tool("pdftotext")
    made, _root = case
    pdf = tmp_path / "d.pdf"
    with Portfolio.open(made.folder, read_only=True) as portfolio:
        result = export_dossier(portfolio, DossierConfig(language=lang), pdf).dossier
    pages = [" ".join(p.split()) for p in pdftotext(pdf).split("\f")]
    refs = {e.evidence_id: e.ref for e in result.evidence}
    lead = texts.t("people_consent", lang, consent="")
    for consent in CONSENTS:
        line = texts.t("people_consent", lang, consent=PeopleConsent(consent).label(lang))
        caption = texts.t("evidence_ref", lang, ref=refs[made.ids[consent]])
        page = next(k + 1 for k, p in enumerate(pages) if caption + " " in p and line in p)
        lines = _lines_with_positions(pdf, page)
        x, y = next((x, y) for x, y, text in lines if text.startswith(caption + " "))
        # the first consent line under this caption, in its column, is this photo's
        below = sorted((ty, text) for tx, ty, text in lines if abs(tx - x) < 3 and ty > y and text.startswith(lead))
        assert below and below[0][1] == line, (consent, below)
    unknown = texts.t("people_consent", lang, consent=PeopleConsent("unknown").label(lang))
    assert unknown.endswith("ไม่ทราบ" if lang == "th" else "Unknown")  # shown, never hidden
