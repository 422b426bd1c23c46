"""``verify`` on packages made by someone else: it must never crash, never
hold a huge manifest in memory and never call intact a package a reviewer
could unpack into something other than what was checked.

Every hostile package is built here, from a small synthetic package (the
dossier PDF is only bytes to ``verify``), by patching the zip's own bytes:
members that cannot be read, manifests too large to hold, random damage.
Manifests rewritten and names that repeat are in
test_verify_hostile_manifest.py."""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from verify_cases import LETTER, PHOTO, _cli, _manifest, _members, _not_intact, _package, _refused, _sha, _zip

from ent_portfolio.dossier import verification as package_module
from ent_portfolio.dossier.package import MANIFEST
from ent_portfolio.dossier.verification import verify_package
from ent_portfolio.errors import UserError

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
