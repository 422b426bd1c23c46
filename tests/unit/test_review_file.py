"""The ``.entreview`` file: saved and loaded as it was, bound to its
package, never in a portfolio; hostile files are one sentence."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_cases import REVIEWER, review_case

from ent_portfolio.errors import UserError
from ent_portfolio.review import (
    Review,
    Reviewer,
    compare_reviews,
    criteria_for,
    load_review,
    open_for_review,
    review_path_beside,
    save_review,
)
from ent_portfolio.review.assessment import FILE_LIMIT


@pytest.fixture(scope="module")
def package(demo_template, tmp_path_factory):
    return open_for_review(review_case(demo_template, tmp_path_factory).package)


def _filled(package, levels=("excellent", "very_good", "good")) -> Review:
    review = Review.new(package, Reviewer(REVIEWER, "ศาสตราจารย์", show_name=True))
    keys = [c.key for c in criteria_for(package)]
    for work, level in zip(package.works, levels, strict=True):
        assessment = review.work(work.id)
        assessment.level = level
        assessment.criteria = {key: f"เหตุผลข้อ {key} ของผลงานที่ {work.index}\nบรรทัดที่สอง" for key in keys}
        assessment.overall = f"ผลงานที่ {work.index} มีหลักฐานการมีส่วนร่วมของชุมชนชัดเจน"
    return review


def test_criteria_are_the_four_principles_and_the_nine_headings(package):
    criteria = criteria_for(package)
    assert [c.key for c in criteria[:4]] == ["principle.partnership", "principle.mutual_benefit",
                                             "principle.knowledge", "principle.impact"]
    assert [c.title_th for c in criteria[4:]][:2] == ["บทคัดย่อ", "สภาพการณ์ก่อนการเปลี่ยนแปลง"]
    assert len(criteria) == 13 and criteria[6].title("en").startswith("Participation")


def test_levels_and_notes_for_each_work_survive_save_and_load(package, tmp_path):
    before = package.path.read_bytes()
    review = _filled(package)
    path = save_review(review, tmp_path / "mine.entreview", package)
    loaded = load_review(path, package)
    assert loaded.works == review.works and loaded.reviewer == review.reviewer
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "ent-portfolio-review" and data["format_version"] == 1
    assert data["package_sha256"] == package.package_sha256
    assert [w["level"] for w in data["works"]] == ["excellent", "very_good", "good"]
    assert package.path.read_bytes() == before
    assert review_path_beside(package.path) == package.path.with_name("dossier-package.entreview")


def test_two_reviews_of_the_package_compared_per_work(package, tmp_path):
    first = _filled(package, ("excellent", "very_good", "good"))
    second = _filled(package, ("excellent", "good", "good"))
    second.reviewer = Reviewer("ผู้ประเมินอีกท่าน", show_name=False)
    comparison = compare_reviews([first, second])
    assert [w.agree for w in comparison.works] == [True, False, True]
    assert comparison.works[1].levels == ("very_good", "good")
    assert [w.work_id for w in comparison.disagreements] == [package.works[1].id]
    assert comparison.reviewer_label(0) == REVIEWER
    assert comparison.reviewer_label(1, "th") == "ผู้ทรงคุณวุฒิท่านที่ 2"  # not named without consent
    second.work(package.works[0].id).level = None
    assert compare_reviews([first, second]).works[0].agree is None
    other = _filled(package)
    other.package_sha256 = "0" * 64
    with pytest.raises(UserError) as caught:
        compare_reviews([first, other], paths=["a.entreview", "b.entreview"])
    assert caught.value.key == "review.compare_other_package" and "b.entreview" in caught.value.message("en")


def test_a_review_of_another_package_is_refused_against_this_one(package, tmp_path):
    review = _filled(package)
    review.package_sha256 = "a" * 64
    path = save_review(review, tmp_path / "other.entreview")
    with pytest.raises(UserError) as caught:
        load_review(path, package)
    assert caught.value.key == "review.file_other_package"
    assert "ชุดหลักฐานอื่น" in caught.value.message("th")


def test_no_review_is_written_into_a_portfolio_or_over_the_package(package, demo_dir, tmp_path):
    review = _filled(package)
    for target in (demo_dir / "review.entreview", demo_dir / "evidence" / "review.entreview"):
        with pytest.raises(UserError) as caught:
            save_review(review, target, package)
        assert caught.value.key == "error.output_inside_portfolio" and not target.exists()
    with pytest.raises(UserError) as caught:
        load_review(demo_dir / "portfolio.sqlite3")
    assert caught.value.key == "error.output_inside_portfolio"
    before = package.path.read_bytes()
    with pytest.raises(UserError) as caught:
        save_review(review, package.path, package)
    assert caught.value.key == "review.file_is_package" and package.path.read_bytes() == before


def _valid(package) -> dict:
    return _filled(package).to_json()


def _edit(data: dict, path: str, value):
    target = data
    parts = path.split(".")
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


HOSTILE = [
    ("format", "ent-portfolio-evidence-package", "review.file_not_review"),
    ("format_version", 2, "review.file_newer"),
    ("format_version", "1", "review.file_invalid"),
    ("format_version", True, "review.file_invalid"),
    ("package_sha256", "xyz", "review.file_invalid"),
    ("package_sha256", None, "review.file_invalid"),
    ("reviewer", "ใครก็ได้", "review.file_invalid"),
    ("reviewer.show_name", "yes", "review.file_invalid"),
    ("reviewer.name", 12, "review.file_invalid"),
    ("reviewer.name", "ชื่อ\u202eเบี่ยงทิศ", "review.file_invalid"),
    ("works", {"a": 1}, "review.file_invalid"),
    ("works.0", "ผลงาน", "review.file_invalid"),
    ("works.0.level", "outstanding", "review.file_invalid"),
    ("works.0.level", 3, "review.file_invalid"),
    ("works.0.criteria", ["ข้อ 1"], "review.file_invalid"),
    ("works.0.criteria.principle.impact", None, "review.file_invalid"),
    ("works.0.overall", "x" * 20_001, "review.file_invalid"),
    ("works.0.overall", "มี\x00ศูนย์", "review.file_invalid"),
    ("works.0.work_id", "", "review.file_invalid"),
    ("created", "เมื่อวาน", "review.file_invalid"),
]


@pytest.mark.parametrize("where, value, key", HOSTILE, ids=[f"{w}={str(v)[:12]!r}" for w, v, _ in HOSTILE])
def test_a_hostile_review_file_is_one_sentence(package, tmp_path, where, value, key):
    data = _valid(package)
    if where == "works.0.criteria.principle.impact":
        data["works"][0]["criteria"]["principle.impact"] = value
    else:
        _edit(data, where, value)
    path = tmp_path / "hostile.entreview"
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    with pytest.raises(UserError) as caught:
        load_review(path, package)
    assert caught.value.key == key
    assert caught.value.message("th") and caught.value.message("en")
    assert path.read_bytes() == raw


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe not utf-8", b"[1, 2]", b"null", b"{" * 100_000,
                                 json.dumps({"format": "ent-portfolio-review", "format_version": 1}).encode()],
                         ids=["empty", "not-utf8", "a-list", "null", "deep-nesting", "no-fields"])
def test_what_is_no_review_at_all_is_refused(package, tmp_path, raw):
    path = tmp_path / "x.entreview"
    path.write_bytes(raw)
    with pytest.raises(UserError) as caught:
        load_review(path, package)
    assert caught.value.key in ("review.file_not_review", "review.file_invalid")


def test_a_huge_file_is_refused_unread(package, tmp_path):
    path = tmp_path / "huge.entreview"
    with open(path, "wb") as handle:
        handle.truncate(FILE_LIMIT + 1)
    with pytest.raises(UserError) as caught:
        load_review(path, package)
    assert caught.value.key == "review.file_too_large"


def test_a_note_the_loader_would_refuse_is_not_saved(package, tmp_path):
    review = _filled(package)
    review.works[0].overall = "ข้อความ\x00ที่มีศูนย์"
    target = tmp_path / "r.entreview"
    with pytest.raises(UserError):
        save_review(review, target, package)
    assert not target.exists()


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                        max_size=4),
                           max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(["format_version", "package_sha256", "reviewer", "reviewer.name", "works", "works.0",
                              "works.0.title", "works.0.level", "works.0.criteria", "works.0.overall",
                              "updated", "package_name"]),
       value=json_values)
def test_property_any_value_anywhere_loads_or_is_one_sentence(package, tmp_path, where, value):
    data = _edit(_valid(package), where, value)
    path = tmp_path / "p.entreview"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
    try:
        review = load_review(path, package)
    except UserError as exc:
        assert exc.key.startswith("review.file_") and exc.message("th")
        return
    # what loads saves back and loads again the same
    again = load_review(save_review(review, tmp_path / "again.entreview", package), package)
    assert again.works == review.works and again.reviewer == review.reviewer
