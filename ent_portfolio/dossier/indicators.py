"""A work's indicators as a reviewer checks them: baseline, target, latest
value and the change computed from the measurements (never typed), with a
chart of each indicator's measurements.

Under each indicator, one line per measurement says where its value came
from (source, method, who measured it): a number a committee cannot trace
is a number it does not believe.  A field left empty is printed as not
given, never dropped, so a reviewer sees the gap the lecturer has to fill."""

from __future__ import annotations

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from ..domain import models as m
from ..domain.enums import IndicatorLevel
from ..domain.indicators import indicator_change
from ..typeset import REGULAR, ThaiParagraph, escape, format_date
from .chart import IndicatorChart, number
from .composer import Composer
from .flowables import Marked
from .layout import FRAME_W, enum_label, excerpt, grid_table
from .plan import WorkData


def provenance_line(comp: Composer, mm: m.Measurement) -> str:
    """One measurement as the table prints it under its indicator (markup):
    when, the value, and its source, method and who measured it."""
    def given(text: str) -> str:
        return escape(text.strip()) if text and text.strip() else f"<i>{escape(comp.tr('not_stated'))}</i>"

    parts = [f"<b>{escape(comp.tr(key))}</b> {given(getattr(mm, field))}"
             for key, field in (("source", "source"), ("method", "method"), ("measured_by", "measured_by"))]
    when = format_date(mm.date, comp.lang, "short").replace(" ", "\u00a0")  # a date is read whole
    return f"{escape(when)}: <b>{escape(number(mm.value))}</b> — " + " · ".join(parts)


def indicators(comp: Composer, wd: WorkData) -> list[Flowable]:
    lang, w, i = comp.lang, wd.work, wd.index
    out: list[Flowable] = [CondPageBreak(160), comp.heading(comp.tr("indicators"), 1, f"w{i}-ind")]
    if not w.indicators:
        return out + [comp.p(comp.tr("no_indicators"), "note")]
    out.append(comp.p(comp.tr("indicators_intro"), "note"))
    records = comp.plan.records
    rows = [[comp.tr("indicator"), comp.tr("baseline"), comp.tr("target"), comp.tr("latest"), comp.tr("change")]]
    charts: list[Flowable] = []
    spans: list[tuple] = []
    for ind in w.indicators:
        ch = indicator_change(ind, list(ind.measurements))
        name = ind.name_en if lang == "en" and ind.name_en else ind.name_th
        first = f"<b>{escape(name)}</b><br/>" + escape(" · ".join(x for x in (
            comp.tr("unit", unit=ind.unit) if ind.unit else "", enum_label(IndicatorLevel, ind.level, lang)) if x))
        items = [e for e in wd.evidence if records[e.evidence_id].indicator_id == ind.id]
        anchors = [comp.cite(e, comp.tr("place_indicator", n=i), i) for e in items]
        if items:
            first += "<br/>" + escape(comp.tr("evidence")) + " " + ", ".join(comp.ev_link(e) for e in items)
        base = number(ch.baseline) + (f"<br/>{escape(format_date(ind.baseline_date, lang, 'short'))}"
                                      if ind.baseline_date else "")
        target = number(ch.target) + (f"<br/>{escape(format_date(ind.target_date, lang, 'short'))}"
                                      if ind.target_date else "")
        latest = number(ch.latest) + (f"<br/>{escape(format_date(ch.latest_date, lang, 'short'))}"
                                      if ch.latest_date else "")
        if ch.change is not None:
            sign = "+" if ch.change > 0 else ""
            change = f"<b>{sign}{number(ch.change)}</b>"
            if ch.change_percent is not None:
                change += f" ({sign}{number(ch.change_percent)}%)"
            verdict = []
            if ch.improved is not None:
                verdict.append(comp.tr("improved") if ch.improved else comp.tr("worsened"))
            if ch.target_reached is not None:
                verdict.append(comp.tr("reached") if ch.target_reached else comp.tr("not_reached"))
            change += "<br/>" + escape(" · ".join(verdict))
            change += "<br/>" + escape(comp.tr("measurements", n=ch.measurement_count))
        else:
            change = "–"
        rows.append([
            Marked(first, comp.st["cell"], anchors, comp.state),
            ThaiParagraph(base, comp.st["cell_right"]),
            ThaiParagraph(target, comp.st["cell_right"]),
            ThaiParagraph(latest, comp.st["cell_right"]),
            ThaiParagraph(change, comp.st["cell_small"]),
        ])
        # a row of its own per measurement: a long history splits between rows
        for mm in sorted(ind.measurements, key=lambda x: x.date):
            spans += [("SPAN", (0, len(rows)), (-1, len(rows))), ("LEFTPADDING", (0, len(rows)), (0, len(rows)), 14)]
            rows.append([ThaiParagraph(provenance_line(comp, mm), comp.st["cell_muted"]), "", "", "", ""])
        points = []
        if ind.baseline_value is not None:
            points.append((ind.baseline_date, ind.baseline_value))
        points += [(mm.date, mm.value) for mm in sorted(ind.measurements, key=lambda x: x.date)]
        if points:
            unit = f" ({ind.unit})" if ind.unit else ""
            charts.append(IndicatorChart(
                excerpt(name, 110) + unit, points, ind.target_value, lang, (FRAME_W - 12) / 2, 168,
                title_style=comp.st["chart_title"], target_label=comp.tr("chart_target"),
                baseline_label=comp.tr("chart_baseline"), unit=ind.unit,
                axis_break_note=comp.tr("chart_axis_cut")))
    out.append(grid_table(rows, [170, 64, 64, 70, 100], extra=spans))
    if charts:
        out.append(Spacer(1, 10))
        grid = [charts[k:k + 2] + ([""] if len(charts[k:k + 2]) == 1 else []) for k in range(0, len(charts), 2)]
        table = Table(grid, colWidths=[FRAME_W / 2] * 2, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ]))
        out.append(KeepTogether([comp.p(comp.tr("charts"), "note"), table]) if len(grid) <= 2
                   else table)
    return out
