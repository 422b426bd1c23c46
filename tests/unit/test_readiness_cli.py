"""Promotion readiness on the command line: ``check`` exits 1 on blocking
findings, lists them as JSON, keeps the language asked for, takes a
faculty's rule file and position, and lists the rules as they apply."""

from __future__ import annotations

import json

import pytest

from ent_portfolio.cli import main
from ent_portfolio.i18n import set_language
from ent_portfolio.readiness import check_readiness, default_rules_path, load_rules


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    set_language(None)


# --- the command line --------------------------------------------------------

def test_cli_exit_code_follows_blocking_findings(ready, capsys):
    p, s, ids = ready
    folder = str(p.folder)
    assert main(["check", "--portfolio", folder]) == 0
    out = capsys.readouterr().out
    assert "ผลรวม: พร้อมยื่น" in out  # Thai by default (the test environment asks for Thai)
    s.contributors.update(ids["coworker"], signature_status="pending")
    assert main(["check", "--portfolio", folder, "--lang", "th"]) == 1
    out = capsys.readouterr().out
    assert "ยังไม่ได้ลงนาม" in out and "ต้องแก้ไขก่อนยื่น" in out


def test_cli_json_lists_findings(ready, capsys):
    p, s, ids = ready
    s.testimonials.update(ids["cert"], consent=False)
    s.profile.update(ids["profile"], faculty="")
    assert main(["check", "--portfolio", str(p.folder), "--json", "--lang", "en"]) == 0  # warnings only
    items = json.loads(capsys.readouterr().out)
    assert isinstance(items, list) and len(items) == 2
    for item in items:
        assert {"rule", "severity", "work", "message"} <= set(item)
        assert item["severity"] in ("blocking", "warning", "suggestion")
    by_rule = {i["rule"]: i for i in items}
    assert by_rule["profile.incomplete"]["work"] is None
    assert by_rule["testimonial.no_consent"]["work"] == ids["work"]
    assert by_rule["testimonial.no_consent"]["target"] == {"kind": "testimonial", "id": ids["cert"],
                                                           "place": "field:consent"}
    assert "consent" in by_rule["testimonial.no_consent"]["message"]


def test_cli_lang_before_the_command_is_kept(ready, capsys):
    p, s, ids = ready
    s.profile.update(ids["profile"], faculty="")
    main(["--lang", "en", "check", "--portfolio", str(p.folder)])
    assert "The applicant's details are incomplete" in capsys.readouterr().out
    main(["--lang", "en", "check", "--portfolio", str(p.folder), "--lang", "th"])
    assert "ข้อมูลผู้ขอยังไม่ครบ" in capsys.readouterr().out


def test_cli_with_a_faculty_rule_file_and_position(ready, tmp_path, capsys):
    p, s, ids = ready
    bad = tmp_path / "bad.toml"
    bad.write_text(default_rules_path().read_text(encoding="utf-8")
                   .replace('severity = "suggestion"', 'severity = "maybe"', 1),
                   encoding="utf-8")
    assert main(["check", "--portfolio", str(p.folder), "--rules", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.toml" in err and "partnership.no_mou" in err
    assert main(["check", "--portfolio", str(p.folder), "--position", "associate_professor", "--json"]) == 1
    rules = {i["rule"] for i in json.loads(capsys.readouterr().out)}
    assert "portfolio.too_few_works" in rules


def test_cli_on_a_folder_that_is_not_a_portfolio(tmp_path, capsys):
    assert main(["check", "--portfolio", str(tmp_path / "nothing")]) == 1
    assert capsys.readouterr().err.strip()


def test_finding_keys_are_stable_across_checks(ready):
    p, s, ids = ready
    s.indicators.update(ids["indicator"], target_value=None)
    s.testimonials.update(ids["cert"], consent=False)
    first = [f.key for f in check_readiness(p).findings]
    again = [f.key for f in check_readiness(p).findings]
    assert first == again and len(set(first)) == 2


def test_cli_on_the_demo(demo_dir, capsys):
    assert main(["check", "--portfolio", str(demo_dir), "--lang", "th"]) == 1  # a signature is pending
    out = capsys.readouterr().out
    assert "ผลรวม: ต้องแก้ไขก่อนยื่น" in out and "ผลงาน 3 เรื่อง" in out
    assert main(["check", "--portfolio", str(demo_dir), "--json"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert sorted(i["rule"] for i in items) == ["contributors.unsigned", "ethics.approval_missing",
                                               "privacy.photo_consent_unknown", "testimonial.no_consent"]
    assert all(i["work"] for i in items)


def test_cli_lists_the_rules_as_they_apply(capsys, tmp_path):
    # No portfolio needed: the rule set is reviewed on its own.
    assert main(["check", "--portfolio", str(tmp_path / "none"), "--list-rules", "--lang", "th",
                 "--position", "professor", "--route", "society_track"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n\n") == len(load_rules().rules)
    assert "min_chars = 500" in out and "min_works = 2" in out and "follow_up_years = 3" in out
    assert "{indicator}" in out  # the placeholders a faculty may use in its texts
    assert main(["check", "--portfolio", str(tmp_path / "none"), "--list-rules", "--lang", "th",
                 "--position", "assistant_professor", "--route", "regular"]) == 0
    out = capsys.readouterr().out
    assert "min_chars = 300" in out and "min_works = 1" in out
