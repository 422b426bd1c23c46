"""Flowables that remember where they landed.

The dossier is laid out more than once (see :mod:`.document`): while a pass
draws, these record the page of every heading, evidence entry and citation
in a :class:`PassState`, and the next pass prints the contents, the
manifest's page references and "หน้า x / y" from those figures."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..jobs import CancelToken
from ..typeset import ThaiParagraph
from .layout import NAVY, RULE


class PassState:
    """Pages of named places, recorded while a pass draws (read by the next)."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.prev: dict[str, int] = {}
        self.total: int | None = None
        self.header = ""
        self.cancel: CancelToken | None = None

    def next_pass(self, total: int) -> None:
        self.prev = self.pages
        self.pages = {}
        self.total = total
        self.header = ""


class Heading(ThaiParagraph):
    """A heading that is a named destination and, optionally, an outline entry."""

    def __init__(self, text, style, key: str, state: PassState, outline: tuple[str, int] | None = None,
                 markup: bool = False) -> None:
        super().__init__(text, style, markup=markup)
        self.key = key
        self.state = state
        self.outline = outline

    def _part(self, *args, **kwargs):
        new = super()._part(*args, **kwargs)
        new.key, new.state, new.outline = self.key, self.state, self.outline if new._first_part else None
        return new

    def draw(self) -> None:
        if self._first_part and self.key not in self.state.pages:
            c = self.canv
            c.bookmarkHorizontal(self.key, 0, self.height + 6)
            if self.outline is not None:
                title, level = self.outline
                c.addOutlineEntry(title, self.key, level=level, closed=level >= 1)
            self.state.pages[self.key] = c.getPageNumber()
        super().draw()


class Marked(ThaiParagraph):
    """A paragraph that is the destination of ``keys`` (citations, manifest rows)."""

    def __init__(self, text, style, keys: list[str], state: PassState, markup: bool = True) -> None:
        super().__init__(text, style, markup=markup)
        self.keys = keys
        self.state = state

    def _part(self, *args, **kwargs):
        new = super()._part(*args, **kwargs)
        new.keys, new.state = (self.keys if new._first_part else []), self.state
        return new

    def draw(self) -> None:
        for key in self.keys:
            if key not in self.state.pages:
                self.canv.bookmarkHorizontal(key, 0, self.height + 4)
                self.state.pages[key] = self.canv.getPageNumber()
        super().draw()


class Anchor(Flowable):
    """A zero-size destination."""

    def __init__(self, keys: list[str], state: PassState) -> None:
        super().__init__()
        self.keys = keys
        self.state = state
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        for key in self.keys:
            if key not in self.state.pages:
                self.canv.bookmarkHorizontal(key, 0, 8)
                self.state.pages[key] = self.canv.getPageNumber()


class Context(Flowable):
    """Sets the running header from here on (placed at the top of a page)."""

    def __init__(self, state: PassState, header: str) -> None:
        super().__init__()
        self.state = state
        self.header = header
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.state.header = self.header


class Check(Flowable):
    """A check mark drawn with lines (Sarabun has no ✓ glyph)."""

    def __init__(self, size: float = 9) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width = availWidth
        return availWidth, self.size + 4

    def draw(self) -> None:
        c = self.canv
        s = self.size
        x = (self.width - s) / 2
        c.saveState()
        c.setStrokeColor(NAVY)
        c.setLineWidth(1.4)
        c.setLineCap(1)
        c.setLineJoin(1)
        p = c.beginPath()
        p.moveTo(x + 0.1 * s, 2 + 0.5 * s)
        p.lineTo(x + 0.4 * s, 2 + 0.15 * s)
        p.lineTo(x + 0.95 * s, 2 + 0.95 * s)
        c.drawPath(p, stroke=1, fill=0)
        c.restoreState()


class Rule(Flowable):
    """A horizontal line (the cover's)."""

    def __init__(self, width: float, color=RULE, thickness: float = 0.8, space: float = 6) -> None:
        super().__init__()
        self.width, self.color, self.thickness, self.space = width, color, thickness, space

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return self.width, self.space * 2

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.color)
        c.setLineWidth(self.thickness)
        c.line(0, self.space, self.width, self.space)
        c.restoreState()
