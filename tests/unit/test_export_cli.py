"""``ent-portfolio export docx|xlsx``: the files written, one summary line,
and every refusal a sentence on stderr with exit 1 (never a traceback),
the portfolio untouched."""

from __future__ import annotations

import errno
import hashlib
import re

import docx
import openpyxl
import pytest

from ent_portfolio.cli import main
from ent_portfolio.office import word
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _digest(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(("-shm", "-wal"))}


@pytest.fixture
def small(empty_template, tmp_path):
    """A portfolio of two works, the second one's title in English too."""
    import shutil

    folder = tmp_path / "portfolio"
    shutil.copytree(empty_template, folder)
    with Portfolio.open(folder) as portfolio:
        services = Services(portfolio)
        first = services.works.create(title_th="ผักปลอดภัยบ้านโนนสวรรค์", province="ขอนแก่น")
        second = services.works.create(title_th="น้ำสะอาดบ้านห้วยยาง", title_en="Clean water in Huai Yang")
        services.works.set_section(first.id, "abstract", "<p>ชุมชน<b>ร่วมคิด</b>ร่วมทำ</p>")
    return folder, first.id, second.id


def test_export_docx_writes_the_works_asked_for_in_their_order(capsys, small, tmp_path):
    folder, first, second = small
    out = tmp_path / "งานเขียน.docx"
    code, stdout, err = run(capsys, "export", "docx", "--portfolio", str(folder), "--out", str(out),
                            "--work", second, "--work", first)
    assert code == 0, err
    assert "เขียนไฟล์ Word แล้ว: ผลงาน 2 เรื่อง" in stdout and str(out.resolve()) in stdout
    h1 = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["น้ำสะอาดบ้านห้วยยาง", "ผักปลอดภัยบ้านโนนสวรรค์"]


def test_export_docx_in_english_speaks_english(capsys, small, tmp_path):
    folder, _first, second = small
    out = tmp_path / "en.docx"
    code, stdout, err = run(capsys, "export", "docx", "--portfolio", str(folder), "--out", str(out),
                            "--work", second, "--lang", "en")
    assert code == 0, err
    assert stdout.startswith("Word file written: 1 work(s)")
    assert [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"] == \
        ["Clean water in Huai Yang"]


@pytest.mark.parametrize("where, key_text", [
    ("inside", "cannot be written inside the portfolio folder"),
    ("missing", "does not exist; create it first"),
    ("folder", "is a folder; give the name of the file"),
    ("unknown-work", "No work with id"),
])
def test_a_refused_export_docx_is_one_sentence_and_changes_nothing(capsys, small, tmp_path, where, key_text):
    folder = small[0]
    before = _digest(folder)
    out = {"inside": folder / "write-up.docx", "missing": tmp_path / "no-such" / "x.docx",
           "folder": tmp_path, "unknown-work": tmp_path / "x.docx"}[where]
    extra = ["--work", "not-a-work"] if where == "unknown-work" else []
    code, stdout, err = run(capsys, "--lang", "en", "export", "docx", "--portfolio", str(folder),
                            "--out", str(out), *extra)
    assert code == 1 and stdout == ""
    assert key_text in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert _digest(folder) == before
    assert not (tmp_path / "x.docx").exists()


def test_a_folder_that_refuses_the_write_is_a_sentence(capsys, small, tmp_path, monkeypatch):
    def refused(target, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(word, "atomic_write", refused)
    code, _stdout, err = run(capsys, "--lang", "en", "export", "docx", "--portfolio", str(small[0]),
                             "--out", str(tmp_path / "x.docx"))
    assert code == 1 and "Traceback" not in err and "Permission denied" in err
    assert not (tmp_path / "x.docx").exists()


def test_export_without_a_kind_is_a_usage_error(capsys, small):
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--portfolio", str(small[0])])
    assert stopped.value.code == 2


def test_export_xlsx_writes_the_workbook_and_says_what_is_in_it(capsys, small, tmp_path):
    out = tmp_path / "ตัวเลข.xlsx"
    code, stdout, err = run(capsys, "export", "xlsx", "--portfolio", str(small[0]), "--out", str(out))
    assert code == 0, err
    assert str(out.resolve()) in stdout
    sheets, rows = map(int, re.match(r"เขียนไฟล์ Excel แล้ว: (\d+) แผ่นงาน ข้อมูล (\d+) แถว", stdout).groups())
    book = openpyxl.load_workbook(out)
    assert 2 <= sheets <= len(book.sheetnames)
    assert rows >= 2  # the two works, at least
    titles = [c.value for row in book.worksheets[0].iter_rows() for c in row if isinstance(c.value, str)]
    assert "ผักปลอดภัยบ้านโนนสวรรค์" in titles and "น้ำสะอาดบ้านห้วยยาง" in titles


def test_export_xlsx_inside_the_portfolio_is_refused(capsys, small):
    folder = small[0]
    code, _stdout, err = run(capsys, "--lang", "en", "export", "xlsx", "--portfolio", str(folder),
                             "--out", str(folder / "numbers.xlsx"))
    assert code == 1 and "cannot be written inside the portfolio folder" in err
    assert not (folder / "numbers.xlsx").exists()
