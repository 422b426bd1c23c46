"""The faculty report's tables as a workbook: one sheet per table of the PDF
(the same rows, :mod:`.report_tables`) and a summary sheet first.

Counts are numbers and shares are fractions shown as percentages, so an
office's own formulas work on them; every sheet has its header row frozen
and a filter on it.  Cells are written by the lecturer's workbook's own
cell writer (:func:`ent_portfolio.office.workbook.write_cell`), so a name
that begins with "=" stays text here too."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..office.workbook import Column, cell_text, write_cell
from ..storage.files import atomic_write
from ..storage.paths import ensure_writable_target
from ..typeset.columns import column_width
from .report_data import FacultyReport
from .report_tables import ReportTable, period_text, report_tables, summary_rows, word

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8EDF3")
_HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
#: The workbook's column kinds for the report's ("share" is a percentage of a fraction).
_KINDS = {"text": "text", "int": "int", "share": "percent"}
#: Excel refuses sheet titles longer than this.
MAX_TITLE = 31


def _sheet_title(title: str, taken: set[str]) -> str:
    """``title`` as Excel allows a sheet to be named: short, without []:*?/\\, once."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:MAX_TITLE].strip()
    name, n = clean, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = clean[:MAX_TITLE - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _fill(ws, table: ReportTable, lang: str) -> None:
    columns = [Column((c, c), ("", ""), _KINDS[k]) for c, k in zip(table.columns, table.kinds)]
    for c, heading in enumerate(table.columns, 1):
        cell = ws.cell(row=1, column=c, value=cell_text(heading))
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
    rows = table.rows + table.totals
    for r, values in enumerate(rows, 2):
        for c, (column, value) in enumerate(zip(columns, values), 1):
            cell = write_cell(ws, r, c, value, column, lang)
            if r - 2 >= len(table.rows):
                cell.font = _HEADER_FONT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(table.rows) + 1}"
    for c, heading in enumerate(table.columns, 1):
        texts = [heading] + [str(v[c - 1]) for v in rows if isinstance(v[c - 1], str)]
        widest = max(column_width(t) for t in texts)
        ws.column_dimensions[get_column_letter(c)].width = max(10, min(60, widest + 2))


def build_workbook(report: FacultyReport, lang: str = "th") -> Workbook:
    if lang not in ("th", "en"):
        raise ValueError(f"unknown language {lang!r}")
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "EnT Portfolio"
    wb.properties.title = f"{word('title', lang)} — {period_text(report, lang)}"
    taken: set[str] = set()
    summary = [[word("year_row", lang), period_text(report, lang)]]
    if report.period is not None:
        summary.append([word("year_rule_row", lang), word("fiscal_rule", lang)])
    if report.empty:
        key = "empty_db" if report.lecturers_loaded == 0 else "empty_year"
        summary.append(["", word(key, lang, period=period_text(report, lang), lecturers=report.lecturers_loaded)])
    summary += summary_rows(report, lang)
    first = ReportTable("glance", word("at_a_glance", lang), "", [word("item", lang), word("number", lang)],
                        ["text", "int"], summary)
    for table in [first, *report_tables(report, lang)]:
        _fill(wb.create_sheet(_sheet_title(word(f"sheet_{table.key}", lang), taken)), table, lang)
    return wb


def write_report_xlsx(report: FacultyReport, out: Path | str, lang: str = "th") -> dict[str, int]:
    """Write the workbook to ``out`` in one step; return its sheets' data rows by title."""
    out = ensure_writable_target(out)
    wb = build_workbook(report, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    with atomic_write(out) as handle:
        handle.write(buffer.getvalue())
    return {ws.title: ws.max_row - 1 for ws in wb.worksheets}
