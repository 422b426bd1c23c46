"""Personal data in the dossier (Thailand's PDPA): the rules the dossier and
the evidence package call, in one place.

Consent is recorded per testimonial (``Testimonial.consent``: the person
agreed that their name and words appear in the dossier) and per contact
person (``ContactPerson.consent``).  The rules:

* **Name and position** appear only with consent; otherwise the person is
  an anonymised label, "ผู้ให้ข้อมูล ก" / "Informant A", the same label for
  the same testimonial throughout one dossier (:class:`Anonymiser`).  The
  organisation stays: it is not personal data and the claim needs it.
* **Quote**: with consent, as written.  Without consent the words may still
  support a claim, attributed to the label, with the person's name removed
  from the text (:func:`quote_text`); a caller that wants no anonymous
  quotes at all passes ``allow_anonymous=False``.
* **Every other text that goes out** (anyone's quote, sections, captions,
  file names, titles, the readiness appendix) names nobody who did not
  consent: :meth:`Anonymiser.anonymise` finds a withheld name however it
  is written — compared in one normal form (:func:`normalise_for_match`:
  NFKC, sara am composed, spaces folded, invisible characters gone), as a
  whole, by its first or last name, in each spelling the record holds
  ("สมชาย ใจดี (Somchai Jaidee)") — and replaces it, together with the
  titles before it (:data:`NAME_TITLES`, :data:`ADDRESS_WORDS`), by the
  person's label; the rest of the text stays as written.
* **Signed letter scan and photos of the person**: only with consent — a
  scan or a face cannot be anonymised by relabelling.  A photo counts as "of
  the person" when its evidence record is linked to the testimonial.
* **Contact details** for reviewers: only with consent *and* when the person
  agreed to be contacted, and only if there is something to show.
* **GPS in photos**: :func:`strip_gps` returns the file's bytes with the GPS
  position removed (EXIF GPS directory emptied, XMP GPS properties blanked)
  and everything else — pixels included — byte for byte the same.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from html import escape as escape_html
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

from .i18n import current_language, register

register({
    "privacy.informant": ("ผู้ให้ข้อมูล {letter}", "Informant {letter}"),
    "privacy.informant_unlabelled": ("ผู้ให้ข้อมูล (ไม่เปิดเผยชื่อ)", "Informant (name withheld)"),
    "privacy.contact": ("ผู้ประสานงาน {letter}", "Contact {letter}"),
})

# Thai consonants in dictionary order, without the obsolete ฃ and ฅ.
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"

#: Titles, ranks and posts written before a name.  They go with the name
#: when it is removed ("นายสมชาย" → "ผู้ให้ข้อมูล ก", never "นาย ผู้ให้ข้อมูล ก"),
#: and a name too short to be searched for alone is found after one of them.
NAME_TITLES = (
    # everyday
    "นาย", "นาง", "นางสาว", "น.ส.", "เด็กชาย", "เด็กหญิง", "ด.ช.", "ด.ญ.", "ท่านผู้หญิง", "คุณหญิง",
    "หม่อมราชวงศ์", "หม่อมหลวง", "ม.ร.ว.", "ม.ล.", "ว่าที่",
    # village and local posts
    "ผู้ใหญ่บ้าน", "ผู้ช่วยผู้ใหญ่บ้าน", "ผู้ใหญ่", "กำนัน", "สารวัตรกำนัน", "แพทย์ประจำตำบล", "อสม.",
    "พ่อหลวง", "แม่หลวง", "พ่อหลวงบ้าน", "แม่หลวงบ้าน", "ปราชญ์ชาวบ้าน", "พ่อครู", "แม่ครู",
    "นายก", "นายกฯ", "ปลัด", "ส.อบต.", "ส.ท.",
    # academic and professional
    "ศ.", "รศ.", "ผศ.", "ดร.", "อ.", "อาจารย์", "ศาสตราจารย์", "รองศาสตราจารย์", "ผู้ช่วยศาสตราจารย์",
    "นพ.", "พญ.", "ทพ.", "ทพญ.", "ภก.", "ภญ.", "สพ.ญ.", "น.สพ.", "พยาบาล",
    # clergy
    "พระ", "พระครู", "พระอธิการ", "พระมหา", "แม่ชี", "สามเณร", "หลวงพ่อ", "หลวงพี่", "ครูบา",
    # armed forces and police
    "พล.อ.", "พล.ท.", "พล.ต.", "พ.อ.", "พ.ท.", "พ.ต.", "ร.อ.", "ร.ท.", "ร.ต.", "จ.ส.อ.", "จ.ส.ท.", "จ.ส.ต.",
    "ส.อ.", "ส.ต.", "พลฯ", "พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.", "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.", "ร.ต.อ.",
    "ร.ต.ท.", "ร.ต.ต.", "ด.ต.", "ส.ต.อ.", "ส.ต.ท.", "ส.ต.ต.", "พล.ร.อ.", "พล.อ.อ.", "น.อ.", "น.ท.", "น.ต.",
)
#: Words of address that are also parts of ordinary words ("ขอบคุณ", "ตา",
#: "Mr" in "Mrs"): taken with a name only where a word starts.
ADDRESS_WORDS = (
    "คุณ", "ลุง", "ป้า", "น้า", "อา", "ตา", "ยาย", "ปู่", "ย่า", "พ่อ", "แม่", "พี่", "น้อง", "ครู", "หมอ", "เจ้",
    "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "dr.", "dr", "prof.", "prof", "assoc. prof.", "asst. prof.",
    "khun", "sir",
)
#: A part of a name (a first or last name) is searched for alone only from
#: this many characters on; shorter ones are ordinary words ("ดี", "มา") and
#: are found only after a title.  Latin parts are whole words, so two suffice.
MIN_THAI_PART = 3
MIN_LATIN_PART = 2


# --- matching names in any form --------------------------------------------------------

_SARA_AM_PARTS = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_TONE_BEFORE_VOWEL = re.compile("([\u0e48-\u0e4c])([\u0e31\u0e34-\u0e37\u0e47])")
_SPACE_LIKE = "_"
_THAI_OR_LATIN = "\u0e01-\u0e4ea-z0-9"


def _normalise_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` in the form names are compared in, and for each of its
    characters the span of ``text`` it came from.

    The form: NFKC (full-width letters, ligatures), case folded, sara am
    composed (ํ + า, a tone mark in between or not, is ำ), a tone mark typed
    before an upper vowel put after it, เเ as แ, a repeated mark once,
    zero-width and other format characters gone, and any run of white space
    (or underscores, which file names use for spaces) one space."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    # a character and the marks that follow it are normalised together: NFKC
    # reorders and composes only within such a cluster, so spans stay exact
    bounds = [k for k, ch in enumerate(text) if k == 0 or not unicodedata.combining(ch)] + [len(text)]
    for cluster_start, cluster_end in pairwise(bounds):
        piece = unicodedata.normalize("NFKC", text[cluster_start:cluster_end]).casefold()
        for ch in piece:
            category = unicodedata.category(ch)
            if ch.isspace() or ch in _SPACE_LIKE:
                ch = " "
            elif category == "Cf" or category == "Cc":
                continue
            if ch == " " and chars and chars[-1] == " ":
                spans[-1] = (spans[-1][0], cluster_end)
                continue
            if chars and ch == chars[-1] and category == "Mn":
                spans[-1] = (spans[-1][0], cluster_end)
                continue
            chars.append(ch)
            spans.append((cluster_start, cluster_end))
    return _thai_spelling(chars, spans)


def _thai_spelling(chars: list[str], spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Spellings that look the same on screen written one way."""
    joined = "".join(chars)
    rewrites = []
    for pattern, repl in ((_SARA_AM_PARTS, lambda m: m.group(1) + "\u0e33"),
                          (_TONE_BEFORE_VOWEL, lambda m: m.group(2) + m.group(1)),
                          (re.compile("\u0e40\u0e40"), lambda m: "\u0e41")):
        rewrites += [(m.start(), m.end(), repl(m)) for m in pattern.finditer(joined)]
    if not rewrites:
        return joined, spans
    rewrites.sort()
    out_chars: list[str] = []
    out_spans: list[tuple[int, int]] = []
    k = 0
    for start, end, replacement in rewrites:
        if start < k:
            continue  # overlapping rewrites: the first one wins
        out_chars += chars[k:start]
        out_spans += spans[k:start]
        whole = (spans[start][0], max(s[1] for s in spans[start:end]))
        out_chars += list(replacement)
        out_spans += [whole] * len(replacement)
        k = end
    out_chars += chars[k:]
    out_spans += spans[k:]
    return "".join(out_chars), out_spans


def normalise_for_match(text: str) -> str:
    """``text`` in the one form names are compared in (see :func:`_normalise_spans`):
    two spellings that look alike to a reader are equal here."""
    return _normalise_spans(text)[0]


def _is_latin(ch: str) -> bool:
    return "a" <= ch <= "z" or "0" <= ch <= "9"


def _loose(normalised: str) -> str:
    """A pattern for a normalised word that allows a space between any two
    of its characters ("สม ชาย", "ส ม ช า ย")."""
    chars = normalised.replace(" ", "")
    return " ?".join(re.escape(ch) for ch in chars)


def _word(normalised: str) -> str:
    pattern = _loose(normalised)
    if _is_latin(normalised[0]):
        pattern = f"(?<![{_THAI_OR_LATIN}])" + pattern
    if _is_latin(normalised[-1]):
        pattern += f"(?![{_THAI_OR_LATIN}])"
    return pattern


def _alternatives(words: Iterable[str]) -> str:
    unique = sorted({w for w in words if w.replace(" ", "")}, key=lambda w: (-len(w), w))
    return "|".join(_word(w) for w in unique)


_NORMAL_TITLES = tuple(normalise_for_match(t) for t in NAME_TITLES)
_NORMAL_ADDRESS = tuple(normalise_for_match(t) for t in ADDRESS_WORDS)


def _strip_titles(normalised: str, titles: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for title in sorted(titles, key=len, reverse=True):
            if normalised.startswith(title) and len(normalised) > len(title):
                normalised = normalised[len(title):].lstrip()
                changed = True
                break
    return normalised


def _long_enough(part: str) -> bool:
    return len(part) >= (MIN_LATIN_PART if all(_is_latin(ch) for ch in part) else MIN_THAI_PART)


def _name_forms(name: str) -> tuple[list[str], list[str], list[str]]:
    """(whole names, parts long enough to find alone, short forms found only
    after a title) of a name as recorded.  A record may hold more than one
    spelling: "นายสมชาย ใจดี (Somchai Jaidee)", "สมชาย ใจดี / Somchai"."""
    titles = _NORMAL_TITLES + _NORMAL_ADDRESS
    whole: list[str] = []
    parts: list[str] = []
    short: list[str] = []
    for spelling in re.split(r"[()\[\]{}/,;|]+", name or ""):
        form = _strip_titles(normalise_for_match(spelling).strip(), titles)
        if not form.replace(" ", ""):
            continue
        (whole if _long_enough(form.replace(" ", "")) else short).append(form)
        for part in form.split(" "):
            if part and part != form:
                (parts if _long_enough(part) else short).append(part)
    return whole, parts, short


#: How far before a name its titles are looked for (the longest title with
#: a space between each of its letters, and a few titles in a row, fit).
_TITLE_REACH = 80


class _Matcher:
    """Where one person's name occurs in a normalised text, with the titles
    before it.

    The name is searched for first (a short pattern); titles are looked
    for only just before a hit, so a long list of titles costs nothing on
    text that does not name the person."""

    def __init__(self, name: str, position: str = "") -> None:
        self.whole, self.parts, self.short = _name_forms(name)
        posts = list(_NORMAL_TITLES)
        position = normalise_for_match(position or "").strip()
        if len(position.replace(" ", "")) >= 2:
            posts.append(position)
        branches = [f"(?P<{group}>{_alternatives(forms)})"
                    for group, forms in (("whole", self.whole), ("part", self.parts), ("short", self.short)) if forms]
        self.pattern = re.compile("|".join(branches)) if branches else None
        self.bare = re.compile(_alternatives(self.whole)) if self.whole else None
        self.title_before = re.compile(
            f"(?:(?:{_alternatives(posts)})|(?<![{_THAI_OR_LATIN}])(?:{_alternatives(_NORMAL_ADDRESS)})) ?\\Z")

    def __bool__(self) -> bool:
        return self.pattern is not None

    def with_titles(self, normalised: str, start: int) -> int:
        """Where the titles written just before ``start`` begin (``start`` if none)."""
        while start > 0:
            m = self.title_before.search(normalised, max(0, start - _TITLE_REACH), start)
            if m is None or m.start() == start:
                break
            start = m.start()
        return start

    def finditer(self, normalised: str, shown: Callable[[], list[tuple[int, int]]]):
        """(start, end) of each occurrence, titles included.  A part of the
        name inside one of the ``shown()`` spans (names that may appear) is
        that other person; a short form counts only after a title."""
        for m in self.pattern.finditer(normalised):
            start = self.with_titles(normalised, m.start())
            kind = m.lastgroup
            if kind == "part" and _inside(m.span(), shown()):
                continue
            if kind == "short" and start == m.start():
                continue
            yield start, m.end()


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _find(normalised: str, withheld: list[tuple[_Matcher, str]], allowed: list[_Matcher]) -> list[tuple[int, int, str]]:
    """Spans (in ``normalised``) to replace and their labels.

    A part of a withheld name inside a name that may be shown (a consenting
    person's, the applicant's) is that other person and stays; a whole
    withheld name is removed wherever it is."""
    cache: list[list[tuple[int, int]]] = []

    def shown() -> list[tuple[int, int]]:  # looked for only when a part of a withheld name is met
        if not cache:
            cache.append([m.span() for a in allowed if a.bare is not None for m in a.bare.finditer(normalised)])
        return cache[0]

    found = [(start, end, label) for matcher, label in withheld for start, end in matcher.finditer(normalised, shown)]
    found.sort(key=lambda f: (f[0], -f[1]))
    merged: list[list] = []
    for start, end, label in found:
        # overlapping names, or two parts of one name with only a space
        # between them, become one removal: no fragment stays behind
        if merged and (start < merged[-1][1]
                       or (label == merged[-1][2] and not normalised[merged[-1][1]:start].strip())):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, label])
    return [(s, e, label) for s, e, label in merged]


def _glued(ch: str) -> bool:
    """Whether a label next to ``ch`` would run into a word."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc") and not ch.isspace()


def _replace(text: str, removals: list[tuple[int, int, str]]) -> str:
    out = []
    k = 0
    for start, end, label in removals:
        # invisible characters at the edges (a soft hyphen, a zero-width
        # space) belong to the name they touch
        while start > k and _invisible(text[start - 1]):
            start -= 1
        while end < len(text) and _invisible(text[end]):
            end += 1
        if not label:  # the rest of a name that began in an earlier piece
            out.append(text[k:start])
            k = end
            continue
        before = " " if start > 0 and _glued(text[start - 1]) else ""
        after = " " if end < len(text) and _glued(text[end]) else ""
        out.append(text[k:start] + before + label + after)
        k = end
    out.append(text[k:])
    return "".join(out)


def _redact(text: str, withheld: list[tuple[_Matcher, str]], allowed: list[_Matcher]) -> str:
    if not text or not withheld:
        return text
    normalised, spans = _normalise_spans(text)
    found = _find(normalised, withheld, allowed)
    if not found:
        return text
    return _replace(text, [(spans[s][0], spans[e - 1][1], label) for s, e, label in found])


_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
                         "table", "blockquote", "pre", "hr"})


class _Pieces(HTMLParser):
    """An HTML fragment cut the way the dossier's HTML reader (the standard
    library's parser) cuts it: runs of text, with entities resolved, and
    tags, each with its span in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.events: list[tuple[int, bool, str]] = []  # (offset in source, is text, text)
        self.feed(source)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_data(self, data: str) -> None:
        self.events.append((self._offset(), True, data))

    def _tag(self, tag: str = "") -> None:
        # a block boundary reads as a line break: words either side stay apart
        self.events.append((self._offset(), False, "\n" if tag.lower() in _BLOCK_TAGS else ""))

    def handle_starttag(self, tag, attrs) -> None:
        self._tag(tag)

    def handle_endtag(self, tag) -> None:
        self._tag(tag)

    def handle_startendtag(self, tag, attrs) -> None:
        self._tag(tag)

    def handle_comment(self, data) -> None:
        self._tag()

    def handle_decl(self, decl) -> None:
        self._tag()

    def handle_pi(self, data) -> None:
        self._tag()

    def unknown_decl(self, data) -> None:
        self._tag()

    def pieces(self) -> list[tuple[int, int, bool, str]]:
        """(start, end, is text, text as read) for each piece, in order."""
        ends = [offset for offset, _, _ in self.events[1:]] + [len(self.source)]
        return [(start, end, is_text, text) for (start, is_text, text), end in zip(self.events, ends)]


def _redact_markup(html: str, withheld: list[tuple[_Matcher, str]], allowed: list[_Matcher]) -> str:
    """:func:`_redact` for rich text: a name is found across inline tags and
    entities ("สม<b>ชาย</b>", "สมชาย&nbsp;ใจดี" as the editor writes it) and
    only the runs of text that hold it are rewritten (re-escaped); every tag
    stays where it was."""
    if not html or not withheld:
        return html
    pieces = _Pieces(html).pieces()
    visible = "".join(text for _, _, _, text in pieces)
    normalised, spans = _normalise_spans(visible)
    found = _find(normalised, withheld, allowed)
    if not found:
        return html
    removals = [(spans[s][0], spans[e - 1][1], label) for s, e, label in found]
    out = []
    cursor = 0  # in the source
    offset = 0  # in ``visible``
    for start, end, is_text, text in pieces:
        local = []
        for r_start, r_end, label in removals:
            lo, hi = max(r_start, offset), min(r_end, offset + len(text))
            if lo < hi:
                # the label where the name starts; the rest of it, in later runs, just goes
                local.append((lo - offset, hi - offset, label if r_start >= offset else ""))
        if is_text and local:
            out.append(html[cursor:start] + escape_html(_replace(text, local), quote=False))
            cursor = end
        offset += len(text)
    out.append(html[cursor:])
    return "".join(out)


def has_consent(person: Any) -> bool:
    return bool(getattr(person, "consent", False))


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
        self._withheld: list[tuple[_Matcher, tuple[str, str]]] = []
        self._allowed: list[_Matcher] = [m for m in (_Matcher(name) for name in shown) if m]
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
                matcher = _Matcher(name)
                if matcher:
                    self._allowed.append(matcher)
            return None
        if key not in self._index:
            self._index[key] = len(self._index)
            matcher = _Matcher(name, getattr(testimonial, "person_position", "") or "")
            if matcher:
                self._withheld.append((matcher, ("testimonial", key)))
        return self._index[key]

    def _add_contact(self, person: Any) -> None:
        key = self._key(person)
        matcher = _Matcher(getattr(person, "name", "") or "", getattr(person, "position", "") or "")
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
        from .i18n import tr

        lang = lang or current_language()
        n = self._assign(testimonial)
        if n is None:  # consented: asked for anyway, still no name from here
            n = self._index.setdefault(self._key(testimonial), len(self._index))
        return tr("privacy.informant", lang, letter=self._letter(n, lang))

    def label_of(self, testimonial_id: str, lang: str | None = None) -> str | None:
        """The label of the testimonial ``testimonial_id`` if its author is
        withheld; ``None`` if they consented; the unlabelled form for a
        testimonial this dossier does not know (it may not be named either)."""
        from .i18n import tr

        lang = lang or current_language()
        if testimonial_id in self._consenting:
            return None
        if testimonial_id in self._index:
            return tr("privacy.informant", lang, letter=self._letter(self._index[testimonial_id], lang))
        return tr("privacy.informant_unlabelled", lang)

    def _labels(self, lang: str) -> list[tuple[_Matcher, str]]:
        from .i18n import tr

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
        return _redact(text, self._labels(lang or current_language()), self._allowed)

    def anonymise_markup(self, html: str, lang: str | None = None) -> str:
        """:meth:`anonymise` for rich text (HTML from the section editor)."""
        return _redact_markup(html, self._labels(lang or current_language()), self._allowed)


def person_label(testimonial: Any, lang: str | None = None, anonymiser: Anonymiser | None = None) -> str:
    """The name with consent; otherwise the anonymised label (stable within
    one dossier when the same ``anonymiser`` is passed)."""
    from .i18n import tr

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
    matcher = _Matcher(getattr(testimonial, "person_name", "") or "", getattr(testimonial, "person_position", "") or "")
    return _redact(quote, [(matcher, person_label(testimonial, lang))] if matcher else [], [])


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


# --- GPS in photos -------------------------------------------------------------------

GPS_IFD_TAG = 0x8825
# Bytes per value of each TIFF field type.
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8}
_XMP_ATTR = re.compile(rb'\s[\w-]+:GPS\w*\s*=\s*(?:"[^"]*"|\'[^\']*\')')
_XMP_ELEM = re.compile(rb"<([\w-]+:GPS\w*)\b[^>]*?(?:/>|>.*?</\1\s*>)", re.DOTALL)
_XMP_PACKET = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta\s*>", re.DOTALL)


def _tiff_gps_ifds(buf: bytes | bytearray, base: int, end: int) -> list[tuple[str, int, int]]:
    """(byte order, offset of the GPS IFD, offset of the pointer entry) for
    each GPS directory a TIFF structure at ``base`` points to."""
    if end - base < 8:
        return []
    order = {b"II": "<", b"MM": ">"}.get(bytes(buf[base:base + 2]))
    if order is None or struct.unpack_from(order + "H", buf, base + 2)[0] != 42:
        return []
    found = []
    ifd = struct.unpack_from(order + "I", buf, base + 4)[0]
    seen = set()
    while ifd and ifd not in seen and base + ifd + 2 <= end:
        seen.add(ifd)
        count = struct.unpack_from(order + "H", buf, base + ifd)[0]
        if base + ifd + 2 + 12 * count + 4 > end:
            break
        for i in range(count):
            entry = base + ifd + 2 + 12 * i
            tag, _type, _count, value = struct.unpack_from(order + "HHII", buf, entry)
            if tag == GPS_IFD_TAG and value:
                found.append((order, value, entry))
        ifd = struct.unpack_from(order + "I", buf, base + ifd + 2 + 12 * count)[0]
    return found


def _scrub_tiff(buf: bytearray, base: int, end: int) -> bool:
    """Empty every GPS directory of the TIFF structure at ``base`` in place:
    zero its entries and their values, leave a valid empty directory."""
    changed = False
    for order, gps, _pointer in _tiff_gps_ifds(buf, base, end):
        start = base + gps
        if start + 2 > end:
            continue
        count = struct.unpack_from(order + "H", buf, start)[0]
        if start + 2 + 12 * count + 4 > end:
            continue
        for i in range(count):
            entry = start + 2 + 12 * i
            _tag, type_, n, value = struct.unpack_from(order + "HHII", buf, entry)
            size = _TYPE_SIZES.get(type_, 1) * n
            if size > 4 and base + value + size <= end:
                buf[base + value:base + value + size] = bytes(size)
        if count:
            changed = True
        buf[start:start + 2 + 12 * count + 4] = bytes(2 + 12 * count + 4)  # count 0, no next directory
    return changed


def _blank_xmp(buf: bytearray, start: int = 0, end: int | None = None) -> bool:
    """Replace XMP GPS properties inside [start, end) by spaces (same length)."""
    end = len(buf) if end is None else end
    changed = False
    for packet in _XMP_PACKET.finditer(bytes(buf[start:end])):
        p0 = start + packet.start()
        text = bytearray(packet.group(0))
        for pattern in (_XMP_ELEM, _XMP_ATTR):
            for match in list(pattern.finditer(bytes(text))):
                text[match.start():match.end()] = b" " * (match.end() - match.start())
                changed = True
        buf[p0:p0 + len(text)] = text
    return changed


#: TIFF tags of the EXIF thumbnail (a small JPEG inside the EXIF block) and
#: of the MP index of a multi-picture file (where its other images start).
_THUMBNAIL_OFFSET, _THUMBNAIL_LENGTH = 0x0201, 0x0202
_MP_ENTRY = 0xB002


def _ifd_entries(buf: bytes | bytearray, base: int, end: int, which: int) -> dict[int, tuple[int, int, int]]:
    """tag → (type, count, value) of the ``which``-th directory (0, 1…) of the
    TIFF structure at ``base``; empty when it is not there or damaged."""
    if end - base < 8:
        return {}
    order = {b"II": "<", b"MM": ">"}.get(bytes(buf[base:base + 2]))
    if order is None:
        return {}
    ifd = struct.unpack_from(order + "I", buf, base + 4)[0]
    for _ in range(which):
        if not ifd or base + ifd + 2 > end:
            return {}
        count = struct.unpack_from(order + "H", buf, base + ifd)[0]
        if base + ifd + 2 + 12 * count + 4 > end:
            return {}
        ifd = struct.unpack_from(order + "I", buf, base + ifd + 2 + 12 * count)[0]
    if not ifd or base + ifd + 2 > end:
        return {}
    count = struct.unpack_from(order + "H", buf, base + ifd)[0]
    if base + ifd + 2 + 12 * count > end:
        return {}
    entries = {}
    for i in range(count):
        tag, type_, n, value = struct.unpack_from(order + "HHII", buf, base + ifd + 2 + 12 * i)
        entries[tag] = (type_, n, value)
    return entries


def _tiff_order(buf: bytes | bytearray, base: int) -> str:
    return "<" if bytes(buf[base:base + 2]) == b"II" else ">"


def _strip_exif_thumbnail(buf: bytearray, base: int, end: int, depth: int) -> None:
    """The thumbnail of an EXIF block is a JPEG of its own and may carry
    EXIF (and GPS) again: scrubbed the same way, in place."""
    thumb = _ifd_entries(buf, base, end, 1)
    if _THUMBNAIL_OFFSET in thumb and _THUMBNAIL_LENGTH in thumb:
        start = base + thumb[_THUMBNAIL_OFFSET][2]
        stop = min(end, start + thumb[_THUMBNAIL_LENGTH][2])
        if buf[start:start + 2] == b"\xff\xd8":
            _strip_jpeg_image(buf, start, stop, depth + 1)


def _mp_image_starts(buf: bytes | bytearray, base: int, end: int) -> list[int]:
    """Where the other images of a multi-picture file start (its MP index,
    offsets from the index's own TIFF header)."""
    entry = _ifd_entries(buf, base, end, 0).get(_MP_ENTRY)
    if entry is None:
        return []
    _type, size, value = entry
    order = _tiff_order(buf, base)
    starts = []
    for k in range(size // 16):
        at = base + value + 16 * k
        if at + 16 > end:
            break
        offset = struct.unpack_from(order + "I", buf, at + 8)[0]
        if offset:
            starts.append(base + offset)
    return starts


def _skip_scan(buf: bytearray, pos: int, end: int) -> int:
    """The offset of the marker that ends the compressed data starting at ``pos``."""
    while pos + 1 < end:
        at = buf.find(b"\xff", pos, end)
        if at < 0 or at + 1 >= end:
            return end
        following = buf[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos = at + 1 if following == 0xFF else at + 2
            continue
        return at
    return end


def _strip_jpeg_image(buf: bytearray, start: int, end: int, depth: int = 0) -> tuple[int, list[int]]:
    """Scrub one JPEG image starting at ``start`` (its SOI) in place: the
    GPS directory of every EXIF block emptied, XMP GPS blanked, the
    compressed data skipped untouched.  Returns where the image ends (after
    its EOI) and the starts of further images its MP index names.  Raises
    ``ValueError`` on a structure that is not JPEG."""
    pos = start + 2
    more: list[int] = []
    while pos + 2 <= end:
        if buf[pos] != 0xFF:
            raise ValueError("not a JPEG segment")
        marker = buf[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker == 0xD9:
            return pos + 2, more
        if pos + 4 > end:
            break
        length = struct.unpack_from(">H", buf, pos + 2)[0]
        body, stop = pos + 4, min(end, pos + 2 + length)
        if marker == 0xE1:
            if buf[body:body + 6] == b"Exif\x00\x00":
                _scrub_tiff(buf, body + 6, stop)
                if depth < 2:
                    _strip_exif_thumbnail(buf, body + 6, stop, depth)
            else:
                _blank_xmp(buf, body, stop)
        elif marker == 0xE2 and buf[body:body + 4] == b"MPF\x00":
            _scrub_tiff(buf, body + 4, stop)
            more += _mp_image_starts(buf, body + 4, stop)
        pos = stop
        if marker == 0xDA:  # start of scan: the pixels follow, untouched
            pos = _skip_scan(buf, pos, end)
    return end, more


def _strip_jpeg(buf: bytearray) -> None:
    """Every image of a JPEG file: a multi-picture file (MPO, as phones save
    a photo with its depth map or a second lens) holds several, one after
    the other, each with its own EXIF; all are scrubbed."""
    done: set[int] = set()
    pending = [0]
    first = True
    while pending:
        start = pending.pop(0)
        if start in done or start + 2 > len(buf) or buf[start:start + 2] != b"\xff\xd8":
            continue
        done.add(start)
        try:
            stop, more = _strip_jpeg_image(buf, start, len(buf))
        except (ValueError, struct.error):
            if first:
                raise
            continue  # a damaged later image: what remains is found by has_gps
        first = False
        pending += more
        # images stored back to back (some phones write no MP index)
        following = stop
        while following < len(buf) and buf[following] == 0x00:
            following += 1
        if buf[following:following + 3] == b"\xff\xd8\xff":
            pending.append(following)


def _strip_png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    pos = 8
    while pos + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        body = bytearray(data[pos + 8:pos + 8 + length])
        chunk_end = pos + 12 + length
        keep = True
        if kind == b"eXIf":
            base = 6 if body[:6] == b"Exif\x00\x00" else 0
            _scrub_tiff(body, base, len(body))
        elif kind == b"iTXt":
            keyword, _, rest = bytes(body).partition(b"\x00")
            if keyword == b"XML:com.adobe.xmp" and len(rest) >= 2:
                compressed = rest[0] == 1
                # rest: flag, method, language\0, translated keyword\0, text
                head_end = rest.index(b"\x00", rest.index(b"\x00", 2) + 1) + 1
                text = bytearray(zlib.decompress(rest[head_end:]) if compressed else rest[head_end:])
                if _blank_xmp(text):
                    payload = zlib.compress(bytes(text)) if compressed else bytes(text)
                    body = bytearray(keyword + b"\x00" + rest[:head_end] + payload)
        elif kind in (b"tEXt", b"zTXt") and bytes(body).startswith((b"Raw profile type exif", b"Raw profile type xmp")):
            keep = False  # old ImageMagick copies of EXIF/XMP, hex-encoded: dropped whole
        if keep:
            out += struct.pack(">I", len(body)) + kind + body
            out += struct.pack(">I", zlib.crc32(kind + bytes(body)) & 0xFFFFFFFF)
        pos = chunk_end
        if kind == b"IEND":
            break
    return bytes(out)


def _exif_starts(blob: bytes) -> list[int]:
    """Offsets of the TIFF headers of the EXIF blocks in a file."""
    starts = [m.end() for m in re.finditer(rb"Exif\x00\x00(?=II\*\x00|MM\x00\*)", blob)]
    if blob[:4] in (b"II*\x00", b"MM\x00*"):
        starts.append(0)
    if blob[:4] == b"RIFF" and blob[8:12] == b"WEBP":  # WebP's EXIF chunk holds TIFF directly
        starts += [m.end() + 4 for m in re.finditer(rb"EXIF(?=....(?:II\*\x00|MM\x00\*))", blob, re.DOTALL)]
    return sorted(set(starts))


def _strip_generic(buf: bytearray) -> None:
    """HEIC/HEIF, WebP, TIFF and others: find each EXIF block and XMP packet
    and scrub it in place, so no box or chunk size changes."""
    for base in _exif_starts(bytes(buf)):
        _scrub_tiff(buf, base, len(buf))
    _blank_xmp(buf)


def strip_gps(source: bytes | bytearray | Path | str) -> bytes:
    """The bytes of a photo without its GPS position.

    ``source`` is the file's bytes or a path (only read, never modified).
    JPEG: the EXIF GPS directory is emptied in place and XMP GPS properties
    are blanked; no segment changes length, and the compressed pixels are
    byte-identical.  PNG: the same inside ``eXIf``/XMP chunks (CRCs
    recomputed; ``IDAT`` untouched).  HEIC/HEIF, WebP, TIFF: scrubbed in
    place.  A file with no GPS comes back unchanged."""
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _strip_png(data)
    buf = bytearray(data)
    if data[:2] == b"\xff\xd8":
        try:
            _strip_jpeg(buf)
        except (ValueError, struct.error):
            buf = bytearray(data)
            _strip_generic(buf)
        else:
            _blank_xmp(buf)  # XMP outside APP1 (rare): blanked in place too
    else:
        _strip_generic(buf)
    return bytes(buf)


def has_gps(source: bytes | bytearray | Path | str) -> bool:
    """Whether a photo still carries a GPS position (EXIF GPS entries or XMP GPS properties)."""
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    blobs: list[bytes] = [data]
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        pos = 8
        while pos + 12 <= len(data):
            length, kind = struct.unpack_from(">I4s", data, pos)
            body = data[pos + 8:pos + 8 + length]
            if kind == b"eXIf":
                blobs.append(b"Exif\x00\x00" + (body[6:] if body[:6] == b"Exif\x00\x00" else body))
            elif kind == b"iTXt" and body.startswith(b"XML:com.adobe.xmp\x00") and body[18:19] == b"\x01":
                rest = body[18:]
                head_end = rest.index(b"\x00", rest.index(b"\x00", 2) + 1) + 1
                blobs.append(zlib.decompress(rest[head_end:]))
            pos += 12 + length
    for blob in blobs:
        for base in _exif_starts(blob):
            for order, gps, _ in _tiff_gps_ifds(blob, base, len(blob)):
                if base + gps + 2 <= len(blob) and struct.unpack_from(order + "H", blob, base + gps)[0]:
                    return True
        for packet in _XMP_PACKET.finditer(blob):
            if _XMP_ATTR.search(packet.group(0)) or _XMP_ELEM.search(packet.group(0)):
                return True
    return False
