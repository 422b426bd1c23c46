"""The signing identity: made, written, read back, and refused when it would
be unsafe (a wrong passphrase, an EC or short key, a key file put inside a
portfolio, an existing file overwritten).

Every refused PKCS#12 is generated here, never a committed blob."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import main
from ent_portfolio.errors import UserError
from ent_portfolio.i18n import MESSAGES, tr
from ent_portfolio.signing.identity import create_identity, fingerprint_of, load_identity, read_passphrase

THAI_NAME = "ผศ.ดร.สมหญิง ใจงาม"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("identity") / "me.p12"
    return out, create_identity(THAI_NAME, "รหัสลับ".encode(), out, email="somying@example.ac.th")


def _p12(key, name: str, passphrase: bytes = b"pw", with_key: bool = True) -> bytes:
    now = datetime.now(UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=9))
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"x", key if with_key else None, cert, None,
                                                 serialization.BestAvailableEncryption(passphrase))


def test_round_trip_keeps_the_thai_name_chain_and_fingerprint(made):
    out, identity = made
    loaded = load_identity(out, "รหัสลับ".encode())
    assert loaded.name == THAI_NAME and loaded.email == "somying@example.ac.th"
    assert loaded.fingerprint == identity.fingerprint == fingerprint_of(loaded.certificate)
    assert len(loaded.fingerprint.split(":")) == 32 and loaded.fingerprint == loaded.fingerprint.upper()
    assert loaded.key.key_size == 3072
    (root,) = loaded.chain
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    loaded.certificate.verify_directly_issued_by(root)
    usage = loaded.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    years = (loaded.certificate.not_valid_after_utc - loaded.certificate.not_valid_before_utc).days / 365
    assert 4.99 < years < 5.01
    assert out.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("passphrase", [b"", b"wrong", "รหัสลับ ".encode(), b"\x00"])
def test_a_wrong_passphrase_is_one_sentence(made, passphrase):
    out, _identity = made
    with pytest.raises(UserError) as caught:
        load_identity(out, passphrase)
    assert caught.value.key == "identity.wrong_passphrase"


@pytest.mark.parametrize("curve", [ec.SECP256R1(), ec.SECP384R1()])
def test_an_ec_key_is_refused_with_the_reason(tmp_path, curve):
    path = tmp_path / "ec.p12"
    path.write_bytes(_p12(ec.generate_private_key(curve), "EC"))
    with pytest.raises(UserError) as caught:
        load_identity(path, b"pw")
    assert caught.value.key == "identity.ec_key"
    assert "PDF/A" in caught.value.message("en") and "PDF/A" in caught.value.message("th")


def test_a_short_rsa_key_and_a_certificate_without_key_are_refused(tmp_path):
    short = tmp_path / "short.p12"
    short.write_bytes(_p12(rsa.generate_private_key(65537, 1024), "short"))
    with pytest.raises(UserError) as caught:
        load_identity(short, b"pw")
    assert caught.value.key == "identity.short_key"
    keyless = tmp_path / "keyless.p12"
    keyless.write_bytes(_p12(rsa.generate_private_key(65537, 2048), "nokey", with_key=False))
    with pytest.raises(UserError) as caught:
        load_identity(keyless, b"pw")
    assert caught.value.key == "identity.no_key"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_that_are_not_a_pkcs12_are_one_sentence(tmp_path, data):
    path = tmp_path / "junk.p12"
    path.write_bytes(data)
    with pytest.raises(UserError) as caught:
        load_identity(path, b"pw")
    assert caught.value.key == "identity.wrong_passphrase"


def test_a_key_file_inside_a_portfolio_is_refused_and_nothing_is_written(portfolio):
    folder = Path(portfolio.folder)
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    for target in (folder / "me.p12", folder / "evidence" / "me.p12"):
        target.parent.mkdir(exist_ok=True)
        with pytest.raises(UserError) as caught:
            create_identity(THAI_NAME, b"pw", target)
        assert caught.value.key == "error.output_inside_portfolio"
        assert not target.exists()
    after = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.name != "evidence" or p in before)
    assert [p for p in after if p not in before] == []


@pytest.mark.parametrize("existing", [b"", b"my old key", b"\x00" * 10])
def test_an_existing_file_is_never_overwritten(tmp_path, existing):
    out = tmp_path / "old.p12"
    out.write_bytes(existing)
    with pytest.raises(UserError) as caught:
        create_identity(THAI_NAME, b"pw", out)
    assert caught.value.key == "identity.exists"
    assert out.read_bytes() == existing


@pytest.mark.parametrize(("name", "passphrase", "key"), [
    ("", b"pw", "identity.blank_name"), ("   \t", b"pw", "identity.blank_name"),
    (THAI_NAME, b"", "identity.empty_passphrase"), (THAI_NAME, b"a\x00b", "identity.passphrase_nul")])
def test_a_blank_name_or_empty_passphrase_is_refused(tmp_path, name, passphrase, key):
    with pytest.raises(UserError) as caught:
        create_identity(name, passphrase, tmp_path / "me.p12")
    assert caught.value.key == key
    assert list(tmp_path.iterdir()) == []


def test_messages_are_thai_first_and_say_nothing_changed_where_true():
    for key in ("identity.exists", "identity.empty_passphrase", "identity.blank_name"):
        thai, english = MESSAGES[key]
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai)
        assert thai.endswith("ไม่มีการเปลี่ยนแปลงใด ๆ") and english.endswith("Nothing was changed.")


def test_the_passphrase_file_gives_its_first_line_only(tmp_path):
    file = tmp_path / "pass.txt"
    file.write_bytes("รหัส ลับ\r\nsecond line\n".encode())
    assert read_passphrase(file) == "รหัส ลับ".encode()
    with pytest.raises(UserError) as caught:
        read_passphrase(tmp_path / "missing.txt")
    assert caught.value.key == "identity.passphrase_file_unreadable"


def test_the_typed_passphrase_must_match_when_confirmed(monkeypatch):
    answers = iter(["one", "two"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(UserError) as caught:
        read_passphrase(None, confirm=True)
    assert caught.value.key == "identity.passphrase_mismatch"


def test_cli_create_then_show_never_prints_the_passphrase(tmp_path, capsys):
    secret = "ลับมาก-42"
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(secret + "\n", encoding="utf-8")
    out = tmp_path / "me.p12"
    code = main(["--lang", "th", "identity", "create", "--name", THAI_NAME, "--out", str(out),
                 "--passphrase-file", str(pass_file)])
    created, err = capsys.readouterr()
    assert code == 0, err
    assert THAI_NAME in created and tr("cli.identity.self_issued", "th") in created
    code = main(["--lang", "en", "identity", "show", str(out), "--passphrase-file", str(pass_file)])
    shown, err = capsys.readouterr()
    assert code == 0, err
    fingerprint = load_identity(out, secret.encode()).fingerprint
    assert fingerprint in shown and fingerprint in created and "Self-issued" in shown
    assert secret not in created + shown + err
    pass_file.write_text("wrong\n", encoding="utf-8")
    code = main(["--lang", "en", "identity", "show", str(out), "--passphrase-file", str(pass_file)])
    _out, err = capsys.readouterr()
    assert code == 1 and err.strip() == tr("identity.wrong_passphrase", "en", path=str(out))
    assert "Traceback" not in err


def test_cli_identity_help_is_thai(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "th", "identity", "create", "--help"])
    text = capsys.readouterr().out
    assert "ชื่อ-นามสกุลของผู้ลงนาม" in " ".join(text.split()) and "วิธีใช้" in text


def test_a_thai_name_with_its_titles_fits_and_one_past_the_standards_bound_is_refused(tmp_path):
    from ent_portfolio.signing.identity import NAME_CHARACTERS

    long_thai = "รองศาสตราจารย์ ดร.กนกวรรณ ศรีวงศ์ ณ อยุธยา"  # 41 letters, 121 bytes of UTF-8
    made = create_identity(long_thai, b"pw", tmp_path / "a.p12")
    assert load_identity(tmp_path / "a.p12", b"pw").name == long_thai == made.name
    with pytest.raises(UserError) as refused:
        create_identity("ก" * (NAME_CHARACTERS + 1), b"pw", tmp_path / "b.p12")
    assert refused.value.key == "identity.name_too_long"
    assert not (tmp_path / "b.p12").exists()
