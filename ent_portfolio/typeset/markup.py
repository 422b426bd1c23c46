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
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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
    """Parse paragraph markup (cached).  With ``markup=False`` take text literally."""
    if not markup or ("<" not in text and "&" not in text):
        return Parsed(text, (Run(0, len(text)),) if text else ())
    return _parse(text)


@functools.lru_cache(maxsize=4096)
def _parse(source: str) -> Parsed:
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
    return Parsed("".join(out), tuple(runs), tuple(anchors))
