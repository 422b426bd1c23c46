"""Archives that test reading and writing rather than records: a document
larger than the limit or inflating past what it declares, unknown, bzip2 and
lzma compression, a file over the importer's limit, a disk that fills while
writing, a damaged target, and an export aimed inside the portfolio or at a
folder. Each is refused with one sentence (or imports whole), and the
portfolio stays byte-for-byte as it was.

Every archive is generated here from a good export of the small portfolio of
archive_cases.py; none is a committed file."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from archive_cases import (
    compression_method,
    create_empty_portfolio,
    document_bytes,
    edited,
    export_good_archive,
    from_parts,
    open_target,
    patched_member,
    read_parts,
    snapshot,
    write_zip,
)

from ent_portfolio.archive import exchange, import_archive, merge
from ent_portfolio.cli import main
from ent_portfolio.errors import UserError
from ent_portfolio.services.backup import restore_archive
from ent_portfolio.services.doctor import check_portfolio
from ent_portfolio.services.importer import ImportLimits
from ent_portfolio.storage.portfolio import Portfolio


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return export_good_archive(tmp_path_factory)


@pytest.fixture(scope="module")
def empty_copy_source(tmp_path_factory) -> Path:
    return create_empty_portfolio(tmp_path_factory)


@pytest.fixture
def target(empty_copy_source, tmp_path):
    with open_target(empty_copy_source, tmp_path) as portfolio:
        yield portfolio


def test_zipfile_itself_raises_on_an_unknown_compression_method(good, tmp_path):
    """Why the method is checked before reading: zipfile's own answer is a
    NotImplementedError, which would be a traceback."""
    bad = compression_method(99)(good, tmp_path / "m99.entp")
    with zipfile.ZipFile(bad) as z, pytest.raises(NotImplementedError):
        z.read(exchange.DOCUMENT_NAME)


def test_a_document_larger_than_the_limit_is_refused_before_it_is_parsed(good, target, tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_DOCUMENT_BYTES", 64 * 1024)
    padded = edited(lambda d, f: d.__setitem__("app_version", " " * 200_000))(good, tmp_path / "big.entp")
    assert zipfile.ZipFile(padded).getinfo(exchange.DOCUMENT_NAME).compress_size < 64 * 1024  # a small bomb
    before = snapshot(target.folder)
    with pytest.raises(UserError) as caught:
        import_archive(target, padded)
    assert caught.value.key == "archive.document_too_large"
    assert snapshot(target.folder) == before


def test_a_document_member_that_inflates_beyond_its_declared_size_is_cut_off(good, target, tmp_path, monkeypatch):
    """A header that declares a small document and inflates to more is read
    no further than the limit."""
    monkeypatch.setattr(exchange, "MAX_DOCUMENT_BYTES", 64 * 1024)
    padded = edited(lambda d, f: d.__setitem__("app_version", " " * 200_000))(good, tmp_path / "big.entp")

    def lie(data, info, central):
        data[info.header_offset + 22:info.header_offset + 26] = struct.pack("<I", 1000)
        data[central + 24:central + 28] = struct.pack("<I", 1000)
    liar = patched_member(padded, tmp_path / "liar.entp", exchange.DOCUMENT_NAME, lie)
    with pytest.raises(UserError) as caught:
        import_archive(target, liar)
    assert caught.value.key in ("archive.document_too_large", "archive.bad_document")


def test_a_file_over_the_importers_size_limit_is_refused(good, target):
    before = snapshot(target.folder)
    with pytest.raises(UserError) as caught:
        import_archive(target, good, limits=ImportLimits(max_file_bytes=1024))
    assert caught.value.key == "archive.file_refused" and caught.value.cause.key == "import.too_large"
    assert snapshot(target.folder) == before


def test_the_same_archive_compressed_with_bzip2_or_lzma_still_imports(good, tmp_path):
    document, files = read_parts(good)
    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        other = from_parts(tmp_path / f"{method}.entp", document, files)
        entries = [(exchange.DOCUMENT_NAME, document_bytes(document))] + \
            [(exchange.FILES_PREFIX + s, b) for s, b in files.items()]
        write_zip(other, entries, compression=method)
        with Portfolio.create(tmp_path / f"p{method}") as portfolio:
            assert import_archive(portfolio, other).files_added == len(files)
            assert check_portfolio(portfolio).healthy


@pytest.mark.parametrize("where", ["portfolio.sqlite3", "evidence-file", "backups/full.entp", "tmp/x.entp", "folder"])
def test_archive_export_inside_the_portfolio_is_refused(demo_dir, capsys, where):
    stored = next((demo_dir / "evidence").glob("*/*"))
    out = {"portfolio.sqlite3": demo_dir / "portfolio.sqlite3", "evidence-file": stored,
           "backups/full.entp": demo_dir / "backups" / "full.entp", "tmp/x.entp": demo_dir / "tmp" / "x.entp",
           "folder": demo_dir / "evidence"}[where]
    before = snapshot(demo_dir)
    code = main(["--lang", "en", "archive", "export", "--portfolio", str(demo_dir), str(out)])
    _out, err = capsys.readouterr()
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "inside the portfolio folder" in err
    assert snapshot(demo_dir) == before


def test_archive_export_onto_a_folder_or_into_a_missing_one_is_refused(demo_dir, tmp_path, capsys):
    code = main(["--lang", "en", "archive", "export", "--portfolio", str(demo_dir), str(tmp_path)])
    _out, err = capsys.readouterr()
    assert code == 1 and "is a folder" in err
    code = main(["--lang", "en", "archive", "export", "--portfolio", str(demo_dir), str(tmp_path / "no" / "a.entp")])
    _out, err = capsys.readouterr()
    assert code == 1 and "does not exist" in err
    assert not (tmp_path / "no").exists()


def test_a_failure_while_writing_takes_the_new_files_out_again(good, target, monkeypatch):
    """Should the database refuse the records after the files were stored
    (a full disk), the files that came with the archive go again: the
    portfolio is as it was."""
    before = snapshot(target.folder)

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(merge, "_apply", full_disk)
    with pytest.raises(UserError) as caught:
        import_archive(target, good)
    assert "ดิสก์เต็ม" in caught.value.message("th")
    assert snapshot(target.folder) == before


def test_archive_import_into_a_damaged_portfolio_says_it_is_damaged(good, tmp_path, capsys):
    folder = tmp_path / "p"
    restore_archive(good, folder)
    (folder / "portfolio.sqlite3").unlink()
    code = main(["--lang", "en", "archive", "import", "--portfolio", str(folder), str(good)])
    _out, err = capsys.readouterr()
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "restore" in err and not (folder / "portfolio.sqlite3").exists()
