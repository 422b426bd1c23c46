"""The wording of the letters the app prints, read from data.

A faculty words its certification requests, testimonial letters and photo
consent forms its own way, so the wording lives in
``resources/templates/letters/<kind>.toml`` and is edited without code.
What may be filled in is code: each part of a template may use only the
placeholders this module lists for it, and anything else — an unknown
placeholder, a key the loader does not know, a missing part — is refused
with the template and the key named, so a typo never prints ``{orgnisation}``
on a letter a partner is asked to sign."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..i18n import register
from ..resources import resource_path

#: The file layout this loader understands (the file's ``format``).
FORMAT = 1
LANGS = ("th", "en")
#: A template per letter kind; the testimonial kinds share their placeholders.
KINDS = ("certification", "testimonial", "consent")
MAX_TABLE_ROWS = 30

register({
    "letter.template_invalid": (
        "แม่แบบจดหมาย “{path}” ไม่ถูกต้องที่ “{part}”: {detail} — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The letter template “{path}” is not valid at “{part}”: {detail}. Nothing was changed.",
    ),
    "letter.template_unreadable": (
        "อ่านแม่แบบจดหมาย “{path}” ไม่ได้: {detail} — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The letter template “{path}” cannot be read: {detail}. Nothing was changed.",
    ),
})

_ABOUT_THE_WORK = {"university", "faculty", "department", "affiliation", "applicant", "work_title", "period", "area"}
_ABOUT_THE_PARTNER = {"recipient", "recipient_position", "addressee", "organisation", "claim", "quote",
                      "testimonial_date"}
_ABOUT_THE_ACTIVITY = {"activity_title", "activity_date", "place", "activity_kind"}
_INDICATOR = {"indicator", "unit", "baseline", "baseline_date", "latest", "latest_date", "target"}

#: What each part of a template may fill in, per template kind.  ``None``
#: marks a part that is a list of texts; the table's columns and the tick
#: boxes print as written.
_TESTIMONIAL_PARTS: dict[str, set[str]] = {
    "title": set(), "subject": _ABOUT_THE_WORK | _ABOUT_THE_PARTNER, "to": _ABOUT_THE_WORK | _ABOUT_THE_PARTNER,
    "body": _ABOUT_THE_WORK | _ABOUT_THE_PARTNER, "claim": _ABOUT_THE_WORK | _ABOUT_THE_PARTNER,
    "indicators_intro": _ABOUT_THE_WORK | _ABOUT_THE_PARTNER, "indicator": _INDICATOR,
    "questions": set(), "closing": _ABOUT_THE_WORK | _ABOUT_THE_PARTNER,
    "signature": _ABOUT_THE_WORK | _ABOUT_THE_PARTNER,
}
_CONSENT_PARTS: dict[str, set[str]] = {
    "title": set(), "subject": _ABOUT_THE_WORK | _ABOUT_THE_ACTIVITY, "to": _ABOUT_THE_WORK | _ABOUT_THE_ACTIVITY,
    "body": _ABOUT_THE_WORK | _ABOUT_THE_ACTIVITY, "columns": set(), "closing": _ABOUT_THE_WORK | _ABOUT_THE_ACTIVITY,
    "signature": _ABOUT_THE_WORK | _ABOUT_THE_ACTIVITY,
}
PARTS = {"certification": _TESTIMONIAL_PARTS, "testimonial": _TESTIMONIAL_PARTS, "consent": _CONSENT_PARTS}
_LIST_PARTS = {"body", "signature", "columns"}
_OPTIONAL_PARTS = {"indicators_intro", "indicator", "claim"}


@dataclass(frozen=True)
class LetterWording:
    """One language's wording of a template, checked."""

    title: str
    subject: str
    to: str
    body: tuple[str, ...]
    closing: str
    signature: tuple[str, ...]
    claim: str = ""
    indicators_intro: str = ""
    indicator: str = ""
    #: Tick-box questions: each a row of options the signer ticks one of.
    questions: tuple[tuple[str, ...], ...] = ()
    #: The consent form's table: its column headings and how many blank rows.
    columns: tuple[str, ...] = ()
    rows: int = 0


@dataclass(frozen=True)
class LetterTemplate:
    kind: str
    path: Path
    wording: dict[str, LetterWording]


def default_template_path(kind: str) -> Path:
    return resource_path("templates", "letters", f"{kind}.toml")


def load_letter_template(kind: str, path: Path | str | None = None) -> LetterTemplate:
    """Read and check the template of ``kind`` (default: the shipped one)."""
    path = Path(path) if path else default_template_path(kind)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise UserError("letter.template_unreadable", path=str(path), detail=str(exc)) from exc
    return parse_letter_template(kind, data, path)


def parse_letter_template(kind: str, data: dict[str, Any], path: Path | str = "<template>") -> LetterTemplate:
    path = Path(path)

    def fail(key: str, detail: str) -> UserError:
        return UserError("letter.template_invalid", path=str(path), part=key, detail=detail)

    unknown = set(data) - {"format", "kind", *LANGS}
    if unknown:
        raise fail(", ".join(sorted(unknown)), "unknown key")
    if data.get("format") != FORMAT:
        raise fail("format", f"must be {FORMAT} (found {data.get('format')!r})")
    if data.get("kind") != kind:
        raise fail("kind", f"must be “{kind}” (found {data.get('kind')!r})")
    wording = {lang: _wording(kind, data.get(lang), lang, fail) for lang in LANGS}
    return LetterTemplate(kind, path, wording)


def _wording(kind: str, raw: Any, lang: str, fail) -> LetterWording:
    if not isinstance(raw, dict):
        raise fail(lang, "a table of the letter's parts is missing")
    parts = PARTS[kind]
    extra = {"questions", "rows"} if kind != "consent" else {"rows"}
    unknown = set(raw) - set(parts) - extra
    if unknown:
        raise fail(f"{lang}.{sorted(unknown)[0]}", f"unknown key; this template has: {', '.join(sorted(parts))}")
    values: dict[str, Any] = {}
    for part, allowed in parts.items():
        key = f"{lang}.{part}"
        value = raw.get(part)
        if value is None:
            if part in _OPTIONAL_PARTS:
                continue
            raise fail(key, "missing")
        if part == "questions":
            values[part] = _questions(value, key, fail)
            continue
        if part in _LIST_PARTS:
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                raise fail(key, "must be a list of texts")
            for text in value:
                _check_placeholders(text, allowed, key, fail)
            values[part] = tuple(" ".join(v.split()) for v in value)
        else:
            if not isinstance(value, str):
                raise fail(key, "must be a text")
            _check_placeholders(value, allowed, key, fail)
            values[part] = " ".join(value.split())  # a multi-line TOML string is one paragraph
    if kind == "consent":
        rows = raw.get("rows")
        if not isinstance(rows, int) or isinstance(rows, bool) or not 1 <= rows <= MAX_TABLE_ROWS:
            raise fail(f"{lang}.rows", f"must be a whole number from 1 to {MAX_TABLE_ROWS}")
        values["rows"] = rows
    return LetterWording(**values)


def _questions(value: Any, key: str, fail) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(
            isinstance(row, list) and len(row) >= 2 and all(isinstance(o, str) and o.strip() for o in row)
            for row in value):
        raise fail(key, "must be a list of rows of two or more options")
    for row in value:
        for option in row:
            _check_placeholders(option, set(), key, fail)
    return tuple(tuple(" ".join(o.split()) for o in row) for row in value)


def _check_placeholders(text: str, allowed: set[str], key: str, fail) -> None:
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None]
    except ValueError as exc:
        raise fail(key, f"braces do not match ({exc}); write {{{{ and }}}} for a literal brace") from None
    for name, spec, conversion in fields:
        if spec or conversion:  # a width or a conversion has no place in a letter, and "{x:>99999999}" eats memory
            raise fail(key, f"write the placeholder {{{name}}} plainly, without “:” or “!”")
        if name not in allowed:
            offered = ", ".join(sorted(allowed)) or "none"
            raise fail(key, f"unknown placeholder {{{name}}}; this part offers: {offered}")
