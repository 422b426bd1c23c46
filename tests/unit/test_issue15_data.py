"""The records the ก.พ.อ. file needs (issue 15): a work's main-work claim and
ethics approval, who measured a measurement, a document's own date and the
consent of the people in a photo.

They must survive every way a portfolio travels: the migration from a
portfolio made before them (every row kept), an archive (every field carried)
and an archive made before them (read with the defaults)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.archive import export_archive, import_archive, read_archive_document
from ent_portfolio.domain import enums
from ent_portfolio.domain import models as m
from ent_portfolio.domain.fields import coerce
from ent_portfolio.dossier.model import DossierConfig
from ent_portfolio.errors import ValidationError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio
from tests.unit.media_fixtures import photo

D = dt.date

NEW_WORK_FIELDS = {
    "is_main_work": True,
    "claimed_level": "very_good",
    "impact_summary": "เกษตรกร 42 ครัวเรือนลดการใช้สารเคมีลงครึ่งหนึ่ง วัดจากบันทึกการซื้อของสหกรณ์",
    "impact_summary_en": "42 farming households halved their pesticide use (the co-op's purchase records).",
    "ethics_required": True,
    "ethics_committee": "คณะกรรมการจริยธรรมการวิจัยในมนุษย์ มหาวิทยาลัยเชียงใหม่",
    "ethics_number": "CMU-REC 66/123",
    "ethics_date": D(2023, 10, 15),
}
NEW_COLUMNS = {
    "work": ["is_main_work", "claimed_level", "impact_summary", "impact_summary_en", "ethics_required",
             "ethics_committee", "ethics_number", "ethics_date"],
    "measurement": ["measured_by"],
    # and, from later revisions, a photo's faces, hash and explained findings
    # (0004) and a scan's recognised text (0005): columns the upgrade adds too
    "evidence": ["document_date", "people_consent", "face_boxes", "image_hash", "findings_explained", "ocr_text"],
}


def _alembic(folder, action, revision):
    from alembic import command
    from sqlalchemy import create_engine

    from ent_portfolio.storage import schema

    engine = create_engine(f"sqlite:///{folder / DATABASE_NAME}")
    cfg = schema._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)
    engine.dispose()


def _fill(services: Services, tmp_path) -> dict[str, str]:
    """One record of each kind that gained a field, with every new field set."""
    work = services.works.create(title_th="ผลงานหลัก", **NEW_WORK_FIELDS)
    indicator = services.indicators.create(work_id=work.id, name_th="การใช้สารเคมี", unit="ลิตร")
    measurement = services.measurements.create(indicator_id=indicator.id, date=D(2024, 1, 5), value=Decimal("12.5"),
                                               source="บันทึกสหกรณ์", method="นับจากใบเสร็จ",
                                               measured_by="อสม. บ้านแม่กำปอง")
    evidence = services.evidence.add_file(work.id, photo(tmp_path / "field.jpg"), kind="photo",
                                          media_type="image/jpeg", people_consent="not_given",
                                          document_date=D(2023, 10, 15))
    return {"work": work.id, "measurement": measurement.id, "evidence": evidence.id}


def _rows(folder, table: str) -> list[tuple]:
    db = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    finally:
        db.close()


def _columns(folder, table: str) -> list[str]:
    db = sqlite3.connect(folder / DATABASE_NAME)
    try:
        return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    finally:
        db.close()


# --- the migration ----------------------------------------------------------------------

def test_a_portfolio_from_before_issue_15_keeps_every_row_and_reads_the_defaults(empty_template, tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(empty_template, folder)
    with Portfolio.open(folder) as p:
        services = Services(p)
        services.works.create(title_th="ผลงานที่สอง", prior_use_year=2021, prior_quality_level="good")
        ids = _fill(services, tmp_path)
    _alembic(folder, "downgrade", "0002")
    before = {}
    for table, added in NEW_COLUMNS.items():
        assert not set(added) & set(_columns(folder, table)), f"{table} still has its new columns at 0002"
        before[table] = _rows(folder, table)
        assert before[table], f"no {table} rows to carry"
    with Portfolio.open(folder) as p:
        services = Services(p)
        works = services.works.list()
        assert len(works) == 2
        for work in works:
            assert (work.is_main_work, work.claimed_level, work.impact_summary, work.impact_summary_en) == (
                False, None, "", "")
            assert (work.ethics_required, work.ethics_committee, work.ethics_number, work.ethics_date) == (
                False, "", "", None)
        assert {w.prior_use_year for w in works} == {2021, None}
        assert services.measurements.get(ids["measurement"]).measured_by == ""
        evidence = services.evidence.get(ids["evidence"])
        assert (evidence.people_consent, evidence.document_date) == ("unknown", None)
    for table, added in NEW_COLUMNS.items():
        columns = _columns(folder, table)
        assert set(added) <= set(columns)
        kept = [tuple(v for c, v in zip(columns, row, strict=True) if c not in added) for row in _rows(folder, table)]
        assert kept == before[table], f"{table}: a row changed in the migration"


# --- archives ----------------------------------------------------------------------------

def test_an_archive_carries_every_new_field(services, portfolio, empty_template, tmp_path):
    ids = _fill(services, tmp_path)
    archive = export_archive(portfolio, tmp_path / "issue15.entp")
    records = read_archive_document(archive)["records"]
    for table, columns in NEW_COLUMNS.items():
        [row] = [r for r in records[table] if r["id"] == ids[table]]
        assert set(columns) <= set(row)
    shutil.copytree(empty_template, tmp_path / "other")
    with Portfolio.open(tmp_path / "other") as other:
        import_archive(other, archive)
        again = Services(other)
        work = again.works.get(ids["work"])
        assert {name: getattr(work, name) for name in NEW_WORK_FIELDS} == NEW_WORK_FIELDS
        assert again.measurements.get(ids["measurement"]).measured_by == "อสม. บ้านแม่กำปอง"
        evidence = again.evidence.get(ids["evidence"])
        assert (evidence.people_consent, evidence.document_date) == ("not_given", D(2023, 10, 15))


def test_an_archive_from_before_issue_15_imports_with_the_defaults(services, portfolio, empty_template, tmp_path):
    ids = _fill(services, tmp_path)
    archive = export_archive(portfolio, tmp_path / "new.entp", format_version=1)
    older = tmp_path / "older.entp"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(older, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "portfolio.json":
                document = json.loads(data)
                document["schema_revision"] = "0002"
                for table, columns in NEW_COLUMNS.items():
                    for record in document["records"][table]:
                        for column in columns:
                            record.pop(column)
                data = json.dumps(document, ensure_ascii=False).encode("utf-8")
            dst.writestr(item, data)
    shutil.copytree(empty_template, tmp_path / "other")
    with Portfolio.open(tmp_path / "other") as other:
        import_archive(other, older)
        again = Services(other)
        work = again.works.get(ids["work"])
        assert (work.is_main_work, work.claimed_level, work.impact_summary, work.ethics_required,
                work.ethics_number, work.ethics_date) == (False, None, "", False, "", None)
        assert again.measurements.get(ids["measurement"]).measured_by == ""
        evidence = again.evidence.get(ids["evidence"])
        assert (evidence.people_consent, evidence.document_date) == ("unknown", None)


# --- what a form may give ------------------------------------------------------------------

@pytest.mark.parametrize(("model", "name", "value"), [
    (m.Work, "claimed_level", "outstanding"),
    (m.Work, "claimed_level", "ดีมาก"),  # the label, not the code
    (m.Work, "claimed_level", 3),
    (m.Evidence, "people_consent", "yes"),
    (m.Evidence, "people_consent", ""),  # consent is never "nothing": unknown is a value of its own
    (m.Evidence, "kind", "memorandum"),
])
def test_a_code_outside_its_vocabulary_is_refused_with_a_sentence(model, name, value):
    with pytest.raises(ValidationError) as caught:
        coerce(model, name, value)
    assert caught.value.key == "error.invalid_value"
    assert name in caught.value.message("th") and name in caught.value.message("en")


def test_the_new_codes_are_accepted():
    assert coerce(m.Work, "claimed_level", "") is None  # the empty "—" choice
    for level in enums.QualityLevel.values():
        assert coerce(m.Work, "claimed_level", level) == level
    assert coerce(m.Evidence, "people_consent", None) == "unknown"  # a value not given reads as not known
    for consent in enums.PeopleConsent.values():
        assert coerce(m.Evidence, "people_consent", consent) == consent
    for kind in ("contribution_form", "mou", "ethics_declaration", "ethics_approval"):
        assert coerce(m.Evidence, "kind", kind) == kind
    assert coerce(m.Work, "ethics_date", "15/10/2566") == D(2023, 10, 15)
    assert coerce(m.Evidence, "document_date", "15 ต.ค. 2566") == D(2023, 10, 15)


def test_an_impossible_ethics_date_is_refused_and_the_work_unchanged(services):
    work = services.works.create(title_th="ผลงาน", ethics_required=True, ethics_date=D(2023, 1, 1))
    with pytest.raises(ValidationError) as caught:
        services.works.update(work.id, ethics_date="31/02/2566")
    assert caught.value.message("th").endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")
    assert services.works.get(work.id).ethics_date == D(2023, 1, 1)


def test_the_new_evidence_kinds_fit_their_column():
    width = m.Evidence.__table__.columns["kind"].type.length
    assert all(len(kind) <= width for kind in enums.EvidenceKind.values())
    assert enums.PeopleConsent.UNKNOWN.label("th") == "ไม่ทราบ"
    assert enums.EvidenceKind.MOU.label("en") == "Memorandum of understanding"


def test_a_dossier_strips_gps_and_is_a_draft_unless_asked():
    config = DossierConfig()
    assert config.strip_gps is True and config.final is False


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=30).filter(lambda text: text not in enums.QualityLevel.values() and text != ""))
def test_no_other_text_is_a_claimed_level(text):
    with pytest.raises(ValidationError) as caught:
        coerce(m.Work, "claimed_level", text)
    assert caught.value.key in ("error.invalid_value", "error.text_damaged")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=30).filter(lambda text: text not in enums.PeopleConsent.values()))
def test_no_other_text_is_a_consent(text):
    with pytest.raises(ValidationError):
        coerce(m.Evidence, "people_consent", text)
