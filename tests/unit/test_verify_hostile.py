"""``verify`` on packages made by someone else: it must never crash, never
hold a huge manifest in memory and never call intact a package a reviewer
could unpack into something other than what was checked.

Every hostile package is built here, from a small synthetic package (the
dossier PDF is only bytes to ``verify``), by rewriting its manifest or
patching the zip's own bytes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
import tracemalloc
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import main
from ent_portfolio.dossier import DossierConfig, build_package
from ent_portfolio.dossier import package as package_module
from ent_portfolio.dossier.package import FORMAT, MANIFEST, package_name, verify_package
from ent_portfolio.errors import UserError
from ent_portfolio.services import Services

PHOTO = "evidence/E-1_café.jpg"
LETTER = "evidence/E-2_หนังสือรับรอง_คำ.pdf"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _members() -> dict[str, bytes]:
    return {
        "dossier.pdf": b"%PDF-1.7\n" + b"dossier " * 200,
        PHOTO: b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8,
        LETTER: b"%PDF-1.4\n" + "หนังสือรับรองการใช้ประโยชน์".encode() * 40,
    }


def _manifest(members: dict[str, bytes]) -> dict:
    files = [{"ref": name.split("/")[1].split("_")[0], "path": name, "sha256": _sha(data), "size": len(data)}
             for name, data in members.items() if name.startswith("evidence/")]
    pdf = members["dossier.pdf"]
    return {"format": FORMAT, "format_version": 1,
            "dossier": {"path": "dossier.pdf", "sha256": _sha(pdf), "size": len(pdf), "pages": 3},
            "files": files}


def _zip(path: Path, entries, method=zipfile.ZIP_STORED) -> Path:
    """Write ``entries`` ((name, bytes) pairs, names may repeat) as a zip."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a name written twice: that is the point
        with zipfile.ZipFile(path, "w", compression=method) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return path


def _package(path: Path, manifest=None, members=None, raw_manifest: bytes | None = None, extra=()) -> Path:
    members = _members() if members is None else members
    manifest = _manifest(members) if manifest is None else manifest
    body = raw_manifest if raw_manifest is not None else json.dumps(manifest, ensure_ascii=False).encode()
    return _zip(path, [*members.items(), *extra, (MANIFEST, body)])


# --- the zip's own bytes ---------------------------------------------------------------

def _headers(data: bytes):
    """(central header offset, local header offset, name) of every member."""
    end = data.rfind(b"PK\x05\x06")
    count = struct.unpack_from("<H", data, end + 10)[0]
    offset = struct.unpack_from("<I", data, end + 16)[0]
    for _ in range(count):
        assert data[offset:offset + 4] == b"PK\x01\x02"
        n, m, k = struct.unpack_from("<HHH", data, offset + 28)
        local = struct.unpack_from("<I", data, offset + 42)[0]
        yield offset, local, data[offset + 46:offset + 46 + n].decode("utf-8")
        offset += 46 + n + m + k


def _patch(path: Path, member: str, method: int | None = None, encrypted: bool = False,
           declared_size: int | None = None, flip_data: bool = False) -> Path:
    data = bytearray(path.read_bytes())
    for central, local, name in list(_headers(bytes(data))):
        if name != member:
            continue
        if method is not None:
            struct.pack_into("<H", data, central + 10, method)
            struct.pack_into("<H", data, local + 8, method)
        if encrypted:
            data[central + 8] |= 1
            data[local + 6] |= 1
        if declared_size is not None:
            struct.pack_into("<I", data, central + 24, declared_size)
            struct.pack_into("<I", data, local + 22, declared_size)
        if flip_data:
            n, m = struct.unpack_from("<HH", data, local + 26)
            start = local + 30 + n + m
            data[start + 5] ^= 0x40
    path.write_bytes(bytes(data))
    return path


def _cli(capsys, path: Path) -> tuple[int, str, str]:
    code = main(["--lang", "en", "verify", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def _refused(capsys, path: Path, key: str) -> UserError:
    """``verify`` refuses ``path`` with ``key``; the command prints it as one sentence, exit 1."""
    with pytest.raises(UserError) as caught:
        verify_package(path)
    assert caught.value.key == key, caught.value.message("en")
    code, out, err = _cli(capsys, path)
    assert code == 1 and out == ""
    assert err.strip() == caught.value.message("en") and "\n" not in err.strip()
    return caught.value


def _not_intact(capsys, path: Path):
    """A report that says not intact, and the command saying so, exit 1."""
    report = verify_package(path)
    assert not report.ok
    code, out, err = _cli(capsys, path)
    assert code == 1 and "NOT intact" in err and "Traceback" not in out + err
    return report


def test_the_synthetic_package_is_intact(tmp_path, capsys):
    """The base every hostile case starts from: intact, so every refusal below is the hostile change."""
    path = _package(tmp_path / "p.zip")
    report = verify_package(path)
    assert report.ok and report.checked == 3
    code, out, _ = _cli(capsys, path)
    assert code == 0 and "intact: 3 files" in out
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(path) as zf:
        zf.extractall(folder)
    assert verify_package(folder).ok


# --- manifest entries of the wrong type or shape --------------------------------------------

NOT_A_PATH = [0, 7.5, None, True, False, [], ["evidence/E-1_café.jpg"], {}, {"path": "dossier.pdf"}, ""]


@pytest.mark.parametrize("where", ["dossier", "files"])
@pytest.mark.parametrize("value", NOT_A_PATH, ids=repr)
def test_a_path_that_is_not_a_string_is_refused(tmp_path, capsys, where, value):
    manifest = _manifest(_members())
    (manifest["dossier"] if where == "dossier" else manifest["files"][1])["path"] = value
    error = _refused(capsys, _package(tmp_path / "p.zip", manifest), "package.manifest_invalid")
    assert error.params["entry"] == ("dossier.path" if where == "dossier" else "files[1].path")


NOT_A_HASH = [None, 0, [], {}, "", "abc", "A" * 64, "0" * 63, "g" * 64, "0" * 65]


@pytest.mark.parametrize("value", NOT_A_HASH, ids=repr)
def test_a_hash_that_is_not_sha256_is_refused(tmp_path, capsys, value):
    """A null hash must not compare equal to the None an unreadable member once gave."""
    manifest = _manifest(_members())
    manifest["files"][0]["sha256"] = value
    _refused(capsys, _package(tmp_path / "p.zip", manifest), "package.manifest_invalid")


def _shape(change):
    manifest = _manifest(_members())
    return change(manifest)


SHAPES = {
    "a list": lambda m: [m],
    "a number": lambda m: 3,
    "null": lambda m: None,
    "no format": lambda m: {k: v for k, v in m.items() if k != "format"},
    "another format": lambda m: {**m, "format": "something-else"},
    "files null": lambda m: {**m, "files": None},
    "files a dict": lambda m: {**m, "files": {"0": m["files"][0]}},
    "files a string": lambda m: {**m, "files": "evidence/E-1_café.jpg"},
    "an entry a string": lambda m: {**m, "files": [*m["files"], "evidence/E-3.jpg"]},
    "an entry null": lambda m: {**m, "files": [None]},
    "no dossier": lambda m: {k: v for k, v in m.items() if k != "dossier"},
    "dossier a list": lambda m: {**m, "dossier": [m["dossier"]]},
    "one file twice": lambda m: {**m, "files": [m["files"][0], m["files"][0], m["files"][1]]},
    "the manifest listed": lambda m: {**m, "files": [*m["files"], {"path": MANIFEST, "sha256": "0" * 64}]},
}


@pytest.mark.parametrize("name", SHAPES)
def test_a_manifest_of_the_wrong_shape_is_refused(tmp_path, capsys, name):
    raw = json.dumps(_shape(SHAPES[name]), ensure_ascii=False).encode()
    _refused(capsys, _package(tmp_path / "p.zip", raw_manifest=raw), "package.manifest_invalid")


NOT_JSON = {
    "empty": b"",
    "not utf-8": '{"format": "ent-portfolio-evidence-package"}'.encode("utf-16"),
    "truncated": b'{"format": "ent-portfolio-evidence-package", "files": [',
    "nested beyond the parser": b"[" * 200_000 + b"]" * 200_000,
    "nested inside a field": b'{"format": "ent-portfolio-evidence-package", "files": ' + b"[" * 100_000
                             + b"]" * 100_000 + b"}",
    "a digit string of a million digits": b'{"format": "ent-portfolio-evidence-package", "n": ' + b"9" * 1_000_000
                                          + b"}",
}


@pytest.mark.parametrize("name", NOT_JSON)
def test_a_manifest_that_is_not_json_is_refused(tmp_path, capsys, name):
    _refused(capsys, _package(tmp_path / "p.zip", raw_manifest=NOT_JSON[name]), "package.no_manifest")


def test_deep_but_reasonable_nesting_in_an_unused_field_still_verifies(tmp_path):
    manifest = _manifest(_members())
    manifest["notes"] = json.loads("[" * 300 + "]" * 300)
    assert verify_package(_package(tmp_path / "p.zip", manifest)).ok


UNSAFE_PATHS = ["../outside.txt", "/etc/passwd", "evidence\\E-1_café.jpg", "C:/evidence/x.jpg", "evidence//x.jpg",
                "./dossier.pdf", "evidence/../dossier.pdf", "evidence/", "evidence/x\n.jpg",
                "evidence/\x1b[2Jx.jpg", "evidence/\u202egpj.exe", "evidence/\ud800.jpg", "evidence/x\x00.jpg"]


@pytest.mark.parametrize("unsafe", UNSAFE_PATHS, ids=repr)
def test_a_manifest_path_leaving_the_package_is_refused(tmp_path, capsys, unsafe):
    """Even when the zip holds a member of that very name with the listed hash."""
    members = _members()
    data = b"what the reviewer would unpack somewhere else"
    manifest = _manifest(members)
    manifest["files"].append({"path": unsafe, "sha256": _sha(data)})
    extra = [] if "\ud800" in unsafe or "\x00" in unsafe else [(unsafe, data)]
    path = _zip(tmp_path / "p.zip", [*members.items(), *extra,
                                     (MANIFEST, json.dumps(manifest).encode())])
    error = _refused(capsys, path, "package.manifest_unsafe_path")
    assert "\n" not in error.message("en") and "\x1b" not in error.message("en")


def test_an_unpacked_package_never_reads_outside_its_folder(tmp_path, capsys):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"not part of the package")
    folder = tmp_path / "unpacked"
    members = _members()
    for name, data in members.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    for unsafe in ("../outside.txt", str(outside)):
        manifest = _manifest(members)
        manifest["files"].append({"path": unsafe, "sha256": _sha(outside.read_bytes())})
        (folder / MANIFEST).write_text(json.dumps(manifest))
        _refused(capsys, folder, "package.manifest_unsafe_path")


# --- members that cannot be read ----------------------------------------------------------

@pytest.mark.parametrize("method", [9, 12, 14, 99], ids=["deflate64", "bzip2", "lzma", "aes"])
def test_a_member_compressed_with_an_unread_method_is_not_intact(tmp_path, capsys, method):
    path = _patch(_package(tmp_path / "p.zip"), PHOTO, method=method)
    report = _not_intact(capsys, path)
    assert report.unreadable == [(PHOTO, "verify.reason.method")]
    assert not report.changed and not report.missing


@pytest.mark.parametrize("method", [9, 12, 14, 99], ids=["deflate64", "bzip2", "lzma", "aes"])
def test_a_manifest_compressed_with_an_unread_method_is_refused(tmp_path, capsys, method):
    path = _patch(_package(tmp_path / "p.zip"), MANIFEST, method=method)
    assert _refused(capsys, path, "package.manifest_unreadable").params["reason"] == \
        package_module.tr("verify.reason.method")


def test_bzip2_and_lzma_members_written_by_another_tool_are_not_read(tmp_path, capsys):
    """zipfile inflates these a whole chunk at once: a bomb would fill memory."""
    members = _members()
    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        path = _zip(tmp_path / f"p{method}.zip", [*members.items(),
                                                 (MANIFEST, json.dumps(_manifest(members)).encode())], method)
        with pytest.raises(UserError) as caught:
            verify_package(path)
        assert caught.value.key == "package.manifest_unreadable"


def test_an_encrypted_member_is_not_intact(tmp_path, capsys):
    path = _patch(_package(tmp_path / "p.zip"), LETTER, encrypted=True)
    report = _not_intact(capsys, path)
    assert report.unreadable == [(LETTER, "verify.reason.encrypted")]
    out = _cli(capsys, path)[1]
    assert "Cannot be read (it is encrypted)" in out and LETTER in out


def test_an_encrypted_manifest_is_refused(tmp_path, capsys):
    path = _patch(_package(tmp_path / "p.zip"), MANIFEST, encrypted=True)
    _refused(capsys, path, "package.manifest_unreadable")


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED], ids=["stored", "deflated"])
def test_a_member_with_damaged_data_is_not_intact(tmp_path, capsys, method):
    """A CRC error (stored) or a broken deflate stream: never a traceback, never intact."""
    members = _members()
    path = _zip(tmp_path / "p.zip", [*members.items(), (MANIFEST, json.dumps(_manifest(members)).encode())], method)
    _patch(path, PHOTO, flip_data=True)
    report = _not_intact(capsys, path)
    assert report.changed == [PHOTO] or report.unreadable == [(PHOTO, "verify.reason.damaged")]


def test_a_manifest_with_damaged_data_is_refused(tmp_path, capsys):
    path = _patch(_package(tmp_path / "p.zip"), MANIFEST, flip_data=True)
    with pytest.raises(UserError) as caught:
        verify_package(path)
    assert caught.value.key in ("package.manifest_unreadable", "package.no_manifest")
    code, _out, err = _cli(capsys, path)
    assert code == 1 and len(err.strip().splitlines()) == 1


NOT_A_ZIP = {
    "empty": b"",
    "text": b"not a zip at all",
    "a pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * 1000,
    "a local header and nothing else": b"PK\x03\x04" + b"\x00" * 40,
    "an end record pointing nowhere": b"PK\x05\x06" + b"\x00" * 6 + b"\x01\x00\x01\x00" + b"\xff" * 8 + b"\x00\x00",
}


@pytest.mark.parametrize("name", NOT_A_ZIP)
def test_a_file_that_is_not_a_zip_is_refused(tmp_path, capsys, name):
    path = tmp_path / "p.zip"
    path.write_bytes(NOT_A_ZIP[name])
    _refused(capsys, path, "package.not_zip")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_or_a_device_is_refused_without_waiting(tmp_path, capsys):
    fifo = tmp_path / "p.zip"
    os.mkfifo(fifo)
    _refused(capsys, fifo, "package.not_zip")
    _refused(capsys, Path(os.devnull), "package.not_zip")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_a_truncated_package_is_refused_or_not_intact(tmp_path, capsys, keep):
    path = _package(tmp_path / "p.zip")
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * keep)])
    with pytest.raises(UserError) as caught:
        verify_package(path)
    assert caught.value.key in ("package.not_zip", "package.no_manifest", "package.manifest_unreadable")
    code, _out, err = _cli(capsys, path)
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_a_package_without_a_manifest_is_refused(tmp_path, capsys):
    _refused(capsys, _zip(tmp_path / "p.zip", list(_members().items())), "package.no_manifest")
    as_folder_entry = _zip(tmp_path / "q.zip", [*_members().items(), (MANIFEST + "/", b"")])
    _refused(capsys, as_folder_entry, "package.no_manifest")
    folder = tmp_path / "unpacked"
    (folder / MANIFEST).mkdir(parents=True)
    _refused(capsys, folder, "package.no_manifest")


def test_a_listed_path_that_is_a_folder_is_missing(tmp_path, capsys):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(_package(tmp_path / "p.zip")) as zf:
        zf.extractall(folder)
    (folder / PHOTO).unlink()
    (folder / PHOTO).mkdir()
    report = _not_intact(capsys, folder)
    assert report.missing == [PHOTO]


def _run_as_nobody(function):
    """``function()`` in a child process without root's right to read anything."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            os.write(write, json.dumps(function()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        result = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(result)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_files_without_read_permission_are_named_not_a_traceback():
    # tmp_path's parents are root's own: the child could not even reach the package.
    root = Path(tempfile.mkdtemp(prefix="verify-unreadable-"))
    try:
        os.chmod(root, 0o755)
        folder = root / "unpacked"
        with zipfile.ZipFile(_package(root / "p.zip")) as zf:
            zf.extractall(folder)
        for sub in [folder, *folder.rglob("*")]:
            os.chmod(sub, 0o755 if sub.is_dir() else 0o644)
        os.chmod(folder / LETTER, 0)

        def check_folder():
            report = verify_package(folder)
            return [report.ok, report.unreadable, report.lines("en")[-1]]

        ok, unreadable, summary = _run_as_nobody(check_folder)
        assert not ok and unreadable == [[LETTER, "verify.reason.io"]] and "NOT intact" in summary

        os.chmod(folder / LETTER, 0o644)
        os.chmod(folder / MANIFEST, 0)

        def check_manifest():
            try:
                verify_package(folder)
            except UserError as exc:
                return exc.key
            return "no error"

        assert _run_as_nobody(check_manifest) == "package.manifest_unreadable"
        os.chmod(root / "p.zip", 0)

        def check_zip():
            try:
                verify_package(root / "p.zip")
            except UserError as exc:
                return exc.key
            return "no error"

        assert _run_as_nobody(check_zip) == "package.not_zip"
    finally:
        shutil.rmtree(root)


# --- bounded memory -------------------------------------------------------------------------

def test_a_manifest_declared_at_one_and_a_half_gigabytes_is_refused_unread(tmp_path, capsys):
    path = _patch(_package(tmp_path / "p.zip"), MANIFEST, declared_size=1536 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(UserError) as caught:
            verify_package(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.key == "package.manifest_too_large"
    assert peak < 4 * 1024 * 1024
    _refused(capsys, path, "package.manifest_too_large")


def test_a_manifest_larger_than_it_declares_is_never_inflated_past_the_cap(tmp_path, capsys):
    """64 MB of JSON (it deflates to a few hundred KB) declared as 10 MB: the
    read stops at the declared size, the hashes of what is read cannot
    match, and memory stays far below the real size."""
    members = _members()
    body = json.dumps(_manifest(members)).encode()
    body = body[:-1] + b', "padding": "' + b" " * (64 * 1024 * 1024) + b'"}'
    path = _zip(tmp_path / "p.zip", [*members.items(), (MANIFEST, body)], zipfile.ZIP_DEFLATED)
    del body
    _patch(path, MANIFEST, declared_size=10 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(UserError) as caught:
            verify_package(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.key == "package.manifest_unreadable"
    assert peak < 40 * 1024 * 1024


def test_a_manifest_over_the_cap_is_refused_while_reading(tmp_path, capsys, monkeypatch):
    """Honestly declared, but over the cap: refused without being parsed."""
    monkeypatch.setattr(package_module, "MANIFEST_LIMIT", 4096)
    manifest = _manifest(_members())
    manifest["padding"] = "x" * 8000
    _refused(capsys, _package(tmp_path / "p.zip", manifest), "package.manifest_too_large")

    class LyingSize(package_module._ZipPackage):
        def declared_size(self, info):
            return 10  # as a zip can: the read itself must stop at the cap

    monkeypatch.setattr(package_module, "_ZipPackage", LyingSize)
    with pytest.raises(UserError) as caught:
        verify_package(tmp_path / "p.zip")
    assert caught.value.key == "package.manifest_too_large"


def test_an_unpacked_manifest_of_one_and_a_half_gigabytes_is_refused_unread(tmp_path, capsys):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(_package(tmp_path / "p.zip")) as zf:
        zf.extractall(folder)
    with open(folder / MANIFEST, "r+b") as handle:
        handle.truncate(1536 * 1024 * 1024)  # sparse: takes no disk
    _refused(capsys, folder, "package.manifest_too_large")


# --- names that are held twice or look the same -----------------------------------------------

TWINS = {
    "the same name": (PHOTO, PHOTO),
    "é composed and decomposed": (PHOTO, unicodedata.normalize("NFD", PHOTO)),
    "Thai sara am composed and as nikhahit + sara aa": (LETTER, LETTER.replace("\u0e33", "\u0e4d\u0e32")),
    "letter case": (PHOTO, PHOTO.upper()),
}


@pytest.mark.parametrize("same_bytes", [True, False], ids=["same bytes", "other bytes"])
@pytest.mark.parametrize("twin", TWINS)
def test_a_name_held_twice_is_never_intact(tmp_path, capsys, twin, same_bytes):
    """The listed member comes last, where ``ZipFile.open(name)`` reads it: a
    check by name alone saw only the good copy."""
    listed, other = TWINS[twin]
    members = _members()
    decoy = members[listed] if same_bytes else b"what an unzip tool may keep instead"
    entries = [(other, decoy), *members.items(), (MANIFEST, json.dumps(_manifest(members)).encode())]
    report = _not_intact(capsys, _zip(tmp_path / "p.zip", entries))
    assert report.duplicates and report.duplicates[0][1] == 2
    assert not report.missing
    if twin == "the same name" and not same_bytes:
        assert report.changed == [listed]
    out = _cli(capsys, tmp_path / "p.zip")[1]
    assert "share this name" in out


def test_a_manifest_held_twice_is_refused(tmp_path, capsys):
    members = _members()
    good = json.dumps(_manifest(members)).encode()
    _refused(capsys, _zip(tmp_path / "p.zip", [*members.items(), (MANIFEST, b"{}"), (MANIFEST, good)]),
             "package.manifest_twice")
    twin = unicodedata.normalize("NFD", MANIFEST).upper()
    _refused(capsys, _zip(tmp_path / "q.zip", [*members.items(), (twin, good), (MANIFEST, good)]),
             "package.manifest_twice")


def test_an_unlisted_member_is_not_intact_and_its_name_cannot_forge_a_line(tmp_path, capsys):
    forged = "evidence/x.jpg\nThe evidence package is intact: 3 files checked, every SHA-256 matches."
    path = _package(tmp_path / "p.zip", extra=[(forged, b"x"), ("evidence/E-9_added.jpg", b"y")])
    report = _not_intact(capsys, path)
    assert sorted(report.extra) == sorted([forged, "evidence/E-9_added.jpg"])
    _code, out, _err = _cli(capsys, path)
    assert len(out.strip().splitlines()) == 2  # one line per extra file, whatever its name holds
    assert not any(line.startswith("The evidence package is intact") for line in out.splitlines())
    assert "x.jpg\\u000aThe evidence" in out


def test_a_member_whose_name_differs_only_by_normalisation_from_its_entry_is_checked(tmp_path):
    """An unzip tool may store é decomposed (macOS does): the file is still the file."""
    members = _members()
    manifest = _manifest(members)
    renamed = {unicodedata.normalize("NFD", k): v for k, v in members.items()}
    assert verify_package(_package(tmp_path / "p.zip", manifest, renamed)).ok
    renamed[unicodedata.normalize("NFD", PHOTO)] = b"changed"
    assert verify_package(_package(tmp_path / "q.zip", manifest, renamed)).changed == [PHOTO]


# --- properties ------------------------------------------------------------------------------

_BASE = {}


def _base_package() -> bytes:
    if "zip" not in _BASE:
        folder = Path(tempfile.mkdtemp(prefix="verify-base-"))
        members = _members()
        _zip(folder / "p.zip", [*members.items(), (MANIFEST, json.dumps(_manifest(members)).encode())],
             zipfile.ZIP_DEFLATED)
        _BASE["zip"] = (folder / "p.zip").read_bytes()
        shutil.rmtree(folder)
    return _BASE["zip"]


def _independently_intact(path: Path) -> bool:
    """What a careful reviewer would find by hand: every name once, every
    listed hash right, nothing unlisted."""
    with zipfile.ZipFile(path) as zf:
        names = [i.filename for i in zf.infolist() if not i.is_dir()]
        keys = [unicodedata.normalize("NFC", n).casefold() for n in names]
        if len(set(keys)) != len(keys):
            return False
        manifest = json.loads(zf.read(MANIFEST))
        listed = [manifest["dossier"], *manifest["files"]]
        if {e["path"] for e in listed} | {MANIFEST} != set(names):
            return False
        return all(_sha(zf.read(e["path"])) == e["sha256"] for e in listed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255),
                                st.sampled_from(["set", "insert", "delete"])), min_size=1, max_size=6),
       cut=st.none() | st.floats(0.05, 1))
def test_a_randomly_damaged_package_is_refused_or_reported_never_a_traceback(tmp_path, edits, cut):
    data = bytearray(_base_package())
    for where, value, how in edits:
        at = int(where * len(data))
        if how == "set":
            data[at] = value
        elif how == "insert":
            data.insert(at, value)
        else:
            del data[at]
    if cut is not None:
        data = data[:max(1, int(len(data) * cut))]
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(data))
    try:
        report = verify_package(path)
    except UserError as exc:
        assert exc.message("th") and exc.message("en")
        return
    if report.ok:
        assert _independently_intact(path)
    assert report.lines("en")[-1]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["path", "sha256", "entry", "files", "dossier"]), value=_json,
       unpacked=st.booleans())
def test_any_manifest_value_is_refused_or_checked_never_a_traceback(tmp_path, capsys, field, value, unpacked):
    members = _members()
    manifest = _manifest(members)
    if field in ("path", "sha256"):
        manifest["files"][0][field] = value
    elif field == "entry":
        manifest["files"][0] = value
    else:
        manifest[field] = value
    path = _package(tmp_path / "p.zip", manifest, members)
    target = path
    if unpacked:
        target = tmp_path / "unpacked"
        shutil.rmtree(target, ignore_errors=True)
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                (target / info.filename).parent.mkdir(parents=True, exist_ok=True)
                (target / info.filename).write_bytes(zf.read(info))
    try:
        report = verify_package(target)
    except UserError as exc:
        assert exc.key.startswith("package.")
    else:
        # only an untouched entry can leave it intact
        assert not report.ok or manifest == _manifest(members)
    code, _out, err = _cli(capsys, target)
    assert "Traceback" not in err and code in (0, 1)


# --- names in the package -------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=300), withheld=st.booleans())
def test_package_names_are_safe_on_every_system(name, withheld):
    packaged = package_name("E-7", name, name_withheld=withheld)
    assert packaged.startswith("evidence/E-7")
    rest = packaged[len("evidence/"):]
    assert "/" not in rest and "\\" not in rest and ":" not in rest
    assert rest == rest.strip(" ") and not rest.endswith(".")
    assert all(unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in rest)
    assert rest == unicodedata.normalize("NFC", rest) and "\u0e4d\u0e32" not in rest
    assert len(packaged.encode("utf-8")) <= 260
    assert package_name("E-7", unicodedata.normalize("NFD", name), withheld) == packaged
    assert package_name("E-7", name.replace("\u0e33", "\u0e4d\u0e32"), withheld) == packaged
    if withheld:
        assert rest.startswith("E-7") and "_" not in rest


def test_a_withheld_name_keeps_only_the_reference_and_extension():
    assert package_name("E-3", "นายเสาร์ คำมูล ให้สัมภาษณ์.jpg", name_withheld=True) == "evidence/E-3.jpg"
    assert package_name("E-3", "นายเสาร์ คำมูล", name_withheld=True) == "evidence/E-3"
    assert package_name("E-3", "สัมภาษณ์.นายเสาร์", name_withheld=True) == "evidence/E-3"
    assert package_name("E-3", "20230317_164210.jpg") == "evidence/E-3_20230317_164210.jpg"


NO_CONSENT_NAME = "นายเสาร์ คำมูล"


def _folded(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33").split())


def test_the_package_names_nobody_who_did_not_consent(demo, tmp_path):
    """Not in a file name, not in the manifest (whose work title once came
    from the portfolio, not from the dossier's withheld copy)."""
    s = Services(demo)
    person = next(t for t in s.testimonials.list() if t.person_name == NO_CONSENT_NAME)
    work = s.works.get(person.work_id)
    spelled = NO_CONSENT_NAME.replace("\u0e33", "\u0e4d\u0e32")  # as a keyboard may type it
    s.works.update(work.id, title_th=f"{work.title_th} เรื่องเล่าของ{spelled}")
    evidence = next(e for e in s.evidence.list(work_id=work.id) if e.include_in_dossier and not e.testimonial_id)
    s.evidence.update(evidence.id, original_name=f"สัมภาษณ์ {spelled}.jpg")
    out = tmp_path / "package.zip"
    build_package(demo, DossierConfig(work_ids=[work.id]), out)
    with zipfile.ZipFile(out) as zf:
        texts = [*zf.namelist(), zf.read(MANIFEST).decode("utf-8")]
    assert texts and all(_folded(NO_CONSENT_NAME) not in _folded(text) for text in texts)
    assert verify_package(out).ok
