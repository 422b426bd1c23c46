"""The readiness rule set: loading, validating, and resolving it for one
applicant's target position and route.

The rules are data (``resources/rules/readiness.toml``): a faculty adjusts
severities, thresholds and texts to its own announcement without touching
code.  What each rule *checks* is code (:mod:`.checks`); the file may only
name rules that have a check, and may only use the thresholds and text
placeholders that check provides — anything else is refused with the rule id
named, so a typo never silently switches a rule off.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..domain.enums import Position, Principle, Route, WorkStatus
from ..errors import UserError
from ..i18n import register
from ..resources import resource_path
from .model import Severity, Text

#: The file layout this loader understands (the file's ``format``).
FORMAT = 1
DEFAULT_RULES = ("rules", "readiness.toml")
LANGS = ("th", "en")
TEXT_KEYS = ("what", "why", "fix")
_RULE_KEYS = {"id", "serves", "severity", "enabled", "thresholds", "when", *TEXT_KEYS}
_TOP_KEYS = {"format", "ruleset", "version", "updated", "title", "note", "headings", "skip_work_status", "rule"}
_WHEN_KEYS = {"position", "route", "severity", "enabled", "thresholds"}
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")

register({
    "readiness.rules_invalid": (
        "ไฟล์เกณฑ์ความพร้อม “{path}” ไม่ถูกต้องที่กฎ “{rule}”: {detail}",
        "The readiness rule file “{path}” is not valid at rule “{rule}”: {detail}",
    ),
    "readiness.rules_unreadable": (
        "อ่านไฟล์เกณฑ์ความพร้อม “{path}” ไม่ได้: {detail}",
        "The readiness rule file “{path}” cannot be read: {detail}",
    ),
})


class RuleSetError(UserError):
    key = "readiness.rules_invalid"


@dataclass(frozen=True)
class Override:
    """A variation of a rule for some target positions and/or routes."""

    positions: frozenset[str] | None
    routes: frozenset[str] | None
    severity: Severity | None = None
    enabled: bool | None = None
    thresholds: dict[str, Any] = field(default_factory=dict)

    def applies(self, position: str, route: str) -> bool:
        return (self.positions is None or position in self.positions) and (
            self.routes is None or route in self.routes
        )


@dataclass(frozen=True)
class ActiveRule:
    """A rule as it applies to one position and route."""

    id: str
    serves: str
    severity: Severity
    thresholds: dict[str, Any]
    texts: dict[str, dict[str, str]]
    order: int

    def render(self, params: dict[str, Any]) -> dict[str, dict[str, str]]:
        """The what/why/fix texts in both languages, filled with ``params``
        (values given as :class:`Text` are taken in each text's language).

        A faculty's check fills some 80,000 findings: the values are set
        out once per language, and a text that names none of ``params`` is
        filled once per rule — where both languages' are, every finding
        holds the same (unchanging) pair."""
        out: dict[str, dict[str, str]] = {}
        names = self._placeholders
        values: dict[str, dict[str, Any]] = {}
        for key in TEXT_KEYS:
            fixed = [lang for lang in LANGS if names[key, lang].isdisjoint(params)]
            if len(fixed) == len(LANGS):
                out[key] = self._constant_pair(key)
                continue
            pair = {}
            for lang in LANGS:
                if lang in fixed:
                    pair[lang] = self._constant(key, lang)
                    continue
                filled = values.get(lang)
                if filled is None:
                    filled = values[lang] = dict(self.thresholds)
                    for name, value in params.items():
                        filled[name] = value.get(lang) if isinstance(value, Text) else value
                pair[lang] = self.texts[key][lang].format_map(filled)
            out[key] = pair
        return out

    @cached_property
    def _placeholders(self) -> dict[tuple[str, str], frozenset[str]]:
        """(text, language) -> the names its placeholders start with."""
        def names(text: str) -> set[str]:
            found: set[str] = set()
            for _, placeholder, spec, _ in string.Formatter().parse(text):
                if placeholder is not None:
                    found.add(re.split(r"[.\[]", placeholder, maxsplit=1)[0])
                if spec and "{" in spec:  # a width or precision given by a placeholder
                    found |= names(spec)
            return found

        return {(key, lang): frozenset(names(self.texts[key][lang])) for key in TEXT_KEYS for lang in LANGS}

    @cached_property
    def _constants(self) -> dict[Any, Any]:
        return {}

    def _constant(self, key: str, lang: str) -> str:
        """The text ``key`` in ``lang`` filled with the thresholds alone (for
        a text that names no param)."""
        text = self._constants.get((key, lang))
        if text is None:
            text = self._constants[key, lang] = self.texts[key][lang].format_map(self.thresholds)
        return text

    def _constant_pair(self, key: str) -> dict[str, str]:
        pair = self._constants.get(key)
        if pair is None:
            pair = self._constants[key] = {lang: self._constant(key, lang) for lang in LANGS}
        return pair


@dataclass(frozen=True)
class Rule:
    id: str
    serves: str
    severity: Severity
    enabled: bool
    thresholds: dict[str, Any]
    texts: dict[str, dict[str, str]]
    when: tuple[Override, ...]
    order: int

    def resolve(self, position: str, route: str) -> ActiveRule | None:
        severity, enabled, thresholds = self.severity, self.enabled, dict(self.thresholds)
        for variation in self.when:
            if variation.applies(position, route):
                severity = variation.severity or severity
                enabled = enabled if variation.enabled is None else variation.enabled
                thresholds.update(variation.thresholds)
        if not enabled:
            return None
        return ActiveRule(self.id, self.serves, severity, thresholds, self.texts, self.order)


@dataclass(frozen=True)
class RuleSet:
    name: str
    version: int
    title: Text
    note: Text
    headings: dict[str, Text]
    rules: tuple[Rule, ...]
    path: Path
    #: Works in these states are listed but not checked (still being planned).
    skip_work_status: frozenset[str] = frozenset()

    def active(self, position: str, route: str) -> list[ActiveRule]:
        out = []
        for rule in self.rules:
            resolved = rule.resolve(position, route)
            if resolved is not None:
                out.append(resolved)
        return out

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def heading(self, code: str) -> Text:
        return self.headings[code]


# --- loading -----------------------------------------------------------------

def default_rules_path() -> Path:
    return resource_path(*DEFAULT_RULES)


def load_rules(path: Path | str | None = None) -> RuleSet:
    """Read and validate a rule file (default: the shipped rule set)."""
    path = Path(path) if path else default_rules_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UserError("readiness.rules_unreadable", path=str(path), detail=str(exc)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("readiness.rules_unreadable", path=str(path), detail=str(exc)) from exc
    return parse_rules(data, path)


def parse_rules(data: dict[str, Any], path: Path | str = "<rules>") -> RuleSet:
    from .all_checks import CHECKS  # the checks declare what each rule may use

    path = Path(path)

    def fail(rule: str, detail: str) -> RuleSetError:
        return RuleSetError(path=str(path), rule=rule, detail=detail)

    whole = "(ทั้งไฟล์ / whole file)"
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise fail(whole, f"unknown key(s): {', '.join(sorted(unknown))}")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise fail(whole, f"format must be {FORMAT} (found {fmt!r}); this app reads format {FORMAT}")
    name = data.get("ruleset")
    version = data.get("version")
    if not isinstance(name, str) or not name:
        raise fail(whole, "“ruleset” (a name) is required")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail(whole, "“version” must be a whole number ≥ 1")
    title = _text_pair(data.get("title"), lambda d: fail(whole, f"title: {d}"))
    note = _text_pair(data.get("note", {"th": "", "en": ""}), lambda d: fail(whole, f"note: {d}"), allow_empty=True)

    headings: dict[str, Text] = {p.value: Text(p.th, p.en) for p in Principle}
    raw_headings = data.get("headings", {})
    if not isinstance(raw_headings, dict):
        raise fail(whole, "“headings” must be a table")
    for code, pair in raw_headings.items():
        headings[code] = _text_pair(pair, lambda d, c=code: fail(whole, f"heading {c}: {d}"))

    raw_rules = data.get("rule")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise fail(whole, "no [[rule]] tables")
    seen: set[str] = set()
    rules = [_parse_rule(raw, order, headings, seen, CHECKS, fail) for order, raw in enumerate(raw_rules)]
    skip = data.get("skip_work_status", [])
    if not isinstance(skip, list) or any(s not in WorkStatus.values() for s in skip):
        raise fail(whole, f"“skip_work_status” must be a list of: {', '.join(WorkStatus.values())}")
    return RuleSet(name, version, title, note, headings, tuple(rules), path, frozenset(skip))


def _parse_rule(raw: Any, order: int, headings: dict[str, Text], seen: set[str], checks, fail) -> Rule:
    """One [[rule]] table, checked against the check it configures; ``seen``
    collects the ids so far, so an id given twice is refused."""
    rule_id = raw.get("id") if isinstance(raw, dict) else None
    label = rule_id if isinstance(rule_id, str) and rule_id else f"#{order + 1}"
    if not isinstance(raw, dict):
        raise fail(label, "a rule must be a table")
    if not isinstance(rule_id, str) or not _ID_RE.match(rule_id):
        raise fail(label, "“id” must look like “group.name” (lower case, dots)")
    if rule_id in seen:
        raise fail(rule_id, "the same id appears twice")
    seen.add(rule_id)
    spec = checks.get(rule_id)
    if spec is None:
        raise fail(rule_id, f"no check has this id; known ids: {', '.join(sorted(checks))}")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise fail(rule_id, f"unknown key(s): {', '.join(sorted(unknown))}")
    serves = raw.get("serves")
    if serves not in headings:
        raise fail(rule_id, f"“serves” must be a principle or a heading of [headings]: {', '.join(headings)}"
                            f" (found {serves!r})")
    severity = _severity(raw.get("severity"), lambda d: fail(rule_id, d))
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail(rule_id, "“enabled” must be true or false")
    thresholds = raw.get("thresholds", {})
    if not isinstance(thresholds, dict):
        raise fail(rule_id, "“thresholds” must be a table")
    missing = set(spec.thresholds) - set(thresholds)
    if missing:
        raise fail(rule_id, f"threshold(s) missing: {', '.join(sorted(missing))}")
    _check_thresholds(thresholds, spec.thresholds, lambda d: fail(rule_id, d))
    texts: dict[str, dict[str, str]] = {}
    allowed = set(spec.params) | set(spec.thresholds)
    for key in TEXT_KEYS:
        pair = _text_pair(raw.get(key), lambda d, k=key: fail(rule_id, f"{k}: {d}"))
        for lang, text in zip(LANGS, pair):
            _check_placeholders(text, allowed, lambda d, k=key, lg=lang: fail(rule_id, f"{k}.{lg}: {d}"))
        texts[key] = {"th": pair.th, "en": pair.en}
    when = raw.get("when", [])
    if not isinstance(when, list):
        raise fail(rule_id, "“when” must be a list of [[rule.when]] tables")
    overrides = tuple(_override(w, spec, lambda d: fail(rule_id, f"when: {d}")) for w in when)
    return Rule(rule_id, serves, severity, enabled, thresholds, texts, overrides, order)


def _text_pair(value: Any, fail, allow_empty: bool = False) -> Text:
    if not isinstance(value, dict):
        raise fail("needs a Thai and an English text (th = \"…\", en = \"…\")")
    unknown = set(value) - set(LANGS)
    if unknown:
        raise fail(f"unknown language key(s): {', '.join(sorted(unknown))}")
    out = []
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or (not allow_empty and not text.strip()):
            raise fail(f"the {'Thai' if lang == 'th' else 'English'} text ({lang}) is missing or empty")
        out.append(" ".join(text.split()))  # multi-line TOML strings read as one paragraph
    return Text(*out)


def _severity(value: Any, fail) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise fail(f"severity must be one of {', '.join(Severity.values())} (found {value!r})") from None


def _check_placeholders(text: str, allowed: set[str], fail) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise fail(f"braces do not match ({exc}); write {{{{ and }}}} for a literal brace") from None
    for name in names:
        if name not in allowed:
            raise fail(f"unknown placeholder {{{name}}}; this rule offers: {', '.join(sorted(allowed)) or 'none'}")


def _check_thresholds(values: dict[str, Any], kinds: dict[str, str], fail) -> None:
    from .all_checks import VOCABULARIES

    for key, value in values.items():
        kind = kinds.get(key)
        if kind is None:
            raise fail(f"unknown threshold “{key}”; this rule uses: {', '.join(sorted(kinds)) or 'none'}")
        kind, _, vocabulary = kind.partition(":")
        if vocabulary and isinstance(value, list):
            allowed = VOCABULARIES[vocabulary]
            for item in value:
                if item not in allowed:
                    raise fail(f"threshold “{key}”: unknown code {item!r}; one of {', '.join(allowed)}")
        ok = True
        if kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        elif kind == "number":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
        elif kind == "int_map":
            ok = isinstance(value, dict) and all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value.values()
            )
        elif kind == "str_list":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if not ok:
            expected = {"int": "a whole number ≥ 0", "number": "a number ≥ 0",
                        "int_map": "a table of whole numbers ≥ 0", "str_list": "a list of texts"}[kind]
            raise fail(f"threshold “{key}” must be {expected} (found {value!r})")


def _codes(value: Any, vocabulary, what: str, fail) -> frozenset[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise fail(f"{what} must be a code or a list of codes")
    for item in items:
        if item not in vocabulary.values():
            raise fail(f"unknown {what} {item!r}; one of {', '.join(vocabulary.values())}")
    return frozenset(items)


def _override(raw: Any, spec, fail) -> Override:
    if not isinstance(raw, dict):
        raise fail("each variation must be a table")
    unknown = set(raw) - _WHEN_KEYS
    if unknown:
        raise fail(f"unknown key(s): {', '.join(sorted(unknown))}")
    positions = _codes(raw.get("position"), Position, "position", fail)
    routes = _codes(raw.get("route"), Route, "route", fail)
    if positions is None and routes is None:
        raise fail("a variation needs “position” and/or “route”")
    severity = _severity(raw["severity"], fail) if "severity" in raw else None
    enabled = raw.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        raise fail("“enabled” must be true or false")
    thresholds = raw.get("thresholds", {})
    if not isinstance(thresholds, dict):
        raise fail("“thresholds” must be a table")
    _check_thresholds(thresholds, spec.thresholds, fail)
    return Override(positions, routes, severity, enabled, thresholds)
