"""The signed, self-checking evidence package: what a reviewer's own tools
(``sha256sum -c``, ``openssl cms -verify``) and ``ent-portfolio verify`` say
about it untouched, and that ``verify`` names each kind of tampering.

Every tampered package is generated here from the one real package."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import main
from ent_portfolio.dossier import DossierConfig
from ent_portfolio.dossier.package import MANIFEST, PDF_NAME
from ent_portfolio.dossier.reviewer_notes import CERTIFICATE_NAME, README_NAMES, SIGNATURE_NAME, SUMS_NAME
from ent_portfolio.i18n import tr
from ent_portfolio.services.dossier import export_dossier
from ent_portfolio.services.signing import create_identity, verify_package
from ent_portfolio.signing.manifest import sign_manifest
from ent_portfolio.storage.portfolio import Portfolio

IN_CI = os.environ.get("CI", "").lower() == "true"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} must be installed on CI")
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(scope="module")
def made(ready_template, tmp_path_factory):
    root = tmp_path_factory.mktemp("signed-package")
    template, _ids = ready_template
    folder = root / "portfolio"
    shutil.copytree(template, folder)
    me = create_identity("ผศ.ดร.สมหญิง ใจงาม", b"pw", root / "me.p12")
    other = create_identity("คนอื่น แอบอ้าง", b"pw", root / "other.p12")
    with Portfolio.open(folder) as portfolio:
        export_dossier(portfolio, DossierConfig(language="th"), root / "signed.pdf", package=root / "signed.zip",
                       sign_with=me)
        export_dossier(portfolio, DossierConfig(language="th"), root / "plain.pdf", package=root / "plain.zip")
    root_pem = root / "root.pem"
    root_pem.write_bytes(me.chain[-1].public_bytes(serialization.Encoding.PEM))
    other_pem = root / "other-root.pem"
    other_pem.write_bytes(other.chain[-1].public_bytes(serialization.Encoding.PEM))
    return {"root": root, "signed": root / "signed.zip", "plain": root / "plain.zip", "me": me, "other": other,
            "root_pem": root_pem, "other_pem": other_pem}


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _write(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _verify_cli(capsys, package: Path, *extra: str, lang: str = "en") -> tuple[int, str]:
    code = main(["--lang", lang, "verify", str(package), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def _sums(members: dict[str, bytes]) -> bytes:
    import hashlib

    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in members.items()
                   if name != SUMS_NAME).encode()


def test_the_package_holds_the_notes_the_sums_and_the_signature(made):
    members = _members(made["signed"])
    assert {PDF_NAME, MANIFEST, SIGNATURE_NAME, CERTIFICATE_NAME, SUMS_NAME, *README_NAMES} <= set(members)
    sums = members[SUMS_NAME].decode()
    assert "\r" not in sums and sums.endswith("\n")
    assert {line.split("  ", 1)[1] for line in sums.splitlines()} == set(members) - {SUMS_NAME}
    thai = members["README-TH.txt"].decode()
    assert made["me"].fingerprint in thai and "sha256sum -c SHA256SUMS" in thai and "openssl cms -verify" in thai
    assert "validity unknown" in thai and "Acrobat" in thai
    english = members["README-EN.txt"].decode()
    assert "ent-portfolio verify" in english and "Signature Panel" in english
    manifest = json.loads(members[MANIFEST])
    assert manifest["signature"]["fingerprint"] == made["me"].fingerprint


def test_a_reviewers_own_tools_pass_on_the_untouched_package(made, tmp_path):
    sha256sum, openssl = _tool("sha256sum"), _tool("openssl")
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(made["signed"]) as zf:
        zf.extractall(folder)
    sums = subprocess.run([sha256sum, "-c", SUMS_NAME], cwd=folder, capture_output=True, text=True)
    assert sums.returncode == 0, sums.stdout + sums.stderr
    for ca in ("signer.pem", str(made["root_pem"])):  # as the README says, and with the root alone
        cms = subprocess.run([openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", SIGNATURE_NAME,
                              "-content", MANIFEST, "-CAfile", ca, "-purpose", "any", "-out", os.devnull],
                             cwd=folder, capture_output=True, text=True)
        assert cms.returncode == 0, cms.stderr
    (folder / MANIFEST).write_bytes((folder / MANIFEST).read_bytes().replace(b'"th"', b'"en"', 1))
    cms = subprocess.run([openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", SIGNATURE_NAME,
                          "-content", MANIFEST, "-CAfile", "signer.pem", "-purpose", "any", "-out", os.devnull],
                         cwd=folder, capture_output=True, text=True)
    assert cms.returncode != 0


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_untouched_package_names_its_signer_and_passes(made, capsys, lang):
    code, text = _verify_cli(capsys, made["signed"], lang=lang)
    assert code == 0, text
    assert "ผศ.ดร.สมหญิง ใจงาม" in text and made["me"].fingerprint in text
    assert tr("verify.self_issued", lang) in text
    assert tr("verify.signed_ok", lang, n=verify_package(made["signed"]).checked) in text
    verdict = verify_package(made["signed"])
    assert verdict.ok and not verdict.unsigned and verdict.manifest_signature.holds


def test_trust_in_the_lecturers_root_is_said_and_another_root_fails(made, capsys):
    code, text = _verify_cli(capsys, made["signed"], "--trust", str(made["root_pem"]))
    assert code == 0 and tr("verify.trusted", "en") in text
    code, text = _verify_cli(capsys, made["signed"], "--trust", str(made["other_pem"]))
    assert code == 1 and tr("signature.untrusted", "en") in text


def test_an_unsigned_package_says_so_and_passes_on_its_files(made, capsys, tmp_path):
    members = _members(made["plain"])
    assert SIGNATURE_NAME not in members and CERTIFICATE_NAME not in members
    assert {SUMS_NAME, *README_NAMES} <= set(members)
    code, text = _verify_cli(capsys, made["plain"])
    assert code == 0 and tr("verify.unsigned", "en") in text
    code, text = _verify_cli(capsys, made["plain"], "--trust", str(made["root_pem"]))
    assert code == 1 and tr("verify.unsigned_trust_asked", "en") in text
    sha256sum = _tool("sha256sum")
    with zipfile.ZipFile(made["plain"]) as zf:
        zf.extractall(tmp_path)
    assert subprocess.run([sha256sum, "-c", SUMS_NAME], cwd=tmp_path, capture_output=True).returncode == 0


def _evidence_name(members: dict[str, bytes]) -> str:
    return next(name for name in members if name.startswith("evidence/"))


def _tampered(made, tmp_path, how) -> Path:
    members = _members(made["signed"])
    how(members)
    return _write(tmp_path / "tampered.zip", members)


def test_a_flipped_byte_in_an_evidence_file_is_named(made, tmp_path, capsys):
    name = _evidence_name(_members(made["signed"]))

    def flip(members):
        data = bytearray(members[name])
        data[len(data) // 2] ^= 0x01
        members[name] = bytes(data)

    code, text = _verify_cli(capsys, _tampered(made, tmp_path, flip))
    assert code == 1 and tr("verify.changed", "en", path=name) in text
    assert tr("verify.sums_disagree", "en", path=name) in text


def test_a_file_changed_with_its_manifest_entry_and_sums_breaks_the_signature(made, tmp_path, capsys):
    import hashlib

    def rewrite(members):
        name = _evidence_name(members)
        members[name] = b"another photo"
        manifest = json.loads(members[MANIFEST])
        for entry in manifest["files"]:
            if entry["path"] == name:
                entry["sha256"], entry["size"] = hashlib.sha256(b"another photo").hexdigest(), 13
        members[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        members[SUMS_NAME] = _sums(members)

    verdict = verify_package(_tampered(made, tmp_path, rewrite))
    assert verdict.files_ok and not verdict.ok
    assert verdict.manifest_signature.problem_key == "signature.manifest.broken"
    code, text = _verify_cli(capsys, tmp_path / "tampered.zip", lang="th")
    assert code == 1 and tr("signature.manifest.broken", "th") in text


def test_a_removed_signature_is_caught(made, tmp_path, capsys):
    def remove(members):
        del members[SIGNATURE_NAME]

    code, text = _verify_cli(capsys, _tampered(made, tmp_path, remove))
    assert code == 1
    assert tr("signature.manifest.missing", "en") in text and tr("verify.missing", "en", path=SIGNATURE_NAME) in text


def test_another_identitys_certificate_swapped_in_is_caught(made, tmp_path, capsys):
    other = made["other"]
    other_pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (other.certificate, *other.chain))

    def swap_certificate(members):
        members[CERTIFICATE_NAME] = other_pem
        members[SUMS_NAME] = _sums(members)

    verdict = verify_package(_tampered(made, tmp_path, swap_certificate))
    assert not verdict.ok and CERTIFICATE_NAME in verdict.changed
    assert verdict.manifest_signature.problem_key == "signature.certificate_mismatch"

    def resign(members):  # the same manifest signed with another key, its certificate beside it
        members[SIGNATURE_NAME] = sign_manifest(members[MANIFEST], other)
        members[CERTIFICATE_NAME] = other_pem
        members[SUMS_NAME] = _sums(members)

    code, text = _verify_cli(capsys, _tampered(made, tmp_path, resign))
    assert code == 1 and tr("signature.certificate_mismatch", "en") in text


def test_an_extra_and_a_removed_file_are_named(made, tmp_path, capsys):
    removed = _evidence_name(_members(made["signed"]))

    def add_and_remove(members):
        members["evidence/ภาพเพิ่ม.jpg"] = b"not in any list"
        del members[removed]

    code, text = _verify_cli(capsys, _tampered(made, tmp_path, add_and_remove))
    assert code == 1
    assert tr("verify.extra", "en", path="evidence/ภาพเพิ่ม.jpg") in text
    assert tr("verify.missing", "en", path=removed) in text


@pytest.fixture(scope="module")
def signed_members(made) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(made["signed"]) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_single_byte_flip_in_any_member_fails_verify(signed_members, tmp_path_factory, data):
    index = data.draw(st.integers(0, len(signed_members) - 1), label="member")
    name, content = signed_members[index]
    position = data.draw(st.integers(0, max(0, len(content) - 1)), label="byte")
    mask = data.draw(st.integers(1, 255), label="mask")
    members = dict(signed_members)
    flipped = bytearray(content)
    flipped[position] ^= mask
    members[name] = bytes(flipped)
    path = _write(tmp_path_factory.mktemp("flip") / "p.zip", members)
    try:
        verdict = verify_package(path)
    except Exception as exc:  # a manifest that no longer reads is one sentence, exit 1
        from ent_portfolio.errors import UserError

        assert isinstance(exc, UserError) and name == MANIFEST
        return
    assert not verdict.ok, f"a flip in {name} at {position} went unnoticed"
    if name == SUMS_NAME:
        assert verdict.sums_disagree  # the line whose hash or name the flip hit
    else:
        assert name in verdict.changed + verdict.sums_disagree or verdict.manifest_signature.problem_key


def test_the_demo_dossier_signs_and_verifies(demo, tmp_path, capsys):
    me = create_identity("ผศ.ดร.สมหญิง ใจงาม", b"pw", tmp_path / "me.p12")
    export_dossier(demo, DossierConfig(language="th"), tmp_path / "demo.pdf", package=tmp_path / "demo.zip",
                   sign_with=me)
    code, text = _verify_cli(capsys, tmp_path / "demo.zip")
    assert code == 0, text


def test_verify_checks_the_dossiers_own_signature_too(made, capsys, tmp_path):
    verdict = verify_package(made["signed"])
    assert verdict.pdf_signature is not None and verdict.pdf_signature.holds
    assert verdict.pdf_signature.fingerprint == made["me"].fingerprint
    code, text = _verify_cli(capsys, made["signed"])
    assert code == 0 and tr("verify.signature_ok", "en", what=tr("verify.label.pdf", "en")) in text
    assert verify_package(made["plain"]).pdf_signature is None  # an unsigned package has no PDF signature to check
    # The signed manifest says the PDF was signed: a PDF that lost its signature
    # (its bytes swapped for the unsigned export's, with the lists rewritten
    # to match) fails on the manifest's signature and on the PDF's.
    members = _members(made["signed"])
    members[PDF_NAME] = _members(made["plain"])[PDF_NAME]
    manifest = json.loads(members[MANIFEST])
    manifest["dossier"]["sha256"] = hashlib.sha256(members[PDF_NAME]).hexdigest()
    manifest["dossier"]["size"] = len(members[PDF_NAME])
    members[MANIFEST] = json.dumps(manifest, ensure_ascii=False).encode()
    members["SHA256SUMS"] = _sums(members)
    swapped = verify_package(_write(tmp_path / "swapped.zip", members))
    assert not swapped.ok and not swapped.pdf_signature.holds and not swapped.manifest_signature.holds
