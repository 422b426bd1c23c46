"""Finding a person's name in a text however it is written, and putting a
label in its place.

Kept apart from the consent rules because it is pure text work: one normal
form for comparing (NFKC, sara am composed, spaces folded, invisible
characters gone), the titles and words of address that go with a name, and
the replacer for plain text and for the section editor's HTML.  Who is
withheld, and under which label, is decided in :mod:`.consent`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from html import escape as escape_html
from html.parser import HTMLParser
from itertools import pairwise

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


class NameMatcher:
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


def _find(normalised: str, withheld: list[tuple[NameMatcher, str]],
          allowed: list[NameMatcher]) -> list[tuple[int, int, str]]:
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


def redact(text: str, withheld: list[tuple[NameMatcher, str]], allowed: list[NameMatcher]) -> str:
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


def redact_markup(html: str, withheld: list[tuple[NameMatcher, str]], allowed: list[NameMatcher]) -> str:
    """:func:`redact` for rich text: a name is found across inline tags and
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
