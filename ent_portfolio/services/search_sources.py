"""What the search index is made of: the portfolio's tables read as
documents, and the tables whose rows are watched for changes.

Each document comes from one row of a *document table* and is known by that
row's id; a change to a watched row says which documents to read again (a
contact person's row re-reads its partner, a heading's row every section
under it, a work's row its sections too, since a section's hit is titled
with its work's title)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_THAI_LINE_BREAK = re.compile("(?<=[\u0e00-\u0e7f])\\s*\n\\s*(?=[\u0e00-\u0e7f])")


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


@dataclass(frozen=True)
class DocumentTable:
    """One table whose rows (alias ``t``) become documents, one a row."""

    table: str
    #: Fixed per table: a document's rowid is ``code << 40 | the row's rowid``
    #: (a change of these is a change of the index's format).
    code: int
    #: SQL expressions: kind, record id, target kind, target id, target
    #: extra, title, body, scanned text.
    columns: tuple[str, str, str, str, str, str, str, str]
    joins: str = ""


def _text(*columns: str) -> str:
    return " || ' ' || ".join(f"t.{c}" for c in columns)


DOCUMENT_TABLES: dict[str, DocumentTable] = {d.table: d for d in (
    DocumentTable("work", 1, (
        "'work'", "t.id", "'work'", "t.id", "''", "t.title_th",
        _text("title_en", "province", "district", "subdistrict", "village", "courses", "problem_statement",
              "partnership_text", "benefit_community_text", "benefit_university_text", "knowledge_text",
              "impact_text"), "''")),
    DocumentTable("work_section", 2, (
        "'section'", "t.work_id", "'work'", "t.work_id", "'section:' || t.key",
        "coalesce(st.title_th, t.key) || ' — ' || w.title_th", "search_plain_text(t.content)", "''"),
        joins="JOIN work w ON w.id = t.work_id LEFT JOIN section_template st ON st.key = t.key"),
    DocumentTable("partner", 3, (
        "'partner'", "t.id", "'partner'", "t.id", "''", "t.name_th",
        _text("name_en", "province", "district", "address", "notes", "mou_note")
        + " || ' ' || coalesce((SELECT group_concat(c.name || ' ' || c.position, ' ') "
          "FROM contact_person c WHERE c.partner_id = t.id), '')", "''")),
    DocumentTable("testimonial", 4, (
        "'testimonial'", "t.id", "'testimonial'", "t.id", "''",
        "t.person_name || CASE WHEN t.organisation != '' THEN ' — ' || t.organisation ELSE '' END",
        _text("person_position", "quote", "claim"), "''")),
    DocumentTable("evidence", 5, (
        "'evidence'", "t.id", "'evidence'", "t.id", "''",
        "CASE WHEN t.caption != '' THEN t.caption ELSE t.original_name END",
        _text("original_name", "place", "camera"), "search_scanned_text(t.ocr_text)")),
    DocumentTable("activity", 6, (
        "'activity'", "t.id", "'work'", "t.work_id", "'activity:' || t.id", "t.title", _text("place", "notes"),
        "''")),
    DocumentTable("indicator", 7, (
        "'indicator'", "t.id", "'indicator'", "t.id", "''", "t.name_th", _text("name_en", "unit", "description"),
        "''")),
    DocumentTable("dissemination", 8, (
        "'dissemination'", "t.id", "'work'", "t.work_id", "'dissemination:' || t.id", "t.citation",
        _text("doi", "url"), "''")),
)}

#: The SQL functions the documents' expressions call.
SQL_FUNCTIONS = {"search_plain_text": plain_text, "search_scanned_text": scanned_text}


def insert_documents_sql(source: DocumentTable, where: str) -> str:
    """``INSERT … SELECT`` of the documents of ``source``'s rows that ``where`` picks."""
    kind, record_id, target_kind, target_id, extra, title, body, scanned = source.columns
    return (
        "INSERT INTO search_index.docs(rowid, title, body, scanned, kind, record_id, target_kind, target_id, "
        f"target_extra) SELECT ({source.code} << 40) | t.rowid, coalesce({title}, ''), coalesce({body}, ''), "
        f"coalesce({scanned}, ''), {kind}, {record_id}, {target_kind}, {target_id}, coalesce({extra}, '') "
        f"FROM main.{source.table} t {source.joins} {where}"
    )


@dataclass(frozen=True)
class WatchedTable:
    """A table whose rows are compared with what the index last read."""

    table: str
    #: The column naming the row a document is known by besides the row's
    #: own id (a contact's partner, a heading's key, a section's work).
    parent: str | None = None


WATCHED_TABLES: tuple[WatchedTable, ...] = (
    WatchedTable("work"),
    WatchedTable("work_section", "work_id"),
    WatchedTable("section_template", "key"),
    WatchedTable("partner"),
    WatchedTable("contact_person", "partner_id"),
    WatchedTable("testimonial"),
    WatchedTable("evidence"),
    WatchedTable("activity"),
    WatchedTable("indicator"),
    WatchedTable("dissemination"),
)
