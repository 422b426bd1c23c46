"""No command writes what it makes into the portfolio folder.

``dossier --out``, ``dossier --package``, ``archive export`` and
``backup --out`` onto the database, onto a stored evidence file, into
``backups/`` or through a link into the folder once replaced the file there
and exited 0.  Each is now one sentence, exit 1, with the portfolio folder
byte-for-byte as it was and nothing written anywhere else either."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import main
from ent_portfolio.i18n import MESSAGES
from ent_portfolio.storage.portfolio import DATABASE_NAME


def _snapshot(folder: Path) -> dict[str, str]:
    """Every entry below ``folder``: a file by its SHA-256, a link by its target."""
    seen = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(parent) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                seen[key] = "link:" + os.readlink(path)
            elif path.is_dir():
                seen[key] = "folder"
            else:
                seen[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def _says(err: str, key: str) -> bool:
    """``err`` is the English sentence of ``key`` (its fixed words, around the parameters)."""
    english = MESSAGES[key][1]
    return all(part.strip() in err for part in re.split(r"\{[^}]*\}", english) if len(part.strip()) > 3)


def _stored_evidence(folder: Path) -> Path:
    return next(p for p in sorted((folder / "evidence").glob("*/*")) if p.is_file())


COMMANDS = {
    "dossier --out": lambda folder, target, spare: ["dossier", "--portfolio", str(folder), "--out", str(target)],
    "dossier --package": lambda folder, target, spare: ["dossier", "--portfolio", str(folder), "--out",
                                                        str(spare), "--package", str(target)],
    "archive export": lambda folder, target, spare: ["archive", "export", "--portfolio", str(folder), str(target)],
    "backup --out": lambda folder, target, spare: ["backup", "--portfolio", str(folder), "--out", str(target)],
}


def _into_the_database(folder, tmp_path):
    return folder / DATABASE_NAME, "error.output_inside_portfolio"


def _onto_stored_evidence(folder, tmp_path):
    return _stored_evidence(folder), "error.output_inside_portfolio"


def _into_backups(folder, tmp_path):
    (folder / "backups").mkdir(exist_ok=True)
    return folder / "backups" / "x.entp", "error.output_inside_portfolio"


def _through_a_linked_folder(folder, tmp_path):
    link = tmp_path / "shortcut"
    link.symlink_to(folder / "evidence", target_is_directory=True)
    return link / "x.out", "error.output_inside_portfolio"


def _onto_a_folder(folder, tmp_path):
    target = tmp_path / "a folder"
    target.mkdir()
    return target, "error.output_is_folder"


def _into_a_missing_folder(folder, tmp_path):
    return tmp_path / "missing" / "dir" / "x.out", "error.output_folder_missing"


TARGETS = {
    "onto the database": _into_the_database,
    "onto a stored evidence file": _onto_stored_evidence,
    "into backups/": _into_backups,
    "into a linked folder pointing into the portfolio": _through_a_linked_folder,
    "onto a folder": _onto_a_folder,
    "into a missing folder": _into_a_missing_folder,
}


def _refused_unchanged(capsys, folder: Path, tmp_path: Path, argv: list[str], key: str) -> str:
    (folder / "backups").mkdir(exist_ok=True)  # the same snapshot whatever the target needs
    before = _snapshot(folder)
    outside_before = {p.name for p in tmp_path.iterdir()}
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "Traceback" not in out + err and len(err.strip().splitlines()) == 1, err
    assert _says(err, key), err
    assert _snapshot(folder) == before
    assert {p.name for p in tmp_path.iterdir()} == outside_before  # no PDF, no temporary file beside
    return err


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_inside_the_portfolio_or_nowhere_is_refused(capsys, demo_dir, tmp_path, command, target):
    work = tmp_path / "work"
    work.mkdir()
    path, key = TARGETS[target](demo_dir, work)
    spare = work / "dossier.pdf"  # the PDF --package goes with: must not be written either
    _refused_unchanged(capsys, demo_dir, work, COMMANDS[command](demo_dir, path, spare), key)
    assert not spare.exists()
    if target == "into a missing folder":
        assert not (work / "missing").exists()


def test_the_pdf_and_the_package_must_be_two_files(capsys, demo_dir, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    same = work / "dossier.out"
    argv = ["dossier", "--portfolio", str(demo_dir), "--out", str(same), "--package", str(same)]
    _refused_unchanged(capsys, demo_dir, work, argv, "error.output_same_file")
    # the same file under two names: through a linked folder
    (work / "alias").symlink_to(work, target_is_directory=True)
    argv = ["dossier", "--portfolio", str(demo_dir), "--out", str(same), "--package", str(work / "alias" / same.name)]
    _refused_unchanged(capsys, demo_dir, work, argv, "error.output_same_file")
    assert not same.exists()


def test_the_refusal_reads_in_thai_by_default(capsys, demo_dir, tmp_path):
    code = main(["archive", "export", "--portfolio", str(demo_dir), str(demo_dir / DATABASE_NAME)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and "ไม่มีการเปลี่ยนแปลงใด ๆ" in err and "\n" not in err


def test_outputs_outside_the_portfolio_are_still_written(capsys, demo_dir, tmp_path):
    """The guard refuses what is inside, not everything: the same commands
    to a place outside the folder succeed."""
    assert main(["archive", "export", "--portfolio", str(demo_dir), str(tmp_path / "a.entp")]) == 0
    assert main(["backup", "--portfolio", str(demo_dir), "--out", str(tmp_path / "b.entp")]) == 0
    assert (tmp_path / "a.entp").stat().st_size > 0 and (tmp_path / "b.entp").stat().st_size > 0
    capsys.readouterr()


_part = st.sampled_from(["evidence", "backups", "tmp", "thumbnails", "..", ".", DATABASE_NAME]) | \
    st.text(st.characters(whitelist_categories=("Ll", "Lo", "Nd")), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_part, min_size=1, max_size=4), command=st.sampled_from(["dossier --out", "archive export"]))
def test_any_path_inside_the_portfolio_is_refused(capsys, demo_dir, tmp_path, parts, command):
    target = demo_dir.joinpath(*parts)
    # Only paths that stay inside: ``..`` out of the folder is a legitimate place.
    if not Path(os.path.realpath(target)).is_relative_to(os.path.realpath(demo_dir)):
        return
    before = _snapshot(demo_dir)
    code = main(["--lang", "en", *COMMANDS[command](demo_dir, target, tmp_path / "spare.pdf")])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err and len(err.strip().splitlines()) == 1, err
    assert any(_says(err, key) for key in ("error.output_inside_portfolio", "error.output_is_folder",
                                           "error.output_folder_missing")), err
    assert _snapshot(demo_dir) == before
