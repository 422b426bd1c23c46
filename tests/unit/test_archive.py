"""The .entp archive: round trip, idempotent merge, and hostile archives."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import media_fixtures
import pytest

from ent_portfolio.archive import export_archive, import_archive, read_archive_document
from ent_portfolio.archive.schema import schema_text
from ent_portfolio.errors import UserError
from ent_portfolio.resources import resource_path
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio


@pytest.fixture
def filled(services, tmp_path):
    s = services
    profile = s.profile.current()
    s.profile.update(profile.id, name_th="ดร.สมหญิง รักถิ่น", faculty="คณะเกษตรศาสตร์")
    s.degrees.create(profile_id=profile.id, level="ปริญญาเอก", name="ปร.ด. (พืชไร่)", year=2014)
    work = s.works.create(title_th="ผักปลอดภัยบ้านโนนสวรรค์", province="ขอนแก่น", missions=["research"],
                          start_date="2023-05-01", latitude="16.4419")
    s.works.set_section(work.id, "abstract", "<p>บทคัดย่อภาษาไทย</p>")
    partner = s.partners.create(name_th="วิสาหกิจชุมชนผักปลอดภัย", partner_type="community_of_interest")
    s.work_partners.create(work_id=work.id, partner_id=partner.id, role="co_designer")
    ind = s.indicators.create(work_id=work.id, name_th="รายได้", baseline_value="12000.50", target_value="18000")
    s.measurements.create(indicator_id=ind.id, date="2024-01-01", value="15000")
    s.fundings.create(work_id=work.id, source="สกสว.", amount_baht="250000")
    # Real pictures: an archive brings in only files the evidence importer takes.
    photo = media_fixtures.photo(tmp_path / "field.jpg")
    letter = media_fixtures.noisy_png(tmp_path / "letter.png")
    s.evidence.add_file(work.id, photo, kind="photo", caption="แปลงผัก", date_taken="2024-01-02T08:30:00",
                        principles=["impact"])
    scan = s.evidence.add_file(work.id, letter, kind="scan")
    t = s.testimonials.create(work_id=work.id, partner_id=partner.id, person_name="นายสมชาย",
                              kind="certification", letter_evidence_id=scan.id, consent=True)
    s.evidence.update(scan.id, testimonial_id=t.id)  # a cycle between the two tables
    return s


def _records(path: Path) -> dict:
    return read_archive_document(path)["records"]


def _files(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist() if n.startswith("files/")}


def test_committed_schema_matches_the_models():
    assert resource_path("schema", "archive-v1.schema.json").read_text(encoding="utf-8") == schema_text()


def test_round_trip_into_an_empty_portfolio(filled, portfolio, empty_template, tmp_path):
    first = export_archive(portfolio, tmp_path / "one.entp")
    import shutil

    shutil.copytree(empty_template, tmp_path / "other")
    with Portfolio.open(tmp_path / "other") as other:
        summary = import_archive(other, first)
        assert summary.files_added == 2
        second = export_archive(other, tmp_path / "two.entp")
        assert Services(other).profile.current().name_th == "ดร.สมหญิง รักถิ่น"
    assert _records(first) == _records(second)
    assert _files(first) == _files(second)


def _without_volatile(path: Path) -> dict:
    document = read_archive_document(path)
    document.pop("exported_at")
    return document


def _move_to_a_new_machine(demo, tmp_path) -> Path:
    """The demo with the applicant's profile filled and the write-up headings
    edited the ways a faculty edits them (a title changed, one removed, two
    swapped in order)."""
    s = Services(demo)
    profile = s.profile.current()
    s.profile.update(profile.id, name_th="ผศ.ดร.สมหญิง รักถิ่น", name_en="Somying Rakthin",
                     academic_title="ผู้ช่วยศาสตราจารย์", faculty="คณะเกษตรศาสตร์", department="พืชศาสตร์",
                     university="มหาวิทยาลัยขอนแก่น", orcid="0000-0002-1825-0097", email="somying@example.ac.th",
                     appointment_date="2015-06-01", current_position="assistant_professor",
                     target_position="associate_professor")
    s.degrees.create(profile_id=profile.id, level="ปริญญาโท", name="วท.ม. (พืชไร่)", institution="มข.", year=2009)
    s.appointments.create(profile_id=profile.id, position="ผู้ช่วยศาสตราจารย์", organisation="มข.",
                          start_date="2020-01-01")
    headings = s.section_templates.list()
    s.section_templates.update(headings[0].id, title_th="บทคัดย่อ (ตามประกาศคณะ)", title_en="Summary")
    s.section_templates.update(headings[1].id, position=headings[2].position)
    s.section_templates.update(headings[2].id, position=headings[1].position)
    s.section_templates.delete(headings[-1].id)
    return export_archive(demo, tmp_path / "moving.entp")


def test_a_new_portfolio_takes_the_applicant_and_the_headings_from_the_archive(demo, tmp_path):
    """Issue 12 item 1: import into a new portfolio, and restore into a new
    folder, give back exactly the archive — the new portfolio's empty
    profile and default headings do not win over the archive's."""
    from ent_portfolio.services.backup import restore_archive
    from ent_portfolio.services.doctor import check_portfolio

    archive = _move_to_a_new_machine(demo, tmp_path)
    with Portfolio.create(tmp_path / "new-machine") as fresh:
        summary = import_archive(fresh, archive)
        assert summary.added["profile"] == 1
        profile = Services(fresh).profile.current()
        assert profile.name_th == "ผศ.ดร.สมหญิง รักถิ่น" and profile.orcid == "0000-0002-1825-0097"
        assert len(profile.degrees) == len(Services(demo).profile.current().degrees)
        assert check_portfolio(fresh).healthy
        imported = export_archive(fresh, tmp_path / "imported.entp")
    restore_archive(archive, tmp_path / "restored")
    with Portfolio.open(tmp_path / "restored") as restored:
        assert check_portfolio(restored).healthy
        again = export_archive(restored, tmp_path / "restored.entp")
    expected = _without_volatile(archive)
    assert _without_volatile(imported) == expected
    assert _without_volatile(again) == expected
    assert _files(imported) == _files(archive) == _files(again)


def test_the_command_line_import_into_a_new_folder_gives_back_the_archive(demo, tmp_path, capsys):
    from ent_portfolio.cli import main

    archive = _move_to_a_new_machine(demo, tmp_path)
    assert main(["archive", "import", "--portfolio", str(tmp_path / "cli"), str(archive)]) == 0
    with Portfolio.open(tmp_path / "cli") as portfolio:
        copy = export_archive(portfolio, tmp_path / "cli.entp")
    assert _without_volatile(copy) == _without_volatile(archive)


def test_an_edited_profile_in_the_target_is_kept_when_it_is_newer(filled, portfolio, tmp_path):
    """The natural twin rule still merges: a target whose applicant was
    edited after the archive was made keeps its own profile, and the
    archive's degrees join it."""
    archive = export_archive(portfolio, tmp_path / "a.entp")
    with Portfolio.create(tmp_path / "t") as other:
        s = Services(other)
        s.profile.update(s.profile.current().id, name_th="ชื่อที่แก้ในเครื่องใหม่")
        import_archive(other, archive)
        profile = s.profile.current()
        assert profile.name_th == "ชื่อที่แก้ในเครื่องใหม่"
        assert [d.name for d in profile.degrees] == ["ปร.ด. (พืชไร่)"]
        assert s.profile.count() == 1


def test_importing_twice_changes_nothing(filled, portfolio, tmp_path):
    archive = export_archive(portfolio, tmp_path / "a.entp")
    target = tmp_path / "t"
    with Portfolio.create(target) as other:
        assert import_archive(other, archive).changed
        again = import_archive(other, archive)
        assert not again.changed
        assert again.unchanged > 0
        # Into the portfolio it came from: nothing either.
    assert not import_archive(portfolio, archive).changed


def test_newer_record_wins_older_does_not(filled, portfolio, tmp_path):
    old_archive = export_archive(portfolio, tmp_path / "old.entp")
    work = filled.works.list()[0]
    filled.works.update(work.id, title_th="ชื่อใหม่ที่แก้ภายหลัง")
    new_archive = export_archive(portfolio, tmp_path / "new.entp")
    with Portfolio.create(tmp_path / "x") as other:
        import_archive(other, new_archive)
        import_archive(other, old_archive)  # older version must not overwrite
        assert Services(other).works.get(work.id).title_th == "ชื่อใหม่ที่แก้ภายหลัง"
    with Portfolio.create(tmp_path / "y") as other:
        import_archive(other, old_archive)
        summary = import_archive(other, new_archive)
        assert summary.updated == {"work": 1}
        assert Services(other).works.get(work.id).title_th == "ชื่อใหม่ที่แก้ภายหลัง"


def _rewrite(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members = change(members)
    with zipfile.ZipFile(target, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return target


def _snapshot(p: Portfolio):
    from ent_portfolio.archive.exchange import build_document

    doc = build_document(p)
    doc.pop("exported_at")
    return doc, sorted(p.store.iter_hashes())


def _tamper_file(members):
    name = next(n for n in members if n.startswith("files/"))
    members[name] = members[name][:-1] + b"!"
    return members


def _traversal(members):
    members["../../outside.txt"] = b"escape"
    return members


def _absolute(members):
    members["/etc/evil"] = b"escape"
    return members


def _missing_file(members):
    name = next(n for n in members if n.startswith("files/"))
    del members[name]
    return members


def _bad_json(members):
    members["portfolio.json"] = b"{not json"
    return members


def _schema_violation(members):
    doc = json.loads(members["portfolio.json"])
    doc["records"]["work"][0]["start_date"] = "yesterday"
    members["portfolio.json"] = json.dumps(doc).encode()
    return members


def _newer_format(members):
    doc = json.loads(members["portfolio.json"])
    doc["format_version"] = 99
    doc["app_version"] = "9.0"
    members["portfolio.json"] = json.dumps(doc).encode()
    return members


@pytest.mark.parametrize(
    "change,expect",
    [
        (_tamper_file, "แฮชไม่ตรง"),
        (_traversal, "ไม่ปลอดภัย"),
        (_absolute, "ไม่ปลอดภัย"),
        (_missing_file, "ขาดไฟล์"),
        (_bad_json, "ไม่ถูกต้อง"),
        (_schema_violation, "start_date"),
        (_newer_format, "9.0"),
    ],
)
def test_hostile_or_damaged_archives_change_nothing(filled, portfolio, tmp_path, change, expect):
    good = export_archive(portfolio, tmp_path / "good.entp", format_version=1)  # the rewrites edit its document
    bad = _rewrite(good, tmp_path / "bad.entp", change)
    with Portfolio.create(tmp_path / "target") as target:
        Services(target).works.create(title_th="ผลงานที่มีอยู่ก่อน")
        before = _snapshot(target)
        with pytest.raises(UserError) as caught:
            import_archive(target, bad)
        assert expect in caught.value.message("th")
        assert _snapshot(target) == before
        assert not (tmp_path / "outside.txt").exists()
        assert list(target.temp_dir.iterdir()) == []


def test_not_a_zip(portfolio, tmp_path):
    junk = tmp_path / "junk.entp"
    junk.write_bytes(b"hello")
    with pytest.raises(UserError) as caught:
        import_archive(portfolio, junk)
    assert "junk.entp" in caught.value.message("en")


def test_export_is_atomic_on_failure(filled, portfolio, tmp_path, monkeypatch):
    target = tmp_path / "out.entp"
    target.write_bytes(b"previous archive")
    import ent_portfolio.archive.exchange as exchange

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exchange.zipfile.ZipFile, "write", boom)
    with pytest.raises(UserError) as caught:
        export_archive(portfolio, target)
    assert "ดิสก์เต็ม" in caught.value.message("th")
    assert target.read_bytes() == b"previous archive"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")] == []


def _size_lie(members):
    """The document claims a small file; the zip holds a big one (a bomb's trick)."""
    doc = json.loads(members["portfolio.json"])
    doc["files"][0]["size"] = 1
    members["portfolio.json"] = json.dumps(doc).encode()
    return members


def test_a_member_larger_than_the_document_says_is_refused_before_extraction(filled, portfolio, tmp_path):
    good = export_archive(portfolio, tmp_path / "good.entp", format_version=1)
    bad = _rewrite(good, tmp_path / "lie.entp", _size_lie)
    with Portfolio.create(tmp_path / "target") as target:
        with pytest.raises(UserError) as caught:
            import_archive(target, bad)
        assert "แฮชไม่ตรง" in caught.value.message("th")
        assert list(target.store.iter_hashes()) == []


def test_not_enough_disk_space_is_said_before_anything_is_written(filled, portfolio, tmp_path, monkeypatch):
    import shutil as shutil_module

    from ent_portfolio.archive import evidence_files

    archive = export_archive(portfolio, tmp_path / "a.entp")
    real = shutil_module.disk_usage
    monkeypatch.setattr(evidence_files.shutil, "disk_usage",
                        lambda path: real(path)._replace(free=10 * 2**20))
    with Portfolio.create(tmp_path / "target") as target:
        with pytest.raises(UserError) as caught:
            import_archive(target, archive)
        assert "Not enough disk space" in caught.value.message("en")
        assert "พื้นที่ดิสก์ไม่พอ" in caught.value.message("th")
        assert list(target.store.iter_hashes()) == []
        assert Services(target).works.count() == 0
