"""The demo portfolio: enough realistic content for the dossier, the
readiness checks and the screenshots, built the same way every time."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from ent_portfolio.demo import build_demo
from ent_portfolio.errors import UserError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio

SECTION_KEYS = ("abstract", "situation_before", "participation", "process", "knowledge",
                "anticipated_consequences", "evaluation", "sustaining", "references")
THAI = re.compile("[\u0e00-\u0e7f]")
TAG_ORIENTATION, IFD_EXIF, IFD_GPS, TAG_DATETIME_ORIGINAL = 0x0112, 0x8769, 0x8825, 0x9003


def _build(folder: Path) -> Portfolio:
    portfolio = Portfolio.create(folder)
    build_demo(portfolio)
    return portfolio


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    portfolio = _build(tmp_path_factory.mktemp("demo") / "portfolio")
    yield Services(portfolio)
    portfolio.close()


def _paragraphs(html: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", html, flags=re.S)


def test_three_works_in_three_provinces_one_completed_one_ongoing(demo):
    works = demo.works.list()
    assert len(works) >= 3
    assert len({w.province for w in works}) >= 3
    statuses = {w.status for w in works}
    assert {"completed", "ongoing"} <= statuses
    years = {y for w in works for y in (w.start_date.year, w.end_date.year)}
    assert min(years) <= 2023 and max(years) >= 2026
    for w in works:
        assert w.district and w.subdistrict and w.village and w.area_code
        assert w.latitude is not None and w.longitude is not None
        assert w.missions and w.courses and w.students_count
        assert w.problem_statement and w.problem_co_designed
        for text in (w.partnership_text, w.benefit_community_text, w.benefit_university_text,
                     w.knowledge_text, w.impact_text):
            assert len(THAI.findall(text)) >= 200


def test_every_work_has_all_nine_sections_in_thai_prose(demo):
    for w in demo.works.list():
        sections = dict((t.key, html) for t, html in demo.works.sections(w.id))
        assert set(SECTION_KEYS) <= set(sections)
        for key in SECTION_KEYS:
            paragraphs = _paragraphs(sections[key])
            if key == "references":
                assert len(paragraphs) >= 3, (w.title_en, key)
                # APA-like: author, (year), title; both Thai and English entries
                assert all(re.search(r"\((\d{4}|\d{4}, [^)]*)\)\.", p) for p in paragraphs)
                assert any(THAI.search(p) for p in paragraphs) and any(not THAI.search(p) for p in paragraphs)
            else:
                assert 2 <= len(paragraphs) <= 4, (w.title_en, key, len(paragraphs))
                assert len(THAI.findall(sections[key])) >= 400, (w.title_en, key)


def test_section_text_is_valid_dossier_markup(demo):
    """The dossier typesets each paragraph with the typesetter's small
    markup language, which refuses unknown tags and bare ampersands."""
    from ent_portfolio.typeset.markup import parse

    for w in demo.works.list():
        for _, html in demo.works.sections(w.id):
            assert re.fullmatch(r"(<p>.*?</p>\n?)+", html, flags=re.S)
            for paragraph in _paragraphs(html):
                parse(paragraph)


def test_partners_of_several_types_with_contacts_and_roles(demo):
    partners = demo.partners.list()
    assert len(partners) >= 5
    assert len({p.partner_type for p in partners}) >= 4
    assert all(demo.contacts.list(partner_id=p.id) for p in partners)
    for w in demo.works.list():
        roles = {link.role for _, link in demo.work_partners.partners_of(w.id)}
        assert "co_designer" in roles


def test_indicators_have_baseline_target_and_dated_measurements(demo):
    indicators = demo.indicators.list()
    assert len(indicators) >= 8
    for i in indicators:
        assert i.unit and i.baseline_value is not None and i.baseline_date and i.target_value is not None
        measurements = demo.indicators.measurements(i.id)
        assert len(measurements) >= 2, i.name_th
        assert all(m.source and m.method and m.date > i.baseline_date for m in measurements)
        change = demo.indicators.change(i.id)
        assert change.improved, i.name_th


def test_activities_with_participant_breakdown(demo):
    activities = demo.activities.list()
    kinds = {a.kind for a in activities}
    assert {"co_planning", "workshop", "field_visit", "training"} <= kinds
    for a in activities:
        groups = a.participant_groups
        assert groups.get("female", 0) + groups.get("male", 0) == a.participants_total, a.title


def test_testimonials_certifications_letters_and_consent(demo):
    testimonials = demo.testimonials.list()
    assert len(testimonials) >= 6
    certifications = [t for t in testimonials if t.kind == "certification"]
    assert len(certifications) >= 2
    for t in certifications:
        assert t.letter_evidence_id and t.signed and t.consent
        letter = demo.evidence.get(t.letter_evidence_id)
        assert letter.kind == "scan" and letter.testimonial_id == t.id
        assert demo.evidence.file_path(letter.id).is_file()
        with Image.open(demo.evidence.file_path(letter.id)) as image:
            assert image.size == (1240, 1754)
    without_consent = [t for t in testimonials if not t.consent]
    assert len(without_consent) == 1 and not without_consent[0].contactable
    assert any(t.contactable and t.contact for t in testimonials)


def test_disseminations_funding_and_contributors(demo):
    kinds = {d.kind for d in demo.disseminations.list()}
    assert {"journal_article", "manual", "community_media", "conference", "policy_brief"} <= kinds
    assert any("TCI" in d.citation for d in demo.disseminations.list())
    fundings = demo.fundings.list()
    assert fundings and all(f.amount_satang > 0 and 2560 < f.fiscal_year < 2580 for f in fundings)
    contributors = demo.contributors.list()
    assert sum(c.is_applicant for c in contributors) == len(demo.works.list())
    assert [c.signature_status for c in contributors].count("pending") == 1
    letters = {r for c in contributors for r in c.roles}
    assert {"idea", "design", "data", "critique", "writing", "support", "other"} <= letters


def test_profile_degrees_and_appointments(demo):
    profile = demo.profile.current()
    assert profile.name_th and profile.academic_title and profile.university and profile.faculty
    assert profile.route == "society_track"
    assert profile.target_position in ("assistant_professor", "associate_professor")
    assert len(profile.degrees) == 3 and profile.appointments


def test_evidence_files_are_stored_intact(demo):
    evidence = demo.evidence.list()
    assert len(evidence) >= 20
    store = demo.portfolio.store
    for e in evidence:
        assert store.verify(e.sha256), e.original_name
        assert e.caption and e.date_taken and e.place and e.principles is not None
    assert all(e.principles for e in evidence if e.kind == "scan")
    covered = {p for e in evidence for p in e.principles}
    assert covered == {"partnership", "mutual_benefit", "knowledge", "impact"}
    assert sum(1 for e in evidence if e.activity_id) >= 15


def test_photos_carry_exif_date_gps_and_one_is_turned(demo):
    photos = [e for e in demo.evidence.list() if e.kind == "photo"]
    assert len(photos) >= 18
    orientations = []
    for e in photos:
        with Image.open(demo.evidence.file_path(e.id)) as image:
            exif = image.getexif()
            taken = exif.get_ifd(IFD_EXIF).get(TAG_DATETIME_ORIGINAL)
            assert taken == e.date_taken.strftime("%Y:%m:%d %H:%M:%S")
            gps = exif.get_ifd(IFD_GPS)
            lat = sum(float(v) / 60 ** i for i, v in enumerate(gps[2]))
            lon = sum(float(v) / 60 ** i for i, v in enumerate(gps[4]))
            assert gps[1] == "N" and gps[3] == "E"
            assert abs(lat - float(e.latitude)) < 1e-4 and abs(lon - float(e.longitude)) < 1e-4
            orientation = exif.get(TAG_ORIENTATION, 1)
            orientations.append(orientation)
            stored = image.size
        # width and height are as a person sees the photo
        shown = (stored[1], stored[0]) if orientation in (5, 6, 7, 8) else stored
        assert (e.width, e.height) == shown and e.orientation == orientation
        work = demo.works.get(e.work_id)
        assert abs(float(e.latitude) - float(work.latitude)) < 0.01
    assert any(o != 1 for o in orientations)


def test_demo_is_deterministic(demo, tmp_path):
    second = _build(tmp_path / "again")
    try:
        other = Services(second)
        assert [w.title_th for w in other.works.list()] == [w.title_th for w in demo.works.list()]
        assert Counter(e.sha256 for e in other.evidence.list()) == Counter(e.sha256 for e in demo.evidence.list())
        for a, b in zip(demo.works.list(), other.works.list()):
            assert [h for _, h in demo.works.sections(a.id)] == [h for _, h in other.works.sections(b.id)]
    finally:
        second.close()


def test_refuses_a_portfolio_that_already_has_works(demo):
    with pytest.raises(UserError):
        build_demo(demo.portfolio)


def test_demo_does_not_import_qt():
    code = ("import sys, ent_portfolio.demo; "
            "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
