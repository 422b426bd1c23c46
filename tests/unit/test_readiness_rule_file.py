"""Promotion readiness: the rule file validated and read as data: the shipped
file complete and bilingual, a malformed rule or file refused naming it, and
thresholds, switches and severities taken from the file."""

from __future__ import annotations

import copy
import tomllib

import pytest
from readiness_cases import rule_ids

from ent_portfolio.errors import UserError
from ent_portfolio.i18n import set_language
from ent_portfolio.readiness import (
    RuleSetError,
    Severity,
    check_readiness,
    default_rules_path,
    load_rules,
)
from ent_portfolio.readiness.rules import parse_rules


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    set_language(None)


# --- the rule file -----------------------------------------------------------

def _rules_data() -> dict:
    return tomllib.loads(default_rules_path().read_text(encoding="utf-8"))


def _rule(data: dict, rule_id: str) -> dict:
    return next(r for r in data["rule"] if r["id"] == rule_id)


def test_the_shipped_rule_file_is_complete_and_bilingual():
    rules = load_rules()
    assert rules.name == "ent-readiness" and rules.version >= 1
    for rule in rules.rules:
        for key in ("what", "why", "fix"):
            assert rule.texts[key]["th"] and rule.texts[key]["en"], (rule.id, key)
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in rule.texts[key]["th"]), (rule.id, key)
    assert {r.severity for r in rules.rules} == set(Severity)
    # every principle is served by at least one rule
    assert {"partnership", "mutual_benefit", "knowledge", "impact"} <= {r.serves for r in rules.rules}


def _severity(d):
    _rule(d, "impact.no_target")["severity"] = "fatal"


def _unknown_id(d):
    d["rule"].append(copy.deepcopy(_rule(d, "impact.no_target")) | {"id": "impact.no_targte"})


def _duplicate(d):
    d["rule"].append(copy.deepcopy(_rule(d, "impact.no_target")))


def _missing_threshold(d):
    del _rule(d, "section.too_short")["thresholds"]["min_chars"]


def _wrong_threshold_type(d):
    _rule(d, "section.too_short")["thresholds"]["min_chars"] = "สามร้อย"


def _unknown_placeholder(d):
    _rule(d, "impact.no_target")["what"]["th"] = "ตัวชี้วัด {indicatr} ไม่มีเป้าหมาย"


def _missing_thai(d):
    del _rule(d, "certification.missing")["why"]["th"]


def _bad_position(d):
    _rule(d, "knowledge.no_dissemination")["when"][0]["position"] = "dean"


def _unknown_key(d):
    _rule(d, "testimonial.no_consent")["severty"] = "warning"


def _bad_code(d):
    _rule(d, "partnership.no_codesigner")["thresholds"]["roles"] = ["co_desiner"]


def _bad_serves(d):
    _rule(d, "work.no_missions")["serves"] = "happiness"


def _unbalanced_brace(d):
    _rule(d, "impact.no_reach")["fix"]["en"] = "Enter {participants"


MALFORMED = [
    (_severity, "impact.no_target"), (_unknown_id, "impact.no_targte"), (_duplicate, "impact.no_target"),
    (_missing_threshold, "section.too_short"), (_wrong_threshold_type, "section.too_short"),
    (_unknown_placeholder, "impact.no_target"), (_missing_thai, "certification.missing"),
    (_bad_position, "knowledge.no_dissemination"), (_unknown_key, "testimonial.no_consent"),
    (_bad_code, "partnership.no_codesigner"), (_bad_serves, "work.no_missions"),
    (_unbalanced_brace, "impact.no_reach"),
]


@pytest.mark.parametrize("breaker,named", MALFORMED, ids=[b.__name__.strip("_") for b, _ in MALFORMED])
def test_a_malformed_rule_is_refused_naming_it(breaker, named):
    data = _rules_data()
    breaker(data)
    with pytest.raises(RuleSetError) as caught:
        parse_rules(data, "custom.toml")
    assert f"“{named}”" in caught.value.message("en")
    assert f"“{named}”" in caught.value.message("th")
    assert "custom.toml" in caught.value.message("th")


def test_a_rule_file_that_is_not_toml_or_of_a_newer_format_is_refused(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[[rule]\nid = 'x'\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_rules(broken)
    assert "broken.toml" in caught.value.message("th")
    newer = _rules_data()
    newer["format"] = 2
    with pytest.raises(RuleSetError):
        parse_rules(newer)


def test_thresholds_are_read_from_the_rule_file(ready, tmp_path):
    p, s, ids = ready
    text = default_rules_path().read_text(encoding="utf-8")
    assert text.count("min_chars = 300\n") == 1
    stricter = tmp_path / "faculty.toml"
    stricter.write_text(text.replace("min_chars = 300\n", "min_chars = 5000\n"), encoding="utf-8")
    assert "section.too_short" not in rule_ids(p)
    result = check_readiness(p, rules=load_rules(stricter))
    thin = [f for f in result.findings if f.rule == "section.too_short"]
    assert len(thin) == 7  # abstract and references keep their own minimum
    assert "5000" in thin[0].message("th")
    # A rule can be switched off, and a severity changed, in data.
    data = _rules_data()
    _rule(data, "impact.no_target")["enabled"] = False
    _rule(data, "testimonial.no_consent")["severity"] = "blocking"
    s.indicators.update(ids["indicator"], target_value=None)
    s.testimonials.update(ids["cert"], consent=False)
    found = {f.rule: f for f in check_readiness(p, rules=parse_rules(data)).findings}
    assert "impact.no_target" not in found
    assert found["testimonial.no_consent"].severity == Severity.BLOCKING
