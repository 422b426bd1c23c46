"""Each record type's round trip through the services, and what deleting does."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from ent_portfolio.domain import models as m
from ent_portfolio.errors import InUseError, NotFoundError, ValidationError
from tests.unit import media_fixtures


@pytest.fixture
def work(services):
    return services.works.create(
        title_th="การพัฒนาผลิตภัณฑ์ชุมชนบ้านหนองบัว", title_en="Product development with Ban Nong Bua",
        status="ongoing", start_date="2024-01-15", end_date="2026-09-30", province="น่าน",
        missions=["research", "teaching"], latitude="18.783", longitude=100.7791,
    )


def test_work_round_trip_keeps_every_field_type(services, work):
    loaded = services.works.get(work.id)
    assert loaded.title_th == "การพัฒนาผลิตภัณฑ์ชุมชนบ้านหนองบัว"
    assert loaded.start_date == date(2024, 1, 15)
    assert loaded.missions == ["teaching", "research"]  # vocabulary order
    assert loaded.latitude == Decimal("18.783")
    assert loaded.longitude == Decimal("100.7791")
    assert isinstance(loaded.created_at, datetime)
    before = loaded.updated_at
    updated = services.works.update(work.id, status="completed")
    assert updated.status == "completed"
    assert updated.updated_at >= before
    assert updated.id == work.id and updated.created_at == loaded.created_at


@pytest.mark.parametrize(
    "field,value",
    [("status", "finished"), ("start_date", "31/02/2024"), ("start_date", "13/13/2566"), ("missions", ["cooking"]),
     ("latitude", "north")],
)
def test_bad_values_are_refused_with_the_field_named(services, work, field, value):
    with pytest.raises(ValidationError) as caught:
        services.works.update(work.id, **{field: value})
    assert field in caught.value.message("en")
    assert services.works.get(work.id).status == "ongoing"  # unchanged


def test_end_before_start_is_refused(services):
    with pytest.raises(ValidationError):
        services.works.create(title_th="ก", start_date="2025-01-01", end_date="2024-01-01")
    assert services.works.count() == 0


def test_required_title(services):
    with pytest.raises(ValidationError) as caught:
        services.works.create(title_th="  ")
    assert "title_th" in caught.value.message("th")


def test_unknown_id_is_a_clear_error(services):
    with pytest.raises(NotFoundError) as caught:
        services.works.get("00000000-0000-0000-0000-000000000000")
    assert "ไม่พบ" in caught.value.message("th")


def test_sections_follow_the_template(services, work):
    services.works.set_section(work.id, "process", "<p>กระบวนการ</p>")
    sections = services.works.sections(work.id)
    assert [t.key for t, _ in sections][:2] == ["abstract", "situation_before"]
    assert len(sections) == 9
    assert dict((t.key, c) for t, c in sections)["process"] == "<p>กระบวนการ</p>"
    with pytest.raises(ValidationError):
        services.works.set_section(work.id, "no-such-heading", "x")


def test_money_is_whole_satang(services, work):
    funding = services.fundings.create(work_id=work.id, source="สกสว.", amount_baht="1,250,000.75", fiscal_year=2567)
    assert funding.amount_satang == 125_000_075
    assert funding.amount_baht == Decimal("1250000.75")
    with pytest.raises(ValidationError):
        services.fundings.create(work_id=work.id, source="x", amount_baht="10.005")


def test_indicator_change_is_computed_in_the_good_direction(services, work):
    lower = services.indicators.create(
        work_id=work.id, name_th="ปริมาณสารเคมี", unit="ลิตร/ไร่", direction="lower",
        baseline_value="4.0", baseline_date="2024-01-01", target_value="2.0",
    )
    services.measurements.create(indicator_id=lower.id, date="2025-06-01", value="2.5")
    services.measurements.create(indicator_id=lower.id, date="2024-06-01", value="3.5")
    change = services.indicators.change(lower.id)
    assert change.latest == Decimal("2.5")
    assert change.change == Decimal("-1.5")
    assert change.change_percent == Decimal("-37.5")
    assert change.improved is True
    assert change.target_reached is False
    assert change.measurement_count == 2


def test_indicator_without_measurements_has_no_change(services, work):
    ind = services.indicators.create(work_id=work.id, name_th="รายได้", baseline_value="100")
    change = services.indicators.change(ind.id)
    assert change.latest is None and change.change is None and change.improved is None


def _child_counts(portfolio):
    with portfolio.reader() as s:
        return {
            model.__tablename__: len(s.scalars(select(model.id)).all())
            for model in (m.WorkSection, m.Funding, m.WorkPartner, m.Activity, m.Indicator, m.Measurement,
                          m.Testimonial, m.Evidence, m.Dissemination, m.Contributor, m.Partner, m.ContactPerson)
        }


def _fill_work(services, work, tmp_path):
    partner = services.partners.create(name_th="เทศบาลตำบลหนองบัว", partner_type="local_government")
    services.contacts.create(partner_id=partner.id, name="นายสมชาย ใจดี")
    services.work_partners.create(work_id=work.id, partner_id=partner.id, role="co_designer")
    services.works.set_section(work.id, "abstract", "<p>ย่อ</p>")
    services.fundings.create(work_id=work.id, source="มหาวิทยาลัย", amount_baht=50000)
    activity = services.activities.create(work_id=work.id, date="2024-03-01", title="ประชุมวางแผนร่วม",
                                          kind="co_planning",
                                          participants_total=30, participant_groups={"female": 18, "male": 12})
    indicator = services.indicators.create(work_id=work.id, name_th="รายได้ครัวเรือน", baseline_value=1)
    services.measurements.create(indicator_id=indicator.id, date="2024-06-01", value=2)
    photo = media_fixtures.photo(tmp_path / "photo.jpg")
    evidence = services.evidence.add_file(work.id, photo, kind="photo", activity_id=activity.id)
    services.testimonials.create(work_id=work.id, partner_id=partner.id, person_name="นายสมชาย ใจดี",
                                 letter_evidence_id=evidence.id, consent=True)
    services.disseminations.create(work_id=work.id, citation="บทความ", kind="journal_article")
    services.contributors.create(work_id=work.id, name="ดร.สมหญิง", roles=["idea", "writing"], percentage="60")
    return partner, evidence


def test_deleting_a_work_leaves_no_orphans_and_keeps_partners(services, portfolio, work, tmp_path):
    partner, evidence = _fill_work(services, work, tmp_path)
    stored = portfolio.store.path_for(evidence.sha256)
    assert stored.is_file()
    services.works.delete(work.id)
    counts = _child_counts(portfolio)
    assert counts.pop("partner") == 1 and counts.pop("contact_person") == 1
    assert set(counts.values()) == {0}, counts
    assert not stored.exists(), "a file no record uses any more is removed from the store"
    services.partners.delete(partner.id)  # now free to go
    assert _child_counts(portfolio)["contact_person"] == 0


def test_a_partner_in_use_cannot_be_deleted(services, work, tmp_path):
    partner, _ = _fill_work(services, work, tmp_path)
    with pytest.raises(InUseError) as caught:
        services.partners.delete(partner.id)
    assert "เทศบาลตำบลหนองบัว" in caught.value.message("th")
    assert services.partners.get(partner.id)


def test_optional_links_are_cleared_not_cascaded(services, portfolio, work, tmp_path):
    _, evidence = _fill_work(services, work, tmp_path)
    activity_id = services.evidence.get(evidence.id).activity_id
    services.activities.delete(activity_id)
    assert services.evidence.get(evidence.id).activity_id is None
    services.evidence.delete(evidence.id)
    assert services.testimonials.list()[0].letter_evidence_id is None
    assert not portfolio.store.path_for(evidence.sha256).exists()


def test_shared_file_survives_while_another_record_uses_it(services, portfolio, work, tmp_path):
    other = services.works.create(title_th="งานที่สอง")
    f = media_fixtures.photo(tmp_path / "scan.png")
    first = services.evidence.add_file(work.id, f)
    second = services.evidence.add_file(other.id, f)
    assert first.sha256 == second.sha256
    services.works.delete(work.id)
    assert portfolio.store.path_for(second.sha256).is_file()


def test_adding_evidence_never_touches_the_source(services, work, tmp_path):
    source = media_fixtures.photo(tmp_path / "original.jpg")
    original = source.read_bytes()
    stat = source.stat()
    services.evidence.add_file(work.id, source)
    assert source.read_bytes() == original
    assert source.stat().st_mtime_ns == stat.st_mtime_ns


def test_failed_evidence_record_leaves_no_stored_file(services, portfolio, work, tmp_path):
    source = tmp_path / "x.bin"
    source.write_bytes(b"payload for a failing record")
    with pytest.raises(ValidationError):
        services.evidence.add_file(work.id, source, kind="not-a-kind")
    assert list(portfolio.store.iter_hashes()) == []


def test_a_failed_write_rolls_back_everything(services, portfolio, work):
    with pytest.raises(RuntimeError), portfolio.session() as session:
        session.add(m.Partner(name_th="ชั่วคราว"))
        session.flush()
        raise RuntimeError("power cut")
    assert services.partners.count() == 0


def test_every_record_type_round_trips(services, work):
    profile = services.profile.current()
    services.profile.update(profile.id, name_th="ดร.สมหญิง รักถิ่น", target_position="associate_professor",
                            appointment_date="2015-06-01")
    services.degrees.create(profile_id=profile.id, level="ปริญญาเอก", name="ปร.ด.", year=2014)
    services.appointments.create(profile_id=profile.id, position="อาจารย์", start_date="2015-06-01")
    again = services.profile.current()
    assert again.id == profile.id and again.target_position == "associate_professor"
    assert [d.year for d in again.degrees] == [2014] and len(again.appointments) == 1
    for service, fields in [
        (services.partners, {"name_th": "โรงเรียนบ้านนา", "partner_type": "school", "mou_date": "2024-01-01"}),
        (services.activities, {"work_id": work.id, "date": "2024-02-02", "title": "อบรม", "kind": "training"}),
        (services.disseminations, {"work_id": work.id, "citation": "คู่มือ", "kind": "manual", "date": "2025-01-01"}),
        (services.contributors, {"work_id": work.id, "name": "นายก", "status": "co_worker", "roles": ["data"],
                                 "signature_status": "signed", "signed_date": "2025-02-02"}),
        (services.testimonials, {"work_id": work.id, "person_name": "นางข", "kind": "certification",
                                 "consent": True, "contactable": False, "date": "2025-03-03"}),
    ]:
        record = service.create(**fields)
        loaded = service.get(record.id)
        for key, value in fields.items():
            got = getattr(loaded, key)
            assert str(got) == str(value) or got == value, (key, got, value)
        service.delete(record.id)
        assert service.find(record.id) is None


def test_restore_puts_a_deleted_record_back_under_its_own_id(services, work):
    partner = services.partners.create(name_th="ชมรมผู้สูงอายุ", partner_type="community_of_interest")
    services.partners.delete(partner.id)
    back = services.partners.restore(partner.id, created_at=partner.created_at,
                                     name_th="ชมรมผู้สูงอายุ", partner_type="community_of_interest")
    assert back.id == partner.id and back.created_at == partner.created_at
    assert services.partners.get(partner.id).name_th == "ชมรมผู้สูงอายุ"
    with pytest.raises(ValidationError):
        services.partners.restore(partner.id, name_th="ซ้ำ")


@pytest.mark.parametrize("name, data", [
    ("letter.pdf", b"MZ\x90\x00" + b"\x00" * 60 + b"%PDF-1.7 looks like a letter"),
    ("letter.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"%PDF-1.4"),
    ("setup.exe", b"MZ" + b"\x00" * 200),
])
def test_a_letter_added_by_hand_passes_the_importers_checks(services, portfolio, work, tmp_path, name, data):
    """The testimonial's "attach the signed letter" path stores a file too:
    a program is refused there as it is by the importer, and nothing is stored."""
    from ent_portfolio.errors import UserError

    source = tmp_path / name
    source.write_bytes(data)
    with pytest.raises(UserError) as refused:
        services.evidence.add_file(work.id, source, kind="scan")
    assert refused.value.key.startswith("import.")
    assert list(portfolio.store.iter_hashes()) == []
    assert services.evidence.list(work_id=work.id) == []
    assert source.read_bytes() == data
