"""``ent-portfolio import sheet`` in Thai and English: what it prints, its
dry run, its --map choices and its exit codes (0 all imported, 1 a row or
the file refused, 2 a usage error)."""

from __future__ import annotations

import pytest

from ent_portfolio.cli import main
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from tests.unit.storage_cases import records_dump

SHEET = (
    "ประทับเวลา,ชื่อ-นามสกุล,เพศ,กิจกรรม\n"
    '"15/10/2566, 9:12:33",สมชาย ใจดี,ชาย,อบรมการทำปุ๋ย\n'
    '"15/10/2566, 9:13:01",สมหญิง ใจงาม,หญิง,อบรมการทำปุ๋ย\n'
    '"32/10/2566, 9:12:33",ปิติ,ชาย,อบรมการทำปุ๋ย\n'
)


@pytest.fixture
def folder(empty_template, tmp_path):
    import shutil

    target = shutil.copytree(empty_template, tmp_path / "portfolio")
    with Portfolio.open(target) as portfolio:
        work = Services(portfolio).works.create(title_th="งาน")
    return target, work.id


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as usage:  # argparse's way out of a usage error
        code = usage.code
    out, err = capsys.readouterr()
    return code, out, err


def _sheet(tmp_path, text=SHEET):
    path = tmp_path / "ลงทะเบียน.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _activities(target):
    with Portfolio.open(target, read_only=True) as portfolio:
        return Services(portfolio).activities.list()


def test_dry_run_in_thai_names_the_refused_row_and_writes_nothing(capsys, folder, tmp_path):
    target, work = folder
    before = records_dump(target)
    code, out, err = run(capsys, "--lang", "th", "import", "sheet", "--portfolio", str(target), "--work", work,
                         "--dry-run", _sheet(tmp_path))
    assert code == 1, err
    assert "นำเข้า: 15/10/2566 “อบรมการทำปุ๋ย”: 2 คน (ชาย 1, หญิง 1)" in out
    assert "ไม่นำเข้า แถวที่ 4: ช่อง “ประทับเวลา”: ไม่มีวันที่ 32 ในเดือนตุลาคม 2566" in out
    assert "ไม่เก็บรายชื่อผู้เข้าร่วม" in out and "ทดลองเท่านั้น" in out
    assert records_dump(target) == before


def test_import_in_english_then_again_counts_nobody_twice(capsys, folder, tmp_path):
    target, work = folder
    sheet = _sheet(tmp_path, SHEET.rsplit("\n", 2)[0] + "\n")
    code, out, err = run(capsys, "--lang", "en", "import", "sheet", "--portfolio", str(target), "--work", work,
                         sheet)
    assert code == 0, err
    assert "1 activities from 2 rows; 0 rows refused" in out and "Dry run" not in out
    assert [(a.title, a.participants_total) for a in _activities(target)] == [("อบรมการทำปุ๋ย", 2)]
    code, out, err = run(capsys, "import", "sheet", "--lang", "en", "--portfolio", str(target), "--work", work,
                         sheet)
    assert code == 1 and "already has its participants counted" in out


def test_map_overrides_the_guess_and_keep_names_keeps_them(capsys, folder, tmp_path):
    target, work = folder
    code, out, err = run(capsys, "--lang", "en", "import", "sheet", "--portfolio", str(target), "--work", work,
                         "--map", "C=ไม่ใช้", "--map", "2=name", "--keep-names", _sheet(tmp_path))
    assert code == 1, err
    assert "“เพศ”" not in out
    activity, = _activities(target)
    assert activity.participant_groups == {} and "สมชาย ใจดี" in activity.notes


@pytest.mark.parametrize("argv, code, thai, english", [
    (["--kind", "payroll"], 2, "payroll", "payroll"),
    (["--map", "nothing"], 2, "--map", "--map"),
    (["--map", "ไม่มีคอลัมน์นี้=date"], 1, "ไม่มีคอลัมน์", "has no column"),
    (["--map", "ประทับเวลา=birthday"], 1, "ไม่ใช่สิ่งที่จับคู่", "not something a column"),
    (["--map", "ประทับเวลา=ignore"], 1, "ยังไม่ได้บอกว่าคอลัมน์ใดเป็น “วันที่”", "No column is mapped to “date”"),
])
def test_bad_choices_are_one_sentence_in_either_language(capsys, folder, tmp_path, argv, code, thai, english):
    target, work = folder
    sheet = _sheet(tmp_path)
    before = records_dump(target)
    for lang, words in (("th", thai), ("en", english)):
        got, out, err = run(capsys, "--lang", lang, "import", "sheet", "--portfolio", str(target), "--work", work,
                            *argv, sheet)
        assert got == code and words in err and "Traceback" not in err
    assert records_dump(target) == before


def test_an_unknown_work_and_a_missing_file_exit_1(capsys, folder, tmp_path):
    target, work = folder
    code, _, err = run(capsys, "--lang", "en", "import", "sheet", "--portfolio", str(target), "--work", "nope",
                       _sheet(tmp_path))
    assert code == 1 and "nope" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "--lang", "th", "import", "sheet", "--portfolio", str(target), "--work", work,
                       str(tmp_path / "none.csv"))
    assert code == 1 and "ไม่พบไฟล์" in err


def test_measurements_from_the_command_line(capsys, folder, tmp_path):
    target, work = folder
    with Portfolio.open(target) as portfolio:
        Services(portfolio).indicators.create(work_id=work, name_th="รายได้ครัวเรือน")
    path = tmp_path / "m.csv"
    path.write_text("ตัวชี้วัด;วันที่;ค่า\nรายได้ครัวเรือน;15/10/2566;1,234.5\nรายได้;15/10/2566;5\n",
                    encoding="cp874")
    code, out, err = run(capsys, "--lang", "en", "import", "sheet", "--portfolio", str(target), "--work", work,
                         "--kind", "measurements", str(path))
    assert code == 1, err
    assert "2023-10-15 indicator “รายได้ครัวเรือน”: 1,234.5" in out
    assert "Row 3: this work has no indicator “รายได้”" in out
    assert "1 measurements; 1 rows refused" in out


def test_help_is_thai(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--lang", "th", "import", "sheet", "--help"])
    assert done.value.code == 0
    assert "นำเข้าจำนวนผู้เข้าร่วมกิจกรรม" in capsys.readouterr().out
