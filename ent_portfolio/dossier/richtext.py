"""The rich text of a work section (simple HTML from the editor) as blocks
of ThaiParagraph markup.

The editor stores ``<p>``, ``<ul>/<ol><li>``, ``<b>/<strong>``, ``<i>/<em>``
and ``<br>``; anything else (spans, fonts, headings pasted from Word) keeps
its text and loses its looks, so that no tag ever reaches the PDF and no
text is dropped.  Links to web addresses stay links.

A section holds at most :data:`~ent_portfolio.domain.limits.SECTION_TEXT_LIMIT`
characters (the services refuse more when it is typed).  Text that arrives
longer by another way (an archive, an older database) is printed up to the
limit, ending at a word, and followed by a note in the dossier saying it
was cut, so nothing goes missing unannounced and a 10 MB section cannot
make the export run for minutes."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from ..domain.limits import SECTION_MARKUP_LIMIT, SECTION_TEXT_LIMIT, section_text_length
from ..i18n import register, tr
from ..typeset.markup import escape, parse, to_markup

register({
    "dossier.section_cut": (
        "[ตัดข้อความที่ยาวเกิน {limit:,} ตัวอักษร — หัวข้อนี้ยาวเกินกว่าที่แฟ้มเสนอขอพิมพ์ได้ "
        "ส่วนที่เกินไม่ได้พิมพ์ โปรดย่อหรือแบ่งหัวข้อนี้ในโปรแกรมแล้วสร้างแฟ้มใหม่]",
        "[Text beyond {limit:,} characters was cut — this section is longer than a dossier prints; "
        "the rest is not printed. Shorten or split the section in the program and export again.]",
    ),
})

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr"}


@dataclass
class Block:
    kind: str          # "p" | "li" | "h" | "cut" (the note that the section was shortened)
    markup: str        # ThaiParagraph markup
    level: int = 0     # list nesting
    number: int | None = None  # ordered list position

    @property
    def plain(self) -> str:
        return parse(self.markup).text


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._kind = "p"
        self._lists: list[list] = []  # [ordered, counter]
        # Inline tags open in the current block, outermost first ("a" for a
        # link, whose opening tag is _link_tag): a block that ends inside
        # them closes them and the next block opens them again, so a link
        # around a whole paragraph (as Word pastes it) stays valid markup.
        self._open: list[str] = []
        self._link_tag = ""
        self._number: int | None = None

    @property
    def _href_open(self) -> bool:
        return "a" in self._open

    def _opening(self, tag: str) -> str:
        return self._link_tag if tag == "a" else f"<{tag}>"

    def _close_down_to(self, tag: str) -> None:
        """Close ``tag`` and what was opened inside it, then reopen those."""
        idx = len(self._open) - 1 - self._open[::-1].index(tag)
        inner = self._open[idx + 1:]
        for t in reversed(self._open[idx:]):
            self._buf.append(f"</{t}>")
        self._open = self._open[:idx] + inner
        for t in inner:
            self._buf.append(self._opening(t))

    # -- blocks
    def _flush(self) -> None:
        for tag in reversed(self._open):
            self._buf.append(f"</{tag}>")
        text = "".join(self._buf)
        self._buf = []
        reopened = list(self._open)
        if _has_text(text):
            level = max(0, len(self._lists) - 1)
            self.blocks.append(Block(self._kind, _tidy(text), level, self._number if self._kind == "li" else None))
        self._kind = "p"
        self._number = None
        self._buf = [self._opening(t) for t in reopened]

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag.startswith("h") and len(tag) == 2:
                self._kind = "h"
        elif tag in ("ul", "ol"):
            self._flush()
            self._lists.append([tag == "ol", 0])
        elif tag == "li":
            self._flush()
            self._kind = "li"
            if self._lists:
                self._lists[-1][1] += 1
                self._number = self._lists[-1][1] if self._lists[-1][0] else None
        elif tag == "br":
            self._buf.append("<br/>")
        elif tag in ("b", "strong", "i", "em"):
            canonical = {"strong": "b", "em": "i"}.get(tag, tag)
            self._open.append(canonical)
            self._buf.append(f"<{canonical}>")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://", "mailto:")) and not self._href_open:
                self._link_tag = f'<a href="{escape(href).replace(chr(34), "%22")}">'
                self._open.append("a")
                self._buf.append(self._link_tag)
        elif tag in ("td", "th"):
            self._buf.append(" ")

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in _BLOCK_TAGS or tag == "li":
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag in ("b", "strong", "i", "em"):
            canonical = {"strong": "b", "em": "i"}.get(tag, tag)
            if canonical in self._open:
                self._close_down_to(canonical)
        elif tag == "a" and self._href_open:
            self._close_down_to("a")

    def handle_data(self, data):
        if self._lists and self._kind != "li" and not data.strip():
            return
        self._buf.append(escape(data.replace("\u00a0", " ")))

    def close(self):
        super().close()
        self._flush()


def _has_text(markup: str) -> bool:
    try:
        return bool(parse(markup).text.strip())
    except Exception:  # noqa: BLE001
        return bool(markup.strip())


def _tidy(markup: str) -> str:
    # collapse runs of whitespace (HTML rendering rules); keep <br/> breaks
    parts = markup.split("<br/>")
    parts = [" ".join(p.split()) for p in parts]
    text = "<br/>".join(parts)
    for tag in ("b", "i"):
        text = text.replace(f"<{tag}></{tag}>", "")
    return text.strip()


def is_cut(content: str | None) -> bool:
    """Whether the dossier prints ``content`` shortened (see :func:`html_blocks`)."""
    return bool(content) and (len(content) > SECTION_MARKUP_LIMIT or section_text_length(content) > SECTION_TEXT_LIMIT)


def html_blocks(content: str | None, lang: str | None = None) -> list[Block]:
    """Blocks of ``content`` in order; plain text (no tags) becomes one
    paragraph per line.  A section over the length limits is shortened and
    ends with a ``"cut"`` block (in ``lang``) saying so."""
    if not content or not content.strip():
        return []
    too_long = is_cut(content)
    if too_long:
        content = _markup_head(content)
    if "<" not in content:
        blocks = [Block("p", escape(" ".join(line.split()))) for line in content.splitlines() if line.strip()]
    else:
        parser = _Parser()
        parser.feed(content)
        parser.close()
        blocks = parser.blocks
    if too_long:
        blocks = _first_characters(blocks, SECTION_TEXT_LIMIT)
        blocks.append(Block("cut", f"<i>{escape(tr('dossier.section_cut', lang, limit=SECTION_TEXT_LIMIT))}</i>"))
    return blocks


def _markup_head(content: str) -> str:
    """At most :data:`SECTION_MARKUP_LIMIT` characters of ``content``, not
    ending inside a tag (so the parser reads no more than that)."""
    if len(content) <= SECTION_MARKUP_LIMIT:
        return content
    head = content[:SECTION_MARKUP_LIMIT]
    tag = head.rfind("<")
    return head[:tag] if tag > head.rfind(">") else head


def _first_characters(blocks: list[Block], limit: int) -> list[Block]:
    """The blocks holding the first ``limit`` characters of text; the last
    one ends at a space or a word boundary (a Thai word is never cut)."""
    out: list[Block] = []
    room = limit
    for block in blocks:
        parsed = parse(block.markup)
        if len(parsed.text) <= room:
            out.append(block)
            room -= len(parsed.text)
            continue
        end = _word_end(parsed.text, room)
        if end > 0:
            out.append(Block(block.kind, to_markup(parsed, end).rstrip(), block.level, block.number))
        break
    return out


def _word_end(text: str, limit: int) -> int:
    """The largest cut at or before ``limit`` that ends a phrase (a space),
    else a word, looked for in the last few hundred characters."""
    from ..typeset import word_boundaries

    window = 300
    start = max(0, limit - window)
    space = text.rfind(" ", start, limit + 1)
    if space > start:
        return space
    words = [start + b for b in word_boundaries(text[start:limit + 1]) if start + b <= limit]
    return words[-1] if words else limit


def plain_text(content: str | None) -> str:
    """The section's text as a reader sees it (whitespace collapsed)."""
    return " ".join(" ".join(b.plain for b in html_blocks(content)).split())
