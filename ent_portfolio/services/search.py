"""Search across every text a lecturer writes, Thai words inside unspaced
Thai text included.

Design
------
Thai is written without spaces, so a word index needs a segmenter that may
split differently from what a person types.  A character-trigram index does
not: SQLite FTS5 with ``tokenize='trigram'`` (SQLite ≥ 3.34) finds any
substring of three or more characters, so "เกษตร" is found inside
"ชุมชนเกษตรอินทรีย์บ้านนา".  Queries shorter than three characters fall back
to ``LIKE`` over the same table.

A query is words to find, never syntax: every word is quoted for FTS5 or
escaped for ``LIKE``, so quotes, ``%``, ``_``, ``\\``, ``[`` and SQL-looking
text are searched for as they are.  Characters that no stored text can hold
(NUL and other control characters, lone surrogates pasted from a broken
source) separate words.  The work is bounded whatever is typed or pasted:
only the first :data:`MAX_QUERY_CHARS` characters are read, and of their
words the first :data:`MAX_TERMS` different ones are searched for (each
word narrows the result, so more would find nothing new worth the cost).

The index is *derived* data in a file of its own beside the database
(:mod:`.search_index` says how it is kept, checked and followed; the tables
it reads are in :mod:`.search_sources`).  It persists across opens and is
updated incrementally: every search first asks SQLite whether anything was
committed since the last one (``PRAGMA data_version``, microseconds), and
only then compares the rows with what was indexed.  Writes from any source
— the windows, the command line, an archive merge, ``doctor --repair``,
another process — are therefore seen by the next search without anyone
having to remember to update the index.  :func:`rebuild_index` throws it
away and builds it again from scratch.

The work of a query is bounded whatever it matches: FTS5 stops at the
first :data:`RANKED_AT_MOST` matches, and only those are ranked (words in
the title first, then how densely the text holds them) — FTS5's bm25 would
first count every document holding each word, at 5,000 works more than the
whole search may cost.

The text recognised in a scan (``Evidence.ocr_text``) is indexed in a
column of its own, so a hit found only there says so
(:attr:`SearchHit.in_scan_text`): the lecturer then knows the word is in
the picture of a letter, as read by OCR, and not in anything typed.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import register, tr
from ..storage.portfolio import Portfolio
from .search_index import IndexStore
from .search_sources import plain_text, scanned_text

__all__ = ["KINDS", "MAX_QUERY_CHARS", "MAX_TERMS", "SearchGroup", "SearchHit", "SearchIndex", "index_for",
           "make_snippet", "plain_text", "query_terms", "rebuild_index", "scanned_text", "search"]

MIN_TRIGRAM = 3
SNIPPET_CHARS = 48
#: How much of a query is read, and how many of its words are searched for.
MAX_QUERY_CHARS = 256
MAX_TERMS = 32
#: How many of a query's matches are ranked (see :meth:`SearchIndex.query`).
RANKED_AT_MOST = 300

_SPACE = re.compile(r"\s+")

register({
    "search.in_scan_text": ("พบในข้อความที่อ่านได้จากภาพสแกน (อาจผิดบางตัวอักษร)",
                            "found in the text read from the scan (some characters may be wrong)"),
})


def query_terms(query: str) -> list[str]:
    """The words :func:`search` looks for in ``query``: split at spaces and
    at characters no stored text holds, each once (ignoring case), at most
    :data:`MAX_TERMS` of them from the first :data:`MAX_QUERY_CHARS` characters."""
    cleaned = "".join(" " if _unsearchable(ch) else ch for ch in (query or "")[:MAX_QUERY_CHARS])
    terms: dict[str, str] = {}
    for term in _SPACE.split(cleaned):
        if term and term.casefold() not in terms:
            terms[term.casefold()] = term
            if len(terms) == MAX_TERMS:
                break
    return list(terms.values())


def _unsearchable(ch: str) -> bool:
    # Control characters (NUL ends a string for SQLite) and surrogates (not
    # encodable as UTF-8) cannot be in the indexed text, which came from the
    # database; tabs and line breaks are spaces anyway.
    return ch < " " or ch == "\x7f" or "\ud800" <= ch <= "\udfff"


@dataclass(frozen=True)
class SearchHit:
    kind: str          # "work", "section", "partner", "testimonial", "evidence", …
    id: str            # the record's id (for a section: the work's id)
    title: str
    snippet: str       # the text around the first match
    target: tuple      # what to navigate to: ("work", id, "section:process"), …
    #: The words were found only in the text recognised in the scan.
    in_scan_text: bool = False

    def where_found(self, lang: str = "th") -> str:
        """"" or the note that the words are in the scan's recognised text."""
        return tr("search.in_scan_text", lang) if self.in_scan_text else ""


@dataclass
class SearchGroup:
    kind: str
    label_th: str
    label_en: str
    hits: list[SearchHit] = field(default_factory=list)

    def label(self, lang: str = "th") -> str:
        return self.label_th if lang == "th" else self.label_en


#: Record kinds in the order groups are shown, with their labels.
KINDS: dict[str, tuple[str, str]] = {
    "work": ("ผลงาน", "Works"),
    "section": ("เนื้อหาผลงาน", "Write-up sections"),
    "partner": ("ภาคีเครือข่าย", "Partners"),
    "testimonial": ("คำรับรอง", "Testimonials"),
    "evidence": ("หลักฐาน", "Evidence"),
    "activity": ("กิจกรรม", "Activities"),
    "indicator": ("ตัวชี้วัด", "Indicators"),
    "dissemination": ("การเผยแพร่", "Dissemination"),
}


class SearchIndex:
    """The trigram index of one portfolio (see :mod:`.search_index`)."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.store = IndexStore(portfolio)
        self.lock = self.store.lock

    def refresh(self) -> None:
        """Bring the index up to date with the database (a few microseconds when nothing changed)."""
        self.store.read(lambda _db: None)

    def rebuild(self) -> int:
        return self.store.rebuild()

    def query(self, query: str, limit: int = 200) -> list[SearchGroup]:
        terms = query_terms(query)
        if not terms:
            return []
        columns = "kind, record_id, title, body, scanned, target_kind, target_id, target_extra"

        def find(db) -> list[tuple]:
            if all(len(t) >= MIN_TRIGRAM for t in terms):
                match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
                # The first RANKED_AT_MOST matches (in the index's order:
                # works, then sections, …) are found, the search stopping
                # there, and only they are ranked.  Not by FTS5's bm25: it
                # counts every document holding each word first (its idf),
                # which at 5,000 works costs more than the whole search may.
                found = db.execute(f"SELECT {columns} FROM search_index.docs WHERE docs MATCH ? LIMIT ?",
                                   [match, max(limit, RANKED_AT_MOST)]).fetchall()
                rows = sorted(found, key=lambda row: _relevance(row[2], row[3], terms))[:limit]
            else:
                clauses = " AND ".join("(title || ' ' || body || ' ' || scanned) LIKE ? ESCAPE '\\'" for _ in terms)
                params = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                          for t in terms]
                rows = db.execute(f"SELECT {columns} FROM search_index.docs WHERE {clauses} LIMIT ?",
                                  [*params, limit]).fetchall()
            return rows

        rows = self.store.read(find, closed=[])
        groups = {kind: SearchGroup(kind, *labels) for kind, labels in KINDS.items()}
        for kind, record_id, title, body, scanned, target_kind, target_id, extra in rows:
            target = (target_kind, target_id, extra) if extra else (target_kind, target_id)
            snippet = make_snippet(body, terms) or make_snippet(title, terms)
            in_scan = not snippet and bool(scanned)
            if in_scan:
                snippet = make_snippet(scanned, terms)
            groups[kind].hits.append(SearchHit(kind, record_id, title, snippet, target, in_scan))
        return [g for g in groups.values() if g.hits]

    def close(self) -> None:
        self.store.close()


def _relevance(title: str, body: str, terms: list[str]) -> tuple[int, float]:
    """A sort key, best first: words in the title, then how densely the
    body holds them."""
    title, body = title.casefold(), body.casefold()
    words = [t.casefold() for t in terms]
    in_title = sum(word in title for word in words)
    density = sum(body.count(word) for word in words) / (len(body) + 200)
    return -in_title, -density


def make_snippet(textual: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """The text around the first term found, with "…" where it was cut.

    The cuts are moved to a space or a word boundary of the segmenter, so a
    snippet never starts or ends in the middle of a Thai word ("…ห้องปลอดฝุ่"
    no more); outside Thai a cut moves by at most a third of ``width``, and a
    run with no boundary that near (a long number, a URL) is cut where it falls."""
    if not textual:
        return ""
    for term in terms:
        # Matched case-insensitively in place: casefolding the whole text
        # would move positions ("ß" folds to "ss").
        found = re.search(re.escape(term), textual, re.IGNORECASE)
        if found:
            at, after = found.span()
            start = max(0, at - width)
            end = min(len(textual), after + width)
            start, end = _snap_to_words(textual, start, end, at, after, max(3, width // 3))
            return ("…" if start else "") + textual[start:end].strip() + ("…" if end < len(textual) else "")
    return ""


def _thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


_word_boundaries = None


def _snap_to_words(textual: str, start: int, end: int, term_start: int, term_end: int,
                   slack: int) -> tuple[int, int]:
    """``start`` and ``end`` moved to the nearest word boundary within
    ``slack`` characters, never into the term found."""
    global _word_boundaries
    if _word_boundaries is None:  # imported on first use: the dictionary loads with it
        from ..typeset.segmentation import word_boundaries as _word_boundaries
    # Segment a window around the snippet only (a section may be long); the
    # margin keeps the segmenter's guesses at the window's edges away from the cuts.
    margin = max(slack, 16) + 24
    lo = max(0, start - margin)
    hi = min(len(textual), end + margin)
    window = textual[lo:hi]
    cuts = {0, len(textual)} | {lo + b for b in _word_boundaries(window)}

    def nearest(pos: int, allowed, outward: int) -> int:
        if pos in (0, len(textual)):
            return pos
        # Inside a Thai word the cut always moves (Thai words are short);
        # elsewhere only by ``slack``.
        reach = max(slack, 16) if _thai(textual[pos - 1]) and _thai(textual[pos]) else slack
        near = [b for b in cuts if abs(b - pos) <= reach and allowed(b)]
        if not near:
            return pos
        # Prefer the end of a space run; then the boundary nearest the cut,
        # widening the snippet rather than narrowing it on a tie.
        spaced = [b for b in near if 0 < b < len(textual) and textual[b - 1].isspace() != textual[b].isspace()]
        return min(spaced or near, key=lambda b: (abs(b - pos), (b - pos) * outward < 0))

    return nearest(start, lambda b: b <= term_start, -1), nearest(end, lambda b: b >= term_end, 1)


_indexes: weakref.WeakKeyDictionary[Portfolio, SearchIndex] = weakref.WeakKeyDictionary()
_registry_lock = threading.Lock()


def index_for(portfolio: Portfolio) -> SearchIndex:
    with _registry_lock:
        index = _indexes.get(portfolio)
        if index is None:
            index = _indexes[portfolio] = SearchIndex(portfolio)
        return index


def search(portfolio: Portfolio, query: str, limit: int = 200) -> list[SearchGroup]:
    """Every record whose text contains all the words of ``query``, grouped
    by kind (works first).  Thai words are found inside unspaced Thai."""
    return index_for(portfolio).query(query, limit)


def rebuild_index(portfolio: Portfolio, progress: Callable[[int, int], None] | None = None, cancel=None) -> int:
    """Rebuild the search index of ``portfolio`` from its records; returns the
    number of indexed documents."""
    documents = index_for(portfolio).rebuild()
    if progress is not None:
        progress(1, 1)
    return documents
