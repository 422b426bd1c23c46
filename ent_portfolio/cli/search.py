"""``ent-portfolio search QUERY``: what the window's search finds, one hit a
line (``kind<TAB>title<TAB>snippet``, and a fourth column when the words
were found only in a scan's recognised text), so scripts and tests can ask.

Exit 0 when something was found and 1 when nothing was, as ``grep`` does,
so a script can test ``if ent-portfolio search …``; a sentence on standard
error says that nothing was found.  The portfolio is opened read-only."""

from __future__ import annotations

import argparse
import re
import sys

from ..errors import UserError
from ..i18n import current_language, tr
from ..i18n import register as register_messages
from . import add_command, add_portfolio_argument, echo, open_portfolio

#: Hits printed at most (the window shows at most as many).
MAX_LIMIT = 200
DEFAULT_LIMIT = 50

register_messages({
    "cli.help.search": (
        "ค้นหาคำในแฟ้มผลงาน รวมถึงข้อความที่อ่านได้จากภาพสแกน แสดงประเภท ชื่อ และข้อความรอบคำที่พบ ทีละบรรทัด",
        "search the portfolio, the text read from scans included: kind, title and the text around the hit, "
        "one a line",
    ),
    "cli.help.search.query": ("คำที่จะค้นหา (หลายคำ: ต้องพบทุกคำ)", "the words to find (several: all of them)"),
    "cli.help.search.limit": (
        f"แสดงผลที่พบไม่เกินจำนวนนี้ (ค่าเริ่มต้น {DEFAULT_LIMIT} สูงสุด {MAX_LIMIT})",
        f"print at most this many hits (default {DEFAULT_LIMIT}, at most {MAX_LIMIT})",
    ),
    "search.bad_limit": (
        "จำนวนผลที่แสดง --limit ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง {most} (ได้รับ “{value}”)",
        "--limit must be a whole number from 1 to {most} (got “{value}”).",
    ),
    "search.empty_query": (
        "ไม่มีคำให้ค้นหา โปรดพิมพ์คำที่ต้องการค้นหาอย่างน้อยหนึ่งคำ",
        "There is nothing to search for: type at least one word.",
    ),
    "search.nothing_found": ("ไม่พบ “{query}” ในแฟ้มผลงานนี้", "“{query}” was not found in this portfolio."),
})

_BLANKS = re.compile(r"\s+")


def register(sub) -> None:
    parser = add_command(sub, "search", "cli.help.search")
    add_portfolio_argument(parser)
    parser.add_argument("--limit", type=_limit, default=DEFAULT_LIMIT, metavar="N", help=tr("cli.help.search.limit"))
    parser.add_argument("query", nargs="+", metavar="QUERY", help=tr("cli.help.search.query"))
    parser.set_defaults(handler=run)


def _limit(value: str) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(tr("search.bad_limit", most=MAX_LIMIT, value=value[:20]))
    return number


def _field(textual: str) -> str:
    # A tab or a line break inside a note would split the line for a script.
    return _BLANKS.sub(" ", textual).strip()


def run(args) -> int:
    from ..services.search import query_terms, search

    query = " ".join(args.query)
    if not query_terms(query):
        raise UserError("search.empty_query")
    with open_portfolio(args, read_only=True) as portfolio:
        groups = search(portfolio, query, limit=args.limit)
    printed = 0
    for group in groups:
        for hit in group.hits:
            columns = [group.label(current_language()), _field(hit.title), _field(hit.snippet)]
            if hit.in_scan_text:
                columns.append(hit.where_found(current_language()))
            echo("\t".join(columns))
            printed += 1
    if not printed:
        print(tr("search.nothing_found", query=_field(query)[:80]), file=sys.stderr)
        return 1
    return 0

