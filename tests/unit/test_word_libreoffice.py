"""The demo's Word file as LibreOffice Writer opens it: converted to PDF
headless (once for the module), its Thai extracts exactly, it is set in
Sarabun with no fallback font, its headings become the PDF's outline, and
its first pages render (``/tmp/shots18/word-page-*.png`` to look at).

LibreOffice gets a home and a profile of its own, with the app's Sarabun
in that home's fonts folder: the machine's own fonts and settings play no
part.  Without ``soffice`` the module is skipped on a developer machine and
fails under CI (``CI=true``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from ent_portfolio.demo import work_lamphun, work_nan
from ent_portfolio.dossier.richtext import html_blocks
from ent_portfolio.office.word import write_docx
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.typeset.fonts import font_files
from tests.pdftools import in_ci, pdffonts, pdftotext, render_pages, require_tool

SHOTS = Path("/tmp/shots18")


def _soffice() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    message = "LibreOffice (soffice) not found: install libreoffice-writer-nogui"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def converted(demo_template, tmp_path_factory):
    """(the .docx, the PDF LibreOffice made of it)."""
    soffice = _soffice()
    require_tool("pdftotext")
    root = tmp_path_factory.mktemp("libreoffice")
    folder = root / "demo"
    shutil.copytree(demo_template, folder)
    out = root / "ผลงาน.docx"
    with Portfolio.open(folder, read_only=True) as portfolio:
        write_docx(portfolio, out)
    home = root / "home"
    fonts = home / ".fonts"
    fonts.mkdir(parents=True)
    for path in font_files().fonts().values():
        (fonts / path.name).symlink_to(path)
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share")}
    subprocess.run([soffice, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(root), str(out)],
                   check=True, env=env, capture_output=True, timeout=300)
    pdf = root / "ผลงาน.pdf"
    assert pdf.is_file()
    return out, pdf


def _squashed(text: str) -> str:
    """Text with every space and line break gone: LibreOffice breaks a
    Thai line where it likes, and the comparison must not care where."""
    return re.sub(r"\s+", "", text)


def _first_paragraph(section: list) -> str:
    content = section[0] if "<" in section[0] else f"<p>{section[0]}</p>"
    return html_blocks(content)[0].plain


def test_the_thai_paragraphs_extract_exactly(converted):
    # content-stream order: the reading order splits a tone mark LibreOffice
    # raises in a bold heading onto a line of its own
    text = _squashed(pdftotext(converted[1], raw=True))
    for paragraph in (_first_paragraph(work_nan.SECTIONS["abstract"]),
                      _first_paragraph(work_lamphun.SECTIONS["abstract"]),
                      work_nan.WORK["title_th"]):
        assert _squashed(paragraph) in text
    assert "\ufffd" not in text and "□" not in text


def test_it_is_set_in_sarabun_and_nothing_falls_back(converted):
    fonts = pdffonts(converted[1])
    names = {f["name"].split("+")[-1] for f in fonts}
    assert {"Sarabun-Regular", "Sarabun-Bold"} <= names
    assert all(name.startswith("Sarabun") for name in names), names
    assert all(f["emb"] for f in fonts)


def test_the_headings_are_the_pdfs_outline(converted):
    out, pdf = converted
    document = docx.Document(str(out))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]

    def flat(items):
        for item in items:
            if isinstance(item, list):
                yield from flat(item)
            else:
                yield item.title

    outline = list(flat(PdfReader(str(pdf)).outline))
    assert all(title in outline for title in titles)
    assert "1. บทคัดย่อ" in outline and "ตัวชี้วัดและผลการเปลี่ยนแปลง" in outline


def test_the_first_pages_render(converted, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = render_pages(converted[1], tmp_path, dpi=70, first=1, last=2)
    assert len(pages) == 2
    for k, page in enumerate(pages, 1):
        shutil.copyfile(page, SHOTS / f"word-page-{k}.png")
        assert page.stat().st_size > 10_000  # text, not a blank page
