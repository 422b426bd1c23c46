"""Who may be named, shown or contacted in a dossier, and the stable labels
for those who may not.

Every rule here reads a person's recorded consent; the text work of finding
and replacing a withheld name is :mod:`.names`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..i18n import current_language, register, tr
from .names import NameMatcher, redact, redact_markup

register({
    "privacy.informant": ("ผู้ให้ข้อมูล {letter}", "Informant {letter}"),
    "privacy.informant_unlabelled": ("ผู้ให้ข้อมูล (ไม่เปิดเผยชื่อ)", "Informant (name withheld)"),
    "privacy.contact": ("ผู้ประสานงาน {letter}", "Contact {letter}"),
})

# Thai consonants in dictionary order, without the obsolete ฃ and ฅ.
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


def has_consent(person: Any) -> bool:
    return bool(getattr(person, "consent", False))


#: ``Evidence.people_consent`` of a photo whose identifiable people all agreed (enums.PeopleConsent.GIVEN).
ALL_CONSENTED = "given"


def faces_must_be_hidden(people_consent: str | None, keep_consented_faces: bool = True) -> bool:
    """Whether the faces in a photo may leave the app only blurred: unless
    everyone in it consented and the lecturer keeps consented faces as taken.
    "No identifiable people" is no exception: a face the detector found
    there is blurred, since the lecturer may have missed someone."""
    return people_consent != ALL_CONSENTED or not keep_consented_faces



# --- labels --------------------------------------------------------------------------

def _thai_letter(n: int) -> str:
    base = len(THAI_LETTERS)
    return THAI_LETTERS[n % base] + (str(n // base + 1) if n >= base else "")


def _latin_letter(n: int) -> str:
    text = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        text = chr(ord("A") + rem) + text
    return text


def _sort_key(testimonial: Any) -> tuple:
    day = getattr(testimonial, "date", None)
    return (day is None, str(day or ""), str(getattr(testimonial, "created_at", "") or ""),
            str(getattr(testimonial, "id", "")))


class Anonymiser:
    """Stable labels for the people without consent in one dossier, and the
    one place that takes their names out of the dossier's texts.

    Give it every testimonial of the dossier up front (they are ordered by
    date, then creation, so the letters do not depend on the caller's
    order); others met later get the next letter.  Letters go only to
    people without consent, so they run ก, ข, ค… without gaps.  Partners'
    contact persons without consent (``contacts``) are "ผู้ประสานงาน ก"…
    unless they are also the author of a testimonial, whose label they
    share.  ``shown``: names that may appear (the applicant, co-workers):
    a first or last name of a withheld person inside one of them is that
    other person and stays.

    :meth:`anonymise` (plain text) and :meth:`anonymise_markup` (rich text)
    replace every withheld name — in any spelling that looks the same, with
    the titles before it — by its label."""

    def __init__(self, testimonials: Iterable[Any] = (), contacts: Iterable[Any] = (),
                 shown: Iterable[str] = ()) -> None:
        self._index: dict[str, int] = {}
        self._contact_index: dict[str, int] = {}
        self._consenting: set[str] = set()
        # (matcher, ("testimonial" | "contact", key)); names are read now, so
        # later changes to the records do not change what is searched for
        self._withheld: list[tuple[NameMatcher, tuple[str, str]]] = []
        self._allowed: list[NameMatcher] = [m for m in (NameMatcher(name) for name in shown) if m]
        for testimonial in sorted(testimonials, key=_sort_key):
            self._assign(testimonial)
        for person in contacts:
            self._add_contact(person)

    @staticmethod
    def _key(record: Any) -> str:
        return str(getattr(record, "id", None) or id(record))

    def _assign(self, testimonial: Any) -> int | None:
        key = self._key(testimonial)
        name = getattr(testimonial, "person_name", "") or ""
        if has_consent(testimonial):
            if key not in self._consenting:
                self._consenting.add(key)
                matcher = NameMatcher(name)
                if matcher:
                    self._allowed.append(matcher)
            return None
        if key not in self._index:
            self._index[key] = len(self._index)
            matcher = NameMatcher(name, getattr(testimonial, "person_position", "") or "")
            if matcher:
                self._withheld.append((matcher, ("testimonial", key)))
        return self._index[key]

    def _add_contact(self, person: Any) -> None:
        key = self._key(person)
        matcher = NameMatcher(getattr(person, "name", "") or "", getattr(person, "position", "") or "")
        if not matcher:
            return
        if has_consent(person):
            self._allowed.append(matcher)
            return
        same = next((owner for m, owner in self._withheld if owner[0] == "testimonial" and m.whole == matcher.whole
                     and m.whole), None)
        if same is None and key not in self._contact_index:
            self._contact_index[key] = len(self._contact_index)
            self._withheld.append((matcher, ("contact", key)))

    def _letter(self, n: int, lang: str) -> str:
        return _thai_letter(n) if lang == "th" else _latin_letter(n)

    def label(self, testimonial: Any, lang: str | None = None) -> str:
        lang = lang or current_language()
        n = self._assign(testimonial)
        if n is None:  # consented: asked for anyway, still no name from here
            n = self._index.setdefault(self._key(testimonial), len(self._index))
        return tr("privacy.informant", lang, letter=self._letter(n, lang))

    def label_of(self, testimonial_id: str, lang: str | None = None) -> str | None:
        """The label of the testimonial ``testimonial_id`` if its author is
        withheld; ``None`` if they consented; the unlabelled form for a
        testimonial this dossier does not know (it may not be named either)."""
        lang = lang or current_language()
        if testimonial_id in self._consenting:
            return None
        if testimonial_id in self._index:
            return tr("privacy.informant", lang, letter=self._letter(self._index[testimonial_id], lang))
        return tr("privacy.informant_unlabelled", lang)

    def _labels(self, lang: str) -> list[tuple[NameMatcher, str]]:
        out = []
        for matcher, (kind, key) in self._withheld:
            if kind == "testimonial":
                out.append((matcher, tr("privacy.informant", lang, letter=self._letter(self._index[key], lang))))
            else:
                out.append((matcher, tr("privacy.contact", lang, letter=self._letter(self._contact_index[key], lang))))
        return out

    def anonymise(self, text: str, lang: str | None = None) -> str:
        """``text`` with every withheld name (and the titles before it)
        replaced by that person's label; a text that names nobody withheld
        comes back as it was."""
        return redact(text, self._labels(lang or current_language()), self._allowed)

    def anonymise_markup(self, html: str, lang: str | None = None) -> str:
        """:meth:`anonymise` for rich text (HTML from the section editor)."""
        return redact_markup(html, self._labels(lang or current_language()), self._allowed)


def person_label(testimonial: Any, lang: str | None = None, anonymiser: Anonymiser | None = None) -> str:
    """The name with consent; otherwise the anonymised label (stable within
    one dossier when the same ``anonymiser`` is passed)."""
    name = (getattr(testimonial, "person_name", "") or "").strip()
    if has_consent(testimonial) and name:
        return name
    if anonymiser is None:
        return tr("privacy.informant_unlabelled", lang or current_language())
    return anonymiser.label(testimonial, lang)


def person_position(testimonial: Any) -> str:
    """The person's position only with consent (a position can name a person)."""
    return (getattr(testimonial, "person_position", "") or "") if has_consent(testimonial) else ""


def may_show_quote(testimonial: Any, allow_anonymous: bool = True) -> bool:
    """Whether the words may appear: with consent, or anonymised (see
    :func:`quote_text`) unless the caller disallows anonymous quotes."""
    if not (getattr(testimonial, "quote", "") or "").strip():
        return False
    return has_consent(testimonial) or allow_anonymous


def quote_text(testimonial: Any, lang: str | None = None, anonymiser: Anonymiser | None = None) -> str:
    """The quote as it may be printed: without any withheld person's name —
    the author's own (without consent) and, with an ``anonymiser``, everyone
    else's it knows — each replaced by that person's label."""
    quote = getattr(testimonial, "quote", "") or ""
    if anonymiser is not None:
        if not has_consent(testimonial):
            anonymiser.label(testimonial, lang)  # a testimonial met late: its name is searched for from now on
        return anonymiser.anonymise(quote, lang)
    if has_consent(testimonial):
        return quote
    matcher = NameMatcher(getattr(testimonial, "person_name", "") or "",
                          getattr(testimonial, "person_position", "") or "")
    return redact(quote, [(matcher, person_label(testimonial, lang))] if matcher else [], [])


def may_show_letter_scan(testimonial: Any) -> bool:
    """The scan of a signed letter shows name and signature: consent only."""
    return has_consent(testimonial)


def may_show_photo_of_person(evidence: Any, testimonial: Any | None = None) -> bool:
    """A photo linked to a testimonial shows that person: only with their
    consent.  Photos of activities (not linked to a testimonial) are the
    lecturer's own evidence and are shown."""
    linked = getattr(evidence, "testimonial_id", None)
    if not linked:
        return True
    if testimonial is None:
        try:  # loaded with the evidence, or not at all (a detached record cannot load it)
            testimonial = getattr(evidence, "testimonial", None)
        except Exception:  # noqa: BLE001 - e.g. SQLAlchemy's DetachedInstanceError
            testimonial = None
    if testimonial is None or getattr(testimonial, "id", linked) != linked:
        return False  # cannot tell whose photo it is: do not show it
    return has_consent(testimonial)


def contact_visible(person: Any) -> bool:
    """Whether a reviewer may see how to contact the person: a testimonial's
    author who consented and agreed to be contacted, or a partner's contact
    person who consented; and only when there is a contact to show."""
    if not has_consent(person):
        return False
    if hasattr(person, "contactable"):
        return bool(person.contactable) and bool((getattr(person, "contact", "") or "").strip())
    return any((getattr(person, f, "") or "").strip() for f in ("phone", "email", "line_id"))
