"""The rich text of a work section (simple HTML from the editor) as blocks
of ThaiParagraph markup.

The editor stores ``<p>``, ``<ul>/<ol><li>``, ``<b>/<strong>``, ``<i>/<em>``
and ``<br>``; anything else (spans, fonts, headings pasted from Word) keeps
its text and loses its looks, so that no tag ever reaches the PDF and no
text is dropped.  Links to web addresses stay links."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from ..typeset.markup import escape

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr"}


@dataclass
class Block:
    kind: str          # "p" | "li" | "h"
    markup: str        # ThaiParagraph markup
    level: int = 0     # list nesting
    number: int | None = None  # ordered list position

    @property
    def plain(self) -> str:
        from ..typeset.markup import parse

        return parse(self.markup).text


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._kind = "p"
        self._lists: list[list] = []  # [ordered, counter]
        self._open: list[str] = []    # inline tags open in the current block
        self._href_open = False
        self._number: int | None = None

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
        self._buf = [f"<{t}>" for t in reopened]

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
                self._buf.append(f'<a href="{escape(href).replace(chr(34), "%22")}">')
                self._href_open = True
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
                # close down to it and reopen what was inside (keeps markup nested)
                idx = len(self._open) - 1 - self._open[::-1].index(canonical)
                inner = self._open[idx + 1:]
                for t in reversed(self._open[idx:]):
                    self._buf.append(f"</{t}>")
                self._open = self._open[:idx] + inner
                for t in inner:
                    self._buf.append(f"<{t}>")
        elif tag == "a" and self._href_open:
            self._buf.append("</a>")
            self._href_open = False

    def handle_data(self, data):
        if self._lists and self._kind != "li" and not data.strip():
            return
        self._buf.append(escape(data.replace("\u00a0", " ")))

    def close(self):
        super().close()
        if self._href_open:
            self._buf.append("</a>")
            self._href_open = False
        self._flush()


def _has_text(markup: str) -> bool:
    from ..typeset.markup import parse

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


def html_blocks(content: str | None) -> list[Block]:
    """Blocks of ``content`` in order; plain text (no tags) becomes one
    paragraph per line."""
    if not content or not content.strip():
        return []
    if "<" not in content:
        return [Block("p", escape(" ".join(line.split()))) for line in content.splitlines() if line.strip()]
    parser = _Parser()
    parser.feed(content)
    parser.close()
    return parser.blocks


def plain_text(content: str | None) -> str:
    """The section's text as a reader sees it (whitespace collapsed)."""
    return " ".join(" ".join(b.plain for b in html_blocks(content)).split())
