"""Hostile and damaged archives: each is refused with one sentence naming the
first problem, and the target portfolio stays byte-for-byte as it was (a
refused restore into a new folder leaves no folder behind).

Every hostile archive is generated here from a good export of a small
portfolio that uses every kind of record; none is a committed file.

Snapshots are taken with the target open, before and after the import, and
hash every file but one: the content of ``portfolio.sqlite3-shm``, SQLite's
shared-memory index of the write-ahead log, where every reader (the import
reads the portfolio to check references) marks its place; it holds no record
and SQLite rebuilds it from the log.  The database, its log, the lock, the
store and every other file must be byte-for-byte as they were."""

from __future__ import annotations

import hashlib
import json
import struct
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_cases import (
    Edit,
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

from ent_portfolio.archive import exchange, import_archive
from ent_portfolio.archive.validate import TABLES
from ent_portfolio.cli import main
from ent_portfolio.errors import UserError
from ent_portfolio.services import Services
from ent_portfolio.services.backup import restore_archive
from ent_portfolio.services.doctor import check_portfolio
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


# --- building hostile archives -----------------------------------------------------

def row(document: dict, table: str, index: int = 0) -> dict:
    return document["records"][table][index]


def set_value(table: str, column: str, value) -> Callable[[Path, Path], Path]:
    def edit(document, _files):
        row(document, table)[column] = value
    return edited(edit)


def swap_file(document: dict, files: dict[str, bytes], data: bytes, name: str) -> None:
    """Give the first evidence record another file (and name)."""
    evidence = row(document, "evidence")
    old = evidence["sha256"]
    sha = hashlib.sha256(data).hexdigest()
    for record in document["records"]["evidence"]:
        if record["sha256"] == old:
            record["sha256"], record["original_name"] = sha, name
    assert row(document, "profile")["photo_sha256"] != old
    del files[old]
    files[sha] = data
    document["files"] = [{"sha256": s, "size": len(b)} for s, b in sorted(files.items())]


def encrypted(member_kind: str) -> Callable[[Path, Path], Path]:
    def build(good: Path, out: Path) -> Path:
        with zipfile.ZipFile(good) as z:
            member = exchange.DOCUMENT_NAME if member_kind == "document" else \
                next(n for n in z.namelist() if n.startswith(exchange.FILES_PREFIX))

        def patch(data, info, central):
            flags = struct.unpack("<H", data[info.header_offset + 6:info.header_offset + 8])[0] | 0x1
            data[info.header_offset + 6:info.header_offset + 8] = struct.pack("<H", flags)
            data[central + 8:central + 10] = struct.pack("<H", flags)
        return patched_member(good, out, member, patch)
    return build


def twice(which: str) -> Callable[[Path, Path], Path]:
    def build(good: Path, out: Path) -> Path:
        document, files = read_parts(good)
        entries = [(exchange.DOCUMENT_NAME, document_bytes(document))]
        entries += [(exchange.FILES_PREFIX + sha, blob) for sha, blob in files.items()]
        if which == "document":
            other = json.loads(document_bytes(document))
            row(other, "work")["title_th"] = "ชื่อที่ผู้อ่านคนละโปรแกรมเห็นต่างกัน"
            entries.append((exchange.DOCUMENT_NAME, document_bytes(other)))
        else:
            sha = next(iter(files))
            entries.append((exchange.FILES_PREFIX + sha, files[sha]))
        return write_zip(out, entries)
    return build


def flipped(member_kind: str) -> Callable[[Path, Path], Path]:
    def build(good: Path, out: Path) -> Path:
        with zipfile.ZipFile(good) as z:
            member = exchange.DOCUMENT_NAME if member_kind == "document" else \
                next(n for n in z.namelist() if n.startswith(exchange.FILES_PREFIX))

        def patch(data, info, _central):
            name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
            start = info.header_offset + 30 + name_len + extra_len
            data[start + info.compress_size // 2] ^= 0xFF
        return patched_member(good, out, member, patch)
    return build


def truncated(good: Path, out: Path) -> Path:
    data = good.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def nested(depth: int) -> Callable[[Path, Path], Path]:
    def edit(document, _files):
        text = document_bytes(document).decode()
        return text.replace('"missions": [', '"missions": ' + "[" * depth + "]" * (depth - 1) + ",", 1).encode()
    return edited(edit)


def raw_replace(old: str, new: str) -> Callable[[Path, Path], Path]:
    def edit(document, _files):
        text = document_bytes(document).decode()
        assert old in text
        return text.replace(old, new, 1).encode()
    return edited(edit)


def new_id() -> str:
    return str(uuid.uuid4())


def duplicate_row(table: str, fresh_id: bool) -> Callable[[Path, Path], Path]:
    def edit(document, _files):
        copy = dict(row(document, table))
        if fresh_id:
            copy["id"] = new_id()
        document["records"][table].append(copy)
    return edited(edit)


def extra_listed_file(document, files):
    data = b"a file no record uses"
    sha = hashlib.sha256(data).hexdigest()
    files[sha] = data
    document["files"].append({"sha256": sha, "size": len(data)})


def listed_twice(document, _files):
    document["files"].append(dict(document["files"][0]))


def unlisted_hash(document, files):
    sha = row(document, "evidence")["sha256"]
    document["files"] = [f for f in document["files"] if f["sha256"] != sha]
    files.pop(sha)


def program_as_pdf(document, files):
    swap_file(document, files, b"MZ\x90\x00" + b"\x00" * 60 + b"%PDF-1.4 " + b"\x00" * 400, "report.pdf")


def web_page_as_photo(document, files):
    swap_file(document, files, b"<!DOCTYPE html><html><body>Not found</body></html>" * 4, "IMG_0001.jpg")


def empty_file(document, files):
    swap_file(document, files, b"", "IMG_0002.jpg")


def records_as(value) -> Edit:
    def edit(document, _files):
        document["records"] = value
    return edit


def drop(table: str, column: str) -> Callable[[Path, Path], Path]:
    def edit(document, _files):
        del row(document, table)[column]
    return edited(edit)


FOREIGN_KEYS = [(table, column.key) for table, model in TABLES.items()
                for column in model.__table__.columns if column.foreign_keys]

CASES: list[tuple[str, Callable[[Path, Path], Path], str]] = [
    # The zip itself.
    ("not-a-zip", lambda good, out: (out.write_bytes(b"hello"), out)[1], "archive.not_zip"),
    ("truncated-zip", truncated, "archive.not_zip"),
    ("two-documents", twice("document"), "archive.member_twice"),
    ("a-file-twice", twice("file"), "archive.member_twice"),
    ("encrypted-document", encrypted("document"), "archive.encrypted"),
    ("encrypted-file", encrypted("file"), "archive.encrypted"),
    ("unknown-compression", compression_method(99), "archive.unsupported_compression"),
    ("implode-compression", compression_method(6), "archive.unsupported_compression"),
    ("flipped-document-byte", flipped("document"), "archive.bad_document"),
    ("flipped-file-byte", flipped("file"), "archive.file_changed"),
    ("unexpected-member", lambda good, out: write_zip(out, [(exchange.DOCUMENT_NAME, good.read_bytes()[:0] or
                                                             zipfile.ZipFile(good).read(exchange.DOCUMENT_NAME)),
                                                            ("files/not-a-hash", b"x")]),
     "archive.unexpected_member"),
    ("no-document", lambda good, out: write_zip(out, []), "archive.no_document"),
    # The document.
    ("deep-nesting-100000", nested(100_000), "archive.document_too_deep"),
    ("deep-nesting-200", nested(200), "archive.document_too_deep"),
    ("lone-surrogate-in-a-title", raw_replace('"ผักปลอดภัย', '"\\ud800ผักปลอดภัย'), "archive.damaged_text"),
    ("lone-surrogate-in-a-key", raw_replace('"title_th"', '"title_\\udfff"'), "archive.damaged_text"),
    ("lone-surrogate-in-app-version", raw_replace('"app_version": "', '"app_version": "\\ud83d'),
     "archive.damaged_text"),
    ("nan-literal", raw_replace('"students_count": 12', '"students_count": NaN'), "archive.bad_document"),
    ("infinity-literal", raw_replace('"students_count": 12', '"students_count": -Infinity'), "archive.bad_document"),
    ("huge-integer-literal", raw_replace('"students_count": 12', '"students_count": ' + "9" * 5000),
     "archive.bad_document"),
    ("not-json", edited(lambda d, f: b"{not json"), "archive.bad_document"),
    ("not-utf8", edited(lambda d, f: document_bytes(d).replace("ผัก".encode(), b"\xe0\xb8", 1)), "archive.bad_document"),
    ("document-a-list", edited(lambda d, f: b"[]"), "archive.bad_document"),
    ("records-a-list", edited(records_as([])), "archive.bad_document"),
    ("records-a-string", edited(records_as("everything")), "archive.bad_document"),
    ("table-a-dict", edited(lambda d, f: d["records"].__setitem__("work", {"a": 1})), "archive.bad_document"),
    ("unknown-table", edited(lambda d, f: d["records"].__setitem__("users", [])), "archive.bad_document"),
    ("files-not-a-list", edited(lambda d, f: d.__setitem__("files", {"a": 1})), "archive.bad_document"),
    ("newer-format", edited(lambda d, f: d.update(format_version=99, app_version="9.0")), "archive.newer_format"),
    ("unknown-schema-revision", edited(lambda d, f: d.update(schema_revision="ffffffffffff")), "archive.newer_format"),
    # Wrong types.
    ("text-for-a-count", set_value("work", "students_count", "twelve"), "archive.bad_document"),
    ("count-for-a-text", set_value("work", "title_th", 12), "archive.bad_document"),
    ("list-for-a-flag", set_value("contact_person", "consent", []), "archive.bad_document"),
    ("a-fraction-for-a-count", set_value("work", "students_count", 12.5),
     "archive.bad_document"),
    ("unknown-column", set_value("work", "owner", "x"), "archive.bad_document"),
    ("impossible-date", set_value("work", "start_date", "2023-02-30"), "archive.record_problem:error.date_field"),
    ("unknown-code", set_value("work", "status", "abandoned"), "archive.record_problem:error.invalid_value"),
    ("codes-as-a-dict", set_value("work", "missions", {"research": True}),
     "archive.record_problem:error.codes_expected"),
    ("counts-as-a-list", set_value("activity", "participant_groups", ["female"]),
     "archive.record_problem:error.counts_expected"),
    ("missing-required-key", drop("work_section", "key"), "archive.record_problem:error.required"),
    ("missing-measurement-value", drop("measurement", "value"), "archive.record_problem:error.required"),
    ("missing-work-of-a-section", drop("work_section", "work_id"), "archive.record_problem:error.required"),
    ("too-long-text", set_value("work", "province", "ก" * 101), "archive.record_problem:error.invalid_value"),
    # Numbers and ranges.
    ("money-10-to-the-30", set_value("funding", "amount_satang", 10**30),
     "archive.record_problem:error.number_out_of_range"),
    ("negative-money", set_value("funding", "amount_satang", -100),
     "archive.record_problem:error.number_below_minimum"),
    ("negative-participants", set_value("activity", "participants_total", -1),
     "archive.record_problem:error.number_below_minimum"),
    ("negative-group-count", set_value("activity", "participant_groups", {"female": -3}),
     "archive.record_problem:error.number_below_minimum"),
    ("negative-students", set_value("work", "students_count", -12),
     "archive.record_problem:error.number_below_minimum"),
    ("latitude-91", set_value("work", "latitude", "91"), "archive.record_problem:error.number_out_of_range"),
    ("longitude-minus-200", set_value("evidence", "longitude", "-200"),
     "archive.record_problem:error.number_out_of_range"),
    ("longitude-1000", set_value("evidence", "longitude", "1000"),
     "archive.record_problem:error.number_too_many_digits"),
    ("too-many-decimals", set_value("indicator", "baseline_value", "0.00001"),
     "archive.record_problem:error.number_too_many_decimals"),
    ("amount-beyond-15-digits", set_value("measurement", "value", "12345678901234.5678"),
     "archive.record_problem:error.number_too_many_digits"),
    ("exponent-amount", set_value("measurement", "value", "1e400"), "archive.bad_document"),
    ("percentage-over-100", set_value("contributor", "percentage", "150"),
     "archive.record_problem:error.number_out_of_range"),
    ("evidence-size-negative", set_value("evidence", "size", -1), "archive.record_problem:error.number_below_minimum"),
    ("integer-beyond-64-bits", set_value("work", "sort_order", 2**63),
     "archive.record_problem:error.number_out_of_range"),
    # Files named by the records.
    ("hash-a-path", set_value("evidence", "sha256", "../../../etc/passwd"), "archive.bad_hash"),
    ("hash-upper-case",
     edited(lambda d, f: row(d, "evidence").__setitem__("sha256", row(d, "evidence")["sha256"].upper())),
     "archive.bad_hash"),
    ("photo-hash-a-path", set_value("profile", "photo_sha256", "evidence/ab/cd"), "archive.bad_hash"),
    ("hash-not-listed", edited(unlisted_hash), "archive.hash_not_listed"),
    ("photo-not-listed", set_value("profile", "photo_sha256", "a" * 64), "archive.hash_not_listed"),
    ("listed-file-unused", edited(extra_listed_file), "archive.file_unused"),
    ("file-listed-twice", edited(listed_twice), "archive.file_listed_twice"),
    ("size-lie", edited(lambda d, f: d["files"][0].__setitem__("size", 1)), "archive.file_changed"),
    ("a-program-named-pdf", edited(program_as_pdf), "archive.file_refused"),
    ("a-web-page-named-jpg", edited(web_page_as_photo), "archive.file_refused"),
    ("an-empty-file", edited(empty_file), "archive.file_refused"),
    # Uniqueness.
    ("two-profiles", duplicate_row("profile", fresh_id=True), "archive.two_profiles"),
    ("heading-key-twice", duplicate_row("section_template", fresh_id=True), "archive.duplicate_value"),
    ("section-of-a-work-twice", duplicate_row("work_section", fresh_id=True), "archive.duplicate_value"),
    ("partner-role-twice", duplicate_row("work_partner", fresh_id=True), "archive.duplicate_value"),
    *[(f"id-twice-{table}", duplicate_row(table, fresh_id=False), "archive.duplicate_id") for table in TABLES],
    # References: every foreign key of every table, pointing nowhere.
    *[(f"dangling-{table}.{column}", set_value(table, column, new_id()), "archive.dangling_reference")
      for table, column in FOREIGN_KEYS],
]


def effective_key(error: UserError) -> str:
    cause = getattr(error, "cause", None)
    return f"{error.key}:{cause.key}" if isinstance(error, exchange.UserError) and cause is not None \
        and error.key == "archive.record_problem" else error.key


@pytest.mark.parametrize("name,build,expected", CASES, ids=[c[0] for c in CASES])
def test_a_hostile_archive_is_refused_and_the_portfolio_is_unchanged(good, target, tmp_path, name, build, expected):
    bad = build(good, tmp_path / f"{name}.entp")
    before = snapshot(target.folder)
    with pytest.raises(UserError) as caught:
        import_archive(target, bad)
    assert effective_key(caught.value) == expected, caught.value.message("en")
    for lang in ("th", "en"):
        sentence = caught.value.message(lang)
        assert "\n" not in sentence and "Traceback" not in sentence
        sentence.encode("utf-8")  # printable on a console
    assert snapshot(target.folder) == before


@pytest.mark.parametrize("name,build,expected", CASES, ids=[c[0] for c in CASES])
def test_a_refused_restore_leaves_no_folder_behind(good, tmp_path, name, build, expected):
    bad = build(good, tmp_path / f"{name}.entp")
    before = sorted(p.name for p in tmp_path.iterdir())
    new = tmp_path / "new" / "portfolio"
    with pytest.raises(UserError) as caught:
        restore_archive(bad, new)
    assert effective_key(caught.value) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # not "new", no hidden staging folder


def test_the_sentences_name_table_record_and_field(good, target, tmp_path):
    bad = set_value("funding", "amount_satang", 10**30)(good, tmp_path / "money.entp")
    funding_id = read_parts(bad)[0]["records"]["funding"][0]["id"]
    with pytest.raises(UserError) as caught:
        import_archive(target, bad)
    thai, english = caught.value.message("th"), caught.value.message("en")
    assert "แหล่งทุน" in thai and funding_id in thai and "amount_satang" in thai
    assert "funding" in english and funding_id in english and "amount_satang" in english
    bad = set_value("evidence", "work_id", "0" * 8 + "-0000-0000-0000-" + "0" * 12)(good, tmp_path / "fk.entp")
    evidence_id = read_parts(bad)[0]["records"]["evidence"][0]["id"]
    with pytest.raises(UserError) as caught:
        import_archive(target, bad)
    assert evidence_id in caught.value.message("th") and "work_id" in caught.value.message("th")


def test_headings_that_trade_keys_import_into_the_portfolio_that_has_them(good, tmp_path):
    """Two local headings whose keys the archive swaps: the unique key never
    collides on the way (an UPDATE at a time would)."""
    folder = tmp_path / "p"
    restore_archive(good, folder)
    document, files = read_parts(good)
    first, second = document["records"]["section_template"][:2]
    first["key"], second["key"] = second["key"], first["key"]
    for heading in (first, second):
        heading["updated_at"] = "2999-01-01T00:00:00"
    swapped = from_parts(tmp_path / "swapped.entp", document, files)
    with Portfolio.open(folder) as portfolio:
        summary = import_archive(portfolio, swapped)
        assert summary.updated == {"section_template": 2}
        keys = {h.id: h.key for h in Services(portfolio).section_templates.list()}
        assert keys[first["id"]] == first["key"] and keys[second["id"]] == second["key"]
        assert check_portfolio(portfolio).healthy


# --- the command line: one sentence, exit 1 ------------------------------------------

CLI_CASES = ["two-documents", "encrypted-document", "unknown-compression", "deep-nesting-100000",
             "lone-surrogate-in-a-title", "money-10-to-the-30", "hash-a-path", "dangling-evidence.work_id",
             "a-program-named-pdf", "records-a-string"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_the_command_line_says_one_sentence_and_exits_1(good, target, tmp_path, capsys, name):
    build = next(c[1] for c in CASES if c[0] == name)
    bad = build(good, tmp_path / f"{name}.entp")
    target.close()
    # Opening for writing backs up a database changed since its last backup:
    # done once here, so that what follows can be compared byte for byte.
    Portfolio.open(target.folder).close()
    before = snapshot(target.folder)
    code = main(["--lang", "en", "archive", "import", "--portfolio", str(target.folder), str(bad)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    new = tmp_path / "fresh"
    code = main(["--lang", "th", "archive", "import", "--portfolio", str(new), str(bad)])
    _out, err = capsys.readouterr()
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert not new.exists()
    assert snapshot(target.folder) == before
