"""Evidence import under hostile input, from the folder's side: names in
TIS-620 and other bytes that are not UTF-8, size limits that are not limits,
and everything else a folder can hold (pipes, devices, link loops, files that
vanish, grow or turn into pipes while the import runs) end as one outcome with
a sentence each, never a hang, and the rest of the batch imports.

Every hostile file is made here, by the test (no binary blobs)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import media_fixtures as mf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_cases import assert_sentence, create_work, store_files
from sqlalchemy import select

from ent_portfolio.cli import main as cli_main
from ent_portfolio.domain import models as m
from ent_portfolio.errors import ValidationError
from ent_portfolio.media import sniff as sn
from ent_portfolio.services import importer
from ent_portfolio.services.doctor import check_portfolio
from ent_portfolio.services.importer import ImportLimits, Status, import_evidence, readable_name


@pytest.fixture
def work(services):
    return create_work(services)


def assert_clean(portfolio) -> None:
    report = check_portfolio(portfolio)
    assert report.healthy, [p.message("en") for p in report.problems]
    assert portfolio.store.stray_temp_files() == []


def stored_names(portfolio) -> list[str]:
    with portfolio.reader() as session:
        return sorted(session.scalars(select(m.Evidence.original_name)))


def write_bytes_name(folder: Path, raw_name: bytes, data: bytes) -> bytes:
    """A file whose name is raw bytes (what a FAT stick from a Thai Windows
    machine holds), created through the bytes interface."""
    path = os.fsencode(folder) + b"/" + raw_name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return path


def jpeg_bytes(tmp_path: Path, seed: int) -> bytes:
    return mf.photo(tmp_path / f"seed-{seed}.jpg", size=(64, 48), seed=seed).read_bytes()


# -- 1. file names that are not UTF-8 -------------------------------------------------

def test_a_tis620_file_name_imports_with_its_thai_name_and_the_batch_goes_on(portfolio, work, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    mf.photo(folder / "ภาพ-utf8.jpg", size=(64, 48), seed=1)
    write_bytes_name(folder, "สว.jpg".encode("cp874"), jpeg_bytes(tmp_path, 2))
    write_bytes_name(folder, b"\xfc\xfd.jpg", jpeg_bytes(tmp_path, 3))  # bytes cp874 does not define
    os.mkdir(os.fsencode(folder) + b"/" + "รูป".encode("cp874"))
    write_bytes_name(folder, "รูป".encode("cp874") + b"/" + "งาน.jpg".encode("cp874"), jpeg_bytes(tmp_path, 4))

    result = import_evidence(portfolio, work.id, [folder])

    assert [o.status for o in result.outcomes] == [Status.STORED] * 4, [o.line("en") for o in result.outcomes]
    names = sorted(o.name for o in result.outcomes)
    assert str(folder / "รูป" / "งาน.jpg") in names  # a cp874 folder and a cp874 file, both read
    assert str(folder / "สว.jpg") in names
    assert str(folder / "\ufffd\ufffd.jpg") in names
    assert stored_names(portfolio) == sorted(["ภาพ-utf8.jpg", "สว.jpg", "\ufffd\ufffd.jpg", "งาน.jpg"])
    for outcome in result.outcomes:
        outcome.line("th").encode("utf-8")
        assert portfolio.store.path_for(outcome.sha256).read_bytes() == Path(outcome.path).read_bytes()
    assert_clean(portfolio)


def test_the_command_line_prints_tis620_names_and_refusals(portfolio, work, tmp_path, capsys):
    folder = tmp_path / "usb"
    folder.mkdir()
    write_bytes_name(folder, "ภาพ.jpg".encode("cp874"), jpeg_bytes(tmp_path, 5))
    write_bytes_name(folder, "โปรแกรม.pdf".encode("cp874"), b"MZ\x90\x00" + b"\x00" * 200 + b"%PDF-1.7\n")
    folder_arg = str(portfolio.folder)
    portfolio.close()

    code = cli_main(["--lang", "en", "evidence", "add", "--portfolio", folder_arg, "--work", work.id, str(folder)])

    out = capsys.readouterr().out.splitlines()
    assert code == 1
    # the import's own lines, as decoded names; the photo analysis reports after them
    assert out[:3] == [f"stored: {folder / 'ภาพ.jpg'}",
                       f"refused: “{folder / 'โปรแกรม.pdf'}” is a program, not evidence",
                       "1 stored, 0 already present, 1 refused"]
    assert out[3].startswith("1 photo(s) analysed")


@pytest.mark.parametrize("impossible", ["\ud800-unpaired.jpg", "nul\x00byte.jpg", "dir\ud800/x.jpg"])
def test_a_name_no_file_can_have_is_refused_by_name(portfolio, work, tmp_path, impossible):
    good = mf.photo(tmp_path / "good.jpg", size=(64, 48), seed=6)
    result = import_evidence(portfolio, work.id, [good, impossible])
    stored, refused = result.outcomes
    assert stored.status is Status.STORED
    assert refused.reason_key == "import.missing"
    assert_sentence(refused, "x.jpg" if "/" in impossible else impossible[-8:])


@pytest.mark.parametrize("text, readable", [
    ("plain.jpg", "plain.jpg"),
    ("/a/\udcca\udcc7.jpg", "/a/สว.jpg"),
    ("ไทย/\udcc3\udcd9\udcbb/x.jpg", "ไทย/รูป/x.jpg"),   # UTF-8 folder, cp874 folder
    ("\udcfc.jpg", "\ufffd.jpg"),                        # a byte cp874 leaves undefined
    ("\ud800.jpg", "?.jpg"),                             # not a byte at all
])
def test_readable_name(text, readable):
    assert readable_name(text) == readable


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_any_byte_name_imports_or_is_refused_and_stores_only_utf8(portfolio, work, tmp_path, raw):
    folder = tmp_path / f"names-{raw.hex()[:60]}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    write_bytes_name(folder, b"x" + raw + b".jpg", jpeg_bytes(tmp_path, 7))
    mf.photo(folder / "plain.jpg", size=(64, 48), seed=8)

    result = import_evidence(portfolio, work.id, [folder])

    assert len(result.outcomes) == 2
    for outcome in result.outcomes:
        assert outcome.ok, outcome.line("en")  # both are whole photos: a name is never a reason
        outcome.line("th").encode("utf-8")
    for name in stored_names(portfolio):
        name.encode("utf-8")


# -- 4. --max-size-mb ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e400", "-1", "0", "0.0", "-0",
                                   "abc", "", " ", "5MB", "1e-999999999", "0.0000001", "1e999999999999",
                                   "1000001", "๑e๔๐๐"])
def test_a_max_size_that_is_not_a_limit_is_one_sentence_and_changes_nothing(portfolio, work, tmp_path, capsys, value):
    photo = mf.photo(tmp_path / "p.jpg", size=(64, 48))
    folder_arg = str(portfolio.folder)
    portfolio.close()
    before = mf.snapshot(Path(folder_arg))

    code = cli_main(["--lang", "en", "evidence", "add", "--portfolio", folder_arg, "--work", work.id,
                     f"--max-size-mb={value}", str(photo)])

    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [captured.err.strip()]  # one line
    assert "--max-size-mb" in captured.err and "Nothing was changed." in captured.err
    assert "Traceback" not in captured.err
    assert mf.snapshot(Path(folder_arg)) == before


@pytest.mark.parametrize("value, accepted", [("0.001", False), ("2,000", True), ("๕", True), (" 1 ", True)])
def test_a_max_size_that_is_a_limit_is_applied(portfolio, work, tmp_path, capsys, value, accepted):
    photo = mf.photo(tmp_path / "p.jpg")  # a few kilobytes: over 0.001 MB (1 048 bytes)
    assert photo.stat().st_size > 1048
    folder_arg = str(portfolio.folder)
    portfolio.close()
    code = cli_main(["--lang", "en", "evidence", "add", "--portfolio", folder_arg, "--work", work.id,
                     f"--max-size-mb={value}", str(photo)])
    out = capsys.readouterr().out
    assert code == (0 if accepted else 1)
    assert out.startswith("stored: " if accepted else f"refused: “{photo}” is too large")


@pytest.mark.parametrize("limits", [dict(max_file_bytes=0), dict(max_file_bytes=-1), dict(max_file_bytes=1.5),
                                    dict(max_file_bytes=float("nan")), dict(max_file_bytes=True),
                                    dict(max_pixels=0), dict(max_pixels=-5), dict(max_pixels=float("inf"))])
def test_limits_that_would_mean_no_limit_are_refused_by_every_caller(limits):
    with pytest.raises(ValidationError) as caught:
        ImportLimits(**limits)
    assert caught.value.key == "import.bad_limit"
    assert caught.value.message("en").endswith("Nothing was changed.")


# -- 6. everything else a folder can hold -----------------------------------------------------------

def _broken_xref_pdf(path: Path) -> Path:
    data = bytearray(mf.text_pdf(path).read_bytes())
    start = data.index(b"xref")
    data[start:start + 60] = b"\x00garbage" * 7 + b"\x00" * 4
    path.write_bytes(bytes(data))
    return path


def _run_with_deadline(call, seconds: float = 60):
    """``call()`` on a thread; fails the test instead of hanging it."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the import hung"
    return box["result"]


def test_every_kind_of_bad_file_is_one_sentence_and_the_rest_imports(portfolio, services, work, tmp_path):
    folder = tmp_path / "stick"
    good = mf.photo(folder / "good.jpg", size=(64, 48), seed=9)
    heic = mf.photo(tmp_path / "whole.heic", fmt="HEIF", size=(128, 96))
    cases = {
        "corrupt.jpg": (lambda p: p.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(2000)), None),
        "cut.heic": (lambda p: p.write_bytes(heic.read_bytes()[: heic.stat().st_size // 2]), None),
        "noroot.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n" + b"\x00" * 3000 + b"\nstartxref\n99999\n%%EOF\n"), None),
        "garbage.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n" + os.urandom(3000) + b"\n%%EOF\n"), None),
        "empty.png": (lambda p: p.write_bytes(b""), "import.empty"),
        "pipe.jpg": (lambda p: os.mkfifo(p), "import.not_regular"),
        "zero.jpg": (lambda p: os.symlink("/dev/zero", p), "import.not_regular"),
        "null.pdf": (lambda p: os.symlink("/dev/null", p), "import.not_regular"),
        "self.jpg": (lambda p: os.symlink(p, p), "import.link_loop"),
        "loop": (lambda p: os.symlink(".", p), "import.folder_link"),
        "elsewhere": (lambda p: os.symlink(tmp_path / "outside", p), "import.folder_link"),
    }
    repairable = _broken_xref_pdf(folder / "xref.pdf")  # readers rebuild a broken xref table: so do we
    mf.photo(tmp_path / "outside" / "not-followed.jpg", size=(64, 48), seed=10)
    for name, (make, _) in cases.items():
        make(folder / name)

    result = _run_with_deadline(lambda: import_evidence(portfolio, work.id, [folder, folder / "self.jpg"]))

    by_name = {Path(o.path).name: o for o in result.outcomes}
    assert set(by_name) == set(cases) | {"good.jpg", "xref.pdf"}
    assert by_name["good.jpg"].status is Status.STORED
    assert by_name["xref.pdf"].status is Status.STORED
    assert services.evidence.get(by_name["xref.pdf"].evidence_id).page_count == 1
    for name, (_, key) in cases.items():
        outcome = by_name[name]
        assert_sentence(outcome, name)
        if key:
            assert outcome.reason_key == key, (name, outcome.line("en"))
        else:  # which sentence depends on where the decoder notices; that it is one does not
            assert outcome.reason_key in ("import.damaged", "import.truncated"), (name, outcome.line("en"))
    assert sorted(store_files(portfolio)) == sorted([mf.sha256(good), mf.sha256(repairable)])
    assert_clean(portfolio)


def test_a_file_that_disappears_after_listing_is_refused_by_name(portfolio, work, tmp_path, monkeypatch):
    folder = tmp_path / "sync"
    mf.photo(folder / "a.jpg", size=(64, 48), seed=11)
    mf.photo(folder / "b.jpg", size=(64, 48), seed=12)
    real_collect = importer.collect_files

    def collect_then_lose(*args, **kwargs):
        entries = real_collect(*args, **kwargs)
        (folder / "a.jpg").unlink()  # a sync client took it back
        return entries

    monkeypatch.setattr(importer, "collect_files", collect_then_lose)
    first, second = import_evidence(portfolio, work.id, [folder]).outcomes
    assert first.reason_key == "import.missing"
    assert_sentence(first, "a.jpg")
    assert second.status is Status.STORED


@pytest.mark.parametrize("moment", ["after-stat", "after-sniff"])
def test_a_file_turned_into_a_pipe_while_importing_does_not_hang(portfolio, work, tmp_path, monkeypatch, moment):
    folder = tmp_path / "race"
    victim = mf.photo(folder / "a.jpg", size=(64, 48), seed=13)
    mf.photo(folder / "b.jpg", size=(64, 48), seed=14)

    def swap() -> None:
        victim.unlink()
        os.mkfifo(victim)

    if moment == "after-stat":
        real = importer.checked_size

        def checked_then_swapped(path, name, limits):
            size = real(path, name, limits)
            if Path(path) == victim:
                swap()
            return size

        monkeypatch.setattr(importer, "checked_size", checked_then_swapped)
    else:
        real_read_head = sn.read_head

        def read_then_swapped(path, *args):
            head = real_read_head(path, *args)
            if Path(path) == victim:
                swap()
            return head

        monkeypatch.setattr(sn, "read_head", read_then_swapped)

    result = _run_with_deadline(lambda: import_evidence(portfolio, work.id, [folder]), seconds=30)
    first, second = result.outcomes
    assert first.reason_key == "import.not_regular"
    assert_sentence(first, "a.jpg")
    assert second.status is Status.STORED


def test_a_file_that_grows_while_it_is_copied_is_refused_and_leaves_no_copy(portfolio, work, tmp_path, monkeypatch):
    folder = tmp_path / "downloading"
    growing = mf.photo(folder / "a.jpg", size=(64, 48), seed=15)
    mf.photo(folder / "b.jpg", size=(64, 48), seed=16)
    real_probe = importer.probe_file

    def probe_then_grow(path, name, size, max_pixels=None):
        probe = real_probe(path, name, size, max_pixels)
        if Path(path) == growing:
            with open(growing, "ab") as handle:
                handle.write(b"\x00" * 5000)
        return probe

    monkeypatch.setattr(importer, "probe_file", probe_then_grow)
    first, second = import_evidence(portfolio, work.id, [folder]).outcomes
    assert first.reason_key == "import.changed"
    assert_sentence(first, "a.jpg")
    assert second.status is Status.STORED
    assert store_files(portfolio) == [second.sha256]  # the changed copy was taken out again
    assert_clean(portfolio)


def test_a_sub_folder_that_cannot_be_opened_is_named(portfolio, work, tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    mf.photo(folder / "open" / "a.jpg", size=(64, 48), seed=17)
    mf.photo(folder / "locked" / "b.jpg", size=(64, 48), seed=18)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):  # root opens everything: simulate a locked folder
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = import_evidence(portfolio, work.id, [folder])
    by_name = {Path(o.path).name: o for o in result.outcomes}
    assert by_name["a.jpg"].status is Status.STORED
    assert by_name["locked"].reason_key == "import.unreadable_folder"
    assert_sentence(by_name["locked"], "locked")
    assert "Permission denied" in by_name["locked"].reason("en")
