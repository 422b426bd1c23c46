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

The index is *derived* data and lives in memory, one per open portfolio; it
is never written into the portfolio's database (no schema change, nothing
to migrate or merge, nothing an archive or a second writer could leave out
of date).  It is kept in sync by fingerprint rather than triggers: every
search first compares, per table, ``count(*)`` and ``max(updated_at)`` (both
cheap on indexed columns) with what the index last saw, re-indexes the rows
changed since then and drops the ids that disappeared.  Writes from any
source — the windows, the command line, an archive merge, ``doctor
--repair`` — are therefore seen by the next search without anyone having to
remember to update the index.  :func:`rebuild_index` throws it away and
builds it again from scratch.

The text recognised in a scan (``Evidence.ocr_text``) is indexed in a
column of its own, so a hit found only there says so
(:attr:`SearchHit.in_scan_text`): the lecturer then knows the word is in
the picture of a letter, as read by OCR, and not in anything typed.
"""

from __future__ import annotations

import html
import re
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import text

from ..i18n import register, tr
from ..storage.portfolio import Portfolio

MIN_TRIGRAM = 3
SNIPPET_CHARS = 48
#: How much of a query is read, and how many of its words are searched for.
MAX_QUERY_CHARS = 256
MAX_TERMS = 32

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_THAI_LINE_BREAK = re.compile("(?<=[\u0e00-\u0e7f])\\s*\n\\s*(?=[\u0e00-\u0e7f])")

register({
    "search.in_scan_text": ("พบในข้อความที่อ่านได้จากภาพสแกน (อาจผิดบางตัวอักษร)",
                            "found in the text read from the scan (some characters may be wrong)"),
})


def plain_text(markup: str | None) -> str:
    """The words of a section's simple HTML, tags and entities removed."""
    if not markup:
        return ""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def scanned_text(recognised: str | None) -> str:
    """A scan's recognised text as indexed: on one line, and a Thai word the
    scan's line break cut ("ซัง" / "ข้าวโพด") joined again, as the OCR joined
    the words within a line."""
    if not recognised:
        return ""
    return _SPACE.sub(" ", _THAI_LINE_BREAK.sub("", recognised)).strip()


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


@dataclass(frozen=True)
class _Source:
    """One table feeding the index: how to read its rows as documents."""

    table: str
    # SQL returning (doc_kind, doc_key, record_id, target kind, target id, extra, title, body[, scanned]) rows;
    # ``{where}`` is replaced by a filter on the table's alias ``t``.
    sql: str


def _section_sql() -> str:
    return (
        "SELECT 'section', s.work_id || ':' || s.key, s.work_id, 'work', s.work_id, 'section:' || s.key, "
        "coalesce(st.title_th, s.key) || ' — ' || w.title_th, s.content "
        "FROM work_section s JOIN work w ON w.id = s.work_id "
        "LEFT JOIN section_template st ON st.key = s.key {where}"
    )


SOURCES: tuple[_Source, ...] = (
    _Source("work",
            "SELECT 'work', t.id, t.id, 'work', t.id, '', t.title_th, "
            "t.title_en || ' ' || t.province || ' ' || t.district || ' ' || t.subdistrict || ' ' || "
            "t.village || ' ' || t.courses || ' ' || t.problem_statement || ' ' || t.partnership_text || ' ' || "
            "t.benefit_community_text || ' ' || "
            "t.benefit_university_text || ' ' || t.knowledge_text || ' ' || t.impact_text FROM work t {where}"),
    _Source("work_section", _section_sql().replace("{where}", "{where_s}")),
    _Source("partner",
            "SELECT 'partner', t.id, t.id, 'partner', t.id, '', t.name_th, "
            "t.name_en || ' ' || t.province || ' ' || t.district || ' ' || t.address || ' ' || t.notes || ' ' || "
            "t.mou_note || ' ' || "
            "coalesce((SELECT group_concat(c.name || ' ' || c.position, ' ') "
            "FROM contact_person c WHERE c.partner_id = t.id), '') "
            "FROM partner t {where}"),
    _Source("testimonial",
            "SELECT 'testimonial', t.id, t.id, 'testimonial', t.id, '', "
            "t.person_name || CASE WHEN t.organisation != '' THEN ' — ' || t.organisation ELSE '' END, "
            "t.person_position || ' ' || t.quote || ' ' || t.claim FROM testimonial t {where}"),
    _Source("evidence",
            "SELECT 'evidence', t.id, t.id, 'evidence', t.id, '', "
            "CASE WHEN t.caption != '' THEN t.caption ELSE t.original_name END, "
            "t.original_name || ' ' || t.place || ' ' || t.camera, coalesce(t.ocr_text, '') FROM evidence t {where}"),
    _Source("activity",
            "SELECT 'activity', t.id, t.id, 'work', t.work_id, 'activity:' || t.id, t.title, "
            "t.place || ' ' || t.notes FROM activity t {where}"),
    _Source("indicator",
            "SELECT 'indicator', t.id, t.id, 'indicator', t.id, '', t.name_th, "
            "t.name_en || ' ' || t.unit || ' ' || t.description FROM indicator t {where}"),
    _Source("dissemination",
            "SELECT 'dissemination', t.id, t.id, 'work', t.work_id, 'dissemination:' || t.id, t.citation, "
            "t.doi || ' ' || t.url FROM dissemination t {where}"),
)

# Tables whose changes re-index documents of another table.
_DEPENDENTS = {
    "contact_person": ("partner", "partner_id"),
}


class SearchIndex:
    """The in-memory trigram index of one portfolio."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.lock = threading.RLock()
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "title, body, scanned, kind UNINDEXED, doc_key UNINDEXED, record_id UNINDEXED, "
            "target_kind UNINDEXED, target_id UNINDEXED, target_extra UNINDEXED, source UNINDEXED, "
            "tokenize='trigram')"
        )
        self.seen: dict[str, tuple[int, str | None]] = {}
        self.built = False

    # -- keeping in sync ---------------------------------------------------------
    def _fingerprints(self, session) -> dict[str, tuple[int, str | None]]:
        tables = [s.table for s in SOURCES] + list(_DEPENDENTS)
        return {
            table: tuple(session.execute(text(f"SELECT count(*), max(updated_at) FROM {table}")).one())
            for table in tables
        }

    def _rows(self, session, source: _Source, ids: Iterable[str] | None = None):
        if ids is None:
            where = ""
            params = {}
        else:
            ids = list(ids)
            if not ids:
                return []
            params = {f"i{n}": v for n, v in enumerate(ids)}
            column = "s.work_id" if source.table == "work_section" else "t.id"
            where = f"WHERE {column} IN ({', '.join(':' + k for k in params)})"
        sql = source.sql.replace("{where_s}", where).replace("{where}", where)
        return session.execute(text(sql), params).all()

    def _insert(self, source: _Source, rows) -> None:
        self.db.executemany(
            "INSERT INTO docs(kind, doc_key, record_id, target_kind, target_id, target_extra, title, body, scanned, "
            "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row[:6], row[6] or "", plain_text(row[7]) if row[0] == "section" else (row[7] or ""),
              scanned_text(row[8]) if len(row) > 8 else "", source.table)
             for row in rows],
        )

    def _reindex(self, session, source: _Source, ids: list[str]) -> None:
        key_column = "record_id"
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM docs WHERE source = ? AND {key_column} IN ({marks})", [source.table, *chunk])
            self._insert(source, self._rows(session, source, chunk))

    def rebuild(self) -> None:
        with self.lock, self.portfolio.reader() as session:
            self.db.execute("DELETE FROM docs")
            for source in SOURCES:
                self._insert(source, self._rows(session, source))
            self.seen = self._fingerprints(session)
            self.db.commit()
            self.built = True

    def refresh(self) -> None:
        """Bring the index up to date with the database (cheap when nothing changed)."""
        with self.lock:
            if not self.built:
                self.rebuild()
                return
            with self.portfolio.reader() as session:
                now = self._fingerprints(session)
                if now == self.seen:
                    return
                by_table = {s.table: s for s in SOURCES}
                for table, (count, newest) in now.items():
                    old_count, old_newest = self.seen.get(table, (0, None))
                    if (count, newest) == (old_count, old_newest):
                        continue
                    if table in _DEPENDENTS:
                        parent, fk = _DEPENDENTS[table]
                        if count != old_count:  # a contact vanished: re-read every partner
                            parents = [r[0] for r in session.execute(text(f"SELECT id FROM {parent}"))]
                        else:
                            parents = [r[0] for r in session.execute(
                                text(f"SELECT DISTINCT {fk} FROM {table} WHERE updated_at >= :t"),
                                {"t": old_newest or ""})]
                        self._reindex(session, by_table[parent], parents)
                        continue
                    source = by_table[table]
                    id_column = "work_id" if table == "work_section" else "id"
                    changed = [r[0] for r in session.execute(
                        text(f"SELECT DISTINCT {id_column} FROM {table} WHERE updated_at >= :t"),
                        {"t": old_newest or ""})]
                    if table == "work":
                        # a work's title heads its sections' results too
                        self._reindex(session, by_table["work_section"], changed)
                    self._reindex(session, source, changed)
                    # Deleted rows: drop ids the table no longer has.
                    indexed = {r[0] for r in self.db.execute(
                        "SELECT DISTINCT record_id FROM docs WHERE source = ?", [table])}
                    present = {r[0] for r in session.execute(text(f"SELECT DISTINCT {id_column} FROM {table}"))}
                    gone = list(indexed - present)
                    # Rows that arrived with an older timestamp (an archive
                    # merge keeps the times of the records it brings).
                    arrived = list(present - indexed - set(changed))
                    if arrived:
                        self._reindex(session, source, arrived)
                    for start in range(0, len(gone), 500):
                        chunk = gone[start:start + 500]
                        self.db.execute(
                            f"DELETE FROM docs WHERE source = ? AND record_id IN ({', '.join('?' * len(chunk))})",
                            [table, *chunk])
                self.seen = now
                self.db.commit()

    # -- querying -----------------------------------------------------------------
    def query(self, query: str, limit: int = 200) -> list[SearchGroup]:
        terms = query_terms(query)
        if not terms:
            return []
        self.refresh()
        columns = "kind, record_id, title, body, scanned, target_kind, target_id, target_extra"
        with self.lock:
            if all(len(t) >= MIN_TRIGRAM for t in terms):
                match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
                rows = self.db.execute(
                    f"SELECT {columns} FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?", [match, limit]
                ).fetchall()
            else:
                clauses = " AND ".join("(title || ' ' || body || ' ' || scanned) LIKE ? ESCAPE '\\'" for _ in terms)
                params = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
                rows = self.db.execute(
                    f"SELECT {columns} FROM docs WHERE {clauses} LIMIT ?", [*params, limit]
                ).fetchall()
        groups = {kind: SearchGroup(kind, *labels) for kind, labels in KINDS.items()}
        for kind, record_id, title, body, scanned, target_kind, target_id, extra in rows:
            target = (target_kind, target_id, extra) if extra else (target_kind, target_id)
            snippet = make_snippet(body, terms) or make_snippet(title, terms)
            in_scan = not snippet and bool(scanned)
            if in_scan:
                snippet = make_snippet(scanned, terms)
            groups[kind].hits.append(SearchHit(kind, record_id if kind != "section" else target_id,
                                               title, snippet, target, in_scan))
        return [g for g in groups.values() if g.hits]

    def close(self) -> None:
        self.db.close()


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


def _snap_to_words(textual: str, start: int, end: int, term_start: int, term_end: int,
                   slack: int) -> tuple[int, int]:
    """``start`` and ``end`` moved to the nearest word boundary within
    ``slack`` characters, never into the term found."""
    from ..typeset.segmentation import word_boundaries  # the dictionary loads on first use

    # Segment a window around the snippet only (a section may be long); the
    # margin keeps the segmenter's guesses at the window's edges away from the cuts.
    margin = max(slack, 16) + 24
    lo = max(0, start - margin)
    hi = min(len(textual), end + margin)
    window = textual[lo:hi]
    cuts = {0, len(textual)} | {lo + b for b in word_boundaries(window)}

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
    index = index_for(portfolio)
    index.rebuild()
    if progress is not None:
        progress(1, 1)
    with index.lock:
        return index.db.execute("SELECT count(*) FROM docs").fetchone()[0]
