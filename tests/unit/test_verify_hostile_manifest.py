"""``verify`` on packages whose manifest was rewritten by someone else:
entries of the wrong type or shape, paths leaving the package, names held
twice or differing only by normalisation or case, any value in any field;
and the names the app itself gives the files of a package: safe on every
system and naming nobody who did not consent.

Every hostile manifest is built here, from the small synthetic package of
verify_cases.py."""

from __future__ import annotations

import json
import shutil
import unicodedata
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from verify_cases import LETTER, PHOTO, _cli, _manifest, _members, _not_intact, _package, _refused, _sha, _zip

from ent_portfolio.dossier import DossierConfig, build_package
from ent_portfolio.dossier.package import MANIFEST, package_name
from ent_portfolio.dossier.verification import verify_package
from ent_portfolio.errors import UserError
from ent_portfolio.services import Services

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
    lines = out.strip().splitlines()
    assert lines[0].startswith("This package is NOT signed")
    assert len(lines[1:]) == 2  # one line per extra file, whatever its name holds
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
