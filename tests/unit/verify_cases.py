"""What the hostile ``verify`` tests share: a small synthetic package (the
dossier PDF is only bytes to ``verify``), its manifest, a zip writer that
lets a name repeat, and the checks that ``verify`` refuses with one sentence
or reports a package not intact."""

from __future__ import annotations

import hashlib
import json
import warnings
import zipfile
from pathlib import Path

import pytest

from ent_portfolio.cli import main
from ent_portfolio.dossier.package import FORMAT, MANIFEST
from ent_portfolio.dossier.verification import verify_package
from ent_portfolio.errors import UserError

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
