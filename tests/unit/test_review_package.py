"""A package opened for review: verified first, read, never written; a
tampered or damaged package still opens, says so, and shows its works."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from review_cases import LECTURER, review_case, rewrite_zip

from ent_portfolio.errors import UserError
from ent_portfolio.review import open_for_review


@pytest.fixture
def case(demo_template, tmp_path_factory):
    return review_case(demo_template, tmp_path_factory)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder) -> dict:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_signed_demo_package_opens_verified_with_its_works_evidence_and_outline(case):
    before = _snapshot(case.folder)
    package = open_for_review(case.package)
    assert package.state == "signed" and package.verdict.ok and package.problem is None
    assert package.signer == LECTURER
    assert package.package_sha256 == _digest(case.package)
    assert [w.index for w in package.works] == [1, 2, 3]
    assert all(len(w.id) == 36 and w.title for w in package.works)
    assert LECTURER in package.applicant and "ผู้ช่วยศาสตราจารย์" in package.application
    assert len(package.evidence) == 24 and all(e.intact for e in package.evidence)
    with zipfile.ZipFile(case.package) as zf:
        assert package.pdf_bytes() == zf.read("dossier.pdf")
        first = package.evidence[0]
        assert package.evidence_bytes(first.ref) == zf.read(first.path)
    outline = package.outline()
    titles = [o.title for o in outline if o.level == 0]
    assert any(t.startswith("ผลงานที่ 1:") for t in titles)
    # a citation's page is the printed (1-based) number; the outline's is the 0-based index
    cited = next(e for e in package.evidence if any("หลักการ EnT" in c.place for c in e.citations))
    citation = next(c for c in cited.citations if "หลักการ EnT" in c.place)
    principles = [o.page for o in outline if o.title == "หลักการ EnT และหลักฐานที่แสดง"]
    assert citation.page - 1 in principles
    assert _snapshot(case.folder) == before  # nothing written beside or into the package


def test_an_evidence_file_is_copied_read_only_for_a_viewer(case, tmp_path):
    package = open_for_review(case.package)
    item = package.evidence[7]
    copy = package.copy_evidence(item.ref, tmp_path)
    assert copy.parent == tmp_path and copy.read_bytes() == package.evidence_bytes(item.ref)
    assert not copy.stat().st_mode & 0o222
    with pytest.raises(UserError) as caught:
        package.evidence_bytes("E-999")
    assert caught.value.key == "review.no_such_evidence"


def _flip_evidence(name, data):
    if name.startswith("evidence/E-3_"):
        return data[:100] + bytes([data[100] ^ 1]) + data[101:]
    return data


def _edit_manifest(name, data):
    if name == "manifest.json":
        manifest = json.loads(data)
        manifest["files"][0]["caption"] = "แก้ไขคำบรรยายภาพหลังลงนาม"
        return json.dumps(manifest, ensure_ascii=False).encode()
    return data


def _replace_pdf(name, data):
    return b"%PDF-1.4\n% another file altogether\n" if name == "dossier.pdf" else data


def _break_manifest(name, data):
    return b"{ not json" if name == "manifest.json" else data


@pytest.mark.parametrize("change, expect", [
    (_flip_evidence, "changed"), (_edit_manifest, "signature"), (_replace_pdf, "changed"), (_break_manifest, "problem"),
], ids=["evidence-byte", "manifest-edited", "pdf-replaced", "manifest-unreadable"])
def test_a_tampered_package_opens_failing_with_its_works_still_readable(case, tmp_path, change, expect):
    tampered = rewrite_zip(case.package, tmp_path / "tampered.zip", change)
    before = tampered.read_bytes()
    package = open_for_review(tampered)
    assert package.state == "failed" and not package.verdict.ok
    assert package.verdict.lines("th")[-1]  # the banner has a sentence to show
    if expect == "changed":
        assert package.verdict.changed
    elif expect == "signature":
        assert package.verdict.changed == [] and not package.verdict.signatures_ok
        assert package.evidence[0].caption == "แก้ไขคำบรรยายภาพหลังลงนาม"  # shown as received, under a red banner
    else:
        assert package.problem is not None and package.problem.key == "package.no_manifest"
    assert [w.index for w in package.works] == [1, 2, 3]
    if change is _flip_evidence:
        broken = [e.ref for e in package.evidence if not e.intact]
        assert broken == ["E-3"]
    assert tampered.read_bytes() == before


def test_an_unreadable_manifest_still_lists_the_works_from_the_pdf_outline(case, tmp_path):
    package = open_for_review(rewrite_zip(case.package, tmp_path / "t.zip", _break_manifest))
    assert package.state == "failed" and package.evidence == []
    assert [w.index for w in package.works] == [1, 2, 3]
    assert [w.id for w in package.works] == ["#1", "#2", "#3"]
    assert package.problem.message("en")


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 truncated", b"%PDF-1.7\n", "ไม่ใช่ zip".encode()],
                         ids=["empty", "truncated-zip", "a-pdf", "thai-text"])
def test_a_file_that_is_no_zip_is_one_sentence(tmp_path, content):
    path = tmp_path / "package.zip"
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        open_for_review(path)
    assert caught.value.key == "review.package_not_zip"
    assert "ไม่ใช่ชุดหลักฐาน" in caught.value.message("th")
    assert path.read_bytes() == content


def test_a_folder_or_a_missing_path_is_refused(tmp_path):
    with pytest.raises(UserError) as caught:
        open_for_review(tmp_path)
    assert caught.value.key == "review.package_not_zip"
    with pytest.raises(UserError) as caught:
        open_for_review(tmp_path / "none.zip")
    assert caught.value.key == "package.not_found"


def test_a_member_held_twice_is_not_served(case, tmp_path):
    doubled = tmp_path / "doubled.zip"
    with zipfile.ZipFile(case.package) as zin, zipfile.ZipFile(doubled, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        first = next(i for i in zin.infolist() if i.filename.startswith("evidence/E-1_"))
        with pytest.warns(UserWarning):
            zout.writestr(first.filename, b"another picture")
    package = open_for_review(doubled)
    assert package.state == "failed"
    with pytest.raises(UserError) as caught:
        package.evidence_bytes("E-1")
    assert caught.value.key == "review.evidence_twice"
