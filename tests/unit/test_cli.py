"""The command-line contract of the core commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ent_portfolio.cli import main
from ent_portfolio.storage.portfolio import DATABASE_NAME


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_works_lists_uuid_and_thai_title(capsys, demo_dir):
    code, out, err = run(capsys, "works", "--portfolio", str(demo_dir))
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) >= 3
    for line in lines:
        uuid, title = line.split("\t")
        assert len(uuid) == 36 and uuid.count("-") == 4
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in title)


def test_demo_refuses_a_folder_with_files(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    code, _out, err = run(capsys, "--lang", "en", "demo", "--portfolio", str(tmp_path))
    assert code == 1
    assert "already holds other files" in err
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert not (tmp_path / DATABASE_NAME).exists()


def test_doctor_on_the_demo_is_healthy_and_finds_damage(capsys, demo_dir):
    code, out, _ = run(capsys, "doctor", "--portfolio", str(demo_dir))
    assert code == 0 and "สมบูรณ์" in out
    stored = next((demo_dir / "evidence").glob("*/*"))
    stored.write_bytes(stored.read_bytes() + b"tampered")
    orphan = demo_dir / "evidence" / ("ab") / ("ab" + "0" * 62)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"nobody uses me")
    code, out, _ = run(capsys, "--lang", "en", "doctor", "--portfolio", str(demo_dir))
    assert code == 1
    assert stored.name in out and "altered or damaged" in out
    assert orphan.name in out and "no record uses" in out


def test_archive_export_import_round_trip_via_cli(capsys, demo_dir, tmp_path):
    archive = tmp_path / "demo.entp"
    code, out, err = run(capsys, "archive", "export", "--portfolio", str(demo_dir), str(archive))
    assert code == 0, err
    assert archive.is_file()
    target = tmp_path / "copy"
    code, out, err = run(capsys, "archive", "import", "--portfolio", str(target), str(archive))
    assert code == 0, err
    code, again, _ = run(capsys, "--lang", "en", "archive", "import", "--portfolio", str(target), str(archive))
    assert code == 0 and "Nothing changed" in again
    _, works_a, _ = run(capsys, "works", "--portfolio", str(demo_dir))
    _, works_b, _ = run(capsys, "works", "--portfolio", str(target))
    assert works_a == works_b
    code, out, _ = run(capsys, "doctor", "--portfolio", str(target))
    assert code == 0


def test_user_errors_are_one_sentence_in_the_chosen_language(capsys, tmp_path):
    code, _, err = run(capsys, "--lang", "th", "works", "--portfolio", str(tmp_path / "none"))
    assert code == 1
    assert "ไม่ใช่โฟลเดอร์แฟ้มผลงาน" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "--lang", "en", "archive", "import", "--portfolio", str(tmp_path / "p"),
                       str(tmp_path / "missing.entp"))
    assert code == 1 and "not an EnT Portfolio archive" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["works", "--no-such-option"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["archive"])
    assert caught.value.code == 2


def test_console_script_prints_version_and_no_traceback(tmp_path):
    script = Path(sys.executable).with_name("ent-portfolio")
    assert script.exists(), "the package is installed with its console script"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "EnT Portfolio" in result.stdout
    env = dict(os.environ, LANG="th_TH.UTF-8", ENT_PORTFOLIO_LANG="")
    result = subprocess.run([str(script), "works", "--portfolio", str(tmp_path / "x")],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "ไม่ใช่" in result.stderr


@pytest.mark.parametrize("argv", [
    ["works", "--lang", "en", "--portfolio", "{x}"],
    ["--lang", "en", "works", "--portfolio", "{x}"],
    ["archive", "export", "--lang", "en", "--portfolio", "{x}", "{x}/a.entp"],
    ["doctor", "--portfolio", "{x}", "--lang", "en"],
])
def test_lang_works_before_or_after_any_command(capsys, tmp_path, argv):
    code, _, err = run(capsys, *[a.replace("{x}", str(tmp_path / "none")) for a in argv])
    assert code == 1 and "is not an EnT Portfolio folder" in err


def test_demo_onto_a_file_is_one_sentence_and_the_file_is_untouched(capsys, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_bytes(b"my notes")
    code, out, err = run(capsys, "demo", "--portfolio", str(target))
    assert code == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "ไม่ใช่โฟลเดอร์" in err
    assert target.read_bytes() == b"my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
