"""Messages the core shows to people, in Thai and English.

The Qt layer translates its own widgets with Qt Linguist; text that comes out
of the core (errors, command-line output, reports) is looked up here so that
the command line and the windows say the same sentence.  Thai is the default.
"""

from __future__ import annotations

import locale
import os

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"

_current = None  # type: str | None

# Catalogue: key -> (Thai, English).  Parameters use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {}


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Add messages of a subsystem; a key may be defined only once."""
    for key, pair in messages.items():
        if key in MESSAGES and MESSAGES[key] != pair:
            raise ValueError(f"message key defined twice: {key}")
        MESSAGES[key] = pair


def detect_language() -> str:
    """The language of the user's environment: Thai unless it clearly is English.

    A "C" or "POSIX" locale says nothing about the person (Python reports it
    as en_US), so it leaves the default, Thai."""
    for var in ("ENT_PORTFOLIO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if var == "ENT_PORTFOLIO_LANG":
            if value in LANGUAGES:
                return value
            continue
        lowered = value.lower()
        if lowered.startswith("en"):
            return "en"
        if lowered.startswith("th"):
            return "th"
    if os.name == "nt":  # Windows keeps the user's language in the locale, not in variables
        try:
            loc = (locale.getlocale()[0] or "").lower()
        except ValueError:
            loc = ""
        if loc.startswith("en") or loc.startswith("english"):
            return "en"
    return DEFAULT_LANGUAGE


def set_language(lang: str | None) -> None:
    global _current
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def current_language() -> str:
    return _current or detect_language()


def tr(key: str, lang: str | None = None, **params: object) -> str:
    """The message for ``key`` in ``lang`` (default: the current language)."""
    lang = lang or current_language()
    try:
        thai, english = MESSAGES[key]
    except KeyError:
        return key
    text = thai if lang == "th" else english
    return text.format(**params) if params else text
