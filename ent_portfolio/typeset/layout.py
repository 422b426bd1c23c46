"""The Thai line breaker: where a paragraph's lines end.

It decides the lines itself (ReportLab's ``Paragraph`` breaks Thai in the
middle of words): it measures segments between break opportunities
(:mod:`.segmentation`) with shaped advances (:func:`.fonts.shape`) and fills
lines greedily.  A word wider than a line moves to a fresh line and is cut
there at grapheme-cluster boundaries.  The lines are drawn by :mod:`.drawing`.

Work is linear in the length of the text: nothing longer than a line is
shaped more than a bounded number of times (a word longer than a line is
measured in windows that grow from the line's width, not to the end of the
word), so a paragraph of hundreds of thousands of characters pages in
seconds and a few hundred megabytes at most.

Public entry points: :class:`Content` (a parsed paragraph, measured) and
:func:`layout_lines`, giving :class:`Line` objects made of :class:`Piece`.
The windows break their labels with the same function: :class:`MeasuredText`
is a plain string measured by a callable (Qt's font metrics), so a title
wraps at the same kind of place on screen as on paper.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from . import fonts
from .fonts import REGULAR, Shaped, face_name, shape
from .markup import Parsed, Run
from .segmentation import (
    break_opportunities,
    cluster_boundaries,
    fallback_breaks,
    hard_breaks,
    is_combining,
)

__all__ = ["Line", "Piece", "Content", "MeasuredText", "Measured", "layout_lines", "TABS_AS_SPACES"]

_EPS = 1e-6


# ------------------------------------------------------------------ model

@dataclass(frozen=True)
class Piece:
    """A stretch of one line set in one font.

    ``start``/``end`` index the paragraph's plain text; ``boundary`` is true
    when a justification gap may go before this piece (a word boundary).
    """

    start: int
    end: int
    font: str
    shaped: Shaped
    href: str | None = None
    boundary: bool = False

    @property
    def text(self) -> str:
        return self.shaped.text


@dataclass(frozen=True)
class Line:
    """One laid-out line.

    ``text`` is exactly ``plain_text[start:end]``: what the line shows and
    what a PDF reader extracts from it.  ``brk`` says how the line ended:
    ``"space"`` (at spaces, which are dropped), ``"word"`` (at a Thai word
    boundary, nothing dropped or added), ``"cluster"`` (a word too long for
    the line was cut between grapheme clusters), ``"newline"`` (a forced
    break) or ``"end"`` (end of the paragraph).
    """

    start: int
    end: int
    text: str
    width: float
    indent: float
    avail: float
    brk: str
    pieces: tuple[Piece, ...] = field(repr=False, default=())

    @property
    def is_final(self) -> bool:
        """True when the line is not justified (paragraph end or forced break)."""
        return self.brk in ("end", "newline")


class _Breaks:
    """Where the lines of ``self.text`` may start, must start, or at worst
    can start, each worked out once (the segmenter is the costly part)."""

    text: str

    @functools.cached_property
    def soft_breaks(self) -> tuple[int, ...]:
        return break_opportunities(self.text)

    @functools.cached_property
    def hard_breaks(self) -> tuple[int, ...]:
        return hard_breaks(self.text)

    @functools.cached_property
    def fallback_breaks(self) -> tuple[int, ...]:
        return fallback_breaks(self.text)


class Content(_Breaks):
    """A paragraph's plain text, attribute runs and base font, ready to measure."""

    def __init__(self, parsed: Parsed, font: str = REGULAR, size: float = 10) -> None:
        fonts.register_fonts()
        # tabs and carriage returns are spaces (one for one: offsets stay valid)
        self.text = parsed.text.translate(TABS_AS_SPACES)
        self.parsed = parsed
        self.size = float(size)
        self.font = font
        runs = parsed.runs or (Run(0, 0),)
        self.runs = runs
        self._run_starts = [r.start for r in runs]
        self._run_fonts = [face_name(font, r.bold, r.italic) for r in runs]

    # -- measuring
    def _run_slices(self, a: int, b: int) -> Iterable[tuple[int, int, int]]:
        """(start, end, run index) of the runs covering ``[a, b)``."""
        k = max(0, bisect.bisect_right(self._run_starts, a) - 1)
        runs = self.runs
        while a < b and k < len(runs):
            end = min(b, runs[k].end) if k + 1 < len(runs) else b
            if end > a:
                yield a, end, k
                a = end
            k += 1

    def measure(self, a: int, b: int) -> float:
        """Width in points of ``text[a:b]`` (runs shaped separately)."""
        text = self.text
        total = 0.0
        for x, y, k in self._run_slices(a, b):
            total += shape(self._run_fonts[k], text[x:y]).advance
        return total * self.size / 1000.0

    def pieces(self, a: int, b: int, boundary: bool = False) -> list[Piece]:
        text = self.text
        out = []
        for x, y, k in self._run_slices(a, b):
            out.append(Piece(x, y, self._run_fonts[k], shape(self._run_fonts[k], text[x:y]),
                             self.runs[k].href, boundary and x == a))
        return out

    def width_within(self, a: int, e: int, room: float) -> float | None:
        """Width of ``text[a:e]`` if it fits in ``room`` points, else ``None``;
        a long stretch that a prefix already overflows is not shaped whole."""
        if e - a > _FIRST_WINDOW:
            cut = _first_cut(self.text, a + _FIRST_WINDOW - 1, e)
            if cut < e and self.measure(a, cut) > room + _EPS:
                return None
        w = self.measure(a, e)
        return w if w <= room + _EPS else None

    def longest_fit(self, a: int, e: int, avail: float) -> tuple[int, float]:
        """The end ``p`` of the most grapheme clusters of ``text[a:e]`` that fit
        in ``avail`` points (at least one cluster), and their width.

        A window that grows from a line's worth of text is shaped once and
        the cut read off its glyph advances, so a word of any length costs
        about one line's shaping per line it fills."""
        text = self.text
        window = _FIRST_WINDOW
        while True:
            stop = min(e, a + window)
            cuts = cluster_boundaries(text, a, stop)
            if stop == e:
                cuts.append(e)
            if not cuts:
                # no cut inside the window: one cluster runs past it
                p = _first_cut(text, stop - 1, e)
                return p, self.measure(a, p)
            widths = self._widths_at(a, stop, cuts)
            if stop == e or widths[-1] > avail + _EPS:
                break
            window *= 2
        k = max(bisect.bisect_right(widths, avail + _EPS) - 1, 0)
        p = cuts[k]
        w = self.measure(a, p)
        # the window's glyphs only estimate a prefix shaped alone: confirm
        while w > avail + _EPS and k > 0:
            k -= 1
            p = cuts[k]
            w = self.measure(a, p)
        return p, w

    def _widths_at(self, a: int, stop: int, cuts: Sequence[int]) -> list[float]:
        """Width in points of ``text[a:c]`` for each of the ascending ``cuts``
        in ``(a, stop]``, from the glyph advances of ``text[a:stop]``."""
        text = self.text
        out: list[float] = []
        before = 0.0
        k = 0
        scale = self.size / 1000.0
        for x, y, r in self._run_slices(a, stop):
            shaped = shape(self._run_fonts[r], text[x:y])
            data = shaped.glyphs.__shapeData__
            acc = 0.0
            g = 0
            while k < len(cuts) and cuts[k] <= y:
                rel = cuts[k] - x
                while g < len(data) and data[g].cluster < rel:
                    acc += data[g].x_advance
                    g += 1
                out.append((before + acc) * scale)
                k += 1
            before += shaped.advance
        return out


class Measured(Protocol):
    """What :func:`layout_lines` needs of a paragraph: its text, widths of
    its stretches, its break opportunities and, for drawing, its pieces."""

    text: str

    def measure(self, a: int, b: int) -> float: ...
    def pieces(self, a: int, b: int, boundary: bool = False) -> list[Piece]: ...
    @property
    def soft_breaks(self) -> tuple[int, ...]: ...
    @property
    def hard_breaks(self) -> tuple[int, ...]: ...
    @property
    def fallback_breaks(self) -> tuple[int, ...]: ...
    def width_within(self, a: int, e: int, room: float) -> float | None: ...
    def longest_fit(self, a: int, e: int, avail: float) -> tuple[int, float]: ...


class MeasuredText(_Breaks):
    """A plain string measured by ``advance`` (text → width), for lines a
    window draws itself: no fonts are shaped here and lines carry no pieces."""

    def __init__(self, text: str, advance: Callable[[str], float]) -> None:
        self.text = text.translate(TABS_AS_SPACES)
        self._advance = advance

    def measure(self, a: int, b: int) -> float:
        return self._advance(self.text[a:b]) if b > a else 0.0

    def pieces(self, a: int, b: int, boundary: bool = False) -> list[Piece]:
        return []

    def width_within(self, a: int, e: int, room: float) -> float | None:
        w = self.measure(a, e)
        return w if w <= room + _EPS else None

    def longest_fit(self, a: int, e: int, avail: float) -> tuple[int, float]:
        """The end of the most grapheme clusters of ``text[a:e]`` that fit in
        ``avail`` (at least one cluster), found by halving, and their width."""
        cuts = [*cluster_boundaries(self.text, a, e), e]
        lo, hi = 0, len(cuts) - 1  # cuts[lo] is taken even when it overflows
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.measure(a, cuts[mid]) <= avail + _EPS:
                lo = mid
            else:
                hi = mid - 1
        return cuts[lo], self.measure(a, cuts[lo])


TABS_AS_SPACES = str.maketrans({"\t": " ", "\r": " "})
#: Characters measured at first when a stretch may be longer than a line
#: (a line holds about a hundred); the window doubles while all of it fits.
_FIRST_WINDOW = 128
#: Longest text the one-line fast path shapes whole.
_ONE_LINE_CHARS = 1024


def _first_cut(text: str, a: int, e: int) -> int:
    """The first cluster boundary in ``(a, e)``, or ``e``; looks no further
    than it must."""
    window = _FIRST_WINDOW
    while a < e:
        stop = min(e, a + window)
        found = cluster_boundaries(text, a, stop)
        if found:
            return found[0]
        a, window = stop - 1 if stop < e else e, window * 2
    return e


# -------------------------------------------------------------- breaking

def _fallback_fit(content: Measured, a: int, e: int, avail: float) -> tuple[int, int, float] | None:
    """Where a stretch held together (a name, a date, a term) that is wider
    than a line may end its first line: the last of the dictionary's own
    boundaries inside it whose text fits, as (line end, next line start,
    width); None when none fits and clusters must do."""
    loose = content.fallback_breaks
    candidates = loose[bisect.bisect_right(loose, a):bisect.bisect_left(loose, e)]
    text = content.text
    found = None
    lo, hi = 0, len(candidates) - 1
    while lo <= hi:  # widths grow with the end: halve
        mid = (lo + hi) // 2
        q = candidates[mid]
        end = q
        while end > a and text[end - 1] == " ":
            end -= 1
        w = content.width_within(a, end, avail) if end > a else None
        if w is None:
            hi = mid - 1
        else:
            found = (end, q, w)
            lo = mid + 1
    return found


def _skip_spaces(text: str, a: int, e: int) -> int:
    # a space that carries a mark is the mark's base: it starts the line
    while a < e and text[a] == " " and not (a + 1 < len(text) and is_combining(text[a + 1])):
        a += 1
    return a


def layout_lines(  # noqa: C901 - the Thai line breaker: one pass, its cases tested together
    content: Measured,
    width: float,
    *,
    first_indent: float = 0.0,
    left_indent: float = 0.0,
    right_indent: float = 0.0,
    start: int = 0,
    end: int | None = None,
    prefer_space: float | None = None,
) -> list[Line]:
    """Break ``content.text[start:end]`` into lines of at most ``width`` points.

    ``first_indent`` applies to the first line only when ``start == 0``.
    Lines never start with spaces (but one that carries a combining mark,
    its base); spaces at a soft break are dropped, and
    nothing is inserted at a Thai word boundary.  Text without a newline
    that fits on one line is laid out without consulting the segmenter.

    With ``prefer_space`` (a share of the line), a line that would end at a
    Thai word boundary ends at its last space instead when the line up to
    that space is at least that full: Thai separates phrases with spaces,
    and a label reads better cut between phrases than inside one.
    """
    text = content.text
    n = len(text) if end is None else end
    lines: list[Line] = []
    first = start == 0

    def avail_for(is_first: bool) -> tuple[float, float]:
        indent = left_indent + (first_indent if is_first else 0.0)
        return indent, max(width - indent - right_indent, 1.0)

    # fast path: one line, no segmenter
    s0 = _skip_spaces(text, start, n)
    e0 = n
    while e0 > s0 and text[e0 - 1] == " ":
        e0 -= 1
    if e0 - s0 <= _ONE_LINE_CHARS and "\n" not in text[s0:e0]:
        indent, avail = avail_for(first)
        w = content.measure(s0, e0)
        if w <= avail + _EPS:
            return [Line(s0, e0, text[s0:e0], w, indent, avail, "end",
                         tuple(content.pieces(s0, e0)))]

    soft_all, hard_all = content.soft_breaks, content.hard_breaks
    soft = soft_all[bisect.bisect_right(soft_all, start):bisect.bisect_left(soft_all, n)]
    hard = hard_all[bisect.bisect_right(hard_all, start):bisect.bisect_right(hard_all, n)]
    cuts = sorted(set(hard).union(soft)) if hard else soft
    bounds = [start, *[c for c in cuts if c < n], n]
    hard_set = set(hard)
    # segments: (a, e, b, hard) content text[a:e], then spaces/newline up to b
    segs: list[tuple[int, int, int, bool]] = []
    for a, b in zip(bounds, bounds[1:]):
        e = b
        while e > a and text[e - 1] in " \n":
            e -= 1
        segs.append((a, e, b, b in hard_set))

    def space_width(k: int) -> float:
        _, e, b, _h = segs[k]
        if e >= b:
            return 0.0
        stop = b
        while stop > e and text[stop - 1] == "\n":
            stop -= 1
        if stop - e > _ONE_LINE_CHARS:
            return float("inf")  # wider than any line: the line ends here
        return content.measure(e, stop)

    def make_line(a: int, e: int, w: float, indent: float, avail: float, brk: str,
                  seg_range: tuple[int, int] | None) -> Line:
        pieces: list[Piece] = []
        if seg_range is None:
            pieces = content.pieces(a, e)
        else:
            i0, i1 = seg_range
            for k in range(i0, i1):
                sa, se, sb, _h = segs[k]
                ca = a if k == i0 else sa
                pieces.extend(content.pieces(ca, se, boundary=k != i0))
                if k + 1 < i1:
                    stop = sb
                    while stop > se and text[stop - 1] == "\n":
                        stop -= 1
                    pieces.extend(content.pieces(se, stop))
        return Line(a, e, text[a:e], w, indent, avail, brk, tuple(pieces))

    i = 0
    pos: int | None = None
    while i < len(segs):
        a, e, b, is_hard = segs[i]
        line_start = _skip_spaces(text, a if pos is None else pos, e)
        indent, avail = avail_for(first)
        first = False
        long = e - line_start > _FIRST_WINDOW
        w = 0.0 if long else content.measure(line_start, e)
        if long or w > avail + _EPS:
            fallback = _fallback_fit(content, line_start, e, avail)
            if fallback is not None:
                end_at, pos, w = fallback
                lines.append(make_line(line_start, end_at, w, indent, avail,
                                       "space" if end_at < pos else "word", None))
                continue
            p, w = content.longest_fit(line_start, e, avail)
            if p < e:
                lines.append(make_line(line_start, p, w, indent, avail, "cluster", None))
                pos = p
                continue
        total = w
        j = i + 1
        at_space = (j, total) if e < b and not is_hard else None
        if not is_hard:
            pending = space_width(i)
            while j < len(segs):
                a2, e2, b2, hard2 = segs[j]
                w2 = content.width_within(a2, e2, avail - total - pending)
                if w2 is None:
                    break
                total += pending + w2
                pending = space_width(j)
                j += 1
                if hard2:
                    break
                if e2 < b2:
                    at_space = (j, total)
        la, le, lb, lhard = segs[j - 1]
        if lhard:
            brk = "newline"
        elif j >= len(segs):
            brk = "end"
        else:
            brk = "space" if le < lb else "word"
        if brk == "word" and prefer_space is not None and at_space is not None \
                and at_space[1] >= prefer_space * avail:
            j, total = at_space
            la, le, lb, lhard = segs[j - 1]
            brk = "space"
        lines.append(make_line(line_start, le, total, indent, avail, brk, (i, j)))
        i = j
        pos = None
    if not lines:
        indent, avail = avail_for(start == 0)
        lines.append(Line(start, start, "", 0.0, indent, avail, "end", ()))
    return lines
