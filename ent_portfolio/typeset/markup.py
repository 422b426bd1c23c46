"""The small inline markup of :class:`~ent_portfolio.typeset.ThaiParagraph`.

Plain text is the common case and takes a fast path; markup is recognised
only when the text contains ``<`` or ``&``.  The whole language:

=====================================  ======================================
``<b>…</b>``, ``<strong>…</strong>``   bold
``<i>…</i>``, ``<em>…</em>``           italic
``<a href="#name">…</a>``              link to a destination in the document
                                       (made by ``canvas.bookmarkPage("name")``
                                       or ``<a name="name"/>``)
``<a href="https://…">…</a>``          link to a web address (also ``http:``,
                                       ``mailto:``, ``file:``, ``doi:`` …)
``<a name="name"/>``                   a destination at this point
``<br/>``                              line break (a newline in the text does
                                       the same)
``&amp; &lt; &gt; &quot; &apos;``      the characters ``& < > " '``
``&nbsp; &#3585; &#x0E01;``            no-break space; numeric references
=====================================  ======================================

Anything else is an error (:class:`MarkupError`), so that a typo never
prints tags into a dossier.  Put user-typed text through :func:`escape`
before mixing it with markup.

Whatever the source (a paste from a broken PDF, an old database, an
archive), the plain text that comes out is printable (:func:`safe_text`):
characters a PDF cannot carry or a reader would misread are *replaced*,
never silently dropped, so a lecturer sees where the damage was.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

#: What stands in for a character that cannot be printed.
REPLACEMENT = "\ufffd"
#: What a combining mark with nothing to sit on is given as its base: a
#: space, Unicode's way of showing a mark alone (the layout never breaks or
#: skips a space that carries a mark).
MARK_BASE = " "

# C0 controls but tab, newline and carriage return (the layout makes those
# spaces or line breaks), DEL and C1 controls, lone surrogates (not encodable
# as UTF-16 for /ActualText), bidi embeddings, overrides and isolates (they
# would reorder what a reviewer copies out of the PDF), and noncharacters.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
# Unicode's line and paragraph separators mean what a newline means.
_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})
# the first character of each line after the first
_LINE_START = re.compile(r"(?<=\n)[^\n]")
#: Most combining marks one base carries.  Real text needs three or four
#: (Thai: vowel, tone mark, nikhahit); a pile of dozens ("Zalgo" text)
#: rises so far above the line that Poppler drops the whole line from
#: what it extracts (seen from 16 Thai marks on).
MAX_MARKS = 8


@functools.cache
def _mark_runs() -> re.Pattern:
    """Runs of more than :data:`MAX_MARKS` combining marks (built on first
    use: the scan of the planes that hold marks takes some milliseconds)."""
    marks = [chr(c) for plane in (range(0x20000), range(0xE0000, 0xE1000)) for c in plane
             if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
    ranges = []
    for ch in marks + ["\u0e33"]:
        if ranges and ord(ch) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = ch
        else:
            ranges.append([ch, ch])
    cls = "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in sorted(ranges))
    return re.compile(f"[{cls}]{{{MAX_MARKS + 1},}}")


def _cap_marks(match: re.Match) -> str:
    run = match.group()
    return run[:MAX_MARKS] + REPLACEMENT * (len(run) - MAX_MARKS)

_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}
_TOKEN = re.compile(r"<[^<>]*>|&[^;&<>\s]*;?")
_TAG = re.compile(
    r"<\s*(?P<close>/)?\s*(?P<name>[A-Za-z]+)(?P<attrs>(?:\s+[A-Za-z_:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/)?\s*>\Z"
)
_ATTR = re.compile(r"([A-Za-z_:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


class MarkupError(ValueError):
    """The paragraph markup is not valid."""


@dataclass(frozen=True)
class Run:
    """A stretch of plain text with one set of attributes.

    ``start``/``end`` are offsets into :attr:`Parsed.text`.
    """

    start: int
    end: int
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Parsed:
    """Markup resolved into plain text, runs of attributes and anchors."""

    text: str
    runs: tuple[Run, ...]
    #: (offset, name) of ``<a name="..."/>`` destinations
    anchors: tuple[tuple[int, str], ...] = ()


def _is_mark(ch: str) -> bool:
    return ch == "\u0e33" or unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _give_base(match: re.Match) -> str:
    ch = match.group()
    return MARK_BASE + ch if _is_mark(ch) else ch


def safe_text(text: str, before: str = "") -> str:
    """``text`` as it can be printed and read back from a PDF.

    Unprintable characters (controls but tab, newline and carriage return;
    lone surrogates; U+FFFE and the other noncharacters; bidi overrides,
    embeddings and isolates) become U+FFFD one for one, so the damage shows
    where it was, and so do the marks beyond :data:`MAX_MARKS` on one base;
    U+2028/U+2029 become newlines.  A combining mark (or SARA AM) at the
    start of a line has nothing to sit on and gets a space before it, so no
    line starts with a lone mark.  ``before`` is the text that comes just
    before ``text`` (a newline there starts a line).  Applying it twice
    changes nothing more.
    """
    return _cap_mark_runs(_printable(text, before))


def _printable(text: str, before: str) -> str:
    """:func:`safe_text` but for the cap on marks (which needs the whole run)."""
    if _UNPRINTABLE.search(text):
        text = _UNPRINTABLE.sub(REPLACEMENT, text)
    text = text.translate(_SEPARATORS)
    if "\n" in text:
        text = _LINE_START.sub(_give_base, text)
    if text and (not before or before[-1] == "\n") and _is_mark(text[0]):
        text = MARK_BASE + text
    return text


def _cap_mark_runs(text: str) -> str:
    return _mark_runs().sub(_cap_marks, text)


def escape(text: str) -> str:
    """Escape ``& < >`` so that ``text`` is shown literally inside markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _entity(token: str) -> str:
    if not token.endswith(";"):
        raise MarkupError(f"'&' must be written &amp; (near {token!r})")
    body = token[1:-1]
    if body.startswith("#"):
        try:
            code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
            return chr(code)
        except (ValueError, OverflowError):
            raise MarkupError(f"bad character reference {token!r}") from None
    try:
        return _ENTITIES[body]
    except KeyError:
        raise MarkupError(f"unknown entity {token!r}") from None


def parse(text: str, markup: bool = True) -> Parsed:
    """Parse paragraph markup (cached).  With ``markup=False`` take text literally.

    The plain text is :func:`safe_text`: printable whatever came in."""
    if not markup or ("<" not in text and "&" not in text):
        text = safe_text(text)
        return Parsed(text, (Run(0, len(text)),) if text else ())
    return _parse(text)


@functools.lru_cache(maxsize=4096)
def _parse(source: str) -> Parsed:  # noqa: C901 - one scan over the markup, a branch per tag; tested by property
    out: list[str] = []
    length = 0
    runs: list[Run] = []
    anchors: list[tuple[int, str]] = []
    bold = italic = 0
    href: str | None = None
    stack: list[str] = []

    def emit(s: str, literal: bool = False) -> None:
        nonlocal length
        if not s:
            return
        if not literal and "<" in s:
            raise MarkupError(f"'<' must be written &lt; (near {s[:30]!r})")
        s = _printable(s, out[-1] if out else "")
        start = length
        out.append(s)
        length += len(s)
        attrs = (bold > 0, italic > 0, href)
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].href) == attrs and runs[-1].end == start:
            last = runs.pop()
            runs.append(Run(last.start, length, *attrs))
        else:
            runs.append(Run(start, length, *attrs))

    pos = 0
    for m in _TOKEN.finditer(source):
        emit(source[pos:m.start()])
        pos = m.end()
        token = m.group()
        if token.startswith("&"):
            emit(_entity(token), literal=True)
            continue
        tag = _TAG.match(token)
        if not tag:
            raise MarkupError(f"malformed tag {token!r}")
        name = tag.group("name").lower()
        closing = bool(tag.group("close"))
        empty = bool(tag.group("empty"))
        attrs = {k.lower(): v1 or v2 for k, v1, v2 in _ATTR.findall(tag.group("attrs") or "")}
        if name == "br" and not closing:
            emit("\n")
        elif name in ("b", "strong", "i", "em", "a") and closing:
            canonical = {"strong": "b", "em": "i"}.get(name, name)
            if not stack or stack[-1] != canonical:
                raise MarkupError(f"unexpected {token!r}")
            stack.pop()
            if canonical == "b":
                bold -= 1
            elif canonical == "i":
                italic -= 1
            else:
                href = None
        elif name in ("b", "strong", "i", "em") and not empty:
            canonical = {"strong": "b", "em": "i"}.get(name, name)
            stack.append(canonical)
            if canonical == "b":
                bold += 1
            else:
                italic += 1
        elif name == "a" and not closing:
            if "name" in attrs and "href" not in attrs:
                if not attrs["name"]:
                    raise MarkupError("empty <a name>")
                anchors.append((length, attrs["name"]))
                if not empty:
                    stack.append("a")  # <a name="x">text</a>: text is ordinary
                    href = None
            elif "href" in attrs and not empty:
                if href is not None:
                    raise MarkupError("links cannot be nested")
                if not attrs["href"]:
                    raise MarkupError("empty <a href>")
                href = attrs["href"]
                stack.append("a")
            else:
                raise MarkupError(f"<a> needs href=… or name=… ({token!r})")
        else:
            raise MarkupError(f"unsupported tag {token!r}")
    emit(source[pos:])
    if stack:
        raise MarkupError(f"unclosed <{stack[-1]}>")
    # one for one, so the runs and anchors stay where they are
    return Parsed(_cap_mark_runs("".join(out)), tuple(runs), tuple(anchors))


def to_markup(parsed: Parsed, end: int | None = None) -> str:
    """Markup that parses back to ``parsed.text[:end]`` with the same bold,
    italic and links (destinations are left out): how a paragraph is
    shortened without cutting a tag in half."""
    text = parsed.text
    end = len(text) if end is None else min(end, len(text))
    out: list[str] = []
    for run in parsed.runs:
        if run.start >= end:
            break
        piece = escape(text[run.start:min(run.end, end)]).replace("\n", "<br/>")
        if run.href:  # kept as written in its tag, so it goes back as it was
            quote = "'" if '"' in run.href else '"'
            piece = f"<a href={quote}{run.href}{quote}>{piece}</a>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.bold:
            piece = f"<b>{piece}</b>"
        out.append(piece)
    return "".join(out)
